import Foundation
import Testing
import TestSupport
@testable import Model

@Suite(.serialized) final class WaitlistTests: TestCase {
    static let catalogue = Fixture.catalogue("""
      - id: staff
        reported_by: [resultatenhet, byomrade]
      - id: w_total
        source: waitlist
        measure: waiting
        frequency: month
      - id: w_o2
        source: waitlist
        measure: waiting
        housing: OMBPS2
        frequency: month
      - id: w_median
        source: waitlist
        measure: median_wait_days
        frequency: month
        unit: days
      - id: w_max
        source: waitlist
        measure: max_wait_days
        frequency: month
        unit: days
      - id: w_dr
        source: waitlist
        measure: discharge_ready
        frequency: month
      - id: w_homeless
        source: waitlist
        measure: homeless
        frequency: month
      - id: w_alloc
        source: waitlist
        measure: allocated
        frequency: month
        over_time: sum
      - id: w_breach
        source: waitlist
        measure: processing_breaches
        frequency: month
        over_time: sum
    """)

    // c1: allocated 15 Jun 2019. c2: 62 days' processing, no interim reply (a breach), homeless.
    // c3: left on 31 Dec 2019, so not waiting that day. c4: the new unit's case; its interim reply came in time.
    // c5: granted on 31 Dec 2019 (waiting that day, 0 days). c6: granted before received and allocated before granted.
    static let waitlist = """
    case;unit;housing;received;granted;interim_reply;allocated;left;left_reason;living_now;discharge_ready
    c1;a;OMBPS2;2019-01-01;2019-01-10;;2019-06-15;;;annet_omsorgsniva;nei
    c2;b;OMBPS3;2018-12-01;2019-02-01;;;;;bostedslos;nei
    c3;a;OMBPS2;2019-02-20;01.03.2019;;;2019-12-31;Flyttet;helse_bergen;ja
    c4;n;OMBPS4;2020-02-01;2020-03-15;2020-02-20;;;;dps;ja
    c5;b;OMBPS2;2019-12-20;2019-12-31;;;;;annet_omsorgsniva;nei
    c6;a;OMBPS3;2019-05-10;2019-05-01;;2019-04-01;;;annet;nei
    """

    lazy var snap: Snapshot = Fixture([
        "units.csv": Fixture.mergingUnits, "indicators.yaml": WaitlistTests.catalogue, "waitlist.csv": WaitlistTests.waitlist,
        "reports/r.csv": "period;unit;indicator;value\n2019-T1;a;staff;1\n2020-T1;n;staff;1\n",
    ]).snapshot()!
    let june = Period.month(2019, 6), dec = Period.month(2019, 12)

    @Test func testStocksAtTheEndOfJune2019() {
        // Waiting on 30 Jun: c2 (granted 1 Feb, 149 days) and c3 (1 Mar, 121 days); c1 was allocated on 15 Jun.
        XCTAssertEqual(snap.value("w_total", "root", june), 2)
        XCTAssertEqual(snap.value("w_o2", "root", june), 1)
        XCTAssertEqual(snap.value("w_median", "root", june), 135) // (121 + 149) / 2
        XCTAssertEqual(snap.value("w_max", "root", june), 149)
        XCTAssertEqual(snap.value("w_dr", "root", june), 1)
        XCTAssertEqual(snap.value("w_homeless", "root", june), 1)
        XCTAssertEqual(snap.cell("w_total", "root", june)?.origin, .register)
    }

    @Test func testWaitingOnADateExcludesCasesThatLeftThatDay() {
        // 31 Dec: c2 (333 days) and c5 (0 days); c3 left that day.
        XCTAssertEqual(snap.value("w_total", "root", dec), 2)
        XCTAssertEqual(snap.value("w_median", "root", dec), 166.5)
        XCTAssertEqual(snap.value("w_max", "root", dec), 333)
        // A tertial's and a year's stock is the one on their last day.
        XCTAssertEqual(snap.value("w_total", "root", .tertial(2019, 3)), 2)
        XCTAssertEqual(snap.value("w_total", "root", .year(2019)), 2)
    }

