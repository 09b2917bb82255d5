import Foundation
import Testing
import TestSupport
@testable import Model

/// A reload in which only report files changed recomputes only what they touch
/// (`Engine.compute(_:previous:)`). Each case edits a copy of the sample data as a leader
/// would, reloads with the same Loader, and checks the result against a fresh load and a
/// full compute of the same files: every cell and every warning the same.
@Suite(.serialized) final class IncrementalReloadTests: TestCase {
    /// A copy of the sample data, removed when the test ends.
    final class Copy {
        let dir = NSTemporaryDirectory() + "tertial-incremental-" + UUID().uuidString
        init() { try! FileManager.default.copyItem(atPath: Sample.directory, toPath: dir) }
        deinit { try? FileManager.default.removeItem(atPath: dir) }
        func read(_ rel: String) -> String { try! String(contentsOfFile: dir + "/" + rel, encoding: .utf8) }
        func write(_ rel: String, _ text: String) { try! text.write(toFile: dir + "/" + rel, atomically: true, encoding: .utf8) }
        /// Replaces one line (exactly as it is in the file).
        func replace(_ rel: String, _ old: String, _ new: String) {
            let text = read(rel)
            XCTAssertTrue(text.contains(old + "\n"), "\(rel) has no line \(old)")
            write(rel, text.replacingOccurrences(of: old + "\n", with: new + "\n"))
        }
    }

    /// Loads, then reloads after `edit`; returns the first snapshot, the reloaded one (built
    /// on the first) and a full compute of a fresh load of the edited files.
    func reload(_ copy: Copy, _ edit: () -> Void) -> (before: Snapshot, after: Snapshot, delta: DatasetDelta?, full: Snapshot)? {
        let loader = Loader(directory: copy.dir)
        guard let first = loader.load().dataset else { XCTFail("the sample data does not load"); return nil }
        let before = Engine.compute(first)
        // A file rewritten within the same second and with the same size is still seen (inode).
        edit()
        let r = loader.load()
        guard let ds = r.dataset else { XCTFail("the edited data does not load: \(r.diagnostics.errors)"); return nil }
        let after = Engine.compute(ds, previous: before)
        guard let fresh = Loader(directory: copy.dir).load().dataset else { XCTFail("a fresh load fails"); return nil }
        return (before, after, ds.delta, Engine.compute(fresh))
    }

    func assertSame(_ a: Snapshot, _ b: Snapshot, file: StaticString = #filePath, line: UInt = #line) {
        assertSameSnapshots(a, b, file: file, line: line)
    }

    @Test func testOneChangedValueRecomputesItsIndicatorAndWhatIsBuiltOnIt() {
        let copy = Copy()
        guard let r = reload(copy, {
            copy.replace("reports/2018-T1.csv", "2018-T1;ph-arna-asane;service_users;288;", "2018-T1;ph-arna-asane;service_users;300;")
        }) else { return }
        // Only that indicator's rows changed; the share of users in activity divides by it.
        let ids = Set(r.delta?.changedIndicators.map { r.after.indicators[$0].id } ?? [])
        XCTAssertEqual(ids, ["service_users"])
        let t1 = Period.tertial(2018, 1)
        XCTAssertEqual(r.after.value("service_users", "ph-arna-asane", t1), 300)
        // The etat's figure is the sum of its units: 12 more.
        let etat = r.after.tree.units[r.after.tree.root].id
        XCTAssertEqual(r.after.value("service_users", etat, t1)!, r.before.value("service_users", etat, t1)! + 12, accuracy: 1e-9)
        // activity_share = activity_users / service_users, so it follows.
        let share = r.after.value("activity_share", "ph-arna-asane", t1)!
        XCTAssertEqual(share, r.after.value("activity_users", "ph-arna-asane", t1)! / 300 * 100, accuracy: 1e-9)
        assertSame(r.after, r.full)
    }

