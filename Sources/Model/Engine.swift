import Foundation

/// Computes a Snapshot from a Dataset: every value for every unit, indicator and
/// period, with targets, status, changes and data-quality warnings. The rules are the
/// ones in docs/data-format.md; each is implemented once, here or in `Registers`.
public enum Engine {
    public static func compute(_ dataset: Dataset) -> Snapshot {
        compute(dataset, previous: nil)
    }

    /// Computes the snapshot of a reload. When the Loader found that only report rows
    /// changed since `previous` was computed (`Dataset.delta`), only the indicators with
    /// changed rows, and the formulas and outlier checks built on them, are computed again;
    /// every other indicator's cells and warnings, and the register tables, are taken from
    /// `previous` (shared, not copied). The result is the same as a full compute (tested).
    public static func compute(_ dataset: Dataset, previous: Snapshot?) -> Snapshot {
        var phases = Phases()
        let c = Computation(dataset, previous: previous)
        phases.mark("setup")
        return c.run(phases)
    }
}

/// The compact form of a cell the engine stores (40 bytes): NaN stands for "no value",
/// the report is an index (its value, comment and source are read from it), and three
/// flags share a byte, so a million cells fit in 40 MB. `Snapshot.cell` assembles the
/// public `Cell` from it.
struct Slot: Sendable {
    var value = Double.nan, target = Double.nan, warn = Double.nan
    var report: Int32 = -1
    var expected: Int32 = 0, present: Int32 = 0
    var status: Status = .none
    var origin: ValueOrigin = .none
    var flags: UInt8 = 0

    var due: Bool { get { flags & 1 != 0 } set { flags = newValue ? flags | 1 : flags & ~1 } }
    var hasReportRow: Bool { get { flags & 2 != 0 } set { flags = newValue ? flags | 2 : flags & ~2 } }
    var exists: Bool { get { flags & 4 != 0 } set { flags = newValue ? flags | 4 : flags & ~4 } }

    var valueOrNil: Double? { value.isNaN ? nil : value }
    var targetOrNil: Double? { target.isNaN ? nil : target }
    var warnOrNil: Double? { warn.isNaN ? nil : warn }
}

/// One indicator's slots, `[unit * periods + period]`: written by the engine's thread for
/// that indicator and read-only afterwards, so a reload in which the indicator did not
/// change shares the block with the snapshot before it.
final class SlotBlock: @unchecked Sendable {
    let ptr: UnsafeMutablePointer<Slot>
    let count: Int
    init(count: Int) {
        self.count = count
        ptr = .allocate(capacity: max(1, count))
        ptr.initialize(repeating: Slot(), count: count)
    }
    init(copying other: SlotBlock) {
        count = other.count
        ptr = .allocate(capacity: max(1, count))
        ptr.initialize(from: other.ptr, count: count)
    }
    deinit { ptr.deinitialize(count: count); ptr.deallocate() }
}

/// Where each cell's slot is. An indicator has cells only in the periods of its own kind
/// and coarser (a tertial indicator has tertials and years, no months), so its block holds
/// units × those periods and nothing for the others: a third of the slots of the generated
/// dataset were such placeholders before.
struct SlotLayout: Sendable {
    let nU: Int, nP: Int
    /// Per kind (`kind * nP + period`): the period's place among that kind's stored periods, or -1.
    let local: [Int32]
    /// Per kind: the stored periods' indices, in order.
    let stored: [[Int]]
    /// Per indicator: its kind (raw value) and the number of stored periods.
    let kind: [Int], stride: [Int]

    init(periods: [Period], units nU: Int, kinds: [Period.Kind]) {
        self.nU = nU; nP = periods.count
        var local = [Int32](repeating: -1, count: Period.Kind.allCases.count * periods.count)
        var stored = [[Int]]()
        for k in Period.Kind.allCases {
            let ps = periods.indices.filter { periods[$0].kind >= k }
            for (l, p) in ps.enumerated() { local[Int(k.rawValue) * periods.count + p] = Int32(l) }
            stored.append(ps)
        }
        self.local = local; self.stored = stored
        kind = kinds.map { Int($0.rawValue) }
        stride = kinds.map { stored[Int($0.rawValue)].count }
    }

    /// The number of slots of indicator `i`.
    func size(_ i: Int) -> Int { nU * stride[i] }

    /// The slot of a cell within its indicator's block, or -1 when the indicator has no cell
    /// in that period (a month of a tertial indicator).
    @inline(__always) func at(_ i: Int, _ u: Int, _ p: Int) -> Int {
        let l = Int(local[kind[i] * nP + p])
        return l < 0 ? -1 : u * stride[i] + l
    }

    /// The periods in which indicator `i` has cells.
    func periods(of i: Int) -> [Int] { stored[kind[i]] }
}

/// The slots of a snapshot, a block per indicator.
final class SlotStorage: @unchecked Sendable {
    let blocks: [SlotBlock]
    let layout: SlotLayout
    init(blocks: [SlotBlock], layout: SlotLayout) { self.blocks = blocks; self.layout = layout }
    /// The slot of a cell; an empty one (no cell) in a period finer than the indicator's.
    @inline(__always) subscript(i: Int, u: Int, p: Int) -> Slot {
        let l = layout.at(i, u, p)
        return l < 0 ? Slot() : blocks[i].ptr[l]
    }
}

/// What the engine reads of an indicator on every cell, without copying its strings.
struct IndicatorInfo {
    let freq: Period.Kind
    let source: IndicatorSource
    let overUnits: OverUnits
    let overTime: OverTime
    let direction: Direction
    let percent: Bool
    let target: Double?
    let warn: Double?
    init(_ i: Indicator) {
        freq = i.frequency.periodKind; source = i.source; overUnits = i.overUnits; overTime = i.overTime
        direction = i.direction; percent = i.unit == .percent; target = i.target; warn = i.warn
    }
}

/// A waitlist case as the engine reads it: integers only, no strings to retain.
struct CaseRow {
    let granted: Int, exit: Int, allocated: Int, left: Int
    let unit: Int
    let housing: Housing
    let living: LivingNow?
    let dischargeReady: Bool
    let breach: Bool
    static let never = Int.max

    /// The period ends (indices into sorted `dates`) on which the case waits: from the first
    /// on or after its decision to the last before its exit (granted ≤ D < exit).
    func waitingDates(_ dates: [Int]) -> Range<Int> {
        func firstAtOrAfter(_ day: Int) -> Int {
            var lo = 0, hi = dates.count
            while lo < hi { let mid = (lo + hi) / 2; if dates[mid] < day { lo = mid + 1 } else { hi = mid } }
            return lo
        }
        let a = firstAtOrAfter(granted), b = exit == CaseRow.never ? dates.count : firstAtOrAfter(exit)
        return a..<max(a, b)
    }
}