    @Test func testUnitsCoverTheirSubtreeAndPredecessors() {
        XCTAssertEqual(snap.value("w_total", "a", june), 1) // c3
        XCTAssertEqual(snap.value("w_total", "b", june), 1) // c2
        XCTAssertEqual(snap.value("w_total", "n", june), 2) // before N existed: A's and B's cases
        // April 2020: c2 and c5 (B's, passed to N) and c4 (N's own).
        XCTAssertEqual(snap.value("w_total", "n", .month(2020, 4)), 3)
        XCTAssertNil(snap.value("w_total", "a", .month(2020, 4)), "a closed unit has no waitlist")
        // The median over N's cases on 30 Apr 2020, not a mean of units' medians:
        // c4 46 days (15 Mar), c5 121 (31+29+31+30 from 31 Dec), c2 454 (333 + 121) -> 121.
        XCTAssertEqual(snap.value("w_median", "n", .month(2020, 4)), 121)
    }

    @Test func testFlowsCountDatesInsideThePeriod() {
        XCTAssertEqual(snap.value("w_alloc", "root", june), 1)
        XCTAssertEqual(snap.value("w_alloc", "root", .month(2019, 7)), 0)
        XCTAssertEqual(snap.value("w_alloc", "root", .tertial(2019, 2)), 1)
        XCTAssertEqual(snap.value("w_breach", "root", .month(2019, 2)), 1) // c2
        XCTAssertEqual(snap.value("w_breach", "root", .year(2020)), 0)      // c4 had its interim reply in time
    }

    @Test func testCaseWarningsAreAttachedToTheUnitsWaitlist() {
        let kinds = snap.warnings.map(\.kind)
        XCTAssertTrue(kinds.contains(.grantedBeforeReceived(caseID: "c6")))
        XCTAssertTrue(kinds.contains(.exitBeforeGranted(caseID: "c6")))
        XCTAssertTrue(kinds.contains(.processingBreach(caseID: "c2", days: 62)))
        XCTAssertFalse(kinds.contains { if case .processingBreach(let id, _) = $0 { return id == "c4" } else { return false } })
        let w = snap.warnings("w_total", "b", .tertial(2019, 1))
        XCTAssertEqual(w.map(\.kind), [.processingBreach(caseID: "c2", days: 62)])
    }

    @Test func testWaitlistViewOnAnyDay() {
        let v = snap.waitlist(unit: snap.tree.root, at: Day(year: 2019, month: 6, day: 30)!)
        XCTAssertEqual(v.total.waiting, 2)
        XCTAssertEqual(v.matrix[.bostedslos]?[.ombps3], 1)
        XCTAssertEqual(v.matrix[.helseBergen]?[.ombps2], 1)
        XCTAssertEqual(v.byHousing[.ombps2]?.dischargeReady, 1)
        XCTAssertEqual(v.total.medianWait, 135)
        // Decided in the 12 months up to 30 Jun 2019: c1, c2, c3, c6; c2 is the one breach.
        XCTAssertEqual(v.decidedLastYear, 4)
        XCTAssertEqual(v.breachesLastYear, 1)
    }

