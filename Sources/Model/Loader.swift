import Foundation
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
    /// Something differs from the previous load.
    public var changed: Bool { !parsedFiles.isEmpty || !removedFiles.isEmpty }
}

/// Loads a data directory. Keeps each file's parse result keyed by its size and
/// modification time, so a reload re-reads only the files that changed.
public final class Loader: @unchecked Sendable {
    public let directory: String

    enum Parsed {
        case units([OrgUnit])
        case indicators([Indicator])
        case targets([TargetRule])
        case reports([Report])
        /// An unchanged report file: its rows are this range of `lastReports` (kept once, not twice).
        case reportRange(Range<Int>)
        case waitlist([WaitCase])
        case ip(IPSnapshot)
        case none
    }

    struct Stamp: Equatable { let size: Int; let mtime: Double; let inode: Int }
    struct Entry { let stamp: Stamp; let parsed: Parsed; let diagnostics: [Diagnostic] }

    private var cache: [String: Entry] = [:]
    /// The flat report array of the last load, shared with its Dataset.
    private var lastReports: [Report] = []
    private let lock = NSLock()

    public init(directory: String) {
        self.directory = directory
    }

    /// Relative paths of the files that make up the dataset, in the order of
    /// `DataSources.all` (and by name within a folder); a missing required file is an
    /// error, and a file that tertial does not read is a warning naming it.
    func discover() -> (files: [String], diagnostics: [Diagnostic]) {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: directory, isDirectory: &isDir), isDir.boolValue else {
            return ([], [Diagnostic(.error, file: directory, Phrase(.dataDirectoryMissing),
                                    expected: Phrase(.expectDataDirectory))])
        }
        var files = [String]()
        var diags = [Diagnostic]()
        for kind in DataSources.all {
            switch kind.place {
            case .file(let f):
                if fm.fileExists(atPath: path(f)) { files.append(f) }
                else if kind.required { diags.append(Diagnostic(.error, file: f, Phrase(.fileMissing), expected: Phrase(.expectFileIn, f, directory))) }
            case .folder(let d):
                let names = (try? fm.contentsOfDirectory(atPath: path(d))) ?? []
                files += names.sorted().map { "\(d)/\($0)" }.filter(kind.matches)
            }
        }
        // Anything else in the directory or its data folders is named, never guessed at.
        let known = Set(files)
        for folder in DataSources.folders {
            for n in ((try? fm.contentsOfDirectory(atPath: folder.isEmpty ? directory : path(folder))) ?? []).sorted() {
                let rel = folder.isEmpty ? n : "\(folder)/\(n)"
                var dir: ObjCBool = false
                guard !known.contains(rel), !DataSources.isIgnorable(n), fm.fileExists(atPath: path(rel), isDirectory: &dir), !dir.boolValue else { continue }
                diags.append(Diagnostic(.warning, file: rel, Phrase(.fileNotRead), expected: Phrase(.expectKnownFiles)))
            }
        }
        return (files, diags)
    }

    func path(_ rel: String) -> String { (directory as NSString).appendingPathComponent(rel) }

    func stamp(_ rel: String) -> Stamp? {
        var st = stat()
        guard stat(path(rel), &st) == 0 else { return nil }
        return Stamp(size: Int(st.st_size), mtime: Double(st.st_mtim.tv_sec) + Double(st.st_mtim.tv_nsec) / 1e9, inode: Int(st.st_ino))
    }

    /// Loads (or reloads) the directory. One function on purpose: the cache, the reused
    /// report ranges and the flat report array are updated together under the lock, so a
    /// concurrent load never sees one without the other.
    public func load() -> LoadResult {
        let (files, discoverDiags) = discover()
        lock.lock(); defer { lock.unlock() }
        // Decide what must be parsed again.
        var stamps = [Stamp?](repeating: nil, count: files.count)
        var todo = [Int]()
        for (i, f) in files.enumerated() {
            stamps[i] = stamp(f)
            if let s = stamps[i], let e = cache[f], e.stamp == s { continue }
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
            fresh[k] = Entry(stamp: stamps[i] ?? Stamp(size: -1, mtime: 0, inode: 0), parsed: parsed, diagnostics: diags)
        }
        for (k, i) in todo.enumerated() { cache[files[i]] = fresh[k] }
        // Forget files that are gone.
        let present = Set(files)
        let removed = cache.keys.filter { !present.contains($0) }.sorted()
        for key in removed { cache[key] = nil }

        var diags = discoverDiags
        var units = [OrgUnit](), indicators = [Indicator](), targets = [TargetRule]()
        var reports = [Report](), reportRanges = [(String, Range<Int>)]()
        var waitlist = [WaitCase](), ip = [IPSnapshot]()
        for f in files {
            guard let e = cache[f] else { continue }
            diags += e.diagnostics
            switch e.parsed {
            case .units(let u): units = u
            case .indicators(let i): indicators = i
            case .targets(let t): targets = t
            case .reports(let r):
                let start = reports.count
                reports += r
                reportRanges.append((f, start..<reports.count))
            case .reportRange(let range):
                let start = reports.count
                reports += lastReports[range]
                reportRanges.append((f, start..<reports.count))
            case .waitlist(let w): waitlist = w
            case .ip(let s): ip.append(s)
            case .none: break
            }
        }
        let parsedNames = todo.map { files[$0] }
        // Cross-file checks still run when a file has errors, but not those that depend
        // on a broken units.csv or indicators.yaml (they would only echo that error).
        let broken = Set(diags.errors.map(\.file))
        // From now on the cache refers to this flat array, so the parsed rows exist once.
        lastReports = reports
        for (f, range) in reportRanges {
            if let e = cache[f] { cache[f] = Entry(stamp: e.stamp, parsed: .reportRange(range), diagnostics: e.diagnostics) }
        }
        let tree = OrgTree(units: units)
        var resolved = (units: [Int32](), indicators: [Int32]())
        diags += Validator.validate(tree: tree, indicators: indicators, targets: targets, reports: reports,
                                    waitlist: waitlist, ip: ip,
                                    checkUnits: !broken.contains("units.csv"), checkIndicators: !broken.contains("indicators.yaml"),
                                    resolved: &resolved)
        if diags.hasErrors {
            var r = LoadResult(dataset: nil, diagnostics: Loader.sorted(diags), parsedFiles: parsedNames)
            r.removedFiles = removed
            return r
        }
        ip.sort { $0.period < $1.period }
        let ds = Dataset(directory: directory, tree: tree, indicators: indicators, targets: targets, reports: reports,
                         waitlist: waitlist, ip: ip, diagnostics: Loader.sorted(diags), resolved: resolved)
        var r = LoadResult(dataset: ds, diagnostics: Loader.sorted(diags), parsedFiles: parsedNames)
        r.removedFiles = removed
        Loader.releaseFreedMemory()
        return r
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
        guard let kind = DataSources.kind(of: rel) else { return (.none, []) }
        return kind.parse(self, rel)
    }

    /// Reads a CSV file and hands the table to a parser.
    func csv(_ rel: String, _ parse: (CSVTable) -> (Parsed, [Diagnostic])) -> (Parsed, [Diagnostic]) {
        do { return parse(try CSVTable.read(path: path(rel), relativeName: rel)) }
        catch { return (.none, [Diagnostic(.error, file: rel, Phrase(.cannotReadBecause, error.localizedDescription), expected: Phrase(.expectReadable))]) }
    }

    func catalogue(_ rel: String) -> (Parsed, [Diagnostic]) {
        guard let data = FileManager.default.contents(atPath: path(rel)) else {
            return (.none, [Diagnostic(.error, file: rel, Phrase(.cannotRead), expected: Phrase(.expectReadable))])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return (.none, [Diagnostic(.error, file: rel, Phrase(.notUTF8), expected: Phrase(.expectCatalogueUTF8))])
        }
        let (inds, diags) = Catalogue.parse(text: text, file: rel)
        return (.indicators(inds), diags)
    }

    /// An IP snapshot, named by its period: `ip/2019-T3.csv`.
    func ipSnapshot(_ rel: String) -> (Parsed, [Diagnostic]) {
        let name = String(rel.split(separator: "/").last ?? "").dropLast(".csv".count)
        guard let p = Period(parsing: String(name)) else {
            return (.none, [Diagnostic(.error, file: rel, Phrase(.fileNameNotPeriod, String(name)),
                                       expected: Phrase(.expectIPFileName))])
        }
        return csv(rel) { let (s, d) = FileParsers.ipSnapshot($0, period: p); return (.ip(s), d) }
    }
}

