import Foundation
import Model
import Reports
import Store

/// What a key does, by meaning. `update` performs actions; keys only name them.
public enum Action: Hashable, Sendable {
    /// The top-level screen at this position of `Screens.all` (1-based, as on the tab line).
    case goToScreen(Int)
    /// The next (+1) or previous (−1) screen, wrapping.
    case cycleScreen(Step)
    case move(Direction)
    /// A page down (+1) or up (−1).
    case page(Step)
    /// To the first (−1) or last (+1) row.
    case edge(Step)
    case open
    /// Leaves the innermost thing: a filter first, then the view.
    case back
    /// The previous (−1) or next (+1) tertial.
    case period(Step)
    case unitPicker
    case filter
    case sort
    case reload
    case export
    case help
    case quit
    /// The next (+1) or previous (−1) deviation, from anywhere.
    case deviation(Step)
    /// To the unit that took over from a closed one.
    case successor
    /// In a prompt, filter or picker: keep what was typed / choose.
    case accept
    /// In a prompt, filter or picker: leave it without keeping.
    case cancel
    /// In a prompt, filter or picker: delete the last character.
    case deleteChar
    /// In the help overlay: close it.
    case closeHelp
    /// In the export prompt: edit the line.
    case editLine(LineEditor.Edit)
    /// A comment (`c`) or an action (`a`) on the selected figure.
    case comment, newAction
    /// `c` or `a` where no row takes follow-up: say where it is written.
    case followUpWhere
    /// In a matrix: the cell to the left (−1) or right (+1).
    case moveColumn(Step)
    /// One of the front screen's own actions (`ScreenFeature.LocalAction`), answered by its reducer.
    case local(ScreenValue)
    /// Open a meeting for the unit and period in view, or resume the open one.
    case meeting
    /// In a question with three answers: the second (end the meeting left open).
    case alternative
}

public enum Direction: Hashable, Sendable { case up, down, left, right }

/// One step back or forward: a page, a period, a screen, a deviation, a matrix column.
public enum Step: Int, Hashable, Sendable {
    case back = -1, forward = 1
    /// −1 or +1, for arithmetic on positions.
    public var sign: Int { rawValue }
}

/// Where a binding applies. Lookup goes from the most specific scope to the least.
public enum KeyScope: Hashable, Sendable {
    /// Every view in normal mode.
    case global
    /// The overview's tiles.
    case overview
    /// Every list (every view but the overview).
    case lists
    /// A list whose rows are figures that take follow-up (not the register screens' root pages).
    case figures
    /// The root page of one screen (keys that the screen adds, declared in its `ScreenSpec`).
    case screen(ScreenID)
    case filterMode, pickerMode, promptMode, helpMode, confirmMode, formMode
    /// The question about a meeting left open: resume, end, or later.
    case meetingPromptMode
}

/// One row of the key table: keys, where, what each key does, and its help and footer hint.
public struct Binding: Sendable {
    public let keys: [Key]
    /// What each key does, in the order of `keys` (← the column −1, → the column +1).
    public let actions: [Action]
    public let scopes: [KeyScope]
    public let help: Msg
    /// Rank in the footer (lower first; as many as fit are shown), and the word shown there.
    public let hint: (rank: Int, text: Msg)?
    /// How the keys are written in help, when not simply their names (`1–6`).
    public let label: String?

    /// What the row does, for help and the footer: its first key's action.
    public var action: Action { actions[0] }

    /// Keys that each do their own action (↑ up, ↓ down).
    public init(_ pairs: KeyValuePairs<Key, Action>, _ scopes: [KeyScope], help: Msg, hint: (Int, Msg)? = nil, label: String? = nil) {
        keys = pairs.map(\.key); actions = pairs.map(\.value)
        self.scopes = scopes; self.help = help
        self.hint = hint.map { (rank: $0.0, text: $0.1) }; self.label = label
    }

    /// Keys and what each does, as two lists of the same length.
    public init(keys: [Key], actions: [Action], _ scopes: [KeyScope], help: Msg, hint: (Int, Msg)? = nil, label: String? = nil) {
        precondition(keys.count == actions.count, "a key table row needs one action per key")
        self.keys = keys; self.actions = actions
        self.scopes = scopes; self.help = help
        self.hint = hint.map { (rank: $0.0, text: $0.1) }; self.label = label
    }

    /// Keys that all do the same.
    public init(_ keys: [Key], _ scopes: [KeyScope], _ action: Action, help: Msg, hint: (Int, Msg)? = nil, label: String? = nil) {
        self.keys = keys; actions = keys.map { _ in action }
        self.scopes = scopes; self.help = help
        self.hint = hint.map { (rank: $0.0, text: $0.1) }; self.label = label
    }

