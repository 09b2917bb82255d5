import Foundation

// BrukerPlan: a yearly mapping of every service recipient's functional level
// (`brukerplan/YEAR.csv`, docs/data-format.md). The overall level is an input field: the
// index that weighs the seven areas is not published, so tertial never computes it.

/// A functional level: an area is green, yellow or red; the overall level can also be
/// blood-red (critically poor).
public enum FunctionLevel: Int, Sendable, CaseIterable, Hashable, Comparable {
    case green = 0, yellow, red, bloodRed
    public static func < (a: FunctionLevel, b: FunctionLevel) -> Bool { a.rawValue < b.rawValue }

    /// A score 1–5 (1 green, 2–4 yellow, 5 red) or a colour word, in bokmål or English.
    /// `overall` admits blood-red.
    static func parse(_ s: String, overall: Bool) -> FunctionLevel? {
        // Issue 27: the common spellings first, as written (a score, a lower-case colour);
        // only other spellings pay for `lowercased()` (BrukerPlan has eight levels a row).
        if s.utf8.count == 1, let b = s.utf8.first, b >= 49, b <= 53 { // "1"–"5"
            return overall ? nil : (b == 49 ? .green : b == 53 ? .red : .yellow)
        }
        if let level = level(s, overall: overall) { return level }
        return level(s.lowercased(), overall: overall)
    }

    private static func level(_ s: String, overall: Bool) -> FunctionLevel? {
        switch s { // the scores "1"–"5" are read in `parse`, before any text
        case "grønn", "gronn", "green", "grønt", "gront": return .green
        case "gul", "yellow", "gult": return .yellow
        case "rød", "rod", "red", "rødt", "rodt": return .red
        case "blodrød", "blodrod", "blood-red", "blood_red", "bloodred": return overall ? .bloodRed : nil
        default: return nil
        }
    }
}

/// Counts per level, read by the level's name (`overall[.red]`), not a number.
extension Array where Element == Int {
    public subscript(level level: FunctionLevel) -> Int {
        get { self[level.rawValue] }
        set { self[level.rawValue] = newValue }
    }
}

/// The seven functional areas of the BrukerPlan mapping of mental health recipients, in
/// the mapping's order; `column` is the file's header.
public enum FunctionArea: Int, Sendable, CaseIterable, Hashable {
    case finances, mentalHealth, physicalHealth, housing, socialSkills, network, workActivity
    public var column: String {
        switch self {
        case .finances: "finances"
        case .mentalHealth: "mental_health"
        case .physicalHealth: "physical_health"
        case .housing: "housing"
        case .socialSkills: "social_skills"
        case .network: "network"
        case .workActivity: "work_activity"
        }
    }
}

public enum AgeBand: String, Sendable, CaseIterable, Hashable {
    case a18to25 = "18-25", a26to35 = "26-35", a36to45 = "36-45", a46to55 = "46-55", a56plus = "56+"
    static func parse(_ s: String) -> AgeBand? {
        // Issue 27: a band written as the contract spells it needs no rewriting (the three
        // `replacingOccurrences` cost 6 % of loading the generated data).
        if let band = AgeBand(rawValue: s) { return band }
        return AgeBand(rawValue: s.replacingOccurrences(of: "–", with: "-").replacingOccurrences(of: " ", with: "").lowercased()
            .replacingOccurrences(of: "år", with: ""))
    }
}

public enum Gender: String, Sendable, CaseIterable, Hashable {
    case male, female, other
    static func parse(_ s: String) -> Gender? {
        if let g = gender(s) { return g }
        return gender(s.lowercased())
    }

    private static func gender(_ s: String) -> Gender? {
        switch s {
        case "mann", "m", "male": return .male
        case "kvinne", "k", "f", "female": return .female
        case "annet", "other": return .other
        default: return nil
        }
    }
}

/// One mapped recipient.
public struct BPRecord: Hashable, Sendable {
    // No pseudonym: it is checked once per file (a user once a year) and nothing else reads
    // it, so it is not kept (less held about a person; issue 27).
    public let unit: String
    public let ageBand: AgeBand?
    public let gender: Gender?
    /// By `FunctionArea.rawValue`; nil = not mapped on that area.
    public let areas: [FunctionLevel?]
    public let overall: FunctionLevel
    public let ip: Bool
    public let otherPlan: Bool
    public let group: Bool
    public let coordinatorOnly: Bool
    public let crisis: Bool
    public let line: Int32

    /// An individual plan, another plan or an ansvarsgruppe (the mapping's "any plan";
    /// "coordinator only" is not a plan).
    public var anyPlan: Bool { ip || otherPlan || group }
}

/// One year's mapping: `brukerplan/2014.csv`.
public struct BPMapping: Hashable, Sendable {
    public let year: Int
    public let file: String
    public let records: [BPRecord]
}

