import Foundation
import Model

/// A driftsoppfølging meeting: a unit's scope, a period, who led it and who was there, and
/// the figures as they stood when it opened (the baseline). Kept for ever, like follow-up:
/// a meeting is closed, never deleted; every change to it is an event.
public struct Meeting: Hashable, Sendable, Identifiable {
    public var id: Int64
    public var unit: UnitID
    public var period: Period
    public var openedAt: String
    public var openedBy: String
    public var closedAt: String?
    public var closedBy: String?
    public var participants: String?
    public var isOpen: Bool { closedAt == nil }

    public init(id: Int64, unit: UnitID, period: Period, openedAt: String, openedBy: String, closedAt: String? = nil, closedBy: String? = nil,
                participants: String? = nil) {
        self.id = id; self.unit = unit; self.period = period; self.openedAt = openedAt; self.openedBy = openedBy
        self.closedAt = closedAt; self.closedBy = closedBy; self.participants = participants
    }
}

/// How far the meeting came with an agenda item.
public enum AgendaMark: String, Sendable, CaseIterable, Codable {
    /// Not yet gone through (åpen).
    case open
    /// Gone through (behandlet).
    case done
    /// Put off to a later meeting (utsatt).
    case postponed
}

/// One change to a meeting, kept for ever: opened, participants, an item's mark, a comment
/// or action written in it, closed.
public struct MeetingEvent: Hashable, Sendable {
    public enum Kind: String, Sendable, CaseIterable { case opened, participants, mark, entry, closed }
    public var id: Int64
    public var meetingID: Int64
    public var at: String
    public var by: String
    public var kind: Kind
    /// The agenda item it is about (`AgendaItem.key`).
    public var item: String?
    /// The mark, the participants, or the entry's id.
    public var value: String?
    public init(id: Int64, meetingID: Int64, at: String, by: String, kind: Kind, item: String?, value: String?) {
        self.id = id; self.meetingID = meetingID; self.at = at; self.by = by; self.kind = kind; self.item = item; self.value = value
    }
}

/// One thing the meeting goes through, made when it opens and kept with it, so that what
/// was on the agenda is known for ever (a comment written later does not take an item off).
public struct AgendaItem: Hashable, Sendable, Codable {
    /// In the agenda's order.
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// An action due by the meeting's day, or overdue.
        case actionDue = "due"
        /// An action done since the last meeting of the scope.
        case actionDone = "done"
        /// A red or yellow figure of the period that was not one at the last meeting.
        case newDeviation = "deviation"
        /// A figure of an earlier period whose value differs from the last meeting's baseline.
        case revised
        /// A red figure of the period with no comment.
        case uncommented
        /// A unit with figures due in the period that has not reported them.
        case notReported = "unreported"
    }

    /// A total above a revised figure, as it was and as it is.
    public struct Total: Hashable, Sendable, Codable {
        public var unit: String
        public var old: Double?
        public var new: Double?
        public init(unit: String, old: Double?, new: Double?) { self.unit = unit; self.old = old; self.new = new }
    }

    public var kind: Kind
    public var unit: String
    /// Nil for a unit that has not reported.
    public var indicator: String?
    public var period: String
    /// The action (due, done).
    public var entry: Int64?
    /// The figure when the meeting opened (a revised item: the new value).
    public var value: Double?
    public var status: String?
    /// A revised item: the value at the last meeting.
    public var old: Double?
    /// A revised item: the file that holds the value now (`reports/2019-T3.csv:80`), and when it changed.
    public var file: String?
    public var fileChanged: String?
    public var totals: [Total]?
    /// A unit that has not reported: how many of its figures are missing.
    public var missing: Int?

    public init(kind: Kind, unit: String, indicator: String? = nil, period: Period, entry: Int64? = nil, value: Double? = nil, status: Status? = nil) {
        self.kind = kind; self.unit = unit; self.indicator = indicator; self.period = period.description; self.entry = entry
        self.value = value; self.status = status?.rawValue
    }

    /// Names the item among the meeting's (marks and linked entries refer to it).
    public var key: String {
        [kind.rawValue, unit, indicator ?? "", period, entry.map(String.init) ?? ""].joined(separator: ":")
    }

    public var periodValue: Period { Period(parsing: period) ?? .year(1970) }

    /// The figure follow-up is written on (nil for a unit that has not reported).
    public var followUpKey: Entry.Key? {
        indicator.map { Entry.Key(unit: UnitID(unit), indicator: IndicatorID($0), period: periodValue) }
    }

    /// The agenda as the store keeps it (JSON, one array).
    public static func encode(_ items: [AgendaItem]) -> String {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        return (try? e.encode(items)).flatMap { String(data: $0, encoding: .utf8) } ?? "[]"
    }

    public static func decode(_ text: String) -> [AgendaItem] {
        (try? JSONDecoder().decode([AgendaItem].self, from: Data(text.utf8))) ?? []
    }
}

