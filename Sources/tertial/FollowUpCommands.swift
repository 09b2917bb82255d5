import ArgumentParser
import Foundation
import Model
import Reports
import Store
import TUI

struct FollowUpCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "followup",
        abstract: "Follow-up of figures: comments and actions (tiltak), kept in DATA/followup/tertial.sqlite or --store.",
        subcommands: [FollowUpList.self, FollowUpComment.self, FollowUpAction.self, FollowUpStatus.self],
        defaultSubcommand: FollowUpList.self)

    /// Opens the store or says why not (exit 1: the store is the data of this command).
    static func open(_ options: DataOptions, _ f: FollowUpOptions) throws -> FollowUpStore {
        try options.requireDirectory()
        do { return try FollowUpStores.open(option: f.store, dataDirectory: options.data) }
        catch { CLI.say(CLI.l.followUp(error)); throw ExitCode(1) }
    }

    /// For a command that only reads: nil, having said so, when there is no store yet (a
    /// read never creates one).
    static func openExisting(_ options: DataOptions, _ f: FollowUpOptions) throws -> FollowUpStore? {
        try options.requireDirectory()
        do {
            guard let s = try FollowUpStores.openExisting(option: f.store, dataDirectory: options.data) else {
                CLI.say(CLI.l(CLITexts.noStoreYet(FollowUpStores.path(option: f.store, dataDirectory: options.data))))
                return nil
            }
            return s
        } catch { CLI.say(CLI.l.followUp(error)); throw ExitCode(1) }
    }

    /// An entry written but not linked to its meeting: kept (its number printed), the reason
    /// said, exit 1 (so a script notices; running it again would write it twice).
    static func saidIfNotLinked(_ r: MeetingEntry) throws {
        guard let why = r.linkRefused else { return }
        CLI.say(CLI.l(CLITexts.savedNotLinked(r.entry.id, CLI.l.followUp(why))))
        throw ExitCode(1)
    }

    /// Runs a write, or says why it was refused (exit 1).
    static func write(_ body: () throws -> Void) throws {
        do { try body() } catch { CLI.say(CLI.l.followUp(error)); throw ExitCode(1) }
    }

    /// The figure an entry is about, checked against the data.
    static func key(_ s: Snapshot, unit: String, indicator: String, period: String) throws -> Entry.Key {
        _ = try CLI.unit(s, unit)
        guard s.dataset.indicatorIndex[indicator] != nil else { throw UsageError(message: CLI.l(CLITexts.unknownIndicator(indicator))) }
        guard let p = Period(parsing: period) else { throw ValidationError(CLI.l(CLITexts.notAPeriod(period))) }
        guard s.periodIndex[p] != nil else { throw CLI.outside(period, s) }
        return Entry.Key(unit: UnitID(unit), indicator: IndicatorID(indicator), period: p)
    }
}

struct FollowUpList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "Comments and actions: overdue first, then by due date.")

    @OptionGroup var options: DataOptions
    @OptionGroup var followUp: FollowUpOptions

    @Flag(name: .long, help: "Only open actions (planned or in progress).")
    var open = false

    @Flag(name: .long, help: "Only open actions whose due date has passed.")
    var overdue = false

    @Option(name: .long, help: "Only this unit, the units below it and those it continues.")
    var unit: String?

    @Option(name: .long, help: "Only this period, e.g. 2019-T3 (a year takes its tertials).")
    var period: String?

    @Option(name: .long, help: "The format.")
    var format: FollowUpReport.ListFormat = .text

    @OptionGroup var out: OutputOptions

    func validate() throws {
        try CLI.checkPeriods(period)
    }

    func run() throws {
        guard let store = try FollowUpCommand.openExisting(options, followUp) else { return }
        // The data names the units (and a scope); without a readable data directory the ids are shown.
        let s = Loader(directory: options.data).load().dataset.map(Engine.compute)
        var units: Set<String>? = nil
        if let unit {
            guard let s else { throw UsageError(message: CLI.l(CLITexts.hasErrors(options.data))) }
            units = s.tree.scopeIDs(try CLI.unit(s, unit))
        }
        let filter: FollowUpReport.Filter = overdue ? .overdue : open ? .open : .all
        let p = period.flatMap { Period(parsing: $0) }
        // Filtered in the database: a store of 100 000 entries is not read whole for a few.
        let book: FollowUpBook
        do {
            book = FollowUpBook(entries: try store.entries(units: units, periods: p.map { $0.kind == .tertial ? [$0] : [$0] + $0.parts(.tertial) + $0.parts(.month) },
                                                           openActionsOnly: filter != .all), token: 0)
        } catch { CLI.say(CLI.l.followUp(error)); throw ExitCode(1) }
        let entries = FollowUpReport.select(book, units: units, period: p, filter: filter, today: CLI.today())
        let text = FollowUpReport.render(entries, snapshot: s, format: format, lang: CLI.lang, today: CLI.today())
        try out.emit(text)
    }
}

