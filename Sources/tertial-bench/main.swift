import ArgumentParser
import Foundation
import Model
import Store
import TUI

struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tertial-bench",
        abstract: "Generate large datasets and measure tertial against the floor and its peers (pandas, polars, DuckDB).",
        subcommands: [RunCommand.self, GenerateCommand.self, TimeCommand.self, FramesCommand.self, LoadOnceCommand.self, ScaleCommand.self, KeysCommand.self, StoreWriterCommand.self, StoreBenchCommand.self, MeetingBenchCommand.self, CIFCommand.self, ForecastBenchCommand.self, InstructionsCommand.self, WorkbooksCommand.self],
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

func now() -> Double { Phases.now() }

struct TimeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "time", abstract: "Load and compute once, printing each step's time.")
    @Argument var data: String
    @Flag(help: "Then change one report value on a copy of the data and time the reload (in process).") var reload = false
    @Flag(help: "Load as the dashboard's first frame does: without register files over the staged-start bound.") var staged = false
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
        let r = staged ? loader.load(registersLaterOver: App.registersLaterBytes) : loader.load()
        let t1 = now()
        guard let ds = r.dataset else { print("errors"); return }
        if ds.registersPending { print("registers left for later (staged start)") }
        print("after load: \(memory())")
        let s = Engine.compute(ds)
        let t2 = now()
        print("after compute: \(memory())")
        print("load phases: " + r.phases.description)
        print("compute phases: " + s.phases.description)
        print(String(format: "load %.3f s, compute %.3f s, %d cells, %d warnings", t1 - t0, t2 - t1, s.periods.count * ds.indicators.count * ds.tree.units.count, s.warnings.count))
        if reload { try timeReloads(s) }
    }

    /// Five reloads, each after one report value was changed in a copy of the data.
    func timeReloads(_ first: Snapshot) throws {
        let copy = NSTemporaryDirectory() + "tertial-bench-" + UUID().uuidString
        try FileManager.default.copyItem(atPath: data, toPath: copy)
        defer { try? FileManager.default.removeItem(atPath: copy) }
        let loader = Loader(directory: copy)
        guard var previous = loader.load().dataset.map({ Engine.compute($0) }) else { return }
        for k in 0..<5 {
            guard let file = try changeOneValue(in: copy, round: k) else { return }
            let t0 = now()
            let r = loader.load()
            let t1 = now()
            guard let ds = r.dataset else { print("reload: errors"); return }
            let s = Engine.compute(ds, previous: previous)
            let t2 = now()
            if ProcessInfo.processInfo.environment["BENCH_VERBOSE"] != nil, let per = s.latestTertial(endedBy: .today()) {
                let a = now(); _ = s.deviations(unit: s.tree.root, period: per)
                let b = now(); _ = s.completeness(unit: s.tree.root, period: per)
                let c = now()
                print(String(format: "  deviations %.1f ms, completeness %.1f ms", (b - a) * 1000, (c - b) * 1000))
            }
            let t2b = now()
            _ = Dashboard.render(AppState(snapshot: s, width: 100, height: 30, dataName: "bench"), s)
            let t3 = now()
            print(String(format: "reload %d (%@): load %.1f ms, compute %.1f ms, total %.1f ms; then the first screen %.1f ms", k, file, (t1 - t0) * 1000, (t2 - t1) * 1000, (t2 - t0) * 1000, (t3 - t2b) * 1000))
            print("  load phases: " + r.phases.description)
            print("  compute phases: " + s.phases.description)
            previous = s
        }
    }
}

/// Changes one report value (the first data row of a report file, chosen by `round`) in place,
/// as a leader correcting a figure would: the same rows, one number different. Returns the file.
func changeOneValue(in dir: String, round: Int) throws -> String? {
    let reports = dataFiles(dir).filter { $0.contains("/reports/") }.sorted()
    guard !reports.isEmpty else { return nil }
    let file = reports[(reports.count - 1 - round % reports.count)]
    let text = try String(contentsOfFile: file, encoding: .utf8)
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    guard lines.count > 2 else { return nil }
    var fields = lines[1].split(separator: ";", omittingEmptySubsequences: false).map(String.init)
    guard fields.count >= 4 else { return nil }
    fields[3] = String((Int(fields[3]) ?? 0) + 1)
    lines[1] = Substring(fields.joined(separator: ";"))
    try lines.joined(separator: "\n").write(toFile: file, atomically: true, encoding: .utf8)
    return String(file.dropFirst(dir.count + 1))
}
