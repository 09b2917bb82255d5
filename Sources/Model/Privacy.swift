/// National identity numbers (fødselsnummer, D-nummer): recognised however they are
/// written, so they are never stored or shown. One place for the rule; docs/data-format.md
/// says what is refused.
///
/// A number is eleven digits. The text is normalised before it is looked at: any Unicode
/// decimal digit (full-width, Arabic-Indic …) and any superscript or subscript digit counts
/// as its value, and any run of characters that are neither letters nor digits between two
/// digits is a separator, whatever its length: spaces of any kind and number, line breaks,
/// `-`, `.`, `/`, `_`, `,`, `:`, `+`, brackets, dashes, and format characters such as the
/// zero-width space (U+200B) and word joiner (U+2060). So `010170 12345`, `010170_12343`,
/// `(010170)12343` and `0¹0170 12343` all count. Every run of eleven digits is checked by the
/// modulus-11 rule, which D-numbers (day + 40) and H-numbers (month + 40) follow too.
/// The loader, the store (both backends; PostgreSQL with the same rule in SQL), the CLI and
/// every message use this one rule.
public enum IdentityNumber {
    /// The digits of a text with where each digit is, and where runs of digits that are
    /// joined by short separators ("chains") start and end.
    struct Chain { var digits: [Int]; var range: Range<Int> }

    /// Anything but a letter or a digit separates the digits of one number.
    static func isSeparator(_ u: Unicode.Scalar) -> Bool {
        if u.value < 0x80 { return !((u.value >= 65 && u.value <= 90) || (u.value >= 97 && u.value <= 122)) }
        return !u.properties.isAlphabetic
    }

    /// A decimal digit of any script, or a superscript, subscript or other single digit (¹, ₂).
    static func digit(_ u: Unicode.Scalar) -> Int? {
        if u.value >= 48 && u.value <= 57 { return Int(u.value - 48) }
        guard u.value >= 0x80 else { return nil }
        switch u.properties.numericType {
        case .decimal?, .digit?:
            guard let v = u.properties.numericValue, v >= 0, v <= 9, v == v.rounded() else { return nil }
            return Int(v)
        default: return nil
        }
    }

    /// Chains of digits (positions are indices into the text's unicode scalars).
    static func chains(_ scalars: [Unicode.Scalar]) -> [Chain] {
        var out = [Chain]()
        var cur: Chain? = nil
        for (i, u) in scalars.enumerated() {
            if let d = digit(u) {
                if cur != nil { cur!.digits.append(d); cur!.range = cur!.range.lowerBound..<(i + 1) }
                else { cur = Chain(digits: [d], range: i..<(i + 1)) }
            } else if cur != nil, isSeparator(u) {
                continue
            } else {
                if let c = cur { out.append(c) }
                cur = nil
            }
        }
        if let c = cur { out.append(c) }
        return out
    }

    /// The two control digits of a Norwegian identity number (modulus 11) are right.
    public static func controlDigitsHold(_ d: [Int]) -> Bool {
        guard d.count == 11 else { return false }
        func control(_ weights: [Int], _ ds: [Int]) -> Int? {
            let r = 11 - zip(weights, ds).map { $0 * $1 }.reduce(0, +) % 11
            return r == 11 ? 0 : (r == 10 ? nil : r)
        }
        guard let k1 = control([3, 7, 6, 1, 8, 9, 4, 5, 2], Array(d[0..<9])), k1 == d[9],
              let k2 = control([5, 4, 3, 2, 7, 6, 5, 4, 3, 2], Array(d[0..<9]) + [k1]), k2 == d[10] else { return false }
        return true
    }

    /// The first six digits are a date (day + 40 for a D-number, month + 40 for an H-number).
    static func plausibleDate(_ d: [Int]) -> Bool {
        var day = d[0] * 10 + d[1], month = d[2] * 10 + d[3]
        if day > 40 { day -= 40 }
        if month > 40 { month -= 40 }
        return (1...31).contains(day) && (1...12).contains(month)
    }

    /// Where in the text an identity number stands. `strict`: any eleven digits (for ids,
    /// which are never eleven digits); otherwise the control digits must hold (free text,
    /// where an eleven-digit amount is possible), and in a longer run of digits also the date.
    static func ranges(_ scalars: [Unicode.Scalar], strict: Bool) -> [Range<Int>] {
        chains(scalars).compactMap { c -> Range<Int>? in
            if c.digits.count == 11 { return strict || controlDigitsHold(c.digits) ? c.range : nil }
            guard c.digits.count > 11 else { return nil }
            if strict { return c.range }
            for k in 0...(c.digits.count - 11) {
                let w = Array(c.digits[k..<(k + 11)])
                if controlDigitsHold(w) && plausibleDate(w) { return c.range }
            }
            return nil
        }
    }

    /// Free text (a comment, a name) that holds an identity number.
    public static func isIn(_ s: String) -> Bool { quickDigits(s) && !ranges(Array(s.unicodeScalars), strict: false).isEmpty }

    /// An id (a case, a user, a unit) that holds eleven digits, whatever their control digits.
    public static func isInID(_ s: String) -> Bool { quickDigits(s) && !ranges(Array(s.unicodeScalars), strict: true).isEmpty }

    /// The text with every run of eleven or more digits replaced by `***********` (for
    /// messages, which quote what was wrong: masking too much there costs nothing).
    public static func masked(_ s: String) -> String {
        guard quickDigits(s) else { return s }
        let scalars = Array(s.unicodeScalars)
        let rs = ranges(scalars, strict: true)
        guard !rs.isEmpty else { return s }
        var out = String.UnicodeScalarView()
        var i = 0
        for r in rs {
            out.append(contentsOf: scalars[i..<r.lowerBound])
            out.append(contentsOf: "***********".unicodeScalars)
            i = r.upperBound
        }
        out.append(contentsOf: scalars[i...])
        return String(out)
    }

    /// Fewer than eleven digits of any kind: nothing to look for (the common case, fast).
    /// An ASCII text (nearly every field) is counted by its bytes; any other by its scalars,
    /// every script's digits with them (issue 27: 2.8 % of `tertial check`'s instructions went
    /// to the scalar walk, for fields that were all ASCII).
    static func quickDigits(_ s: String) -> Bool {
        // The bytes in place (a native string's are contiguous): 0 fewer than eleven ASCII
        // digits, 1 eleven or more, 2 not ASCII (or not contiguous).
        let fast = s.utf8.withContiguousStorageIfAvailable { buf -> Int in
            var n = 0
            for b in buf {
                if b >= 0x80 { return 2 }
                if b &- 48 < 10 { n += 1 }
            }
            return n >= 11 ? 1 : 0
        } ?? 2
        if fast != 2 { return fast == 1 }
        var n = 0
        for u in s.unicodeScalars where digit(u) != nil { n += 1; if n >= 11 { return true } }
        return false
    }
}
