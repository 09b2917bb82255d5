import Foundation
import Testing
import TestSupport
@testable import Model
@testable import Reports
@testable import Store
@testable import TUI

/// What effects come to (saved, refused, exported, reloaded, store offline) reaches the
/// screen through `update`, like a key: each path is tested here without a terminal.
@Suite final class OutcomeTests: TestCase {
    func driver() -> Driver {
        var d = Driver(width: 100, height: 30, unit: "ph-vest")
        d.state.store = .writable("/tmp/outcome-test")
        d.state.today = Day(year: 2026, month: 11, day: 30)!
        return d
    }

    func tell(_ d: inout Driver, _ o: Outcome, _ s: Snapshot? = nil) {
        d.state = Dashboard.update(d.state, .outcome(o), s ?? d.snapshot).0
    }

    @Test func testASaveSaysSavedAndARefusalGivesTheFormBackWithItsText() {
        var d = driver()
        d.press(.char("2"), .down, .down, .char("c"))
        d.type("Ventetiden økte")
        d.press(.enter)
        guard case .saveFollowUp(let form)? = d.effects.last else { return XCTFail("Enter saves: \(d.effects)") }
        var e = d
        tell(&e, .saved)
        XCTAssertEqual(e.state.message, "Lagret")
        XCTAssertEqual(e.state.mode, .normal)
        // Refused (an identity number, a read-only store): the form again, the text kept, the reason in it.
        tell(&d, .saveRefused(form, reason: "Ser ut som et fødselsnummer"))
        guard case .followUp(let again) = d.state.mode else { return XCTFail("the form comes back: \(d.state.mode)") }
        XCTAssertEqual(again.fields[0].string, "Ventetiden økte")
        XCTAssertEqual(again.error, "Ser ut som et fødselsnummer")
        XCTAssertTrue(d.text.contains("Ser ut som et fødselsnummer"), d.text)
    }

    /// `p` (under way) is saved without a form: a refusal is said in the message line.
    @Test func testARefusedStatusWithoutAFormIsSaidInTheMessageLine() {
        var d = driver()
        tell(&d, .saveRefused(FollowUpForm(.status(7, .inProgress)), reason: "Lageret er skrivebeskyttet"))
        XCTAssertEqual(d.state.mode, .normal)
        XCTAssertEqual(d.state.message, "Lageret er skrivebeskyttet")
    }

    @Test func testAnExportThatExistsAsksAndOneWrittenSaysWhere() {
        var d = driver()
        tell(&d, .exportExists(path: "/tmp/r.md"))
        XCTAssertEqual(d.state.mode, .confirmOverwrite(path: "/tmp/r.md"))
        d.press(.char("j"))
        XCTAssertEqual(d.effects.last, .export(path: "/tmp/r.md", overwrite: true))
        tell(&d, .exported(path: "/tmp/r.md"))
        XCTAssertTrue(d.state.message?.contains("/tmp/r.md") == true, d.state.message ?? "")
        // A refused name comes back in the prompt with the reason above it (issue 23, 24: the
        // prompt closed and the name was lost).
        tell(&d, .exportRefused("Kan ikke skrive rapport.docx: bruk en av endelsene .txt, .md", typed: "rapport.docx"))
        XCTAssertEqual(d.state.mode, .export(LineEditor("rapport.docx")))
        XCTAssertTrue(d.text.contains("Kan ikke skrive rapport.docx"), d.text)
        XCTAssertTrue(d.text.contains("rapport.docx▏"), d.text)
        // Corrected with the keys (the reason goes with the first one).
        d.press(.backspace, .backspace, .backspace, .backspace)
        for ch in "md" { d.press(.char(ch)) }
        XCTAssertEqual(d.state.mode, .export(LineEditor("rapport.md")))
        XCTAssertNil(d.state.message)
    }

    /// A message stays while the store is read in the background; the next key clears it.
    @Test func testAMessageOutlivesABackgroundReadButNotTheNextKey() {
        var d = driver()
        tell(&d, .exported(path: "/tmp/r.md"))
        tell(&d, .followUpRead(FollowUpBook(entries: [], token: 9)))
        tell(&d, .storeOffline(true))
        XCTAssertNotNil(d.state.message)
        XCTAssertTrue(d.state.storeOffline)
        XCTAssertEqual(d.state.followUp.token, 9)
        d.press(.down)
        XCTAssertNil(d.state.message)
        tell(&d, .storeOffline(false))
        XCTAssertFalse(d.state.storeOffline)
    }

    @Test func testTheStoreStateReachesTheScreen() {
        var d = driver()
        tell(&d, .store(.failed("Kan ikke åpne lageret")))
        d.press(.char("2"), .down, .down, .char("c"))
        XCTAssertEqual(d.state.mode, .normal, "no form without a store")
        XCTAssertTrue(d.state.message?.contains("Kan ikke åpne lageret") == true, d.state.message ?? "")
        tell(&d, .followUpFailed("Lageret svarer ikke"))
        XCTAssertEqual(d.state.message, "Lageret svarer ikke")
    }

    /// Errors in the data: the first two in the banner, the rest counted; a good reload
    /// clears the banner and says which files changed.
    @Test func testDataErrorsThenAGoodReload() {
        var d = driver()
        let errors = (1...5).map { Diagnostic(.error, file: "reports/2019-T3.csv", line: $0, field: "value", Phrase.notANumber("x")) }
        tell(&d, .dataErrors(errors, partial: false))
        XCTAssertEqual(d.state.banner.count, 2)
        XCTAssertTrue(d.state.banner[0].contains("reports/2019-T3.csv:1"), d.state.banner[0])
        XCTAssertTrue(d.state.banner[1].contains("3"), "three more: \(d.state.banner[1])")
        XCTAssertTrue(d.text.contains("reports/2019-T3.csv:1"), d.text)
        tell(&d, .reloaded(ReloadNote(clock: "12:34:56", files: ["reports/2019-T3.csv"])))
        XCTAssertEqual(d.state.banner, [])
        XCTAssertEqual(d.state.loadedAt, "12:34:56")
        XCTAssertTrue(d.state.message?.contains("reports/2019-T3.csv") == true, d.state.message ?? "")
        tell(&d, .reloaded(ReloadNote(clock: "12:35:00", forced: true)))
        XCTAssertEqual(d.state.message, "Lest inn på nytt")
    }
}
