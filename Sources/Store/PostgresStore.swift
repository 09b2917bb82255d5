// Built with the package trait `Postgres` (on by default; Package.swift): the AddressSanitizer
// run of CI disables it and so leaves postgres-nio's BoringSSL out.
#if TERTIAL_POSTGRES
import Foundation
import Logging
import Model
import NIOCore
import NIOPosix
import NIOSSL
import PostgresNIO

/// Follow-up on a PostgreSQL server, for a whole etat on many machines (a SQLite file on a
/// network drive is not safe). The same schema, rules and history as `SQLiteStore`, with
/// the identity-number rule and "never deleted" enforced by the server too, so another
/// client cannot break them. Chosen by `--store postgresql://user@host[:port]/db` or
/// `TERTIAL_STORE`; the password comes from `PGPASSWORD` or `~/.pgpass` (never printed: the
/// location shown has none).
///
/// One connection, used through postgres-nio's EventLoopFuture interface and waited on, so
/// the store keeps the same synchronous shape as the SQLite one. Every value is a bound
/// parameter; the only SQL spliced in is this file's own text.
public final class PostgresStore: FollowUpStore, AdministeredStore, @unchecked Sendable {
    public let location: String
    public let isReadOnly = false
    public let address: Address
    let configuration: PostgresConnection.Configuration
    let logger: Logger
    /// One statement or transaction at a time on the one connection.
    let lock = NSLock()
    /// Guards the connection and the watchers (taken briefly, never around a query).
    let state = NSLock()
    var connection: PostgresConnection?
    var reconnecting = false
    var closed = false
    var onChange: (@Sendable () -> Void)?
    var onConnection: (@Sendable (Bool) -> Void)?
    nonisolated(unsafe) static var nextID = 1

    /// A `postgresql://` address, parsed: what libpq would take from it.
    public struct Address: Equatable, Sendable {
        public var user: String
        public var password: String?
        public var host: String
        public var port: Int
        public var database: String
        /// `disable`, `prefer` (the default, as libpq's) or `require`.
        public var sslmode: String

        /// The address as shown and logged: never with a password.
        public var shown: String { "postgresql://\(user)@\(host):\(port)/\(database)" }

        public static func isAddress(_ s: String) -> Bool { FollowUpStores.isAddress(s) }

        public init?(_ url: String, environment: [String: String] = ProcessInfo.processInfo.environment) {
            guard Address.isAddress(url), let c = URLComponents(string: url), let host = c.host, !host.isEmpty else { return nil }
            self.host = host
            port = c.port ?? 5432
            user = c.user ?? environment["PGUSER"] ?? environment["USER"] ?? "postgres"
            let path = c.path.hasPrefix("/") ? String(c.path.dropFirst()) : c.path
            database = path.isEmpty ? user : path
            sslmode = c.queryItems?.first { $0.name == "sslmode" }?.value ?? "prefer"
            password = c.password ?? environment["PGPASSWORD"] ?? Address.pgpass(host: host, port: port, database: database, user: user, environment: environment)
        }

        /// The password for this address in `~/.pgpass` (or `PGPASSFILE`), as libpq reads it:
        /// `host:port:database:user:password`, `*` matching anything, the first match winning.
        static func pgpass(host: String, port: Int, database: String, user: String, environment: [String: String]) -> String? {
            let file = environment["PGPASSFILE"] ?? (environment["HOME"].map { $0 + "/.pgpass" } ?? "")
            guard !file.isEmpty, let text = try? String(contentsOfFile: file, encoding: .utf8) else { return nil }
            for line in text.split(separator: "\n") where !line.hasPrefix("#") {
                let f = line.split(separator: ":", maxSplits: 4, omittingEmptySubsequences: false).map(String.init)
                guard f.count == 5 else { continue }
                func ok(_ v: String, _ want: String) -> Bool { v == "*" || v == want }
                if ok(f[0], host), ok(f[1], String(port)), ok(f[2], database), ok(f[3], user) { return f[4] }
            }
            return nil
        }
    }

