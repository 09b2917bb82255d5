import Spreadsheet

/// A problem found while loading or computing, located as precisely as possible.
public struct Diagnostic: Error, Readable, Hashable, Sendable, CustomStringConvertible {
    public enum Severity: Int, Comparable, Sendable {
        case error = 0, warning = 1, notice = 2
        public static func < (a: Severity, b: Severity) -> Bool { a.rawValue < b.rawValue }
        public var word: String { switch self { case .error: "error"; case .warning: "warning"; case .notice: "notice" } }
    }

    public var severity: Severity
    /// Path relative to the data directory, e.g. `reports/2019-T3.csv`.
    public var file: String
    /// 1-based line number, when the problem is on a line.
    public var line: Int?
    /// The column or key concerned.
    public var field: String?
    /// What was wrong, e.g. `"12x" is not a number`.
    public var problem: Phrase
    /// What was expected instead, e.g. `a number such as 12, 12.5 or 12,5`.
    public var expectation: Phrase?
    /// In an .xlsx file: the sheet read, and the column of `field` (0 = A) where the sheet's
    /// header has it; `line` is then the row's number (`Loader.locate`).
    public var sheet: String? = nil
    public var column: Int? = nil

    public var message: String { problem.description }

    /// The most problems of one file that are kept and shown (docs/data-format.md, "Limits").
    public static let maxPerFile = 100

    /// How many problems this one stands for: N for "… and N more", else 1.
    public var represents: Int {
        guard problem.problem == .moreProblems, case .text(let t)? = problem.args.first else { return 1 }
        return Int(t.filter(\.isNumber)) ?? 1
    }

    /// `1 999 900`: digits in groups of three, as both languages may write them.
    static func grouped(_ n: Int) -> String {
        var s = String(n), out = ""
        while s.count > 3 { out = " " + s.suffix(3) + out; s.removeLast(3) }
        return s + out
    }
    public var expected: String? { expectation?.description }

    public init(_ severity: Severity, file: String, line: Int? = nil, field: String? = nil,
                _ problem: Phrase, expected: Phrase? = nil) {
        // A file name or a key can hold an identity number too (ip/01017012343.csv).
        self.severity = severity; self.file = IdentityNumber.masked(file); self.line = line
        self.field = field.map(IdentityNumber.masked); self.problem = problem; self.expectation = expected
    }

    /// `reports/a.csv:12`, or in a workbook `reports/a.xlsx!Ark1:C12` (the cell), `…!Ark1:12`
    /// (the row) or `…!Ark1` (the sheet).
    public var location: String {
        guard let sheet else { return line.map { "\(file):\($0)" } ?? file }
        guard let line else { return "\(file)!\(sheet)" }
        return "\(file)!\(sheet):" + (column.map(XLSX.columnName) ?? "") + String(line)
    }

    public var description: String { text(norwegian: false) }

    /// The message with the data directory in front: `sample-data/reports/a.csv:12: …`, or
    /// `sample-data: …` for the directory itself.
    public func text(in directory: String, norwegian: Bool = false) -> String {
        let t = text(norwegian: norwegian)
        return file == "." ? directory + String(t.dropFirst(1)) : directory + "/" + t
    }

    /// `reports/a.csv:12: value: «12x» er ikke et tall (forventet et tall som 12 eller 12,5)`
    public func text(_ lang: Lang) -> String {
        var s = location + ": "
        if let field { s += field + ": " }
        s += problem.text(lang)
        if let e = expectation { s += " " + Phrase.expectedAside(e, lang) }
        return s
    }
}

extension Array where Element == Diagnostic {
    /// How many problems of a severity these stand for: a "… and N more" summary counts N.
    public func count(of severity: Diagnostic.Severity) -> Int {
        reduce(0) { $0 + ($1.severity == severity ? $1.represents : 0) }
    }

    /// At most `Diagnostic.maxPerFile` problems of each file, the first ones in the order
    /// found; the rest of a file's are counted in one summary ("… and 1 999 900 more problems
    /// in this file"), an error when any of them is, at the line of the first left out. A
    /// list bounded before keeps its counts.
    public func boundedPerFile(_ limit: Int = Diagnostic.maxPerFile) -> [Diagnostic] {
        var perFile = [String: Int](), over = [String: (count: Int, severity: Diagnostic.Severity, line: Int?)]()
        var out = [Diagnostic]()
        var order = [String]()
        for d in self {
            let summary = d.problem.problem == .moreProblems
            let n = perFile[d.file, default: 0]
            if !summary && n < limit { perFile[d.file] = n + 1; out.append(d); continue }
            if over[d.file] == nil { order.append(d.file) }
            var o = over[d.file] ?? (0, .notice, d.line)
            o.count += d.represents
            if d.severity < o.severity { o.severity = d.severity }
            over[d.file] = o
        }
        if over.isEmpty { return out }
        for f in order {
            let o = over[f]!
            out.append(Diagnostic(o.severity, file: f, line: o.line, Phrase.moreProblems(Diagnostic.grouped(o.count), listed: limit)))
        }
        return out
    }

    /// Adds a row's problems while a file is parsed, keeping memory bounded: past
    /// `4 × maxPerFile` they are only counted, in one trailing summary (`boundedPerFile`
    /// later keeps the first `maxPerFile` and adds the counts up).
    public mutating func collect(_ more: [Diagnostic]) {
        for d in more {
            if count < 4 * Diagnostic.maxPerFile { append(d); continue }
            if var last = self.last, last.problem.problem == .moreProblems, last.file == d.file {
                last.problem = Phrase.moreProblems(String(last.represents + 1), listed: Diagnostic.maxPerFile)
                if d.severity < last.severity { last.severity = d.severity }
                self[count - 1] = last
            } else {
                append(Diagnostic(d.severity, file: d.file, line: d.line, Phrase.moreProblems("1", listed: Diagnostic.maxPerFile)))
            }
        }
    }

    public var errors: [Diagnostic] { filter { $0.severity == .error } }
    public var warnings: [Diagnostic] { filter { $0.severity == .warning } }
    public var hasErrors: Bool { contains { $0.severity == .error } }
}
