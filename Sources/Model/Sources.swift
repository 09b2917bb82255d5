import Foundation

/// One kind of file in a data directory: where it is, whether it must be there, and its
/// parser. Discovery, parsing, the watcher's folders and `check`'s summary all come from
/// `DataSources.all`; adding a kind of file is one row here plus its parser.
public struct SourceKind: Sendable {
    public enum Place: Sendable, Equatable {
        /// One file at the top of the data directory (a `.csv` one may be an `.xlsx` instead).
        case file(String)
        /// Every `.csv` and `.xlsx` file in a folder.
        case folder(String)
    }

    public let name: String
    public let place: Place
    public let required: Bool
    /// Parses a file of this kind (its path relative to the data directory).
    let parse: @Sendable (Loader, String) -> (Loader.Parsed, [Diagnostic])
    /// How many of it a dataset holds, for `check`'s summary (`7 units`; `SourceTexts`).
    public let summary: @Sendable (Dataset) -> Sentence

    /// A register (waitlist, IP, BrukerPlan): its records are counted into figures by the
    /// engine (an indicator's `source:` names it), and a large one is read after the first
    /// frame (`Loader.load(registersLaterOver:)`).
    public let register: Bool

    /// Report files: the only kind a reload can take in part (`Loader.validateChangedReports`).
    var isReports: Bool { name == "reports" }
    var isRegister: Bool { register }

    init(name: String, place: Place, required: Bool, register: Bool = false,
         parse: @escaping @Sendable (Loader, String) -> (Loader.Parsed, [Diagnostic]), summary: @escaping @Sendable (Dataset) -> Sentence) {
        self.name = name; self.place = place; self.required = required; self.register = register; self.parse = parse; self.summary = summary
    }

    /// How a file of this kind is written in a message (`units.csv/.xlsx`, `reports/*.csv/.xlsx`).
    public var pattern: String {
        switch place {
        case .file(let f): f.hasSuffix(".csv") ? f + "/.xlsx" : f
        case .folder(let d): d + "/*.csv/.xlsx"
        }
    }

    /// The names the file of a `.file` kind may have: `units.csv` and `units.xlsx`.
    var fileNames: [String] {
        guard case .file(let f) = place else { return [] }
        return f.hasSuffix(".csv") ? [f, DataSources.workbookName(of: f)] : [f]
    }

    public func matches(_ rel: String) -> Bool {
        switch place {
        case .file: return fileNames.contains(rel)
        case .folder(let d):
            let name = rel.dropFirst(d.count + 1)
            return rel.hasPrefix(d + "/") && !name.contains("/") && DataSources.isDataFileName(String(name))
        }
    }
}

public enum DataSources {
    public static let all: [SourceKind] = [
        SourceKind(name: "units", place: .file("units.csv"), required: true,
                   parse: { $0.csv($1) { let (u, d) = FileParsers.units($0); return (SourceData(units: u), d) } },
                   summary: { SourceTexts.units($0.tree.units.count) }),
        SourceKind(name: "indicators", place: .file("indicators.yaml"), required: true,
                   parse: { $0.catalogue($1) }, summary: { SourceTexts.indicators($0.indicators.count) }),
        SourceKind(name: "targets", place: .file("targets.csv"), required: false,
                   parse: { $0.csv($1) { let (t, d) = FileParsers.targets($0); return (SourceData(targets: t), d) } },
                   summary: { SourceTexts.targets($0.targets.count) }),
        SourceKind(name: "reports", place: .folder("reports"), required: false,
                   parse: { $0.csv($1) { let (r, d) = FileParsers.reports($0); return (SourceData(reports: [r]), d) } },
                   summary: { SourceTexts.reports($0.reports.count) }),
        SourceKind(name: "waitlist", place: .file("waitlist.csv"), required: false, register: true,
                   parse: { $0.csv($1) { let (w, d) = FileParsers.waitlist($0); return (SourceData(waitlist: w), d) } },
                   summary: { SourceTexts.waitlist($0.waitlist.count) }),
        SourceKind(name: "ip", place: .folder("ip"), required: false, register: true,
                   parse: { $0.ipSnapshot($1) }, summary: { SourceTexts.ip($0.ip.count) }),
        SourceKind(name: "brukerplan", place: .folder("brukerplan"), required: false, register: true,
                   parse: { $0.brukerPlan($1) },
                   summary: { SourceTexts.brukerplan($0.brukerplan.count) }),
    ]

