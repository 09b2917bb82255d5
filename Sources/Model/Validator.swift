import Foundation

/// A value one thread hands to another that waits for it (`DispatchGroup.wait` orders the
/// write before the read).
final class Handover<T>: @unchecked Sendable { var value: T? }

/// Checks across files: references between units, indicators, targets, reports and registers.
enum Validator {
    static func validate(tree: OrgTree, indicators: [Indicator], targets: [TargetRule], reports: ReportRows,
                         waitlist: [WaitCase], ip: [IPSnapshot], checkUnits: Bool = true, checkIndicators: Bool = true,
                         resolved: inout (units: [Int32], indicators: [Int32])) -> [Diagnostic] {
        var lo = Int.max, hi = Int.min
        reports.forEachRow { _, r in lo = min(lo, r.period.year); hi = max(hi, r.period.year) }
        var keys = ReportKeySet(units: tree.units.count, indicators: indicators, years: lo <= hi ? lo...hi : 0...0, rows: reports.count)
        return validate(tree: tree, indicators: indicators, targets: targets, reports: reports, waitlist: waitlist, ip: ip,
                        checkUnits: checkUnits, checkIndicators: checkIndicators, resolved: &resolved, keys: &keys)
    }

    /// A report row's period is of its indicator's kind (a reported indicator) or coarser (a
    /// computed one, whose reported figure is compared with what tertial computes).
    static func fits(_ p: Period, _ ind: Indicator) -> Bool {
        fits(p, kind: ind.frequency.periodKind, reported: ind.source == .reported)
    }

    @inline(__always) static func fits(_ p: Period, kind k: Period.Kind, reported: Bool) -> Bool {
        reported ? p.kind == k : p.kind >= k
    }

    /// A report's (period, unit, indicator) packed into one integer, for finding duplicates.
    static func key(_ p: Period, _ u: Int, _ i: Int) -> Int {
        let periodCode = (p.year * 4 + Int(p.kind.rawValue)) * 16 + p.index
        return (periodCode << 40) | (u << 20) | i
    }

