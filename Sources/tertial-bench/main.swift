import ArgumentParser
import Foundation
import Model
import Store

struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tertial-bench",
        abstract: "Generate large datasets and measure tertial against the floor and a pandas baseline.",
        subcommands: [RunCommand.self, GenerateCommand.self, TimeCommand.self, LoadOnceCommand.self, ScaleCommand.self, KeysCommand.self, StoreWriterCommand.self, StoreBenchCommand.self],
        defaultSubcommand: RunCommand.self)
}

struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "generate", abstract: "Write a large, valid, deterministic data directory.")
    @Argument(help: "Output directory (replaced).") var out: String
    @Option var units = 60
    @Option var indicators = 120
    @Option var years = 10
    @Option var waitlist = 200_000
    @Option(name: .customLong("ip-users")) var ipUsers = 20_000
    @Option(name: .customLong("brukerplan"), help: "BrukerPlan rows per mapping year.") var brukerPlan = 2_000
    @Option var seed: UInt64 = 2019

    func run() throws {
        let g = Generator(units: units, indicators: indicators, years: years, waitlist: waitlist, ipUsers: ipUsers, brukerPlanRows: brukerPlan, seed: seed)
        let (files, bytes) = try g.run(into: out)
        print("\(out): \(files) files, \(String(format: "%.1f", Double(bytes) / 1e6)) MB")
    }
}

Bench.main()

func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

struct TimeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "time", abstract: "Load and compute once, printing each step's time.")
    @Argument var data: String
    func run() throws {
        func memory() -> String {
            // By name: /proc lists VmHWM (the peak) before VmRSS (now), and the two were swapped.
            let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
            func field(_ name: String) -> String {
                guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix(name + ":") }) else { return "?" }
                let words = line.split(separator: " ", omittingEmptySubsequences: true)
                guard words.count > 1, let kb = Int(words[1]) else { return "?" }
                return "\(kb / 1024) MB"
            }
            return field("VmRSS") + " (peak " + field("VmHWM") + ")"
        }
        let t0 = now()
        let loader = Loader(directory: data)
        let r = loader.load()
        let t1 = now()
        guard let ds = r.dataset else { print("errors"); return }
        print("after load: \(memory())")
        let s = Engine.compute(ds)
        let t2 = now()
        print("after compute: \(memory())")
        print(String(format: "load %.3f s, compute %.3f s, %d cells, %d warnings", t1 - t0, t2 - t1, s.periods.count * ds.indicators.count * ds.tree.units.count, s.warnings.count))
    }
}
