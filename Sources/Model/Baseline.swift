import Foundation

/// Every figure of a scope as it stood at one moment (a meeting's opening): value, status,
/// how many of the units due had reported, and target, for each unit of the scope, each
/// indicator and each period that had begun by the end of the meeting's period. A later
/// meeting compares the figures now with it: what was revised, which deviations are new.
///
/// Stored by the follow-up store as `encoded()` (docs/followup.md, "The baseline").
public struct Baseline: Sendable, Equatable {
    public struct Key: Hashable, Sendable, Comparable {
        public let unit: String
        public let indicator: String
        public let period: Period
        public init(unit: String, indicator: String, period: Period) { self.unit = unit; self.indicator = indicator; self.period = period }
        public static func < (a: Key, b: Key) -> Bool { (a.period, a.unit, a.indicator) < (b.period, b.unit, b.indicator) }
    }

    public struct Figure: Hashable, Sendable {
        public var value: Double?
        public var status: Status
        /// Units that had reported, of those due (a total built on fewer says so).
        public var present: Int
        public var expected: Int
        public var target: Double?
        public init(value: Double?, status: Status, present: Int, expected: Int, target: Double?) {
            self.value = value; self.status = status; self.present = present; self.expected = expected; self.target = target
        }
    }

    /// The last period the baseline covers (the meeting's).
    public let through: Period
    public private(set) var figures: [Key: Figure]

    public init(through: Period, figures: [Key: Figure]) { self.through = through; self.figures = figures }

    /// The figures of a unit's scope, for every period of `through`'s year and the year before
    /// that began by the end of `through` (`covers`): each period's own scope (a unit before
    /// it existed is its predecessors), every indicator, every cell that has a value or a status.
    public static func of(_ s: Snapshot, unit root: Int, through: Period) -> Baseline {
        var figures = [Key: Figure]()
        let ids = s.indicators.map(\.id), units = s.tree.units.map(\.id)
        for p in s.periods where covers(p, through: through) {
            for u in s.scope(root, p) {
                for i in ids.indices {
                    guard let c = s.cell(indicator: i, unit: u, period: p), c.value != nil || c.status != .none else { continue }
                    figures[Key(unit: units[u], indicator: ids[i], period: p)] =
                        Figure(value: c.value, status: c.status, present: c.present, expected: c.expected, target: c.target)
                }
            }
        }
        return Baseline(through: through, figures: figures)
    }

    public subscript(_ k: Key) -> Figure? { figures[k] }

    /// The periods a baseline through `through` holds: those that began by its end, in its
    /// year or the year before (a revision further back is not what a driftsoppfølging
    /// looks at, and a year of monthly meetings of a large etat stays small).
    public static func covers(_ p: Period, through: Period) -> Bool {
        p.start <= through.end && p.year >= through.year - 1
    }

    /// The periods this baseline holds.
    public func covers(_ p: Period) -> Bool { Baseline.covers(p, through: through) }

    // MARK: Stored form

    /// The text the store keeps: a header, the unit, indicator and period names once each,
    /// then one line per figure by position (`u i p value status present expected target`,
    /// tab-separated, empty for none). Numbers in the shortest form that reads back exactly.
    public func encoded() -> Data {
        let keys = figures.keys.sorted()
        var unitIx = [String: Int](), indIx = [String: Int](), perIx = [Period: Int]()
        var unitNames = [String](), indNames = [String](), perNames = [String]()
        for k in keys {
            if unitIx[k.unit] == nil { unitIx[k.unit] = unitNames.count; unitNames.append(k.unit) }
            if indIx[k.indicator] == nil { indIx[k.indicator] = indNames.count; indNames.append(k.indicator) }
            if perIx[k.period] == nil { perIx[k.period] = perNames.count; perNames.append(k.period.description) }
        }
        var out = "tertial-baseline 1\t\(through)\n"
        out += "U\t" + unitNames.joined(separator: "\t") + "\n"
        out += "I\t" + indNames.joined(separator: "\t") + "\n"
        out += "P\t" + perNames.joined(separator: "\t") + "\n"
        for k in keys {
            let f = figures[k]!
            out += "\(unitIx[k.unit]!)\t\(indIx[k.indicator]!)\t\(perIx[k.period]!)\t\(Baseline.number(f.value))\t\(Baseline.code(f.status))\t\(f.present)\t\(f.expected)\t\(Baseline.number(f.target))\n"
        }
        return Data(out.utf8)
    }

    /// Reads `encoded()`'s text back; nil when it is not one.
    public init?(decoding data: Data) {
        guard let text = String(data: data, encoding: .utf8) else { return nil }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)[...]
        guard let head = lines.popFirst(), head.hasPrefix("tertial-baseline 1\t"),
              let through = Period(parsing: head.dropFirst("tertial-baseline 1\t".count)) else { return nil }
        func names(_ tag: String) -> [Substring]? {
            guard let l = lines.popFirst(), l.hasPrefix(tag + "\t") || l == tag else { return nil }
            return l == tag ? [] : l.dropFirst(tag.count + 1).split(separator: "\t", omittingEmptySubsequences: false)
        }
        guard let us = names("U"), let is_ = names("I"), let ps = names("P") else { return nil }
        let periods = ps.compactMap { Period(parsing: $0) }
        guard periods.count == ps.count else { return nil }
        var figures = [Key: Figure]()
        figures.reserveCapacity(lines.count)
        for l in lines where !l.isEmpty {
            let f = l.split(separator: "\t", omittingEmptySubsequences: false)
            guard f.count == 8, let u = Int(f[0]), let i = Int(f[1]), let p = Int(f[2]), us.indices.contains(u), is_.indices.contains(i),
                  periods.indices.contains(p), let status = Baseline.status(f[4]), let present = Int(f[5]), let expected = Int(f[6]) else { return nil }
            let value = f[3].isEmpty ? nil : Double(f[3]), target = f[7].isEmpty ? nil : Double(f[7])
            if !f[3].isEmpty && value == nil || !f[7].isEmpty && target == nil { return nil }
            figures[Key(unit: String(us[u]), indicator: String(is_[i]), period: periods[p])] =
                Figure(value: value, status: status, present: present, expected: expected, target: target)
        }
        self.init(through: through, figures: figures)
    }

    public static func number(_ v: Double?) -> String {
        guard let v else { return "" }
        if v == v.rounded(), abs(v) < 1e15 { return String(Int(v)) }
        return "\(v)"
    }

    static func code(_ s: Status) -> String {
        switch s { case .red: "r"; case .yellow: "y"; case .missing: "m"; case .green: "g"; case .none: "-" }
    }

    static func status(_ c: Substring) -> Status? {
        switch c { case "r": .red; case "y": .yellow; case "m": .missing; case "g": .green; case "-": Status.none; default: nil }
    }
}
