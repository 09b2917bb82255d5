import Foundation
import Spreadsheet
#if canImport(Glibc)
import Glibc
#endif

/// The result of loading a data directory: a dataset when there were no errors, and
/// every diagnostic (errors first).
public struct LoadResult: Sendable {
    public let dataset: Dataset?
    public let diagnostics: [Diagnostic]
    /// Files (relative paths) that were read and parsed in this load, not taken from the cache.
    public let parsedFiles: [String]
    /// Files that were there at the previous load and are gone now.
    public var removedFiles: [String] = []
    /// When there were errors, but units.csv and indicators.yaml are sound: a dataset of every
    /// row without an error, for the dashboard to start with (the errors shown in its banner).
    public var partial: Dataset? = nil
    /// How long each step took (for the benchmark).
    public var phases = Phases()
    /// Something differs from the previous load.
    public var changed: Bool { !parsedFiles.isEmpty || !removedFiles.isEmpty }
}

/// Loads a data directory. Keeps each file's parse result keyed by its size and
/// modification time, so a reload re-reads only the files that changed.
public final class Loader: @unchecked Sendable {
    public let directory: String

    /// What one file held: its kind's field of `SourceData` filled (`.none`: nothing read).
    typealias Parsed = SourceData

    struct Stamp: Equatable { let size: Int; let mtime: Double; let inode: Int }
    struct Entry {
        let stamp: Stamp; let parsed: Parsed; let diagnostics: [Diagnostic]
        /// A report file's first and last day of its periods, once known.
        var first: Day? = nil, last: Day? = nil
    }

    /// What the last load that produced a dataset checked, kept so that a reload in which
    /// only report files changed validates those files alone (`validateChangedReports`):
    /// that dataset (its rows, their resolved ids and files, its tree and catalogue), the
    /// key of every report and the cross-file diagnostics. A class: the Loader is its only
    /// owner, so the key table is changed in place.
    final class Validated {
        let dataset: Dataset
        /// Every report's (period, unit, indicator) key.
        var keys: ReportKeySet
        /// The cross-file diagnostics of that load (warnings only: it had no errors).
        let cross: [Diagnostic]
        init(dataset: Dataset, keys: ReportKeySet, cross: [Diagnostic]) { self.dataset = dataset; self.keys = keys; self.cross = cross }
    }

    private var cache: [String: Entry] = [:]
    /// The data folders that existed at some load: one that disappears is an error, not an empty folder.
    private var foldersSeen = Set<String>()
    /// Loads so far, and what the last one with a dataset checked (nil after errors).
    private var generation = 0
    private var validated: Validated?
    private let lock = NSLock()

    /// The day the years window is counted from (the machine's today; tests set it).
    public let today: Day

    public init(directory: String, today: Day = .today()) {
        self.directory = directory
        self.today = today
    }

    /// The years a date or period in the data may fall in: 50 years back and 1 ahead of
    /// today. One bad row (year 1000 or 9999) cannot make the snapshot span centuries.
    public var years: ClosedRange<Int> { (today.year - 50)...(today.year + 1) }

