import ArgumentParser
import Foundation
import Model
import Reports
import TUI

struct Stats: CustomStringConvertible {
    let values: [Double]
    var sorted: [Double] { values.sorted() }
    var median: Double { let s = sorted; return s.isEmpty ? .nan : (s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2) }
    var min: Double { values.min() ?? .nan }
    var max: Double { values.max() ?? .nan }
    func percentile(_ q: Double) -> Double { let s = sorted; return s.isEmpty ? .nan : s[Swift.min(s.count - 1, Int((Double(s.count) * q).rounded(.up)) - 1)] }
    var description: String { "\(ms(median)) (\(ms(min))–\(ms(max)))" }
}

func ms(_ s: Double) -> String { s.isNaN ? "–" : (s >= 1 ? String(format: "%.2f s", s) : String(format: "%.1f ms", s * 1000)) }
func mb(_ b: Double) -> String { String(format: "%.1f MB", b / 1e6) }

/// Runs a program and waits; returns wall time, exit status and the child's peak RSS.
func spawn(_ path: String, _ args: [String], env: [String: String] = [:], quiet: Bool = true) -> (wall: Double, status: Int32, maxRSS: Int) {
    var pid: pid_t = 0
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    if quiet {
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    }
    var environment = ProcessInfo.processInfo.environment
    for (k, v) in env { environment[k] = v }
    let argv = ([path] + args).map { strdup($0) } + [nil]
    let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer { argv.forEach { free($0) }; envp.forEach { free($0) }; posix_spawn_file_actions_destroy(&actions) }
    let t0 = now()
    guard posix_spawn(&pid, path, &actions, nil, argv, envp) == 0 else { return (.nan, -1, 0) }
    var status: Int32 = 0
    var usage = rusage()
    wait4(pid, &status, 0, &usage)
    return (now() - t0, status, Int(usage.ru_maxrss) * 1024)
}

/// Peak RSS in bytes of a command, through /usr/bin/time (installed by .ci/run and the README).
func peakRSS(_ command: [String]) -> Int {
    let out = NSTemporaryDirectory() + "tertial-rss-\(getpid())"
    defer { try? FileManager.default.removeItem(atPath: out) }
    guard FileManager.default.isExecutableFile(atPath: "/usr/bin/time") else { return 0 }
    _ = spawn("/usr/bin/time", ["-f", "%M", "-o", out] + command)
    let text = (try? String(contentsOfFile: out, encoding: .utf8)) ?? ""
    return (Int(text.split(separator: "\n").last(where: { Int($0) != nil }) ?? "") ?? 0) * 1024
}

func dataFiles(_ dir: String) -> [String] {
    let fm = FileManager.default
    var out = [String]()
    for rel in ["units.csv", "indicators.yaml", "targets.csv", "waitlist.csv"] where fm.fileExists(atPath: dir + "/" + rel) { out.append(dir + "/" + rel) }
    for sub in ["reports", "ip"] {
        for f in ((try? fm.contentsOfDirectory(atPath: dir + "/" + sub)) ?? []).sorted() where f.hasSuffix(".csv") { out.append("\(dir)/\(sub)/\(f)") }
    }
    return out
}

/// CPU seconds used so far by a process (utime + stime from /proc).
func cpuSeconds(_ pid: Int32) -> Double? {
    guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8), let close = stat.lastIndex(of: ")") else { return nil }
    let fields = stat[stat.index(after: close)...].split(separator: " ")
    guard fields.count > 13, let u = Double(fields[11]), let s = Double(fields[12]) else { return nil }
    return (u + s) / Double(sysconf(Int32(_SC_CLK_TCK)))
}

/// The pid of a running process named `name` that descends from `root`.
func descendant(of root: Int32, named name: String) -> Int32? {
    guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return nil }
    var parent = [Int32: Int32](), comm = [Int32: String]()
    for e in entries {
        guard let pid = Int32(e), let stat = try? String(contentsOfFile: "/proc/\(e)/stat", encoding: .utf8),
              let open = stat.firstIndex(of: "("), let close = stat.lastIndex(of: ")") else { continue }
        comm[pid] = String(stat[stat.index(after: open)..<close])
        let rest = stat[stat.index(after: close)...].split(separator: " ")
        if rest.count > 1, let pp = Int32(rest[1]) { parent[pid] = pp }
    }
    for (pid, c) in comm where c == name {
        var p: Int32? = pid
        while let x = p, x > 1 { if x == root { return pid }; p = parent[x] }
    }
    return nil
}

