import ArgumentParser
import Foundation
import Model
import Reports
import Store
import TUI

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Load and compute a data directory; print errors, then warnings, then a summary. Exit 1 on errors.")

    @Argument(help: "The data directory (default: TERTIAL_DATA, else sample-data).")
    var data: String = DataOptions.defaultDirectory

    @Flag(name: .long, help: "Also list data-quality warnings computed from the figures.")
    var quality = false

    @Option(name: .long, help: "Language: nb (Norwegian) or en (English).")
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
            print(l(CLITexts.notLoaded(data, errors: diags.count(of: .error), warnings: diags.count(of: .warning))))
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
        print(l(CLITexts.checked(data, sources: DataSources.all.map { $0.summary(ds).text(norwegian: nb) }.joined(separator: ", "), periods: range,
                                    warnings: diags.count(of: .warning), quality: s.warnings.count))
              + (quality ? "" : l[.checkListQuality]))
    }
}
