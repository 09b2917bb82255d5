import Model

/// The rows of a BrukerPlan view as the screen and the report show them: the overall
/// level first, then the seven areas; each with its counts per level and how many were
/// mapped on it. One definition for both.
public struct BrukerPlanRow: Sendable {
    /// nil = the overall level.
    public let area: FunctionArea?
    /// Green, yellow, red, and blood-red (overall only; 0 for an area).
    public let counts: [Int]
    /// Recipients mapped on this row (an area may be left empty for some).
    public var total: Int { counts.reduce(0, +) }
    public let unmapped: Int

    /// The share of a level in percent, nil when nobody is mapped.
    public func share(_ level: FunctionLevel) -> Double? { total > 0 ? Double(counts[level: level]) / Double(total) * 100 : nil }
    /// Red, and blood-red for the overall level: the share compared across units and years.
    public var redShare: Double? { total > 0 ? Double(counts[level: .red] + counts[level: .bloodRed]) / Double(total) * 100 : nil }

    public static func rows(_ v: BrukerPlanView) -> [BrukerPlanRow] {
        [BrukerPlanRow(area: nil, counts: v.overall, unmapped: 0)] + FunctionArea.allCases.map {
            BrukerPlanRow(area: $0, counts: v.areas[$0.rawValue] + [0], unmapped: v.areaUnmapped[$0.rawValue])
        }
    }
}

extension L10n {
    public func area(_ a: FunctionArea?) -> String {
        switch a {
        case nil: self[.bpOverall]
        case .finances?: self[.bpFinances]
        case .mentalHealth?: self[.bpMentalHealth]
        case .physicalHealth?: self[.bpPhysicalHealth]
        case .housing?: self[.bpHousing]
        case .socialSkills?: self[.bpSocialSkills]
        case .network?: self[.bpNetwork]
        case .workActivity?: self[.bpWorkActivity]
        }
    }

    public func level(_ k: FunctionLevel) -> String { self[[.bpGreen, .bpYellow, .bpRed, .bpBloodRed][k.rawValue]] }

    /// `grønn 66,0 % · gul 29,0 % · rød 5,0 %` (blood-red only for the overall level).
    public func levelShares(_ r: BrukerPlanRow) -> String {
        FunctionLevel.allCases.filter { r.area == nil || $0 != .bloodRed }.map { level($0).lowercased() + " " + (r.share($0).map(percent) ?? "–") }.joined(separator: " · ")
    }

    /// A change of a share in percentage points, with its sign: `+1,2 prosentpoeng`.
    /// The same, short for a narrow column: `+1,2 pp`.
    public func shortPoints(_ d: Double) -> String { points(d).replacingOccurrences(of: " prosentpoeng", with: " pp") }

    public func points(_ d: Double) -> String {
        let mag = Format.plain(abs(d), .percent, decimalComma: lang == .nb)
        let sign = mag == "0,0" || mag == "0.0" ? "±" : (d > 0 ? "+" : "−")
        return sign + mag + FormatTexts.points.text(lang)
    }
}
