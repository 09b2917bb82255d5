import Foundation
import Model

/// The waitlist forecast (issue 25) as a person reads it: each figure formatted once, for
/// screen 3, the tertial report and `report waitlist`. With `--suppress-small N`, counts
/// between 1 and N−1 are `<N`, and every estimate built on fewer than N cases `..`.
public struct ForecastFigures {
    public let forecast: WaitlistForecast
    public let display: Display
    public let windowMonths: Int
    var l: L10n { L10n(display.lang) }
    var f: Format { display.format }

    public init(_ forecast: WaitlistForecast, display: Display, windowMonths: Int) {
        self.forecast = forecast; self.display = display; self.windowMonths = windowMonths
    }

    /// The estimate is shown: enough cases, and not suppressed as small.
    public var shown: Bool { forecast.estimate != nil && !display.isSmall(Double(forecast.casesInWindow)) }
    public var suppressed: Bool { forecast.estimate != nil && display.isSmall(Double(forecast.casesInWindow)) }

    public func share(_ p: Double?) -> String {
        guard shown, let p else { return suppressed ? ".." : "–" }
        return f.value(p * 100, .percent)
    }

    /// `42,3 % (31,2–54,0)`; `..` or `–` without an estimate.
    public func chance(_ k: Int) -> String {
        guard shown, forecast.allocated.indices.contains(k) else { return suppressed ? ".." : "–" }
        let pt = forecast.allocated[k]
        // No place yet by then: the interval is a point at 0 and says nothing more.
        if pt.p == 0 { return share(0) }
        return share(pt.p) + " (" + Format.plain(pt.low * 100, .percent, decimalComma: display.lang == .nb) + "–"
            + Format.plain(pt.high * 100, .percent, decimalComma: display.lang == .nb) + ")"
    }

    /// The three chances on one line: `Bolig innen 3 mnd 42,3 % (…) · 6 mnd … · 12 mnd …`.
    public var chances: String {
        l(ForecastTexts.placeWithin) + " " + WaitlistForecast.horizons.indices.map { k in
            l(ForecastTexts.within(months: [3, 6, 12][k], chance(k)))
        }.joined(separator: " · ")
    }

    /// `Halvparten har fått bolig etter 190 dager` or `Under halvparten …`.
    public var median: String {
        guard shown else { return suppressed ? ".." : "–" }
        if let d = forecast.medianDays { return l(ForecastTexts.median(days: d)) }
        return l(ForecastTexts.underHalf(days: forecast.longestObserved ?? 0))
    }

    /// The median in a table cell: `190 d` or `> 700 d`.
    public var medianCell: String {
        guard shown else { return suppressed ? ".." : "–" }
        if let d = forecast.medianDays { return l(ForecastTexts.days(d)) }
        return l(ForecastTexts.over(forecast.longestObserved ?? 0))
    }

    public var left: String { l(ForecastTexts.leftWithout(share(forecast.left12m))) }

    public var flow: String {
        l(ForecastTexts.flow(grants: display.count(forecast.grants12m), allocations: display.count(forecast.allocations12m),
                             departures: display.count(forecast.departures12m)))
    }

    /// Grows by N a month, is emptied in about N months, or holds its length.
    public var trend: String {
        let net = forecast.netPerMonth
        // Built on small counts, the rate would give them away.
        if [forecast.grants12m, forecast.allocations12m, forecast.departures12m, forecast.waitingNow].contains(where: { display.isSmall(Double($0)) }) { return ".." }
        if net > 0 { return l(ForecastTexts.grows(Format.plain(net, .count, decimalComma: display.lang == .nb))) }
        if let m = forecast.monthsToEmpty { return l(ForecastTexts.empties(Format.plain(m.rounded(), .count, decimalComma: display.lang == .nb))) }
        return l(ForecastTexts.steady)
    }

    /// The data-quality warning of Little's law, when it disagrees.
    public var littleWarning: String? {
        guard forecast.littleDisagrees, let e = forecast.littlesLaw else { return nil }
        let dc = display.lang == .nb
        if display.isSmall(forecast.meanWaiting) || display.isSmall(Double(forecast.grants12m)) {
            return l(ForecastTexts.littleWarning(mean: "..", expected: ".."))
        }
        return l(ForecastTexts.littleWarning(mean: Format.plain((forecast.meanWaiting * 10).rounded() / 10, .count, decimalComma: dc),
                                             expected: Format.plain((e * 10).rounded() / 10, .count, decimalComma: dc)))
    }

    /// The lines a leader reads (screen 3): what it rests on, the chances, the median and
    /// leaving, the flow and the trend, and Little's law when it disagrees.
    public var lines: [String] {
        var out = [String]()
        let basis = l(ForecastTexts.basis(cases: display.count(forecast.casesInWindow), months: windowMonths))
        if shown {
            out.append(chances)
            out.append(median + " · " + left)
        } else if suppressed {
            out.append(l(ForecastTexts.tooFew(cases: display.count(forecast.casesInWindow), minimum: WaitlistForecast.minimumCases)) + " (" + basis + ")")
        } else {
            out.append(l(ForecastTexts.tooFew(cases: String(forecast.casesInWindow), minimum: WaitlistForecast.minimumCases)))
        }
        out.append(flow + "; " + trend)
        if let w = littleWarning { out.append(w) }
        return out
    }
}

/// The cumulative incidence of allocation as a step curve in block characters, for a
/// terminal: each column a slice of time since the decision, filled up to the share with a
/// place by its end (eighths of a row with Unicode, `#` and `:` in ASCII). Nothing is drawn
/// after the last day the data reach (the estimate says nothing there).
public enum ForecastCurve {
    public static func rows(_ ci: CumulativeIncidence, months: Int, columns: Int, rows: Int, unicode: Bool) -> [String] {
        let totalDays = Double(months) * 365.25 / 12
        let last = ci.lastDay ?? 0
        let eighths = ["", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
        var grid = [[String]](repeating: [String](repeating: " ", count: columns), count: rows)
        for c in 0..<columns {
            let day = Int((Double(c + 1) * totalDays / Double(columns)).rounded(.down))
            // A column reaches past the data when its slice begins after the last step.
            if Double(c) * totalDays / Double(columns) > Double(last) { break }
            let p = ci.incidence(1, at: day)
            var level = Int((p * Double(rows * 8)).rounded())
            for r in 0..<rows {
                let here = min(8, max(0, level))
                level -= 8
                let glyph = unicode ? eighths[here] : (here == 8 ? "#" : here >= 4 ? ":" : here > 0 ? "." : "")
                grid[rows - 1 - r][c] = glyph.isEmpty ? " " : glyph
            }
        }
        return grid.map { $0.joined() }
    }

    /// The time axis under the curve, its months written into the line:
    /// `└0──3──6─────12────18────24 mnd`.
    public static func axis(months: Int, columns: Int, unit: String, unicode: Bool) -> String {
        var line = [Character](repeating: unicode ? "─" : "-", count: columns + 1)
        for m in [0, 3, 6, 12, 18, 24, 36, 48].filter({ $0 <= months }) {
            let text = Array(String(m))
            let x = min(m * columns / months, columns + 1 - text.count)
            for (k, ch) in text.enumerated() { line[x + k] = ch }
        }
        return (unicode ? "└" : "+") + String(line) + " " + unit
    }
}