struct Measurement {
    var name = "", bytes = 0
    var floor = Stats(values: []), load = Stats(values: []), compute = Stats(values: []), both = Stats(values: [])
    var rss = 0
    var reload = Stats(values: []), firstFrame = Stats(values: []), fullFrame = Stats(values: [])
    var keys = Stats(values: [])
    var idleCPU = Double.nan
    var peers = [PeerResult]()
    var reloadToFrame = Stats(values: []), keysWhileReloading = Stats(values: [])
    var cells = 0
}

/// A peer tool's run on the same files: its time, memory and agreement with tertial.
struct PeerResult {
    let name: String
    var work = Stats(values: []), total = Stats(values: [])
    var rss = 0
    var rows = 0, mismatches = -1
}

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "run", abstract: "Measure tertial on the sample data and a generated dataset, side by side with the floor and the peers (pandas, polars, DuckDB).")
    @Argument(help: "Data directories (default: sample-data and a generated dataset in .build/bench-data).") var data: [String] = []
    @Option(help: "Runs per figure (the median is shown, with min and max).") var runs = 5
    @Option(help: "Seconds of idle time to measure CPU over.") var idle = 10.0
    @Flag(help: "Skip the peers (pandas, polars, DuckDB).") var noPeers = false
    @Option(help: "Also write the table as markdown to this file.") var markdown: String?

    func run() throws {
        let binDir = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent().path
        let tertial = binDir + "/tertial"
        guard FileManager.default.isExecutableFile(atPath: tertial) else {
            throw ValidationError("\(tertial) is missing; build it first: swift build -c release")
        }
        var dirs = data
        if dirs.isEmpty {
            dirs = ["sample-data", ".build/bench-data"]
            if !FileManager.default.fileExists(atPath: ".build/bench-data/units.csv") {
                print("generating .build/bench-data (60 units, 120 indicators, 10 years, 200 000 waitlist cases, 20 000 IP users)")
                _ = try Generator().run(into: ".build/bench-data")
            }
        }
        var results = [Measurement]()
        for dir in dirs {
            print("measuring \(dir) ...")
            results.append(try measure(dir, tertial: tertial))
        }
        let table = render(results)
        print(table)
        if let markdown { try table.write(toFile: markdown, atomically: true, encoding: .utf8) }
    }

    func measure(_ dir: String, tertial: String) throws -> Measurement {
        var m = Measurement()
        m.name = dir
        let files = dataFiles(dir)
        m.bytes = files.reduce(0) { $0 + ((try? FileManager.default.attributesOfItem(atPath: $1)[.size] as? Int) ?? 0) }
        // The floor: reading the same files and nothing else (warm cache, like every figure here).
        _ = spawn("/bin/cat", files)
        m.floor = Stats(values: (0..<runs).map { _ in spawn("/bin/cat", files).wall })
        var loads = [Double](), computes = [Double](), boths = [Double]()
        var snapshot: Snapshot? = nil
        for _ in 0..<runs {
            let t0 = now()
            guard let ds = Loader(directory: dir).load().dataset else { throw ValidationError("\(dir) does not load; run tertial check \(dir)") }
            let t1 = now()
            snapshot = Engine.compute(ds)
            let t2 = now()
            loads.append(t1 - t0); computes.append(t2 - t1); boths.append(t2 - t0)
        }
        m.load = Stats(values: loads); m.compute = Stats(values: computes); m.both = Stats(values: boths)
        let s = snapshot!
        m.cells = s.periods.count * s.indicators.count * s.tree.units.count
        // Peak memory of a process that loads and computes once, measured by GNU time: posix_spawn
        // shares our memory until exec, and Linux keeps that high-water mark in the child's maxrss.
        m.rss = peakRSS([CommandLine.arguments[0], "load-once", dir])
        m.reload = try incremental(dir)
        if let f = try? FramesCommand.measure(tertial: tertial, data: dir, runs: runs * 2) { m.reloadToFrame = f.reload; m.keysWhileReloading = f.keys }
        m.firstFrame = Stats(values: (0..<runs).map { _ in firstFrame(tertial, dir) })
        m.fullFrame = Stats(values: (0..<runs).map { _ in firstFrame(tertial, dir, until: "all") })
        m.keys = keystrokes(s)
        m.idleCPU = idleCPU(tertial, dir)
        if !noPeers, dir != "sample-data" { m.peers = try ["pandas", "polars", "duckdb"].map { try RunCommand.peer($0, dir, s, runs: runs) } }
        return m
    }

    /// Change one report value on a copy and time the reload and recompute, in process,
    /// as the dashboard does it (the previous snapshot lends what did not change).
    func incremental(_ dir: String) throws -> Stats {
        let copy = NSTemporaryDirectory() + "tertial-bench-" + UUID().uuidString
        try FileManager.default.copyItem(atPath: dir, toPath: copy)
        defer { try? FileManager.default.removeItem(atPath: copy) }
        let loader = Loader(directory: copy)
        guard var previous = loader.load().dataset.map({ Engine.compute($0) }) else { return Stats(values: []) }
        var times = [Double]()
        for k in 0..<runs * 2 {
            guard try changeOneValue(in: copy, round: k) != nil else { break }
            let t0 = now()
            guard let ds = loader.load().dataset else { break }
            previous = Engine.compute(ds, previous: previous)
            times.append(now() - t0)
        }
        return Stats(values: times)
    }

    /// The dashboard's follow-up store during the benchmark: its own, never one in the data
    /// directory (the sample data is in the repository).
    var benchStore: String { NSTemporaryDirectory() + "tertial-bench-\(getpid())/followup.sqlite" }

    /// `until`: `1` the first frame, `all` the first with every figure (a large dataset's
    /// registers are read after the first frame).
    func firstFrame(_ tertial: String, _ dir: String, until: String = "1") -> Double {
        spawn("/usr/bin/script", ["-qec", "stty rows 30 cols 100; exec env TERTIAL_EXIT_AFTER_FIRST_FRAME=\(until) TERM=xterm-256color \(tertial) --data \(dir) --store \(benchStore)", "/dev/null"]).wall
    }

    func idleCPU(_ tertial: String, _ dir: String) -> Double {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        p.arguments = ["-qec", "stty rows 30 cols 100; exec env TERM=xterm-256color \(tertial) --data \(dir) --store \(benchStore)", "/dev/null"]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        p.standardInput = Pipe()
        guard (try? p.run()) != nil else { return .nan }
        defer { p.terminate(); p.waitUntilExit() }
        Thread.sleep(forTimeInterval: 1)
        guard let pid = descendant(of: p.processIdentifier, named: "tertial") else { return .nan }
        // Start-up work (loading, the background warm-up) first: wait until a second passes without CPU use.
        var before = cpuSeconds(pid) ?? 0
        for _ in 0..<60 {
            Thread.sleep(forTimeInterval: 1)
            let now = cpuSeconds(pid) ?? 0
            if now - before < 0.005 { break }
            before = now
        }
        guard let c0 = cpuSeconds(pid) else { return .nan }
        Thread.sleep(forTimeInterval: idle)
        guard let c1 = cpuSeconds(pid) else { return .nan }
        kill(pid, SIGTERM)
        return c1 - c0
    }

    /// A scripted walk through every screen: update + render + the cell diff the terminal does.
    func keystrokes(_ s: Snapshot) -> Stats { RunCommand.keystrokesOf(s) }

    static func keystrokesOf(_ s: Snapshot) -> Stats {
        var st = AppState(snapshot: s, width: 100, height: 30, dataName: "bench")
        var walk = [Key]()
        for screen in "123456" {
            walk += [.char(screen), .down, .down, .down, .enter, .down, .down, .enter, .escape, .escape, .char("]"), .char("["), .pageDown, .end, .home]
        }
        walk += [.char("n"), .char("n"), .char("N"), .char("2"), .char("s"), .char("/"), .char("a"), .enter, .char("u"), .down, .enter]
        // The dashboard warms these in the background when data loads (App.warm); do the same.
        Dashboard.warm(st, s)
        var last = Dashboard.render(st, s)
        var times = [Double]()
        for _ in 0..<3 {
            for k in walk {
                let t0 = now()
                st = Dashboard.update(st, .key(k), s).0
                let frame = Dashboard.render(st, s)
                var changed = 0
                if frame.width == last.width && frame.height == last.height {
                    for y in 0..<frame.height { for x in 0..<frame.width where frame[x, y] != last[x, y] { changed += 1 } }
                }
                last = frame
                times.append(now() - t0)
                _ = changed
                if ProcessInfo.processInfo.environment["BENCH_VERBOSE"] != nil, times.last! > 0.005 {
                    print(String(format: "  slow key %@ on %@: %.1f ms", "\(k)", "\(st.top.kind)", times.last! * 1000))
                }
            }
        }
        return Stats(values: times)
    }

    /// The peers run in a virtual environment of their own (.build/bench-venv), made and
    /// filled from PyPI on first use, outside the timing.
    static let venv = ".build/bench-venv"
    static func ensureVenv() -> String? {
        let python = venv + "/bin/python"
        let ok = { spawn(python, ["-c", "import pandas, polars, duckdb, pyarrow, yaml"]).status == 0 }
        if FileManager.default.isExecutableFile(atPath: python), ok() { return python }
        print("installing pandas, polars and DuckDB into \(venv) (once) ...")
        _ = spawn("/usr/bin/env", ["python3", "-m", "venv", venv])
        _ = spawn(python, ["-m", "pip", "install", "-q", "pandas", "polars", "duckdb", "pyarrow", "pyyaml"], quiet: false)
        return ok() ? python : nil
    }

    /// One peer (bench/NAME_baseline.py): first checked to give the same figures as tertial,
    /// then timed as a whole process (median of `runs`, at most 3 for pandas).
    static func peer(_ name: String, _ dir: String, _ s: Snapshot, runs: Int) throws -> PeerResult {
        var result = PeerResult(name: name)
        guard let python = RunCommand.ensureVenv() else { print("no python environment for the peers"); return result }
        let out = NSTemporaryDirectory() + "tertial-\(name)-\(getpid()).csv", errFile = out + ".err"
        defer { try? FileManager.default.removeItem(atPath: out); try? FileManager.default.removeItem(atPath: errFile) }
        let command = "'\(python)' bench/\(name)_baseline.py '\(dir)' '\(out)' 2> '\(errFile)'"
        // The same numbers as `tertial report --format csv`?
        guard spawn("/bin/sh", ["-c", command], quiet: false).status == 0 else { return result }
        (result.rows, result.mismatches) = RunCommand.agreement(s, (try? String(contentsOfFile: out, encoding: .utf8)) ?? "")
        for _ in 0..<(name == "pandas" ? Swift.min(runs, 3) : runs) {
            let r = spawn("/bin/sh", ["-c", "exec " + command], quiet: false)
            guard r.status == 0, let err = try? String(contentsOfFile: errFile, encoding: .utf8),
                  let w = err.split(separator: "\n").last(where: { $0.hasPrefix("work_seconds=") }) else { break }
            result.total = Stats(values: result.total.values + [r.wall])
            result.work = Stats(values: result.work.values + [Double(w.split(separator: " ")[0].dropFirst("work_seconds=".count)) ?? .nan])
        }
        // By GNU time, as tertial's own: a child of this (large) process would report our peak.
        result.rss = peakRSS(["/bin/sh", "-c", "exec " + command])
        return result
    }

    /// How many of a peer's `period;unit;indicator;value` rows there are, and how many differ
    /// from tertial's own CSV report of the same tertials.
    static func agreement(_ s: Snapshot, _ theirs: String) -> (rows: Int, mismatches: Int) {
        let csv = Renderers.csv(s, unit: s.tree.root, periods: s.tertials)
        var ours = [Substring: Double]()
        for line in csv.split(separator: "\n").dropFirst() {
            let f = line.split(separator: ";", omittingEmptySubsequences: false)
            guard f.count >= 6, let v = Double(f[3].replacingOccurrences(of: ",", with: ".")) else { continue }
            ours[f[0] + ";" + f[1] + ";" + f[2]] = v
        }
        var rows = 0, mismatches = 0
        for line in theirs.split(separator: "\n").dropFirst() {
            let f = line.split(separator: ";")
            guard f.count == 4, let v = Double(f[3]) else { continue }
            rows += 1
            let key = f[0] + ";" + f[1] + ";" + f[2]
            if let o = ours[Substring(key)], abs(o - v) < 0.051 { continue }
            mismatches += 1
        }
        return (rows, mismatches)
    }

    func render(_ rs: [Measurement]) -> String {
        func row(_ name: String, _ f: (Measurement) -> String, target: String = "") -> String {
            "| \(name) | " + rs.map(f).joined(separator: " | ") + " | \(target) |\n"
        }
        var t = "| figure | " + rs.map { $0.name }.joined(separator: " | ") + " | target (generated data) |\n"
        t += "|---|" + rs.map { _ in "---|" }.joined() + "---|\n"
        t += row("data on disk", { mb(Double($0.bytes)) })
        t += row("cells in the snapshot", { "\($0.cells)" })
        t += row("floor: `cat` the files", { $0.floor.description })
        t += row("load (parse, validate)", { $0.load.description })
        t += row("compute (snapshot)", { $0.compute.description })
        t += row("load + compute", { $0.both.description }, target: "< 1.5 s and < 10× floor")
        t += row("throughput", { String(format: "%.0f MB/s", Double($0.bytes) / 1e6 / $0.both.median) })
        t += row("tertial ÷ floor", { String(format: "%.1f×", $0.both.median / $0.floor.median) }, target: "< 10×")
        t += row("peak memory (RSS)", { mb(Double($0.rss)) + String(format: " (%.1f× data)", Double($0.rss) / Double(Swift.max(1, $0.bytes))) }, target: "< 4× data")
        t += row("reload after one changed report value, in process", { $0.reload.description }, target: "< 50 ms")
        t += row("reload, file written to new frame (tmux)", { $0.reloadToFrame.description }, target: "< 100 ms")
        t += row("key to frame while reloading (tmux), p99", { ms($0.keysWhileReloading.percentile(0.99)) }, target: "< 16 ms")
        t += row("start to first frame (pty)", { $0.firstFrame.description }, target: "< 100 ms sample, < 500 ms generated")
        t += row("start to a frame with every figure (pty)", { $0.fullFrame.description }, target: "")
        t += row("keystroke to frame, median", { ms($0.keys.median) })
        t += row("keystroke to frame, p99", { ms($0.keys.percentile(0.99)) }, target: "< 10 ms")
        t += row("CPU in \(Int(idle)) s idle", { $0.idleCPU.isNaN ? "–" : String(format: "%.3f s", $0.idleCPU) }, target: "≈ 0")
        for name in noPeers ? [] : ["pandas", "polars", "duckdb"] {
            func p(_ m: Measurement) -> PeerResult? { m.peers.first { $0.name == name } }
            t += row("\(name): whole process (read + aggregate)", { p($0).map { "\($0.total) (\(ms($0.work.median)))" } ?? "–" })
            t += row("\(name): peak memory", { p($0).map { mb(Double($0.rss)) } ?? "–" })
            t += row("tertial load + compute ÷ \(name) whole process", { m in p(m).map { String(format: "%.2f×", m.both.median / $0.total.median) } ?? "–" },
                     target: name == "polars" ? "≤ 0.5×" : "")
            t += row("\(name) figures equal to `tertial report --format csv`", { p($0).map { $0.mismatches < 0 ? "–" : ($0.mismatches == 0 ? "yes, \($0.rows) rows" : "NO: \($0.mismatches) of \($0.rows) differ") } ?? "–" })
        }
        return t
    }
}

