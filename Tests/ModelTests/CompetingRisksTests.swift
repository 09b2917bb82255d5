import Foundation
import Testing
import TestSupport
@testable import Model

/// The Aalen–Johansen estimator on small cases computed by hand (issue 25): without a
/// competing event it is 1 − Kaplan–Meier; with competing events only, nothing is allocated;
/// ties of allocation, leaving and censoring on one day; Aalen's variance where the sums are
/// short enough to add up by hand.
@Suite final class CompetingRisksTests: TestCase {
    let eps = 1e-12

    @Test func testWithoutCompetingEventsItIsOneMinusKaplanMeier() {
        // Allocated on days 1, 2, 2, 3 and 5; still waiting (censored) at 4.
        let ci = CumulativeIncidence([(1, 1), (2, 1), (2, 1), (3, 1), (4, 0), (5, 1)], kinds: 2)
        // Kaplan–Meier: 5/6, 5/6·3/5 = 1/2, 1/2·2/3 = 1/3, 1/3, 0.
        for (day, f) in [(0, 0.0), (1, 1.0 / 6), (2, 0.5), (3, 2.0 / 3), (4, 2.0 / 3), (5, 1.0)] {
            XCTAssertEqual(ci.incidence(1, at: day), f, accuracy: eps, "day \(day)")
            XCTAssertEqual(ci.incidence(2, at: day), 0, accuracy: eps)
        }
        XCTAssertEqual(ci.steps.map(\.atRisk), [6, 5, 3, 2, 1])
        XCTAssertEqual(ci.firstDay(1, reaching: 0.5), 2, "the median: the first day half have a place")
    }

    @Test func testCompetingEventsOnlyAllocateNothing() {
        let ci = CumulativeIncidence([(10, 2), (20, 2), (30, 0), (40, 2)], kinds: 2)
        XCTAssertEqual(ci.incidence(1, at: 100), 0, accuracy: eps)
        // Leaving: 1/4, then 1/4 + 3/4·1/3 = 1/2, censored at 30, then 1/2 + 1/2·1/1 = 1.
        XCTAssertEqual(ci.incidence(2, at: 10), 0.25, accuracy: eps)
        XCTAssertEqual(ci.incidence(2, at: 35), 0.5, accuracy: eps)
        XCTAssertEqual(ci.incidence(2, at: 40), 1, accuracy: eps)
        XCTAssertNil(ci.firstDay(1, reaching: 0.5), "under half get a place in the data")
    }

    /// On day 2 one is allocated, one leaves and one is censored: the censored one was at
    /// risk that day (events before censoring).
    @Test func testTiesOfAllocationLeavingAndCensoringOnOneDay() {
        let ci = CumulativeIncidence([(2, 1), (2, 2), (2, 0), (3, 1), (5, 0)], kinds: 2)
        XCTAssertEqual(ci.steps.first?.atRisk, 5)
        XCTAssertEqual(ci.incidence(1, at: 2), 0.2, accuracy: eps)
        XCTAssertEqual(ci.incidence(2, at: 2), 0.2, accuracy: eps)
        // Day 3: two at risk (the cases of days 3 and 5); S before = 3/5; one allocated.
        XCTAssertEqual(ci.incidence(1, at: 3), 0.2 + 0.6 * 0.5, accuracy: eps)
        XCTAssertEqual(ci.steps[1].survival, 0.3, accuracy: eps)
        XCTAssertEqual(ci.firstDay(1, reaching: 0.5), 3)
    }

    /// Aalen's variance (Pintilie 2006, eq. 4.5) for two cases allocated on days 1 and 2:
    /// at day 1, S(0)² · d(n−d) / (n²(n−1)) = 1 · 1 / (4 · 1) = 1/4; at day 2 the three sums
    /// give 1/4 + 1/4 − 2 · (1/2) · 1 / 2 = 0 (F = 1 for certain).
    @Test func testAalensVarianceByHand() {
        let ci = CumulativeIncidence([(1, 1), (2, 1)], kinds: 2)
        XCTAssertEqual(ci.steps[0].variance[0], 0.25, accuracy: eps)
        XCTAssertEqual(ci.steps[1].variance[0], 0, accuracy: eps)
        // The log(−log) interval around F(1) = 1/2: σ = √(1/4)/(1/2) = 1, θ = z/ln(1/2).
        let z = 1.959963984540054, theta = z / log(0.5)
        let (low, high) = ci.interval(1, at: 1)
        XCTAssertEqual(low, exp(exp(-theta) * log(0.5)), accuracy: eps)
        XCTAssertEqual(high, exp(exp(theta) * log(0.5)), accuracy: eps)
        XCTAssertLessThan(low, 0.5)
        XCTAssertGreaterThan(high, 0.5)
        XCTAssertEqual(ci.interval(1, at: 2).low, 1, accuracy: eps, "F = 1: the interval is the point")
    }

    /// Days far apart for few observations are sorted rather than counted into a table by
    /// day (the two ways must agree): the case above with its days a million apart.
    @Test func testFarApartDaysGiveTheSameEstimate() {
        let near = CumulativeIncidence([(2, 1), (2, 2), (2, 0), (3, 1), (5, 0)], kinds: 2)
        let far = CumulativeIncidence([(2_000_000, 1), (2_000_000, 2), (2_000_000, 0), (3_000_000, 1), (5_000_000, 0)], kinds: 2)
        XCTAssertEqual(far.steps.map(\.day), [2_000_000, 3_000_000, 5_000_000])
        XCTAssertEqual(far.steps.map(\.incidence), near.steps.map(\.incidence))
        XCTAssertEqual(far.steps.map(\.variance), near.steps.map(\.variance))
        XCTAssertEqual(far.steps.map(\.atRisk), [5, 2, 1])
    }

