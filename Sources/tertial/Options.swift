import ArgumentParser
import Foundation
import Model
import Reports
import Store
import TUI

/// Options shared by every command that reads a data directory.
struct DataOptions: ParsableArguments {
    @Option(name: .long, help: "The data directory (default: TERTIAL_DATA, else sample-data).")
    var data: String = DataOptions.defaultDirectory

    /// `TERTIAL_DATA` (an installed tertial's data directory, set for its users), else
    /// `sample-data` in the current folder (a developer's checkout).
    /// Read once: the argument parser makes its defaults again for every command it looks at.
    static let defaultDirectory: String = getenv("TERTIAL_DATA").map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 } ?? "sample-data"

    @Option(name: .long, help: "Language: nb (Norwegian) or en (English).")
    var lang: String = "nb"

    var language: Lang { Lang(rawValue: lang) ?? .nb }

    /// A command that reads or writes follow-up for a data directory needs that directory:
    /// a typo is an error (exit 1), never an empty answer or a store made in a new folder.
    func requireDirectory() throws {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: data, isDirectory: &isDir), isDir.boolValue else {
            CLI.say(CLI.l(CLITexts.noDataDirectory(data))); throw ExitCode(1)
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

    @OptionGroup var out: OutputOptions

    func emit(_ text: String) throws { try out.emit(text) }
}

/// Where a command's text goes: standard output, or a file written safely (every report's rule).
struct OutputOptions: ParsableArguments {
    @Option(name: .long, help: "Write to this file (mode 0600) instead of standard output.")
    var output: String?

    @Flag(name: .long, help: "Overwrite --output if it exists.")
    var force = false

    func emit(_ text: String) throws { try CLI.emit(text, to: output, force: force) }
    func emit(bytes: [UInt8]) throws { try CLI.emit(bytes: bytes, to: output, force: force) }
}
