import Foundation
import Model

/// What a history row says happened to its entry.
public enum HistoryChange: String, Sendable, CaseIterable {
    /// The entry was written (its first row).
    case created
    /// What an action says, who owns it or when it is due changed.
    case edited
    /// An action's status changed, or a note was added to it (with its status unchanged).
    case status
    /// A comment was replaced by a later one on the same figure.
    case superseded
}

/// One change to an entry as a database writes it; every value is bound, never spliced.
public enum EntryWrite: Sendable {
    /// A comment replaced by a later one.
    case supersede(by: Int64)
    /// An action to a status; a note replaces the one it had (nil: kept).
    case status(Entry.Status, note: String?)
    /// An action's text, owner or due date (nil: kept).
    case edit(text: String?, owner: String?, due: Day?)
    /// An export's later row, replayed as it is (`store import`).
    case replay(FollowUpExport.Row)
}

/// An entry to write: what it is about, what it says, and who wrote it when.
public struct NewEntry: Sendable {
    /// Kept as given (an import), or nil for the next number.
    public var id: Int64?
    public var kind: Entry.Kind
    public var key: Entry.Key
    public var text: String
    public var owner: String?
    public var due: Day?
    public var status: Entry.Status?
    public var note: String?
    public var at: String
    public var by: String

    public init(id: Int64? = nil, kind: Entry.Kind, key: Entry.Key, text: String, owner: String? = nil, due: Day? = nil,
                status: Entry.Status? = nil, note: String? = nil, at: String, by: String) {
        self.id = id; self.kind = kind; self.key = key; self.text = text; self.owner = owner; self.due = due
        self.status = status; self.note = note; self.at = at; self.by = by
    }
}

/// The writes inside one transaction of a follow-up database. Each write keeps its history
/// row in the same transaction: SQLite's adapter writes it, PostgreSQL's server does (a
/// trigger, migration v3). Nothing here knows a rule of follow-up: those are in
/// `FollowUpDatabase`'s extension, written once for both.
public protocol FollowUpTransaction {
    /// Writes an entry and its `created` history row; returns its id.
    func insert(_ entry: NewEntry) throws -> Int64
    /// The current (not superseded) comments on a figure, but `id`.
    func currentComments(of key: Entry.Key, except id: Int64) throws -> [Int64]
    /// Changes an entry and writes its history row. False when the database does not let
    /// this user change the row (PostgreSQL's row-level security hides it).
    func update(_ id: Int64, _ write: EntryWrite, change: HistoryChange, at: String, by: String) throws -> Bool
    func fetch(_ id: Int64) throws -> Entry
    func entryCount() throws -> Int64
    /// The unit the writes are about, so a refusal by the server names it.
    func about(unit: String)
    /// After an import with ids kept: new entries are numbered after the highest.
    func afterImport() throws

    /// The open meeting of a unit, if one is.
    func openMeeting(unit: String) throws -> Int64?
    func insertMeeting(_ m: NewMeeting) throws -> Int64
    func meetingEvent(_ meeting: Int64, _ kind: MeetingEvent.Kind, item: String?, value: String?, at: String, by: String) throws
    /// False when the database does not let this user change the meeting.
    func updateMeeting(_ id: Int64, _ write: MeetingWrite, at: String, by: String) throws -> Bool
    func fetchMeeting(_ id: Int64) throws -> Meeting
}

/// The port a follow-up backend implements: reading (`FollowUpStore`'s reads) and one write
/// transaction at a time. The writes of `FollowUpStore` and `AdministeredStore.importRows`
/// come from the extension below, the same for every backend.
public protocol FollowUpDatabase: FollowUpStore {
    /// Runs `body` in one write transaction (`unit`: what it is about, for a refusal).
    func writing<T>(unit: String?, _ body: (FollowUpTransaction) throws -> T) throws -> T
    /// The name the database knows this user by (a PostgreSQL role), for a refusal.
    var role: String { get }
}

