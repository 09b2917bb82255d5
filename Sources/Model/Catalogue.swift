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
            return ([], [Diagnostic(.error, file: file, "cannot be read as YAML: \(error)", expected: "valid YAML")])
        }
        guard let rootMap = root?.mapping,
              let list = rootMap.first(where: { $0.key.string == "indicators" })?.value else {
            return ([], [Diagnostic(.error, file: file, line: root?.mark?.line ?? 1, field: "indicators",
                                    "the key is missing", expected: "a top-level key indicators: with a list of indicators")])
        }
        guard let seq = list.sequence else {
            return ([], [Diagnostic(.error, file: file, line: list.mark?.line, field: "indicators",
                                    "is not a list", expected: "a list of indicators, each starting with '- id:'")])
        }
        var out = [Indicator]()
        var seen = [String: Int]()
        for item in seq {
            let line = item.mark?.line ?? 0
            guard let map = item.mapping else {
                diags.append(Diagnostic(.error, file: file, line: line, "an indicator is not a mapping", expected: "keys such as id:, name:"))
                continue
            }
            var errs = [Diagnostic]()
            func err(_ node: Node?, _ field: String, _ msg: String, _ expected: String) {
                errs.append(Diagnostic(.error, file: file, line: node?.mark?.line ?? line, field: field, msg, expected: expected))
            }
            var values = [String: Node]()
            for pair in map {
                guard let k = pair.key.string else { continue }
                if !knownKeys.contains(k) {
                    diags.append(Diagnostic(.warning, file: file, line: pair.key.mark?.line ?? line, field: k,
                                            "unknown key, ignored", expected: "one of " + knownKeys.sorted().joined(separator: ", ")))
                }
                values[k] = pair.value
            }
            guard let idNode = values["id"], let id = idNode.string, !id.isEmpty else {
                err(item, "id", "is missing", "an id of lower-case letters, digits, '_' and '.'")
                diags += errs
                continue
            }
            if !Fields.isIndicatorID(id) { err(idNode, "id", "\"\(id)\" is not a valid indicator id", "lower-case letters, digits, '_' and '.'") }
            if let first = seen[id] { err(idNode, "id", "\"\(id)\" is defined twice (first at line \(first))", "unique ids") }
            seen[id] = idNode.mark?.line ?? line
            var ind = Indicator(id: id, source: SourceRef(file: file, line: idNode.mark?.line ?? line))
            func str(_ k: String) -> String? {
                guard let n = values[k] else { return nil }
                if let s = n.string { return s }
                err(n, k, "is not a single value", "text")
                return nil
            }
            func pick<E: RawRepresentable & CaseIterable>(_ k: String, _ type: E.Type) -> E? where E.RawValue == String {
                guard let s = str(k) else { return nil }
                if let v = E(rawValue: s.lowercased()) { return v }
                err(values[k], k, "\"\(s)\" is not allowed", E.allCases.map(\.rawValue).joined(separator: " | "))
                return nil
            }
            func num(_ k: String) -> Double? {
                guard let s = str(k) else { return nil }
                if case .value(let v) = CSVTable.parseNumber(ArraySlice(s.utf8), decimalComma: true) { return v }
                err(values[k], k, "\"\(s)\" is not a number", "a number such as 50 or 12.5")
                return nil
            }
            func list(_ k: String) -> [String]? {
                guard let n = values[k] else { return nil }
                if let s = n.string { return s.split(separator: ",").map { String($0).trimmingSpaces }.filter { !$0.isEmpty } }
                if let sq = n.sequence { return sq.compactMap { $0.string } }
                err(n, k, "is not a list", "a list such as [resultatenhet, byomrade]")
                return nil
            }
            if let s = str("name") { ind.name = s }
            ind.description = str("description")
            if let s = str("perspective") { ind.perspective = Perspective(word: s) }
            ind.category = str("category")
            if let v = pick("frequency", Frequency.self) { ind.frequency = v }
            if let v = pick("unit", ValueUnit.self) { ind.unit = v }
            if let v = pick("direction", Direction.self) { ind.direction = v }
            if let v = pick("over_time", OverTime.self) { ind.overTime = v }
            if let v = pick("over_units", OverUnits.self) { ind.overUnits = v }
            if let v = pick("source", IndicatorSource.self) { ind.source = v }
            ind.reportedBy = list("reported_by")
            ind.target = num("target")
            ind.warn = num("warn")
            let measure = str("measure")
            switch ind.source {
            case .ip:
                if let m = measure, let v = IPMeasure(rawValue: m) { ind.ipMeasure = v }
                else { err(values["measure"] ?? idNode, "measure", measure.map { "\"\($0)\" is not an IP measure" } ?? "is missing for source: ip",
                           IPMeasure.allCases.map(\.rawValue).joined(separator: " | ")) }
            case .waitlist:
                if let m = measure, let v = WaitlistMeasure(rawValue: m) { ind.waitlistMeasure = v }
                else { err(values["measure"] ?? idNode, "measure", measure.map { "\"\($0)\" is not a waitlist measure" } ?? "is missing for source: waitlist",
                           WaitlistMeasure.allCases.map(\.rawValue).joined(separator: " | ")) }
                for h in list("housing") ?? [] {
                    if let v = Housing(rawValue: h.uppercased()) { ind.housing.insert(v) }
                    else { err(values["housing"], "housing", "\"\(h)\" is not a housing category", "OMBPS2 | OMBPS3 | OMBPS4 | BOSENTER") }
                }
                for l in list("living_now") ?? [] {
                    if let v = LivingNow(rawValue: l.lowercased()) { ind.livingNow.insert(v) }
                    else { err(values["living_now"], "living_now", "\"\(l)\" is not a living situation", LivingNow.allCases.map(\.rawValue).joined(separator: " | ")) }
                }
            case .formula:
                if let f = str("formula") {
                    let parts = f.split(separator: "/").map { String($0).trimmingSpaces }
                    if parts.count == 2, Fields.isIndicatorID(parts[0]), Fields.isIndicatorID(parts[1]) {
                        ind.formula = Formula(numerator: parts[0], denominator: parts[1])
                    } else {
                        err(values["formula"], "formula", "\"\(f)\" is not a ratio of two indicators", "A / B with two indicator ids")
                    }
                } else {
                    err(idNode, "formula", "is missing for source: formula", "formula: A / B")
                }
            case .reported:
                break
            }
            if errs.isEmpty { out.append(ind) }
            diags += errs
        }
        // Formula operands must exist and must not form a cycle.
        let ids = Set(out.map(\.id))
        var byId = [String: Indicator]()
        for i in out { byId[i.id] = i }
        for ind in out {
            guard let f = ind.formula else { continue }
            for op in [f.numerator, f.denominator] where !ids.contains(op) {
                diags.append(Diagnostic(.error, file: file, line: ind.origin.line, field: "formula",
                                        "\"\(op)\" is not an indicator in the catalogue", expected: "the id of an indicator defined in this file"))
            }
            var stack = [f.numerator, f.denominator], visited = Set<String>()
            while let x = stack.popLast() {
                if x == ind.id {
                    diags.append(Diagnostic(.error, file: file, line: ind.origin.line, field: "formula",
                                            "the formula refers back to \(ind.id) (a cycle)", expected: "a formula over other indicators"))
                    break
                }
                guard visited.insert(x).inserted, let g = byId[x]?.formula else { continue }
                stack += [g.numerator, g.denominator]
            }
        }
        return (out, diags)
    }

    static func yamlDiagnostic(_ e: YamlError, file: String) -> Diagnostic {
        switch e {
        case let .scanner(_, problem, mark, _), let .parser(_, problem, mark, _), let .composer(_, problem, mark, _):
            return Diagnostic(.error, file: file, line: mark.line, "YAML syntax: \(problem)", expected: "valid YAML (check indentation and ':')")
        case let .duplicatedKeysInMapping(duplicates, context):
            return Diagnostic(.error, file: file, line: context.mark.line, field: duplicates.first,
                              "the key is given twice in one indicator", expected: "each key once")
        default:
            return Diagnostic(.error, file: file, "YAML: \(e)", expected: "valid UTF-8 YAML")
        }
    }
}