/// A unit id → index lookup that remembers the last id asked for: register files are
/// written unit by unit, so most rows ask for the unit of the row before.
struct UnitLookup {
    let index: [String: Int]
    var lastID = "", lastIndex = -1
    init(_ tree: OrgTree) { index = tree.index }
    mutating func index(_ id: String) -> Int {
        if id != lastID { lastID = id; lastIndex = index[id] ?? -1 }
        return lastIndex
    }
}

/// The waitlist as the engine reads it, once for all its indicators: integer rows in order
/// of decision (oldest first, by a counting sort over the days), so that every sweep reads
/// them in memory order.
struct WaitlistRows {
    let rows: [CaseRow]
    init(_ ds: Dataset, _ lookup: UnitLookup) {
        var lookup = lookup
        var read = [CaseRow]()
        read.reserveCapacity(ds.waitlist.count)
        var lo = Int.max, hi = Int.min
        for c in ds.waitlist {
            let r = CaseRow(granted: c.granted.ordinal, exit: c.exit?.ordinal ?? CaseRow.never, allocated: c.allocated?.ordinal ?? CaseRow.never,
                            left: c.left?.ordinal ?? CaseRow.never, unit: lookup.index(c.unit), housing: c.housing, living: c.livingNow,
                            dischargeReady: c.dischargeReady, breach: c.isProcessingBreach)
            lo = min(lo, r.granted); hi = max(hi, r.granted)
            read.append(r)
        }
        guard !read.isEmpty else { rows = []; return }
        if hi - lo > 4 * read.count + 100_000 {
            // Dates too far apart for a table of days: a comparison sort (stable by index).
            rows = read.indices.sorted { (read[$0].granted, $0) < (read[$1].granted, $1) }.map { read[$0] }
            return
        }
        var start = [Int](repeating: 0, count: hi - lo + 2)
        for r in read { start[r.granted - lo + 1] += 1 }
        for d in 1..<start.count { start[d] += start[d - 1] }
        let sorted = [CaseRow](unsafeUninitializedCapacity: read.count) { buf, n in
            for r in read { buf.baseAddress!.advanced(by: start[r.granted - lo]).initialize(to: r); start[r.granted - lo] += 1 }
            n = read.count
        }
        rows = sorted
    }
}

/// One Fenwick tree per unit over day offsets: add and remove a case's day, count them,
/// and find the day at a rank, each in O(log days).
struct RankTrees {
    let size: Int, step: Int
    var tree: [Int32]
    var totals: [Int]
    init(units: Int, size: Int) {
        self.size = max(1, size)
        var s = 1
        while s * 2 <= self.size { s *= 2 }
        step = s
        tree = [Int32](repeating: 0, count: units * (self.size + 1))
        totals = [Int](repeating: 0, count: units)
    }
    mutating func add(_ u: Int, _ day: Int, _ n: Int32) {
        let base = u * (size + 1)
        var i = day + 1
        while i <= size { tree[base + i] += n; i += i & -i }
        totals[u] += Int(n)
    }
    func total(_ u: Int) -> Int { totals[u] }
    /// The day offset of the case at rank `k` (0 = earliest); `k` < `total(u)`.
    func kth(_ u: Int, _ k: Int) -> Int {
        let base = u * (size + 1)
        var pos = 0, rest = k + 1, bit = step
        while bit > 0 {
            let next = pos + bit
            if next <= size, Int(tree[base + next]) < rest { pos = next; rest -= Int(tree[base + next]) }
            bit >>= 1
        }
        return pos
    }
}

extension Optional where Wrapped == Double {
    var orNaN: Double { self ?? .nan }
}

final class Computation: @unchecked Sendable {
    let ds: Dataset
    let tree: OrgTree
    let inds: [Indicator]
    let periods: [Period]
    let pIndex: [Period: Int]
    let nU: Int, nP: Int
    let spanStart: Day, spanEnd: Day
    let cells: SlotStorage
    let layout: SlotLayout
    /// Each indicator's block of slots (`cells.blocks[i].ptr`), indexed by `layout.at`.
    let base: [UnsafeMutablePointer<Slot>]
    /// Each indicator's first entry in `state`.
    let stateStart: [Int]
    /// Per indicator: computed in this run (all of them, unless a reload reuses `previous`).
    let recompute: [Bool]
    /// The snapshot whose unchanged indicators, warnings and registers this one reuses.
    let previous: Snapshot?
    /// `previous` had no registers (a staged first load): they are computed now.
    let registersAdded: Bool
    /// Per slot (`stateStart[i] + layout.at(i, u, p)`): 0 not computed, 1 computing, 2 done.
    let state: UnsafeMutablePointer<UInt8>
    let info: [IndicatorInfo]
    /// Warnings found while computing, one list per indicator (written by that indicator's
    /// thread only) and one, last, for warnings without an indicator.
    let warnBuf: UnsafeMutablePointer<[QualityWarning]>
    /// Each unit's first and last day as day numbers (Int.min / Int.max when open).
    let unitFrom: [Int], unitTo: [Int]
    /// Per period: the index of the previous period of its kind and of the same period a year before, or -1.
    let prevP: [Int], yearP: [Int]
    /// Per period and finer kind: the indices of its parts within the span.
    let partsIdx: [[[Int]]]
    /// Per period: its last day's number, and whether it lies within the span (read per
    /// cell, where computing them from the calendar cost 2–4 % of a load).
    let endOrd: [Int], inSpanP: [Bool]
    /// Per unit and period (u * nP + p): the children active on the period's last day.
    let kidsAt: [[Int]]
    let activeAt: [Bool]
    /// Per indicator and unit: the unit matches `reported_by` (nil when the indicator has none).
    let matchesReportedBy: [[Bool]?]
    /// Per formula indicator: the indices of its numerator and denominator.
    let formulaOperands: [(Int?, Int?)?]

    /// Register values per indicator: [period * nU + unit].
    var register: [Int: [Double?]] = [:]
    /// Per indicator: its targets.csv rows, resolved to unit indices and day numbers.
    let rules: [[RuleRow]]
    let covering: [[Int]]

