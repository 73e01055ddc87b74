/// The `used` section (kind 16): the used ranges `soundbite used` recorded,
/// present only when there are some.
///
/// ```
/// used     := count u32 · entry*            (interviews with ranges, in interview-table order)
/// entry    := interview u32 · ranges u32 · (start f64 · end f64)*   (seconds; sorted, disjoint, start < end)
/// ```
enum UsedRangesSection {
    /// The section's bytes for `ranges` of the interviews `ids` (the
    /// interview table's ids in order); nil when no interview has a range.
    static func encode(_ ranges: UsedRanges, ids: [String]) -> [UInt8]? {
        var w = ByteWriter()
        var count: UInt32 = 0
        var body = ByteWriter()
        for (i, id) in ids.enumerated() {
            let r = ranges.ranges(of: id)
            guard !r.isEmpty else { continue }
            count += 1
            body.u32(UInt32(i))
            body.u32(UInt32(r.count))
            for x in r { body.f64(x.lowerBound); body.f64(x.upperBound) }
        }
        guard count > 0 else { return nil }
        w.u32(count)
        w.append(body.bytes)
        return w.bytes
    }

    /// Decodes the section; `ids` are the interview table's ids in order.
    /// - Throws: ``StorageError/corrupt(path:detail:)`` for counts past the
    ///   section, an interview out of order or out of range, or ranges that
    ///   are not finite, sorted and disjoint.
    static func decode(_ bytes: UnsafeRawBufferPointer, ids: [String]) throws(StorageError) -> UsedRanges {
        func corrupt(_ detail: String) -> StorageError { .corrupt(path: "", detail: "used ranges: " + detail) }
        var r = ByteReader(bytes)
        let count: UInt32
        do { count = try r.u32() } catch { throw corrupt("the section is too short") }
        var entries: [(interview: String, range: Range<Double>)] = []
        var previous = -1
        for _ in 0..<count {
            let interview: Int, n: Int
            do { interview = Int(try r.u32()); n = Int(try r.u32()) } catch { throw corrupt("the section ends inside an entry") }
            guard interview > previous, interview < ids.count else { throw corrupt("interview \(interview) is out of order or not in the index") }
            previous = interview
            guard n > 0, n <= r.remaining / 16 else { throw corrupt("interview \(interview) claims \(n) ranges") }
            var end = -Double.infinity
            for _ in 0..<n {
                let lo: Double, hi: Double
                do { lo = try r.f64(); hi = try r.f64() } catch { throw corrupt("the section ends inside a range") }
                guard lo.isFinite, hi.isFinite, lo >= 0, lo < hi, lo > end else { throw corrupt("interview \(interview) has a range that is empty, unsorted or overlapping") }
                end = hi
                entries.append((ids[interview], lo..<hi))
            }
        }
        guard r.remaining == 0 else { throw corrupt("\(r.remaining) bytes after the last entry") }
        return UsedRanges(entries)
    }
}
