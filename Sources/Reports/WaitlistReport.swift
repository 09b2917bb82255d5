import Model

/// `tertial report waitlist --at DATE`: waiting cases by housing and by where applicants
/// live (Table 7 shape), discharge-ready, homeless, median and longest wait, breaches.
public enum WaitlistReport {
    public static func text(_ v: WaitlistView, snapshot s: Snapshot, lang: Lang, markdown: Bool) -> String {
        let l = L10n(lang), f = Format(lang: lang)
        var out = ""
        let title = l[.housingWaitlist] + ": \(s.tree.units[v.unit].name), " + (lang == .nb ? v.date.norwegian : v.date.description)
        out += markdown ? "# \(title)\n\n" : "\(title)\n\(String(repeating: "=", count: title.count))\n\n"
        out += l[.colWaiting] + ": \(v.total.waiting), " + l[.ofWhomDischargeReady]
            + ": \(v.total.dischargeReady), " + l[.homelessWord] + ": \(v.total.homeless)\n\n"
        let cats = Housing.allCases
        var header = [l[.livingNow]] + cats.map { l.housing($0) } + [l[.total]]
        var rows = [[String]]()
        for (liv, nums) in v.matrixRows {
            rows.append([l.living(liv)] + nums.map(String.init) + [String(nums.reduce(0, +))])
        }
        let tot = cats.map { v.byHousing[$0]?.waiting ?? 0 }
        rows.append([l[.total]] + tot.map(String.init) + [String(v.total.waiting)])
        out += markdown ? Table.markdown(header, rows) : Table.text(header, rows, rightAligned: Set(1...cats.count + 1))
        out += "\n"
        header = [l[.category], l[.colWaiting], l[.colDischargeReadyShort],
                  l[.colHomeless], l[.colMedianWait], l[.colLongest]]
        rows = (cats.map { ($0 as Housing?) } + [nil]).map { h in
            let c = h.map { v.byHousing[$0] ?? WaitlistView.Category() } ?? v.total
            let name = h.map { "\(l.housing($0)) (\(l.housingDescription($0)))" } ?? l[.all]
            return [name, String(c.waiting), String(c.dischargeReady), String(c.homeless),
                    f.value(c.medianWait, .days), f.value(c.maxWait.map(Double.init), .days)]
        }
        out += markdown ? Table.markdown(header, rows) : Table.text(header, rows, rightAligned: [1, 2, 3, 4, 5])
        out += "\n" + l[.caseProcessingLast12Months2] + ": \(v.decidedLastYear) "
            + l[.decisions] + ", \(v.overFourWeeksLastYear) " + l[.over4Weeks] + ", \(v.breachesLastYear) "
            + l[.over4WeeksWithoutAn2] + "\n"
        return out
    }

    /// `living_now;OMBPS2;OMBPS3;OMBPS4;BOSENTER;total` plus summary rows. Unlike the tables for a
    /// person (`WaitlistView.matrixRows`), every living situation has a row, so the shape is stable.
    public static func csv(_ v: WaitlistView) -> String {
        var out = "living_now;" + Housing.allCases.map(\.rawValue).joined(separator: ";") + ";total\n"
        for liv in LivingNow.allCases.map({ Optional($0) }) + [nil] {
            let m = v.matrix[liv] ?? [:]
            if liv == nil && m.isEmpty { continue }
            let nums = Housing.allCases.map { m[$0] ?? 0 }
            out += "\(liv?.rawValue ?? "unknown");" + nums.map(String.init).joined(separator: ";") + ";\(nums.reduce(0, +))\n"
        }
        func row(_ name: String, _ g: (WaitlistView.Category) -> String) {
            let cells: [String] = Housing.allCases.map { h in g(v.byHousing[h] ?? WaitlistView.Category()) }
            out += name + ";" + cells.joined(separator: ";")
            out += ";" + g(v.total) + "\n"
        }
        row("waiting") { String($0.waiting) }
        row("discharge_ready") { String($0.dischargeReady) }
        row("homeless") { String($0.homeless) }
        row("median_wait_days") { $0.medianWait.map { Format.plain($0, .days, decimalComma: true) } ?? "" }
        row("max_wait_days") { $0.maxWait.map(String.init) ?? "" }
        return out
    }
}
