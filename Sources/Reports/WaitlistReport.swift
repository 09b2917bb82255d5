import Model

/// `tertial report waitlist --at DATE`: waiting cases by housing and by where applicants
/// live (Table 7 shape), discharge-ready, homeless, median and longest wait, breaches.
public enum WaitlistReport {
    /// With `display.suppressSmall`, counts between 1 and N−1 show as `<N` and waits over
    /// them as `..`, as in the tertial report (Table 7 is the most identifying table there is).
    public static func text(_ v: WaitlistView, snapshot s: Snapshot, lang: Lang, markdown: Bool, display: Display? = nil) -> String {
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
        return out
    }

    /// `living_now;OMBPS2;OMBPS3;OMBPS4;BOSENTER;total` plus summary rows. Unlike the tables for a
    /// person (`WaitlistView.matrixRows`), every living situation has a row, so the shape is stable.
    public static func csv(_ v: WaitlistView, display: Display? = nil) -> String {
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
        return out
    }
}
