import ArgumentParser
import Foundation
import Model
import Reports
import Store

/// Writes entries to a follow-up store as fast as it can, printing each committed id on its
/// own line (unbuffered): the concurrency and SIGKILL tests run two of these, or kill one.
struct StoreWriterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "store-writer", abstract: "Write N follow-up entries (for the store's concurrency tests).")

    @Argument(help: "The store (a SQLite file or a postgresql:// address).")
    var path: String

    @Option(name: .long, help: "How many entries.")
    var count = 1000

    @Option(name: .long, help: "A tag in the text and the user name.")
    var tag = "W"

    func run() throws {
        let store = try FollowUpStores.openAdministered(path)
        let units = ["ph-vest", "ph-nord", "ph-sentrum", "ph-sor", "bosenter"]
        for n in 0..<count {
            let key = Entry.Key(unit: UnitID(units[n % units.count]), indicator: "staff_user_experience", period: .tertial(2019, 3))
            let e = n % 2 == 0
                ? try store.addAction(key, text: "Tiltak \(tag)-\(n)", owner: "enhetsleder", due: Day(year: 2027, month: 1, day: 31), by: "writer-\(tag)")
                : try store.addComment(key, text: "Kommentar \(tag)-\(n)", by: "writer-\(tag)")
            FileHandle.standardOutput.write(Data("\(e.id)\n".utf8))
        }
    }
}

/// The store's speed: opening it, reading it whole, and `tertial followup list` on a store
/// of N entries (docs/performance.md).
struct StoreBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "store", abstract: "Measure the follow-up store: open, read all, list, on a generated store.")

    @Option(name: .long, help: "Entries in the generated store.")
    var entries = 100_000

    @Option(name: .long, help: "Where to put the store (default: a temporary folder), or a postgresql:// address of an empty database.")
    var path: String?

    func run() throws {
        let file = path ?? (NSTemporaryDirectory() + "tertial-store-bench-\(getpid())/tertial.sqlite")
        defer { if path == nil { try? FileManager.default.removeItem(atPath: (file as NSString).deletingLastPathComponent) } }
        func open() throws -> any AdministeredStore {
            try FollowUpStores.openAdministered(file)
        }
        let store = try open()
        let have = try store.all().count
        let t0 = Date()
        if have == 0 {
            // Generated in one transaction (importRows: the same checks and history rows).
            let units = ["ph-vest", "ph-nord", "ph-sentrum", "ph-sor", "ph-fyllingsdalen", "ph-laksevag"]
            let now = FollowUpRules.timestamp()
            let made = (have..<entries).map { n -> Entry in
                let key = Entry.Key(unit: UnitID(units[n % units.count]), indicator: "staff_user_experience", period: .tertial(2018 + n % 3, 1 + n % 3))
                let action = n % 3 != 0
                return Entry(id: 0, kind: action ? .action : .comment, key: key, text: (action ? "Tiltak " : "Kommentar ") + "\(n)",
                             owner: action ? "enhetsleder" : nil, due: action ? Day(year: 2026 + n % 2, month: 1 + n % 12, day: 1 + n % 28) : nil,
                             status: action ? [.planned, .inProgress, .done, .cancelled][n % 4] : nil, note: nil, supersededBy: nil,
                             createdAt: now, createdBy: "bench", updatedAt: now, updatedBy: "bench")
            }
            try store.importRows(made.enumerated().map { k, e in
                FollowUpExport.Row(entryID: Int64(k + 1), kind: e.kind, key: e.key, change: .created, at: e.createdAt, by: e.createdBy, text: e.text,
                                   owner: e.owner, due: e.due, status: e.status, note: nil, supersededBy: nil)
            })
            print(String(format: "generated %d entries in %.1f s", entries - have, Date().timeIntervalSince(t0)))
        }
        func time(_ label: String, _ runs: Int = 7, _ body: () throws -> Void) rethrows {
            var ts = [Double]()
            for _ in 0..<runs {
                let t = Date()
                try body()
                ts.append(Date().timeIntervalSince(t) * 1000)
            }
            ts.sort()
            print(String(format: "%@: median %.1f ms (%.1f–%.1f)", label, ts[ts.count / 2], ts.first!, ts.last!))
        }
        try time("open the store") { _ = try open() }
        try time("read every entry (FollowUpBook)") { _ = try FollowUpBook(open()) }
        let book = try FollowUpBook(store)
        time("list: select and render as text") {
            _ = FollowUpReport.render(FollowUpReport.select(book, units: nil, period: nil, filter: .open, today: Day.today()), snapshot: nil,
                                      format: .text, lang: .nb, today: Day.today())
        }
        let key = Entry.Key(unit: "ph-vest", indicator: "staff_user_experience", period: .tertial(2019, 3))
        var current = book
        try time("save a comment and merge what changed (the dashboard after Enter)") {
            try store.addComment(key, text: "Målt", by: "bench")
            current = try current.refreshed(from: store)
        }
    }
}

