import Foundation
import Model

/// The scorecard as JSON, for other tools.
public enum JSONReport {
    struct Row: Encodable {
        let period: String, unit: String, indicator: String, name: String
        let value: Double?, target: Double?, warn: Double?, status: String, origin: String
        let partial: Bool, comment: String?, warnings: [String]
    }
    struct Doc: Encodable {
        let unit: String, period: String, rows: [Row], deviations: Int, missing: Int, due: Int
    }

    public static func render(_ s: Snapshot, unit: Int, periods: [Period], lang: Lang, withCases: Bool = false) -> String {
        let l = L10n(lang)
        var docs = [Doc]()
        for p in periods {
            let units = [unit] + s.activeUnits(under: unit, period: p).filter { $0 != unit }
            var rows = [Row]()
            for u in units {
                for r in ScorecardReport.rows(s, unit: u, period: p, sameKind: true) {
                    let ind = s.indicators[r.indicator]
                    rows.append(Row(period: p.description, unit: s.tree.units[u].id, indicator: ind.id, name: ind.name,
                                    value: r.cell.value, target: r.cell.target, warn: r.cell.warn, status: r.cell.status.rawValue,
                                    origin: r.cell.origin.rawValue, partial: r.cell.isPartial, comment: r.cell.comment,
                                    warnings: r.warnings.map { l.quality($0, snapshot: s, withCases: withCases) }))
                }
            }
            let comp = s.completeness(unit: unit, period: p)
            docs.append(Doc(unit: s.tree.units[unit].id, period: p.description, rows: rows,
                            deviations: s.deviations(unit: unit, period: p).count, missing: comp.missing.count, due: comp.due))
        }
        let enc = JSONEncoder()
        enc.outputFormatting = [.prettyPrinted, .sortedKeys]
        let data = (try? enc.encode(docs)) ?? Data("[]".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
