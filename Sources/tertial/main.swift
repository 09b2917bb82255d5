import ArgumentParser
import Foundation
import Model
import Reports
import Store
import TUI

extension ReportFormat: ExpressibleByArgument {}
extension FollowUpReport.ListFormat: ExpressibleByArgument {}

/// The formats of the waitlist and Corporater reports: a part of `ReportFormat`.
enum SheetFormat: String, CaseIterable, ExpressibleByArgument {
    case text, md, csv
}

struct Tertial: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tertial",
        abstract: "Tertial figures for Etat for psykisk helse og rustjenester: check, report, dashboard.",
        subcommands: [DashboardCommand.self, Check.self, ReportCommand.self, FollowUpCommand.self, StoreCommand.self],
        defaultSubcommand: DashboardCommand.self
    )
}

/// Options shared by every command that reads a data directory.
struct DataOptions: ParsableArguments {
    @Option(name: .long, help: "The data directory.")
    var data: String = "sample-data"

    @Option(name: .long, help: "Language: nb (Norwegian bokmål) or en.")
    var lang: String = "nb"

    var language: Lang { Lang(rawValue: lang) ?? .nb }

    /// A command that reads or writes follow-up for a data directory needs that directory:
    /// a typo is an error (exit 1), never an empty answer or a store made in a new folder.
    func requireDirectory() throws {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: data, isDirectory: &isDir), isDir.boolValue else {
            CLI.say(CLI.l(.cliNoDataDirectory, data)); throw ExitCode(1)
        }
    }

    func validate() throws {
        guard Lang(rawValue: lang) != nil else { throw ValidationError(CLI.l[.cliLang]) }
    }
}

/// Where follow-up (comments and actions) is kept and who signs it.
struct FollowUpOptions: ParsableArguments {
    @Option(name: .long, help: "The follow-up database (default: TERTIAL_STORE, else DATA/followup/tertial.sqlite).")
    var store: String?

    @Option(name: .long, help: "The name follow-up is signed with (default: your login name).")
    var user: String?

    /// `--user` is checked as every author is (no identity number, no control character).
    func validate() throws {
        if let user { do { _ = try FollowUpRules.checkAuthor(user) } catch let e as FollowUpError { throw ValidationError("--user: " + e.text(norwegian: CLI.lang == .nb)) } }
    }
}

/// Privacy options for reports shared outside the service.
struct PrivacyOptions: ParsableArguments {
    @Option(name: .long, help: "Show counts between 1 and N-1 as <N, and ratios and waits built on them as .. (for reports shared outside the service).")
    var suppressSmall: Int?

    @Flag(name: .long, help: "Include pseudonymous case ids (left out by default).")
    var withCases = false

    func validate() throws {
        if let n = suppressSmall, n < 2 { throw ValidationError(CLI.l[.cliSuppressSmall]) }
    }
}

/// Which unit a report covers and where it goes.
struct TargetOptions: ParsableArguments {
    @Option(name: .long, help: "Unit id (default: the etat).")
    var unit: String?

    @Option(name: .long, help: "Write to this file (mode 0600) instead of standard output.")
    var output: String?

    @Flag(name: .long, help: "Overwrite --output if it exists.")
    var force = false

    func emit(_ text: String) throws { try CLI.emit(text, to: output, force: force) }
}

extension CLI {
    /// Standard output, or a file written safely (exit 73 when it cannot be).
    static func emit(_ text: String, to output: String?, force: Bool) throws {
        guard let output else { print(text, terminator: ""); return }
        // A file a person prints (cat, less) steers the terminal no more than standard output.
        do { try FileOutput.write(SafeText.visible(text), to: output, force: force) }
        catch {
            // Cannot write: EX_CANTCREAT (73), and no usage text (the options were right).
            CLI.say((error as? FileOutput.Failure)?.message(CLI.l) ?? CLI.l(.cliCannotWrite, output, "\(error)"))
            throw ExitCode(73)
        }
        CLI.say(CLI.l(.cliWrote, output))
    }
}

/// A usage error that only the data can reveal (exit 64, like a bad option).
struct UsageError: Error { let message: String }

