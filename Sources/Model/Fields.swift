/// Typed access to one CSV row that records a located diagnostic for every bad field.
struct RowReader {
    let table: CSVTable
    let row: Int
    var diagnostics: [Diagnostic]

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
            error(name, Phrase(.notANumber, Fields.shown(table.string(row, col))),
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
        error(name, Phrase(.notADate, Fields.shown(s)), expected: Phrase(.expectDate))
        return (false, nil)
    }

    mutating func bool(_ name: String, _ col: Int?, default def: Bool = false) -> Bool {
        if let quick = table.quickBool(row, col) { return quick ?? def }
        let s = table.string(row, col)
        if s.isEmpty { return def }
        if let b = Fields.bool(s) { return b }
        error(name, Phrase(.notYesNo, Fields.shown(s)), expected: Phrase(.expectYesNo))
        return def
    }

    /// A pseudonym that must be unique in its file (a case, a user): an error naming the
    /// first line when an earlier accepted row had it.
    mutating func uniquePseudonym(_ name: String, _ col: Int?, seen: [String: Int], twice: Problem, expected: Problem) -> String? {
        let id = pseudonym(name, col)
        if let id, let first = seen[id] { error(name, Phrase(twice, id, String(first)), expected: Phrase(expected)) }
        return id
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

enum Fields {
    static func bool(_ s: String) -> Bool? {
        switch s.lowercased() {
        case "ja", "yes", "1", "true", "j", "y": return true
        case "nei", "no", "0", "false", "n": return false
        default: return nil
        }
    }

    /// An 11-digit number, possibly written with a space after the birth date (`010190 12345`).
    static func looksLikeNationalID(_ s: String) -> Bool {
        let digits = s.utf8.filter { $0 != 32 && $0 != 45 }
        return digits.count == 11 && digits.allSatisfy { $0 >= 48 && $0 <= 57 }
    }

    /// True when free text contains a run of 11 digits (optionally split after 6).
    static func containsNationalID(_ s: String) -> Bool {
        var run = 0
        var prevSpaceAfter6 = false
        for b in s.utf8 {
            if b >= 48 && b <= 57 { run += 1; if run >= 11 { return true } }
            else if b == 32 && run == 6 && !prevSpaceAfter6 { prevSpaceAfter6 = true }
            else { run = 0; prevSpaceAfter6 = false }
        }
        return false
    }

    /// A value as shown in a message: shortened, never a national identity number.
    static func shown(_ s: String) -> String {
        if containsNationalID(s) { return "(11-digit number, not shown)" }
        return s.count > 40 ? String(s.prefix(37)) + "..." : s
    }

    static func isUnitID(_ s: String) -> Bool {
        !s.isEmpty && s.utf8.allSatisfy { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 45 }
    }

    static func isIndicatorID(_ s: String) -> Bool {
        !s.isEmpty && s.utf8.allSatisfy { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 95 || $0 == 46 }
    }
}
