import Foundation

/// Writes exported files: readable by their owner only (0600), atomically (a temporary
/// file in the same directory, then rename), and never over an existing file unless asked.
public enum FileOutput {
    public enum Failure: Error, CustomStringConvertible {
        case exists(String)
        case cannotWrite(String, String)
        public var description: String {
            switch self {
            case .exists(let p): return "\(p) exists; use --force to overwrite it"
            case .cannotWrite(let p, let why): return "cannot write \(p): \(why)"
            }
        }
    }

    public static func write(_ text: String, to path: String, force: Bool) throws {
        try write(text, to: path, force: force, beforeRename: {})
    }

    /// `beforeRename` lets a test interrupt the write between the temporary file and the rename.
    static func write(_ text: String, to path: String, force: Bool, beforeRename: () throws -> Void) throws {
        if !force && FileManager.default.fileExists(atPath: path) { throw Failure.exists(path) }
        let dir = (path as NSString).deletingLastPathComponent
        let base = (path as NSString).lastPathComponent
        let tmp = (dir.isEmpty ? "." : dir) + "/.\(base).tmp-\(getpid())"
        let fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard fd >= 0 else { throw Failure.cannotWrite(path, String(cString: strerror(errno))) }
        let bytes = Array(text.utf8)
        var off = 0
        while off < bytes.count {
            let n = bytes[off...].withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
            if n <= 0 { let e = String(cString: strerror(errno)); close(fd); unlink(tmp); throw Failure.cannotWrite(path, e) }
            off += n
        }
        fchmod(fd, 0o600)
        if fsync(fd) != 0 || close(fd) != 0 { unlink(tmp); throw Failure.cannotWrite(path, String(cString: strerror(errno))) }
        do { try beforeRename() } catch { unlink(tmp); throw error }
        if rename(tmp, path) != 0 { let e = String(cString: strerror(errno)); unlink(tmp); throw Failure.cannotWrite(path, e) }
    }
}