enum CLI {
    /// The language of every message, chosen before the arguments are parsed (so that a
    /// parse error speaks it too): `--lang en` or `--lang=en` anywhere, bokmål otherwise.
    static let lang: Lang = {
        let args = Array(CommandLine.arguments.dropFirst())
        for (k, a) in args.enumerated() {
            if a == "--lang", k + 1 < args.count, let l = Lang(rawValue: args[k + 1]) { return l }
            if a.hasPrefix("--lang="), let l = Lang(rawValue: String(a.dropFirst(7))) { return l }
        }
        return .nb
    }()
    static let l = L10n(lang)

    static func say(_ text: String) { writeError("tertial: " + text + "\n") }

    /// Loads and computes, or prints the errors and exits 1.
    static func snapshot(_ dir: String) throws -> Snapshot {
        let result = Loader(directory: dir).load()
        guard let ds = result.dataset else {
            for d in result.diagnostics.errors { writeError(l[.errorWord] + ": " + d.text(in: dir, norwegian: lang == .nb) + "\n") }
            say(l(.cliHasErrors, dir))
            throw ExitCode(1)
        }
        let s = Engine.compute(ds)
        guard !s.tertials.isEmpty else {
            say(l(.noPeriods, dir))
            throw ExitCode(1)
        }
        return s
    }

    /// The follow-up to show in a report: nil when there is no store yet (a report never
    /// creates one); a store that cannot be read is named on standard error and left out.
    static func followUpBook(_ option: String?, _ data: String) -> FollowUpBook? {
        do { return try FollowUpStores.openExisting(option: option, dataDirectory: data).map { try FollowUpBook($0) } }
        catch { say(l.followUp(error)); return nil }
    }

    /// A period outside the data, in the words and dates of the chosen language.
    static func outside(_ what: String, _ s: Snapshot) -> UsageError {
        UsageError(message: l(.periodOutside, what, l.date(s.spanStart), l.date(s.spanEnd)))
    }

    /// Runs the command; every error, ArgumentParser's own included, is printed in the
    /// chosen language with the exit codes of the README (64 usage, 1 data, 73 output).
    static func main() -> Never {
        do {
            var command = try Tertial.parseAsRoot()
            try command.run()
            exit(0)
        } catch let e as UsageError {
            // Found once the data was read (an unknown unit, a period outside the data): the
            // message alone, without a usage line that would be the root command's.
            say(e.message)
            exit(ExitCode.validationFailure.rawValue)
        } catch {
            let code = Tertial.exitCode(for: error)
            if code == .success {
                // --help: printed as ArgumentParser wrote it (English: option names are English).
                print(Tertial.fullMessage(for: error))
                exit(0)
            }
            let text = Tertial.fullMessage(for: error)
            if !text.isEmpty { CLI.writeError(localized(text) + "\n") }
            exit(code.rawValue)
        }
    }

    /// ArgumentParser's sentences that a user meets, in bokmål: (English pattern with `(.+?)`
    /// for the quoted parts, bokmål with `$1`, `$2`). Anything else it says stays English.
    static let parserSentences: [(String, String)] = [
        ("Unknown option '(.+?)'\\.", "Ukjent valg «$1»."),
        ("Did you mean '(.+?)'\\?", "Mente du «$1»?"),
        ("Missing value for '(.+?)'", "Mangler en verdi for «$1»"),
        ("Missing expected argument '(.+?)'", "Mangler argumentet «$1»"),
        ("Unexpected argument '(.+?)'", "Uventet argument «$1»"),
        ("The value '(.+?)' is invalid for '(.+?)'", "Verdien «$1» passer ikke for «$2»"),
        ("Please provide one of (.+)\\.$", "Bruk en av $1."),
    ]

