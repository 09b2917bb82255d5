import ArgumentParser
import Foundation
import Model
import Reports
import Store
import TUI

extension Minutes.Format: ExpressibleByArgument {}
extension FigureChanges.Format: ExpressibleByArgument {}

/// `tertial meeting`: driftsoppfølging meetings (docs/followup.md, "Meetings").
struct MeetingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "meeting",
        abstract: "Driftsoppfølging meetings: open one with its agenda, list, close, write the minutes.",
        subcommands: [MeetingOpen.self, MeetingList.self, MeetingClose.self, MeetingMinutes.self],
        defaultSubcommand: MeetingList.self)

    /// A meeting named on the command line: its number, or `last` (the newest, of `unit` when given).
    static func resolve(_ which: String, unit: String?, store: FollowUpStore, openOnly: Bool = false) throws -> Int64 {
        if which == "last" {
            let all = try store.meetings(unit: unit).filter { !openOnly || $0.isOpen }
            guard let m = all.last else { CLI.say(CLI.l(MeetingError.noMeeting)); throw ExitCode(1) }
            return m.id
        }
        guard let id = Int64(which), id > 0 else { throw ValidationError(CLI.l(CLITexts.notAMeeting(which))) }
        return id
    }
}

/// The meeting a command is about: its number, or `last` (of a unit).
struct MeetingChoice: ParsableArguments {
    @Argument(help: "The meeting's number, or last.")
    var meeting: String
    @Option(name: .long, help: "With last: the newest meeting of this unit.")
    var unit: String?

    func resolve(_ store: FollowUpStore, openOnly: Bool = false) throws -> Int64 {
        try MeetingCommand.resolve(meeting, unit: unit, store: store, openOnly: openOnly)
    }
}

struct MeetingOpen: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "open", abstract: "Open a meeting for a unit and period: its baseline and agenda are made now.")
    @OptionGroup var options: DataOptions
    @OptionGroup var followUp: FollowUpOptions
    @Option(name: .long, help: "Unit id (default: the etat).")
    var unit: String?
    @Option(name: .long, help: "Period, e.g. 2019-T3 (default: the latest complete tertial).")
    var period: String?
    @Option(name: .long, help: "Who is present (free text; do not name users of the services).")
    var participants: String?

    func validate() throws { try CLI.checkPeriods(period) }

    func run() throws {
        let s = try CLI.snapshot(options.data)
        let u = try CLI.unit(s, unit)
        guard let p = period.flatMap({ Period(parsing: $0) }) ?? s.latestTertial(endedBy: CLI.today()), s.periodIndex[p] != nil else { throw CLI.outside(period ?? "", s) }
        let store = try FollowUpCommand.open(options, followUp)
        try FollowUpCommand.write {
            let m = try store.openMeeting(s, unit: u, period: p, participants: participants, by: followUp.user ?? FollowUpRules.currentUser(), today: CLI.today())
            let r = try store.record(m.id)
            CLI.say(CLI.l(CLITexts.meetingOpened(m.id, scope: MeetingWords.scope(m, s, CLI.lang), items: r.agenda.count)))
            print(m.id)
        }
    }
}

struct MeetingList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "The meetings, oldest first: number, scope, period, opened, closed, items left.")
    @OptionGroup var options: DataOptions
    @OptionGroup var followUp: FollowUpOptions
    @Option(name: .long, help: "Only this unit's meetings.")
    var unit: String?

    func run() throws {
        guard let store = try FollowUpCommand.openExisting(options, followUp) else { return }
        let s = Loader(directory: options.data).load().dataset.map(Engine.compute)
        let l = CLI.l
        var rows = [[String]]()
        do {
            for m in try store.meetings(unit: unit) {
                let r = try store.record(m.id)
                rows.append(["\(m.id)", MeetingWords.scope(m, s, CLI.lang), MeetingWords.time(m.openedAt, CLI.lang) + " " + m.openedBy,
                             m.closedAt.map { MeetingWords.time($0, CLI.lang) } ?? l(CLITexts.meetingStillOpen), "\(r.left)/\(r.agenda.count)"])
            }
        } catch { CLI.say(l.followUp(error)); throw ExitCode(1) }
        if rows.isEmpty { CLI.say(l(MeetingError.noMeeting)); return }
        print(Table.text(["#", l[.unit] + ", " + l[.period], l(CLITexts.meetingOpenedColumn), l(CLITexts.meetingClosedColumn), l(CLITexts.meetingLeftColumn)], rows,
                         rightAligned: [0, 4]), terminator: "")
    }
}

