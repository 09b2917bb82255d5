import Foundation

/// Strings to small integers, for the hot loops over register rows: the pseudonyms (cases,
/// users) already accepted in one register file with the line of each, to refuse a second
/// row for the same one; and the unit ids with their index in the tree (`UnitLookup`).
///
/// Hand-written in place of `[String: Int]` (issue 27, docs/performance.md "Instruction
/// counts, round by round"): with a `String` dictionary the look-up and the insert hashed
/// every pseudonym twice with SipHash, 840 instructions a row of the 800 000 in the
/// generated data's IP snapshots and waitlist, and a unit id's look-up about 370; here a
/// key's UTF-8 bytes are hashed by a seeded multiply-xor hash and kept in one byte array.
///
/// Keys compare as Swift's `String ==` does (canonical equivalence): an ASCII key is its
/// own normal form and is compared by its bytes; any other is compared by the bytes of
/// its NFC form (so `é` typed as one or two scalars, and the Kelvin sign and `K`, are one
/// pseudonym, as they were in the dictionary). A test holds the table equal to a
/// `[String: Int]` on random mixes of such keys.
final class KeyTable: @unchecked Sendable {
    /// An accepted key: its bytes in `arena`, its value.
    private struct Entry { var start: Int32, count: Int32, line: Int32 }
    // Sendable: after it is filled a table is only read (`index(of:)` writes nothing; the
    // parsers' `line(of:)` and `insert` are used by one thread, on a table of their own).
    // Raw buffers, not arrays: the arrays' uniqueness checks and retains cost more than
    // the look-up itself (a first version with arrays saved nothing over the dictionary).
    /// Open addressing, linear probing: 0 = empty, else the upper half of the key's hash
    /// (high 32 bits) and its entry's index + 1 (low 32 bits). A probe compares the hash in
    /// the slot itself: a key not there (most look-ups in a parser) touches no entry and no
    /// key bytes, one cache line of a table that for 200 000 cases is bigger than the cache.
    private var slots: UnsafeMutablePointer<UInt64>
    private var mask: Int
    private var entries: UnsafeMutablePointer<Entry>
    private var entryCapacity: Int
    private(set) var count = 0
    /// Every key's bytes, one after another.
    private var arena: UnsafeMutablePointer<UInt8>
    private var arenaUsed = 0, arenaCapacity: Int
    /// The process's seed (Swift's own, so `SWIFT_DETERMINISTIC_HASHING` fixes it too): a
    /// file cannot be written to make every key collide.
    private static let seed: UInt64 = UInt64(bitPattern: Int64(0x7465_7274_6961_6C.hashValue))
    /// The seed, read once per table (a static is behind a `swift_once` check per use).
    private let seed = KeyTable.seed

    /// False while a table made `sortedFirst` has only had keys in increasing byte order:
    /// its slots are then neither filled nor read (see `init`).
    private var slotsReady = true

    /// `sortedFirst`: for a parser's "once per file" check. Pseudonyms in an export are
    /// usually in increasing order, and a key greater than the last one accepted cannot have
    /// been seen: while that holds, a look-up is one comparison with the last key and no
    /// slot is filled (issue 27: the waitlist's 200 000 cases hashed into 4 MB of slots cost a
    /// cache miss each, 5 % of `tertial check`'s time). The first key out of order (or given
    /// as a `String`) fills the slots from the keys so far and the table works as any other.
    init(minimumCapacity n: Int = 16, sortedFirst: Bool = false) {
        var size = 16
        while size < 2 * n { size <<= 1 }
        slots = .allocate(capacity: size)
        if sortedFirst { slotsReady = false } else { slots.initialize(repeating: 0, count: size) }
        mask = size - 1
        entryCapacity = max(n, 8)
        entries = .allocate(capacity: entryCapacity)
        arenaCapacity = max(n * 16, 64)
        arena = .allocate(capacity: arenaCapacity)
    }

    deinit { slots.deallocate(); entries.deallocate(); arena.deallocate() }

    /// Where the last key looked up by its bytes would go (`insert(ascii:line:)` right after
    /// it, the parsers' way, needs no second probe); -1 when none. Any insert ends it.
    private var pendingSlot = -1, pendingHash: UInt64 = 0

    /// A table of the keys, each with its position (the last of a key given twice, as a
    /// dictionary filled in order has it).
    convenience init(_ keys: [String]) {
        self.init(minimumCapacity: keys.count)
        for (k, key) in keys.enumerated().reversed() { insert(key, line: k) }
    }

