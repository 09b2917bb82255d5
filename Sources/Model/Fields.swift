/// Typed access to one CSV row that records a located diagnostic for every bad field.
struct RowReader {
    let table: CSVTable
    private(set) var row: Int
    var diagnostics: [Diagnostic]
    /// The pseudonym `uniquePseudonymKey` accepted on this row: its bytes' range in the
    /// table's storage, or (a field not taken by its bytes) its text.
    private var claimRange = 0..<0
    private var claimText = ""
    /// 0: none, 1: `claimRange`, 2: `claimText` (a flag, so a row with a plain pseudonym
    /// releases no string).
    private var claimKind: UInt8 = 0

    init(table: CSVTable, row: Int, diagnostics: [Diagnostic]) {
        self.table = table; self.row = row; self.diagnostics = diagnostics
    }

    /// On to row `r`, its diagnostics empty (issue 27: one reader per file; a reader made per
    /// row retained and released every array of the table for every row).
    mutating func start(_ r: Int) {
        row = r
        diagnostics.removeAll(keepingCapacity: true)
    }

    var line: Int { table.line(row) }
    var ref: SourceRef { SourceRef(file: table.file, line: line) }

    mutating func error(_ field: String?, _ message: Phrase, expected: Phrase? = nil) {
        diagnostics.append(Diagnostic(.error, file: table.file, line: line, field: field, message, expected: expected))
    }
    mutating func warning(_ field: String?, _ message: Phrase, expected: Phrase? = nil) {
        diagnostics.append(Diagnostic(.warning, file: table.file, line: line, field: field, message, expected: expected))
    }

    func text(_ col: Int?) -> String { table.string(row, col) }

    func optionalText(_ col: Int?) -> String? {
        let s = table.string(row, col)
        return s.isEmpty ? nil : s
    }

    mutating func required(_ name: String, _ col: Int?) -> String? {
        let s = table.string(row, col)
        if s.isEmpty { error(name, Phrase(.isEmpty), expected: Phrase(.expectValue)); return nil }
        return s
    }

    /// nil with no diagnostic when empty; nil with a diagnostic when malformed.
    mutating func number(_ name: String, _ col: Int?) -> (ok: Bool, value: Double?) {
        switch table.number(row, col) {
        case .empty: return (true, nil)
        case .value(let v): return (true, v)
        case .invalid:
            error(name, Phrase.notANumber(Fields.shown(table.string(row, col))),
                  expected: Phrase(table.delimiter == UInt8(ascii: ";") ? .expectNumberComma : .expectNumber))
            return (false, nil)
        }
    }

    mutating func date(_ name: String, _ col: Int?) -> (ok: Bool, value: Day?) {
        let (empty, day) = table.date(row, col)
        if empty { return (true, nil) }
        if let day { return (true, day) }
        let s = table.string(row, col)
        if let d = Day(parsing: s) { return (true, d) } // padded with tabs or no-break spaces
        error(name, Phrase.notADate(Fields.shown(s)), expected: Phrase(.expectDate))
        return (false, nil)
    }

    @inline(__always)
    mutating func bool(_ name: String, _ col: Int?, default def: Bool = false) -> Bool {
        // Issue 27: the common spellings read in place, inlined (3.4 million fields).
        if let quick = table.quickBool(row, col) { return quick ?? def }
        return slowBool(name, col, default: def)
    }

    @inline(never)
    private mutating func slowBool(_ name: String, _ col: Int?, default def: Bool) -> Bool {
        let s = table.string(row, col)
        if s.isEmpty { return def }
        if let b = Fields.bool(s) { return b }
        error(name, Phrase.notYesNo(Fields.shown(s)), expected: Phrase(.expectYesNo))
        return def
    }

    /// A field that must be one of a set of words (`parse` says which): nil when empty (an
    /// error when required), an error quoting the value when it is none of them.
    mutating func choice<T>(_ name: String, _ col: Int?, required isRequired: Bool = false, _ parse: (String) -> T?,
                            _ problem: (String) -> Phrase, expected: Problem) -> T? {
        guard let s = isRequired ? required(name, col) : optionalText(col) else { return nil }
        if let v = parse(s) { return v }
        error(name, problem(Fields.shown(s)), expected: Phrase(expected))
        return nil
    }

    /// Free text (a name, a comment): refused, and not shown, when it holds an identity number.
    mutating func freeText(_ name: String, _ col: Int?, required isRequired: Bool) -> String? {
        guard let s = isRequired ? required(name, col) : optionalText(col) else { return nil }
        if Fields.containsNationalID(s) {
            error(name, Phrase(.identityInText), expected: Phrase(.expectTextWithoutIdentity))
            return nil
        }
        return s
    }