    /// ArgumentParser's fixed English frame ("Error:", "Usage:", "Help:", "See … for more
    /// information.") and its common sentences in the chosen language; our own messages are
    /// already in it.
    static func localized(_ text: String) -> String {
        guard lang == .nb else { return text }
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            var s = String(line)
            if s.hasPrefix("Error: ") {
                s = l[.cliErrorPrefix] + s.dropFirst(7)
                for (en, nb) in parserSentences {
                    s = s.replacingOccurrences(of: en, with: nb, options: .regularExpression)
                }
                s = s.replacingOccurrences(of: "' or '", with: "' eller '")
            }
            if s.hasPrefix("Usage: ") { s = l[.cliUsagePrefix] + s.dropFirst(7) }
            if s.hasPrefix("Help: ") { s = l[.cliHelpPrefix] + s.dropFirst(6) }
            let trimmed = s.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("See '"), trimmed.hasSuffix("' for more information."),
               let start = trimmed.range(of: "'"), let end = trimmed.range(of: "'", options: .backwards), start.upperBound < end.lowerBound {
                s = String(s.prefix { $0 == " " }) + l(.cliSeeHelp, trimmed[start.upperBound..<end.lowerBound])
            }
            return s
        }.joined(separator: "\n")
    }

    static func today() -> Day {
        let t = time(nil)
        var tmv = tm()
        localtime_r([t], &tmv)
        return Day(year: Int(tmv.tm_year) + 1900, month: Int(tmv.tm_mon) + 1, day: Int(tmv.tm_mday))!
    }

    static func unit(_ s: Snapshot, _ id: String?) throws -> Int {
        guard let id else { return s.tree.root }
        guard let u = s.tree.index[id] else {
            throw UsageError(message: l(.unknownUnit, id, s.tree.preorder.map { s.tree.units[$0].id }.joined(separator: ", ")))
        }
        return u
    }

}

struct DashboardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dashboard",
        abstract: "The dashboard (the default): keyboard drill-down from the etat to every deviation; reloads when files change.")

    @OptionGroup var options: DataOptions

    @Option(name: .long, help: "Start in this unit, e.g. ph-vest (default: the etat).")
    var unit: String?

    @Option(name: .long, help: "Start in this period, e.g. 2019-T3 (default: the latest tertial).")
    var period: String?

    @Option(name: .long, help: "Check the data directory every N seconds instead of watching it (for network drives).")
    var poll: Double?

    @Flag(name: .long, help: "No colours (NO_COLOR in the environment does the same).")
    var noColor = false

    @OptionGroup var followUp: FollowUpOptions

    func validate() throws {
        if let period, Period(parsing: period) == nil { throw ValidationError(CLI.l(.cliNotAPeriod, period)) }
        if let poll, !(App.pollRange ~= poll) {
            throw ValidationError(CLI.l(.cliPoll, Format.plain(App.pollRange.lowerBound, .count, decimalComma: CLI.lang == .nb), Int(App.pollRange.upperBound)))
        }
    }

    func run() throws {
        var o = AppOptions()
        o.lang = options.language
        o.unit = unit
        o.period = period.flatMap { Period(parsing: $0) }
        o.pollSeconds = poll
        o.useColor = !noColor
        o.store = followUp.store
        o.user = followUp.user
        let code = App.start(directory: options.data, options: o)
        if code != 0 { throw ExitCode(code) }
    }
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Load and compute a data directory; print errors, then warnings, then a summary. Exit 1 on errors.")

    @Argument(help: "The data directory.")
    var data: String = "sample-data"

    @Flag(name: .long, help: "Also list data-quality warnings computed from the figures.")
    var quality = false

    @Option(name: .long, help: "Language: nb (Norwegian bokmål) or en.")
    var lang: String = "nb"

    func validate() throws {
        guard Lang(rawValue: lang) != nil else { throw ValidationError(CLI.l[.cliLang]) }
    }

    func run() throws {
        let l = CLI.l, nb = CLI.lang == .nb
        let result = Loader(directory: data).load()
        let diags = result.diagnostics
        for d in diags.errors { print(l[.errorWord] + ": " + d.text(in: data, norwegian: nb)) }
        for d in diags.warnings { print(l[.warningWord] + ": " + d.text(in: data, norwegian: nb)) }
        for d in diags where d.severity == .notice { print(l[.noticeWord] + ": " + d.text(in: data, norwegian: nb)) }
        guard let ds = result.dataset else {
            print(l(.checkNotLoaded, data, diags.count(of: .error), diags.count(of: .warning)))
            throw ExitCode(1)
        }
        let s = Engine.compute(ds)
        if quality {
            for w in s.warnings {
                let ind = w.indicator.map { " " + s.indicators[$0].id } ?? ""
                print(l[.qualityWord] + ": \(w.source.map { "\(data)/\($0)" } ?? data): \(w.period)\(ind): \(l.quality(w, snapshot: s))")
            }
        }
        let periods = s.tertials
        let range = periods.isEmpty ? l[.checkNoPeriods] : "\(periods.first!)..\(periods.last!)"
        print(l(.checkOk, data, DataSources.all.map { $0.summary(ds, nb) }.joined(separator: ", "), range, diags.count(of: .warning), s.warnings.count)
              + (quality ? "" : l[.checkListQuality]))
    }
}

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Reports: the scorecard (default) or the waitlist.",
        subcommands: [ScorecardCommand.self, WaitlistCommand.self, CorporaterCommand.self],
        defaultSubcommand: ScorecardCommand.self)
}

