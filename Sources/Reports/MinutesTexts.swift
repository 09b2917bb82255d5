import Foundation
import Model
import Store

/// How a meeting's agenda items, marks and decisions read, in both languages: the meeting
/// screen, the minutes and `report changes` all say them with these words.
public enum MeetingWords {
    /// The agenda's sections, in its order.
    public static func section(_ k: AgendaItem.Kind) -> Sentence {
        switch k {
        case .actionDue: Sentence(nb: "Tiltak med frist nå eller forfalt", en: "Actions due now or overdue")
        case .actionDone: Sentence(nb: "Tiltak utført siden forrige møte", en: "Actions done since the last meeting")
        case .newDeviation: Sentence(nb: "Nye avvik siden forrige møte", en: "New deviations since the last meeting")
        case .revised: Sentence(nb: "Reviderte tall siden forrige møte", en: "Figures revised since the last meeting")
        case .uncommented: Sentence(nb: "Røde avvik uten kommentar", en: "Red deviations without a comment")
        case .notReported: Sentence(nb: "Enheter som ikke har rapportert", en: "Units that have not reported")
        }
    }

    public static func mark(_ m: AgendaMark) -> Sentence {
        switch m {
        case .open: Sentence(nb: "åpen", en: "open")
        case .done: Sentence(nb: "behandlet", en: "done")
        case .postponed: Sentence(nb: "utsatt", en: "postponed")
        }
    }

    public static func markSymbol(_ m: AgendaMark, unicode: Bool) -> String {
        switch m {
        case .open: unicode ? "○" : "o"
        case .done: unicode ? "✓" : "x"
        case .postponed: unicode ? "→" : ">"
        }
    }

    /// A stored time (UTC) as a leader reads it: local time, `04.12.2026 10:12` or `2026-12-04 10:12`.
    public static func time(_ iso: String, _ lang: Lang) -> String {
        let f = ISO8601DateFormatter()
        guard let date = f.date(from: iso) else { return iso }
        var c = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone.current
        let p = c.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        guard let y = p.year, let mo = p.month, let d = p.day, let h = p.hour, let mi = p.minute else { return iso }
        let day = Day(year: y, month: mo, day: d).map { L10n(lang).date($0) } ?? iso
        return day + " " + Day.pad2(h) + ":" + Day.pad2(mi)
    }

    static func unitName(_ id: String, _ s: Snapshot?) -> String { s?.tree[id].map { $0.shortName } ?? id }
    static func indicatorName(_ id: String, _ s: Snapshot?) -> String { s?.dataset.indicator(id)?.name ?? id }
    static func value(_ v: Double?, indicator: String?, _ s: Snapshot?, _ lang: Lang) -> String {
        guard let v else { return "–" }
        let unit = indicator.flatMap { s?.dataset.indicator($0)?.unit } ?? .count
        return Format(lang: lang).value(v, unit)
    }

    /// What an item is about: the action's text, or the figure (indicator, unit, period).
    public static func what(_ it: AgendaItem, _ s: Snapshot?, _ book: FollowUpBook, _ lang: Lang) -> String {
        let l = L10n(lang)
        let place = MeetingWords.unitName(it.unit, s) + ", " + l.period(it.periodValue)
        switch it.kind {
        case .actionDue, .actionDone:
            let text = it.entry.flatMap { book.entry($0)?.text } ?? "#\(it.entry ?? 0)"
            return text + " (" + (it.indicator.map { indicatorName($0, s) + ", " } ?? "") + place + ")"
        case .notReported:
            return MeetingWords.unitName(it.unit, s) + ": " + l(Sentence(nb: "\(it.missing ?? 0) tall mangler for \(l.period(it.periodValue))",
                                                                         en: "\(it.missing ?? 0) figures missing for \(l.period(it.periodValue))"))
        case .newDeviation, .revised, .uncommented:
            return (it.indicator.map { indicatorName($0, s) } ?? "") + ", " + place
        }
    }

    /// The item's figure: a value and its status, old → new, or the action's state.
    public static func figure(_ it: AgendaItem, _ s: Snapshot?, _ book: FollowUpBook, _ lang: Lang, today: Day) -> String {
        let l = L10n(lang)
        switch it.kind {
        case .actionDue, .actionDone:
            guard let a = it.entry.flatMap({ book.entry($0) }) else { return "" }
            var parts = [a.status.map { l.status($0) } ?? ""]
            if let o = a.owner { parts.append(o) }
            if let d = a.due { parts.append(l(Sentence(nb: "frist \(l.date(d))", en: "due \(l.date(d))"))) }
            if a.isOverdue(on: today) { parts.append(l[.fuOverdue]) }
            return parts.filter { !$0.isEmpty }.joined(separator: ", ")
        case .revised:
            return value(it.old, indicator: it.indicator, s, lang) + " → " + value(it.value, indicator: it.indicator, s, lang)
        case .newDeviation, .uncommented:
            return value(it.value, indicator: it.indicator, s, lang) + (it.status.flatMap(Status.init(rawValue:)).map { " " + l.status($0) } ?? "")
        case .notReported: return ""
        }
    }

