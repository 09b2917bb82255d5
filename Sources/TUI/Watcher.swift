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

    // inotify masks (linux/inotify.h)
    static let events: UInt32 = 0x2 | 0x8 | 0x40 | 0x80 | 0x100 | 0x200 | 0x400 | 0x800

    init(directory: String) {
        self.directory = directory
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
            _ = inotify_add_watch(fd, sub.isEmpty ? directory : directory + "/" + sub, Watcher.events)
        }
        // The parent too: when the data directory is deleted and made again (or renamed
        // back), its watches are gone; an event here re-adds them and reloads.
        let parent = (directory as NSString).deletingLastPathComponent
        _ = inotify_add_watch(fd, parent.isEmpty ? "." : parent, 0x100 | 0x200 | 0x40 | 0x80) // CREATE, DELETE, MOVED_FROM, MOVED_TO
        #endif
    }

    /// Reads and discards pending events; true when there were any.
    func drain() -> Bool {
        guard fd >= 0 else { return false }
        var buf = [UInt8](repeating: 0, count: 8192)
        var any = false
        while true {
            let n = buf.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress, $0.count) }
            if n <= 0 { break }
            any = true
        }
        if any { addWatches() }
        return any
    }

    deinit { if fd >= 0 { close(fd) } }
}