    init(_ ds: Dataset, previous candidate: Snapshot? = nil) {
        self.ds = ds
        tree = ds.tree
        inds = ds.indicators
        nU = tree.units.count
        let (s, e) = Computation.span(ds)
        spanStart = s; spanEnd = e
        periods = Computation.periods(from: s, to: e)
        var pi = [Period: Int]()
        for (i, p) in periods.enumerated() { pi[p] = i }
        pIndex = pi
        nP = periods.count
        let layout = SlotLayout(periods: periods, units: nU, kinds: inds.map { $0.frequency.periodKind })
        self.layout = layout
        let formulaOperands: [(Int?, Int?)?] = inds.map { ind in ind.formula.map { (ds.indicatorIndex[$0.numerator], ds.indicatorIndex[$0.denominator]) } }
        // A reload of report rows only, over the same periods: recompute what they touch.
        var previous: Snapshot? = nil
        var recompute = [Bool](repeating: true, count: inds.count)
        var registersAdded = false
        if let prev = candidate, !ds.registersPending, let delta = ds.delta, delta.base == prev.dataset.generation, prev.periods == periods,
           prev.tree.units.count == nU, prev.indicators.count == inds.count, prev.registersPending == delta.registersAdded,
           prev.slots.blocks.indices.allSatisfy({ prev.slots.blocks[$0].count == layout.size($0) }),
           // The waitlist's own warnings need an indicator to go with (else: computed whole).
           !delta.registersAdded || ds.waitlist.isEmpty || Computation.waitlistAnchor(inds) != nil {
            previous = prev
            registersAdded = delta.registersAdded
            let changed = registersAdded ? Set(ds.indicators.indices.filter { ds.indicators[$0].source.isRegister }) : delta.changedIndicators
            recompute = Computation.affected(by: changed, inds, formulaOperands, ds.indicatorIndex)
        }
        self.formulaOperands = formulaOperands
        self.registersAdded = registersAdded
        self.previous = previous
        self.recompute = recompute
        var blocks = [SlotBlock]()
        blocks.reserveCapacity(inds.count)
        let remap = previous.flatMap { Computation.reportRemap(from: $0.dataset.reportFiles, to: ds.reportFiles) }
        for i in inds.indices {
            if let prev = previous, !recompute[i] {
                let old = prev.slots.blocks[i]
                if let remap {
                    let copy = SlotBlock(copying: old)
                    for k in 0..<copy.count where copy.ptr[k].report >= 0 { copy.ptr[k].report = remap(copy.ptr[k].report) }
                    blocks.append(copy)
                } else { blocks.append(old) }
            } else { blocks.append(SlotBlock(count: layout.size(i))) }
        }
        cells = SlotStorage(blocks: blocks, layout: layout)
        base = blocks.map(\.ptr)
        var starts = [Int](), n = 0
        for i in inds.indices { starts.append(n); n += layout.size(i) }
        stateStart = starts
        state = .allocate(capacity: max(1, n))
        state.initialize(repeating: 0, count: n)
        for i in inds.indices where !recompute[i] { (state + starts[i]).update(repeating: 2, count: layout.size(i)) }
        info = inds.map(IndicatorInfo.init)
        warnBuf = .allocate(capacity: inds.count + 1)
        warnBuf.initialize(repeating: [], count: inds.count + 1)
        covering = Registers.coveringUnits(tree)
        unitFrom = tree.units.map { $0.from?.ordinal ?? Int.min }
        unitTo = tree.units.map { $0.to?.ordinal ?? Int.max }
        prevP = periods.map { pi[$0.previous] ?? -1 }
        yearP = periods.map { pi[$0.yearBefore] ?? -1 }
        let inSpanSet = periods.map { $0.start >= s && $0.end <= e }
        endOrd = periods.map { $0.end.ordinal }
        inSpanP = inSpanSet
        partsIdx = periods.map { per in
            Period.Kind.allCases.map { k in per.parts(k).compactMap { pi[$0] }.filter { inSpanSet[$0] } }
        }
        var kidsAt = [[Int]](repeating: [], count: nU * nP)
        var activeAt = [Bool](repeating: false, count: nU * nP)
        for u in 0..<nU {
            for (k, per) in periods.enumerated() {
                kidsAt[u * nP + k] = tree.activeChildren(u, on: per.end)
                activeAt[u * nP + k] = tree.units[u].isActive(on: per.end)
            }
        }
        self.kidsAt = kidsAt; self.activeAt = activeAt
        var rules = [[RuleRow]](repeating: [], count: inds.count)
        for t in ds.targets {
            if let i = ds.indicatorIndex[t.indicator] { rules[i].append(RuleRow(t, tree)) }
        }
        self.rules = rules
        let tree = ds.tree
        matchesReportedBy = ds.indicators.map { ind in
            ind.reportedBy.map { rb in tree.units.map { rb.contains($0.kind) || rb.contains($0.id) } }
        }
    }

    deinit {
        state.deallocate()
        warnBuf.deinitialize(count: inds.count + 1)
        warnBuf.deallocate()
    }

    /// The indicators a change of these indicators' report rows touches: themselves, the
    /// formulas built on any of them (at any depth), and those whose outlier check divides
    /// by one of them (`per`).
    static func affected(by changed: Set<Int>, _ inds: [Indicator], _ operands: [(Int?, Int?)?], _ index: [String: Int]) -> [Bool] {
        var out = [Bool](repeating: false, count: inds.count)
        for i in changed where out.indices.contains(i) { out[i] = true }
        var grew = true
        while grew {
            grew = false
            for i in inds.indices where !out[i] {
                let ops = operands[i].map { [$0.0, $0.1] } ?? []
                let per = inds[i].per.flatMap { index[$0] }
                if ops.contains(where: { $0.map { out[$0] } ?? false }) || per.map({ out[$0] }) == true { out[i] = true; grew = true }
            }
        }
        return out
    }

    /// Where a report's index in the previous dataset's flat `reports` is now, when a file's
    /// rows moved (a file before it grew or shrank); nil when nothing moved. Valid for the
    /// rows of unchanged indicators, which by `DatasetDelta`'s contract sit at the same place
    /// within their file.
    static func reportRemap(from old: [ReportFile], to new: [ReportFile]) -> ((Int32) -> Int32)? {
        var newStart = [String: Int]()
        for f in new { newStart[f.file] = f.range.lowerBound }
        guard old.contains(where: { f in newStart[f.file].map { $0 != f.range.lowerBound } ?? false }) else { return nil }
        let starts = old.map(\.range.lowerBound)
        let moved = old.map { f in newStart[f.file].map { $0 - f.range.lowerBound } }
        return { k in
            // The last file that starts at or before k (the files are in flat order).
            var lo = 0, hi = starts.count
            while lo < hi { let mid = (lo + hi) / 2; if starts[mid] <= Int(k) { lo = mid + 1 } else { hi = mid } }
            guard lo > 0, let d = moved[lo - 1] else { return -1 }
            return k + Int32(d)
        }
    }

