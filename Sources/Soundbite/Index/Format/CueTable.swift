/// The `cues` section (kind 10): one ``CueRecord`` per cue, the cues of a
/// document consecutive, as ``PackedColumns`` of five columns:
///
///     cue := kind · start · end · textStart · firstPosition
///
/// `kind` 0: `start` is the start time in whole milliseconds (a signed
/// 64-bit two's-complement value) and `end` the end minus the start in
/// milliseconds; the times are `Double(ms) / 1000`. The writer uses it when
/// both times are exactly that, which every parser's millisecond times are.
/// `kind` 1: `start` and `end` are the times' `f64` bit patterns (any other
/// time, stored as it is). `textStart` is the byte offset of the cue's text
/// in its document's text, `firstPosition` the position of its first token.
struct CueTable {
    /// Columns of the packed table.
    static let columns = 5

    /// Number of cues.
    let count: Int
    private let table: PackedColumns

    /// A view of the section, which must hold the block headers of `count` cues.
    init(_ section: UnsafeRawBufferPointer, count: Int) throws(StorageError) {
        table = try PackedColumns(section, rows: count, columns: Self.columns, name: "cues")
        self.count = count
    }

    /// Cue `i` (all zero out of range). Times out of any sane range (NaN,
    /// infinite, beyond ~31 years) can only come from damage; they read as 0,
    /// so that formatting them never traps.
    func cue(_ i: Int) -> CueRecord {
        guard i >= 0, i < count else { return CueRecord(start: 0, end: 0, textStart: 0, firstPosition: 0) }
        let a = table.value(1, row: i), b = table.value(2, row: i)
        let start: Double, end: Double
        if table.value(0, row: i) == 0 {
            start = Double(Int64(bitPattern: a)) / 1000
            end = Double(Int64(bitPattern: a &+ b)) / 1000
        } else {
            start = Double(bitPattern: a)
            end = Double(bitPattern: b)
        }
        func sane(_ t: Double) -> Double { t.isFinite && abs(t) < 1e9 ? t : 0 }
        return CueRecord(start: sane(start), end: sane(end),
                         textStart: UInt32(truncatingIfNeeded: table.value(3, row: i)),
                         firstPosition: UInt32(truncatingIfNeeded: table.value(4, row: i)))
    }

    /// The position of cue `i`'s first token (0 out of range), without the rest of the record.
    @inline(__always)
    func firstPosition(_ i: Int) -> UInt32 {
        guard i >= 0, i < count else { return 0 }
        return UInt32(truncatingIfNeeded: table.value(4, row: i))
    }

    /// Appends the first positions of cues `range` to `out` (``firstPosition(_:)``
    /// of each, one block header read per block of the table).
    @inline(__always)
    func appendFirstPositions(_ range: Range<Int>, to out: inout [UInt32]) {
        table.forEach(4, rows: range) { out.append(UInt32(truncatingIfNeeded: $0)) }
    }

    /// The cues `start..<start + count` (empty when the range is outside the table).
    func cues(from start: UInt32, count n: UInt32) -> [CueRecord] {
        guard UInt64(start) + UInt64(n) <= UInt64(count) else { return [] }
        return (Int(start)..<Int(start) + Int(n)).map(cue)
    }

    /// The byte ranges of the section that reading cues `range` touches (for the page check).
    func byteRanges(of range: Range<Int>) -> [Range<Int>] {
        let r = table.byteRanges(rows: range)
        return [r.headers, r.data]
    }

    /// `t` in whole milliseconds, when `Double(ms) / 1000` gives back exactly `t`.
    static func milliseconds(_ t: Double) -> Int64? {
        guard t.isFinite, abs(t) < 1e12 else { return nil }
        let ms = Int64((t * 1000).rounded())
        return (Double(ms) / 1000).bitPattern == t.bitPattern ? ms : nil
    }

    /// The section for `cues`, in order.
    static func encode(_ cues: [CueRecord]) -> [UInt8] {
        var encoder = Encoder()
        for c in cues { encoder.append(c) }
        return encoder.finish()
    }

    /// Encodes the section one cue at a time.
    struct Encoder {
        private var table = PackedColumns.Encoder(columns: CueTable.columns)
        private var row = [UInt64](repeating: 0, count: CueTable.columns)

        /// An empty section.
        init() {}

        /// Appends the next cue.
        mutating func append(_ c: CueRecord) {
            if let s = milliseconds(c.start), let e = milliseconds(c.end) {
                row[0] = 0
                row[1] = UInt64(bitPattern: s)
                row[2] = UInt64(bitPattern: e) &- UInt64(bitPattern: s)
            } else {
                row[0] = 1
                row[1] = c.start.bitPattern
                row[2] = c.end.bitPattern
            }
            row[3] = UInt64(c.textStart)
            row[4] = UInt64(c.firstPosition)
            table.append(row)
        }

        /// The whole section.
        mutating func finish() -> [UInt8] { table.finish() }
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
