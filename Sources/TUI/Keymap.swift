import Foundation
import Model
import Reports
import Store

/// What a key does, by meaning. `update` performs actions; keys only name them.
public enum Action: Hashable, Sendable {
    /// The top-level screen at this position of `Screens.all` (1-based, as on the tab line).
    case screen(Int)
    /// The next (+1) or previous (−1) screen, wrapping.
    case cycleScreen(Int)
    case move(Direction)
    /// A page down (+1) or up (−1).
    case page(Int)
    /// To the first (−1) or last (+1) row.
    case edge(Int)
    case open
    /// Leaves the innermost thing: a filter first, then the view.
    case back
    /// The previous (−1) or next (+1) tertial.
    case period(Int)
    case unitPicker
    case filter
    case sort
    case reload
    case export
    case help
    case quit
    /// The next (+1) or previous (−1) deviation, from anywhere.
    case deviation(Int)
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
    /// On the follow-up screen: the selected action to this status.
    case setStatus(Entry.Status)
    /// On the follow-up screen: all actions, or only the open ones.
    case toggleAllActions
    /// On the follow-up screen: change what the selected action says, or add a note to it.
    case editAction, noteAction
    /// In a matrix: the cell to the left (−1) or right (+1).
    case moveColumn(Int)
    /// On the compare screen: the next perspective's indicators as columns.
    case nextPerspective
    /// On the compare screen: counts as they are, or per 100 of their denominator.
    case toggleNormalised
    /// On the BrukerPlan screen: the next mapping year (wrapping).
    case nextMappingYear
}

public enum Direction: Hashable, Sendable { case up, down, left, right }

/// Where a binding applies. Lookup goes from the most specific scope to the least.
public enum KeyScope: Hashable, Sendable {
    /// Every view in normal mode.
    case global
    /// The overview's tiles.
    case overview
    /// Every list (every view but the overview).
    case lists
    /// The root page of one screen (keys that the screen adds, declared in its `ScreenSpec`).
    case screen(ScreenID)
    case filterMode, pickerMode, promptMode, helpMode, confirmMode, formMode
}

/// One row of the key table: keys, where, what, and its help and footer hint.
public struct Binding: Sendable {
    public let keys: [Key]
    public let scopes: [KeyScope]
    public let action: Action
    public let help: Msg
    /// Rank in the footer (lower first; as many as fit are shown), and the word shown there.
    public let hint: (rank: Int, text: Msg)?
    /// How the keys are written in help, when not simply their names (`1–6`).
    public let label: String?

    public init(_ keys: [Key], _ scopes: [KeyScope], _ action: Action, help: Msg, hint: (Int, Msg)? = nil, label: String? = nil) {
        self.keys = keys; self.scopes = scopes; self.action = action; self.help = help
        self.hint = hint.map { (rank: $0.0, text: $0.1) }; self.label = label
    }
}

/// The key table: the one place that says what every key does. `update`, the `?` overlay,
/// the footer and the README's key table all come from it.
public enum Keymap {
    static let lists: [KeyScope] = [.lists]
    static let everywhere: [KeyScope] = [.global]

