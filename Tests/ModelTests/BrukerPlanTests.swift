import Foundation
import Testing
import TestSupport
@testable import Model

/// BrukerPlan: the 2014 mapping of 1,845 recipients with mental health problems in Bergen
/// (domain.md, seed 002 part B), reproduced by the sample data and counted by the model;
/// and the file's rules, each with a located error.
@Suite(.serialized) final class BrukerPlanTests: TestCase {
    var ds: Dataset { Sample.snapshot.dataset }
    var etat2014: BrukerPlanView { BrukerPlanView(dataset: ds, unit: ds.tree.index["ephrt"]!, year: 2014) }

    @Test func testTheCityWideFiguresOf2014() {
        let v = etat2014
        XCTAssertEqual(v.mapped, 1845)
        XCTAssertEqual(v.men, 838)
        XCTAssertEqual(v.women, 1007)
        // T002-2: overall level green / yellow / red / blood-red.
        XCTAssertEqual(v.overall, [79, 1229, 523, 14])
        // T002-4: work/activity (rows red, yellow, green) by overall level.
        XCTAssertEqual(v.workByOverall[2], [0, 96, 336, 13])
        XCTAssertEqual(v.workByOverall[1], [0, 570, 166, 1])
        XCTAssertEqual(v.workByOverall[0], [79, 563, 21, 0])
        XCTAssertEqual(v.areas[FunctionArea.workActivity.rawValue], [663, 737, 445])
        // T002-5: plans.
        XCTAssertEqual(v.withIP, 206)
        XCTAssertEqual(v.otherPlan, 629)
        XCTAssertEqual(v.group, 390)
        XCTAssertEqual(v.yellowOrRedWithoutPlan, 549)
        XCTAssertEqual(v.anyPlanByOverall[3], 12, "12 of 14 blood-red have a plan")
        XCTAssertEqual(v.anyPlanByOverall[2], 357, "357 of 523 red")
        XCTAssertEqual(v.anyPlanByOverall[1], 846, "846 of 1229 yellow")
        XCTAssertEqual(v.crisis, 90)
    }

    /// T002-3: each area's shares round to the stated whole percentages.
    @Test func testAreaSharesRoundToTheStatedPercentages() {
        let stated: [FunctionArea: [Int]] = [.finances: [66, 29, 5], .mentalHealth: [10, 77, 13], .physicalHealth: [54, 41, 6],
                                             .housing: [85, 13, 2], .socialSkills: [39, 54, 7], .network: [36, 57, 7], .workActivity: [36, 40, 24]]
        let v = etat2014
        for (area, pct) in stated {
            let counts = v.areas[area.rawValue]
            XCTAssertEqual(counts.reduce(0, +), 1845, "\(area)")
            XCTAssertEqual(counts.map { Int((Double($0) / 1845 * 100).rounded()) }, pct, "\(area)")
        }
        // Overall: 4 / 67 / 28 / 1 %.
        XCTAssertEqual(v.overall.map { Int((Double($0) / 1845 * 100).rounded()) }, [4, 67, 28, 1])
    }

    /// IP is used most at 18–35 (T002-6: 15 / 18 / 11 / 10 / 4 %).
    @Test func testIPByAgeBand() {
        let v = etat2014
        XCTAssertEqual(v.ageBands.map { Int((Double($0.withIP) / Double($0.mapped) * 100).rounded()) }, [15, 18, 11, 10, 4])
    }

    /// The seed's implied rules: nobody yellow or red on work/activity is green overall, and a
    /// red area does not force red overall.
    @Test func testTheImpliedConstraintsHold() {
        for r in etat2014.records where r.areas[FunctionArea.workActivity.rawValue].map({ $0 >= .yellow }) == true {
            XCTAssertNotEqual(r.overall, .green, "line \(r.line)")
        }
    }