    /// The span of the data: the earliest to the latest reported period or IP snapshot;
    /// the waitlist's dates when there is nothing else.
    static func span(_ ds: Dataset) -> (Day, Day) {
        var lo: Day? = nil, hi: Day? = nil
        func widen(_ a: Day, _ b: Day) { lo = min(lo ?? a, a); hi = max(hi ?? b, b) }
        if ds.reportFiles.isEmpty {
            for r in ds.reports { widen(r.period.start, r.period.end) }
        } else {
            // The Loader knows each file's first and last day: no pass over every row.
            for f in ds.reportFiles { if let a = f.first, let b = f.last { widen(a, b) } }
        }
        for s in ds.ip { widen(s.period.start, s.period.end) }
        if lo == nil {
            for c in ds.waitlist {
                let t = Period.containing(c.granted, kind: .tertial)
                widen(t.start, t.end)
                if let x = c.exit { let t2 = Period.containing(x, kind: .tertial); widen(t2.start, t2.end) }
            }
        }
        guard let l = lo, let h = hi else { return (Day(year: 2000, month: 1, day: 1)!, Day(year: 1999, month: 12, day: 31)!) }
        return (l, h)
    }

    static func periods(from s: Day, to e: Day) -> [Period] {
        guard s <= e else { return [] }
        var out = [Period]()
        for y in s.year...e.year {
            for m in 1...12 { out.append(.month(y, m)) }
            for t in 1...3 { out.append(.tertial(y, t)) }
            out.append(.year(y))
        }
        return out.filter { $0.start <= e && $0.end >= s }.sorted()
    }

    func inSpan(_ p: Period) -> Bool { p.start >= spanStart && p.end <= spanEnd }

    func run(_ phases: Phases = Phases()) -> Snapshot {
        var phases = phases
        // A file's rows come period by period: the last period's index is kept.
        var lastPeriod = Period(kind: .month, year: 0, index: 0), lastP: Int? = nil
        ds.reports.forEachRow { k, r in
            let i = Int(ds.reportIndicator[k]), u = Int(ds.reportUnit[k])
            guard i >= 0, u >= 0, recompute[i] else { return }
            if r.period != lastPeriod { lastPeriod = r.period; lastP = pIndex[r.period] }
            guard let p = lastP else { return }
            // A row of a period finer than the indicator's has no cell (and is not read).
            let l = layout.at(i, u, p)
            guard l >= 0 else { return }
            // The row and its value are kept in the fresh slot itself until the cell is
            // computed (no array per cell or per row); `cell` never hands out a fresh slot.
            base[i][l].report = Int32(k)
            base[i][l].value = r.valueBits
        }
        phases.mark("index")
        // The registers depend on units, catalogue, waitlist, IP and BrukerPlan, none of
        // which changed when `previous` is reused.
        // Registers still being read have no figures yet (not zeros).
        if let previous, !registersAdded { register = previous.registers } else if !ds.registersPending { computeRegisters() }
        phases.mark("registers")
        // Indicators in parallel, level by level: a formula waits for its operands' level.
        for level in formulaLevels() {
            let todo = level.filter { recompute[$0] }
            DispatchQueue.concurrentPerform(iterations: todo.count) { k in
                let i = todo[k]
                let ps = self.layout.periods(of: i)
                for u in 0..<self.nU { for p in ps { self.cell(i, u, p) } }
            }
        }
        phases.mark("cells")
        let reported = inds.indices.filter { inds[$0].source == .reported && recompute[$0] }
        DispatchQueue.concurrentPerform(iterations: reported.count) { k in
            self.checkDropsToZero(reported[k])
            self.checkOutliers(reported[k])
        }
        checkReportsOutsideActiveDates()
        let anchor = waitlistAnchor
        if previous == nil || anchor.map({ recompute[$0] }) == true { checkWaitlistCases() }
        phases.mark("checks")
        // Warnings grouped by indicator: an indicator not computed again keeps its group.
        var warnings = [QualityWarning]()
        var ranges = [Range<Int>]()
        ranges.reserveCapacity(inds.count + 1)
        for k in 0...inds.count {
            let start = warnings.count
            if let previous, k == inds.count || !recompute[k] { warnings += previous.warnings[previous.warningRanges[k]] }
            else { warnings += warnBuf[k] }
            ranges.append(start..<warnings.count)
        }
        var snapshot = Snapshot(dataset: ds, periods: periods, spanStart: spanStart, spanEnd: spanEnd, slots: cells,
                                prevP: prevP, yearP: yearP, warnings: warnings, warningRanges: ranges, registers: register)
        // Same units and waitlist: the waitlist views already built stay valid.
        if let previous, !registersAdded { snapshot.cache.inheritRegisterViews(from: previous.cache) }
        phases.mark("snapshot")
        snapshot.phases = phases
        return snapshot
    }

    /// Indicators grouped so that every formula comes after the indicators it divides.
    /// Iterative and linear: a chain of 10 000 formulas is no deeper on the stack than one.
    func formulaLevels() -> [[Int]] {
        var level = [Int](repeating: -1, count: inds.count)
        var onStack = [Bool](repeating: false, count: inds.count)
        for start in inds.indices where level[start] < 0 {
            var stack = [start]
            onStack[start] = true
            while let i = stack.last {
                let ops = formulaOperands[i].map { [$0.0, $0.1].compactMap { $0 } } ?? []
                // The validator refuses cycles; an operand already on the stack counts as a leaf.
                let pending = ops.filter { level[$0] < 0 && !onStack[$0] }
                if pending.isEmpty {
                    level[i] = ops.isEmpty ? 0 : 1 + ops.map { max(0, level[$0]) }.max()!
                    stack.removeLast()
                    onStack[i] = false
                } else {
                    for p in pending where !onStack[p] { stack.append(p); onStack[p] = true }
                }
            }
        }
        var groups = [[Int]](repeating: [], count: (level.max() ?? 0) + 1)
        for i in inds.indices { groups[level[i]].append(i) }
        return groups.filter { !$0.isEmpty }
    }

    // MARK: Who must report

    /// The unit matches the indicator's `reported_by` (or is a leaf when it has none) and is active.
    func isDueUnit(_ i: Int, _ u: Int, _ p: Int) -> Bool {
        guard activeAt[u * nP + p] else { return false }
        if let m = matchesReportedBy[i] { return m[u] }
        return kidsAt[u * nP + p].isEmpty
    }

