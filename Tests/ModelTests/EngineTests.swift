import Foundation
import Testing
import TestSupport
@testable import Model

/// Aggregation over units and time, formulas, reorganisation, changes, warnings.
@Suite(.serialized) final class EngineTests: TestCase {
    static let catalogue = Fixture.catalogue("""
      - id: staff
        direction: higher
        reported_by: [resultatenhet, byomrade]
      - id: users
        reported_by: [resultatenhet, byomrade]
      - id: active
        reported_by: [resultatenhet, byomrade]
      - id: share
        source: formula
        formula: active / users
        unit: percent
        direction: higher
        target: 50
        warn: 40
      - id: sat
        unit: percent
        over_units: mean
        reported_by: [resultatenhet, byomrade]
      - id: newu
        over_time: sum
        reported_by: [resultatenhet, byomrade]
      - id: local
        over_units: none
        reported_by: [resultatenhet, byomrade]
    """)

    static let reports = """
    period;unit;indicator;value;comment
    2019-T1;a;staff;4;
    2019-T1;b;staff;6;
    2019-T1;root;staff;11;Tallet fra Corporater
    2019-T1;a;users;100;
    2019-T1;b;users;300;
    2019-T1;a;active;60;
    2019-T1;b;active;90;
    2019-T1;a;sat;80;
    2019-T1;b;sat;60;
    2019-T1;a;newu;10;
    2019-T1;b;newu;20;
    2019-T1;a;local;3;
    2019-T2;a;staff;5;
    2019-T2;b;staff;7;
    2019-T2;a;users;100;
    2019-T2;b;users;300;
    2019-T2;a;active;40;
    2019-T2;b;active;120;
    2019-T2;a;newu;5;
    2019-T2;b;newu;5;
    2019-T3;a;staff;6;
    2019-T3;b;staff;8;
    2019-T3;a;newu;1;
    2019-T3;b;newu;2;
    2020-T1;n;staff;20;Første rapport for N
    2020-T2;n;staff;21;
    2020-T2;a;staff;2;Sent innlevert
    """

    lazy var snap: Snapshot = Fixture(["units.csv": Fixture.mergingUnits, "indicators.yaml": EngineTests.catalogue,
                                       "reports/r.csv": EngineTests.reports]).snapshot()!
    let t1 = Period.tertial(2019, 1), t2 = Period.tertial(2019, 2), t3 = Period.tertial(2019, 3)

    @Test func testParentIsTheSumOfItsChildren() {
        // 4 + 6 = 10: the root's own reported 11 is not used.
        let c = snap.cell("staff", "root", t1)!
        XCTAssertEqual(c.value, 10)
        XCTAssertEqual(c.origin, .aggregated)
        XCTAssertEqual(c.reported, 11)
        XCTAssertEqual(snap.cell("staff", "a", t1)?.origin, .reported)
    }

    @Test func testAReportedTotalThatDiffersFromItsUnitsIsAWarning() {
        let w = snap.warnings("staff", "root", t1)
        XCTAssertEqual(w.map(\.kind), [.totalDiffers(reported: 11, computed: 10)])
        XCTAssertEqual(w.first?.source?.line, 4)
    }

    @Test func testRatioIsRecomputedFromSummedPartsNeverAveraged() {
        // a: 60/100 = 60 %, b: 90/300 = 30 %. The etat: 150/400 = 37.5 % (the mean of 60 and 30 would be 45).
        XCTAssertEqual(snap.value("share", "a", t1)!, 60, accuracy: 1e-9)
        XCTAssertEqual(snap.value("share", "b", t1)!, 30, accuracy: 1e-9)
        XCTAssertEqual(snap.value("share", "root", t1)!, 37.5, accuracy: 1e-9)
        XCTAssertEqual(snap.cell("share", "root", t1)?.origin, .formula)
        // T2: (40 + 120) / (100 + 300) = 40 %.
        XCTAssertEqual(snap.value("share", "root", t2)!, 40, accuracy: 1e-9)
    }

