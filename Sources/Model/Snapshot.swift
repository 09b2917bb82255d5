import Foundation

/// Traffic-light status of a value against its target.
public enum Status: String, Sendable, CaseIterable, Comparable {
    case red, yellow, missing, green, none
    /// Worst first.
    public static func < (a: Status, b: Status) -> Bool { a.rank < b.rank }
    var rank: Int { switch self { case .red: 0; case .yellow: 1; case .missing: 2; case .green: 3; case .none: 4 } }
    public var isDeviation: Bool { self == .red || self == .yellow || self == .missing }

    /// Status of `value` for the direction, target and warn threshold (data-format.md, "Status of a value").
    public static func of(_ value: Double, direction: Direction, target: Double?, warn: Double?) -> Status {
        guard let target, direction != .none else { return .none }
        switch direction {
        case .higher:
            if value >= target { return .green }
            if let warn, value >= warn { return .yellow }
            return .red
        case .lower:
            if value <= target { return .green }
            if let warn, value <= warn { return .yellow }
            return .red
        case .none:
            return .none
        }
    }
}

/// Where a value came from.
public enum ValueOrigin: String, Sendable {
    /// Reported by the unit itself.
    case reported
    /// Computed from the waitlist or IP register.
    case register
    /// Computed from a formula over other indicators.
    case formula
    /// A formula whose denominator is 0: no value, and this is why.
    case dividedByZero = "divided_by_zero"
    /// A formula whose numerator or denominator is built on fewer units than are due: the
    /// two may cover different units, so no value, and this is why.
    case operandsIncomplete = "operands_incomplete"
    /// Summed or averaged from the child units' own values.
    case aggregated
    /// Before the unit existed: computed from its predecessors.
    case carried
    /// Aggregated over the finer periods inside this one (a year from its tertials).
    case overTime
    /// No value.
    case none
}

/// A change between two values, judged by the indicator's direction.
public struct Change: Hashable, Sendable {
    public let delta: Double
    public let previous: Double
    /// true = better, false = worse, nil = no direction or no change.
    public let better: Bool?
    /// True when units were merged into this one between the two periods: `previous` is
    /// then the earlier figure with theirs included (the unit's own figure then did not
    /// hold their cases), so the change is not the merge itself. Which units:
    /// `Snapshot.merged(into:between:and:)`. (A flag, not their list: a change is copied
    /// with every cell, and a list would be retained and released each time.)
    public let acrossMerge: Bool

    public init(from previous: Double, to value: Double, direction: Direction, acrossMerge: Bool = false) {
        self.previous = previous; self.acrossMerge = acrossMerge
        delta = value - previous
        if delta == 0 || direction == .none { better = nil }
        else { better = (delta > 0) == (direction == .higher) }
    }
}

/// A data-quality problem, attached to the value it concerns.
public struct QualityWarning: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        /// A unit's own reported total differs from the sum of its units.
        case totalDiffers(reported: Double, computed: Double)
        /// A value that dropped to 0 from a stable, non-zero series.
        case dropToZero(typical: Double)
        /// A reported value differs from the same measure computed from a register or formula.
        case reportedDiffers(reported: Double, computed: Double)
        /// A report for a period in which the unit was not active.
        case outsideActiveDates
        /// A total built on a value below it that has a drop-to-zero warning.
        case builtOnSuspect(unit: String)
        /// A waitlist case decided before its application was received.
        case grantedBeforeReceived(caseID: String)
        /// A waitlist case allocated (or closed) before it was granted.
        case exitBeforeGranted(caseID: String)
        /// Over 4 weeks from application to decision without an interim reply (forvaltningsloven § 11a).
        case processingBreach(caseID: String, days: Int)
        /// A count far from its peers' per 100 of its denominator (`per:`): this unit's rate
        /// against the median rate of the other units that reported it.
        case outlier(rate: Double, peersMedian: Double)
    }

    public let kind: Kind
    public let unit: Int
    public let indicator: Int?
    public let period: Period
    public let source: SourceRef?
}

/// One computed value: a unit, an indicator and a period.
public struct Cell: Sendable {
    public var value: Double?
    public var origin: ValueOrigin = .none
    /// The value the unit reported itself, when it did (may differ from `value` for a total or a register measure).
    public var reported: Double?
    /// True when a report row exists, even one with an empty value ("reported as unknown").
    public var hasReportRow = false
    public var comment: String?
    public var reportSource: SourceRef?
    public var target: Double?
    public var warn: Double?
    public var status: Status = .none
    /// The unit itself had to report this value.
    public var due = false
    /// Due values that this value is built on, and how many of them are present.
    public var expected = 0
    public var present = 0
    public var change: Change?
    public var changeYear: Change?

