/// SplitMix64: a small, fast, seedable generator, so randomised tests,
/// fuzz harnesses, scaled corpora and query mixes are the same on every run
/// and every machine. Not for anything that needs unpredictability.
package struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// Starts the sequence at `seed`.
    package init(seed: UInt64) { state = seed }

    /// Starts the sequence at `state` (the same as `init(seed:)`).
    package init(state: UInt64) { self.state = state }

    /// The next 64 random bits.
    package mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
