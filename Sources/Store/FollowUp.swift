import Foundation
import Model

/// Follow-up of a figure in a driftsoppfølging meeting: a comment (why the figure is what
/// it is) or an action (tiltak: what, who, by when, how it ended). Tied to a unit, an
/// indicator and a period by their ids, never to a case or a person the data is about.
public struct Entry: Hashable, Sendable, Identifiable {
    public enum Kind: String, Sendable, CaseIterable { case comment, action }

    /// An action's status: planned → in progress → done, or cancelled.
    public enum Status: String, Sendable, CaseIterable {
        case planned, inProgress = "in_progress", done, cancelled
        /// Still to be done (planned or in progress).
        public var isOpen: Bool { self == .planned || self == .inProgress }
    }

    public var id: Int64
    public var kind: Kind
    public var key: Key
    public var text: String
    public var owner: String?
    public var due: Day?
    public var status: Status?
    /// The closing note of an action (why it was done or cancelled, what came of it).
    public var note: String?
    /// A comment that a later one replaced (comments are superseded, never deleted).
    public var supersededBy: Int64?
    public var createdAt: String
    public var createdBy: String
    public var updatedAt: String
    public var updatedBy: String

    /// What the entry is about.
    public struct Key: Hashable, Sendable, Comparable {
        public var unit: String
        public var indicator: String
        public var period: Period
        public init(unit: String, indicator: String, period: Period) { self.unit = unit; self.indicator = indicator; self.period = period }
        public static func < (a: Key, b: Key) -> Bool { (a.period, a.unit, a.indicator) < (b.period, b.unit, b.indicator) }
    }

    /// An open action whose due date has passed by `today`.
    public func isOverdue(on today: Day) -> Bool {
        guard kind == .action, let s = status, s.isOpen, let due else { return false }
        return due < today
    }

    /// The current comment of its key (not replaced by a later one).
    public var isCurrent: Bool { supersededBy == nil }
}

/// One change to an entry, kept for ever: who, when, what changed, and the entry as it was after.
public struct HistoryRow: Hashable, Sendable {
    public var entryID: Int64
    public var at: String
    public var by: String
    /// `created`, `status`, `edited`, `note`, `superseded`.
    public var change: String
    public var text: String
    public var owner: String?
    public var due: Day?
    public var status: Entry.Status?
    public var note: String?
}

/// Why the store refused something; each case has a message in both languages
/// (`FollowUpError.text(norwegian:)`).
public enum FollowUpError: Error, Equatable, Sendable {
    case emptyText
    case tooLong(Int)
    case identityNumber(String)
    case readOnly(String)
    case newerSchema(String)
    case notADatabase(String)
    case noSuchEntry(Int64)
    case notAnAction(Int64)
    case cannotOpen(String, String)
    case failed(String)

    public func text(norwegian nb: Bool) -> String {
        switch self {
        case .emptyText: return nb ? "teksten er tom" : "the text is empty"
        case .tooLong(let n): return nb ? "teksten er for lang (høyst \(n) tegn)" : "the text is too long (at most \(n) characters)"
        case .identityNumber(let field):
            return nb ? "\(field): inneholder det som ser ut som et fødselsnummer; oppfølging skal ikke navngi brukere"
                      : "\(field): contains what looks like a national identity number; follow-up must not name users"
        case .readOnly(let p):
            return nb ? "oppfølgingen er skrivebeskyttet (\(p)); tallene vises som før" : "the follow-up is read-only (\(p)); the figures are shown as before"
        case .newerSchema(let p):
            return nb ? "\(p) er laget av en nyere tertial; oppdater tertial (databasen er ikke endret)"
                      : "\(p) was made by a newer tertial; update tertial (the database was not changed)"
        case .notADatabase(let p):
            return nb ? "\(p) er ikke en tertial-database (skadet?); den er ikke endret" : "\(p) is not a tertial database (damaged?); it was not changed"
        case .noSuchEntry(let id): return nb ? "oppføring \(id) finnes ikke" : "entry \(id) does not exist"
        case .notAnAction(let id): return nb ? "oppføring \(id) er ikke et tiltak" : "entry \(id) is not an action"
        case let .cannotOpen(p, why): return nb ? "kan ikke åpne \(p): \(why)" : "cannot open \(p): \(why)"
        case .failed(let why): return nb ? "kunne ikke lagre: \(why)" : "could not save: \(why)"
        }
    }
}

