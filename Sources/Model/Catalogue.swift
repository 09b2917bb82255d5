import Foundation
import Yams

/// Parses `indicators.yaml` into indicators, with a located diagnostic for every problem.
enum Catalogue {
    static let knownKeys: Set<String> = [
        "id", "name", "description", "perspective", "category", "frequency", "unit", "direction", "over_time",
        "over_units", "source", "measure", "housing", "living_now", "reported_by", "formula", "target", "warn", "per",
        "outlier_ratio", "outlier_z",
    ]

    /// The top-level keys beside `indicators` (an addition to v1); any other is warned of.
    static let settingKeys: Set<String> = ["indicators", "forecast_window_months"]

    static func parse(text: String, file: String) -> ([Indicator], [Diagnostic]) {
        let (inds, _, diags) = parseWithSettings(text: text, file: file)
        return (inds, diags)
    }

    static func parseWithSettings(text: String, file: String) -> ([Indicator], CatalogueSettings, [Diagnostic]) {
        let (inds, diags, root) = parseIndicators(text: text, file: file)
        var settings = CatalogueSettings(), more = [Diagnostic]()
        for pair in root?.mapping ?? [:] {
            guard let k = pair.key.string, k != "indicators" else { continue }
            let line = pair.key.mark?.line ?? 1
            guard settingKeys.contains(k) else {
                more.append(Diagnostic(.warning, file: file, line: line, field: k, Phrase(.unknownKey), expected: Phrase.expectOneOf(settingKeys.sorted())))
                continue
            }
            let v = pair.value.string ?? ""
            if let n = Int(v), CatalogueSettings.forecastWindowRange.contains(n) { settings.forecastWindowMonths = n }
            else { more.append(Diagnostic(.error, file: file, line: pair.value.mark?.line ?? line, field: k, Phrase.notANumber(Fields.shown(v)), expected: Phrase(.expectForecastWindow))) }
        }
        return (more.contains { $0.severity == .error } ? [] : inds, settings, diags + more)
    }

    private static func parseIndicators(text: String, file: String) -> ([Indicator], [Diagnostic], Node?) {
        // Anchors and aliases are refused before the YAML library sees the text: the
        // catalogue has no use for them, and an alias "bomb" would expand without end.
        let refused = anchorsAndAliases(text, file: file)
        if !refused.isEmpty { return ([], refused, nil) }
        var diags = [Diagnostic]()
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let e as YamlError {
            return ([], [yamlDiagnostic(e, file: file)], nil)
        } catch {
            return ([], [Diagnostic(.error, file: file, Phrase.yamlUnreadable(excerpt("\(error)")), expected: Phrase(.expectYAML))], nil)
        }
        guard let rootMap = root?.mapping,
              let list = rootMap.first(where: { $0.key.string == "indicators" })?.value else {
            return ([], [Diagnostic(.error, file: file, line: root?.mark?.line ?? 1, field: "indicators",
                                    Phrase(.keyMissing), expected: Phrase(.expectIndicatorsKey))], root)
        }
        guard let seq = list.sequence else {
            return ([], [Diagnostic(.error, file: file, line: list.mark?.line, field: "indicators",
                                    Phrase(.notAList), expected: Phrase(.expectIndicatorList))], root)
        }
        var out = [Indicator]()
        var seen = [String: Int]()
        for item in seq {
            let (ind, errs) = indicator(item, file: file, seen: &seen)
            if let ind, !errs.contains(where: { $0.severity == .error }) { out.append(ind) }
            diags += errs
        }
        diags += formulaProblems(out, file: file)
        inheritFrequencies(&out)
        return (out, diags, root)
    }

