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
        discussion: """
        The data directory is --data, else TERTIAL_DATA, else sample-data in the current folder.

        Exit codes: 0 done. 1 the data has errors (check, report) or no periods yet, the data \
        directory does not exist, a follow-up write or import was refused, a meeting was \
        refused. 64 usage: a bad option or value, an unknown unit, a period outside the data, \
        a terminal that cannot show the dashboard, an Excel file (--format xlsx) for a terminal. 73 cannot write the output (it exists: add \
        --force; not a regular file; no name; its folder missing or not writable). 130, 143 \
        the dashboard was ended by Ctrl-C or SIGTERM (the terminal is restored).
        """,
        version: Version.text,
        subcommands: [DashboardCommand.self, Check.self, ReportCommand.self, FollowUpCommand.self, MeetingCommand.self, StoreCommand.self],
        defaultSubcommand: DashboardCommand.self
    )
}

setlocale(LC_ALL, "")
CLI.main()
