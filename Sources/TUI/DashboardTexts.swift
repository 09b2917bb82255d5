import Model
import Reports
import Store

/// The catalogue of the dashboard's sentences with figures, names or dates in them (issue
/// 22): each a function, so the compiler checks what it is given, and each language puts
/// the arguments where its word order wants them. Words without arguments are `Msg` keys.
enum DashboardTexts {
    // MARK: Start and terminal

    static func terminalCannotDraw(_ term: String) -> Sentence {
        Sentence(nb: "terminalen (TERM=\(term)) kan ikke tegne dashbordet; start det i en vanlig terminal (f.eks. TERM=xterm-256color), eller bruk `tertial report`",
                 en: "the terminal (TERM=\(term)) cannot draw the dashboard; start it in an ordinary terminal (e.g. TERM=xterm-256color), or use `tertial report`")
    }

    static func terminalUnknown(_ term: String) -> Sentence {
        Sentence(nb: "terminaltypen TERM=\(term) er ukjent på denne maskinen; sett TERM=xterm-256color, eller bruk `tertial report`",
                 en: "the terminal type TERM=\(term) is unknown on this machine; set TERM=xterm-256color, or use `tertial report`")
    }

    /// The window is too small: what tertial needs, then what it has.
    static func needsAtLeast(width: Int, height: Int) -> Sentence {
        Sentence(nb: "tertial trenger minst \(width)×\(height)", en: "tertial needs at least \(width)×\(height)")
    }

    static func windowNow(width: Int, height: Int) -> Sentence {
        Sentence(nb: "(nå \(width)×\(height)).", en: "(now \(width)×\(height)).")
    }

    // MARK: Figures

    /// An annual indicator seen in a tertial: the year whose value is shown.
    static func annualValueFor(_ year: Period) -> Sentence {
        Sentence(nb: "årlig indikator: verdien for \(L10n(.nb).period(year)) (rapporteres for året, sammen med T3)",
                 en: "annual indicator: the value for \(L10n(.en).period(year)) (reported for the year, with T3)")
    }

    /// A total built on fewer values than are due: it gets no verdict.
    static func incomplete(present: Int, expected: Int) -> Sentence {
        Sentence(nb: "ufullstendig: \(present) av \(expected) verdier levert, så ingen status og ingen endring",
                 en: "incomplete: \(present) of \(expected) values delivered, so no status and no change")
    }

    /// The reporting tile counts values (the status tile counts indicators; issue 23, 6).
    static func valuesOf(_ reported: Int, _ due: Int) -> Sentence {
        Sentence(nb: "(\(reported) av \(due) verdier)", en: "(\(reported)/\(due) values)")
    }
    static func valuesMissing(_ n: Int) -> Sentence {
        n == 1 ? Sentence(nb: "1 verdi mangler", en: "1 value missing") : Sentence(nb: "\(n) verdier mangler", en: "\(n) values missing")
    }

    static func indicatorsOnScorecard(_ n: Int) -> Sentence {
        Sentence(nb: "\(n) indikatorer på styringskortet", en: "\(n) indicators on the scorecard")
    }

    /// Compare's per-100 figure: what it is per 100 of.
    static func perHundred(_ of: String) -> Sentence { Sentence(nb: "per 100 \(of)", en: "per 100 \(of)") }

    // MARK: Deviations

    static func deviationOf(_ k: Int, of n: Int) -> Sentence { Sentence(nb: "Avvik \(k) av \(n)", en: "Deviation \(k) of \(n)") }

    static func notDelivered(unit: String, indicator: String, period: Period) -> Sentence {
        Sentence(nb: "\(unit) har ikke levert «\(indicator)» for \(L10n(.nb).period(period)).",
                 en: "\(unit) has not delivered \"\(indicator)\" for \(L10n(.en).period(period)).")
    }

    static func reportedUnknown(unit: String, indicator: String, period: Period) -> Sentence {
        Sentence(nb: "\(unit) har levert «\(indicator)» for \(L10n(.nb).period(period)) uten verdi (rapportert som ukjent).",
                 en: "\(unit) delivered \"\(indicator)\" for \(L10n(.en).period(period)) without a value (reported as unknown).")
    }

