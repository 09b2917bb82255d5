import Foundation
import Model
import Reports
import Store
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
    /// The follow-up store: a path (`--store`); nil for `TERTIAL_STORE` or `DATA/followup/tertial.sqlite`.
    public var store: String?
    /// Who signs follow-up entries (`--user`); nil for the login name.
    public var user: String?
    /// Months of grants the waitlist forecast is built on (`--window`; nil: the catalogue's).
    public var forecastWindow: Int?
    public init() {}
}

/// Signals write their number here; the event loop reads it (a self-pipe).
nonisolated(unsafe) private var signalPipe: [Int32] = [-1, -1]

private func onSignal(_ sig: Int32) {
    var b = UInt8(truncatingIfNeeded: sig)
    _ = write(signalPipe[1], &b, 1)
}


/// A value handed from one thread to another.
final class Mailbox<T>: @unchecked Sendable {
    private var value: T?
    private let lock = NSLock()
    func put(_ v: T) { lock.lock(); value = v; lock.unlock() }
    func take() -> T? { lock.lock(); defer { value = nil; lock.unlock() }; return value }
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
    /// Exit codes (README): 0 ok, 1 the data has errors, 64 usage (a bad option, an unknown
    /// unit or period, a terminal that cannot show the dashboard), 73 cannot write.
    public static let exitUsage: Int32 = 64

    public static func start(directory: String, options: AppOptions) -> Int32 {
        let l = L10n(options.lang)
        func say(_ text: String) { FileHandle.standardError.write(Data(("tertial: " + text + "\n").utf8)) }
        switch Terminal.unfit() {
        case .notATerminal?: say(l[.termNotATerminal]); return exitUsage
        case .cannotDraw(let t)?: say(l(DashboardTexts.terminalCannotDraw(t))); return exitUsage
        case .unknownType(let t)?: say(l(DashboardTexts.terminalUnknown(t))); return exitUsage
        case nil: break
        }
        let loader = Loader(directory: directory)
        // Large register files are read after the first frame (the reported figures are on
        // screen meanwhile, the register figures shown as pending).
        var result = loader.load(registersLaterOver: App.registersLaterBytes)
        // One bad line does not keep the dashboard from starting: it shows every row without an
        // error and names the errors in its banner. Only when the organisation or the catalogue
        // cannot be read is there nothing to show.
        guard var ds = result.dataset ?? result.partial else {
            for d in result.diagnostics.errors { FileHandle.standardError.write(Data((l[.errorWord] + ": " + d.text(in: directory, norwegian: options.lang == .nb) + "\n").utf8)) }
            // A directory that is not there is said once, above; "the units or the catalogue
            // have errors" would send the user looking in files that do not exist (issue 23, 25).
            if !result.diagnostics.errors.contains(where: { $0.problem.problem == .dataDirectoryMissing }) {
                say(l(StartTexts.nothingComputable(directory)))
            }
            return 1
        }
        var snap = Engine.compute(ds)
        if ds.registersPending && (snap.tertials.isEmpty || options.period.map({ snap.periodIndex[$0] == nil }) == true) {
            // Only the registers hold periods, or the period asked for (an IP snapshot
            // after the last report): nothing to show without them, so read them now.
            result = loader.load()
            if let d = result.dataset ?? result.partial { ds = d; snap = Engine.compute(d) }
        }
        guard !snap.tertials.isEmpty else { say(l(StartTexts.noPeriods(directory))); return 1 }
        var unit: Int? = nil
        if let id = options.unit {
            guard let u = snap.tree.index[id] else {
                say(l(StartTexts.unknownUnit(id, known: snap.tree.preorder.map { snap.tree.units[$0].id })))
                return exitUsage
            }
            unit = u
        }
        if let p = options.period, snap.periodIndex[p] == nil {
            say(l(StartTexts.periodOutside("\(p)", from: snap.spanStart, to: snap.spanEnd)))
            return exitUsage
        }
        let app = App(loader: loader, snapshot: snap, directory: directory, unit: unit, options: options)
        app.storeDirectory = directory
        if result.dataset == nil {
            app.showingPartial = true
            app.showErrors(result)
        }
        return app.run()
    }

