import Model

/// The words of the dashboard and the reports, keyed by meaning. Each key has its text in
/// bokmål and in English in `texts` below; the compiler holds the two lists together.
/// `{1}`, `{2}` … stand for the arguments of `L10n.callAsFunction(_:_:)`.
public enum Msg: String, CaseIterable, Sendable {
    // Screens
    case screenOverview, screenScorecard, screenWaitlist, screenIP, screenDeviations, screenReporting
    // Keys: what each does (help and README)
    case keyMove, keyMoveTiles, keyPage, keyEdge, keyOpen, keyOpenTile, keyBack, keyScreens, keyCycleScreen
    case keyPeriod, keyUnit, keyDeviation, keyFilter, keyReload, keyExport, keyHelp, keyQuit, keySortScorecard
    case keyFilterKeep, keyFilterClear, keyFilterLeave, keyDeleteChar, keyPickerMove, keyPickerChoose, keyCancel, keyPromptSave, keyCloseHelp
    // Keys: the word in the footer
    case hintSelect, hintTile, hintOpen, hintBack, hintSort, hintFilter, hintPeriod, hintHelp, hintQuit, hintUnit, hintDeviation, hintExport, hintReload
    // Where keys apply
    case keysColumnKey, keysColumnWhere, keysColumnWhat
    case scopeEverywhere, scopeOverview, scopeLists, scopeFilter, scopeUnitPicker, scopeExportPrompt, scopeHelp
    // Help overlay: title and legends
    case helpTitle, legendStatus, legendOverview, legendScorecard, legendWaitlist, legendIP, legendDeviations, legendReporting
    // END CASES

    /// (bokmål, English)
    public var texts: (nb: String, en: String) {
        switch self {
        case .screenOverview: ("Oversikt", "Overview")
        case .screenScorecard: ("Styringskort", "Scorecard")
        case .screenWaitlist: ("Venteliste", "Waitlist")
        case .screenIP: ("IP", "IP")
        case .screenDeviations: ("Avvik", "Deviations")
        case .screenReporting: ("Rapportering", "Reporting")
        case .keyMove: ("flytt markøren", "move the cursor")
        case .keyMoveTiles: ("gå til flisen i den retningen", "go to the tile in that direction")
        case .keyPage: ("bla en side", "page up and down")
        case .keyEdge: ("til første/siste rad", "to the first/last row")
        case .keyOpen: ("åpne (drill ned)", "open (drill down)")
        case .keyOpenTile: ("åpne skjermen bak flisen", "open the screen behind the tile")
        case .keyBack: ("tilbake (fjerner først et filter)", "back (clears a filter first)")
        case .keyScreens: ("skjermene", "the screens")
        case .keyCycleScreen: ("neste/forrige skjerm", "next/previous screen")
        case .keyPeriod: ("forrige/neste tertial", "previous/next tertial")
        case .keyUnit: ("velg enhet (søkbar liste)", "choose unit (searchable list)")
        case .keyDeviation: ("neste/forrige avvik, fra hvor som helst", "next/previous deviation, from anywhere")
        case .keyFilter: ("filtrer listen på navn", "filter the list by name")
        case .keyReload: ("les dataene på nytt nå", "reload the data now")
        case .keyExport: ("eksporter enheten og perioden til en fil; endelsen velger formatet", "export the unit and period to a file; its ending chooses the format")
        case .keyHelp: ("denne hjelpen", "this help")
        case .keyQuit: ("avslutt", "quit")
        case .keySortScorecard: ("sorter: katalog, status, navn, endring", "sort: catalogue, status, name, change")
        case .keyFilterKeep: ("behold filteret", "keep the filter")
        case .keyFilterClear: ("fjern filteret", "clear the filter")
        case .keyFilterLeave: ("behold filteret og flytt i listen", "keep the filter and move in the list")
        case .keyDeleteChar: ("slett siste tegn", "delete the last character")
        case .keyPickerMove: ("flytt i enhetslisten", "move in the list of units")
        case .keyPickerChoose: ("bytt til enheten", "switch to the unit")
        case .keyCancel: ("avbryt", "cancel")
        case .keyPromptSave: ("lagre", "save")
        case .keyCloseHelp: ("lukk hjelpen (alle taster gjør det)", "close the help (any key does)")
        case .hintSelect: ("velg", "select")
        case .hintTile: ("flis", "tile")
        case .hintOpen: ("åpne", "open")
        case .hintBack: ("tilbake", "back")
        case .hintSort: ("sorter", "sort")
        case .hintFilter: ("filter", "filter")
        case .hintPeriod: ("periode", "period")
        case .hintHelp: ("hjelp", "help")
        case .hintQuit: ("avslutt", "quit")
        case .hintUnit: ("enhet", "unit")
        case .hintDeviation: ("avvik", "deviation")
        case .hintExport: ("eksport", "export")
        case .hintReload: ("les inn", "reload")
        case .keysColumnKey: ("tast", "key")
        case .keysColumnWhere: ("hvor", "where")
        case .keysColumnWhat: ("hva den gjør", "what it does")
        case .scopeEverywhere: ("overalt", "everywhere")
        case .scopeOverview: ("oversikten", "overview")
        case .scopeLists: ("lister", "lists")
        case .scopeFilter: ("mens du filtrerer", "while filtering")
        case .scopeUnitPicker: ("enhetsvelgeren", "unit picker")
        case .scopeExportPrompt: ("eksport-spørsmålet", "export prompt")
        case .scopeHelp: ("hjelpen", "help")
        case .helpTitle: ("Hjelp", "Help")
        case .legendStatus: ("Status: ● grønn  ▲ gul  ✖ rød  ? mangler  ⚠ datakvalitet", "Status: ● green  ▲ yellow  ✖ red  ? missing  ⚠ data quality")
        case .legendOverview: ("Flisene: status, venteliste, IP-dekning, største avvik og rapportering for enheten og perioden.", "Tiles: status, waitlist, IP coverage, worst deviations and reporting for the unit and period.")
        case .legendScorecard: ("4/5 foran en verdi: summen bygger på 4 av 5 enheter som skulle levert.", "4/5 before a value: the total is built on 4 of the 5 units that were due.")
        case .legendWaitlist: ("Utskr. = utskrivningsklare; Median og Lengste = ventetid i dager siden vedtak.", "Disch. = ready for discharge; Median and Longest = days waited since the decision.")
        case .legendIP: ("Målgr = målgruppen; Ansv.gr = ansvarsgruppe uten IP; Ikke ev = IP ikke evaluert siste år.", "Group = target group; Resp.gr = group without IP; Overdue = IP not evaluated in a year.")
        case .legendDeviations: ("Rød, gul og manglende verdier og datakvalitetsvarsler, verste først.", "Red, yellow and missing values and data-quality warnings, worst first.")
        case .legendReporting: ("Andel av verdiene som skulle leveres som er levert; (n) = antall som mangler.", "Share of the due values that were delivered; (n) = how many are missing.")
        // END TEXTS
        }
    }
}

extension L10n {
    /// The text of a key in this language.
    public subscript(_ m: Msg) -> String { lang == .nb ? m.texts.nb : m.texts.en }

    /// The text of a key with its `{1}`, `{2}` … filled in.
    public func callAsFunction(_ m: Msg, _ args: Any...) -> String {
        var s = self[m]
        for (k, a) in args.enumerated() { s = s.replacingOccurrences(of: "{\(k + 1)}", with: "\(a)") }
        return s
    }

    /// A date as people write it: `31.12.2019` in bokmål, `2019-12-31` in English.
    public func date(_ d: Day) -> String { lang == .nb ? d.norwegian : d.description }
}
