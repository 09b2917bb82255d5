import Foundation
import Testing
import TestSupport
@testable import Model

/// A data directory written for one test, removed when the test ends.
final class Fixture {
    let dir: String

    init(_ files: [String: String]) {
        dir = NSTemporaryDirectory() + "tertial-test-" + UUID().uuidString
        for (name, text) in files { write(name, text) }
    }

    func write(_ name: String, _ text: String) {
        writeBytes(name, Array(text.utf8))
    }

    func writeBytes(_ name: String, _ bytes: [UInt8]) {
        let path = dir + "/" + name
        try! FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
    }

    func remove(_ name: String) { try? FileManager.default.removeItem(atPath: dir + "/" + name) }

    deinit { try? FileManager.default.removeItem(atPath: dir) }

    func load() -> LoadResult { Loader(directory: dir).load() }

    /// Loads and computes; fails the test on load errors.
    func snapshot(file: StaticString = #filePath, line: UInt = #line) -> Snapshot? {
        let r = load()
        guard let ds = r.dataset else {
            XCTFail("load failed: " + r.diagnostics.map(\.description).joined(separator: "\n"), file: file, line: line)
            return nil
        }
        return Engine.compute(ds)
    }

    /// Two units A and B that merge into N on 1 March 2020, under the root.
    static let mergingUnits = """
    id;name;parent;kind;from;to;successor
    root;Etaten;;etat;;;
    a;Enhet A;root;resultatenhet;;2020-02-29;n
    b;Enhet B;root;resultatenhet;;2020-02-29;n
    n;Nytt område;root;byomrade;2020-03-01;;
    f;Forvaltning;root;forvaltning;;;
    """

    static func catalogue(_ body: String) -> String { "indicators:\n" + body }
}

extension Array where Element == Diagnostic {
    func first(field: String) -> Diagnostic? { first { $0.field == field } }
}

/// The sample dataset at the repository root (TestSupport's).
typealias Sample = SampleData

/// Every cell and warning of `a` as in `b`.
func assertSameSnapshots(_ a: Snapshot, _ b: Snapshot, file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(a.periods, b.periods, file: file, line: line)
    var differ = 0
    for i in a.indicators.indices {
        for u in a.tree.units.indices {
            for p in a.periods where String(describing: a.cell(indicator: i, unit: u, period: p)) != String(describing: b.cell(indicator: i, unit: u, period: p)) {
                differ += 1
                if differ <= 3 { XCTFail("\(a.indicators[i].id) \(a.tree.units[u].id) \(p): \(String(describing: a.cell(indicator: i, unit: u, period: p))) ≠ \(String(describing: b.cell(indicator: i, unit: u, period: p)))", file: file, line: line) }
            }
        }
    }
    XCTAssertEqual(differ, 0, "cells that differ from a full compute", file: file, line: line)
    XCTAssertEqual(a.warnings.map { "\($0)" }, b.warnings.map { "\($0)" }, "warnings", file: file, line: line)
}