    /// Relative paths of the files that make up the dataset, in the order of
    /// `DataSources.all` (and by name within a folder); a missing required file is an
    /// error, and a file that tertial does not read is a warning naming it.
    /// Each file is stat'ed once here: its stamp decides in `load` whether to parse it again.
    func discover() -> (files: [String], stamps: [Stamp], diagnostics: [Diagnostic]) {
        guard case .directory = Loader.kind(directory) else {
            return ([], [], [Diagnostic(.error, file: ".", Phrase(.dataDirectoryMissing), expected: Phrase(.expectDataDirectory))])
        }
        var files = [String]()
        var diags = [Diagnostic]()
        var listings = [String: [String]]()
        // The data directory may be a link (the user gave it); a folder or file in it that is
        // a link leading outside it is not read: as root, a link could read /etc/shadow, and
        // a linked folder listed another folder's names.
        let root = Loader.realPath(directory)
        func leadsOutside(_ p: String) -> Bool {
            var st = stat()
            guard lstat(p, &st) == 0, st.st_mode & S_IFMT == S_IFLNK, let root else { return false }
            guard let target = Loader.realPath(p) else { return false } // dangling: not readable anyway
            return !(target == root || target.hasPrefix(root.hasSuffix("/") ? root : root + "/"))
        }
        for folder in DataSources.folders {
            let full = folder.isEmpty ? directory : path(folder)
            if !folder.isEmpty, leadsOutside(full) {
                diags.append(Diagnostic(.error, file: folder + "/", Phrase(.linkLeadsOutside), expected: Phrase(.expectInsideDataDirectory)))
                listings[folder] = []
                continue
            }
            switch Loader.list(full) {
            case .success(let (names, undecodable)):
                listings[folder] = names
                if !folder.isEmpty { lock.lock(); foldersSeen.insert(folder); lock.unlock() }
                for _ in 0..<undecodable {
                    diags.append(Diagnostic(.warning, file: folder.isEmpty ? "." : folder, Phrase(.fileNameNotUTF8), expected: Phrase(.expectUTF8Names)))
                }
            case .failure(let err):
                lock.lock(); let seenBefore = foldersSeen.contains(folder); lock.unlock()
                // A missing data folder is an empty one (format v1), unless it was there at the
                // last load: then it was removed under us, and the last good figures stay.
                if err.code == ENOENT && !seenBefore { listings[folder] = []; continue }
                let why = err.code == ENOENT ? Phrase(.folderRemoved) : (err.code == ENOTDIR ? Phrase(.notAFolder) : Phrase.cannotReadBecause(err.reason))
                diags.append(Diagnostic(.error, file: folder + "/", why, expected: Phrase(.expectFolder)))
            }
        }
        for kind in DataSources.all {
            switch kind.place {
            case .file(let f):
                let present = kind.fileNames.filter { listings[""]?.contains($0) == true }
                if let first = present.first { files.append(first) }
                else if kind.required { diags.append(Diagnostic(.error, file: f, Phrase(.fileMissing), expected: Phrase.expectFileIn(f, directory))) }
                // units.csv and units.xlsx: the CSV file is read, the workbook named as an error.
                for other in present.dropFirst() {
                    diags.append(Diagnostic(.error, file: other, Phrase.bothCSVAndXLSX(present[0]), expected: Phrase(.expectOneOfCSVAndXLSX)))
                }
            case .folder(let d):
                let names = (listings[d] ?? []).sorted().map { "\(d)/\($0)" }.filter(kind.matches)
                // reports/2020-T3.csv and reports/2020-T3.xlsx: likewise.
                var csvStems = [String: String]()
                for n in names where !DataSources.isWorkbook(n) { csvStems[DataSources.stem(n).lowercased()] = n }
                for n in names {
                    if DataSources.isWorkbook(n), let csv = csvStems[DataSources.stem(n).lowercased()] {
                        diags.append(Diagnostic(.error, file: n, Phrase.bothCSVAndXLSX(csv), expected: Phrase(.expectOneOfCSVAndXLSX)))
                    } else { files.append(n) }
                }
            }
        }
        // Only regular files are read (a FIFO would block, a device never ends).
        var regular = [String](), stamps = [Stamp]()
        for rel in files {
            var st = stat()
            if leadsOutside(path(rel)) {
                diags.append(Diagnostic(.error, file: rel, Phrase(.linkLeadsOutside), expected: Phrase(.expectInsideDataDirectory)))
                continue
            }
            guard stat(path(rel), &st) == 0 else { continue } // gone since it was listed
            if st.st_mode & S_IFMT == S_IFREG {
                regular.append(rel)
                stamps.append(Stamp(size: Int(st.st_size), mtime: Double(st.st_mtim.tv_sec) + Double(st.st_mtim.tv_nsec) / 1e9, inode: Int(st.st_ino)))
            } else if st.st_mode & S_IFMT != S_IFDIR || !DataSources.isIgnorable(rel) {
                diags.append(Diagnostic(.error, file: rel, Phrase(.notRegularFile), expected: Phrase(.expectRegularFile)))
            }
        }
        diags += unknownFiles(listings, known: Set(regular), already: Set(diags.map(\.file)))
        return (regular, stamps, diags)
    }

    /// Anything else in the directory or its data folders is named, never guessed at; a
    /// temporary file left by an interrupted write of tertial is named as such.
    func unknownFiles(_ listings: [String: [String]], known: Set<String>, already: Set<String>) -> [Diagnostic] {
        var diags = [Diagnostic]()
        for (folder, names) in listings.sorted(by: { $0.key < $1.key }) {
            for n in names.sorted() {
                let rel = folder.isEmpty ? n : "\(folder)/\(n)"
                if DataSources.isStaleTemporary(n) {
                    diags.append(Diagnostic(.warning, file: rel, Phrase(.staleTemporary), expected: Phrase(.expectNoTemporary)))
                    continue
                }
                guard !known.contains(rel), !DataSources.isIgnorable(n), !(folder.isEmpty && DataSources.folders.contains(n)) else { continue }
                if folder.isEmpty, case .directory = Loader.kind(path(rel)) { continue }
                if already.contains(rel) { continue }
                diags.append(Diagnostic(.warning, file: rel, Phrase(.fileNotRead), expected: Phrase.expectKnownFiles(DataSources.fileNames)))
            }
        }
        return diags
    }

