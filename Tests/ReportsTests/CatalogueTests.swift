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

    /// A key is a word or a sentence without arguments; one with arguments is a function of
    /// its feature's catalogue, so no key has a `{1}` left to fill in.
    @Test func testEveryMessageHasBothLanguagesAndNoPlaceholders() {
        for m in Msg.allCases {
            let (nb, en) = m.texts
            XCTAssertFalse(nb.isEmpty, "\(m) has no bokmål")
            XCTAssertFalse(en.isEmpty, "\(m) has no English")
            XCTAssertEqual(placeholders(nb).union(placeholders(en)), [], "\(m): a sentence with arguments belongs in a …Texts catalogue as a function: \(nb) / \(en)")
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

    /// Each problem with values has its function, which fills every place of its text in
    /// both languages; a problem without values is made without any.
    @Test func testEveryProblemWithValuesHasAFunctionThatFillsEveryPlace() {
        let d = Day(civil: 2019, 12, 31), p = Period(parsing: "2019-11")!
        let made: [Phrase] = [
            .notAUnitInUnits("x"), .reportedByMatchesNothing("x"), .notInCatalogue("x"), .notInUnits("x"), .invalidIndicatorID("x"),
            .invalidUnitID("x"), .notAllowed("x"), .notANumber("x"), .notADate("x"), .notAPeriod("x"), .notYesNo("x"), .notIPMeasure("x"),
            .notWaitlistMeasure("x"), .notBrukerPlanMeasure("x"), .notHousingCategory("x"), .notLivingSituation("x"), .notKnownLiving("x"),
            .notAgeBand("x"), .notGender("x"), .notAreaLevel("x"), .notOverallLevel("x"), .notARatio("x"), .formulaUnknownOperand("x"),
            .formulaCycle("x"), .fileNameNotPeriod("x"), .fileNameNotYear("x"), .toBeforeFrom("a", from: "b"),
            .evaluatedAfterSnapshot(d, snapshot: d), .unitNotActiveInMappingYear("x", year: 2014), .caseTwice("x", firstLine: 2),
            .userTwice("x", firstLine: 2), .definedTwice("x", firstLine: 2), .reportedTwice(indicator: "i", unit: "u", period: p, alsoAt: "f"),
            .wrongPeriodKind(p, indicator: "i", reportedPer: .tertial), .yearOutside("1900", from: 1976, to: 2027), .cannotReadBecause("x"),
            .yamlUnreadable("x"), .yamlSyntax("x"), .yamlOther("x"), .fileTooLarge("65 MiB", limit: "64 MiB"), .treeTooDeep("x", levels: 8),
            .successorChainTooLong("x", limit: 8), .manyRoots(2, lines: "2, 3"), .chainCycle("parent", from: "x"), .moreProblems("3", listed: 50),
            .csvQuoteNeverClosed(openedOnLine: 2), .csvQuoteTooLong(openedOnLine: 2, limit: 50), .csvQuoteHoldsRows(from: 2, to: 4, delimiterOnLine: 3, delimiter: ";"),
            .csvTooManyFields(300, limit: 256), .csvExtraFields(5, header: 4, first: "x"), .csvExtraFieldsJoined(5, header: 4, into: "comment"),
            .xlsxMissingPart("xl/workbook.xml"), .xlsxPartTooLarge("xl/worksheets/sheet1.xml", size: "300 MiB", limit: "256 MiB"),
            .xlsxBadXML("xl/styles.xml", line: 2), .xlsxBadCell("A3"), .xlsxExtraCells(column: "F", header: 5, text: "x"),
            .xlsxTooManyColumns(column: "ALM", limit: 1000), .bothCSVAndXLSX("units.csv"),
            .expectedAside("x"), .expectYearsWithin(1976, 2027), .expectShallowTree(8), .expectShortSuccessorChain(8), .expectSmallerFile("64 MiB"),
            .expectFileIn("units.csv", "data"), .expectKnownFiles("a, b"), .expectKindOrUnit(["a", "b"]), .expectOneOf(["a", "b"]),
            .expectAlternatives(["a", "b"]), .expectPeriodSuchAs("2019-T3"), .expectHeaderRow(["a", "b"]), .expectHeader(["a", "b"]),
            .expectOnOrBefore(d), .expectFewerFields(256), .expectFieldsOfHeader(delimiter: ";"),
        ]
        for phrase in made {
            for lang in Lang.allCases { XCTAssertFalse(phrase.text(lang).contains("{"), "\(phrase.problem) in \(lang): \(phrase.text(lang))") }
        }
        let withValues = Set(Problem.allCases.filter { !placeholders($0.texts.en).isEmpty })
        XCTAssertEqual(withValues.subtracting(made.map(\.problem)), [], "problems with values but no function in this test")
        for problem in Problem.allCases where !withValues.contains(problem) {
            XCTAssertFalse(Phrase(problem).text(.nb).contains("{"), "\(problem)")
        }
        XCTAssertEqual(Phrase.wrongPeriodKind(p, indicator: "staff", reportedPer: .tertial).text(.nb), "2019-11 er en måned, men staff rapporteres per tertial")
    }

    /// A sentence with arguments puts each where its language wants it, in the language's
    /// own way of writing dates, periods and words.
    @Test func testTypedSentencesWriteTheirArgumentsInEachLanguage() {
        let outside = StartTexts.periodOutside("2030-T1", from: Day(civil: 2014, 1, 1), to: Day(civil: 2020, 12, 31))
        XCTAssertEqual(outside.text(.nb), "2030-T1 ligger utenfor dataene (01.01.2014 til 31.12.2020)")
        XCTAssertEqual(outside.text(.en), "2030-T1 is outside the data (2014-01-01 to 2020-12-31)")
        XCTAssertEqual(StartTexts.unknownUnit("x", known: ["etat", "ph-vest"]).text(.nb), "ukjent enhet «x»; enhetene er: etat, ph-vest")
        // Blood-red and the unmapped are said only when there is something to say.
        let area = BrukerPlanTexts.counts(green: "10", yellow: "5", red: "2", bloodRed: nil, total: "17", notMapped: 0)
        XCTAssertEqual(area.text(.nb), "Grønn 10 · gul 5 · rød 2 av 17 kartlagt")
        let overall = BrukerPlanTexts.counts(green: "10", yellow: "5", red: "2", bloodRed: "1", total: "18", notMapped: 3)
        XCTAssertEqual(overall.text(.en), "Green 10 · yellow 5 · red 2 · blood-red 1 of 18 mapped (not mapped on the area: 3)")
        XCTAssertEqual(ReportTexts.smallCountsSuppressed(below: 5).text(.nb), "Tall mellom 1 og 4 er vist som <5; andeler bygget på dem som ..")
        XCTAssertEqual(FileOutput.Failure.cannotWrite("/nowhere/r.md", "x", ENOENT).text(.nb), "Kunne ikke lagre: mappen /nowhere finnes ikke")
        XCTAssertEqual(FileOutput.Failure.cannotWrite("r.md", "x", EACCES).text(.en), "Could not save: no permission to write in .")
        XCTAssertEqual(FollowUpTexts.notADueDate("i morgen").text(.nb), "«i morgen» er ikke en frist (skriv 31.01.2027, 31.1 eller +14)")
    }

    /// Every message type is one kind of thing: `Readable`, in both languages.
    @Test func testEveryMessageTypeIsReadable() {
        let things: [any Readable] = [Msg.screenOverview, Phrase.notANumber("x"), Diagnostic(.error, file: "a.csv", line: 2, Phrase.notANumber("x")),
                                      FollowUpError.emptyText, SourceTexts.units(7), FormatTexts.points]
        for t in things {
            XCTAssertFalse(t.text(.nb).isEmpty)
            XCTAssertFalse(t.text(.en).isEmpty)
        }
        XCTAssertEqual(SourceTexts.units(7).text(.nb), "7 enheter")
        XCTAssertEqual(FollowUpError.emptyText.text(.en), "the text is empty")
    }
}