/// A meeting as the dashboard and the minutes read it: the record, its agenda, and what
/// happened in it (the marks, the entries written in it).
public struct MeetingRecord: Sendable, Hashable {
    public var meeting: Meeting
    public var agenda: [AgendaItem]
    public var events: [MeetingEvent]

    public init(meeting: Meeting, agenda: [AgendaItem], events: [MeetingEvent]) {
        self.meeting = meeting; self.agenda = agenda; self.events = events
    }

    /// Each item's mark: its latest.
    public var marks: [String: AgendaMark] {
        var out = [String: AgendaMark]()
        for e in events where e.kind == .mark { if let i = e.item, let m = e.value.flatMap(AgendaMark.init(rawValue:)) { out[i] = m } }
        return out
    }

    /// The items not yet gone through or put off.
    public var left: Int { let m = marks; return agenda.filter { (m[$0.key] ?? .open) == .open }.count }

    /// The entries written in the meeting, by the item they were written on ("" for none).
    public var entries: [(item: String, entry: Int64)] {
        events.compactMap { e in e.kind == .entry ? e.value.flatMap(Int64.init).map { (e.item ?? "", $0) } : nil }
    }

    /// The greatest event id: changes when anything in the meeting changed.
    public var token: Int64 { events.map(\.id).max() ?? 0 }
}

/// Why a meeting could not be opened, changed or closed.
public enum MeetingError: Error, Equatable, Sendable, Readable {
    case noSuchMeeting(Int64)
    case closed(Int64)
    /// A meeting for the scope is open already (its id): resume it or close it first.
    case alreadyOpen(Int64)
    case noMeeting

    public func text(_ lang: Lang) -> String { sentence.text(lang) }
    public var sentence: Sentence {
        switch self {
        case .noSuchMeeting(let id): MeetingTexts.noSuchMeeting(id)
        case .closed(let id): MeetingTexts.closed(id)
        case .alreadyOpen(let id): MeetingTexts.alreadyOpen(id)
        case .noMeeting: MeetingTexts.noMeeting
        }
    }
}

/// A meeting to write: what the store keeps when it opens.
public struct NewMeeting: Sendable {
    public var unit: UnitID
    public var period: Period
    public var participants: String?
    public var baseline: Data
    public var agenda: String
    public var at: String
    public var by: String
}

/// The rules of meetings, once for every backend (as `FollowUpDatabase`'s follow-up rules):
/// texts and authors checked like follow-up's, one open meeting per scope, nothing changed
/// in a closed meeting, every change an event in the same transaction.
extension FollowUpDatabase {
    /// Opens a meeting for a scope and period with its baseline and agenda; refused while one
    /// for the same unit is open.
    @discardableResult
    public func openMeeting(unit: UnitID, period: Period, participants: String?, baseline: Baseline, agenda: [AgendaItem], by user: String) throws -> Meeting {
        let user = try FollowUpRules.checkAuthor(user)
        let participants = try FollowUpRules.check(participants, field: "participants", required: false)
        let now = FollowUpRules.timestamp()
        return try writing(unit: unit.rawValue) { tx in
            if let open = try tx.openMeeting(unit: unit.rawValue) { throw MeetingError.alreadyOpen(open) }
            let id = try tx.insertMeeting(NewMeeting(unit: unit, period: period, participants: participants, baseline: Deflated.pack(baseline.encoded()),
                                                     agenda: AgendaItem.encode(agenda), at: now, by: user))
            try tx.meetingEvent(id, .opened, item: nil, value: participants, at: now, by: user)
            return try tx.fetchMeeting(id)
        }
    }

