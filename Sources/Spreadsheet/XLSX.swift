import Foundation
#if canImport(Glibc)
import Glibc
#endif
import CTertialZlib
import ZIPFoundation

/// One sheet of an Office Open XML workbook (.xlsx), as text cells (issue 26, "Excel in"):
/// what the CSV parsers read, each row with its Excel row number and each cell with its
/// column, so that a problem is located as `file!Sheet:C14`.
///
/// The container is read with ZIPFoundation and inflated with zlib; the XML with the scanner
/// below (`XMLScan`): no entity is ever resolved beyond the five predefined and character
/// references, and a document type declaration is refused. The workbook is read from its
/// file; no part of it is written to disk and no path inside it is used as one. Every part's
/// size is checked against a bound before it is inflated, and it must inflate to exactly
/// that size (a ZIP bomb is refused either way).
///
/// Flat, as the CSV reader's table is: every cell's text in one byte array, no String per cell.
public struct XLSXSheet: Sendable, Equatable {
    public let name: String
    /// Every cell's text, one after the other (UTF-8).
    public internal(set) var text: [UInt8] = []
    /// Where each cell's text ends in `text` (it starts where the one before ends).
    public internal(set) var cellEnd: [Int32] = []
    /// Each cell's column (0 = A); increasing within a row.
    public internal(set) var cellColumn: [Int32] = []
    /// Each row's first cell (an index into `cellEnd`); a row without cells is not kept.
    public internal(set) var rowFirst: [Int32] = []
    /// Each row's number in Excel (1 for the first).
    public internal(set) var rowNumber: [Int32] = []

    init(name: String) { self.name = name }

    public var rowCount: Int { rowNumber.count }

    /// The cells of row `k` (0-based, of those kept) as (column, bytes).
    public func cells(ofRow k: Int) -> Range<Int> {
        Int(rowFirst[k])..<(k + 1 < rowFirst.count ? Int(rowFirst[k + 1]) : cellEnd.count)
    }

    public func cellBytes(_ c: Int) -> Range<Int> { (c == 0 ? 0 : Int(cellEnd[c - 1]))..<Int(cellEnd[c]) }

    public struct Row: Sendable, Equatable {
        /// The row's number in Excel (1 for the first).
        public let number: Int
        /// The cells by column (0 = A); nil where the row has no cell.
        public let cells: [String?]
    }

    /// The rows as strings (for tests and the fuzz target; the loader reads the flat arrays).
    public var rows: [Row] {
        (0..<rowCount).map { k in
            var cells = [String?]()
            for c in self.cells(ofRow: k) {
                let col = Int(cellColumn[c])
                if cells.count <= col { cells += [String?](repeating: nil, count: col - cells.count + 1) }
                cells[col] = String(decoding: text[cellBytes(c)], as: UTF8.self)
            }
            return Row(number: Int(rowNumber[k]), cells: cells)
        }
    }
}

public enum XLSXError: Error, Equatable, Sendable {
    case notAWorkbook
    case missingPart(String)
    case tooLarge(part: String, bytes: UInt64, limit: UInt64)
    /// The part is not well-formed XML (or declares a document type), at this line of it.
    case badXML(part: String, line: Int)
    /// A cell refers to a shared string that does not exist, or comes left of the one before.
    case badCell(part: String, cell: String)
    case noSheet
    /// A part does not inflate to the size the archive's directory gives it.
    case sizeMismatch
}

public enum XLSX {
    public struct Limits: Sendable {
        /// The most one part may hold inflated.
        public var partBytes: UInt64 = 256 << 20
        /// The most all parts read may hold inflated together.
        public var totalBytes: UInt64 = 512 << 20
        public init() {}
    }

    /// Column letters of a 0-based column: 0 → A, 26 → AA.
    public static func columnName(_ index: Int) -> String {
        var n = index + 1, s = ""
        while n > 0 { let r = (n - 1) % 26; s = String(UnicodeScalar(UInt8(65 + r))) + s; n = (n - 1) / 26 }
        return s
    }

