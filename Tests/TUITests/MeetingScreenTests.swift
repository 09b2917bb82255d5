import Foundation
import Testing
import TestSupport
@testable import Model
@testable import Reports
@testable import Store
@testable import TUI

/// The meeting screen (issue 24): `M` opens or resumes, the agenda with one key per mark,
/// `c`/`a` linked to the meeting and its item, `X` ends it and offers the minutes, a meeting
/// left open is offered at the next start; its golden screens in both languages.
@Suite(.serialized) final class MeetingScreenTests: TestCase {
    static let t3 = Period.tertial(2019, 3)

    /// A meeting of the etat in T3 2019 as the store would give it, written for the test: one
    /// item of each section (the action, a revision with its totals, a new deviation, a red one
    /// without a comment, a unit that has not reported), the first marked done.
    static func record(closed: Bool = false) -> (MeetingRecord, FollowUpBook) {
        let stamp = "2020-01-20T09:00:00Z"
        let fyll = Entry.Key(unit: "ph-fyllingsdalen", indicator: "staff_user_experience", period: t3)
        let action = Entry(id: 7, kind: .action, key: fyll, text: "Rette tallet i Corporater", owner: "Enhetsleder Fyllingsdalen",
                           due: Day(year: 2020, month: 1, day: 15), status: .planned, createdAt: stamp, createdBy: "kari", updatedAt: stamp, updatedBy: "kari")
        var revised = AgendaItem(kind: .revised, unit: "ph-fyllingsdalen", indicator: "staff_user_experience", period: t3, value: 12, status: .green)
        revised.old = 0
        revised.file = "reports/2019-T3.csv:80"
        revised.totals = [AgendaItem.Total(unit: "ephrt", old: 17, new: 29)]
        var unreported = AgendaItem(kind: .notReported, unit: "ph-arstad", period: t3)
        unreported.missing = 3
        let agenda = [AgendaItem(kind: .actionDue, unit: "ph-fyllingsdalen", indicator: "staff_user_experience", period: t3, entry: 7),
                      AgendaItem(kind: .newDeviation, unit: "ph-arna-asane", indicator: "waitlist_median_wait", period: t3, value: 458, status: .red), revised,
                      AgendaItem(kind: .uncommented, unit: "ph-laksevag", indicator: "children_conversation_rate", period: t3, value: 0, status: .red),
                      unreported]
        var events = [MeetingEvent(id: 1, meetingID: 2, at: stamp, by: "kari", kind: .opened, item: nil, value: nil),
                      MeetingEvent(id: 2, meetingID: 2, at: stamp, by: "kari", kind: .mark, item: agenda[0].key, value: "done"),
                      MeetingEvent(id: 3, meetingID: 2, at: stamp, by: "kari", kind: .mark, item: agenda[2].key, value: "postponed")]
        var m = Meeting(id: 2, unit: "ephrt", period: t3, openedAt: stamp, openedBy: "kari", participants: "Etatsdirektør, byområdeledere")
        if closed {
            m.closedAt = "2020-01-20T10:30:00Z"; m.closedBy = "kari"
            events.append(MeetingEvent(id: 4, meetingID: 2, at: m.closedAt!, by: "kari", kind: .closed, item: nil, value: nil))
        }
        return (MeetingRecord(meeting: m, agenda: agenda, events: events), FollowUpBook(entries: [action], token: 7))
    }

    func driver(width: Int = 100, height: Int = 30, lang: Lang = .nb, unicode: Bool = true, closed: Bool = false) -> Driver {
        var d = Driver(width: width, height: height, lang: lang, unicode: unicode)
        let (r, book) = MeetingScreenTests.record(closed: closed)
        d.state.store = .writable("/tmp/meeting")
        d.state.followUp = book
        d.state.meeting = r
        d.state.today = Day(year: 2020, month: 1, day: 20)!
        return d
    }

