import Foundation
import Testing
import TestSupport
@testable import Model
@testable import Store

/// `tertial store export` / `import` (issue 13's way between stores): nothing is lost.
@Suite(.serialized) final class ExportTests: TestCase {
    var dir = ""
    override func setUpWithError() throws { dir = NSTemporaryDirectory() + "tertial-export-" + UUID().uuidString }
    deinit { try? FileManager.default.removeItem(atPath: dir) }

    /// A store with every kind of change: comments superseded, actions edited, moved on and
    /// closed with notes, text with `;`, quotes, line breaks and æøå.
    func filled() throws -> SQLiteStore {
        let s = try SQLiteStore(path: dir + "/a.sqlite")
        let k1 = Entry.Key(unit: "ph-vest", indicator: "staff_user_experience", period: .tertial(2019, 3))
        let k2 = Entry.Key(unit: "ph-nord", indicator: "waitlist_total", period: .tertial(2020, 1))
        try s.addComment(k1, text: "Første vurdering; \"foreløpig\"", by: "kari")
        try s.addComment(k1, text: "Ny vurdering\netter møtet i Årstad", by: "ola")
        let a = try s.addAction(k1, text: "Rette tallet", owner: "enhetsleder Vest", due: Day(year: 2020, month: 1, day: 31), by: "kari")
        try s.edit(a.id, text: "Rette tallet i Corporater", owner: nil, due: Day(year: 2020, month: 2, day: 15), by: "kari")
        try s.setStatus(a.id, .inProgress, note: nil, by: "ola")
        try s.setStatus(a.id, .done, note: "Rettet til 12", by: "ola")
        let b = try s.addAction(k2, text: "Gå gjennom ventelisten", owner: nil, due: nil, by: "per")
        try s.setStatus(b.id, .cancelled, note: "Erstattet av nytt tiltak", by: "per")
        return s
    }

    @Test func testARoundTripLosesNothing() throws {
        let a = try filled()
        let csv = FollowUpExport.csv(try a.exportRows())
        let rows = try FollowUpExport.parse(Array(csv.utf8), file: "export.csv")
        XCTAssertEqual(rows.count, 9, "every history row: 2 comments created + 1 superseded; 4 changes of one action, 2 of the other")
        let b = try SQLiteStore(path: dir + "/b.sqlite")
        try b.importRows(rows)
        XCTAssertEqual(try b.all(), try a.all(), "the same entries, numbers, authors and times")
        for e in try a.all() { XCTAssertEqual(try b.history(of: e.id), try a.history(of: e.id), "history of \(e.id)") }
        XCTAssertEqual(FollowUpExport.csv(try b.exportRows()), csv)
        // New entries continue after the imported numbers.
        let next = try b.addComment(Entry.Key(unit: "ph-sor", indicator: "sick_leave", period: .tertial(2020, 3)), text: "x", by: "kari")
        XCTAssertGreaterThan(next.id, try a.all().map(\.id).max()!)
    }

    @Test func testImportIntoAStoreWithEntriesIsRefusedAndChangesNothing() throws {
        let a = try filled()
        let rows = try a.exportRows()
        XCTAssertThrowsError(try a.importRows(rows)) { XCTAssertEqual($0 as? FollowUpError, .notEmpty(a.location)) }
        XCTAssertEqual(try a.all().count, 4, "2 comments and 2 actions, as before")
    }

    @Test func testABadExportNamesItsLineAndField() throws {
        let text = FollowUpExport.header.joined(separator: ";") + "\n1;comment;ph-vest;staff;2019-T3;created;2026-01-01T00:00:00Z;kari;x;;;;;\n2;note;ph-vest;staff;2019-T3;created;t;kari;x;;;;;\n"
        XCTAssertThrowsError(try FollowUpExport.parse(Array(text.utf8), file: "e.csv")) { e in
            XCTAssertEqual((e as? FollowUpExport.ParseError)?.text(file: "e.csv"), "e.csv:3: kind: \"note\" is not comment or action")
        }
    }

    @Test func testAnIdentityNumberInAnExportIsRefused() throws {
        let fnr = try XCTUnwrap(TestData.validIdentityNumber())
        let text = FollowUpExport.header.joined(separator: ";") + "\n1;comment;ph-vest;staff;2019-T3;created;2026-01-01T00:00:00Z;kari;Gjelder \(fnr);;;;;\n"
        let rows = try FollowUpExport.parse(Array(text.utf8), file: "e.csv")
        let b = try SQLiteStore(path: dir + "/b.sqlite")
        XCTAssertThrowsError(try b.importRows(rows)) { XCTAssertEqual($0 as? FollowUpError, .identityNumber("text")) }
        XCTAssertEqual(try b.all().count, 0)
    }
}
