import Foundation
import Testing
import TestSupport
@testable import Model

/// The report key set answers as a set of (period, unit, indicator) triples would, whether
/// it holds them as bits or, for a catalogue too large for a bitmap, in a hash table.
@Suite(.serialized) final class ReportKeySetTests: TestCase {
    static let catalogue: [Indicator] = {
        let yaml = Fixture.catalogue("""
          - id: m
            frequency: month
          - id: t
          - id: y
            frequency: year
          - id: f
            frequency: month
            source: formula
            formula: m / m
        """)
        let (inds, diags) = Catalogue.parse(text: yaml, file: "indicators.yaml")
        precondition(diags.isEmpty && inds.count == 4, "\(diags)")
        return inds
    }()

    @Test func testTheBitmapAndTheHashTableAnswerAsASetOfTriples() {
        let years = 2010...2014
        var rng = SystemRandomNumberGenerator()
        var bits = ReportKeySet(units: 7, indicators: Self.catalogue, years: years, rows: 100)
        var hashed = ReportKeySet(units: 7, indicators: Self.catalogue, years: years, rows: 100, maxBitmapBytes: 0)
        XCTAssertTrue(bits.isBitmap)
        XCTAssertFalse(hashed.isBitmap)
        struct Triple: Hashable { let p: Period; let u: Int; let i: Int }
        var reference = Set<Triple>()
        for step in 0..<20_000 {
            // Years a little outside the window too (those rows are errors, but may repeat).
            let y = Int.random(in: 2008...2016, using: &rng)
            let p: Period
            switch Int.random(in: 0..<3, using: &rng) {
            case 0: p = .month(y, Int.random(in: 1...12, using: &rng))
            case 1: p = .tertial(y, Int.random(in: 1...3, using: &rng))
            default: p = .year(y)
            }
            let t = Triple(p: p, u: Int.random(in: 0..<7, using: &rng), i: Int.random(in: 0..<4, using: &rng))
            if Int.random(in: 0..<4, using: &rng) == 0 {
                reference.remove(t); bits.remove(t.p, t.u, t.i); hashed.remove(t.p, t.u, t.i)
            } else {
                let expected = reference.insert(t).inserted
                XCTAssertEqual(bits.insert(t.p, t.u, t.i), expected, "step \(step): \(t)")
                XCTAssertEqual(hashed.insert(t.p, t.u, t.i), expected, "step \(step): \(t)")
            }
            if step % 1000 == 0 {
                for y in 2008...2016 {
                    for p in [Period.month(y, 1), .month(y, 12), .tertial(y, 2), .year(y)] {
                        for u in 0..<7 {
                            for i in 0..<4 {
                                let want = reference.contains(Triple(p: p, u: u, i: i))
                                XCTAssertEqual(bits.contains(p, u, i), want)
                                XCTAssertEqual(hashed.contains(p, u, i), want)
                            }
                        }
                    }
                }
            }
        }
    }

    /// Distinct triples never share a bit: every possible key of a small window is taken once.
    @Test func testEveryKeyOfTheWindowHasABitOfItsOwn() {
        var bits = ReportKeySet(units: 3, indicators: Self.catalogue, years: 2019...2020, rows: 10)
        var n = 0
        for y in 2019...2020 {
            let periods = (1...12).map { Period.month(y, $0) } + (1...3).map { Period.tertial(y, $0) } + [.year(y)]
            for p in periods {
                for u in 0..<3 {
                    for (i, ind) in Self.catalogue.enumerated() where p.kind >= ind.frequency.periodKind {
                        XCTAssertTrue(bits.insert(p, u, i), "\(p) \(u) \(i)")
                        n += 1
                    }
                }
            }
        }
        // 3 units × 2 years × (16 + 4 + 1 + 16 periods of the four indicators' kinds).
        XCTAssertEqual(n, 3 * 2 * 37)
        for y in 2019...2020 { XCTAssertFalse(bits.insert(.month(y, 7), 2, 0)); XCTAssertFalse(bits.insert(.year(y), 0, 2)) }
    }
}
