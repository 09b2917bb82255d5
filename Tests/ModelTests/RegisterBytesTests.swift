import Foundation
import Testing
import TestSupport
@testable import Model

/// Issue 27, third part: the register parsers read a pseudonym by its bytes (checked and
/// looked up without a `String`; IP and BrukerPlan records keep none) and an IP record's
/// unit as an index into the unit ids its snapshot names. Held here to the `String` reading
/// they replace, and to the figures the IP fixture was counted by hand for.
@Suite final class RegisterBytesTests: TestCase {
    static func digits(_ s: String) -> Int { s.utf8.filter { $0 >= 48 && $0 <= 57 }.count }

    /// `plainASCIIKey` gives a field's bytes exactly when they are the trimmed `String`'s and
    /// that string is not empty, all ASCII and has fewer than eleven digits; otherwise nil
    /// (the `String` way decides). Random fields of spaces, tabs, digits, letters, `é` and
    /// Windows-1252 bytes, in files read by the real scanner.
    @Test func testAPlainKeyIsTheTrimmedTextsBytesOrNothing() {
        var rng = SystemRandomNumberGenerator()
        let pieces: [[UInt8]] = [[32], [9], [97], [66], [55], [48, 49, 50, 51], [45], Array("é".utf8), Array("12345678901".utf8), [0xE9], Array("ø".utf8)]
        var checked = 0, plain = 0
        for _ in 0..<200 {
            var file: [UInt8] = Array("user;unit;x\n".utf8)
            for _ in 0..<30 {
                for c in 0..<3 {
                    for _ in 0..<Int.random(in: 0...5, using: &rng) { file += pieces.randomElement(using: &rng)! }
                    file.append(c < 2 ? 59 : 10)
                }
            }
            let t = CSVTable.parse(bytes: file, file: "f.csv")
            for row in 0..<t.rowCount {
                for col in 0..<3 {
                    let s = t.string(row, col)
                    let expectPlain = !s.isEmpty && s.utf8.allSatisfy { $0 < 0x80 } && Self.digits(s) < 11
                    let r = t.plainASCIIKey(row, col)
                    XCTAssertEqual(r != nil, expectPlain, "\(Array(s.utf8))")
                    if let r { XCTAssertEqual(t.withBytes(r) { Array($0) }, Array(s.utf8)); plain += 1 }
                    checked += 1
                }
            }
        }
        XCTAssertGreaterThan(plain, 100)
        XCTAssertGreaterThan(checked - plain, 100)
    }

    /// A row refused for another field does not claim its pseudonym: the next row with it
    /// is accepted, and the one after that refused, naming that row's line. Spaces and tabs
    /// around a pseudonym do not make it another one. The same in IP, the waitlist and
    /// BrukerPlan.
    @Test func testOnlyAKeptRowClaimsItsPseudonym() {
        let bpHeader = (["user", "unit"] + FunctionArea.allCases.map(\.column) + ["overall", "ip", "other_plan", "group"]).joined(separator: ";")
        let bpAreas = FunctionArea.allCases.map { _ in "1" }.joined(separator: ";")
        let f = Fixture(["units.csv": Fixture.mergingUnits, "indicators.yaml": Fixture.catalogue("  - id: staff\n    name: Ansatte\n    direction: higher\n"),
                         "ip/2019-T3.csv": "user;unit;target_group;plan\n u1 ;a;kanskje;ja\nu1;a;ja;ja\n\tu1;a;ja;nei\nu2;a;ja;ja\n",
                         "waitlist.csv": "case;unit;housing;granted\nsak-1;a;OMBPS9;2019-05-01\nsak-1 ;a;OMBPS2;2019-05-01\nsak-1;b;OMBPS3;2019-06-01\n",
                         "brukerplan/2019.csv": "\(bpHeader)\nbp1;a;\(bpAreas);lilla;ja;nei;nei\nbp1;a;\(bpAreas);gul;ja;nei;nei\n bp1;b;\(bpAreas);gul;nei;nei;nei\n"])
        let r = f.load()
        XCTAssertNil(r.dataset)
        let errs = r.diagnostics.errors.map { "\($0.file):\($0.line!):\($0.field!)" }
        XCTAssertEqual(errs.sorted(), ["brukerplan/2019.csv:2:overall", "brukerplan/2019.csv:4:user",
                                       "ip/2019-T3.csv:2:target_group", "ip/2019-T3.csv:4:user",
                                       "waitlist.csv:2:housing", "waitlist.csv:4:case"])
        let twice = r.diagnostics.errors.filter { $0.field == "user" || $0.field == "case" }
        XCTAssertEqual(twice.count, 3)
        XCTAssertTrue(twice.allSatisfy { $0.description.contains("linje 3") || $0.description.contains("line 3") }, twice.map(\.description).joined(separator: "\n"))
    }

