/// A table of rows of `columns` unsigned 64-bit values, stored in blocks of
/// ``blockRows`` rows, each column frame-of-reference coded per block: the
/// block keeps the column's smallest value (`base`) and the fewest bits that
/// hold every `value − base` of the block (`bits`, 0…64), and the rows of the
/// block are bit-packed one after another (row-major), so any row is read in
/// O(1) (its block's header, then one bit-field per column). The layout of
/// `docs`, `cues` and `termInfo` since format 4 (FORMAT.md, "Packed columns").
///
///     section := header[blockCount] · data
///     header  := dataOffset u32 · bits u8[columns] · base u64[columns]      4 + 9·columns bytes
///
/// Block `b` holds rows `b·128 ..< min((b+1)·128, rows)`; `blockCount` =
/// ⌈rows / 128⌉ follows from the row count (which the `meta` section holds).
/// `dataOffset` is where the block's bits start, in bytes from the start of
/// `data`; row `j` of the block starts at bit `j · rowBits` (`rowBits` = Σ
/// `bits`), its columns in order, each value low bit first in the
/// little-endian bit stream. A block's bits take ⌈rowsInBlock · rowBits / 8⌉
/// bytes, the last byte padded with zero bits.
///
/// Opening checks every header (each block's bits start where the previous
/// block's end, every width is at most 64, the last block ends at the
/// section's end); reads are bounds-checked all the same.
struct PackedColumns {
    /// Rows per block.
    static let blockRows = 128

    /// Number of rows.
    let rows: Int
    /// Number of columns.
    let columns: Int
    private let bytes: UnsafeRawBufferPointer
    private let headerSize: Int
    private let dataStart: Int

    /// Bytes of one block header for `columns` columns.
    static func headerSize(columns: Int) -> Int { 4 + 9 * columns }

    /// A view of `section`, which must at least hold the headers of `rows` rows.
    init(_ section: UnsafeRawBufferPointer, rows: Int, columns: Int, name: String) throws(StorageError) {
        let blocks = rows >= 0 ? (rows + Self.blockRows - 1) / Self.blockRows : -1
        let headerSize = Self.headerSize(columns: columns)
        guard blocks >= 0, columns > 0, section.count >= blocks * headerSize else {
            throw .corrupt(path: "", detail: "the \(name) section is too short for \(rows) rows")
        }
        self.rows = rows
        self.columns = columns
        bytes = section
        self.headerSize = headerSize
        dataStart = blocks * headerSize
        // The blocks' bits follow one another from the start of `data` and
        // end at the section's end (one pass over the headers, not the bits).
        // Headers read through the base pointer (the guard above put them all
        // inside the section): this loop runs once per 128 rows at every open.
        var end = 0
        if blocks > 0, let base = section.baseAddress {
            for b in 0..<blocks {
                let block = Self.layout(header: base + b * headerSize, columns: columns, rows: rowsIn(block: b))
                guard block.offset == end, block.widest <= 64 else {
                    throw .corrupt(path: "", detail: "the \(name) section has a damaged block header (block \(b))")
                }
                end += block.dataBytes
            }
        }
        guard dataStart + end == section.count else {
            throw .corrupt(path: "", detail: "the \(name) section holds \(section.count) bytes, not the \(dataStart + end) its \(rows) rows take")
        }
    }

    /// The bytes that reading rows `range` touches: their blocks' headers and
    /// their blocks' bits (both clamped to the section), for the page check.
    func byteRanges(rows range: Range<Int>) -> (headers: Range<Int>, data: Range<Int>) {
        guard !range.isEmpty, range.lowerBound >= 0, range.upperBound <= rows else { return (0..<0, 0..<0) }
        let first = range.lowerBound / Self.blockRows, last = (range.upperBound - 1) / Self.blockRows
        let headers = (first * headerSize)..<((last + 1) * headerSize)
        let lo = dataStart + Int(offset(ofBlock: first))
        let hi = dataStart + Int(offset(ofBlock: last)) + dataBytes(ofBlock: last)
        let clampedLo = min(max(lo, dataStart), bytes.count), clampedHi = min(max(hi, clampedLo), bytes.count)
        return (headers, clampedLo..<clampedHi)
    }