    /// A unit's coverage includes its predecessors: Bergen Vest in 2014 is Fyllingsdalen and
    /// Laksevåg; the districts add up to the etat.
    @Test func testUnitsAndTheirPredecessors() {
        let tree = ds.tree
        let vest = BrukerPlanView(dataset: ds, unit: tree.index["ph-vest"]!, year: 2014)
        let parts = ["ph-fyllingsdalen", "ph-laksevag"].map { BrukerPlanView(dataset: ds, unit: tree.index[$0]!, year: 2014).mapped }
        XCTAssertGreaterThan(vest.mapped, 0)
        XCTAssertEqual(vest.mapped, parts.reduce(0, +))
        let districts = etat2014.parts(ds)
        XCTAssertEqual(districts.count, 6)
        XCTAssertEqual(districts.map(\.view.yellowOrRedWithoutPlan).reduce(0, +), 549)
        XCTAssertEqual(BrukerPlanView.year(for: .tertial(2019, 3), in: ds), 2014)
        XCTAssertEqual(BrukerPlanView.year(for: .tertial(2020, 3), in: ds), 2020)
        XCTAssertEqual(BrukerPlanView.previous(2020, in: ds), 2014)
    }

    /// Catalogue indicators of source brukerplan: annual figures of the mapping year, summed
    /// up the tree like the registers; a share of two of them is a formula.
    @Test func testCatalogueIndicators() {
        let s = Sample.snapshot
        let v2020 = BrukerPlanView(dataset: ds, unit: ds.tree.index["ephrt"]!, year: 2020)
        XCTAssertEqual(s.value("bp_mapped", "ephrt", .year(2020)), Double(v2020.mapped))
        XCTAssertEqual(s.value("bp_without_plan", "ephrt", .year(2020)), Double(v2020.yellowOrRedWithoutPlan))
        let share = s.value("bp_red_share", "ephrt", .year(2020))
        XCTAssertEqual(share ?? 0, Double(v2020.overall[2] + v2020.overall[3]) / Double(v2020.mapped) * 100, accuracy: 1e-9)
        XCTAssertNil(s.value("bp_mapped", "ephrt", .year(2019)), "no mapping in 2019: no value, not 0")
    }

    // MARK: The file's rules

    let units = "id;name;parent;kind;from;to;successor\nroot;Etaten;;etat;;;\na;Enhet A;root;resultatenhet;;;\nb;Enhet B;root;resultatenhet;2020-03-01;;\n"
    let catalogue = Fixture.catalogue("  - id: mapped\n    name: Kartlagt\n    source: brukerplan\n    measure: mapped\n")
    let header = "user;unit;age_band;gender;finances;mental_health;physical_health;housing;social_skills;network;work_activity;overall;ip;other_plan;group;coordinator_only;short_term_crisis\n"

    func fixture(_ rows: String, name: String = "brukerplan/2014.csv") -> Fixture {
        Fixture(["units.csv": units, "indicators.yaml": catalogue, name: header + rows])
    }

    @Test func testScoresAndColoursBothRead() {
        let f = fixture("K1;a;18-25;kvinne;1;2;4;5;grønn;gul;rød;blodrød;ja;nei;nei;nei;nei\nK2;a;56+;mann;;3;3;3;3;3;3;gul;nei;nei;nei;ja;ja\n")
        let r = f.load()
        XCTAssertEqual(r.diagnostics.errors.map(\.description), [])
        let m = r.dataset?.brukerplan.first
        XCTAssertEqual(m?.year, 2014)
        XCTAssertEqual(m?.records.first?.areas, [.green, .yellow, .yellow, .red, .green, .yellow, .red])
        XCTAssertEqual(m?.records.first?.overall, .bloodRed)
        XCTAssertEqual(m?.records.last?.areas.first, .some(nil), "an empty area is not mapped")
        XCTAssertTrue(m?.records.last?.coordinatorOnly == true && m?.records.last?.crisis == true)
    }