    /// A figure against its target; value and target as the screen formats them.
    static func againstTarget(unit: String, indicator: String, value: String, target: String, status: Status) -> Sentence {
        Sentence(nb: "\(unit): «\(indicator)» er \(value) mot målet \(target) (\(L10n(.nb).status(status))).",
                 en: "\(unit): \"\(indicator)\" is \(value) against the target \(target) (\(L10n(.en).status(status))).")
    }

    // MARK: Units

    static func closed(on day: Day) -> Sentence { Sentence(nb: "Lagt ned \(day.norwegian)", en: "Closed on \(day)") }
    /// The reporting tile of a unit closed before the period: no share, the reason.
    static func closedNothingToReport(on day: Day) -> Sentence {
        Sentence(nb: "nedlagt \(day.norwegian) – ingen rapportering", en: "closed on \(day) – nothing to report")
    }
    static func continuesIn(_ unit: String) -> Sentence { Sentence(nb: "Videreført i \(unit)", en: "Continues in \(unit)") }
    static func goToSuccessor(_ unit: String) -> Sentence { Sentence(nb: "f: gå til \(unit)", en: "f: go to \(unit)") }

    // MARK: Reload and errors

    /// What a reload read, so a figure that moves is explained: the clock, up to two files.
    static func updated(at clock: String, files: [String]) -> Sentence {
        let named = files.prefix(2).joined(separator: ", ") + (files.count > 2 ? " …" : "")
        return Sentence(nb: "oppdatert \(clock) · \(named)", en: "updated \(clock) · \(named)")
    }

    /// After the banner's last error: how many more there are.
    static func moreErrors(_ n: Int) -> Sentence {
        Sentence(nb: "(+\(n) feil til, se `tertial check`)", en: "(+\(n) more errors, see `tertial check`)")
    }

    // MARK: Export

    static func exportKeys(endings: String) -> Sentence {
        Sentence(nb: "(endelsen velger formatet: \(endings); Enter lagrer, Esc avbryter)", en: "(the ending chooses the format: \(endings); Enter saves, Esc cancels)")
    }

    static func confirmOverwrite(_ path: String) -> Sentence {
        Sentence(nb: "\(path) finnes allerede. Skrive over? (j/N)", en: "\(path) exists already. Overwrite? (y/N)")
    }

    static func unknownEnding(_ path: String, endings: String) -> Sentence {
        Sentence(nb: "Kan ikke skrive \(path): bruk en av endelsene \(endings)", en: "Cannot write \(path): use one of the endings \(endings)")
    }

    static func saved(to path: String) -> Sentence { Sentence(nb: "Lagret i \(path)", en: "Saved to \(path)") }

    // MARK: Meetings

    static func meetingOpened(_ id: Int64, items: Int) -> Sentence {
        Sentence(nb: "Møte nr. \(id) er åpnet med \(items) punkter på agendaen", en: "Meeting no. \(id) is open with \(items) items on the agenda")
    }
    static func meetingEnded(_ id: Int64) -> Sentence {
        Sentence(nb: "Møte nr. \(id) er avsluttet. Skriv referatet (.md, .html, .txt), eller Esc (senere: tertial meeting minutes \(id))",
                 en: "Meeting no. \(id) is closed. Write the minutes (.md, .html, .txt), or Esc (later: tertial meeting minutes \(id))")
    }
    static func confirmOpenMeeting(_ scope: String) -> Sentence {
        Sentence(nb: "Åpne et møte for \(scope) (agenda fra tallene nå)? (j/N)", en: "Open a meeting for \(scope) (agenda from the figures now)? (y/N)")
    }
    static func confirmEndMeeting(_ id: Int64, left: Int) -> Sentence {
        Sentence(nb: "Avslutte møte nr. \(id)? \(left) punkter er ikke behandlet. (j/N)", en: "End meeting no. \(id)? \(left) items are not gone through. (y/N)")
    }
    static func meetingLeftOpen(_ id: Int64, _ scope: String) -> Sentence {
        Sentence(nb: "Møte nr. \(id) (\(scope)) er fortsatt åpent. j fortsett · a avslutt · Esc senere",
                 en: "Meeting no. \(id) (\(scope)) is still open. y resume · a end · Esc later")
    }
    static func meetingTitle(_ id: Int64, _ scope: String, left: Int, of total: Int) -> Sentence {
        Sentence(nb: "Møte nr. \(id) · \(scope) · \(left) av \(total) punkter igjen", en: "Meeting no. \(id) · \(scope) · \(left) of \(total) items left")
    }
    static func meetingClosedTitle(_ id: Int64, _ scope: String, at: String) -> Sentence {
        Sentence(nb: "Møte nr. \(id) · \(scope) · avsluttet \(at)", en: "Meeting no. \(id) · \(scope) · closed \(at)")
    }
    static func savedNotLinked(_ why: String) -> Sentence {
        Sentence(nb: "Lagret, men ikke knyttet til møtet: \(why)", en: "Saved, but not linked to the meeting: \(why)")
    }
    static let emptyAgenda = Sentence(nb: "Agendaen er tom.", en: "The agenda is empty.")
    static func decided(_ text: String) -> Sentence { Sentence(nb: "Vedtatt: \(text)", en: "Decided: \(text)") }

