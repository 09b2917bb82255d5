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