/// The figure an entry is about.
struct FigureOptions: ParsableArguments {
    @Option(name: .long, help: "Unit id, e.g. ph-fyllingsdalen.")
    var unit: String

    @Option(name: .long, help: "Indicator id, e.g. staff_user_experience.")
    var indicator: String

    @Option(name: .long, help: "Period, e.g. 2019-T3.")
    var period: String
}

struct FollowUpComment: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "comment", abstract: "Write a comment on a figure (it replaces the figure's earlier comment, which is kept).")
    @OptionGroup var options: DataOptions
    @OptionGroup var followUp: FollowUpOptions
    @OptionGroup var figure: FigureOptions
    @Argument(help: "The comment. Do not name users.")
    var text: String
    @Option(name: .long, help: "Written in this meeting (its number, or last: the newest open one): it is in the meeting's minutes.")
    var meeting: String?

    func run() throws {
        let s = try CLI.snapshot(options.data)
        let key = try FollowUpCommand.key(s, unit: figure.unit, indicator: figure.indicator, period: figure.period)
        let store = try FollowUpCommand.open(options, followUp)
        let link = try meeting.map { try MeetingCommand.resolve($0, unit: nil, store: store, openOnly: true) }
        try FollowUpCommand.write {
            let user = followUp.user ?? FollowUpRules.currentUser()
            if let link {
                let r = try store.addComment(key, text: text, by: user, meeting: link, item: nil)
                print(r.entry.id)
                try FollowUpCommand.saidIfNotLinked(r)
            } else {
                print(try store.addComment(key, text: text, by: user).id)
            }
        }
    }
}

struct FollowUpAction: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "action", abstract: "Create an action (tiltak) on a figure; its status starts as planned.")
    @OptionGroup var options: DataOptions
    @OptionGroup var followUp: FollowUpOptions
    @OptionGroup var figure: FigureOptions
    @Option(name: .long, help: "Who is responsible (a role, e.g. enhetsleder).")
    var owner: String?
    @Option(name: .long, help: "Due date: 31.01.2027, 31.1, +14 (days ahead) or 2027-01-31.")
    var due: String?
    @Argument(help: "What is to be done. Do not name users.")
    var text: String
    @Option(name: .long, help: "Decided in this meeting (its number, or last: the newest open one): it is in the meeting's minutes.")
    var meeting: String?

    func validate() throws {
        if let due, FollowUpRules.parseDue(due, today: CLI.today()) == nil { throw ValidationError(CLI.l(FollowUpTexts.notADueDate(due))) }
    }

    func run() throws {
        let s = try CLI.snapshot(options.data)
        let key = try FollowUpCommand.key(s, unit: figure.unit, indicator: figure.indicator, period: figure.period)
        let store = try FollowUpCommand.open(options, followUp)
        let link = try meeting.map { try MeetingCommand.resolve($0, unit: nil, store: store, openOnly: true) }
        try FollowUpCommand.write {
            let user = followUp.user ?? FollowUpRules.currentUser(), day = due.flatMap { FollowUpRules.parseDue($0, today: CLI.today()) }
            if let link {
                let r = try store.addAction(key, text: text, owner: owner, due: day, by: user, meeting: link, item: nil)
                print(r.entry.id)
                try FollowUpCommand.saidIfNotLinked(r)
            } else {
                print(try store.addAction(key, text: text, owner: owner, due: day, by: user).id)
            }
        }
    }
}

extension Entry.Status: ExpressibleByArgument {}

struct FollowUpStatus: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "status", abstract: "Move an action on: planned, in_progress, done or cancelled, with a closing note.")
    @OptionGroup var options: DataOptions
    @OptionGroup var followUp: FollowUpOptions
    @Argument(help: "The action's number (from `tertial followup list`).")
    var id: Int64
    @Argument(help: "planned, in_progress, done or cancelled.")
    var status: Entry.Status
    @Option(name: .long, help: "A closing note.")
    var note: String?

    func run() throws {
        let store = try FollowUpCommand.open(options, followUp)
        try FollowUpCommand.write { try store.setStatus(id, status, note: note, by: followUp.user ?? FollowUpRules.currentUser()) }
    }
}
