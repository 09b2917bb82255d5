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

/// The minutes (referat) of a meeting: date, scope, period, who led it and who was there,
/// each agenda item with its figure, its mark and what was decided on it, the items put off,
/// and what was decided outside the items. Text, markdown or one self-contained HTML file.
public struct Minutes {
    public let record: MeetingRecord
    public let snapshot: Snapshot?
    public let book: FollowUpBook
    public let lang: Lang
    public let today: Day

    public init(record: MeetingRecord, snapshot: Snapshot?, book: FollowUpBook, lang: Lang, today: Day) {
        self.record = record; self.snapshot = snapshot; self.book = book; self.lang = lang; self.today = today
    }

    public func document() -> [Block] {
        let l = L10n(lang), m = record.meeting, s = snapshot
        var blocks: [Block] = [.title(l(Sentence(nb: "Referat: driftsoppfølging ", en: "Minutes: driftsoppfølging ")) + MeetingWords.scope(m, s, lang))]
        blocks.append(.meta(l(Sentence(nb: "Møte nr. \(m.id), åpnet \(MeetingWords.time(m.openedAt, lang)) av \(m.openedBy)",
                                       en: "Meeting no. \(m.id), opened \(MeetingWords.time(m.openedAt, lang)) by \(m.openedBy)"))
                            + (m.closedAt.map { l(Sentence(nb: ", avsluttet \(MeetingWords.time($0, lang)) av \(m.closedBy ?? "")",
                                                           en: ", closed \(MeetingWords.time($0, lang)) by \(m.closedBy ?? "")")) }
                               ?? l(Sentence(nb: " (fortsatt åpent)", en: " (still open)")))))
        blocks.append(.meta(l(Sentence(nb: "Deltakere: ", en: "Participants: ")) + (m.participants ?? "–")))
        let marks = record.marks
        let done = record.agenda.filter { marks[$0.key] == .done }.count, postponed = record.agenda.filter { marks[$0.key] == .postponed }.count
        blocks.append(.meta(l(Sentence(nb: "\(record.agenda.count) punkter: \(done) behandlet, \(postponed) utsatt, \(record.agenda.count - done - postponed) ikke behandlet",
                                       en: "\(record.agenda.count) items: \(done) done, \(postponed) postponed, \(record.agenda.count - done - postponed) not gone through"))))
        let linked = record.entries
        func decisions(_ item: String) -> [String] {
            linked.filter { $0.item == item }.compactMap { book.entry($0.entry) }.map { MeetingWords.decision($0, lang) }
        }
        let header = [l(Sentence(nb: "Punkt", en: "Item")), l(Sentence(nb: "Tall", en: "Figure")), l(Sentence(nb: "Status", en: "Mark")),
                      l(Sentence(nb: "Vedtak", en: "Decided"))]
        for kind in AgendaItem.Kind.allCases {
            let items = record.agenda.filter { $0.kind == kind }
            guard !items.isEmpty else { continue }
            blocks.append(.heading(l(MeetingWords.section(kind)) + " (\(items.count))"))
            var rows = [[ReportCell]]()
            for it in items {
                let what = ([MeetingWords.what(it, s, book, lang)] + MeetingWords.revisionDetail(it, s, lang)).joined(separator: "; ")
                rows.append([ReportCell(what), ReportCell(MeetingWords.figure(it, s, book, lang, today: today)),
                             ReportCell(l(MeetingWords.mark(record.mark(it)))), ReportCell(decisions(it.key).joined(separator: "; "))])
            }
            blocks.append(.table(ReportTable(header: header, rows: rows)))
        }
        if record.agenda.isEmpty { blocks.append(.paragraph(l(Sentence(nb: "Agendaen var tom.", en: "The agenda was empty.")))) }
        let putOff = record.agenda.filter { marks[$0.key] == .postponed }
        if !putOff.isEmpty {
            blocks.append(.heading(l(Sentence(nb: "Utsatt til neste møte", en: "Postponed to the next meeting"))))
            blocks.append(.list(putOff.map { ListItem(text: MeetingWords.what($0, s, book, lang), aside: nil, better: nil) }))
        }
        // Everything decided in the meeting, with its owner and due date (also what was
        // written on a figure that was not on the agenda).
        let all = linked.compactMap { book.entry($0.entry) }
        blocks.append(.heading(l(Sentence(nb: "Vedtak i møtet", en: "Decided in the meeting")) + " (\(all.count))"))
        if all.isEmpty { blocks.append(.paragraph(l(Sentence(nb: "Ingen kommentarer eller tiltak ble skrevet.", en: "No comment or action was written.")))) }
        else {
            blocks.append(.list(all.map { e in
                ListItem(text: MeetingWords.decision(e, lang) + " — " + MeetingWords.indicatorName(e.key.indicator.rawValue, s) + ", "
                         + MeetingWords.unitName(e.key.unit.rawValue, s) + ", " + l.period(e.key.period), aside: nil, better: nil)
            }))
        }
        return blocks
    }