    /// One indicator of the list, with a diagnostic for every bad key.
    static func indicator(_ item: Node, file: String, seen: inout [String: Int]) -> (Indicator?, [Diagnostic]) {
        let line = item.mark?.line ?? 0
        guard let map = item.mapping else {
            return (nil, [Diagnostic(.error, file: file, line: line, Phrase(.indicatorNotMapping), expected: Phrase(.expectIndicatorKeys))])
        }
        var r = KeyReader(file: file, line: line)
        for pair in map {
            guard let k = pair.key.string else { continue }
            if !knownKeys.contains(k) {
                r.diags.append(Diagnostic(.warning, file: file, line: pair.key.mark?.line ?? line, field: k,
                                          Phrase(.unknownKey), expected: Phrase.expectOneOf(knownKeys.sorted())))
            }
            r.values[k] = pair.value
        }
        guard let idNode = r.values["id"], let id = idNode.string, !id.isEmpty else {
            r.err(item, "id", Phrase(.isMissing), Phrase(.expectIndicatorIDChars))
            return (nil, r.diags)
        }
        if !Fields.isIndicatorID(id) { r.err(idNode, "id", Phrase.invalidIndicatorID(id), Phrase(.expectIDChars)) }
        if let first = seen[id] { r.err(idNode, "id", Phrase.definedTwice(id, firstLine: first), Phrase(.expectUniqueIDs)) }
        seen[id] = idNode.mark?.line ?? line
        var ind = Indicator(id: id, source: SourceRef(file: file, line: idNode.mark?.line ?? line))
        if let s = r.str("name") { ind.name = s }
        ind.description = r.str("description")
        if let s = r.str("perspective") { ind.perspective = Perspective(word: s) }
        ind.category = r.str("category")
        if let v = r.pick("frequency", Frequency.self) { ind.frequency = v; ind.frequencyGiven = true }
        if let v = r.pick("unit", ValueUnit.self) { ind.unit = v }
        if let v = r.pick("direction", Direction.self) { ind.direction = v }
        if let v = r.pick("over_time", OverTime.self) { ind.overTime = v }
        if let v = r.pick("over_units", OverUnits.self) { ind.overUnits = v }
        if let v = r.pick("source", IndicatorSource.self) { ind.source = v }
        ind.reportedBy = r.list("reported_by")
        ind.per = r.str("per")
        if let v = r.num("outlier_ratio") { ind.outlierRatio = v }
        if let v = r.num("outlier_z") { ind.outlierZ = v }
        ind.target = r.num("target")
        ind.warn = r.num("warn")
        sourceKeys(&ind, &r, idNode)
        return (ind, r.diags)
    }

    /// The keys that depend on where the values come from: measure, housing, living_now, formula.
    static func sourceKeys(_ ind: inout Indicator, _ r: inout KeyReader, _ idNode: Node) {
        let measure = r.str("measure")
        switch ind.source {
        case .ip:
            if let m = measure, let v = IPMeasure(rawValue: m) { ind.ipMeasure = v }
            else { r.err(r.values["measure"] ?? idNode, "measure", measure.map { Phrase.notIPMeasure($0) } ?? Phrase(.missingForSourceIP),
                         Phrase.expectAlternatives(IPMeasure.allCases.map(\.rawValue))) }
        case .waitlist:
            if let m = measure, let v = WaitlistMeasure(rawValue: m) { ind.waitlistMeasure = v }
            else { r.err(r.values["measure"] ?? idNode, "measure", measure.map { Phrase.notWaitlistMeasure($0) } ?? Phrase(.missingForSourceWaitlist),
                         Phrase.expectAlternatives(WaitlistMeasure.allCases.map(\.rawValue))) }
            for h in r.list("housing") ?? [] {
                if let v = Housing.parse(h) { ind.housing.insert(v) }
                else { r.err(r.values["housing"], "housing", Phrase.notHousingCategory(h), Phrase.expectAlternatives(["OMBPS2", "OMBPS3", "OMBPS4", "BOSENTER"])) }
            }
            for l in r.list("living_now") ?? [] {
                if let v = LivingNow.parse(l) { ind.livingNow.insert(v) }
                else { r.err(r.values["living_now"], "living_now", Phrase.notLivingSituation(l), Phrase.expectAlternatives(LivingNow.allCases.map(\.rawValue))) }
            }
        case .formula:
            if let f = r.str("formula") {
                let parts = f.split(separator: "/").map { String($0).trimmingSpaces }
                if parts.count == 2, Fields.isIndicatorID(parts[0]), Fields.isIndicatorID(parts[1]) {
                    ind.formula = Formula(numerator: parts[0], denominator: parts[1])
                } else {
                    r.err(r.values["formula"], "formula", Phrase.notARatio(f), Phrase(.expectRatio))
                }
            } else {
                r.err(idNode, "formula", Phrase(.missingForSourceFormula), Phrase(.expectFormula))
            }
        case .brukerplan:
            // A mapping is made once a year: its figures are annual whatever else is said.
            ind.frequency = .year; ind.frequencyGiven = true
            if let m = measure, let v = BrukerPlanMeasure(rawValue: m) { ind.brukerPlanMeasure = v }
            else { r.err(r.values["measure"] ?? idNode, "measure", measure.map { Phrase.notBrukerPlanMeasure($0) } ?? Phrase(.missingForSourceBrukerPlan),
                         Phrase.expectAlternatives(BrukerPlanMeasure.allCases.map(\.rawValue))) }
        case .reported:
            break
        }
    }

