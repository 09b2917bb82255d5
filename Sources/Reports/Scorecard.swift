import Model

/// The content of a scorecard report for one unit subtree and one period: what the
/// text, markdown, CSV and JSON renderers all show, computed once.
public struct ScorecardReport: Sendable {
    public struct Row: Sendable {
        public let unit: Int
        public let indicator: Int
        public let period: Period
        public let cell: Cell
        public let warnings: [QualityWarning]
    }

    public let snapshot: Snapshot
    public let unit: Int
    public let period: Period
    /// Rows for the scope unit, by perspective in catalogue order.
    public let scopeRows: [Row]
    public let deviations: [Deviation]
    public let completeness: Completeness
    public var counts: [Status: Int] {
        var c = [Status: Int]()
        for r in scopeRows { c[r.cell.status, default: 0] += 1 }
        return c
    }

    public init(snapshot: Snapshot, unit: Int, period: Period) {
        self.snapshot = snapshot; self.unit = unit; self.period = period
        scopeRows = ScorecardReport.rows(snapshot, unit: unit, period: period)
        deviations = snapshot.deviations(unit: unit, period: period)
        completeness = snapshot.completeness(unit: unit, period: period)
    }

    /// One unit's rows for a period: every indicator that has a value or was due.
    public static func rows(_ s: Snapshot, unit u: Int, period p: Period) -> [Row] {
        s.indicators.indices.compactMap { i in
            guard let c = s.cell(indicator: i, unit: u, period: p), c.value != nil || c.status != .none || c.hasReportRow || c.origin == .dividedByZero else { return nil }
            return Row(unit: u, indicator: i, period: p, cell: c, warnings: s.warnings(indicator: i, unit: u, period: p))
        }
    }

    /// Perspectives in the order they first appear in the catalogue.
    public var perspectives: [Perspective] { snapshot.perspectives }
}
