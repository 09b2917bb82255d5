import Foundation
import Model
#if canImport(Glibc)
import Glibc
#endif

/// Tells the event loop that files in the data directory changed: inotify on Linux
/// (the directory, reports/ and ip/), or nothing, when the loop polls instead.
final class Watcher {
    let directory: String
    private(set) var fd: Int32 = -1
    /// The watches of the data directory's folders, and of its parent (whose events count
    /// only when they name the data directory itself).
    private var dataWatches = Set<Int32>()
    private var parentWatch: Int32 = -1
    /// The data directory's name in its parent, and the parent, from its absolute path.
    private let name: String, parent: String

    // inotify masks (linux/inotify.h)
    static let events: UInt32 = 0x2 | 0x8 | 0x40 | 0x80 | 0x100 | 0x200 | 0x400 | 0x800

    init(directory: String) {
        self.directory = directory
        let absolute = Watcher.absolute(directory)
        name = (absolute as NSString).lastPathComponent
        let up = (absolute as NSString).deletingLastPathComponent
        parent = up.isEmpty ? "/" : up
        #if os(Linux)
        fd = inotify_init1(Int32(O_NONBLOCK | O_CLOEXEC))
        addWatches()
        #endif
    }

    var isActive: Bool { fd >= 0 }

    /// (Re)adds watches; adding an existing watch is harmless, and new subfolders get one.
    func addWatches() {
        #if os(Linux)
        guard fd >= 0 else { return }
        for sub in DataSources.folders {
            let wd = inotify_add_watch(fd, sub.isEmpty ? directory : directory + "/" + sub, Watcher.events)
            if wd >= 0 { dataWatches.insert(wd) }
        }
        // The parent too: when the data directory is deleted and made again (or renamed
        // back), its watches are gone; an event here re-adds them and reloads. IN_MASK_ADD:
        // when the parent is the data directory itself (`--data .`), its events are kept.
        parentWatch = inotify_add_watch(fd, parent, 0x100 | 0x200 | 0x40 | 0x80 | 0x2000_0000) // CREATE, DELETE, MOVED_FROM, MOVED_TO, MASK_ADD
        #endif
    }

    /// Reads and discards pending events; true when one of them concerns the data: any in
    /// the data directory's folders, and in its parent those that name the data directory
    /// (a follow-up store or an export written beside it is not a change of the data).
    func drain() -> Bool {
        guard fd >= 0 else { return false }
        var buf = [UInt8](repeating: 0, count: 8192)
        var any = false
        while true {
            let n = buf.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress, $0.count) }
            if n <= 0 { break }
            if Watcher.concernsData(buf[0..<n], dataWatches: dataWatches, parentWatch: parentWatch, name: name) { any = true }
        }
        if any { addWatches() }
        return any
    }

    /// Walks a buffer of `struct inotify_event` (wd, mask, cookie, len, then `len` bytes of
    /// NUL-padded name).
    static func concernsData(_ events: ArraySlice<UInt8>, dataWatches: Set<Int32>, parentWatch: Int32, name: String) -> Bool {
        var off = events.startIndex
        func u32(_ at: Int) -> UInt32 {
            UInt32(events[at]) | UInt32(events[at + 1]) << 8 | UInt32(events[at + 2]) << 16 | UInt32(events[at + 3]) << 24
        }
        while off + 16 <= events.endIndex {
            let wd = Int32(bitPattern: u32(off)), mask = u32(off + 4), len = Int(u32(off + 12))
            let end = min(events.endIndex, off + 16 + len)
            // An overflowed queue, any watch but the parent's (the parent's counts too when it
            // is the data directory itself, `--data .`), or the data directory's own name in
            // its parent.
            if wd < 0 || mask & 0x4000 != 0 || wd != parentWatch || dataWatches.contains(wd) { return true }
            let bytes = events[(off + 16)..<end].prefix { $0 != 0 }
            if String(decoding: bytes, as: UTF8.self) == name { return true }
            off = end
        }
        return false
    }

    deinit { if fd >= 0 { close(fd) } }

    /// The path made absolute, without `.`, `..` or symbolic links (realpath); unchanged when
    /// it cannot be resolved. Foundation's path functions trap on "." (`--data .` crashed the
    /// dashboard), so the parent and the name are taken from this.
    static func absolute(_ path: String) -> String {
        guard let p = realpath(path, nil) else { return path }
        defer { free(p) }
        return String(cString: p)
    }
}