    /// The path with every link resolved, or nil.
    static func realPath(_ p: String) -> String? {
        guard let r = realpath(p, nil) else { return nil }
        defer { free(r) }
        return String(cString: r)
    }

    enum FileKind { case regular, directory, other, missing }

    /// What is at a path, following symbolic links.
    static func kind(_ p: String) -> FileKind {
        var st = stat()
        guard stat(p, &st) == 0 else { return .missing }
        switch st.st_mode & S_IFMT {
        case S_IFREG: return .regular
        case S_IFDIR: return .directory
        default: return .other
        }
    }

    struct ListError: Error { let code: Int32; var reason: String { String(cString: strerror(code)) } }

    /// The names in a folder, and how many names were skipped because they are not UTF-8
    /// (one such file must not stop the load). Hidden entries `.` and `..` are left out.
    static func list(_ p: String) -> Result<([String], Int), ListError> {
        guard let dir = opendir(p) else { return .failure(ListError(code: errno)) }
        defer { closedir(dir) }
        var names = [String](), undecodable = 0
        while let e = readdir(dir) {
            let bytes = withUnsafeBytes(of: e.pointee.d_name) { raw in Array(raw.prefix { $0 != 0 }) }
            guard bytes != [46], bytes != [46, 46] else { continue }
            if let n = String(validating: bytes, as: UTF8.self) { names.append(n) } else { undecodable += 1 }
        }
        return .success((names, undecodable))
    }

    func path(_ rel: String) -> String { (directory as NSString).appendingPathComponent(rel) }

    /// Loads (or reloads) the directory. One function on purpose: the cache, the reused
    /// report ranges and the flat report array are updated together under the lock, so a
    /// concurrent load never sees one without the other.
    public func load() -> LoadResult { load(registersLaterOver: nil) }

