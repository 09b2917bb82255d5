/// Whose cases and users a unit covers on a day. A unit always covers its subtree. It
/// covers a predecessor's subtree (a unit whose successor chain ends at it or at a unit
/// below it) only while every link of that chain has passed on its work: a link from A to
/// its successor B holds on day d when A has closed (d after A's `to`) or B has not yet
/// started (d before B's `from`). So Bergen Vest, new in 2020, covers Laksevåg and
/// Fyllingsdalen both before it started (its history is theirs) and after they closed;
/// a unit that already existed and absorbs another covers the other's cases only once
/// it has closed, and before the merge shows its own (docs/data-format.md, "Units that
/// merge").
public struct Coverage: Sendable {
    /// One succession link's days as ordinals: holds when `d > closedAfter || d < startsAt`.
    struct Link: Sendable {
        let closedAfter: Int, startsAt: Int
        /// The link from unit `a` to its successor `b`.
        init(_ tree: OrgTree, from a: Int, to b: Int) {
            closedAfter = tree.units[a].to?.ordinal ?? .max; startsAt = tree.units[b].from?.ordinal ?? .min
        }
        func holds(_ d: Int) -> Bool { d > closedAfter || d < startsAt }
        /// Holds on every day: the successor began only after the other closed (a new unit
        /// carrying its predecessors, not one absorbing a unit beside it).
        var alwaysHolds: Bool { startsAt > closedAfter }
    }
    /// A unit covering another only through successions: any of its chains holding.
    struct Dated: Sendable {
        let unit: Int
        var chains: [[Link]]
        func holds(_ d: Int) -> Bool { chains.contains { $0.allSatisfy { $0.holds(d) } } }
    }
    /// For each unit x: x and its ancestors (they always cover it).
    let always: [[Int]]
    /// For each unit x: the units covering it only through successions.
    let dated: [[Dated]]
    /// For each unit x: whether `dated[x]` has any (a flat flag the hot loops test first).
    let isDated: [Bool]

    public init(_ tree: OrgTree) {
        let n = tree.units.count
        var always = [[Int]](repeating: [], count: n)
        for x in 0..<n { always[x] = tree.path(to: x).reversed() }
        var dated = [[Dated]](repeating: [], count: n)
        for v in 0..<n where !tree.predecessors[v].isEmpty {
            for p in tree.allPredecessors(v) {
                // The chain p → successor → … → v.
                var chain = [Link](), a = p
                while a != v, chain.count < OrgTree.maxDepth, let s = tree.units[a].successor, let b = tree.index[s] {
                    chain.append(Link(tree, from: a, to: b))
                    a = b
                }
                for x in tree.subtree(p) {
                    // Not a unit above x: those cover it always.
                    for w in tree.path(to: v) where !always[x].contains(w) {
                        if let k = dated[x].firstIndex(where: { $0.unit == w }) { dated[x][k].chains.append(chain) }
                        else { dated[x].append(Dated(unit: w, chains: [chain])) }
                    }
                }
            }
        }
        self.always = always; self.dated = dated; isDated = dated.map { !$0.isEmpty }
    }

    /// True when some unit covers another only through a succession (most data has none).
    var hasSuccessions: Bool { isDated.contains(true) }

    /// Which units' cases `u` covers on the day, as a flag per unit.
    public func covered(by u: Int, on day: Day) -> [Bool] {
        always.indices.map { x in always[x].contains(u) || dated[x].contains { $0.unit == u && $0.holds(day.ordinal) } }
    }

    /// The units whose cases `u` covers on the day.
    public func units(coveredBy u: Int, on day: Day) -> [Int] {
        let f = covered(by: u, on: day)
        return f.indices.filter { f[$0] }
    }
}

/// The waitlist and IP rules, in one place: the engine's register measures and the
/// waitlist report both call these.
public enum Registers {
    /// The median of whole-day waits; with an even count, the mean of the two middle ones.
    public static func median(_ values: [Int]) -> Double? {
        medianOfSorted(values.sorted())
    }

    /// The median of waits already in ascending order.
    public static func medianOfSorted(_ s: [Int]) -> Double? {
        guard !s.isEmpty else { return nil }
        let m = s.count / 2
        return s.count % 2 == 1 ? Double(s[m]) : Double(s[m - 1] + s[m]) / 2
    }

    public static func matches(_ c: WaitCase, housing: Set<Housing>, livingNow: Set<LivingNow>) -> Bool {
        (housing.isEmpty || housing.contains(c.housing)) &&
            (livingNow.isEmpty || c.livingNow.map { livingNow.contains($0) } ?? false)
    }

