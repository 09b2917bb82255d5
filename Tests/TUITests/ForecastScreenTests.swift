import Foundation
import Testing
import TestSupport
@testable import Model
@testable import Reports
@testable import TUI

/// Issue 25 on screen 3: the selected category's forecast under the list, in both languages,
/// at 80x24 and wider, in Unicode and ASCII; `t` switches to Table 7. ForecastFixture's
/// hand-computed figures.
@Suite(.serialized) final class ForecastScreenTests: TestCase {
    func snapshot() throws -> (TemporaryCopy, Snapshot) {
        let fx = try ForecastFixture.write()
        return (fx, Engine.compute(try XCTUnwrap(Loader(directory: fx.path).load().dataset)))
    }

    func lines(_ d: Driver) -> [String] { d.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }

    @Test func testTheSelectedCategorysForecastIsReadOnScreenThree() throws {
        let (fx, s) = try snapshot()
        _ = fx
        for (w, h) in [(80, 24), (200, 60)] {
            var d = Driver(width: w, height: h, period: .tertial(2020, 2), snapshot: s)
            d.type("3")
            d.press(.down) // OMBPS3
            let text = d.text
            XCTAssertTrue(text.contains("Prognose OMBPS3 · 10 saker med vedtak siste 24 mnd"), text)
            XCTAssertTrue(text.contains("3 mnd 30,0 % ("), text)
            XCTAssertTrue(text.contains("6 mnd 50,0 % ("), text)
            XCTAssertTrue(text.contains("Halvparten har fått bolig etter 100 dager"), text)
            XCTAssertTrue(text.contains("ut uten bolig innen 12 mnd: 10,0 %"), text)
            // Ten granted, five allocated, one left in 12 months: the list grows by 4/12 a month.
            XCTAssertTrue(text.split(whereSeparator: \.isWhitespace).joined(separator: " ").contains("vokser listen med 0,3 i måneden"), text)
            // The curve: its top label, its axis with the months, block characters in it.
            XCTAssertTrue(text.contains("100 %│"), text)
            XCTAssertTrue(lines(d).contains { $0.contains("0 %└0") && $0.contains("24 mnd") }, text)
            XCTAssertTrue(text.contains("█"), text)
            // Little's law agrees well enough here (3.4 waiting on average against 2.3): no warning.
            XCTAssertFalse(text.contains("⚠ Datakvalitet"), text)
            // No line is wider than the terminal, and the footer is still the last row.
            XCTAssertTrue(lines(d).allSatisfy { DisplayWidth.of($0) <= w }, text)
            XCTAssertTrue(lines(d).last { !$0.trimmingCharacters(in: .whitespaces).isEmpty }?.contains("? hjelp") == true, text)
            // OMBPS2: one case, no estimate, and why.
            d.press(.up)
            XCTAssertTrue(d.text.split(whereSeparator: \.isWhitespace).joined(separator: " ").contains("Ingen prognose: 1 sak med vedtak i perioden, minst 10 trengs."), d.text)
            // t: Table 7 instead, and back.
            d.type("t")
            XCTAssertTrue(d.text.contains("Hvor søkerne bor nå"), d.text)
            XCTAssertFalse(d.text.contains("Prognose OMBPS2"), d.text)
            d.type("t")
            XCTAssertTrue(d.text.contains("Prognose OMBPS2"), d.text)
        }
    }

    /// `--window 6`: six months back from 31 August 2020 leaves out the February grants.
    @Test func testTheWindowOption() throws {
        let (fx, s) = try snapshot()
        _ = fx
        var d = Driver(width: 80, height: 24, period: .tertial(2020, 2), snapshot: s)
        d.state.forecastWindow = 6
        d.type("3")
        d.press(.down)
        let flat = d.text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        XCTAssertTrue(flat.contains("Prognose OMBPS3 · 0 saker med vedtak siste 6 mnd"), d.text)
        XCTAssertTrue(flat.contains("Ingen prognose: 0 saker"), d.text)
    }

    @Test func testEnglishAndASCII() throws {
        let (fx, s) = try snapshot()
        _ = fx
        var d = Driver(width: 80, height: 24, period: .tertial(2020, 2), lang: .en, unicode: false, snapshot: s)
        d.type("3")
        d.press(.down)
        let text = d.text
        XCTAssertTrue(text.contains("3 mo 30.0 % ("), text)
        XCTAssertTrue(text.contains("Half have a place after 100 days"), text)
        XCTAssertTrue(text.contains("100 %|"), text)
        XCTAssertTrue(text.contains("#"), text)
        XCTAssertFalse(text.contains("█"), text)
        XCTAssertTrue(text.unicodeScalars.allSatisfy { $0.isASCII || "æøåÆØÅ–·".unicodeScalars.contains($0) }, text)
        // `?` explains each figure.
        d.type("?")
        var help = d.text
        for _ in 0..<8 { d.press(.pageDown); help += d.text }
        for phrase in ["A place within 3/6/12 months", "Median: the time until half", "Left without a place", "Little's law"] {
            XCTAssertTrue(help.contains(phrase) || help.replacingOccurrences(of: "\n│ ", with: " ").contains(phrase), "\(phrase)\n\(help)")
        }
    }
}
