import Foundation
import FoundationXML
import Testing
import TestSupport
@testable import Model
@testable import Reports
@testable import Store

/// The driftsoppfølging meeting (issue 24) on every backend: the audit's worst case — a
/// unit's 12 staff stored as 0 — decided on at one meeting, corrected in the file, and seen
/// at the next one as a revision with what it did to the etat's total.
@Suite(.serialized) final class MeetingTests: TestCase {
    let stores = TestStores()
    let t3 = Period.tertial(2019, 3)
    let fyllingsdalen = Entry.Key(unit: "ph-fyllingsdalen", indicator: "staff_user_experience", period: .tertial(2019, 3))
    /// The day of the meetings (after the action's due date).
    let today = Day(year: 2020, month: 1, day: 20)!

    static func snapshot(_ dir: String) -> Snapshot { Engine.compute(Loader(directory: dir).load().dataset!) }

    @Test func testTheMeetingScenarioOnEveryBackend() throws {
        let backends = try stores.backends()
        #if TERTIAL_POSTGRES
        if TestStores.server != nil { XCTAssertEqual(backends.count, 2, "PostgreSQL named but not used") }
        #endif
        for (name, open) in backends {
            let data = try SampleData.copy(prefix: "tertial-meeting")
            try? FileManager.default.removeItem(atPath: data.path + "/followup")
            let store = try open()
            var s = MeetingTests.snapshot(data.path)
            let etat = try XCTUnwrap(s.tree.index["ephrt"])

            // The first meeting of the etat: every red deviation is new; nothing to be revised.
            let first = try store.openMeeting(s, unit: etat, period: t3, participants: "Etatsdirektør og byområdeledere", by: "kari", today: today)
            let r1 = try store.record(first.id)
            XCTAssertFalse(r1.agenda.contains { $0.kind == .revised }, name)
            XCTAssertTrue(r1.agenda.filter { $0.kind == .newDeviation }.allSatisfy { $0.status == "red" }, name)
            let zero = try XCTUnwrap(r1.agenda.first { $0.kind == .newDeviation && $0.followUpKey == fyllingsdalen }, name)
            XCTAssertEqual(zero.value, 0, name)
            // Another meeting of the same scope cannot be opened meanwhile.
            XCTAssertThrowsError(try store.openMeeting(s, unit: etat, period: t3, participants: nil, by: "ola", today: today)) {
                XCTAssertEqual($0 as? MeetingError, .alreadyOpen(first.id), name)
            }
            let action = try store.addAction(fyllingsdalen, text: "Rette tallet i Corporater", owner: "Enhetsleder Fyllingsdalen",
                                             due: Day(year: 2020, month: 1, day: 15), by: "kari", meeting: first.id, item: zero.key).entry
            try store.markItem(first.id, item: zero.key, .done, by: "kari")
            try store.closeMeeting(first.id, by: "kari")
            XCTAssertThrowsError(try store.markItem(first.id, item: zero.key, .open, by: "kari")) { XCTAssertEqual($0 as? MeetingError, .closed(first.id), name) }

            // The 0 is corrected to 12 in the file.
            try data.edit("reports/2019-T3.csv") {
                $0.replacingOccurrences(of: "2019-T3;ph-fyllingsdalen;staff_user_experience;0;", with: "2019-T3;ph-fyllingsdalen;staff_user_experience;12;")
            }
            s = MeetingTests.snapshot(data.path)
            XCTAssertEqual(s.value("staff_user_experience", "ephrt", t3), 29, "domain.md: with 12 restored, T3 is 29")

            // The next meeting: the revision, old → new, its file, and the etat's total 17 → 29.
            let second = try store.openMeeting(s, unit: etat, period: t3, participants: nil, by: "kari", today: today)
            let r2 = try store.record(second.id)
            let revised = r2.agenda.filter { $0.kind == .revised }
            XCTAssertEqual(revised.count, 1, "\(name): \(revised)")
            let rev = try XCTUnwrap(revised.first, name)
            XCTAssertEqual(rev.followUpKey, fyllingsdalen, name)
            XCTAssertEqual(rev.old, 0, name)
            XCTAssertEqual(rev.value, 12, name)
            XCTAssertEqual(rev.file?.hasPrefix("reports/2019-T3.csv:"), true, name)
            XCTAssertNotNil(rev.fileChanged, name)
            XCTAssertEqual(rev.totals, [AgendaItem.Total(unit: "ephrt", old: 17, new: 29)], name)
            // The action decided last time is due: on the agenda first.
            XCTAssertEqual(r2.agenda.first?.kind, .actionDue, name)
            XCTAssertEqual(r2.agenda.first?.entry, action.id, name)
            // A red deviation that was red last time is not new.
            XCTAssertFalse(r2.agenda.contains { $0.kind == .newDeviation }, name)

            // report changes: the revision against the last closed meeting's baseline.
            let prev = try XCTUnwrap(try store.previousMeeting(unit: "ephrt"), name)
            XCTAssertEqual(prev.meeting.id, first.id, name)
            let changes = FigureChanges(s, unit: etat, against: prev.baseline, meeting: prev.meeting)
            let row = try XCTUnwrap(changes.rows.first { $0.kind == .revised }, name)
            XCTAssertEqual([row.oldValue, row.newValue], [0, 12], name)
            XCTAssertTrue(changes.rows.contains { $0.kind == .resolved && $0.unit == "ph-fyllingsdalen" && $0.period == t3 }, name)
            let csv = changes.render(.csv, snapshot: s, lang: .nb, since: "møte")
            XCTAssertTrue(csv.contains("revised;ph-fyllingsdalen;staff_user_experience;2019-T3;0;12;red;green;reports/2019-T3.csv:80;ephrt 17 → 29"), csv)

            // The first meeting's minutes: the action with its owner and due date, the mark, who was there.
            let minutes = Minutes(record: try store.record(first.id), snapshot: s, book: try FollowUpBook(store), lang: .nb, today: today)
            let text = minutes.render(.text)
            for want in ["Referat: driftsoppfølging Etaten, T3 2019", "Deltakere: Etatsdirektør og byområdeledere", "Rette tallet i Corporater",
                         "ansvarlig: Enhetsleder Fyllingsdalen", "frist: 15.01.2020", "behandlet", "avsluttet"] {
                XCTAssertTrue(text.contains(want), "\(name): «\(want)» in\n\(text)")
            }
            let html = minutes.render(.html)
            XCTAssertTrue(html.hasPrefix("<!DOCTYPE html>") && html.contains("@page { size: A4") && !html.contains("<script"), name)
            let c = HTMLReportTests.Collector()
            let parser = XMLParser(data: Data(String(html.drop { $0 != "\n" }).utf8))
            parser.delegate = c
            XCTAssertTrue(parser.parse(), "\(name): the minutes are not well-formed: \(String(describing: parser.parserError))")
            // The first meeting's agenda is one section: every red deviation is new (none has an
            // action due, every unit reported in T3 2019, and a red one without a comment is not repeated).
            XCTAssertEqual(c.elements["table"], 1, "\(name): the agenda's one section")
            XCTAssertEqual(Set(r1.agenda.map(\.kind)), [.newDeviation], name)
        }
    }

