import Foundation
import Testing
import TestSupport
@testable import Model

/// The sample data reproduces the published figures (domain.md); the dashboard computes them.
@Suite(.serialized) final class SampleReferenceTests: TestCase {
    var s: Snapshot { Sample.snapshot }
    let t = [Period.tertial(2019, 1), .tertial(2019, 2), .tertial(2019, 3)]
    let old = ["ph-bergenhus", "ph-fana-ytrebygda", "ph-fyllingsdalen", "ph-laksevag", "ph-arstad", "ph-arna-asane"]

    func round1(_ v: Double?) -> Double? { v.map { ($0 * 10).rounded() / 10 } }

    @Test func testSampleLoadsWithoutErrorsOrWarnings() {
        let r = Loader(directory: Sample.directory).load()
        XCTAssertNotNil(r.dataset)
        XCTAssertEqual(r.diagnostics.filter { $0.severity != .notice }.map(\.description), [])
        XCTAssertGreaterThanOrEqual(r.dataset!.indicators.count, 35)
        XCTAssertEqual(s.tertials.first, .tertial(2018, 1))
        XCTAssertEqual(s.tertials.last, .tertial(2020, 3))
    }

    @Test func testTable17IndividualPlans() {
        let expected: [(Double, Double, Double, Double, Double)] = [
            (184, 269, 174, 661, 27.8), (186, 286, 206, 669, 27.8), (180, 257, 196, 613, 29.4)]
        for (k, p) in t.enumerated() {
            let e = expected[k]
            XCTAssertEqual(s.value("ip_with_plan", "ephrt", p), e.0, "\(p)")
            XCTAssertEqual(s.value("ip_group_without_plan", "ephrt", p), e.1, "\(p)")
            XCTAssertEqual(s.value("ip_declined", "ephrt", p), e.2, "\(p)")
            XCTAssertEqual(s.value("ip_target_group", "ephrt", p), e.3, "\(p)")
            XCTAssertEqual(round1(s.value("ip_coverage", "ephrt", p)), e.4, "\(p)")
        }
    }

    @Test func testTable2PlanOrGroupShare() {
        // (180 + 257) / 613 = 71.3 % against the budget target of 95 %.
        XCTAssertEqual(round1(s.value("ip_plan_or_group_share", "ephrt", t[2])), 71.3)
        XCTAssertEqual(s.cell("ip_plan_or_group_share", "ephrt", t[2])?.status, .red)
    }

    @Test func testTable7WaitlistAt31December2019() {
        let v = s.waitlist(unit: s.tree.root, at: Day(year: 2019, month: 12, day: 31)!)
        let expected: [LivingNow: [Int]] = [
            .bostedslos: [0, 3, 1, 0], .annetOmsorgsniva: [8, 6, 6, 0], .helseBergen: [2, 0, 4, 1],
            .dps: [0, 1, 2, 1], .kjopAvPlass: [0, 0, 0, 0]]
        for (liv, row) in expected {
            XCTAssertEqual(Housing.allCases.map { v.matrix[liv]?[$0] ?? 0 }, row, "\(liv)")
        }
        XCTAssertEqual(v.total.waiting, 35)
        XCTAssertEqual(v.total.dischargeReady, 9)
        XCTAssertEqual(v.total.homeless, 4)
        XCTAssertEqual(s.value("waitlist_total", "ephrt", .tertial(2019, 3)), 35)
        XCTAssertEqual(s.value("waitlist_discharge_ready", "ephrt", .month(2019, 12)), 9)
        XCTAssertEqual(s.value("waitlist_total", "ephrt", .month(2018, 12)), 36)
    }

    @Test func testFigure5MonthEndsJulyToDecember2019() {
        let ranges = ["waitlist_ombps4": 13...16, "waitlist_ombps3": 8...15, "waitlist_ombps2": 3...10, "waitlist_bosenter": 2...4]
        for (id, range) in ranges {
            let values = (7...12).map { Int(s.value(id, "ephrt", .month(2019, $0)) ?? -1) }
            for v in values { XCTAssertTrue(range.contains(v), "\(id): \(values) outside \(range)") }
            XCTAssertEqual(values.min(), range.lowerBound, id)
            XCTAssertEqual(values.max(), range.upperBound, id)
        }
    }

    @Test func testNewResidents() {
        XCTAssertEqual(s.value("new_residents", "ephrt", .year(2018)), 14)
        XCTAssertEqual(s.value("new_residents", "ephrt", .year(2019)), 17)
        XCTAssertEqual(s.cell("new_residents", "ephrt", .year(2018))?.target, 25)
        XCTAssertEqual(s.cell("new_residents", "ephrt", .year(2019))?.target, 20)
    }

