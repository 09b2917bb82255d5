import Foundation
import Model

/// `tertial report waitlist --at DATE`: waiting cases by housing and by where applicants
/// live (Table 7 shape), discharge-ready, homeless, median and longest wait, breaches.
public enum WaitlistReport {
    /// With `display.suppressSmall`, counts between 1 and N−1 show as `<N` and waits over
    /// them as `..`, as in the tertial report (Table 7 is the most identifying table there is).
    public static func text(_ v: WaitlistView, snapshot s: Snapshot, lang: Lang, markdown: Bool, display: Display? = nil,
                            forecasts: [Housing?: WaitlistForecast]? = nil, windowMonths: Int = WaitlistForecast.defaultWindowMonths) -> String {
        let l = L10n(lang), d = display ?? Display(lang: lang)
        var out = ""
        let title = l[.housingWaitlist] + ": \(s.tree.units[v.unit].name), " + l.date(v.date)
        out += markdown ? "# \(title)\n\n" : "\(title)\n\(String(repeating: "=", count: title.count))\n\n"
        out += l[.colWaiting] + ": \(d.count(v.total.waiting)), " + l[.ofWhomDischargeReady]
            + ": \(d.count(v.total.dischargeReady)), " + l[.homelessWord] + ": \(d.count(v.total.homeless))\n\n"
        let cats = Housing.allCases
        var header = [l[.livingNow]] + cats.map { l.housing($0) } + [l[.total]]
        var rows = [[String]]()
        for (liv, nums) in v.matrixRows {
            rows.append([l.living(liv)] + (nums + [nums.reduce(0, +)]).map(d.count))
        }
        let tot = cats.map { v.byHousing[$0]?.waiting ?? 0 }
        rows.append([l[.total]] + (tot + [v.total.waiting]).map(d.count))
        out += markdown ? Table.markdown(header, rows) : Table.text(header, rows, rightAligned: Set(1...cats.count + 1))
        out += "\n"
        header = [l[.category], l[.colWaiting], l[.colDischargeReadyShort],
                  l[.colHomeless], l[.colMedianWait], l[.colLongest]]
        rows = (cats.map { ($0 as Housing?) } + [nil]).map { h in
            let c = h.map { v.byHousing[$0] ?? WaitlistView.Category() } ?? v.total
            let name = h.map { "\(l.housing($0)) (\(l.housingDescription($0)))" } ?? l[.all]
            return [name, d.count(c.waiting), d.count(c.dischargeReady), d.count(c.homeless),
                    d.wait(c.medianWait, over: c.waiting), d.wait(c.maxWait.map(Double.init), over: c.waiting)]
        }
        out += markdown ? Table.markdown(header, rows) : Table.text(header, rows, rightAligned: [1, 2, 3, 4, 5])
        out += "\n" + l[.caseProcessingHeading] + ": \(v.decidedLastYear) "
            + l[.decisions] + ", \(v.overFourWeeksLastYear) " + l[.over4Weeks] + ", \(v.breachesLastYear) "
            + l[.breachWithLaw] + "\n"
        if let forecasts {
            let title = l(ForecastTexts.reportHeading)
            out += "\n" + (markdown ? "## \(title)\n\n" : "\(title)\n\(String(repeating: "-", count: title.count))\n\n")
            let (header, rows, notes) = forecastTable(forecasts, d, windowMonths)
            out += markdown ? Table.markdown(header, rows) : Table.text(header, rows, rightAligned: Set(1...6))
            out += "\n" + l(ForecastTexts.method(months: windowMonths, minimum: WaitlistForecast.minimumCases)) + "\n"
            for n in notes { out += (markdown ? "\n" : "") + n + "\n" }
        }
        return out
    }

