import Foundation

/// Typed identities. A unit or an indicator is named by its id from the data files, so a
/// view that holds one still means the same thing after a reload re-numbers the arrays.

/// An id from the data files, typed by what it names (`UnitID`, `IndicatorID`), so the
/// compiler keeps a unit's id from being used as an indicator's.
public struct TypedID<Tag>: RawRepresentable, Hashable, Comparable, Sendable, CustomStringConvertible, ExpressibleByStringLiteral {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ raw: String) { rawValue = raw }
    public init(stringLiteral value: String) { rawValue = value }
    public var description: String { rawValue }
    public static func < (a: TypedID, b: TypedID) -> Bool { a.rawValue < b.rawValue }
}

public enum UnitTag {}
public enum IndicatorTag {}
/// The id of a unit in units.csv, e.g. `ph-vest`.
public typealias UnitID = TypedID<UnitTag>
/// The id of an indicator in indicators.yaml, e.g. `ip_coverage`.
public typealias IndicatorID = TypedID<IndicatorTag>

extension OrgTree {
    /// The position of a unit in this tree, nil when the tree has no such unit.
    public func position(_ id: UnitID) -> Int? { index[id.rawValue] }
    /// The id of the unit at a position.
    public func id(_ u: Int) -> UnitID { UnitID(units[u].id) }
}

extension Snapshot {
    /// The position of an indicator in this snapshot's catalogue, nil when it is gone.
    public func position(_ id: IndicatorID) -> Int? { dataset.indicatorIndex[id.rawValue] }
    /// The id of the indicator at a position.
    public func id(indicator i: Int) -> IndicatorID { IndicatorID(indicators[i].id) }
}

/// A perspective of the scorecard. The four of the styringskort are known by meaning (so
/// a report can name them in either language); any other word in the catalogue is kept as
/// it is written.
public enum Perspective: Hashable, Sendable {
    case users, workProcesses, staff, finance
    case other(String)

    /// The words indicators.yaml may use for each known perspective (the contract's
    /// Norwegian ones, and the English ones), matched without regard to case.
    static let words: [(Perspective, [String])] = [
        (.users, ["brukere", "users"]),
        (.workProcesses, ["arbeidsprosesser", "work processes"]),
        (.staff, ["medarbeidere", "staff"]),
        (.finance, ["økonomi", "finance"]),
    ]

    public init(word: String) {
        let w = word.trimmingCharacters(in: .whitespaces).lowercased()
        self = Perspective.words.first { $0.1.contains(w) }?.0 ?? .other(word)
    }
}

extension Snapshot {
    /// The perspectives in the order they first appear in the catalogue.
    public var perspectives: [Perspective] {
        var seen = [Perspective]()
        for ind in indicators where !seen.contains(ind.perspective) { seen.append(ind.perspective) }
        return seen
    }
}