    /// Keys of every screen and mode; screens add their own through `ScreenSpec.keys`.
    static let common: [Binding] = [
        Binding([.up, .down, .char("k"), .char("j")], lists, .move(.down), help: .keyMove, hint: (10, .hintSelect)),
        Binding([.up, .down, .left, .right, .char("k"), .char("j"), .char("h"), .char("l")], [.overview], .move(.down), help: .keyMoveTiles, hint: (10, .hintTile)),
        Binding([.pageUp, .pageDown], lists, .page(1), help: .keyPage),
        Binding([.home, .char("g"), .end, .char("G")], lists, .edge(1), help: .keyEdge),
        Binding([.enter, .right, .char("l")], lists, .open, help: .keyOpen, hint: (11, .hintOpen)),
        Binding([.enter], [.overview], .open, help: .keyOpenTile, hint: (11, .hintOpen)),
        Binding([.escape, .left, .char("h"), .backspace], lists, .back, help: .keyBack, hint: (12, .hintBack)),
        Binding(Screens.digitKeys, everywhere, .screen(1), help: .keyScreens, label: Screens.digitLabel),
        Binding([.tab, .backTab], everywhere, .cycleScreen(1), help: .keyCycleScreen),
        Binding([.char("["), .char("]")], everywhere, .period(1), help: .keyPeriod, hint: (15, .hintPeriod)),
        Binding([.char("u")], everywhere, .unitPicker, help: .keyUnit, hint: (18, .hintUnit)),
        Binding([.char("n"), .char("N")], everywhere, .deviation(1), help: .keyDeviation, hint: (19, .hintDeviation)),
        Binding([.char("/")], lists, .filter, help: .keyFilter, hint: (13, .hintFilter)),
        Binding([.char("r")], everywhere, .reload, help: .keyReload, hint: (21, .hintReload)),
        Binding([.char("f")], everywhere, .successor, help: .keySuccessor),
        Binding([.char("e")], everywhere, .export, help: .keyExport, hint: (20, .hintExport)),
        Binding([.char("c")], lists, .comment, help: .keyComment, hint: (22, .hintComment)),
        Binding([.char("a")], lists, .newAction, help: .keyNewAction, hint: (23, .hintAction)),
        Binding([.char("?")], everywhere, .help, help: .keyHelp, hint: (16, .hintHelp)),
        Binding([.char("q"), .ctrl("c")], everywhere, .quit, help: .keyQuit, hint: (17, .hintQuit)),
        // Modes: text is typed; these keys end or steer the input.
        Binding([.enter], [.filterMode], .accept, help: .keyFilterKeep),
        Binding([.escape], [.filterMode], .cancel, help: .keyFilterClear),
        Binding([.up, .down], [.filterMode], .move(.down), help: .keyFilterLeave),
        Binding([.backspace], [.filterMode, .pickerMode, .promptMode, .formMode], .deleteChar, help: .keyDeleteChar),
        Binding([.up, .down, .tab], [.pickerMode], .move(.down), help: .keyPickerMove),
        Binding([.enter], [.pickerMode], .accept, help: .keyPickerChoose),
        Binding([.escape], [.pickerMode, .promptMode, .formMode], .cancel, help: .keyCancel),
        Binding([.enter], [.promptMode], .accept, help: .keyPromptSave),
        Binding([.enter], [.formMode], .accept, help: .keyFormNext),
        Binding([.up, .down, .tab, .backTab], [.formMode], .move(.down), help: .keyFormField),
        Binding([.left, .right], [.promptMode, .formMode], .editLine(.left), help: .keyPromptMove),
        Binding([.home, .ctrl("a"), .end, .ctrl("e")], [.promptMode, .formMode], .editLine(.home), help: .keyPromptEnds),
        Binding([.delete], [.promptMode, .formMode], .editLine(.deleteForward), help: .keyPromptDelete),
        Binding([.ctrl("u")], [.promptMode, .formMode], .editLine(.clearToStart), help: .keyPromptClear),
        Binding([.ctrl("w")], [.promptMode, .formMode], .editLine(.deleteWord), help: .keyPromptWord),
        Binding([.char("j"), .char("y")], [.confirmMode], .accept, help: .keyConfirmYes),
        Binding([.escape, .char("n"), .enter], [.confirmMode], .cancel, help: .keyConfirmNo),
        Binding([.escape, .char("?"), .char("q")], [.helpMode], .closeHelp, help: .keyCloseHelp),
    ]

    /// Every binding: the common ones and those the screens add.
    public static let all: [Binding] = common + Screens.all.flatMap(\.keys)

    /// The action of a key pressed in a scope chain (most specific first). The direction
    /// or sign of a multi-key row comes from which of its keys it was.
    public static func action(for key: Key, in chain: [KeyScope]) -> Action? {
        for scope in chain {
            for b in all where b.scopes.contains(scope) && b.keys.contains(key) {
                return refine(b.action, key)
            }
        }
        return nil
    }

