import Spreadsheet

/// Where a workbook's rows and cells are: its sheet's name and header, so that every
/// diagnostic about it, the parsers' and the checks' across files alike, is located at a
/// cell (`reports/2020-T3.xlsx!Ark1:C14`, `Loader.locate`).
struct SheetLocation: Sendable, Equatable {
    let name: String
    let header: [String]
}

extension CSVTable {
    /// A sheet of a workbook as the CSV parsers read it (issue 26): its first row with a cell
    /// is the header, each later row a record at its Excel row number, each cell the field of
    /// its column (a cell left out is an empty field). Numbers read as the decimal point
    /// writes them (the `;` rules: `12,5` typed as text reads too). What CSV refuses, a sheet
    /// refuses alike, located at the row: a cell right of the header (an error naming its
    /// column), a cell past the columns tertial reads (the row is not read). Every cell is
    /// looked at for a national identity number (also one stored as a number, its leading 0
    /// lost): such a row is not read and the number never shown.
    static func from(sheet: XLSXSheet, file: String) -> CSVTable {
        var header: [String]? = nil
        var headerLine = 1
        var problems = [CSVProblem]()
        var fStart = [Int32](), fEnd = [Int32](), rFirst = [Int32](), rLine = [Int32]()
        fStart.reserveCapacity(sheet.cellEnd.count); fEnd.reserveCapacity(sheet.cellEnd.count)
        rFirst.reserveCapacity(sheet.rowCount); rLine.reserveCapacity(sheet.rowCount)
        let text = sheet.text
        text.withUnsafeBufferPointer { b in
            func isBlank(_ r: Range<Int>) -> Bool { r.allSatisfy { b[$0] == 32 || b[$0] == 9 } }
            rows: for k in 0..<sheet.rowCount {
                let cells = sheet.cells(ofRow: k)
                let line = Int(sheet.rowNumber[k])
                guard cells.contains(where: { !isBlank(sheet.cellBytes($0)) }) else { continue }
                guard let names = header else {
                    var h = [String]()
                    for c in cells {
                        let col = Int(sheet.cellColumn[c])
                        guard col < CSVTable.maxFieldsPerRow else {
                            problems.append(CSVProblem(line: line, kind: .cellTooFarRight(column: col)))
                            break
                        }
                        while h.count < col { h.append("") }
                        h.append(String(decoding: UnsafeBufferPointer(rebasing: b[sheet.cellBytes(c)]), as: UTF8.self).trimmingSpaces.lowercased())
                    }
                    header = h
                    headerLine = line
                    continue
                }
                var outside: CSVProblem? = nil
                for c in cells {
                    let col = Int(sheet.cellColumn[c]), r = sheet.cellBytes(c)
                    if col >= CSVTable.maxFieldsPerRow {
                        problems.append(CSVProblem(line: line, kind: .cellTooFarRight(column: col)))
                        continue rows
                    }
                    if CSVTable.mayHoldIdentityNumber(b, r) {
                        problems.append(CSVProblem(line: line, kind: .identityNumber(column: col)))
                        continue rows
                    }
                    if col >= names.count, outside == nil, !isBlank(r) {
                        outside = CSVProblem(line: line, kind: .cellOutsideHeader(column: col, header: names.count,
                                                                                  text: String(decoding: UnsafeBufferPointer(rebasing: b[r]), as: UTF8.self).trimmingSpaces))
                    }
                }
                if let outside { problems.append(outside) }
                rFirst.append(Int32(fStart.count)); rLine.append(Int32(line))
                var next = 0
                for c in cells {
                    let col = Int(sheet.cellColumn[c]), r = sheet.cellBytes(c)
                    while next < col { fStart.append(0); fEnd.append(0); next += 1 } // a cell left out
                    fStart.append(Int32(r.lowerBound)); fEnd.append(Int32(r.upperBound)); next += 1
                }
            }
        }
        return CSVTable(file: file, delimiter: UInt8(ascii: ";"), header: header ?? [], headerLine: headerLine, decodedAsWindows1252: false,
                         problems: problems, lastColumnTakesRest: false, storage: text, fieldStart: fStart, fieldEnd: fEnd, rowFirst: rFirst, rowLine: rLine)
    }

    /// Whether a cell's bytes hold a national identity number: the bytes first (ten digits
    /// at least, else none can), then `IdentityNumber` on the text, and on the text with a 0
    /// in front when it is ten digits (a number cell drops the leading 0 of 01017012343).
    static func mayHoldIdentityNumber(_ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Bool {
        var digits = 0
        for k in r where b[k] >= 48 && b[k] <= 57 { digits += 1 }
        guard digits >= 10 else { return false }
        let s = String(decoding: UnsafeBufferPointer(rebasing: b[r]), as: UTF8.self)
        if IdentityNumber.isIn(s) { return true }
        return r.count == 10 && digits == 10 && IdentityNumber.isIn("0" + s)
    }
}
