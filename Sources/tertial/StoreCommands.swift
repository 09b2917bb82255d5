import ArgumentParser
import Foundation
import Model
import Reports
import Store
import TUI

struct StoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store",
        abstract: "The follow-up store: create it, bring its schema up to date, check it, export it with its history, import an export.",
        subcommands: [StoreInit.self, StoreMigrate.self, StoreCheck.self, StoreExport.self, StoreImport.self])

    /// The store the options name: a SQLite file, or a PostgreSQL server for a whole etat.
    static func open(_ options: DataOptions, _ f: FollowUpOptions) throws -> any AdministeredStore {
        try options.requireDirectory()
        let p = FollowUpStores.path(option: f.store, dataDirectory: options.data)
        do { return try FollowUpStores.openAdministered(p) }
        catch { CLI.say(CLI.l.followUp(error)); throw ExitCode(1) }
    }

    /// For `store check` and `store export`, which only read: nil, having said so, when
    /// there is no store yet.
    static func openExisting(_ options: DataOptions, _ f: FollowUpOptions) throws -> (any AdministeredStore)? {
        try options.requireDirectory()
        let p = FollowUpStores.path(option: f.store, dataDirectory: options.data)
        if !FollowUpStores.isAddress(p) && !FileManager.default.fileExists(atPath: p) {
            var st = stat()
            if lstat(p, &st) != 0 { CLI.say(CLI.l(CLITexts.noStoreYet(p))); return nil }
        }
        do { return try FollowUpStores.openAdministered(p) }
        catch { CLI.say(CLI.l.followUp(error)); throw ExitCode(1) }
    }
}

struct StoreInit: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "init", abstract: "Create the store (a SQLite file 0600 in a folder 0700, or the schema on a PostgreSQL server) and, with --access, the roles that may write each unit; say what was done.")
    @OptionGroup var options: DataOptions
    @OptionGroup var followUp: FollowUpOptions
    @Option(name: .long, help: "PostgreSQL only: a CSV file `role;unit` giving each database role the units (with those below them and their predecessors) it may write follow-up for.")
    var access: String?
    func run() throws {
        let path = FollowUpStores.path(option: followUp.store, dataDirectory: options.data)
        let postgres = FollowUpStores.isAddress(path)
        let existed = postgres || FileManager.default.fileExists(atPath: path)
        if access != nil && !postgres { CLI.say(CLI.l[.storeAccessPostgresOnly]); throw ExitCode(1) }
        let grants = try access.map { try StoreInit.grants($0) }
        let store = try StoreCommand.open(options, followUp)
        print(CLI.l((existed ? CLITexts.storeExisted : CLITexts.storeCreated)(store.location, (try? store.appliedMigrations().joined(separator: ", ")) ?? "")))
        guard let grants else { return }
        // Each unit must be in units.csv; a role is given its unit's whole scope.
        let loaded = Loader(directory: options.data).load()
        guard let tree = (loaded.dataset ?? loaded.partial)?.tree else { CLI.say(CLI.l(StartTexts.nothingComputable(options.data))); throw ExitCode(1) }
        for g in grants where tree.index[g.unit] == nil {
            CLI.say(CLI.l(CLITexts.accessUnknownUnit(access ?? "", unit: g.unit))); throw ExitCode(1)
        }
        do {
            for line in try store.applyAccess(grants, scope: { u in tree.index[u].map { tree.scopeIDs($0).sorted() } ?? [u] }) { print(line) }
        } catch { CLI.say(CLI.l.followUp(error)); throw ExitCode(1) }
    }

    /// `role;unit` rows (a header row, `;` or `,`), every row located when wrong.
    static func grants(_ file: String) throws -> [AccessGrant] {
        guard let data = FileManager.default.contents(atPath: file) else { CLI.say(CLI.l(CLITexts.cannotRead(file))); throw ExitCode(1) }
        let t = CSVTable.parse(bytes: Array(data), file: file)
        if let d = t.diagnostics.first(where: { $0.severity == .error }) { CLI.say(d.text(norwegian: CLI.lang == .nb)); throw ExitCode(1) }
        guard let cr = t.column("role"), let cu = t.column("unit") else { CLI.say(CLI.l(CLITexts.accessHeader(file))); throw ExitCode(1) }
        var out = [AccessGrant]()
        for r in 0..<t.rowCount {
            let role = t.string(r, cr), unit = t.string(r, cu)
            guard AccessGrant.isRoleName(role), !unit.isEmpty else { CLI.say(CLI.l(CLITexts.accessBadRow(file, line: t.line(r), role: role))); throw ExitCode(1) }
            out.append(AccessGrant(role: role, unit: unit))
        }
        return out
    }
}