    /// Marks an agenda item: behandlet, utsatt, or open again.
    public func markItem(_ meeting: Int64, item: String, _ mark: AgendaMark, by user: String) throws {
        let user = try FollowUpRules.checkAuthor(user)
        try changeMeeting(meeting, by: user) { tx, now in try tx.meetingEvent(meeting, .mark, item: item, value: mark.rawValue, at: now, by: user) }
    }

    /// Who is present (free text; an identity number is refused).
    public func setParticipants(_ meeting: Int64, _ text: String, by user: String) throws {
        let user = try FollowUpRules.checkAuthor(user)
        let text = try FollowUpRules.check(text, field: "participants", required: false)
        try changeMeeting(meeting, by: user) { tx, now in
            guard try tx.updateMeeting(meeting, .participants(text), at: now, by: user) else { throw FollowUpError.outsideScope(unit: "", role: role) }
            try tx.meetingEvent(meeting, .participants, item: nil, value: text, at: now, by: user)
        }
    }

    /// Ends the meeting: nothing more is marked or linked to it.
    @discardableResult
    public func closeMeeting(_ meeting: Int64, by user: String) throws -> Meeting {
        let user = try FollowUpRules.checkAuthor(user)
        return try changeMeeting(meeting, by: user) { tx, now in
            guard try tx.updateMeeting(meeting, .close, at: now, by: user) else { throw FollowUpError.outsideScope(unit: "", role: role) }
            try tx.meetingEvent(meeting, .closed, item: nil, value: nil, at: now, by: user)
            return try tx.fetchMeeting(meeting)
        }
    }

    /// A comment on a figure, written in a meeting (linked to the item it was written on).
    @discardableResult
    public func addComment(_ key: Entry.Key, text: String, by user: String, meeting: Int64, item: String?) throws -> MeetingEntry {
        let e = try addComment(key, text: text, by: user)
        return MeetingEntry(entry: e, linkRefused: link(e.id, meeting: meeting, item: item, by: user))
    }

    @discardableResult
    public func addAction(_ key: Entry.Key, text: String, owner: String?, due: Day?, by user: String, meeting: Int64, item: String?) throws -> MeetingEntry {
        let e = try addAction(key, text: text, owner: owner, due: due, by: user)
        return MeetingEntry(entry: e, linkRefused: link(e.id, meeting: meeting, item: item, by: user))
    }

    /// Links an entry to a meeting, in a transaction of its own after the entry's: the entry
    /// is written whatever becomes of the link (the meeting closed meanwhile, or another
    /// unit's meeting the leader may not write to), and a refused link is said, not thrown
    /// (a save that threw would be tried again, and written twice).
    func link(_ entry: Int64, meeting: Int64, item: String?, by user: String) -> Error? {
        do {
            try changeMeeting(meeting, by: user) { tx, now in try tx.meetingEvent(meeting, .entry, item: item, value: String(entry), at: now, by: user) }
            return nil
        } catch { return error }
    }

    func changeMeeting<T>(_ meeting: Int64, by user: String, _ body: (FollowUpTransaction, String) throws -> T) throws -> T {
        let now = FollowUpRules.timestamp()
        return try writing(unit: nil) { tx in
            let m = try tx.fetchMeeting(meeting)
            tx.about(unit: m.unit.rawValue)
            guard m.isOpen else { throw MeetingError.closed(meeting) }
            return try body(tx, now)
        }
    }

    /// The meeting with its agenda and events.
    public func record(_ id: Int64) throws -> MeetingRecord {
        guard let m = try meeting(id) else { throw MeetingError.noSuchMeeting(id) }
        return MeetingRecord(meeting: m, agenda: AgendaItem.decode(try meetingAgenda(id)), events: try meetingEvents(id))
    }
}

/// A comment or action written in a meeting: the entry (always kept), and why it could not
/// be linked to the meeting when it could not.
public struct MeetingEntry {
    public let entry: Entry
    public let linkRefused: Error?
}

/// What a meeting's change writes (`FollowUpTransaction.updateMeeting`).
public enum MeetingWrite: Sendable {
    case participants(String?)
    case close
}

// MARK: The agenda