    /// As above; `keys` is left holding every valid report's key.
    static func validate(tree: OrgTree, indicators: [Indicator], targets: [TargetRule], reports: ReportRows,
                         waitlist: [WaitCase], ip: [IPSnapshot], checkUnits: Bool, checkIndicators: Bool, checkRegisterUnits: Bool = true,
                         resolved: inout (units: [Int32], indicators: [Int32]), keys seen: inout ReportKeySet) -> [Diagnostic] {
        var diags = [Diagnostic]()
        let units = tree.units
        guard checkUnits else { return diags }
        // units.csv
        var firstLine = [String: Int]()
        for u in units {
            if let l = firstLine[u.id] {
                diags.append(Diagnostic(.error, file: u.source.file, line: u.source.line, field: "id",
                                        Phrase.definedTwice(u.id, firstLine: l), expected: Phrase(.expectUniqueUnitIDs)))
            } else { firstLine[u.id] = u.source.line }
        }
        let roots = units.filter { $0.parent == nil }
        if roots.count != 1 {
            let lines = roots.map { String($0.source.line) }.joined(separator: ", ")
            diags.append(Diagnostic(.error, file: units.first?.source.file ?? "units.csv", line: roots.dropFirst().first?.source.line, field: "parent",
                                    roots.isEmpty ? Phrase(.noRoot) : Phrase.manyRoots(roots.count, lines: lines),
                                    expected: Phrase(.expectOneRoot)))
        }
        for u in units {
            if let p = u.parent, tree.index[p] == nil {
                diags.append(Diagnostic(.error, file: u.source.file, line: u.source.line, field: "parent",
                                        Phrase.notAUnitInUnits(p), expected: Phrase(.expectOtherUnit)))
            }
            if let s = u.successor, tree.index[s] == nil {
                diags.append(Diagnostic(.error, file: u.source.file, line: u.source.line, field: "successor",
                                        Phrase.notAUnitInUnits(s), expected: Phrase(.expectSuccessor)))
            }
        }
        // Cycles in parent and successor chains; each walk stops after maxDepth steps, so
        // a deep or long chain costs linear time (a longer one is an error of its own below).
        for (chain, field) in [(\OrgUnit.parent, "parent"), (\OrgUnit.successor, "successor")] {
            for u in units {
                var seen = Set<String>([u.id])
                var cur = u[keyPath: chain]
                while let c = cur, let next = tree[c], seen.count <= OrgTree.maxDepth + 1 {
                    if !seen.insert(c).inserted {
                        if c == u.id {
                            diags.append(Diagnostic(.error, file: u.source.file, line: u.source.line, field: field,
                                                    Phrase.chainCycle(field, from: u.id), expected: Phrase(.expectNoCycles)))
                        }
                        break
                    }
                    cur = next[keyPath: chain]
                }
            }
        }
        // Successor chains are bounded as parent chains are (a unit's history and scope walk
        // them): the steps from each unit to its chain's end, in one pass (each unit once);
        // the unit that is the first over the limit on each chain is named.
        var steps = [Int](repeating: -1, count: units.count) // -1 unknown, -2 on this walk
        for start in units.indices where steps[start] == -1 {
            var path = [Int]()
            var cur: Int? = start
            while let c = cur, steps[c] == -1 {
                steps[c] = -2; path.append(c)
                cur = units[c].successor.flatMap { tree.index[$0] }
            }
            var v = cur.map { steps[$0] >= 0 ? steps[$0] + 1 : 0 } ?? 0 // a cycle (named above) counts from 0
            for p in path.reversed() { steps[p] = v; v += 1 }
        }
        for (i, u) in units.enumerated() where steps[i] == OrgTree.maxDepth + 1 {
            diags.append(Diagnostic(.error, file: u.source.file, line: u.source.line, field: "successor",
                                    Phrase.successorChainTooLong(u.id, limit: OrgTree.maxDepth),
                                    expected: Phrase.expectShortSuccessorChain(OrgTree.maxDepth)))
        }
        // Depth: the first unit below the limit on each branch is named.
        for (i, u) in units.enumerated() where tree.depth[i] == OrgTree.maxDepth + 1 {
            diags.append(Diagnostic(.error, file: u.source.file, line: u.source.line, field: "parent",
                                    Phrase.treeTooDeep(u.id, levels: OrgTree.maxDepth), expected: Phrase.expectShallowTree(OrgTree.maxDepth)))
        }
        // indicators.yaml: reported_by
        let kinds = Set(units.map(\.kind))
        for ind in indicators {
            for r in ind.reportedBy ?? [] where !kinds.contains(r) && tree.index[r] == nil {
                diags.append(Diagnostic(.warning, file: ind.origin.file, line: ind.origin.line, field: "reported_by",
                                        Phrase.reportedByMatchesNothing(r),
                                        expected: Phrase.expectKindOrUnit(kinds.sorted())))
            }
        }
        var indByID = [String: Indicator]()
        for i in indicators { indByID[i.id] = i }
        // targets.csv
        for t in targets {
            if checkIndicators && indByID[t.indicator] == nil {
                diags.append(Diagnostic(.error, file: t.source.file, line: t.source.line, field: "indicator",
                                        Phrase.notInCatalogue(t.indicator), expected: Phrase(.expectIndicatorID)))
            }
            if case .unit(let u) = t.scope, tree.index[u] == nil {
                diags.append(Diagnostic(.error, file: t.source.file, line: t.source.line, field: "unit",
                                        Phrase.notInUnits(u), expected: Phrase(.expectTargetUnit)))
            }
        }
        // reports: resolve each row's unit and indicator once (the engine uses the indices),
        // and find duplicates by a packed integer key instead of hashing strings.
        var indIdx = [String: Int]()
        for (k, i) in indicators.enumerated() { indIdx[i.id] = k }
        resolved.units = [Int32](repeating: -1, count: reports.count)
        resolved.indicators = [Int32](repeating: -1, count: reports.count)
        // A second row for a key: where its diagnostic goes, and the row (the first row's line
        // is found after the loop, in one pass, only when there are such rows).
        var twice = [(diag: Int, row: Int)]()
        let kindOf = indicators.map { $0.frequency.periodKind }, reportedOnly = indicators.map { $0.source == .reported }
        var badUnits = Set<String>()
        var unitLookup = UnitLookup(tree)
        var lastInd = "", lastI = -1
        reports.forEachRow { n, r in
            var ok = true
            // The row's file and line, for a diagnostic only (no Report built per row).
            var source: SourceRef { reports[n].source }
            let lastU = unitLookup.index(r.unit)
            if r.indicator != lastInd { lastInd = r.indicator; lastI = indIdx[r.indicator] ?? -1 }
            if lastU < 0 {
                ok = false
                if badUnits.count < 50 || !badUnits.contains(r.unit) {
                    diags.append(notInUnits(source.file, source.line, r.unit))
                }
                badUnits.insert(r.unit)
            }
            if lastI >= 0 {
                // The indicator's kind and source from flat arrays: no copy of an Indicator
                // (and its strings) per row.
                let k = kindOf[lastI]
                if !fits(r.period, kind: k, reported: reportedOnly[lastI]) {
                    ok = false
                    diags.append(wrongPeriodKind(source, r.period, indicators[lastI].id, k))
                }
            } else if checkIndicators {
                ok = false
                diags.append(notInCatalogue(source, r.indicator))
            }
            // A row whose unit or indicator is unknown (or whose catalogue failed to parse)
            // has no key: it cannot be a duplicate, and saying so would only echo that error.
            guard ok, lastU >= 0, lastI >= 0 else { return }
            resolved.units[n] = Int32(lastU); resolved.indicators[n] = Int32(lastI)
            if !seen.insert(r.period, lastU, lastI) {
                twice.append((diags.count, n))
                // Where the first row is, is filled in below (once every row is resolved).
                diags.append(reportedTwice(source, r.indicator, r.unit, r.period))
            }
        }
        if !twice.isEmpty {
            // The first row of each key taken twice: the earliest resolved row with that key.
            let units = resolved.units, inds = resolved.indicators
            func key(_ n: Int) -> Int { Validator.key(reports[n].period, Int(units[n]), Int(inds[n])) }
            var first = [Int: Int]()
            for (_, n) in twice { first[key(n)] = -1 }
            for n in 0..<(twice.last!.row) where units[n] >= 0 && inds[n] >= 0 && first[key(n)] == -1 { first[key(n)] = n }
            for (d, n) in twice {
                let r = reports[n]
                let f = first[key(n)]!
                diags[d] = Diagnostic(.error, file: r.source.file, line: r.source.line, field: "indicator",
                                      Phrase.reportedTwice(indicator: r.indicator, unit: r.unit, period: r.period, alsoAt: "\(reports[f].source)"),
                                      expected: Phrase(.expectOneValue))
            }
        }
        if checkRegisterUnits { diags += registerUnits(tree: tree, waitlist: waitlist, ip: ip) }
        return diags
    }