    @Test func testNoObservationsGiveNoSteps() {
        let ci = CumulativeIncidence([], kinds: 2)
        XCTAssertTrue(ci.steps.isEmpty)
        XCTAssertEqual(ci.incidence(1, at: 365), 0)
        XCTAssertNil(ci.firstDay(1, reaching: 0.5))
    }
}

/// The waitlist forecast on cases written for the test (issue 25): ten granted on 1 February
/// 2020; three get a place after 50 days, two after 100, one leaves without a place after
/// 150, four still wait on 31 December 2020.
@Suite final class WaitlistForecastTests: TestCase {
    let granted = Day(year: 2020, month: 2, day: 1)!
    let date = Day(year: 2020, month: 12, day: 31)!

    func cases(_ n: Int = 10) -> [WaitCase] {
        let plan: [(Int?, Int?)] = [(50, nil), (50, nil), (50, nil), (100, nil), (100, nil), (nil, 150), (nil, nil), (nil, nil), (nil, nil), (nil, nil)]
        return plan.prefix(n).enumerated().map { k, p in
            WaitCase(id: "c\(k)", unit: "ph-vest", housing: .ombps3, received: nil, granted: granted, interimReply: nil,
                     allocated: p.0.map { granted + $0 }, left: p.1.map { granted + $0 }, leftReason: p.1 == nil ? nil : "flyttet",
                     livingNow: nil, dischargeReady: false, source: SourceRef(file: "waitlist.csv", line: k + 2))
        }
    }

    @Test func testTheFiguresByHand() throws {
        let f = WaitlistForecast(cases: cases(), date: date)
        XCTAssertEqual(f.casesInWindow, 10)
        XCTAssertNotNil(f.estimate)
        // 3/10 by day 50; then 7 at risk, 2 more: 0.3 + 0.7 · 2/7 = 0.5 by day 100.
        XCTAssertEqual(f.allocated.map(\.days), [91, 182, 365])
        XCTAssertEqual(f.allocated[0].p, 0.3, accuracy: 1e-12)
        XCTAssertEqual(f.allocated[1].p, 0.5, accuracy: 1e-12)
        XCTAssertEqual(f.allocated[2].p, 0.5, accuracy: 1e-12)
        for pt in f.allocated { XCTAssertTrue(pt.low < pt.p && pt.p < pt.high, "\(pt)") }
        XCTAssertEqual(f.medianDays, 100)
        // Leaving: 5 at risk on day 150, S = 1/2: 1/2 · 1/5.
        XCTAssertEqual(try XCTUnwrap(f.left12m), 0.1, accuracy: 1e-12)
        XCTAssertEqual([f.grants12m, f.allocations12m, f.departures12m, f.waitingNow], [10, 5, 1, 4])
        XCTAssertEqual(f.grantsByMonth, [0, 10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0])
        XCTAssertEqual(f.allocationsByMonth, [0, 0, 3, 0, 2, 0, 0, 0, 0, 0, 0, 0])
        XCTAssertEqual(f.netPerMonth, 4.0 / 12, accuracy: 1e-12)
        XCTAssertNil(f.monthsToEmpty, "a list that grows is not emptied")
        // Month ends Jan–Dec: 0, 10, 7, 7, 5, then 4 for seven months: 57 / 12.
        XCTAssertEqual(f.meanWaiting, 57.0 / 12, accuracy: 1e-12)
        // Little: 10 arrivals in 365 days × the mean stay of the six who left (500/6 days).
        XCTAssertEqual(try XCTUnwrap(f.littlesLaw), 10.0 / 365 * 500 / 6, accuracy: 1e-12)
        XCTAssertTrue(f.littleDisagrees, "4.75 waiting against 2.28 from the flow: over half apart")
    }

    @Test func testTooFewCasesGiveNoEstimate() {
        let f = WaitlistForecast(cases: cases(9), date: date)
        XCTAssertEqual(f.casesInWindow, 9)
        XCTAssertNil(f.estimate)
        XCTAssertEqual(f.allocated, [])
        XCTAssertNil(f.medianDays)
    }

    @Test func testTheWindowLeavesOutOlderGrants() {
        // A 6-month window back from 31 December 2020 starts on 30 June: the February grants are out.
        XCTAssertEqual(WaitlistForecast(cases: cases(), date: date, windowMonths: 6).casesInWindow, 0)
        XCTAssertEqual(WaitlistForecast.monthsBack(Day(year: 2020, month: 3, day: 31)!, 1), Day(year: 2020, month: 2, day: 29))
    }

    /// Bergen Vest's forecast at the end of 2020 holds its predecessors' cases (its coverage).
    @Test func testAUnitWithPredecessorsHoldsTheirCases() throws {
        let s = SampleData.snapshot
        let vest = try XCTUnwrap(s.tree.index["ph-vest"])
        let date = Day(year: 2020, month: 12, day: 31)!
        let start = WaitlistForecast.monthsBack(date, 24)
        let f = s.forecast(unit: vest, housing: .ombps3, at: date)
        let expected = s.dataset.waitlist.filter {
            ["ph-vest", "ph-fyllingsdalen", "ph-laksevag"].contains($0.unit) && $0.housing == .ombps3 && $0.granted >= start && $0.granted <= date
        }.count
        XCTAssertGreaterThan(expected, 0)
        XCTAssertEqual(f.casesInWindow, expected)
    }
}
