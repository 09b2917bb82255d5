import Foundation
import Testing
import TestSupport
@testable import Model
@testable import Reports

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

    /// No inline language pairs outside the catalogue: a new text gets a key.
    @Test func testNoInlineLanguagePairsInTheSources() throws {
        let sources = Repo.root.appendingPathComponent("Sources")
        let files = FileManager.default.enumerator(atPath: sources.path)!.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") }
        XCTAssertGreaterThan(files.count, 30)
        for f in files where !f.hasSuffix("L10n.swift") {
            let text = try String(contentsOf: sources.appendingPathComponent(f), encoding: .utf8)
            XCTAssertFalse(text.contains(".t(\""), "\(f) writes a language pair inline; add a key to Sources/Reports/Strings.swift")
        }
    }
}