/// What a catalogue indicator of `source: brukerplan` counts, per unit and mapping year.
public enum BrukerPlanMeasure: String, Sendable, CaseIterable {
    case mapped
    /// Red or blood-red overall.
    case redOverall = "red_overall"
    /// Yellow or red overall (the group the mapping's "no plan" figure is about).
    case yellowOrRed = "yellow_or_red"
    /// Yellow or red overall with neither IP, another plan nor an ansvarsgruppe.
    case withoutPlan = "without_plan"
    case withIP = "with_ip"
    case redOnWork = "red_on_work"

    public func counts(_ r: BPRecord) -> Bool {
        switch self {
        case .mapped: true
        case .redOverall: r.overall >= .red
        case .yellowOrRed: r.overall == .yellow || r.overall == .red
        case .withoutPlan: (r.overall == .yellow || r.overall == .red) && !r.anyPlan
        case .withIP: r.ip
        case .redOnWork: r.areas[FunctionArea.workActivity.rawValue] == .red
        }
    }
}

extension FileParsers {
    static let brukerPlanRequired = ["user", "unit"] + FunctionArea.allCases.map(\.column) + ["overall", "ip", "other_plan", "group"]

    static func brukerPlan(_ t: CSVTable, year: Int) -> (BPMapping, [Diagnostic]) {
        var diags = encodingNotice(t) + missingColumns(t, brukerPlanRequired)
        if diags.hasErrors { return (BPMapping(year: year, file: t.file, records: []), diags) }
        let c = { (n: String) in t.column(n) }
        let cUser = c("user"), cUnit = c("unit"), cAge = c("age_band"), cGender = c("gender"), cOverall = c("overall")
        let cIP = c("ip"), cOther = c("other_plan"), cGroup = c("group"), cCoord = c("coordinator_only"), cCrisis = c("short_term_crisis")
        let cAreas = FunctionArea.allCases.map { c($0.column) }
        var out = [BPRecord]()
        out.reserveCapacity(t.rowCount)
        let seen = KeyTable(minimumCapacity: t.rowCount, sortedFirst: true)
        // One reader for the file, moved from row to row (a reader per row copied the table).
        var rr = RowReader(table: t, row: 0, diagnostics: [])
        for r in 0..<t.rowCount {
            rr.start(r)
            // The pseudonym is checked, never kept: nothing after the file's own check reads it.
            let user = rr.uniquePseudonymKey("user", cUser, seen: seen, twice: Phrase.userTwice, expected: .expectOneRowPerUser)
            let unit = rr.required("unit", cUnit)
            let age = rr.choice("age_band", cAge, AgeBand.parse, Phrase.notAgeBand, expected: .expectAgeBand)
            let gender = rr.choice("gender", cGender, Gender.parse, Phrase.notGender, expected: .expectGender)
            let areas = FunctionArea.allCases.enumerated().map { k, area in
                rr.choice(area.column, cAreas[k], { FunctionLevel.parse($0, overall: false) }, Phrase.notAreaLevel, expected: .expectAreaLevel)
            }
            let overall = rr.choice("overall", cOverall, required: true, { FunctionLevel.parse($0, overall: true) }, Phrase.notOverallLevel, expected: .expectOverallLevel)
            let ip = rr.bool("ip", cIP), other = rr.bool("other_plan", cOther), group = rr.bool("group", cGroup)
            let coord = rr.bool("coordinator_only", cCoord), crisis = rr.bool("short_term_crisis", cCrisis)
            let ok = !rr.diagnostics.hasErrors
            diags.collect(rr.diagnostics)
            if ok, user, let unit, let overall {
                rr.claimPseudonym(seen)
                out.append(BPRecord(unit: unit, ageBand: age, gender: gender, areas: areas, overall: overall,
                                    ip: ip, otherPlan: other, group: group, coordinatorOnly: coord, crisis: crisis, line: Int32(rr.line)))
            }
        }
        return (BPMapping(year: year, file: t.file, records: out), diags)
    }
}

/// The mapping of one unit's coverage (its subtree and its predecessors') in one year:
/// every figure the BrukerPlan screen and report show, counted once here.
public struct BrukerPlanView: Sendable {
    public let year: Int
    public let unit: Int
    /// The records counted, in file order.
    public let records: [BPRecord]
    public var mapped: Int { records.count }
    /// Count per overall level (`FunctionLevel.rawValue`).
    public let overall: [Int]
    /// Per area: count per level green/yellow/red, and how many were not mapped on it.
    public let areas: [[Int]]
    public let areaUnmapped: [Int]
    /// Work/activity level (rows green, yellow, red) by overall level (columns).
    public let workByOverall: [[Int]]
    public let men: Int, women: Int
    public let withIP: Int, otherPlan: Int, group: Int, coordinatorOnly: Int, crisis: Int
    /// Per overall level: how many have an IP, another plan or an ansvarsgruppe.
    public let anyPlanByOverall: [Int]
    /// Per age band (`AgeBand.allCases` order): mapped, with IP.
    public let ageBands: [(mapped: Int, withIP: Int)]

