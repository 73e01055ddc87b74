/// A 64-bit FNV-1a hash, used to tell whether an interview's inputs changed.
struct ContentHash: Sendable, Hashable {
    /// The hash of everything combined so far.
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    private static let prime: UInt64 = 0x0000_0100_0000_01B3

    /// A hash of nothing.
    init() {}

    /// Mixes in bytes.
    mutating func combine(_ bytes: UnsafeBufferPointer<UInt8>) {
        var h = value
        for b in bytes { h = (h ^ UInt64(b)) &* Self.prime }
        value = h
    }

    /// Mixes in bytes.
    mutating func combine(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { combine($0) }
    }

    /// Mixes in a string's UTF-8.
    mutating func combine(_ text: String) {
        combine(Array(text.utf8))
    }

    /// Mixes in a 64-bit number (little-endian bytes); used as a length prefix
    /// so that the parts of a hash cannot run into each other.
    mutating func combine(_ number: UInt64) {
        var h = value
        for shift in stride(from: 0, to: 64, by: 8) {
            h = (h ^ ((number >> UInt64(shift)) & 0xFF)) &* Self.prime
        }
        value = h
    }
}

extension ContentHash {
    /// The content hash of an interview's inputs, as ``SourceFingerprint/hash``
    /// stores it: the transcript bytes, the chapter track's bytes (or a marker
    /// for none), and the hash of its manifest entry. Ingest computes it while
    /// reading; an index update computes it from the files alone, to tell a
    /// touched file from a changed one.
    static func interview(transcript: [UInt8], chapterTrack: [UInt8]?, manifestHash: UInt64) -> UInt64 {
        var hash = ContentHash()
        hash.combine(UInt64(transcript.count))
        hash.combine(transcript)
        if let chapterTrack {
            hash.combine(UInt64(chapterTrack.count))
            hash.combine(chapterTrack)
        } else {
            hash.combine(UInt64.max)
        }
        hash.combine(manifestHash)
        return hash.value
    }
}

