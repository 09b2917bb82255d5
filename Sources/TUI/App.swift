import Foundation
import Model
import Reports
#if canImport(Glibc)
import Glibc
#endif

/// Options of `tertial` (the dashboard).
public struct AppOptions: Sendable {
    public var lang: Lang = .nb
    public var unit: String?
    public var period: Period?
    /// Poll every N seconds instead of inotify (network drives where inotify is silent).
    public var pollSeconds: Double?
    public var useColor = true
    public init() {}
}

/// Signals write their number here; the event loop reads it (a self-pipe).
nonisolated(unsafe) private var signalPipe: [Int32] = [-1, -1]

private func onSignal(_ sig: Int32) {
    var b = UInt8(truncatingIfNeeded: sig)
    _ = write(signalPipe[1], &b, 1)
}


/// The event loop: one place where events become state, effects become actions, and
/// frames reach the terminal. Blocks in poll() when idle.
public final class App {
    let loader: Loader
    var snapshot: Snapshot
    var state: AppState
    let terminal: Terminal
    let watcher: Watcher?
    let options: AppOptions

    /// Loads the data; nil (with the diagnostics printed) when there is no good data to show.
    public static func start(directory: String, options: AppOptions) -> Int32 {
        let loader = Loader(directory: directory)
        let result = loader.load()
        guard let ds = result.dataset else {
            for d in result.diagnostics.errors { FileHandle.standardError.write(Data(("error: " + d.text(in: directory, norwegian: options.lang == .nb) + "\n").utf8)) }
            FileHandle.standardError.write(Data("tertial: \(directory) has errors; fix them (see `tertial check \(directory)`) and start again\n".utf8))
            return 1
        }
        let snap = Engine.compute(ds)
        var unit: Int? = nil
        if let id = options.unit {
            guard let u = snap.tree.index[id] else {
                FileHandle.standardError.write(Data("tertial: unknown unit \"\(id)\"; units are: \(snap.tree.preorder.map { snap.tree.units[$0].id }.joined(separator: ", "))\n".utf8))
                return 2
            }
            unit = u
        }
        if let p = options.period, snap.periodIndex[p] == nil {
            FileHandle.standardError.write(Data("tertial: \(p) is outside the data (\(snap.spanStart) to \(snap.spanEnd))\n".utf8))
            return 2
        }
        guard isatty(0) != 0 && isatty(1) != 0 else {
            FileHandle.standardError.write(Data("tertial: the dashboard needs a terminal; use `tertial report` for text output\n".utf8))
            return 2
        }
        let app = App(loader: loader, snapshot: snap, directory: directory, unit: unit, options: options)
        return app.run()
    }