    /// Bytes of block `b`'s bits, from its header's widths (at most 64 × 64 × 128 / 8).
    private func dataBytes(ofBlock b: Int) -> Int {
        Self.layout(header: bytes.baseAddress! + b * headerSize, columns: columns, rows: rowsIn(block: b)).dataBytes
    }

    /// Rows in block `b` (the last block may hold fewer than ``blockRows``).
    @inline(__always)
    private func rowsIn(block b: Int) -> Int { min(rows - b * Self.blockRows, Self.blockRows) }

    /// What the header at `header` of a block of `rows` rows says: where its
    /// bits start in the data, its widest column's width, and the bytes its
    /// bits take (each width counted as at most 64).
    @inline(__always)
    private static func layout(header h: UnsafeRawPointer, columns: Int, rows: Int) -> (offset: Int, widest: Int, dataBytes: Int) {
        var rowBits = 0, widest = 0
        for c in 0..<columns {
            let w = Int(h.load(fromByteOffset: 4 + c, as: UInt8.self))
            rowBits += min(64, w)
            widest = max(widest, w)
        }
        return (Int(UInt32(littleEndian: h.loadUnaligned(as: UInt32.self))), widest, (rows * rowBits + 7) >> 3)
    }

    @inline(__always)
    private func offset(ofBlock b: Int) -> UInt32 {
        UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: b * headerSize, as: UInt32.self))
    }

    /// Column `column` of row `row` (0 when the row is out of range or its block is damaged).
    @inline(__always)
    func value(_ column: Int, row: Int) -> UInt64 {
        guard row >= 0, row < rows, column >= 0, column < columns else { return 0 }
        let block = row / Self.blockRows, j = row - block * Self.blockRows
        let h = block * headerSize
        let widths = h + 4
        var rowBits = 0, before = 0, width = 0
        for c in 0..<columns {
            let w = Int(bytes[widths + c])
            guard w <= 64 else { return 0 }
            if c == column { before = rowBits; width = w }
            rowBits += w
        }
        let inBlock = min(rows - block * Self.blockRows, Self.blockRows)
        let dataBytes = (inBlock * rowBits + 7) >> 3
        let start = dataStart + Int(offset(ofBlock: block))
        guard start >= dataStart, start + dataBytes <= bytes.count else { return 0 }
        let base = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: h + 4 + columns + 8 * column, as: UInt64.self))
        return base &+ field(bit: start * 8 + j * rowBits + before, width: width)
    }

    /// Column `column` of each row of `range`, in order, through `body`: what
    /// ``value(_:row:)`` gives for each, with one header read per block.
    @inline(__always)
    func forEach(_ column: Int, rows range: Range<Int>, _ body: (UInt64) -> Void) {
        var row = range.lowerBound
        while row < range.upperBound {
            guard row >= 0, row < rows, column >= 0, column < columns else { body(0); row += 1; continue }
            let block = row / Self.blockRows
            let end = min(range.upperBound, (block + 1) * Self.blockRows, rows)
            let h = block * headerSize
            var rowBits = 0, before = 0, width = 0, sound = true
            for c in 0..<columns {
                let w = Int(bytes[h + 4 + c])
                if w > 64 { sound = false }
                if c == column { before = rowBits; width = w }
                rowBits += w
            }
            let inBlock = min(rows - block * Self.blockRows, Self.blockRows)
            let start = dataStart + Int(offset(ofBlock: block))
            if !sound || start < dataStart || start + ((inBlock * rowBits + 7) >> 3) > bytes.count {
                for _ in row..<end { body(0) }
                row = end
                continue
            }
            let base = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: h + 4 + columns + 8 * column, as: UInt64.self))
            var bit = start * 8 + (row - block * Self.blockRows) * rowBits + before
            for _ in row..<end {
                body(base &+ field(bit: bit, width: width))
                bit += rowBits
            }
            row = end
        }
    }

    /// `width` bits at bit offset `bit` of the section (the caller checked they lie inside it).
    @inline(__always)
    private func field(bit: Int, width: Int) -> UInt64 {
        guard width > 0 else { return 0 }
        let byte = bit >> 3, shift = bit & 7
        var v = load64(byte) >> UInt64(shift)
        if shift + width > 64 { v |= UInt64(bytes[byte + 8]) << UInt64(64 - shift) }
        return width == 64 ? v : v & ((1 << UInt64(width)) &- 1)
    }

    /// Eight bytes at `byte`, zeros past the end of the section.
    @inline(__always)
    private func load64(_ byte: Int) -> UInt64 {
        if byte + 8 <= bytes.count { return UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: byte, as: UInt64.self)) }
        var v: UInt64 = 0
        for k in 0..<max(0, bytes.count - byte) { v |= UInt64(bytes[byte + k]) << UInt64(8 * k) }
        return v
    }

    /// The section for `rows` rows of `columns` columns, `value(row, column)` giving each value.
    static func encode(rows: Int, columns: Int, value: (Int, Int) -> UInt64) -> [UInt8] {
        var encoder = Encoder(columns: columns)
        var row = [UInt64](repeating: 0, count: columns)
        for r in 0..<rows {
            for c in 0..<columns { row[c] = value(r, c) }
            encoder.append(row)
        }
        return encoder.finish()
    }

    /// Builds the section one row at a time (``append(_:)``, then ``finish()``),
    /// holding one block of rows besides the bytes written so far.
    struct Encoder {
        let columns: Int
        private var headers = ByteWriter()
        private var data = ByteWriter()
        private var pending: [[UInt64]]
        private var pendingCount = 0

        /// An encoder of rows of `columns` values.
        init(columns: Int) {
            self.columns = columns
            pending = Array(repeating: Array(repeating: 0, count: PackedColumns.blockRows), count: columns)
        }

        /// Appends one row of ``columns`` values.
        mutating func append(_ row: [UInt64]) {
            precondition(row.count == columns)
            for c in 0..<columns { pending[c][pendingCount] = row[c] }
            pendingCount += 1
            if pendingCount == PackedColumns.blockRows { flush() }
        }

        private mutating func flush() {
            guard pendingCount > 0 else { return }
            let n = pendingCount
            var bases = [UInt64](repeating: 0, count: columns), widths = [Int](repeating: 0, count: columns)
            for c in 0..<columns {
                var lo = UInt64.max, hi: UInt64 = 0
                for j in 0..<n { lo = min(lo, pending[c][j]); hi = max(hi, pending[c][j]) }
                bases[c] = lo
                widths[c] = UInt64.bitWidth - (hi - lo).leadingZeroBitCount
            }
            headers.u32(UInt32(data.bytes.count))
            for c in 0..<columns { headers.u8(UInt8(widths[c])) }
            for c in 0..<columns { headers.u64(bases[c]) }
            var buffer: UInt64 = 0, filled = 0
            for j in 0..<n {
                for c in 0..<columns where widths[c] > 0 {
                    let v = pending[c][j] &- bases[c], w = widths[c]
                    buffer |= v << UInt64(filled)
                    let room = 64 - filled
                    if w >= room {
                        for k in 0..<8 { data.u8(UInt8(truncatingIfNeeded: buffer >> UInt64(8 * k))) }
                        buffer = room == 64 ? 0 : (w == room ? 0 : v >> UInt64(room))
                        filled = w - room
                    } else {
                        filled += w
                    }
                }
            }
            var k = 0
            while k < filled { data.u8(UInt8(truncatingIfNeeded: buffer >> UInt64(k))); k += 8 }
            pendingCount = 0
        }

        /// The whole section.
        mutating func finish() -> [UInt8] {
            flush()
            var out = headers.bytes
            out.append(contentsOf: data.bytes)
            return out
        }
    }
}
