import Foundation
import Testing
import TestSupport
@testable import Model
@testable import Reports
@testable import Store

/// The words live in one catalogue per kind (Msg for the UI and reports, Problem for the
/// loader's diagnostics), complete in both languages.
@Suite(.serialized) final class CatalogueTests: TestCase {
    func placeholders(_ s: String) -> Set<String> {
        Set((1...9).map { "{\($0)}" }.filter { s.contains($0) })
    }

    @Test func testEveryMessageHasBothLanguagesWithTheSamePlaceholders() {
        for m in Msg.allCases {
            let (nb, en) = m.texts
            XCTAssertFalse(nb.isEmpty, "\(m) has no bokmål")
            XCTAssertFalse(en.isEmpty, "\(m) has no English")
            XCTAssertEqual(placeholders(nb), placeholders(en), "\(m): \(nb) / \(en)")
        }
        for p in Problem.allCases {
            let (en, nb) = p.texts
            XCTAssertFalse(nb.isEmpty, "\(p) has no bokmål")
            XCTAssertEqual(placeholders(nb), placeholders(en), "\(p): \(nb) / \(en)")
        }
    }

    /// A broken file in the Norwegian dashboard is explained in Norwegian.
    @Test func testDiagnosticsInBokmal() throws {
        let dir = NSTemporaryDirectory() + "tertial-nb-" + UUID().uuidString
        try FileManager.default.copyItem(atPath: Repo.sample, toPath: dir)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/reports/2019-T3.csv"
        var lines = try String(contentsOfFile: path, encoding: .utf8).components(separatedBy: "\n")
        var cells = lines[5].components(separatedBy: ";")
        cells[3] = "fire"
        lines[5] = cells.joined(separator: ";")
        try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
        let d = try XCTUnwrap(Loader(directory: dir).load().diagnostics.errors.first)
        XCTAssertEqual(d.text(norwegian: true), "reports/2019-T3.csv:6: value: «fire» er ikke et tall (forventet et tall som 12, 12.5, 12,5 eller 1 408)")
        XCTAssertEqual(d.description, "reports/2019-T3.csv:6: value: \"fire\" is not a number (expected a number such as 12, 12.5, 12,5 or 1 408)")
    }

    /// No language pair and no choice by language outside the catalogues (`…Texts.swift`,
    /// `Strings.swift`, `Problems.swift`, `L10n.swift`, `Sources/Text`): a new text goes into
    /// its feature's catalogue as a whole sentence.
    @Test func testNoInlineLanguagePairsOrTernariesInTheSources() throws {
        let sources = Repo.root.appendingPathComponent("Sources")
        let files = FileManager.default.enumerator(atPath: sources.path)!.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") }
        XCTAssertGreaterThan(files.count, 30)
        let catalogue = { (f: String) in f.hasSuffix("Texts.swift") || f.hasSuffix("/Strings.swift") || f.hasSuffix("/Problems.swift")
            || f.hasSuffix("/L10n.swift") || f.hasPrefix("Text/") }
        // A pair written inline, a ternary on the language or on a bokmål flag, a summary's flag.
        let refused = try NSRegularExpression(pattern: #"\.t\(\"|Sentence\(nb:|lang == \.(nb|en) \?|\b(norwegian|nb|no) \? \"|\$1 \? \""#)
        var checked = 0
        for f in files where !catalogue(f) {
            let text = try String(contentsOf: sources.appendingPathComponent(f), encoding: .utf8)
            for (k, line) in text.components(separatedBy: "\n").enumerated()
            where refused.firstMatch(in: line, range: NSRange(line.startIndex..., in: line)) != nil {
                XCTFail("Sources/\(f):\(k + 1): a language pair or choice outside the catalogues; add a sentence to the feature's …Texts.swift: \(line)")
            }
            checked += 1
        }
        XCTAssertGreaterThan(checked, 60)
        // The guard can fail: it finds each kind in a line written for it.
        for bad in [#"x.t("ja", "yes")"#, #"lang == .nb ? "ja" : "yes""#, #"nb ? "ja" : "yes""#, #"Sentence(nb: "ja", en: "yes")"#] {
            XCTAssertNotNil(refused.firstMatch(in: bad, range: NSRange(bad.startIndex..., in: bad)), bad)
        }
    }

    /// Every message type is one kind of thing: `Readable`, in both languages.
    @Test func testEveryMessageTypeIsReadable() {
        let things: [any Readable] = [Msg.screenOverview, Phrase(.notANumber, "x"), Diagnostic(.error, file: "a.csv", line: 2, Phrase(.notANumber, "x")),
                                      FollowUpError.emptyText, SourceTexts.units(7), FormatTexts.points]
        for t in things {
            XCTAssertFalse(t.text(.nb).isEmpty)
            XCTAssertFalse(t.text(.en).isEmpty)
        }
        XCTAssertEqual(SourceTexts.units(7).text(.nb), "7 enheter")
        XCTAssertEqual(FollowUpError.emptyText.text(.en), "the text is empty")
    }
}
