// libFuzzer entry point for the HTTP request fuzz target (`soundbite serve`). Not part of Package.swift:
// Benchmarks/fuzz.sh builds it with swiftc against the library and the test support.
// The work is FuzzEntryPoints.httpRequest(_:), which FuzzRegressionTests replays.
import SoundbiteTestSupport

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = size == 0 ? [] : Array(UnsafeBufferPointer(start: data, count: size))
    FuzzEntryPoints.httpRequest(bytes)
    return 0
}
