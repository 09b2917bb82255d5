import Foundation
import GRDB
import Testing
import TestSupport
@testable import Model
@testable import Store

/// The follow-up store (issue 12): entries, history, the rules it refuses by, and its file.
@Suite(.serialized) final class SQLiteStoreTests: TestCase {
    var dir = ""
    var path: String { dir + "/followup/tertial.sqlite" }
    let vest = Entry.Key(unit: "ph-vest", indicator: "staff_user_experience", period: .tertial(2019, 3))

    override func setUpWithError() throws {
        dir = NSTemporaryDirectory() + "tertial-store-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }

    /// Two tertials making the store at once: one finds the other's file with SQLite's header
    /// but no table yet. The user's own 0600 file is a store being made (it was refused as
    /// "not tertial's" and a writer exited, seen in CI); someone else's table-less database
    /// is still refused.
    @Test func testAStoreBeingMadeByAnotherTertialIsNotRefused() throws {
        func blank(_ path: String, mode: Int) throws {
            let q = try DatabaseQueue(path: path)
            try q.writeWithoutTransaction { try $0.execute(sql: "PRAGMA journal_mode = WAL") }
            try q.close()
            XCTAssertGreaterThan((try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0, 0)
            chmod(path, mode_t(mode))
        }
        let ours = dir + "/ours.sqlite", theirs = dir + "/theirs.sqlite", half = dir + "/half.sqlite"
        try blank(ours, mode: 0o600)
        try blank(theirs, mode: 0o644)
        let s = try SQLiteStore(path: ours)
        XCTAssertEqual(try s.addComment(Entry.Key(unit: "ph-vest", indicator: "staff", period: .tertial(2019, 3)), text: "Første", by: "kari").id, 1)
        // GRDB makes its (empty) migrations table before the first migration's transaction.
        try blank(half, mode: 0o600)
        try DatabaseQueue(path: half).write { try $0.execute(sql: "CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY)") }
        XCTAssertEqual(try SQLiteStore(path: half).all().count, 0)
        XCTAssertThrowsError(try SQLiteStore(path: theirs)) { e in
            guard case .storeRefused(_, .notTertials)? = e as? FollowUpError else { return XCTFail("\(e)") }
        }
    }

    deinit {
        // The folder may have been made read-only by a test.
        chmod(dir + "/followup", 0o700)
        try? FileManager.default.removeItem(atPath: dir)
    }

    @Test func testACommentAndAnActionWithTheirHistory() throws {
        let s = try SQLiteStore(path: path)
        let c = try s.addComment(vest, text: "Fyllingsdalens tall mangler etter sammenslåingen", by: "kari")
        let a = try s.addAction(vest, text: "Be Fyllingsdalen rette tallet i Corporater", owner: "enhetsleder Vest", due: Day(year: 2020, month: 1, day: 15), by: "kari")
        XCTAssertEqual(a.status, .planned)
        try s.setStatus(a.id, .inProgress, note: nil, by: "ola")
        try s.setStatus(a.id, .done, note: "Rettet til 12", by: "ola")
        let all = try s.all()
        XCTAssertEqual(all.count, 2)
        let action = try XCTUnwrap(all.first { $0.id == a.id })
        XCTAssertEqual(action.status, .done)
        XCTAssertEqual(action.note, "Rettet til 12")
        XCTAssertEqual(action.updatedBy, "ola")
        XCTAssertEqual(action.createdBy, "kari")
        XCTAssertEqual(action.due, Day(year: 2020, month: 1, day: 15))
        // Every change a history row, with who and what it was after.
        let h = try s.history(of: a.id)
        XCTAssertEqual(h.map(\.change.rawValue), ["created", "status", "status"])
        XCTAssertEqual(h.map(\.status), [.planned, .inProgress, .done])
        XCTAssertEqual(h.map(\.by), ["kari", "ola", "ola"])
        XCTAssertEqual(try s.history(of: c.id).map(\.change.rawValue), ["created"])
    }

    @Test func testANewCommentSupersedesTheOldOneWhichIsKept() throws {
        let s = try SQLiteStore(path: path)
        let first = try s.addComment(vest, text: "Første vurdering", by: "kari")
        let second = try s.addComment(vest, text: "Ny vurdering etter møtet", by: "kari")
        let all = try s.all()
        XCTAssertEqual(all.count, 2, "nothing is deleted")
        XCTAssertEqual(all.first { $0.id == first.id }?.supersededBy, second.id)
        XCTAssertTrue(all.first { $0.id == second.id }!.isCurrent)
        XCTAssertEqual(try s.history(of: first.id).map(\.change.rawValue), ["created", "superseded"])
    }

    @Test func testNothingIsDeletedOrRewrittenEvenBySQL() throws {
        let s = try SQLiteStore(path: path)
        let a = try s.addAction(vest, text: "Tiltak", owner: nil, due: nil, by: "kari")
        XCTAssertThrowsError(try s.db.write { try $0.execute(sql: "DELETE FROM entry WHERE id = ?", arguments: [a.id]) })
        XCTAssertThrowsError(try s.db.write { try $0.execute(sql: "UPDATE entry_history SET by = 'x'") })
        XCTAssertThrowsError(try s.db.write { try $0.execute(sql: "DELETE FROM entry_history") })
        XCTAssertEqual(try s.all().count, 1)
    }

    @Test func testAnIdentityNumberIsRefusedInEveryField() throws {
        let s = try SQLiteStore(path: path)
        // A valid-looking fødselsnummer (control digits hold): 010190 12345 is not, so build one.
        let fnr = try XCTUnwrap(TestData.validIdentityNumber())
        XCTAssertThrowsError(try s.addComment(vest, text: "Gjelder bruker \(fnr)", by: "kari")) { e in
            XCTAssertEqual(e as? FollowUpError, .identityNumber("text"))
            XCTAssertTrue((e as! FollowUpError).text(norwegian: true).contains("fødselsnummer"))
        }
        XCTAssertThrowsError(try s.addAction(vest, text: "Tiltak", owner: fnr, due: nil, by: "kari")) { e in
            XCTAssertEqual(e as? FollowUpError, .identityNumber("owner"))
        }
        let a = try s.addAction(vest, text: "Tiltak", owner: nil, due: nil, by: "kari")
        XCTAssertThrowsError(try s.setStatus(a.id, .done, note: "ferdig for \(fnr)", by: "kari"))
        XCTAssertEqual(try s.all().count, 1)
        XCTAssertThrowsError(try s.addComment(vest, text: "   ", by: "kari")) { XCTAssertEqual($0 as? FollowUpError, .emptyText) }
    }

    @Test func testTheFileIsOwnerOnlyAndInWALMode() throws {
        let s = try SQLiteStore(path: path)
        _ = try s.addComment(vest, text: "x", by: "kari")
        var st = stat()
        XCTAssertEqual(stat(path, &st), 0)
        XCTAssertEqual(st.st_mode & 0o777, 0o600)
        XCTAssertEqual(stat(dir + "/followup", &st), 0)
        XCTAssertEqual(st.st_mode & 0o777, 0o700)
        XCTAssertEqual(try s.db.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") }, "wal")
        XCTAssertEqual(try s.db.read { try Int.fetchOne($0, sql: "PRAGMA foreign_keys") }, 1)
        XCTAssertEqual(try s.integrityCheck(), "ok")
    }

    @Test func testADatabaseFromANewerTertialIsRefusedAndNotChanged() throws {
        do {
            let s = try SQLiteStore(path: path)
            _ = try s.addComment(vest, text: "x", by: "kari")
            try s.db.write { try $0.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v2: from the future')") }
            // Everything in the main file, so that its bytes are the whole database.
            try s.db.writeWithoutTransaction { try $0.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        }
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        XCTAssertThrowsError(try SQLiteStore(path: path)) { e in
            XCTAssertEqual(e as? FollowUpError, .newerSchema(path))
            XCTAssertTrue((e as! FollowUpError).text(norwegian: true).contains("nyere tertial"))
        }
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path)), before)
    }

    @Test func testAFileThatIsNoDatabaseIsNamedAndLeftAlone() throws {
        try FileManager.default.createDirectory(atPath: dir + "/followup", withIntermediateDirectories: true)
        let junk = Data(repeating: 0x41, count: 8192)
        try junk.write(to: URL(fileURLWithPath: path))
        XCTAssertThrowsError(try SQLiteStore(path: path)) { XCTAssertEqual($0 as? FollowUpError, .notADatabase(self.path)) }
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path)), junk)
    }

    @Test func testAReadOnlyStoreIsReadableAndRefusesWritesWithAMessage() throws {
        guard getuid() != 0 else { try skip("root can write anywhere: a read-only folder cannot be tested as root") }
        do { _ = try SQLiteStore(path: path).addComment(vest, text: "Vurdering", by: "kari") }
        chmod(path, 0o400)
        chmod(dir + "/followup", 0o500)
        let s = try SQLiteStore(path: path)
        XCTAssertTrue(s.isReadOnly)
        XCTAssertEqual(try s.all().map(\.text), ["Vurdering"])
        XCTAssertThrowsError(try s.addComment(vest, text: "ny", by: "kari")) { e in
            XCTAssertEqual(e as? FollowUpError, .readOnly(self.path))
            XCTAssertTrue((e as! FollowUpError).text(norwegian: true).contains("skrivebeskyttet"))
        }
    }

    /// A store from the tertial before meetings (its schema at v2): read-only it is read as it
    /// is (no meetings yet); opened by a writer it gains the meeting tables, entries intact.
    @Test func testAStoreFromBeforeMeetingsIsReadAndThenMigrated() throws {
        do {
            let s = try SQLiteStore(path: path)
            _ = try s.addComment(vest, text: "Vurdering", by: "kari")
            try s.db.write { db in
                try db.execute(sql: "DROP TABLE meeting_event; DROP TABLE meeting; DELETE FROM grdb_migrations WHERE identifier = 'v3: meetings'; PRAGMA user_version = 2")
            }
        }
        if getuid() != 0 {
            chmod(path, 0o400)
            chmod(dir + "/followup", 0o500)
            let r = try SQLiteStore(path: path)
            XCTAssertTrue(r.isReadOnly)
            XCTAssertEqual(try r.all().map(\.text), ["Vurdering"])
            XCTAssertEqual(try r.meetings(unit: nil), [])
            XCTAssertEqual(try r.meetingToken(), 0)
            chmod(dir + "/followup", 0o700)
            chmod(path, 0o600)
        }
        let w = try SQLiteStore(path: path)
        XCTAssertEqual(try w.appliedMigrations().last, "v3: meetings")
        XCTAssertEqual(try w.all().map(\.text), ["Vurdering"])
        let m = try w.openMeeting(unit: "ph-vest", period: .tertial(2020, 1), participants: nil, baseline: Baseline(through: .tertial(2020, 1), figures: [:]), agenda: [], by: "kari")
        XCTAssertEqual(try w.meetings(unit: "ph-vest").map(\.id), [m.id])
    }

    @Test func testTheChangeTokenMovesWithEveryWriteFromAnyConnection() throws {
        let a = try SQLiteStore(path: path), b = try SQLiteStore(path: path)
        let t0 = try a.changeToken()
        _ = try b.addAction(vest, text: "Tiltak", owner: nil, due: nil, by: "ola")
        let t1 = try a.changeToken()
        XCTAssertGreaterThan(t1, t0)
        XCTAssertEqual(try a.all().count, 1, "a sees b's write")
    }

    @Test func testDueDatesAsLeadersTypeThem() {
        let today = Day(year: 2026, month: 11, day: 30)!
        XCTAssertEqual(FollowUpRules.parseDue("+14", today: today), Day(year: 2026, month: 12, day: 14))
        XCTAssertEqual(FollowUpRules.parseDue("31.1", today: today), Day(year: 2027, month: 1, day: 31), "a date that has passed this year is next year's")
        XCTAssertEqual(FollowUpRules.parseDue("15.12", today: today), Day(year: 2026, month: 12, day: 15))
        XCTAssertEqual(FollowUpRules.parseDue("31.01.2027", today: today), Day(year: 2027, month: 1, day: 31))
        XCTAssertEqual(FollowUpRules.parseDue("2027-01-31", today: today), Day(year: 2027, month: 1, day: 31))
        XCTAssertNil(FollowUpRules.parseDue("31.2", today: today))
        XCTAssertNil(FollowUpRules.parseDue("snart", today: today))
    }

    /// A full disk (SQLite's page limit standing in for it): the write is refused with a
    /// message in the user's language, nothing half-written stays, and what was there is kept.
    @Test func testAFullDiskIsSaidAndLosesNothing() throws {
        let s = try SQLiteStore(path: path)
        try s.addComment(vest, text: "Før disken ble full", by: "kari")
        try s.db.writeWithoutTransaction { db in
            let pages = try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 1
            _ = try Int.fetchOne(db, sql: "PRAGMA max_page_count = \(pages)")
        }
        let long = String(repeating: "Lang vurdering som ikke får plass. ", count: 57)
        var refused: FollowUpError?
        for n in 0..<200 {
            do { try s.addComment(Entry.Key(unit: UnitID("u\(n)"), indicator: "i", period: .tertial(2019, 3)), text: long, by: "kari") }
            catch { refused = error as? FollowUpError; break }
        }
        XCTAssertEqual(refused, .diskFull(path))
        XCTAssertTrue(refused?.text(norwegian: true).contains("disken er full") == true)
        XCTAssertEqual(try s.all().first?.text, "Før disken ble full")
        XCTAssertEqual(try s.integrityCheck(), "ok")
        XCTAssertEqual(try s.db.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM entry e WHERE NOT EXISTS (SELECT 1 FROM entry_history h WHERE h.entry_id = e.id)") }, 0,
                       "no entry without its history row")
    }

    /// Where the store is: `--store`, else `TERTIAL_STORE`, else the `store:` line of
    /// `DATA/tertial.conf` (relative to the data directory), else `DATA/followup/tertial.sqlite`.
    @Test func testTheStoreIsFoundInThisOrder() throws {
        let data = dir + "/data"
        try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
        XCTAssertEqual(FollowUpStores.path(option: nil, dataDirectory: data, environment: [:]), data + "/followup/tertial.sqlite")
        try "# the etat's follow-up\nstore: delt/oppfolging.sqlite   # on the shared disk\n".write(toFile: data + "/tertial.conf", atomically: true, encoding: .utf8)
        XCTAssertEqual(FollowUpStores.path(option: nil, dataDirectory: data, environment: [:]), data + "/delt/oppfolging.sqlite")
        XCTAssertEqual(FollowUpStores.path(option: nil, dataDirectory: data, environment: ["TERTIAL_STORE": "/srv/f.sqlite"]), "/srv/f.sqlite")
        XCTAssertEqual(FollowUpStores.path(option: "/tmp/x.sqlite", dataDirectory: data, environment: ["TERTIAL_STORE": "/srv/f.sqlite"]), "/tmp/x.sqlite")
        try "store: postgresql://kari@db/oppfolging\n".write(toFile: data + "/tertial.conf", atomically: true, encoding: .utf8)
        XCTAssertEqual(FollowUpStores.configured(dataDirectory: data), "postgresql://kari@db/oppfolging")
        // The file is tertial's own, not data: no warning about it.
        XCTAssertFalse(Loader(directory: data).load().diagnostics.contains { $0.file == "tertial.conf" })
    }
}