    /// One row can name opposite keys (↑ and ↓, [ and ]); the key says which way.
    static func refine(_ a: Action, _ key: Key) -> Action {
        switch a {
        case .move:
            switch key {
            case .up, .char("k"), .backTab: return .move(.up)
            case .left, .char("h"): return .move(.left)
            case .right, .char("l"): return .move(.right)
            default: return .move(.down)
            }
        case .page: return .page(key == .pageUp ? -1 : 1)
        case .edge: return .edge(key == .home || key == .char("g") ? -1 : 1)
        case .cycleScreen: return .cycleScreen(key == .backTab ? -1 : 1)
        case .period: return .period(key == .char("[") ? -1 : 1)
        case .moveColumn: return .moveColumn(key == .left || key == .char("h") ? -1 : 1)
        case .deviation: return .deviation(key == .char("N") ? -1 : 1)
        case .editLine:
            switch key {
            case .right: return .editLine(.right)
            case .left: return .editLine(.left)
            case .end, .ctrl("e"): return .editLine(.end)
            case .home, .ctrl("a"): return .editLine(.home)
            default: return a
            }
        case .screen:
            if case .char(let c) = key, let n = c.wholeNumberValue { return .screen(n) }
            return a
        default: return a
        }
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
        case .normal:
            let onOverview = st.top.kind == ViewKind(Screens.first.screen)
            var c: [KeyScope] = st.top.kind.isRoot ? [.screen(st.top.kind.screen)] : []
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
    static let activeCache = ChainCache()

    final class ChainCache: @unchecked Sendable {
        private var rows = [[KeyScope]: [Binding]]()
        private let lock = NSLock()
        func value(_ chain: [KeyScope], _ make: () -> [Binding]) -> [Binding] {
            lock.lock(); defer { lock.unlock() }
            if let r = rows[chain] { return r }
            let r = make()
            rows[chain] = r
            return r
        }
    }

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
        guard case .screen = b.action else { return l[b.help] }
        if short { return l[.keyScreensShort] }
        return l[b.help] + ": " + Screens.all.map { l[$0.title] }.joined(separator: ", ")
    }

    /// The footer: the active bindings with a hint, by rank.
    public static func hints(_ st: AppState, _ l: L10n) -> [String] {
        active(st).compactMap { b in b.hint.map { (b, $0) } }.sorted { $0.1.rank < $1.1.rank }
            .map { b, h in hintKeys(b, unicode: st.unicode) + " " + l[h.text] }
    }

    // MARK: Names of keys

    public static func name(_ k: Key, unicode: Bool = true) -> String {
        switch k {
        case .char(let c): return String(c)
        case .ctrl(let c): return "Ctrl-" + String(c).uppercased()
        case .up: return unicode ? "↑" : "Up"
        case .down: return unicode ? "↓" : "Down"
        case .left: return unicode ? "←" : "Left"
        case .right: return unicode ? "→" : "Right"
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
    public static func label(_ b: Binding, unicode: Bool = true) -> String {
        b.label.map { unicode ? $0 : $0.replacingOccurrences(of: "–", with: "-") } ?? b.keys.map { name($0, unicode: unicode) }.joined(separator: " ")
    }

    /// The few keys a footer hint shows: the first of each kind (`↑↓`, `Enter`, `[ ]`, `n/N`).
    static func hintKeys(_ b: Binding, unicode: Bool) -> String {
        switch b.action {
        case .move where b.scopes.contains(.overview): return unicode ? "←→↑↓" : "Arrows"
        case .move: return unicode ? "↑↓" : "Up/Dn"
        case .period: return "[ ]"
        case .deviation: return "n/N"
        case .moveColumn: return unicode ? "←→" : "Left/Right"
        default: return name(b.keys[0], unicode: unicode)
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
        case .screen(let id): Screens.spec(id).map { l[$0.title] } ?? id.rawValue
        case .filterMode: l[.scopeFilter]
        case .pickerMode: l[.scopeUnitPicker]
        case .promptMode: l[.scopeExportPrompt]
        case .helpMode: l[.scopeHelp]
        case .confirmMode: l[.scopeConfirm]
        case .formMode: l[.scopeFollowUpForm]
        }
    }
}
