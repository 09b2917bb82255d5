import ArgumentParser
import Foundation
import Model
import Reports
import TUI

extension ReportFormat: ExpressibleByArgument {}

/// The formats of the waitlist and Corporater reports: a part of `ReportFormat`.
enum SheetFormat: String, CaseIterable, ExpressibleByArgument {
    case text, md, csv
}

struct Tertial: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tertial",
        abstract: "Tertial figures for Etat for psykisk helse og rustjenester: check, report, dashboard.",
        subcommands: [DashboardCommand.self, Check.self, ReportCommand.self],
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

    func validate() throws {
        guard Lang(rawValue: lang) != nil else { throw ValidationError("--lang must be nb or en") }
    }
}

/// Privacy options for reports shared outside the service.
struct PrivacyOptions: ParsableArguments {
    @Option(name: .long, help: "Show counts between 1 and N-1 as <N, and ratios and waits built on them as .. (for reports shared outside the service).")
    var suppressSmall: Int?

    @Flag(name: .long, help: "Include pseudonymous case ids (left out by default).")
    var withCases = false

    func validate() throws {
        if let n = suppressSmall, n < 2 { throw ValidationError("--suppress-small takes a number of at least 2") }
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

    func emit(_ text: String) throws {
        guard let output else { print(text, terminator: ""); return }
        do { try FileOutput.write(text, to: output, force: force) }
        catch {
            // Cannot write: EX_CANTCREAT (73), and no usage text (the options were right).
            FileHandle.standardError.write(Data("tertial: \(error)\n".utf8))
            throw ExitCode(73)
        }
        FileHandle.standardError.write(Data("tertial: wrote \(output)\n".utf8))
    }
}

enum CLI {
    /// Loads and computes, or prints the errors and exits 1.
    static func snapshot(_ dir: String) throws -> Snapshot {
        let result = Loader(directory: dir).load()
        guard let ds = result.dataset else {
            for d in result.diagnostics.errors { FileHandle.standardError.write(Data((d.text(in: dir) + "\n").utf8)) }
            FileHandle.standardError.write(Data("tertial: \(dir) has errors; run `tertial check \(dir)` for all of them\n".utf8))
            throw ExitCode(1)
        }
        let s = Engine.compute(ds)
        guard !s.tertials.isEmpty else {
            FileHandle.standardError.write(Data("tertial: \(L10n(.en)(.noPeriods, dir))\n".utf8))
            throw ExitCode(1)
        }
        return s
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
            throw ValidationError("unknown unit \"\(id)\"; units are: " + s.tree.preorder.map { s.tree.units[$0].id }.joined(separator: ", "))
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

    func validate() throws {
        if let period, Period(parsing: period) == nil { throw ValidationError("--period \(period) is not a period (expected 2019-T3, 2019-11 or 2019)") }
        if let poll, !(App.pollRange ~= poll) {
            throw ValidationError("--poll takes a number of seconds from \(App.pollRange.lowerBound) to \(Int(App.pollRange.upperBound))")
        }
    }

    func run() throws {
        var o = AppOptions()
        o.lang = options.language
        o.unit = unit
        o.period = period.flatMap { Period(parsing: $0) }
        o.pollSeconds = poll
        o.useColor = !noColor
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

    func run() throws {
        let result = Loader(directory: data).load()
        let diags = result.diagnostics
        for d in diags.errors { print("error: " + d.text(in: data)) }
        for d in diags.warnings { print("warning: " + d.text(in: data)) }
        for d in diags where d.severity == .notice { print("notice: " + d.text(in: data)) }
        guard let ds = result.dataset else {
            print("\(data): \(diags.errors.count) error(s), \(diags.warnings.count) warning(s); not loaded")
            throw ExitCode(1)
        }
        let s = Engine.compute(ds)
        let l = L10n(.en)
        if quality {
            for w in s.warnings {
                let ind = w.indicator.map { " " + s.indicators[$0].id } ?? ""
                print("quality: \(w.source.map { "\(data)/\($0)" } ?? data): \(w.period)\(ind): \(l.quality(w, snapshot: s))")
            }
        }
        let periods = s.tertials
        let range = periods.isEmpty ? "no periods" : "\(periods.first!)..\(periods.last!)"
        print("\(data): ok: " + DataSources.all.map { $0.summary(ds) }.joined(separator: ", ") + ", \(range); "
              + "\(diags.warnings.count) warning(s), \(s.warnings.count) data-quality warning(s)"
              + (quality ? "" : " (list them with --quality)"))
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

    func validate() throws {
        for p in period where Period(parsing: p) == nil {
            throw ValidationError("--period \(p) is not a period (expected 2019-T3, 2019-11 or 2019)")
        }
    }

    func run() throws {
        let s = try CLI.snapshot(options.data)
        let u = try CLI.unit(s, target.unit)
        var periods = period.compactMap { Period(parsing: $0) }
        if periods.isEmpty, let p = s.latestTertial(endedBy: CLI.today()) { periods = [p] }
        for p in periods where s.periodIndex[p] == nil {
            throw ValidationError("\(p) is outside the data (\(s.spanStart) to \(s.spanEnd))")
        }
        let opts = ReportOptions(lang: options.language, suppressSmall: privacy.suppressSmall, withCases: privacy.withCases)
        if format.singlePeriod && periods.count != 1 { throw ValidationError("--format \(format) takes one --period") }
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
        if let at, Day(parsing: at) == nil { throw ValidationError("--at \(at) is not a date (expected 2019-12-31 or 31.12.2019)") }
        if let n = suppressSmall, n < 2 { throw ValidationError("--suppress-small takes a number of at least 2") }
    }

    func run() throws {
        let s = try CLI.snapshot(options.data)
        let u = try CLI.unit(s, target.unit)
        let date = at.flatMap { Day(parsing: $0) } ?? s.spanEnd
        // A date the register does not cover would give invented figures (0 waiting, or waits
        // of thousands of days): refused, as a period outside the data is.
        guard (s.spanStart...s.spanEnd).contains(date) else {
            throw ValidationError("\(date) is outside the data (\(s.spanStart) to \(s.spanEnd))")
        }
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

    func validate() throws {
        if let period, Period(parsing: period) == nil { throw ValidationError("--period \(period) is not a period (expected 2019-T3, 2019-11 or 2019)") }
    }

    func run() throws {
        let s = try CLI.snapshot(options.data)
        let u = try CLI.unit(s, target.unit)
        guard let p = period.flatMap({ Period(parsing: $0) }) ?? s.latestTertial(endedBy: CLI.today()), s.periodIndex[p] != nil else {
            throw ValidationError("the period is outside the data (\(s.spanStart) to \(s.spanEnd))")
        }
        let sheet = CorporaterSheet(snapshot: s, unit: u, period: p, display: Display(lang: options.language, suppressSmall: suppressSmall))
        try target.emit(format == .csv ? sheet.csv(lang: options.language) : sheet.text(lang: options.language, markdown: format == .md))
    }
}

setlocale(LC_ALL, "")
Tertial.main()
