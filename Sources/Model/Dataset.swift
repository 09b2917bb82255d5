/// Where a row came from, for diagnostics and for "see the source" in the UI.
public struct SourceRef: Hashable, Sendable, CustomStringConvertible {
    public let file: String
    public let line: Int
    public init(file: String, line: Int) { self.file = file; self.line = line }
    public var description: String { "\(file):\(line)" }
}

public struct OrgUnit: Hashable, Sendable {
    public let id: String
    public let name: String
    public let parent: String?
    public let kind: String
    public let from: Day?
    public let to: Day?
    public let successor: String?
    /// Short display name for lists (units.csv column `short`, an addition to format v1).
    public let short: String?
    public let source: SourceRef

    public init(id: String, name: String, parent: String?, kind: String, from: Day?, to: Day?, successor: String?,
                short: String? = nil, source: SourceRef) {
        self.id = id; self.name = name; self.parent = parent; self.kind = kind
        self.from = from; self.to = to; self.successor = successor; self.short = short; self.source = source
    }

    /// The short name when there is one, else the name.
    public var shortName: String { short ?? name }

    public func isActive(on d: Day) -> Bool {
        (from.map { $0 <= d } ?? true) && (to.map { d <= $0 } ?? true)
    }
    /// True when the unit's active dates overlap the period.
    public func overlaps(_ p: Period) -> Bool {
        (from.map { $0 <= p.end } ?? true) && (to.map { p.start <= $0 } ?? true)
    }
}

/// The organisation tree, indexed. Units are addressed by their position in `units`.
public struct OrgTree: Sendable {
    /// The deepest a unit may be below the root (the etat is 0; Bergen has 3 levels).
    public static let maxDepth = 64

    public let units: [OrgUnit]
    public let index: [String: Int]
    public let root: Int
    public let parent: [Int?]
    public let children: [[Int]]
    /// Direct predecessors: units whose `successor` is this unit.
    public let predecessors: [[Int]]
    /// Depth below the root (root = 0).
    public let depth: [Int]
    /// Units in depth-first pre-order (root first, children by name).
    public let preorder: [Int]

    public init(units: [OrgUnit]) {
        self.units = units
        var index = [String: Int]()
        for (i, u) in units.enumerated() { index[u.id] = i }
        self.index = index
        var parent = [Int?](repeating: nil, count: units.count)
        var children = [[Int]](repeating: [], count: units.count)
        var preds = [[Int]](repeating: [], count: units.count)
        var root = 0
        for (i, u) in units.enumerated() {
            if let p = u.parent, let pi = index[p] { parent[i] = pi; children[pi].append(i) } else if u.parent == nil { root = i }
            if let s = u.successor, let si = index[s] { preds[si].append(i) }
        }
        self.parent = parent; self.children = children; self.predecessors = preds; self.root = root
        var depth = [Int](repeating: 0, count: units.count)
        var order = [Int]()
        var stack = units.isEmpty ? [] : [root]
        var seen = Set<Int>()
        while let u = stack.popLast() {
            guard seen.insert(u).inserted else { continue }
            order.append(u)
            for c in children[u].reversed() { depth[c] = depth[u] + 1; stack.append(c) }
        }
        self.depth = depth; self.preorder = order
    }

    public subscript(id: String) -> OrgUnit? { index[id].map { units[$0] } }

    /// Children active at the given day.
    public func activeChildren(_ u: Int, on d: Day) -> [Int] {
        children[u].filter { units[$0].isActive(on: d) }
    }

    /// The unit and all units below it.
    public func subtree(_ u: Int) -> [Int] {
        var out = [u], i = 0
        while i < out.count { out.append(contentsOf: children[out[i]]); i += 1 }
        return out
    }

    /// All predecessors, transitively (units whose successor chain ends here).
    public func allPredecessors(_ u: Int) -> [Int] {
        var out = [Int](), stack = predecessors[u], seen = Set<Int>()
        while let p = stack.popLast() {
            guard seen.insert(p).inserted else { continue }
            out.append(p); stack.append(contentsOf: predecessors[p])
        }
        return out
    }

