import ArgumentParser
import Foundation
import Model
import Reports
import Store
import TUI

extension ReportFormat: ExpressibleByArgument {}
extension FollowUpReport.ListFormat: ExpressibleByArgument {}

/// The formats of the waitlist and Corporater reports: the part of `ReportFormat` they are
/// written in. Not `ReportFormat` itself, so that their `--help` lists only what they write
/// (html and json are the tertial report's); `FollowUpReport.ListFormat` is kept apart for
/// the same reason (it has json, not html).
enum SheetFormat: String, CaseIterable, ExpressibleByArgument {
    case text, md, csv, xlsx
}

/// The waitlist's formats: the sheets' and json (every unit under the one asked for).
enum WaitlistFormat: String, CaseIterable, ExpressibleByArgument {
    case text, md, csv, json
}

/// How many months of grants the waitlist forecast is built on (issue 25).
struct WindowOption: ParsableArguments {
    @Option(name: .long, help: "Months of grants the waitlist forecast is built on (default: indicators.yaml's forecast_window_months, else 24).")
    var window: Int?

    func validate() throws {
        if let w = window, !CatalogueSettings.forecastWindowRange.contains(w) { throw ValidationError(CLI.l(CLITexts.badWindow(w))) }
    }
}

/// The small-number suppression of the sheets (waitlist, Corporater), checked the same way for both.
struct SheetOptions: ParsableArguments {
    @Option(name: .long, help: "Show counts between 1 and N-1 as <N, and waits over them as .. (for sharing outside the service).")
    var suppressSmall: Int?

    func validate() throws {
        if let n = suppressSmall, n < 2 { throw ValidationError(CLI.l[.cliSuppressSmall]) }
    }

    func display(_ lang: Lang) -> Display { Display(lang: lang, suppressSmall: suppressSmall) }
}

/// What every report subcommand does with its options: the snapshot of `--data`, the unit
/// of `--unit`, its own text, written to standard output or `--output`. A report is its
/// options, `validate` and `render`; the path from data to file is this one.
protocol ReportSubcommand: ParsableCommand {
    var options: DataOptions { get }
    var target: TargetOptions { get }
    /// The report's text for a unit of a snapshot.
    func render(_ s: Snapshot, unit u: Int) throws -> String
    /// The report's file when it is no text (a workbook, `--format xlsx`), else nil.
    func workbook(_ s: Snapshot, unit u: Int) throws -> [UInt8]?
}

extension ReportSubcommand {
    func run() throws {
        let s = try CLI.snapshot(options.data)
        let u = try CLI.unit(s, target.unit)
        if let bytes = try workbook(s, unit: u) { try target.out.emit(bytes: bytes) } else { try target.emit(try render(s, unit: u)) }
    }

    func workbook(_ s: Snapshot, unit u: Int) throws -> [UInt8]? { nil }

    /// The periods asked for, or the latest complete tertial (none when no tertial has
    /// ended yet); each one inside the data.
    static func periods(_ texts: [String], in s: Snapshot) throws -> [Period] {
        var periods = texts.compactMap { Period(parsing: $0) }
        if periods.isEmpty, let p = s.latestTertial(endedBy: CLI.today()) { periods = [p] }
        for p in periods where s.periodIndex[p] == nil { throw CLI.outside("\(p)", s) }
        return periods
    }
}

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Reports: the scorecard (default), the waitlist, the figures to enter in Corporater, or what changed since the last meeting.",
        subcommands: [ScorecardCommand.self, WaitlistCommand.self, CorporaterCommand.self, ChangesCommand.self],
        defaultSubcommand: ScorecardCommand.self)
}

struct ScorecardCommand: ReportSubcommand {
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

    @OptionGroup var forecastWindow: WindowOption

    func validate() throws { try CLI.checkPeriods(period) }

    func render(_ s: Snapshot, unit u: Int) throws -> String {
        let (periods, opts) = try prepared(s)
        return format.render(s, unit: u, periods: periods, options: opts)
    }

    func workbook(_ s: Snapshot, unit u: Int) throws -> [UInt8]? {
        guard format.isBinary else { return nil }
        let (periods, opts) = try prepared(s)
        return try format.bytes(s, unit: u, periods: periods, options: opts)
    }

