/// Parsers for one file each. They check what one file can check on its own; checks
/// across files (unknown unit ids, duplicates across report files) are in `Validator`.
enum FileParsers {
    static func missingColumns(_ t: CSVTable, _ required: [String]) -> [Diagnostic] {
        if t.header.isEmpty {
            return [Diagnostic(.error, file: t.file, line: 1, Phrase(.fileEmpty),
                               expected: Phrase.expectHeaderRow(required))]
        }
        return required.filter { t.column($0) == nil }.map {
            Diagnostic(.error, file: t.file, line: t.headerLine, field: $0, Phrase(.columnMissing),
                       expected: Phrase.expectHeader(required))
        }
    }

    static func encodingNotice(_ t: CSVTable) -> [Diagnostic] {
        t.decodedAsWindows1252 ? [Diagnostic(.notice, file: t.file, Phrase(.windows1252),
                                             expected: Phrase(.expectExcelUTF8))] : []
    }

    // MARK: units.csv

    static func units(_ t: CSVTable) -> ([OrgUnit], [Diagnostic]) {
        var diags = encodingNotice(t) + missingColumns(t, ["id", "name", "parent", "kind"])
        if diags.hasErrors { return ([], diags) }
        let cId = t.column("id"), cName = t.column("name"), cParent = t.column("parent"), cKind = t.column("kind")
        let cFrom = t.column("from"), cTo = t.column("to"), cSucc = t.column("successor"), cShort = t.column("short")
        var out = [OrgUnit]()
        // One reader for the file, moved from row to row (a reader per row copied the table).
        var rr = RowReader(table: t, row: 0, diagnostics: [])
        for r in 0..<t.rowCount {
            rr.start(r)
            let id = rr.required("id", cId)
            if let id, !Fields.isUnitID(id) || Fields.looksLikeNationalID(id) {
                rr.error("id", Phrase.invalidUnitID(Fields.shown(id)), expected: Phrase(.expectUnitIDChars))
            }
            let name = rr.freeText("name", cName, required: true)
            let kind = rr.freeText("kind", cKind, required: true)
            let short = rr.freeText("short", cShort, required: false)
            let from = rr.date("from", cFrom), to = rr.date("to", cTo)
            if let f = from.value, let tt = to.value, tt < f {
                rr.error("to", Phrase.toBeforeFrom("\(tt)", from: "\(f)"), expected: Phrase(.expectAfterFrom))
            }
            let okRow = !rr.diagnostics.hasErrors
            diags.collect(rr.diagnostics)
            if okRow, let id, let name, let kind {
                out.append(OrgUnit(id: id, name: name, parent: rr.optionalText(cParent), kind: kind.lowercased(),
                                   from: from.value, to: to.value, successor: rr.optionalText(cSucc),
                                   short: short, source: rr.ref))
            }
        }
        return (out, diags)
    }

    // MARK: targets.csv

    static func targets(_ t: CSVTable) -> ([TargetRule], [Diagnostic]) {
        var diags = encodingNotice(t) + missingColumns(t, ["indicator", "unit", "target"])
        if diags.hasErrors { return ([], diags) }
        let cInd = t.column("indicator"), cUnit = t.column("unit"), cFrom = t.column("from")
        let cTarget = t.column("target"), cWarn = t.column("warn")
        var out = [TargetRule]()
        // One reader for the file, moved from row to row (a reader per row copied the table).
        var rr = RowReader(table: t, row: 0, diagnostics: [])
        for r in 0..<t.rowCount {
            rr.start(r)
            let ind = rr.required("indicator", cInd)
            let unitText = rr.text(cUnit)
            let scope: TargetRule.Scope = unitText.isEmpty ? .root : (unitText == "*" ? .everyDueUnit : .unit(unitText))
            var from: Period? = nil
            if let f = rr.optionalText(cFrom) {
                from = Period(parsing: f)
                if from == nil { rr.error("from", Phrase.notAPeriod(Fields.shown(f)), expected: Phrase(.expectTargetPeriod)) }
            }
            let target = rr.number("target", cTarget), warn = rr.number("warn", cWarn)
            if target.ok && target.value == nil && warn.value == nil {
                rr.error("target", Phrase(.isEmpty), expected: Phrase(.expectTargetValue))
            }
            let ok = !rr.diagnostics.hasErrors
            diags.collect(rr.diagnostics)
            if ok, let ind {
                out.append(TargetRule(indicator: ind, scope: scope, from: from, target: target.value, warn: warn.value, source: rr.ref))
            }
        }
        return (out, diags)
    }