    /// The key's value, if it is there; reads only (safe from any thread) on a table not
    /// made `sortedFirst`.
    func index(of key: String) -> Int? {
        if !slotsReady { fillSlots() }
        return withKey(key) { k, h in find(k, h).entry.map { Int(entries[$0].line) } }
    }

    /// The line of the row that first had the pseudonym, if one has. (The parsers' hot path
    /// is the bytes' way, `line(ofASCII:)`; a key as a `String` is the rare one.)
    func line(of key: String) -> Int? { index(of: key) }

    /// Records the pseudonym's first line; a pseudonym already there keeps its first.
    func insert(_ key: String, line: Int) {
        if !slotsReady { fillSlots() }
        withKey(key) { k, h in
            let (slot, found) = find(k, h)
            if found == nil { add(k, h, slot, line) }
        }
    }

    /// `line(of:)` for a key given as its bytes, all ASCII (`CSVTable.plainASCIIKey`): no
    /// `String` made. The place to insert it is kept for `insert(ascii:line:)`.
    func line(ofASCII k: UnsafeBufferPointer<UInt8>) -> Int? {
        if !slotsReady {
            if isAfterLast(k) { pendingSlot = -1; return nil }
            fillSlots()
        }
        let h = Self.hash(k, seed: seed).hash
        let (s, found) = find(k, h)
        if let found { pendingSlot = -1; return Int(entries[found].line) }
        pendingSlot = s; pendingHash = h
        return nil
    }

    /// `insert` for a key given as its ASCII bytes; right after `line(ofASCII:)` of the same
    /// bytes (the parsers' way) it needs no second probe.
    func insert(ascii k: UnsafeBufferPointer<UInt8>, line: Int) {
        if !slotsReady {
            if isAfterLast(k) { return append(k, line) }
            fillSlots()
        }
        let h = Self.hash(k, seed: seed).hash
        if pendingSlot >= 0, h == pendingHash { return add(k, h, pendingSlot, line) }
        let (slot, found) = find(k, h)
        if found == nil { add(k, h, slot, line) }
    }

    /// Whether the key comes after the last one accepted, in byte order (shorter first on a
    /// common prefix), so that it cannot be one of them while every one came after the one
    /// before (`sortedFirst`).
    @inline(__always)
    private func isAfterLast(_ k: UnsafeBufferPointer<UInt8>) -> Bool {
        guard count > 0 else { return true }
        let last = entries[count - 1]
        let n = min(k.count, Int(last.count))
        let c = n == 0 ? 0 : memcmp(k.baseAddress!, arena + Int(last.start), n)
        return c > 0 || (c == 0 && k.count > Int(last.count))
    }

    /// The slots filled from the keys accepted so far (the first key out of order).
    @inline(never)
    private func fillSlots() {
        slotsReady = true
        pendingSlot = -1
        placeAll(in: slots, size: mask + 1)
    }

    /// Every key's slot in a table of `size` slots (a power of two), zeroed first.
    private func placeAll(in table: UnsafeMutablePointer<UInt64>, size: Int) {
        table.initialize(repeating: 0, count: size)
        let m = size - 1
        for e in 0..<count {
            let x = entries[e]
            let h = Self.hash(UnsafeBufferPointer(start: arena + Int(x.start), count: Int(x.count)), seed: seed).hash
            var s = Int(truncatingIfNeeded: h) & m
            while table[s] != 0 { s = (s + 1) & m }
            table[s] = (h >> 32) << 32 | UInt64(UInt32(truncatingIfNeeded: e + 1))
        }
    }

    private func add(_ k: UnsafeBufferPointer<UInt8>, _ h: UInt64, _ s: Int, _ line: Int) {
        append(k, line)
        slots[s] = (h >> 32) << 32 | UInt64(UInt32(truncatingIfNeeded: count))
        if 2 * count > mask + 1 { grow() }
    }