    func prepared(_ s: Snapshot) throws -> ([Period], ReportOptions) {
        let periods = try Self.periods(period, in: s)
        var opts = ReportOptions(lang: options.language, suppressSmall: privacy.suppressSmall, withCases: privacy.withCases,
                                 followUp: CLI.followUpBook(followUp.store, options.data))
        opts.today = CLI.today()
        opts.windowMonths = forecastWindow.window
        if format.singlePeriod && periods.count != 1 { throw UsageError(message: CLI.l(CLITexts.formatTakesOnePeriod(format.rawValue))) }
        return (periods, opts)
    }
}

struct WaitlistCommand: ReportSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "waitlist",
        abstract: "The housing waitlist on a date: by category and where applicants live, waits, processing breaches.")

    @OptionGroup var options: DataOptions

    @Option(name: .long, help: "The date: 2019-12-31 or 31.12.2019 (default: the end of the data).")
    var at: String?

    @OptionGroup var target: TargetOptions

    @Option(name: .long, help: "The format (json: the unit and every unit under it).")
    var format: WaitlistFormat = .text

    @OptionGroup var sheet: SheetOptions

    @OptionGroup var forecastWindow: WindowOption

    func validate() throws {
        if let at, Day(parsing: at) == nil { throw ValidationError(CLI.l(CLITexts.notADate(at))) }
    }

    func render(_ s: Snapshot, unit u: Int) throws -> String {
        let date = at.flatMap { Day(parsing: $0) } ?? s.spanEnd
        // A date the register does not cover would give invented figures (0 waiting, or waits
        // of thousands of days): refused, as a period outside the data is.
        guard (s.spanStart...s.spanEnd).contains(date) else { throw CLI.outside(CLI.l.date(date), s) }
        let v = s.waitlist(unit: u, at: date)
        let d = sheet.display(options.language)
        let window = forecastWindow.window, months = window ?? s.dataset.settings.forecastWindowMonths
        let forecasts = s.forecasts(unit: u, at: date, windowMonths: window)
        switch format {
        case .csv: return WaitlistReport.csv(v, display: d, forecasts: forecasts)
        case .json: return WaitlistReport.json(s, unit: u, date: date, display: d, windowMonths: window)
        case .text, .md: return WaitlistReport.text(v, snapshot: s, lang: options.language, markdown: format == .md, display: d,
                                                    forecasts: forecasts, windowMonths: months)
        }
    }
}

struct CorporaterCommand: ReportSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "corporater",
        abstract: "The figures to enter in Corporater: one row per unit and indicator, with their source and a flag where they disagree.")

    @OptionGroup var options: DataOptions

    @Option(name: .long, help: "Period, e.g. 2019-T3 (default: the latest complete tertial).")
    var period: String?

    @OptionGroup var target: TargetOptions

    @Option(name: .long, help: "The format.")
    var format: SheetFormat = .text

    @OptionGroup var sheet: SheetOptions

    @OptionGroup var followUp: FollowUpOptions

    func validate() throws { try CLI.checkPeriods(period) }

    func render(_ s: Snapshot, unit u: Int) throws -> String {
        guard let p = try Self.periods(period.map { [$0] } ?? [], in: s).first else { throw CLI.outside(period ?? "", s) }
        let out = CorporaterSheet(snapshot: s, unit: u, period: p, display: sheet.display(options.language),
                                  followUp: CLI.followUpBook(followUp.store, options.data))
        return format == .csv || format == .xlsx ? out.csv(lang: options.language) : out.text(lang: options.language, markdown: format == .md)
    }

    func workbook(_ s: Snapshot, unit u: Int) throws -> [UInt8]? {
        guard format == .xlsx else { return nil }
        guard let p = try Self.periods(period.map { [$0] } ?? [], in: s).first else { throw CLI.outside(period ?? "", s) }
        let out = CorporaterSheet(snapshot: s, unit: u, period: p, display: sheet.display(options.language),
                                  followUp: CLI.followUpBook(followUp.store, options.data))
        return try ExcelReports.corporater(out, lang: options.language, sheetName: ReportTexts.corporaterSheet.text(options.language))
    }
}
