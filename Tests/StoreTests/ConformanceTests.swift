import Foundation
import Testing
import TestSupport
@testable import Model
@testable import Store

/// The store's behaviour, the same cases on every backend: SQLite always, PostgreSQL when
/// `TERTIAL_TEST_POSTGRES` names a server (`.ci/run` starts one; locally the cases are
/// reported as cancelled, with the reason, when none is reachable).
@Suite(.serialized) final class ConformanceTests: TestCase {
    let stores = TestStores()
    var dir: String { stores.dir }

    static var server: String? { TestStores.server }

    #if TERTIAL_POSTGRES
    static func admin() throws -> PostgresStore { try TestStores.admin() }
    #endif

    /// A fresh store of each backend; `open(name)` opens the same one again (a second client).
    func backends() throws -> [(name: String, open: () throws -> FollowUpStore)] { try stores.backends() }

    /// Says which backends ran: a missing server is said, not hidden.
    func requirePostgresOrSay(_ bs: [(name: String, open: () throws -> FollowUpStore)]) {
        if !bs.contains(where: { $0.name == "PostgreSQL" }) {
            print("ConformanceTests: PostgreSQL cases not run here; start a throwaway server in one command: eval \"$(scripts/dev-postgres.sh)\"")
        }
    }

    let key = Entry.Key(unit: "ph-vest", indicator: "staff_user_experience", period: .tertial(2019, 3))

    @Test func testEntriesAndTheirHistoryOnEveryBackend() throws {
        let bs = try backends()
        requirePostgresOrSay(bs)
        for (name, open) in bs {
            let s = try open()
            let c = try s.addComment(key, text: "Fyllingsdalens tall mangler; «0» i stedet for 12", by: "kari")
            let a = try s.addAction(key, text: "Rette tallet", owner: "enhetsleder Vest", due: Day(year: 2020, month: 1, day: 15), by: "kari")
            try s.setStatus(a.id, .inProgress, note: nil, by: "ola")
            try s.edit(a.id, text: "Rette tallet i Corporater", owner: nil, due: nil, by: "ola")
            try s.setStatus(a.id, .done, note: "Rettet til 12", by: "ola")
            let all = try s.all()
            XCTAssertEqual(all.count, 2, name)
            let action = try XCTUnwrap(all.first { $0.id == a.id }, name)
            XCTAssertEqual(action.text, "Rette tallet i Corporater", name)
            XCTAssertEqual(action.owner, "enhetsleder Vest", name)
            XCTAssertEqual(action.status, .done, name)
            XCTAssertEqual(action.note, "Rettet til 12", name)
            XCTAssertEqual(try s.history(of: a.id).map(\.change.rawValue), ["created", "status", "edited", "status"], name)
            XCTAssertEqual(try s.history(of: a.id).map(\.by), ["kari", "ola", "ola", "ola"], name)
            // A new comment supersedes the old one, which is kept.
            let c2 = try s.addComment(key, text: "Ny vurdering", by: "ola")
            XCTAssertEqual(try s.all().first { $0.id == c.id }?.supersededBy, c2.id, name)
            XCTAssertEqual(try s.history(of: c.id).map(\.change.rawValue), ["created", "superseded"], name)
            // Filtered reads and changes since a token.
            XCTAssertEqual(try s.entries(units: ["ph-vest"], periods: [.tertial(2019, 3)], openActionsOnly: false).count, 3, name)
            XCTAssertEqual(try s.entries(units: ["ph-nord"], periods: nil, openActionsOnly: false).count, 0, name)
            XCTAssertEqual(try s.entries(units: nil, periods: nil, openActionsOnly: true).count, 0, "the one action is done: \(name)")
            let token = try s.changeToken()
            let other = try open()
            let b = try other.addAction(key, text: "Nytt tiltak", owner: nil, due: nil, by: "per")
            let (changed, now) = try s.changes(since: token)
            XCTAssertEqual(changed.map(\.id), [b.id], "a second client's write is seen: \(name)")
            XCTAssertGreaterThan(now, token, name)
        }
    }