    /// The action of one of the row's keys.
    public func action(for key: Key) -> Action? { keys.firstIndex(of: key).map { actions[$0] } }
}

/// The key table: the one place that says what every key does. `update`, the `?` overlay,
/// the footer and the README's key table all come from it.
public enum Keymap {
    static let lists: [KeyScope] = [.lists]
    static let everywhere: [KeyScope] = [.global]

    /// Keys of every screen and mode; screens add their own through `ScreenSpec.keys`.
    static let common: [Binding] = [
        Binding([.up: .move(.up), .down: .move(.down), .char("k"): .move(.up), .char("j"): .move(.down)], lists, help: .keyMove, hint: (10, .hintSelect)),
        Binding([.up: .move(.up), .down: .move(.down), .left: .move(.left), .right: .move(.right),
                 .char("k"): .move(.up), .char("j"): .move(.down), .char("h"): .move(.left), .char("l"): .move(.right)], [.overview], help: .keyMoveTiles, hint: (10, .hintTile)),
        Binding([.pageUp: .page(.back), .pageDown: .page(.forward)], lists, help: .keyPage),
        Binding([.home: .edge(.back), .char("g"): .edge(.back), .end: .edge(.forward), .char("G"): .edge(.forward)], lists, help: .keyEdge),
        Binding([.enter, .right, .char("l")], lists, .open, help: .keyOpen, hint: (11, .hintOpen)),
        Binding([.enter], [.overview], .open, help: .keyOpenTile, hint: (11, .hintOpen)),
        Binding([.escape, .left, .char("h"), .backspace], lists, .back, help: .keyBack, hint: (12, .hintBack)),
        Binding(keys: Screens.digitKeys, actions: Screens.digitKeys.indices.map { .goToScreen($0 + 1) }, everywhere, help: .keyScreens, label: Screens.digitLabel),
        Binding([.tab: .cycleScreen(.forward), .backTab: .cycleScreen(.back)], everywhere, help: .keyCycleScreen),
        Binding([.char("["): .period(.back), .char("]"): .period(.forward)], everywhere, help: .keyPeriod, hint: (15, .hintPeriod)),
        Binding([.char("u")], everywhere, .unitPicker, help: .keyUnit, hint: (18, .hintUnit)),
        Binding([.char("n"): .deviation(.forward), .char("N"): .deviation(.back)], everywhere, help: .keyDeviation, hint: (19, .hintDeviation)),
        Binding([.char("/")], lists, .filter, help: .keyFilter, hint: (13, .hintFilter)),
        Binding([.char("r")], everywhere, .reload, help: .keyReload, hint: (21, .hintReload)),
        Binding([.char("f")], everywhere, .successor, help: .keySuccessor),
        Binding([.char("e")], everywhere, .export, help: .keyExport, hint: (20, .hintExport)),
        Binding([.char("c")], [.figures], .comment, help: .keyComment, hint: (22, .hintComment)),
        Binding([.char("a")], [.figures], .newAction, help: .keyNewAction, hint: (23, .hintAction)),
        // Elsewhere c and a answer where follow-up is written, rather than nothing.
        Binding([.char("c"), .char("a")], [.overview, .lists], .followUpWhere, help: .keyFollowUpWhere),
        Binding([.char("M")], everywhere, .meeting, help: .keyMeeting, hint: (24, .hintMeeting)),
        Binding([.char("?")], everywhere, .help, help: .keyHelp, hint: (16, .hintHelp)),
        Binding([.char("q"), .ctrl("c")], everywhere, .quit, help: .keyQuit, hint: (17, .hintQuit)),
        // Modes: text is typed; these keys end or steer the input.
        Binding([.up: .move(.up), .down: .move(.down), .pageUp: .page(.back), .pageDown: .page(.forward)], [.helpMode], help: .keyHelpScroll),
        Binding([.enter], [.filterMode], .accept, help: .keyFilterKeep),
        Binding([.escape], [.filterMode], .cancel, help: .keyFilterClear),
        Binding([.up: .move(.up), .down: .move(.down)], [.filterMode], help: .keyFilterLeave),
        Binding([.backspace], [.filterMode, .pickerMode, .promptMode, .formMode], .deleteChar, help: .keyDeleteChar),
        Binding([.up: .move(.up), .down: .move(.down), .tab: .move(.down)], [.pickerMode], help: .keyPickerMove),
        Binding([.enter], [.pickerMode], .accept, help: .keyPickerChoose),
        Binding([.escape], [.pickerMode, .promptMode, .formMode], .cancel, help: .keyCancel),
        Binding([.enter], [.promptMode], .accept, help: .keyPromptSave),
        Binding([.enter], [.formMode], .accept, help: .keyFormNext),
        Binding([.up: .move(.up), .down: .move(.down), .tab: .move(.down), .backTab: .move(.up)], [.formMode], help: .keyFormField),
        Binding([.left: .editLine(.left), .right: .editLine(.right)], [.promptMode, .formMode], help: .keyPromptMove),
        Binding([.home: .editLine(.home), .ctrl("a"): .editLine(.home), .end: .editLine(.end), .ctrl("e"): .editLine(.end)], [.promptMode, .formMode], help: .keyPromptEnds),
        Binding([.delete], [.promptMode, .formMode], .editLine(.deleteForward), help: .keyPromptDelete),
        Binding([.ctrl("u")], [.promptMode, .formMode], .editLine(.clearToStart), help: .keyPromptClear),
        Binding([.ctrl("w")], [.promptMode, .formMode], .editLine(.deleteWord), help: .keyPromptWord),
        Binding([.char("j"), .char("y")], [.confirmMode], .accept, help: .keyConfirmYes),
        Binding([.escape, .char("n"), .enter], [.confirmMode], .cancel, help: .keyConfirmNo),
        Binding([.escape, .char("?"), .char("q")], [.helpMode], .closeHelp, help: .keyCloseHelp),
        Binding([.char("j"), .char("y"), .enter], [.meetingPromptMode], .accept, help: .keyResumeMeeting),
        Binding([.char("a")], [.meetingPromptMode], .alternative, help: .keyEndOpenMeeting),
        Binding([.escape, .char("n")], [.meetingPromptMode], .cancel, help: .keyMeetingLater),
    ]

