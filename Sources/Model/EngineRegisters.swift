import Foundation

// The register tables: the case rows, unit lookup and rank trees they use, and
// `Computation.computeRegisters` (split from Engine.swift, unchanged).

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
    /// The tree's ids by their bytes (`KeyTable`, issue 27: a `[String: Int]` look-up was
    /// 8 % of `tertial check` on the generated data, the register rows being in no order).
    let table: KeyTable
    var lastID = "", lastIndex = -1
    init(_ tree: OrgTree) { table = KeyTable(tree.units.map(\.id)) }
    mutating func index(_ id: String) -> Int {
        if id != lastID { lastID = id; lastIndex = table.index(of: id) ?? -1 }
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

/// The waitlist sweep's successions: a case of a unit covered only through a succession
/// (`Coverage.dated`) is in the covering unit's rank tree while the link holds. A link
/// switching on or off between two dates moves the cases then waiting at the closed unit
/// into or out of the tree. Kept out of the sweep's loop so that the loop keeps its shape
/// (written into the loop it cost `check` 0.03 %; docs/performance.md).
struct SuccessionSweep {
    let dated: [[Coverage.Dated]]
    var holding: [[Bool]]
    var waitingAt = [Int: Set<Int32>]()
    /// Per date: the cases of units covered through a succession that start or stop waiting.
    var enter: [[Int32]], leave: [[Int32]]

    init(_ coverage: Coverage, dates: Int) {
        dated = coverage.dated
        holding = dated.map { [Bool](repeating: false, count: $0.count) }
        enter = [[Int32]](repeating: [], count: dates); leave = enter
    }

    /// A case of a unit covered through a succession, waiting on the dates `w`.
    @inline(never)
    mutating func add(_ k: Int32, _ w: Range<Int>, _ nD: Int) {
        enter[w.lowerBound].append(k)
        if w.upperBound < nD { leave[w.upperBound].append(k) }
    }

    @inline(never)
    mutating func switchLinks(on day: Int, first: Bool, _ trees: inout RankTrees, _ rows: [CaseRow], _ lo: Int) {
        for x in dated.indices where !dated[x].isEmpty {
            for (j, c) in dated[x].enumerated() {
                let now = c.holds(day), was = !first && holding[x][j]
                holding[x][j] = now
                guard now != was else { continue }
                for k in waitingAt[x] ?? [] { trees.add(c.unit, rows[Int(k)].granted - lo, now ? 1 : -1) }
            }
        }
    }

    @inline(never)
    mutating func move(_ d: Int, _ trees: inout RankTrees, _ rows: [CaseRow], _ lo: Int) {
        for k in enter[d] {
            let c = rows[Int(k)]
            for (j, x) in dated[c.unit].enumerated() where holding[c.unit][j] { trees.add(x.unit, c.granted - lo, 1) }
            waitingAt[c.unit, default: []].insert(k)
        }
        for k in leave[d] {
            let c = rows[Int(k)]
            for (j, x) in dated[c.unit].enumerated() where holding[c.unit][j] { trees.add(x.unit, c.granted - lo, -1) }
            waitingAt[c.unit]?.remove(k)
        }
    }
}

extension Optional where Wrapped == Double {
    var orNaN: Double { self ?? .nan }
}

extension Computation {
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
                let cutoff = Registers.OverdueCutoff(snap.period.end)
                // Read in place (a copy of each record retained and released its strings),
                // and only the target group: no measure counts a record outside it.
                // Each unit the snapshot names looked up once.
                let unitIndex = snap.units.map { lookup.index($0) }
                snap.records.withUnsafeBufferPointer { rs in
                    for i in rs.indices where rs[i].targetGroup {
                        let x = unitIndex[Int(rs[i].unitRef)]
                        guard x >= 0 else { continue }
                        for (mi, m) in measures.enumerated() where Registers.counts(rs[i], m, cutoff) {
                            own[mi * self.nU + x] += 1
                        }
                    }
                }
                ipCountsList[k - 1] = self.upCoverage(own, rows: measures.count) { _ in snap.period.end.ordinal }
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
            // Counted as on the last day of the mapping's year, as the engine shows it.
            let yearEnd = Period.year(m.year).end.ordinal
            bpCounts[m.year] = upCoverage(own, rows: bpMeasures.count) { _ in yearEnd }
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
    /// every unit whose coverage holds that unit on the row's day (`day(row)`, an ordinal).
    func upCoverage(_ own: [Int], rows: Int, day: (Int) -> Int) -> [Int] {
        var out = [Int](repeating: 0, count: own.count)
        for r in 0..<rows {
            let d = day(r)
            for x in 0..<nU {
                let n = own[r * nU + x]
                guard n != 0 else { continue }
                for u in coverage.always[x] { out[r * nU + u] += n }
                if coverage.isDated[x] { for c in coverage.dated[x] where c.holds(d) { out[r * nU + c.unit] += n } }
            }
        }
        return out
    }

    /// One waitlist indicator's table. Flows are counted per case in the month, tertial and
    /// year containing the date; stocks (waiting, discharge-ready, homeless) by entry and
    /// exit events over the distinct period ends; median and longest wait by one sweep over
    /// those ends with the cases waiting on each, found by rank (no list of waits is built).
    /// One function on purpose: the sweep keeps its cursors and Fenwick trees in locals (a
    /// split costs the benchmark's waitlist phase; docs/performance.md).
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
            let counts = upCoverage(own, rows: nP) { self.endOrd[$0] }
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
            // A case enters and leaves by its unit and decision day, kept in the lists
            // themselves: the sweep reads them in order, where looking the case up by its
            // index read the 200 000 rows at random, a cache miss each (issue 27).
            var enter = [[SIMD2<Int32>]](repeating: [], count: nD), leave = [[SIMD2<Int32>]](repeating: [], count: nD)
            var successions = coverage.hasSuccessions ? SuccessionSweep(coverage, dates: nD) : nil
            let isDated = coverage.isDated
            for k in counted {
                let c = rows[k]
                let w = c.waitingDates(dates)
                guard !w.isEmpty else { continue }
                let key = SIMD2<Int32>(Int32(c.unit), Int32(c.granted - lo))
                enter[w.lowerBound].append(key)
                if w.upperBound < nD { leave[w.upperBound].append(key) }
                if isDated[c.unit] { successions?.add(Int32(k), w, nD) }
            }
            let always = coverage.always
            for (d, day) in dates.enumerated() {
                // The units always covering a case by a plain loop (the hot path); the
                // successions, rare, in a sweep of their own (`SuccessionSweep`).
                successions?.switchLinks(on: day, first: d == 0, &trees, rows, lo)
                for c in enter[d] { for u in always[Int(c.x)] { trees.add(u, Int(c.y), 1) } }
                for c in leave[d] { for u in always[Int(c.x)] { trees.add(u, Int(c.y), -1) } }
                successions?.move(d, &trees, rows, lo)
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
            let counts = upCoverage(own, rows: nD + 1) { nD == 0 ? 0 : dates[min($0, nD - 1)] }
            for d in 0..<nD { for u in 0..<nU { perDate[d * nU + u] = Double(counts[d * nU + u]) } }
        }
        for p in usable {
            guard let d = dateIndex[periods[p].end.ordinal] else { continue }
            for u in 0..<nU { table[p * nU + u] = perDate[d * nU + u] }
        }
        return table
    }
}