    /// The ids of a unit, the units below it, and the units any of them continues (Bergen
    /// Vest's scope holds Fyllingsdalen of 2019): whose follow-up belongs to the unit.
    public func scopeIDs(_ u: Int) -> Set<String> {
        let below = subtree(u)
        return Set((below + below.flatMap(allPredecessors)).map { units[$0].id })
    }

    /// Path from the root to the unit, inclusive.
    public func path(to u: Int) -> [Int] {
        var out = [u]
        var p = parent[u]
        while let x = p { out.append(x); p = parent[x] }
        return out.reversed()
    }
}

public enum Frequency: String, Sendable, CaseIterable {
    case month, tertial, year
    public var periodKind: Period.Kind { switch self { case .month: .month; case .tertial: .tertial; case .year: .year } }
}
public enum ValueUnit: String, Sendable, CaseIterable { case count, percent, days, kr }
public enum Direction: String, Sendable, CaseIterable { case higher, lower, none }
public enum OverTime: String, Sendable, CaseIterable { case last, sum, mean }
public enum OverUnits: String, Sendable, CaseIterable { case sum, mean, none }
public enum IndicatorSource: String, Sendable, CaseIterable {
    case reported, ip, waitlist, formula, brukerplan
    /// Computed from a register file (waitlist, IP, BrukerPlan), not reported or a formula:
    /// the kind of file of that name is a register (`SourceKind.register`, one definition).
    public var isRegister: Bool { IndicatorSource.registers.contains(self) }
    /// Worked out once from `DataSources.all` (asked for every figure a panel draws).
    static let registers = Set(allCases.filter { s in DataSources.all.contains { $0.register && $0.name == s.rawValue } })
}

public enum Housing: String, Sendable, CaseIterable, Hashable {
    case ombps2 = "OMBPS2", ombps3 = "OMBPS3", ombps4 = "OMBPS4", bosenter = "BOSENTER"

    /// A category in any case (`ombps3`, `Bosenter`). Written as the contract writes it
    /// (upper case), it is found by plain comparisons before any case-folding (issue 27:
    /// `init(rawValue:)` of the folded text cost 330 instructions a waitlist row). The raw
    /// values are written out rather than compared in a loop over `allCases`: that loop, tried
    /// in review, cost `check` 34 million instructions more (it builds the array per call).
    static func parse(_ s: String) -> Housing? {
        if s == "OMBPS2" { return .ombps2 }
        if s == "OMBPS3" { return .ombps3 }
        if s == "OMBPS4" { return .ombps4 }
        if s == "BOSENTER" { return .bosenter }
        return Housing(rawValue: s.uppercased())
    }
}

public enum LivingNow: String, Sendable, CaseIterable, Hashable {
    case bostedslos, annetOmsorgsniva = "annet_omsorgsniva", helseBergen = "helse_bergen", dps, kjopAvPlass = "kjop_av_plass", annet

    /// A living situation in any case; as the contract writes it (lower case) by plain
    /// comparisons first, as `Housing.parse`.
    static func parse(_ s: String) -> LivingNow? {
        if s == "bostedslos" { return .bostedslos }
        if s == "annet_omsorgsniva" { return .annetOmsorgsniva }
        if s == "helse_bergen" { return .helseBergen }
        if s == "dps" { return .dps }
        if s == "kjop_av_plass" { return .kjopAvPlass }
        if s == "annet" { return .annet }
        return LivingNow(rawValue: s.lowercased())
    }
}

public enum IPMeasure: String, Sendable, CaseIterable {
    case targetGroup = "target_group", withPlan = "with_plan", groupWithoutPlan = "group_without_plan"
    case declined, withCoordinator = "with_coordinator", evaluationOverdue = "evaluation_overdue"
    /// Extension to format v1: users in the target group with an IP and/or an ansvarsgruppe (Table 2's budget goal).
    case planOrGroup = "plan_or_group"
}

