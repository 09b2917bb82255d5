import Foundation
import Testing
import TestSupport
@testable import TUI

/// The watcher wakes the dashboard for changes of the data, and only for those.
@Suite(.serialized) final class WatcherTests: TestCase {
    func append(_ path: String, _ text: String) throws {
        let h = try XCTUnwrap(FileHandle(forWritingAtPath: path))
        h.seekToEndOfFile(); h.write(Data(text.utf8)); h.closeFile()
    }

    func sampleCopy() throws -> (parent: String, data: String) {
        let parent = NSTemporaryDirectory() + "tertial-watch-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        let root = SampleData.root
        try FileManager.default.copyItem(atPath: root.appendingPathComponent("sample-data").path, toPath: parent + "/data")
        return (parent, parent + "/data")
    }

    /// A file written beside the data directory (a follow-up store given with `--store`, an
    /// export) is not a change of the data; an edit inside it, a report file added, and the
    /// directory renamed away and back are.
    @Test func testOnlyTheDataWakesIt() throws {
        #if os(Linux)
        let (parent, data) = try sampleCopy()
        defer { try? FileManager.default.removeItem(atPath: parent) }
        let w = Watcher(directory: data)
        XCTAssertTrue(w.isActive)
        XCTAssertFalse(w.drain())
        XCTAssertTrue(FileManager.default.createFile(atPath: parent + "/followup.sqlite", contents: Data("x".utf8)))
        try append(parent + "/followup.sqlite", "more")
        try FileManager.default.removeItem(atPath: parent + "/followup.sqlite")
        XCTAssertFalse(w.drain(), "a file beside the data directory is not the data")
        try append(data + "/units.csv", "")
        try append(data + "/reports/2020-T3.csv", "2020-T3;ph-nord;staff;12;\n")
        XCTAssertTrue(w.drain())
        XCTAssertFalse(w.drain())
        try FileManager.default.moveItem(atPath: data, toPath: parent + "/elsewhere")
        try FileManager.default.moveItem(atPath: parent + "/elsewhere", toPath: data)
        XCTAssertTrue(w.drain(), "the data directory renamed away and back")
        try append(data + "/units.csv", "")
        XCTAssertTrue(w.drain(), "watched again after it came back")
        #endif
    }

    /// "." and "x/.." resolve to absolute paths (Foundation's path functions trap on ".").
    @Test func testRelativeDirectoriesResolve() throws {
        let cwd = FileManager.default.currentDirectoryPath
        XCTAssertEqual(Watcher.absolute("."), Watcher.absolute(cwd))
        XCTAssertTrue(Watcher.absolute(".").hasPrefix("/"))
        let (parent, data) = try sampleCopy()
        defer { try? FileManager.default.removeItem(atPath: parent) }
        XCTAssertEqual(Watcher.absolute(data + "/reports/.."), Watcher.absolute(data))
        XCTAssertEqual(Watcher.absolute("/no/such/folder"), "/no/such/folder")
    }

    /// A data directory that is its own parent's path (`--data .`, here `data/.`): an edit
    /// in place is still seen (the parent's watch adds to the directory's, not replaces it).
    @Test func testADataDirectoryNamedDotStillSeesEdits() throws {
        #if os(Linux)
        let (parent, data) = try sampleCopy()
        defer { try? FileManager.default.removeItem(atPath: parent) }
        let w = Watcher(directory: data + "/.")
        XCTAssertFalse(w.drain())
        try append(data + "/units.csv", "")
        XCTAssertTrue(w.drain())
        #endif
    }
}