/// Checks across files: references between units, indicators, targets, reports and registers.
enum Validator {
    static func validate(tree: OrgTree, indicators: [Indicator], targets: [TargetRule], reports: [Report],
                         waitlist: [WaitCase], ip: [IPSnapshot], checkUnits: Bool = true, checkIndicators: Bool = true,
                         resolved: inout (units: [Int32], indicators: [Int32])) -> [Diagnostic] {
        var diags = [Diagnostic]()
        let units = tree.units
        guard checkUnits else { return diags }
        // units.csv
        var firstLine = [String: Int]()
        for u in units {
            if let l = firstLine[u.id] {
                diags.append(Diagnostic(.error, file: u.source.file, line: u.source.line, field: "id",
                                        Phrase(.definedTwice, u.id, String(l)), expected: Phrase(.expectUniqueUnitIDs)))
            } else { firstLine[u.id] = u.source.line }
        }
        let roots = units.filter { $0.parent == nil }
        if roots.count != 1 {
            let lines = roots.map { String($0.source.line) }.joined(separator: ", ")
            diags.append(Diagnostic(.error, file: "units.csv", line: roots.dropFirst().first?.source.line, field: "parent",
                                    roots.isEmpty ? Phrase(.noRoot) : Phrase(.manyRoots, String(roots.count), lines),
                                    expected: Phrase(.expectOneRoot)))
        }
        for u in units {
            if let p = u.parent, tree.index[p] == nil {
                diags.append(Diagnostic(.error, file: u.source.file, line: u.source.line, field: "parent",
                                        Phrase(.notAUnitInUnits, p), expected: Phrase(.expectOtherUnit)))
            }
            if let s = u.successor, tree.index[s] == nil {
                diags.append(Diagnostic(.error, file: u.source.file, line: u.source.line, field: "successor",
                                        Phrase(.notAUnitInUnits, s), expected: Phrase(.expectSuccessor)))
            }
        }
        // Cycles in parent and successor chains.
        for (chain, field) in [(\OrgUnit.parent, "parent"), (\OrgUnit.successor, "successor")] {
            for u in units {
                var seen = Set<String>([u.id])
                var cur = u[keyPath: chain]
                while let c = cur, let next = tree[c] {
                    if !seen.insert(c).inserted {
                        if c == u.id {
                            diags.append(Diagnostic(.error, file: u.source.file, line: u.source.line, field: field,
                                                    Phrase(.chainCycle, field, u.id), expected: Phrase(.expectNoCycles)))
                        }
                        break
                    }
                    cur = next[keyPath: chain]
                }
            }
        }
        // indicators.yaml: reported_by
        let kinds = Set(units.map(\.kind))
        for ind in indicators {
            for r in ind.reportedBy ?? [] where !kinds.contains(r) && tree.index[r] == nil {
                diags.append(Diagnostic(.warning, file: ind.origin.file, line: ind.origin.line, field: "reported_by",
                                        Phrase(.reportedByMatchesNothing, r),
                                        expected: Phrase(.expectKindOrUnit, kinds.sorted().joined(separator: ", "))))
            }
        }
        var indByID = [String: Indicator]()
        for i in indicators { indByID[i.id] = i }
        // targets.csv
        for t in targets {
            if checkIndicators && indByID[t.indicator] == nil {
                diags.append(Diagnostic(.error, file: t.source.file, line: t.source.line, field: "indicator",
                                        Phrase(.notInCatalogue, t.indicator), expected: Phrase(.expectIndicatorID)))
            }
            if case .unit(let u) = t.scope, tree.index[u] == nil {
                diags.append(Diagnostic(.error, file: t.source.file, line: t.source.line, field: "unit",
                                        Phrase(.notInUnits, u), expected: Phrase(.expectTargetUnit)))
            }
        }
        // reports: resolve each row's unit and indicator once (the engine uses the indices),
        // and find duplicates by a packed integer key instead of hashing strings.
        var indIdx = [String: Int]()
        for (k, i) in indicators.enumerated() { indIdx[i.id] = k }
        resolved.units = [Int32](repeating: -1, count: reports.count)
        resolved.indicators = [Int32](repeating: -1, count: reports.count)
        var seen = [Int: Int]()
        seen.reserveCapacity(reports.count)
        var badUnits = Set<String>()
        var lastUnit = "", lastU = -1, lastInd = "", lastI = -1
        for (n, r) in reports.enumerated() {
            var ok = true
            if r.unit != lastUnit { lastUnit = r.unit; lastU = tree.index[r.unit] ?? -1 }
            if r.indicator != lastInd { lastInd = r.indicator; lastI = indIdx[r.indicator] ?? -1 }
            if lastU < 0 {
                ok = false
                if badUnits.count < 50 || !badUnits.contains(r.unit) {
                    diags.append(Diagnostic(.error, file: r.source.file, line: r.source.line, field: "unit",
                                            Phrase(.notInUnits, Fields.shown(r.unit)), expected: Phrase(.expectUnitID)))
                }
                badUnits.insert(r.unit)
            }
            if lastI >= 0 {
                let ind = indicators[lastI]
                let k = ind.frequency.periodKind
                let fits = ind.source == .reported ? r.period.kind == k : r.period.kind >= k
                if !fits {
                    ok = false
                    diags.append(Diagnostic(.error, file: r.source.file, line: r.source.line, field: "period",
                                            Phrase(.wrongPeriodKind, .text("\(r.period)"), .word(kindWord(r.period.kind)), .text(ind.id), .word(kindWord(k))),
                                            expected: Phrase(.expectPeriodSuchAs, example(k))))
                }
            } else if checkIndicators {
                ok = false
                diags.append(Diagnostic(.error, file: r.source.file, line: r.source.line, field: "indicator",
                                        Phrase(.notInCatalogue, Fields.shown(r.indicator)), expected: Phrase(.expectIndicatorID)))
            }
            guard ok else { continue }
            resolved.units[n] = Int32(lastU); resolved.indicators[n] = Int32(lastI)
            let periodCode = (r.period.year * 4 + Int(r.period.kind.rawValue)) * 16 + r.period.index
            let key = (periodCode << 40) | (lastU << 20) | lastI
            if let first = seen[key] {
                diags.append(Diagnostic(.error, file: r.source.file, line: r.source.line, field: "indicator",
                                        Phrase(.reportedTwice, r.indicator, r.unit, "\(r.period)", "\(reports[first].source)"),
                                        expected: Phrase(.expectOneValue)))
            } else { seen[key] = n }
        }
        for c in waitlist where tree.index[c.unit] == nil {
            diags.append(Diagnostic(.error, file: c.source.file, line: c.source.line, field: "unit",
                                    Phrase(.notInUnits, Fields.shown(c.unit)), expected: Phrase(.expectUnitID)))
        }
        for s in ip {
            for r in s.records where tree.index[r.unit] == nil {
                diags.append(Diagnostic(.error, file: s.file, line: Int(r.line), field: "unit",
                                        Phrase(.notInUnits, Fields.shown(r.unit)), expected: Phrase(.expectUnitID)))
            }
        }
        return diags
    }

    static func kindWord(_ k: Period.Kind) -> Problem { switch k { case .month: .wordMonth; case .tertial: .wordTertial; case .year: .wordYear } }
    static func example(_ k: Period.Kind) -> String { switch k { case .month: "2019-11"; case .tertial: "2019-T3"; case .year: "2019" } }
}