    /// The forecast of every category and of all, as a table (one row each) and the notes
    /// under it (Little's law's warnings), for the text, markdown and the tertial report.
    public static func forecastTable(_ forecasts: [Housing?: WaitlistForecast], _ d: Display, _ windowMonths: Int) -> (header: [String], rows: [[String]], notes: [String]) {
        let l = L10n(d.lang)
        let header = [l[.category], l(ForecastTexts.colCases), l(ForecastTexts.colWithin(3)), l(ForecastTexts.colWithin(6)),
                      l(ForecastTexts.colWithin(12)), l(ForecastTexts.colMedian), l(ForecastTexts.colLeft), l(ForecastTexts.colFlow), l(ForecastTexts.colTrend)]
        var rows = [[String]](), notes = [String]()
        for h in Housing.allCases.map({ Optional($0) }) + [nil] {
            guard let fc = forecasts[h] else { continue }
            let x = ForecastFigures(fc, display: d, windowMonths: windowMonths)
            let name = h.map { l.housing($0) } ?? l[.all]
            rows.append([name, d.count(fc.casesInWindow), x.chance(0), x.chance(1), x.chance(2), x.medianCell, x.share(fc.left12m),
                         d.count(fc.grants12m) + "/" + d.count(fc.allocations12m), x.trend])
            if let w = x.littleWarning { notes.append(name + ": " + w) }
        }
        return (header, rows, notes)
    }

    /// `living_now;OMBPS2;OMBPS3;OMBPS4;BOSENTER;total` plus summary rows. Unlike the tables for a
    /// person (`WaitlistView.matrixRows`), every living situation has a row, so the shape is stable.
    public static func csv(_ v: WaitlistView, display: Display? = nil, forecasts: [Housing?: WaitlistForecast]? = nil) -> String {
        let d = display ?? Display(lang: .nb)
        func n(_ x: Int) -> String { d.isSmall(Double(x)) ? "<\(d.suppressSmall!)" : String(x) }
        var out = CSVWriter.line(["living_now"] + Housing.allCases.map(\.rawValue) + ["total"])
        for liv in LivingNow.allCases.map({ Optional($0) }) + [nil] {
            let m = v.matrix[liv] ?? [:]
            if liv == nil && m.isEmpty { continue }
            let nums = Housing.allCases.map { m[$0] ?? 0 }
            out += CSVWriter.line([liv?.rawValue ?? "unknown"] + nums.map(n) + [n(nums.reduce(0, +))])
        }
        func row(_ name: String, _ g: (WaitlistView.Category) -> String) {
            let cells: [String] = Housing.allCases.map { h in g(v.byHousing[h] ?? WaitlistView.Category()) }
            out += CSVWriter.line([name] + cells + [g(v.total)])
        }
        row("waiting") { n($0.waiting) }
        row("discharge_ready") { n($0.dischargeReady) }
        row("homeless") { n($0.homeless) }
        row("median_wait_days") { c in d.isSmall(Double(c.waiting)) ? ".." : c.medianWait.map { Format.plain($0, .days, decimalComma: true) } ?? "" }
        row("max_wait_days") { c in d.isSmall(Double(c.waiting)) ? ".." : c.maxWait.map(String.init) ?? "" }
        // The forecast (issue 25), in rows after the ones above: a reader of the old rows is
        // not affected. Shares as fractions (0,4231), empty without an estimate.
        if let forecasts {
            for (name, value) in ForecastFields.names {
                let cells = (Housing.allCases.map { Optional($0) } + [nil]).map { h in
                    forecasts[h].map { ForecastFields.value(value, $0, d).csv } ?? ""
                }
                out += CSVWriter.line([name] + cells)
            }
        }
        return out
    }