struct KeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "keys", abstract: "Only the keystroke-to-frame walk (BENCH_VERBOSE=1 names slow keys).")
    @Argument var data: String
    func run() throws {
        guard let ds = Loader(directory: data).load().dataset else { throw ExitCode(1) }
        let st = RunCommand.keystrokesOf(Engine.compute(ds))
        print("median \(ms(st.median)), p99 \(ms(st.percentile(0.99))), max \(ms(st.max))")
    }
}

struct LoadOnceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "load-once", abstract: "Load and compute once (for peak memory).")
    @Argument var data: String
    func run() throws {
        guard let ds = Loader(directory: data).load().dataset else { throw ExitCode(1) }
        let s = Engine.compute(ds)
        print(s.periods.count)
    }
}

struct ScaleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "scale", abstract: "Load + compute at 1×, 2×, 4× and 8× the units and at 4× the years, with peak memory, to see how cost grows.")
    @Option var runs = 3
    @Flag(help: "Also run the peers (pandas, polars, DuckDB) once on each dataset, checked against tertial.") var peers = false
    func run() throws {
        let peerNames = peers ? ["polars", "duckdb", "pandas"] : []
        print("| dataset | data | cells | load + compute (median) | per million cells | peak RSS | RSS ÷ data |"
              + peerNames.map { " \($0): process, RSS, equal |" }.joined() + "\n|---|---|---|---|---|---|---|" + peerNames.map { _ in "---|" }.joined())
        for (k, years) in [(1, 10), (2, 10), (4, 10), (8, 10), (1, 40)] {
            let dir = years == 10 ? ".build/bench-scale-\(k)" : ".build/bench-scale-years-\(years)"
            var g = Generator()
            g.units = 60 * k
            g.years = years
            g.firstYear = 2022 - years // inside the years tertial reads (50 back from today)
            if !FileManager.default.fileExists(atPath: dir + "/units.csv") { _ = try g.run(into: dir) }
            let bytes = dataFiles(dir).reduce(0) { $0 + ((try? FileManager.default.attributesOfItem(atPath: $1)[.size] as? Int) ?? 0) }
            var times = [Double](), cells = 0
            var snapshot: Snapshot? = nil
            for _ in 0..<runs {
                let t0 = now()
                guard let ds = Loader(directory: dir).load().dataset else { print("| \(dir) does not load: tertial check \(dir) |"); break }
                let s = Engine.compute(ds)
                times.append(now() - t0)
                cells = s.periods.count * s.indicators.count * s.tree.units.count
                snapshot = s
            }
            let st = Stats(values: times)
            var peerCells = ""
            if let s = snapshot {
                for name in peerNames {
                    let p = try RunCommand.peer(name, dir, s, runs: 1)
                    peerCells += " \(ms(p.total.median)), \(mb(Double(p.rss))), " + (p.mismatches == 0 ? "yes" : "NO (\(p.mismatches) of \(p.rows))") + " |"
                }
            }
            let rss = peakRSS([CommandLine.arguments[0], "load-once", dir])
            let name = years == 10 ? "\(k)× units (\(g.units))" : "\(years / 10)× years (\(years))"
            guard !times.isEmpty else { continue }
            print("| \(name) | \(mb(Double(bytes))) | \(cells) | \(st) | \(ms(st.median / Double(cells) * 1e6)) | \(mb(Double(rss))) | \(String(format: "%.1f×", Double(rss) / Double(bytes))) |" + peerCells)
            fflush(stdout)
        }
    }
}