    /// Every waitlist case's and IP record's unit is in units.csv.
    static func registerUnits(tree: OrgTree, waitlist: [WaitCase], ip: [IPSnapshot]) -> [Diagnostic] {
        var diags = [Diagnostic]()
        var lookup = UnitLookup(tree)
        // The loops only look; a unit not in the tree is said out of line (the loops over
        // 200 000 cases stay tight: issue 22's benchmark).
        for k in waitlist.indices where lookup.index(waitlist[k].unit) < 0 {
            diags.append(notInUnits(waitlist[k].source.file, waitlist[k].source.line, waitlist[k].unit))
        }
        for s in ip {
            // Each unit a snapshot names looked up once; the records then by their index.
            let known = s.units.map { lookup.index($0) >= 0 }
            guard known.contains(false) else { continue }
            for r in s.records where !known[Int(r.unitRef)] {
                diags.append(notInUnits(s.file, Int(r.line), s.unit(of: r)))
            }
        }
        return diags
    }

    // A row's diagnostics, made out of line: the loops over every row and case stay tight
    // (a phrase built inline cost the row loop 0.1 % of `check` in retains, issue 22).
    @inline(never)
    static func notInUnits(_ file: String, _ line: Int?, _ unit: String) -> Diagnostic {
        Diagnostic(.error, file: file, line: line, field: "unit", Phrase.notInUnits(Fields.shown(unit)), expected: Phrase(.expectUnitID))
    }

    @inline(never)
    static func notInCatalogue(_ source: SourceRef, _ indicator: String) -> Diagnostic {
        Diagnostic(.error, file: source.file, line: source.line, field: "indicator", Phrase.notInCatalogue(Fields.shown(indicator)), expected: Phrase(.expectIndicatorID))
    }

    @inline(never)
    static func wrongPeriodKind(_ source: SourceRef, _ period: Period, _ indicator: String, _ kind: Period.Kind) -> Diagnostic {
        Diagnostic(.error, file: source.file, line: source.line, field: "period", Phrase.wrongPeriodKind(period, indicator: indicator, reportedPer: kind),
                   expected: Phrase.expectPeriodSuchAs(example(kind)))
    }