    @Test func testARemovedRowMovesTheRowsOfLaterFiles() {
        let copy = Copy()
        let rows = copy.read("reports/2018-T1.csv").split(separator: "\n").map(String.init)
        let last = rows.last!.split(separator: ";", omittingEmptySubsequences: false).map(String.init)
        // The file's last row taken out: every later file's rows are one place earlier.
        guard let r = reload(copy, { copy.write("reports/2018-T1.csv", rows.dropLast().joined(separator: "\n") + "\n") }) else { return }
        XCTAssertEqual(Set(r.delta?.changedIndicators.map { r.after.indicators[$0].id } ?? []), [last[2]])
        let gone = r.after.cell(last[2], last[1], Period(parsing: last[0])!)
        XCTAssertEqual(gone?.hasReportRow, false)
        // A later file's row still names its own line and comment.
        let later = r.after.cell("service_users", "ph-arna-asane", .tertial(2019, 1))
        XCTAssertEqual(later?.reportSource?.file, "reports/2019-T1.csv")
        XCTAssertEqual(later?.reportSource, r.full.cell("service_users", "ph-arna-asane", .tertial(2019, 1))?.reportSource)
        assertSame(r.after, r.full)
    }

    @Test func testACommentAddedToARowInTheMiddleOfAFile() {
        let copy = Copy()
        let rows = copy.read("reports/2018-T1.csv").split(separator: "\n").map(String.init)
        let k = rows.indices.first { $0 >= rows.count / 2 && rows[$0].hasSuffix(";") }!
        var edited = rows
        edited[k] += "rettet etter revisjon"
        let fields = rows[k].split(separator: ";", omittingEmptySubsequences: false).map(String.init)
        guard let r = reload(copy, { copy.write("reports/2018-T1.csv", edited.joined(separator: "\n") + "\n") }) else { return }
        XCTAssertEqual(Set(r.delta?.changedIndicators.map { r.after.indicators[$0].id } ?? []), [fields[2]])
        XCTAssertEqual(r.after.cell(fields[2], fields[1], Period(parsing: fields[0])!)?.comment, "rettet etter revisjon")
        assertSame(r.after, r.full)
    }

    @Test func testARemovedReportFile() {
        let copy = Copy()
        guard let r = reload(copy, { try? FileManager.default.removeItem(atPath: copy.dir + "/reports/2018-sykefravaer.csv") }) else { return }
        XCTAssertNotNil(r.delta)
        XCTAssertFalse(r.delta!.changedIndicators.isEmpty)
        assertSame(r.after, r.full)
    }

    @Test func testADuplicateIsStillAnErrorAndTheNextLoadIsWhole() {
        let copy = Copy()
        let loader = Loader(directory: copy.dir)
        guard let first = loader.load().dataset else { return XCTFail("sample does not load") }
        let before = Engine.compute(first)
        let text = copy.read("reports/2020-T3.csv")
        let row = text.split(separator: "\n")[1]
        copy.write("reports/2020-T3.csv", text + row + "\n")
        let bad = loader.load()
        XCTAssertNil(bad.dataset)
        // The same message as a fresh load gives, naming the first row.
        let fresh = Loader(directory: copy.dir).load()
        XCTAssertEqual(bad.diagnostics.errors.map(\.description), fresh.diagnostics.errors.map(\.description))
        XCTAssertTrue(bad.diagnostics.errors.contains { $0.file == "reports/2020-T3.csv" && $0.field == "indicator" && $0.description.contains("reports/2020-T3.csv:2") },
                      "\(bad.diagnostics.errors)")
        // Mended: loaded whole (the load before had errors), and the same as a fresh compute.
        copy.write("reports/2020-T3.csv", text)
        guard let mended = loader.load().dataset else { return XCTFail("the mended data does not load") }
        XCTAssertNil(mended.delta)
        assertSame(Engine.compute(mended, previous: before), Engine.compute(Loader(directory: copy.dir).load().dataset!))
    }

    @Test func testAChangeOutsideTheReportsComputesEverything() {
        let copy = Copy()
        guard let r = reload(copy, { copy.write("targets.csv", copy.read("targets.csv") + "\n") }) else { return }
        XCTAssertNil(r.delta)
        assertSame(r.after, r.full)
    }

    @Test func testAnUnknownIndicatorInAChangedFileIsTheUsualError() {
        let copy = Copy()
        let loader = Loader(directory: copy.dir)
        XCTAssertNotNil(loader.load().dataset)
        copy.replace("reports/2018-T1.csv", "2018-T1;ph-arna-asane;service_users;288;", "2018-T1;ph-arna-asane;service_userz;288;")
        let r = loader.load()
        XCTAssertNil(r.dataset)
        let e = r.diagnostics.errors.first
        XCTAssertEqual(e?.file, "reports/2018-T1.csv"); XCTAssertEqual(e?.line, 2); XCTAssertEqual(e?.field, "indicator")
    }
}