    public init(_ url: String) throws {
        guard let a = Address(url) else { throw FollowUpError.cannotOpen(FollowUpStores.shownAddress(url), "not a postgresql://user@host:port/database address") }
        address = a
        location = a.shown
        var logger = Logger(label: "tertial.postgres")
        logger.logLevel = .critical
        self.logger = logger
        let tls: PostgresConnection.Configuration.TLS
        switch a.sslmode {
        case "disable": tls = .disable
        case "require", "verify-ca", "verify-full":
            var c = TLSConfiguration.makeClientConfiguration()
            // require: encrypted, the certificate not checked (libpq's meaning); verify-*: checked.
            if a.sslmode == "require" { c.certificateVerification = .none }
            tls = .require(try NIOSSLContext(configuration: c))
        default:
            // prefer: TLS when the server offers it, as libpq does (without verifying, as libpq's prefer).
            var c = TLSConfiguration.makeClientConfiguration()
            c.certificateVerification = .none
            tls = .prefer(try NIOSSLContext(configuration: c))
        }
        var config = PostgresConnection.Configuration(host: a.host, port: a.port, username: a.user, password: a.password, database: a.database, tls: tls)
        config.options.connectTimeout = .seconds(5)
        configuration = config
        do { connection = try connect() }
        catch { throw FollowUpError.cannotOpen(a.shown, PostgresStore.describe(error)) }
        try migrate()
    }

    deinit {
        state.lock(); closed = true; let c = connection; connection = nil; state.unlock()
        try? c?.close().wait()
    }

    /// A new connection, followed: when it closes the store says so and reconnects.
    func connect() throws -> PostgresConnection {
        state.lock(); let id = PostgresStore.nextID; PostgresStore.nextID += 1; state.unlock()
        let c = try PostgresConnection.connect(on: MultiThreadedEventLoopGroup.singleton.next(), configuration: configuration, id: id, logger: logger).wait()
        c.closeFuture.whenComplete { [weak self] _ in self?.dropped(c) }
        state.lock(); let watching = onChange != nil; state.unlock()
        if watching { try listen(c) }
        return c
    }

    /// LISTEN on the channel the schema's trigger notifies (one notification per history row).
    func listen(_ c: PostgresConnection) throws {
        c.addListener(channel: "tertial_followup") { [weak self] _, _ in
            guard let self else { return }
            self.state.lock(); let f = self.onChange; self.state.unlock()
            f?()
        }
        _ = try c.query("LISTEN tertial_followup", logger: logger).wait()
    }

    public func watch(changed: @escaping @Sendable () -> Void, connection: @escaping @Sendable (Bool) -> Void) -> Bool {
        state.lock(); onChange = changed; onConnection = connection; let c = self.connection; state.unlock()
        if let c {
            lock.lock(); defer { lock.unlock() }
            do { try listen(c) } catch { dropped(c) }
        }
        return true
    }

    /// The connection was lost (the server restarted, the network went): say so once and
    /// reconnect in the background, waiting longer after each failure (¼ s doubling to 8 s).
    func dropped(_ c: PostgresConnection) {
        state.lock()
        guard connection === c || connection == nil, !closed else { state.unlock(); return }
        connection = nil
        let tell = onConnection
        let start = !reconnecting
        reconnecting = true
        state.unlock()
        tell?(false)
        if start { reconnect(after: 0.25) }
    }

    func reconnect(after delay: Double) {
        DispatchQueue.global(qos: .utility).asyncAfter(deadline: .now() + delay) { [weak self] in
            guard let self else { return }
            self.state.lock(); let stop = self.closed; self.state.unlock()
            if stop { return }
            do {
                let c = try self.connect()
                self.state.lock(); self.connection = c; self.reconnecting = false
                let tell = self.onConnection, changed = self.onChange
                self.state.unlock()
                tell?(true)
                changed?() // what was written meanwhile is read again (changes since the last token)
            } catch {
                self.reconnect(after: min(8, delay * 2))
            }
        }
    }

    /// The connection to use, or a refusal that says the server is out of reach.
    func current() throws -> PostgresConnection {
        state.lock(); let c = connection; state.unlock()
        guard let c, !c.isClosed else {
            if let c { dropped(c) } else { state.lock(); let start = !reconnecting && !closed; reconnecting = true; state.unlock(); if start { reconnect(after: 0.25) } }
            throw FollowUpError.disconnected(location)
        }
        return c
    }