struct StoreMigrate: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "migrate", abstract: "Bring the store's schema up to this tertial's (a newer schema is refused and left alone).")
    @OptionGroup var options: DataOptions
    @OptionGroup var followUp: FollowUpOptions
    func run() throws {
        let store = try StoreCommand.open(options, followUp)
        print(CLI.l(CLITexts.storeSchema(store.location, (try? store.appliedMigrations().joined(separator: ", ")) ?? "")))
    }
}

struct StoreCheck: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "check", abstract: "Check the store: schema, entries, history, and SQLite's integrity check. Exit 1 when it is not sound.")
    @OptionGroup var options: DataOptions
    @OptionGroup var followUp: FollowUpOptions
    func run() throws {
        guard let store = try StoreCommand.openExisting(options, followUp) else { return }
        do {
            let integrity = try store.integrityCheck()
            let entries = try store.all().count, history = try store.changeToken()
            print(CLI.l(CLITexts.storeSchema(store.location, try store.appliedMigrations().joined(separator: ", "))))
            print(CLI.l(CLITexts.storeCounts(entries: Int(entries), history: Int(history), integrity: integrity)) + (store.isReadOnly ? " · " + CLI.l[.fuStoreReadOnly] : ""))
            if integrity != "ok" { throw ExitCode(1) }
        } catch let e as ExitCode { throw e } catch { CLI.say(CLI.l.followUp(error)); throw ExitCode(1) }
    }
}

struct StoreExport: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "export", abstract: "Every entry with its whole history as CSV (what `store import` reads).")
    @OptionGroup var options: DataOptions
    @OptionGroup var followUp: FollowUpOptions
    @Option(name: .long, help: "The format (csv).")
    var format: String = "csv"
    @Option(name: .long, help: "Write to this file (mode 0600) instead of standard output.")
    var output: String?
    @Flag(name: .long, help: "Overwrite --output if it exists.")
    var force = false
    func validate() throws {
        guard format == "csv" else { throw ValidationError(CLI.l(CLITexts.exportIsCSV(format))) }
    }
    func run() throws {
        guard let store = try StoreCommand.openExisting(options, followUp) else { throw ExitCode(1) }
        let rows: [FollowUpExport.Row]
        do { rows = try store.exportRows() } catch { CLI.say(CLI.l.followUp(error)); throw ExitCode(1) }
        try CLI.emit(FollowUpExport.csv(rows), to: output, force: force)
    }
}

struct StoreImport: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "import", abstract: "Read an export into an empty store, keeping entry numbers, authors and times.")
    @OptionGroup var options: DataOptions
    @OptionGroup var followUp: FollowUpOptions
    @Argument(help: "The file `tertial store export` wrote.")
    var file: String
    func run() throws {
        guard let data = FileManager.default.contents(atPath: file) else { CLI.say(CLI.l(CLITexts.cannotRead(file))); throw ExitCode(1) }
        let located: [(line: Int, row: FollowUpExport.Row)]
        do { located = try FollowUpExport.parseLocated(Array(data), file: file) }
        catch let e as FollowUpExport.ParseError { CLI.say(e.text(file: file, norwegian: CLI.lang == .nb)); throw ExitCode(1) }
        // Every row checked as a new entry is, against the data directory's units and
        // catalogue; any problem refuses the whole file, each named with its line.
        let loader = Loader(directory: options.data)
        let loaded = loader.load()
        let ds = loaded.dataset ?? loaded.partial
        let problems = FollowUpRules.checkImport(located, units: ds.map { Set($0.tree.units.map(\.id)) }, indicators: ds.map { Set($0.indicators.map(\.id)) },
                                                 years: loader.years, norwegian: CLI.lang == .nb)
        if !problems.isEmpty {
            for p in problems.prefix(200) { CLI.say(file + ":" + p) }
            if problems.count > 200 { CLI.say(CLI.l(CLITexts.moreProblems(problems.count - 200))) }
            CLI.say(CLI.l(CLITexts.importRefused(file)))
            throw ExitCode(1)
        }
        let rows = located.map(\.row)
        let store = try StoreCommand.open(options, followUp)
        do { try store.importRows(rows) } catch { CLI.say(CLI.l.followUp(error)); throw ExitCode(1) }
        print(CLI.l(CLITexts.imported(entries: Set(rows.map(\.entryID)).count, history: rows.count, into: store.location)))
    }
}
