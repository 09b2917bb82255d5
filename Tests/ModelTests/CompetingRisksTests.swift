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

    @Test func testNoObservationsGiveNoSteps() {
        let ci = CumulativeIncidence([], kinds: 2)
        XCTAssertTrue(ci.steps.isEmpty)
        XCTAssertEqual(ci.incidence(1, at: 365), 0)
        XCTAssertNil(ci.firstDay(1, reaching: 0.5))
    }
}
