import Foundation
import Testing
import TestSupport
@testable import Model
@testable import Reports
@testable import Store
@testable import TUI

/// Follow-up in the dashboard (issue 12): the keys, the input, what the screens show.
@Suite(.serialized) final class FollowUpTests: TestCase {
    var dir = ""
    override func setUpWithError() throws { dir = NSTemporaryDirectory() + "tertial-fu-tui-" + UUID().uuidString }
    deinit { try? FileManager.default.removeItem(atPath: dir) }

    /// Bergen Vest in T3 2019, with a store.
    func driver(_ store: SQLiteStore? = nil, width: Int = 120, height: Int = 40) throws -> Driver {
        var d = Driver(width: width, height: height, unit: "ph-vest", period: .tertial(2019, 3))
        d.state.store = .writable(dir)
        d.state.today = Day(year: 2026, month: 11, day: 30)!
        if let store { d.state.followUp = try FollowUpBook(store) }
        return d
    }

    /// `c` on the worst deviation opens the comment input for that figure; typing with line
    /// editing and Enter hands the text to the store; Esc leaves without saving.
    /// An action's line and the count of open actions are whole sentences in each language:
    /// one action is singular, the overdue mark follows the status, a missing owner is a dash.
    @Test func testActionSentencesInBothLanguages() {
        let due = Day(civil: 2026, 12, 18)
        let line = DashboardTexts.action("Gå gjennom ventelisten", owner: nil, due: due, status: .planned, overdue: true)
        XCTAssertEqual(line.text(.nb), "Tiltak (planlagt, forfalt): Gå gjennom ventelisten · – · frist 18.12.2026")
        XCTAssertEqual(line.text(.en), "Action (planned, overdue): Gå gjennom ventelisten · – · due 2026-12-18")
        XCTAssertEqual(DashboardTexts.openActions(1).text(.nb), "1 åpent tiltak")
        XCTAssertEqual(DashboardTexts.openActions(2).text(.en), "2 open actions")
        XCTAssertEqual(DashboardTexts.openActions(1).text(.en), "1 open action")
    }

    @Test func testACommentOnTheWorstDeviation() throws {
        var d = try driver()
        d.press(.char("5"))
        let first = try XCTUnwrap(d.selected)
        let key = try XCTUnwrap(first.followUp)
        XCTAssertEqual(key.unit, "ph-fyllingsdalen")
        XCTAssertEqual(key.period, .tertial(2019, 3))
        d.press(.char("c"))
        guard case .followUp(let form) = d.state.mode else { return XCTFail("c opens the input: \(d.state.mode)") }
        XCTAssertEqual(form.purpose, .comment(key))
        d.type("Ventetiden økte etter sammenslåingen")
        d.press(.ctrl("w"))                 // deletes the last word
        d.type("flyttingen")
        XCTAssertTrue(d.text.contains("Ikke navngi brukere"), d.text)
        XCTAssertTrue(d.text.contains("Kommentar: Ventetiden økte etter flyttingen"), d.text)
        d.press(.enter)
        XCTAssertEqual(d.state.mode, .normal)
        guard case .saveFollowUp(let saved)? = d.effects.last else { return XCTFail("Enter saves: \(d.effects)") }
        XCTAssertEqual(saved.fields[0].string, "Ventetiden økte etter flyttingen")
        // Esc: nothing saved.
        let before = d.effects.count
        d.press(.char("c")); d.type("nei"); d.press(.escape)
        XCTAssertEqual(d.state.mode, .normal)
        XCTAssertEqual(d.effects.count, before)
    }

