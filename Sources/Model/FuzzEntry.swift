import Foundation
import Spreadsheet

/// The entry points the fuzz targets in Fuzz/ call: each runs a part of the loader on
/// arbitrary bytes and checks what must always hold. A violation traps, which the fuzzer
/// reports as a crash.
public enum FuzzEntry {
    /// Any bytes as a CSV file, read by every parser.
    public static func csv(_ bytes: [UInt8]) {
        let t = CSVTable.parse(bytes: bytes, file: "fuzz.csv")
        // Every record is read or refused at its own line: rows and problems in file order,
        // no refused record's line also a row's.
        let lines = (0..<t.rowCount).map(t.line)
        precondition(zip(lines, lines.dropFirst()).allSatisfy { $0 < $1 }, "rows in file order")
        precondition(t.problems.allSatisfy { $0.line >= 1 }, "a problem's line is 1-based")
        let refused = Set(t.problems.filter(\.refusesRecord).map(\.line))
        precondition(lines.allSatisfy { !refused.contains($0) }, "a refused record is not also read")
        for (_, d) in [FileParsers.units(t).1, FileParsers.targets(t).1, FileParsers.reports(t).1, FileParsers.waitlist(t).1,
                       FileParsers.ipSnapshot(t, period: .tertial(2019, 3)).1, FileParsers.brukerPlan(t, year: 2014).1].enumerated() {
            for x in d { precondition(x.line.map { $0 >= 1 } ?? true, "a diagnostic line is 1-based") }
        }
    }

    /// Any bytes as indicators.yaml.
    public static func catalogue(_ bytes: [UInt8]) {
        guard let text = String(validating: bytes, as: UTF8.self) else { return }
        let (inds, diags) = Catalogue.parse(text: text, file: "indicators.yaml")
        if diags.contains(where: { $0.severity == .error }) { return }
        precondition(Set(inds.map(\.id)).count == inds.count, "indicator ids are unique when there are no errors")
    }

    /// The files of the small dataset the directory target starts from.
    static let seedFiles: [(String, String)] = [
        ("units.csv", "id;name;parent;kind;from;to;successor\nroot;Etaten;;etat;;;\na;Enhet A;root;resultatenhet;;2020-02-29;n\nb;Enhet B;root;resultatenhet;;2020-02-29;n\nn;Nytt område;root;byomrade;2020-03-01;;\n"),
        ("indicators.yaml", "indicators:\n  - id: staff\n    name: Ansatte\n    direction: higher\n    reported_by: [resultatenhet, byomrade]\n  - id: users\n    reported_by: [resultatenhet, byomrade]\n  - id: share\n    source: formula\n    formula: staff / users\n    unit: percent\n    target: 50\n  - id: waiting\n    source: waitlist\n    measure: waiting\n    frequency: month\n  - id: ip_cov\n    source: ip\n    measure: with_plan\n  - id: bp_red\n    source: brukerplan\n    measure: red_overall\n"),
        ("targets.csv", "indicator;unit;from;target;warn\nstaff;*;2019;9;5\n"),
        ("reports/2019-T3.csv", "period;unit;indicator;value;comment\n2019-T3;a;staff;12;\n2019-T3;b;staff;0;null\n2019-T3;a;users;100;\n2019-T3;b;users;0;\n"),
        ("waitlist.csv", "case;unit;housing;received;granted;interim_reply;allocated;left;left_reason;living_now;discharge_ready\nVL-1;a;OMBPS2;2019-01-02;2019-02-01;;;;;dps;ja\n"),
        ("ip/2019-T3.csv", "user;unit;target_group;plan;group;declined;coordinator;evaluated\nB1;a;ja;ja;nei;nei;ja;2019-02-04\n"),
        ("brukerplan/2019.csv", "user;unit;age_band;gender;finances;mental_health;physical_health;housing;social_skills;network;work_activity;overall;ip;other_plan;group\nK1;a;18-25;kvinne;1;3;4;5;gul;rød;1;rød;ja;nei;nei\n"),
    ]

    nonisolated(unsafe) static var directoryPath: String? = nil

    /// The loader and the engine on the seed dataset with one file replaced by the input.
    public static func directory(_ bytes: [UInt8]) {
        let dir: String
        if let d = directoryPath { dir = d } else {
            dir = NSTemporaryDirectory() + "tertial-fuzz-\(getpid())"
            for sub in ["reports", "ip", "brukerplan"] { try? FileManager.default.createDirectory(atPath: dir + "/" + sub, withIntermediateDirectories: true) }
            directoryPath = dir
        }
        guard let first = bytes.first else { return }
        let target = Int(first) % seedFiles.count
        for (k, (name, text)) in seedFiles.enumerated() {
            let content = k == target ? Array(bytes.dropFirst()) : Array(text.utf8)
            _ = FileManager.default.createFile(atPath: dir + "/" + name, contents: Data(content))
        }
        let result = Loader(directory: dir).load()
        if let ds = result.dataset {
            let s = Engine.compute(ds)
            for p in s.tertials { _ = s.deviations(unit: s.tree.root, period: p); _ = s.completeness(unit: s.tree.root, period: p) }
        } else {
            precondition(result.diagnostics.contains { $0.severity == .error }, "no dataset means at least one error")
        }
    }

    /// Any bytes as an .xlsx workbook: read or refused with an `XLSXError`, never a crash or
    /// a hang, never more text than the bound, the same bytes read the same; then as a
    /// dataset's report file, loaded: a dataset or an error, and every diagnostic of the file
    /// that names a line located at its sheet.
    public static func xlsx(_ bytes: [UInt8]) {
        var limits = XLSX.Limits()
        limits.partBytes = 4 << 20; limits.totalBytes = 8 << 20
        let dir: String
        if let d = directoryPath { dir = d } else {
            dir = NSTemporaryDirectory() + "tertial-fuzz-\(getpid())"
            for sub in ["reports", "ip", "brukerplan"] { try? FileManager.default.createDirectory(atPath: dir + "/" + sub, withIntermediateDirectories: true) }
            directoryPath = dir
            // The other files once: only the workbook changes from input to input.
            for (name, text) in seedFiles where name != "reports/2019-T3.csv" {
                _ = FileManager.default.createFile(atPath: dir + "/" + name, contents: Data(text.utf8))
            }
        }
        let path = dir + "/reports/2019-T3.xlsx"
        _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
        if let sheet = try? XLSX.read(path: path, preferring: "reports", limits: limits) {
            precondition((try? XLSX.read(path: path, preferring: "reports", limits: limits)) == sheet, "the same bytes read the same")
            precondition(sheet.text.count <= Int(limits.totalBytes), "no more text than the bound")
            precondition(zip(sheet.rowNumber, sheet.rowNumber.dropFirst()).allSatisfy { $0 < $1 }, "rows in order")
        }
        let loader = Loader(directory: dir)
        loader.workbookLimits = limits
        let result = loader.load()
        if result.dataset == nil {
            precondition(result.diagnostics.contains { $0.severity == .error }, "no dataset means at least one error")
        }
        for d in result.diagnostics where d.file == "reports/2019-T3.xlsx" && d.line != nil && d.problem.problem != .moreProblems {
            precondition(d.sheet != nil, "a diagnostic at a row of a workbook names its sheet")
        }
    }
}