/// Makes a meeting's agenda (docs/followup.md, "The agenda"): in this order, (1) actions due
/// by today or overdue, and actions done since the last meeting of the scope; (2) deviations
/// new since the last meeting (at the first: every red one); (3) figures revised since the
/// last meeting, with the file that holds them now and the totals above them; (4) red
/// deviations without a comment; (5) units that have not reported.
public enum Agenda {
    public static func make(_ s: Snapshot, unit root: Int, period: Period, baseline now: Baseline, previous: (meeting: Meeting, baseline: Baseline)?,
                            followUp book: FollowUpBook, today: Day) -> [AgendaItem] {
        var items = [AgendaItem]()
        let scopeIDs = s.tree.scopeIDs(root)
        // 1. Actions.
        let actions = book.actions(units: scopeIDs, openOnly: false, today: today)
        for a in actions where a.status?.isOpen == true {
            if let due = a.due, due <= today { items.append(AgendaItem(kind: .actionDue, unit: a.key.unit.rawValue, indicator: a.key.indicator.rawValue, period: a.key.period, entry: a.id)) }
        }
        if let prev = previous?.meeting {
            for a in actions where a.status == .done && a.updatedAt > prev.openedAt {
                items.append(AgendaItem(kind: .actionDone, unit: a.key.unit.rawValue, indicator: a.key.indicator.rawValue, period: a.key.period, entry: a.id))
            }
        }
        // 2. New deviations (red and yellow figures of the period).
        let devs = s.deviations(unit: root, period: period).filter {
            if case .status(let st) = $0.kind { return st == .red || st == .yellow } else { return false }
        }
        for d in devs {
            guard let i = d.indicator, let c = d.cell else { continue }
            let k = Baseline.Key(unit: s.tree.units[d.unit].id, indicator: s.indicators[i].id, period: d.period)
            if let prev = previous?.baseline {
                if let was = prev[k], was.status == .red || was.status == .yellow { continue }
            } else if c.status != .red { continue }
            items.append(AgendaItem(kind: .newDeviation, unit: k.unit, indicator: k.indicator, period: d.period, value: c.value, status: c.status))
        }
        // 3. Revised figures.
        if let prev = previous?.baseline { items += revisions(s, from: prev, to: now) }
        // 4. Red deviations without a comment (one already on the agenda as new is not repeated).
        let listed = Set(items.filter { $0.kind == .newDeviation }.map { [$0.unit, $0.indicator ?? "", $0.period] })
        for d in devs {
            guard let i = d.indicator, let c = d.cell, c.status == .red else { continue }
            let key = Entry.Key(unit: UnitID(s.tree.units[d.unit].id), indicator: IndicatorID(s.indicators[i].id), period: d.period)
            if book.comment(for: key) == nil, !listed.contains([key.unit.rawValue, key.indicator.rawValue, d.period.description]) {
                items.append(AgendaItem(kind: .uncommented, unit: key.unit.rawValue, indicator: key.indicator.rawValue, period: d.period, value: c.value, status: c.status))
            }
        }
        // 5. Units that have not reported (figures due in the period, none of them reported).
        let completeness = s.completeness(unit: root, period: period)
        var missing = [Int: Int](), order = [Int]()
        for m in completeness.missing where !m.reportedUnknown {
            if missing[m.unit] == nil { order.append(m.unit) }
            missing[m.unit, default: 0] += 1
        }
        for u in order {
            var it = AgendaItem(kind: .notReported, unit: s.tree.units[u].id, period: period)
            it.missing = missing[u]
            items.append(it)
        }
        return items
    }