    @inline(never)
    static func reportedTwice(_ source: SourceRef, _ indicator: String, _ unit: String, _ period: Period) -> Diagnostic {
        Diagnostic(.error, file: source.file, line: source.line, field: "indicator",
                   Phrase.reportedTwice(indicator: indicator, unit: unit, period: period, alsoAt: "…"), expected: Phrase(.expectOneValue))
    }

    /// Every date and period inside the years window (`Loader.years`), with file:line.
    static func yearsOutside(_ years: ClosedRange<Int>, units: [OrgUnit], targets: [TargetRule], reports: ReportRows,
                             waitlist: [WaitCase], ip: [IPSnapshot]) -> [Diagnostic] {
        var diags = [Diagnostic]()
        func check(_ year: Int, _ shown: @autoclosure () -> String, _ file: String, _ line: Int?, _ field: String) {
            guard !years.contains(year) else { return }
            diags.append(Diagnostic(.error, file: file, line: line, field: field, Phrase.yearOutside(shown(), from: years.lowerBound, to: years.upperBound),
                                    expected: Phrase.expectYearsWithin(years.lowerBound, years.upperBound)))
        }
        for u in units {
            if let d = u.from { check(d.year, "\(d)", u.source.file, u.source.line, "from") }
            if let d = u.to { check(d.year, "\(d)", u.source.file, u.source.line, "to") }
        }
        for t in targets { if let p = t.from { check(p.year, "\(p)", t.source.file, t.source.line, "from") } }
        reports.forEachRow { k, r in
            guard !years.contains(r.period.year) else { return }
            let source = reports[k].source
            check(r.period.year, "\(r.period)", source.file, source.line, "period")
        }
        // Dates compared as day numbers with the window's first and last day (no calendar
        // arithmetic per date); only a date outside is turned into its year.
        let lo = Day(year: years.lowerBound, month: 1, day: 1)?.ordinal ?? Int.min
        let hi = Day(year: years.upperBound, month: 12, day: 31)?.ordinal ?? Int.max
        func checkDay(_ d: Day?, _ file: String, _ line: Int?, _ field: String) {
            guard let d, d.ordinal < lo || d.ordinal > hi else { return }
            check(d.year, "\(d)", file, line, field)
        }
        for c in waitlist {
            checkDay(c.received, c.source.file, c.source.line, "received")
            checkDay(c.granted, c.source.file, c.source.line, "granted")
            checkDay(c.interimReply, c.source.file, c.source.line, "interim_reply")
            checkDay(c.allocated, c.source.file, c.source.line, "allocated")
            checkDay(c.left, c.source.file, c.source.line, "left")
        }
        for s in ip {
            check(s.period.year, "\(s.period)", s.file, nil, "period")
            for r in s.records { checkDay(r.evaluated, s.file, Int(r.line), "evaluated") }
        }
        return diags
    }

    /// A BrukerPlan mapping: its year inside the window, each row's unit known (an error)
    /// and active at some time in the mapping year (a warning: the row still counts).
    static func brukerPlan(_ mappings: [BPMapping], tree: OrgTree, years: ClosedRange<Int>, checkUnits: Bool) -> [Diagnostic] {
        var diags = [Diagnostic]()
        for m in mappings {
            if !years.contains(m.year) {
                diags.append(Diagnostic(.error, file: m.file, field: "year", Phrase.yearOutside(String(m.year), from: years.lowerBound, to: years.upperBound),
                                        expected: Phrase.expectYearsWithin(years.lowerBound, years.upperBound)))
            }
            guard checkUnits else { continue }
            let first = Day(year: m.year, month: 1, day: 1), last = Day(year: m.year, month: 12, day: 31)
            for r in m.records {
                guard let u = tree.index[r.unit] else {
                    diags.append(Diagnostic(.error, file: m.file, line: Int(r.line), field: "unit",
                                            Phrase.notInUnits(Fields.shown(r.unit)), expected: Phrase(.expectUnitID)))
                    continue
                }
                let unit = tree.units[u]
                if let first, let last, (unit.from.map { $0 > last } ?? false) || (unit.to.map { $0 < first } ?? false) {
                    diags.append(Diagnostic(.warning, file: m.file, line: Int(r.line), field: "unit",
                                            Phrase.unitNotActiveInMappingYear(r.unit, year: m.year), expected: Phrase(.expectUnitActiveInYear)))
                }
            }
        }
        return diags
    }

    static func example(_ k: Period.Kind) -> String { switch k { case .month: "2019-11"; case .tertial: "2019-T3"; case .year: "2019" } }
}