    @Test func testMOpensAMeetingAfterAYes() {
        var d = Driver()
        d.press(.char("M"))
        XCTAssertTrue(d.text.contains("skrivebeskyttet"), "without a store M says why: \(d.text)")
        XCTAssertEqual(d.state.mode, .normal)
        d.state.store = .writable("/tmp/meeting")
        d.press(.char("M"))
        XCTAssertEqual(d.state.mode, .confirm(.openMeeting("ephrt", MeetingScreenTests.t3, name: "Etaten")))
        XCTAssertTrue(d.text.contains("Åpne et møte for Etaten, T3 2019 (agenda fra tallene nå)? (j/N)"), d.text)
        d.press(.char("n"))
        XCTAssertEqual(d.effects, [], "no is no")
        d.press(.char("M"), .char("j"))
        XCTAssertEqual(d.effects, [.openMeeting("ephrt", MeetingScreenTests.t3)])
    }

    @Test func testMResumesTheOpenMeetingAndTheKeysMarkTheItems() throws {
        var d = driver()
        d.press(.char("M"))
        XCTAssertEqual(d.state.top.kind, ViewKind(.meeting))
        XCTAssertTrue(d.text.contains("Møte nr. 2 · Etaten, T3 2019 · 3 av 5 punkter igjen"), d.text)
        let (r, _) = MeetingScreenTests.record()
        // The cursor starts on the first item (the heading of who is present is not one).
        XCTAssertEqual(d.state.top.cursorKey, .agenda(r.agenda[0].key))
        d.press(.down)
        d.press(.char("b"))
        XCTAssertEqual(d.effects.last, .markItem(meeting: 2, item: r.agenda[1].key, .done))
        XCTAssertEqual(d.state.top.cursorKey, .agenda(r.agenda[2].key), "after a mark the next item")
        d.press(.char("v"))
        XCTAssertEqual(d.effects.last, .markItem(meeting: 2, item: r.agenda[2].key, .postponed))
        d.press(.char("o"))
        XCTAssertEqual(d.effects.last, .markItem(meeting: 2, item: r.agenda[3].key, .open))
        // c on an item: a comment on its figure, linked to the meeting and the item.
        d.press(.up)
        d.press(.char("c"))
        guard case .followUp(let form) = d.state.mode else { return XCTFail("no form: \(d.state.mode)") }
        XCTAssertEqual(form.purpose, .comment(r.agenda[3].followUpKey!))
        XCTAssertEqual(form.link, MeetingLink(meeting: 2, item: r.agenda[3].key))
        d.press(.escape)
        // P: who is present, prefilled.
        d.press(.char("P"))
        guard case .followUp(let p) = d.state.mode else { return XCTFail("no form: \(d.state.mode)") }
        XCTAssertEqual(p.purpose, .participants(2))
        XCTAssertEqual(p.text, "Etatsdirektør, byområdeledere")
        d.press(.escape)
        // X: end, after a yes.
        d.press(.char("X"))
        XCTAssertEqual(d.state.mode, .confirm(.endMeeting(2)))
        XCTAssertTrue(d.text.contains("Avslutte møte nr. 2? 3 punkter er ikke behandlet. (j/N)"), d.text)
        d.press(.char("j"))
        XCTAssertEqual(d.effects.last, .endMeeting(2))
    }

    @Test func testEnterOpensTheItemsFigureInItsPeriod() {
        var d = driver()
        d.press(.char("M"), .down, .down, .enter)
        XCTAssertEqual(d.state.top.kind, ViewKind(.meeting, .history("staff_user_experience")))
        XCTAssertEqual(d.state.top.unit, "ph-fyllingsdalen")
        XCTAssertEqual(d.state.period, MeetingScreenTests.t3)
        // A unit that has not reported: its reporting.
        var e = driver()
        e.press(.char("M"), .end, .enter)
        XCTAssertEqual(e.state.top.kind, ViewKind(.reporting))
        XCTAssertEqual(e.state.top.unit, "ph-arstad")
    }

