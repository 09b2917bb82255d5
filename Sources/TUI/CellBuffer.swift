import Foundation
import Reports

/// Colours the dashboard uses; the terminal adapter maps them to curses pairs, or to
/// nothing on a monochrome terminal (every status also has a symbol or a word).
public enum Color: UInt8, Sendable, CaseIterable {
    case normal, green, yellow, red, blue, cyan, magenta, grey
}

public struct Style: Hashable, Sendable {
    public var color: Color = .normal
    public var bold = false
    public var reverse = false
    public var dim = false
    public var underline = false

    public init(_ color: Color = .normal, bold: Bool = false, reverse: Bool = false, dim: Bool = false, underline: Bool = false) {
        self.color = color; self.bold = bold; self.reverse = reverse; self.dim = dim; self.underline = underline
    }
    public static let plain = Style()
    public static let bold = Style(bold: true)
    public static let dim = Style(dim: true)
}

/// One terminal cell. A wide character occupies its cell and a `continuation` cell after it.
public struct BufferCell: Hashable, Sendable {
    public var text: String
    public var style: Style
    public var continuation: Bool
    public static let blank = BufferCell(text: " ", style: .plain, continuation: false)
}

/// A grid of cells: what one frame shows. Pure value; the terminal adapter blits it.
public struct CellBuffer: Equatable, Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [BufferCell]
    /// A terminal without UTF-8 (LANG=C): text is transliterated (æ → ae, ø → o, å → aa, …)
    /// so no letter is lost, and anything else becomes plain ASCII.
    public var ascii = false

    public init(width: Int, height: Int) {
        self.width = max(0, width); self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public subscript(x: Int, y: Int) -> BufferCell {
        get { cells[y * width + x] }
    }

    /// Writes text at (x, y), clipped to `maxWidth` columns and the screen edge.
    /// Returns the column after the last one written.
    @discardableResult
    public mutating func put(_ x: Int, _ y: Int, _ text: String, _ style: Style = .plain, maxWidth: Int? = nil) -> Int {
        guard y >= 0, y < height, x < width else { return x }
        let text = ascii ? CellBuffer.transliterated(text) : text
        let limit = min(width, maxWidth.map { x + $0 } ?? width)
        var col = x
        for ch in text {
            let s = String(ch)
            let w = ch == "\t" ? 1 : DisplayWidth.of(s)
            if w == 0 { continue }
            if col + w > limit { break }
            if col >= 0 {
                cells[y * width + col] = BufferCell(text: ch == "\t" ? " " : s, style: style, continuation: false)
                if w == 2 { cells[y * width + col + 1] = BufferCell(text: "", style: style, continuation: true) }
            }
            col += w
        }
        return col
    }

    /// Plain ASCII for a terminal that has nothing else: Norwegian letters spelled out as
    /// Norwegians do without them, accents dropped, symbols by their nearest ASCII.
    public static func transliterated(_ s: String) -> String {
        guard s.utf8.contains(where: { $0 >= 0x80 }) else { return s }
        var out = ""
        for ch in s {
            if ch.isASCII { out.append(ch); continue }
            switch ch {
            case "æ": out += "ae"
            case "Æ": out += "Ae"
            case "ø": out += "o"
            case "Ø": out += "O"
            case "å": out += "aa"
            case "Å": out += "Aa"
            case "–", "−", "‐", "—": out += "-"
            case "…": out += "..."
            case "·": out += "."
            case "“", "”", "«", "»": out += "\""
            case "‘", "’": out += "'"
            case "±": out += "+/-"
            case "×": out += "x"
            case "→": out += "->"
            case "←": out += "<-"
            case "Σ": out += "S"
            case "▏": out += "|"
            case "\u{00A0}", "\u{2009}", "\u{202F}": out += " "
            default:
                let folded = String(ch).folding(options: .diacriticInsensitive, locale: nil)
                out += folded.allSatisfy(\.isASCII) ? folded : "?"
            }
        }
        return out
    }

    /// Sets the style of a row segment, keeping its text (for selection bars and headers).
    public mutating func fill(_ x: Int, _ y: Int, _ w: Int, _ style: Style) {
        guard y >= 0, y < height else { return }
        for c in max(0, x)..<min(width, x + w) { cells[y * width + c].style = style }
    }

    /// Applies a style to cells already written (keeps their text).
    public mutating func restyle(_ x: Int, _ y: Int, _ w: Int, _ f: (inout Style) -> Void) {
        guard y >= 0, y < height else { return }
        for c in max(0, x)..<min(width, x + w) { f(&cells[y * width + c].style) }
    }

    /// The text of a row, for tests and captures.
    public func line(_ y: Int) -> String {
        var s = ""
        for x in 0..<width where !self[x, y].continuation { s += self[x, y].text }
        return s
    }

    /// All rows, trailing spaces trimmed.
    public var text: String {
        (0..<height).map { y -> String in
            var l = Substring(line(y))
            while l.last == " " { l = l.dropLast() }
            return String(l)
        }.joined(separator: "\n")
    }

    /// A style layer for golden tests: one letter a cell (G green, Y yellow, R red, B blue, C cyan, M magenta,
    /// D grey/dim; lower case when reversed; `*` bold normal; `.` plain).
    public var styleText: String {
        (0..<height).map { y -> String in
            var s = ""
            for x in 0..<width {
                let st = self[x, y].style
                var ch: Character
                switch st.color {
                case .normal: ch = st.bold ? "*" : (st.dim ? "D" : ".")
                case .green: ch = "G"
                case .yellow: ch = "Y"
                case .red: ch = "R"
                case .blue: ch = "B"
                case .cyan: ch = "C"
                case .magenta: ch = "M"
                case .grey: ch = "D"
                }
                if st.reverse { ch = ch == "." ? "_" : Character(ch.lowercased()) }
                s.append(ch)
            }
            var l = Substring(s)
            while l.last == "." { l = l.dropLast() }
            return String(l)
        }.joined(separator: "\n")
    }
}
