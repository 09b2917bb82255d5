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
    let coverage: Coverage

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
        coverage = Coverage(tree)
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
            // A numerator or denominator built on fewer units than are due may leave out
            // different units (Bergen Vest's users in activity counted, its service users
            // not): the ratio is then not shown (issue 23, 3).
            let partial = a.present < a.expected || b.present < b.expected
            if !partial, !a.value.isNaN, !b.value.isNaN, b.value != 0 {
                c.value = a.value / b.value * (ind.percent ? 100 : 1)
            }
            c.origin = !c.value.isNaN ? .formula
                : partial && !(a.value.isNaN && b.value.isNaN) ? .operandsIncomplete
                : (!a.value.isNaN && b.value == 0 ? .dividedByZero : .none)
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
}