/// The rules of follow-up, once: every text checked (not empty where required, not too long,
/// no control character, no identity number), every author checked, a new comment supersedes
/// the figure's current one, only an action has a status, nothing is written that a
/// database hides from its user, an import goes into an empty store only.
extension FollowUpDatabase {
    @discardableResult public func addComment(_ key: Entry.Key, text: String, by user: String) throws -> Entry {
        let user = try FollowUpRules.checkAuthor(user)
        let text = try FollowUpRules.check(text, field: "text", required: true)!
        let now = FollowUpRules.timestamp()
        return try writing(unit: key.unit.rawValue) { tx in
            let id = try tx.insert(NewEntry(kind: .comment, key: key, text: text, at: now, by: user))
            // The figure's earlier comments are superseded by this one (kept, with a history row).
            for e in try tx.currentComments(of: key, except: id) {
                guard try tx.update(e, .supersede(by: id), change: .superseded, at: now, by: user) else {
                    throw FollowUpError.outsideScope(unit: key.unit.rawValue, role: role)
                }
            }
            return try tx.fetch(id)
        }
    }

    @discardableResult public func addAction(_ key: Entry.Key, text: String, owner: String?, due: Day?, by user: String) throws -> Entry {
        let user = try FollowUpRules.checkAuthor(user)
        let text = try FollowUpRules.check(text, field: "text", required: true)!
        let owner = try FollowUpRules.check(owner, field: "owner", required: false)
        let now = FollowUpRules.timestamp()
        return try writing(unit: key.unit.rawValue) { tx in
            try tx.fetch(try tx.insert(NewEntry(kind: .action, key: key, text: text, owner: owner, due: due, status: .planned, at: now, by: user)))
        }
    }

    public func setStatus(_ id: Int64, _ status: Entry.Status, note: String?, by user: String) throws {
        let user = try FollowUpRules.checkAuthor(user)
        let note = try FollowUpRules.check(note, field: "note", required: false)
        try changeAction(id, .status(status, note: note), change: .status, by: user)
    }

    public func edit(_ id: Int64, text: String?, owner: String?, due: Day?, by user: String) throws {
        let user = try FollowUpRules.checkAuthor(user)
        let text = try FollowUpRules.check(text, field: "text", required: false)
        let owner = try FollowUpRules.check(owner, field: "owner", required: false)
        try changeAction(id, .edit(text: text, owner: owner, due: due), change: .edited, by: user)
    }

    /// Changes an action (never a comment) with its history row, in one transaction.
    func changeAction(_ id: Int64, _ write: EntryWrite, change: HistoryChange, by user: String) throws {
        let now = FollowUpRules.timestamp()
        try writing(unit: nil) { tx in
            let e = try tx.fetch(id)
            tx.about(unit: e.key.unit.rawValue)
            guard e.kind == .action else { throw FollowUpError.notAnAction(id) }
            guard try tx.update(id, write, change: change, at: now, by: user) else {
                throw FollowUpError.outsideScope(unit: e.key.unit.rawValue, role: role)
            }
        }
    }

    /// Replays an export into this store, which must be empty: each entry is created as its
    /// first row says and changed as the later ones say, with their original numbers, times
    /// and authors, in one transaction. The same checks as every write.
    public func importRows(_ rows: [FollowUpExport.Row]) throws {
        for r in rows {
            _ = try FollowUpRules.check(r.text, field: "text", required: true)
            _ = try FollowUpRules.check(r.owner, field: "owner", required: false)
            _ = try FollowUpRules.check(r.note, field: "note", required: false)
            _ = try FollowUpRules.checkAuthor(r.by)
        }
        try writing(unit: nil) { tx in
            guard try tx.entryCount() == 0 else { throw FollowUpError.notEmpty(location) }
            for r in rows {
                tx.about(unit: r.key.unit.rawValue)
                if r.change == .created {
                    _ = try tx.insert(NewEntry(id: r.entryID, kind: r.kind, key: r.key, text: r.text, owner: r.owner, due: r.due,
                                               status: r.kind == .action ? (r.status ?? .planned) : nil, note: r.note, at: r.at, by: r.by))
                } else {
                    guard try tx.update(r.entryID, .replay(r), change: r.change, at: r.at, by: r.by) else { throw FollowUpError.noSuchEntry(r.entryID) }
                }
            }
            try tx.afterImport()
        }
    }
}