struct ScorecardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scorecard",
        abstract: "The scorecard for a period and unit subtree, deviations first.")

    @OptionGroup var options: DataOptions

    @Option(name: .long, help: "Period: 2019-T3, 2019-11 or 2019; may be repeated (default: the latest complete tertial).")
    var period: [String] = []

    @OptionGroup var target: TargetOptions

    @Option(name: .long, help: "The format.")
    var format: ReportFormat = .text

    @OptionGroup var privacy: PrivacyOptions

    @OptionGroup var followUp: FollowUpOptions

    func validate() throws {
        for p in period where Period(parsing: p) == nil {
            throw ValidationError(CLI.l(.cliNotAPeriod, p))
        }
    }

    func run() throws {
        let s = try CLI.snapshot(options.data)
        let u = try CLI.unit(s, target.unit)
        var periods = period.compactMap { Period(parsing: $0) }
        if periods.isEmpty, let p = s.latestTertial(endedBy: CLI.today()) { periods = [p] }
        for p in periods where s.periodIndex[p] == nil { throw CLI.outside("\(p)", s) }
        var opts = ReportOptions(lang: options.language, suppressSmall: privacy.suppressSmall, withCases: privacy.withCases,
                                 followUp: CLI.followUpBook(followUp.store, options.data))
        opts.today = CLI.today()
        if format.singlePeriod && periods.count != 1 { throw UsageError(message: CLI.l(.cliFormatOnePeriod, format.rawValue)) }
        try target.emit(format.render(s, unit: u, periods: periods, options: opts))
    }
}

struct WaitlistCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "waitlist",
        abstract: "The housing waitlist on a date: by category and where applicants live, waits, processing breaches.")

    @OptionGroup var options: DataOptions

    @Option(name: .long, help: "The date: 2019-12-31 or 31.12.2019 (default: the end of the data).")
    var at: String?

    @OptionGroup var target: TargetOptions

    @Option(name: .long, help: "The format.")
    var format: SheetFormat = .text

    @Option(name: .long, help: "Show counts between 1 and N-1 as <N, and waits over them as .. (for sharing outside the service).")
    var suppressSmall: Int?

    func validate() throws {
        if let at, Day(parsing: at) == nil { throw ValidationError(CLI.l(.cliNotADate, at)) }
        if let n = suppressSmall, n < 2 { throw ValidationError(CLI.l[.cliSuppressSmall]) }
    }

    func run() throws {
        let s = try CLI.snapshot(options.data)
        let u = try CLI.unit(s, target.unit)
        let date = at.flatMap { Day(parsing: $0) } ?? s.spanEnd
        // A date the register does not cover would give invented figures (0 waiting, or waits
        // of thousands of days): refused, as a period outside the data is.
        guard (s.spanStart...s.spanEnd).contains(date) else { throw CLI.outside(CLI.l.date(date), s) }
        let v = s.waitlist(unit: u, at: date)
        let d = Display(lang: options.language, suppressSmall: suppressSmall)
        let text = format == .csv ? WaitlistReport.csv(v, display: d) : WaitlistReport.text(v, snapshot: s, lang: options.language, markdown: format == .md, display: d)
        try target.emit(text)
    }
}