    /// The unit must report this value (a period of the indicator's frequency within the data).
    func isDue(_ i: Int, _ u: Int, _ p: Int) -> Bool {
        let per = periods[p]
        return info[i].source == .reported && per.kind == info[i].freq && inSpanP[p] && isDueUnit(i, u, p)
    }

    // MARK: Values

    /// The slot of a cell, computed on first use (children, predecessors, parts and operands first).
    @discardableResult
    func cell(_ i: Int, _ u: Int, _ p: Int) -> Slot {
        let l = layout.at(i, u, p)
        // A period finer than the indicator's: no cell.
        if l < 0 { return Slot() }
        let s = stateStart[i] + l
        if state[s] == 2 { return base[i][l] }
        if state[s] == 1 { return Slot() }
        state[s] = 1
        let c = compute(i, u, p, l)
        base[i][l] = c
        state[s] = 2
        return c
    }

    /// Sum, count and the single value of a set of cells, without building arrays.
    struct Acc {
        var sum = 0.0, n = 0, expected = 0, present = 0
        var single: Double? = nil
        mutating func add(_ c: Slot) {
            guard c.exists else { return }
            expected += Int(c.expected); present += Int(c.present)
            if !c.value.isNaN { sum += c.value; n += 1; single = c.value }
        }
        func combined(_ how: OverUnits) -> Double? {
            guard n > 0 else { return nil }
            switch how {
            case .sum: return sum
            case .mean: return sum / Double(n)
            case .none: return n == 1 ? single : nil
            }
        }
    }

    /// The value of one cell: every origin (reported, register, formula, sum of units,
    /// predecessors, over time) in one switch, called once per cell (over a million on the
    /// benchmark), so it stays one function without intermediate allocations.
    func compute(_ i: Int, _ u: Int, _ p: Int, _ l: Int) -> Slot {
        let ind = info[i]
        let per = periods[p]
        let freq = ind.freq
        var c = Slot()
        c.exists = true
        let k = base[i][l].report
        var reported = Double.nan
        if k >= 0 {
            c.hasReportRow = true; c.report = k; reported = base[i][l].value
        }
        c.due = isDue(i, u, p)
        let closed = endOrd[p] > unitTo[u]
        let beforeStart = endOrd[p] < unitFrom[u]

        switch ind.source {
        case .formula:
            let a = formulaOperands[i]!.0.map { cell($0, u, p) } ?? Slot()
            let b = formulaOperands[i]!.1.map { cell($0, u, p) } ?? Slot()
            if !a.value.isNaN, !b.value.isNaN, b.value != 0 {
                c.value = a.value / b.value * (ind.percent ? 100 : 1)
            }
            c.origin = !c.value.isNaN ? .formula : (!a.value.isNaN && b.value == 0 ? .dividedByZero : .none)
            c.expected = a.expected + b.expected
            c.present = a.present + b.present
            compareReported(c, reported, i, u, p)
        case .ip, .waitlist, .brukerplan:
            if !closed, let table = register[i] { c.value = table[p * nU + u].orNaN }
            c.origin = c.value.isNaN ? .none : .register
            compareReported(c, reported, i, u, p)
        case .reported:
            if per.kind > freq {
                aggregateOverTime(&c, i, u, p)
            } else if beforeStart && !tree.predecessors[u].isEmpty {
                var acc = Acc()
                for q in tree.predecessors[u] { acc.add(cell(i, q, p)) }
                c.value = acc.combined(ind.overUnits).orNaN
                c.expected = Int32(acc.expected); c.present = Int32(acc.present)
                c.origin = c.value.isNaN ? .none : .carried
            } else {
                var acc = Acc()
                if ind.overUnits != .none { for q in kidsAt[u * nP + p] { acc.add(cell(i, q, p)) } }
                c.expected = Int32(acc.expected); c.present = Int32(acc.present)
                if let v = acc.combined(ind.overUnits) {
                    c.value = v
                    c.origin = .aggregated
                    if !reported.isNaN, !Computation.same(reported, v) {
                        addWarning(.totalDiffers(reported: reported, computed: v), i, u, per, source(c))
                    }
                } else {
                    c.value = reported
                    c.origin = c.value.isNaN ? .none : .reported
                }
                if c.due {
                    c.expected += 1
                    if !reported.isNaN { c.present += 1 }
                }
            }
        }
        let (t, w) = target(i, u, p, beforeStart: beforeStart)
        c.target = t.orNaN; c.warn = w.orNaN
        if !c.value.isNaN { c.status = Status.of(c.value, direction: ind.direction, target: t, warn: w) }
        else { c.status = c.expected > c.present ? .missing : .none }
        return c
    }

    func source(_ c: Slot) -> SourceRef? { c.report >= 0 ? ds.reports[Int(c.report)].source : nil }

    func aggregateOverTime(_ c: inout Slot, _ i: Int, _ u: Int, _ p: Int) {
        let ind = info[i]
        var sum = 0.0, n = 0
        var expected: Int32 = 0, present: Int32 = 0
        var last = Double.nan
        for q in partsIdx[p][Int(ind.freq.rawValue)] {
            let pc = cell(i, u, q)
            expected += pc.expected; present += pc.present
            last = pc.exists ? pc.value : .nan
            if !pc.value.isNaN { sum += pc.value; n += 1 }
        }
        c.expected = expected; c.present = present
        switch ind.overTime {
        case .last: c.value = last
        case .sum: c.value = n == 0 ? .nan : sum
        case .mean: c.value = n == 0 ? .nan : sum / Double(n)
        }
        c.origin = c.value.isNaN ? .none : .overTime
    }

    static func same(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-9 * max(1, abs(a), abs(b)) }

    func compareReported(_ c: Slot, _ reported: Double, _ i: Int, _ u: Int, _ p: Int) {
        if !reported.isNaN, !c.value.isNaN, !Computation.same(reported, c.value) {
            addWarning(.reportedDiffers(reported: reported, computed: c.value), i, u, periods[p], source(c))
        }
    }

    // MARK: Targets