    /// The register files (waitlist, IP, BrukerPlan) are the bulk of a large dataset and feed
    /// only their own indicators. With a limit, when they hold more bytes than it, this load
    /// leaves them out (`Dataset.registersPending`): the dashboard shows the reported figures
    /// at once and loads the registers next, with a plain `load()`.
    /// One function on purpose: discover, parse what changed, merge, validate (in part when
    /// only report files changed), finish: each step uses the last one's locals, in order.
    public func load(registersLaterOver limit: Int?) -> LoadResult {
        var phases = Phases()
        var (files, fileStamps, discoverDiags) = discover()
        let discovered = files
        var registersPending = false
        if let limit {
            let later = files.indices.filter { DataSources.kind(of: files[$0])?.isRegister ?? false }
            if later.reduce(0, { $0 + fileStamps[$1].size }) > limit {
                let skip = Set(later)
                files = files.indices.filter { !skip.contains($0) }.map { files[$0] }
                fileStamps = fileStamps.indices.filter { !skip.contains($0) }.map { fileStamps[$0] }
                registersPending = true
            }
        }
        phases.mark("discover")
        // No directory: one message, and no follow-on errors about what is then missing.
        if discoverDiags.contains(where: { $0.problem.problem == .dataDirectoryMissing }) {
            lock.lock(); defer { lock.unlock() }
            var r = LoadResult(dataset: nil, diagnostics: discoverDiags, parsedFiles: [])
            r.removedFiles = cache.keys.sorted()
            cache = [:]
            return r
        }
        lock.lock(); defer { lock.unlock() }
        // Decide what must be parsed again.
        let stamps: [Stamp?] = fileStamps
        var todo = [Int]()
        for (i, f) in files.enumerated() {
            if let e = cache[f], e.stamp == fileStamps[i] { continue }
            todo.append(i)
        }
        let fresh = UnsafeMutableBufferPointer<Entry?>.allocate(capacity: max(todo.count, 1))
        fresh.initialize(repeating: nil)
        defer { fresh.deinitialize(); fresh.deallocate() }
        let dir = self
        DispatchQueue.concurrentPerform(iterations: todo.count) { k in
            let i = todo[k]
            let rel = files[i]
            let (parsed, diags) = dir.parseFile(rel)
            var entry = Entry(stamp: stamps[i] ?? Stamp(size: -1, mtime: 0, inode: 0), parsed: parsed, diagnostics: diags)
            if let chunk = parsed.reports.first { (entry.first, entry.last) = Loader.span(of: chunk.rows) }
            fresh[k] = entry
        }
        for (k, i) in todo.enumerated() { cache[files[i]] = fresh[k] }
        phases.mark("parse")
        // Forget files that are gone.
        let present = Set(discovered)
        let removed = cache.keys.filter { !present.contains($0) }.sorted()
        for key in removed { cache[key] = nil }
        // A load that found nothing changed keeps the generation: the snapshot on screen is
        // still the one the next change is measured against.
        if !todo.isEmpty || !removed.isEmpty || validated == nil { generation += 1 }

        var diags = discoverDiags
        // Every file's data merged in file order (`SourceData.merge`).
        var data = SourceData.none
        var segments = [ReportFile](), rowCount = 0
        for f in files {
            guard let e = cache[f] else { continue }
            diags += e.diagnostics
            for r in e.parsed.reports {
                segments.append(ReportFile(file: f, range: rowCount..<rowCount + r.rows.count, first: e.first, last: e.last))
                rowCount += r.rows.count
            }
            data.merge(e.parsed)
        }
        let units = data.units, indicators = data.indicators, targets = data.targets, chunks = data.reports
        let waitlist = data.waitlist, ip = data.ip, brukerplan = data.brukerplan
        let parsedNames = todo.map { files[$0] }
        // Cross-file checks still run when a file has errors, but not those that depend
        // on a broken units.csv or indicators.yaml (they would only echo that error).
        let broken = Set(diags.errors.map(\.file))
        // The cache and the dataset share each file's rows: they exist once.
        let reports = ReportRows(chunks: chunks)
        phases.mark("merge")
        // Only report files changed since a load without errors: check their rows alone
        // against what that load checked. Anything it cannot decide goes the whole way.
        let previous = validated
        validated = nil
        if let previous, !diags.hasErrors, (parsedNames + removed).allSatisfy({ DataSources.kind(of: $0)?.isReports ?? false }),
           let (resolved, changed) = validateChangedReports(previous, new: reports, segments: segments, touched: Set(parsedNames + removed)) {
            phases.mark("validate changed")
            let old = previous.dataset
            return finish(tree: old.tree, indicators: old.indicators, data: data, reports: reports, diagnostics: diags + previous.cross, resolved: resolved, segments: segments,
                          delta: DatasetDelta(base: old.generation, changedIndicators: changed), keys: previous.keys, cross: previous.cross,
                          parsed: parsedNames, removed: removed, registersPending: registersPending, phases: phases)
        }
        var resolved = (units: [Int32](), indicators: [Int32]())
        let tree = OrgTree(units: units)
        let years = self.years
        var keys = ReportKeySet(units: tree.units.count, indicators: indicators, years: years, rows: reports.count)
        // Two threads: the report rows (units, catalogue, keys) here, everything else beside.
        let unitsBroken = broken.contains("units.csv") || broken.contains("units.xlsx")
        let checkUnits = !unitsBroken, checkIndicators = !broken.contains("indicators.yaml")
        let others = Handover<[Diagnostic]>()
        let done = DispatchGroup()
        // At the caller's urgency: a start or a command waits for it on the main thread; a
        // dashboard's reload runs in the background and must not get ahead of its event loop.
        DispatchQueue.global(qos: Thread.isMainThread ? .userInitiated : .utility).async(group: done) { [units, targets, waitlist, ip, brukerplan] in
            var d = Validator.yearsOutside(years, units: units, targets: targets, reports: reports, waitlist: waitlist, ip: ip)
            d += Validator.brukerPlan(brukerplan, tree: tree, years: years, checkUnits: checkUnits)
            if checkUnits { d += Validator.registerUnits(tree: tree, waitlist: waitlist, ip: ip) }
            others.value = d
        }
        let own = Validator.validate(tree: tree, indicators: indicators, targets: targets, reports: reports, waitlist: waitlist, ip: ip,
                                     checkUnits: checkUnits, checkIndicators: checkIndicators, checkRegisterUnits: false,
                                     resolved: &resolved, keys: &keys)
        done.wait()
        let cross = own + (others.value ?? [])
        diags += cross
        phases.mark("validate")
        if diags.hasErrors {
            // Shown: at most `Diagnostic.maxPerFile` of a file's problems; every error line still
            // leaves its row out of what is shown meanwhile.
            let shown = Loader.sorted(Loader.locate(diags, data.sheets).boundedPerFile())
            var r = LoadResult(dataset: nil, diagnostics: shown, parsedFiles: parsedNames)
            r.removedFiles = removed
            r.phases = phases
            // What can still be shown: every row without an error, when the organisation and
            // the catalogue themselves are sound (the dashboard starts with it, see `partial`).
            if !unitsBroken, !broken.contains("indicators.yaml"), !units.isEmpty, !indicators.isEmpty {
                r.partial = Loader.withoutFaultyRows(directory: directory, tree: tree, indicators: indicators, data: data,
                                                     reports: reports, diagnostics: diags)
                r.partial?.registersPending = registersPending
                r.partial?.diagnostics = shown
            }
            return r
        }
        Loader.releaseFreedMemory()
        // The registers of a staged first load, read now and nothing else: the engine may
        // keep what it computed of the reports (validated again above all the same).
        var delta: DatasetDelta? = nil
        if let previous, previous.dataset.registersPending, !registersPending, !parsedNames.isEmpty,
           (parsedNames + removed).allSatisfy({ DataSources.kind(of: $0)?.isRegister ?? false }) {
            delta = DatasetDelta(base: previous.dataset.generation, changedIndicators: [], registersAdded: true)
        }
        return finish(tree: tree, indicators: indicators, data: data, reports: reports, diagnostics: diags, resolved: resolved, segments: segments, delta: delta, keys: keys, cross: cross,
                      parsed: parsedNames, removed: removed, registersPending: registersPending, phases: phases)
    }

