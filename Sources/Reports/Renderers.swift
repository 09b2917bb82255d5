import Model

/// Output formats of `tertial report`.
public enum ReportFormat: String, Sendable, CaseIterable {
    case text, md, csv, json
}

public enum Renderers {
    /// `period;unit;indicator;value;target;status`, one row per unit and indicator, for each period.
    public static func csv(_ snapshot: Snapshot, unit: Int, periods: [Period]) -> String {
        var out = "period;unit;indicator;value;target;status\n"
        for p in periods {
            let units = [unit] + snapshot.activeUnits(under: unit, period: p).filter { $0 != unit }
            for u in units {
                for r in ScorecardReport.rows(snapshot, unit: u, period: p) {
                    let ind = snapshot.indicators[r.indicator]
                    let v = r.cell.value.map { Format.plain($0, ind.unit, decimalComma: true) } ?? ""
                    let t = r.cell.target.map { Format.plain($0, ind.unit, decimalComma: true) } ?? ""
                    out += "\(p);\(snapshot.tree.units[u].id);\(ind.id);\(v);\(t);\(r.cell.status.rawValue)\n"
                }
            }
        }
        return out
    }

    /// A person's report: the summary, deviations first, then the scorecard by perspective.
    public static func text(_ r: ScorecardReport, lang: Lang, markdown: Bool) -> String {
        let l = L10n(lang), f = Format(lang: lang)
        let s = r.snapshot
        let unitName = s.tree.units[r.unit].name
        var out = ""
        func line(_ x: String = "") { out += x + "\n" }
        let title = l.t("Styringskort", "Scorecard") + ": \(unitName), \(l.periodLong(r.period))"
        if markdown { line("# " + title) } else { line(title); line(String(repeating: "=", count: title.count)) }
        line()
        let c = r.counts
        let summary = [Status.green, .yellow, .red, .missing].map { "\(c[$0] ?? 0) \(l.status($0))" }.joined(separator: ", ")
        line(l.t("Status", "Status") + ": " + summary)
        let comp = r.completeness
        line(l.t("Rapportering", "Reporting") + ": \(comp.reported) " + l.t("av", "of") + " \(comp.due) "
             + l.t("verdier levert", "values delivered") + " (\(Format.plain(comp.percent, .percent, decimalComma: lang == .nb)) %)")
        line()
        let devTitle = l.t("Avvik", "Deviations") + " (\(r.deviations.count))"
        if markdown { line("## " + devTitle); line() } else { line(devTitle); line(String(repeating: "-", count: devTitle.count)) }
        if r.deviations.isEmpty { line(l.t("Ingen avvik.", "No deviations.")) }
        var table = [[String]]()
        for d in r.deviations {
            let unit = s.tree.units[d.unit].name
            let ind = d.indicator.map { s.indicators[$0] }
            switch d.kind {
            case .status(let st):
                let v = f.value(d.cell?.value, ind?.unit ?? .count)
                let t = d.cell?.target.map { f.value($0, ind?.unit ?? .count) } ?? ""
                var note = ""
                if let cm = d.cell?.comment { note = cm }
                if d.cell?.isPartial == true, let cell = d.cell {
                    note = l.t("delvis: \(cell.present) av \(cell.expected) verdier", "partial: \(cell.present) of \(cell.expected) values") + (note.isEmpty ? "" : "; " + note)
                }
                table.append([L10n.symbol(st) + " " + l.status(st), ind?.name ?? "", unit, v, t, note])
            case .quality(let w):
                table.append(["⚠ " + l.t("datakvalitet", "data quality"), ind?.name ?? "", unit, "", "", l.quality(w, snapshot: s)])
            }
        }
        if !table.isEmpty {
            let header = [l.t("Status", "Status"), l.t("Indikator", "Indicator"), l.t("Enhet", "Unit"),
                          l.t("Verdi", "Value"), l.t("Mål", "Target"), l.t("Merknad", "Note")]
            out += markdown ? Table.markdown(header, table) : Table.text(header, table, rightAligned: [3, 4])
        }
        for persp in r.perspectives {
            let rows = r.scopeRows.filter { s.indicators[$0.indicator].perspective == persp }
            guard !rows.isEmpty else { continue }
            line()
            let h = l.perspective(persp)
            if markdown { line("## " + h); line() } else { line(h); line(String(repeating: "-", count: h.count)) }
            let header = [l.t("Indikator", "Indicator"), l.t("Verdi", "Value"), l.t("Mål", "Target"), l.t("Status", "Status"),
                          l.t("Endring", "Change"), l.t("Mot i fjor", "Year on year")]
            let body = rows.map { row -> [String] in
                let ind = s.indicators[row.indicator]
                let flag = row.warnings.isEmpty ? "" : " ⚠"
                let partial = row.cell.isPartial ? " (\(row.cell.present)/\(row.cell.expected))" : ""
                return [ind.name + flag, f.value(row.cell.value, ind.unit) + partial, row.cell.target.map { f.value($0, ind.unit) } ?? "",
                        L10n.symbol(row.cell.status) + " " + l.status(row.cell.status),
                        f.change(row.cell.change, ind.unit), f.change(row.cell.changeYear, ind.unit)]
            }
            out += markdown ? Table.markdown(header, body) : Table.text(header, body, rightAligned: [1, 2])
        }
        if !comp.missing.isEmpty {
            line()
            let h = l.t("Mangler rapportering", "Missing reports") + " (\(comp.missing.count))"
            if markdown { line("## " + h); line() } else { line(h); line(String(repeating: "-", count: h.count)) }
            for m in comp.missing {
                let note = m.reportedUnknown ? l.t(" (rapportert som ukjent)", " (reported as unknown)") : ""
                line((markdown ? "- " : "  ") + "\(s.tree.units[m.unit].name): \(s.indicators[m.indicator].name), \(l.period(m.period))\(note)")
            }
        }
        return out
    }
}

/// Plain-text and markdown tables, padded by display width.
public enum Table {
    public static func text(_ header: [String], _ rows: [[String]], rightAligned: Set<Int> = []) -> String {
        let all = [header] + rows
        let widths = header.indices.map { c in all.map { DisplayWidth.of($0[c]) }.max() ?? 0 }
        var out = ""
        for (k, r) in all.enumerated() {
            let cells = r.enumerated().map { c, v in
                rightAligned.contains(c) ? DisplayWidth.padLeft(v, widths[c]) : DisplayWidth.padRight(v, widths[c])
            }
            out += "  " + cells.joined(separator: "  ").trimmingTrailingSpaces + "\n"
            if k == 0 { out += "  " + widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n" }
        }
        return out
    }

    public static func markdown(_ header: [String], _ rows: [[String]]) -> String {
        func esc(_ s: String) -> String { s.replacingOccurrences(of: "|", with: "\\|") }
        var out = "| " + header.map(esc).joined(separator: " | ") + " |\n"
        out += "|" + header.map { _ in "---|" }.joined() + "\n"
        for r in rows { out += "| " + r.map(esc).joined(separator: " | ") + " |\n" }
        return out
    }
}

extension String {
    var trimmingTrailingSpaces: String {
        var s = Substring(self)
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