    /// A pseudonym that must be unique in its file (a case, a user): an error naming the
    /// first line when an earlier accepted row had it.
    mutating func uniquePseudonym(_ name: String, _ col: Int?, seen: KeyTable, twice: (String, Int) -> Phrase, expected: Problem) -> String? {
        let id = pseudonym(name, col)
        if let id, let first = seen.line(of: id) { error(name, twice(id, first), expected: Phrase(expected)) }
        return id
    }

    /// `uniquePseudonym` without its `String`, for a register whose records keep no pseudonym
    /// (IP, BrukerPlan) or make it only when the row is kept (the waitlist): a field that
    /// `CSVTable.plainASCIIKey` takes (every pseudonym the contract's exports write) is checked
    /// and looked up by its bytes; any other goes `uniquePseudonym`'s way, with the same
    /// messages. True when the field is a pseudonym not seen before; `claimPseudonym` then
    /// records it, for a row that is kept (issue 27: 580 instructions a row of the 800 000).
    mutating func uniquePseudonymKey(_ name: String, _ col: Int?, seen: KeyTable, twice: (String, Int) -> Phrase, expected: Problem) -> Bool {
        claimKind = 0
        if let col, let r = table.plainASCIIKey(row, col) {
            if let first = table.withBytes(r, { seen.line(ofASCII: $0) }) {
                error(name, twice(table.string(row, col), first), expected: Phrase(expected))
                return false
            }
            claimRange = r; claimKind = 1
            return true
        }
        let before = diagnostics.count
        guard let id = uniquePseudonym(name, col, seen: seen, twice: twice, expected: expected), diagnostics.count == before else { return false }
        claimText = id; claimKind = 2
        return true
    }

    /// Records the pseudonym `uniquePseudonymKey` accepted on this row, at this row's line.
    mutating func claimPseudonym(_ seen: KeyTable) {
        if claimKind == 1 { let l = line; table.withBytes(claimRange) { seen.insert(ascii: $0, line: l) } }
        else if claimKind == 2 { seen.insert(claimText, line: line) }
    }

    /// A required id that many rows repeat (an IP record's unit), as its index in `names`:
    /// the text as `required` reads it, made and added the first time it is seen. A field
    /// `CSVTable.plainASCIIKey` takes is looked up by its bytes (no `String` per row); any
    /// other by its text, in the same table. Nil (with the error) when empty.
    mutating func unitRef(_ name: String, _ col: Int?, in ids: KeyTable, names: inout [String]) -> Int32? {
        let k = names.count
        if let col, let r = table.plainASCIIKey(row, col) {
            if let seen = table.withBytes(r, { ids.line(ofASCII: $0) }) { return Int32(seen) }
            names.append(table.string(row, col))
            table.withBytes(r) { ids.insert(ascii: $0, line: k) }
        } else {
            guard let s = required(name, col) else { return nil }
            if let seen = ids.line(of: s) { return Int32(seen) }
            names.append(s)
            ids.insert(s, line: k)
        }
        return Int32(k)
    }

    /// Refuses what looks like a national identity number; never echoes it.
    mutating func pseudonym(_ name: String, _ col: Int?) -> String? {
        guard let s = required(name, col) else { return nil }
        if Fields.looksLikeNationalID(s) {
            error(name, Phrase(.identityNumber), expected: Phrase(.expectPseudonym))
            return nil
        }
        return s
    }
}

public enum Fields {
    static func bool(_ s: String) -> Bool? {
        switch s.lowercased() {
        case "ja", "yes", "1", "true", "j", "y": return true
        case "nei", "no", "0", "false", "n": return false
        default: return nil
        }
    }

    /// An id that holds an identity number (any eleven digits, however separated).
    static func looksLikeNationalID(_ s: String) -> Bool { IdentityNumber.isInID(s) }

    /// Free text that holds an identity number (see `IdentityNumber`).
    static func containsNationalID(_ s: String) -> Bool { IdentityNumber.isIn(s) }

    /// A value as shown in a message: shortened, control characters escaped, never a
    /// national identity number.
    public static func shown(_ s: String) -> String {
        let m = IdentityNumber.masked(s)
        let clean = String(String.UnicodeScalarView(m.unicodeScalars.map { $0.properties.generalCategory == .control ? "?" : $0 }))
        return clean.count > 40 ? String(clean.prefix(37)) + "..." : clean
    }

    static func isUnitID(_ s: String) -> Bool {
        !s.isEmpty && s.utf8.allSatisfy { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 45 }
    }

    static func isIndicatorID(_ s: String) -> Bool {
        !s.isEmpty && s.utf8.allSatisfy { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 95 || $0 == 46 }
    }
}