/// A year of monthly meetings of the etat on a data directory (the generated one): the
/// time to open one (baseline and agenda), close it, write its minutes, and the store's
/// size after 12 (issue 24: the baseline must stay small).
struct MeetingBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "meetings", abstract: "Open and close N meetings of the etat on a data directory: time per meeting and the store's size after them.")

    @Option(name: .long, help: "The data directory (e.g. one made by `tertial-bench generate`).")
    var data: String

    @Option(name: .long, help: "How many meetings (a year of monthly meetings: 12).")
    var count = 12

    @Option(name: .long, help: "Where to put the store (default: a temporary folder), or a postgresql:// address of an empty database.")
    var path: String?

    func run() throws {
        let file = path ?? (NSTemporaryDirectory() + "tertial-meeting-bench-\(getpid())/tertial.sqlite")
        defer { if path == nil { try? FileManager.default.removeItem(atPath: (file as NSString).deletingLastPathComponent) } }
        guard let ds = Loader(directory: data).load().dataset else { throw ValidationError("\(data) does not load") }
        let s = Engine.compute(ds)
        let store = try FollowUpStores.openAdministered(file)
        let empty = try store.sizeInBytes()
        let periods = s.tertials.suffix(count)
        var open = [Double](), close = [Double](), minutes = [Double](), items = [Int](), baseline = [Int]()
        for (k, p) in periods.enumerated() {
            let t0 = Date()
            let m = try store.openMeeting(s, unit: s.tree.root, period: p, participants: "Etatsdirektør og byområdeledere", by: "bench", today: Day.today())
            open.append(Date().timeIntervalSince(t0) * 1000)
            let r = try store.record(m.id)
            items.append(r.agenda.count)
            baseline.append(try store.meetingBaseline(m.id).map { $0.encoded().count } ?? 0)
            for it in r.agenda.prefix(5) { try store.markItem(m.id, item: it.key, .done, by: "bench") }
            if let first = r.agenda.first(where: { $0.followUpKey != nil }), let key = first.followUpKey {
                try store.addAction(key, text: "Tiltak fra møte \(k + 1)", owner: "enhetsleder", due: Day.today() + 30, by: "bench", meeting: m.id, item: first.key)
            }
            let t1 = Date()
            try store.closeMeeting(m.id, by: "bench")
            close.append(Date().timeIntervalSince(t1) * 1000)
            let t2 = Date()
            _ = Minutes(record: try store.record(m.id), snapshot: s, book: try FollowUpBook(store), lang: .nb, today: Day.today()).render(.html)
            minutes.append(Date().timeIntervalSince(t2) * 1000)
        }
        func median(_ xs: [Double]) -> Double { xs.sorted()[xs.count / 2] }
        print(String(format: "%d meetings of the etat (%d units, %d indicators): open (baseline + agenda) median %.0f ms, close %.1f ms, minutes (HTML) %.0f ms",
                     periods.count, s.tree.units.count, s.indicators.count, median(open), median(close), median(minutes)))
        print("agenda items per meeting: \(items.map(String.init).joined(separator: " "))")
        print(String(format: "baseline per meeting: median %.0f KiB (%d figures in the last)", Double(baseline.sorted()[baseline.count / 2]) / 1024,
                     try store.meetingBaseline(try store.meetings(unit: nil).last!.id)?.figures.count ?? 0))
        let size = try store.sizeInBytes()
        print(String(format: "store: %.1f MiB after %d meetings (%.1f MiB empty)", Double(size) / 1_048_576, periods.count, Double(empty) / 1_048_576))
    }
}

/// The Aalen–Johansen estimate of a file of observations (`days;kind` lines, kind 0
/// censored, 1 allocated, 2 left), one line per step: what `scripts/check-cif.py` compares
/// with scikit-survival.
struct CIFCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "cif", abstract: "The cumulative incidence of a file of observations (days;kind), for the check against scikit-survival.")

    @Argument(help: "A file of `days;kind` lines.")
    var file: String

    func run() throws {
        let text = try String(contentsOfFile: file, encoding: .utf8)
        let obs = text.split(whereSeparator: \.isNewline).compactMap { line -> (days: Int, kind: Int)? in
            let f = line.split(separator: ";")
            guard f.count == 2, let d = Int(f[0]), let k = Int(f[1]) else { return nil }
            return (d, k)
        }
        let ci = CumulativeIncidence(obs, kinds: 2)
        print("day;at_risk;f1;f2;var1;var2;low1;high1")
        for s in ci.steps {
            let (lo, hi) = ci.interval(1, at: s.day)
            print(([String(s.day), String(s.atRisk)] + [s.incidence[0], s.incidence[1], s.variance[0], s.variance[1], lo, hi].map { String(format: "%.17g", $0) })
                .joined(separator: ";"))
        }
    }
}

/// Issue 25's performance target: the waitlist forecast of every unit and category (and all)
/// adds no more than 10 % to load + compute. Each run loads and computes anew, then makes
/// every forecast on the last day of the data (nothing cached from the run before).
struct ForecastBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "forecast", abstract: "Load + compute, then the waitlist forecast of every unit and category: the time of each and the share the forecast adds.")
    @Argument var data: String
    @Option var runs = 5
    @Flag(help: "Load and compute only (for an instruction count without the forecasts, under callgrind).") var withoutForecast = false
    func run() throws {
        var base = [Double](), extra = [Double](), estimates = 0, forecasts = 0
        for _ in 0..<max(1, runs) {
            let t0 = now()
            guard let ds = Loader(directory: data).load().dataset else { throw ValidationError("\(data): errors (run tertial check)") }
            let s = Engine.compute(ds)
            let t1 = now()
            base.append(t1 - t0)
            guard !withoutForecast else { continue }
            estimates = 0; forecasts = 0
            let units = s.tree.units.indices.filter { s.tree.units[$0].isActive(on: s.spanEnd) }
            for fcs in s.forecasts(units: units, at: s.spanEnd) {
                for f in fcs.values {
                    forecasts += 1
                    if f.estimate != nil { estimates += 1 }
                }
            }
            extra.append(now() - t1)
        }
        let b = base.min()!
        print(String(format: "load + compute %.3f s (best of %d)", b, base.count))
        if let e = extra.min() {
            print(String(format: "forecasts %.3f s: %d (units × categories and all), %d with an estimate; %.1f %% of load + compute",
                         e, forecasts, estimates, e / b * 100))
        }
    }
}
