// libFuzzer entry point for the fcpxml fuzz target (the FCPXML cut reader). Not part of Package.swift:
// Benchmarks/fuzz.sh builds it with swiftc against the library and the test support.
// The work is FuzzEntryPoints.cut(_:_:), which FuzzRegressionTests replays.
import Soundbite
import SoundbiteTestSupport

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = size == 0 ? [] : Array(UnsafeBufferPointer(start: data, count: size))
    FuzzEntryPoints.cut(bytes, .fcpxml)
    return 0
}