    /// The dataset of a load without errors; kept, with its report keys and cross-file
    /// diagnostics, for the next load to validate changed report files against.
    private func finish(tree: OrgTree, indicators: [Indicator], data: SourceData, reports: ReportRows, diagnostics: [Diagnostic], resolved: (units: [Int32], indicators: [Int32]),
                        segments: [ReportFile], delta: DatasetDelta?, keys: ReportKeySet, cross: [Diagnostic],
                        parsed: [String], removed: [String], registersPending: Bool = false, phases: Phases) -> LoadResult {
        var phases = phases
        let sorted = Loader.sorted(Loader.locate(diagnostics, data.sheets).boundedPerFile())
        var ds = Dataset(directory: directory, tree: tree, indicators: indicators, targets: data.targets, reports: reports,
                         waitlist: data.waitlist, ip: data.ip.sorted { $0.period < $1.period }, brukerplan: data.brukerplan, diagnostics: sorted, resolved: resolved)
        ds.reportFiles = segments
        ds.generation = generation
        ds.delta = delta
        ds.registersPending = registersPending
        ds.settings = data.settings ?? CatalogueSettings()
        validated = Validated(dataset: ds, keys: keys, cross: cross)
        var r = LoadResult(dataset: ds, diagnostics: sorted, parsedFiles: parsed)
        r.removedFiles = removed
        phases.mark("dataset")
        r.phases = phases
        return r
    }

    /// The first and last day of a report file's periods.
    static func span(of rows: [ReportRow]) -> (Day?, Day?) {
        var first: Day? = nil, last: Day? = nil
        // Rows come period by period: each run's days computed once.
        var previous: Period? = nil
        for r in rows where r.period != previous {
            previous = r.period
            let start = r.period.start, end = r.period.end
            if first.map({ start < $0 }) ?? true { first = start }
            if last.map({ end > $0 }) ?? true { last = end }
        }
        return (first, last)
    }