    // MARK: reports/*.csv

    static func reports(_ t: CSVTable) -> (ReportChunk, [Diagnostic]) {
        var diags = encodingNotice(t) + missingColumns(t, ["period", "unit", "indicator", "value"])
        if diags.hasErrors { return (ReportChunk(file: t.file, rows: []), diags) }
        let cPeriod = t.column("period"), cUnit = t.column("unit"), cInd = t.column("indicator")
        let cValue = t.column("value"), cComment = t.column("comment")
        var out = [ReportRow]()
        out.reserveCapacity(t.rowCount)
        // A file holds few periods, row after row: the last one parsed is kept, and a row
        // whose period has the same bytes as the last one's takes it without a `String`
        // (issue 27: 324 000 rows).
        var lastPeriod: Period? = nil, lastRange = 0..<0
        // One reader for the file, moved from row to row (a reader per row copied the table).
        var rr = RowReader(table: t, row: 0, diagnostics: [])
        for r in 0..<t.rowCount {
            rr.start(r)
            var period: Period? = nil
            let plain = cPeriod.flatMap { t.plainASCIIKey(r, $0) }
            if let plain, t.sameBytes(plain, lastRange) {
                period = lastPeriod
                if period == nil { rr.error("period", Phrase.notAPeriod(Fields.shown(rr.text(cPeriod))), expected: Phrase(.expectReportPeriod)) }
            } else if let p = rr.required("period", cPeriod) {
                // Another period than the row before's (or one not taken by its bytes).
                lastPeriod = Period(parsing: p)
                period = lastPeriod
                lastRange = plain ?? 0..<0
                if period == nil { rr.error("period", Phrase.notAPeriod(Fields.shown(p)), expected: Phrase(.expectReportPeriod)) }
            }
            let unit = rr.required("unit", cUnit)
            let ind = rr.required("indicator", cInd)
            let value = rr.number("value", cValue)
            let comment = rr.freeText("comment", cComment, required: false)
            let ok = !rr.diagnostics.hasErrors
            diags.collect(rr.diagnostics)
            if ok, let period, let unit, let ind {
                out.append(ReportRow(period: period, unit: unit, indicator: ind, valueBits: value.value ?? .nan, comment: comment,
                                     line: Int32(clamping: rr.line)))
            }
        }
        return (ReportChunk(file: t.file, rows: out), diags)
    }

    // MARK: waitlist.csv

