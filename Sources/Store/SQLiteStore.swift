import Foundation
import GRDB
import Model
#if canImport(Glibc)
import Glibc
#endif

/// Follow-up in an embedded SQLite database, through GRDB: WAL (readers never wait for a
/// writer, and two processes may write), foreign keys, a busy timeout, migrations by
/// `DatabaseMigrator`. A database from a newer tertial is refused before anything is
/// written; a file that is not a database is named and left alone. Nothing is deleted
/// (a trigger refuses it) and nothing is changed without a history row in the same
/// transaction.
public final class SQLiteStore: FollowUpStore, @unchecked Sendable {
    public let location: String
    public let isReadOnly: Bool
    let db: DatabaseQueue

    /// The default place: `DATA/followup/tertial.sqlite`.
    public static func defaultPath(dataDirectory: String) -> String {
        (dataDirectory as NSString).appendingPathComponent("followup/tertial.sqlite")
    }

    /// Opens (creating when missing: folder 0700, file 0600) and migrates. A store whose
    /// file or folder cannot be written is opened read-only.
    public init(path: String) throws {
        location = path
        let fm = FileManager.default
        let folder = (path as NSString).deletingLastPathComponent
        // tertial opens only its own database, at a plain path: a `file:` URI (SQLite would
        // create a 0644 file from it) and a symbolic link (to someone else's file) are refused.
        if path.hasPrefix("file:") { throw FollowUpError.storeRefused(path, .uri) }
        var st = stat()
        // The user's own owner-only file: one tertial made (perhaps another tertial, this instant).
        var ownPrivate = true
        if lstat(path, &st) == 0 {
            ownPrivate = st.st_uid == getuid() && st.st_mode & 0o077 == 0
            if st.st_mode & S_IFMT == S_IFLNK { throw FollowUpError.storeRefused(path, .symlink) }
            if st.st_mode & S_IFMT != S_IFREG { throw FollowUpError.storeRefused(path, .notAFile) }
            // An empty file tertial did not just make: used only when it is the user's own
            // and owner-only (one left by an interrupted start), never someone else's file.
            if st.st_size == 0 && (st.st_uid != getuid() || st.st_mode & 0o077 != 0) { throw FollowUpError.storeRefused(path, .notTertials) }
        }
        var exists = fm.fileExists(atPath: path)
        if !exists {
            if !folder.isEmpty && !fm.fileExists(atPath: folder) {
                do { try fm.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700]) }
                catch { throw FollowUpError.cannotOpen(path, String(cString: strerror(errno))) }
            }
            // Created by us, exclusively and owner-only, before SQLite opens it.
            let fd = open(path, O_CREAT | O_EXCL | O_WRONLY | O_NOFOLLOW | O_CLOEXEC, 0o600)
            if fd >= 0 { close(fd); exists = true }
            else if errno != EEXIST {
                // A folder we cannot write in: nothing to open.
                throw FollowUpError.cannotOpen(path, String(cString: strerror(errno)))
            }
        }
        let writable = access(path, W_OK) == 0 && access(folder.isEmpty ? "." : folder, W_OK) == 0
        // A file from elsewhere is first looked at read-only: one that is no database or is
        // from a newer tertial is refused without a byte of it changed (opening it for
        // writing would already touch it).
        if (try? fm.attributesOfItem(atPath: path)[.size] as? Int) ?? 0 > 0 {
            try SQLiteStore.probe(path, ownPrivate: ownPrivate)
        }
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(10)
        config.readonly = !writable
        config.journalMode = writable ? .wal : .default
        config.label = "tertial.followup"
        do {
            // Another process opening the store at the same moment (switching it to WAL) may
            // hold it for an instant: wait for it rather than fail.
            db = try SQLiteStore.retrying {
                let q = try DatabaseQueue(path: writable ? path : SQLiteStore.readOnlyPath(path), configuration: config)
                // Reading the schema is the first thing that fails on a file that is no database.
                _ = try q.read { try $0.tableExists("entry") }
                return q
            }
        } catch let e as DatabaseError where e.resultCode == .SQLITE_NOTADB || e.resultCode == .SQLITE_CORRUPT {
            throw FollowUpError.notADatabase(path)
        } catch let e as DatabaseError {
            throw FollowUpError.cannotOpen(path, e.message ?? "\(e.resultCode)")
        }
        isReadOnly = !writable
        try migrate()
        // SQLite makes the WAL and shared-memory files with the store's own mode (0600). They
        // are never opened here: closing any descriptor of the -shm file would drop SQLite's
        // POSIX locks on it in this process (a writer elsewhere then reset it: SIGBUS, seen).
    }

    /// SQLite's `application_id` of a tertial store: "trt1". Set by the migration that marks
    /// the store; a database with another id, or none and not a tertial schema, is refused.
    public static let applicationID: Int32 = 0x7472_7431

    /// How a store is opened for reading only. A WAL database needs its `-shm` file, which a
    /// reader cannot create in a folder it may not write: when no writer has the store open
    /// (no `-wal` file) every committed entry is in the main file, and SQLite is told it will
    /// not change (`immutable=1`); otherwise the writer's files are used as they are.
    static func readOnlyPath(_ path: String) -> String {
        guard !FileManager.default.fileExists(atPath: path + "-wal") else { return path }
        let folder = (path as NSString).deletingLastPathComponent
        guard access(folder.isEmpty ? "." : folder, W_OK) != 0 else { return path }
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "?#%")
        return "file:" + (path.addingPercentEncoding(withAllowedCharacters: allowed) ?? path) + "?immutable=1"
    }

    /// Refuses, read-only, a file that is not a database or whose schema is newer than ours.
    /// `ownPrivate`: the file is the user's own and 0600, so a database without any table yet
    /// is a store another tertial is making this instant (two starting at once), not someone
    /// else's database.
    static func probe(_ path: String, ownPrivate: Bool = false) throws {
        var config = Configuration()
        config.readonly = true
        config.busyMode = .timeout(10)
        do {
            let q = try retrying { try DatabaseQueue(path: readOnlyPath(path), configuration: config) }
            let (ours, superseded) = try retrying {
                try q.read { db -> (Bool, Bool) in
                    let id = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
                    // Being made: no table yet, or only GRDB's empty migrations table (GRDB
                    // creates it before the first migration's transaction).
                    let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
                    let applied = tables == ["grdb_migrations"] ? try Int.fetchOne(db, sql: "SELECT count(*) FROM grdb_migrations") ?? 0 : 0
                    if id == 0 && (tables.isEmpty || (tables == ["grdb_migrations"] && applied == 0)) { return (ownPrivate, false) }
                    guard tables.contains("grdb_migrations") else { return (false, false) }
                    // Marked, or made by a tertial from before the mark (its first migration applied).
                    let first = try String.fetchOne(db, sql: "SELECT identifier FROM grdb_migrations WHERE identifier = ?", arguments: ["v1: entry and entry_history"])
                    let hasEntry = try db.tableExists("entry")
                    let ours = id == applicationID || (id == 0 && first != nil && hasEntry)
                    guard ours, try migrator.hasBeenSuperseded(db) else { return (ours, false) }
                    // Migrations we do not know: a newer tertial's only when the file is sound
                    // (a damaged file was called "made by a newer tertial").
                    let check = (try? String.fetchOne(db, sql: "PRAGMA quick_check")) ?? nil
                    if check != "ok" { throw DatabaseError(resultCode: .SQLITE_CORRUPT) }
                    return (true, true)
                }
            }
            try q.close()
            if !ours { throw FollowUpError.storeRefused(path, .notTertials) }
            if superseded { throw FollowUpError.newerSchema(path) }
        } catch let e as DatabaseError where e.resultCode == .SQLITE_NOTADB || e.resultCode == .SQLITE_CORRUPT {
            throw FollowUpError.notADatabase(path)
        } catch let e as DatabaseError {
            throw FollowUpError.cannotOpen(path, e.message ?? "\(e.resultCode)")
        }
    }

    // MARK: Schema

    /// `FollowUpSchema.migrations`, SQLite's side, for GRDB's migrator.
    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        for step in FollowUpSchema.migrations.compactMap(\.sqlite) {
            m.registerMigration(step.name) { db in try db.execute(sql: step.sql) }
        }
        return m
    }

    /// Applies missing migrations; refuses a database that knows migrations we do not.
    func migrate() throws {
        let m = SQLiteStore.migrator
        let superseded = try db.read { try m.hasBeenSuperseded($0) }
        if superseded { throw FollowUpError.newerSchema(location) }
        if isReadOnly {
            // A store a writer has not yet brought up to date is read as it is: follow-up needs
            // only the first migration (meetings read as none until their tables are made).
            let applied = try db.read { try m.appliedIdentifiers($0) }
            if !applied.contains("v1: entry and entry_history") { throw FollowUpError.readOnly(location) }
            return
        }
        // Two processes creating the store at once both find it empty; the one that loses
        // the race finds the schema made by the other when it looks again.
        var attempt = 0
        while true {
            do { try m.migrate(db); return } catch let e as DatabaseError {
                attempt += 1
                if (try? db.read { try m.hasCompletedMigrations($0) }) == true { return }
                if attempt >= 50 { throw FollowUpError.failed(e.message ?? "\(e.resultCode)") }
                usleep(20_000)
            }
        }
    }

    /// Runs `body` again while SQLite says the database is busy or locked (up to ~10 s).
    static func retrying<T>(_ body: () throws -> T) throws -> T {
        var attempt = 0
        while true {
            do { return try body() } catch let e as DatabaseError where e.resultCode == .SQLITE_BUSY || e.resultCode == .SQLITE_LOCKED {
                attempt += 1
                if attempt >= 200 { throw e }
                usleep(50_000)
            }
        }
    }

    // MARK: Reading

    /// The columns `entry(_:)` reads, by position (a name lookup per field per row cost
    /// most of the time of reading 100 000 entries; docs/performance.md).
    static let entryColumns = "id, kind, unit, indicator, period, text, owner, due, status, note, superseded_by, created_at, created_by, updated_at, updated_by"

    /// Periods and due dates repeat: each text is parsed once per read.
    struct Parsers {
        var periods = [String: Period](), days = [String: Day]()
        mutating func period(_ s: String) -> Period {
            if let p = periods[s] { return p }
            let p = Period(parsing: s) ?? .year(1970)
            periods[s] = p
            return p
        }
        mutating func day(_ s: String?) -> Day? {
            guard let s else { return nil }
            if let d = days[s] { return d }
            let d = Day(parsing: s)
            if let d { days[s] = d }
            return d
        }
    }

    static func entry(_ r: Row, _ p: inout Parsers) -> Entry {
        let kind: String = r[1], status: String? = r[8]
        return Entry(id: r[0], kind: kind == "action" ? .action : .comment,
                     key: Entry.Key(unit: UnitID(r[2] as String), indicator: IndicatorID(r[3] as String), period: p.period(r[4])),
                     text: r[5], owner: r[6], due: p.day(r[7]), status: status.flatMap(Entry.Status.init(rawValue:)), note: r[9],
                     supersededBy: r[10], createdAt: r[11], createdBy: r[12], updatedAt: r[13], updatedBy: r[14])
    }

    static func entries(_ db: Database, where clause: String = "", _ arguments: StatementArguments = []) throws -> [Entry] {
        var out = [Entry](), p = Parsers()
        let rows = try Row.fetchCursor(db, sql: "SELECT \(entryColumns) FROM entry \(clause) ORDER BY id", arguments: arguments)
        while let r = try rows.next() { out.append(entry(r, &p)) }
        return out
    }

    public func all() throws -> [Entry] {
        try read { db in try SQLiteStore.entries(db) }
    }

    public func entries(units: Set<String>?, periods: [Period]?, openActionsOnly: Bool) throws -> [Entry] {
        var conditions = [String](), args = StatementArguments()
        if let units {
            conditions.append("unit IN (" + units.map { _ in "?" }.joined(separator: ", ") + ")")
            _ = args.append(contentsOf: StatementArguments(Array(units)))
        }
        if let periods {
            conditions.append("period IN (" + periods.map { _ in "?" }.joined(separator: ", ") + ")")
            _ = args.append(contentsOf: StatementArguments(periods.map(\.description)))
        }
        if openActionsOnly { conditions.append("kind = 'action' AND status IN ('planned', 'in_progress')") }
        return try read { db in try SQLiteStore.entries(db, where: conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND "), args) }
    }

    public func changes(since token: Int64) throws -> (entries: [Entry], token: Int64) {
        try read { db in
            let now = try Int64.fetchOne(db, sql: "SELECT coalesce(max(id), 0) FROM entry_history") ?? 0
            let changed = try SQLiteStore.entries(db, where: "WHERE id IN (SELECT entry_id FROM entry_history WHERE id > ?)", [token])
            return (changed, now)
        }
    }

    public func history(of id: Int64) throws -> [HistoryRow] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM entry_history WHERE entry_id = ? ORDER BY id", arguments: [id]).map { r in
                HistoryRow(entryID: r["entry_id"], at: r["at"], by: r["by"], change: HistoryChange(rawValue: r["change"]) ?? .edited, text: r["text"], owner: r["owner"],
                           due: (r["due"] as String?).flatMap { Day(parsing: $0) },
                           status: (r["status"] as String?).flatMap(Entry.Status.init(rawValue:)), note: r["note"])
            }
        }
    }

    public func changeToken() throws -> Int64 {
        try read { db in try Int64.fetchOne(db, sql: "SELECT coalesce(max(id), 0) FROM entry_history") ?? 0 }
    }

    func read<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try db.read(body) }
        catch let e as DatabaseError where e.resultCode == .SQLITE_NOTADB || e.resultCode == .SQLITE_CORRUPT { throw FollowUpError.notADatabase(location) }
        catch let e as DatabaseError { throw FollowUpError.failed(e.message ?? "\(e.resultCode)") }
    }

    // MARK: Writing

    func write<T>(_ body: (Database) throws -> T) throws -> T {
        guard !isReadOnly else { throw FollowUpError.readOnly(location) }
        do { return try db.write(body) }
        catch let e as FollowUpError { throw e }
        catch let e as DatabaseError {
            switch e.resultCode {
            case .SQLITE_READONLY, .SQLITE_PERM, .SQLITE_CANTOPEN: throw FollowUpError.readOnly(location)
            case .SQLITE_FULL: throw FollowUpError.diskFull(location)
            case .SQLITE_NOTADB, .SQLITE_CORRUPT: throw FollowUpError.notADatabase(location)
            default: throw FollowUpError.failed(e.message ?? "\(e.resultCode)")
            }
        }
    }

    /// The history row of a change: the entry as it is after it.
    static func record(_ db: Database, _ id: Int64, _ change: HistoryChange, at: String, by: String) throws {
        try db.execute(sql: """
            INSERT INTO entry_history (entry_id, at, by, change, text, owner, due, status, note)
            SELECT id, ?, ?, ?, text, owner, due, status, note FROM entry WHERE id = ?
            """, arguments: [at, by, change.rawValue, id])
    }

    static func fetch(_ db: Database, _ id: Int64) throws -> Entry {
        guard let e = try entries(db, where: "WHERE id = ?", [id]).first else { throw FollowUpError.noSuchEntry(id) }
        return e
    }

    /// `PRAGMA integrity_check`: "ok" for a sound file.
    public func integrityCheck() throws -> String {
        try read { db in
            let sqlite = try String.fetchOne(db, sql: "PRAGMA integrity_check") ?? ""
            guard sqlite == "ok" else { return sqlite }
            // An entry must be as its last history row says (a change made past tertial shows here).
            let differ = try Int64.fetchAll(db, sql: """
                SELECT e.id FROM entry e JOIN entry_history h ON h.id = (SELECT max(x.id) FROM entry_history x WHERE x.entry_id = e.id)
                WHERE e.text IS NOT h.text OR e.owner IS NOT h.owner OR e.due IS NOT h.due OR e.status IS NOT h.status OR e.note IS NOT h.note
                ORDER BY e.id
                """)
            return differ.isEmpty ? "ok" : "entries differ from their history: " + differ.prefix(20).map(String.init).joined(separator: ", ")
        }
    }
}