    /// Many cases, two years, a merger: every waitlist figure the engine computes (by events,
    /// ranks and sums up the coverage) equals the waitlist of that unit on that day counted
    /// case by case (`WaitlistView`), for every unit at every month end; the flows equal a
    /// count of the dates in the month.
    @Test func testRegisterTablesEqualTheWaitlistCountedCaseByCase() {
        var seed: UInt64 = 2019
        func next(_ n: Int) -> Int {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int((seed >> 33) % UInt64(n))
        }
        let start = Day(year: 2019, month: 1, day: 1)!
        let housings = ["OMBPS2", "OMBPS3", "OMBPS4", "bosenter"]
        let living = ["bostedslos", "helse_bergen", "dps", "annet_omsorgsniva", ""]
        var lines = ["case;unit;housing;received;granted;interim_reply;allocated;left;left_reason;living_now;discharge_ready"]
        for k in 0..<1500 {
            let granted = start + next(700)
            // Same-day decisions and exits are common enough to test ties and the exit day.
            // g closes into f, which already existed, on 30 Sep 2019 (f then covers g's cases).
            let unit = granted < Day(year: 2019, month: 10, day: 1)! ? ["a", "b", "f", "g"][next(4)]
                : granted < Day(year: 2020, month: 3, day: 1)! ? ["a", "b", "f"][next(3)] : ["n", "f"][next(2)]
            let wait = next(4) == 0 ? next(3) : next(400)
            let exit = granted + wait
            let how = next(3) // 0: still waiting, 1: allocated, 2: left
            let allocated = how == 1 ? exit.description : "", left = how == 2 ? exit.description : ""
            lines.append("c\(k);\(unit);\(housings[next(4)]);\((granted + (-next(40))).description);\(granted.description);;\(allocated);\(left);\(how == 2 ? "Flyttet" : "");\(living[next(5)]);\(next(2) == 0 ? "ja" : "nei")")
        }
        let snap = Fixture([
            "units.csv": Fixture.mergingUnits + "\ng;Enhet G;root;resultatenhet;;2019-09-30;f\n", "indicators.yaml": WaitlistTests.catalogue, "waitlist.csv": lines.joined(separator: "\n") + "\n",
            "reports/r.csv": "period;unit;indicator;value\n2019-T1;a;staff;1\n2020-T3;n;staff;1\n",
        ]).snapshot()!
        let cases = snap.dataset.waitlist
        var compared = 0, nonEmpty = 0
        for y in 2019...2020 {
            for mo in 1...12 {
                let month = Period.month(y, mo)
                let end = month.end
                for (u, unit) in snap.tree.units.enumerated() where unit.isActive(on: end) {
                    let v = WaitlistView(dataset: snap.dataset, unit: u, date: end)
                    XCTAssertEqual(snap.value("w_total", unit.id, month), Double(v.total.waiting), "\(unit.id) \(end.description)")
                    XCTAssertEqual(snap.value("w_o2", unit.id, month), Double(v.byHousing[.ombps2]?.waiting ?? 0), "\(unit.id) \(end.description)")
                    XCTAssertEqual(snap.value("w_median", unit.id, month), v.total.medianWait, "\(unit.id) \(end.description)")
                    XCTAssertEqual(snap.value("w_max", unit.id, month), v.total.maxWait.map(Double.init), "\(unit.id) \(end.description)")
                    XCTAssertEqual(snap.value("w_dr", unit.id, month), Double(v.total.dischargeReady), "\(unit.id) \(end.description)")
                    XCTAssertEqual(snap.value("w_homeless", unit.id, month), Double(v.total.homeless), "\(unit.id) \(end.description)")
                    // Allocations in the month by the units this one covers.
                    let covered = Set(Coverage(snap.tree).units(coveredBy: u, on: end).map { snap.tree.units[$0].id })
                    let allocated = cases.filter { c in covered.contains(c.unit) && c.allocated.map { month.contains($0) } == true }.count
                    XCTAssertEqual(snap.value("w_alloc", unit.id, month), Double(allocated), "\(unit.id) \(end.description)")
                    compared += 1
                    if v.total.waiting > 1 { nonEmpty += 1 }
                }
            }
        }
        // The absorbed unit's cases counted in f only from its closing: f's own in August.
        let aug = Day(year: 2019, month: 8, day: 31)!
        let fOwn = cases.filter { $0.unit == "f" && $0.isWaiting(on: aug) }.count
        XCTAssertEqual(snap.value("w_total", "f", Period.month(2019, 8)), Double(fOwn))
        XCTAssertGreaterThan(compared, 80)
        XCTAssertGreaterThan(nonEmpty, 60, "most units have cases waiting at most month ends")
    }