    @Test func testTheRulesHoldOnEveryBackend() throws {
        let fnr = try XCTUnwrap(TestData.validIdentityNumber())
        for (name, open) in try backends() {
            let s = try open()
            XCTAssertThrowsError(try s.addComment(key, text: "Gjelder \(fnr)", by: "kari"), name) { XCTAssertEqual($0 as? FollowUpError, .identityNumber("text"), name) }
            XCTAssertThrowsError(try s.addComment(key, text: "  ", by: "kari"), name)
            let a = try s.addAction(key, text: "Tiltak", owner: nil, due: nil, by: "kari")
            XCTAssertThrowsError(try s.setStatus(try s.addComment(key, text: "k", by: "kari").id, .done, note: nil, by: "kari"), name) {
                XCTAssertEqual(($0 as? FollowUpError).map { if case .notAnAction = $0 { return true } else { return false } }, true, name)
            }
            XCTAssertEqual(try s.all().count, 2, name)
            _ = a
        }
    }

    /// `store import` keeps the same rules on every backend (written once, in the follow-up
    /// service): a row signed with no name or a control character is refused and nothing is
    /// written; a store with entries takes no import; a good export goes in whole, numbers,
    /// authors, times and history kept, and new entries are numbered after it.
    @Test func testImportFollowsTheSameRulesOnEveryBackend() throws {
        let stamp = "2026-11-02T09:00:00Z"
        func row(_ id: Int64, _ change: HistoryChange, by: String, status: Entry.Status? = .planned) -> FollowUpExport.Row {
            FollowUpExport.Row(entryID: id, kind: .action, key: key, change: change, at: stamp, by: by, text: "Tiltak \(id)",
                               owner: nil, due: nil, status: status, note: nil, supersededBy: nil)
        }
        for (name, open) in try backends() {
            let s = try XCTUnwrap(try open() as? AdministeredStore, name)
            for bad in ["", "ola\u{1B}[31m"] {
                XCTAssertThrowsError(try s.importRows([row(5, .created, by: "kari"), row(5, .status, by: bad, status: .done)]), name)
                XCTAssertEqual(try s.all().count, 0, "\(name): nothing written")
            }
            try s.importRows([row(5, .created, by: "kari"), row(9, .created, by: "ola"), row(5, .status, by: "ola", status: .done)])
            XCTAssertEqual(try s.all().map(\.id), [5, 9], name)
            XCTAssertEqual(try s.history(of: 5).map(\.change), [.created, .status], name)
            XCTAssertEqual(try s.history(of: 5).map(\.by), ["kari", "ola"], name)
            XCTAssertEqual(try s.all().first?.status, .done, name)
            XCTAssertThrowsError(try s.importRows([row(20, .created, by: "kari")]), name) { XCTAssertEqual($0 as? FollowUpError, .notEmpty(s.location), name) }
            XCTAssertEqual(try s.addAction(key, text: "Nytt", owner: nil, due: nil, by: "kari").id, 10, "\(name): numbered after the import")
        }
    }

    #if TERTIAL_POSTGRES
    /// The server enforces the rules for every client, not only tertial: no identity number,
    /// no deletion, no rewritten history.
    @Test func testThePostgreSQLServerItselfRefuses() throws {
        let bs = try backends()
        guard let pg = bs.first(where: { $0.name == "PostgreSQL" }) else {
            try skip("no PostgreSQL server (eval \"$(scripts/dev-postgres.sh)\" starts one)")
        }
        let s = try XCTUnwrap(try pg.open() as? PostgresStore)
        let fnr = try XCTUnwrap(TestData.validIdentityNumber())
        let a = try s.addAction(key, text: "Tiltak", owner: nil, due: nil, by: "kari")
        XCTAssertThrowsError(try s.unchecked("INSERT INTO entry (kind, unit, indicator, period, text, created_at, created_by, updated_at, updated_by) VALUES ('comment', 'ph-vest', 'x', '2019-T3', 'Gjelder \(fnr)', 'n', 'k', 'n', 'k')"))
        XCTAssertThrowsError(try s.unchecked("UPDATE entry SET owner = '\(fnr)' WHERE id = \(a.id)"))
        XCTAssertThrowsError(try s.unchecked("DELETE FROM entry WHERE id = \(a.id)"))
        XCTAssertThrowsError(try s.unchecked("UPDATE entry_history SET by = 'x'"))
        XCTAssertThrowsError(try s.unchecked("DELETE FROM entry_history"))
        XCTAssertEqual(try s.all().count, 1)
        XCTAssertEqual(try s.history(of: a.id).count, 1)
    }

