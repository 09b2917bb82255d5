import ArgumentParser
import Foundation
import Model
import Spreadsheet

/// A data directory's CSV files as workbooks (issue 26): each cell a number where the CSV
/// field reads as one (`CSVTable.number`), else text, as a leader's Excel export holds them.
enum Workbooks {
    /// Writes `csv` (a file) as an .xlsx file `xlsx`, one sheet named `sheet`.
    static func convert(_ csv: String, to xlsx: String, sheet: String) throws {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: csv)))
        let t = CSVTable.parse(bytes: bytes, file: csv)
        var rows: [[XLSXWriter.Cell]] = [t.header.map { .text($0) }]
        rows.reserveCapacity(t.rowCount + 1)
        for r in 0..<t.rowCount {
            rows.append(t.header.indices.map { c in
                switch t.number(r, c) {
                case .value(let v): return .number(v, style: 0)
                case .empty: return .empty
                case .invalid: return .text(t.string(r, c))
                }
            })
        }
        let data = try XLSXWriter(sheets: [XLSXWriter.Sheet(name: sheet, rows: rows)]).data()
        try data.write(to: URL(fileURLWithPath: xlsx))
    }

    /// A copy of `dir` in `out` with the files of the given folders (`reports`) as workbooks.
    static func copy(_ dir: String, to out: String, folders: Set<String>) throws -> Int {
        let fm = FileManager.default
        try? fm.removeItem(atPath: out)
        try fm.createDirectory(atPath: out, withIntermediateDirectories: true)
        var converted = 0
        for rel in try fm.subpathsOfDirectory(atPath: dir).sorted() {
            var isDir: ObjCBool = false
            _ = fm.fileExists(atPath: dir + "/" + rel, isDirectory: &isDir)
            if isDir.boolValue { try fm.createDirectory(atPath: out + "/" + rel, withIntermediateDirectories: true); continue }
            let folder = rel.split(separator: "/").dropLast().joined(separator: "/")
            if folders.contains(folder), rel.hasSuffix(".csv") {
                try convert(dir + "/" + rel, to: out + "/" + String(rel.dropLast(4)) + ".xlsx", sheet: folder)
                converted += 1
            } else {
                try fm.copyItem(atPath: dir + "/" + rel, toPath: out + "/" + rel)
            }
        }
        return converted
    }
}

struct WorkbooksCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "workbooks", abstract: "tertial check on a dataset and on a copy with its reports as .xlsx files, interleaved: the time of each and their ratio (target: at most 2).")
    @Argument(help: "The data directory (default: .build/bench-data).") var data = ".build/bench-data"
    @Option(help: "Runs of each (the median is compared).") var runs = 5
    @Option(help: "Folders whose files become workbooks.") var folders = "reports"
    @Option(help: "Write the copy here and keep it (else a temporary folder).") var keep: String?

    func run() throws {
        let binDir = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent().path
        let tertial = binDir + "/tertial"
        guard FileManager.default.isExecutableFile(atPath: tertial) else { throw ValidationError("\(tertial) is missing; build it first") }
        let out = keep ?? NSTemporaryDirectory() + "tertial-workbooks-" + UUID().uuidString
        defer { if keep == nil { try? FileManager.default.removeItem(atPath: out) } }
        let n = try Workbooks.copy(data, to: out, folders: Set(folders.split(separator: ",").map(String.init)))
        func size(_ d: String) -> Int {
            (FileManager.default.subpaths(atPath: d) ?? []).reduce(0) { $0 + ((try? FileManager.default.attributesOfItem(atPath: d + "/" + $1)[.size] as? Int) ?? 0) }
        }
        print("\(data): \(mb(Double(size(data)))); as workbooks: \(n) files, \(mb(Double(size(out))))")
        var csv = [Double](), xlsx = [Double]()
        for _ in 0..<max(1, runs) {
            let a = spawn(tertial, ["check", data]), b = spawn(tertial, ["check", out])
            guard a.status == 0, b.status == 0 else { throw ValidationError("tertial check failed (\(a.status), \(b.status)): run it on \(data)") }
            csv.append(a.wall); xlsx.append(b.wall)
        }
        let c = Stats(values: csv), x = Stats(values: xlsx)
        print("tertial check, CSV:  \(c)")
        print("tertial check, xlsx: \(x)")
        print(String(format: "ratio of the medians: %.2f (target ≤ 2)", x.median / c.median))
    }
}