    /// `a`: what, who, by when; a due date that is none is refused in the input, not saved.
    @Test func testAnActionWithItsThreeFields() throws {
        var d = try driver()
        d.press(.char("2"), .down, .down)
        let key = try XCTUnwrap(d.selected?.followUp)
        d.press(.char("a"))
        d.type("Rekruttere"); d.press(.enter)
        d.type("enhetsleder"); d.press(.enter)
        d.type("snart"); d.press(.enter)
        guard case .followUp(let form) = d.state.mode else { return XCTFail("a bad due date keeps the input open") }
        XCTAssertEqual(form.error, "«snart» er ikke en frist (skriv 31.01.2027, 31.1 eller +14)")
        XCTAssertTrue(d.effects.isEmpty)
        d.press(.ctrl("u")); d.type("+14"); d.press(.enter)
        guard case .saveFollowUp(let saved)? = d.effects.last else { return XCTFail("saved: \(d.effects)") }
        XCTAssertEqual(saved.purpose, .action(key))
        XCTAssertEqual(saved.fields.map(\.string), ["Rekruttere", "enhetsleder", "+14"])
    }

    /// Without a writable store, c and a say why instead of opening an input.
    @Test func testWithoutAStoreTheKeysSayWhy() throws {
        var d = try driver()
        d.state.store = .readOnly("oppfølgingen er skrivebeskyttet")
        d.press(.char("5"), .char("c"))
        XCTAssertEqual(d.state.mode, .normal)
        XCTAssertEqual(d.state.message, "Oppfølging er ikke tilgjengelig: oppfølgingen er skrivebeskyttet")
    }

    /// What was written shows everywhere: the Avvik screen's column, the selected row's
    /// lines, the history, screen 7 (overdue first, in red), the overview's panel.
    @Test func testFollowUpIsShownOnEveryScreen() throws {
        let store = try SQLiteStore(path: dir + "/s.sqlite")
        let fy = Entry.Key(unit: "ph-fyllingsdalen", indicator: "waitlist_median_wait", period: .tertial(2019, 3))
        let lak = Entry.Key(unit: "ph-laksevag", indicator: "staff_user_experience", period: .tertial(2019, 3))
        try store.addComment(fy, text: "Flere søkere etter nedleggelsen", by: "kari")
        let late = try store.addAction(fy, text: "Gå gjennom ventelisten", owner: "enhetsleder", due: Day(year: 2026, month: 11, day: 1), by: "kari")
        let later = try store.addAction(lak, text: "Rekruttere", owner: "avdelingsleder", due: Day(year: 2027, month: 1, day: 31), by: "kari")
        let done = try store.addAction(lak, text: "Utlyse stilling", owner: nil, due: nil, by: "kari")
        try store.setStatus(done.id, .done, note: "utlyst", by: "ola")
        var d = try driver(store)

        d.press(.char("5"))
        let row = try XCTUnwrap(d.selected)
        XCTAssertEqual(row.followUp, fy)
        XCTAssertTrue(row.cells.contains { $0.text == "▶ 1 ✎" }, "one open action and a comment: \(row.cells.map(\.text))")
        XCTAssertTrue(row.detail.contains("Kommentar (kari, 30.11.2026): Flere søkere etter nedleggelsen") || row.detail.contains { $0.hasPrefix("Kommentar (kari, ") }, "\(row.detail)")
        XCTAssertTrue(row.detail.contains { $0.contains("Tiltak (planlagt, forfalt): Gå gjennom ventelisten · enhetsleder · frist 01.11.2026") }, "\(row.detail)")

        d.press(.char("7"))
        let p = Views.panel(d.state, d.snapshot)
        XCTAssertEqual(p.items.map(FollowUpScreen.entryID), [late.id, later.id], "open only, overdue first")
        XCTAssertEqual(p.items[0].cells[0].style.color, .red)
        d.press(.char("t"))
        XCTAssertEqual(Views.panel(d.state, d.snapshot).items.map(FollowUpScreen.entryID), [late.id, later.id, done.id], "t shows the done ones too")
        // Enter: the figure the action is about, in its period, with the unit selected.
        d.press(.char("t"), .enter)
        XCTAssertEqual(d.state.top.kind.page, .drill(IndicatorID("waitlist_median_wait")))
        XCTAssertEqual(d.selected?.key, .unit(UnitID("ph-fyllingsdalen")))

        var o = try driver(store)
        o.press(.char("1"))
        XCTAssertTrue(o.text.contains("Åpne tiltak: 2 · forfalt: 1"), o.text)
        XCTAssertTrue(o.text.contains("Utført, tall for T3 2019: 1"), o.text)
        XCTAssertFalse(o.text.contains("siden"), "no date from the wall clock: \(o.text)")
        // The overview of another period counts that period's actions (issue 23, 8): none in T1 2018.
        o.press(.char("["), .char("["), .char("["), .char("["), .char("["))
        XCTAssertEqual(o.state.period, .tertial(2018, 1))
        XCTAssertTrue(o.text.contains("Ingen tiltak på tallene for T1 2018"), o.text)
        XCTAssertFalse(o.text.contains("Åpne tiltak: 2"), o.text)
    }