struct MeetingClose: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "close", abstract: "Close a meeting (its number, or last: the newest open one).")
    @OptionGroup var options: DataOptions
    @OptionGroup var followUp: FollowUpOptions
    @OptionGroup var which: MeetingChoice

    func run() throws {
        let store = try FollowUpCommand.open(options, followUp)
        let id = try which.resolve(store, openOnly: true)
        try FollowUpCommand.write {
            try store.closeMeeting(id, by: followUp.user ?? FollowUpRules.currentUser())
            CLI.say(CLI.l(CLITexts.meetingClosed(id)))
        }
    }
}

struct MeetingMinutes: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "minutes", abstract: "The minutes (referat) of a meeting: items, figures, marks, decisions, postponed items, revised figures.")
    @OptionGroup var options: DataOptions
    @OptionGroup var followUp: FollowUpOptions
    @OptionGroup var which: MeetingChoice
    @Option(name: .long, help: "The format.")
    var format: Minutes.Format = .text
    @OptionGroup var out: OutputOptions

    func run() throws {
        guard let store = try FollowUpCommand.openExisting(options, followUp) else { throw ExitCode(1) }
        let id = try which.resolve(store)
        let s = Loader(directory: options.data).load().dataset.map(Engine.compute)
        let text: String
        do {
            let minutes = Minutes(record: try store.record(id), snapshot: s, book: try FollowUpBook(store), lang: CLI.lang, today: CLI.today())
            text = minutes.render(format)
        } catch { CLI.say(CLI.l.followUp(error)); throw ExitCode(1) }
        try out.emit(text)
    }
}

/// `tertial report changes`: what changed in a scope's figures since its last meeting, or a date.
struct ChangesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "changes",
        abstract: "New and resolved deviations, status changes and revised values since the last meeting of the unit (or a date).")

    @OptionGroup var options: DataOptions
    @OptionGroup var target: TargetOptions
    @OptionGroup var followUp: FollowUpOptions

    @Option(name: .long, help: "last-meeting, or a date (2020-01-31 or 31.01.2020): against the last baseline of the unit's meetings before it.")
    var since: String = "last-meeting"

    @Option(name: .long, help: "The format.")
    var format: FigureChanges.Format = .text

    func validate() throws {
        if since != "last-meeting", Day(parsing: since) == nil, FollowUpRules.parseDue(since, today: CLI.today()) == nil {
            throw ValidationError(CLI.l(CLITexts.notADate(since)))
        }
    }

    func run() throws {
        let s = try CLI.snapshot(options.data)
        let u = try CLI.unit(s, target.unit)
        guard let store = try FollowUpCommand.openExisting(options, followUp) else { throw ExitCode(1) }
        let unitID = s.tree.units[u].id
        let found: (meeting: Meeting, baseline: Baseline)?
        do {
            if since == "last-meeting" {
                found = try store.previousMeeting(unit: unitID) ?? store.meetings(unit: unitID).last.flatMap { m in try store.meetingBaseline(m.id).map { (m, $0) } }
            } else {
                let day = Day(parsing: since) ?? FollowUpRules.parseDue(since, today: CLI.today())!
                let before = try store.meetings(unit: unitID).last { String($0.openedAt.prefix(10)) < day.description }
                found = try before.flatMap { m in try store.meetingBaseline(m.id).map { (m, $0) } }
            }
        } catch { CLI.say(CLI.l.followUp(error)); throw ExitCode(1) }
        guard let (m, baseline) = found else { CLI.say(CLI.l(CLITexts.noBaseline(unitID))); throw ExitCode(1) }
        let changes = FigureChanges(s, unit: u, against: baseline, meeting: m)
        let label = CLI.l(CLITexts.sinceMeeting(m.id, MeetingWords.time(m.openedAt, CLI.lang)))
        try target.emit(changes.render(format, snapshot: s, lang: CLI.lang, since: label))
    }
}