    public static func read(url: URL, preferring preferred: String? = nil, limits: Limits = Limits()) throws -> XLSXSheet {
        try read(path: url.path, preferring: preferred, limits: limits)
    }

    /// The sheet named `preferred` (any case), else the workbook's first sheet, of the
    /// workbook in `path`.
    public static func read(path: String, preferring preferred: String? = nil, limits: Limits = Limits()) throws -> XLSXSheet {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { throw XLSXError.notAWorkbook }
        defer { close(fd) }
        return try read(fileDescriptor: fd, preferring: preferred, limits: limits)
    }

    /// The same, of an open file (the loader's, checked to be a regular file of a bounded
    /// size): ZIPFoundation reads its directory through `/proc/self/fd`, the very file, and
    /// the parts are read from the descriptor.
    public static func read(fileDescriptor fd: Int32, preferring preferred: String? = nil, limits: Limits = Limits()) throws -> XLSXSheet {
        var st = stat()
        guard fstat(fd, &st) == 0, st.st_mode & S_IFMT == S_IFREG else { throw XLSXError.notAWorkbook }
        let fileSize = UInt64(st.st_size)
        let url = URL(fileURLWithPath: FileManager.default.fileExists(atPath: "/proc/self/fd/\(fd)") ? "/proc/self/fd/\(fd)" : "/dev/fd/\(fd)")
        // The file itself, not its bytes in memory: ZIPFoundation 0.9.20's in-memory archive
        // traps on a central directory that points past the end and leaks its file when the
        // end record is missing (both found by the fuzz target fuzz-xlsx); its file-backed
        // archive reads with fread, which stops at the end.
        let archive: Archive
        do { archive = try Archive(url: url, accessMode: .read, pathEncoding: nil) } catch { throw XLSXError.notAWorkbook }
        var budget = limits.totalBytes
        func part(_ path: String, required: Bool = true) throws -> [UInt8]? {
            guard let entry = archive[path], entry.type == .file else {
                if required { throw XLSXError.missingPart(path) }
                return nil
            }
            let bound = min(limits.partBytes, budget)
            guard entry.uncompressedSize <= bound else { throw XLSXError.tooLarge(part: path, bytes: entry.uncompressedSize, limit: bound) }
            let out = try Inflate.entry(entry, fd: fd, fileSize: fileSize)
            budget -= UInt64(out.count)
            return out
        }
        // The workbook: its sheets in order, and where each one's part is.
        let workbook = try Parts.workbook(try part("xl/workbook.xml")!)
        let rels = try Parts.relationships(try part("xl/_rels/workbook.xml.rels")!, part: "xl/_rels/workbook.xml.rels")
        guard !workbook.sheets.isEmpty else { throw XLSXError.noSheet }
        let chosen = preferred.flatMap { p in workbook.sheets.first { $0.name.lowercased() == p.lowercased() } } ?? workbook.sheets[0]
        guard let target = rels[chosen.relationship] else { throw XLSXError.missingPart("relationship \(chosen.relationship)") }
        let sheetPath = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
        let strings = try part("xl/sharedStrings.xml", required: false).map { try Parts.sharedStrings($0) } ?? Parts.Strings()
        let dateStyles = try part("xl/styles.xml", required: false).map { try Parts.dateStyles($0) } ?? []
        return try Parts.sheet(try part(sheetPath)!, name: chosen.name, part: sheetPath, strings: strings, dateStyles: dateStyles,
                               date1904: workbook.date1904, maxText: Int(min(limits.totalBytes, UInt64(Int32.max))))
    }
}