    /// After the selected action is closed and leaves the list of open ones, a row is still
    /// selected (issue 23, 21: `Åpne tiltak (1) 0/1`, and `p` then answered about nothing).
    @Test func testClosingTheSelectedActionLeavesARowSelected() throws {
        let store = try SQLiteStore(path: dir + "/c.sqlite")
        let key = Entry.Key(unit: "ph-laksevag", indicator: "staff_user_experience", period: .tertial(2019, 3))
        let first = try store.addAction(key, text: "Rekruttere", owner: nil, due: Day(year: 2026, month: 12, day: 1), by: "kari")
        let second = try store.addAction(key, text: "Utlyse", owner: nil, due: Day(year: 2026, month: 12, day: 20), by: "kari")
        var d = try driver(store)
        d.press(.char("7"))
        XCTAssertEqual(d.selected.flatMap(FollowUpScreen.entryID), first.id)
        d.press(.char("d")); d.type("ferdig"); d.press(.enter)
        XCTAssertEqual(d.effects.last, .saveFollowUp({ var f = FollowUpForm(.status(first.id, .done)); f.fields[0] = LineEditor("ferdig"); return f }()))
        try store.setStatus(first.id, .done, note: "ferdig", by: "kari")
        d.state = Dashboard.update(d.state, .outcome(.followUpRead(try FollowUpBook(store))), d.snapshot).0
        d.state = Dashboard.update(d.state, .outcome(.saved), d.snapshot).0
        XCTAssertEqual(d.selected.flatMap(FollowUpScreen.entryID), second.id, d.text)
        XCTAssertTrue(d.text.contains("1/1"), d.text)
        d.press(.char("p"))
        XCTAssertEqual(d.effects.last, .saveFollowUp(FollowUpForm(.status(second.id, .inProgress))))
    }

    /// `c` and `a` are offered where a row is a figure, and elsewhere say where follow-up is
    /// written (issue 23, 23: screens 3, 4 and 9 offered them and refused; the overview was silent).
    @Test func testCommentAndActionAreOfferedOnlyWhereRowsAreFigures() throws {
        for n in ["3", "4", "9"] {
            var d = try driver()
            d.press(.char(Character(n)))
            XCTAssertFalse(Dashboard.helpLines(d.state, L10n(.nb)).contains { $0.1.hasPrefix("kommentar til tallet") }, "screen \(n)")
            XCTAssertFalse(d.text.split(separator: "\n").last?.contains("c kommentar") ?? true, "screen \(n)'s footer")
            d.press(.char("c"))
            XCTAssertEqual(d.state.mode, .normal)
            XCTAssertEqual(d.state.message, L10n(.nb)[.fuWhere], "screen \(n)")
        }
        var o = try driver()
        o.press(.char("a"))
        XCTAssertEqual(o.state.message, L10n(.nb)[.fuWhere], "the overview answers")
        var sc = try driver()
        sc.press(.char("2"))
        XCTAssertTrue(Dashboard.helpLines(sc.state, L10n(.nb)).contains { $0.1.hasPrefix("kommentar til tallet") })
        sc.press(.char("c"))
        guard case .followUp = sc.state.mode else { return XCTFail("the scorecard's rows take a comment: \(sc.state.mode)") }
    }

