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

    public init(id: Int64, kind: Kind, key: Key, text: String, owner: String? = nil, due: Day? = nil, status: Status? = nil, note: String? = nil,
                supersededBy: Int64? = nil, createdAt: String, createdBy: String, updatedAt: String, updatedBy: String) {
        self.id = id; self.kind = kind; self.key = key; self.text = text; self.owner = owner; self.due = due; self.status = status
        self.note = note; self.supersededBy = supersededBy; self.createdAt = createdAt; self.createdBy = createdBy
        self.updatedAt = updatedAt; self.updatedBy = updatedBy
    }

    /// What the entry is about.
    public struct Key: Hashable, Sendable, Comparable {
        public var unit: UnitID
        public var indicator: IndicatorID
        public var period: Period
        public init(unit: UnitID, indicator: IndicatorID, period: Period) { self.unit = unit; self.indicator = indicator; self.period = period }
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
    public var change: HistoryChange
    public var text: String
    public var owner: String?
    public var due: Day?
    public var status: Entry.Status?
    public var note: String?
}

/// Why a path is not opened as a store.
public enum StoreRefusal: Hashable, Sendable { case uri, symlink, notAFile, notTertials }

/// Why the store refused something; each case has a message in both languages
/// (`FollowUpError.text(norwegian:)`).
public enum FollowUpError: Error, Readable, Equatable, Sendable {
    case emptyText
    case tooLong(Int)
    case identityNumber(String)
    /// A control character or escape sequence in a text a person typed (field named).
    case controlCharacter(String)
    /// The name follow-up is signed with is not a name (why).
    case badAuthor(Sentence)
    case readOnly(String)
    /// A path that is not a tertial store: refused without a byte of it changed.
    case storeRefused(String, StoreRefusal)
    /// The store's schema is locked by another session (who, as the server says).
    case schemaLocked(String, String)
    case newerSchema(String)
    case notADatabase(String)
    case noSuchEntry(Int64)
    case notAnAction(Int64)
    case cannotOpen(String, String)
    case diskFull(String)
    case notEmpty(String)
    case failed(String)
    /// The database server cannot be reached now (a shared store); nothing was written.
    case disconnected(String)
    /// The server refused: the user's database role may not write follow-up for this unit.
    case outsideScope(unit: String, role: String)

    /// Why, in a language (`FollowUpTexts`).
    public func text(_ lang: Lang) -> String { sentence.text(lang) }