/// An entry's bytes, read from the file and inflated by zlib (Debian's), bounded both ways:
/// never more than the size the directory declares (already checked against the limit),
/// and an entry whose data do not inflate to exactly that size, or whose CRC differs, is
/// refused. Not ZIPFoundation's `extract`: on Linux its inflate loop never ends when a
/// deflate stream runs to the end of the file (Fuzz/regressions/xlsx-timeout-zipfoundation-inflate.xlsx),
/// and it hands zlib a whole buffer's length for a shorter last chunk.
enum Inflate {
    static func entry(_ entry: Entry, fd: Int32, fileSize: UInt64) throws -> [UInt8] {
        guard let offset = dataOffset(entry) else { throw XLSXError.notAWorkbook }
        let stored = !entry.isCompressed
        let size = Int(entry.uncompressedSize)
        let compressed = stored ? entry.uncompressedSize : entry.compressedSize
        guard offset <= fileSize, compressed <= fileSize - offset else { throw XLSXError.notAWorkbook }
        var input = [UInt8](repeating: 0, count: Int(compressed))
        var got = 0
        while got < input.count {
            let n = input.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + got, $0.count - got, off_t(offset) + off_t(got)) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw XLSXError.notAWorkbook }
            got += n
        }
        let out: [UInt8]
        if stored {
            out = input
        } else {
            var buffer = [UInt8](repeating: 0, count: size)
            var stream = z_stream()
            guard inflateInit2_(&stream, -MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else { throw XLSXError.notAWorkbook }
            defer { inflateEnd(&stream) }
            // One call: all the input, room for exactly the declared size. Z_STREAM_END only
            // when the stream ends within both; anything else (more output, truncated input,
            // bad data) is refused.
            let status = input.withUnsafeMutableBufferPointer { inp in
                buffer.withUnsafeMutableBufferPointer { outp -> Int32 in
                    stream.next_in = inp.baseAddress; stream.avail_in = uInt(inp.count)
                    stream.next_out = outp.baseAddress; stream.avail_out = uInt(outp.count)
                    return inflate(&stream, Z_FINISH)
                }
            }
            guard status == Z_STREAM_END, Int(stream.total_out) == size else {
                throw status == Z_BUF_ERROR || status == Z_OK ? XLSXError.sizeMismatch : XLSXError.notAWorkbook
            }
            out = buffer
        }
        let crc = out.withUnsafeBufferPointer { UInt32(crc32(0, $0.baseAddress, uInt($0.count))) }
        guard crc == entry.checksum else { throw XLSXError.notAWorkbook }
        return out
    }

    /// Where an entry's data start in the file. ZIPFoundation computes this (`Entry.dataOffset`)
    /// but keeps it internal; its parts are read here by reflection from the entry it parsed
    /// (the local header's offset and the lengths of its name and extra field). nil when a
    /// later ZIPFoundation names them otherwise, or for a ZIP64 offset (no workbook tertial
    /// reads is 4 GiB): the workbook is then refused, never misread.
    static func dataOffset(_ entry: Entry) -> UInt64? {
        func child(_ value: Any, _ label: String) -> Any? { Mirror(reflecting: value).children.first { $0.label == label }?.value }
        guard let directory = child(entry, "centralDirectoryStructure"), let local = child(entry, "localFileHeader"),
              let offset = child(directory, "relativeOffsetOfLocalHeader") as? UInt32, offset != .max,
              let name = child(local, "fileNameLength") as? UInt16, let extra = child(local, "extraFieldLength") as? UInt16 else { return nil }
        return UInt64(offset) + 30 + UInt64(name) + UInt64(extra)
    }
}

/// A scanner for the XML of a workbook's parts: start tags with their attributes, end tags,
/// text (entities decoded: the five predefined and character references), CDATA; comments
/// and processing instructions skipped; a document type declaration refused (no entity of
/// the file's own is ever expanded); every end tag must close the element open, and the
/// document must end with none open.
///
/// Hand-written, on purpose (issue 26): Foundation's `XMLParser` (libxml2, a String and a
/// dictionary per element) took 1.94 s for a sheet of 300 000 rows of four cells (52 MB of
/// XML) where the benchmark's reports are 324 000 rows and the target is the CSV time
/// (0.82 s for the whole generated dataset) times two; a scan of the same bytes costs
/// 0.03 s (docs/performance.md, "Issue 26"). It also keeps libxml2 and ICU out of every start.
struct XMLScan {
    let b: UnsafeBufferPointer<UInt8>
    let part: String

    /// A name or an attribute region, as a range of the bytes.
    typealias Span = Range<Int>

