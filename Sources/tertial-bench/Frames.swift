import ArgumentParser
import Foundation

/// The reload as a leader sees it: the real dashboard in a tmux window, a report value
/// changed on disk, and the time until the frame with the new data is drawn; then keys
/// sent while reloads run, and the time until each key's frame. The dashboard appends each
/// frame's monotonic time and data generation to a log (`TERTIAL_FRAME_LOG`), so the
/// times are read from the process itself, not from polling the screen.
struct FramesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "frames", abstract: "Reload-to-frame and keys-during-reload latency of the dashboard in tmux.")
    @Argument(help: "Data directory (copied; the copy is edited).") var data: String
    @Option var runs = 10

    struct Frame { let time: Double; let generation: Int; let keys: Int }

    func run() throws {
        let binDir = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent().path
        let r = try FramesCommand.measure(tertial: binDir + "/tertial", data: data, runs: runs)
        print("reload, file written to new frame: \(r.reload) (\(r.reload.values.count) reloads)")
        print("key to frame while reloading: median \(ms(r.keys.median)), p99 \(ms(r.keys.percentile(0.99))), max \(ms(r.keys.max)) (\(r.keys.values.count) keys)")
        print("screen after the last reload says: \(r.message)")
    }

    static func measure(tertial: String, data: String, runs: Int) throws -> (reload: Stats, keys: Stats, message: String) {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux") else { throw ValidationError("tmux is needed") }
        let copy = NSTemporaryDirectory() + "tertial-frames-" + UUID().uuidString
        try FileManager.default.copyItem(atPath: data, toPath: copy)
        let log = copy + ".frames"
        let store = copy + ".followup.sqlite"
        guard FileManager.default.createFile(atPath: log, contents: nil, attributes: [.posixPermissions: 0o600]) else {
            throw ValidationError("cannot create the frame log \(log)")
        }
        let session = "tertial-frames-\(getpid())"
        defer {
            _ = spawn("/usr/bin/tmux", ["kill-session", "-t", session])
            for p in [copy, log, store, store + "-wal", store + "-shm"] { try? FileManager.default.removeItem(atPath: p) }
        }
        let command = "env TERTIAL_FRAME_LOG='\(log)' TERM=xterm-256color '\(tertial)' --data '\(copy)' --store '\(store)'"
        _ = spawn("/usr/bin/tmux", ["new-session", "-d", "-s", session, "-x", "100", "-y", "30", command])
        func frames() -> [Frame] {
            let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            return text.split(separator: "\n").compactMap { line in
                let w = line.split(separator: " ")
                guard w.count == 3, let t = Double(w[0]), let g = Int(w[1]), let k = Int(w[2]) else { return nil }
                return Frame(time: t, generation: g, keys: k)
            }
        }
        func waitFor(_ ok: ([Frame]) -> Frame?, timeout: Double = 30) -> Frame? {
            let end = now() + timeout
            while now() < end {
                if let f = ok(frames()) { return f }
                usleep(500)
            }
            return nil
        }
        guard let first = waitFor({ $0.first }) else { throw ValidationError("the dashboard drew no frame") }
        // Let the start-up work (store, the background warm-up of the screens) finish.
        Thread.sleep(forTimeInterval: 3)
        var generation = frames().last?.generation ?? first.generation
        var reloads = [Double]()
        for k in 0..<runs {
            guard try changeOneValue(in: copy, round: k) != nil else { break }
            let written = now()
            guard let f = waitFor({ $0.first { $0.generation > generation && $0.time > written - 1 } }) else { break }
            reloads.append(f.time - written)
            generation = f.generation
            Thread.sleep(forTimeInterval: 1.0) // one edit at a time: the warm-up of the last one has ended
        }
        let message = String((spawnOutput("/usr/bin/tmux", ["capture-pane", "-p", "-t", session]).split(separator: "\n").last { $0.contains("reports/") } ?? "").trimmingCharacters(in: .whitespaces))
        // Keys while reloading: a value changed, then at once a key (down, up in turn).
        var keys = [Double]()
        for k in 0..<runs * 4 {
            _ = try changeOneValue(in: copy, round: 100 + k)
            usleep(useconds_t(k % 4 * 8000)) // before, at the start of and during the reload
            let handled = frames().last?.keys ?? 0
            let sent = now()
            _ = spawn("/usr/bin/tmux", ["send-keys", "-t", session, k % 2 == 0 ? "Down" : "Up"])
            // The first frame drawn after the key was handled; tmux's own delivery included.
            guard let f = waitFor({ $0.first { $0.keys > handled } }) else { break }
            keys.append(f.time - sent)
            Thread.sleep(forTimeInterval: 0.15)
        }
        if ProcessInfo.processInfo.environment["BENCH_VERBOSE"] != nil {
            print(((try? String(contentsOfFile: log, encoding: .utf8)) ?? "").split(separator: "\n").filter { $0.hasPrefix("#") }.joined(separator: "\n"))
        }
        return (Stats(values: reloads), Stats(values: keys), message)
    }
}

/// A program's standard output.
func spawnOutput(_ path: String, _ args: [String]) -> String {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: path)
    p.arguments = args
    let pipe = Pipe()
    p.standardOutput = pipe
    p.standardError = FileHandle.nullDevice
    guard (try? p.run()) != nil else { return "" }
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
}