    /// A meeting's record is kept as a store keeps follow-up: one open per scope, nothing
    /// changed once closed, identity numbers refused, never deleted (by hand either).
    @Test func testAMeetingIsKeptByTheRulesOnEveryBackend() throws {
        let empty = Baseline(through: t3, figures: [:])
        let fnr = try XCTUnwrap(TestData.validIdentityNumber())
        for (name, open) in try stores.backends(sqliteName: "rules.sqlite") {
            let store = try open()
            XCTAssertThrowsError(try store.openMeeting(unit: "ephrt", period: t3, participants: "Kari \(fnr) og Ola", baseline: empty, agenda: [], by: "kari"), name) {
                guard case .identityNumber? = $0 as? FollowUpError else { return XCTFail("\(name): \($0)") }
            }
            let m = try store.openMeeting(unit: "ephrt", period: t3, participants: nil, baseline: empty, agenda: [], by: "kari")
            XCTAssertThrowsError(try store.setParticipants(m.id, "Ola \u{1b}[2J", by: "kari"), name)
            try store.setParticipants(m.id, "Etatsdirektør", by: "kari")
            try store.closeMeeting(m.id, by: "kari")
            XCTAssertThrowsError(try store.closeMeeting(m.id, by: "kari"), name)
            XCTAssertThrowsError(try store.setParticipants(m.id, "Noen andre", by: "kari"), name)
            XCTAssertEqual(try store.record(m.id).meeting.participants, "Etatsdirektør", name)
            XCTAssertEqual(try store.meetingEvents(m.id).map(\.kind), [.opened, .participants, .closed], name)
            // A comment meant for the closed meeting is kept, and the link's refusal said.
            let late = try store.addComment(Entry.Key(unit: "ph-vest", indicator: "staff_user_experience", period: t3), text: "Etter møtet", by: "kari",
                                            meeting: m.id, item: nil)
            XCTAssertEqual(late.linkRefused as? MeetingError, .closed(m.id), name)
            XCTAssertEqual(try store.all().map(\.text), ["Etter møtet"], name)
            XCTAssertEqual(try store.meetingEvents(m.id).count, 3, "\(name): nothing linked to a closed meeting")
            if let q = store as? SQLiteStore {
                XCTAssertThrowsError(try q.db.write { try $0.execute(sql: "DELETE FROM meeting") }, name)
                XCTAssertThrowsError(try q.db.write { try $0.execute(sql: "DELETE FROM meeting_event") }, name)
                XCTAssertThrowsError(try q.db.write { try $0.execute(sql: "UPDATE meeting SET participants = 'x'") }, name)
                XCTAssertThrowsError(try q.db.write { try $0.execute(sql: "INSERT INTO meeting (unit, period, opened_at, opened_by, baseline, agenda) VALUES ('ph-vest', '2019-T3', 'a', 'b', x'00', '[]'), ('ph-vest', '2019-T3', 'a', 'b', x'00', '[]')") }, "two open meetings of one unit")
            }
            #if TERTIAL_POSTGRES
            if let p = store as? PostgresStore {
                XCTAssertThrowsError(try p.unchecked("DELETE FROM meeting"), name)
                XCTAssertThrowsError(try p.unchecked("DELETE FROM meeting_event"), name)
                XCTAssertThrowsError(try p.unchecked("UPDATE meeting SET participants = 'x'"), name)
                XCTAssertThrowsError(try p.unchecked("INSERT INTO meeting (unit, period, opened_at, opened_by, participants, baseline, agenda) VALUES ('ph-vest', '2019-T3', 'a', 'b', '\(fnr)', '\\x00', '[]')"), name)
            }
            #endif
            XCTAssertEqual(try store.meetings(unit: nil).count, 1, name)
        }
    }