    func error(at i: Int) -> XLSXError {
        var line = 1
        for k in 0..<min(i, b.count) where b[k] == 10 { line += 1 }
        return .badXML(part: part, line: line)
    }

    /// The local name of a span (after the last `:`).
    @inline(__always) func local(_ s: Span) -> Span {
        var k = s.upperBound
        while k > s.lowerBound { if b[k - 1] == 58 { return k..<s.upperBound }; k -= 1 }
        return s
    }

    @inline(__always) func equals(_ s: Span, _ word: StaticString) -> Bool {
        guard s.count == word.utf8CodeUnitCount else { return false }
        let w = word.utf8Start
        for k in 0..<s.count where b[s.lowerBound + k] != w[k] { return false }
        return true
    }

    @inline(__always) static func isSpace(_ c: UInt8) -> Bool { c == 32 || c == 9 || c == 10 || c == 13 }

    /// An attribute's raw value (entities not yet decoded) by its local name.
    func attribute(_ attrs: Span, _ name: StaticString) -> Span? {
        var i = attrs.lowerBound
        let end = attrs.upperBound
        while i < end {
            while i < end && XMLScan.isSpace(b[i]) { i += 1 }
            let n0 = i
            while i < end && b[i] != 61 && !XMLScan.isSpace(b[i]) { i += 1 }
            let n = n0..<i
            while i < end && b[i] != 34 && b[i] != 39 { i += 1 }
            guard i < end else { return nil }
            let q = b[i]; i += 1
            let v0 = i
            while i < end && b[i] != q { i += 1 }
            if !n.isEmpty, equals(local(n), name) { return v0..<i }
            i += 1
        }
        return nil
    }

    /// Appends the text of a span with its entities decoded; false for an unknown entity.
    func decode(_ s: Span, into out: inout [UInt8]) -> Bool {
        var i = s.lowerBound
        while i < s.upperBound {
            let c = b[i]
            if c != 38 { out.append(c); i += 1; continue }
            var j = i + 1
            while j < s.upperBound && b[j] != 59 && j - i < 12 { j += 1 }
            guard j < s.upperBound, b[j] == 59 else { return false }
            let name = (i + 1)..<j
            if equals(name, "lt") { out.append(60) } else if equals(name, "gt") { out.append(62) }
            else if equals(name, "amp") { out.append(38) } else if equals(name, "quot") { out.append(34) }
            else if equals(name, "apos") { out.append(39) }
            else if name.count >= 2, b[name.lowerBound] == 35 {
                var v: UInt32 = 0
                let hex = b[name.lowerBound + 1] | 0x20 == 120
                for k in (name.lowerBound + (hex ? 2 : 1))..<name.upperBound {
                    let d = b[k]
                    let digit: UInt32
                    switch d {
                    case 48...57: digit = UInt32(d - 48)
                    case 97...102 where hex: digit = UInt32(d - 87)
                    case 65...70 where hex: digit = UInt32(d - 55)
                    default: return false
                    }
                    v = v * (hex ? 16 : 10) + digit
                    if v > 0x10FFFF { return false }
                }
                guard let scalar = Unicode.Scalar(v) else { return false }
                out.append(contentsOf: Array(String(Character(scalar)).utf8))
            } else { return false }
            i = j + 1
        }
        return true
    }

    func string(_ s: Span) -> String? {
        var out = [UInt8]()
        out.reserveCapacity(s.count)
        return decode(s, into: &out) ? String(decoding: out, as: UTF8.self) : nil
    }