    /// Built on fewer due values than expected: a partial total.
    public var isPartial: Bool { present < expected }
}

/// Everything computed from a Dataset: immutable; a reload builds a new one.
public struct Snapshot: Sendable {
    public let dataset: Dataset
    public let periods: [Period]
    public let periodIndex: [Period: Int]
    /// The first and last day of the reported data.
    public let spanStart: Day
    public let spanEnd: Day
    let slots: SlotStorage
    let prevP: [Int]
    /// Per period: its last day (asked per cell; made from the calendar it cost the
    /// `keys` benchmark 0.1 %).
    let ends: [Day]
    /// Per unit: the merges into it or below it (`mergedInto`).
    let absorbed: [[(pred: Int, into: Int)]]
    let yearP: [Int]
    /// Every data-quality warning, grouped by indicator (in catalogue order, then those
    /// without an indicator), each group in the order found.
    public let warnings: [QualityWarning]
    /// The range of `warnings` of each indicator, and last of those without one.
    let warningRanges: [Range<Int>]
    /// The register tables the cells were computed from, kept so that a reload in which
    /// only report files changed can reuse them.
    let registers: [Int: [Double?]]
    /// Memoised queries (deviations, completeness, waitlist views): the snapshot never
    /// changes, so each is computed once per unit and period.
    let cache = QueryCache()
    /// How long each step of the compute took (for the benchmark).
    public internal(set) var phases = Phases()

    public var tree: OrgTree { dataset.tree }
    public var indicators: [Indicator] { dataset.indicators }

    /// The register files are still being loaded (`Loader.load(registersLaterOver:)`).
    public var registersPending: Bool { dataset.registersPending }

    /// The indicator's figures come from a register, or from a formula over one, whose
    /// files are still being loaded: it has no figures yet, and none is shown as missing.
    public func isPending(indicator i: Int) -> Bool {
        registersPending && dependsOnRegister(i, depth: 0)
    }

    func dependsOnRegister(_ i: Int, depth: Int) -> Bool {
        let ind = indicators[i]
        if ind.source.isRegister { return true }
        guard ind.source == .formula, depth < 16, let f = ind.formula else { return false }
        return [f.numerator, f.denominator].contains { dataset.indicatorIndex[$0].map { dependsOnRegister($0, depth: depth + 1) } ?? false }
    }

    init(dataset: Dataset, periods: [Period], spanStart: Day, spanEnd: Day, slots: SlotStorage, prevP: [Int], yearP: [Int],
         warnings: [QualityWarning], warningRanges: [Range<Int>], registers: [Int: [Double?]]) {
        self.dataset = dataset; self.periods = periods; self.spanStart = spanStart; self.spanEnd = spanEnd
        var pi = [Period: Int]()
        for (i, p) in periods.enumerated() { pi[p] = i }
        self.periodIndex = pi
        self.slots = slots; self.prevP = prevP; self.yearP = yearP
        ends = periods.map(\.end)
        // For each unit, the succession links (a closed unit → the unit that took over)
        // ending at it or below it whose closed unit was not below it: the merges it absorbs.
        let tree = dataset.tree
        var absorbed = [[(pred: Int, into: Int)]](repeating: [], count: tree.units.count)
        for v in tree.units.indices {
            // Only a successor that already existed when the other closed absorbs it; a new
            // unit (Bergen Vest) carries its predecessors instead.
            for pred in tree.predecessors[v] where !Coverage.Link(tree, from: pred, to: v).alwaysHolds {
                let above = Set(tree.path(to: pred))
                for w in tree.path(to: v) where !above.contains(w) { absorbed[w].append((pred, v)) }
            }
        }
        self.absorbed = absorbed
        self.warnings = warnings; self.warningRanges = warningRanges; self.registers = registers
    }

    public func cell(indicator i: Int, unit u: Int, period p: Period) -> Cell? {
        guard let pi = periodIndex[p] else { return nil }
        return cell(i, u, pi)
    }

