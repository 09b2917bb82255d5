import Model

/// Number formatting, one rule for screen, reports and CSV.
public struct Format: Sendable {
    public let lang: Lang
    public init(lang: Lang) { self.lang = lang }

    /// The plain figure: percent with one decimal, whole numbers without decimals,
    /// others with one; decimal comma in Norwegian, and always in CSV.
    /// Every share on every screen and report is rounded one way: to one decimal, half away
    /// from zero (89 of 94 = 94,68 % is 94,7 %), except that a share under 100 % is never
    /// shown as 100,0 % (1 999 of 2 000 = 99,95 % is 99,9 %): the one place it rounds down,
    /// so nothing looks complete that is not. The help's legend says so.
    public static func plain(_ v: Double, _ unit: ValueUnit, decimalComma: Bool) -> String {
        let decimals = unit == .percent || v.rounded() != v ? 1 : 0
        let shown = unit == .percent && v < 100 && (v * 10).rounded() >= 1000 ? 99.9 : v
        var s = fixed(shown, decimals)
        if decimalComma { s = s.replacingOccurrences(of: ".", with: ",") }
        return s
    }

    static func fixed(_ v: Double, _ decimals: Int) -> String {
        let scale = decimals == 0 ? 1.0 : 10.0
        let r = (v * scale).rounded() / scale
        if decimals == 0 { return String(Int64(r)) }
        let whole = Int64(r.magnitude.rounded(.towardZero))
        let frac = Int64(((r.magnitude - Double(whole)) * 10).rounded())
        return (r < 0 ? "-" : "") + "\(whole).\(frac)"
    }

    /// For a person: `27,8 %`, `1 603`, `97 d`, `1 234 567 kr`.
    public func value(_ v: Double, _ unit: ValueUnit) -> String {
        var s = Format.plain(v, unit, decimalComma: lang == .nb)
        s = Format.groupThousands(s)
        switch unit {
        case .percent: return s + " %"
        case .days: return s + FormatTexts.days.text(lang)
        case .kr: return s + " kr"
        case .count: return s
        }
    }

    public func value(_ v: Double?, _ unit: ValueUnit) -> String {
        v.map { value($0, unit) } ?? "–"
    }

    public static func groupThousands(_ s: String) -> String {
        var sign = ""
        var body = Substring(s)
        if body.hasPrefix("-") { sign = "-"; body = body.dropFirst() }
        let sep = body.firstIndex { $0 == "," || $0 == "." }
        let intPart = sep.map { body[..<$0] } ?? body
        let rest = sep.map { body[$0...] } ?? ""
        guard intPart.count > 3 else { return s }
        var out = ""
        for (i, ch) in intPart.enumerated() {
            if i > 0 && (intPart.count - i) % 3 == 0 { out.append("\u{00A0}") }
            out.append(ch)
        }
        return sign + out + rest
    }

    /// A change with sign and judgement: `+2 bedre`, `−1,5 prosentpoeng verre`.
    public func change(_ c: Change?, _ unit: ValueUnit) -> String {
        guard let c else { return "" }
        let p = changeParts(c, unit)
        let pp = unit == .percent ? FormatTexts.points.text(lang) : ""
        return (p.roundsToNothing ? "±" + p.magnitude + pp : p.sign + p.magnitude + pp + p.judgement) + Format.mergedMark(c)
    }

    /// The mark of a change counted across a merge (`Change.acrossMerge`): "*", explained
    /// in the legend and, on a history row, in its note.
    public static func mergedMark(_ c: Change) -> String { c.acrossMerge ? "*" : "" }

    /// The pieces every rendering of a change uses. A change that rounds to nothing at the
    /// figure's precision has no sign and no better or worse.
    public func changeParts(_ c: Change, _ unit: ValueUnit) -> (sign: String, magnitude: String, judgement: String, roundsToNothing: Bool) {
        let mag = Format.groupThousands(Format.plain(abs(c.delta), unit, decimalComma: lang == .nb))
        let nothing = mag.allSatisfy { $0 == "0" || $0 == "," || $0 == "." }
        let sign = c.delta > 0 ? "+" : (c.delta < 0 ? "−" : "±")
        let judgement: String
        switch c.better {
        case true?: judgement = FormatTexts.better.text(lang)
        case false?: judgement = FormatTexts.worse.text(lang)
        case nil: judgement = ""
        }
        return (sign, mag, judgement, nothing)
    }
}