/// Where follow-up is kept. One interface, so that another database (the PostgreSQL issue)
/// can stand behind it; `SQLiteStore` is the embedded default.
public protocol FollowUpStore: AnyObject, Sendable {
    /// The path or address, without a password.
    var location: String { get }
    /// Writes are refused (a read-only file or folder).
    var isReadOnly: Bool { get }
    /// Every entry, oldest first.
    func all() throws -> [Entry]
    func history(of id: Int64) throws -> [HistoryRow]
    /// Changes whenever anything was written, by any process (the newest history row's id).
    func changeToken() throws -> Int64
    /// A new comment on a key; the key's current comment is superseded by it.
    @discardableResult func addComment(_ key: Entry.Key, text: String, by user: String) throws -> Entry
    @discardableResult func addAction(_ key: Entry.Key, text: String, owner: String?, due: Day?, by user: String) throws -> Entry
    /// Moves an action to a status, with an optional closing note.
    func setStatus(_ id: Int64, _ status: Entry.Status, note: String?, by user: String) throws
    /// Changes what an action says, who owns it or when it is due.
    func edit(_ id: Int64, text: String?, owner: String?, due: Day?, by user: String) throws
}

public enum FollowUpRules {
    /// The longest text of a comment, an action, an owner or a note.
    public static let maxLength = 2000

    /// Checks one text field: not empty (when required), not too long, no identity number.
    public static func check(_ text: String?, field: String, required: Bool) throws -> String? {
        guard let raw = text else {
            if required { throw FollowUpError.emptyText }
            return nil
        }
        let t = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        if t.isEmpty {
            if required { throw FollowUpError.emptyText }
            return nil
        }
        if t.count > maxLength { throw FollowUpError.tooLong(maxLength) }
        if IdentityNumber.isIn(t) { throw FollowUpError.identityNumber(field) }
        return t
    }

    /// The user name that entries are signed with: `--user`, else the login name.
    public static func currentUser() -> String {
        if let pw = getpwuid(getuid()), let name = pw.pointee.pw_name { return String(cString: name) }
        return ProcessInfo.processInfo.environment["USER"] ?? "ukjent"
    }

    /// A due date as a leader types it, relative to `today`: `31.01.2027`, `31.1.2027`, `31.1`
    /// (this year, or next when it has passed), `+14` (days ahead), or `2027-01-31`.
    public static func parseDue(_ text: String, today: Day) -> Day? {
        let t = text.trimmingCharacters(in: .whitespaces)
        if t.hasPrefix("+"), let n = Int(t.dropFirst()), (0...3650).contains(n) { return today + n }
        let parts = t.split(separator: ".", omittingEmptySubsequences: false)
        if parts.count == 2 || (parts.count == 3 && parts[2].isEmpty) {
            guard let d = Int(parts[0]), let m = Int(parts[1]) else { return nil }
            let y = today.year
            guard let day = Day(year: y, month: m, day: d) else { return nil }
            return day < today ? Day(year: y + 1, month: m, day: d) : day
        }
        if parts.count == 3, let d = Int(parts[0]), let m = Int(parts[1]), let y = Int(parts[2]), parts[2].count == 4 {
            return Day(year: y, month: m, day: d)
        }
        return Day(parsing: t)
    }

    /// Now, as stored: ISO 8601 in UTC to the second.
    public static func timestamp(_ date: Date = Date()) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f.string(from: date)
    }
}