    /// Assembles the public cell from its slot: the report's comment and source, and the
    /// changes from the previous period and the same period a year before.
    func cell(_ i: Int, _ u: Int, _ p: Int) -> Cell? {
        let s = slots[i, u, p]
        guard s.exists else { return nil }
        var c = Cell()
        c.value = s.valueOrNil; c.origin = s.origin; c.hasReportRow = s.hasReportRow
        if s.report >= 0 {
            let r = dataset.reports[Int(s.report)]
            c.reported = r.value; c.comment = r.comment; c.reportSource = r.source
        }
        c.target = s.targetOrNil; c.warn = s.warnOrNil; c.status = s.status; c.due = s.due
        c.expected = Int(s.expected); c.present = Int(s.present)
        // A total built on fewer values than are due is incomplete: no verdict (it is not
        // red or green, only unfinished) and no change, which would compare unlike with like.
        // A value that is itself missing keeps its status, "missing".
        if c.isPartial && c.status != .missing { c.status = .none }
        if let v = c.value, !c.isPartial {
            let dir = dataset.indicators[i].direction
            // Compared only with a complete value, and only with a period in which the unit
            // existed or its documented predecessors did (Bergen Vest in 2019 is Laksevåg and
            // Fyllingsdalen; the new bosentre unit has no 2019 to compare with).
            func complete(_ q: Int) -> Double? {
                let s = slots[i, u, q]
                let end = ends[q]
                guard tree.units[u].isActive(on: end) || tree.predecessors[u].contains(where: { tree.units[$0].isActive(on: end) }) else { return nil }
                return s.present < s.expected ? nil : s.valueOrNil
            }
            // Across a merge into a unit that already existed, compared with the earlier
            // figure as if the merge had been made then (docs/data-format.md, "Units that merge").
            func change(from q: Int) -> Change? {
                guard q >= 0 else { return nil }
                let merged = mergedInto(u, from: ends[q], to: ends[p])
                if merged.isEmpty { return complete(q).map { Change(from: $0, to: v, direction: dir) } }
                guard complete(q) != nil, let pv = combined(i, [u] + merged, q, depth: 0) else { return nil }
                return Change(from: pv, to: v, direction: dir, acrossMerge: true)
            }
            c.change = change(from: prevP[p])
            c.changeYear = change(from: yearP[p])
        }
        return c
    }

    /// True when the unit's figure for the period is its predecessors' (the period ended
    /// before the unit started; Bergen Vest in 2019): reported, register and formula alike.
    public func isBuiltFromPredecessors(unit u: Int, period p: Period) -> Bool {
        guard let from = tree.units[u].from, p.end < from else { return false }
        return !tree.predecessors[u].isEmpty
    }

    /// The units merged into `u` after period `then` and by the end of `now` (a change
    /// between them with `acrossMerge`), by id.
    public func merged(into u: Int, between then: Period, and now: Period) -> [String] {
        mergedInto(u, from: then.end, to: now.end).map { tree.units[$0].id }
    }

    /// The units whose work passed to `u` (to it or to a unit below it) after `then` and by
    /// `now`, while `u` itself already existed: closed units it absorbed in between.
    func mergedInto(_ u: Int, from then: Day, to now: Day) -> [Int] {
        guard !absorbed[u].isEmpty else { return [] }
        return absorbed[u].filter { m in
            let link = Coverage.Link(tree, from: m.pred, to: m.into)
            return !link.holds(then.ordinal) && link.holds(now.ordinal)
        }.map(\.pred)
    }

    /// One figure over several units in period `q` (a unit and the units merged into it
    /// later): the sum where the indicator adds up over units (counts, a sum of reports),
    /// the largest for the longest wait, a formula from its combined operands; nil where
    /// no such figure exists (a median, a mean) or a part is missing or partial.
    func combined(_ i: Int, _ units: [Int], _ q: Int, depth: Int) -> Double? {
        let ind = dataset.indicators[i]
        func parts() -> [Double]? {
            var out = [Double]()
            for x in units {
                let s = slots[i, x, q]
                guard s.exists, s.present >= s.expected, let v = s.valueOrNil else { return nil }
                out.append(v)
            }
            return out
        }
        switch ind.source {
        case .formula:
            guard depth < 16, let f = ind.formula, let a = dataset.indicatorIndex[f.numerator], let b = dataset.indicatorIndex[f.denominator],
                  let n = combined(a, units, q, depth: depth + 1), let d = combined(b, units, q, depth: depth + 1), d != 0 else { return nil }
            return n / d * (ind.unit == .percent ? 100 : 1)
        case .waitlist:
            switch ind.waitlistMeasure {
            case .medianWaitDays?, nil: return nil
            case .maxWaitDays?: return parts()?.max()
            default: return parts()?.reduce(0, +)
            }
        case .ip, .brukerplan: return parts()?.reduce(0, +)
        case .reported: return ind.overUnits == .sum ? parts()?.reduce(0, +) : nil
        }
    }

    /// The period whose value an indicator shows when `p` is chosen: `p` itself, or for an
    /// indicator reported less often (an annual one in a tertial) the latest of its own
    /// periods that has ended by the end of `p` (T3 2020 → 2020, T1 2020 → 2019).
    public func shownPeriod(indicator i: Int, for p: Period) -> Period {
        let k = dataset.indicators[i].frequency.periodKind
        guard k > p.kind else { return p }
        let q = p.enclosing(k)
        return q.end > p.end ? q.previous : q
    }

