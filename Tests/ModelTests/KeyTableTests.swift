import Foundation
import Testing
import TestSupport
@testable import Model

/// Issue 27: the register files' pseudonyms and the unit ids are kept in a table of their
/// own bytes (`KeyTable`) instead of a `[String: Int]`; a key is the same one exactly when
/// Swift's `String ==` says so (canonical equivalence), as it was with the dictionary.
/// And BrukerPlan's levels, age bands and genders read on a fast path for the common
/// spellings, every other spelling as before.
@Suite final class KeyTableTests: TestCase {
    /// The dictionary the table replaced, as the reference: on random keys (ASCII, `é`
    /// precomposed and decomposed, the Kelvin sign beside `K`, Greek question mark beside
    /// `;`, the empty key, keys past 8 and 16 bytes), the table finds the same first line
    /// for every key, in a table that starts small and grows.
    @Test func testTheTableAgreesWithAStringDictionary() {
        var rng = SystemRandomNumberGenerator()
        let pieces = ["a", "b", "K", "\u{212A}", ";", "\u{037E}", "e\u{0301}", "\u{00E9}", "1", "-", "ø", "sak-00000", "bruker-", "Å", "A\u{030A}", "\u{212B}"]
        for round in 0..<20 {
            let table = KeyTable(minimumCapacity: round % 2 == 0 ? 1 : 400)
            var reference = [String: Int]()
            for line in 2..<402 {
                let key = (0..<Int.random(in: 0...4, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
                XCTAssertEqual(table.line(of: key), reference[key], "\(key.unicodeScalars.map { String($0.value, radix: 16) })")
                // The parsers insert only a row without errors: leave some out.
                if Int.random(in: 0..<4, using: &rng) > 0 {
                    table.insert(key, line: line)
                    if reference[key] == nil { reference[key] = line }
                }
            }
            XCTAssertEqual(table.count, reference.count)
            for (key, line) in reference { XCTAssertEqual(table.line(of: key), line) }
        }
    }

    /// A parser's table (`sortedFirst`) fed ASCII keys by their bytes: in increasing order
    /// for a while (no slots), then out of order, repeated, or as a `String`, it finds the
    /// same first line for every key as a `[String: Int]` does, rows left out as a parser
    /// leaves out a refused row.
    @Test func testASortedFirstTableAgreesWithAStringDictionary() {
        var rng = SystemRandomNumberGenerator()
        for round in 0..<40 {
            let table = KeyTable(minimumCapacity: round % 3 == 0 ? 1 : 300, sortedFirst: true)
            var reference = [String: Int]()
            let sortedRows = Int.random(in: 0...300, using: &rng)
            var previous = "sak-"
            for line in 2..<602 {
                let key: String
                if line - 2 < sortedRows {
                    // Increasing, with common prefixes and lengths that differ; now and then
                    // the key before once more (equal is not after).
                    let n = String(line * 7), padded = String(repeating: "0", count: 6 - n.count) + n
                    key = Int.random(in: 0..<50, using: &rng) == 0 ? previous : "sak-" + padded + (Bool.random(using: &rng) ? "" : "a")
                } else {
                    key = "sak-" + String(Int.random(in: 0..<900, using: &rng) * 7)
                }
                let found: Int?
                if line % 97 == 0 { found = table.line(of: key) } // the String way, now and then
                else { found = Array(key.utf8).withUnsafeBufferPointer { table.line(ofASCII: $0) } }
                XCTAssertEqual(found, reference[key], key)
                previous = key
                if found == nil, Int.random(in: 0..<5, using: &rng) > 0 {
                    Array(key.utf8).withUnsafeBufferPointer { table.insert(ascii: $0, line: line) }
                    reference[key] = line
                }
            }
            XCTAssertEqual(table.count, reference.count)
            for (key, line) in reference {
                XCTAssertEqual(Array(key.utf8).withUnsafeBufferPointer { table.line(ofASCII: $0) }, line, key)
            }
        }
    }

    @Test func testCanonicallyEquivalentSpellingsAreOnePseudonym() {
        let t = KeyTable()
        t.insert("Kr\u{00E9}", line: 2)
        XCTAssertEqual(t.line(of: "Kre\u{0301}"), 2, "é as e + combining acute")
        XCTAssertEqual(t.line(of: "\u{212A}r\u{00E9}"), 2, "the Kelvin sign is K")
        XCTAssertNil(t.line(of: "kr\u{00E9}"), "case matters, as in the dictionary")
        t.insert("Kre\u{0301}", line: 9)
        XCTAssertEqual(t.line(of: "Kr\u{00E9}"), 2, "the first line is kept")
    }

    /// The same rule through the loader: the second spelling of a case or user is refused
    /// at its line, naming the first.
    @Test func testASecondSpellingOfACaseOrUserIsRefused() {
        let f = Fixture(["units.csv": Fixture.mergingUnits, "indicators.yaml": Fixture.catalogue("  - id: staff\n    name: Ansatte\n    direction: higher\n"),
                         "waitlist.csv": "case;unit;housing;granted\nsak-\u{00E9};a;OMBPS2;2019-05-01\nsak-2;a;OMBPS2;2019-05-01\nsak-e\u{0301};a;OMBPS3;2019-06-01\n",
                         "ip/2019-T3.csv": "user;unit;target_group;plan\nB1;a;ja;ja\nB2;a;ja;nei\nB1;a;nei;nei\n"])
        let r = f.load()
        XCTAssertNil(r.dataset)
        let errs = r.diagnostics.errors.map { "\($0.file):\($0.line!):\($0.field!)" }
        XCTAssertEqual(errs.sorted(), ["ip/2019-T3.csv:4:user", "waitlist.csv:4:case"])
        XCTAssertTrue(r.diagnostics.errors.allSatisfy { $0.description.contains("linje 2") || $0.description.contains("line 2") },
                      r.diagnostics.errors.map(\.description).joined(separator: "\n"))
    }

    /// The engine and validator find a row's unit through `UnitLookup` (a `KeyTable` of the
    /// tree's ids): it must give what the tree's own index gives, for every id of the sample
    /// data and for near misses, in any order of look-ups.
    @Test func testUnitLookupAgreesWithTheTreeIndex() {
        let tree = Sample.snapshot.dataset.tree
        var lookup = UnitLookup(tree)
        let ids = tree.units.map(\.id)
        let misses = ids.flatMap { [$0.uppercased(), $0 + " ", " " + $0, String($0.dropLast()), $0 + "\u{0301}"] } + ["", "ukjent"]
        for id in (ids + misses + ids.reversed()).shuffled() {
            XCTAssertEqual(lookup.index(id), tree.index[id] ?? -1, id)
        }
        XCTAssertEqual(KeyTable(["a", "b", "a"]).index(of: "a"), 2, "the last of a key given twice, as a dictionary filled in order")
    }

    @Test func testTheHashSpreadsKeysThatDifferInOneByte() {
        // Keys of every length to 40 that differ in one byte get different hashes.
        for n in 1...40 {
            let base = [UInt8](repeating: 97, count: n)
            var seen = Set<UInt64>()
            for i in 0..<n {
                var k = base; k[i] = 98
                seen.insert(k.withUnsafeBufferPointer { KeyTable.hash($0).hash })
            }
            seen.insert(base.withUnsafeBufferPointer { KeyTable.hash($0).hash })
            XCTAssertEqual(seen.count, n + 1, "length \(n)")
        }
        XCTAssertFalse([UInt8]("sak-é".utf8).withUnsafeBufferPointer { KeyTable.hash($0).ascii })
        XCTAssertTrue([UInt8]("sak-000012345".utf8).withUnsafeBufferPointer { KeyTable.hash($0).ascii })
    }

    /// The contract's spellings (docs/data-format.md, BrukerPlan): scores 1–5, colours in
    /// bokmål and English in any case, bands with an en dash, spaces or "år".
    @Test func testBrukerPlanSpellingsReadAsBefore() {
        let areas: [(String, FunctionLevel?)] = [("1", .green), ("2", .yellow), ("3", .yellow), ("4", .yellow), ("5", .red), ("6", nil), ("0", nil),
                                                 ("Grønn", .green), ("GUL", .yellow), ("rød", .red), ("Rodt", .red), ("blodrød", nil), ("", nil), ("12", nil)]
        for (s, level) in areas { XCTAssertEqual(FunctionLevel.parse(s, overall: false), level, s) }
        let overall: [(String, FunctionLevel?)] = [("1", nil), ("5", nil), ("gul", .yellow), ("Blodrød", .bloodRed), ("BLOOD-RED", .bloodRed), ("Green", .green)]
        for (s, level) in overall { XCTAssertEqual(FunctionLevel.parse(s, overall: true), level, s) }
        let bands: [(String, AgeBand?)] = [("18-25", .a18to25), ("18–25", .a18to25), ("26 - 35 år", .a26to35), ("56+", .a56plus), ("56+ år", .a56plus),
                                           ("56 +", .a56plus), ("17-25", nil), ("", nil)]
        for (s, band) in bands { XCTAssertEqual(AgeBand.parse(s), band, s) }
        let genders: [(String, Gender?)] = [("mann", .male), ("Mann", .male), ("K", .female), ("f", .female), ("Annet", .other), ("x", nil)]
        for (s, g) in genders { XCTAssertEqual(Gender.parse(s), g, s) }
    }

    /// The waitlist's categories and living situations (docs/data-format.md: any case).
    @Test func testWaitlistSpellingsReadAsBefore() {
        let housing: [(String, Housing?)] = [("OMBPS2", .ombps2), ("ombps3", .ombps3), ("Ombps4", .ombps4), ("BOSENTER", .bosenter), ("bosenter", .bosenter),
                                             ("OMBPS5", nil), ("OMBPS 2", nil), ("", nil)]
        for (s, h) in housing { XCTAssertEqual(Housing.parse(s), h, s) }
        for h in Housing.allCases { XCTAssertEqual(Housing.parse(h.rawValue), h); XCTAssertEqual(Housing.parse(h.rawValue.lowercased()), h) }
        let living: [(String, LivingNow?)] = [("bostedslos", .bostedslos), ("Bostedslos", .bostedslos), ("HELSE_BERGEN", .helseBergen), ("dps", .dps),
                                              ("annet", .annet), ("Annet_omsorgsniva", .annetOmsorgsniva), ("kjop av plass", nil), ("", nil)]
        for (s, l) in living { XCTAssertEqual(LivingNow.parse(s), l, s) }
        for l in LivingNow.allCases { XCTAssertEqual(LivingNow.parse(l.rawValue), l); XCTAssertEqual(LivingNow.parse(l.rawValue.uppercased()), l) }
    }
}