    /// `report waitlist --format json`: the unit and every active unit under it, each with
    /// its waitlist and forecast per category (and `all`).
    public static func json(_ s: Snapshot, unit: Int, date: Day, display: Display, windowMonths: Int?) -> String {
        let units = s.tree.subtree(unit).filter { $0 == unit || s.tree.units[$0].isActive(on: date) }
        var out = "{\n  \"date\": \"\(date)\",\n  \"window_months\": \(windowMonths ?? s.dataset.settings.forecastWindowMonths),\n"
        out += "  \"minimum_cases\": \(WaitlistForecast.minimumCases),\n  \"units\": ["
        let all = s.forecasts(units: units, at: date, windowMonths: windowMonths)
        for (k, u) in units.enumerated() {
            let v = s.waitlist(unit: u, at: date), fcs = all[k]
            out += (k == 0 ? "\n" : ",\n") + "    {\"unit\": \(JSONText.string(s.tree.units[u].id)), \"name\": \(JSONText.string(s.tree.units[u].name)), \"categories\": {"
            for (j, h) in (Housing.allCases.map { Optional($0) } + [nil]).enumerated() {
                let c = h.map { v.byHousing[$0] ?? WaitlistView.Category() } ?? v.total
                var fields = [("waiting", JSONText.count(c.waiting, d: display)), ("discharge_ready", JSONText.count(c.dischargeReady, d: display)),
                              ("homeless", JSONText.count(c.homeless, d: display)),
                              ("median_wait_days", display.isSmall(Double(c.waiting)) ? "\"..\"" : c.medianWait.map { JSONText.number($0) } ?? "null"),
                              ("max_wait_days", display.isSmall(Double(c.waiting)) ? "\"..\"" : c.maxWait.map(String.init) ?? "null")]
                if let fc = fcs[h] { fields += ForecastFields.names.map { ($0.0, ForecastFields.value($0.1, fc, display).json) } }
                out += (j == 0 ? "\n" : ",\n") + "      \(JSONText.string(h?.rawValue ?? "all")): {" + fields.map { "\"\($0.0)\": \($0.1)" }.joined(separator: ", ") + "}"
            }
            out += "\n    }}"
        }
        return out + "\n  ]\n}\n"
    }
}

/// The forecast's machine-readable fields, named once for the CSV and the JSON.
enum ForecastFields {
    enum Field { case p(Int), low(Int), high(Int), median, left, grants, allocations, cases }

    static let names: [(String, Field)] = [3, 6, 12].enumerated().flatMap { k, m in
        [("p_allocated_\(m)m", Field.p(k)), ("p_allocated_\(m)m_low", .low(k)), ("p_allocated_\(m)m_high", .high(k))]
    } + [("median_days_to_allocation", .median), ("p_left_12m", .left), ("grants_12m", .grants), ("allocations_12m", .allocations), ("cases_in_window", .cases)]

    /// A value as CSV (decimal comma, empty when none) and as JSON (number, null, or "<N"/"..").
    static func value(_ field: Field, _ fc: WaitlistForecast, _ d: Display) -> (csv: String, json: String) {
        let hidden = fc.estimate != nil && d.isSmall(Double(fc.casesInWindow))
        func share(_ p: Double?) -> (String, String) {
            guard let p, fc.estimate != nil else { return ("", "null") }
            if hidden { return ("..", "\"..\"") }
            // CSV: six decimals for a person's spreadsheet; JSON: the number whole.
            return (String(format: "%.6f", p).replacingOccurrences(of: ".", with: ","), "\(p)")
        }
        func count(_ n: Int) -> (String, String) {
            d.isSmall(Double(n)) ? ("<\(d.suppressSmall!)", "\"<\(d.suppressSmall!)\"") : (String(n), String(n))
        }
        switch field {
        case .p(let k): return share(fc.allocated.indices.contains(k) ? fc.allocated[k].p : nil)
        case .low(let k): return share(fc.allocated.indices.contains(k) ? fc.allocated[k].low : nil)
        case .high(let k): return share(fc.allocated.indices.contains(k) ? fc.allocated[k].high : nil)
        case .median:
            guard fc.estimate != nil, let m = fc.medianDays else { return ("", "null") }
            return hidden ? ("..", "\"..\"") : (String(m), String(m))
        case .left: return share(fc.left12m)
        case .grants: return count(fc.grants12m)
        case .allocations: return count(fc.allocations12m)
        case .cases: return count(fc.casesInWindow)
        }
    }
}

/// JSON scalars written by hand for the waitlist's mixed values (a count may be `"<5"`).
enum JSONText {
    static func string(_ s: String) -> String {
        let data = (try? JSONEncoder().encode(s)) ?? Data("\"\"".utf8)
        return String(decoding: data, as: UTF8.self)
    }
    static func number(_ v: Double) -> String { v.rounded() == v ? String(Int(v)) : String(v) }
    static func count(_ n: Int, d: Display) -> String { d.isSmall(Double(n)) ? "\"<\(d.suppressSmall!)\"" : String(n) }
}