    public var isConnected: Bool { state.lock(); defer { state.unlock() }; return connection.map { !$0.isClosed } ?? false }

    /// The server's own words for a failure (never the address with a password).
    static func describe(_ error: Error) -> String {
        if let e = error as? PSQLError, let m = e.serverInfo?[.message] { return m }
        if let e = error as? PSQLError { return "\(e.code)" }
        return "\(error)"
    }

    // MARK: Running SQL

    func run(_ q: PostgresQuery) throws -> [PostgresRow] {
        let c = try current()
        do { return Array(try c.query(q, logger: logger).wait().rows) }
        catch {
            if c.isClosed { dropped(c); throw FollowUpError.disconnected(location) }
            throw translate(error)
        }
    }

    /// A server refusal in the store's terms: the identity-number check, a unit outside the
    /// role's scope, a full disk.
    func translate(_ error: Error) -> Error {
        if let e = error as? FollowUpError { return e }
        let info = (error as? PSQLError)?.serverInfo
        let message = info?[.message] ?? ""
        if message.contains("tertial_no_identity_number") { return FollowUpError.identityNumber("text") }
        if info?[.sqlState] == "42501", let unit = pendingUnit { return FollowUpError.outsideScope(unit: unit, role: address.user) }
        if info?[.sqlState] == "53100" { return FollowUpError.diskFull(location) }
        return FollowUpError.failed(message.isEmpty ? PostgresStore.describe(error) : message)
    }

    /// The unit a write is about, for the message when the server refuses it.
    var pendingUnit: String?

    /// Runs `body` in one transaction on the one connection.
    func transaction<T>(unit: String? = nil, _ body: () throws -> T) throws -> T {
        lock.lock(); defer { lock.unlock(); pendingUnit = nil }
        pendingUnit = unit
        _ = try run("BEGIN")
        do {
            let v = try body()
            _ = try run("COMMIT")
            return v
        } catch {
            _ = try? run("ROLLBACK")
            throw error
        }
    }

    /// Applies missing migrations under an advisory lock (two tertials starting at once do not
    /// both create the schema); refuses a database that knows migrations this tertial does not.
    func migrate() throws {
        try transaction {
            try takeSchemaLock()
            // A leader's role may not create tables: the table is only made where it is missing.
            if try run("SELECT to_regclass('tertial_migrations') IS NULL").first?.decode(Bool.self) == true {
                _ = try run("CREATE TABLE tertial_migrations (identifier text PRIMARY KEY)")
            }
            let applied = Set(try run("SELECT identifier FROM tertial_migrations").map { try $0.decode(String.self) })
            // PostgreSQL's side of the one list of migrations (`FollowUpSchema`).
            let steps = FollowUpSchema.migrations.compactMap(\.postgres)
            if !applied.isSubset(of: Set(steps.map(\.name))) { throw FollowUpError.newerSchema(location) }
            for step in steps where !applied.contains(step.name) {
                for statement in PostgresStore.statements(step.sql) { _ = try run(PostgresQuery(unsafeSQL: statement)) }
                _ = try run("INSERT INTO tertial_migrations (identifier) VALUES (\(step.name))")
            }
        }
    }

    /// The schema lock, tried for up to 10 s: another tertial migrating, or a leader's psql
    /// holding it, never makes this one wait forever; the message says who holds it.
    func takeSchemaLock() throws {
        let deadline = Date().addingTimeInterval(PostgresStore.schemaLockSeconds)
        while true {
            if try run("SELECT pg_try_advisory_xact_lock(7262011)").first?.decode(Bool.self) == true { return }
            if Date() >= deadline {
                let holder = try run("""
                    SELECT coalesce(a.usename::text, '?') || coalesce(' (' || nullif(a.application_name, '') || ')', '') || ', ' || coalesce(a.client_addr::text, 'local')
                    FROM pg_locks l LEFT JOIN pg_stat_activity a ON a.pid = l.pid
                    WHERE l.locktype = 'advisory' AND l.objid = 7262011 AND l.granted LIMIT 1
                    """).first?.decode(String.self) ?? "?"
                throw FollowUpError.schemaLocked(location, holder)
            }
            usleep(200_000)
        }
    }

