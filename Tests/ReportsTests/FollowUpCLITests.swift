import Foundation
import GRDB
import Testing
import TestSupport
@testable import Model
@testable import Reports
@testable import Store

/// Follow-up from the command line and in the reports (issue 12), with a real store in a
/// copy of the sample data.
@Suite(.serialized) final class FollowUpCLITests: TestCase {
    var dir = ""
    var store: String { dir + "/followup/tertial.sqlite" }

    override func setUpWithError() throws {
        dir = NSTemporaryDirectory() + "tertial-fu-" + UUID().uuidString
        try FileManager.default.copyItem(atPath: Repo.sample, toPath: dir)
        // A developer's own follow-up on the sample data (gitignored) is not the test's.
        try? FileManager.default.removeItem(atPath: dir + "/followup")
    }

    deinit { try? FileManager.default.removeItem(atPath: dir) }

    func run(_ args: [String]) throws -> (status: Int32, out: String, err: String) {
        try Repo.run(args + ["--data", dir])
    }

    /// The meeting's story: a comment and an action on Fyllingsdalen's stored 0 in T3 2019,
    /// the action under way, then found in the tertial report, the Corporater sheet and the list.
    @Test func testACommentAndAnActionReachTheReports() throws {
        let figure = ["--unit", "ph-fyllingsdalen", "--indicator", "staff_user_experience", "--period", "2019-T3"]
        let c = try run(["followup", "comment"] + figure + ["Tallet er 12, lagret som 0", "--user", "kari"])
        XCTAssertEqual(c.status, 0, c.err)
        let a = try run(["followup", "action"] + figure + ["--owner", "enhetsleder Vest", "--due", "+14", "Rette tallet i Corporater", "--user", "kari"])
        XCTAssertEqual(a.status, 0, a.err)
        let id = a.out.trimmingCharacters(in: .whitespacesAndNewlines)
        XCTAssertEqual(try run(["followup", "status", id, "in_progress", "--user", "ola"]).status, 0)

        let report = try run(["report", "--period", "2019-T3", "--unit", "ph-vest"])
        XCTAssertEqual(report.status, 0, report.err)
        XCTAssertTrue(report.out.contains("Ansatte med brukererfaring · Psykisk helse Fyllingsdalen: Kommentar: Tallet er 12, lagret som 0; Tiltak: Rette tallet i Corporater (enhetsleder Vest, frist "), report.out)
        XCTAssertTrue(report.out.contains("pågår)"), report.out)
        XCTAssertTrue(report.out.contains("Oppfølging\n----------"), report.out)
        let sheet = try run(["report", "corporater", "--period", "2019-T3", "--unit", "ph-vest", "--format", "csv"])
        let row = sheet.out.split(separator: "\n").first { $0.contains(";ph-fyllingsdalen;staff_user_experience;") }.map(String.init) ?? ""
        XCTAssertTrue(row.hasSuffix(";Tallet er 12, lagret som 0"), row)

        let csv = try run(["followup", "list", "--open", "--format", "csv"])
        let lines = csv.out.split(separator: "\n")
        XCTAssertEqual(lines.count, 2, csv.out)
        XCTAssertTrue(lines[1].hasPrefix("\(id);action;ph-fyllingsdalen;staff_user_experience;2019-T3;Rette tallet i Corporater;enhetsleder Vest;"), csv.out)
        XCTAssertTrue(lines[1].contains(";in_progress;"), csv.out)
        // Bergen Vest's scope holds Fyllingsdalen (its predecessor); Bergen Nord's does not.
        XCTAssertTrue(try run(["followup", "list", "--unit", "ph-vest"]).out.contains("Rette tallet"))
        XCTAssertFalse(try run(["followup", "list", "--unit", "ph-nord"]).out.contains("Rette tallet"))
    }