    // MARK: Follow-up

    static func followUpUnavailable(_ why: String) -> Sentence {
        Sentence(nb: "Oppfølging er ikke tilgjengelig: \(why)", en: "Follow-up is not available: \(why)")
    }

    /// A figure's comment; `on` is the date as the user writes it.
    static func comment(by user: String, on date: String, _ text: String) -> Sentence {
        Sentence(nb: "Kommentar (\(user), \(date)): \(text)", en: "Comment (\(user), \(date)): \(text)")
    }

    /// An action in one line: what, who, when, its status (and whether it is overdue).
    static func action(_ text: String, owner: String?, due: Day?, status: Entry.Status?, overdue: Bool) -> Sentence {
        func line(_ l: L10n, dueWord: String, word: String) -> String {
            let state = (status.map { l.status($0) } ?? "") + (overdue ? ", " + l[.fuOverdue] : "")
            // The state first: a line cut at the screen's edge still says whether it is done.
            return "\(word) (\(state)): \(text) · \(owner ?? "–") · \(dueWord) \(due.map { l.date($0) } ?? "–")"
        }
        return Sentence(nb: line(L10n(.nb), dueWord: "frist", word: "Tiltak"), en: line(L10n(.en), dueWord: "due", word: "Action"))
    }

    /// The overview's follow-up tile: actions on the figures of the period in view.
    static func doneIn(_ p: Period) -> Sentence {
        Sentence(nb: "Utført, tall for \(L10n(.nb).period(p))", en: "Done, figures of \(L10n(.en).period(p))")
    }
    static func noActionsIn(_ p: Period) -> Sentence {
        Sentence(nb: "Ingen tiltak på tallene for \(L10n(.nb).period(p))", en: "No actions on the figures of \(L10n(.en).period(p))")
    }

    /// The overview's waitlist tile: applications decided in the last 12 months after more
    /// than 4 weeks without an interim reply. The 12 months come before the count, so a
    /// tile cut at 80 columns keeps them (the deviation tile counts the period only).
    static func breachesLastYear(_ n: Int) -> Sentence {
        Sentence(nb: "Over 4 uker uten svar, 12 mnd: \(n)", en: "Over 4 weeks, no reply, 12 mo: \(n)")
    }

    /// A history row's change counted across a merge (`Change.acrossMerge`).
    static func changeWithMerged(_ names: [String]) -> Sentence {
        let list = names.joined(separator: ", ")
        return Sentence(nb: "* endring fra forrige tall inkl. \(list) (sammenslått)", en: "* change from the previous figure incl. \(list) (merged)")
    }

    static func openActions(_ n: Int) -> Sentence {
        n == 1 ? Sentence(nb: "1 åpent tiltak", en: "1 open action") : Sentence(nb: "\(n) åpne tiltak", en: "\(n) open actions")
    }

    /// Who made an action, when, and what it is about.
    static func createdBy(_ user: String, on date: String, about: String) -> Sentence {
        Sentence(nb: "Opprettet av \(user) \(date) · \(about)", en: "Created by \(user) \(date) · \(about)")
    }
}