    /// How long `takeSchemaLock` tries.
    nonisolated(unsafe) static var schemaLockSeconds: TimeInterval = 10

    /// A migration's statements one by one: postgres-nio sends each through the extended
    /// protocol, which takes one statement at a time. Splits at `;` outside quotes and
    /// `$$` bodies (the migrations are this file's own text).
    static func statements(_ sql: String) -> [String] {
        var out = [String](), cur = "", inDollar = false, inQuote = false
        var chars = Array(sql)[...]
        while let c = chars.first {
            chars = chars.dropFirst()
            if !inQuote && c == "$" && chars.first == "$" { inDollar.toggle(); cur += "$$"; chars = chars.dropFirst(); continue }
            if !inDollar && c == "'" { inQuote.toggle() }
            if c == ";" && !inDollar && !inQuote {
                let t = cur.trimmingCharacters(in: .whitespacesAndNewlines)
                if !t.isEmpty { out.append(t) }
                cur = ""
            } else { cur.append(c) }
        }
        let t = cur.trimmingCharacters(in: .whitespacesAndNewlines)
        if !t.isEmpty { out.append(t) }
        return out
    }

    public func appliedMigrations() throws -> [String] {
        lock.lock(); defer { lock.unlock() }
        return try run("SELECT identifier FROM tertial_migrations ORDER BY identifier").map { try $0.decode(String.self) }
    }

    // MARK: Reading

    static let columns = "id, kind, unit, indicator, period, text, owner, due, status, note, superseded_by, created_at, created_by, updated_at, updated_by"

    /// A row decoded by position in one call (postgres-nio's random-access row builds a name
    /// lookup per row: 3× slower for 100 000 entries), periods and dates parsed once per
    /// distinct text, as SQLiteStore does.
    static func entry(_ row: PostgresRow, _ p: inout SQLiteStore.Parsers) throws -> Entry {
        let (id, kind, unit, indicator, period, text, owner, due, status, note, superseded, createdAt, createdBy, updatedAt, updatedBy) =
            try row.decode((Int64, String, String, String, String, String, String?, String?, String?, String?, Int64?, String, String, String, String).self)
        return Entry(id: id, kind: kind == "action" ? .action : .comment, key: Entry.Key(unit: UnitID(unit), indicator: IndicatorID(indicator), period: p.period(period)),
                     text: text, owner: owner, due: p.day(due), status: status.flatMap(Entry.Status.init(rawValue:)), note: note, supersededBy: superseded,
                     createdAt: createdAt, createdBy: createdBy, updatedAt: updatedAt, updatedBy: updatedBy)
    }

    func entries(_ q: PostgresQuery) throws -> [Entry] {
        var p = SQLiteStore.Parsers()
        return try run(q).map { try PostgresStore.entry($0, &p) }
    }

    public func all() throws -> [Entry] {
        lock.lock(); defer { lock.unlock() }
        return try entries(PostgresQuery(unsafeSQL: "SELECT \(PostgresStore.columns) FROM entry ORDER BY id"))
    }

    public func entries(units: Set<String>?, periods: [Period]?, openActionsOnly: Bool) throws -> [Entry] {
        lock.lock(); defer { lock.unlock() }
        let u = units.map { Array($0) }, p = periods?.map(\.description)
        return try entries("""
            SELECT id, kind, unit, indicator, period, text, owner, due, status, note, superseded_by, created_at, created_by, updated_at, updated_by
            FROM entry WHERE (\(u)::text[] IS NULL OR unit = ANY(\(u)::text[])) AND (\(p)::text[] IS NULL OR period = ANY(\(p)::text[]))
              AND (NOT \(openActionsOnly) OR (kind = 'action' AND status IN ('planned', 'in_progress'))) ORDER BY id
            """)
    }

    public func changes(since token: Int64) throws -> (entries: [Entry], token: Int64) {
        try transaction {
            let now = try run("SELECT coalesce(max(id), 0)::bigint FROM entry_history").first?.decode(Int64.self) ?? 0
            let changed = try entries("""
                SELECT id, kind, unit, indicator, period, text, owner, due, status, note, superseded_by, created_at, created_by, updated_at, updated_by
                FROM entry WHERE id IN (SELECT entry_id FROM entry_history WHERE id > \(token) AND id <= \(now)) ORDER BY id
                """)
            return (changed, now)
        }
    }