    /// The key and its line stored, without a slot (a table still `sortedFirst` has none;
    /// `add` gives it one).
    private func append(_ k: UnsafeBufferPointer<UInt8>, _ line: Int) {
        pendingSlot = -1
        if count == entryCapacity {
            entryCapacity *= 2
            let next = UnsafeMutablePointer<Entry>.allocate(capacity: entryCapacity)
            next.moveInitialize(from: entries, count: count)
            entries.deallocate(); entries = next
        }
        if arenaUsed + k.count > arenaCapacity {
            while arenaUsed + k.count > arenaCapacity { arenaCapacity *= 2 }
            let next = UnsafeMutablePointer<UInt8>.allocate(capacity: arenaCapacity)
            next.moveInitialize(from: arena, count: arenaUsed)
            arena.deallocate(); arena = next
        }
        if let b = k.baseAddress { memcpy(arena + arenaUsed, b, k.count) }
        entries[count] = Entry(start: Int32(truncatingIfNeeded: arenaUsed), count: Int32(truncatingIfNeeded: k.count),
                               line: Int32(clamping: line))
        arenaUsed += k.count
        count += 1
        // A table without slots yet keeps room for them: filled later, at most half full.
        if !slotsReady && 2 * count > mask + 1 {
            let size = (mask + 1) * 2
            slots.deallocate()
            slots = .allocate(capacity: size)
            mask = size - 1
        }
    }

    /// The slot holding the key (and its entry), or the empty slot where it would go.
    private func find(_ k: UnsafeBufferPointer<UInt8>, _ h: UInt64) -> (slot: Int, entry: Int?) {
        let tag = h >> 32
        var s = Int(truncatingIfNeeded: h) & mask
        while true {
            let v = slots[s]
            if v == 0 { return (s, nil) }
            if v >> 32 == tag {
                let e = Int(UInt32(truncatingIfNeeded: v)) - 1
                let x = entries[e]
                if Int(x.count) == k.count, k.isEmpty || memcmp(arena + Int(x.start), k.baseAddress!, k.count) == 0 { return (s, e) }
            }
            s = (s + 1) & mask
        }
    }

    private func grow() {
        let size = (mask + 1) * 2
        let next = UnsafeMutablePointer<UInt64>.allocate(capacity: size)
        placeAll(in: next, size: size)
        slots.deallocate()
        slots = next; mask = size - 1
    }

    /// The key's bytes as compared, and their hash: its own when ASCII, its NFC form's
    /// otherwise.
    @inline(__always)
    private func withKey<R>(_ key: String, _ body: (UnsafeBufferPointer<UInt8>, UInt64) -> R) -> R {
        let seed = self.seed
        let direct: R?? = key.utf8.withContiguousStorageIfAvailable { buf -> R? in
            let (h, ascii) = Self.hash(buf, seed: seed)
            return ascii ? body(buf, h) : nil
        }
        if let done = direct, let r = done { return r }
        var nfc = key.precomposedStringWithCanonicalMapping
        return nfc.withUTF8 { body($0, Self.hash($0, seed: seed).hash) }
    }

    /// A seeded multiply-xor hash of the bytes, eight at a time (a pseudonym is 8–20 bytes;
    /// the last word overlaps the one before rather than going byte by byte).
    /// Also says whether every byte is ASCII (read from the same words).
    static func hash(_ k: UnsafeBufferPointer<UInt8>) -> (hash: UInt64, ascii: Bool) { hash(k, seed: seed) }

    @inline(__always)
    static func hash(_ k: UnsafeBufferPointer<UInt8>, seed: UInt64) -> (hash: UInt64, ascii: Bool) {
        let n = k.count
        var h = seed ^ (UInt64(n) &* 0x9E37_79B9_7F4A_7C15)
        var all: UInt64 = 0
        if n >= 8 {
            let raw = UnsafeRawBufferPointer(k)
            var i = 0
            while i + 8 < n {
                let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                all |= w
                h = (h ^ w) &* 0xFF51_AFD7_ED55_8CCD
                h ^= h >> 32
                i += 8
            }
            let w = raw.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
            all |= w
            h = (h ^ w) &* 0xFF51_AFD7_ED55_8CCD
        } else if n > 0 {
            var w: UInt64 = 0
            for i in 0..<n { w |= UInt64(k[i]) << UInt64(8 * i) }
            all = w
            h = (h ^ w) &* 0xFF51_AFD7_ED55_8CCD
        }
        // fmix64 (MurmurHash3's finaliser): every input bit reaches every output bit.
        h ^= h >> 33; h = h &* 0xFF51_AFD7_ED55_8CCD
        h ^= h >> 33; h = h &* 0xC4CE_B9FE_1A85_EC53
        h ^= h >> 33
        return (h, all & 0x8080_8080_8080_8080 == 0)
    }
}
