/// A line of text being typed, with a cursor: the export prompt's editor. Keys as a
/// shell's line editing has them (←/→, Home/End, Ctrl-A/E, Ctrl-U, Ctrl-W, Backspace,
/// Delete). Pure; the key table names the keys.
public struct LineEditor: Hashable, Sendable {
    public private(set) var text: [Character]
    /// 0...text.count: where the next character goes.
    public private(set) var cursor: Int

    public init(_ s: String) { text = Array(s); cursor = text.count }

    public var string: String { String(text) }

    public enum Edit: Hashable, Sendable { case left, right, home, end, deleteBack, deleteForward, clearToStart, deleteWord }

    public mutating func insert(_ c: Character) { text.insert(c, at: cursor); cursor += 1 }

    public mutating func apply(_ e: Edit) {
        switch e {
        case .left: cursor = max(0, cursor - 1)
        case .right: cursor = min(text.count, cursor + 1)
        case .home: cursor = 0
        case .end: cursor = text.count
        case .deleteBack: if cursor > 0 { text.remove(at: cursor - 1); cursor -= 1 }
        case .deleteForward: if cursor < text.count { text.remove(at: cursor) }
        case .clearToStart: text.removeFirst(cursor); cursor = 0
        case .deleteWord:
            // Back over spaces, then over the word (a path's '/' ends a word too).
            var i = cursor
            while i > 0 && text[i - 1] == " " { i -= 1 }
            while i > 0 && text[i - 1] != " " && text[i - 1] != "/" { i -= 1 }
            if i == cursor && i > 0 { i -= 1 }
            text.removeSubrange(i..<cursor); cursor = i
        }
    }

    /// The text with a bar where the cursor is, for the prompt line.
    public func shown(bar: String) -> String { String(text[..<cursor]) + bar + String(text[cursor...]) }
}