    /// Reads the part: `start(name, attributes)` (local name), `end(name)`, `text(span, raw)`
    /// (raw: CDATA, not to be decoded). Text outside the root element is not passed on.
    func run(start: (Span, Span) throws -> Void, end: (Span) throws -> Void, text: (Span, Bool) throws -> Void) throws {
        let n = b.count
        var i = 0
        var open = [Span]() // the qualified names of the elements open
        var rootSeen = false
        @inline(__always) func find(_ a: UInt8, _ c: UInt8, from k: Int) -> Int? {
            var k = k
            while k + 1 < n { if b[k] == a && b[k + 1] == c { return k }; k += 1 }
            return nil
        }
        while i < n {
            if b[i] != 60 {
                let t0 = i
                while i < n && b[i] != 60 { i += 1 }
                if !open.isEmpty { try text(t0..<i, false) }
                else { for k in t0..<i where !XMLScan.isSpace(b[k]) { throw error(at: k) } }
                continue
            }
            guard i + 1 < n else { throw error(at: i) }
            switch b[i + 1] {
            case 63: // <? … ?>
                guard let e = find(63, 62, from: i + 2) else { throw error(at: i) }
                i = e + 2
            case 33: // <!-- … -->, <![CDATA[ … ]]>, <!DOCTYPE (refused)
                if i + 3 < n, b[i + 2] == 45, b[i + 3] == 45 {
                    var k = i + 4
                    while k + 2 < n && !(b[k] == 45 && b[k + 1] == 45 && b[k + 2] == 62) { k += 1 }
                    guard k + 2 < n else { throw error(at: i) }
                    i = k + 3
                } else if i + 8 < n, equals((i + 2)..<(i + 9), "[CDATA[") {
                    var k = i + 9
                    while k + 2 < n && !(b[k] == 93 && b[k + 1] == 93 && b[k + 2] == 62) { k += 1 }
                    guard k + 2 < n, !open.isEmpty else { throw error(at: i) }
                    try text((i + 9)..<k, true)
                    i = k + 3
                } else { throw error(at: i) }
            case 47: // </name>
                var k = i + 2
                while k < n && b[k] != 62 { k += 1 }
                guard k < n, let top = open.popLast() else { throw error(at: i) }
                var e = k
                while e > i + 2 && XMLScan.isSpace(b[e - 1]) { e -= 1 }
                let name = (i + 2)..<e
                guard name.count == top.count, zip(name, top).allSatisfy({ b[$0] == b[$1] }) else { throw error(at: i) }
                try end(local(name))
                i = k + 1
            default: // <name attributes> or <name attributes/>
                guard open.isEmpty ? !rootSeen : true else { throw error(at: i) }
                var k = i + 1
                while k < n && !XMLScan.isSpace(b[k]) && b[k] != 62 && b[k] != 47 { k += 1 }
                let name = (i + 1)..<k
                guard !name.isEmpty else { throw error(at: i) }
                let a0 = k
                var quote: UInt8 = 0
                while k < n {
                    let c = b[k]
                    if quote != 0 { if c == quote { quote = 0 } } else if c == 34 || c == 39 { quote = c } else if c == 62 || c == 60 { break }
                    k += 1
                }
                guard k < n, b[k] == 62 else { throw error(at: i) }
                let selfClosing = b[k - 1] == 47 && k - 1 >= a0
                try start(local(name), a0..<(selfClosing ? k - 1 : k))
                if selfClosing { try end(local(name)) } else { open.append(name) }
                if open.isEmpty || (open.count == 1 && !selfClosing) { rootSeen = true }
                i = k + 1
            }
        }
        guard open.isEmpty, rootSeen else { throw error(at: n) }
    }
}

extension Double {
    /// ⌊log10 |x|⌋ for a finite x other than 0.
    var log10Floor: Double { Foundation.log10(Swift.abs(self)).rounded(.down) }
}

/// The XML parts of a workbook, each read by one pass of `XMLScan`.
enum Parts {
    struct Workbook { var sheets: [(name: String, relationship: String)] = []; var date1904 = false }

    static func scan<T>(_ data: [UInt8], part: String, _ body: (XMLScan) throws -> T) throws -> T {
        try data.withUnsafeBufferPointer { try body(XMLScan(b: $0, part: part)) }
    }

    static func workbook(_ data: [UInt8]) throws -> Workbook {
        var w = Workbook()
        try scan(data, part: "xl/workbook.xml") { x in
            try x.run(start: { name, a in
                if x.equals(name, "sheet"), let n = x.attribute(a, "name").flatMap(x.string), let id = x.attribute(a, "id").flatMap(x.string) {
                    w.sheets.append((n, id))
                }
                if x.equals(name, "workbookPr"), let d = x.attribute(a, "date1904").flatMap(x.string) { w.date1904 = d == "1" || d == "true" }
            }, end: { _ in }, text: { _, _ in })
        }
        return w
    }