    public func changeToken() throws -> Int64 {
        lock.lock(); defer { lock.unlock() }
        return try run("SELECT coalesce(max(id), 0)::bigint FROM entry_history").first?.decode(Int64.self) ?? 0
    }

    public func history(of id: Int64) throws -> [HistoryRow] {
        lock.lock(); defer { lock.unlock() }
        return try run("SELECT entry_id, at, by, change, text, owner, due, status, note FROM entry_history WHERE entry_id = \(id) ORDER BY id").map { row in
            let r = row.makeRandomAccess()
            return HistoryRow(entryID: try r[0].decode(Int64.self), at: try r[1].decode(String.self), by: try r[2].decode(String.self),
                              change: HistoryChange(rawValue: try r[3].decode(String.self)) ?? .edited, text: try r[4].decode(String.self), owner: try r[5].decode(String?.self),
                              due: try r[6].decode(String?.self).flatMap { Day(parsing: $0) },
                              status: try r[7].decode(String?.self).flatMap(Entry.Status.init(rawValue:)), note: try r[8].decode(String?.self))
        }
    }

    // MARK: Writing

    /// Names the change the next UPDATE in this transaction makes: the server's trigger
    /// writes its history row (migration v3; a leader cannot write history itself).
    func change(_ kind: HistoryChange) throws {
        _ = try run("SELECT set_config('tertial.change', \(kind.rawValue), true)")
    }

    func fetch(_ id: Int64) throws -> Entry {
        guard let e = try entries(PostgresQuery(unsafeSQL: "SELECT \(PostgresStore.columns) FROM entry WHERE id = $1", binds: {
            var b = PostgresBindings(); b.append(id); return b }())).first else { throw FollowUpError.noSuchEntry(id) }
        return e
    }

    /// Runs SQL as another client would (tests: the server's own rules must hold).
    func unchecked(_ sql: String) throws {
        lock.lock(); defer { lock.unlock() }
        for statement in PostgresStore.statements(sql) { _ = try run(PostgresQuery(unsafeSQL: statement)) }
    }

    /// Whether this connection is encrypted (pg_stat_ssl).
    public func usesTLS() throws -> Bool {
        lock.lock(); defer { lock.unlock() }
        return try run("SELECT coalesce((SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()), false)").first?.decode(Bool.self) ?? false
    }

    // MARK: Administration (tertial store …)

    /// Every history row, oldest first, with its entry's kind and figure (`store export`).
    public func exportRows() throws -> [FollowUpExport.Row] {
        lock.lock(); defer { lock.unlock() }
        return try run("""
            SELECT h.entry_id, e.kind, e.unit, e.indicator, e.period, h.change, h.at, h.by, h.text, h.owner, h.due, h.status, h.note, e.superseded_by
            FROM entry_history h JOIN entry e ON e.id = h.entry_id ORDER BY h.id
            """).map { row in
            let r = row.makeRandomAccess()
            let change = HistoryChange(rawValue: try r[5].decode(String.self)) ?? .edited
            return FollowUpExport.Row(entryID: try r[0].decode(Int64.self), kind: try r[1].decode(String.self) == "action" ? .action : .comment,
                                      key: Entry.Key(unit: UnitID(try r[2].decode(String.self)), indicator: IndicatorID(try r[3].decode(String.self)),
                                                     period: Period(parsing: try r[4].decode(String.self)) ?? .year(1970)),
                                      change: change, at: try r[6].decode(String.self), by: try r[7].decode(String.self), text: try r[8].decode(String.self),
                                      owner: try r[9].decode(String?.self), due: try r[10].decode(String?.self).flatMap { Day(parsing: $0) },
                                      status: try r[11].decode(String?.self).flatMap(Entry.Status.init(rawValue:)), note: try r[12].decode(String?.self),
                                      supersededBy: change == .superseded ? try r[13].decode(Int64?.self) : nil)
        }
    }

