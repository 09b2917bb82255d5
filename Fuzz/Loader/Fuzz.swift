import FuzzDriver
import Model

/// libFuzzer entry: the whole loader and engine on a data directory written from the input
/// (a copy of a small valid dataset with one file replaced by the input; the first byte
/// chooses which).
@_cdecl("LLVMFuzzerTestOneInput")
public func one(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let data else { return 0 }
    FuzzEntry.directory(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}

/// The executable's entry (SwiftPM names it after the target) hands over to libFuzzer.
@_cdecl("fuzz_loader_main")
public func fuzzLoaderMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    var c = argc, v = argv
    return LLVMFuzzerRunDriver(&c, &v, one)
}
