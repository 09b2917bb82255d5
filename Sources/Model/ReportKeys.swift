/// The (period, unit, indicator) keys taken by the valid report rows of a load, to find a
/// second row for the same figure. Kept by the Loader between reloads, so that a reload
/// validates only the changed files' rows against it.
///
/// A bit per possible key: per indicator, per unit, per year of the years window, one per
/// period of the indicator's kind and coarser (16 for a monthly indicator: 12 months, 3
/// tertials, the year). For the generated benchmark that is 0.6 MB against 8 MB for a
/// hash table of its 324 000 keys (67 MB for the 2.7 million keys at 8× units), and a
/// lookup is a bit test instead of a hash and a probe. A catalogue and organisation so large
/// that the bits would outweigh a hash table of the rows' keys uses the hash table instead
/// (`Validator.key`), as does every key outside the window (rows that are errors anyway).
struct ReportKeySet {
    let years: ClosedRange<Int>
    let nU: Int
    /// Per indicator: its first bit, and its bits per unit and year.
    private let start: [Int], perYear: [Int]
    private let kinds: [Period.Kind]
    private var words: [UInt64]
    /// Keys without a bit: every key when `words` is empty, else those outside the window.
    private var others = Set<Int>()

    /// The number of bits a bitmap would need; a hash table of `rows` keys takes about 16
    /// bytes a row (8-byte keys at a load factor of a half to three quarters).
    init(units nU: Int, indicators: [Indicator], years: ClosedRange<Int>, rows: Int, maxBitmapBytes: Int? = nil) {
        self.years = years; self.nU = nU
        kinds = indicators.map { $0.frequency.periodKind }
        var start = [Int](), perYear = [Int](), n = 0
        for k in kinds {
            let per = ReportKeySet.perYear(k)
            start.append(n); perYear.append(per)
            n += nU * years.count * per
        }
        self.start = start; self.perYear = perYear
        let limit = maxBitmapBytes ?? max(1 << 20, 16 * rows)
        words = n / 8 <= limit ? [UInt64](repeating: 0, count: (n + 63) / 64) : []
        if words.isEmpty { others.reserveCapacity(rows) }
    }

    /// Periods of kind `k` and coarser in a year.
    static func perYear(_ k: Period.Kind) -> Int { switch k { case .month: 16; case .tertial: 4; case .year: 1 } }

    /// True when the set holds its keys as bits (false: a hash table).
    var isBitmap: Bool { !words.isEmpty }

    /// The key's bit, or nil when it has none (no bitmap, a year outside the window, a
    /// period finer than the indicator's kind, or an index out of range).
    @inline(__always) private func bit(_ p: Period, _ u: Int, _ i: Int) -> Int? {
        guard !words.isEmpty, i >= 0, i < kinds.count, u >= 0, u < nU, years.contains(p.year), p.kind >= kinds[i] else { return nil }
        let within: Int
        switch (kinds[i], p.kind) {
        case (.month, .month): within = p.index - 1
        case (.month, .tertial): within = 11 + p.index
        case (.month, .year): within = 15
        case (.tertial, .tertial): within = p.index - 1
        case (.tertial, .year): within = 3
        default: within = 0
        }
        return start[i] + (u * years.count + (p.year - years.lowerBound)) * perYear[i] + within
    }

    /// Takes the key; false when it was already taken.
    @inline(__always) mutating func insert(_ p: Period, _ u: Int, _ i: Int) -> Bool {
        guard let b = bit(p, u, i) else { return others.insert(Validator.key(p, u, i)).inserted }
        let m: UInt64 = 1 << UInt64(b & 63)
        if words[b >> 6] & m != 0 { return false }
        words[b >> 6] |= m
        return true
    }

    mutating func remove(_ p: Period, _ u: Int, _ i: Int) {
        guard let b = bit(p, u, i) else { others.remove(Validator.key(p, u, i)); return }
        words[b >> 6] &= ~(1 << UInt64(b & 63))
    }

    func contains(_ p: Period, _ u: Int, _ i: Int) -> Bool {
        guard let b = bit(p, u, i) else { return others.contains(Validator.key(p, u, i)) }
        return words[b >> 6] & (1 << UInt64(b & 63)) != 0
    }
}