    /// More about a revised item: the file that holds the value now and when it changed, and
    /// the totals above it (`Etaten 17 → 29`).
    public static func revisionDetail(_ it: AgendaItem, _ s: Snapshot?, _ lang: Lang) -> [String] {
        guard it.kind == .revised else { return [] }
        let l = L10n(lang)
        var out = [String]()
        if let f = it.file {
            out.append(l(Sentence(nb: "Fil: \(f)", en: "File: \(f)")) + (it.fileChanged.map { ", " + l(Sentence(nb: "endret \(time($0, lang))", en: "changed \(time($0, lang))")) } ?? ""))
        }
        if let totals = it.totals, !totals.isEmpty {
            out.append(l(Sentence(nb: "Summer over: ", en: "Totals above: "))
                       + totals.map { unitName($0.unit, s) + " " + value($0.old, indicator: it.indicator, s, lang) + " → " + value($0.new, indicator: it.indicator, s, lang) }
                        .joined(separator: ", "))
        }
        return out
    }

    /// A comment or action written in the meeting, as the minutes say it.
    public static func decision(_ e: Entry, _ lang: Lang) -> String {
        let l = L10n(lang)
        switch e.kind {
        case .comment: return l[.comment] + ": " + e.text
        case .action:
            var parts = [String]()
            parts.append(l(Sentence(nb: "ansvarlig: \(e.owner ?? "–")", en: "responsible: \(e.owner ?? "–")")))
            parts.append(l(Sentence(nb: "frist: \(e.due.map { l.date($0) } ?? "–")", en: "due: \(e.due.map { l.date($0) } ?? "–")")))
            if let st = e.status { parts.append(l.status(st)) }
            return l(Sentence(nb: "Tiltak", en: "Action")) + ": " + e.text + " (" + parts.joined(separator: ", ") + ")"
        }
    }

    /// "Etaten, T3 2019".
    public static func scope(_ m: Meeting, _ s: Snapshot?, _ lang: Lang) -> String {
        unitName(m.unit.rawValue, s) + ", " + L10n(lang).period(m.period)
    }
}

/// The sentences of the minutes and of `report changes`.
enum MinutesTexts {
    static func title(_ scope: String) -> Sentence { Sentence(nb: "Referat: driftsoppfølging \(scope)", en: "Minutes: driftsoppfølging \(scope)") }
    static func opened(_ id: Int64, at: String, by: String) -> Sentence {
        Sentence(nb: "Møte nr. \(id), åpnet \(at) av \(by)", en: "Meeting no. \(id), opened \(at) by \(by)")
    }
    static func closed(at: String, by: String) -> Sentence { Sentence(nb: ", avsluttet \(at) av \(by)", en: ", closed \(at) by \(by)") }
    static let stillOpen = Sentence(nb: " (fortsatt åpent)", en: " (still open)")
    static let participants = Sentence(nb: "Deltakere: ", en: "Participants: ")
    static func counts(_ n: Int, done: Int, postponed: Int) -> Sentence {
        Sentence(nb: "\(n) punkter: \(done) behandlet, \(postponed) utsatt, \(n - done - postponed) ikke behandlet",
                 en: "\(n) items: \(done) done, \(postponed) postponed, \(n - done - postponed) not gone through")
    }
    static let header = [Sentence(nb: "Punkt", en: "Item"), Sentence(nb: "Tall", en: "Figure"), Sentence(nb: "Status", en: "Mark"), Sentence(nb: "Vedtak", en: "Decided")]
    static let emptyAgenda = Sentence(nb: "Agendaen var tom.", en: "The agenda was empty.")
    static let postponed = Sentence(nb: "Utsatt til neste møte", en: "Postponed to the next meeting")
    static let decided = Sentence(nb: "Vedtak i møtet", en: "Decided in the meeting")
    static let nothingDecided = Sentence(nb: "Ingen kommentarer eller tiltak ble skrevet.", en: "No comment or action was written.")
    static func changesSince(_ since: String) -> Sentence { Sentence(nb: "Endringer siden \(since)", en: "Changes since \(since)") }
    static func through(_ p: String) -> Sentence { Sentence(nb: "Perioder til og med \(p)", en: "Periods up to and including \(p)") }
    static let changesHeader = [Sentence(nb: "Før", en: "Before"), Sentence(nb: "Nå", en: "Now"), Sentence(nb: "Fil", en: "File"), Sentence(nb: "Summer over", en: "Totals above")]
    static let noChanges = Sentence(nb: "Ingen endringer.", en: "No changes.")
    static func heading(_ k: FigureChanges.Kind) -> Sentence {
        switch k {
        case .newDeviation: Sentence(nb: "Nye avvik", en: "New deviations")
        case .resolved: Sentence(nb: "Avvik som er borte", en: "Deviations resolved")
        case .status: Sentence(nb: "Andre statusendringer", en: "Other status changes")
        case .revised: Sentence(nb: "Reviderte tall", en: "Revised figures")
        }
    }
}