    /// Pseudonyms that are not taken by their bytes (not ASCII, or eleven digits and more)
    /// still go the `String` way: an identity number refused without being echoed, and a
    /// second row of the same non-ASCII pseudonym refused.
    @Test func testOtherPseudonymsGoTheStringWay() {
        let f = Fixture(["units.csv": Fixture.mergingUnits, "indicators.yaml": Fixture.catalogue("  - id: staff\n    name: Ansatte\n    direction: higher\n"),
                         "ip/2019-T3.csv": "user;unit;target_group;plan\nbruker-ø;a;ja;ja\n01017012345;a;ja;ja\nbruker-ø;a;ja;nei\nb2;a;ja;ja\n"])
        let r = f.load()
        let errs = r.diagnostics.errors.map { "\($0.file):\($0.line!):\($0.field!)" }
        XCTAssertEqual(errs.sorted(), ["ip/2019-T3.csv:3:user", "ip/2019-T3.csv:4:user"])
        XCTAssertFalse(r.diagnostics.map(\.description).joined().contains("01017012345"), "an identity number is never echoed")
    }

    /// An IP snapshot's units: each id as written once, in the order first named, whatever
    /// the spaces around it; every record's unit is the text `string` reads in its row.
    @Test func testASnapshotNamesEachUnitOnce() {
        let text = "user;unit;target_group;plan\nu1;a;ja;ja\nu2; a ;ja;ja\nu3;b;ja;nei\nu4;\ta;nei;nei\nu5;zz;ja;ja\nu6;b;ja;ja\n"
        let t = CSVTable.parse(bytes: Array(text.utf8), file: "ip/2019-T3.csv")
        let (snap, diags) = FileParsers.ipSnapshot(t, period: .tertial(2019, 3))
        XCTAssertTrue(diags.isEmpty, diags.map(\.description).joined())
        XCTAssertEqual(snap.units, ["a", "b", "zz"])
        XCTAssertEqual(snap.records.map { snap.unit(of: $0) }, (0..<t.rowCount).map { t.string($0, 1) })
        XCTAssertEqual(snap.records.map(\.line), [2, 3, 4, 5, 6, 7])
    }

    /// An unknown unit is refused at every row that names it (not once per file), with
    /// the unit's text.
    @Test func testAnUnknownUnitIsRefusedAtEachRow() {
        let f = Fixture(["units.csv": Fixture.mergingUnits, "indicators.yaml": IPTests.catalogue,
                         "ip/2019-T3.csv": "user;unit;target_group;plan\nu1;a;ja;ja\nu2;zz;ja;ja\nu3;b;ja;nei\nu4; zz;nei;nei\n"])
        let r = f.load()
        let errs = r.diagnostics.errors.filter { $0.field == "unit" }
        XCTAssertEqual(errs.map { "\($0.file):\($0.line!)" }, ["ip/2019-T3.csv:3", "ip/2019-T3.csv:5"])
        XCTAssertTrue(errs.allSatisfy { $0.description.contains("zz") })
    }

