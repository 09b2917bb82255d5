import Model
import Store
import Reports

/// Text with a style.
public struct Span: Hashable, Sendable {
    public var text: String
    public var style: Style
    public init(_ text: String, _ style: Style = .plain) { self.text = text; self.style = style }
}

/// A matrix's sort column and its direction (`Panel.sortedColumn`).
public struct SortedColumn: Hashable, Sendable {
    public let index: Int, descending: Bool
    public init(_ index: Int, descending: Bool) { self.index = index; self.descending = descending }
}

public struct Column: Sendable {
    public var title: String
    /// Width in columns; 0 = takes the remaining width.
    public var width: Int
    public var right: Bool
    /// Holds figures: never cut (right-aligned columns always are).
    public var whole: Bool
    /// For a flexible column (width 0): its share of the spare width against the others.
    public var weight: Int
    public init(_ title: String, _ width: Int, right: Bool = false, whole: Bool = false, weight: Int = 1) {
        self.title = title; self.width = width; self.right = right; self.whole = whole || right; self.weight = max(1, weight)
    }
}

/// One row of a panel.
public struct Item: Sendable {
    public var cells: [Span]
    public var key: RowKey
    public var selectable = true
    public var header = false
    /// The view Enter opens.
    public var action: ViewState?
    /// Lines shown under the list for the selected item.
    public var detail: [String] = []
    /// Lines under the list of their own when this item is selected (the waitlist: the
    /// selected category's forecast), in place of the panel's `below`, which then only
    /// reserves their height.
    public var below: [[Span]]? = nil
    public var search: String = ""
    /// The figure a comment or action (`c`, `a`) on this row is about.
    public var followUp: Entry.Key?
    /// In a matrix: what Enter opens and what `c`/`a` are about, for each cell (by column).
    public var cellActions: [Int: ViewState] = [:]
    public var cellFollowUp: [Int: Entry.Key] = [:]
    public var cellDetail: [Int: [String]] = [:]
    /// A value the screen that built the row keeps on it for its own actions (the
    /// follow-up screen: the entry the row is).
    public var value: ScreenValue?
    /// Enter also moves the dashboard to this period (an action opens its own period's figure).
    public var opensPeriod: Period?
    /// A stacked bar drawn in the panel's `barColumn` instead of the cell's text.
    public var bar: [BarPart] = []

    public init(_ cells: [Span], key: RowKey) { self.cells = cells; self.key = key; search = cells.first?.text ?? "" }

    /// A group heading: shown, never selected.
    public static func heading(_ text: String, _ style: Style = Style(.blue, bold: true)) -> Item {
        var h = Item([Span(text, style)], key: .heading(text))
        h.selectable = false; h.header = true
        return h
    }
}

/// One part of a stacked bar: its share of the whole, colour, and a glyph of its own so
/// that the parts differ without colour too.
public struct BarPart: Hashable, Sendable {
    public var share: Double
    public var style: Style
    public var glyph: String
    public var asciiGlyph: String
    public init(_ share: Double, _ style: Style, glyph: String, ascii: String) { self.share = share; self.style = style; self.glyph = glyph; self.asciiGlyph = ascii }

    /// Widths of the parts in `width` columns: largest remainders, so they fill it exactly
    /// and a part above zero gets a column whenever rounding allows.
    public static func widths(_ parts: [BarPart], _ width: Int) -> [Int] {
        let total = parts.map(\.share).reduce(0, +)
        guard total > 0, width > 0 else { return parts.map { _ in 0 } }
        let exact = parts.map { $0.share / total * Double(width) }
        var w = exact.map { Int($0.rounded(.down)) }
        let order = exact.indices.sorted { exact[$0] - Double(w[$0]) > exact[$1] - Double(w[$1]) }
        var left = width - w.reduce(0, +)
        for k in order where left > 0 { w[k] += 1; left -= 1 }
        return w
    }
}

/// A box on the overview: its content is built with the panel, so the renderer only lays
/// it out and draws it.
public struct Tile: Sendable {
    public var id: String
    public var title: String
    /// Where Enter goes.
    public var target: ViewState
    /// 0 = left column, 1 = right column.
    public var column: Int
    /// Rows including the border; nil = what is left of the column.
    public var height: Int?
    public var lines: [[Span]]

    public init(id: String, title: String, target: ViewState, column: Int, height: Int?, lines: [[Span]]) {
        self.id = id; self.title = title; self.target = target; self.column = column; self.height = height; self.lines = lines
    }
}

