import Model

/// How figures are shown in a report, with small-count suppression applied in one place.
///
/// With `suppressSmall: N`, a count of persons between 1 and N-1 is shown as `<N`, and a
/// ratio or a wait built on such a count as `..` (for reports shared outside the service).
public struct Display: Sendable {
    public let lang: Lang
    public let suppressSmall: Int?
    public var format: Format { Format(lang: lang) }

    public init(lang: Lang, suppressSmall: Int? = nil) {
        self.lang = lang
        self.suppressSmall = suppressSmall.flatMap { $0 > 1 ? $0 : nil }
    }

    public func isSmall(_ n: Double?) -> Bool {
        guard let n, let k = suppressSmall else { return false }
        return n >= 1 && n < Double(k)
    }

    /// A count of persons (waitlist cells, IP counts, small units).
    public func count(_ n: Int) -> String {
        isSmall(Double(n)) ? "<\(suppressSmall!)" : format.value(Double(n), .count)
    }

    /// A value of an indicator for a unit and period, suppressed where it could identify a person.
    public func value(_ s: Snapshot, indicator i: Int, unit u: Int, period p: Period) -> String {
        let ind = s.indicators[i]
        guard let c = s.cell(indicator: i, unit: u, period: p) else { return "–" }
        guard let v = c.value else { return c.origin == .dividedByZero ? "– (" + L10n(lang).origin(.dividedByZero) + ")" : "–" }
        if suppressed(s, indicator: i, unit: u, period: p) { return ind.unit == .count ? "<\(suppressSmall!)" : ".." }
        return format.value(v, ind.unit)
    }

    /// The same for machine-readable output: the plain figure, `<N` or `..`.
    public func plain(_ s: Snapshot, indicator i: Int, unit u: Int, period p: Period) -> String {
        let ind = s.indicators[i]
        guard let v = s.cell(indicator: i, unit: u, period: p)?.value else { return "" }
        if suppressed(s, indicator: i, unit: u, period: p) { return ind.unit == .count ? "<\(suppressSmall!)" : ".." }
        return Format.plain(v, ind.unit, decimalComma: true)
    }

    public func suppressed(_ s: Snapshot, indicator i: Int, unit u: Int, period p: Period) -> Bool {
        guard suppressSmall != nil else { return false }
        let ind = s.indicators[i]
        let v = s.cell(indicator: i, unit: u, period: p)?.value
        switch ind.source {
        case .formula:
            guard let f = ind.formula else { return false }
            return [f.numerator, f.denominator].contains { id in
                s.dataset.indicatorIndex[id].map { suppressed(s, indicator: $0, unit: u, period: p) } ?? false
            }
        case .waitlist where ind.waitlistMeasure == .medianWaitDays || ind.waitlistMeasure == .maxWaitDays:
            // A wait over fewer than N cases describes those persons.
            let waiting = s.indicators.firstIndex { $0.source == .waitlist && $0.waitlistMeasure == .waiting && $0.housing == ind.housing && $0.livingNow == ind.livingNow }
            return waiting.map { isSmall(s.cell(indicator: $0, unit: u, period: p)?.value) } ?? false
        default:
            return ind.unit == .count && isSmall(v)
        }
    }

    /// A wait in days over `n` cases.
    public func wait(_ days: Double?, over n: Int) -> String {
        isSmall(Double(n)) ? ".." : format.value(days, .days)
    }
}