    /// Yellow or red overall with neither IP, another plan nor an ansvarsgruppe.
    public var yellowOrRedWithoutPlan: Int { (overall[level: .yellow] - anyPlanByOverall[level: .yellow]) + (overall[level: .red] - anyPlanByOverall[level: .red]) }
    public var yellowOrRed: Int { overall[level: .yellow] + overall[level: .red] }
    public var bloodRedWithoutPlan: Int { overall[level: .bloodRed] - anyPlanByOverall[level: .bloodRed] }

    /// The mapping as on the last day of its year (the day the engine counts it on): a
    /// unit that absorbed another later in the year holds the other's records. `unitsAsOf`
    /// counts the units the unit covers on another day instead: a change across a merge
    /// compares the earlier mapping over the units covered now (like with like).
    public init(dataset: Dataset, unit: Int, year: Int, coverage: Coverage? = nil, unitsAsOf: Day? = nil) {
        let tree = dataset.tree
        let flags = (coverage ?? Coverage(tree)).covered(by: unit, on: unitsAsOf ?? Period.year(year).end)
        self.init(dataset: dataset, unit: unit, year: year, units: Set(flags.indices.filter { flags[$0] }.map { tree.units[$0].id }))
    }

    private init(dataset: Dataset, unit: Int, year: Int, units covered: Set<String>) {
        self.year = year; self.unit = unit
        let recs = dataset.brukerplan.first { $0.year == year }?.records.filter { covered.contains($0.unit) } ?? []
        records = recs
        var overall = [0, 0, 0, 0], anyPlan = [0, 0, 0, 0]
        var areas = [[Int]](repeating: [0, 0, 0], count: FunctionArea.allCases.count)
        var unmapped = [Int](repeating: 0, count: FunctionArea.allCases.count)
        var work = [[Int]](repeating: [0, 0, 0, 0], count: 3)
        var men = 0, women = 0, ip = 0, other = 0, group = 0, coord = 0, crisis = 0
        var bands = [(mapped: Int, withIP: Int)](repeating: (0, 0), count: AgeBand.allCases.count)
        for r in recs {
            let o = r.overall.rawValue
            overall[o] += 1
            if r.anyPlan { anyPlan[o] += 1 }
            for (k, lvl) in r.areas.enumerated() {
                if let lvl { areas[k][min(lvl.rawValue, 2)] += 1 } else { unmapped[k] += 1 }
            }
            if let w = r.areas[FunctionArea.workActivity.rawValue] { work[min(w.rawValue, 2)][o] += 1 }
            if r.gender == .male { men += 1 }
            if r.gender == .female { women += 1 }
            if r.ip { ip += 1 }
            if r.otherPlan { other += 1 }
            if r.group { group += 1 }
            if r.coordinatorOnly { coord += 1 }
            if r.crisis { crisis += 1 }
            if let b = r.ageBand, let k = AgeBand.allCases.firstIndex(of: b) {
                bands[k].mapped += 1
                if r.ip { bands[k].withIP += 1 }
            }
        }
        self.overall = overall; self.anyPlanByOverall = anyPlan; self.areas = areas; self.areaUnmapped = unmapped
        self.workByOverall = work; self.men = men; self.women = women
        self.withIP = ip; self.otherPlan = other; self.group = group; self.coordinatorOnly = coord; self.crisis = crisis
        self.ageBands = bands
    }

    /// The mapping years in the data, oldest first.
    public static func years(_ ds: Dataset) -> [Int] { ds.brukerplan.map(\.year).sorted() }

    /// The year shown for a period: the latest mapping in or before the period's year (the
    /// mapping is made in May and June), else the first one.
    public static func year(for period: Period, in ds: Dataset) -> Int? {
        let ys = years(ds)
        return ys.last { $0 <= period.year } ?? ys.first
    }

    /// The mapping before `year`, if any.
    public static func previous(_ year: Int, in ds: Dataset) -> Int? { years(ds).last { $0 < year } }

    /// The units with mapped recipients in the coverage, each with a view of its own records
    /// only (not its subtree's), for "where is it largest".
    public func parts(_ ds: Dataset) -> [(unit: Int, view: BrukerPlanView)] {
        return Set(records.map(\.unit)).compactMap { ds.tree.index[$0] }.sorted().map { u in
            (u, BrukerPlanView(dataset: ds, unit: u, year: year, units: [ds.tree.units[u].id]))
        }
    }
}
