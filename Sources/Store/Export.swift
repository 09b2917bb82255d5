import Foundation
import GRDB
import Model

/// Follow-up as a CSV file, every entry with its whole history: `tertial store export`
/// writes it, `tertial store import` reads it into an empty store, keeping the entries'
/// numbers, who wrote what and when. Moving between stores (SQLite now, PostgreSQL later)
/// loses nothing: importing an export and exporting again gives the same file.
public enum FollowUpExport {
    public static let header = ["entry_id", "kind", "unit", "indicator", "period", "change", "at", "by", "text", "owner", "due", "status", "note", "superseded_by"]

    /// One history row with what its entry is about.
    public struct Row: Hashable, Sendable {
        public var entryID: Int64
        public var kind: Entry.Kind
        public var key: Entry.Key
        public var change: HistoryChange
        public var at: String
        public var by: String
        public var text: String
        public var owner: String?
        public var due: Day?
        public var status: Entry.Status?
        public var note: String?
        /// On a `superseded` row: the comment that replaced this one.
        public var supersededBy: Int64?

        public init(entryID: Int64, kind: Entry.Kind, key: Entry.Key, change: HistoryChange, at: String, by: String, text: String,
                    owner: String?, due: Day?, status: Entry.Status?, note: String?, supersededBy: Int64?) {
            self.entryID = entryID; self.kind = kind; self.key = key; self.change = change; self.at = at; self.by = by; self.text = text
            self.owner = owner; self.due = due; self.status = status; self.note = note; self.supersededBy = supersededBy
        }
    }

    public static func csv(_ rows: [Row]) -> String {
        var out = CSVWriter.line(header)
        for r in rows {
            let fields: [String] = [String(r.entryID), r.kind.rawValue, r.key.unit.rawValue, r.key.indicator.rawValue, r.key.period.description, r.change.rawValue, r.at, r.by,
                                    r.text, r.owner ?? "", r.due?.description ?? "", r.status?.rawValue ?? "", r.note ?? "", r.supersededBy.map(String.init) ?? ""]
            out += CSVWriter.line(fields)
        }
        return out
    }

    public enum ParseError: Error, Equatable {
        /// file:line: field: what was wrong.
        /// What was wrong, in both languages (`FollowUpTexts`).
        case bad(line: Int, field: String, problem: Sentence)
        public func text(file: String, norwegian: Bool = false) -> String {
            switch self { case let .bad(line, field, problem): return "\(file):\(line): \(field): " + problem.text(norwegian: norwegian) }
        }
    }

    /// Reads an export; a row that is not one names its line and field.
    public static func parse(_ bytes: [UInt8], file: String) throws -> [Row] { try parseLocated(bytes, file: file).map(\.row) }

    /// The rows of an export with the line each starts on.
    public static func parseLocated(_ bytes: [UInt8], file: String) throws -> [(line: Int, row: Row)] {
        let t = CSVTable.parse(bytes: bytes, file: file)
        // A record the reader refused or a row longer than the header refuses the import.
        if let d = t.diagnostics.first(where: { $0.severity == .error }) {
            throw ParseError.bad(line: d.line ?? t.headerLine, field: "-", problem: Sentence(d.problem))
        }
        let cols = header.map { t.column($0) }
        if let missing = header.indices.first(where: { cols[$0] == nil }) {
            throw ParseError.bad(line: t.headerLine, field: header[missing], problem: FollowUpTexts.exportColumnMissing)
        }
        var rows = [(line: Int, row: Row)]()
        for i in 0..<t.rowCount {
            func v(_ k: Int) -> String { t.string(i, cols[k]) }
            func opt(_ k: Int) -> String? { let s = v(k); return s.isEmpty ? nil : s }
            let line = t.line(i)
            guard let id = Int64(v(0)), id > 0 else { throw ParseError.bad(line: line, field: "entry_id", problem: FollowUpTexts.notAnEntryNumber(v(0))) }
            guard let kind = Entry.Kind(rawValue: v(1)) else { throw ParseError.bad(line: line, field: "kind", problem: FollowUpTexts.notAKind(v(1))) }
            guard let period = Period(parsing: v(4)) else { throw ParseError.bad(line: line, field: "period", problem: FollowUpTexts.notAPeriod(v(4))) }
            guard let change = HistoryChange(rawValue: v(5)) else { throw ParseError.bad(line: line, field: "change", problem: FollowUpTexts.notAChange(v(5))) }
            let due = opt(10).map { Day(parsing: $0) }
            if let d = due, d == nil { throw ParseError.bad(line: line, field: "due", problem: FollowUpTexts.notADate(v(10))) }
            let status = opt(11).map { Entry.Status(rawValue: $0) }
            if let s = status, s == nil { throw ParseError.bad(line: line, field: "status", problem: FollowUpTexts.notAStatus(v(11))) }
            rows.append((line, Row(entryID: id, kind: kind, key: Entry.Key(unit: UnitID(v(2)), indicator: IndicatorID(v(3)), period: period), change: change, at: v(6), by: v(7),
                            text: v(8), owner: opt(9), due: due ?? nil, status: status ?? nil, note: opt(12), supersededBy: opt(13).flatMap { Int64($0) })))
        }
        return rows
    }
}

extension SQLiteStore {
    /// Every history row, oldest first, with its entry's kind and figure.
    public func exportRows() throws -> [FollowUpExport.Row] {
        try read { db in
            var out = [FollowUpExport.Row](), p = Parsers()
            let rows = try Row.fetchCursor(db, sql: """
                SELECT h.entry_id, e.kind, e.unit, e.indicator, e.period, h.change, h.at, h.by, h.text, h.owner, h.due, h.status, h.note, e.superseded_by
                FROM entry_history h JOIN entry e ON e.id = h.entry_id ORDER BY h.id
                """)
            while let r = try rows.next() {
                let kind: String = r[1], change = HistoryChange(rawValue: r[5]) ?? .edited, status: String? = r[11]
                out.append(FollowUpExport.Row(entryID: r[0], kind: kind == "action" ? .action : .comment,
                                              key: Entry.Key(unit: UnitID(r[2] as String), indicator: IndicatorID(r[3] as String), period: p.period(r[4])), change: change, at: r[6], by: r[7],
                                              text: r[8], owner: r[9], due: p.day(r[10]), status: status.flatMap(Entry.Status.init(rawValue:)), note: r[12],
                                              supersededBy: change == .superseded ? r[13] : nil))
            }
            return out
        }
    }

    /// The migrations applied, oldest first (the schema version).
    public func appliedMigrations() throws -> [String] {
        try read { db in try SQLiteStore.migrator.appliedMigrations(db) }
    }
}
extension SQLiteStore: AdministeredStore {}