public enum WaitlistMeasure: String, Sendable, CaseIterable {
    case waiting, dischargeReady = "discharge_ready", homeless
    case medianWaitDays = "median_wait_days", maxWaitDays = "max_wait_days"
    case granted, allocated, leftWithoutPlace = "left_without_place"
    /// Extension to format v1: applications decided in the period that took over 4 weeks without an interim reply.
    case processingBreaches = "processing_breaches"

    public var isFlow: Bool {
        switch self { case .granted, .allocated, .leftWithoutPlace, .processingBreaches: true; default: false }
    }
}

public struct Indicator: Hashable, Sendable {
    public var id: String
    public var name: String
    public var description: String?
    public var perspective: Perspective
    public var category: String?
    public var frequency: Frequency = .tertial
    /// Whether the catalogue set `frequency` (a formula without it inherits its operands').
    public var frequencyGiven = false
    public var unit: ValueUnit = .count
    public var direction: Direction = .none
    public var overTime: OverTime = .last
    public var overUnits: OverUnits = .sum
    public var source: IndicatorSource = .reported
    public var ipMeasure: IPMeasure?
    public var waitlistMeasure: WaitlistMeasure?
    public var brukerPlanMeasure: BrukerPlanMeasure?
    /// Waitlist filters; empty = all.
    public var housing: Set<Housing> = []
    public var livingNow: Set<LivingNow> = []
    /// Unit kinds or ids that must report it; nil = every active unit without children.
    public var reportedBy: [String]?
    public var formula: Formula?
    /// The indicator a count is compared per 100 of across units (`per: ip_target_group`):
    /// the compare screen's normalised view.
    public var per: String?
    /// An outlier is more than this many times its peers' median per 100, or less than
    /// its inverse (`outlier_ratio`, default 4) …
    public var outlierRatio: Double = 4
    /// … or has a robust z-score (median and MAD of all the units) above this (`outlier_z`, default 3.5).
    public var outlierZ: Double = 3.5
    public var target: Double?
    public var warn: Double?
    public var origin: SourceRef

    public init(id: String, source: SourceRef) {
        self.id = id; self.name = id; self.perspective = .users; self.origin = source
    }
}

/// `numerator / denominator`, two indicator ids; a percent indicator multiplies by 100.
public struct Formula: Hashable, Sendable {
    public let numerator: String
    public let denominator: String
    public init(numerator: String, denominator: String) { self.numerator = numerator; self.denominator = denominator }
}

public struct TargetRule: Hashable, Sendable {
    public enum Scope: Hashable, Sendable { case root, everyDueUnit, unit(String) }
    public let indicator: String
    public let scope: Scope
    public let from: Period?
    public let target: Double?
    public let warn: Double?
    public let source: SourceRef
}

/// One report row, with the file it came from. A dataset stores its rows without the file
/// (`ReportRow`, 72 bytes: the file is its chunk's) and hands out this form.
public struct Report: Hashable, Sendable {
    public let unit: String
    public let indicator: String
    public let comment: String?
    private let file: String
    private let valueBits: Double
    public let period: Period
    private let line32: Int32

    public init(period: Period, unit: String, indicator: String, value: Double?, comment: String?, source: SourceRef) {
        self.unit = unit; self.indicator = indicator; self.comment = comment
        file = source.file; valueBits = value ?? .nan; self.period = period; line32 = Int32(clamping: source.line)
    }

    init(_ row: ReportRow, file: String) {
        unit = row.unit; indicator = row.indicator; comment = row.comment
        self.file = file; valueBits = row.valueBits; period = row.period; line32 = row.line32
    }

    var row: ReportRow { ReportRow(period: period, unit: unit, indicator: indicator, valueBits: valueBits, comment: comment, line: line32) }
    var fileName: String { file }

    /// nil = reported as unknown.
    public var value: Double? { valueBits.isNaN ? nil : valueBits }
    public var source: SourceRef { SourceRef(file: file, line: Int(line32)) }

    // By the optional value, not its bits: an empty value equals itself (NaN would not).
    public static func == (a: Report, b: Report) -> Bool {
        a.period == b.period && a.unit == b.unit && a.indicator == b.indicator && a.value == b.value && a.comment == b.comment
            && a.file == b.file && a.line32 == b.line32
    }
    public func hash(into h: inout Hasher) {
        h.combine(period); h.combine(unit); h.combine(indicator); h.combine(value); h.combine(comment); h.combine(file); h.combine(line32)
    }
}

