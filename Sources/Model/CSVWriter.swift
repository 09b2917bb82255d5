import Foundation

/// The one CSV writer for every CSV tertial writes (the scorecard, the waitlist, the
/// Corporater sheet, the follow-up list and the store's export): RFC 4180 with `;` as the
/// delimiter (what Norwegian Excel opens) and LF line ends (which RFC 4180 readers, Excel and
/// Python's csv module all read). A field is quoted when it holds the delimiter, a quote, CR
/// or LF, with `""` for a quote inside; nothing else about it changes. So what `CSVTable`
/// reads back, and what Python's csv module reads back, is the text written (a round-trip
/// test holds every writer to it). Text that would steer a terminal is made visible first
/// (`SafeText.visible`): a CSV is often printed with `cat`.
public enum CSVWriter {
    public static let delimiter: Character = ";"

    public static func field(_ s: String) -> String {
        let t = SafeText.visible(s)
        guard t.utf8.contains(where: { $0 == 0x3B || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else { return t }
        return "\"" + t.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// One record and its line end.
    public static func line(_ fields: [String]) -> String {
        fields.map(field).joined(separator: String(delimiter)) + "\n"
    }
}

/// Text that reaches a terminal, a file a person prints, or a report: every character that
/// could steer the terminal is shown as its code instead (`\u001b` for ESC), so an escape
/// sequence in data or follow-up (a title change, OSC 52 clipboard write, a screen clear) is
/// printed as harmless text and the rest of the text is kept. These are C0 controls other
/// than tab and line feed (CR too: it moves the cursor back over what was printed), DEL, C1
/// controls, and the bidirectional overrides and isolates that reorder what is shown.
public enum SafeText {
    @inline(__always) static func isUnsafe(_ v: UInt32, keepNewlines: Bool) -> Bool {
        if v < 0x20 { return !(v == 0x09 || (v == 0x0A && keepNewlines)) }
        if v < 0x7F { return false }
        if v <= 0x9F { return true } // DEL and C1
        return (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) || v == 0x200E || v == 0x200F || v == 0x061C
    }

    /// True when `s` holds a character `visible` would change.
    public static func needsCare(_ s: String, keepNewlines: Bool = true) -> Bool {
        // Fast path: printable ASCII (and tab/newline) needs nothing.
        for b in s.utf8 where b < 0x20 || b >= 0x7F {
            if b >= 0x80 { return s.unicodeScalars.contains { isUnsafe($0.value, keepNewlines: keepNewlines) } }
            if isUnsafe(UInt32(b), keepNewlines: keepNewlines) { return true }
        }
        return false
    }

    /// `s` with each unsafe character written as `\uXXXX` (newlines kept when `keepNewlines`).
    public static func visible(_ s: String, keepNewlines: Bool = true) -> String {
        guard needsCare(s, keepNewlines: keepNewlines) else { return s }
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars {
            if isUnsafe(u.value, keepNewlines: keepNewlines) {
                out.append(contentsOf: String(format: "\\u%04x", u.value).unicodeScalars)
            } else {
                out.append(u)
            }
        }
        return String(out)
    }
}