    @Test func testAReportNeverCreatesAStore() throws {
        XCTAssertEqual(try run(["report", "--period", "2019-T3"]).status, 0)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir + "/followup"), "reading must not write")
    }

    @Test func testAnIdentityNumberOrAnUnknownFigureIsRefused() throws {
        let fnr = try XCTUnwrap(TestData.validIdentityNumber())
        let r = try run(["followup", "comment", "--unit", "ph-vest", "--indicator", "staff_user_experience", "--period", "2019-T3", "Gjelder \(fnr)"])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.err.contains("fødselsnummer"), r.err)
        XCTAssertFalse(r.err.contains(fnr), "the number is not echoed")
        let u = try run(["followup", "comment", "--unit", "nowhere", "--indicator", "staff_user_experience", "--period", "2019-T3", "x"])
        XCTAssertEqual(u.status, 64, u.err)
        let i = try run(["followup", "comment", "--unit", "ph-vest", "--indicator", "nothing", "--period", "2019-T3", "x"])
        XCTAssertEqual(i.status, 64, i.err)
        XCTAssertTrue(i.err.contains("ukjent indikator «nothing»"), i.err)
    }

    /// `tertial-bench store-writer` processes, one per tag, writing 1 000 entries each at once.
    func writers(_ bench: String, _ tags: [String], to store: String) throws -> [Process] {
        try tags.map { tag in
            let p = Process()
            p.executableURL = URL(fileURLWithPath: bench)
            p.arguments = ["store-writer", store, "--count", "1000", "--tag", tag]
            p.standardOutput = FileHandle.nullDevice
            try p.run()
            return p
        }
    }

    /// Two processes writing 1 000 entries each at once lose none; every entry has its history.
    @Test func testTwoWritersAtOnceLoseNothing() throws {
        guard let bench = Repo.benchBinary else { try skip("tertial-bench is not built; run swift build first") }
        let procs = try writers(bench, ["A", "B"], to: store)
        for p in procs { p.waitUntilExit(); XCTAssertEqual(p.terminationStatus, 0) }
        let s = try SQLiteStore(path: store)
        let all = try s.all()
        XCTAssertEqual(all.count, 2000)
        for tag in ["A", "B"] {
            XCTAssertEqual(Set(all.filter { $0.createdBy == "writer-\(tag)" }.map(\.text)).count, 1000, tag)
        }
        XCTAssertEqual(try s.db.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM entry_history WHERE change = 'created'") }, 2000, "every entry has its history")
        XCTAssertEqual(try s.db.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM entry e WHERE NOT EXISTS (SELECT 1 FROM entry_history h WHERE h.entry_id = e.id)") }, 0)
        XCTAssertEqual(try s.integrityCheck(), "ok")
    }

    #if TERTIAL_POSTGRES
    /// Eight processes writing 1 000 entries each at once to one PostgreSQL database lose
    /// none, double none, and leave every entry with its history; `store check` says ok and
    /// `store export` lists all 8 000.
    @Test func testEightWritersOnPostgreSQLLoseNothing() throws {
        guard let bench = Repo.benchBinary else { try skip("tertial-bench is not built; run swift build first") }
        guard let server = ProcessInfo.processInfo.environment["TERTIAL_TEST_POSTGRES"], !server.isEmpty else {
            try skip("no PostgreSQL server (set TERTIAL_TEST_POSTGRES)")
        }
        let admin = try PostgresStore(server)
        let db = "tertial_writers_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(10).lowercased()
        try admin.unchecked("CREATE DATABASE \(db)")
        defer { try? admin.unchecked("DROP DATABASE IF EXISTS \(db) WITH (FORCE)") }
        var c = URLComponents(string: server)!
        c.path = "/" + db
        let url = c.string!
        _ = try PostgresStore(url) // the schema once, before the race of the writers' first statements
        let tags = (1...8).map { "P\($0)" }
        let procs = try writers(bench, tags, to: url)
        for p in procs { p.waitUntilExit(); XCTAssertEqual(p.terminationStatus, 0) }
        let s = try PostgresStore(url)
        let all = try s.all()
        XCTAssertEqual(all.count, 8000)
        XCTAssertEqual(Set(all.map(\.id)).count, 8000)
        for tag in tags { XCTAssertEqual(Set(all.filter { $0.createdBy == "writer-\(tag)" }.map(\.text)).count, 1000, tag) }
        XCTAssertEqual(try s.exportRows().filter { $0.change == .created }.count, 8000, "every entry has its history")
        XCTAssertEqual(try s.integrityCheck(), "ok")
        let check = try run(["store", "check", "--store", url])
        XCTAssertEqual(check.status, 0, check.out + check.err)
        XCTAssertTrue(check.out.contains("integritetssjekk: ok"), check.out)
    }
    #endif

    #if TERTIAL_POSTGRES
    /// `store init --access`: roles and their units from a file, each unit's whole scope, and
    /// what was done said; a unit not in units.csv, a bad role name, or a SQLite store is
    /// refused with a located message and nothing changed. Then a leader's role writes its
    /// own unit from the command line and is refused another's.
    @Test func testStoreInitWithAccessOnPostgreSQL() throws {
        guard let server = ProcessInfo.processInfo.environment["TERTIAL_TEST_POSTGRES"], !server.isEmpty else {
            try skip("no PostgreSQL server (set TERTIAL_TEST_POSTGRES)")
        }
        let admin = try PostgresStore(server)
        let db = "tertial_access_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(10).lowercased()
        try admin.unchecked("CREATE DATABASE \(db)")
        let role = "vest_" + db.suffix(6)
        defer {
            try? admin.unchecked("DROP DATABASE IF EXISTS \(db) WITH (FORCE)")
            try? admin.unchecked("DROP ROLE IF EXISTS \(role)")
        }
        var c = URLComponents(string: server)!
        c.path = "/" + db
        let url = c.string!
        let access = dir + "/access.csv"
        try "role;unit\n\(role);ph-vest\n".write(toFile: access, atomically: true, encoding: .utf8)
        let r = try run(["store", "init", "--store", url, "--access", access])
        XCTAssertEqual(r.status, 0, r.out + r.err)
        XCTAssertTrue(r.out.contains("v2: access and row-level security"), r.out)
        XCTAssertTrue(r.out.contains("created login role \(role)"), r.out)
        XCTAssertTrue(r.out.contains("\(role) may write follow-up for 3 units: ph-fyllingsdalen, ph-laksevag, ph-vest"), r.out)
        // Refusals, each saying where.
        try "role;unit\n\(role);ph-nowhere\n".write(toFile: access, atomically: true, encoding: .utf8)
        let unknown = try run(["store", "init", "--store", url, "--access", access])
        XCTAssertEqual(unknown.status, 1)
        XCTAssertTrue(unknown.err.contains("enheten «ph-nowhere» finnes ikke i units.csv"), unknown.err)
        try "role;unit\nVest-Leder;ph-vest\n".write(toFile: access, atomically: true, encoding: .utf8)
        let bad = try run(["store", "init", "--store", url, "--access", access])
        XCTAssertEqual(bad.status, 1)
        XCTAssertTrue(bad.err.contains("access.csv:2: «Vest-Leder» er ikke et rollenavn"), bad.err)
        let sqlite = try run(["store", "init", "--access", access])
        XCTAssertEqual(sqlite.status, 1)
        XCTAssertTrue(sqlite.err.contains("--access gjelder bare en PostgreSQL-database"), sqlite.err)
        // The role at work: its own unit yes, Bergen Nord no (the server's refusal, in bokmål).
        var asRole = URLComponents(string: url)!
        asRole.user = role
        let figure = ["--indicator", "staff_user_experience", "--period", "2020-T3", "--store", asRole.string!]
        let own = try run(["followup", "comment", "--unit", "ph-vest"] + figure + ["Vår vurdering"])
        XCTAssertEqual(own.status, 0, own.err)
        let other = try run(["followup", "comment", "--unit", "ph-nord"] + figure + ["Blande seg inn"])
        XCTAssertNotEqual(other.status, 0)
        XCTAssertTrue(other.err.contains("rollen \(role) kan ikke skrive oppfølging for ph-nord"), other.err)
        XCTAssertEqual(try PostgresStore(url).all().map(\.text), ["Vår vurdering"])
    }
    #endif

    /// A writer killed with SIGKILL in the middle leaves a sound database with every entry it
    /// had committed.
    @Test func testAWriterKilledMidWriteLeavesASoundDatabase() throws {
        guard let bench = Repo.benchBinary else { try skip("tertial-bench is not built; run swift build first") }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: bench)
        p.arguments = ["store-writer", store, "--count", "1000000", "--tag", "K"]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        // Let it commit for a while, then kill it without warning.
        let deadline = Date().addingTimeInterval(10)
        var committed = 0
        while Date() < deadline, committed < 200 {
            usleep(50_000)
            committed = (try? SQLiteStore(path: store).all().count) ?? 0
        }
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
        XCTAssertEqual(p.terminationReason, .uncaughtSignal)
        // What it reported as committed (one line per entry) is all there.
        let lines = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).split(separator: "\n")
        let s = try SQLiteStore(path: store)
        XCTAssertEqual(try s.integrityCheck(), "ok")
        let ids = Set(try s.all().map(\.id))
        XCTAssertGreaterThanOrEqual(ids.count, lines.count)
        for line in lines { XCTAssertTrue(ids.contains(Int64(line) ?? -1), "committed entry \(line) is missing") }
    }

    /// A store the user may read but not write: the list works, a write is refused with a
    /// Norwegian message, nothing changes. Run as another user when the tests run as root
    /// (root may write anywhere).
    @Test func testAReadOnlyStoreIsReadAndNotWritten() throws {
        let figure = ["--unit", "ph-vest", "--indicator", "staff_user_experience", "--period", "2019-T3"]
        XCTAssertEqual(try run(["followup", "comment"] + figure + ["Vurdering"]).status, 0)
        var prefix = [String]()
        if getuid() == 0 {
            guard FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") else { try skip("needs setpriv to act as another user") }
            // nobody may read the copy (and walk to it) but not write in it.
            for p in [dir, dir + "/followup"] { chmod(p, 0o755) }
            chmod(store, 0o644)
            var parent = (dir as NSString).deletingLastPathComponent
            while parent != "/" { chmod(parent, (try FileManager.default.attributesOfItem(atPath: parent)[.posixPermissions] as? Int).map { mode_t($0) | 0o011 } ?? 0o755); parent = (parent as NSString).deletingLastPathComponent }
            prefix = ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--"]
        } else {
            chmod(store, 0o400); chmod(dir + "/followup", 0o500)
        }
        defer { chmod(dir + "/followup", 0o700); chmod(store, 0o600) }
        let bin = try XCTUnwrap(Repo.binary)
        func asReader(_ args: [String]) throws -> (Int32, String, String) {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: prefix.first ?? bin)
            p.arguments = Array(prefix.dropFirst()) + (prefix.isEmpty ? [] : [bin]) + args + ["--data", dir]
            let o = Pipe(), e = Pipe()
            p.standardOutput = o; p.standardError = e
            try p.run()
            let out = o.fileHandleForReading.readDataToEndOfFile(), err = e.fileHandleForReading.readDataToEndOfFile()
            p.waitUntilExit()
            return (p.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
        }
        let list = try asReader(["followup", "list"])
        XCTAssertEqual(list.0, 0, list.2)
        XCTAssertTrue(list.1.contains("Vurdering"), list.1 + list.2)
        let write = try asReader(["followup", "comment"] + figure + ["Ny"])
        XCTAssertEqual(write.0, 1)
        XCTAssertTrue(write.2.contains("skrivebeskyttet"), write.2)
        XCTAssertEqual(try SQLiteStore(path: store).all().count, 1)
    }
}