public struct WaitCase: Hashable, Sendable {
    public let id: String
    public let unit: String
    public let housing: Housing
    public let leftReason: String?
    public let livingNow: LivingNow?
    public let dischargeReady: Bool
    public let source: SourceRef
    // Dates as 32-bit day numbers (Int32.min = none): a register of 200 000 cases is ~12 MB smaller.
    private let receivedDay: Int32, grantedDay: Int32, interimDay: Int32, allocatedDay: Int32, leftDay: Int32

    private static func pack(_ d: Day?) -> Int32 { d.map { Int32($0.ordinal) } ?? .min }
    private static func unpack(_ v: Int32) -> Day? { v == .min ? nil : Day(ordinal: Int(v)) }

    /// The granted, allocated and left days as packed (Int32.min = none), for the forecast's
    /// pass over every case.
    var packedExitDays: (granted: Int32, allocated: Int32, left: Int32) { (grantedDay, allocatedDay, leftDay) }

    public var received: Day? { WaitCase.unpack(receivedDay) }
    public var granted: Day { Day(ordinal: Int(grantedDay)) }
    public var interimReply: Day? { WaitCase.unpack(interimDay) }
    public var allocated: Day? { WaitCase.unpack(allocatedDay) }
    public var left: Day? { WaitCase.unpack(leftDay) }

    public init(id: String, unit: String, housing: Housing, received: Day?, granted: Day, interimReply: Day?, allocated: Day?,
                left: Day?, leftReason: String?, livingNow: LivingNow?, dischargeReady: Bool, source: SourceRef) {
        self.id = id; self.unit = unit; self.housing = housing; self.leftReason = leftReason; self.livingNow = livingNow
        self.dischargeReady = dischargeReady; self.source = source
        receivedDay = WaitCase.pack(received); grantedDay = Int32(granted.ordinal); interimDay = WaitCase.pack(interimReply)
        allocatedDay = WaitCase.pack(allocated); leftDay = WaitCase.pack(left)
    }

    /// The day the case left the list (allocated or left), if it has.
    public var exit: Day? {
        switch (allocated, left) {
        case let (a?, l?): return min(a, l)
        case let (a?, nil): return a
        case let (nil, l?): return l
        default: return nil
        }
    }

    /// Waiting on D: granted ≤ D and neither allocated nor left ≤ D.
    public func isWaiting(on d: Day) -> Bool {
        granted <= d && (exit.map { $0 > d } ?? true)
    }

    /// Case processing time in days (granted − received).
    public var processingDays: Int? { received.map { granted - $0 } }

    /// Over 4 weeks from application to decision without a foreløpig svar (forvaltningsloven § 11a).
    public var isProcessingBreach: Bool {
        guard let received, granted - received > 28 else { return false }
        guard let interimReply else { return true }
        return interimReply - received > 28
    }
}

public struct IPRecord: Hashable, Sendable {
    // No pseudonym: it is checked once per file (a user once a snapshot) and nothing else
    // reads it, so it is not kept (less held about a person, and no `String` made for each
    // of 600 000 records; issue 27).
    /// The unit, as an index into the snapshot's `units` (`IPSnapshot.unit(of:)`): a file
    /// names a few dozen units over 20 000 records, so each unit id is read, checked and
    /// looked up once per file, and a record holds nothing to retain (issue 27).
    public let unitRef: Int32
    public let targetGroup: Bool
    public let plan: Bool
    public let group: Bool
    public let declined: Bool
    public let coordinator: Bool
    public let evaluated: Day?
    /// Line in the snapshot's file (the file is `IPSnapshot.file`); 600 000 records need no copy of its name.
    public let line: Int32
}

public struct IPSnapshot: Hashable, Sendable {
    public let period: Period
    public let file: String
    public let records: [IPRecord]
    /// The unit ids the records name, as written (trimmed), each once, in the order first named.
    public let units: [String]