    /// Every binding: the common ones and those the screens add.
    public static let all: [Binding] = common + Screens.all.flatMap(\.keys)

    /// The action of a key pressed in a scope chain (most specific first): the first row
    /// of the first scope that has the key, and what that key does in it.
    public static func action(for key: Key, in chain: [KeyScope]) -> Action? {
        for scope in chain {
            for b in all where b.scopes.contains(scope) {
                if let a = b.action(for: key) { return a }
            }
        }
        return nil
    }

    /// The scopes that apply now, most specific first.
    static func chain(_ st: AppState) -> [KeyScope] {
        switch st.mode {
        case .help: return [.helpMode]
        case .filter: return [.filterMode]
        case .unitPicker: return [.pickerMode]
        case .export: return [.promptMode]
        case .confirmOverwrite: return [.confirmMode]
        case .followUp: return [.formMode]
        case .confirm(.resumeMeeting): return [.meetingPromptMode]
        case .confirm: return [.confirmMode]
        case .normal:
            let onOverview = st.top.kind == ViewKind(Screens.first.screen)
            var c: [KeyScope] = st.top.kind.isRoot ? [.screen(st.top.kind.screen)] : []
            if !onOverview, !st.top.kind.isRoot || Screens.spec(st.top.kind.screen)?.rowsTakeFollowUp != false { c.append(.figures) }
            c.append(onOverview ? .overview : .lists)
            c.append(.global)
            return c
        }
    }

    /// The bindings that apply now, in table order: each row whose keys (some of them) are
    /// not taken by a more specific row (the `?` overlay and the footer).
    public static func active(_ st: AppState) -> [Binding] {
        let chain = chain(st)
        return activeCache.value(chain) { active(chain) }
    }

    /// The active rows depend only on the scope chain, and there are few chains: each is
    /// worked out once (the footer asks on every frame).
    static let activeCache = Memo<[KeyScope], [Binding]>()

    static func active(_ chain: [KeyScope]) -> [Binding] {
        let table = all
        func winner(_ k: Key) -> Int? {
            for scope in chain {
                if let i = table.firstIndex(where: { $0.scopes.contains(scope) && $0.keys.contains(k) }) { return i }
            }
            return nil
        }
        return table.indices.filter { i in table[i].keys.contains { winner($0) == i } }.map { table[$0] }
    }

    /// What a row does, in a language; the screens row names the screens of the registry
    /// (in the README; on screen the tabs show them).
    public static func helpText(_ b: Binding, _ l: L10n, short: Bool = false) -> String {
        guard case .goToScreen = b.action else { return l[b.help] }
        if short { return l[.keyScreensShort] }
        return l[b.help] + ": " + Screens.all.prefix(9).filter { $0.tabKey == nil }.map { l[$0.title] }.joined(separator: ", ")
    }