    /// A ratio is built from a numerator and a denominator over the same units, or not shown
    /// (issue 23, 3): when b's users are missing, the root's active users (60 + 90, both
    /// units) over its users (100, a alone) would be 150 %; it is not shown, says why, and
    /// the unit whose figures are whole keeps its ratio.
    @Test func testARatioOfPartsOverDifferentUnitsIsNotShown() throws {
        let reports = """
        period;unit;indicator;value;comment
        2019-T1;a;users;100;
        2019-T1;a;active;60;
        2019-T1;b;active;90;
        """
        let s = try XCTUnwrap(Fixture(["units.csv": Fixture.mergingUnits, "indicators.yaml": EngineTests.catalogue, "reports/r.csv": reports]).snapshot())
        let users = try XCTUnwrap(s.cell("users", "root", t1)), active = try XCTUnwrap(s.cell("active", "root", t1))
        XCTAssertLessThan(users.present, users.expected, "the denominator misses b")
        XCTAssertEqual(active.present, active.expected, "the numerator is whole")
        let share = try XCTUnwrap(s.cell("share", "root", t1))
        XCTAssertNil(share.value, "150 % from parts over different units is not shown")
        XCTAssertEqual(share.origin, .operandsIncomplete)
        XCTAssertEqual(share.status, .missing)
        XCTAssertEqual(s.value("share", "a", t1)!, 60, accuracy: 1e-9)
    }

    @Test func testStatusAgainstInlineTargetAndWarn() {
        XCTAssertEqual(snap.cell("share", "a", t1)?.status, .green)   // 60 ≥ 50
        XCTAssertEqual(snap.cell("share", "root", t2)?.status, .yellow) // 40 ≥ warn 40
        XCTAssertEqual(snap.cell("share", "root", t1)?.status, .red)    // 37.5 < 40
        XCTAssertEqual(Status.of(5, direction: .lower, target: 5, warn: 8), .green)
        XCTAssertEqual(Status.of(8, direction: .lower, target: 5, warn: 8), .yellow)
        XCTAssertEqual(Status.of(9, direction: .lower, target: 5, warn: 8), .red)
        XCTAssertEqual(Status.of(9, direction: .none, target: 5, warn: 8), .none)
        XCTAssertEqual(Status.of(4, direction: .higher, target: 5, warn: nil), .red)
    }

    @Test func testMeanOverUnitsAndNoneOverUnits() {
        XCTAssertEqual(snap.value("sat", "root", t1), 70) // (80 + 60) / 2
        XCTAssertEqual(snap.value("local", "a", t1), 3)
        XCTAssertNil(snap.value("local", "root", t1))     // not meaningful above a unit
    }

    @Test func testOverTimeLastAndSum() {
        let y = Period.year(2019)
        XCTAssertEqual(snap.value("staff", "root", y), 14)  // last: T3 = 6 + 8
        XCTAssertEqual(snap.value("newu", "root", y), 43)   // sum: 10+20 + 5+5 + 1+2
        XCTAssertEqual(snap.value("newu", "a", y), 16)      // 10 + 5 + 1
        XCTAssertEqual(snap.cell("newu", "a", y)?.origin, .overTime)
        XCTAssertNil(snap.cell("staff", "a", .month(2019, 3)), "a tertial indicator has no monthly values")
    }

    @Test func testNewUnitHistoryIsCarriedFromItsPredecessors() {
        // N did not exist in 2019: its values are A + B.
        let c = snap.cell("staff", "n", t3)!
        XCTAssertEqual(c.value, 14)
        XCTAssertEqual(c.origin, .carried)
        XCTAssertEqual(snap.value("share", "n", t1)!, 37.5, accuracy: 1e-9) // 150/400, from carried parts
        XCTAssertEqual(snap.cell("staff", "n", .tertial(2020, 1))?.origin, .reported)
        // The root counts N once in 2020, and A and B (not N) in 2019.
        XCTAssertEqual(snap.value("staff", "root", .tertial(2020, 1)), 20)
        XCTAssertEqual(snap.value("staff", "root", t3), 14)
    }

    @Test func testChangeFromPreviousPeriodAndYearBefore() {
        let c = snap.cell("staff", "root", t2)!
        XCTAssertEqual(c.change?.delta, 2)       // 12 vs 10
        XCTAssertEqual(c.change?.better, true)  // direction: higher
        let n = snap.cell("staff", "n", .tertial(2020, 1))!
        XCTAssertEqual(n.changeYear?.delta, 10)  // 20 vs the carried 10 of T1 2019
        XCTAssertEqual(snap.cell("share", "root", t2)?.change?.better, true) // 37.5 -> 40
        XCTAssertNil(snap.cell("users", "root", t2)?.change?.better)        // direction none
    }

