/// Terminal column width of text: combining marks take none, East Asian wide and
/// emoji take two. Used for padding tables here and cells in the dashboard.
public enum DisplayWidth {
    public static func of(_ s: String) -> Int {
        // Printable ASCII is one column a byte (most of every table): no Unicode lookups.
        var ascii = true
        for b in s.utf8 where b < 0x20 || b >= 0x7F { ascii = false; break }
        if ascii { return s.utf8.count }
        var w = 0
        for u in s.unicodeScalars { w += width(u) }
        return w
    }

    public static func width(_ u: Unicode.Scalar) -> Int {
        let v = u.value
        if v >= 0x20 && v < 0x7F { return 1 }
        if v == 0 { return 0 }
        if v < 0x20 || (v >= 0x7F && v < 0xA0) { return 0 }
        // What the dashboard draws most besides ASCII, one column each without a Unicode
        // property lookup (measured by `tertial-bench keys`): Latin-1 and Latin Extended
        // letters (æøå; not the soft hyphen, a format character), dashes, bullets and the
        // ellipsis, arrows, box drawing and block elements (frames, bars, the forecast's curve).
        if (v >= 0xA0 && v < 0x300 && v != 0xAD) || (0x2010...0x2027).contains(v) || (0x2190...0x21FF).contains(v)
            || (0x2500...0x259F).contains(v) {
            return 1
        }
        switch u.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        if v == 0x200B { return 0 }
        if (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
            || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
            || (0xFFE0...0xFFE6).contains(v) || (0x1F300...0x1F64F).contains(v) || (0x1F900...0x1F9FF).contains(v)
            || (0x20000...0x3FFFD).contains(v) {
            return 2
        }
        return 1
    }

    public static func padRight(_ s: String, _ width: Int) -> String {
        let w = of(s)
        return w >= width ? s : s + String(repeating: " ", count: width - w)
    }

    public static func padLeft(_ s: String, _ width: Int) -> String {
        let w = of(s)
        return w >= width ? s : String(repeating: " ", count: width - w) + s
    }

    /// Cuts to at most `width` columns, ending in `…` when cut.
    public static func truncate(_ s: String, _ width: Int, ellipsis: String = "…") -> String {
        guard of(s) > width else { return s }
        guard width > 0 else { return "" }
        var out = "", w = 0
        let ew = of(ellipsis)
        for ch in s {
            let cw = of(String(ch))
            if w + cw > width - ew { break }
            out.append(ch); w += cw
        }
        return out + ellipsis
    }

    /// Breaks text at spaces into lines of at most `width` columns; a word longer than a
    /// line is cut with an ellipsis.
    public static func wrap(_ s: String, _ width: Int) -> [String] {
        guard width > 0 else { return [s] }
        var lines = [String](), line = ""
        // A figure's unit stays with its number: "26,1 %" is never broken before the "%".
        let parts = s.split(separator: " ", omittingEmptySubsequences: false)
        var words = [Substring]()
        words.reserveCapacity(parts.count)
        for w in parts {
            if (w == "%" || w == "d" || w == "kr"), let last = words.last, last.last?.isNumber == true {
                words[words.count - 1] = s[last.startIndex..<w.endIndex]
            } else { words.append(w) }
        }
        for sub in words {
            let word = String(sub)
            let candidate = line.isEmpty ? word : line + " " + word
            if of(candidate) <= width { line = candidate; continue }
            if !line.isEmpty { lines.append(line) }
            line = of(word) <= width ? word : truncate(word, width)
        }
        lines.append(line)
        return lines
    }
}
