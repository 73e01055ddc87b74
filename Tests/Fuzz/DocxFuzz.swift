// libFuzzer entry point for the docx fuzz target. Not part of Package.swift:
// Benchmarks/fuzz.sh builds it with swiftc against the library.
// The work is FuzzEntryPoints.docx(_:), which FuzzRegressionTests replays.
import Soundbite

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = size == 0 ? [] : Array(UnsafeBufferPointer(start: data, count: size))
    FuzzEntryPoints.docx(bytes)
    return 0
}