    static func waitlist(_ t: CSVTable) -> ([WaitCase], [Diagnostic]) {
        var diags = encodingNotice(t) + missingColumns(t, ["case", "unit", "housing", "granted"])
        if diags.hasErrors { return ([], diags) }
        let c = { (n: String) in t.column(n) }
        let cCase = c("case"), cUnit = c("unit"), cHousing = c("housing"), cReceived = c("received")
        let cGranted = c("granted"), cInterim = c("interim_reply"), cAlloc = c("allocated"), cLeft = c("left")
        let cReason = c("left_reason"), cLiving = c("living_now"), cDR = c("discharge_ready")
        var out = [WaitCase]()
        out.reserveCapacity(t.rowCount)
        let seen = KeyTable(minimumCapacity: t.rowCount, sortedFirst: true)
        // One reader for the file, moved from row to row (a reader per row copied the table).
        var rr = RowReader(table: t, row: 0, diagnostics: [])
        for r in 0..<t.rowCount {
            rr.start(r)
            // Checked by its bytes; its `String` made only for a case that is kept.
            let caseOK = rr.uniquePseudonymKey("case", cCase, seen: seen, twice: Phrase.caseTwice, expected: .expectOneRowPerApplication)
            let unit = rr.required("unit", cUnit)
            let housing = rr.choice("housing", cHousing, required: true, Housing.parse, Phrase.notHousingCategory, expected: .expectHousing)
            let received = rr.date("received", cReceived)
            let granted = rr.date("granted", cGranted)
            if granted.ok && granted.value == nil { rr.error("granted", Phrase(.isEmpty), expected: Phrase(.expectDecisionDate)) }
            let interim = rr.date("interim_reply", cInterim)
            let alloc = rr.date("allocated", cAlloc), left = rr.date("left", cLeft)
            var living: LivingNow? = nil
            if let l = rr.optionalText(cLiving) {
                living = LivingNow.parse(l)
                if living == nil {
                    rr.error("living_now", Phrase.notKnownLiving(Fields.shown(l)), expected: Phrase(.expectLiving))
                }
            }
            let dr = rr.bool("discharge_ready", cDR)
            let reason = rr.freeText("left_reason", cReason, required: false)
            let ok = !rr.diagnostics.hasErrors
            diags.collect(rr.diagnostics)
            if ok, caseOK, let unit, let housing, let g = granted.value {
                rr.claimPseudonym(seen)
                out.append(WaitCase(id: rr.text(cCase), unit: unit, housing: housing, received: received.value, granted: g,
                                    interimReply: interim.value, allocated: alloc.value, left: left.value,
                                    leftReason: reason, livingNow: living, dischargeReady: dr, source: rr.ref))
            }
        }
        return (out, diags)
    }

    // MARK: ip/PERIOD.csv

    static func ipSnapshot(_ t: CSVTable, period: Period) -> (IPSnapshot, [Diagnostic]) {
        var diags = encodingNotice(t) + missingColumns(t, ["user", "unit", "target_group", "plan"])
        if diags.hasErrors { return (IPSnapshot(period: period, file: t.file, records: [], units: []), diags) }
        let c = { (n: String) in t.column(n) }
        let cUser = c("user"), cUnit = c("unit"), cTG = c("target_group"), cPlan = c("plan"), cGroup = c("group")
        let cDecl = c("declined"), cCoord = c("coordinator"), cEval = c("evaluated")
        var out = [IPRecord]()
        out.reserveCapacity(t.rowCount)
        let seen = KeyTable(minimumCapacity: t.rowCount, sortedFirst: true)
        // The units named, each once (`IPRecord.unitRef`).
        let unitTable = KeyTable(minimumCapacity: 64)
        var unitNames = [String]()
        // One reader for the file, moved from row to row (a reader per row copied the table).
        var rr = RowReader(table: t, row: 0, diagnostics: [])
        for r in 0..<t.rowCount {
            rr.start(r)
            // The pseudonym is checked, never kept: nothing after the file's own check reads it.
            let user = rr.uniquePseudonymKey("user", cUser, seen: seen, twice: Phrase.userTwice, expected: .expectOneRowPerUser)
            let unit = rr.unitRef("unit", cUnit, in: unitTable, names: &unitNames)
            let tg = rr.bool("target_group", cTG), plan = rr.bool("plan", cPlan), group = rr.bool("group", cGroup)
            let declined = rr.bool("declined", cDecl), coord = rr.bool("coordinator", cCoord)
            let evaluated = rr.date("evaluated", cEval)
            if let e = evaluated.value, e > period.end {
                rr.error("evaluated", Phrase.evaluatedAfterSnapshot(e, snapshot: period.end), expected: Phrase.expectOnOrBefore(period.end))
            }
            let ok = !rr.diagnostics.hasErrors
            diags.collect(rr.diagnostics)
            if ok, user, let unit {
                rr.claimPseudonym(seen)
                out.append(IPRecord(unitRef: unit, targetGroup: tg, plan: plan, group: group, declined: declined,
                                    coordinator: coord, evaluated: evaluated.value, line: Int32(rr.line)))
            }
        }
        return (IPSnapshot(period: period, file: t.file, records: out, units: unitNames), diags)
    }
}
