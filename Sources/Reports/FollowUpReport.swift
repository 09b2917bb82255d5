import Foundation
import Model
import Store

/// `tertial followup list`: comments and actions as text, markdown, CSV or JSON.
public enum FollowUpReport {
    public enum Filter: String, Sendable { case all, open, overdue }
    public enum ListFormat: String, CaseIterable, Sendable { case text, md, csv, json }

    /// The entries of a scope (unit ids; nil for all) and period (nil for all), current
    /// comments and actions; overdue first, then by due date, comments last.
    public static func select(_ book: FollowUpBook, units: Set<String>?, period: Period?, filter: Filter, today: Day) -> [Entry] {
        let chosen = book.entries.filter { e in
            (units?.contains(e.key.unit.rawValue) ?? true) && (period.map { $0.contains(e.key.period) || e.key.period == $0 } ?? true)
                && e.isCurrent
                && (filter == .all || (e.kind == .action && e.status?.isOpen == true && (filter == .open || e.isOverdue(on: today))))
        }
        // Sorted by small keys, not by moving the entries (each holds several strings).
        let keys = chosen.indices.map { i -> (Int, Int, Int, Int64, Int) in
            let e = chosen[i]
            return (e.kind == .action ? 0 : 1, e.isOverdue(on: today) ? 0 : 1, e.due?.ordinal ?? Int.max, e.id, i)
        }.sorted { ($0.0, $0.1, $0.2, $0.3) < ($1.0, $1.1, $1.2, $1.3) }
        return keys.map { chosen[$0.4] }
    }

    public static func render(_ entries: [Entry], snapshot s: Snapshot?, format: ListFormat, lang: Lang, today: Day) -> String {
        let l = L10n(lang)
        func unitName(_ id: String) -> String { s?.tree[id]?.shortName ?? id }
        func indicatorName(_ id: String) -> String { s.flatMap { s in s.dataset.indicatorIndex[id].map { s.indicators[$0].name } } ?? id }
        switch format {
        case .json: return json(entries, today: today)
        case .csv:
            // Machine-readable: ids and codes, ISO dates, `;` like the other exports.
            var out = CSVWriter.line(["id", "kind", "unit", "indicator", "period", "text", "owner", "due", "status", "overdue", "note",
                                      "created_by", "created_at", "updated_by", "updated_at"])
            for e in entries {
                let row: [String] = [String(e.id), e.kind.rawValue, e.key.unit.rawValue, e.key.indicator.rawValue, e.key.period.description, e.text, e.owner ?? "",
                                     e.due?.description ?? "", e.status?.rawValue ?? "", e.isOverdue(on: today) ? "yes" : "", e.note ?? "",
                                     e.createdBy, e.createdAt, e.updatedBy, e.updatedAt]
                out += CSVWriter.line(row)
            }
            return out
        case .text, .md:
            if entries.isEmpty { return l[.fuNothing] + "\n" }
            let header = ["#", l[.fuWhat] + "/" + l[.comment], l[.fuOwner], l[.fuDue], l[.status], l[.unit], l[.period], l[.indicator]]
            let rows = entries.map { e -> [String] in
                let status = e.status.map { l.status($0) + (e.isOverdue(on: today) ? " (" + l[.fuOverdue] + ")" : "") } ?? l[.comment].lowercased()
                return [String(e.id), e.text + (e.note.map { " — " + $0 } ?? ""), e.owner ?? "", e.due.map { l.date($0) } ?? "", status,
                        unitName(e.key.unit.rawValue), l.period(e.key.period), indicatorName(e.key.indicator.rawValue)]
            }
            return format == .md ? Table.markdown(header, rows) : Table.text(header, rows)
        }
    }

    public static func json(_ entries: [Entry], today: Day) -> String {
        struct Row: Encodable {
            let id: Int64, kind: String, unit: String, indicator: String, period: String, text: String
            let owner: String?, due: String?, status: String?, overdue: Bool, note: String?
            let createdBy: String, createdAt: String, updatedBy: String, updatedAt: String
        }
        let rows = entries.map { e in
            Row(id: e.id, kind: e.kind.rawValue, unit: e.key.unit.rawValue, indicator: e.key.indicator.rawValue, period: e.key.period.description, text: e.text,
                owner: e.owner, due: e.due?.description, status: e.status?.rawValue, overdue: e.isOverdue(on: today), note: e.note,
                createdBy: e.createdBy, createdAt: e.createdAt, updatedBy: e.updatedBy, updatedAt: e.updatedAt)
        }
        let enc = JSONEncoder()
        enc.outputFormatting = [.prettyPrinted, .sortedKeys]
        enc.keyEncodingStrategy = .convertToSnakeCase
        return String(decoding: (try? enc.encode(rows)) ?? Data("[]".utf8), as: UTF8.self) + "\n"
    }
}