    /// Issue 21, item 13: the server's identity rule is the client's (a SQL function on every
    /// text column of entry and entry_history): the spellings that passed are refused there.
    @Test func testTheServersIdentityRuleCoversEverySpellingAndColumn() throws {
        let bs = try backends()
        guard let pg = bs.first(where: { $0.name == "PostgreSQL" }) else { try skip("no PostgreSQL server (eval \"$(scripts/dev-postgres.sh)\" starts one)") }
        let s = try XCTUnwrap(try pg.open() as? PostgresStore)
        let a = try s.addAction(key, text: "Tiltak", owner: nil, due: nil, by: "kari")
        let spellings = ["010170_12343", "010170,12343", "010170:12343", "010170+12343", "(010170)12343", "010170    12343",
                         "010170\u{200B}12343", "010170\u{2060}12343", "0\u{00B9}0170 12343", "\u{FF10}\u{FF11}\u{FF10}\u{FF11}\u{FF17}\u{FF10}\u{FF11}\u{FF12}\u{FF13}\u{FF14}\u{FF13}",
                         "Gjelder 010170-12343 i dag"]
        for sp in spellings {
            XCTAssertTrue(IdentityNumber.isIn(sp), "the client's rule: \(sp)")
            let q = sp.replacingOccurrences(of: "'", with: "''")
            for column in ["text", "owner", "note", "updated_by"] {
                XCTAssertThrowsError(try s.unchecked("UPDATE entry SET \(column) = '\(q)' WHERE id = \(a.id)"), "\(column): \(sp.debugDescription)")
            }
            XCTAssertThrowsError(try s.unchecked("INSERT INTO entry_history (entry_id, at, by, change, text) VALUES (\(a.id), 'n', '\(q)', 'edited', 'x')"), sp.debugDescription)
            XCTAssertThrowsError(try s.unchecked("INSERT INTO entry_history (entry_id, at, by, change, text) VALUES (\(a.id), 'n', 'k', 'edited', '\(q)')"), sp.debugDescription)
        }
        // An ordinary amount and a date pass.
        try s.unchecked("UPDATE entry SET text = 'Budsjett 64825000123 kr, møte 03.12.2026' WHERE id = \(a.id)")
    }