    #if TERTIAL_POSTGRES
    /// Row-level security: a leader opens meetings only for the units they may write; the
    /// etat's meeting is read by all, and only its own leader marks it.
    @Test func testALeaderOpensMeetingsOnlyForTheirUnits() throws {
        guard let pg = try stores.backends(sqliteName: "rls.sqlite").first(where: { $0.name == "PostgreSQL" }) else {
            try skip("no PostgreSQL server (eval \"$(scripts/dev-postgres.sh)\" starts one)")
        }
        let admin = try XCTUnwrap(try pg.open() as? PostgresStore)
        let role = "vest_" + admin.address.database.suffix(8)
        _ = try admin.applyAccess([.init(role: role, unit: "ph-vest")], scope: { _ in ["ph-vest", "ph-fyllingsdalen", "ph-laksevag"] })
        defer { try? admin.unchecked("DROP OWNED BY \(role); DROP ROLE IF EXISTS \(role)") }
        var c = URLComponents(string: TestStores.server!)!
        c.path = "/" + admin.address.database
        c.user = role
        let vest = try PostgresStore(c.string!)
        let empty = Baseline(through: t3, figures: [:])
        let own = try vest.openMeeting(unit: "ph-vest", period: .tertial(2020, 1), participants: nil, baseline: empty, agenda: [], by: role)
        XCTAssertEqual(own.openedBy, role)
        XCTAssertThrowsError(try vest.openMeeting(unit: "ephrt", period: t3, participants: nil, baseline: empty, agenda: [], by: role)) {
            XCTAssertEqual($0 as? FollowUpError, .outsideScope(unit: "ephrt", role: role))
        }
        let etat = try admin.openMeeting(unit: "ephrt", period: t3, participants: nil, baseline: empty, agenda: [], by: "etat")
        XCTAssertEqual(Set(try vest.meetings(unit: nil).map(\.id)), [own.id, etat.id], "every leader reads every meeting")
        XCTAssertThrowsError(try vest.markItem(etat.id, item: "x", .done, by: role))
        // Vest's leader at the etat's meeting writes on a Vest figure: kept; the link to the
        // etat's meeting, which the role may not write to, is refused and said.
        let own2 = try vest.addComment(Entry.Key(unit: "ph-vest", indicator: "staff_user_experience", period: .tertial(2020, 1)), text: "Vest sitt", by: role,
                                       meeting: etat.id, item: nil)
        XCTAssertNotNil(own2.linkRefused)
        XCTAssertEqual(try admin.all().map(\.text), ["Vest sitt"])
        XCTAssertEqual(try admin.record(etat.id).entries.count, 0)
        try vest.closeMeeting(own.id, by: role)
    }