    /// A formula without its own `frequency` has the coarsest of its operands': a share of
    /// two annual counts is annual, not a tertial figure that is always empty.
    static func inheritFrequencies(_ out: inout [Indicator]) {
        var pos = [String: Int]()
        for (k, i) in out.enumerated() { pos[i.id] = k }
        // Formulas over formulas: repeat until nothing changes (at most once per indicator;
        // cycles were refused above and only make the loop stop at the bound).
        for _ in 0..<max(1, out.count) {
            var changed = false
            for k in out.indices where out[k].formula != nil && !out[k].frequencyGiven {
                let f = out[k].formula!
                let ops = [f.numerator, f.denominator].compactMap { pos[$0] }.map { out[$0].frequency }
                if let coarsest = ops.max(by: { $0.periodKind < $1.periodKind }), coarsest.periodKind > out[k].frequency.periodKind {
                    out[k].frequency = coarsest; changed = true
                }
            }
            if !changed { break }
        }
    }

    /// Formula operands must exist and must not form a cycle.
    static func formulaProblems(_ out: [Indicator], file: String) -> [Diagnostic] {
        var diags = [Diagnostic]()
        let ids = Set(out.map(\.id))
        for ind in out {
            // The denominator of the compare screen's normalised view must exist too.
            if let per = ind.per, !ids.contains(per) {
                diags.append(Diagnostic(.error, file: file, line: ind.origin.line, field: "per",
                                        Phrase.formulaUnknownOperand(per), expected: Phrase(.expectOperandHere)))
            }
            guard let f = ind.formula else { continue }
            for op in [f.numerator, f.denominator] where !ids.contains(op) {
                diags.append(Diagnostic(.error, file: file, line: ind.origin.line, field: "formula",
                                        Phrase.formulaUnknownOperand(op), expected: Phrase(.expectOperandHere)))
            }
        }
        // Every indicator on a cycle of formulas (found in linear time, not by a walk from each).
        for k in onCycles(out) {
            diags.append(Diagnostic(.error, file: file, line: out[k].origin.line, field: "formula",
                                    Phrase.formulaCycle(out[k].id), expected: Phrase(.expectFormulaOverOthers)))
        }
        return diags
    }

    /// The indicators that lie on a cycle of formula references: Tarjan's strongly connected
    /// components, iterative (a chain of 10 000 formulas does not deepen the stack), in
    /// catalogue order.
    static func onCycles(_ inds: [Indicator]) -> [Int] {
        var pos = [String: Int]()
        for (k, i) in inds.enumerated() { pos[i.id] = k }
        let edges: [[Int]] = inds.map { i in i.formula.map { [$0.numerator, $0.denominator].compactMap { pos[$0] } } ?? [] }
        var index = [Int](repeating: -1, count: inds.count), low = [Int](repeating: 0, count: inds.count)
        var onStack = [Bool](repeating: false, count: inds.count), stack = [Int](), next = 0
        var cyclic = [Bool](repeating: false, count: inds.count)
        for root in inds.indices where index[root] < 0 {
            var work = [(node: root, edge: 0)]
            index[root] = next; low[root] = next; next += 1; stack.append(root); onStack[root] = true
            while var top = work.popLast() {
                let v = top.node
                if top.edge < edges[v].count {
                    let w = edges[v][top.edge]
                    top.edge += 1
                    work.append(top)
                    if index[w] < 0 {
                        index[w] = next; low[w] = next; next += 1; stack.append(w); onStack[w] = true
                        work.append((w, 0))
                    } else if onStack[w] { low[v] = min(low[v], index[w]) }
                    continue
                }
                if let parent = work.last { low[parent.node] = min(low[parent.node], low[v]) }
                guard low[v] == index[v] else { continue }
                var component = [Int]()
                while let w = stack.popLast() { onStack[w] = false; component.append(w); if w == v { break } }
                if component.count > 1 || edges[v].contains(v) { for w in component { cyclic[w] = true } }
            }
        }
        return inds.indices.filter { cyclic[$0] }
    }

