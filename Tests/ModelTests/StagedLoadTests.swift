import Foundation
import Testing
import TestSupport
@testable import Model

/// A start on large register files: the first load leaves the waitlist, IP and BrukerPlan
/// files out, the next reads them. What the first shows must be exactly what a whole load
/// shows for every reported indicator, and nothing (pending, not zero) for the rest.
@Suite(.serialized) final class StagedLoadTests: TestCase {
    static var directory: String { SampleData.directory }

    @Test func testTheFirstLoadLeavesTheRegistersOutAndTheNextReadsThem() {
        let whole = Engine.compute(Loader(directory: Self.directory).load().dataset!)
        let loader = Loader(directory: Self.directory)
        let first = loader.load(registersLaterOver: 0)
        guard let ds = first.dataset else { XCTFail("\(first.diagnostics)"); return }
        XCTAssertTrue(ds.registersPending)
        XCTAssertTrue(ds.waitlist.isEmpty && ds.ip.isEmpty && ds.brukerplan.isEmpty)
        XCTAssertFalse(first.parsedFiles.contains { $0 == "waitlist.csv" || $0.hasPrefix("ip/") || $0.hasPrefix("brukerplan/") }, "\(first.parsedFiles)")
        let early = Engine.compute(ds)
        XCTAssertTrue(early.registersPending)
        let p = Period.tertial(2019, 3)
        var reportedCompared = 0
        for (i, ind) in whole.indicators.enumerated() {
            let pending = early.isPending(indicator: i)
            switch ind.source {
            case .reported: XCTAssertFalse(pending, ind.id)
            case .waitlist, .ip, .brukerplan: XCTAssertTrue(pending, ind.id)
            case .formula: break
            }
            for u in whole.tree.units.indices {
                let a = early.cell(indicator: i, unit: u, period: p), b = whole.cell(indicator: i, unit: u, period: p)
                if pending {
                    XCTAssertNil(a?.value, "\(ind.id) has no figure while its register is read")
                    XCTAssertNotEqual(a?.status, .missing, ind.id)
                } else if ind.source == .reported {
                    XCTAssertEqual(a?.value, b?.value, "\(ind.id) \(whole.tree.units[u].id)")
                    XCTAssertEqual(a?.status, b?.status, "\(ind.id) \(whole.tree.units[u].id)")
                    reportedCompared += 1
                }
            }
        }
        XCTAssertGreaterThan(reportedCompared, 100)
        // IP coverage is a formula over two IP counts: pending too; a formula over reports is not.
        XCTAssertTrue(early.isPending(indicator: whole.dataset.indicatorIndex["ip_coverage"]!))
        XCTAssertFalse(early.isPending(indicator: whole.dataset.indicatorIndex["activity_share"]!))

        // The next load reads the register files alone and is the whole dataset.
        let second = loader.load()
        XCTAssertTrue(second.parsedFiles.allSatisfy { $0 == "waitlist.csv" || $0.hasPrefix("ip/") || $0.hasPrefix("brukerplan/") }, "\(second.parsedFiles)")
        XCTAssertTrue(second.parsedFiles.contains("waitlist.csv"))
        // Computed on the first snapshot: its reported indicators kept, the rest computed.
        XCTAssertEqual(second.dataset?.delta?.registersAdded, true)
        let late = Engine.compute(second.dataset!, previous: early)
        XCTAssertFalse(late.registersPending)
        let activity = whole.dataset.indicatorIndex["activity_share"]!
        XCTAssertTrue(late.slots.blocks[activity] === early.slots.blocks[activity], "a reported indicator's cells are shared")
        let coverage = whole.dataset.indicatorIndex["ip_coverage"]!
        XCTAssertFalse(late.slots.blocks[coverage] === early.slots.blocks[coverage])
        assertSameSnapshots(late, whole)
    }

    @Test func testSmallRegistersAreReadAtOnce() {
        // The sample data's register files are well under a mebibyte.
        let r = Loader(directory: Self.directory).load(registersLaterOver: 1 << 20)
        XCTAssertEqual(r.dataset?.registersPending, false)
        XCTAssertFalse(r.dataset?.waitlist.isEmpty ?? true)
    }
}

@Suite(.serialized) final class SlotLayoutTests: TestCase {
    /// A cell's stored form is 40 bytes (docs/performance.md's memory figures rest on it): a
    /// field added without thought grows every snapshot by a million times its size.
    @Test func testASlotIsFortyBytes() {
        XCTAssertEqual(MemoryLayout<Slot>.stride, 40)
        var s = Slot()
        s.exists = true; s.due = false; s.hasReportRow = true
        XCTAssertTrue(s.exists && s.hasReportRow && !s.due)
        s.exists = false; s.due = true
        XCTAssertTrue(!s.exists && s.hasReportRow && s.due)
    }