    /// LISTEN/NOTIFY: a mark made on one dashboard reaches another within a second.
    @Test func testAMarkReachesAnotherClientWithinASecond() throws {
        guard let pg = try stores.backends(sqliteName: "notify.sqlite").first(where: { $0.name == "PostgreSQL" }) else {
            try skip("no PostgreSQL server (eval \"$(scripts/dev-postgres.sh)\" starts one)")
        }
        let a = try pg.open(), b = try pg.open()
        let m = try a.openMeeting(unit: "ephrt", period: t3, participants: nil, baseline: Baseline(through: t3, figures: [:]), agenda: [], by: "kari")
        let heard = Mailbox()
        XCTAssertTrue(b.watch(changed: { heard.post() }, connection: { _ in }))
        let before = try b.meetingToken()
        try a.markItem(m.id, item: "deviation:ephrt:x:2019-T3:", .postponed, by: "kari")
        XCTAssertTrue(heard.wait(seconds: 1), "no notification within a second")
        XCTAssertGreaterThan(try b.meetingToken(), before)
        XCTAssertEqual(try b.record(m.id).marks["deviation:ephrt:x:2019-T3:"], .postponed)
    }
    #endif
}

/// The meeting from the command line (issue 24), on SQLite and, when a server is named, on
/// PostgreSQL: open, an action decided in it, close, the 0 corrected to 12, the next
/// meeting, `report changes`, the minutes written as `report` writes (0600, --force).
@Suite(.serialized) final class MeetingCLITests: TestCase {
    let stores = TestStores()