    /// Lines where a YAML anchor (`&a`) or alias (`*a`) starts a node: after the indent, a
    /// `- `, `: `, `? `, `[`, `{` or `,`, outside quotes and comments and outside block
    /// scalars (`|`, `>`), whose text is free.
    static func anchorsAndAliases(_ text: String, file: String) -> [Diagnostic] {
        var diags = [Diagnostic]()
        var blockIndent: Int? = nil
        for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = Array(raw.utf8)
            let indent = line.prefix { $0 == 32 }.count
            if let b = blockIndent {
                if line.allSatisfy({ $0 == 32 || $0 == 13 }) || indent > b { continue }
                blockIndent = nil
            }
            var quote: UInt8? = nil
            var prev: UInt8 = 32, prevNonSpace: UInt8? = nil
            var lastNonSpace: UInt8? = nil
            for b in line {
                if let q = quote {
                    if b == q { quote = nil }
                } else if b == 35 && prev == 32 { // '#' after a space: a comment
                    break
                } else if b == 34 || b == 39 {
                    if prevNonSpace == nil || [45, 58, 63, 91, 123, 44].contains(prevNonSpace!) { quote = b }
                } else if (b == 38 || b == 42), prevNonSpace == nil || [91, 123, 44].contains(prevNonSpace!) || ([45, 58, 63].contains(prevNonSpace!) && prev == 32) {
                    diags.append(Diagnostic(.error, file: file, line: n + 1, Phrase(.yamlAliasRefused), expected: Phrase(.expectNoAliases)))
                    break
                }
                if b != 32 { prevNonSpace = b; lastNonSpace = b }
                prev = b
            }
            // `key: |` or `key: >-` starts a block scalar: its lines are text. Only a line with
            // `|` or `>` can be one: the others skip the regular expression, which cost 90 000
            // instructions a line (issue 27: half the catalogue's load).
            guard quote == nil, lastNonSpace != nil, line.contains(124) || line.contains(62) else { continue }
            let trimmed = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespaces)
            if let r = trimmed.range(of: #":\s*[|>][+-]?[0-9]?$"#, options: .regularExpression), !r.isEmpty {
                blockIndent = indent
            }
        }
        return diags
    }

    /// What the YAML library said, bounded to one short line with control characters
    /// escaped (it may quote a whole source line).
    static func excerpt(_ s: String) -> String {
        let firstLine = s.split(separator: "\n", omittingEmptySubsequences: true).first.map(String.init) ?? ""
        return Fields.shown(firstLine.count > 100 ? String(firstLine.prefix(100)) : firstLine)
    }

    static func yamlDiagnostic(_ e: YamlError, file: String) -> Diagnostic {
        switch e {
        case let .scanner(_, problem, mark, _), let .parser(_, problem, mark, _), let .composer(_, problem, mark, _):
            return Diagnostic(.error, file: file, line: mark.line, Phrase.yamlSyntax(excerpt(problem)), expected: Phrase(.expectYAMLSyntax))
        case let .duplicatedKeysInMapping(duplicates, context):
            return Diagnostic(.error, file: file, line: context.mark.line, field: duplicates.first,
                              Phrase(.keyTwice), expected: Phrase(.expectKeyOnce))
        default:
            return Diagnostic(.error, file: file, Phrase.yamlOther(excerpt("\(e)")), expected: Phrase(.expectUTF8YAML))
        }
    }
}

/// Typed access to one indicator's keys that records a located diagnostic for every bad
/// value (the YAML counterpart of RowReader).
struct KeyReader {
    let file: String
    let line: Int
    var values = [String: Node]()
    var diags = [Diagnostic]()

    init(file: String, line: Int) { self.file = file; self.line = line }

    mutating func err(_ node: Node?, _ field: String, _ msg: Phrase, _ expected: Phrase) {
        diags.append(Diagnostic(.error, file: file, line: node?.mark?.line ?? line, field: field, msg, expected: expected))
    }

    mutating func str(_ k: String) -> String? {
        guard let n = values[k] else { return nil }
        if let s = n.string {
            // Every text of the catalogue is shown somewhere; none may hold an identity number.
            if Fields.containsNationalID(s) || (k == "id" && Fields.looksLikeNationalID(s)) {
                err(n, k, Phrase(.identityInText), Phrase(.expectTextWithoutIdentity))
                return nil
            }
            return s
        }
        err(n, k, Phrase(.notSingleValue), Phrase(.expectText))
        return nil
    }

    mutating func pick<E: RawRepresentable & CaseIterable>(_ k: String, _ type: E.Type) -> E? where E.RawValue == String {
        guard let s = str(k) else { return nil }
        if let v = E(rawValue: s.lowercased()) { return v }
        err(values[k], k, Phrase.notAllowed(s), Phrase.expectAlternatives(E.allCases.map(\.rawValue)))
        return nil
    }

    mutating func num(_ k: String) -> Double? {
        guard let s = str(k) else { return nil }
        if case .value(let v) = CSVTable.parseNumber(ArraySlice(s.utf8), decimalComma: true) { return v }
        err(values[k], k, Phrase.notANumber(s), Phrase(.expectNumberCatalogue))
        return nil
    }

    mutating func list(_ k: String) -> [String]? {
        guard let n = values[k] else { return nil }
        let items: [String]
        if let s = n.string { items = s.split(separator: ",").map { String($0).trimmingSpaces }.filter { !$0.isEmpty } }
        else if let sq = n.sequence { items = sq.compactMap { $0.string } }
        else { err(n, k, Phrase(.notAList), Phrase(.expectListExample)); return nil }
        if items.contains(where: Fields.looksLikeNationalID) {
            err(n, k, Phrase(.identityInText), Phrase(.expectTextWithoutIdentity))
            return nil
        }
        return items
    }

}