    /// An indicator stores cells only for the periods of its own kind and coarser: over one
    /// year, a monthly indicator has 12 months + 3 tertials + 1 year = 16 per unit, a tertial
    /// one 3 + 1 = 4, a yearly one 1. Its finer periods have no cell (nil, not empty), and
    /// its own and coarser ones read back as computed (a month row of a tertial indicator is
    /// not a cell of it).
    @Test func testAnIndicatorStoresOnlyItsOwnAndCoarserPeriods() {
        let f = Fixture(["units.csv": "id;name;parent;kind;from;to;successor\nroot;Etaten;;etat;;;\na;A;root;resultatenhet;;;\nb;B;root;resultatenhet;;;\n",
                         "indicators.yaml": Fixture.catalogue("""
                           - id: m
                             frequency: month
                             over_time: sum
                           - id: t
                             over_time: sum
                           - id: y
                             frequency: year
                         """),
                         "reports/r.csv": """
                         period;unit;indicator;value;comment
                         2019-01;a;m;1;
                         2019-12;b;m;2;
                         2019-T1;a;t;3;
                         2019-T3;b;t;4;
                         2019;a;y;5;
                         2019;b;y;6;
                         """])
        guard let s = f.snapshot() else { return }
        let units = 3
        XCTAssertEqual(s.periods.count, 16)
        XCTAssertEqual(s.slots.blocks.map(\.count), [units * 16, units * 4, units * 1])
        XCTAssertEqual(s.value("m", "root", .year(2019)), 3)
        XCTAssertEqual(s.value("m", "a", .month(2019, 1)), 1)
        XCTAssertEqual(s.value("t", "root", .year(2019)), 7)
        XCTAssertEqual(s.value("t", "b", .tertial(2019, 3)), 4)
        XCTAssertEqual(s.value("y", "root", .year(2019)), 11)
        XCTAssertNil(s.cell("t", "a", .month(2019, 1)))
        XCTAssertNil(s.cell("y", "root", .tertial(2019, 3)))
        XCTAssertNil(s.cell("y", "a", .month(2019, 12)))
        XCTAssertNotNil(s.cell("m", "b", .month(2019, 12)))
    }
}

@Suite(.serialized) final class ReportRowTests: TestCase {
    /// A row stored compactly reads back as written, and an empty value equals itself (a
    /// reload compares rows to find what changed).
    @Test func testAReportRowReadsBackAndComparesByValue() {
        let src = SourceRef(file: "reports/2019-T3.csv", line: 12)
        let a = Report(period: .tertial(2019, 3), unit: "ph-nord", indicator: "staff", value: nil, comment: "ikke levert", source: src)
        let b = Report(period: .tertial(2019, 3), unit: "ph-nord", indicator: "staff", value: nil, comment: "ikke levert", source: src)
        XCTAssertEqual(a, b)
        XCTAssertEqual(Set([a, b]).count, 1)
        XCTAssertNil(a.value)
        XCTAssertEqual(a.source, src)
        let c = Report(period: .tertial(2019, 3), unit: "ph-nord", indicator: "staff", value: 12, comment: nil, source: src)
        XCTAssertEqual(c.value, 12)
        XCTAssertNotEqual(a, c)
        XCTAssertEqual(MemoryLayout<Report>.stride, 88)
        // Stored without the file, which its chunk holds.
        XCTAssertEqual(MemoryLayout<ReportRow>.stride, 72)
    }

    /// Rows from several files, stored a chunk per run of one file, read back as written,
    /// each with its own file, by index and in order.
    @Test func testRowsFromManyFilesReadBackWithTheirFiles() {
        var rows = [Report]()
        for (n, file) in ["reports/a.csv", "reports/a.csv", "reports/b.csv", "reports/a.csv", "reports/c.csv", "reports/c.csv"].enumerated() {
            rows.append(Report(period: .tertial(2019, 1 + n % 3), unit: "u\(n)", indicator: "staff", value: n == 2 ? nil : Double(n),
                               comment: n == 4 ? "merknad" : nil, source: SourceRef(file: file, line: n + 2)))
        }
        let stored = ReportRows(rows)
        XCTAssertEqual(stored.chunks.map(\.file), ["reports/a.csv", "reports/b.csv", "reports/a.csv", "reports/c.csv"])
        XCTAssertEqual(stored.count, rows.count)
        XCTAssertEqual(Array(stored), rows)
        for k in rows.indices { XCTAssertEqual(stored[k], rows[k]); XCTAssertEqual(stored[k].source, rows[k].source) }
        XCTAssertEqual(ReportRows([]).count, 0)
    }
}
