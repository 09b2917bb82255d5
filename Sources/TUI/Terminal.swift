import CNcursesw
import Foundation

/// The only code that calls ncurses: start and restore the terminal, decode keys, and
/// blit a `CellBuffer`, writing only the cells that changed since the last frame.
final class Terminal {
    // ncurses attribute bits (function-like macros are not imported into Swift).
    static let aUnderline: Int32 = 1 << 17
    static let aReverse: Int32 = 1 << 18
    static let aDim: Int32 = 1 << 20
    static let aBold: Int32 = 1 << 21
    static func colorPair(_ n: Int32) -> Int32 { n << 8 }

    let colors: Bool
    private var last: CellBuffer?
    private(set) var active = false

    init(useColor: Bool) {
        _ = initscr()
        active = true
        cbreak()
        noecho()
        nonl()
        keypad(stdscr, true)
        nodelay(stdscr, true)
        set_escdelay(25)
        curs_set(0)
        var colorsOK = false
        if useColor && has_colors() {
            start_color()
            use_default_colors()
            let grey: Int16 = COLORS >= 16 ? 8 : 7
            let table: [(Color, Int16)] = [(.green, 2), (.yellow, 3), (.red, 1), (.blue, 4), (.cyan, 6), (.magenta, 5), (.grey, grey)]
            for (c, fg) in table { init_pair(Int16(c.rawValue), fg, -1) }
            colorsOK = true
        }
        colors = colorsOK
    }

    /// Restores the terminal. Safe to call more than once.
    func restore() {
        guard active else { return }
        active = false
        curs_set(1)
        endwin()
    }

    enum Unfit: Equatable { case notATerminal, cannotDraw(String), unknownType(String) }

    /// Whether this terminal can show the dashboard, asked before ncurses takes over the
    /// screen (initscr would print its own English error and exit): standard input and
    /// output must be a terminal, TERM must be known to terminfo and able to move the cursor.
    static func unfit() -> Unfit? {
        guard isatty(0) != 0, isatty(1) != 0 else { return .notATerminal }
        let term = ProcessInfo.processInfo.environment["TERM"] ?? ""
        if term.isEmpty || term == "dumb" { return .cannotDraw(term.isEmpty ? "(unset)" : term) }
        var err: Int32 = 0
        guard setupterm(nil, 1, &err) == OK else { return .unknownType(term) }
        defer { del_curterm(cur_term) }
        let cup = tigetstr("cup")
        guard let cup, Int(bitPattern: cup) != -1 else { return .cannotDraw(term) }
        return nil
    }

    /// On a crash (a Swift trap, a fault), puts the terminal back before the process dies,
    /// then lets the signal do what it would have done.
    static func restoreOnCrash() {
        for sig in [SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE] { signal(sig, onFatalSignal) }
    }

    var size: (width: Int, height: Int) { (Int(getmaxx(stdscr)), Int(getmaxy(stdscr))) }

    func attributes(_ s: Style) -> Int32 {
        var a: Int32 = 0
        if s.bold { a |= Terminal.aBold }
        if s.reverse { a |= Terminal.aReverse }
        if s.underline { a |= Terminal.aUnderline }
        if s.dim { a |= colors ? Terminal.aDim : 0 }
        if colors && s.color != .normal { a |= Terminal.colorPair(Int32(s.color.rawValue)) }
        if !colors && s.color == .grey { a |= Terminal.aDim }
        return a
    }

    /// Draws the frame; only changed cells are sent (ncurses then diffs against the terminal too).
    func draw(_ screen: CellBuffer) {
        let full = last == nil || last!.width != screen.width || last!.height != screen.height
        if full { clearok(stdscr, true); werase(stdscr) }
        for y in 0..<screen.height {
            for x in 0..<screen.width {
                let c = screen[x, y]
                if c.continuation { continue }
                if !full, let l = last, l[x, y] == c { continue }
                wattrset(stdscr, attributes(c.style))
                _ = c.text.withCString { mvwaddstr(stdscr, Int32(y), Int32(x), $0) }
            }
        }
        wattrset(stdscr, 0)
        wrefresh(stdscr)
        last = screen
    }

    func invalidate() { last = nil }

    enum Input { case key(Key), resize, none }

    /// Reads one pending input without blocking.
    func read() -> Input {
        var ch: wint_t = 0
        let r = wget_wch(stdscr, &ch)
        if r == ERR { return .none }
        if r == KEY_CODE_YES {
            switch Int32(ch) {
            case KEY_UP: return .key(.up)
            case KEY_DOWN: return .key(.down)
            case KEY_LEFT: return .key(.left)
            case KEY_RIGHT: return .key(.right)
            case KEY_PPAGE: return .key(.pageUp)
            case KEY_NPAGE: return .key(.pageDown)
            case KEY_HOME: return .key(.home)
            case KEY_END: return .key(.end)
            case KEY_ENTER: return .key(.enter)
            case KEY_BACKSPACE: return .key(.backspace)
            case KEY_DC: return .key(.delete)
            case KEY_BTAB: return .key(.backTab)
            case KEY_RESIZE: return .resize
            default: return .none
            }
        }
        switch ch {
        case 27: return .key(.escape)
        case 10, 13: return .key(.enter)
        case 9: return .key(.tab)
        case 8, 127: return .key(.backspace)
        case 1...26: return .key(.ctrl(Character(Unicode.Scalar(UInt8(ch) + 96))))
        default:
            guard let u = Unicode.Scalar(UInt32(ch)) else { return .none }
            return .key(.char(Character(u)))
        }
    }
}

private func onFatalSignal(_ sig: Int32) {
    endwin()
    signal(sig, SIG_DFL)
    raise(sig)
}