    @Test func testMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        XCTAssertEqual(Registers.median([1, 10, 3, 4]), 3.5)
        XCTAssertEqual(Registers.median([5]), 5)
        XCTAssertNil(Registers.median([]))
    }
}

@Suite(.serialized) final class IPTests: TestCase {
    static let catalogue = Fixture.catalogue("""
      - id: tg
        source: ip
        measure: target_group
      - id: plan
        source: ip
        measure: with_plan
      - id: gwp
        source: ip
        measure: group_without_plan
      - id: dec
        source: ip
        measure: declined
      - id: coord
        source: ip
        measure: with_coordinator
      - id: overdue
        source: ip
        measure: evaluation_overdue
      - id: pog
        source: ip
        measure: plan_or_group
      - id: coverage
        source: formula
        formula: plan / tg
        unit: percent
    """)

    // u1 plan+group, evaluated recently; u2 plan, evaluated 13 months before; u3 plan, never evaluated;
    // u4 group without plan who also declined the IP; u5 declined; u6 none; u7 outside the target group.
    static let snapshot = """
    user;unit;target_group;plan;group;declined;coordinator;evaluated
    u1;a;ja;ja;ja;nei;ja;2019-06-01
    u2;a;ja;ja;nei;nei;nei;2018-11-30
    u3;a;ja;ja;nei;nei;ja;
    u4;b;ja;nei;ja;ja;nei;
    u5;b;ja;nei;nei;ja;nei;
    u6;b;ja;nei;nei;nei;nei;
    u7;b;nei;ja;ja;nei;ja;2019-10-01
    """

    lazy var snap: Snapshot = Fixture([
        "units.csv": Fixture.mergingUnits, "indicators.yaml": IPTests.catalogue, "ip/2019-T3.csv": IPTests.snapshot,
        "reports/r.csv": "period;unit;indicator;value\n2019-T3;a;plan;2\n2019-T3;b;plan;0\n",
    ]).snapshot()!
    let t3 = Period.tertial(2019, 3)

    @Test func testMeasuresCountTheTargetGroupAndMayOverlap() {
        XCTAssertEqual(snap.value("tg", "root", t3), 6)
        XCTAssertEqual(snap.value("plan", "root", t3), 3)
        XCTAssertEqual(snap.value("gwp", "root", t3), 1)
        XCTAssertEqual(snap.value("dec", "root", t3), 2)
        XCTAssertEqual(snap.value("coord", "root", t3), 2)   // u1, u3 (u7 is outside the target group)
        XCTAssertEqual(snap.value("overdue", "root", t3), 2) // u2 and u3
        XCTAssertEqual(snap.value("pog", "root", t3), 4)     // u1, u2, u3, u4
        // 3 + 1 + 2 = 6: the categories are shown side by side, not forced to add up.
        XCTAssertEqual(snap.value("coverage", "root", t3)!, 50, accuracy: 1e-9)
        XCTAssertEqual(snap.value("coverage", "a", t3)!, 100, accuracy: 1e-9)
        XCTAssertEqual(snap.value("coverage", "b", t3)!, 0, accuracy: 1e-9)
        XCTAssertEqual(snap.value("plan", "n", t3), 3, "the new unit's history covers its predecessors")
    }

    @Test func testSnapshotsAreStocksAtTheirPeriod() {
        XCTAssertEqual(snap.value("plan", "root", .year(2019)), 3)
        XCTAssertNil(snap.value("plan", "root", .tertial(2019, 2)), "no snapshot, no value")
    }

