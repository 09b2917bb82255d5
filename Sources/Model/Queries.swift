/// A deviation (avvik): a red, yellow or missing value, or a data-quality warning.
public struct Deviation: Sendable {
    public enum Kind: Sendable {
        case status(Status)
        case quality(QualityWarning)
    }
    public let kind: Kind
    public let unit: Int
    public let indicator: Int?
    public let period: Period
    public let cell: Cell?

    /// Relative distance from target (0 when unknown), for ordering within a status.
    public var distance: Double {
        guard let v = cell?.value, let t = cell?.target else { return 0 }
        return abs(v - t) / max(abs(t), 1)
    }

    var rank: Int {
        switch kind {
        case .status(let s): return s.rank
        case .quality: return 3
        }
    }
}

/// The catalogue's IP indicators, found by their register measure, and the coverage formula
/// (with plan / target group). Any of them may be missing from a catalogue.
public struct IPIndicatorSet: Sendable {
    public let targetGroup: Int?, withPlan: Int?, groupWithoutPlan: Int?, declined: Int?
    public let withCoordinator: Int?, evaluationOverdue: Int?, coverage: Int?

    public init(_ indicators: [Indicator]) {
        func find(_ m: IPMeasure) -> Int? { indicators.firstIndex { $0.source == .ip && $0.ipMeasure == m } }
        targetGroup = find(.targetGroup); withPlan = find(.withPlan); groupWithoutPlan = find(.groupWithoutPlan)
        declined = find(.declined); withCoordinator = find(.withCoordinator); evaluationOverdue = find(.evaluationOverdue)
        let ids = (withPlan.map { indicators[$0].id }, targetGroup.map { indicators[$0].id })
        coverage = indicators.firstIndex { $0.formula?.numerator == ids.0 && $0.formula?.denominator == ids.1 }
    }
}

public struct Completeness: Sendable {
    public struct Missing: Sendable, Hashable {
        public let unit: Int
        public let indicator: Int
        public let period: Period
        /// A report row exists but its value is empty ("reported as unknown").
        public let reportedUnknown: Bool
    }
    public let due: Int
    public let reported: Int
    public let missing: [Missing]
    public var percent: Double { due == 0 ? 100 : Double(reported) / Double(due) * 100 }
}

extension Snapshot {
    /// Every deviation in the unit's subtree for the period, worst first: red, yellow,
    /// missing, then data-quality warnings; within a status, farthest from target first.
    public func deviations(unit root: Int, period: Period) -> [Deviation] {
        cache.deviations(.init(unit: root, period: period)) { computeDeviations(unit: root, period: period) }
    }

    func computeDeviations(unit root: Int, period: Period) -> [Deviation] {
        var out = [Deviation]()
        let units = scope(root, period)
        let inScope = Set(units)
        for u in units {
            for i in indicators.indices {
                guard let c = cell(indicator: i, unit: u, period: period) else { continue }
                if c.status.isDeviation {
                    out.append(Deviation(kind: .status(c.status), unit: u, indicator: i, period: period, cell: c))
                }
            }
        }
        // One pass over the warnings (68 835 on the benchmark: about a millisecond), not an
        // index by period that each new snapshot would have to build first.
        for w in warnings where w.period == period && inScope.contains(w.unit) {
            let c = w.indicator.flatMap { cell(indicator: $0, unit: w.unit, period: period) }
            out.append(Deviation(kind: .quality(w), unit: w.unit, indicator: w.indicator, period: period, cell: c))
        }
        let order = Dictionary(uniqueKeysWithValues: tree.preorder.enumerated().map { ($1, $0) })
        return out.enumerated().sorted { a, b in
            let x = a.element, y = b.element
            if x.rank != y.rank { return x.rank < y.rank }
            if x.distance != y.distance { return x.distance > y.distance }
            if x.unit != y.unit { return (order[x.unit] ?? 0) < (order[y.unit] ?? 0) }
            return a.offset < b.offset
        }.map(\.element)
    }

