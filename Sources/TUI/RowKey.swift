import Model

/// The identity of a list row: what it is about, never its position. The cursor follows
/// it across reloads, re-sorts and filters.
public enum RowKey: Hashable, Sendable, CustomStringConvertible {
    case tile(String)
    case unit(UnitID)
    case indicator(IndicatorID)
    case period(Period)
    /// Boxed (`indirect`): a row key stays the size of a string, so long lists (thousands of
    /// waiting cases) scan as fast as they did with string keys (keystroke benchmark).
    indirect case deviation(DeviationKey)
    /// A housing category; nil is the row for all of them.
    case housing(Housing?)
    case waitCase(String)
    indirect case missing(unit: UnitID, indicator: IndicatorID, period: Period)
    /// A follow-up entry (an action on the follow-up screen), by its id in the store.
    case entry(Int64)
    /// A group heading (not selectable).
    case heading(String)
    /// An item of a meeting's agenda (`AgendaItem.key`).
    case agenda(String)

    public var description: String {
        switch self {
        case .tile(let t): "tile:\(t)"
        case .unit(let u): "unit:\(u)"
        case .indicator(let i): "indicator:\(i)"
        case .period(let p): "period:\(p)"
        case .deviation(let d): "deviation:\(d)"
        case .housing(let h): "housing:\(h?.rawValue ?? "all")"
        case .waitCase(let c): "case:\(c)"
        case let .missing(u, i, p): "missing:\(u)/\(i)/\(p)"
        case .entry(let id): "entry:\(id)"
        case .heading(let h): "heading:\(h)"
        case .agenda(let k): "agenda:\(k)"
        }
    }
}

/// A deviation by what it is about: its kind, unit, indicator and period (and the case,
/// for a waitlist warning), so two reloads of the same data name the same deviation.
public struct DeviationKey: Hashable, Sendable, CustomStringConvertible {
    public let kind: String
    public let unit: UnitID
    public let indicator: IndicatorID?
    public let period: Period
    public let detail: String

    public init(_ d: Deviation, _ s: Snapshot) {
        unit = s.tree.id(d.unit)
        indicator = d.indicator.map { s.id(indicator: $0) }
        period = d.period
        switch d.kind {
        // The same value is the same deviation whether it is red or yellow now.
        case .status: kind = "status"; detail = ""
        case .quality(let w):
            switch w.kind {
            case .totalDiffers: kind = "totalDiffers"; detail = ""
            case .dropToZero: kind = "dropToZero"; detail = ""
            case .outlier: kind = "outlier"; detail = ""
            case .reportedDiffers: kind = "reportedDiffers"; detail = ""
            case .outsideActiveDates: kind = "outsideActiveDates"; detail = ""
            case .builtOnSuspect(let u): kind = "builtOnSuspect"; detail = u
            case .grantedBeforeReceived(let c): kind = "grantedBeforeReceived"; detail = c
            case .exitBeforeGranted(let c): kind = "exitBeforeGranted"; detail = c
            case .processingBreach(let c, _): kind = "processingBreach"; detail = c
            }
        }
    }

    public var description: String { "\(kind)/\(unit)/\(indicator?.rawValue ?? "-")/\(period)/\(detail)" }
}
