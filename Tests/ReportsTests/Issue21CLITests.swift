import Foundation
import GRDB
import Testing
import TestSupport
@testable import Model
@testable import Reports
@testable import Store

/// Issue 21 from the command line, on a copy of the sample data: no escape sequence reaches
/// a terminal (item 4), an author is checked (item 6), an import is checked row by row.
@Suite(.serialized) final class Issue21CLITests: TestCase {
    var dir = ""
    var store: String { dir + "/followup/tertial.sqlite" }
    let figure = ["--unit", "ph-fyllingsdalen", "--indicator", "staff_user_experience", "--period", "2019-T3"]

    override func setUpWithError() throws {
        dir = NSTemporaryDirectory() + "tertial-i21-" + UUID().uuidString
        try FileManager.default.copyItem(atPath: Repo.sample, toPath: dir)
        try? FileManager.default.removeItem(atPath: dir + "/followup")
    }
    deinit { try? FileManager.default.removeItem(atPath: dir) }

    func run(_ args: [String]) throws -> (status: Int32, out: String, err: String) { try Repo.run(args + ["--data", dir]) }

    static let hostile = "own\u{1B}]0;HACKED\u{07} \u{1B}]52;c;ZXZpbA==\u{07} \u{1B}[2J \u{9B}31m x\u{202E}y"

    /// What may never reach a terminal: ESC, BEL, CSI as one C1 byte, a bidi override.
    static func assertNothingSteers(_ text: String, _ what: String) {
        XCTAssertFalse(text.unicodeScalars.contains { [0x1B, 0x07, 0x9B, 0x202E].contains($0.value) }, "\(what): \(text.debugDescription)")
    }

    @Test func testEscapeSequencesInFollowUpAndDataAreShownVisibly() throws {
        XCTAssertEqual(try run(["followup", "action"] + figure + ["--owner", "leder", "--due", "+14", "Rette tallet", "--user", "kari"]).status, 0)
        // Written past tertial's checks, as another program could.
        let q = try DatabaseQueue(path: store)
        try q.write { db in
            try db.execute(sql: "UPDATE entry SET text = ?, owner = ?, note = ? WHERE id = 1", arguments: [Self.hostile, Self.hostile, Self.hostile])
            try db.execute(sql: "INSERT INTO entry_history (entry_id, at, by, change, text, owner) VALUES (1, '2026-12-03T10:00:00Z', ?, 'edited', ?, ?)",
                           arguments: [Self.hostile, Self.hostile, Self.hostile])
        }
        try q.close()
        // And a data file's comment.
        let reports = dir + "/reports/2019-T3.csv"
        try (try String(contentsOfFile: reports, encoding: .utf8) + "2019-T3;ph-vest;service_users;480;\"\(Self.hostile)\"\n")
            .write(toFile: reports, atomically: true, encoding: .utf8)
        var outputs = [(String, String)]()
        for f in ["text", "md", "csv", "json"] {
            let r = try run(["followup", "list", "--format", f])
            XCTAssertEqual(r.status, 0, r.err)
            outputs.append(("followup list \(f)", r.out))
        }
        for f in ["text", "md", "html", "json"] {
            let r = try run(["report", "--period", "2019-T3", "--unit", "ph-vest", "--format", f])
            XCTAssertEqual(r.status, 0, r.err)
            outputs.append(("report \(f)", r.out + r.err))
        }
        let sheet = try run(["report", "corporater", "--period", "2019-T3", "--unit", "ph-vest", "--format", "csv"])
        outputs.append(("corporater", sheet.out))
        let export = try run(["store", "export"])
        XCTAssertEqual(export.status, 0, export.err)
        outputs.append(("store export", export.out))
        let check = try Repo.run(["check", dir, "--quality"])
        outputs.append(("check --quality", check.out + check.err))
        for (what, text) in outputs { Self.assertNothingSteers(text, what) }
        // Shown, not dropped: the text a leader reads still says what was there.
        XCTAssertTrue(outputs[0].1.contains("own\\u001b]0;HACKED\\u0007"), outputs[0].1)
        XCTAssertTrue(export.out.contains("\\u001b[2J"), export.out)
        // The same file written with --output.
        let out = dir + "/list.txt"
        XCTAssertEqual(try Repo.run(["followup", "list", "--data", dir, "--output", out]).status, 0)
        Self.assertNothingSteers(try String(contentsOfFile: out, encoding: .utf8), "--output")
    }