    @Test func testReportOutsideTheUnitsActiveDatesIsAWarning() {
        let w = snap.warnings("staff", "a", .tertial(2020, 2))
        XCTAssertEqual(w.map(\.kind), [.outsideActiveDates])
        // The closed unit's late report does not reach the etat's 2020 total.
        XCTAssertEqual(snap.value("staff", "root", .tertial(2020, 2)), 21)
    }

    @Test func testCommentsTravelWithTheValue() {
        XCTAssertEqual(snap.cell("staff", "n", .tertial(2020, 1))?.comment, "Første rapport for N")
    }
}

@Suite(.serialized) final class TargetTests: TestCase {
    let targets = """
    indicator;unit;from;target;warn
    staff;*;;5;3
    staff;b;2019-T2;8;6
    staff;b;2019-T3;9;7
    staff;a;2019;6;
    share;a;;60;55
    share;;;45;30
    """

    lazy var snap: Snapshot = Fixture(["units.csv": Fixture.mergingUnits, "indicators.yaml": EngineTests.catalogue,
                                       "reports/r.csv": EngineTests.reports, "targets.csv": targets]).snapshot()!
    let t1 = Period.tertial(2019, 1), t2 = Period.tertial(2019, 2), t3 = Period.tertial(2019, 3)

    @Test func testTheMostSpecificRowWins() {
        // b in T1: its own rows start in T2, so '*' holds: 5/3.
        XCTAssertEqual(snap.cell("staff", "b", t1)?.target, 5)
        XCTAssertEqual(snap.cell("staff", "b", t1)?.warn, 3)
        // b in T2 and T3: its own rows, the later 'from' winning in T3.
        XCTAssertEqual(snap.cell("staff", "b", t2)?.target, 8)
        XCTAssertEqual(snap.cell("staff", "b", t3)?.target, 9)
        XCTAssertEqual(snap.cell("staff", "b", t3)?.status, .yellow) // 8: below 9, at least 7
        // a: its own row from 2019, without a warn.
        XCTAssertEqual(snap.cell("staff", "a", t1)?.target, 6)
        XCTAssertNil(snap.cell("staff", "a", t1)?.warn)
        XCTAssertEqual(snap.cell("staff", "a", t1)?.status, .red) // 4 < 6 and no yellow band
    }

    @Test func testTargetsRowsWinOverInlineTargets() {
        XCTAssertEqual(snap.cell("share", "a", t1)?.target, 60)   // targets.csv over the inline 50
        XCTAssertEqual(snap.cell("share", "b", t1)?.target, 50)   // inline
        XCTAssertEqual(snap.cell("share", "root", t1)?.target, 45) // empty unit = the root
    }

    @Test func testParentTargetIsTheSumOfItsDueChildren() {
        // T1: a 6 (no warn) + b 5 (warn 3) = 11, and no warn because a has none. The Forvaltning is not due.
        XCTAssertEqual(snap.cell("staff", "root", t1)?.target, 11)
        XCTAssertNil(snap.cell("staff", "root", t1)?.warn)
        XCTAssertEqual(snap.cell("staff", "root", t2)?.target, 14) // 6 + 8
        // N before it existed: the sum of its predecessors' targets.
        XCTAssertEqual(snap.cell("staff", "n", t1)?.target, 11)
        // N in 2020: due, so '*' holds.
        XCTAssertEqual(snap.cell("staff", "n", .tertial(2020, 1))?.target, 5)
    }

    @Test func testNoTargetWhenAChildHasNone() {
        let f = Fixture(["units.csv": Fixture.mergingUnits, "indicators.yaml": EngineTests.catalogue,
                         "reports/r.csv": EngineTests.reports, "targets.csv": "indicator;unit;from;target;warn\nstaff;a;;6;4\n"])
        let s = f.snapshot()!
        XCTAssertEqual(s.cell("staff", "a", t1)?.target, 6)
        XCTAssertNil(s.cell("staff", "b", t1)?.target)
        XCTAssertNil(s.cell("staff", "root", t1)?.target)
        XCTAssertEqual(s.cell("staff", "root", t1)?.status, Status.none)
    }
}