    /// IP measure for one record (already restricted to the target group except
    /// `targetGroup` itself), against the snapshot's overdue cut-off (worked out once: the
    /// engine counts every record of a snapshot against one date).
    @inline(__always)
    static func counts(_ r: IPRecord, _ m: IPMeasure, _ cutoff: OverdueCutoff) -> Bool {
        guard r.targetGroup else { return false }
        switch m {
        case .targetGroup: return true
        case .withPlan: return r.plan
        case .groupWithoutPlan: return r.group && !r.plan
        case .declined: return r.declined
        case .withCoordinator: return r.coordinator
        case .planOrGroup: return r.plan || r.group
        case .evaluationOverdue:
            guard r.plan else { return false }
            guard let e = r.evaluated else { return true }
            return cutoff.isOverdue(e)
        }
    }

    /// Last evaluation more than 12 months before the snapshot date.
    public static func isOverdue(evaluated e: Day, at d: Day) -> Bool { OverdueCutoff(d).isOverdue(e) }

    /// The first day an evaluation is not overdue on a snapshot date: the same day a year
    /// earlier (the 28th for the 29th of February), as a day number. Made with the civil
    /// arithmetic, which holds for any year (a snapshot in year 1000 has a cut-off in 999,
    /// a day `Day(year:month:day:)` would refuse), and compared as day numbers, which order
    /// as (year, month, day) do.
    struct OverdueCutoff {
        let ordinal: Int
        init(_ d: Day) {
            let c = d.components
            ordinal = Day(civil: c.year - 1, c.month, min(c.day, Day.daysIn(year: c.year - 1, month: c.month))).ordinal
        }
        func isOverdue(_ e: Day) -> Bool { e.ordinal < ordinal }
    }
}

/// The waitlist on one day for one unit (its whole coverage): the Table 7 shape and waits.
public struct WaitlistView: Sendable {
    public struct Category: Sendable {
        public var waiting = 0
        public var dischargeReady = 0
        public var homeless = 0
        public var waits: [Int] = []
        public init() {}
        public var medianWait: Double? { Registers.median(waits) }
        public var maxWait: Int? { waits.max() }
    }
    public let date: Day
    public let unit: Int
    public var byHousing: [Housing: Category] = [:]
    /// Waiting cases by where the applicant lives now and housing category (Table 7). `nil` key = not recorded.
    public var matrix: [LivingNow?: [Housing: Int]] = [:]
    public var total = Category()
    /// Cases waiting on the date, longest wait first.
    public var cases: [WaitCase] = []
    /// Applications decided in the 12 months up to the date.
    public var decidedLastYear = 0
    /// Of those, processed in over 4 weeks without an interim reply.
    public var breachesLastYear = 0
    /// Of those, processed in over 4 weeks (with or without an interim reply).
    public var overFourWeeksLastYear = 0

    /// `caseUnits` (each case's unit index) and `coverage` may be passed in when already known.
    public init(dataset: Dataset, unit: Int, date: Day, coverage: Coverage? = nil, caseUnits: [Int]? = nil) {
        self.date = date; self.unit = unit
        let tree = dataset.tree
        let covered = (coverage ?? Coverage(tree)).covered(by: unit, on: date)
        let units = caseUnits ?? dataset.waitlist.map { tree.index[$0.unit] ?? -1 }
        let yearAgo = date + (-365)
        for (k, c) in dataset.waitlist.enumerated() {
            let cu = units[k]
            guard cu >= 0, covered[cu] else { continue }
            if c.granted > yearAgo && c.granted <= date {
                decidedLastYear += 1
                if let d = c.processingDays, d > 28 { overFourWeeksLastYear += 1 }
                if c.isProcessingBreach { breachesLastYear += 1 }
            }
            guard c.isWaiting(on: date) else { continue }
            let wait = date - c.granted
            var cat = byHousing[c.housing] ?? Category()
            WaitlistView.add(&cat, c, wait)
            WaitlistView.add(&total, c, wait)
            byHousing[c.housing] = cat
            matrix[c.livingNow, default: [:]][c.housing, default: 0] += 1
            cases.append(c)
        }
        cases.sort { ($0.granted, $0.id) < ($1.granted, $1.id) }
    }

    /// The rows of the Table 7 matrix a person is shown: Table 7's five living situations,
    /// `annet` when some applicant has it, and "not recorded" when some case lacks it; each
    /// with its counts per housing category (in `Housing.allCases` order).
    public var matrixRows: [(living: LivingNow?, counts: [Int])] {
        let situations: [LivingNow?] = LivingNow.allCases.map { Optional($0) } + [nil]
        return situations.compactMap { liv in
            let m = matrix[liv] ?? [:]
            if (liv == .annet || liv == nil) && m.isEmpty { return nil }
            return (liv, Housing.allCases.map { m[$0] ?? 0 })
        }
    }

    private static func add(_ cat: inout Category, _ c: WaitCase, _ wait: Int) {
        cat.waiting += 1
        if c.dischargeReady { cat.dischargeReady += 1 }
        if c.livingNow == .bostedslos { cat.homeless += 1 }
        cat.waits.append(wait)
    }
}