/// A view's content: what `update` moves through and `render` draws.
public struct Panel: Sendable {
    public var title: String
    public var columns: [Column]
    public var items: [Item]
    /// Extra lines under the list (the waitlist's Table 7 matrix).
    public var below: [[Span]] = []
    public var sortNames: [String] = []
    /// The overview's tiles (the items are one per tile, in the same order).
    public var tiles: [Tile] = []
    /// Each column's widest text, its title included (headings left out): what the column
    /// widths are fitted to. Measured once, when the panel is built.
    public var contentWidths: [Int] = []
    /// A matrix: one cell is selected (`ViewState.column`), not a row; the first column
    /// stays while the others scroll sideways.
    public var matrix = false
    /// In a matrix sorted by a column: that column (its header carries ↓ or ↑, `descending`
    /// saying which), so the sort names what it sorts by.
    /// (A struct, not a tuple: an optional tuple's type is looked up at run time each time
    /// a panel is copied; the `keys` benchmark saw it.)
    public var sortedColumn: SortedColumn?
    /// The column in which rows with a `bar` draw it.
    public var barColumn: Int?

    /// `ascii`: measured as an ASCII terminal shows the text (`±` is `+/-` there), so a
    /// figure is never cut by its transliteration.
    mutating func measure(ascii: Bool = false) {
        func width(_ s: String) -> Int { DisplayWidth.of(ascii ? CellBuffer.transliterated(s) : s) }
        // Only the columns whose width follows their content: figures (whole) and flexible ones.
        contentWidths = columns.enumerated().map { c, col in
            guard col.whole || col.width == 0 else { return 0 }
            return items.reduce(width(col.title)) { max($0, $1.header || !$1.cells.indices.contains(c) ? 0 : width($1.cells[c].text)) }
        }
    }

    public init(title: String, columns: [Column], items: [Item]) { self.title = title; self.columns = columns; self.items = items }

    public init(title: String, tiles: [Tile]) {
        self.title = title; columns = []; self.tiles = tiles
        items = tiles.map { t in
            var it = Item([Span(t.title)], key: .tile(t.id))
            it.action = t.target
            return it
        }
    }

    public static let empty = Panel(title: "", columns: [], items: [])
}

/// A rectangle on the screen.
public struct Rect: Hashable, Sendable {
    public var x, y, w, h: Int
    public var midX: Int { x + w / 2 }
    public var midY: Int { y + h / 2 }
}

/// Lays tiles out in two columns: each column stacks its tiles at their preferred
/// heights, and the one without a height takes what is left. One function for drawing
/// and for moving between tiles, so ↓ goes to the tile that is drawn below.
public enum TileLayout {
    public static func frames(_ tiles: [Tile], width: Int, top: Int, bottom: Int) -> [Rect] {
        let lw = width / 2
        var frames = [Rect](repeating: Rect(x: 0, y: 0, w: 0, h: 0), count: tiles.count)
        for col in 0...1 {
            let x = col == 0 ? 0 : lw, w = col == 0 ? lw : width - lw
            let idx = tiles.indices.filter { tiles[$0].column == col }
            let fixed = idx.compactMap { tiles[$0].height }.reduce(0, +)
            let flexible = idx.filter { tiles[$0].height == nil }.count
            let rest = max(0, bottom - top - fixed) / max(1, flexible)
            var y = top
            for i in idx {
                let h = tiles[i].height ?? rest
                frames[i] = Rect(x: x, y: y, w: w, h: h)
                y += h
            }
        }
        return frames
    }

    /// The tile to go to from `from` in a direction: among the tiles on that side, the one
    /// that overlaps most along the other axis, then the nearest.
    public static func neighbour(_ frames: [Rect], from: Int, _ d: Direction) -> Int? {
        guard frames.indices.contains(from) else { return nil }
        let a = frames[from]
        func overlap(_ a0: Int, _ a1: Int, _ b0: Int, _ b1: Int) -> Int { max(0, min(a1, b1) - max(a0, b0)) }
        let candidates = frames.indices.filter { i in
            let b = frames[i]
            switch d {
            case .up: return b.y + b.h <= a.y
            case .down: return b.y >= a.y + a.h
            case .left: return b.x + b.w <= a.x
            case .right: return b.x >= a.x + a.w
            }
        }
        return candidates.min { i, j in
            let b = frames[i], c = frames[j]
            let vertical = d == .up || d == .down
            let ob = vertical ? overlap(a.x, a.x + a.w, b.x, b.x + b.w) : overlap(a.y, a.y + a.h, b.y, b.y + b.h)
            let oc = vertical ? overlap(a.x, a.x + a.w, c.x, c.x + c.w) : overlap(a.y, a.y + a.h, c.y, c.y + c.h)
            if (ob > 0) != (oc > 0) { return ob > 0 }
            let db = abs(b.midX - a.midX) + abs(b.midY - a.midY), dc = abs(c.midX - a.midX) + abs(c.midY - a.midY)
            return db < dc
        }
    }
}