    @Test func testACommentElsewhereInTheScopeIsLinkedToTheMeetingWithoutAnItem() {
        var d = driver()
        d.press(.char("5"), .char("c"))
        guard case .followUp(let form) = d.state.mode else { return XCTFail("no form: \(d.state.mode)") }
        XCTAssertEqual(form.link, MeetingLink(meeting: 2, item: nil))
        // Once closed, nothing more is linked to it.
        var c = driver(closed: true)
        c.press(.char("5"), .char("c"))
        guard case .followUp(let closedForm) = c.state.mode else { return XCTFail("no form: \(c.state.mode)") }
        XCTAssertNil(closedForm.link)
    }

    @Test func testAClosedMeetingTakesNoMarksAndEndingOffersTheMinutes() {
        var d = driver(closed: true)
        d.state.stack = [ViewState(ViewKind(.meeting), unit: "ephrt")]
        d.press(.char("b"))
        XCTAssertEqual(d.effects, [])
        XCTAssertTrue(d.text.contains("Møtet er avsluttet."), d.text)
        let (r, _) = MeetingScreenTests.record(closed: true)
        d.state = Dashboard.update(d.state, .outcome(.meetingEnded(r)), d.snapshot).0
        XCTAssertEqual(d.state.minutesFor, 2)
        guard case .export(let line) = d.state.mode else { return XCTFail("no prompt: \(d.state.mode)") }
        XCTAssertEqual(line.string, "referat-ephrt-2019-T3-2020-01-20.md")
        XCTAssertTrue(d.text.contains("Skriv referatet til: referat-ephrt-2019-T3-2020-01-20.md"), d.text)
        d.press(.escape)
        XCTAssertNil(d.state.minutesFor, "Esc: the next export is a report again")
    }

    @Test func testAMeetingLeftOpenIsResumedOrEndedAtTheNextStart() {
        let (r, _) = MeetingScreenTests.record()
        var d = Driver()
        d.state.store = .writable("/tmp/meeting")
        d.state = Dashboard.update(d.state, .outcome(.meetingLeftOpen(r)), d.snapshot).0
        XCTAssertEqual(d.state.mode, .confirm(.resumeMeeting(2, scope: "Etaten, T3 2019")))
        XCTAssertTrue(d.text.contains("Møte nr. 2 (Etaten, T3 2019) er fortsatt åpent"), d.text)
        var resume = d
        resume.press(.char("j"))
        XCTAssertEqual(resume.state.top.kind, ViewKind(.meeting))
        var end = d
        end.press(.char("a"))
        XCTAssertEqual(end.effects, [.endMeeting(2)])
        var later = d
        later.press(.escape)
        XCTAssertEqual(later.state.mode, .normal)
        XCTAssertEqual(later.effects, [])
    }

    @Test func testTheMeetingScreenAt80x24And160x48InBothLanguages() {
        for (w, h) in [(80, 24), (160, 48)] {
            for lang in [Lang.nb, .en] {
                var d = driver(width: w, height: h, lang: lang)
                d.press(.char("M"), .down, .down)
                let screen = d.screen
                for y in 0..<h { XCTAssertLessThanOrEqual(DisplayWidth.of(screen.line(y)), w, "line \(y)") }
                // Numbers whole: the revision's old → new and the etat's total.
                XCTAssertTrue(screen.text.contains("0 → 12"), screen.text)
                XCTAssertTrue(screen.text.contains(lang == .nb ? "Summer over: Etaten 17 → 29" : "Totals above: Etaten 17 → 29"), screen.text)
                let actual = screen.text + "\n--- style ---\n" + screen.styleText + "\n"
                if let problem = Golden.compare(actual, to: GoldenTests.dir.appendingPathComponent("meeting-\(lang == .nb ? "" : "en-")\(w)x\(h).txt"), updateHint: "MeetingScreenTests") {
                    XCTFail(problem)
                }
            }
        }
        // ASCII: the marks are letters.
        var a = driver(width: 80, height: 24, unicode: false)
        a.press(.char("M"))
        XCTAssertTrue(a.text.contains("x behandlet") && a.text.contains("> utsatt") && a.text.contains("o aapen"), a.text)
    }
}