    /// What `store check` reports: "ok", or what is wrong (an entry without the history
    /// row that created it).
    public func integrityCheck() throws -> String {
        lock.lock(); defer { lock.unlock() }
        let orphans = try run("""
            SELECT count(*)::bigint FROM entry e WHERE NOT EXISTS (SELECT 1 FROM entry_history h WHERE h.entry_id = e.id AND h.change = 'created')
            """).first?.decode(Int64.self) ?? 0
        if orphans > 0 { return "\(orphans) entries without their history" }
        // An entry must be as its last history row says (a change past the triggers shows here).
        let differ = try run("""
            SELECT e.id FROM entry e JOIN entry_history h ON h.id = (SELECT max(x.id) FROM entry_history x WHERE x.entry_id = e.id)
            WHERE e.text IS DISTINCT FROM h.text OR e.owner IS DISTINCT FROM h.owner OR e.due IS DISTINCT FROM h.due
               OR e.status IS DISTINCT FROM h.status OR e.note IS DISTINCT FROM h.note ORDER BY e.id
            """).map { try $0.decode(Int64.self) }
        return differ.isEmpty ? "ok" : "entries differ from their history: " + differ.prefix(20).map(String.init).joined(separator: ", ")
    }

    /// Sets up who may write what (`tertial store init --access FILE`): a login role for each
    /// name (created when missing, with no password: set one with ALTER ROLE, or use the
    /// server's own authentication), the group role `tertial_leader` with reading and writing
    /// rights on the follow-up tables, and each role's units in `tertial_access` (replacing
    /// what those roles had). Row-level security (migration v2) lets a role write only those
    /// units; every role in the group reads everything. Returns what was done, a line each.
    public func applyAccess(_ grants: [AccessGrant], scope: (String) -> [String]) throws -> [String] {
        var done = [String]()
        try transaction {
            if try run("SELECT 1 FROM pg_roles WHERE rolname = 'tertial_leader'").isEmpty {
                _ = try run("CREATE ROLE tertial_leader NOLOGIN")
                done.append("created group role tertial_leader")
            }
            // History is written by the server's trigger only (migration v3): a leader reads it.
            _ = try run("GRANT SELECT, INSERT, UPDATE ON entry TO tertial_leader")
            _ = try run("GRANT SELECT ON entry_history TO tertial_leader")
            _ = try run("REVOKE INSERT, UPDATE, DELETE ON entry_history FROM tertial_leader")
            _ = try run("GRANT SELECT ON tertial_access, tertial_migrations TO tertial_leader")
            _ = try run("GRANT SELECT, INSERT, UPDATE ON meeting TO tertial_leader")
            _ = try run("GRANT SELECT, INSERT ON meeting_event TO tertial_leader")
            _ = try run("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO tertial_leader")
            for role in Set(grants.map(\.role)).sorted() {
                guard AccessGrant.isRoleName(role) else { throw FollowUpError.failed("\"\(role)\" is not a role name (a-z, 0-9, _)") }
                if try run("SELECT 1 FROM pg_roles WHERE rolname = \(role)").isEmpty {
                    // A role name cannot be a bound parameter; it was checked above to be a plain identifier.
                    _ = try run(PostgresQuery(unsafeSQL: "CREATE ROLE \(role) LOGIN"))
                    done.append("created login role \(role)")
                }
                _ = try run(PostgresQuery(unsafeSQL: "GRANT tertial_leader TO \(role)"))
                _ = try run("DELETE FROM tertial_access WHERE role = \(role)")
                let units = Set(grants.filter { $0.role == role }.flatMap { scope($0.unit) }).sorted()
                for u in units { _ = try run("INSERT INTO tertial_access (role, unit) VALUES (\(role), \(u))") }
                done.append("\(role) may write follow-up for \(units.count) units: \(units.joined(separator: ", "))")
            }
        }
        return done
    }
}
/// PostgreSQL as a follow-up database (the port; the rules are `FollowUpDatabase`'s): each
/// write in one transaction on the one connection; the server writes the history rows
/// (migration v3's trigger, told the kind of change through `tertial.change`) and hides the
/// rows a role may not change (row-level security: an UPDATE then finds no row).
extension PostgresStore: FollowUpDatabase {
    public var role: String { address.user }

    public func writing<T>(unit: String?, _ body: (FollowUpTransaction) throws -> T) throws -> T {
        try transaction(unit: unit) { try body(Transaction(store: self)) }
    }

    struct Transaction: FollowUpTransaction {
        let store: PostgresStore