    static func relationships(_ data: [UInt8], part: String) throws -> [String: String] {
        var out = [String: String]()
        try scan(data, part: part) { x in
            try x.run(start: { name, a in
                if x.equals(name, "Relationship"), let id = x.attribute(a, "Id").flatMap(x.string), let t = x.attribute(a, "Target").flatMap(x.string) {
                    out[id] = t
                }
            }, end: { _ in }, text: { _, _ in })
        }
        return out
    }

    /// The shared strings, flat: each `si`'s text (its runs `r/t` joined; phonetic runs left
    /// out) as a range of `bytes`.
    struct Strings { var bytes = [UInt8](); var ends = [Int32]()
        var count: Int { ends.count }
        func range(_ k: Int) -> Range<Int> { (k == 0 ? 0 : Int(ends[k - 1]))..<Int(ends[k]) }
    }

    static func sharedStrings(_ data: [UInt8]) throws -> Strings {
        var out = Strings()
        out.bytes.reserveCapacity(data.count / 2)
        var inText = false, phonetic = 0
        try scan(data, part: "xl/sharedStrings.xml") { x in
            try x.run(start: { name, _ in
                if x.equals(name, "t") { inText = phonetic == 0 } else if x.equals(name, "rPh") { phonetic += 1 }
            }, end: { name in
                if x.equals(name, "si") { out.ends.append(Int32(out.bytes.count)) }
                else if x.equals(name, "t") { inText = false } else if x.equals(name, "rPh") { phonetic -= 1 }
            }, text: { span, raw in
                guard inText else { return }
                if raw { out.bytes.append(contentsOf: x.b[span]) } else if !x.decode(span, into: &out.bytes) { throw x.error(at: span.lowerBound) }
            })
        }
        guard out.bytes.count < Int(Int32.max) else { throw XLSXError.tooLarge(part: "xl/sharedStrings.xml", bytes: UInt64(out.bytes.count), limit: UInt64(Int32.max)) }
        return out
    }

    /// The cell styles (`cellXfs`, by index) whose number format is a date.
    static func dateStyles(_ data: [UInt8]) throws -> [Bool] {
        var custom = [Int: String](), xfs = [Int](), inXfs = false
        try scan(data, part: "xl/styles.xml") { x in
            try x.run(start: { name, a in
                if x.equals(name, "numFmt"), let id = x.attribute(a, "numFmtId").flatMap(x.string).flatMap({ Int($0) }),
                   let code = x.attribute(a, "formatCode").flatMap(x.string) { custom[id] = code }
                if x.equals(name, "cellXfs") { inXfs = true }
                if x.equals(name, "xf"), inXfs { xfs.append(x.attribute(a, "numFmtId").flatMap(x.string).flatMap { Int($0) } ?? 0) }
            }, end: { name in if x.equals(name, "cellXfs") { inXfs = false } }, text: { _, _ in })
        }
        return xfs.map { id in
            if (14...22).contains(id) || (45...47).contains(id) { return true }
            guard let code = custom[id] else { return false }
            // A custom format is a date when it has day, month or year codes outside quotes
            // and brackets (`[Red]`, `"kr"`).
            var inQuote = false, inBracket = false
            for ch in code.lowercased() {
                if ch == "\"" { inQuote.toggle(); continue }
                if ch == "[" { inBracket = true } else if ch == "]" { inBracket = false }
                if !inQuote && !inBracket && (ch == "d" || ch == "y" || ch == "m") { return true }
            }
            return false
        }
    }