    init(loader: Loader, snapshot: Snapshot, directory: String, unit: Int?, options: AppOptions) {
        self.loader = loader
        self.snapshot = snapshot
        self.options = options
        let codeset = String(cString: nl_langinfo(nl_item(CODESET)))
        let unicode = codeset.uppercased().replacingOccurrences(of: "-", with: "") == "UTF8"
        let noColor = !(ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty
        // Signals are ours before the terminal is taken over: a SIGTERM that arrives while
        // the first frame is prepared still ends in `run`'s clean exit, never ncurses' own.
        pipe(&signalPipe)
        _ = fcntl(signalPipe[0], F_SETFL, fcntl(signalPipe[0], F_GETFL) | O_NONBLOCK)
        _ = fcntl(signalPipe[1], F_SETFL, fcntl(signalPipe[1], F_GETFL) | O_NONBLOCK)
        var quitSignals = sigset_t()
        sigemptyset(&quitSignals)
        for sig in [SIGINT, SIGTERM, SIGHUP, SIGQUIT] { signal(sig, onSignal); sigaddset(&quitSignals, sig) }
        // A parent may hand down these signals blocked (a test runner's worker thread, some
        // process supervisors): then SIGTERM or a closed terminal's SIGHUP would never reach
        // the handler. The main thread takes them; Dispatch's threads keep them blocked.
        pthread_sigmask(SIG_UNBLOCK, &quitSignals, nil)
        terminal = Terminal(useColor: options.useColor && !noColor)
        let size = terminal.size
        let name = (Watcher.absolute(directory) as NSString).lastPathComponent
        state = AppState(snapshot: snapshot, unit: unit, period: options.period, lang: options.lang,
                         width: size.width, height: size.height, dataName: name, unicode: unicode)
        state.loadedAt = App.clock()
        state.forecastWindow = options.forecastWindow
        watcher = options.pollSeconds == nil ? Watcher(directory: directory) : nil
        warm()
    }

    /// Fills the new snapshot's cache for where the user is, off the main thread.
    func warm() {
        let s = snapshot, st = state
        DispatchQueue.global(qos: .utility).async { App.yieldToEventLoop(); Dashboard.warm(st, s) }
    }

    /// Lowers the calling thread's scheduling priority to nice 10, for good. Background work
    /// (a reload, the cache warm-up) calls it: on two cores a reload and a warm-up together
    /// would otherwise hold both, and a key would wait a scheduler slice or more before the
    /// event loop could answer it (`tertial-bench frames`: the slowest of 40 keys sent
    /// during reloads 15.0–17.3 ms before, 12.0–14.0 ms after). The threads that call it
    /// only ever run background work in the dashboard, so it is not undone.
    static func yieldToEventLoop() {
        #if os(Linux)
        // On Linux the nice value is the thread's own; who = 0 is the calling thread.
        if getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0) < 10 {
            _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 10)
        }
        #endif
    }

    static func clock() -> String {
        var t = time(nil)
        var tmv = tm()
        localtime_r(&t, &tmv)
        return String(format: "%02d:%02d:%02d", tmv.tm_hour, tmv.tm_min, tmv.tm_sec)
    }

    static func now() -> Double { Phases.now() }

    /// What `--poll` accepts: often enough to matter, seldom enough to idle (NaN and
    /// infinity are outside).
    public static let pollRange: ClosedRange<Double> = 0.5...3600

    /// For the benchmark: leave after the first frame (`1`), or after the first frame with
    /// every figure in it, the registers read (`all`).
    let exitAfterFirstFrame = ProcessInfo.processInfo.environment["TERTIAL_EXIT_AFTER_FIRST_FRAME"] == "1"
    let exitAfterFullFrame = ProcessInfo.processInfo.environment["TERTIAL_EXIT_AFTER_FIRST_FRAME"] == "all"
    /// Register files larger than this together are read after the first frame
    /// (`Loader.load(registersLaterOver:)`); the sample data's are far below it.
    /// `TERTIAL_REGISTERS_LATER_BYTES` sets it (the end-to-end test stages the sample data).
    public static let registersLaterBytes = ProcessInfo.processInfo.environment["TERTIAL_REGISTERS_LATER_BYTES"].flatMap { Int($0) } ?? 8 << 20
    /// For the benchmark's reload-to-frame measurement (`tertial-bench frames`): each frame
    /// drawn appends "MONOTONIC-SECONDS GENERATION KEYS" (the data's load generation, the
    /// keys handled so far) to the file this names (created by the benchmark; never set by users).
    /// Opened once (a static is initialised once, thread-safely): the event loop writes
    /// frames, the reload queue its notes.
    static let frameLog: Int32 = {
        guard let path = ProcessInfo.processInfo.environment["TERTIAL_FRAME_LOG"] else { return -1 }
        return open(path, O_WRONLY | O_APPEND | O_CLOEXEC | O_NOFOLLOW)
    }()

    /// One line to the frame log; each line is one `write` to an O_APPEND file, so the
    /// event loop's and the reload queue's lines never interleave.
    static func appendToFrameLog(_ line: String) {
        guard frameLog >= 0 else { return }
        _ = line.withCString { write(frameLog, $0, strlen($0)) }
    }

    var keysHandled = 0

    /// The frame log's note of a reload's steps (lines starting with #).
    static func logReload(started: Double, computed: Double, _ load: Phases, _ compute: Phases) {
        appendToFrameLog(String(format: "# reload %.6f: load+compute %.1f ms, screen built %.1f ms; ", started, (computed - started) * 1000, (App.now() - computed) * 1000)
                         + load.description + "; " + compute.description + "\n")
    }

    func logFrame() {
        App.appendToFrameLog(String(format: "%.6f %d %d\n", App.now(), snapshot.dataset.generation, keysHandled))
    }

    /// The event loop. One function on purpose: the order in which it draws, polls, and
    /// reads the terminal, the signal pipe, the reload pipe, the store and the watcher is its
    /// behaviour (a signal before keys; a reload shown before the next key), read top to bottom.
    func run() -> Int32 {
        pipe(&reloadPipe)
        pipe(&storePipe)
        for fd in reloadPipe + storePipe { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) }
        Terminal.restoreOnCrash()
        defer { terminal.restore() }
        var exitCode: Int32 = 0
        var dirty = true
        var reloadAt: Double? = nil
        // With --poll: when the data directory is looked at next.
        var nextDataPoll = options.pollSeconds.map { App.now() + $0 }
        loop: while true {
            if dirty {
                terminal.draw(Dashboard.render(state, snapshot))
                logFrame()
                dirty = false
                // For the benchmark's start-up measurement: leave once the first frame is on screen.
                if exitAfterFirstFrame || (exitAfterFullFrame && !snapshot.registersPending) { break loop }
                // The registers left out of the first load: read now, off the event loop.
                if snapshot.registersPending && !reloading && !registersRequested {
                    registersRequested = true
                    startReload(force: false)
                }
                // The follow-up store is opened once the figures are on screen (it never
                // delays them), and its entries drawn in the next frame.
                if let dir = storeDirectory {
                    storeDirectory = nil
                    openStore(directory: dir)
                    dirty = true
                    continue loop
                }
            }
            var fds = [pollfd(fd: 0, events: Int16(POLLIN), revents: 0), pollfd(fd: signalPipe[0], events: Int16(POLLIN), revents: 0),
                       pollfd(fd: reloadPipe[0], events: Int16(POLLIN), revents: 0), pollfd(fd: storePipe[0], events: Int16(POLLIN), revents: 0)]
            if let w = watcher, w.isActive { fds.append(pollfd(fd: w.fd, events: Int16(POLLIN), revents: 0)) }
            var timeout: Int32 = -1
            if let at = reloadAt ?? nextDataPoll { timeout = Int32(max(0, (at - App.now()) * 1000)) }
            // Another dashboard's follow-up: a store that tells of changes (PostgreSQL) wakes
            // the loop through `storePipe`; a SQLite file is asked once a second (one indexed
            // read; no other wake-ups when idle).
            if (store != nil && !storeNotifies) || storeToCreate != nil {
                let untilStore = Int32(max(0, (nextStorePoll - App.now()) * 1000))
                timeout = timeout < 0 ? untilStore : min(timeout, untilStore)
            }
            let n = poll(&fds, nfds_t(fds.count), timeout)
            if n < 0 && errno != EINTR { exitCode = 1; break }
            // The terminal is gone (its window closed, the ssh connection dropped): there is no
            // one to draw for, and reading would only return nothing again, forever.
            if fds[0].revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 {
                exitCode = 128 + SIGHUP; break loop
            }
            // Signals: quit cleanly.
            if fds[1].revents & Int16(POLLIN) != 0 {
                var b: UInt8 = 0
                if read(signalPipe[0], &b, 1) == 1 { exitCode = 128 + Int32(b); break loop }
            }
            // A reload finished in the background: show it.
            if fds[2].revents & Int16(POLLIN) != 0 { dirty = finishReload() || dirty }
            if fds[3].revents & Int16(POLLIN) != 0 {
                var buf = [UInt8](repeating: 0, count: 64)
                while read(storePipe[0], &buf, buf.count) > 0 {}
                let offline = !(store?.isConnected ?? true)
                if offline != state.storeOffline { tell(.storeOffline(offline)); dirty = true }
                if !offline { dirty = refreshFollowUp(onlyIfChanged: true) || dirty }
            }
            if fds.count > 4, fds[4].revents & Int16(POLLIN) != 0, watcher?.drain() == true {
                reloadAt = App.now() + 0.01 // let an editor finish writing (a rename is one event)
            }
            if (store != nil && !storeNotifies) || storeToCreate != nil, App.now() >= nextStorePoll {
                nextStorePoll = App.now() + App.storePollSeconds
                if store == nil, let dir = storeToCreate {
                    openStore(directory: dir)
                    dirty = dirty || store != nil
                } else {
                    dirty = refreshFollowUp(onlyIfChanged: true) || dirty
                }
            }
            if let at = reloadAt ?? nextDataPoll, App.now() >= at {
                reloadAt = nil
                nextDataPoll = options.pollSeconds.map { App.now() + $0 }
                startReload(force: false)
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
                keysHandled += 1
                let (next, effects) = Dashboard.update(state, .key(k), snapshot)
                state = next
                result = .changed
                for e in effects {
                    switch e {
                    case .quit: return .quit
                    case .reload: startReload(force: true)
                    case let .export(path, overwrite): export(path, overwrite: overwrite)
                    case .saveFollowUp(let form): saveFollowUp(form)
                    case let .openMeeting(unit, period): openMeeting(unit, period)
                    case let .markItem(meeting, item, mark): meetingWrite { try $0.markItem(meeting, item: item, mark, by: user) }
                    case .endMeeting(let id): endMeeting(id)
                    }
                }
            }
        }
    }

    // MARK: Reloading off the event loop

    /// What a background reload produced, handed to the event loop through `reloadPipe`.
    struct Reloaded { let result: LoadResult; let snapshot: Snapshot?; let force: Bool }
    var reloadPipe: [Int32] = [-1, -1]
    var reloading = false
    var pendingReload: Bool? = nil
    /// The registers left out of the first load have been asked for.
    var registersRequested = false
    /// The snapshot on screen was computed without the rows that have errors (see `start`).
    var showingPartial = false
    /// Utility QoS (Linux's libdispatch gives its threads nice 2, and its user-initiated
    /// ones -2 to -4 where the process may raise priorities, as root: ahead of the event
    /// loop itself), and each reload lowers its thread further (`yieldToEventLoop`).
    let reloadQueue = DispatchQueue(label: "tertial.reload", qos: .utility)
    let finished = Mailbox<Reloaded>()

    /// Loads and computes on another thread; keys and drawing go on with the snapshot on
    /// screen until the new one is ready. A change that arrives meanwhile is loaded after.
    func startReload(force: Bool) {
        guard !reloading else { pendingReload = (pendingReload ?? false) || force; return }
        reloading = true
        // A start whose registers were left out goes on with the rows without errors when
        // the registers have some, like a start that read them all.
        let loader = self.loader, box = finished, fd = reloadPipe[1], partial = showingPartial || snapshot.registersPending
        let previous = snapshot, st = state
        reloadQueue.async {
            App.yieldToEventLoop()
            let started = App.now()
            let result = loader.load()
            // A dashboard that started without the faulty rows goes on that way until the
            // errors are fixed; one that had good data keeps it (the last good snapshot).
            // When only report rows changed, the snapshot on screen lends the rest.
            // (A snapshot still waiting for its registers is replaced even when they turned
            // out to be gone: nothing is left pending.)
            let snap = result.changed || force || previous.registersPending
                ? (result.dataset ?? (partial ? result.partial : nil)).map { Engine.compute($0, previous: previous) } : nil
            // The screen being looked at is built here, so the event loop only draws it.
            let computed = App.now()
            if let snap { _ = Dashboard.render(Dashboard.reloaded(st, to: snap), snap) }
            if let snap { App.logReload(started: started, computed: computed, result.phases, snap.phases) }
            box.put(Reloaded(result: result, snapshot: snap, force: force))
            var b: UInt8 = 1
            _ = write(fd, &b, 1)
        }
    }

    /// Puts a finished reload on screen. Returns true when the screen must be redrawn.
    func finishReload() -> Bool {
        var b: UInt8 = 0
        while read(reloadPipe[0], &b, 1) == 1 {}
        reloading = false
        defer { if let f = pendingReload { pendingReload = nil; startReload(force: f) } }
        guard let done = finished.take() else { return false }
        let result = done.result
        if result.dataset != nil && !result.changed && !done.force && state.banner.isEmpty && !snapshot.registersPending { return false }
        if let snap = done.snapshot {
            let completed = snapshot.registersPending && !snap.registersPending
            snapshot = snap
            tell(.reloaded(ReloadNote(clock: App.clock(), registersCompleted: completed, forced: done.force,
                                      files: result.parsedFiles + result.removedFiles)))
            warm()
            showingPartial = result.dataset == nil
            if showingPartial { showErrors(result) }
        } else if result.dataset == nil {
            showErrors(result)
        }
        return true
    }

    /// The banner: the first errors, file:line first, and how many more there are; the
    /// figures on screen stay those of the last good load (or, at start, of the rows
    /// without an error).
    func showErrors(_ result: LoadResult) { tell(.dataErrors(result.diagnostics, partial: showingPartial)) }

    /// Tells `update` what an effect came to (`Outcome`).
    func tell(_ outcome: Outcome) { state = Dashboard.update(state, .outcome(outcome), snapshot).0 }

    // MARK: Follow-up

    static let storePollSeconds = 1.0
    var store: FollowUpStore?
    /// The data directory whose store is still to be opened (after the first frame).
    var storeDirectory: String?
    var nextStorePoll = 0.0
    /// The store wakes the loop itself (LISTEN/NOTIFY) through this pipe; no polling.
    var storeNotifies = false
    var storePipe: [Int32] = [-1, -1]
    lazy var user: String = options.user ?? FollowUpRules.currentUser()

    /// The data directory whose store does not exist yet: made by the first save (looking
    /// never makes one), and looked for again at each store poll (another tertial may make it).
    var storeToCreate: String?

    /// Opens the store; the dashboard works without one (and says why on `c`/`a`). With no
    /// store yet, follow-up is shown as empty and writable, and the first save makes it.
    func openStore(directory: String, create: Bool = false) {
        let l = L10n(state.lang)
        do {
            let st: FollowUpStore
            if create {
                st = try FollowUpStores.open(option: options.store, dataDirectory: directory)
            } else if let existing = try FollowUpStores.openExisting(option: options.store, dataDirectory: directory) {
                st = existing
            } else {
                storeToCreate = directory
                tell(.store(.writable(FollowUpStores.path(option: options.store, dataDirectory: directory))))
                return
            }
            storeToCreate = nil
            store = st
            tell(.store(st.isReadOnly ? .readOnly(l[.fuStoreReadOnly]) : .writable(st.location)))
            let fd = storePipe[1]
            storeNotifies = st.watch(changed: { var b: UInt8 = 1; _ = write(fd, &b, 1) },
                                     connection: { _ in var b: UInt8 = 2; _ = write(fd, &b, 1) })
            _ = refreshFollowUp(onlyIfChanged: false)
            // A meeting this user left open (the dashboard ended with it open): resume or end it.
            if let left = try? st.meetings(unit: nil).last(where: { $0.isOpen && $0.openedBy == user }), let r = try? st.record(left.id) {
                meetingToken = (try? st.meetingToken()) ?? 0
                tell(.meetingLeftOpen(r))
            }
        } catch {
            tell(.store(.failed(l.followUp(error))))
        }
    }

    /// Reads the store again when another process (or this one) wrote to it.
    func refreshFollowUp(onlyIfChanged: Bool) -> Bool {
        guard let store else { return false }
        let meetingChanged = refreshMeeting(onlyIfChanged: onlyIfChanged)
        do {
            if onlyIfChanged, try store.changeToken() == state.followUp.token { return meetingChanged }
            // What changed since the last read, merged in (not the whole store again).
            tell(.followUpRead(state.followUp.token == 0 && state.followUp.isEmpty ? try FollowUpBook(store) : try state.followUp.refreshed(from: store)))
            return true
        } catch {
            tell(.followUpFailed(L10n(state.lang).followUp(error)))
            return true
        }
    }

    // MARK: Meetings

    /// The newest meeting event read (every change to any meeting moves it).
    var meetingToken: Int64 = -1

    /// Reads the meeting in view again when a meeting changed: the one on screen, else the
    /// open meeting of the dashboard's unit (another dashboard may have opened it).
    func refreshMeeting(onlyIfChanged: Bool) -> Bool {
        guard let store else { return false }
        do {
            let token = try store.meetingToken()
            if onlyIfChanged && token == meetingToken { return false }
            meetingToken = token
            var id = state.meeting.map(\.meeting.id)
            if state.meeting?.meeting.isOpen != true {
                let base = state.baseUnit.rawValue
                if let open = try store.meetings(unit: base).last(where: \.isOpen) { id = open.id }
            }
            let record = try id.map { try store.record($0) }
            if record == state.meeting { return false }
            tell(.meetingRead(record))
            return true
        } catch {
            return false
        }
    }

    /// Opens a meeting: its baseline and agenda from the figures on screen.
    func openMeeting(_ unit: UnitID, _ period: Period) {
        let l = L10n(state.lang)
        if store == nil, let dir = storeToCreate { openStore(directory: dir, create: true) }
        guard let store, let u = snapshot.tree.position(unit) else { tell(.meetingRefused(Dashboard.whyNotWritable(state) ?? "")); return }
        do {
            let m = try store.openMeeting(snapshot, unit: u, period: period, participants: nil, by: user, today: state.today)
            meetingToken = try store.meetingToken()
            tell(.meetingOpened(try store.record(m.id)))
        } catch {
            tell(.meetingRefused(l.followUp(error)))
        }
    }

    /// A change to the meeting (a mark), then the meeting read again.
    func meetingWrite(_ body: (FollowUpStore) throws -> Void) {
        guard let store else { return }
        do {
            try body(store)
            _ = refreshMeeting(onlyIfChanged: false)
        } catch {
            tell(.meetingRefused(L10n(state.lang).followUp(error)))
        }
    }

    func endMeeting(_ id: Int64) {
        guard let store else { return }
        do {
            try store.closeMeeting(id, by: user)
            meetingToken = try store.meetingToken()
            tell(.meetingEnded(try store.record(id)))
        } catch {
            tell(.meetingRefused(L10n(state.lang).followUp(error)))
        }
    }

    /// Saves what the form holds; a refusal (an identity number, a read-only store) reopens
    /// the form with the reason, so nothing typed is lost.
    func saveFollowUp(_ form: FollowUpForm) {
        let l = L10n(state.lang)
        if store == nil, let dir = storeToCreate { openStore(directory: dir, create: true) }
        guard let store else {
            // The store could not be made: the form again, with the reason and the text kept.
            if case .failed(let why) = state.store { tell(.saveRefused(form, reason: why)) } else { tell(.saveRefused(form, reason: nil)) }
            return
        }
        let text = form.text
        let due = form.dueText.flatMap { FollowUpRules.parseDue($0, today: state.today) }
        var linkRefused: Error?
        do {
            switch form.purpose {
            case .comment(let key):
                if let link = form.link { linkRefused = try store.addComment(key, text: text, by: user, meeting: link.meeting, item: link.item).linkRefused }
                else { try store.addComment(key, text: text, by: user) }
            case .action(let key):
                if let link = form.link {
                    linkRefused = try store.addAction(key, text: text, owner: form.owner, due: due, by: user, meeting: link.meeting, item: link.item).linkRefused
                } else { try store.addAction(key, text: text, owner: form.owner, due: due, by: user) }
            case .participants(let id): try store.setParticipants(id, text, by: user)
            case let .status(id, status), let .note(id, status): try store.setStatus(id, status, note: text, by: user)
            case .edit(let id):
                try store.edit(id, text: text, owner: form.owner, due: due, by: user)
            }
            _ = refreshFollowUp(onlyIfChanged: false)
            _ = refreshMeeting(onlyIfChanged: false)
            tell(.saved)
            // Saved, but not in the meeting's minutes: said, not hidden (and not saved again).
            if let why = linkRefused { tell(.meetingRefused(l(DashboardTexts.savedNotLinked(l.followUp(why))))) }
        } catch {
            tell(.saveRefused(form, reason: l.followUp(error)))
        }
    }

    /// Writes the current unit and period in the format the file name asks for; refuses a
    /// name whose ending is no format of ours rather than guessing; asks before it writes
    /// over a file; says what went wrong in the user's language.
    func export(_ typed: String, overwrite: Bool) {
        let l = L10n(state.lang)
        let path = App.expandingTilde(typed)
        let bytes: [UInt8]
        if let id = state.minutesFor {
            // The minutes of the meeting just ended: markdown, HTML or text, by the name's ending.
            let ending = ReportFormat.forFile(path)
            guard let format: Minutes.Format = ending == .md ? .md : ending == .html ? .html : ending == .text ? .text : nil else {
                return tell(.exportRefused(l(DashboardTexts.unknownEnding(typed, endings: ".md, .html, .txt")), typed: typed))
            }
            guard let store, let record = try? store.record(id) else { return tell(.exportRefused(Dashboard.whyNotWritable(state) ?? "", typed: typed)) }
            bytes = Array(SafeText.visible(Minutes(record: record, snapshot: snapshot, book: state.followUp, lang: state.lang, today: state.today).render(format)).utf8)
        } else {
            guard let format = ReportFormat.forFile(path) else {
                return tell(.exportRefused(l(DashboardTexts.unknownEnding(typed, endings: ReportFormat.allExtensions)), typed: typed))
            }
            guard let unit = snapshot.tree.position(state.top.unit) else { return }
            var options = ReportOptions(lang: state.lang, followUp: state.store == .none ? nil : state.followUp)
            options.today = state.today
            do {
                // A workbook (.xlsx) as the file; every other format its text, made visible.
                bytes = format.isBinary ? try format.bytes(snapshot, unit: unit, periods: [state.period], options: options)
                    : Array(SafeText.visible(format.render(snapshot, unit: unit, periods: [state.period], options: options)).utf8)
            } catch {
                return tell(.exportRefused(l(ReportTexts.couldNotSave(path, "\(error)")), typed: typed))
            }
        }
        do {
            try FileOutput.write(bytes: bytes, to: path, force: overwrite)
            // The whole path, so the file can be found again (a relative name is from the
            // folder tertial was started in).
            tell(.exported(path: path.hasPrefix("/") ? path : (FileManager.default.currentDirectoryPath as NSString).appendingPathComponent(path)))
        } catch FileOutput.Failure.exists {
            tell(.exportExists(path: path))
        } catch let failure as FileOutput.Failure {
            tell(.exportRefused(l(failure), typed: typed))
        } catch {
            tell(.exportRefused(l(ReportTexts.couldNotSave(path, "\(error)")), typed: typed))
        }
    }

    /// `~/rapport.md` as the shell would read it.
    static func expandingTilde(_ p: String) -> String {
        guard p == "~" || p.hasPrefix("~/"), let home = ProcessInfo.processInfo.environment["HOME"] else { return p }
        return home + p.dropFirst()
    }
}
