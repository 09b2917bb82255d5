import Foundation
import Model
#if canImport(Glibc)
import Glibc
#endif

/// Writes exported files so that they are never lost and never turned against the user:
/// readable by their owner only (0600); written to a temporary file with a random name,
/// created exclusively and never through a symbolic link, in the target's directory;
/// published by an atomic step that never replaces an existing name unless `force`
/// (link(2), which fails on any existing entry, dangling symbolic links included); and the
/// temporary file removed when the process is interrupted (SIGINT, SIGTERM, SIGHUP).
public enum FileOutput {
    public enum Failure: Error, Readable, CustomStringConvertible {
        case exists(String)
        /// Something other than a regular file (a device, a pipe, a folder): never replaced.
        case notAFile(String)
        /// `--output ""`.
        case noName
        /// The path, the system's words for why, and its errno (for a message in the user's language).
        case cannotWrite(String, String, Int32)
        /// In English (the catalogue's words, `ReportTexts.failure`).
        public var description: String { text(.en) }
        public func text(_ lang: Lang) -> String { ReportTexts.failure(self).text(lang) }
    }

    /// Temporary files are named `.NAME.tertial-XXXXXXXXXXXX.tmp`; `check` names stale ones.
    public static let temporaryMarker = DataSources.temporaryMarker

    public static func write(_ text: String, to path: String, force: Bool) throws {
        try write(text, to: path, force: force, beforePublish: {})
    }

    static func write(_ text: String, to path: String, force: Bool, beforePublish: () throws -> Void) throws {
        // Whatever writes it (the command line, the dashboard's export), a file a person
        // prints steers no terminal: control characters and escape sequences shown visibly.
        try write(bytes: Array(SafeText.visible(text).utf8), to: path, force: force, beforePublish: beforePublish)
    }

    /// A file that is not text (a workbook), written by the same rules.
    public static func write(bytes: [UInt8], to path: String, force: Bool) throws {
        try write(bytes: bytes, to: path, force: force, beforePublish: {})
    }

    /// `beforePublish` lets a test act between the temporary file and its publication.
    static func write(bytes: [UInt8], to path: String, force: Bool, beforePublish: () throws -> Void) throws {
        if path.isEmpty { throw Failure.noName }
        if !force && exists(path) { throw Failure.exists(path) }
        // --force replaces a file (or a link's name), never a device, a pipe or a folder
        // (`--output /dev/full --force` as root replaced the device with a file).
        var st = stat()
        if lstat(path, &st) == 0, st.st_mode & S_IFMT != S_IFREG, st.st_mode & S_IFMT != S_IFLNK { throw Failure.notAFile(path) }
        let dir = (path as NSString).deletingLastPathComponent
        let base = (path as NSString).lastPathComponent
        let (fd, tmp) = try createTemporary(in: dir.isEmpty ? "." : dir, base: base, for: path)
        Cleanup.arm(tmp)
        defer { Cleanup.disarm() }
        func fail(_ e: Error) -> Error { unlink(tmp); return e }
        var off = 0
        while off < bytes.count {
            let n = bytes[off...].withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { let e = errorText(); close(fd); throw fail(Failure.cannotWrite(path, e, errno)) }
            off += n
        }
        if fsync(fd) != 0 || close(fd) != 0 { throw fail(Failure.cannotWrite(path, errorText(), errno)) }
        do { try beforePublish() } catch { throw fail(error) }
        if force {
            // rename(2) replaces the name itself, never what a symbolic link there points to.
            if rename(tmp, path) != 0 { throw fail(Failure.cannotWrite(path, errorText(), errno)) }
        } else {
            if link(tmp, path) != 0 {
                let code = errno
                throw fail(code == EEXIST ? Failure.exists(path) : Failure.cannotWrite(path, String(cString: strerror(code)), code))
            }
            unlink(tmp)
        }
        let dfd = open(dir.isEmpty ? "." : dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dfd >= 0 { fsync(dfd); close(dfd) }
    }

    /// Anything at the path counts as existing, a dangling symbolic link too.
    static func exists(_ path: String) -> Bool {
        var st = stat()
        return lstat(path, &st) == 0
    }

    static func createTemporary(in dir: String, base: String, for path: String) throws -> (Int32, String) {
        for _ in 0..<16 {
            var random = SystemRandomNumberGenerator()
            let suffix = (0..<12).map { _ in String("0123456789abcdefghijklmnopqrstuvwxyz".randomElement(using: &random)!) }.joined()
            let tmp = dir + "/." + base + temporaryMarker + suffix + ".tmp"
            let fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
            if fd >= 0 { fchmod(fd, 0o600); return (fd, tmp) }
            if errno != EEXIST { throw Failure.cannotWrite(path, errorText(), errno) }
        }
        throw Failure.cannotWrite(path, "no free temporary name", EEXIST)
    }

    static func errorText() -> String { String(cString: strerror(errno)) }

    /// Removes the temporary file when a signal ends the process mid-write, then lets the
    /// signal do what it would have done. The path lives in a buffer allocated once, so
    /// the handler does nothing but async-signal-safe calls.
    enum Cleanup {
        nonisolated(unsafe) static let buffer: UnsafeMutablePointer<CChar> = {
            let b = UnsafeMutablePointer<CChar>.allocate(capacity: 4097)
            b[0] = 0
            return b
        }()
        static let signals = [SIGINT, SIGTERM, SIGHUP]
        nonisolated(unsafe) static var previous: [Int32: sigaction] = [:]

        static func arm(_ tmp: String) {
            let bytes = Array(tmp.utf8.prefix(4096))
            for (k, b) in bytes.enumerated() { buffer[k] = CChar(bitPattern: b) }
            buffer[bytes.count] = 0
            for s in signals {
                var act = sigaction(), old = sigaction()
                act.__sigaction_handler.sa_handler = onSignal
                sigemptyset(&act.sa_mask)
                if sigaction(s, &act, &old) == 0 { previous[s] = old }
            }
        }

        static func disarm() {
            for (s, old) in previous { var o = old; sigaction(s, &o, nil) }
            previous = [:]
            buffer[0] = 0
        }
    }
}

private func onSignal(_ sig: Int32) {
    if FileOutput.Cleanup.buffer[0] != 0 { unlink(FileOutput.Cleanup.buffer) }
    signal(sig, SIG_DFL)
    raise(sig)
}