    @Test func testTable18StaffWithUserExperienceAndTheStoredZero() {
        let periods = [Period.tertial(2018, 1), .tertial(2018, 2), .tertial(2018, 3)] + t
        XCTAssertEqual(periods.map { s.value("staff_user_experience", "ephrt", $0) }, [25, 26, 26, 26, 28, 17])
        XCTAssertEqual(s.warnings("staff_user_experience", "ph-fyllingsdalen", t[2]).map(\.kind), [.dropToZero(typical: 12)])
        XCTAssertEqual(s.warnings("staff_user_experience", "ephrt", t[2]).map(\.kind), [.builtOnSuspect(unit: "ph-fyllingsdalen")])
        // Bergen Vest's 2019 history is carried from Fyllingsdalen, so it is flagged too.
        XCTAssertEqual(s.warnings("staff_user_experience", "ph-vest", t[2]).map(\.kind), [.builtOnSuspect(unit: "ph-fyllingsdalen")])
        XCTAssertTrue(s.warnings("staff_user_experience", "ph-fyllingsdalen", t[1]).isEmpty)
        XCTAssertEqual(s.cell("staff_user_experience", "ph-fyllingsdalen", t[2])?.target, 9)
        XCTAssertEqual(s.cell("staff_user_experience", "ephrt", t[2])?.target, 54) // 9 for each of the six units
    }

    @Test func testTable9RegularActivity() {
        let expected = ["ph-bergenhus": (103.0, 306.0), "ph-fana-ytrebygda": (149, 270), "ph-fyllingsdalen": (40, 228),
                        "ph-laksevag": (101, 233), "ph-arstad": (104, 259), "ph-arna-asane": (125, 307)]
        for (u, e) in expected {
            XCTAssertEqual(s.value("activity_users", u, t[2]), e.0, u)
            XCTAssertEqual(s.value("service_users", u, t[2]), e.1, u)
        }
        XCTAssertEqual(s.value("activity_users", "ephrt", t[2]), 622)
        XCTAssertEqual(s.value("service_users", "ephrt", t[2]), 1603)
        XCTAssertEqual(round1(s.value("activity_share", "ephrt", t[2])), 38.8)
        XCTAssertEqual(s.cell("activity_share", "ephrt", t[2])?.status, .red) // target 50, warn 40
    }

    @Test func testTable19ChildrensConversations() {
        XCTAssertEqual(t.map { s.value("children_conversation_due", "ephrt", $0) }, [29, 23, 15])
        XCTAssertEqual(t.map { s.value("children_conversation_held", "ephrt", $0) }, [10, 1, 4])
        XCTAssertEqual(t.map { s.value("children_no_consent", "ephrt", $0) }, [12, 16, 11])
        XCTAssertEqual(round1(s.value("children_conversation_rate", "ephrt", t[0])), 34.5) // 10 / 29
    }

    @Test func testTable5HomeNursingAndConversationFollowUp() {
        let y = Period.year(2019)
        let expected = ["ph-bergenhus": (145.0, 121.0), "ph-fana-ytrebygda": (82, 123), "ph-fyllingsdalen": (86, 67),
                        "ph-laksevag": (75, 79), "ph-arstad": (88, 132), "ph-arna-asane": (110, 134)]
        for (u, e) in expected {
            XCTAssertEqual(s.value("pss_users", u, y), e.0, u)
            XCTAssertEqual(s.value("psyopp_users", u, y), e.1, u)
        }
        // Recomputed totals: 586 and 656 (the published PSS sum, 589, was wrong).
        XCTAssertEqual(s.value("pss_users", "ephrt", y), 586)
        XCTAssertEqual(s.value("psyopp_users", "ephrt", y), 656)
    }

    @Test func testBergenVest2019IsLaksevagPlusFyllingsdalen() {
        for p in t + [.year(2019)] {
            for id in ["service_users", "activity_users", "staff_user_experience", "pss_users", "new_users"] {
                let sum = (s.value(id, "ph-laksevag", p) ?? 0) + (s.value(id, "ph-fyllingsdalen", p) ?? 0)
                XCTAssertEqual(s.value(id, "ph-vest", p), sum, "\(id) \(p)")
                XCTAssertEqual(s.cell(id, "ph-vest", p)?.origin, p.kind == .year ? .overTime : .carried)
            }
        }
        // T3 2019: 40 + 101 in activity of 228 + 233 users.
        XCTAssertEqual(s.value("activity_users", "ph-vest", t[2]), 141)
        XCTAssertEqual(s.value("service_users", "ph-vest", t[2]), 461)
        // The waitlist and IP registers follow the cases of both predecessors.
        XCTAssertEqual(s.value("ip_target_group", "ph-vest", t[2]),
                       s.value("ip_target_group", "ph-laksevag", t[2])! + s.value("ip_target_group", "ph-fyllingsdalen", t[2])!)
    }

    @Test func testMissingReportsAreVisibleBeforeEveryoneHasReported() {
        let c = s.completeness(unit: s.tree.root, period: .tertial(2020, 3))
        XCTAssertLessThan(c.percent, 100)
        let missing = Set(c.missing.map { "\(s.tree.units[$0.unit].id) \(s.indicators[$0.indicator].id)" })
        XCTAssertTrue(missing.contains("ph-sentrum staff_external_supervision"))
        XCTAssertTrue(missing.contains("ph-nord users_school_work"))
        XCTAssertEqual(s.completeness(unit: s.tree.root, period: .tertial(2019, 3)).percent, 100)
    }
}