/// SQLite as a follow-up database (the port; the rules are `FollowUpDatabase`'s): each
/// write and its history row in one GRDB write transaction.
extension SQLiteStore: FollowUpDatabase {
    public var role: String { FollowUpRules.currentUser() }

    public func writing<T>(unit: String?, _ body: (FollowUpTransaction) throws -> T) throws -> T {
        try write { db in try body(Transaction(db: db)) }
    }

    struct Transaction: FollowUpTransaction {
        let db: Database

        func insert(_ e: NewEntry) throws -> Int64 {
            try db.execute(sql: """
                INSERT INTO entry (id, kind, unit, indicator, period, text, owner, due, status, note, created_at, created_by, updated_at, updated_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [e.id, e.kind.rawValue, e.key.unit.rawValue, e.key.indicator.rawValue, e.key.period.description, e.text, e.owner, e.due?.description,
                                 e.status?.rawValue, e.note, e.at, e.by, e.at, e.by])
            let id = db.lastInsertedRowID
            try SQLiteStore.record(db, id, .created, at: e.at, by: e.by)
            return id
        }

        func currentComments(of key: Entry.Key, except id: Int64) throws -> [Int64] {
            try Int64.fetchAll(db, sql: """
                SELECT id FROM entry WHERE kind = 'comment' AND unit = ? AND indicator = ? AND period = ? AND id <> ? AND superseded_by IS NULL
                """, arguments: [key.unit.rawValue, key.indicator.rawValue, key.period.description, id])
        }

        func update(_ id: Int64, _ write: EntryWrite, change: HistoryChange, at: String, by: String) throws -> Bool {
            switch write {
            case .supersede(let newer):
                try db.execute(sql: "UPDATE entry SET superseded_by = ?, updated_at = ?, updated_by = ? WHERE id = ?", arguments: [newer, at, by, id])
            case let .status(status, note):
                try db.execute(sql: "UPDATE entry SET status = ?, note = coalesce(?, note), updated_at = ?, updated_by = ? WHERE id = ?",
                               arguments: [status.rawValue, note, at, by, id])
            case let .edit(text, owner, due):
                try db.execute(sql: """
                    UPDATE entry SET text = coalesce(?, text), owner = coalesce(?, owner), due = coalesce(?, due), updated_at = ?, updated_by = ? WHERE id = ?
                    """, arguments: [text, owner, due?.description, at, by, id])
            case .replay(let r):
                try db.execute(sql: """
                    UPDATE entry SET text = ?, owner = ?, due = ?, status = ?, note = ?, superseded_by = coalesce(?, superseded_by), updated_at = ?, updated_by = ?
                    WHERE id = ?
                    """, arguments: [r.text, r.owner, r.due?.description, r.kind == .action ? r.status?.rawValue : nil, r.note, r.supersededBy, at, by, id])
            }
            guard db.changesCount == 1 else { return false }
            try SQLiteStore.record(db, id, change, at: at, by: by)
            return true
        }

        func fetch(_ id: Int64) throws -> Entry { try SQLiteStore.fetch(db, id) }
        func entryCount() throws -> Int64 { try Int64.fetchOne(db, sql: "SELECT count(*) FROM entry") ?? 0 }
        func about(unit: String) {}
        // AUTOINCREMENT goes on after the highest id inserted.
        func afterImport() throws {}

        func openMeeting(unit: String) throws -> Int64? {
            try Int64.fetchOne(db, sql: "SELECT id FROM meeting WHERE unit = ? AND closed_at IS NULL", arguments: [unit])
        }

        func insertMeeting(_ m: NewMeeting) throws -> Int64 {
            try db.execute(sql: "INSERT INTO meeting (unit, period, opened_at, opened_by, participants, baseline, agenda) VALUES (?, ?, ?, ?, ?, ?, ?)",
                           arguments: [m.unit.rawValue, m.period.description, m.at, m.by, m.participants, m.baseline, m.agenda])
            return db.lastInsertedRowID
        }

        func meetingEvent(_ meeting: Int64, _ kind: MeetingEvent.Kind, item: String?, value: String?, at: String, by: String) throws {
            try db.execute(sql: "INSERT INTO meeting_event (meeting_id, at, by, kind, item, value) VALUES (?, ?, ?, ?, ?, ?)",
                           arguments: [meeting, at, by, kind.rawValue, item, value])
        }

        func updateMeeting(_ id: Int64, _ write: MeetingWrite, at: String, by: String) throws -> Bool {
            switch write {
            case .participants(let p): try db.execute(sql: "UPDATE meeting SET participants = ? WHERE id = ?", arguments: [p, id])
            case .close: try db.execute(sql: "UPDATE meeting SET closed_at = ?, closed_by = ? WHERE id = ?", arguments: [at, by, id])
            }
            return db.changesCount == 1
        }

        func fetchMeeting(_ id: Int64) throws -> Meeting {
            guard let m = try SQLiteStore.meetings(db, where: "WHERE id = ?", [id]).first else { throw MeetingError.noSuchMeeting(id) }
            return m
        }
    }
}

// MARK: Meetings

extension SQLiteStore {
    static func meetings(_ db: Database, where clause: String, _ arguments: StatementArguments) throws -> [Meeting] {
        try Row.fetchAll(db, sql: "SELECT id, unit, period, opened_at, opened_by, closed_at, closed_by, participants FROM meeting \(clause) ORDER BY id",
                         arguments: arguments).map { r in
            Meeting(id: r[0], unit: UnitID(r[1] as String), period: Period(parsing: r[2] as String) ?? .year(1970), openedAt: r[3], openedBy: r[4],
                    closedAt: r[5], closedBy: r[6], participants: r[7])
        }
    }

    public func meetings(unit: String?) throws -> [Meeting] {
        try read { db in
            guard try db.tableExists("meeting") else { return [] }
            return try unit.map { try SQLiteStore.meetings(db, where: "WHERE unit = ?", [$0]) } ?? SQLiteStore.meetings(db, where: "", [])
        }
    }

    public func meeting(_ id: Int64) throws -> Meeting? {
        try read { db in try db.tableExists("meeting") ? SQLiteStore.meetings(db, where: "WHERE id = ?", [id]).first : nil }
    }

    public func meetingAgenda(_ id: Int64) throws -> String {
        try read { db in try String.fetchOne(db, sql: "SELECT agenda FROM meeting WHERE id = ?", arguments: [id]) ?? "[]" }
    }

    public func meetingBaseline(_ id: Int64) throws -> Baseline? {
        try read { db in try Data.fetchOne(db, sql: "SELECT baseline FROM meeting WHERE id = ?", arguments: [id]).flatMap(Deflated.unpack).flatMap { Baseline(decoding: $0) } }
    }

    public func meetingEvents(_ id: Int64) throws -> [MeetingEvent] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT id, meeting_id, at, by, kind, item, value FROM meeting_event WHERE meeting_id = ? ORDER BY id", arguments: [id]).map { r in
                MeetingEvent(id: r[0], meetingID: r[1], at: r[2], by: r[3], kind: MeetingEvent.Kind(rawValue: r[4]) ?? .mark, item: r[5], value: r[6])
            }
        }
    }

    public func meetingToken() throws -> Int64 {
        try read { db in
            guard try db.tableExists("meeting_event") else { return 0 }
            return try Int64.fetchOne(db, sql: "SELECT coalesce(max(id), 0) FROM meeting_event") ?? 0
        }
    }

    public func sizeInBytes() throws -> Int64 {
        try read { db in
            let pages = try Int64.fetchOne(db, sql: "PRAGMA page_count") ?? 0
            return pages * (try Int64.fetchOne(db, sql: "PRAGMA page_size") ?? 4096)
        }
    }
}
