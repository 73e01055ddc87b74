/// Reads selects from what `soundbite search --format json` or `--format
/// jsonl` prints, or from a CSV of `interview,start,end[,label,note]`.
///
/// The kind is recognised from the content: a JSON document (an object with
/// `hits`, an array of hits, or one hit), JSON lines (one hit per line), or
/// CSV, with or without a header row (`interview,start,end,label,note` in
/// any order when there is one). CSV times are seconds (`123.45`) or
/// timestamps (`00:02:03.450`). Every problem is an error naming the line;
/// nothing is guessed.
public struct SelectsReader: Sendable {
    /// The most bytes one input may have.
    public var maxBytes: Int = 256 << 20
    /// The most selects one input may hold.
    public var maxSelects: Int = 100_000
    /// The deepest JSON nesting accepted.
    public var maxJSONDepth: Int = 64

    /// Creates a reader with the standard limits.
    public init() {}

    /// Reads `bytes`; `file` names the input in errors.
    /// - Throws: ``SelectsError`` with the line of the first problem.
    public func read(_ bytes: [UInt8], file: String) throws(SelectsError) -> [Select] {
        guard bytes.count <= maxBytes else {
            throw SelectsError(file: file, line: 0, "input is \(bytes.count) bytes, more than the limit of \(maxBytes)")
        }
        var start = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }
        while start < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[start]) { start += 1 }
        guard start < bytes.count else { throw SelectsError(file: file, line: 0, "no selects: the input is empty") }
        let selects: [Select]
        if bytes[start] == UInt8(ascii: "{") || bytes[start] == UInt8(ascii: "[") {
            selects = try readJSON(bytes, file: file)
        } else {
            selects = try readCSV(bytes, file: file)
        }
        guard !selects.isEmpty else { throw SelectsError(file: file, line: 0, "no selects: the input holds no hits or rows") }
        return selects
    }

    /// Reads text held in memory.
    public func read(_ text: String, file: String) throws(SelectsError) -> [Select] {
        try read(Array(text.utf8), file: file)
    }

    // MARK: JSON and JSON lines

    private func readJSON(_ bytes: [UInt8], file: String) throws(SelectsError) -> [Select] {
        let lines = Self.lineRanges(bytes).enumerated().filter { _, r in
            bytes[r].contains { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }
        }
        // JSON lines: more than one line, and the first one is a whole value by itself.
        if lines.count > 1, (try? JSONReader.parse(Array(bytes[lines[0].element]), maxDepth: maxJSONDepth)) != nil {
            var selects: [Select] = []
            for (number, range) in lines {
                let value: JSONValue
                do { value = try JSONReader.parse(Array(bytes[range]), maxDepth: maxJSONDepth) } catch {
                    throw SelectsError(file: file, line: number + 1, "not a JSON line (column \(error.column): \(error.message))")
                }
                try selects.append(contentsOf: hits(in: value, line: number + 1, file: file, count: selects.count, lineOffset: number))
            }
            return selects
        }
        let root: JSONValue
        do { root = try JSONReader.parse(bytes, maxDepth: maxJSONDepth) } catch {
            throw SelectsError(file: file, line: error.line, "not valid JSON (column \(error.column): \(error.message))")
        }
        return try hits(in: root, line: 1, file: file, count: 0)
    }

    /// The hits of one value: `{"hits": [...]}`, `[...]` or one hit object.
    /// `lineOffset` is added to the lines the JSON reader counts (the line's number − 1 in JSON lines).
    private func hits(in value: JSONValue, line: Int, file: String, count: Int, lineOffset: Int = 0) throws(SelectsError) -> [Select] {
        var items: [(JSONValue, Int)]
        switch value {
        case .array(let array):
            items = array.map { ($0, line) }
        case .object(let members):
            if let hits = value.member("hits") {
                guard case .array(let array) = hits.value else {
                    throw SelectsError(file: file, line: hits.line, "\u{201C}hits\u{201D} should be an array, found \(hits.value.kindName)")
                }
                items = array.map { ($0, hits.line) }
            } else {
                items = [(value, members.first?.line ?? line)]
            }
        default:
            throw SelectsError(file: file, line: line, "expected search results (an object with \u{201C}hits\u{201D}) or a hit, found \(value.kindName)")
        }
        guard count + items.count <= maxSelects else {
            throw SelectsError(file: file, line: line, "more than \(maxSelects) selects")
        }
        var result: [Select] = []
        for (item, fallbackLine) in items {
            var select = try hit(item, line: fallbackLine, file: file, lineOffset: lineOffset)
            select.line = max(select.line, line)
            result.append(select)
        }
        return result
    }

    private func hit(_ value: JSONValue, line fallback: Int, file: String, lineOffset: Int) throws(SelectsError) -> Select {
        guard case .object(let members) = value else {
            throw SelectsError(file: file, line: fallback, "a hit should be an object, found \(value.kindName)")
        }
        let line = (members.first?.line ?? fallback) + lineOffset
        func text(_ key: String) throws(SelectsError) -> String {
            guard let m = value.member(key) else { return "" }
            if case .null = m.value { return "" }
            guard let t = m.value.scalarText, !Self.isContainer(m.value) else {
                throw SelectsError(file: file, line: m.line + lineOffset, "\u{201C}\(key)\u{201D} should be a string, found \(m.value.kindName)")
            }
            return t
        }
        func seconds(_ key: String) throws(SelectsError) -> Double {
            guard let m = value.member(key) else {
                throw SelectsError(file: file, line: line, "the hit has no \u{201C}\(key)\u{201D} (seconds); pass what soundbite search --format json prints")
            }
            guard case .number(let n) = m.value else {
                throw SelectsError(file: file, line: m.line + lineOffset, "\u{201C}\(key)\u{201D} should be a number of seconds, found \(m.value.kindName)")
            }
            return try Self.time(n, key: key, line: m.line + lineOffset, file: file)
        }
        let interview = try text("interview")
        guard !interview.isEmpty else {
            throw SelectsError(file: file, line: line, "the hit has no \u{201C}interview\u{201D}")
        }
        var select = Select(interview: interview, start: try seconds("start"), end: try seconds("end"))
        select.line = line
        try Self.checkOrder(select, file: file)
        select.title = try text("title")
        select.speaker = try text("speaker")
        select.role = try text("role")
        select.chapter = try text("chapter")
        select.quote = try text("text")
        select.media = Self.withoutFragment(try text("media"))
        select.label = try text("label")
        select.note = try text("note")
        if let d = value.member("document"), case .number(let n) = d.value, let id = Int(n), id >= 0 { select.document = id }
        if let fields = value.member("fields"), case .object(let pairs) = fields.value {
            for p in pairs {
                guard let t = p.value.scalarText else { continue }
                switch p.key.lowercased() {
                case "timecode": select.mediaTimecode = t
                case "fps": select.mediaFrameRate = t
                default: continue
                }
            }
        }
        return select
    }

    // MARK: CSV

    private func readCSV(_ bytes: [UInt8], file: String) throws(SelectsError) -> [Select] {
        let records: [CSV.Record]
        do { records = try CSV.parse(bytes, maxFields: 64, maxRecords: maxSelects + 1) } catch {
            throw SelectsError(file: file, line: error.line, "not valid CSV: \(error.message)")
        }
        guard let first = records.first else { return [] }
        var columns = (interview: 0, start: 1, end: 2, label: 3, note: 4)
        var rows = records[...]
        let headerNames = first.fields.map { $0.trimmingSpaces.lowercased() }
        if headerNames.count >= 2, Self.parseTime(headerNames[1]) == nil {
            guard let i = headerNames.firstIndex(of: "interview"), let s = headerNames.firstIndex(of: "start"),
                  let e = headerNames.firstIndex(of: "end") else {
                throw SelectsError(file: file, line: first.line,
                    "a CSV header needs the columns interview, start and end (label and note are optional); found \(headerNames.joined(separator: ","))")
            }
            columns = (i, s, e, headerNames.firstIndex(of: "label") ?? -1, headerNames.firstIndex(of: "note") ?? -1)
            rows = records.dropFirst()
        }
        guard rows.count <= maxSelects else { throw SelectsError(file: file, line: 0, "more than \(maxSelects) selects") }
        var selects: [Select] = []
        for row in rows {
            func cell(_ k: Int) -> String { k >= 0 && k < row.fields.count ? row.fields[k] : "" }
            guard row.fields.count > max(columns.interview, columns.start, columns.end) else {
                throw SelectsError(file: file, line: row.line,
                    "expected interview,start,end[,label,note], found \(row.fields.count) field\(row.fields.count == 1 ? "" : "s")")
            }
            let interview = cell(columns.interview).trimmingSpaces
            guard !interview.isEmpty else { throw SelectsError(file: file, line: row.line, "the interview is empty") }
            func time(_ k: Int, _ name: String) throws(SelectsError) -> Double {
                let t = cell(k).trimmingSpaces
                guard let v = Self.parseTime(t) else {
                    throw SelectsError(file: file, line: row.line,
                        "\(name) \u{201C}\(t)\u{201D} is not a time; write seconds (123.45) or HH:MM:SS.mmm")
                }
                return try Self.time(String(v), key: name, line: row.line, file: file)
            }
            var select = Select(interview: interview, start: try time(columns.start, "start"), end: try time(columns.end, "end"))
            select.line = row.line
            try Self.checkOrder(select, file: file)
            select.label = cell(columns.label)
            select.note = cell(columns.note)
            selects.append(select)
        }
        return selects
    }

    // MARK: Helpers

    /// Seconds (`12`, `12.5`, `-3` is refused later) or a transcript timestamp (`00:02:03.450`, `2:03`).
    static func parseTime(_ text: String) -> Double? {
        if let d = Double(text), d.isFinite, !text.contains(where: { $0.isLetter }) { return d }
        if text.contains(":"), let t = Timestamp.parse(text) { return t.seconds }
        return nil
    }

    /// A number of seconds read from input: finite, not negative, not past ``FrameRate/maxSeconds``.
    static func time(_ text: String, key: String, line: Int, file: String) throws(SelectsError) -> Double {
        guard let v = Double(text), v.isFinite else {
            throw SelectsError(file: file, line: line, "\(key) \(text) is not a finite number of seconds")
        }
        guard v >= 0 else { throw SelectsError(file: file, line: line, "\(key) \(text) is negative; times start at 0") }
        guard v <= FrameRate.maxSeconds else {
            throw SelectsError(file: file, line: line, "\(key) \(text) is too large (more than \(Int(FrameRate.maxSeconds)) seconds)")
        }
        return v
    }

    static func checkOrder(_ s: Select, file: String) throws(SelectsError) {
        guard s.end >= s.start else {
            throw SelectsError(file: file, line: s.line, "end \(s.end) is before start \(s.start)")
        }
    }

    /// A media link without its `#t=` (or any) fragment.
    static func withoutFragment(_ link: String) -> String {
        guard let hash = link.firstIndex(of: "#") else { return link }
        return String(link[..<hash])
    }

    private static func isContainer(_ v: JSONValue) -> Bool {
        switch v { case .array, .object: return true; default: return false }
    }

    /// Byte ranges of the lines of `bytes` (line ends excluded).
    static func lineRanges(_ bytes: [UInt8]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var lo = 0
        for (i, b) in bytes.enumerated() where b == 0x0A {
            ranges.append(lo..<i)
            lo = i + 1
        }
        if lo < bytes.count { ranges.append(lo..<bytes.count) }
        return ranges
    }
}

extension String {
    /// Without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        let u = Array(utf8)
        var lo = 0, hi = u.count
        while lo < hi, u[lo] == 0x20 || u[lo] == 0x09 { lo += 1 }
        while hi > lo, u[hi - 1] == 0x20 || u[hi - 1] == 0x09 { hi -= 1 }
        return String(decoding: u[lo..<hi], as: UTF8.self)
    }
}
