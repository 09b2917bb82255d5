import Foundation
import Model
import Store

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
        var blocks: [Block] = [.title(l(MinutesTexts.title(MeetingWords.scope(m, s, lang))))]
        blocks.append(.meta(l(MinutesTexts.opened(m.id, at: MeetingWords.time(m.openedAt, lang), by: m.openedBy))
                            + (m.closedAt.map { l(MinutesTexts.closed(at: MeetingWords.time($0, lang), by: m.closedBy ?? "")) }
                               ?? l(MinutesTexts.stillOpen))))
        blocks.append(.meta(l(MinutesTexts.participants) + (m.participants ?? "–")))
        let marks = record.marks
        let done = record.agenda.filter { marks[$0.key] == .done }.count, postponed = record.agenda.filter { marks[$0.key] == .postponed }.count
        blocks.append(.meta(l(MinutesTexts.counts(record.agenda.count, done: done, postponed: postponed))))
        let linked = record.entries
        func decisions(_ item: String) -> [String] {
            linked.filter { $0.item == item }.compactMap { book.entry($0.entry) }.map { MeetingWords.decision($0, lang) }
        }
        let header = MinutesTexts.header.map { l($0) }
        for kind in AgendaItem.Kind.allCases {
            let items = record.agenda.filter { $0.kind == kind }
            guard !items.isEmpty else { continue }
            blocks.append(.heading(l(MeetingWords.section(kind)) + " (\(items.count))"))
            var rows = [[ReportCell]]()
            for it in items {
                let what = ([MeetingWords.what(it, s, book, lang)] + MeetingWords.revisionDetail(it, s, lang)).joined(separator: "; ")
                rows.append([ReportCell(what), ReportCell(MeetingWords.figure(it, s, book, lang, today: today)),
                             ReportCell(l(MeetingWords.mark(marks[it.key] ?? .open))), ReportCell(decisions(it.key).joined(separator: "; "))])
            }
            blocks.append(.table(ReportTable(header: header, rows: rows)))
        }
        if record.agenda.isEmpty { blocks.append(.paragraph(l(MinutesTexts.emptyAgenda))) }
        let putOff = record.agenda.filter { marks[$0.key] == .postponed }
        if !putOff.isEmpty {
            blocks.append(.heading(l(MinutesTexts.postponed)))
            blocks.append(.list(putOff.map { ListItem(text: MeetingWords.what($0, s, book, lang), aside: nil, better: nil) }))
        }
        // Everything decided in the meeting, with its owner and due date (also what was
        // written on a figure that was not on the agenda).
        let all = linked.compactMap { book.entry($0.entry) }
        blocks.append(.heading(l(MinutesTexts.decided) + " (\(all.count))"))
        if all.isEmpty { blocks.append(.paragraph(l(MinutesTexts.nothingDecided))) }
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
            var blocks: [Block] = [.title(l(MinutesTexts.changesSince(since))),
                                   .meta(l(MinutesTexts.through(l.period(through))))]
            for kind in Kind.allCases {
                let rs = rows.filter { $0.kind == kind }
                guard !rs.isEmpty else { continue }
                blocks.append(.heading(l(FigureChanges.heading(kind)) + " (\(rs.count))"))
                blocks.append(.table(ReportTable(header: [l[.indicator], l[.unit], l[.period]] + MinutesTexts.changesHeader.map { l($0) },
                                                 rows: rs.map { r in
                    [ReportCell(MeetingWords.indicatorName(r.indicator, s)), ReportCell(MeetingWords.unitName(r.unit, s)), ReportCell(l.period(r.period)),
                     ReportCell(MeetingWords.value(r.oldValue, indicator: r.indicator, s, lang) + (r.oldStatus.map { " " + l.status($0) } ?? "")),
                     ReportCell(MeetingWords.value(r.newValue, indicator: r.indicator, s, lang) + (r.newStatus.map { " " + l.status($0) } ?? "")),
                     ReportCell(r.file ?? ""),
                     ReportCell(r.totals.map { MeetingWords.unitName($0.unit, s) + " " + MeetingWords.value($0.old, indicator: r.indicator, s, lang) + " → "
                                               + MeetingWords.value($0.new, indicator: r.indicator, s, lang) }.joined(separator: ", "))]
                })))
            }
            if rows.isEmpty { blocks.append(.paragraph(l(MinutesTexts.noChanges))) }
            return BlockWriter.text(blocks, lang: lang, markdown: format == .md)
        }
    }

    static func heading(_ k: Kind) -> Sentence { MinutesTexts.heading(k) }
}