    public enum Format: String, CaseIterable, Sendable { case text, md, html }

    public func render(_ format: Format) -> String {
        switch format {
        case .text: BlockWriter.text(document(), lang: lang, markdown: false)
        case .md: BlockWriter.text(document(), lang: lang, markdown: true)
        case .html: BlockWriter.html(document(), lang: lang)
        }
    }
}

/// What changed in a scope's figures since a baseline (the last meeting's, or the last
/// before a date): new and resolved deviations, other status changes, revised values.
public struct FigureChanges {
    public enum Kind: String, CaseIterable, Sendable { case newDeviation = "new_deviation", resolved, status, revised }
    public struct Row: Sendable, Equatable {
        public var kind: Kind
        public var unit: String
        public var indicator: String
        public var period: Period
        public var oldValue: Double?
        public var newValue: Double?
        public var oldStatus: Status?
        public var newStatus: Status?
        /// A revised value: the file that holds it now.
        public var file: String?
        /// A revised value: the totals above it, as they were and are.
        public var totals: [AgendaItem.Total] = []
    }

    public let rows: [Row]
    public let meeting: Meeting?
    /// The last period compared.
    public let through: Period

    /// Compares the figures now with `old`, over the periods it covered (those that began by
    /// the end of its meeting's period): a later period has nothing to compare with.
    public init(_ s: Snapshot, unit root: Int, against old: Baseline, meeting: Meeting?) {
        let now = Baseline.of(s, unit: root, through: old.through)
        func bad(_ st: Status?) -> Bool { st == .red || st == .yellow }
        var rows = [Row]()
        for k in Set(old.figures.keys).union(now.figures.keys).sorted() {
            let a = old[k], b = now[k]
            let before = a?.status, after = b?.status
            if before == after { continue }
            let kind: Kind
            if bad(after) && !bad(before) { kind = .newDeviation } else if bad(before) && !bad(after) { kind = .resolved }
            else if a != nil && b != nil { kind = .status } else { continue }
            rows.append(Row(kind: kind, unit: k.unit, indicator: k.indicator, period: k.period, oldValue: a?.value, newValue: b?.value,
                            oldStatus: before, newStatus: after))
        }
        for it in Agenda.revisions(s, from: old, to: now) {
            rows.append(Row(kind: .revised, unit: it.unit, indicator: it.indicator ?? "", period: it.periodValue, oldValue: it.old, newValue: it.value,
                            oldStatus: old[Baseline.Key(unit: it.unit, indicator: it.indicator ?? "", period: it.periodValue)]?.status,
                            newStatus: it.status.flatMap(Status.init(rawValue:)), file: it.file, totals: it.totals ?? []))
        }
        self.rows = rows
        self.meeting = meeting
        through = old.through
    }

    public enum Format: String, CaseIterable, Sendable { case text, md, csv, json }

