import Foundation
import Testing
import TestSupport
@testable import Model
@testable import Reports

/// Properties over many generated inputs (issue 10): the figures of a generated valid
/// dataset are the ones an independent computation gives, and a mutated file never
/// changes a figure silently.
@Suite(.serialized) final class PropertyTests: TestCase {
    /// A small deterministic generator (SplitMix64), so a failure can be replayed by its seed.
    struct RNG: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    func write(_ files: [String: String]) -> String {
        let dir = NSTemporaryDirectory() + "tertial-prop-" + UUID().uuidString
        for (name, text) in files {
            let path = dir + "/" + name
            try! FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try! text.write(toFile: path, atomically: true, encoding: .utf8)
        }
        addTeardownBlock { try? FileManager.default.removeItem(atPath: dir) }
        return dir
    }

    /// Random trees of areas and units, random counts per unit and tertial (some missing):
    /// the etat's and each area's totals in `report --format csv` are the sums the test
    /// works out itself, and a total built on a missing value is marked partial, not summed
    /// as if complete.
    @Test func testGeneratedDatasetsGiveIndependentlyComputedTotals() throws {
        for seed in UInt64(1)...25 {
            var rng = RNG(state: seed)
            let areas = Int.random(in: 1...4, using: &rng)
            var units = "id;name;parent;kind\nroot;Etaten;;etat\n"
            var leaves = [(id: String, area: String)]()
            for a in 0..<areas {
                units += "a\(a);Område \(a);root;byomrade\n"
                for u in 0..<Int.random(in: 1...5, using: &rng) {
                    units += "u\(a)-\(u);Enhet \(a)-\(u);a\(a);resultatenhet\n"
                    leaves.append(("u\(a)-\(u)", "a\(a)"))
                }
            }
            let catalogue = "indicators:\n  - id: staff\n    reported_by: [resultatenhet]\n    direction: higher\n"
            let periods = [Period.tertial(2019, 1), .tertial(2019, 2), .tertial(2019, 3)]
            var report = "period;unit;indicator;value\n"
            var expected = [String: Double](), missing = [String: Bool]()
            for p in periods {
                for leaf in leaves {
                    if Int.random(in: 0..<8, using: &rng) == 0 {
                        missing["\(p) root"] = true; missing["\(p) \(leaf.area)"] = true
                        continue
                    }
                    let v = Double(Int.random(in: 0...40, using: &rng))
                    report += "\(p);\(leaf.id);staff;\(Int(v))\n"
                    expected["\(p) root", default: 0] += v
                    expected["\(p) \(leaf.area)", default: 0] += v
                }
            }
            let dir = write(["units.csv": units, "indicators.yaml": catalogue, "reports/r.csv": report])
            let r = Loader(directory: dir).load()
            let ds = try XCTUnwrap(r.dataset, "seed \(seed): " + r.diagnostics.map(\.description).joined(separator: "\n"))
            let s = Engine.compute(ds)
            let csv = Renderers.csv(s, unit: s.tree.root, periods: periods)
            var got = [String: Double]()
            for line in csv.split(separator: "\n").dropFirst() {
                let c = line.split(separator: ";", omittingEmptySubsequences: false).map(String.init)
                guard c[2] == "staff", c[1] == "root" || c[1].hasPrefix("a"), let v = Double(c[3].replacingOccurrences(of: ",", with: ".")) else { continue }
                got["\(c[0]) \(c[1])"] = v
            }
            for (key, v) in expected { XCTAssertEqual(got[key], v, "seed \(seed): \(key)") }
            for (key, _) in missing {
                let parts = key.split(separator: " ")
                let cell = s.cell("staff", String(parts[1]), Period(parsing: String(parts[0]))!)
                XCTAssertEqual(cell?.isPartial, true, "seed \(seed): \(key) is built on a missing value")
            }
        }
    }

    /// Random byte mutations of a report file: the loader never crashes, and a figure
    /// changes only when a parsed value changed (no silent corruption).
    @Test func testMutationsNeverChangeAFigureSilently() throws {
        let base = try String(contentsOfFile: Repo.sample + "/reports/2019-T3.csv", encoding: .utf8)
        let dir = NSTemporaryDirectory() + "tertial-mutate-" + UUID().uuidString
        try FileManager.default.copyItem(atPath: Repo.sample, toPath: dir)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let original = Engine.compute(Loader(directory: dir).load().dataset!)
        let originalRows = Set(original.dataset.reports.filter { $0.source.file == "reports/2019-T3.csv" }.map { "\($0.period);\($0.unit);\($0.indicator);\($0.value.map { "\($0)" } ?? "")" })
        let originalCSV = Renderers.csv(original, unit: original.tree.root, periods: [.tertial(2019, 3)])
        var rng = RNG(state: 2019)
        var loaded = 0, refused = 0
        let alphabet = Array("0123456789;,.-\n\" xTæ".utf8)
        for _ in 0..<250 {
            var bytes = Array(base.utf8)
            for _ in 0..<Int.random(in: 1...3, using: &rng) {
                let at = Int.random(in: 0..<bytes.count, using: &rng)
                switch Int.random(in: 0..<3, using: &rng) {
                case 0: bytes[at] = alphabet.randomElement(using: &rng)!
                case 1: bytes.insert(alphabet.randomElement(using: &rng)!, at: at)
                default: bytes.remove(at: at)
                }
            }
            try Data(bytes).write(to: URL(fileURLWithPath: dir + "/reports/2019-T3.csv"))
            let r = Loader(directory: dir).load()
            guard let ds = r.dataset else {
                refused += 1
                XCTAssertFalse(r.diagnostics.errors.isEmpty)
                continue
            }
            loaded += 1
            let s = Engine.compute(ds)
            let rows = Set(ds.reports.filter { $0.source.file == "reports/2019-T3.csv" }.map { "\($0.period);\($0.unit);\($0.indicator);\($0.value.map { "\($0)" } ?? "")" })
            if rows == originalRows {
                XCTAssertEqual(Renderers.csv(s, unit: s.tree.root, periods: [.tertial(2019, 3)]), originalCSV, "the same values gave other figures")
            }
        }
        XCTAssertGreaterThan(refused, 10, "most mutations are refused")
        XCTAssertGreaterThan(loaded, 5, "some mutations are valid (a comment, a digit)")
    }
}