    @Test func testAWholeMeetingFromTheCommandLineOnEveryBackend() throws {
        for (name, open) in try stores.backends(sqliteName: "cli/tertial.sqlite") {
            let data = try SampleData.copy(prefix: "tertial-meeting-cli")
            try? FileManager.default.removeItem(atPath: data.path + "/followup")
            let location = try open().location
            func run(_ args: [String]) throws -> (status: Int32, out: String, err: String) {
                try Repo.run(args + ["--data", data.path, "--store", location, "--user", "kari"])
            }
            let opened = try run(["meeting", "open", "--period", "2019-T3", "--participants", "Etatsdirektør og byområdeledere"])
            XCTAssertEqual(opened.status, 0, "\(name): \(opened.err)")
            let id = opened.out.trimmingCharacters(in: .whitespacesAndNewlines)
            XCTAssertTrue(opened.err.contains("Åpnet møte nr. \(id) (Etaten, T3 2019) med 28 punkter på agendaen"), "\(name): \(opened.err)")
            let action = try run(["followup", "action", "--unit", "ph-fyllingsdalen", "--indicator", "staff_user_experience", "--period", "2019-T3",
                                  "--owner", "Enhetsleder Fyllingsdalen", "--due", "15.01.2020", "--meeting", "last", "Rette tallet i Corporater"])
            XCTAssertEqual(action.status, 0, "\(name): \(action.err)")
            XCTAssertEqual(try run(["meeting", "open", "--period", "2019-T3"]).status, 1, "\(name): one open meeting per unit")
            let closed = try run(["meeting", "close", "last"])
            XCTAssertEqual(closed.status, 0, "\(name): \(closed.err)")
            XCTAssertTrue(closed.err.contains("Møte nr. \(id) er avsluttet"), closed.err)

            try data.edit("reports/2019-T3.csv") {
                $0.replacingOccurrences(of: "2019-T3;ph-fyllingsdalen;staff_user_experience;0;", with: "2019-T3;ph-fyllingsdalen;staff_user_experience;12;")
            }
            let changes = try run(["report", "changes", "--since", "last-meeting", "--format", "csv"])
            XCTAssertEqual(changes.status, 0, "\(name): \(changes.err)")
            XCTAssertTrue(changes.out.contains("revised;ph-fyllingsdalen;staff_user_experience;2019-T3;0;12;red;green;reports/2019-T3.csv:80;ephrt 17 → 29"), changes.out)
            let text = try run(["report", "changes", "--lang", "en"])
            XCTAssertTrue(text.out.contains("Revised figures (1)") && text.out.contains("Etaten 17 → 29"), text.out)
            XCTAssertEqual(try run(["report", "changes", "--since", "2000-01-01"]).status, 1, "\(name): no meeting before then")

            let second = try run(["meeting", "open", "--period", "2019-T3"])
            XCTAssertEqual(second.status, 0, "\(name): \(second.err)")
            let list = try run(["meeting", "list"])
            XCTAssertTrue(list.out.contains("Etaten, T3 2019") && list.out.contains("åpent"), list.out)

            let file = data.path + "/../referat-\(UUID().uuidString).md"
            defer { try? FileManager.default.removeItem(atPath: file) }
            let minutes = try run(["meeting", "minutes", id, "--format", "md", "--output", file])
            XCTAssertEqual(minutes.status, 0, "\(name): \(minutes.err)")
            let md = try String(contentsOfFile: file, encoding: .utf8)
            for want in ["# Referat: driftsoppfølging Etaten, T3 2019", "Deltakere: Etatsdirektør og byområdeledere",
                         "Tiltak: Rette tallet i Corporater (ansvarlig: Enhetsleder Fyllingsdalen, frist: 15.01.2020, planlagt)"] {
                XCTAssertTrue(md.contains(want), "\(name): «\(want)» in\n\(md)")
            }
            XCTAssertEqual((try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int), 0o600)
            XCTAssertEqual(try run(["meeting", "minutes", id, "--format", "md", "--output", file]).status, 73, "not over a file without --force")
            XCTAssertEqual(try run(["meeting", "minutes", id, "--format", "html", "--output", file, "--force"]).status, 0)
            let missing = try run(["meeting", "minutes", "99"])
            XCTAssertEqual(missing.status, 1)
            XCTAssertTrue(missing.err.contains("det finnes ikke noe møte nr. 99"), missing.err)
            XCTAssertEqual(try run(["meeting", "minutes", "x"]).status, 64)
        }
    }
}