    /// In the name of a temporary file tertial writes (`.NAME.tertial-XXXX.tmp`); one left
    /// behind by an interrupted write is named by `check`.
    public static let temporaryMarker = ".tertial-"

    static func isStaleTemporary(_ n: String) -> Bool { n.hasPrefix(".") && n.contains(temporaryMarker) && n.hasSuffix(".tmp") }

    /// The folders that hold data files, for the watcher ("" is the directory itself).
    public static var folders: [String] {
        [""] + all.compactMap { if case .folder(let d) = $0.place { return d } else { return nil } }
    }

    /// Every kind's files, as a message names them (`units.csv, …, reports/*.csv, …`).
    public static var fileNames: String { all.map(\.pattern).joined(separator: ", ") }

    /// The kind a file (relative path) is, nil when tertial does not read it.
    public static func kind(of rel: String) -> SourceKind? { all.first { $0.matches(rel) } }

    /// A `.csv` or `.xlsx` file that is not hidden and not an editor's lock or backup file.
    static func isDataFileName(_ n: String) -> Bool {
        (n.lowercased().hasSuffix(".csv") || isWorkbook(n)) && !isIgnorable(n)
    }

    /// An Excel workbook (`.xlsx`), read like the CSV file of the same name (issue 26).
    public static func isWorkbook(_ n: String) -> Bool { n.lowercased().hasSuffix(".xlsx") }

    /// `units.csv` → `units.xlsx`.
    static func workbookName(of csv: String) -> String { String(csv.dropLast(4)) + ".xlsx" }

    /// A data file's name without its extension (`reports/2020-T3.xlsx` → `2020-T3`).
    static func stem(_ rel: String) -> String {
        let name = rel.split(separator: "/").last.map(String.init) ?? rel
        guard let dot = name.lastIndex(of: ".") else { return name }
        return String(name[..<dot])
    }

    /// Files that are never data and never worth a warning: hidden files, editors' lock and
    /// backup files, and READMEs.
    static func isIgnorable(_ n: String) -> Bool {
        n.hasPrefix(".") || n.hasPrefix("~$") || n.hasSuffix("~") || n.hasSuffix(".swp") || n.uppercased().hasPrefix("README")
            || n == configFile
    }

    /// tertial's own settings in the data directory (`store: …`, docs/followup.md): not data.
    public static let configFile = "tertial.conf"
}

/// What the files of a data directory hold, one field per kind of file. Each parser fills
/// its kind's field; a load merges the files' data in file order. A new kind of file adds
/// its field here and one line in `merge` (and its row in `DataSources.all`).
struct SourceData: Sendable {
    var units: [OrgUnit] = []
    var indicators: [Indicator] = []
    var targets: [TargetRule] = []
    /// One chunk per report file.
    var reports: [ReportChunk] = []
    var waitlist: [WaitCase] = []
    /// One snapshot per IP file.
    var ip: [IPSnapshot] = []
    /// One mapping per BrukerPlan file.
    var brukerplan: [BPMapping] = []
    /// The catalogue's settings (set with its indicators).
    var settings: CatalogueSettings? = nil
    /// Each workbook's sheet and header, by file (`Loader.locate`).
    var sheets: [String: SheetLocation] = [:]

    static let none = SourceData()

    /// `other`'s data added: a single file's kinds replaced, a folder's appended.
    mutating func merge(_ other: SourceData) {
        if !other.units.isEmpty { units = other.units }
        if !other.indicators.isEmpty { indicators = other.indicators }
        if let s = other.settings { settings = s }
        if !other.targets.isEmpty { targets = other.targets }
        reports += other.reports
        if !other.waitlist.isEmpty { waitlist = other.waitlist }
        ip += other.ip
        brukerplan += other.brukerplan
        sheets.merge(other.sheets) { $1 }
    }
}
