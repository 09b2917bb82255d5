/// A reporting period: a month (`2019-03`), a tertial (`2019-T3`) or a year (`2019`).
public struct Period: Hashable, Comparable, Sendable, CustomStringConvertible {
    public enum Kind: UInt8, Comparable, Sendable, CaseIterable {
        case month = 0, tertial = 1, year = 2
        public static func < (a: Kind, b: Kind) -> Bool { a.rawValue < b.rawValue }
        /// How many of this kind a year holds.
        public var perYear: Int { switch self { case .month: 12; case .tertial: 3; case .year: 1 } }
    }

    public let kind: Kind
    // Stored small (8 bytes in all): a report row holds one.
    private let year32: Int32
    private let index8: UInt8
    public var year: Int { Int(year32) }
    /// 1...12 for months, 1...3 for tertials, 1 for years.
    public var index: Int { Int(index8) }

    public init(kind: Kind, year: Int, index: Int = 1) {
        self.kind = kind; self.year32 = Int32(year); self.index8 = UInt8(clamping: index)
    }

    public static func month(_ y: Int, _ m: Int) -> Period { Period(kind: .month, year: y, index: m) }
    public static func tertial(_ y: Int, _ t: Int) -> Period { Period(kind: .tertial, year: y, index: t) }
    public static func year(_ y: Int) -> Period { Period(kind: .year, year: y, index: 1) }

    /// Parses `2019-T3`, `2019-03` or `2019` (also lower-case `t`).
    public init?(parsing raw: Substring) {
        let text = raw.trimmingSpaces
        let u = Array(text.utf8)
        func digits(_ r: Range<Int>) -> Int? {
            var v = 0
            for i in r { let b = u[i]; guard b >= 48, b <= 57 else { return nil }; v = v * 10 + Int(b - 48) }
            return v
        }
        guard u.count >= 4, let y = digits(0..<4), y >= 1000 else { return nil }
        if u.count == 4 { self.init(kind: .year, year: y); return }
        guard u.count == 7, u[4] == 45 else { return nil }
        if u[5] == 84 || u[5] == 116 { // T / t
            guard let t = digits(6..<7), (1...3).contains(t) else { return nil }
            self.init(kind: .tertial, year: y, index: t)
        } else {
            guard let m = digits(5..<7), (1...12).contains(m) else { return nil }
            self.init(kind: .month, year: y, index: m)
        }
    }

    public init?(parsing text: String) { self.init(parsing: Substring(text)) }

    public var firstMonth: Int {
        switch kind { case .month: index; case .tertial: (index - 1) * 4 + 1; case .year: 1 }
    }
    public var lastMonth: Int {
        switch kind { case .month: index; case .tertial: index * 4; case .year: 12 }
    }
    public var start: Day { Day(civil: year, firstMonth, 1) }
    public var end: Day { Day(civil: year, lastMonth, Day.daysIn(year: year, month: lastMonth)) }

    public func contains(_ d: Day) -> Bool { d >= start && d <= end }
    public func contains(_ p: Period) -> Bool { p.start >= start && p.end <= end }

    /// The period of the same kind just before this one.
    public var previous: Period {
        index > 1 ? Period(kind: kind, year: year, index: index - 1)
                  : Period(kind: kind, year: year - 1, index: kind.perYear)
    }
    public var yearBefore: Period { Period(kind: kind, year: year - 1, index: index) }

    /// The periods of a finer kind that make up this one, in order.
    public func parts(_ k: Kind) -> [Period] {
        guard k < kind else { return k == kind ? [self] : [] }
        switch k {
        case .month: return (firstMonth...lastMonth).map { .month(year, $0) }
        case .tertial: return (1...3).map { .tertial(year, $0) }
        case .year: return [self]
        }
    }

    /// The enclosing period of a coarser (or equal) kind.
    public func enclosing(_ k: Kind) -> Period {
        switch k {
        case .year: return .year(year)
        case .tertial: return kind == .year ? self : .tertial(year, (firstMonth - 1) / 4 + 1)
        case .month: return self
        }
    }

    public static func containing(_ d: Day, kind: Kind) -> Period {
        let c = d.components
        switch kind {
        case .month: return .month(c.year, c.month)
        case .tertial: return .tertial(c.year, (c.month - 1) / 4 + 1)
        case .year: return .year(c.year)
        }
    }

    /// Chronological by end date; at the same end, finer periods first.
    public static func < (a: Period, b: Period) -> Bool {
        let ae = a.end, be = b.end
        if ae != be { return ae < be }
        return a.kind < b.kind
    }

    /// The machine form used in files: `2019-T3`, `2019-03`, `2019`.
    public var description: String {
        switch kind {
        case .month: "\(year)-\(Day.pad2(index))"
        case .tertial: "\(year)-T\(index)"
        case .year: "\(year)"
        }
    }
}