    /// Items 11 and 12: a leader with psql cannot change an entry without its history, nor
    /// sign as someone else; the server writes the history row and the author itself.
    @Test func testALeaderCannotRewriteOrImpersonate() throws {
        let (admin, _, url) = try postgresPair()
        let role = "vest_" + admin.address.database.suffix(8)
        _ = try admin.applyAccess([.init(role: role, unit: "ph-vest")], scope: { [$0] })
        defer { try? admin.unchecked("DROP OWNED BY \(role); DROP ROLE IF EXISTS \(role)") }
        var c = URLComponents(string: url)!
        c.user = role
        let vest = try PostgresStore(c.string!)
        let e = try vest.addAction(key, text: "Vests tiltak", owner: nil, due: nil, by: "ola_nordmann")
        XCTAssertEqual(e.createdBy, role, "the server signs with the role, whatever the client says")
        XCTAssertEqual(try vest.history(of: e.id).map(\.by), [role])
        // By hand: the text changes only with a history row, by the role, now.
        try vest.unchecked("UPDATE entry SET text = 'Omskrevet', updated_by = 'noen_andre' WHERE id = \(e.id)")
        let h = try vest.history(of: e.id)
        XCTAssertEqual(h.map(\.change.rawValue), ["created", "edited"])
        XCTAssertEqual(h.last?.text, "Omskrevet")
        XCTAssertEqual(h.last?.by, role)
        XCTAssertEqual(try admin.all().first { $0.id == e.id }?.updatedBy, role)
        XCTAssertEqual(try admin.integrityCheck(), "ok")
        // History is the server's alone; what an entry is about never changes; nothing is deleted.
        XCTAssertThrowsError(try vest.unchecked("INSERT INTO entry_history (entry_id, at, by, change, text) VALUES (\(e.id), 'n', 'x', 'edited', 'falsk')"))
        XCTAssertThrowsError(try vest.unchecked("UPDATE entry SET created_by = 'noen_andre' WHERE id = \(e.id)"))
        XCTAssertThrowsError(try vest.unchecked("UPDATE entry SET period = '2019-T1' WHERE id = \(e.id)"))
        XCTAssertThrowsError(try vest.unchecked("DELETE FROM entry WHERE id = \(e.id)"))
        try vest.unchecked("INSERT INTO entry (kind, unit, indicator, period, text, created_at, created_by, updated_at, updated_by) VALUES ('comment', 'ph-vest', 'x', '2019-T3', 'y', '2001-01-01T00:00:00Z', 'noen_andre', 'n', 'noen_andre')")
        let planted = try XCTUnwrap(try admin.all().first { $0.text == "y" })
        XCTAssertEqual(planted.createdBy, role)
        XCTAssertNotEqual(planted.createdAt, "2001-01-01T00:00:00Z")
        XCTAssertEqual(try admin.history(of: planted.id).map(\.by), [role])
        // A change past the triggers (the owner with them off) is what store check reports.
        try admin.unchecked("ALTER TABLE entry DISABLE TRIGGER USER; UPDATE entry SET text = 'Bak ryggen' WHERE id = \(e.id); ALTER TABLE entry ENABLE TRIGGER USER")
        let check = try admin.integrityCheck()
        XCTAssertTrue(check.contains("differ from their history: \(e.id)"), check)
    }

    /// Item 14: one session holding the schema lock made every other tertial wait forever.
    @Test func testTheSchemaLockIsTriedWithATimeoutAndItsHolderNamed() throws {
        let (holder, open, _) = try postgresPair()
        try holder.unchecked("SELECT pg_advisory_lock(7262011)")
        let before = PostgresStore.schemaLockSeconds
        PostgresStore.schemaLockSeconds = 1
        defer { PostgresStore.schemaLockSeconds = before; try? holder.unchecked("SELECT pg_advisory_unlock_all()") }
        XCTAssertThrowsError(try open()) { e in
            guard case .schemaLocked(_, let who)? = e as? FollowUpError else { return XCTFail("\(e)") }
            XCTAssertTrue(who.contains(holder.address.user), who)
        }
        try holder.unchecked("SELECT pg_advisory_unlock_all()")
        _ = try open()
    }

    #endif

    /// Item 11 on SQLite: `store check` reports an entry whose text differs from its history.
    @Test func testStoreCheckFindsAnEntryChangedPastItsHistory() throws {
        let s = try SQLiteStore(path: dir + "/check.sqlite")
        let e = try s.addComment(key, text: "Som skrevet", by: "kari")
        XCTAssertEqual(try s.integrityCheck(), "ok")
        try s.db.write { try $0.execute(sql: "UPDATE entry SET text = 'Bak ryggen' WHERE id = ?", arguments: [e.id]) }
        XCTAssertEqual(try s.integrityCheck(), "entries differ from their history: \(e.id)")
    }