    /// The footer: the active bindings with a hint, by rank.
    public static func hints(_ st: AppState, _ l: L10n) -> [String] {
        // The same for every frame of a scope chain, language and character set: made once.
        let key = HintKey(chain: chain(st), unicode: st.unicode, lang: l.lang)
        return hintCache.value(key) {
            active(key.chain).compactMap { b in b.hint.map { (b, $0) } }.sorted { $0.1.rank < $1.1.rank }
                .map { b, h in hintKeys(b, unicode: key.unicode, l) + " " + l[h.text] }
        }
    }

    struct HintKey: Hashable { let chain: [KeyScope]; let unicode: Bool; let lang: Lang }
    static let hintCache = Memo<HintKey, [String]>()

    /// A few values made once each, from any thread.
    final class Memo<K: Hashable, V>: @unchecked Sendable {
        private var values = [K: V]()
        private let lock = NSLock()
        func value(_ key: K, _ make: () -> V) -> V {
            lock.lock(); defer { lock.unlock() }
            if let v = values[key] { return v }
            let v = make()
            values[key] = v
            return v
        }
    }

    // MARK: Names of keys

    public static func name(_ k: Key, unicode: Bool = true, _ l: L10n = L10n(.en)) -> String {
        switch k {
        case .char(let c): return String(c)
        case .ctrl(let c): return "Ctrl-" + String(c).uppercased()
        case .up: return unicode ? "↑" : l[.asciiUp]
        case .down: return unicode ? "↓" : l[.asciiDown]
        case .left: return unicode ? "←" : l[.asciiLeft]
        case .right: return unicode ? "→" : l[.asciiRight]
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .home: return "Home"
        case .end: return "End"
        case .enter: return "Enter"
        case .escape: return "Esc"
        case .backspace: return "Backspace"
        case .delete: return "Delete"
        case .tab: return "Tab"
        case .backTab: return "Shift-Tab"
        }
    }

    /// All keys of a row, as the help and the README write them.
    public static func label(_ b: Binding, unicode: Bool = true, _ l: L10n = L10n(.en)) -> String {
        b.label.map { unicode ? $0 : $0.replacingOccurrences(of: "–", with: "-") } ?? b.keys.map { name($0, unicode: unicode, l) }.joined(separator: " ")
    }

    /// The few keys a footer hint shows: the first of each kind (`↑↓`, `Enter`, `[ ]`, `n/N`).
    /// Without Unicode the arrows are words, in the user's language (issue 23, 17).
    static func hintKeys(_ b: Binding, unicode: Bool, _ l: L10n = L10n(.en)) -> String {
        switch b.action {
        case .move where b.scopes.contains(.overview): return unicode ? "←→↑↓" : l[.asciiArrows]
        case .move: return unicode ? "↑↓" : l[.asciiUpDown]
        case .period: return "[ ]"
        case .deviation: return "n/N"
        case .moveColumn: return unicode ? "←→" : l[.asciiLeftRight]
        default: return name(b.keys[0], unicode: unicode, l)
        }
    }

    /// The key table as markdown, for the README (a test keeps the README equal to it).
    public static func markdown(_ lang: Lang = .en) -> String {
        let l = L10n(lang)
        var seen = Set<String>()
        var out = "| " + l[.keysColumnKey] + " | " + l[.keysColumnWhere] + " | " + l[.keysColumnWhat] + " |\n|---|---|---|\n"
        for b in all {
            let row = "| " + label(b).replacingOccurrences(of: "|", with: "\\|") + " | " + b.scopes.map { scopeName($0, l) }.joined(separator: ", ") + " | " + helpText(b, l) + " |\n"
            if seen.insert(row).inserted { out += row }
        }
        return out
    }

    static func scopeName(_ s: KeyScope, _ l: L10n) -> String {
        switch s {
        case .global: l[.scopeEverywhere]
        case .overview: l[.scopeOverview]
        case .lists: l[.scopeLists]
        case .figures: l[.scopeFigures]
        case .screen(let id): Screens.spec(id).map { l[$0.title] } ?? id.rawValue
        case .filterMode: l[.scopeFilter]
        case .pickerMode: l[.scopeUnitPicker]
        case .promptMode: l[.scopeExportPrompt]
        case .helpMode: l[.scopeHelp]
        case .confirmMode: l[.scopeConfirm]
        case .formMode: l[.scopeFollowUpForm]
        case .meetingPromptMode: l[.scopeMeetingPrompt]
        }
    }
}