    public func cell(_ indicator: String, _ unit: String, _ period: Period) -> Cell? {
        guard let i = dataset.indicatorIndex[indicator], let u = tree.index[unit] else { return nil }
        return cell(indicator: i, unit: u, period: period)
    }

    public func value(_ indicator: String, _ unit: String, _ period: Period) -> Double? {
        cell(indicator, unit, period)?.value
    }

    /// The warnings of one cell, in the order found: a scan of the indicator's own warnings
    /// (a few hundred at most on the benchmark), so no index over all of them is built.
    public func warnings(indicator i: Int, unit u: Int, period p: Period) -> [QualityWarning] {
        guard warningRanges.indices.contains(i) else { return [] }
        return warnings[warningRanges[i]].filter { $0.unit == u && $0.period == p }
    }

    public func warnings(_ indicator: String, _ unit: String, _ period: Period) -> [QualityWarning] {
        guard let i = dataset.indicatorIndex[indicator], let u = tree.index[unit] else { return [] }
        return warnings(indicator: i, unit: u, period: period)
    }

    /// Memoises a value derived from this snapshot (it never changes) under a key, for views
    /// that are costly to build; thread-safe.
    public func memo<T>(_ key: AnyHashable, _ make: () -> T) -> T { cache.memo(key, make) }

    /// Tertials within the data, oldest first.
    public var tertials: [Period] { periods.filter { $0.kind == .tertial } }

    /// The latest tertial that has ended by `today` and lies within the data; the default period of reports.
    public func latestTertial(endedBy today: Day) -> Period? {
        tertials.last { $0.end <= today && $0.end <= spanEnd } ?? tertials.last
    }
}

/// Memoised results of the snapshot's queries. Thread-safe; values only ever added.
final class QueryCache: @unchecked Sendable {
    struct Key: Hashable { let unit: Int; let period: Period }
    struct DayKey: Hashable { let unit: Int; let day: Day }
    private let lock = NSLock()
    private var deviations = [Key: [Deviation]]()
    private var completeness = [Key: Completeness]()
    private var scopes = [Key: [Int]]()
    private var waitlists = [DayKey: WaitlistView]()
    private var coverage: Coverage?
    private var caseUnits: [Int]?
    private var memo = [AnyHashable: Any]()

    func memo<T>(_ key: AnyHashable, _ make: () -> T) -> T {
        lock.lock()
        if let v = memo[key] as? T { lock.unlock(); return v }
        lock.unlock()
        let v = make()
        lock.lock(); memo[key] = v; lock.unlock()
        return v
    }

    func caseUnits(_ make: () -> [Int]) -> [Int] {
        lock.lock(); defer { lock.unlock() }
        if let c = caseUnits { return c }
        let c = make()
        caseUnits = c
        return c
    }

    func get<K: Hashable, V>(_ path: ReferenceWritableKeyPath<QueryCache, [K: V]>, _ key: K, _ make: () -> V) -> V {
        lock.lock()
        if let v = self[keyPath: path][key] { lock.unlock(); return v }
        lock.unlock()
        let v = make()
        lock.lock(); self[keyPath: path][key] = v; lock.unlock()
        return v
    }

    func deviations(_ k: Key, _ make: () -> [Deviation]) -> [Deviation] { get(\.deviations, k, make) }
    func completeness(_ k: Key, _ make: () -> Completeness) -> Completeness { get(\.completeness, k, make) }
    func scope(_ k: Key, _ make: () -> [Int]) -> [Int] { get(\.scopes, k, make) }
    func waitlist(_ k: DayKey, _ make: () -> WaitlistView) -> WaitlistView { get(\.waitlists, k, make) }
    /// Takes over the views that depend on the waitlist and the organisation alone (waitlist
    /// views, coverage, each case's unit) from the cache of a snapshot with the same
    /// waitlist and units: a reload of report rows need not build them again.
    func inheritRegisterViews(from other: QueryCache) {
        other.lock.lock()
        let (w, c, u) = (other.waitlists, other.coverage, other.caseUnits)
        other.lock.unlock()
        lock.lock(); defer { lock.unlock() }
        waitlists.merge(w) { mine, _ in mine }
        coverage = coverage ?? c
        caseUnits = caseUnits ?? u
    }

    func coverage(_ make: () -> Coverage) -> Coverage {
        lock.lock(); defer { lock.unlock() }
        if let c = coverage { return c }
        let c = make()
        coverage = c
        return c
    }
}