    public init(period: Period, file: String, records: [IPRecord], units: [String]) {
        self.period = period; self.file = file; self.records = records; self.units = units
    }

    /// A record's unit id, as written.
    public func unit(of r: IPRecord) -> String { units[Int(r.unitRef)] }
}

/// A loaded, validated data directory. Immutable.
/// The report rows of a dataset, file by file, addressed as one collection. A reload that
/// re-reads one report file shares every other file's rows with the dataset before it,
/// where one flat array would copy all of them (30 ms for 324 000 rows on the benchmark).
public struct ReportRows: RandomAccessCollection, Sendable {
    let chunks: [ReportChunk]
    /// The index of each chunk's first row.
    let starts: [Int]
    public let endIndex: Int
    public var startIndex: Int { 0 }

    /// Rows from any files, in order: a chunk per run of rows from one file.
    public init(_ rows: [Report]) {
        var chunks = [ReportChunk]()
        var k = 0
        while k < rows.count {
            let file = rows[k].fileName
            var j = k
            while j < rows.count && rows[j].fileName == file { j += 1 }
            chunks.append(ReportChunk(file: file, rows: rows[k..<j].map(\.row)))
            k = j
        }
        self.init(chunks: chunks)
    }

    init(chunks: [ReportChunk]) {
        self.chunks = chunks
        var starts = [Int](), n = 0
        starts.reserveCapacity(chunks.count)
        for c in chunks { starts.append(n); n += c.rows.count }
        self.starts = starts
        endIndex = n
    }

    public subscript(k: Int) -> Report {
        precondition(k >= 0 && k < endIndex, "report index out of range")
        if chunks.count == 1 { return Report(chunks[0].rows[k], file: chunks[0].file) }
        // The last chunk that starts at or before k (empty chunks share a start with the next).
        var lo = 0, hi = starts.count
        while lo < hi { let mid = (lo + hi) / 2; if starts[mid] <= k { lo = mid + 1 } else { hi = mid } }
        var c = lo - 1
        while k - starts[c] >= chunks[c].rows.count { c += 1 }
        return Report(chunks[c].rows[k - starts[c]], file: chunks[c].file)
    }

    /// Chunk by chunk, without a search per row.
    public struct Iterator: IteratorProtocol {
        let chunks: [ReportChunk]
        var c = 0, j = 0
        public mutating func next() -> Report? {
            while c < chunks.count {
                if j < chunks[c].rows.count { j += 1; return Report(chunks[c].rows[j - 1], file: chunks[c].file) }
                c += 1; j = 0
            }
            return nil
        }
    }
    public func makeIterator() -> Iterator { Iterator(chunks: chunks) }

    /// Each stored row with its index, in order, without building a `Report` (and retaining
    /// its file) per row: for the passes over every row.
    @inline(__always) func forEachRow(_ body: (Int, ReportRow) -> Void) {
        var k = 0
        for c in chunks {
            c.rows.withUnsafeBufferPointer { rows in
                for r in rows { body(k, r); k += 1 }
            }
        }
    }
}

/// A report row as a dataset stores it: a `Report` without its file, which its chunk holds
/// (72 bytes instead of 88: 43 MB less for the 2.7 million rows at 8× units). The value is
/// NaN for empty (a parsed number is never NaN), the line 32 bits, the strings first so
/// nothing is padded.
struct ReportRow: Sendable {
    let unit: String
    let indicator: String
    let comment: String?
    let valueBits: Double
    let period: Period
    let line32: Int32

    init(period: Period, unit: String, indicator: String, valueBits: Double, comment: String?, line: Int32) {
        self.unit = unit; self.indicator = indicator; self.comment = comment
        self.valueBits = valueBits; self.period = period; line32 = line
    }
}

/// The rows of one report file.
struct ReportChunk: Sendable {
    let file: String
    let rows: [ReportRow]
}

/// One report file's rows in `Dataset.reports`.
struct ReportFile: Sendable {
    let file: String
    let range: Range<Int>
    /// The first and last day of the periods of its rows (nil when it has none).
    let first: Day?, last: Day?
}

