/// The `cues` section (kind 10): one ``CueRecord`` of ``recordSize`` bytes per
/// cue, the cues of a document consecutive.
///
///     cue := start f64 · end f64 · textStart u32 · firstPosition u32
///
/// `textStart` is the byte offset of the cue's text in its document's text,
/// `firstPosition` the position of its first token.
struct CueTable {
    /// Bytes per cue record.
    static let recordSize = 24

    /// Number of cues.
    let count: Int
    private let records: UnsafeRawBufferPointer

    /// A view of the section, which must hold exactly `count` cues.
    init(_ section: UnsafeRawBufferPointer, count: Int) throws(StorageError) {
        guard count >= 0, section.count / Self.recordSize == count, section.count % Self.recordSize == 0 else {
            throw .corrupt(path: "", detail: "the cues section does not hold \(count) cues")
        }
        self.count = count
        records = section
    }

    /// Cue `i` (all zero out of range). Times out of any sane range (NaN,
    /// infinite, beyond ~31 years) can only come from damage; they read as 0,
    /// so that formatting them never traps.
    func cue(_ i: Int) -> CueRecord {
        guard i >= 0, i < count else { return CueRecord(start: 0, end: 0, textStart: 0, firstPosition: 0) }
        let p = records.baseAddress! + i * Self.recordSize
        func time(_ offset: Int) -> Double {
            let t = Double(bitPattern: UInt64(littleEndian: p.loadUnaligned(fromByteOffset: offset, as: UInt64.self)))
            return t.isFinite && abs(t) < 1e9 ? t : 0
        }
        return CueRecord(start: time(0), end: time(8),
                         textStart: UInt32(littleEndian: p.loadUnaligned(fromByteOffset: 16, as: UInt32.self)),
                         firstPosition: UInt32(littleEndian: p.loadUnaligned(fromByteOffset: 20, as: UInt32.self)))
    }

    /// The cues `start..<start + count` (empty when the range is outside the table).
    func cues(from start: UInt32, count n: UInt32) -> [CueRecord] {
        guard UInt64(start) + UInt64(n) <= UInt64(count) else { return [] }
        return (Int(start)..<Int(start) + Int(n)).map(cue)
    }

    /// The section for `cues`, in order.
    static func encode(_ cues: [CueRecord]) -> [UInt8] {
        var w = ByteWriter()
        for c in cues { w.f64(c.start); w.f64(c.end); w.u32(c.textStart); w.u32(c.firstPosition) }
        return w.bytes
    }
}

/// One cue inside a document: its time range, where its text starts in the
/// document text, and the position of its first token.
struct CueRecord: Sendable, Hashable {
    var start: Double
    var end: Double
    var textStart: UInt32
    var firstPosition: UInt32
}