    /// The hand-counted IP fixture (`IPTests`) with its units spelled with spaces and tabs
    /// around them gives the same figures: the units are one per id, not per spelling.
    @Test func testPaddedUnitsCountAsTheirUnit() throws {
        let padded = IPTests.snapshot.split(separator: "\n", omittingEmptySubsequences: false).enumerated().map { k, line -> String in
            guard k > 0 else { return String(line) }
            var f = line.split(separator: ";", omittingEmptySubsequences: false).map(String.init)
            if f.count > 1 { f[1] = [" \(f[1])", "\(f[1])\t", f[1]][k % 3] }
            return f.joined(separator: ";")
        }.joined(separator: "\n")
        let snap = try #require(Fixture(["units.csv": Fixture.mergingUnits, "indicators.yaml": IPTests.catalogue, "ip/2019-T3.csv": padded]).snapshot())
        let t3 = Period.tertial(2019, 3)
        XCTAssertEqual(snap.value("tg", "root", t3), 6)
        XCTAssertEqual(snap.value("plan", "a", t3), 3)
        XCTAssertEqual(snap.value("plan", "b", t3), 0)
        XCTAssertEqual(snap.value("gwp", "b", t3), 1)
        XCTAssertEqual(snap.value("dec", "b", t3), 2)
        XCTAssertEqual(snap.value("overdue", "a", t3), 2)
        XCTAssertEqual(snap.value("pog", "root", t3), 4)
    }

    /// A date field read from its bytes is the date `Day(parsing:)` reads from its text:
    /// random fields of digits, dashes, dots, spaces and letters, and whole dates (29
    /// February in leap years and not, day 00, month 13) in both spellings.
    @Test func testADateFieldIsTheDateOfItsText() {
        var rng = SystemRandomNumberGenerator()
        let pieces = ["1", "2", "0", "9", "3", "-", ".", " ", "x", "2019-12-31", "31.12.2019", "2020-02-29", "2019-02-29", "29.02.2000",
                      "1900-02-29", "2019-13-01", "2019-00-10", "00.01.2019", "0999-01-01", "1000-01-01", "9999-12-31"]
        var days = 0, empty = 0, refused = 0
        for _ in 0..<300 {
            var text = "evaluated;x\n"
            for _ in 0..<20 {
                text += (0..<Int.random(in: 0...3, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined() + ";1\n"
            }
            let t = CSVTable.parse(bytes: Array(text.utf8), file: "f.csv")
            for row in 0..<t.rowCount {
                let s = t.string(row, 0)
                let (isEmpty, day) = t.date(row, 0)
                XCTAssertEqual(isEmpty, s.isEmpty, s)
                if !isEmpty { XCTAssertEqual(day, Day(parsing: s), s) }
                if day != nil { days += 1 } else if isEmpty { empty += 1 } else { refused += 1 }
            }
        }
        XCTAssertGreaterThan(days, 200); XCTAssertGreaterThan(empty, 200); XCTAssertGreaterThan(refused, 200)
    }

    /// A report row whose period has the same bytes as the row before takes that row's
    /// period without reading it again: a bad period is refused at every row that has it,
    /// quoting it, and a period spelled with spaces around it is the same period.
    @Test func testARepeatedPeriodIsReadAsTheFirst() {
        let text = "period;unit;indicator;value\n2019-T4;a;staff;1\n2019-T4;b;staff;2\n2019-T3;a;staff;3\n 2019-T3;b;staff;4\n2019-T3;n;staff;5\n2019-T4;n;staff;6\n"
        let t = CSVTable.parse(bytes: Array(text.utf8), file: "reports/r.csv")
        let (chunk, diags) = FileParsers.reports(t)
        XCTAssertEqual(diags.errors.map { "\($0.line!):\($0.field!)" }, ["2:period", "3:period", "7:period"])
        XCTAssertTrue(diags.errors.allSatisfy { $0.description.contains("2019-T4") }, diags.map(\.description).joined(separator: "\n"))
        XCTAssertEqual(chunk.rows.map(\.period), [.tertial(2019, 3), .tertial(2019, 3), .tertial(2019, 3)])
        XCTAssertEqual(chunk.rows.map(\.unit), ["a", "b", "n"])
    }
}