    /// Screen 7 at 80 columns has an indicator column (issue 23, 20); the owner gives way.
    @Test func testTheActionListNamesTheIndicatorAt80Columns() throws {
        let store = try SQLiteStore(path: dir + "/i.sqlite")
        _ = try store.addAction(Entry.Key(unit: "ph-laksevag", indicator: "staff_user_experience", period: .tertial(2019, 3)),
                                text: "Rekruttere", owner: "avdelingsleder", due: nil, by: "kari")
        var d = try driver(store, width: 80, height: 24)
        d.press(.char("7"))
        let p = Views.panel(d.state, d.snapshot)
        XCTAssertTrue(p.columns.contains { $0.title == "Indikator" }, "\(p.columns.map(\.title))")
        XCTAssertTrue(d.text.contains("Ansatte med"), d.text)
    }

    /// `o` writes a note and leaves the status: its field says so, it is no closing note
    /// (issue 23, 22); `d`'s field is the closing note.
    @Test func testANoteIsNotAClosingNote() throws {
        let store = try SQLiteStore(path: dir + "/n.sqlite")
        _ = try store.addAction(Entry.Key(unit: "ph-laksevag", indicator: "staff_user_experience", period: .tertial(2019, 3)),
                                text: "Rekruttere", owner: nil, due: nil, by: "kari")
        var d = try driver(store)
        d.press(.char("7"), .char("o"))
        XCTAssertTrue(d.text.contains("Notat (statusen er uendret)"), d.text)
        XCTAssertFalse(d.text.contains("Avslutningsnotat"), d.text)
        d.press(.escape, .char("d"))
        XCTAssertTrue(d.text.contains("Avslutningsnotat"), d.text)
    }

    /// p moves an action to "in progress" at once; d asks for a closing note first.
    @Test func testStatusKeysOnTheFollowUpScreen() throws {
        let store = try SQLiteStore(path: dir + "/s.sqlite")
        let a = try store.addAction(Entry.Key(unit: "ph-laksevag", indicator: "staff_user_experience", period: .tertial(2019, 3)),
                                    text: "Rekruttere", owner: nil, due: nil, by: "kari")
        var d = try driver(store)
        d.press(.char("7"), .char("p"))
        XCTAssertEqual(d.effects.last, .saveFollowUp(FollowUpForm(.status(a.id, .inProgress))))
        d.press(.char("d"))
        guard case .followUp(let form) = d.state.mode else { return XCTFail("d asks for a note") }
        XCTAssertEqual(form.purpose, .status(a.id, .done))
        d.type("ansatt 1.12"); d.press(.enter)
        guard case .saveFollowUp(let saved)? = d.effects.last else { return XCTFail() }
        XCTAssertEqual(saved.fields[0].string, "ansatt 1.12")
        // E edits with what the action says now.
        d.press(.char("E"))
        guard case .followUp(let edit) = d.state.mode else { return XCTFail("E edits") }
        XCTAssertEqual(edit.fields.map(\.string), ["Rekruttere", "", ""])
    }

    /// A shared store out of reach: the top line says so, in the user's language and at the
    /// narrowest size, beside the period; the figures stay.
    @Test func testAnOfflineStoreIsSaidInTheTopLine() {
        for (lang, word) in [(Lang.nb, "⚠ oppfølging frakoblet"), (.en, "⚠ follow-up offline")] {
            var d = Driver(width: 80, height: 24, lang: lang)
            d.state.storeOffline = true
            let top = d.text.split(separator: "\n").first.map(String.init) ?? ""
            XCTAssertTrue(top.contains(word) && top.contains("T3 2019"), top)
            XCTAssertTrue(d.text.contains(lang == .nb ? "Indikatorer etter status · Etaten" : "Indicators by status · Etaten"), "the overview is still drawn")
            d.state.storeOffline = false
            XCTAssertFalse(d.text.contains(word))
        }
    }
}

/// Issue 23, 15: text that a leader reads whole at the sizes they use.
@Suite(.serialized) final class WholeTextTests: TestCase {
    var dir = ""
    override func setUpWithError() throws { dir = NSTemporaryDirectory() + "tertial-whole-" + UUID().uuidString }
    deinit { try? FileManager.default.removeItem(atPath: dir) }