    /// What was due in the unit's subtree within the period (at each indicator's own
    /// frequency), how much of it has a value, and exactly what is missing.
    public func completeness(unit root: Int, period: Period) -> Completeness {
        cache.completeness(.init(unit: root, period: period)) { computeCompleteness(unit: root, period: period) }
    }

    func computeCompleteness(unit root: Int, period: Period) -> Completeness {
        var due = 0, reported = 0
        var missing = [Completeness.Missing]()
        for u in scope(root, period) {
            for (i, ind) in indicators.enumerated() where ind.source == .reported {
                for part in period.parts(ind.frequency.periodKind) {
                    guard let c = cell(indicator: i, unit: u, period: part), c.due else { continue }
                    due += 1
                    if c.reported != nil { reported += 1 }
                    else { missing.append(.init(unit: u, indicator: i, period: part, reportedUnknown: c.hasReportRow)) }
                }
            }
        }
        return Completeness(due: due, reported: reported, missing: missing)
    }

    /// The units a unit is made of in a period: its active children, or, for a period
    /// before it existed, its direct predecessors (Bergen Vest in 2019: Laksevåg and Fyllingsdalen).
    public func parts(of u: Int, in period: Period) -> [Int] {
        let kids = tree.activeChildren(u, on: period.end)
        if kids.isEmpty, let from = tree.units[u].from, period.end < from { return tree.predecessors[u] }
        return kids
    }

    /// The unit and, recursively, its parts in the period, in tree order: what a report
    /// or a deviation list for the unit covers.
    public func scope(_ root: Int, _ period: Period) -> [Int] {
        cache.scope(.init(unit: root, period: period)) { computeScope(root, period) }
    }

    func computeScope(_ root: Int, _ period: Period) -> [Int] {
        var out = [root]
        var i = 0
        while i < out.count {
            out.append(contentsOf: parts(of: out[i], in: period))
            i += 1
        }
        let order = Dictionary(uniqueKeysWithValues: tree.preorder.enumerated().map { ($1, $0) })
        return [root] + out.dropFirst().sorted { (order[$0] ?? 0) < (order[$1] ?? 0) }
    }

    /// The units below a unit that are worth showing for a period (its scope without itself).
    public func activeUnits(under root: Int, period: Period) -> [Int] {
        Array(scope(root, period).dropFirst())
    }

    /// Computes, into the snapshot's cache, what the dashboard's screens ask for about a unit
    /// around a period: deviations and completeness (this and the neighbouring tertials, for
    /// every unit in scope), and the waitlist at the last twelve month-ends. Safe to run on a
    /// background thread while the screens read the cache.
    public func warm(unit: Int, period: Period) {
        let tertial = period.kind == .tertial ? period : period.enclosing(.tertial)
        guard let k = tertials.firstIndex(of: tertial) else { return }
        let around = [k, k - 1, k + 1].filter { tertials.indices.contains($0) }.map { tertials[$0] }
        for p in around {
            _ = deviations(unit: unit, period: p)
            for t in tertials.filter({ $0.end <= p.end }).suffix(6) {
                for u in scope(unit, p) { _ = completeness(unit: u, period: t) }
            }
            let end = min(p.end, spanEnd)
            _ = waitlist(unit: unit, at: end)
            for m in periods.filter({ $0.kind == .month && $0.end <= end }).suffix(12) { _ = waitlist(unit: unit, at: m.end) }
        }
    }

    /// The IP indicators of the catalogue.
    public var ipIndicators: IPIndicatorSet { cache.memo("ipIndicators") { IPIndicatorSet(indicators) } }

    /// The waitlist for a unit on a day (Table 7 shape, waits, processing breaches).
    public func waitlist(unit: Int, at date: Day) -> WaitlistView {
        cache.waitlist(.init(unit: unit, day: date)) {
            WaitlistView(dataset: dataset, unit: unit, date: date, coverage: cache.coverage { Coverage(tree) },
                         caseUnits: cache.caseUnits { dataset.waitlist.map { tree.index[$0.unit] ?? -1 } })
        }
    }
}