    /// Target and warn for a value: the most specific targets.csv row, then the inline
    /// target, then (for indicators that sum over units) the sum of the children's targets.
    func target(_ i: Int, _ u: Int, _ p: Int, beforeStart: Bool) -> (Double?, Double?) {
        let ind = info[i]
        let per = periods[p]
        let freq = ind.freq
        // Sums of targets over cells (computed in the same order as ever), without arrays.
        if per.kind > freq && ind.overTime == .sum && ind.source != .formula {
            var sum = TargetSum()
            for q in partsIdx[p][Int(freq.rawValue)] { sum.add(cell(i, u, q)) }
            return sum.result
        }
        if let own = ruleTarget(i, u, p) { return own }
        if ind.target != nil || ind.warn != nil { return (ind.target, ind.warn) }
        guard ind.overUnits == .sum, ind.source != .formula else { return (nil, nil) }
        var sum = TargetSum()
        if beforeStart && !tree.predecessors[u].isEmpty {
            for q in tree.predecessors[u] { sum.add(cell(i, q, p)) }
            return sum.result
        }
        // Children without a due value and without a target of their own do not count.
        for q in kidsAt[u * nP + p] {
            let c = cell(i, q, p)
            if c.expected > 0 || !c.target.isNaN { sum.add(c) }
        }
        return sum.result
    }

    /// The sum of some cells' targets and warns: nil when there are none or one has no
    /// target; the warn only when every one has a warn.
    struct TargetSum {
        var t = 0.0, w = 0.0, n = 0, allWarn = true, broken = false
        mutating func add(_ c: Slot) {
            n += 1
            guard !broken else { return }
            guard c.exists, !c.target.isNaN else { broken = true; return }
            t += c.target
            if !c.warn.isNaN { w += c.warn } else { allWarn = false }
        }
        var result: (Double?, Double?) { n == 0 || broken ? (nil, nil) : (t, allWarn ? w : nil) }
    }

    /// A targets.csv row as the engine reads it per cell: no strings, its unit an index.
    struct RuleRow {
        /// `TargetRule.Scope` with the unit as an index (-1: not in units.csv, matches none).
        enum Scope { case unit(Int), root, everyDueUnit }
        let scope: Scope
        /// The first day of `from`, or Int.min.
        let from: Int
        let target: Double?, warn: Double?
        init(_ t: TargetRule, _ tree: OrgTree) {
            switch t.scope {
            case .unit(let id): scope = .unit(tree.index[id] ?? -1)
            case .root: scope = .root
            case .everyDueUnit: scope = .everyDueUnit
            }
            from = t.from?.start.ordinal ?? Int.min
            target = t.target; warn = t.warn
        }
    }

    func ruleTarget(_ i: Int, _ u: Int, _ p: Int) -> (Double?, Double?)? {
        let rs = rules[i]
        guard !rs.isEmpty else { return nil }
        var best = -1, bestRank = -1
        for (k, r) in rs.enumerated() {
            if r.from > endOrd[p] { continue }
            let rank: Int
            switch r.scope {
            case .unit(let x): guard x == u else { continue }; rank = 2
            case .root: guard u == tree.root else { continue }; rank = 2
            case .everyDueUnit: guard isDueUnit(i, u, p) else { continue }; rank = 1
            }
            if rank > bestRank || (rank == bestRank && r.from >= rs[best].from) {
                best = k; bestRank = rank
            }
        }
        return best < 0 ? nil : (rs[best].target, rs[best].warn)
    }

    // MARK: Registers

    /// The register tables (waitlist, IP, BrukerPlan). Every count is made once per case or
    /// record at its own unit and then added up each unit's coverage (`covering`), so the
    /// cost is one pass over the register plus units × periods, not cases × ancestors ×
    /// periods. The waitlist's medians are found by rank in one sweep over the month ends.
    func computeRegisters() {
        let unitOf = UnitLookup(tree)
        // IP counts per snapshot: [measure * nU + unit], one snapshot per thread; the
        // waitlist's rows are read on a thread of their own meanwhile.
        let measures = IPMeasure.allCases
        let nIP = ds.ip.count
        let ipCountsList = UnsafeMutablePointer<[Int]>.allocate(capacity: nIP + 1)
        ipCountsList.initialize(repeating: [], count: nIP + 1)
        defer { ipCountsList.deinitialize(count: nIP + 1); ipCountsList.deallocate() }
        var wl: WaitlistRows? = nil
        let needRows = inds.contains { $0.source == .waitlist }
        withUnsafeMutablePointer(to: &wl) { wlp in
            nonisolated(unsafe) let wlp = wlp
            DispatchQueue.concurrentPerform(iterations: nIP + 1) { k in
                // The rows first: the longest single task.
                guard k > 0 else {
                    if needRows { wlp.pointee = WaitlistRows(self.ds, unitOf) }
                    return
                }
                let snap = self.ds.ip[k - 1]
                var lookup = unitOf
                var own = [Int](repeating: 0, count: measures.count * self.nU)
                for r in snap.records {
                    let x = lookup.index(r.unit)
                    guard x >= 0 else { continue }
                    for (mi, m) in measures.enumerated() where Registers.counts(r, m, snapshotDate: snap.period.end) {
                        own[mi * self.nU + x] += 1
                    }
                }
                ipCountsList[k - 1] = self.upCoverage(own, rows: measures.count)
            }
        }
        var ipCounts = [Period: [Int]]()
        for (k, snap) in ds.ip.enumerated() { ipCounts[snap.period] = ipCountsList[k] }
        let snapshotPeriods = ds.ip.map(\.period).sorted()
        // BrukerPlan counts per mapping year, the same way.
        let bpMeasures = BrukerPlanMeasure.allCases
        var bpCounts = [Int: [Int]]()
        for m in ds.brukerplan {
            var lookup = unitOf
            var own = [Int](repeating: 0, count: bpMeasures.count * nU)
            for r in m.records {
                let x = lookup.index(r.unit)
                guard x >= 0 else { continue }
                for (mi, meas) in bpMeasures.enumerated() where meas.counts(r) { own[mi * nU + x] += 1 }
            }
            bpCounts[m.year] = upCoverage(own, rows: bpMeasures.count)
        }
        let registerIndicators = inds.indices.filter { inds[$0].source.isRegister }
        let tables = UnsafeMutablePointer<[Double?]>.allocate(capacity: max(1, registerIndicators.count))
        tables.initialize(repeating: [], count: registerIndicators.count)
        defer { tables.deinitialize(count: registerIndicators.count); tables.deallocate() }
        DispatchQueue.concurrentPerform(iterations: registerIndicators.count) { k in
            let i = registerIndicators[k]
            let ind = self.inds[i]
            let freq = ind.frequency.periodKind
            if ind.source == .ip, let m = ind.ipMeasure, let mi = IPMeasure.allCases.firstIndex(of: m) {
                var table = [Double?](repeating: nil, count: self.nP * self.nU)
                for (p, per) in self.periods.enumerated() where per.kind >= freq {
                    let snap = ipCounts[per] != nil ? per : snapshotPeriods.last { per.contains($0) }
                    guard let sp = snap, let counts = ipCounts[sp] else { continue }
                    for u in 0..<self.nU { table[p * self.nU + u] = Double(counts[mi * self.nU + u]) }
                }
                tables[k] = table
            } else if ind.source == .brukerplan, let m = ind.brukerPlanMeasure, let mi = bpMeasures.firstIndex(of: m) {
                var table = [Double?](repeating: nil, count: self.nP * self.nU)
                for (p, per) in self.periods.enumerated() where per.kind == .year {
                    guard let counts = bpCounts[per.year] else { continue }
                    for u in 0..<self.nU { table[p * self.nU + u] = Double(counts[mi * self.nU + u]) }
                }
                tables[k] = table
            } else if ind.source == .waitlist, let m = ind.waitlistMeasure, let wl {
                tables[k] = self.waitlistTable(ind, m, freq, wl)
            }
        }
        for (k, i) in registerIndicators.enumerated() { register[i] = tables[k] }
    }