/// Issue 27's measurement that survives a noisy machine: the instruction count of
/// `tertial check DATA` (load + compute, the whole process) and of the keystroke walk
/// (`tertial-bench keys sample-data`), counted by valgrind's callgrind with hashing made
/// deterministic; the same count repeats from run to run whatever else the machine does.
/// With `perf` where the machine supports it, also perf's count of the same commands.
struct InstructionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "instructions", abstract: "Instruction counts of load + compute (tertial check) and of the keystroke walk, by callgrind (and perf where supported).")
    @Argument(help: "Data directories for tertial check (default: .build/bench-data).") var data: [String] = []
    @Flag(help: "Leave out the keystroke walk.") var noKeys = false

    func run() throws {
        let binDir = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent().path
        let tertial = binDir + "/tertial", bench = binDir + "/tertial-bench"
        guard FileManager.default.isExecutableFile(atPath: tertial) else { throw ValidationError("\(tertial) is missing; build it first") }
        guard let valgrind = InstructionsCommand.which("valgrind") else { throw ValidationError("needs valgrind (apt-get install valgrind)") }
        // valgrind 3.19 gives up on Swift's debug information: the binaries are counted from
        // copies with it stripped (`strip -g`; the code is the same).
        let tmp = NSTemporaryDirectory() + "tertial-instructions-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: tmp, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: tmp) }
        func stripped(_ path: String) throws -> String {
            let copy = tmp + "/" + (path as NSString).lastPathComponent
            try FileManager.default.copyItem(atPath: path, toPath: copy)
            if let strip = InstructionsCommand.which("strip") { _ = InstructionsCommand.stderr([strip, "-g", copy]) }
            return copy
        }
        // A directory that is not there would be counted as a failed start, a figure of nothing.
        for d in (data.isEmpty ? [".build/bench-data"] : data) + (noKeys ? [] : ["sample-data"]) where !FileManager.default.fileExists(atPath: d) {
            throw ValidationError("\(d) is not there: run from the package's folder (`tertial-bench generate` writes .build/bench-data)")
        }
        let counted = try stripped(tertial)
        var jobs = (data.isEmpty ? [".build/bench-data"] : data).map { ("tertial check \($0)", [counted, "check", $0]) }
        if !noKeys { jobs.append(("tertial-bench keys sample-data", [try stripped(bench), "keys", "sample-data"])) }
        let perf = InstructionsCommand.which("perf").flatMap { p in InstructionsCommand.perfCount(p, ["/bin/true"]) != nil ? p : nil }
        for (name, args) in jobs {
            let count = InstructionsCommand.callgrind(valgrind, args)
            var line = "\(name): " + (count.map { InstructionsCommand.grouped($0) + " instructions (callgrind)" } ?? "callgrind failed")
            if let perf, let p = InstructionsCommand.perfCount(perf, args) { line += ", " + InstructionsCommand.grouped(p) + " (perf)" }
            print(line)
        }
    }

    static func which(_ tool: String) -> String? {
        (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
            .map { "\($0)/\(tool)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Runs a command and returns its standard error.
    static func stderr(_ args: [String], environment: [String: String] = [:]) -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: args[0])
        p.arguments = Array(args.dropFirst())
        p.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let err = Pipe()
        p.standardOutput = FileHandle.nullDevice
        p.standardError = err
        guard (try? p.run()) != nil else { return "" }
        let data = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    /// callgrind's "I refs" total.
    static func callgrind(_ valgrind: String, _ args: [String]) -> Int? {
        let out = stderr([valgrind, "--tool=callgrind", "--callgrind-out-file=/dev/null"] + args, environment: ["SWIFT_DETERMINISTIC_HASHING": "1"])
        guard let line = out.split(separator: "\n").first(where: { $0.contains("I   refs:") }) else { return nil }
        return Int(line.split(separator: " ").last.map { $0.replacingOccurrences(of: ",", with: "") } ?? "")
    }

    /// perf's count of instructions (user and kernel), nil where the machine does not support it.
    static func perfCount(_ perf: String, _ args: [String]) -> Int? {
        let out = stderr([perf, "stat", "-x", ",", "-e", "instructions"] + args, environment: ["SWIFT_DETERMINISTIC_HASHING": "1"])
        guard let line = out.split(separator: "\n").first(where: { $0.contains(",instructions") }),
              let n = Int(line.split(separator: ",").first ?? "") else { return nil }
        return n
    }

    static func grouped(_ n: Int) -> String {
        var s = String(n), out = ""
        while s.count > 3 { out = " " + s.suffix(3) + out; s = String(s.dropLast(3)) }
        return s + out
    }
}