    /// Validates the rows of the report files that changed (`touched`: re-read or removed)
    /// against what the previous load without errors checked: each row's unit and indicator
    /// known, its period of the indicator's kind and within the years, its key not taken.
    /// Returns the resolved ids of every row and the indicators whose rows differ (a row
    /// differs when the row at the same place in its file is not the same: value, period,
    /// unit, comment or line); nil when a row has an error, so the whole load is validated
    /// again and says everything in its usual order. Costs the changed files' rows, not all.
    func validateChangedReports(_ v: Validated, new: ReportRows, segments: [ReportFile],
                                touched: Set<String>) -> ((units: [Int32], indicators: [Int32]), Set<Int>)? {
        let ds = v.dataset, old = ds.reports
        var oldByFile = [String: Range<Int>]()
        for seg in ds.reportFiles { oldByFile[seg.file] = seg.range }
        for seg in ds.reportFiles where touched.contains(seg.file) {
            for k in seg.range {
                v.keys.remove(old[k].period, Int(ds.reportUnit[k]), Int(ds.reportIndicator[k]))
            }
        }
        var units = [Int32](), inds = [Int32]()
        units.reserveCapacity(new.count); inds.reserveCapacity(new.count)
        var changed = Set<Int>()
        for seg in segments {
            let was = oldByFile[seg.file]
            if let was, !touched.contains(seg.file) {
                units += ds.reportUnit[was]; inds += ds.reportIndicator[was]
                continue
            }
            for k in seg.range {
                let r = new[k]
                guard let u = ds.tree.index[r.unit], let i = ds.indicatorIndex[r.indicator], years.contains(r.period.year),
                      Validator.fits(r.period, ds.indicators[i]) else { return nil }
                guard v.keys.insert(r.period, u, i) else { return nil }
                units.append(Int32(u)); inds.append(Int32(i))
            }
            let n = seg.range.count, m = was?.count ?? 0
            for j in 0..<max(n, m) {
                if j < n, j < m, new[seg.range.lowerBound + j] == old[was!.lowerBound + j] { continue }
                if j < n { changed.insert(Int(inds[seg.range.lowerBound + j])) }
                if j < m { changed.insert(Int(ds.reportIndicator[was!.lowerBound + j])) }
            }
        }
        let present = Set(segments.map(\.file))
        for seg in ds.reportFiles where !present.contains(seg.file) {
            for k in seg.range { changed.insert(Int(ds.reportIndicator[k])) }
        }
        return ((units, inds), changed)
    }

    /// A dataset of the rows that have no error: a file with an error that names no line
    /// (it could not be read as a whole) contributes nothing. Validated again, so what is
    /// left is consistent (of a value reported twice, the first stays).
    static func withoutFaultyRows(directory: String, tree: OrgTree, indicators: [Indicator], data: SourceData, reports: ReportRows,
                                  diagnostics: [Diagnostic]) -> Dataset? {
        var badLines = Set<SourceRef>(), badFiles = Set<String>()
        for d in diagnostics.errors {
            if let line = d.line { badLines.insert(SourceRef(file: d.file, line: line)) } else { badFiles.insert(d.file) }
        }
        func ok(_ ref: SourceRef) -> Bool { !badFiles.contains(ref.file) && !badLines.contains(ref) }
        let targets = data.targets.filter { ok($0.source) }
        let reports = ReportRows(reports.filter { ok($0.source) })
        let waitlist = data.waitlist.filter { ok($0.source) }
        let ip = data.ip.filter { !badFiles.contains($0.file) }.map { s in
            IPSnapshot(period: s.period, file: s.file, records: s.records.filter { ok(SourceRef(file: s.file, line: Int($0.line))) }, units: s.units)
        }.sorted { $0.period < $1.period }
        let brukerplan = data.brukerplan.filter { !badFiles.contains($0.file) }.map { m in
            BPMapping(year: m.year, file: m.file, records: m.records.filter { ok(SourceRef(file: m.file, line: Int($0.line))) })
        }
        var resolved = (units: [Int32](), indicators: [Int32]())
        let again = Validator.validate(tree: tree, indicators: indicators, targets: targets, reports: reports, waitlist: waitlist, ip: ip,
                                       checkUnits: true, checkIndicators: true, resolved: &resolved)
        // Whatever is still wrong would be an error of its own: then nothing partial is shown.
        guard !again.hasErrors else { return nil }
        var ds = Dataset(directory: directory, tree: tree, indicators: indicators, targets: targets, reports: reports,
                         waitlist: waitlist, ip: ip, brukerplan: brukerplan, diagnostics: diagnostics, resolved: resolved)
        ds.settings = data.settings ?? CatalogueSettings()
        return ds
    }