    init(loader: Loader, snapshot: Snapshot, directory: String, unit: Int?, options: AppOptions) {
        self.loader = loader
        self.snapshot = snapshot
        self.options = options
        let codeset = String(cString: nl_langinfo(nl_item(CODESET)))
        let unicode = codeset.uppercased().replacingOccurrences(of: "-", with: "") == "UTF8"
        let noColor = !(ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty
        terminal = Terminal(useColor: options.useColor && !noColor)
        let size = terminal.size
        let name = (directory as NSString).lastPathComponent
        state = AppState(snapshot: snapshot, unit: unit, period: options.period, lang: options.lang,
                         width: size.width, height: size.height, dataName: name, unicode: unicode)
        state.loadedAt = App.clock()
        watcher = options.pollSeconds == nil ? Watcher(directory: directory) : nil
        warm()
    }

    /// Fills the new snapshot's cache for where the user is, off the main thread.
    func warm() {
        let s = snapshot, st = state
        DispatchQueue.global(qos: .utility).async { Dashboard.warm(st, s) }
    }

    static func clock() -> String {
        var t = time(nil)
        var tmv = tm()
        localtime_r(&t, &tmv)
        return String(format: "%02d:%02d:%02d", tmv.tm_hour, tmv.tm_min, tmv.tm_sec)
    }

    static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    let exitAfterFirstFrame = ProcessInfo.processInfo.environment["TERTIAL_EXIT_AFTER_FIRST_FRAME"] == "1"

    func run() -> Int32 {
        pipe(&signalPipe)
        for fd in signalPipe { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) }
        for sig in [SIGINT, SIGTERM, SIGHUP, SIGQUIT] { signal(sig, onSignal) }
        Terminal.restoreOnCrash()
        defer { terminal.restore() }
        var exitCode: Int32 = 0
        var dirty = true
        var reloadAt: Double? = nil
        loop: while true {
            if dirty {
                terminal.draw(Dashboard.render(state, snapshot))
                dirty = false
                // For the benchmark's start-up measurement: leave once the first frame is on screen.
                if exitAfterFirstFrame { break loop }
            }
            var fds = [pollfd(fd: 0, events: Int16(POLLIN), revents: 0), pollfd(fd: signalPipe[0], events: Int16(POLLIN), revents: 0)]
            if let w = watcher, w.isActive { fds.append(pollfd(fd: w.fd, events: Int16(POLLIN), revents: 0)) }
            var timeout: Int32 = -1
            if let at = reloadAt { timeout = Int32(max(0, (at - App.now()) * 1000)) }
            else if let p = options.pollSeconds { timeout = Int32(p * 1000) }
            let n = poll(&fds, nfds_t(fds.count), timeout)
            if n < 0 && errno != EINTR { exitCode = 1; break }
            // Signals: quit cleanly.
            if fds[1].revents & Int16(POLLIN) != 0 {
                var b: UInt8 = 0
                if read(signalPipe[0], &b, 1) == 1 { exitCode = 128 + Int32(b); break loop }
            }
            if fds.count > 2, fds[2].revents & Int16(POLLIN) != 0, watcher?.drain() == true {
                reloadAt = App.now() + 0.04 // let an editor finish writing
            }
            if n == 0 {
                if reloadAt != nil || options.pollSeconds != nil {
                    reloadAt = nil
                    dirty = reload(force: false) || dirty
                }
            }
            switch readInput() {
            case .quit: break loop
            case .changed: dirty = true
            case .nothing: break
            }
        }
        return exitCode
    }

    enum InputResult { case nothing, changed, quit }

    /// Handles every pending key (and resize, which ncurses reports as a key), performing
    /// the effects `update` returns.
    func readInput() -> InputResult {
        var result = InputResult.nothing
        while true {
            switch terminal.read() {
            case .none: return result
            case .resize:
                let s = terminal.size
                state = Dashboard.update(state, .resize(width: s.width, height: s.height), snapshot).0
                terminal.invalidate()
                result = .changed
            case .key(let k):
                let (next, effects) = Dashboard.update(state, .key(k), snapshot)
                state = next
                result = .changed
                for e in effects {
                    switch e {
                    case .quit: return .quit
                    case .reload: _ = reload(force: true)
                    case .export(let path): export(path)
                    }
                }
            }
        }
    }

    /// Re-reads what changed. Returns true when the screen must be redrawn.
    func reload(force: Bool) -> Bool {
        let result = loader.load()
        if !result.changed && !force && state.banner.isEmpty { return false }
        if let ds = result.dataset {
            let old = snapshot
            snapshot = Engine.compute(ds)
            state = Dashboard.reloaded(state, from: old, to: snapshot)
            warm()
            state.banner = []
            state.loadedAt = App.clock()
            if force { state.message = L10n(state.lang)[.reloaded] }
        } else {
            state.banner = result.diagnostics.errors.prefix(2).map { $0.text(norwegian: state.lang == .nb) }
        }
        return true
    }

    /// Writes the current unit and period in the format the file name asks for; refuses a
    /// name whose ending is no format of ours rather than guessing.
    func export(_ path: String) {
        let l = L10n(state.lang)
        guard let format = ReportFormat.forFile(path) else {
            state.message = l(.cannotWriteUseOneOf, path) + ReportFormat.allExtensions
            return
        }
        guard let unit = snapshot.tree.position(state.top.unit) else { return }
        let text = format.render(snapshot, unit: unit, periods: [state.period], options: ReportOptions(lang: state.lang))
        do {
            try FileOutput.write(text, to: path, force: false)
            state.message = l[.savedTo] + path
        } catch FileOutput.Failure.exists {
            state.message = path + l[.existsAlreadyPressEAnd]
        } catch {
            state.message = l[.couldNotSave] + "\(error)"
        }
    }
}
