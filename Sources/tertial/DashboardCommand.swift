import ArgumentParser
import Foundation
import Model
import Reports
import Store
import TUI

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
    var poll: String?

    /// `--poll` as seconds (`2`, `0.5` or `0,5`); read here, not by the parser, so that a
    /// wrong value gets one whole sentence in the user's language (the parser's error
    /// carried the option's English help).
    var pollSeconds: Double? { poll.flatMap { Double($0.replacingOccurrences(of: ",", with: ".")) } }

    @Flag(name: .long, help: "No colours (NO_COLOR in the environment does the same).")
    var noColor = false

    @OptionGroup var followUp: FollowUpOptions

    @OptionGroup var forecastWindow: WindowOption

    func validate() throws {
        try CLI.checkPeriods(period)
        if poll != nil, !(pollSeconds.map { App.pollRange ~= $0 } ?? false) {
            throw ValidationError(CLI.l(CLITexts.pollRange(from: Format.plain(App.pollRange.lowerBound, .count, decimalComma: CLI.lang == .nb), to: Int(App.pollRange.upperBound))))
        }
    }

    func run() throws {
        var o = AppOptions()
        o.lang = options.language
        o.unit = unit
        o.period = period.flatMap { Period(parsing: $0) }
        o.pollSeconds = pollSeconds
        o.useColor = !noColor
        o.store = followUp.store
        o.user = followUp.user
        o.forecastWindow = forecastWindow.window
        let code = App.start(directory: options.data, options: o)
        if code != 0 { throw ExitCode(code) }
    }
}