        func insert(_ e: NewEntry) throws -> Int64 {
            try store.change(.created)
            let rows: [PostgresRow]
            if let id = e.id {
                rows = try store.run("""
                    INSERT INTO entry (id, kind, unit, indicator, period, text, owner, due, status, note, created_at, created_by, updated_at, updated_by)
                    VALUES (\(id), \(e.kind.rawValue), \(e.key.unit.rawValue), \(e.key.indicator.rawValue), \(e.key.period.description), \(e.text), \(e.owner),
                            \(e.due?.description), \(e.status?.rawValue), \(e.note), \(e.at), \(e.by), \(e.at), \(e.by)) RETURNING id
                    """)
            } else {
                rows = try store.run("""
                    INSERT INTO entry (kind, unit, indicator, period, text, owner, due, status, note, created_at, created_by, updated_at, updated_by)
                    VALUES (\(e.kind.rawValue), \(e.key.unit.rawValue), \(e.key.indicator.rawValue), \(e.key.period.description), \(e.text), \(e.owner),
                            \(e.due?.description), \(e.status?.rawValue), \(e.note), \(e.at), \(e.by), \(e.at), \(e.by)) RETURNING id
                    """)
            }
            guard let id = try rows.first?.decode(Int64.self) else { throw FollowUpError.outsideScope(unit: e.key.unit.rawValue, role: store.role) }
            return id
        }

        func currentComments(of key: Entry.Key, except id: Int64) throws -> [Int64] {
            try store.run("""
                SELECT id FROM entry WHERE kind = 'comment' AND unit = \(key.unit.rawValue) AND indicator = \(key.indicator.rawValue) AND period = \(key.period.description)
                  AND id <> \(id) AND superseded_by IS NULL
                """).map { try $0.decode(Int64.self) }
        }

        func update(_ id: Int64, _ write: EntryWrite, change: HistoryChange, at: String, by: String) throws -> Bool {
            try store.change(change)
            let rows: [PostgresRow]
            switch write {
            case .supersede(let newer):
                rows = try store.run("UPDATE entry SET superseded_by = \(newer), updated_at = \(at), updated_by = \(by) WHERE id = \(id) RETURNING id")
            case let .status(status, note):
                rows = try store.run("""
                    UPDATE entry SET status = \(status.rawValue), note = coalesce(\(note), note), updated_at = \(at), updated_by = \(by) WHERE id = \(id) RETURNING id
                    """)
            case let .edit(text, owner, due):
                rows = try store.run("""
                    UPDATE entry SET text = coalesce(\(text), text), owner = coalesce(\(owner), owner), due = coalesce(\(due?.description), due),
                      updated_at = \(at), updated_by = \(by) WHERE id = \(id) RETURNING id
                    """)
            case .replay(let r):
                rows = try store.run("""
                    UPDATE entry SET text = \(r.text), owner = \(r.owner), due = \(r.due?.description), status = \(r.kind == .action ? r.status?.rawValue : nil),
                      note = \(r.note), superseded_by = coalesce(\(r.supersededBy), superseded_by), updated_at = \(at), updated_by = \(by)
                    WHERE id = \(id) RETURNING id
                    """)
            }
            return !rows.isEmpty
        }

        func fetch(_ id: Int64) throws -> Entry { try store.fetch(id) }
        func entryCount() throws -> Int64 { try store.run("SELECT count(*)::bigint FROM entry").first?.decode(Int64.self) ?? 0 }
        func about(unit: String) { store.pendingUnit = unit }
        func afterImport() throws {
            _ = try store.run("SELECT setval(pg_get_serial_sequence('entry', 'id'), greatest(1, (SELECT coalesce(max(id), 0) FROM entry)))")
        }

        func openMeeting(unit: String) throws -> Int64? {
            try store.run("SELECT id FROM meeting WHERE unit = \(unit) AND closed_at IS NULL").first?.decode(Int64.self)
        }

        func insertMeeting(_ m: NewMeeting) throws -> Int64 {
            let rows = try store.run("""
                INSERT INTO meeting (unit, period, opened_at, opened_by, participants, baseline, agenda)
                VALUES (\(m.unit.rawValue), \(m.period.description), \(m.at), \(m.by), \(m.participants), \(ByteBuffer(bytes: m.baseline)), \(m.agenda)) RETURNING id
                """)
            guard let id = try rows.first?.decode(Int64.self) else { throw FollowUpError.outsideScope(unit: m.unit.rawValue, role: store.role) }
            return id
        }