    @Test func testAReportedFigureThatDiffersFromTheRegisterIsAWarning() {
        XCTAssertEqual(snap.cell("plan", "a", t3)?.value, 3)
        XCTAssertEqual(snap.cell("plan", "a", t3)?.reported, 2)
        XCTAssertEqual(snap.warnings("plan", "a", t3).map(\.kind), [.reportedDiffers(reported: 2, computed: 3)])
        XCTAssertTrue(snap.warnings("plan", "b", t3).isEmpty, "b reported 0 and the register agrees")
    }

    @Test func testEvaluationOverdueBoundary() {
        let d = Day(year: 2019, month: 12, day: 31)!
        XCTAssertFalse(Registers.isOverdue(evaluated: Day(year: 2018, month: 12, day: 31)!, at: d))
        XCTAssertTrue(Registers.isOverdue(evaluated: Day(year: 2018, month: 12, day: 30)!, at: d))
    }
}

@Suite(.serialized) final class CompletenessTests: TestCase {
    static let catalogue = Fixture.catalogue("""
      - id: staff
        reported_by: [resultatenhet, byomrade]
      - id: sick
        frequency: month
        unit: percent
        over_time: mean
        over_units: mean
        reported_by: [resultatenhet, byomrade]
    """)
    static let reports = """
    period;unit;indicator;value;comment
    2019-T2;a;staff;4;
    2019-T2;b;staff;4;
    2019-T3;a;staff;5;
    2019-T3;b;staff;;Ikke tilgjengelig
    2019-09;a;sick;6;
    2019-10;a;sick;8;
    2019-11;a;sick;6;
    2019-12;a;sick;8;
    2019-09;b;sick;10;
    """

    lazy var snap: Snapshot = Fixture(["units.csv": Fixture.mergingUnits, "indicators.yaml": CompletenessTests.catalogue,
                                       "reports/r.csv": CompletenessTests.reports]).snapshot()!
    let t3 = Period.tertial(2019, 3)

    @Test func testMissingValuesAndPartialTotals() {
        XCTAssertEqual(snap.cell("staff", "b", t3)?.status, .missing)
        XCTAssertTrue(snap.cell("staff", "b", t3)!.hasReportRow)
        let root = snap.cell("staff", "root", t3)!
        XCTAssertEqual(root.value, 5)
        XCTAssertTrue(root.isPartial)
        XCTAssertEqual(root.present, 1)
        XCTAssertEqual(root.expected, 2)
        XCTAssertEqual(snap.cell("staff", "f", t3)?.status, Status.none, "the Forvaltning does not report staff here")
    }

    @Test func testCompletenessCountsEachDueValueAtItsOwnFrequency() {
        // Due in T3: staff from a and b (2) and sick from a and b for four months (8) = 10.
        // Delivered: staff a, sick a x4, sick b Sep = 6 -> 60 %.
        let c = snap.completeness(unit: snap.tree.root, period: t3)
        XCTAssertEqual(c.due, 10)
        XCTAssertEqual(c.reported, 6)
        XCTAssertEqual(c.percent, 60)
        let b = snap.tree.index["b"]!
        XCTAssertEqual(Set(c.missing.map { "\($0.unit == b ? "b" : "?") \(snap.indicators[$0.indicator].id) \($0.period)" }),
                       ["b staff 2019-T3", "b sick 2019-10", "b sick 2019-11", "b sick 2019-12"])
        XCTAssertEqual(c.missing.first { $0.indicator == 0 }?.reportedUnknown, true)
        XCTAssertEqual(snap.completeness(unit: snap.tree.index["a"]!, period: t3).percent, 100)
    }

    @Test func testMeanOverUnitsThenOverTime() {
        // Root months: Sep (6+10)/2 = 8, Oct 8, Nov 6, Dec 8 -> tertial mean 7.5.
        XCTAssertEqual(snap.value("sick", "root", .month(2019, 9)), 8)
        XCTAssertEqual(snap.value("sick", "root", t3), 7.5)
        XCTAssertEqual(snap.value("sick", "a", t3), 7)
    }