    /// The rows of a worksheet part as text: shared and inline strings as written, numbers as
    /// written (`12`, `12.5`; an exponent written out: `1E-3` → `0.001`), numbers in a date
    /// style as ISO dates, booleans as `true`/`false`, errors as written (`#N/A`), a formula
    /// as its cached value. `maxText` bounds the cells' text together (one shared string
    /// referred to by every cell cannot grow without bound).
    static func sheet(_ data: [UInt8], name: String, part: String, strings: Strings, dateStyles: [Bool], date1904: Bool, maxText: Int) throws -> XLSXSheet {
        var out = XLSXSheet(name: name)
        out.text.reserveCapacity(data.count / 4)
        out.cellEnd.reserveCapacity(data.count / 40); out.cellColumn.reserveCapacity(data.count / 40)
        var rowNumber = 0, rowStarted = false, column = -1, lastColumn = -1
        // The cell open: its type (s, inlineStr, str, e, b, n), style and value's bytes.
        var type: UInt8 = 110, style = 0, inValue = false, inInline = false, inCell = false
        var value = [UInt8](), cellRef: XMLScan.Span? = nil
        try scan(data, part: part) { x in
            func ref() -> String { cellRef.flatMap(x.string) ?? XLSX.columnName(max(column, 0)) + String(rowNumber) }
            try x.run(start: { name, a in
                switch name.count {
                case 1 where x.b[name.lowerBound] == 99: // c
                    inCell = true
                    cellRef = x.attribute(a, "r")
                    if let r = cellRef, let c = Parts.column(x.b[r]) {
                        guard c > lastColumn else { throw XLSXError.badCell(part: part, cell: ref()) }
                        column = c
                    } else { column = lastColumn + 1 }
                    if let t = x.attribute(a, "t") {
                        if x.equals(t, "s") { type = 115 } else if x.equals(t, "inlineStr") { type = 105 } else if x.equals(t, "b") { type = 98 }
                        else if x.equals(t, "n") { type = 110 } else if x.equals(t, "d") { type = 100 }
                        else { type = 116 } // str, e: as written
                    } else { type = 110 }
                    style = 0
                    if let s = x.attribute(a, "s") { for k in s { let d = x.b[k]; if d >= 48 && d <= 57, style < 1 << 20 { style = style * 10 + Int(d - 48) } } }
                    value.removeAll(keepingCapacity: true)
                case 1 where x.b[name.lowerBound] == 118: inValue = inCell // v
                case 1 where x.b[name.lowerBound] == 116: inInline = inCell && type == 105 // t
                case 3 where x.equals(name, "row"):
                    if let r = x.attribute(a, "r") {
                        var n = 0
                        for k in r { let d = x.b[k]; guard d >= 48 && d <= 57, n < 1 << 24 else { throw x.error(at: r.lowerBound) }; n = n * 10 + Int(d - 48) }
                        guard n > rowNumber else { throw x.error(at: r.lowerBound) }
                        rowNumber = n
                    } else { rowNumber += 1 }
                    rowStarted = false; lastColumn = -1; column = -1
                default: break
                }
            }, end: { name in
                switch name.count {
                case 1 where x.b[name.lowerBound] == 118: inValue = false
                case 1 where x.b[name.lowerBound] == 116: inInline = false
                case 1 where x.b[name.lowerBound] == 99:
                    inCell = false
                    lastColumn = column
                    let before = out.text.count
                    switch type {
                    case 115: // a shared string
                        var k = 0
                        for d in value { guard d >= 48 && d <= 57, k < 1 << 30 else { throw XLSXError.badCell(part: part, cell: ref()) }; k = k * 10 + Int(d - 48) }
                        guard !value.isEmpty, k < strings.count else { throw XLSXError.badCell(part: part, cell: ref()) }
                        out.text.append(contentsOf: strings.bytes[strings.range(k)])
                    case 98: // a boolean
                        if value == [49] { out.text.append(contentsOf: [116, 114, 117, 101]) }
                        else if value == [48] { out.text.append(contentsOf: [102, 97, 108, 115, 101]) }
                        else { out.text.append(contentsOf: value) }
                    case 110: // a number
                        if value.isEmpty { return }
                        // Digits, a point and a sign as written, up to 15 digits; anything else
                        // (an exponent, 17 digits of a binary fraction) through `number`.
                        var digits = 0
                        let plain = value.allSatisfy { b in
                            if b >= 48 && b <= 57 { digits += 1; return true }
                            return b == 46 || b == 45
                        } && digits <= 15
                        if plain, !(dateStyles.indices.contains(style) && dateStyles[style]) {
                            out.text.append(contentsOf: value)
                        } else if let d = Double(String(decoding: value, as: UTF8.self)) {
                            let shown = dateStyles.indices.contains(style) && dateStyles[style] ? Parts.isoDate(serial: d, date1904: date1904) ?? Parts.number(d) : Parts.number(d)
                            out.text.append(contentsOf: Array(shown.utf8))
                        } else { out.text.append(contentsOf: value) }
                    case 100: // an ISO 8601 date (strict OOXML): its day, without a time
                        if let t = value.firstIndex(of: 84), t == 10 { out.text.append(contentsOf: value[..<t]) } else { out.text.append(contentsOf: value) }
                    default: out.text.append(contentsOf: value) // inline, str, e
                    }
                    if out.text.count == before { return } // an empty cell is no cell
                    guard out.text.count <= maxText else { throw XLSXError.tooLarge(part: part, bytes: UInt64(out.text.count), limit: UInt64(maxText)) }
                    if !rowStarted { rowStarted = true; out.rowFirst.append(Int32(out.cellEnd.count)); out.rowNumber.append(Int32(rowNumber)) }
                    out.cellEnd.append(Int32(out.text.count)); out.cellColumn.append(Int32(column))
                default: break
                }
            }, text: { span, raw in
                guard inValue || inInline else { return }
                if raw { value.append(contentsOf: x.b[span]) } else if !x.decode(span, into: &value) { throw x.error(at: span.lowerBound) }
            })
        }
        return out
    }

