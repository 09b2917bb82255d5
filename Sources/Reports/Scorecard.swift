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
    /// This is the one definition of "the indicators of a unit in a period" that the
    /// overview's count, the scorecard screen, `check` and the reports share. An indicator
    /// reported less often than `p` (annual in a tertial) shows its latest value that has
    /// ended by then, with that period in `Row.period`; `sameKind` leaves those out (the
    /// machine formats list every value once, under its own period).
    public static func rows(_ s: Snapshot, unit u: Int, period p: Period, sameKind: Bool = false) -> [Row] {
        s.indicators.indices.compactMap { i in
            let q = s.shownPeriod(indicator: i, for: p)
            // An indicator whose register is still being read keeps its row (shown as pending).
            guard !sameKind || q == p, let c = s.cell(indicator: i, unit: u, period: q), counts(c) || s.isPending(indicator: i) else { return nil }
            return Row(unit: u, indicator: i, period: q, cell: c, warnings: s.warnings(indicator: i, unit: u, period: q))
        }
    }

    /// Whether a cell is one of a unit's indicators in its period: it has a value, a status,
    /// a report row, or a division by zero to explain.
    public static func counts(_ c: Cell) -> Bool {
        c.value != nil || c.status != .none || c.hasReportRow || c.origin == .dividedByZero
    }

    /// Perspectives in the order they first appear in the catalogue.
    public var perspectives: [Perspective] { snapshot.perspectives }
}