    @Test func testDeviationsWorstFirst() {
        let devs = snap.deviations(unit: snap.tree.root, period: t3)
        XCTAssertFalse(devs.isEmpty)
        guard case .status(let first) = devs.first!.kind else { return XCTFail("expected a status first") }
        XCTAssertEqual(first, .missing)
        XCTAssertTrue(devs.contains { $0.unit == snap.tree.index["b"]! && $0.indicator == 0 })
    }
}

@Suite(.serialized) final class DropToZeroTests: TestCase {
    @Test func testAZeroAfterAStableSeriesIsFlaggedAndItsTotalsToo() {
        var rows = "period;unit;indicator;value\n"
        let a = [12, 12, 12, 12, 12, 0], b = [1, 5, 2, 3, 4, 0]
        for (k, p) in ["2018-T1", "2018-T2", "2018-T3", "2019-T1", "2019-T2", "2019-T3"].enumerated() {
            rows += "\(p);a;staff;\(a[k])\n\(p);b;staff;\(b[k])\n"
        }
        let f = Fixture(["units.csv": Fixture.mergingUnits, "indicators.yaml": Fixture.catalogue("  - id: staff\n    reported_by: [resultatenhet]\n"),
                         "reports/r.csv": rows])
        let s = f.snapshot()!
        let t3 = Period.tertial(2019, 3)
        XCTAssertEqual(s.warnings("staff", "a", t3).map(\.kind), [.dropToZero(typical: 12)])
        XCTAssertTrue(s.warnings("staff", "b", t3).isEmpty, "b's series was not stable")
        XCTAssertEqual(s.warnings("staff", "root", t3).map(\.kind), [.builtOnSuspect(unit: "a")])
        XCTAssertEqual(s.value("staff", "root", t3), 0)
        XCTAssertTrue(s.warnings("staff", "a", .tertial(2019, 2)).isEmpty)
    }
}

/// A unit that absorbs another that existed beside it (not a new unit, as Bergen Vest was):
/// before the merge it shows its own cases; from the merge, the other's too; a change across
/// the merge is counted from the earlier figure with the other's included, and says so.
@Suite(.serialized) final class AbsorbedUnitTests: TestCase {
    static let units = """
    id;name;parent;kind;from;to;successor
    root;Etaten;;etat;;;
    s;Enhet S;root;resultatenhet;;;
    c;Enhet C;root;resultatenhet;;2020-02-29;s
    """
    static let catalogue = Fixture.catalogue("""
      - id: w_total
        source: waitlist
        measure: waiting
        frequency: month
      - id: w_median
        source: waitlist
        measure: median_wait_days
        frequency: month
        unit: days
      - id: tg
        source: ip
        measure: target_group
      - id: plan
        source: ip
        measure: with_plan
      - id: coverage
        source: formula
        formula: plan / tg
        unit: percent
    """)
    // S's own four cases, decided in January 2019; C's four, decided in June 2019. None placed.
    static let waitlist = "case;unit;housing;received;granted;interim_reply;allocated;left;left_reason;living_now;discharge_ready\n"
        + (1...4).map { "s\($0);s;OMBPS2;2019-01-01;2019-01-1\($0);;;;;dps;nei\n" }.joined()
        + (1...4).map { "c\($0);c;OMBPS3;2019-06-01;2019-06-0\($0);;;;;dps;nei\n" }.joined()
    // T3 2019: S 2 in the target group (1 with a plan), C 3 (3 with a plan). T1 2020 the same
    // people, C's still listed under C.
    static let ip = "user;unit;target_group;plan;group;declined;coordinator;evaluated\n"
        + "u1;s;ja;ja;nei;nei;nei;2019-06-01\nu2;s;ja;nei;nei;nei;nei;\n"
        + "u3;c;ja;ja;nei;nei;nei;2019-06-01\nu4;c;ja;ja;nei;nei;nei;2019-06-01\nu5;c;ja;ja;nei;nei;nei;2019-06-01\n"

