import Yams

/// Parses `indicators.yaml` into indicators, with a located diagnostic for every problem.
enum Catalogue {
    static let knownKeys: Set<String> = [
        "id", "name", "description", "perspective", "category", "frequency", "unit", "direction", "over_time",
        "over_units", "source", "measure", "housing", "living_now", "reported_by", "formula", "target", "warn",
    ]

    static func parse(text: String, file: String) -> ([Indicator], [Diagnostic]) {
        var diags = [Diagnostic]()
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let e as YamlError {
            return ([], [yamlDiagnostic(e, file: file)])
        } catch {
            return ([], [Diagnostic(.error, file: file, Phrase(.yamlUnreadable, "\(error)"), expected: Phrase(.expectYAML))])
        }
        guard let rootMap = root?.mapping,
              let list = rootMap.first(where: { $0.key.string == "indicators" })?.value else {
            return ([], [Diagnostic(.error, file: file, line: root?.mark?.line ?? 1, field: "indicators",
                                    Phrase(.keyMissing), expected: Phrase(.expectIndicatorsKey))])
        }
        guard let seq = list.sequence else {
            return ([], [Diagnostic(.error, file: file, line: list.mark?.line, field: "indicators",
                                    Phrase(.notAList), expected: Phrase(.expectIndicatorList))])
        }
        var out = [Indicator]()
        var seen = [String: Int]()
        for item in seq {
            let (ind, errs) = indicator(item, file: file, seen: &seen)
            if let ind, !errs.contains(where: { $0.severity == .error }) { out.append(ind) }
            diags += errs
        }
        diags += formulaProblems(out, file: file)
        return (out, diags)
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
                                          Phrase(.unknownKey), expected: Phrase(.expectOneOf, knownKeys.sorted().joined(separator: ", "))))
            }
            r.values[k] = pair.value
        }
        guard let idNode = r.values["id"], let id = idNode.string, !id.isEmpty else {
            r.err(item, "id", Phrase(.isMissing), Phrase(.expectIndicatorIDChars))
            return (nil, r.diags)
        }
        if !Fields.isIndicatorID(id) { r.err(idNode, "id", Phrase(.invalidIndicatorID, id), Phrase(.expectIDChars)) }
        if let first = seen[id] { r.err(idNode, "id", Phrase(.definedTwice, id, String(first)), Phrase(.expectUniqueIDs)) }
        seen[id] = idNode.mark?.line ?? line
        var ind = Indicator(id: id, source: SourceRef(file: file, line: idNode.mark?.line ?? line))
        if let s = r.str("name") { ind.name = s }
        ind.description = r.str("description")
        if let s = r.str("perspective") { ind.perspective = Perspective(word: s) }
        ind.category = r.str("category")
        if let v = r.pick("frequency", Frequency.self) { ind.frequency = v }
        if let v = r.pick("unit", ValueUnit.self) { ind.unit = v }
        if let v = r.pick("direction", Direction.self) { ind.direction = v }
        if let v = r.pick("over_time", OverTime.self) { ind.overTime = v }
        if let v = r.pick("over_units", OverUnits.self) { ind.overUnits = v }
        if let v = r.pick("source", IndicatorSource.self) { ind.source = v }
        ind.reportedBy = r.list("reported_by")
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
            else { r.err(r.values["measure"] ?? idNode, "measure", measure.map { Phrase(.notIPMeasure, $0) } ?? Phrase(.missingForSourceIP),
                         Phrase(.expectAlternatives, IPMeasure.allCases.map(\.rawValue).joined(separator: " | "))) }
        case .waitlist:
            if let m = measure, let v = WaitlistMeasure(rawValue: m) { ind.waitlistMeasure = v }
            else { r.err(r.values["measure"] ?? idNode, "measure", measure.map { Phrase(.notWaitlistMeasure, $0) } ?? Phrase(.missingForSourceWaitlist),
                         Phrase(.expectAlternatives, WaitlistMeasure.allCases.map(\.rawValue).joined(separator: " | "))) }
            for h in r.list("housing") ?? [] {
                if let v = Housing(rawValue: h.uppercased()) { ind.housing.insert(v) }
                else { r.err(r.values["housing"], "housing", Phrase(.notHousingCategory, h), Phrase(.expectAlternatives, "OMBPS2 | OMBPS3 | OMBPS4 | BOSENTER")) }
            }
            for l in r.list("living_now") ?? [] {
                if let v = LivingNow(rawValue: l.lowercased()) { ind.livingNow.insert(v) }
                else { r.err(r.values["living_now"], "living_now", Phrase(.notLivingSituation, l), Phrase(.expectAlternatives, LivingNow.allCases.map(\.rawValue).joined(separator: " | "))) }
            }
        case .formula:
            if let f = r.str("formula") {
                let parts = f.split(separator: "/").map { String($0).trimmingSpaces }
                if parts.count == 2, Fields.isIndicatorID(parts[0]), Fields.isIndicatorID(parts[1]) {
                    ind.formula = Formula(numerator: parts[0], denominator: parts[1])
                } else {
                    r.err(r.values["formula"], "formula", Phrase(.notARatio, f), Phrase(.expectRatio))
                }
            } else {
                r.err(idNode, "formula", Phrase(.missingForSourceFormula), Phrase(.expectFormula))
            }
        case .reported:
            break
        }
    }

    /// Formula operands must exist and must not form a cycle.
    static func formulaProblems(_ out: [Indicator], file: String) -> [Diagnostic] {
        var diags = [Diagnostic]()
        let ids = Set(out.map(\.id))
        var byId = [String: Indicator]()
        for i in out { byId[i.id] = i }
        for ind in out {
            guard let f = ind.formula else { continue }
            for op in [f.numerator, f.denominator] where !ids.contains(op) {
                diags.append(Diagnostic(.error, file: file, line: ind.origin.line, field: "formula",
                                        Phrase(.formulaUnknownOperand, op), expected: Phrase(.expectOperandHere)))
            }
            var stack = [f.numerator, f.denominator], visited = Set<String>()
            while let x = stack.popLast() {
                if x == ind.id {
                    diags.append(Diagnostic(.error, file: file, line: ind.origin.line, field: "formula",
                                            Phrase(.formulaCycle, ind.id), expected: Phrase(.expectFormulaOverOthers)))
                    break
                }
                guard visited.insert(x).inserted, let g = byId[x]?.formula else { continue }
                stack += [g.numerator, g.denominator]
            }
        }
        return diags
    }

    static func yamlDiagnostic(_ e: YamlError, file: String) -> Diagnostic {
        switch e {
        case let .scanner(_, problem, mark, _), let .parser(_, problem, mark, _), let .composer(_, problem, mark, _):
            return Diagnostic(.error, file: file, line: mark.line, Phrase(.yamlSyntax, problem), expected: Phrase(.expectYAMLSyntax))
        case let .duplicatedKeysInMapping(duplicates, context):
            return Diagnostic(.error, file: file, line: context.mark.line, field: duplicates.first,
                              Phrase(.keyTwice), expected: Phrase(.expectKeyOnce))
        default:
            return Diagnostic(.error, file: file, Phrase(.yamlOther, "\(e)"), expected: Phrase(.expectUTF8YAML))
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
        if let s = n.string { return s }
        err(n, k, Phrase(.notSingleValue), Phrase(.expectText))
        return nil
    }

    mutating func pick<E: RawRepresentable & CaseIterable>(_ k: String, _ type: E.Type) -> E? where E.RawValue == String {
        guard let s = str(k) else { return nil }
        if let v = E(rawValue: s.lowercased()) { return v }
        err(values[k], k, Phrase(.notAllowed, s), Phrase(.expectAlternatives, E.allCases.map(\.rawValue).joined(separator: " | ")))
        return nil
    }

    mutating func num(_ k: String) -> Double? {
        guard let s = str(k) else { return nil }
        if case .value(let v) = CSVTable.parseNumber(ArraySlice(s.utf8), decimalComma: true) { return v }
        err(values[k], k, Phrase(.notANumber, s), Phrase(.expectNumberCatalogue))
        return nil
    }

    mutating func list(_ k: String) -> [String]? {
        guard let n = values[k] else { return nil }
        if let s = n.string { return s.split(separator: ",").map { String($0).trimmingSpaces }.filter { !$0.isEmpty } }
        if let sq = n.sequence { return sq.compactMap { $0.string } }
        err(n, k, Phrase(.notAList), Phrase(.expectListExample))
        return nil
    }
}
