import Foundation
import Model

/// A small, fast, seeded PRNG (SplitMix64), so a generated dataset is the same every time.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E3779B97F4A7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
        z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
        return z ^ (z >> 31)
    }
}

/// Writes a large, valid format-v1 data directory for benchmarks.
struct Generator {
    var units = 60
    var indicators = 120
    var years = 10
    var waitlist = 200_000
    var ipUsers = 20_000
    /// BrukerPlan rows per mapping year (Bergen mapped 1,845 in 2014); one mapping a year.
    var brukerPlanRows = 2_000
    var seed: UInt64 = 2019
    var firstYear = 2012

    struct GenUnit { let id: String; let parent: String?; let kind: String; let from: String; let to: String; let successor: String }

    /// Buffered text output, written once.
    struct Out {
        var bytes = [UInt8]()
        mutating func line(_ s: String) { bytes.append(contentsOf: s.utf8); bytes.append(10) }
        func write(_ path: String) throws { try Data(bytes).write(to: URL(fileURLWithPath: path)) }
    }

    /// One function on purpose: every section draws from one random sequence in this order,
    /// so the generated dataset stays byte-identical across versions and benchmark runs
    /// stay comparable.
    func run(into dir: String) throws -> (files: Int, bytes: Int) {
        var rng = SplitMix64(seed: seed)
        let fm = FileManager.default
        try? fm.removeItem(atPath: dir)
        for sub in ["", "/reports", "/ip", "/brukerplan"] { try fm.createDirectory(atPath: dir + sub, withIntermediateDirectories: true) }
        var written = 0, files = 0
        func save(_ o: Out, _ rel: String) throws { try o.write(dir + "/" + rel); written += o.bytes.count; files += 1 }

        // Units: the etat, areas, resultatenheter, avdelinger (leaves); two avdelinger merge half-way.
        let areas = max(1, units / 12)
        let results = max(areas, units / 4)
        let leaves = max(results, units - 1 - areas - results)
        var tree = [GenUnit(id: "etat", parent: nil, kind: "etat", from: "", to: "", successor: "")]
        for a in 0..<areas { tree.append(GenUnit(id: "omraade-\(a)", parent: "etat", kind: "byomrade", from: "", to: "", successor: "")) }
        for r in 0..<results { tree.append(GenUnit(id: "resultatenhet-\(r)", parent: "omraade-\(r % areas)", kind: "resultatenhet", from: "", to: "", successor: "")) }
        let mergeYear = firstYear + years / 2
        var leafIDs = [String]()
        for k in 0..<leaves {
            let id = "avdeling-\(k)"
            if k < 2 {
                tree.append(GenUnit(id: id, parent: "resultatenhet-0", kind: "avdeling", from: "", to: "\(mergeYear - 1)-12-31", successor: "avdeling-ny"))
            } else {
                tree.append(GenUnit(id: id, parent: "resultatenhet-\(k % results)", kind: "avdeling", from: "", to: "", successor: ""))
            }
            leafIDs.append(id)
        }
        tree.append(GenUnit(id: "avdeling-ny", parent: "resultatenhet-0", kind: "avdeling", from: "\(mergeYear)-01-01", to: "", successor: ""))
        var o = Out()
        o.line("id;name;parent;kind;from;to;successor")
        for u in tree { o.line("\(u.id);Enhet \(u.id.uppercased());\(u.parent ?? "");\(u.kind);\(u.from);\(u.to);\(u.successor)") }
        try save(o, "units.csv")

        // Indicators: reported ones by frequency, formulas over pairs, and register measures.
        struct GenInd { let id: String; let freq: Frequency; let sum: Bool }
        var reported = [GenInd]()
        let nFormula = indicators / 10
        let nRegister = 6
        let nReported = max(3, indicators - nFormula - nRegister)
        var yaml = Out()
        yaml.line("indicators:")
        let perspectives = ["Brukere", "Arbeidsprosesser", "Medarbeidere", "Økonomi"]
        for k in 0..<nReported {
            let freq: Frequency = k % 20 < 12 ? .month : (k % 20 < 18 ? .tertial : .year)
            let sum = k % 3 == 0
            reported.append(GenInd(id: "maalepunkt_\(k)", freq: freq, sum: sum))
            yaml.line("  - id: maalepunkt_\(k)\n    name: Målepunkt \(k)\n    perspective: \(perspectives[k % 4])\n    frequency: \(freq.rawValue)\n    direction: \(k % 2 == 0 ? "higher" : "lower")\n    over_time: \(sum ? "sum" : (k % 7 == 0 ? "mean" : "last"))\n    over_units: \(k % 11 == 0 ? "mean" : "sum")")
        }
        for k in 0..<nFormula {
            let a = reported[(2 * k) % reported.count], b = reported[(2 * k + 1) % reported.count]
            guard a.freq == b.freq || true else { continue }
            yaml.line("  - id: ratio_\(k)\n    name: Andel \(k)\n    perspective: \(perspectives[k % 4])\n    source: formula\n    formula: \(a.id) / \(b.id)\n    unit: percent\n    direction: higher\n    target: 50\n    warn: 30")
        }
        yaml.line("  - id: wl_waiting\n    perspective: Arbeidsprosesser\n    source: waitlist\n    measure: waiting\n    frequency: month\n    direction: lower")
        yaml.line("  - id: wl_median\n    perspective: Arbeidsprosesser\n    source: waitlist\n    measure: median_wait_days\n    frequency: month\n    unit: days\n    over_units: none")
        yaml.line("  - id: wl_allocated\n    perspective: Arbeidsprosesser\n    source: waitlist\n    measure: allocated\n    frequency: month\n    over_time: sum")
        yaml.line("  - id: ip_tg\n    source: ip\n    measure: target_group")
        yaml.line("  - id: ip_plan\n    source: ip\n    measure: with_plan")
        yaml.line("  - id: ip_cov\n    source: formula\n    formula: ip_plan / ip_tg\n    unit: percent\n    target: 40\n    warn: 25")
        try save(yaml, "indicators.yaml")

        var t = Out()
        t.line("indicator;unit;from;target;warn")
        for (k, ind) in reported.enumerated() where k % 3 == 1 {
            t.line("\(ind.id);*;;\(50 + k % 40);\(30 + k % 20)")
            t.line("\(ind.id);\(leafIDs[k % leafIDs.count]);\(firstYear + 2);\(60 + k % 30);")
        }
        try save(t, "targets.csv")

        // Reports: one file per tertial; monthly rows in the tertial of their month, yearly in T3.
        func active(_ u: GenUnit, _ p: Period) -> Bool {
            (u.from.isEmpty || Day(parsing: u.from)! <= p.end) && (u.to.isEmpty || p.end <= Day(parsing: u.to)!)
        }
        let leafUnits = tree.filter { $0.kind == "avdeling" }
        for y in firstYear..<(firstYear + years) {
            for tt in 1...3 {
                let tp = Period.tertial(y, tt)
                var r = Out()
                r.line("period;unit;indicator;value;comment")
                for ind in reported {
                    let periods: [Period]
                    switch ind.freq {
                    case .month: periods = tp.parts(.month)
                    case .tertial: periods = [tp]
                    case .year: periods = tt == 3 ? [.year(y)] : []
                    }
                    for p in periods {
                        for u in leafUnits where active(u, p) {
                            if rng.next() % 400 == 0 { continue } // a few missing reports
                            let v = 20 + Int(rng.next() % 200)
                            let comment = rng.next() % 200 == 0 ? "Kommentar til \(ind.id)" : ""
                            r.line("\(p);\(u.id);\(ind.id);\(v);\(comment)")
                        }
                    }
                }
                try save(r, "reports/\(tp).csv")
            }
        }

        // Waitlist: cases spread over the years, most allocated or gone within a year.
        var w = Out()
        w.line("case;unit;housing;received;granted;interim_reply;allocated;left;left_reason;living_now;discharge_ready")
        let start = Day(year: firstYear, month: 1, day: 1)!
        let days = Day(year: firstYear + years - 1, month: 12, day: 31)! - start
        let housings = Housing.allCases.map(\.rawValue), livings = LivingNow.allCases.map(\.rawValue)
        let resultIDs = tree.filter { $0.kind == "avdeling" && $0.to.isEmpty }.map(\.id)
        for k in 0..<waitlist {
            let g = start + Int(rng.next() % UInt64(days))
            let received = g + (-Int(rng.next() % 60))
            let interim = rng.next() % 3 == 0 ? (received + Int(rng.next() % 25)).description : ""
            let stay = Int(rng.next() % 500)
            let exit = g + 1 + stay
            let allocated = rng.next() % 4 != 0 && exit - start <= days ? exit.description : ""
            let left = allocated.isEmpty && rng.next() % 2 == 0 && exit - start <= days ? exit.description : ""
            let unit = resultIDs[Int(rng.next() % UInt64(resultIDs.count))]
            w.line("sak-\(String(format: "%07d", k));\(unit);\(housings[Int(rng.next() % 4)]);\(received);\(g);\(interim);\(allocated);\(left);\(left.isEmpty ? "" : "Flyttet");\(livings[Int(rng.next() % 6)]);\(rng.next() % 3 == 0 ? "ja" : "nei")")
        }
        try save(w, "waitlist.csv")

        // IP snapshots: every tertial, ipUsers users.
        for y in firstYear..<(firstYear + years) {
            for tt in 1...3 {
                let tp = Period.tertial(y, tt)
                let live = leafUnits.filter { active($0, tp) }.map(\.id)
                var ip = Out()
                ip.line("user;unit;target_group;plan;group;declined;coordinator;evaluated")
                for k in 0..<ipUsers {
                    let r = rng.next()
                    let ev = r % 5 == 0 ? "" : (tp.end + (-Int(r % 700))).description
                    ip.line("bruker-\(String(format: "%06d", k));\(live[Int(r % UInt64(live.count))]);\(r % 4 != 0 ? "ja" : "nei");\(r % 3 == 0 ? "ja" : "nei");\((r >> 8) % 2 == 0 ? "ja" : "nei");\((r >> 12) % 4 == 0 ? "ja" : "nei");\((r >> 16) % 2 == 0 ? "ja" : "nei");\(ev)")
                }
                try save(ip, "ip/\(tp).csv")
            }
        }

        // BrukerPlan: one mapping a year, drawn from a stream of its own so that every file
        // above stays byte-identical to earlier versions of the generator.
        var bp = SplitMix64(seed: seed ^ 0xB0B0)
        let levels = ["grønn", "gul", "rød", "blodrød"], bands = AgeBand.allCases.map(\.rawValue)
        for y in firstYear..<(firstYear + years) where brukerPlanRows > 0 {
            let mid = Period.tertial(y, 2)
            let live = leafUnits.filter { active($0, mid) }.map(\.id)
            var o = Out()
            o.line("user;unit;age_band;gender;finances;mental_health;physical_health;housing;social_skills;network;work_activity;overall;ip;other_plan;group;coordinator_only;short_term_crisis")
            for k in 0..<brukerPlanRows {
                let r = bp.next(), s = bp.next()
                let overall = r % 100 < 4 ? 0 : (r % 100 < 71 ? 1 : (r % 100 < 99 ? 2 : 3))
                let areas = (0..<7).map { String(1 + Int((s >> UInt64($0 * 8)) % 5)) }.joined(separator: ";")
                func yn(_ b: Bool) -> String { b ? "ja" : "nei" }
                o.line("kartlagt-\(y)-\(String(format: "%06d", k));\(live[Int((r >> 8) % UInt64(live.count))]);\(bands[Int((r >> 20) % 5)]);\((r >> 24) % 2 == 0 ? "mann" : "kvinne");\(areas);\(levels[overall]);\(yn((r >> 28) % 9 == 0));\(yn((r >> 32) % 3 == 0));\(yn((r >> 36) % 5 == 0));\(yn((r >> 40) % 30 == 0));\(yn((r >> 44) % 20 == 0))")
            }
            try save(o, "brukerplan/\(y).csv")
        }
        return (files, written)
    }
}