    /// The parser threads' freed buffers stay in glibc's per-thread arenas; give them back
    /// to the system before the engine allocates its cells (see docs/performance.md).
    static func releaseFreedMemory() {
        #if canImport(Glibc)
        typealias Trim = @convention(c) (Int) -> Int32
        if let sym = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") {
            _ = unsafeBitCast(sym, to: Trim.self)(0)
        }
        #endif
    }

    static func sorted(_ d: [Diagnostic]) -> [Diagnostic] {
        // Stable: severity first, then the order found (file order, line order).
        d.enumerated().sorted { a, b in
            a.element.severity != b.element.severity ? a.element.severity < b.element.severity : a.offset < b.offset
        }.map(\.element)
    }

    func parseFile(_ rel: String) -> (Parsed, [Diagnostic]) {
        guard let kind = DataSources.kind(of: rel) else { return (SourceData.none, []) }
        return kind.parse(self, rel)
    }

    /// The largest CSV file tertial reads (the generated 10-year benchmark's largest is
    /// 31 MB). With this bound the CSV reader's 32-bit offsets cannot overflow, even after
    /// a Windows-1252 file grows by up to three times when decoded.
    public static let maxCSVBytes = 256 << 20
    /// The largest indicators.yaml (a catalogue of 35 indicators is 10 KB).
    public static let maxCatalogueBytes = 4 << 20

    /// A file opened for reading, refused up front when it is no regular file or larger than
    /// `limit` (with its size); the caller closes it.
    func openChecked(_ rel: String, limit: Int) -> Result<(fd: Int32, size: Int), Diagnostic> {
        let fd = open(path(rel), O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else {
            return .failure(Diagnostic(.error, file: rel, Phrase.cannotReadBecause(String(cString: strerror(errno))), expected: Phrase(.expectReadable)))
        }
        var st = stat()
        guard fstat(fd, &st) == 0, st.st_mode & S_IFMT == S_IFREG else {
            close(fd)
            return .failure(Diagnostic(.error, file: rel, Phrase(.notRegularFile), expected: Phrase(.expectRegularFile)))
        }
        let size = Int(st.st_size)
        guard size <= limit else {
            close(fd)
            return .failure(Diagnostic(.error, file: rel, Phrase.fileTooLarge(Loader.mebibytes(size), limit: Loader.mebibytes(limit)),
                                       expected: Phrase.expectSmallerFile(Loader.mebibytes(limit))))
        }
        return .success((fd, size))
    }

    /// The bytes of a file, refused up front (with its size) when larger than `limit`.
    func bytes(_ rel: String, limit: Int) -> Result<[UInt8], Diagnostic> {
        let fd: Int32, size: Int
        switch openChecked(rel, limit: limit) {
        case .success(let f): (fd, size) = f
        case .failure(let d): return .failure(d)
        }
        defer { close(fd) }
        var out = [UInt8](repeating: 0, count: size)
        var got = 0
        while got < size {
            let n = out.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress! + got, size - got) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            got += n
        }
        // A file that shrank while it was read is read as far as it went; the watcher reloads it.
        if got < size { out.removeLast(size - got) }
        return .success(out)
    }

    static func mebibytes(_ n: Int) -> String { String(format: "%.1f MiB", Double(n) / 1_048_576) }

    /// Reads a CSV file, or a workbook (`.xlsx`, its sheet named like the kind of file, else its
    /// first), and hands the table to a parser.
    func csv(_ rel: String, _ parse: (CSVTable) -> (Parsed, [Diagnostic])) -> (Parsed, [Diagnostic]) {
        if DataSources.isWorkbook(rel) { return workbook(rel, parse) }
        switch bytes(rel, limit: Loader.maxCSVBytes) {
        case .success(let b):
            // The reader's own problems (a record refused, a row too long) first, at their lines.
            let t = CSVTable.parse(bytes: b, file: rel)
            let (parsed, d) = parse(t)
            // A file's rows with errors are left out of what it parsed: its messages beyond
            // the bound are counted, not kept (2 million bad rows cost no 2 million lines).
            return (parsed, (t.problems.isEmpty ? d : t.diagnostics + d).boundedPerFile())
        case .failure(let d): return (SourceData.none, [d])
        }
    }

    /// The largest .xlsx file tertial reads (packed; its parts are bounded again unpacked,
    /// `XLSX.Limits`: 256 MiB a part, 512 MiB together).
    public static let maxWorkbookBytes = 128 << 20
    /// The bounds on a workbook's parts unpacked (tests make them small).
    var workbookLimits = XLSX.Limits()

    /// Reads a workbook's sheet into a table and hands it to a parser; its sheet and header
    /// are kept, for `locate` to put every diagnostic of the file at its cell.
    func workbook(_ rel: String, _ parse: (CSVTable) -> (Parsed, [Diagnostic])) -> (Parsed, [Diagnostic]) {
        let fd: Int32
        switch openChecked(rel, limit: Loader.maxWorkbookBytes) {
        case .success(let f): fd = f.fd
        case .failure(let d): return (SourceData.none, [d])
        }
        defer { close(fd) }
        let sheet: XLSXSheet
        do {
            sheet = try XLSX.read(fileDescriptor: fd, preferring: DataSources.kind(of: rel)?.name, limits: workbookLimits)
        } catch let e as XLSXError {
            return (SourceData.none, [Loader.diagnostic(e, file: rel)])
        } catch {
            return (SourceData.none, [Diagnostic(.error, file: rel, Phrase(.xlsxNotAWorkbook), expected: Phrase(.expectXLSX))])
        }
        let t = CSVTable.from(sheet: sheet, file: rel)
        var (parsed, d) = parse(t)
        parsed.sheets[rel] = SheetLocation(name: Fields.shown(sheet.name), header: t.header)
        // Located with every other diagnostic of the file at the end of the load (`locate`).
        return (parsed, (t.problems.isEmpty ? d : t.diagnostics + d).boundedPerFile())
    }

    static func diagnostic(_ e: XLSXError, file rel: String) -> Diagnostic {
        let mib = { (n: UInt64) in Loader.mebibytes(Int(clamping: n)) }
        switch e {
        case .notAWorkbook: return Diagnostic(.error, file: rel, Phrase(.xlsxNotAWorkbook), expected: Phrase(.expectXLSX))
        case .missingPart(let p): return Diagnostic(.error, file: rel, Phrase.xlsxMissingPart(Fields.shown(p)), expected: Phrase(.expectXLSX))
        case .tooLarge(let p, let bytes, let limit):
            return Diagnostic(.error, file: rel, Phrase.xlsxPartTooLarge(Fields.shown(p), size: mib(bytes), limit: mib(limit)), expected: Phrase(.expectSmallerWorkbook))
        case .badXML(let p, let line): return Diagnostic(.error, file: rel, Phrase.xlsxBadXML(Fields.shown(p), line: line), expected: Phrase(.expectXLSX))
        case .badCell(_, let cell): return Diagnostic(.error, file: rel, Phrase.xlsxBadCell(Fields.shown(cell)), expected: Phrase(.expectXLSX))
        case .noSheet: return Diagnostic(.error, file: rel, Phrase(.xlsxNoSheet), expected: Phrase(.expectXLSX))
        case .sizeMismatch: return Diagnostic(.error, file: rel, Phrase(.xlsxSizeMismatch), expected: Phrase(.expectXLSX))
        }
    }

    /// Every diagnostic of a workbook located at its sheet, and at the cell of its field where
    /// the sheet's header has that column: `reports/2020-T3.xlsx!Ark1:C14`.
    static func locate(_ diagnostics: [Diagnostic], _ sheets: [String: SheetLocation]) -> [Diagnostic] {
        guard !sheets.isEmpty else { return diagnostics }
        return diagnostics.map { d in
            guard d.sheet == nil, let s = sheets[d.file] else { return d }
            var d = d
            d.sheet = s.name
            if d.column == nil, d.line != nil, let f = d.field { d.column = s.header.firstIndex(of: f) }
            return d
        }
    }

    func catalogue(_ rel: String) -> (Parsed, [Diagnostic]) {
        let data: [UInt8]
        switch bytes(rel, limit: Loader.maxCatalogueBytes) {
        case .success(let b): data = b
        case .failure(let d): return (SourceData.none, [d])
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            return (SourceData.none, [Diagnostic(.error, file: rel, Phrase(.notUTF8), expected: Phrase(.expectCatalogueUTF8))])
        }
        let (inds, settings, diags) = Catalogue.parseWithSettings(text: text, file: rel)
        var d = SourceData(indicators: inds)
        d.settings = settings
        return (d, diags)
    }

    /// A BrukerPlan mapping, named by its year: `brukerplan/2014.csv`.
    func brukerPlan(_ rel: String) -> (Parsed, [Diagnostic]) {
        let name = DataSources.stem(rel)
        guard name.count == 4, name.allSatisfy(\.isASCII), let year = Int(name) else {
            return (SourceData.none, [Diagnostic(.error, file: rel, Phrase.fileNameNotYear(Fields.shown(name)), expected: Phrase(.expectBrukerPlanFileName))])
        }
        return csv(rel) { let (m, d) = FileParsers.brukerPlan($0, year: year); return (SourceData(brukerplan: [m]), d) }
    }

    /// An IP snapshot, named by its period: `ip/2019-T3.csv`.
    func ipSnapshot(_ rel: String) -> (Parsed, [Diagnostic]) {
        let name = DataSources.stem(rel)
        guard let p = Period(parsing: name) else {
            return (SourceData.none, [Diagnostic(.error, file: rel, Phrase.fileNameNotPeriod(String(name)),
                                       expected: Phrase(.expectIPFileName))])
        }
        return csv(rel) { let (s, d) = FileParsers.ipSnapshot($0, period: p); return (SourceData(ip: [s]), d) }
    }
}