struct CorporaterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "corporater",
        abstract: "The figures to enter in Corporater: one row per unit and indicator, with their source and a flag where they disagree.")

    @OptionGroup var options: DataOptions

    @Option(name: .long, help: "Period, e.g. 2019-T3 (default: the latest complete tertial).")
    var period: String?

    @OptionGroup var target: TargetOptions

    @Option(name: .long, help: "The format.")
    var format: SheetFormat = .text

    @Option(name: .long, help: "Show counts between 1 and N-1 as <N.")
    var suppressSmall: Int?

    @OptionGroup var followUp: FollowUpOptions

    func validate() throws {
        if let period, Period(parsing: period) == nil { throw ValidationError(CLI.l(.cliNotAPeriod, period)) }
    }

    func run() throws {
        let s = try CLI.snapshot(options.data)
        let u = try CLI.unit(s, target.unit)
        guard let p = period.flatMap({ Period(parsing: $0) }) ?? s.latestTertial(endedBy: CLI.today()), s.periodIndex[p] != nil else {
            throw CLI.outside(period ?? "", s)
        }
        let sheet = CorporaterSheet(snapshot: s, unit: u, period: p, display: Display(lang: options.language, suppressSmall: suppressSmall),
                                    followUp: CLI.followUpBook(followUp.store, options.data))
        try target.emit(format == .csv ? sheet.csv(lang: options.language) : sheet.text(lang: options.language, markdown: format == .md))
    }
}

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
                CLI.say(CLI.l(.fuNoStoreYet, FollowUpStores.path(option: f.store, dataDirectory: options.data)))
                return nil
            }
            return s
        } catch { CLI.say(CLI.l.followUp(error)); throw ExitCode(1) }
    }

    /// Runs a write, or says why it was refused (exit 1).
    static func write(_ body: () throws -> Void) throws {
        do { try body() } catch { CLI.say(CLI.l.followUp(error)); throw ExitCode(1) }
    }

    /// The figure an entry is about, checked against the data.
    static func key(_ s: Snapshot, unit: String, indicator: String, period: String) throws -> Entry.Key {
        _ = try CLI.unit(s, unit)
        guard s.dataset.indicatorIndex[indicator] != nil else { throw UsageError(message: CLI.l(.cliUnknownIndicator, indicator)) }
        guard let p = Period(parsing: period) else { throw ValidationError(CLI.l(.cliNotAPeriod, period)) }
        guard s.periodIndex[p] != nil else { throw CLI.outside(period, s) }
        return Entry.Key(unit: unit, indicator: indicator, period: p)
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

    @Option(name: .long, help: "Write to this file (mode 0600) instead of standard output.")
    var output: String?

    @Flag(name: .long, help: "Overwrite --output if it exists.")
    var force = false

    func validate() throws {
        if let period, Period(parsing: period) == nil { throw ValidationError(CLI.l(.cliNotAPeriod, period)) }
    }

    func run() throws {
        guard let store = try FollowUpCommand.openExisting(options, followUp) else { return }
        // The data names the units (and a scope); without a readable data directory the ids are shown.
        let s = Loader(directory: options.data).load().dataset.map(Engine.compute)
        var units: Set<String>? = nil
        if let unit {
            guard let s else { throw UsageError(message: CLI.l(.cliHasErrors, options.data)) }
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
        try CLI.emit(text, to: output, force: force)
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

    func run() throws {
        let s = try CLI.snapshot(options.data)
        let key = try FollowUpCommand.key(s, unit: figure.unit, indicator: figure.indicator, period: figure.period)
        let store = try FollowUpCommand.open(options, followUp)
        try FollowUpCommand.write {
            let e = try store.addComment(key, text: text, by: followUp.user ?? FollowUpRules.currentUser())
            print(e.id)
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

    func validate() throws {
        if let due, FollowUpRules.parseDue(due, today: CLI.today()) == nil { throw ValidationError(CLI.l(.fuBadDue, due)) }
    }

    func run() throws {
        let s = try CLI.snapshot(options.data)
        let key = try FollowUpCommand.key(s, unit: figure.unit, indicator: figure.indicator, period: figure.period)
        let store = try FollowUpCommand.open(options, followUp)
        try FollowUpCommand.write {
            let e = try store.addAction(key, text: text, owner: owner, due: due.flatMap { FollowUpRules.parseDue($0, today: CLI.today()) },
                                        by: followUp.user ?? FollowUpRules.currentUser())
            print(e.id)
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
            if lstat(p, &st) != 0 { CLI.say(CLI.l(.fuNoStoreYet, p)); return nil }
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
        print(CLI.l(existed ? .storeExisted : .storeCreated, store.location, (try? store.appliedMigrations().joined(separator: ", ")) ?? ""))
        guard let grants else { return }
        // Each unit must be in units.csv; a role is given its unit's whole scope.
        let loaded = Loader(directory: options.data).load()
        guard let tree = (loaded.dataset ?? loaded.partial)?.tree else { CLI.say(CLI.l(.startHasErrors, options.data)); throw ExitCode(1) }
        for g in grants where tree.index[g.unit] == nil {
            CLI.say(CLI.l(.storeAccessUnknownUnit, access ?? "", g.unit)); throw ExitCode(1)
        }
        do {
            for line in try store.applyAccess(grants, scope: { u in tree.index[u].map { tree.scopeIDs($0).sorted() } ?? [u] }) { print(line) }
        } catch { CLI.say(CLI.l.followUp(error)); throw ExitCode(1) }
    }

    /// `role;unit` rows (a header row, `;` or `,`), every row located when wrong.
    static func grants(_ file: String) throws -> [AccessGrant] {
        guard let data = FileManager.default.contents(atPath: file) else { CLI.say(CLI.l(.storeCannotRead, file)); throw ExitCode(1) }
        let t = CSVTable.parse(bytes: Array(data), file: file)
        if let d = t.diagnostics.first(where: { $0.severity == .error }) { CLI.say(d.text(norwegian: CLI.lang == .nb)); throw ExitCode(1) }
        guard let cr = t.column("role"), let cu = t.column("unit") else { CLI.say(CLI.l(.storeAccessHeader, file)); throw ExitCode(1) }
        var out = [AccessGrant]()
        for r in 0..<t.rowCount {
            let role = t.string(r, cr), unit = t.string(r, cu)
            guard AccessGrant.isRoleName(role), !unit.isEmpty else { CLI.say(CLI.l(.storeAccessBadRow, file, t.line(r), role)); throw ExitCode(1) }
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
        print(CLI.l(.storeSchema, store.location, (try? store.appliedMigrations().joined(separator: ", ")) ?? ""))
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
            print(CLI.l(.storeSchema, store.location, try store.appliedMigrations().joined(separator: ", ")))
            print(CLI.l(.storeCounts, entries, history, integrity) + (store.isReadOnly ? " · " + CLI.l[.fuStoreReadOnly] : ""))
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
        guard format == "csv" else { throw ValidationError(CLI.l(.storeOnlyCSV, format)) }
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
        guard let data = FileManager.default.contents(atPath: file) else { CLI.say(CLI.l(.storeCannotRead, file)); throw ExitCode(1) }
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
            if problems.count > 200 { CLI.say(CLI.l(.cliMoreProblems, problems.count - 200)) }
            CLI.say(CLI.l(.storeImportRefused, file))
            throw ExitCode(1)
        }
        let rows = located.map(\.row)
        let store = try StoreCommand.open(options, followUp)
        do { try store.importRows(rows) } catch { CLI.say(CLI.l.followUp(error)); throw ExitCode(1) }
        print(CLI.l(.storeImported, Set(rows.map(\.entryID)).count, rows.count, store.location))
    }
}

setlocale(LC_ALL, "")
CLI.main()

// MARK: Output that reaches a terminal

/// Every line the command line prints goes through here: a character that could steer the
/// terminal (an escape sequence from a data file, a follow-up text, an owner or a user name)
/// is shown as its code (`\u001b`), never sent (`SafeText`, issue 21 item 4). JSON is
/// unchanged by it: its encoder escapes C0 controls, and a C1 or bidi control in a JSON
/// string becomes the same `\uXXXX` escape JSON itself would use.
func print(_ items: Any..., separator: String = " ", terminator: String = "\n") {
    let text = items.map { "\($0)" }.joined(separator: separator) + terminator
    fputs(SafeText.visible(text), stdout) // C's buffered stdout, as Swift's own print
}

extension CLI {
    static func writeError(_ text: String) { FileHandle.standardError.write(Data(SafeText.visible(text).utf8)) }
}