    @Test func testEveryBadFieldIsLocated() {
        let f = fixture("""
        K1;a;17-20;kvinne;1;1;1;1;1;1;1;gul;ja;nei;nei;nei;nei
        K2;a;18-25;x;1;1;1;1;1;1;1;gul;ja;nei;nei;nei;nei
        K3;a;18-25;mann;6;1;1;1;1;1;1;gul;ja;nei;nei;nei;nei
        K4;a;18-25;mann;1;1;1;1;1;1;blodrød;gul;ja;nei;nei;nei;nei
        K5;a;18-25;mann;1;1;1;1;1;1;1;3;ja;nei;nei;nei;nei
        K6;a;18-25;mann;1;1;1;1;1;1;1;;ja;nei;nei;nei;nei
        K7;a;18-25;mann;1;1;1;1;1;1;1;gul;kanskje;nei;nei;nei;nei
        K8;a;18-25;mann;1;1;1;1;1;1;1;gul;ja;nei;nei;nei;nei
        K8;a;18-25;mann;1;1;1;1;1;1;1;gul;ja;nei;nei;nei;nei
        K9;x;18-25;mann;1;1;1;1;1;1;1;gul;ja;nei;nei;nei;nei

        """)
        let errs = f.load().diagnostics.errors
        let located = errs.map { "\($0.line ?? 0):\($0.field ?? "")" }
        XCTAssertEqual(located, ["2:age_band", "3:gender", "4:finances", "5:work_activity", "6:overall", "7:overall", "8:ip", "10:user", "11:unit"])
        XCTAssertEqual(errs[3].expected, "a score 1-5 (1 green, 2-4 yellow, 5 red) or grønn, gul, rød (empty: not mapped)")
        XCTAssertEqual(errs[4].expected, "grønn, gul, rød or blodrød, as BrukerPlan's index gave it")
        XCTAssertTrue(errs.allSatisfy { $0.file == "brukerplan/2014.csv" })
    }

    @Test func testAnIdentityNumberIsRefusedAndNeverShown() throws {
        let id = try XCTUnwrap(TestData.validIdentityNumber())
        let f = fixture("\(id);a;18-25;mann;1;1;1;1;1;1;1;gul;ja;nei;nei;nei;nei\n")
        let errs = f.load().diagnostics.errors
        XCTAssertEqual(errs.map(\.field), ["user"])
        XCTAssertFalse(errs.map(\.description).joined().contains(id))
    }

    @Test func testTheFileIsNamedByItsYearAndHasItsColumns() {
        let f = fixture("K1;a;18-25;mann;1;1;1;1;1;1;1;gul;ja;nei;nei;nei;nei\n", name: "brukerplan/kartlegging.csv")
        XCTAssertEqual(f.load().diagnostics.errors.map(\.expected), ["a file named by the mapping year, e.g. brukerplan/2014.csv"])
        let g = Fixture(["units.csv": units, "indicators.yaml": catalogue, "brukerplan/2014.csv": "user;unit;overall\nK1;a;gul\n"])
        let missing = g.load().diagnostics.errors.compactMap(\.field)
        XCTAssertEqual(missing, ["finances", "mental_health", "physical_health", "housing", "social_skills", "network", "work_activity", "ip", "other_plan", "group"])
    }

    /// A unit that did not exist in the mapping year is a warning with its line; the row counts.
    @Test func testAUnitNotActiveInTheYearIsAWarning() {
        let f = fixture("K1;b;18-25;mann;1;1;1;1;1;1;1;gul;ja;nei;nei;nei;nei\n")
        let r = f.load()
        XCTAssertNotNil(r.dataset)
        let w = r.diagnostics.filter { $0.severity == .warning && $0.field == "unit" }
        XCTAssertEqual(w.map(\.line), [2])
        XCTAssertEqual(w.first?.message, "unit \"b\" was not active in 2014, the mapping year")
    }

    @Test func testAnUnknownMeasureIsNamed() {
        let f = Fixture(["units.csv": units, "indicators.yaml": Fixture.catalogue("  - id: x\n    source: brukerplan\n    measure: red\n")])
        let d = f.load().diagnostics.errors.first
        XCTAssertEqual(d?.field, "measure")
        XCTAssertEqual(d?.message, "\"red\" is not a BrukerPlan measure")
    }
}