    /// Counts made at each case's or record's own unit (`own[row * nU + x]`) added up to
    /// every unit whose coverage holds that unit.
    func upCoverage(_ own: [Int], rows: Int) -> [Int] {
        var out = [Int](repeating: 0, count: own.count)
        for r in 0..<rows {
            for x in 0..<nU {
                let n = own[r * nU + x]
                guard n != 0 else { continue }
                for u in covering[x] { out[r * nU + u] += n }
            }
        }
        return out
    }

    /// One waitlist indicator's table. Flows are counted per case in the month, tertial and
    /// year containing the date; stocks (waiting, discharge-ready, homeless) by entry and
    /// exit events over the distinct period ends; median and longest wait by one sweep over
    /// those ends with the cases waiting on each, found by rank (no list of waits is built).
    func waitlistTable(_ ind: Indicator, _ m: WaitlistMeasure, _ freq: Period.Kind, _ wl: WaitlistRows) -> [Double?] {
        var table = [Double?](repeating: nil, count: nP * nU)
        let usable = periods.indices.filter { periods[$0].kind >= freq }
        let rows = wl.rows
        func matches(_ c: CaseRow) -> Bool {
            c.unit >= 0 && (ind.housing.isEmpty || ind.housing.contains(c.housing))
                && (ind.livingNow.isEmpty || c.living.map { ind.livingNow.contains($0) } ?? false)
        }
        if m.isFlow {
            // Day → period index for each kind, over the span.
            // (Periods reach past the span where a year overlaps it: the whole period counts.)
            let first = periods.map(\.start.ordinal).min() ?? 0
            let days = max(0, (periods.map(\.end.ordinal).max() ?? -1) - first + 1)
            let kinds = Period.Kind.allCases.filter { $0 >= freq }
            var dayPeriod = [Int32](repeating: -1, count: kinds.count * days)
            for (p, per) in periods.enumerated() {
                guard let kk = kinds.firstIndex(of: per.kind) else { continue }
                for d in per.start.ordinal...per.end.ordinal { dayPeriod[kk * days + d - first] = Int32(p) }
            }
            var own = [Int](repeating: 0, count: nP * nU)
            for c in rows where matches(c) {
                let date: Int
                switch m {
                case .granted: date = c.granted
                case .allocated: date = c.allocated
                case .leftWithoutPlace: date = c.allocated == CaseRow.never ? c.left : CaseRow.never
                case .processingBreaches: date = c.breach ? c.granted : CaseRow.never
                default: date = CaseRow.never
                }
                guard date != CaseRow.never, date >= first, date - first < days else { continue }
                for kk in kinds.indices {
                    let p = dayPeriod[kk * days + date - first]
                    if p >= 0 { own[Int(p) * nU + c.unit] += 1 }
                }
            }
            let counts = upCoverage(own, rows: nP)
            for p in usable { for u in 0..<nU { table[p * nU + u] = Double(counts[p * nU + u]) } }
            return table
        }
        // Stocks: evaluated at each distinct period end.
        let dates = Array(Set(usable.map { periods[$0].end.ordinal })).sorted()
        let nD = dates.count
        var dateIndex = [Int: Int]()
        for (d, day) in dates.enumerated() { dateIndex[day] = d }
        // The cases this measure counts, by decision date (oldest first).
        let counted = rows.indices.filter { k in
            let c = rows[k]
            guard matches(c) else { return false }
            if m == .dischargeReady && !c.dischargeReady { return false }
            if m == .homeless && c.living != .bostedslos { return false }
            return true
        }
        var perDate = [Double?](repeating: nil, count: nD * nU)
        if m == .medianWaitDays || m == .maxWaitDays {
            // Per unit, a count of its waiting cases by decision day (a Fenwick tree over the
            // days): each case enters the trees of the units covering it on the first date it
            // waits and leaves them on the first date it no longer does; the median and the
            // longest wait on a date are then found by rank in each unit's tree.
            let lo = counted.first.map { rows[$0].granted } ?? 0
            let span = (counted.last.map { rows[$0].granted } ?? 0) - lo + 1
            var trees = RankTrees(units: nU, size: span)
            var enter = [[Int32]](repeating: [], count: nD), leave = [[Int32]](repeating: [], count: nD)
            for k in counted {
                let w = rows[k].waitingDates(dates)
                guard !w.isEmpty else { continue }
                enter[w.lowerBound].append(Int32(k))
                if w.upperBound < nD { leave[w.upperBound].append(Int32(k)) }
            }
            for (d, day) in dates.enumerated() {
                for k in enter[d] { let c = rows[Int(k)]; for u in covering[c.unit] { trees.add(u, c.granted - lo, 1) } }
                for k in leave[d] { let c = rows[Int(k)]; for u in covering[c.unit] { trees.add(u, c.granted - lo, -1) } }
                for u in 0..<nU {
                    let n = trees.total(u)
                    guard n > 0 else { continue }
                    if m == .maxWaitDays {
                        // The oldest decision is the longest wait.
                        perDate[d * nU + u] = Double(day - lo - trees.kth(u, 0))
                    } else {
                        // The waits' middle ranks are the decisions' middle ranks, reversed.
                        let a = day - lo - trees.kth(u, (n - 1) / 2), b = day - lo - trees.kth(u, n / 2)
                        perDate[d * nU + u] = Double(a + b) / 2
                    }
                }
            }
        } else {
            // Counts: +1 on the first date a case waits, −1 on the first date it no longer does.
            var own = [Int](repeating: 0, count: (nD + 1) * nU)
            for k in counted {
                let c = rows[k], w = c.waitingDates(dates)
                guard !w.isEmpty else { continue }
                own[w.lowerBound * nU + c.unit] += 1
                own[w.upperBound * nU + c.unit] -= 1
            }
            for d in 1..<(nD + 1) { for x in 0..<nU { own[d * nU + x] += own[(d - 1) * nU + x] } }
            let counts = upCoverage(own, rows: nD + 1)
            for d in 0..<nD { for u in 0..<nU { perDate[d * nU + u] = Double(counts[d * nU + u]) } }
        }
        for p in usable {
            guard let d = dateIndex[periods[p].end.ordinal] else { continue }
            for u in 0..<nU { table[p * nU + u] = perDate[d * nU + u] }
        }
        return table
    }