    /// The column of a cell reference: `C14` → 2.
    static func column(_ ref: some Collection<UInt8>) -> Int? {
        var n = 0, any = false
        for u in ref {
            guard u >= 65 && u <= 90 else { break }
            n = n * 26 + Int(u - 64); any = true
            if n > 16_384 { return nil }
        }
        return any ? n - 1 : nil
    }

    static func column(_ ref: String) -> Int? { column(Array(ref.utf8)) }

    /// A number to 15 significant digits, as Excel shows and keeps them (a writer may store
    /// 0.38799999999999996 for 0.388, or `1.2E-2`); whole numbers without a point, and no
    /// exponent (the CSV number reader takes none): `0.00001`.
    /// At most 15 digits in all, leading zeros included (the CSV reader's bound): 0.0123…
    /// keeps 13 significant digits.
    static func number(_ d: Double) -> String {
        if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
        let magnitude = Int(d.log10Floor)
        // Digits before the point (at least the 0), then as many after as 15 leave.
        let decimals = max(0, 15 - max(1, magnitude + 1))
        var s = String(format: "%.\(decimals)f", d)
        if s.contains(".") {
            while s.hasSuffix("0") { s.removeLast() }
            if s.hasSuffix(".") { s.removeLast() }
        }
        return s == "-0" ? "0" : s
    }

    /// An Excel serial day as an ISO date: in the 1900 system day 1 is 1900-01-01 and day 60
    /// the 29 February 1900 that never was (Lotus's error, kept by Excel); in the 1904 system
    /// day 0 is 1904-01-01. A time of day is dropped; nil outside 1900–9999.
    static func isoDate(serial: Double, date1904: Bool) -> String? {
        guard serial.isFinite, abs(serial) < 1e7 else { return nil }
        let whole = Int(serial.rounded(.down))
        guard whole >= 1 || date1904 else { return nil }
        // Days since 1970-01-01 of 1899-12-30 (the 1900 system, from day 61 on) and 1904-01-01.
        let days = date1904 ? -24_107 + whole : -25_569 + (whole < 61 ? whole + 1 : whole)
        let (y, m, d) = civil(days)
        guard (1900...9999).contains(y) else { return nil }
        return String(format: "%04d-%02d-%02d", y, m, d)
    }

    /// The proleptic Gregorian date of a day number (days since 1970-01-01); H. Hinnant's
    /// `civil_from_days`.
    static func civil(_ z0: Int) -> (Int, Int, Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}