/// A dataset's difference from the one loaded before it (generation `base`): the same
/// units, catalogue, targets and registers; only report rows differ, of these indicators.
/// Every other indicator's rows are the same, at the same place within their files.
struct DatasetDelta: Sendable {
    let base: Int
    let changedIndicators: Set<Int>
    /// The base was a staged first load without its registers (`registersPending`) and
    /// only the register files were read since: the register indicators, and what is built
    /// on them, are computed; the reported ones are taken from the base.
    var registersAdded = false
}

public struct Dataset: Sendable {
    public let directory: String
    public let tree: OrgTree
    public let indicators: [Indicator]
    public let indicatorIndex: [String: Int]
    public let targets: [TargetRule]
    public let reports: ReportRows
    public let waitlist: [WaitCase]
    public let ip: [IPSnapshot]
    /// BrukerPlan mappings, oldest first.
    public let brukerplan: [BPMapping]
    /// Warnings and notices from loading (a dataset exists only without errors).
    public internal(set) var diagnostics: [Diagnostic]
    /// For each report, its unit and indicator index, resolved once by the validator.
    let reportUnit: [Int32]
    let reportIndicator: [Int32]
    /// Where each report file's rows are in `reports`, with the first and last day of their
    /// periods (set by the Loader; empty for a dataset built in code).
    var reportFiles: [ReportFile] = []
    /// The Loader's count of loads that produced this dataset (0 for one built in code).
    public internal(set) var generation = 0
    /// What differs from the dataset of the previous load, when only report files changed:
    /// the engine then recomputes those indicators alone (`Engine.compute(_:previous:)`).
    var delta: DatasetDelta? = nil
    /// The register files were left out of this load, to be loaded next
    /// (`Loader.load(registersLaterOver:)`): their indicators have no figures yet.
    public internal(set) var registersPending = false
    /// The catalogue's settings (top-level keys of indicators.yaml besides `indicators`).
    public internal(set) var settings = CatalogueSettings()

    public init(directory: String, tree: OrgTree, indicators: [Indicator], targets: [TargetRule],
                reports: [Report], waitlist: [WaitCase], ip: [IPSnapshot], brukerplan: [BPMapping] = [], diagnostics: [Diagnostic]) {
        self.init(directory: directory, tree: tree, indicators: indicators, targets: targets, reports: ReportRows(reports), waitlist: waitlist,
                  ip: ip, brukerplan: brukerplan, diagnostics: diagnostics, resolved: nil)
    }

    init(directory: String, tree: OrgTree, indicators: [Indicator], targets: [TargetRule], reports: ReportRows, waitlist: [WaitCase],
         ip: [IPSnapshot], brukerplan: [BPMapping] = [], diagnostics: [Diagnostic], resolved: (units: [Int32], indicators: [Int32])?) {
        self.directory = directory; self.tree = tree; self.indicators = indicators
        var idx = [String: Int]()
        for (i, ind) in indicators.enumerated() { idx[ind.id] = i }
        self.indicatorIndex = idx
        if let resolved {
            reportUnit = resolved.units; reportIndicator = resolved.indicators
        } else {
            reportUnit = reports.map { Int32(tree.index[$0.unit] ?? -1) }
            reportIndicator = reports.map { Int32(idx[$0.indicator] ?? -1) }
        }
        self.targets = targets; self.reports = reports; self.waitlist = waitlist; self.ip = ip
        self.brukerplan = brukerplan.sorted { $0.year < $1.year }
        self.diagnostics = diagnostics
    }

    public func indicator(_ id: String) -> Indicator? { indicatorIndex[id].map { indicators[$0] } }
}

/// Settings of the catalogue: keys of indicators.yaml beside `indicators` (an addition to v1).
public struct CatalogueSettings: Sendable, Equatable {
    /// `forecast_window_months`: how many months of grants the waitlist forecast is built on.
    public var forecastWindowMonths = WaitlistForecast.defaultWindowMonths
    public static let forecastWindowRange = 3...120
    public init() {}
}
