/// A problem found while loading or computing, located as precisely as possible.
public struct Diagnostic: Error, Hashable, Sendable, CustomStringConvertible {
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

    public var message: String { problem.description }
    public var expected: String? { expectation?.description }

    public init(_ severity: Severity, file: String, line: Int? = nil, field: String? = nil,
                _ problem: Phrase, expected: Phrase? = nil) {
        // A file name or a key can hold an identity number too (ip/01017012343.csv).
        self.severity = severity; self.file = IdentityNumber.masked(file); self.line = line
        self.field = field.map(IdentityNumber.masked); self.problem = problem; self.expectation = expected
    }

    /// `reports/a.csv:12: value: "12x" is not a number (expected a number such as 12 or 12,5)`
    public var location: String {
        line.map { "\(file):\($0)" } ?? file
    }

    public var description: String { text(norwegian: false) }

    /// The message with the data directory in front: `sample-data/reports/a.csv:12: …`, or
    /// `sample-data: …` for the directory itself.
    public func text(in directory: String, norwegian: Bool = false) -> String {
        let t = text(norwegian: norwegian)
        return file == "." ? directory + String(t.dropFirst(1)) : directory + "/" + t
    }

    /// `reports/a.csv:12: value: «12x» er ikke et tall (forventet et tall som 12 eller 12,5)`
    public func text(norwegian: Bool) -> String {
        var s = location + ": "
        if let field { s += field + ": " }
        s += problem.text(norwegian: norwegian)
        if let e = expectation { s += (norwegian ? " (forventet " : " (expected ") + e.text(norwegian: norwegian) + ")" }
        return s
    }
}

extension Array where Element == Diagnostic {
    public var errors: [Diagnostic] { filter { $0.severity == .error } }
    public var warnings: [Diagnostic] { filter { $0.severity == .warning } }
    public var hasErrors: Bool { contains { $0.severity == .error } }
}
