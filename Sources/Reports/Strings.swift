import Foundation
import Model
import Store

/// The words of the dashboard and the reports, keyed by meaning. Each key has its text in
/// bokmål and in English in `texts` below; the compiler holds the two lists together.
/// Only words and sentences without arguments: a sentence with figures or names in it is a
/// function of its feature's catalogue (`…Texts.swift`), so the compiler checks its arguments.
public enum Msg: String, CaseIterable, Sendable, Readable {
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
    case helpTitle, legendStatus, legendShares, scopeFigures, keyFollowUpWhere, fuWhere, oldestToNewest, statusTileTitle, asciiArrows, asciiUpDown, asciiLeftRight, asciiUp, asciiDown, asciiLeft, asciiRight, fuPlainNoteField, keyHelpScroll, helpMore, legendOverview, legendScorecard, legendMerged, noPerHundredHere, legendWaitlist, legendForecast, legendForecastChance, legendForecastMedian, legendForecastLeft, legendForecastTrend, legendForecastCurve, legendForecastLittle, legendIP, legendDeviations, legendReporting
    // TUI/App.swift
    case reloaded
    // TUI/Views.swift
    case incompleteWord, comment, indicator, value, target, status, change, trend, unit, fromPredecessors, reportedByTheUnit, period, note
    // TUI/Update.swift
    case sortedBy, noMorePeriods, noDeviationsInPeriod
    // TUI/Render.swift
    case bannerDataErrors, windowTooSmall, qQuits, all, missing, loaded, sorted, nothingToShowHere, nothingMatchesTheFilterEsc, enterKeepsEscClears, typeToSearchSelectEnter, pressAKeyToClose, chooseUnit, until, from
    // TUI/Screens/Overview.swift
    case ipCoverage, reporting, waitlist, worstDeviations, overview, dataQualityWarnings, noIPDataForPeriod, targetWord, withIp, ofJoin, inTheTargetGroup, groupWithoutIp, declinedInline, deliveredLabel, ofWord, missingWord, everyUnitHasReported, waitingLabel, dischargeReady, homelessLabel, medianWait, longestInline, noDeviations
    // TUI/Screens/Scorecard.swift
    case scorecard, sortCatalogue, sortStatus, sortName, sortChange
    // TUI/Screens/Reporting.swift
    case reportingShareDeliveredMissing, reportedAsUnknown, notDelivered, what
    // TUI/Screens/IP.swift
    case group, respGr, decl, coord, coverage, overdue, individualPlanIpAndResponsibility, ipCategoriesOverlap
    // TUI/Screens/Deviations.swift
    case deliveredWord, data, deviations
    // TUI/Screens/Waitlist.swift
    case allCategories, monthEndsLast12Months, waitlistOn, category, colWaiting, disch, colHomelessShort, median, colLongest, col12Months, whereApplicantsLiveNow, livingNow, total, caseProcessingLast12Months, decisions, over4WeeksWithoutInterim, yes, received, processedIn, days, breachHeading, waitingCasesLongestWaitFirst, colCase, granted, colDays, dischReady
    // Reports/WaitlistReport.swift
    case housingWaitlist, ofWhomDischargeReady, homelessWord, colDischargeReadyShort, colHomeless, colMedianWait, caseProcessingHeading, over4Weeks, breachWithLaw
    // Reports/ReportDocument.swift
    case tertialReport, dataUpToAndIncluding, everyFigureRecomputed, summary, valuesDelivered, biggestChangesSinceThePrevious, dataQuality, sinceLast, sinceAYearAgo, colDischargeReady, waitlistAtMonthEndLast, breachPhrase, individualPlanIp, targetGroup, colWithIP, groupNoIp, colDeclined, ipCoverageOverTimeDashed, colDelivered, colOutOf, share, missingHeading, reportedAsUnknownNote
    // Reports/CorporaterSheet.swift
    case reported, register, formula, sumOfUnits, predecessors, overThePeriod, figuresToEnter, corporaterIntro, source, colReported
    // Reports/HTMLReport.swift
    case waitlistByMonth
    // Reports/TertialReport.swift
    // TUI/App.swift: starting the dashboard
    case termNotATerminal
    case keyScreensShort
    case incomplete, currentUnitMark, nothingDue, keySuccessor, notClosed
    case keyPromptMove, keyPromptEnds, keyPromptDelete, keyPromptClear, keyPromptWord, keyConfirmYes, keyConfirmNo, scopeConfirm
    case exportPrompt
    // The command line and `check`
    case errorWord, warningWord, noticeWord, qualityWord, errorsRowsLeftOut
    case cliLang, cliSuppressSmall
    case storeAccessPostgresOnly, fuOffline
    case checkListQuality, checkNoPeriods
    case cliErrorPrefix, cliUsagePrefix, cliHelpPrefix
    // Follow-up
    case screenFollowUp, keyComment, keyNewAction, hintComment, hintAction, keyFormNext, keyFormField, scopeFollowUpForm
    case keyStatusInProgress, keyStatusDone, keyStatusCancelled, keyToggleAllActions, legendFollowUp
    case fuCommentField, fuActionField, fuOwnerField, fuDueField, fuNoteField, fuNoPrivacy, fuFormKeys
    case fuNoFigure, fuSaved, fuNotAnAction, fuStatusPlanned, fuStatusInProgress, fuStatusDone, fuStatusCancelled
    case fuTitleOpen, fuTitleAll, fuDue, fuOwner, fuWhat, fuNoActions, fuOverdue, fuTile, fuTileNone
    case fuSection, fuOverdueList, fuNothing, fuStoreReadOnly, fuOpenList, fuDoneList, fuOfDeviations, hintInProgress, hintDone, hintCancelled, hintAllActions, keyEditAction, keyNoteAction, fuColShort, legendFollowUpMarks
    case screenCompare, keyMoveColumn, hintColumn, keyNextPerspective, hintPerspective, keySortColumn, legendCompare, sortHighFirst, sortLowFirst, indicatorsWord, keyNormalised, hintNormalised, normalisedTitle
    case legendBrukerPlanChange, bpOverallShort, screenBrukerPlan, keyNextMappingYear, hintMappingYear, keyForecastOrTable7, hintTable7, legendBrukerPlan, bpOverall, bpFinances, bpMentalHealth, bpPhysicalHealth, bpHousing, bpSocialSkills, bpNetwork, bpWorkActivity, bpGreen, bpYellow, bpRed, bpBloodRed, bpArea, bpDistribution, bpEtatRed, bpChange, bpNone, bpNoPrev, bpCross, bpWorkGreen, bpWorkYellow, bpWorkRed, bpEnterUnits, bpMapped, bpRedPlus, bpWithoutPlanCol, bpWithoutPlanShare, bpSection
    case registersLoading, registersLoadingShort, registersLoaded, registersPendingPanel, exportWaitForRegisters
    // Meetings
    case screenMeeting, keyMeeting, hintMeeting, keyMarkDone, keyMarkPostponed, keyMarkOpen, hintMarkDone, hintMarkPostponed, keyParticipants, keyEndMeeting, hintEndMeeting
    case legendMeeting, meetingNone, meetingParticipantsField, scopeMeetingPrompt, keyResumeMeeting, keyEndOpenMeeting, keyMeetingLater, minutesPrompt
    case meetingColItem, meetingColFigure, meetingColMark, meetingNotAnItem, meetingClosedNow, meetingPresent, meetingNobodyListed
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
        case .keyMoveTiles: ("gå til ruten i den retningen", "go to the panel in that direction")
        case .keyPage: ("bla en side", "page up and down")
        case .keyEdge: ("til første/siste rad", "to the first/last row")
        case .keyOpen: ("åpne (drill ned)", "open (drill down)")
        case .keyOpenTile: ("åpne skjermen bak ruten", "open the screen behind the panel")
        case .keyBack: ("tilbake (fjerner først et filter)", "back (clears a filter first)")
        case .keyScreens: ("skjermene", "the screens")
        case .keyScreensShort: ("skjermene (fanene øverst)", "the screens (the tabs at the top)")
        case .keyCycleScreen: ("neste/forrige skjerm", "next/previous screen")
        case .keyPeriod: ("forrige/neste tertial", "previous/next tertial")
        case .keyUnit: ("velg enhet (søkbar liste)", "choose unit (searchable list)")
        case .keyDeviation: ("neste/forrige avvik, fra hvor som helst", "next/previous deviation, from anywhere")
        case .keyFilter: ("filtrer listen (navn, enhet, status)", "filter the list (name, unit, status)")
        case .keyReload: ("les dataene på nytt nå", "reload the data now")
        case .keyExport: ("eksporter til fil (endelsen velger format)", "export to a file (the ending picks the format)")
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
        case .hintTile: ("rute", "panel")
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
        case .keyHelpScroll: ("bla i hjelpen når den er lengre enn vinduet", "scroll the help when it is longer than the window")
        case .helpMore: ("mer", "more")
        // The arrow keys named in words on a terminal without Unicode (ASCII: ø is o).
        case .asciiArrows: ("Piltaster", "Arrows")
        case .asciiUpDown: ("Opp/Ned", "Up/Dn")
        case .asciiLeftRight: ("Venstre/Hoyre", "Left/Right")
        case .asciiUp: ("Opp", "Up")
        case .asciiDown: ("Ned", "Down")
        case .asciiLeft: ("Venstre", "Left")
        case .asciiRight: ("Hoyre", "Right")
        case .statusTileTitle: ("Indikatorer etter status", "Indicators by status")
        case .scopeFigures: ("lister med tall", "lists of figures")
        case .keyFollowUpWhere: ("her: sier hvor kommentarer og tiltak skrives", "here: says where comments and actions are written")
        case .fuWhere: ("Kommentarer og tiltak skrives på et tall: på Styringskort, Avvik, Sammenlign eller en indikators historikk", "Comments and actions are written on a figure: on the Scorecard, Deviations, Compare or an indicator's history")
        case .legendShares: ("Andeler: én desimal, avrundet til nærmeste; det som er under 100 % vises aldri som 100,0 % (99,96 % vises som 99,9 %).",
                             "Shares: one decimal, rounded to the nearest; anything under 100 % is never shown as 100.0 % (99.96 % is shown as 99.9 %).")
        case .legendStatus: ("Status: ● grønn  ▲ gul  ✖ rød  ? mangler  ◌ ufullstendig  ⚠ datakvalitet", "Status: ● green  ▲ yellow  ✖ red  ? missing  ◌ incomplete  ⚠ data quality")
        case .legendOverview: ("Indikatorer: med verdi, status eller levering i perioden (= radene på styringskortet). ? mangler: skulle vært levert, har ingen verdi. Ufullstendige: summen bygger på færre enheter enn som skulle levert; ingen status. Levert: verdier levert av verdier som skulle leveres (rapporteringsruten teller verdier, én per enhet og indikator; statusruten teller indikatorer).", "Indicators: with a value, a status or due in the period (= the scorecard's rows). ? missing: due, but without a value. Incomplete: the total is built on fewer units than were due; no status. Delivered: values delivered of the values due (the reporting tile counts values, one per unit and indicator; the status tile counts indicators).")
        case .legendScorecard: ("4/5 foran en verdi: summen bygger på 4 av 5 enheter som skulle levert (ufullstendig: ingen status, ingen endring). (2019) foran en verdi: en årlig indikator, med verdien for sitt siste år. Sortert etter endring (s): endringen i prosent av forrige verdi, størst først (+18 fra 100 er 18 %, −0,6 fra 2 er 30 %).", "4/5 before a value: the total is built on 4 of the 5 units that were due (incomplete: no status, no change). (2019) before a value: an annual indicator, with the value of its latest year. Sorted by change (s): the change as a percentage of the previous value, largest first (+18 from 100 is 18 %, −0.6 from 2 is 30 %).")
        case .legendMerged: ("* etter en endring: en enhet ble slått sammen inn i denne mellom periodene; endringen regnes fra forrige tall med dens tall tatt med (likt mot likt).", "* after a change: a unit was merged into this one between the periods; the change is counted from the previous figure with its figure included (like with like).")
        case .legendWaitlist: ("Utskr. = utskrivningsklare; Median og Lengste = ventetid i dager siden vedtak.", "Disch. = ready for discharge; Median and Longest = days waited since the decision.")
        case .legendForecast: ("Prognose: hvor lenge den som får vedtak i dag må vente, regnet fra sakene med vedtak de siste månedene (24 som standard; Aalen–Johansen).",
                               "Forecast: how long someone granted a place today will wait, from the cases granted in the last months (24 by default; Aalen–Johansen).")
        case .legendForecastChance: ("Bolig innen 3/6/12 mnd: andelen som har fått bolig så lang tid etter vedtaket; i parentes spennet som med 95 % sikkerhet rommer den sanne andelen.",
                                     "A place within 3/6/12 months: the share with a place that long after the decision; in brackets the range that holds the true share with 95 % confidence.")
        case .legendForecastMedian: ("Median: tiden til halvparten har fått bolig; «under halvparten» betyr at det ikke skjer innen tiden dataene rekker.",
                                     "Median: the time until half have a place; \"under half\" means it does not happen within the time the data reach.")
        case .legendForecastLeft: ("Ut uten bolig: andelen som går ut av listen uten bolig (flyttet, døde, ønsker ikke lenger) innen 12 mnd.",
                                   "Left without a place: the share who leave the list without one (moved, died, no longer want it) within 12 months.")
        case .legendForecastTrend: ("Vokser/tom: vedtak minus tildelinger og utganger de siste 12 mnd, per måned.",
                                    "Grows/emptied: grants minus allocations and exits over the last 12 months, per month.")
        case .legendForecastCurve: ("Kurven: andel med bolig (0–100 %) etter måneder siden vedtak; t bytter mellom prognosen og tabellen over hvor søkerne bor.",
                                    "The curve: the share with a place (0–100 %) by months since the decision; t switches between the forecast and the table of where applicants live.")
        case .legendForecastLittle: ("⚠ Littles lov: når snittet på listen og vedtak × tid på listen spriker mer enn halvparten, er utganger trolig ikke registrert.",
                                     "⚠ Little's law: when the mean on the list and grants × time on the list differ by more than half, exits are likely not registered.")
        case .legendIP: ("Målgr = målgruppen; Ansv.gr = ansvarsgruppe uten IP; Ikke ev = IP ikke evaluert siste år.", "Group = the target group; Resp.gr = responsibility group (ansvarsgruppe) without IP; Overdue = IP not evaluated in a year.")
        case .legendDeviations: ("Rød, gul og manglende verdier og datakvalitetsvarsler, verste først.", "Red, yellow and missing values and data-quality warnings, worst first.")
        case .legendReporting: ("Andel av verdiene som skulle leveres som er levert; (n) = antall som mangler.", "Share of the due values that were delivered; (n) = how many are missing.")
        case .reloaded: ("Lest inn på nytt", "Reloaded")
        case .incompleteWord: ("ufullstendig", "incomplete")
        case .comment: ("Kommentar", "Comment")
        case .indicator: ("Indikator", "Indicator")
        case .value: ("Verdi", "Value")
        case .target: ("Mål", "Target")
        case .status: ("Status", "Status")
        case .change: ("Endring", "Change")
        case .trend: ("Trend", "Trend")
        case .unit: ("Enhet", "Unit")
        case .fromPredecessors: ("fra forgjengerne", "from predecessors")
        case .reportedByTheUnit: ("Rapportert av enheten", "Reported by the unit")
        case .period: ("Periode", "Period")
        case .note: ("Merknad", "Note")
        case .sortedBy: ("Sortert etter ", "Sorted by ")
        case .noMorePeriods: ("Ingen flere perioder i dataene", "No more periods in the data")
        case .noDeviationsInPeriod: ("Ingen avvik i perioden", "No deviations in the period")
        case .bannerDataErrors: ("Feil i dataene på disk – viser sist gyldige data: ", "Errors in the data on disk – showing the last good data: ")
        case .windowTooSmall: ("Vinduet er for lite.", "The window is too small.")
        case .qQuits: ("q avslutter", "q quits")
        case .all: ("Alle", "All")
        case .missing: ("Mangler", "Missing")
        case .loaded: ("lastet ", "loaded ")
        case .sorted: ("sortert: ", "sorted: ")
        case .nothingToShowHere: ("Ingenting å vise her.", "Nothing to show here.")
        case .nothingMatchesTheFilterEsc: ("Ingen treff for filteret. Esc fjerner det.", "Nothing matches the filter. Esc clears it.")
        case .enterKeepsEscClears: ("(Enter beholder, Esc fjerner)", "(Enter keeps, Esc clears)")
        case .typeToSearchSelectEnter: ("Skriv for å søke · ↑↓ velg · Enter bytt enhet · Esc avbryt", "Type to search · ↑↓ select · Enter switch unit · Esc cancel")
        case .pressAKeyToClose: ("Trykk en tast for å lukke hjelpen", "Press a key to close help")
        case .chooseUnit: ("Velg enhet", "Choose unit")
        case .until: ("  (til ", "  (until ")
        case .from: ("  (fra ", "  (from ")
        case .ipCoverage: ("IP-dekning", "IP coverage")
        case .reporting: ("Rapportering", "Reporting")
        case .waitlist: ("Venteliste", "Waitlist")
        case .worstDeviations: ("Største avvik", "Worst deviations")
        case .overview: ("Oversikt", "Overview")
        case .dataQualityWarnings: ("datakvalitetsvarsler", "data-quality warnings")
        case .noIPDataForPeriod: ("Ingen IP-data for perioden.", "No IP data for the period.")
        case .targetWord: ("mål", "target")
        case .withIp: ("Med IP: ", "With IP: ")
        case .ofJoin: (" av ", " of ")
        case .inTheTargetGroup: (" i målgruppen", " in target group")
        case .groupWithoutIp: ("Ansvarsgruppe uten IP: ", "Responsibility group without IP: ")
        case .declinedInline: ("Takket nei til IP: ", "Declined IP: ")
        case .deliveredLabel: ("Levert: ", "Delivered: ")
        case .ofWord: ("av", "of")
        case .missingWord: ("mangler", "missing")
        case .everyUnitHasReported: ("Alle enheter har levert.", "Every unit has reported.")
        case .waitingLabel: ("Venter: ", "Waiting: ")
        case .dischargeReady: (" · utskrivningsklare ", " · discharge-ready ")
        case .homelessLabel: ("Bostedsløse: ", "Homeless: ")
        case .medianWait: ("Ventetid median ", "Median wait ")
        case .longestInline: (", lengste ", ", longest ")
        case .noDeviations: ("Ingen avvik.", "No deviations.")
        case .scorecard: ("Styringskort", "Scorecard")
        case .sortCatalogue: ("katalog", "catalogue")
        case .sortStatus: ("status", "status")
        case .sortName: ("navn", "name")
        case .sortChange: ("endring i prosent av forrige verdi, størst først", "change as a percentage of the previous value, largest first")
        case .reportingShareDeliveredMissing: ("Rapportering: andel levert (antall mangler)", "Reporting: share delivered (missing)")
        case .reportedAsUnknown: ("rapportert som ukjent", "reported as unknown")
        case .notDelivered: ("ikke levert", "not delivered")
        case .what: ("Hva", "What")
        case .group: ("Målgr", "Group")
        case .respGr: ("Ansv.gr", "Resp.gr")
        case .decl: ("Nei", "Decl")
        case .coord: ("Koord", "Coord")
        case .coverage: ("Dekning", "Coverage")
        case .overdue: ("Ikke ev", "Overdue")
        case .individualPlanIpAndResponsibility: ("Individuell plan (IP) og ansvarsgruppe", "Individual plan (IP) and responsibility group")
        case .ipCategoriesOverlap: ("Kategoriene overlapper og trenger ikke summere til målgruppen.", "The categories overlap and need not add up to the target group.")
        case .deliveredWord: ("levert", "delivered")
        case .data: ("data", "data")
        case .deviations: ("Avvik", "Deviations")
        case .allCategories: ("Alle kategorier", "All categories")
        case .monthEndsLast12Months: ("Månedsslutt siste 12 måneder", "Month-ends, last 12 months")
        case .waitlistOn: ("Venteliste per", "Waitlist on")
        case .category: ("Kategori", "Category")
        case .colWaiting: ("Venter", "Waiting")
        case .disch: ("Utskr.", "Disch.")
        case .colHomelessShort: ("Uten bolig", "Homeless")
        case .median: ("Median", "Median")
        case .colLongest: ("Lengste", "Longest")
        case .col12Months: ("12 mnd", "12 mo")
        case .whereApplicantsLiveNow: ("Hvor søkerne bor nå", "Where applicants live now")
        case .livingNow: ("Bor nå", "Living now")
        case .total: ("Sum", "Total")
        case .caseProcessingLast12Months: ("Saksbehandling siste 12 mnd", "Case processing, last 12 months")
        case .decisions: ("vedtak", "decisions")
        case .over4WeeksWithoutInterim: ("over 4 uker uten foreløpig svar", "over 4 weeks without interim reply")
        case .yes: ("ja", "yes")
        case .received: ("Mottatt", "Received")
        case .processedIn: ("behandlet på", "processed in")
        case .days: ("dager", "days")
        case .breachHeading: ("Over 4 uker uten foreløpig svar", "Over 4 weeks without an interim reply")
        case .waitingCasesLongestWaitFirst: ("ventende saker, lengst ventetid først", "waiting cases, longest wait first")
        case .colCase: ("Sak", "Case")
        case .granted: ("Vedtak", "Granted")
        case .colDays: ("Dager", "Days")
        case .dischReady: ("Utskr.klar", "Disch.ready")
        case .housingWaitlist: ("Venteliste, bolig", "Housing waitlist")
        case .ofWhomDischargeReady: ("herav utskrivningsklare", "of whom discharge-ready")
        case .homelessWord: ("bostedsløse", "homeless")
        case .colDischargeReadyShort: ("Utskr.klare", "Disch.-ready")
        case .colHomeless: ("Bostedsløse", "Homeless")
        case .colMedianWait: ("Median ventetid", "Median wait")
        case .caseProcessingHeading: ("Saksbehandling siste 12 måneder", "Case processing, last 12 months")
        case .over4Weeks: ("over 4 uker", "over 4 weeks")
        case .breachWithLaw: ("over 4 uker uten foreløpig svar (brudd på forvaltningsloven § 11a)", "over 4 weeks without an interim reply (forvaltningsloven § 11a)")
        case .tertialReport: ("Tertialrapport", "Tertial report")
        case .dataUpToAndIncluding: ("Datagrunnlag til og med ", "Data up to and including ")
        case .everyFigureRecomputed: ("alle tall beregnet på nytt fra enhetenes tall og registrene", "every figure recomputed from the units' figures and the registers")
        case .summary: ("Sammendrag", "Summary")
        case .valuesDelivered: ("verdier levert", "values delivered")
        case .biggestChangesSinceThePrevious: ("Største endringer siden forrige periode:", "Biggest changes since the previous period:")
        case .dataQuality: ("datakvalitet", "data quality")
        case .sinceLast: ("Siden forrige", "Since last")
        case .sinceAYearAgo: ("Siden i fjor", "Since a year ago")
        case .colDischargeReady: ("Utskrivningsklare", "Discharge-ready")
        case .waitlistAtMonthEndLast: ("Venteliste ved månedsslutt, siste 12 måneder", "Waitlist at month-end, last 12 months")
        case .breachPhrase: ("over 4 uker uten foreløpig svar", "over 4 weeks without an interim reply")
        case .individualPlanIp: ("Individuell plan (IP)", "Individual plan (IP)")
        case .targetGroup: ("Målgruppe", "Target group")
        case .colWithIP: ("Med IP", "With IP")
        case .groupNoIp: ("Ansvarsgruppe uten IP", "Responsibility group without IP")
        case .colDeclined: ("Takket nei", "Declined")
        case .ipCoverageOverTimeDashed: ("IP-dekning over tid (stiplet: mål)", "IP coverage over time (dashed: target)")
        case .colDelivered: ("Levert", "Delivered")
        case .colOutOf: ("Av", "Of")
        case .share: ("Andel", "Share")
        case .missingHeading: ("Mangler:", "Missing:")
        case .reportedAsUnknownNote: (" (rapportert som ukjent)", " (reported as unknown)")
        case .reported: ("rapportert", "reported")
        case .register: ("register", "register")
        case .formula: ("formel", "formula")
        case .sumOfUnits: ("sum av enhetene", "sum of units")
        case .predecessors: ("forgjengerne", "predecessors")
        case .overThePeriod: ("over perioden", "over the period")
        case .figuresToEnter: ("tall å legge inn", "figures to enter")
        case .corporaterIntro: ("Hentet fra rapportene og beregnet fra registrene (venteliste, IP). ⚠ = sjekk før innlegging.", "Taken from the reports and computed from the registers (waitlist, IP). ⚠ = check before entering.")
        case .source: ("Kilde", "Source")
        case .colReported: ("Rapportert", "Reported")
        case .waitlistByMonth: ("Venteliste per måned", "Waitlist by month")
        case .termNotATerminal: ("dashbordet trenger en terminal; bruk `tertial report` for tekst", "the dashboard needs a terminal; use `tertial report` for text output")
        case .incomplete: ("ufullstendig", "incomplete")
        case .oldestToNewest: ("eldst → nyest", "oldest → newest")
        case .nothingDue: ("Ingenting skulle leveres i perioden.", "Nothing was due in the period.")
        case .keySuccessor: ("gå til enheten som overtok (for en nedlagt enhet)", "go to the unit that took over (for a closed unit)")
        case .notClosed: ("Enheten er ikke lagt ned i perioden", "The unit is not closed in the period")
        case .currentUnitMark: ("(valgt nå)", "(current)")
        case .keyPromptMove: ("flytt i linjen", "move in the line")
        case .keyPromptEnds: ("til starten/slutten av linjen", "to the start/end of the line")
        case .keyPromptDelete: ("slett tegnet under markøren", "delete the character under the cursor")
        case .keyPromptClear: ("slett alt før markøren", "delete everything before the cursor")
        case .keyPromptWord: ("slett ordet før markøren", "delete the word before the cursor")
        case .keyConfirmYes: ("ja (skriv over, åpne eller avslutt møtet)", "yes (overwrite, open or end the meeting)")
        case .keyConfirmNo: ("nei (la filen eller møtet være)", "no (leave the file or the meeting)")
        case .scopeConfirm: ("et ja/nei-spørsmål", "a yes/no question")
        case .exportPrompt: ("Eksporter til", "Export to")
        case .errorWord: ("feil", "error")
        case .warningWord: ("advarsel", "warning")
        case .noticeWord: ("merknad", "notice")
        case .qualityWord: ("datakvalitet", "quality")
        case .errorsRowsLeftOut: ("Feil i dataene – tallene er regnet uten radene med feil: ", "Errors in the data – the figures leave out the rows with errors: ")
        case .cliLang: ("--lang tar nb (bokmål) eller en (engelsk)", "--lang must be nb (bokmål) or en (English)")
        case .cliSuppressSmall: ("--suppress-small tar et tall på minst 2", "--suppress-small takes a number of at least 2")
        case .storeAccessPostgresOnly: ("--access gjelder bare en PostgreSQL-database (--store postgresql://…); en SQLite-fil har ingen roller", "--access applies to a PostgreSQL store only (--store postgresql://…); a SQLite file has no roles")
        case .fuOffline: ("⚠ oppfølging frakoblet", "⚠ follow-up offline")
        case .checkListQuality: (" (vis dem med --quality)", " (list them with --quality)")
        case .checkNoPeriods: ("ingen perioder", "no periods")
        case .cliErrorPrefix: ("Feil: ", "Error: ")
        case .cliUsagePrefix: ("Bruk: ", "Usage: ")
        case .cliHelpPrefix: ("Hjelp: ", "Help: ")
        case .screenFollowUp: ("Oppfølging", "Follow-up")
        case .keyComment: ("kommentar til tallet: hvorfor det er som det er", "comment on the figure: why it is what it is")
        case .keyNewAction: ("nytt tiltak på tallet: hva, hvem, frist", "new action on the figure: what, who, when")
        case .hintComment: ("kommentar", "comment")
        case .hintAction: ("tiltak", "action")
        case .keyFormNext: ("neste felt; lagrer i det siste", "next field; saves in the last")
        case .keyFormField: ("forrige/neste felt", "previous/next field")
        case .scopeFollowUpForm: ("kommentar/tiltak", "comment/action")
        case .keyStatusInProgress: ("tiltaket er i gang (pågår)", "the action is under way")
        case .keyStatusDone: ("utført, med notat", "done, with a note")
        case .keyStatusCancelled: ("avbrutt, med notat", "cancelled, with a note")
        case .keyToggleAllActions: ("alle tiltak / bare åpne", "all actions / open only")
        case .legendFollowUp: ("Tiltak i enheten og enhetene under: forfalte (rødt) først, så etter frist. Enter åpner tallet tiltaket gjelder.", "Actions of the unit and those below: overdue (red) first, then by due date. Enter opens the figure the action is about.")
        case .fuCommentField: ("Kommentar", "Comment")
        case .fuActionField: ("Tiltak", "Action")
        case .fuOwnerField: ("Ansvarlig", "Responsible")
        case .fuDueField: ("Frist (31.01.2027, 31.1 eller +14)", "Due (31.01.2027, 31.1 or +14)")
        case .fuNoteField: ("Avslutningsnotat (kan stå tomt)", "Closing note (may be empty)")
        case .fuPlainNoteField: ("Notat (statusen er uendret)", "Note (the status is unchanged)")
        case .fuNoPrivacy: ("Ikke navngi brukere eller skriv fødselsnummer", "Do not name users or write identity numbers")
        case .fuFormKeys: ("Enter neste/lagre · Esc avbryt", "Enter next/save · Esc cancel")
        case .fuNoFigure: ("Velg en rad med et tall for å skrive kommentar eller tiltak", "Choose a row with a figure to write a comment or an action")
        case .fuSaved: ("Lagret", "Saved")
        case .fuNotAnAction: ("Velg et tiltak", "Choose an action")
        case .fuStatusPlanned: ("planlagt", "planned")
        case .fuStatusInProgress: ("pågår", "in progress")
        case .fuStatusDone: ("utført", "done")
        case .fuStatusCancelled: ("avbrutt", "cancelled")
        case .fuTitleOpen: ("Åpne tiltak", "Open actions")
        case .fuTitleAll: ("Alle tiltak", "All actions")
        case .fuDue: ("Frist", "Due")
        case .fuOwner: ("Ansvarlig", "Responsible")
        case .fuWhat: ("Tiltak", "Action")
        case .fuNoActions: ("Ingen tiltak her ennå: velg et tall og trykk a", "No actions here yet: choose a figure and press a")
        case .fuOverdue: ("forfalt", "overdue")
        case .fuTile: ("Oppfølging", "Follow-up")
        case .fuTileNone: ("Ingen tiltak ennå: velg et tall, trykk a", "No actions yet: choose a figure, press a")
        case .keyEditAction: ("endre tiltaket: hva, hvem, frist", "edit the action: what, who, when")
        case .keyNoteAction: ("notat på tiltaket (status som før)", "a note on the action (status unchanged)")
        case .fuColShort: ("Oppf.", "F-up")
        case .legendFollowUpMarks: ("Oppf. (oppfølging): ▶ 2 = to åpne tiltak (rødt når ett er forfalt), ✎ = kommentert, – = ingen ennå. c skriver en kommentar, a et tiltak.", "F-up (follow-up): ▶ 2 = two open actions (red when one is overdue), ✎ = commented, – = none yet. c writes a comment, a an action.")
        case .screenCompare: ("Sammenlign", "Compare")
        case .screenBrukerPlan: ("BrukerPlan", "BrukerPlan")
        case .keyNextMappingYear: ("neste kartleggingsår", "the next mapping year")
        case .hintMappingYear: ("år", "year")
        case .keyForecastOrTable7: ("prognose eller hvor søkerne bor (tabell 7)", "forecast or where applicants live (Table 7)")
        case .hintTable7: ("prognose/tabell 7", "forecast/Table 7")
        case .legendBrukerPlan: ("Søylen: grønn █ gul ▓ rød ▒ blodrød ░. Etat rød: etatens andel rød, talt som i kolonnen Rød (blodrød for seg). Endring: andel rød mot forrige kartlegging, forgjengerne med. Samlet: BrukerPlans indeks, fra filen.", "Bar: green █ yellow ▓ red ▒ blood-red ░. Etat red: the etat's share red, counted as in the Red column (blood-red apart). Change: share red against the previous mapping, predecessors included. Overall: BrukerPlan's index, from the file.")
        case .legendBrukerPlanChange: ("Rød og endring: andelen rød (for samlet: rød og blodrød) i de samme enhetene, forgjengerne med; endringen i prosentpoeng.", "Red and change: the share red (overall: red and blood-red) in the same units, predecessors included; the change in percentage points.")
        case .bpOverallShort: ("Samlet", "Overall")
        case .bpOverall: ("Samlet funksjonsnivå", "Overall functional level")
        case .bpFinances: ("Økonomi", "Finances")
        case .bpMentalHealth: ("Psykisk helse", "Mental health")
        case .bpPhysicalHealth: ("Fysisk helse", "Physical health")
        case .bpHousing: ("Bolig", "Housing")
        case .bpSocialSkills: ("Sosial kompetanse", "Social skills")
        case .bpNetwork: ("Nettverk", "Network")
        case .bpWorkActivity: ("Arbeid/aktivitet", "Work/activity")
        case .bpGreen: ("Grønn", "Green")
        case .bpYellow: ("Gul", "Yellow")
        case .bpRed: ("Rød", "Red")
        case .bpBloodRed: ("Blodrød", "Blood-red")
        case .bpArea: ("Område", "Area")
        case .bpDistribution: ("Fordeling", "Distribution")
        case .bpEtatRed: ("Etat rød", "Etat red")
        case .bpChange: ("Endring", "Change")
        case .bpNone: ("Ingen BrukerPlan-kartlegging i dataene (brukerplan/ÅR.csv, se docs/data-format.md)", "No BrukerPlan mapping in the data (brukerplan/YEAR.csv, see docs/data-format.md)")
        case .bpNoPrev: ("Ingen tidligere kartlegging å sammenligne med", "No earlier mapping to compare with")
        case .bpCross: ("Arbeid/aktivitet × samlet funksjonsnivå", "Work/activity × overall functional level")
        case .bpWorkGreen: ("grønn: i arbeid/aktivitet", "green: in work/activity")
        case .bpWorkYellow: ("gul: noe, ikke nok", "yellow: some, not enough")
        case .bpWorkRed: ("rød: ingen", "red: none")
        case .bpEnterUnits: ("Enter: enhetene, flest gul/rød uten plan først", "Enter: the units, most yellow/red without a plan first")
        case .bpMapped: ("Kartlagt", "Mapped")
        case .bpRedPlus: ("Rød/blodrød", "Red/bl.-red")
        case .bpWithoutPlanCol: ("Uten plan", "No plan")
        case .bpWithoutPlanShare: ("Andel uten plan", "Share no plan")
        case .bpSection: ("BrukerPlan: funksjonsnivå", "BrukerPlan: functional level")
        case .registersLoading: ("Leser venteliste, IP og BrukerPlan: tall derfra vises som … til de er klare", "Reading waitlist, IP and BrukerPlan: their figures show as … until ready")
        case .registersLoadingShort: ("leser venteliste og IP …", "reading waitlist and IP …")
        case .exportWaitForRegisters: ("Eksport venter til venteliste og IP er lest (et øyeblikk)", "Export waits until the waitlist and IP are read (a moment)")
        case .registersLoaded: ("Venteliste, IP og BrukerPlan er lest", "Waitlist, IP and BrukerPlan read")
        case .registersPendingPanel: ("Leser fortsatt venteliste, IP og BrukerPlan; tallene kommer straks.", "Still reading the waitlist, IP and BrukerPlan files; figures follow shortly.")
        case .keyMoveColumn: ("cellen til venstre/høyre", "the cell to the left/right")
        case .hintColumn: ("kolonne", "column")
        case .keyNextPerspective: ("neste perspektiv", "next perspective")
        case .hintPerspective: ("perspektiv", "perspective")
        case .keySortColumn: ("sorter etter kolonnen", "sort by the column")
        case .legendCompare: ("Rader: enhetene under den valgte, så Σ for den og for etaten. 4/5: summen bygger på 4 av 5 enheter. Enter: enhetens historikk. ⚠: uteligger.", "Rows: the units under the chosen one, then the Σ of it and of the etat. 4/5: the total is built on 4 of 5 units. Enter: the unit's history. ⚠: outlier.")
        case .sortHighFirst: ("høyest først", "highest first")
        case .sortLowFirst: ("lavest først", "lowest first")
        case .indicatorsWord: ("indikatorer", "indicators")
        case .keyNormalised: ("per 100 av nevneren (per:) / som tall", "per 100 of the denominator (per:) / as counts")
        case .hintNormalised: ("per 100", "per 100")
        case .normalisedTitle: ("per 100", "per 100")
        case .noPerHundredHere: ("Ingen indikator i dette perspektivet kan vises per 100 (ingen per:).", "No indicator of this perspective can be shown per 100 (no per:).")
        case .hintInProgress: ("pågår", "in progress")
        case .hintDone: ("utført", "done")
        case .hintCancelled: ("avbrutt", "cancel")
        case .hintAllActions: ("alle/åpne", "all/open")
        case .fuOpenList: ("Åpne tiltak", "Open actions")
        case .fuDoneList: ("Utførte tiltak", "Actions done")
        case .fuOfDeviations: ("Oppfølging av avvikene:", "Follow-up of the deviations:")
        case .fuSection: ("Oppfølging", "Follow-up")
        case .fuOverdueList: ("Forfalt", "Overdue")
        case .fuNothing: ("Ingen.", "None.")
        case .fuStoreReadOnly: ("oppfølgingen er skrivebeskyttet", "the follow-up is read-only")
        case .screenMeeting: ("Møte", "Meeting")
        case .keyMeeting: ("åpne et møte for enheten og perioden (eller fortsett det som er åpent)", "open a meeting for the unit and period (or resume the open one)")
        case .hintMeeting: ("møte", "meeting")
        case .keyMarkDone: ("punktet er behandlet", "the item is done")
        case .keyMarkPostponed: ("punktet er utsatt til neste møte", "the item is postponed to the next meeting")
        case .keyMarkOpen: ("punktet er åpent igjen", "the item is open again")
        case .hintMarkDone: ("behandlet", "done")
        case .hintMarkPostponed: ("utsatt", "postpone")
        case .keyParticipants: ("hvem som er til stede", "who is present")
        case .keyEndMeeting: ("avslutt møtet (og skriv referatet)", "end the meeting (and write the minutes)")
        case .hintEndMeeting: ("avslutt", "end")
        case .legendMeeting: ("Agendaen laget da møtet ble åpnet: ○ åpen, ✓ behandlet, → utsatt. Enter åpner tallet, c og a skriver en kommentar eller et tiltak i møtet.", "The agenda made when the meeting opened: ○ open, ✓ done, → postponed. Enter opens the figure, c and a write a comment or an action in the meeting.")
        case .meetingNone: ("Ingen møte er åpent for denne enheten. Trykk M for å åpne et for enheten og perioden.", "No meeting is open for this unit. Press M to open one for the unit and period.")
        case .meetingParticipantsField: ("Til stede (ikke navn på brukere)", "Present (no names of service users)")
        case .scopeMeetingPrompt: ("spørsmålet om et åpent møte", "the question about an open meeting")
        case .keyResumeMeeting: ("fortsett møtet", "resume the meeting")
        case .keyEndOpenMeeting: ("avslutt møtet", "end the meeting")
        case .keyMeetingLater: ("senere", "later")
        case .minutesPrompt: ("Skriv referatet til", "Write the minutes to")
        case .meetingColItem: ("Punkt", "Item")
        case .meetingColFigure: ("Tall", "Figure")
        case .meetingColMark: ("Status", "Mark")
        case .meetingNotAnItem: ("Velg et punkt på agendaen.", "Select an item of the agenda.")
        case .meetingClosedNow: ("Møtet er avsluttet.", "The meeting is closed.")
        case .meetingPresent: ("Til stede", "Present")
        case .meetingNobodyListed: ("ingen ført opp (P)", "nobody listed (P)")
        // END TEXTS
        }
    }
}


extension L10n {
    /// An action's status in words.
    public func status(_ s: Entry.Status) -> String {
        switch s {
        case .planned: self[.fuStatusPlanned]
        case .inProgress: self[.fuStatusInProgress]
        case .done: self[.fuStatusDone]
        case .cancelled: self[.fuStatusCancelled]
        }
    }

    /// Why the store refused something, in this language.
    public func followUp(_ e: Error) -> String {
        if let e = e as? FollowUpError { return e.text(norwegian: lang == .nb) }
        if let e = e as? MeetingError { return e.text(lang) }
        return "\(e)"
    }
}

extension Msg {
    /// The text of the key in a language.
    public func text(_ lang: Lang) -> String { lang == .nb ? texts.nb : texts.en }
}

extension L10n {
    /// The text of a key in this language.
    public subscript(_ m: Msg) -> String { lang == .nb ? m.texts.nb : m.texts.en }

    /// A sentence with arguments (a catalogue's function, `StartTexts.noPeriods(dir)`), or
    /// anything else readable, in this language.
    public func callAsFunction(_ r: some Readable) -> String { r.text(lang) }
}
