import FuzzDriver
import Model

/// libFuzzer entry: any bytes as an .xlsx workbook.
/// Built and run by scripts/fuzz.sh; see docs/reliability.md.
@_cdecl("LLVMFuzzerTestOneInput")
public func one(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let data else { return 0 }
    FuzzEntry.xlsx(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}

/// The executable's entry (SwiftPM names it after the target) hands over to libFuzzer.
@_cdecl("fuzz_xlsx_main")
public func fuzzXLSXMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    var c = argc, v = argv
    return LLVMFuzzerRunDriver(&c, &v, one)
}
