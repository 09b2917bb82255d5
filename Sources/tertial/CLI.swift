import ArgumentParser
import Foundation
import Model
import Reports
import Store
import TUI

extension CLI {
    /// Standard output, or a file written safely (exit 73 when it cannot be).
    static func emit(_ text: String, to output: String?, force: Bool) throws {
        guard let output else { print(text, terminator: ""); return }
        // FileOutput writes control characters visibly, as `print` does for standard output.
        do { try FileOutput.write(text, to: output, force: force) }
        catch {
            // Cannot write: EX_CANTCREAT (73), and no usage text (the options were right).
            CLI.say((error as? FileOutput.Failure).map(CLI.l.callAsFunction) ?? CLI.l(CLITexts.cannotWrite(output, "\(error)")))
            throw ExitCode(73)
        }
        CLI.say(CLI.l(CLITexts.wrote(output)))
    }

    /// A file that is no text (a workbook): to `--output`, or to standard output when that is
    /// a pipe or a file, never to a terminal (exit 64 with what to do instead).
    static func emit(bytes: [UInt8], to output: String?, force: Bool) throws {
        guard let output else {
            if isatty(1) != 0 { throw UsageError(message: CLI.l(CLITexts.binaryNotToTerminal)) }
            FileHandle.standardOutput.write(Data(bytes))
            return
        }
        do { try FileOutput.write(bytes: bytes, to: output, force: force) }
        catch {
            CLI.say((error as? FileOutput.Failure).map(CLI.l.callAsFunction) ?? CLI.l(CLITexts.cannotWrite(output, "\(error)")))
            throw ExitCode(73)
        }
        CLI.say(CLI.l(CLITexts.wrote(output)))
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
            say(l(CLITexts.hasErrors(dir)))
            throw ExitCode(1)
        }
        let s = Engine.compute(ds)
        guard !s.tertials.isEmpty else {
            say(l(StartTexts.noPeriods(dir)))
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
        UsageError(message: l(StartTexts.periodOutside(what, from: s.spanStart, to: s.spanEnd)))
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

    /// ArgumentParser's fixed English frame ("Error:", "Usage:", "Help:", "See … for more
    /// information.") and its common sentences in the chosen language; our own messages are
    /// already in it.
    static func localized(_ text: String) -> String {
        guard lang == .nb else { return text }
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            var s = String(line)
            if s.hasPrefix("Error: ") {
                s = l[.cliErrorPrefix] + s.dropFirst(7)
                for (en, nb) in CLITexts.parserSentences {
                    s = s.replacingOccurrences(of: en, with: nb, options: .regularExpression)
                }
                s = s.replacingOccurrences(of: "' or '", with: CLITexts.parserOr)
            }
            if s.hasPrefix("Usage: ") { s = l[.cliUsagePrefix] + s.dropFirst(7) }
            if s.hasPrefix("Help: ") { s = l[.cliHelpPrefix] + s.dropFirst(6) }
            let trimmed = s.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("See '"), trimmed.hasSuffix("' for more information."),
               let start = trimmed.range(of: "'"), let end = trimmed.range(of: "'", options: .backwards), start.upperBound < end.lowerBound {
                s = String(s.prefix { $0 == " " }) + l(CLITexts.seeHelp(String(trimmed[start.upperBound..<end.lowerBound])))
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

    /// `--period` as typed: refused in `validate` unless each is a period (2019-T3, 2019-11, 2019).
    static func checkPeriods(_ texts: [String]) throws {
        for p in texts where Period(parsing: p) == nil { throw ValidationError(l(CLITexts.notAPeriod(p))) }
    }
    static func checkPeriods(_ text: String?) throws { try checkPeriods(text.map { [$0] } ?? []) }

    static func unit(_ s: Snapshot, _ id: String?) throws -> Int {
        guard let id else { return s.tree.root }
        guard let u = s.tree.index[id] else {
            throw UsageError(message: l(StartTexts.unknownUnit(id, known: s.tree.preorder.map { s.tree.units[$0].id })))
        }
        return u
    }

}

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