    /// Where a person types, a control character is refused with a message saying why.
    @Test func testControlCharactersAreRefusedWhereAPersonTypes() throws {
        let text = try run(["followup", "comment"] + figure + ["a\u{1B}[2Jb", "--user", "kari"])
        XCTAssertEqual(text.status, 1)
        XCTAssertTrue(text.err.contains("kontrolltegn"), text.err)
        let owner = try run(["followup", "action"] + figure + ["--owner", "x\u{07}", "--due", "+3", "Tiltak", "--user", "kari"])
        XCTAssertEqual(owner.status, 1)
        XCTAssertTrue(owner.err.contains("Ansvarlig"), owner.err)
        for user in ["x\u{1B}]0;y\u{07}", "01017012343", "010170_12343", "   ", String(repeating: "a", count: 65)] {
            let r = try run(["followup", "comment"] + figure + ["Tekst", "--user", user])
            XCTAssertEqual(r.status, 64, "--user \(user.debugDescription): \(r.err)")
            XCTAssertFalse(r.err.contains("12343"), r.err)
            Self.assertNothingSteers(r.err, "--user message")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: store + "-wal") && (try? DatabaseQueue(path: store).read { try Int.fetchOne($0, sql: "SELECT count(*) FROM entry") }) != 0,
                       "nothing was saved")
    }

    /// `store import` checks every field as a new entry is checked; a bad file is refused
    /// with every problem located and nothing is written.
    @Test func testAnImportIsCheckedAsNewEntriesAre() throws {
        XCTAssertEqual(try run(["followup", "comment"] + figure + ["Tallet er 12", "--user", "kari"]).status, 0)
        let export = try run(["store", "export"]).out
        var lines = export.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 2)
        let good = lines[1]
        func row(_ change: (inout [String]) -> Void) -> String {
            var f = good.split(separator: ";", omittingEmptySubsequences: false).map(String.init)
            change(&f)
            return f.joined(separator: ";")
        }
        lines = [lines[0],
                 row { $0[0] = "2"; $0[7] = "01017012343" },             // line 2: an author of 11 digits
                 row { $0[0] = "3"; $0[2] = "ph-ukjent" },               // line 3: an unknown unit
                 row { $0[0] = "4"; $0[3] = "ukjent_indikator" },        // line 4: an unknown indicator
                 row { $0[0] = "5"; $0[4] = "1000-T1" },                 // line 5: a period outside the years
                 row { $0[0] = "6"; $0[8] = "a\u{1B}[2Jb" },             // line 6: an escape sequence
                 row { $0[0] = "7"; $0[6] = "i går" }]                   // line 7: not a time
        let file = dir + "/import.csv"
        try (lines.joined(separator: "\n") + "\n").write(toFile: file, atomically: true, encoding: .utf8)
        let other = dir + "/other.sqlite"
        let r = try Repo.run(["store", "import", file, "--data", dir, "--store", other, "--lang", "en"])
        XCTAssertEqual(r.status, 1, r.err)
        for (line, field) in [(2, "by"), (3, "unit"), (4, "indicator"), (5, "period"), (6, "text"), (7, "at")] {
            XCTAssertTrue(r.err.contains("import.csv:\(line): \(field): "), "line \(line) \(field): \(r.err)")
        }
        XCTAssertFalse(r.err.contains("12343"), r.err)
        Self.assertNothingSteers(r.err, "import messages")
        XCTAssertFalse(FileManager.default.fileExists(atPath: other), "nothing was written")
        // The export as it was imports.
        try export.write(toFile: file, atomically: true, encoding: .utf8)
        let ok = try Repo.run(["store", "import", file, "--data", dir, "--store", other])
        XCTAssertEqual(ok.status, 0, ok.err)
    }

    /// Item 7: `report --format json` and `check --quality` named case ids without
    /// `--with-cases` ("Sak VL-2019-0066: behandlet på 42 dager …").
    @Test func testNoCaseIDWithoutWithCases() throws {
        let periods = ["--period", "2019-T3"]
        var outputs = [(String, String)]()
        for f in ["text", "md", "html", "json", "csv"] {
            let r = try run(["report"] + periods + ["--format", f])
            XCTAssertEqual(r.status, 0, r.err)
            outputs.append(("report \(f)", r.out))
        }
        let q = try Repo.run(["check", dir, "--quality"])
        outputs.append(("check --quality", q.out))
        for (what, text) in outputs {
            XCTAssertNil(text.range(of: #"VL-\d{4}-\d{4}"#, options: .regularExpression), "\(what) names a case: \(text)")
        }
        XCTAssertTrue(q.out.contains("En sak: behandlet på"), q.out)
        // Asked for, they are there.
        let withCases = try run(["report"] + periods + ["--format", "json", "--with-cases"])
        XCTAssertNotNil(withCases.out.range(of: #"Sak VL-\d{4}-\d{4}: behandlet"#, options: .regularExpression), withCases.out)
    }

    /// Item 8: a read never creates a store, and a data directory that is not there is an
    /// error for every command (`followup list --data /a/typo` answered "Ingen." and made
    /// typo/followup/tertial.sqlite).
    @Test func testAReadNeverCreatesAStore() throws {
        let typo = dir + "-typo"
        for args in [["followup", "list"], ["store", "check"], ["store", "export"], ["followup", "comment"] + figure + ["Tekst"]] {
            let r = try Repo.run(args + ["--data", typo])
            XCTAssertEqual(r.status, 1, "\(args): \(r.err)")
            XCTAssertTrue(r.err.contains("finnes ikke"), r.err)
            XCTAssertFalse(FileManager.default.fileExists(atPath: typo), "\(args) made \(typo)")
        }
        let list = try run(["followup", "list"])
        XCTAssertEqual(list.status, 0, list.err)
        XCTAssertTrue(list.err.contains("Ingen oppfølging ennå"), list.err)
        let check = try run(["store", "check"])
        XCTAssertEqual(check.status, 0, check.err)
        XCTAssertEqual(try run(["store", "export"]).status, 1)
        XCTAssertEqual(try run(["report", "--period", "2019-T3"]).status, 0)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir + "/followup"), "reading made a store")
        // The first write makes it.
        XCTAssertEqual(try run(["followup", "comment"] + figure + ["Tekst", "--user", "kari"]).status, 0)
        XCTAssertTrue(FileManager.default.fileExists(atPath: store))
    }

    static func mode(_ path: String) -> Int { ((try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions]) as? Int) ?? -1 }

    /// Item 9: tertial opens only its own database, made owner-only, and marks it.
    @Test func testTheStoreIsTertialsOwn() throws {
        let comment = ["followup", "comment"] + figure + ["Tekst", "--user", "kari"]
        // Someone's empty file named by a store: line.
        let empty = dir + "/someone.db"
        _ = FileManager.default.createFile(atPath: empty, contents: Data(), attributes: [.posixPermissions: 0o644])
        try "store: someone.db\n".write(toFile: dir + "/tertial.conf", atomically: true, encoding: .utf8)
        var r = try run(comment)
        XCTAssertEqual(r.status, 1, r.err)
        XCTAssertTrue(r.err.contains("ikke en oppfølgingsdatabase fra tertial"), r.err)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: empty)).count, 0, "the file is untouched")
        XCTAssertEqual(Self.mode(empty), 0o644)
        try FileManager.default.removeItem(atPath: dir + "/tertial.conf")
        // Another program's SQLite database, named by --store or reached through a link.
        let other = dir + "/other.sqlite"
        let q = try DatabaseQueue(path: other)
        try q.write { try $0.execute(sql: "CREATE TABLE notes (x TEXT); INSERT INTO notes VALUES ('theirs')") }
        try q.close()
        r = try Repo.run(comment + ["--data", dir, "--store", other])
        XCTAssertEqual(r.status, 1, r.err)
        try FileManager.default.createDirectory(atPath: dir + "/followup", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: store, withDestinationPath: other)
        r = try run(comment)
        XCTAssertEqual(r.status, 1, r.err)
        XCTAssertTrue(r.err.contains("symbolsk lenke"), r.err)
        let tables = try DatabaseQueue(path: other).read { try String.fetchAll($0, sql: "SELECT name FROM sqlite_master WHERE type = 'table'") }
        XCTAssertEqual(tables, ["notes"], "no table of tertial's was added")
        try FileManager.default.removeItem(atPath: store)
        // A file: URI would have made a 0644 file.
        r = try Repo.run(comment + ["--data", dir, "--store", "file:" + dir + "/uri.sqlite?mode=rwc"])
        XCTAssertEqual(r.status, 1, r.err)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir + "/uri.sqlite"))
        // Its own: 0600 files in a 0700 folder, marked as tertial's.
        try FileManager.default.removeItem(atPath: dir + "/followup")
        XCTAssertEqual(try run(comment).status, 0)
        XCTAssertEqual(Self.mode(dir + "/followup"), 0o700)
        for f in [store, store + "-wal", store + "-shm"] where FileManager.default.fileExists(atPath: f) { XCTAssertEqual(Self.mode(f), 0o600, f) }
        let id = try DatabaseQueue(path: store).read { try Int32.fetchOne($0, sql: "PRAGMA application_id") }
        XCTAssertEqual(id, SQLiteStore.applicationID)
        // A store made before the mark (application_id 0, its first migration only) is still ours.
        let q2 = try DatabaseQueue(path: store)
        try q2.write { db in
            try db.execute(sql: "PRAGMA application_id = 0")
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier LIKE 'v2:%'")
        }
        try q2.close()
        XCTAssertEqual(try run(comment).status, 0)
        XCTAssertEqual(try DatabaseQueue(path: store).read { try Int32.fetchOne($0, sql: "PRAGMA application_id") }, SQLiteStore.applicationID)
    }

    /// Item 10: `--output X --force` replaced the device /dev/full with a regular file (as
    /// root). Only a regular file (or a link's own name) is ever replaced; `--output ""` says
    /// that a name is missing, not that the folder "." does not exist.
    @Test func testForceNeverReplacesADeviceOrAPipe() throws {
        let fifo = dir + "/pipe"
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        XCTAssertThrowsError(try FileOutput.write("x", to: fifo, force: true)) { e in
            guard case FileOutput.Failure.notAFile = e else { return XCTFail("\(e)") }
        }
        var st = stat()
        XCTAssertEqual(lstat(fifo, &st), 0)
        XCTAssertEqual(st.st_mode & S_IFMT, S_IFIFO, "the pipe is still a pipe")
        XCTAssertThrowsError(try FileOutput.write("x", to: dir + "/reports", force: true))
        var isDir: ObjCBool = false
        XCTAssertTrue(FileManager.default.fileExists(atPath: dir + "/reports", isDirectory: &isDir) && isDir.boolValue)
        let r = try Repo.run(["report", "--data", dir, "--output", "/dev/null", "--force"])
        XCTAssertEqual(r.status, 73, r.err)
        XCTAssertTrue(r.err.contains("ikke en vanlig fil"), r.err)
        let empty = try Repo.run(["report", "--data", dir, "--output", ""])
        XCTAssertEqual(empty.status, 73, empty.err)
        XCTAssertTrue(empty.err.contains("trenger et filnavn"), empty.err)
        // A regular file is still replaced with --force.
        try "old".write(toFile: dir + "/r.md", atomically: true, encoding: .utf8)
        try FileOutput.write("new", to: dir + "/r.md", force: true)
        XCTAssertEqual(try String(contentsOfFile: dir + "/r.md", encoding: .utf8), "new")
    }

    /// Item 18: messages that misled. 2 000 emoji of two code points each met SQLite's raw
    /// CHECK text; a damaged store was "made by a newer tertial"; `store import` spoke English.
    @Test func testMessagesSayWhatIsWrong() throws {
        let emoji = String(repeating: "👍🏽", count: 1_500) // 1 500 characters, 3 000 code points
        let long = try run(["followup", "comment"] + figure + [emoji, "--user", "kari"])
        XCTAssertEqual(long.status, 1)
        XCTAssertTrue(long.err.contains("for lang (høyst 2000 tegn)"), long.err)
        XCTAssertFalse(long.err.uppercased().contains("CHECK"), long.err)
        // A store from a newer tertial, and a damaged one.
        XCTAssertEqual(try run(["followup", "comment"] + figure + ["Tekst", "--user", "kari"]).status, 0)
        let q = try DatabaseQueue(path: store)
        try q.write { try $0.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v9: from the future')") }
        try q.writeWithoutTransaction { try $0.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        try q.close()
        let newer = try run(["followup", "list"])
        XCTAssertEqual(newer.status, 1)
        XCTAssertTrue(newer.err.contains("nyere tertial"), newer.err)
        var bytes = try Data(contentsOf: URL(fileURLWithPath: store))
        for k in stride(from: 4096, to: bytes.count, by: 3) { bytes[k] = 0x5A }
        try bytes.write(to: URL(fileURLWithPath: store))
        let damaged = try run(["followup", "list"])
        XCTAssertEqual(damaged.status, 1)
        XCTAssertFalse(damaged.err.contains("nyere tertial"), damaged.err)
        XCTAssertTrue(damaged.err.contains("skadet"), damaged.err)
        // store import in bokmål.
        let file = dir + "/bad.csv"
        try (FollowUpExport.header.joined(separator: ";") + "\nx;comment;ph-vest;staff;2019-T3;created;2026-12-03T10:00:00Z;kari;t;;;;;\n")
            .write(toFile: file, atomically: true, encoding: .utf8)
        let imp = try Repo.run(["store", "import", file, "--data", dir, "--store", dir + "/new.sqlite"])
        XCTAssertEqual(imp.status, 1)
        XCTAssertTrue(imp.err.contains("bad.csv:2: entry_id: «x» er ikke et oppføringsnummer"), imp.err)
    }

    /// "Done when": `check` on a file with a stray quote names the line and exits 1.
    @Test func testCheckNamesTheLineOfAStrayQuoteAndExits1() throws {
        let file = dir + "/reports/2020-T1.csv"
        var lines = try String(contentsOfFile: file, encoding: .utf8).components(separatedBy: "\n")
        lines[4] += "\"skjerm 24 levert"
        try lines.joined(separator: "\n").write(toFile: file, atomically: true, encoding: .utf8)
        let r = try Repo.run(["check", dir, "--lang", "en"])
        XCTAssertEqual(r.status, 1, r.out + r.err)
        XCTAssertTrue((r.out + r.err).contains("reports/2020-T1.csv:5: the field that starts with a quote on line 5 is never closed"), r.out + r.err)
    }

    /// Every file tertial writes (the dashboard's export too) goes through `FileOutput`,
    /// which writes control characters visibly.
    @Test func testEveryWrittenFileShowsControlCharactersVisibly() throws {
        let path = dir + "/export.md"
        try FileOutput.write("# Rapport\n" + Self.hostile + "\n", to: path, force: false)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        Self.assertNothingSteers(text, "export")
        XCTAssertTrue(text.contains("own\\u001b]0;HACKED\\u0007"), text)
        XCTAssertTrue(text.hasPrefix("# Rapport\n"))
    }

    /// Item 9's first version set the -wal/-shm modes through a descriptor it then closed,
    /// which dropped SQLite's POSIX locks in that process: a writer elsewhere reset the
    /// shared memory and died of SIGBUS. Readers opening the store over and over while a
    /// writer writes leave the writer running and every entry it reported there.
    @Test func testReadersOpeningTheStoreNeverBreakAWriter() throws {
        guard let bench = Repo.benchBinary else { try skip("tertial-bench is not built; run swift build first") }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: bench)
        p.arguments = ["store-writer", store, "--count", "1000000", "--tag", "R"]
        let out = Pipe()
        p.standardOutput = out
        p.standardError = Pipe()
        try p.run()
        for _ in 0..<30 {
            _ = try? Repo.run(["store", "check", "--data", dir])
            usleep(50_000)
        }
        XCTAssertTrue(p.isRunning, "the writer is still running (it died of SIGBUS before the fix)")
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
        let lines = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).split(separator: "\n")
        let s = try SQLiteStore(path: store)
        XCTAssertEqual(try s.integrityCheck(), "ok")
        let ids = Set(try s.all().map(\.id))
        XCTAssertTrue(lines.allSatisfy { ids.contains(Int64($0) ?? -1) })
        XCTAssertGreaterThan(lines.count, 0)
    }
}