    @Test func testANewerSchemaIsRefusedOnEveryBackend() throws {
        for (name, open) in try backends() {
            let s = try open()
            if let q = s as? SQLiteStore {
                try q.db.write { try $0.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v9: from the future')") }
            } else {
                #if TERTIAL_POSTGRES
                try (s as? PostgresStore)?.unchecked("INSERT INTO tertial_migrations (identifier) VALUES ('v9: from the future')")
                #endif
            }
            XCTAssertThrowsError(try open(), name) { e in
                guard case .newerSchema? = e as? FollowUpError else { return XCTFail("\(name): \(e)") }
            }
        }
    }

    #if TERTIAL_POSTGRES
    /// A second store on the same database, as another machine's dashboard: for tests of
    /// what crosses between clients.
    func postgresPair() throws -> (PostgresStore, () throws -> PostgresStore, url: String) {
        let bs = try backends()
        guard let pg = bs.first(where: { $0.name == "PostgreSQL" }) else { try skip("no PostgreSQL server (eval \"$(scripts/dev-postgres.sh)\" starts one)") }
        let a = try XCTUnwrap(try pg.open() as? PostgresStore)
        var c = URLComponents(string: ConformanceTests.server!)!
        c.path = "/" + a.address.database
        let url = c.string!
        return (a, { try PostgresStore(url) }, url)
    }

    /// Row-level security: a role mapped to Bergen Vest writes Bergen Vest's follow-up (and its
    /// predecessors'), reads everything, and is refused by the server for Bergen Nord.
    @Test func testARoleWritesOnlyItsOwnUnits() throws {
        let (admin, _, url) = try postgresPair()
        let vestRole = "vest_" + admin.address.database.suffix(8), nordRole = "nord_" + admin.address.database.suffix(8)
        let scope = ["ph-vest": ["ph-vest", "ph-fyllingsdalen", "ph-laksevag"], "ph-nord": ["ph-nord", "ph-arna-asane"]]
        let done = try admin.applyAccess([.init(role: vestRole, unit: "ph-vest"), .init(role: nordRole, unit: "ph-nord")], scope: { scope[$0] ?? [$0] })
        XCTAssertTrue(done.contains { $0.contains("\(vestRole) may write follow-up for 3 units") }, "\(done)")
        defer { for r in [vestRole, nordRole] { try? admin.unchecked("DROP OWNED BY \(r); DROP ROLE IF EXISTS \(r)") } }
        func asRole(_ r: String) throws -> PostgresStore {
            var c = URLComponents(string: url)!
            c.user = r
            return try PostgresStore(c.string!)
        }
        let vest = try asRole(vestRole), nord = try asRole(nordRole)
        let nordKey = Entry.Key(unit: "ph-nord", indicator: "staff_user_experience", period: .tertial(2020, 3))
        let fyllingsdalen = Entry.Key(unit: "ph-fyllingsdalen", indicator: "staff_user_experience", period: .tertial(2019, 3))
        let own = try vest.addAction(key, text: "Vests tiltak", owner: nil, due: nil, by: "kari")
        _ = try vest.addComment(fyllingsdalen, text: "Forgjengerens tall", by: "kari")
        let theirs = try nord.addAction(nordKey, text: "Nords tiltak", owner: nil, due: nil, by: "per")
        // Vest may not add to Nord, nor change Nord's action; the server refuses both.
        XCTAssertThrowsError(try vest.addAction(nordKey, text: "Blande seg inn", owner: nil, due: nil, by: "kari")) {
            XCTAssertEqual($0 as? FollowUpError, .outsideScope(unit: "ph-nord", role: vestRole))
        }
        XCTAssertThrowsError(try vest.setStatus(theirs.id, .cancelled, note: "nei", by: "kari")) {
            XCTAssertEqual($0 as? FollowUpError, .outsideScope(unit: "ph-nord", role: vestRole))
        }
        XCTAssertThrowsError(try vest.edit(theirs.id, text: "Endret", owner: nil, due: nil, by: "kari"))
        // Not even by hand, past tertial's own checks.
        // (an UPDATE of rows the role may not change finds none: Nord's text stays, see below)
        try vest.unchecked("UPDATE entry SET text = 'x' WHERE unit = 'ph-nord'")
        XCTAssertThrowsError(try vest.unchecked("INSERT INTO entry (kind, unit, indicator, period, text, created_at, created_by, updated_at, updated_by) VALUES ('comment', 'ph-nord', 'x', '2020-T3', 'x', 'n', 'k', 'n', 'k')"))
        // Reading is open, and Nord's action is as Nord left it.
        XCTAssertEqual(Set(try vest.all().map(\.id)), Set(try nord.all().map(\.id)))
        XCTAssertEqual(try admin.all().first { $0.id == theirs.id }?.text, "Nords tiltak")
        XCTAssertEqual(try admin.all().first { $0.id == theirs.id }?.status, .planned)
        try vest.setStatus(own.id, .done, note: "Ferdig", by: "kari")
        XCTAssertEqual(try admin.all().first { $0.id == own.id }?.status, .done)
        // The message a leader sees.
        XCTAssertTrue(FollowUpError.outsideScope(unit: "ph-nord", role: vestRole).text(norwegian: true).contains("kan ikke skrive oppfølging for ph-nord"))
    }

    /// LISTEN/NOTIFY: a write on one client reaches the other within a second, unasked.
    @Test func testAChangeReachesTheOtherClientWithinASecond() throws {
        let (a, openOther, _) = try postgresPair()
        let b = try openOther()
        let heard = Mailbox()
        XCTAssertTrue(b.watch(changed: { heard.post() }, connection: { _ in }))
        let t0 = Date()
        let e = try a.addComment(key, text: "Fra et annet kontor", by: "kari")
        XCTAssertTrue(heard.wait(seconds: 1), "no notification within a second")
        XCTAssertLessThan(Date().timeIntervalSince(t0), 1)
        XCTAssertEqual(try b.changes(since: 0).entries.map(\.id), [e.id])
    }

    /// The connection dropped under a client (the server restarted, here: its backend ended):
    /// it says so, refuses writes with a message meanwhile, reconnects by itself, and nothing
    /// written is lost or doubled.
    @Test func testADroppedConnectionIsSaidRefusedAndRestored() throws {
        let (admin, openOther, _) = try postgresPair()
        let b = try openOther()
        let states = Mailbox(), changes = Mailbox()
        _ = b.watch(changed: { changes.post() }, connection: { states.post($0 ? "up" : "down") })
        let before = try b.addAction(key, text: "Før bruddet", owner: nil, due: nil, by: "kari")
        // End every other session on this database (what a server restart does to them).
        try admin.unchecked("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()")
        XCTAssertEqual(states.next(seconds: 3), "down")
        let during = try admin.addComment(key, text: "Skrevet mens den andre var borte", by: "per")
        // Whether b notices at once or on its next write, that write is refused, never lost silently.
        if !b.isConnected {
            XCTAssertThrowsError(try b.addComment(key, text: "Mens forbindelsen er borte", by: "kari")) {
                XCTAssertEqual($0 as? FollowUpError, .disconnected(b.location))
            }
        }
        XCTAssertEqual(states.next(seconds: 10), "up", "reconnects by itself")
        XCTAssertTrue(b.isConnected)
        // What was written meanwhile is read; nothing is doubled.
        let ids = try b.all().map(\.id)
        XCTAssertEqual(ids.filter { $0 == before.id }.count, 1)
        XCTAssertTrue(ids.contains(during.id))
        XCTAssertFalse(try b.all().contains { $0.text == "Mens forbindelsen er borte" })
        _ = try b.addComment(key, text: "Etter", by: "kari")
        XCTAssertEqual(try admin.all().count, ids.count + 1)
    }

    /// SQLite → export → PostgreSQL → export: the same file (and back again).
    @Test func testMovingBetweenSQLiteAndPostgreSQLLosesNothing() throws {
        let (pg, _, _) = try postgresPair()
        let sqlite = try SQLiteStore(path: dir + "/from.sqlite")
        let a = try sqlite.addAction(key, text: "Rette tallet", owner: "enhetsleder", due: Day(year: 2020, month: 1, day: 31), by: "kari")
        _ = try sqlite.addComment(key, text: "Første vurdering", by: "kari")
        _ = try sqlite.addComment(key, text: "Ny vurdering", by: "ola")
        try sqlite.setStatus(a.id, .done, note: "Rettet", by: "ola")
        let first = FollowUpExport.csv(try sqlite.exportRows())
        try pg.importRows(try FollowUpExport.parse(Array(first.utf8), file: "x.csv"))
        XCTAssertEqual(FollowUpExport.csv(try pg.exportRows()), first)
        XCTAssertEqual(try pg.integrityCheck(), "ok")
        let back = try SQLiteStore(path: dir + "/back.sqlite")
        try back.importRows(try pg.exportRows())
        XCTAssertEqual(FollowUpExport.csv(try back.exportRows()), first)
        // New entries go on after the imported numbers.
        XCTAssertEqual(try pg.addComment(key, text: "Etter flyttingen", by: "kari").id, 4)
    }

    /// `~/.pgpass` as libpq reads it: host:port:database:user:password, `*` for any, the
    /// first match; the address's own password and PGPASSWORD come first.
    @Test func testThePasswordFileIsReadAsLibpqDoes() throws {
        let file = NSTemporaryDirectory() + "tertial-pgpass-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: file) }
        try "# kommentar\nandre:5432:*:kari:feil\ndb.bergen:*:oppfolging:kari:riktig\n*:*:*:*:reserve\n".write(toFile: file, atomically: true, encoding: .utf8)
        let env = ["PGPASSFILE": file]
        XCTAssertEqual(PostgresStore.Address("postgresql://kari@db.bergen/oppfolging", environment: env)?.password, "riktig")
        XCTAssertEqual(PostgresStore.Address("postgresql://ola@db.bergen/oppfolging", environment: env)?.password, "reserve")
        XCTAssertEqual(PostgresStore.Address("postgresql://kari@db.bergen/oppfolging", environment: env.merging(["PGPASSWORD": "miljø"]) { a, _ in a })?.password, "miljø")
        XCTAssertEqual(PostgresStore.Address("postgresql://kari:url@db.bergen/oppfolging", environment: env)?.password, "url")
        // A failure names the server without the password.
        XCTAssertThrowsError(try PostgresStore("postgresql://kari:hemmelig@127.0.0.1:1/oppfolging?sslmode=disable")) { e in
            let text = (e as? FollowUpError)?.text(norwegian: true) ?? "\(e)"
            XCTAssertFalse(text.contains("hemmelig"), text)
            XCTAssertTrue(text.contains("postgresql://kari@127.0.0.1:1/oppfolging"), text)
        }
    }

    /// TLS when the server offers it (`prefer`, libpq's default) and when it is required;
    /// CI's cluster offers it (TERTIAL_TEST_POSTGRES_TLS=1).
    @Test func testTLSIsUsedWhenTheServerOffersIt() throws {
        guard ProcessInfo.processInfo.environment["TERTIAL_TEST_POSTGRES_TLS"] == "1" else {
            try skip("the test server does not offer TLS (CI's does: TERTIAL_TEST_POSTGRES_TLS=1)")
        }
        let (a, _, url) = try postgresPair()
        _ = a
        for mode in ["prefer", "require"] {
            var c = URLComponents(string: url)!
            c.queryItems = [URLQueryItem(name: "sslmode", value: mode)]
            let s = try PostgresStore(c.string!)
            XCTAssertEqual(try s.usesTLS(), true, mode)
        }
        var c = URLComponents(string: url)!
        c.queryItems = [URLQueryItem(name: "sslmode", value: "disable")]
        XCTAssertEqual(try PostgresStore(c.string!).usesTLS(), false)
    }

    @Test func testAnAddressNeverShowsItsPassword() {
        let a = PostgresStore.Address("postgresql://kari:hemmelig@db.bergen.kommune.no:5433/oppfolging?sslmode=require", environment: [:])
        XCTAssertEqual(a?.shown, "postgresql://kari@db.bergen.kommune.no:5433/oppfolging")
        XCTAssertEqual(a?.password, "hemmelig")
        XCTAssertEqual(a?.sslmode, "require")
        let env = PostgresStore.Address("postgres://ola@localhost/db", environment: ["PGPASSWORD": "fra-miljøet"])
        XCTAssertEqual(env?.password, "fra-miljøet")
        XCTAssertEqual(env?.sslmode, "prefer", "libpq's default")
        XCTAssertEqual(env?.port, 5432)
    }
    #endif
}