    // MARK: Changes and data-quality checks

    /// Records a warning in the list of its indicator (safe while that indicator's thread runs).
    func addWarning(_ kind: QualityWarning.Kind, _ i: Int?, _ u: Int, _ per: Period, _ source: SourceRef?) {
        warnBuf[i ?? inds.count].append(QualityWarning(kind: kind, unit: u, indicator: i, period: per, source: source))
    }

    /// A reported 0 after at least three non-zero values that vary by at most a quarter of their mean.
    func checkDropsToZero(_ i: Int) {
        do {
            let kind = info[i].freq
            let ps = (0..<nP).filter { periods[$0].kind == kind }
            for u in 0..<nU {
                var run = [Double]()
                for p in ps {
                    let c = cells[i, u, p]
                    guard c.exists, !c.value.isNaN else { run.removeAll(); continue }
                    let v = c.value
                    if v == 0, c.origin == .reported, run.count >= 3 {
                        let recent = run.suffix(6)
                        let mean = recent.reduce(0, +) / Double(recent.count)
                        if recent.allSatisfy({ $0 > 0 }), (recent.max()! - recent.min()!) <= 0.25 * mean {
                            let per = periods[p]
                            addWarning(.dropToZero(typical: mean), i, u, per, source(c))
                            // Every total built on it: the parents, and a successor whose history is carried from it.
                            var above = [u]
                            var seen = Set<Int>()
                            while let y = above.popLast() {
                                for x in [tree.parent[y], tree.units[y].successor.flatMap { tree.index[$0] }].compactMap({ $0 }) where seen.insert(x).inserted {
                                    let cx = cells[i, x, p]
                                    guard cx.exists, !cx.value.isNaN else { continue }
                                    let built = x == tree.parent[y] ? cx.origin == .aggregated : cx.origin == .carried
                                    guard built else { continue }
                                    addWarning(.builtOnSuspect(unit: tree.units[u].id), i, x, per, source(c))
                                    above.append(x)
                                }
                            }
                        }
                    }
                    run.append(v)
                }
            }
        }
    }

    /// Units whose count per 100 of its denominator (`per:`) is far from the other units'
    /// that reported it in the same period: more than `outlierRatio` times the others'
    /// median or less than its inverse, or a robust z-score (0.6745 · (x − median) / MAD over
    /// all of them, the MAD at least a tenth of the median) above `outlierZ`. At least four
    /// units are needed to have peers at all.
    func checkOutliers(_ i: Int) {
        guard let perID = inds[i].per, let d = ds.indicatorIndex[perID] else { return }
        let ratio = max(1, inds[i].outlierRatio), zLimit = inds[i].outlierZ
        for p in 0..<nP where periods[p].kind == info[i].freq {
            var units = [Int](), rates = [Double]()
            for u in 0..<nU where isDueUnit(i, u, p) {
                let c = cells[i, u, p], b = cells[d, u, p]
                guard c.exists, c.origin == .reported, !c.value.isNaN, b.exists, !b.value.isNaN, b.value > 0 else { continue }
                units.append(u); rates.append(c.value / b.value * 100)
            }
            guard rates.count >= 4 else { continue }
            let all = Computation.median(rates)
            // The MAD is at least a tenth of the median: figures that agree closely (46 against
            // 50) are not outliers because the others happen to agree even more closely.
            let mad = max(Computation.median(rates.map { abs($0 - all) }), 0.1 * abs(all))
            for (k, u) in units.enumerated() {
                var others = rates
                others.remove(at: k)
                let peers = Computation.median(others)
                let x = rates[k]
                let byRatio = peers > 0 && (x > ratio * peers || x < peers / ratio)
                let byZ = mad > 0 && abs(0.6745 * (x - all) / mad) > zLimit
                if byRatio || byZ {
                    addWarning(.outlier(rate: x, peersMedian: peers), i, u, periods[p], source(cells[i, u, p]))
                }
            }
        }
    }

    static func median(_ xs: [Double]) -> Double {
        let s = xs.sorted()
        guard !s.isEmpty else { return 0 }
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }

    /// Reports for a period in which their unit did not exist (of the indicators computed in this run).
    func checkReportsOutsideActiveDates() {
        ds.reports.forEachRow { k, r in
            let u = Int(ds.reportUnit[k]), i = Int(ds.reportIndicator[k])
            guard u >= 0, i < 0 ? previous == nil : recompute[i], !tree.units[u].overlaps(r.period) else { return }
            addWarning(.outsideActiveDates, i >= 0 ? i : nil, u, r.period, ds.reports[k].source)
        }
    }

    /// The indicator the waitlist cases' own warnings are shown on: the count of all waiting.
    var waitlistAnchor: Int? { Computation.waitlistAnchor(inds) }

    static func waitlistAnchor(_ inds: [Indicator]) -> Int? {
        inds.firstIndex { $0.source == .waitlist && $0.waitlistMeasure == .waiting && $0.housing.isEmpty && $0.livingNow.isEmpty }
            ?? inds.firstIndex { $0.source == .waitlist }
    }

    func checkWaitlistCases() {
        let anchor = waitlistAnchor
        for c in ds.waitlist {
            guard let u = tree.index[c.unit] else { continue }
            let per = Period.containing(c.granted, kind: .tertial)
            if let r = c.received, c.granted < r {
                addWarning(.grantedBeforeReceived(caseID: c.id), anchor, u, per, c.source)
            }
            if let x = c.exit, x < c.granted {
                addWarning(.exitBeforeGranted(caseID: c.id), anchor, u, per, c.source)
            }
            if c.isProcessingBreach, inSpan(per), let d = c.processingDays {
                addWarning(.processingBreach(caseID: c.id, days: d), anchor, u, per, c.source)
            }
        }
    }
}
