import Foundation
import Model

/// The repository and its sample dataset, for every test target (one copy).
public enum SampleData {
    /// The repository's root folder.
    public static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    /// `sample-data/`.
    public static var directory: String { root.appendingPathComponent("sample-data").path }
    /// The sample data loaded and computed once.
    public static let snapshot: Snapshot = Engine.compute(Loader(directory: directory).load().dataset!)

    /// A copy of the sample data in a new folder under the temporary directory (for a test
    /// that changes files); `edit` changes a file of it in place.
    public static func copy(prefix: String = "tertial-sample") throws -> TemporaryCopy {
        let dir = NSTemporaryDirectory() + prefix + "-" + UUID().uuidString
        try FileManager.default.copyItem(atPath: directory, toPath: dir)
        return TemporaryCopy(path: dir)
    }
}

/// A folder of data made for a test; removed when the value is released.
public final class TemporaryCopy: @unchecked Sendable {
    public let path: String
    public init(path: String) { self.path = path }
    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// Rewrites one file (path relative to the copy) with what `change` makes of its text.
    public func edit(_ rel: String, _ change: (String) -> String) throws {
        let file = path + "/" + rel
        try change(try String(contentsOfFile: file, encoding: .utf8)).write(toFile: file, atomically: true, encoding: .utf8)
    }
}

/// Compares text with a reviewed golden file; `UPDATE_GOLDEN=1` rewrites the file instead.
/// On a difference, the text is written beside the temporary folder for a diff.
public enum Golden {
    /// nil when `actual` is as the golden file says (or it was rewritten); else what is wrong.
    public static func compare(_ actual: String, to url: URL, updateHint: String) -> String? {
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
            try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try! actual.write(to: url, atomically: true, encoding: .utf8)
            return nil
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            return "no golden file \(url.lastPathComponent); run UPDATE_GOLDEN=1 swift test --filter \(updateHint) and review it"
        }
        guard actual != expected else { return nil }
        let out = NSTemporaryDirectory() + url.deletingPathExtension().lastPathComponent + ".actual." + url.pathExtension
        try? actual.write(toFile: out, atomically: true, encoding: .utf8)
        return "\(url.lastPathComponent) differs from its golden file; actual written to \(out) (diff it against \(url.path))"
    }
}