    lazy var snap: Snapshot = Fixture([
        "units.csv": AbsorbedUnitTests.units, "indicators.yaml": AbsorbedUnitTests.catalogue,
        "waitlist.csv": AbsorbedUnitTests.waitlist, "ip/2019-T3.csv": AbsorbedUnitTests.ip, "ip/2020-T1.csv": AbsorbedUnitTests.ip,
    ]).snapshot()!

    @Test func testBeforeTheMergeTheUnitShowsItsOwnCases() {
        let dec = Period.month(2019, 12), feb = Period.month(2020, 2)
        XCTAssertEqual(snap.value("w_total", "s", dec), 4, "S's own four, not C's")
        XCTAssertEqual(snap.value("w_total", "s", feb), 4, "C is still open on 29 Feb")
        XCTAssertEqual(snap.value("w_total", "c", dec), 4)
        XCTAssertEqual(snap.value("w_total", "root", dec), 8)
        // Waited since 11–14 Jan 2019 on 31 Dec 2019: 354, 353, 352, 351 days; median 352,5.
        XCTAssertEqual(snap.value("w_median", "s", dec), 352.5)
        XCTAssertEqual(snap.value("tg", "s", .tertial(2019, 3)), 2)
        XCTAssertEqual(snap.value("coverage", "s", .tertial(2019, 3))!, 50, accuracy: 1e-9)
        // The views the screens and reports show count the same.
        let s = snap.tree.index["s"]!
        XCTAssertEqual(snap.waitlist(unit: s, at: dec.end).total.waiting, 4)
        XCTAssertFalse(snap.isBuiltFromPredecessors(unit: s, period: dec), "S existed: its figure is its own")
    }

    @Test func testFromTheMergeTheUnitHoldsTheClosedUnitsCases() {
        let s = snap.tree.index["s"]!
        XCTAssertEqual(snap.value("w_total", "s", .month(2020, 3)), 8)
        XCTAssertEqual(snap.waitlist(unit: s, at: Period.month(2020, 3).end).total.waiting, 8)
        XCTAssertEqual(snap.value("tg", "s", .tertial(2020, 1)), 5)
        XCTAssertEqual(snap.value("coverage", "s", .tertial(2020, 1))!, 80, accuracy: 1e-9)
    }

    @Test func testAChangeAcrossTheMergeComparesLikeWithLike() throws {
        // March against February: 8 against S's 4 and C's 4, so no change, labelled.
        let mar = try XCTUnwrap(snap.cell("w_total", "s", .month(2020, 3))?.change)
        XCTAssertEqual(mar.previous, 8)
        XCTAssertEqual(mar.delta, 0)
        XCTAssertTrue(mar.acrossMerge)
        XCTAssertEqual(snap.merged(into: snap.tree.index["s"]!, between: .month(2020, 2), and: .month(2020, 3)), ["c"])
        // Not across a merge: the unit's own figures, no label.
        let feb = try XCTUnwrap(snap.cell("w_total", "s", .month(2020, 2))?.change)
        XCTAssertEqual(feb.previous, 4)
        XCTAssertFalse(feb.acrossMerge)
        XCTAssertEqual(snap.merged(into: snap.tree.index["s"]!, between: .month(2020, 1), and: .month(2020, 2)), [])
        // A share across the merge: (1 + 3) / (2 + 3) = 80 % before, 80 % now.
        let share = try XCTUnwrap(snap.cell("coverage", "s", .tertial(2020, 1))?.change)
        XCTAssertEqual(share.previous, 80, accuracy: 1e-9)
        XCTAssertTrue(share.acrossMerge)
        // A median cannot be combined from two medians: no change rather than a false one.
        XCTAssertNil(snap.cell("w_median", "s", .month(2020, 3))?.change)
        // The etat always covered both: no merge in its change.
        XCTAssertEqual(snap.cell("w_total", "root", .month(2020, 3))?.change?.acrossMerge, false)
    }
}