    /// The figures whose value differs between two baselines, for the periods the older one
    /// covered: each revised figure once, at the lowest unit and shortest period that
    /// changed; the totals above it (units whose scope holds it) with their own change.
    public static func revisions(_ s: Snapshot, from old: Baseline, to new: Baseline) -> [AgendaItem] {
        // The periods both hold (a later baseline no longer holds the oldest of an earlier one).
        var keys = Set<Baseline.Key>()
        for k in old.figures.keys where new.covers(k.period) { keys.insert(k) }
        for k in new.figures.keys where old.covers(k.period) { keys.insert(k) }
        let changed = keys.filter { old[$0]?.value != new[$0]?.value }
        guard !changed.isEmpty else { return [] }
        // By indicator and period, and by indicator and unit: what a changed figure holds is
        // looked up among the few of its own kind (a whole file replaced changes thousands).
        struct UnitPeriod: Hashable { let unit: String; let period: Period }
        var byPeriod = [String: [Period: [String]]](), byUnit = [String: Set<UnitPeriod>]()
        for k in changed {
            byPeriod[k.indicator, default: [:]][k.period, default: []].append(k.unit)
            byUnit[k.indicator, default: []].insert(UnitPeriod(unit: k.unit, period: k.period))
        }
        // The units below a unit in a period, made once each (asked for every changed figure).
        var scopes = [UnitPeriod: Set<String>]()
        func scope(_ unit: String, _ p: Period) -> Set<String> {
            if let known = scopes[UnitPeriod(unit: unit, period: p)] { return known }
            let below = s.tree.index[unit].map { u in Set(s.scope(u, p).dropFirst().map { s.tree.units[$0].id }) } ?? []
            scopes[UnitPeriod(unit: unit, period: p)] = below
            return below
        }
        /// A changed figure that holds another changed one is not the revision itself: a total
        /// above it, or a longer period of the same unit.
        func holdsAnother(_ k: Baseline.Key) -> Bool {
            let same = byUnit[k.indicator] ?? []
            for kind in Period.Kind.allCases where kind < k.period.kind {
                if k.period.parts(kind).contains(where: { same.contains(UnitPeriod(unit: k.unit, period: $0)) }) { return true }
            }
            let others = byPeriod[k.indicator]?[k.period] ?? []
            guard others.count > 1 else { return false }
            let below = scope(k.unit, k.period)
            return others.contains { $0 != k.unit && below.contains($0) }
        }
        var items = [AgendaItem]()
        for k in changed.sorted() where !holdsAnother(k) {
            var it = AgendaItem(kind: .revised, unit: k.unit, indicator: k.indicator, period: k.period, value: new[k]?.value, status: new[k]?.status)
            it.old = old[k]?.value
            if let u = s.tree.index[k.unit], let i = s.dataset.indicatorIndex[k.indicator], let src = s.cell(indicator: i, unit: u, period: k.period)?.reportSource {
                it.file = src.description
                let path = (s.dataset.directory as NSString).appendingPathComponent(src.file)
                if let m = (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date { it.fileChanged = FollowUpRules.timestamp(m) }
            }
            // The totals above it: the changed figures of the same indicator and period whose scope holds it, nearest first.
            let above = (byPeriod[k.indicator]?[k.period] ?? []).filter { $0 != k.unit && scope($0, k.period).contains(k.unit) }
                .sorted { (s.tree.index[$0].map { s.tree.depth[$0] } ?? 0) > (s.tree.index[$1].map { s.tree.depth[$0] } ?? 0) }
            if !above.isEmpty {
                it.totals = above.map { u in
                    let key = Baseline.Key(unit: u, indicator: k.indicator, period: k.period)
                    return AgendaItem.Total(unit: u, old: old[key]?.value, new: new[key]?.value)
                }
            }
            items.append(it)
        }
        return items
    }
}

extension FollowUpStore {
    /// The last closed meeting of a scope, with its baseline (what "since the last meeting" is
    /// measured against).
    public func previousMeeting(unit: String) throws -> (meeting: Meeting, baseline: Baseline)? {
        try previous(among: meetings(unit: unit))
    }

    /// The last closed one of a scope's meetings, with its baseline.
    func previous(among meetings: [Meeting]) throws -> (meeting: Meeting, baseline: Baseline)? {
        guard let m = meetings.last(where: { !$0.isOpen }), let b = try meetingBaseline(m.id) else { return nil }
        return (m, b)
    }

    /// Opens a meeting for a unit and period from the figures on hand: the baseline of its
    /// scope now, and the agenda against the last meeting of the same scope.
    @discardableResult
    public func openMeeting(_ s: Snapshot, unit u: Int, period: Period, participants: String?, by user: String, today: Day) throws -> Meeting {
        let id = s.tree.units[u].id
        // Refused before the baseline is made (a second on a large etat); the store's rules
        // refuse it again in the transaction, for one opened meanwhile.
        let known = try meetings(unit: id)
        if let open = known.last(where: \.isOpen) { throw MeetingError.alreadyOpen(open.id) }
        let baseline = Baseline.of(s, unit: u, through: period)
        let previous = try previous(among: known)
        let book = try FollowUpBook(self)
        let agenda = Agenda.make(s, unit: u, period: period, baseline: baseline, previous: previous, followUp: book, today: today)
        return try openMeeting(unit: UnitID(id), period: period, participants: participants, baseline: baseline, agenda: agenda, by: user)
    }
}