    public func render(_ format: Format, snapshot s: Snapshot, lang: Lang, since: String) -> String {
        let l = L10n(lang)
        switch format {
        case .csv:
            var out = CSVWriter.line(["change", "unit", "indicator", "period", "old_value", "new_value", "old_status", "new_status", "file", "totals"])
            for r in rows {
                out += CSVWriter.line([r.kind.rawValue, r.unit, r.indicator, r.period.description, Baseline.number(r.oldValue), Baseline.number(r.newValue),
                                       r.oldStatus?.rawValue ?? "", r.newStatus?.rawValue ?? "", r.file ?? "",
                                       r.totals.map { "\($0.unit) \(Baseline.number($0.old)) → \(Baseline.number($0.new))" }.joined(separator: ", ")])
            }
            return out
        case .json:
            let list: [[String: Any]] = rows.map { r in
                var o: [String: Any] = ["change": r.kind.rawValue, "unit": r.unit, "indicator": r.indicator, "period": r.period.description]
                o["old_value"] = r.oldValue ?? NSNull(); o["new_value"] = r.newValue ?? NSNull()
                o["old_status"] = r.oldStatus?.rawValue ?? NSNull(); o["new_status"] = r.newStatus?.rawValue ?? NSNull()
                if let f = r.file { o["file"] = f }
                if !r.totals.isEmpty {
                    o["totals"] = r.totals.map { ["unit": $0.unit, "old_value": $0.old ?? NSNull(), "new_value": $0.new ?? NSNull()] as [String: Any] }
                }
                return o
            }
            var top: [String: Any] = ["since": since, "through": through.description, "changes": list]
            if let m = meeting { top["meeting"] = ["id": m.id, "unit": m.unit.rawValue, "period": m.period.description, "opened_at": m.openedAt] }
            let data = (try? JSONSerialization.data(withJSONObject: top, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data()
            return (String(data: data, encoding: .utf8) ?? "{}") + "\n"
        case .text, .md:
            var blocks: [Block] = [.title(l(Sentence(nb: "Endringer siden ", en: "Changes since ")) + since),
                                   .meta(l(Sentence(nb: "Perioder til og med \(l.period(through))", en: "Periods up to and including \(l.period(through))")))]
            for kind in Kind.allCases {
                let rs = rows.filter { $0.kind == kind }
                guard !rs.isEmpty else { continue }
                blocks.append(.heading(l(FigureChanges.heading(kind)) + " (\(rs.count))"))
                blocks.append(.table(ReportTable(header: [l[.indicator], l[.unit], l[.period], l(Sentence(nb: "Før", en: "Before")), l(Sentence(nb: "Nå", en: "Now")),
                                                          l(Sentence(nb: "Fil", en: "File")), l(Sentence(nb: "Summer over", en: "Totals above"))],
                                                 rows: rs.map { r in
                    [ReportCell(MeetingWords.indicatorName(r.indicator, s)), ReportCell(MeetingWords.unitName(r.unit, s)), ReportCell(l.period(r.period)),
                     ReportCell(MeetingWords.value(r.oldValue, indicator: r.indicator, s, lang) + (r.oldStatus.map { " " + l.status($0) } ?? "")),
                     ReportCell(MeetingWords.value(r.newValue, indicator: r.indicator, s, lang) + (r.newStatus.map { " " + l.status($0) } ?? "")),
                     ReportCell(r.file ?? ""),
                     ReportCell(r.totals.map { MeetingWords.unitName($0.unit, s) + " " + MeetingWords.value($0.old, indicator: r.indicator, s, lang) + " → "
                                               + MeetingWords.value($0.new, indicator: r.indicator, s, lang) }.joined(separator: ", "))]
                })))
            }
            if rows.isEmpty { blocks.append(.paragraph(l(Sentence(nb: "Ingen endringer.", en: "No changes.")))) }
            return BlockWriter.text(blocks, lang: lang, markdown: format == .md)
        }
    }

    static func heading(_ k: Kind) -> Sentence {
        switch k {
        case .newDeviation: Sentence(nb: "Nye avvik", en: "New deviations")
        case .resolved: Sentence(nb: "Avvik som er borte", en: "Deviations resolved")
        case .status: Sentence(nb: "Andre statusendringer", en: "Other status changes")
        case .revised: Sentence(nb: "Reviderte tall", en: "Revised figures")
        }
    }
}
