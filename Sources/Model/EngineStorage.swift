import Foundation

// How the engine stores a snapshot: slots, their layout and storage, and what it knows of
// each indicator (split from Engine.swift, unchanged).

struct Slot: Sendable {
    var value = Double.nan, target = Double.nan, warn = Double.nan
    var report: Int32 = -1
    var expected: Int32 = 0, present: Int32 = 0
    var status: Status = .none
    var origin: ValueOrigin = .none
    var flags: UInt8 = 0

    var due: Bool { get { flags & 1 != 0 } set { flags = newValue ? flags | 1 : flags & ~1 } }
    var hasReportRow: Bool { get { flags & 2 != 0 } set { flags = newValue ? flags | 2 : flags & ~2 } }
    var exists: Bool { get { flags & 4 != 0 } set { flags = newValue ? flags | 4 : flags & ~4 } }

    var valueOrNil: Double? { value.isNaN ? nil : value }
    var targetOrNil: Double? { target.isNaN ? nil : target }
    var warnOrNil: Double? { warn.isNaN ? nil : warn }
}

/// One indicator's slots, `[unit * periods + period]`: written by the engine's thread for
/// that indicator and read-only afterwards, so a reload in which the indicator did not
/// change shares the block with the snapshot before it.
final class SlotBlock: @unchecked Sendable {
    let ptr: UnsafeMutablePointer<Slot>
    let count: Int
    init(count: Int) {
        self.count = count
        ptr = .allocate(capacity: max(1, count))
        ptr.initialize(repeating: Slot(), count: count)
    }
    init(copying other: SlotBlock) {
        count = other.count
        ptr = .allocate(capacity: max(1, count))
        ptr.initialize(from: other.ptr, count: count)
    }
    deinit { ptr.deinitialize(count: count); ptr.deallocate() }
}

/// Where each cell's slot is. An indicator has cells only in the periods of its own kind
/// and coarser (a tertial indicator has tertials and years, no months), so its block holds
/// units × those periods and nothing for the others: a third of the slots of the generated
/// dataset were such placeholders before.
struct SlotLayout: Sendable {
    let nU: Int, nP: Int
    /// Per kind (`kind * nP + period`): the period's place among that kind's stored periods, or -1.
    let local: [Int32]
    /// Per kind: the stored periods' indices, in order.
    let stored: [[Int]]
    /// Per indicator: its kind (raw value) and the number of stored periods.
    let kind: [Int], stride: [Int]

    init(periods: [Period], units nU: Int, kinds: [Period.Kind]) {
        self.nU = nU; nP = periods.count
        var local = [Int32](repeating: -1, count: Period.Kind.allCases.count * periods.count)
        var stored = [[Int]]()
        for k in Period.Kind.allCases {
            let ps = periods.indices.filter { periods[$0].kind >= k }
            for (l, p) in ps.enumerated() { local[Int(k.rawValue) * periods.count + p] = Int32(l) }
            stored.append(ps)
        }
        self.local = local; self.stored = stored
        kind = kinds.map { Int($0.rawValue) }
        stride = kinds.map { stored[Int($0.rawValue)].count }
    }

    /// The number of slots of indicator `i`.
    func size(_ i: Int) -> Int { nU * stride[i] }

    /// The slot of a cell within its indicator's block, or -1 when the indicator has no cell
    /// in that period (a month of a tertial indicator).
    @inline(__always) func at(_ i: Int, _ u: Int, _ p: Int) -> Int {
        let l = Int(local[kind[i] * nP + p])
        return l < 0 ? -1 : u * stride[i] + l
    }

    /// The periods in which indicator `i` has cells.
    func periods(of i: Int) -> [Int] { stored[kind[i]] }
}

/// The slots of a snapshot, a block per indicator.
final class SlotStorage: @unchecked Sendable {
    let blocks: [SlotBlock]
    let layout: SlotLayout
    init(blocks: [SlotBlock], layout: SlotLayout) { self.blocks = blocks; self.layout = layout }
    /// The slot of a cell; an empty one (no cell) in a period finer than the indicator's.
    @inline(__always) subscript(i: Int, u: Int, p: Int) -> Slot {
        let l = layout.at(i, u, p)
        return l < 0 ? Slot() : blocks[i].ptr[l]
    }
}

/// What the engine reads of an indicator on every cell, without copying its strings.
struct IndicatorInfo {
    let freq: Period.Kind
    let source: IndicatorSource
    let overUnits: OverUnits
    let overTime: OverTime
    let direction: Direction
    let percent: Bool
    let target: Double?
    let warn: Double?
    init(_ i: Indicator) {
        freq = i.frequency.periodKind; source = i.source; overUnits = i.overUnits; overTime = i.overTime
        direction = i.direction; percent = i.unit == .percent; target = i.target; warn = i.warn
    }
}

/// A waitlist case as the engine reads it: integers only, no strings to retain.