    public var sentence: Sentence {
        switch self {
        case .emptyText: FollowUpTexts.emptyText
        case .tooLong(let n): FollowUpTexts.tooLong(n)
        case .identityNumber(let field): FollowUpTexts.identityNumber(field)
        case .controlCharacter(let field): FollowUpTexts.controlCharacter(field)
        case .badAuthor(let why): why
        case let .schemaLocked(p, who): FollowUpTexts.schemaLocked(p, by: who)
        case let .storeRefused(p, why): FollowUpTexts.storeRefused(p, why)
        case .readOnly(let p): FollowUpTexts.readOnly(p)
        case .newerSchema(let p): FollowUpTexts.newerSchema(p)
        case .notADatabase(let p): FollowUpTexts.notADatabase(p)
        case .noSuchEntry(let id): FollowUpTexts.noSuchEntry(id)
        case .notAnAction(let id): FollowUpTexts.notAnAction(id)
        case let .cannotOpen(p, why): FollowUpTexts.cannotOpen(p, because: why)
        case .diskFull(let p): FollowUpTexts.diskFull(p)
        case .notEmpty(let p): FollowUpTexts.notEmpty(p)
        case .failed(let why): FollowUpTexts.failed(why)
        case .disconnected(let p): FollowUpTexts.disconnected(p)
        case let .outsideScope(unit, role): FollowUpTexts.outsideScope(unit: unit, role: role)
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
    /// The entries of some units and periods (nil: all), or only open actions: what
    /// `tertial followup list` asks for, filtered in the database.
    func entries(units: Set<String>?, periods: [Period]?, openActionsOnly: Bool) throws -> [Entry]
    /// The entries written or changed after `token` (from `changeToken`), and the token now:
    /// a dashboard re-reads what changed, not the whole store.
    func changes(since token: Int64) throws -> (entries: [Entry], token: Int64)
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
    /// A store that tells of changes itself (PostgreSQL's LISTEN/NOTIFY) calls `changed` when
    /// another client wrote, and `connection` when it loses or regains its server; both from
    /// another thread. A store that does not (SQLite) returns false and is polled.
    func watch(changed: @escaping @Sendable () -> Void, connection: @escaping @Sendable (Bool) -> Void) -> Bool
    /// False while a database server is out of reach (the store reconnects by itself).
    var isConnected: Bool { get }

    // Meetings (Meeting.swift): reads by each backend, writes by the rules written once.
    /// The meetings of a unit (nil: all), oldest first.
    func meetings(unit: String?) throws -> [Meeting]
    /// One meeting, by its number.
    func meeting(_ id: Int64) throws -> Meeting?
    /// A meeting's agenda as kept (`AgendaItem.encode`).
    func meetingAgenda(_ id: Int64) throws -> String
    /// The figures as they stood when the meeting opened.
    func meetingBaseline(_ id: Int64) throws -> Baseline?
    func meetingEvents(_ id: Int64) throws -> [MeetingEvent]
    /// Changes whenever anything in any meeting changed (the newest event's id).
    func meetingToken() throws -> Int64
    /// The store's size in bytes (a file's, or a database's on its server).
    func sizeInBytes() throws -> Int64
    @discardableResult func openMeeting(unit: UnitID, period: Period, participants: String?, baseline: Baseline, agenda: [AgendaItem], by user: String) throws -> Meeting
    func markItem(_ meeting: Int64, item: String, _ mark: AgendaMark, by user: String) throws
    func setParticipants(_ meeting: Int64, _ text: String, by user: String) throws
    @discardableResult func closeMeeting(_ meeting: Int64, by user: String) throws -> Meeting
    @discardableResult func addComment(_ key: Entry.Key, text: String, by user: String, meeting: Int64, item: String?) throws -> MeetingEntry
    @discardableResult func addAction(_ key: Entry.Key, text: String, owner: String?, due: Day?, by user: String, meeting: Int64, item: String?) throws -> MeetingEntry
    func record(_ id: Int64) throws -> MeetingRecord
}

/// What `tertial store` does with a store, on either backend.
public protocol AdministeredStore: FollowUpStore {
    func appliedMigrations() throws -> [String]
    func exportRows() throws -> [FollowUpExport.Row]
    func importRows(_ rows: [FollowUpExport.Row]) throws
    /// "ok", or what is wrong.
    func integrityCheck() throws -> String
    /// Who may write which units (a database with roles); returns what was done, a line each.
    func applyAccess(_ grants: [AccessGrant], scope: (String) -> [String]) throws -> [String]
}

extension AdministeredStore {
    public func applyAccess(_ grants: [AccessGrant], scope: (String) -> [String]) throws -> [String] {
        throw FollowUpError.failed("--access needs a PostgreSQL store")
    }
}

/// One line of an access file: a database role may write follow-up for a unit (and,
/// through the caller's `scope`, the units below it and the ones it continues).
public struct AccessGrant: Hashable, Sendable {
    public let role: String
    public let unit: String
    public init(role: String, unit: String) { self.role = role; self.unit = unit }

    /// A plain lower-case identifier: what a role name from an access file may be.
    public static func isRoleName(_ s: String) -> Bool {
        guard let f = s.utf8.first, (97...122).contains(f) || f == 95, s.utf8.count <= 63 else { return false }
        return s.utf8.allSatisfy { (97...122).contains($0) || (48...57).contains($0) || $0 == 95 }
    }
}

extension FollowUpStore {
    public func watch(changed: @escaping @Sendable () -> Void, connection: @escaping @Sendable (Bool) -> Void) -> Bool { false }
    public var isConnected: Bool { true }
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
        // Counted as the databases count (code points): 2 000 emoji of several code points
        // each passed here and met SQLite's CHECK, whose raw text was shown.
        if t.unicodeScalars.count > maxLength { throw FollowUpError.tooLong(maxLength) }
        if SafeText.needsCare(t, keepNewlines: true) { throw FollowUpError.controlCharacter(field) }
        if IdentityNumber.isIn(t) { throw FollowUpError.identityNumber(field) }
        return t
    }

    /// The longest name follow-up is signed with (PostgreSQL's role names are at most 63 bytes).
    public static let maxAuthorLength = 64

    /// Checks the name an entry is signed with (`--user`, the login name, an import's `by`)
    /// as strictly as a text: not empty, not over 64 characters, one line without control
    /// characters, and no eleven digits in any spelling (an author is never a person's number).
    public static func checkAuthor(_ user: String) throws -> String {
        let u = user.trimmingCharacters(in: .whitespaces)
        if u.isEmpty { throw FollowUpError.badAuthor(FollowUpTexts.authorEmpty) }
        if u.count > maxAuthorLength {
            throw FollowUpError.badAuthor(FollowUpTexts.authorTooLong(maxAuthorLength))
        }
        if SafeText.needsCare(u, keepNewlines: false) { throw FollowUpError.controlCharacter("by") }
        if IdentityNumber.isInID(u) {
            throw FollowUpError.badAuthor(FollowUpTexts.authorElevenDigits)
        }
        return u
    }

    /// An export's rows checked as new entries are, each problem with its line: texts,
    /// author, time, change, unit and indicator (when `known` says which exist), the period
    /// within the years tertial reads, and the history in order (an entry created once, before
    /// its changes). Empty when the file may be imported.
    public static func checkImport(_ rows: [(line: Int, row: FollowUpExport.Row)], units: Set<String>?, indicators: Set<String>?,
                                   years: ClosedRange<Int>, norwegian nb: Bool) -> [String] {
        var out = [String](), created = Set<Int64>()
        let lang: Lang = nb ? .nb : .en
        func say(_ line: Int, _ field: String, _ what: Sentence) { out.append("\(line): \(field): " + what.text(lang)) }
        for (line, r) in rows {
            for (field, value, required) in [("text", Optional(r.text), true), ("owner", r.owner, false), ("note", r.note, false)] {
                do { _ = try check(value, field: field, required: required) } catch let e as FollowUpError {
                    out.append("\(line): \(field): " + e.text(lang))
                } catch {}
            }
            do { _ = try checkAuthor(r.by) } catch let e as FollowUpError { out.append("\(line): by: " + e.text(lang)) } catch {}
            if !isTimestamp(r.at) { say(line, "at", FollowUpTexts.notATime(Fields.shown(r.at))) }
            if let units, !units.contains(r.key.unit.rawValue) {
                say(line, "unit", FollowUpTexts.unknownUnit(Fields.shown(r.key.unit.rawValue)))
            }
            if let indicators, !indicators.contains(r.key.indicator.rawValue) {
                say(line, "indicator", FollowUpTexts.unknownIndicator(Fields.shown(r.key.indicator.rawValue)))
            }
            if !years.contains(r.key.period.year) {
                say(line, "period", FollowUpTexts.periodOutside(r.key.period, years))
            }
            if r.change == .created {
                if !created.insert(r.entryID).inserted { say(line, "entry_id", FollowUpTexts.createdTwice(r.entryID)) }
            } else if !created.contains(r.entryID) {
                say(line, "entry_id", FollowUpTexts.changedBeforeCreated(r.entryID))
            }
        }
        return out
    }

    /// `2026-12-03T10:00:00Z` or with fractions of a second or an offset, as the stores write it.
    static func isTimestamp(_ s: String) -> Bool {
        let b = Array(s.utf8)
        guard b.count >= 20, b.count <= 35, Day(parsing: String(decoding: b[0..<10], as: UTF8.self)) != nil, b[10] == 84 else { return false }
        return b[11...].allSatisfy { ($0 >= 48 && $0 <= 57) || $0 == 58 || $0 == 46 || $0 == 43 || $0 == 45 || $0 == 90 }
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

/// All follow-up as the dashboard and the reports read it: a value, indexed by what each
/// entry is about. Built from `FollowUpStore.all()`; replaced whole when the store changes.
public struct FollowUpBook: Sendable {
    public let entries: [Entry]
    /// The store's change token when it was read.
    public let token: Int64
    let byKey: [Entry.Key: [Int]]

    public static let empty = FollowUpBook(entries: [], token: 0)

    public init(entries: [Entry], token: Int64) {
        self.entries = entries; self.token = token
        var k = [Entry.Key: [Int]]()
        for (i, e) in entries.enumerated() { k[e.key, default: []].append(i) }
        byKey = k
    }

    public init(_ store: FollowUpStore) throws {
        // The token first: a write between the two reads is then seen again next time.
        let token = try store.changeToken()
        self.init(entries: try store.all(), token: token)
    }

    public var isEmpty: Bool { entries.isEmpty }

    /// This book with the entries that changed since it was read (new ones appended, changed
    /// ones replaced in place: ids only grow, so the order stays the store's).
    public func merging(_ changed: [Entry], token: Int64) -> FollowUpBook {
        guard !changed.isEmpty else { return FollowUpBook(entries: entries, token: token, byKey: byKey) }
        var es = entries, keys = byKey
        var position = [Int64: Int]()
        // Changes touch the newest entries mostly: look them up from the end.
        let wanted = Set(changed.map(\.id))
        for i in es.indices.reversed() where wanted.contains(es[i].id) { position[es[i].id] = i; if position.count == wanted.count { break } }
        for e in changed.sorted(by: { $0.id < $1.id }) {
            if let i = position[e.id] {
                if es[i].key != e.key { keys[es[i].key]?.removeAll { $0 == i }; keys[e.key, default: []].append(i) }
                es[i] = e
            } else {
                keys[e.key, default: []].append(es.count)
                es.append(e)
            }
        }
        return FollowUpBook(entries: es, token: token, byKey: keys)
    }

    init(entries: [Entry], token: Int64, byKey: [Entry.Key: [Int]]) {
        self.entries = entries; self.token = token; self.byKey = byKey
    }

    /// The store read again: only what changed since this book's token.
    public func refreshed(from store: FollowUpStore) throws -> FollowUpBook {
        let (changed, token) = try store.changes(since: self.token)
        return merging(changed, token: token)
    }

    public func entries(for key: Entry.Key) -> [Entry] { (byKey[key] ?? []).map { entries[$0] } }

    /// The key's current comment (the latest that was not superseded).
    public func comment(for key: Entry.Key) -> Entry? {
        entries(for: key).last { $0.kind == .comment && $0.isCurrent }
    }

    /// The key's actions, oldest first.
    public func actions(for key: Entry.Key) -> [Entry] { entries(for: key).filter { $0.kind == .action } }

    public func openActions(for key: Entry.Key) -> [Entry] { actions(for: key).filter { $0.status?.isOpen == true } }

    public func entry(_ id: Int64) -> Entry? {
        // Entries are in id order (the store's): a binary search.
        var lo = 0, hi = entries.count
        while lo < hi { let mid = (lo + hi) / 2; if entries[mid].id < id { lo = mid + 1 } else { hi = mid } }
        return lo < entries.count && entries[lo].id == id ? entries[lo] : nil
    }

    /// Actions whose unit is one of `units`, overdue first, then by due date (none last),
    /// then oldest first.
    public func actions(units: Set<String>, openOnly: Bool, today: Day) -> [Entry] {
        // Sorted by small keys, not by moving the entries (each holds several strings).
        entries.indices.filter { entries[$0].kind == .action && units.contains(entries[$0].key.unit.rawValue) && (!openOnly || entries[$0].status?.isOpen == true) }
            .map { i in (entries[i].isOverdue(on: today) ? 0 : 1, entries[i].due?.ordinal ?? Int.max, entries[i].id, i) }
            .sorted { ($0.0, $0.1, $0.2) < ($1.0, $1.1, $1.2) }
            .map { entries[$0.3] }
    }

    /// The actions on the figures of a period, for a scope: open, overdue (today) and done.
    /// A figure's period overlaps the one asked for (an annual figure's year holds its
    /// tertials), so the overview of T1 2018 counts T1 2018's actions, not today's.
    public func counts(units: Set<String>, period: Period, today: Day) -> (open: Int, overdue: Int, done: Int) {
        var open = 0, overdue = 0, done = 0
        for e in entries where e.kind == .action && units.contains(e.key.unit.rawValue)
            && e.key.period.start <= period.end && period.start <= e.key.period.end {
            if e.status?.isOpen == true { open += 1 }
            if e.isOverdue(on: today) { overdue += 1 }
            if e.status == .done { done += 1 }
        }
        return (open, overdue, done)
    }
}

/// Opens the store a command or the dashboard names: `--store PATH`, else `TERTIAL_STORE`,
/// else `DATA/followup/tertial.sqlite`.
public enum FollowUpStores {
    public static func path(option: String?, dataDirectory: String, environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let o = option, !o.isEmpty { return o }
        if let e = environment["TERTIAL_STORE"], !e.isEmpty { return e }
        if let c = configured(dataDirectory: dataDirectory) { return c }
        return SQLiteStore.defaultPath(dataDirectory: dataDirectory)
    }

    /// The `store:` line of `DATA/tertial.conf` (`#` starts a comment): a path, relative to the
    /// data directory unless absolute, or an address. One place for a whole etat to say
    /// where its follow-up is, so that no leader has to type it.
    public static func configured(dataDirectory: String) -> String? {
        let file = (dataDirectory as NSString).appendingPathComponent(DataSources.configFile)
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { return nil }
        for line in text.split(whereSeparator: \.isNewline) {
            let content = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let parts = content.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, parts[0] == "store", !parts[1].isEmpty else { continue }
            let value = parts[1]
            if value.contains("://") || value.hasPrefix("/") { return value }
            return (dataDirectory as NSString).appendingPathComponent(value)
        }
        return nil
    }

    /// An address as messages show it: never with a password (`postgresql://…@host/db` when
    /// it cannot be parsed).
    public static func shownAddress(_ p: String) -> String {
        #if TERTIAL_POSTGRES
        if let a = PostgresStore.Address(p, environment: [:]) { return a.shown }
        #endif
        return p.split(separator: "@").last.map { "postgresql://…@" + $0 } ?? "postgresql://…"
    }

    /// A `postgresql://` (or `postgres://`) address rather than a file.
    public static func isAddress(_ s: String) -> Bool { s.hasPrefix("postgresql://") || s.hasPrefix("postgres://") }

    /// The store at a path or address, with what `tertial store` needs.
    public static func openAdministered(_ p: String) throws -> any AdministeredStore {
        if isAddress(p) {
            #if TERTIAL_POSTGRES
            return try PostgresStore(p)
            #else
            throw FollowUpError.cannotOpen(shownAddress(p), "this build of tertial has no PostgreSQL (built without the Postgres trait)")
            #endif
        }
        return try SQLiteStore(path: p)
    }

    public static func open(option: String?, dataDirectory: String) throws -> FollowUpStore {
        let p = path(option: option, dataDirectory: dataDirectory)
        return try openAdministered(p)
    }

    /// For reading only (reports): nil when there is no store yet, so a report never
    /// creates one.
    public static func openExisting(option: String?, dataDirectory: String) throws -> FollowUpStore? {
        let p = path(option: option, dataDirectory: dataDirectory)
        if isAddress(p) { return try openAdministered(p) }
        guard FileManager.default.fileExists(atPath: p) else { return nil }
        return try SQLiteStore(path: p)
    }
}