        func meetingEvent(_ meeting: Int64, _ kind: MeetingEvent.Kind, item: String?, value: String?, at: String, by: String) throws {
            _ = try store.run("""
                INSERT INTO meeting_event (meeting_id, at, by, kind, item, value) VALUES (\(meeting), \(at), \(by), \(kind.rawValue), \(item), \(value))
                """)
        }

        func updateMeeting(_ id: Int64, _ write: MeetingWrite, at: String, by: String) throws -> Bool {
            switch write {
            case .participants(let p): return !(try store.run("UPDATE meeting SET participants = \(p) WHERE id = \(id) RETURNING id")).isEmpty
            case .close: return !(try store.run("UPDATE meeting SET closed_at = \(at), closed_by = \(by) WHERE id = \(id) RETURNING id")).isEmpty
            }
        }

        func fetchMeeting(_ id: Int64) throws -> Meeting {
            guard let m = try store.meetingRows("WHERE id = \(id)").first else { throw MeetingError.noSuchMeeting(id) }
            return m
        }
    }
}

// MARK: Meetings

extension PostgresStore {
    func meetingRows(_ clause: PostgresQuery) throws -> [Meeting] {
        let q = PostgresQuery(unsafeSQL: "SELECT id, unit, period, opened_at, opened_by, closed_at, closed_by, participants FROM meeting " + clause.sql + " ORDER BY id",
                              binds: clause.binds)
        return try run(q).map { row in
            let (id, unit, period, openedAt, openedBy, closedAt, closedBy, participants) =
                try row.decode((Int64, String, String, String, String, String?, String?, String?).self)
            return Meeting(id: id, unit: UnitID(unit), period: Period(parsing: period) ?? .year(1970), openedAt: openedAt, openedBy: openedBy,
                           closedAt: closedAt, closedBy: closedBy, participants: participants)
        }
    }

    public func meetings(unit: String?) throws -> [Meeting] {
        lock.lock(); defer { lock.unlock() }
        if let unit { return try meetingRows("WHERE unit = \(unit)") }
        return try meetingRows("")
    }

    public func meeting(_ id: Int64) throws -> Meeting? {
        lock.lock(); defer { lock.unlock() }
        return try meetingRows("WHERE id = \(id)").first
    }

    public func meetingAgenda(_ id: Int64) throws -> String {
        lock.lock(); defer { lock.unlock() }
        return try run("SELECT agenda FROM meeting WHERE id = \(id)").first?.decode(String.self) ?? "[]"
    }

    public func meetingBaseline(_ id: Int64) throws -> Baseline? {
        lock.lock(); defer { lock.unlock() }
        guard let b = try run("SELECT baseline FROM meeting WHERE id = \(id)").first?.decode(ByteBuffer.self) else { return nil }
        return Deflated.unpack(Data(b.readableBytesView)).flatMap { Baseline(decoding: $0) }
    }

    public func meetingEvents(_ id: Int64) throws -> [MeetingEvent] {
        lock.lock(); defer { lock.unlock() }
        return try run("SELECT id, meeting_id, at, by, kind, item, value FROM meeting_event WHERE meeting_id = \(id) ORDER BY id").map { row in
            let (id, meeting, at, by, kind, item, value) = try row.decode((Int64, Int64, String, String, String, String?, String?).self)
            return MeetingEvent(id: id, meetingID: meeting, at: at, by: by, kind: MeetingEvent.Kind(rawValue: kind) ?? .mark, item: item, value: value)
        }
    }

    public func meetingToken() throws -> Int64 {
        lock.lock(); defer { lock.unlock() }
        return try run("SELECT coalesce(max(id), 0)::bigint FROM meeting_event").first?.decode(Int64.self) ?? 0
    }

    public func sizeInBytes() throws -> Int64 {
        lock.lock(); defer { lock.unlock() }
        return try run("SELECT pg_database_size(current_database())::bigint").first?.decode(Int64.self) ?? 0
    }
}
#endif
