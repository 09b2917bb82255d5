import Foundation
@testable import Store

/// Fresh follow-up stores of each backend for a test: SQLite always, PostgreSQL when
/// `TERTIAL_TEST_POSTGRES` names a server (`.ci/run` starts one; `CI` set: a server that
/// cannot be reached fails the test). Each PostgreSQL store is a new database, dropped
/// when this value is released.
public final class TestStores: @unchecked Sendable {
    public let dir = NSTemporaryDirectory() + "tertial-stores-" + UUID().uuidString
    var databases = [String]()

    public init() {}

    deinit {
        try? FileManager.default.removeItem(atPath: dir)
        #if TERTIAL_POSTGRES
        if let admin = try? TestStores.admin() { for d in databases { try? admin.unchecked("DROP DATABASE IF EXISTS \(d) WITH (FORCE)") } }
        #endif
    }

    public static var server: String? { ProcessInfo.processInfo.environment["TERTIAL_TEST_POSTGRES"].flatMap { $0.isEmpty ? nil : $0 } }

    #if TERTIAL_POSTGRES
    public static func admin() throws -> PostgresStore {
        guard let url = server else { throw FollowUpError.cannotOpen("", "no server") }
        return try PostgresStore(url)
    }
    #endif

    /// A fresh store of each backend; `open()` opens the same one again (a second client).
    public func backends(sqliteName: String = "store.sqlite") throws -> [(name: String, open: () throws -> FollowUpStore)] {
        let sqlite = dir + "/" + sqliteName
        var out: [(String, () throws -> FollowUpStore)] = [("SQLite", { try SQLiteStore(path: sqlite) })]
        #if TERTIAL_POSTGRES
        guard let url = TestStores.server else { return out }
        let admin: PostgresStore
        do { admin = try TestStores.admin() } catch {
            if ProcessInfo.processInfo.environment["CI"] != nil { throw error }
            return out
        }
        let name = "tertial_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(12).lowercased()
        try admin.unchecked("CREATE DATABASE \(name)")
        databases.append(name)
        var c = URLComponents(string: url)!
        c.path = "/" + name
        let dbURL = c.string!
        out.append(("PostgreSQL", { try PostgresStore(dbURL) }))
        #endif
        return out
    }
}

/// A value handed from another thread to a waiting test.
public final class Mailbox: @unchecked Sendable {
    private let cond = NSCondition()
    private var items = [String]()
    public init() {}
    public func post(_ s: String = "") { cond.lock(); items.append(s); cond.signal(); cond.unlock() }
    /// The next value within the time, or nil.
    public func next(seconds: Double) -> String? {
        let end = Date().addingTimeInterval(seconds)
        cond.lock(); defer { cond.unlock() }
        while items.isEmpty { if !cond.wait(until: end) { return nil } }
        return items.removeFirst()
    }
    public func wait(seconds: Double) -> Bool { next(seconds: seconds) != nil }
}
