import ArgumentParser
import Foundation
import Model
import Reports
import Store
import TUI

// The executable: the root command and its wiring. Each command has a file of its own
// (Check, Report, FollowUp, Store, Dashboard); the options they share are in Options.swift,
// the output and language helpers in CLI.swift.

struct Tertial: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tertial",
        abstract: "Tertial figures for Etat for psykisk helse og rustjenester: check, report, dashboard.",
        subcommands: [DashboardCommand.self, Check.self, ReportCommand.self, FollowUpCommand.self, MeetingCommand.self, StoreCommand.self],
        defaultSubcommand: DashboardCommand.self
    )
}

setlocale(LC_ALL, "")
CLI.main()