    func screen7(width: Int, height: Int, showAll: Bool) throws -> Driver {
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let store = try SQLiteStore(path: dir + "/w\(width).sqlite")
        let fy = Entry.Key(unit: UnitID("ph-fyllingsdalen"), indicator: IndicatorID("staff_user_experience"), period: .tertial(2019, 3))
        try store.addAction(fy, text: "Rette registreringen av ansatte med brukererfaring og sjekke mot HR-systemet",
                            owner: "Fagkoordinator barn og unge, Fyllingsdalen", due: Day(year: 2027, month: 1, day: 31), by: "kari")
        let done = try store.addAction(fy, text: "Gå gjennom alle registreringene av ansatte i enheten mot turnusplanen for høsten",
                                       owner: "Enhetsleder", due: Day(year: 2026, month: 12, day: 15), by: "kari")
        try store.setStatus(done.id, .done, note: "ferdig", by: "kari")
        var d = Driver(width: width, height: height, unit: "ph-fyllingsdalen", period: .tertial(2019, 3))
        d.state.store = .writable(dir)
        d.state.today = Day(year: 2026, month: 11, day: 30)!
        d.state.followUp = try FollowUpBook(store)
        d.type("7")
        if showAll { d.type("t") }
        return d
    }

    /// At 160 columns the owner is whole; at 80 and 100 a done action's line under the
    /// list says "utført" before anything is cut.
    @Test func testOwnerWholeAt160AndADoneActionSaysSoAt80() throws {
        let wide = try screen7(width: 160, height: 30, showAll: false)
        XCTAssertTrue(wide.text.contains("Fagkoordinator barn og unge, Fyllingsdalen"), wide.text)
        for w in [80, 100] {
            var d = try screen7(width: w, height: 24, showAll: true)
            d.press(.home)
            for _ in 0..<5 where d.selected.map({ !$0.cells[1].text.contains("utført") }) ?? false { d.press(.down) }
            XCTAssertTrue(d.selected?.cells[1].text.contains("utført") == true, "\(w): the done action is listed: \(d.text)")
            let lines = d.text.split(separator: "\n")
            XCTAssertTrue(lines.contains { $0.hasPrefix(" Tiltak (utført): ") }, "\(w): \(d.text)")
        }
    }

    /// At 80x24 the overview's waitlist tile keeps "12 mnd" (its count is the last 12
    /// months, the deviation tile's the period), in both languages; English lines fit.
    @Test func testOverviewLinesAreWholeAt80() {
        let nb = Driver(width: 80, height: 24).text, en = Driver(width: 80, height: 24, lang: .en).text
        XCTAssertTrue(nb.contains("Over 4 uker uten svar, 12 mnd: 11"), nb)
        XCTAssertTrue(en.contains("Over 4 weeks, no reply, 12 mo: 11"), en)
        XCTAssertTrue(en.contains("(126/126 values)"), en)
        XCTAssertTrue(en.contains("With IP: 180 of 613 in target group"), en)
    }

    /// Screen 4 in English at 80 columns: the status word is whole ("▲ yellow", not "▲ yell…").
    @Test func testIPStatusIsWholeInEnglishAt80() {
        var d = Driver(width: 80, height: 24, lang: .en)
        d.type("4")
        XCTAssertTrue(d.text.contains("▲ yellow"), d.text)
        XCTAssertFalse(d.text.contains("yell…"), d.text)
    }

    /// At 200 columns the deviation list's note takes the width the names leave: a cut
    /// note runs to the screen's edge, never beside ~90 empty columns.
    @Test func testANoteIsCutOnlyAtTheEdge() {
        var d = Driver(width: 200, height: 60)
        d.type("5")
        d.press(.end)
        let cut = d.text.split(separator: "\n").filter { $0.contains("⚠ data") && $0.hasSuffix("…") }
        XCTAssertFalse(cut.isEmpty, "some note is longer than 200 columns")
        for line in cut { XCTAssertGreaterThanOrEqual(DisplayWidth.of(String(line)), 196, String(line)) }
    }
}
