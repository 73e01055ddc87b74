/// Reads an OHMS XML file (the Oral History Metadata Synchronizer of the
/// Louie B. Nunn Center):
///
/// ```xml
/// <ROOT xmlns="https://www.weareavp.com/nunncenter/ohms">
///   <record id="…" dt="…">
///     <title>…</title> <interviewee>…</interviewee> <interviewer>…</interviewer>
///     <sync>1:|3(4)|7(1)</sync>
///     <transcript>RUTH OKAFOR: …
/// Q: …</transcript>
///     <index><point><time>95</time><title>…</title><partial_transcript>…</partial_transcript>
///       <synopsis>…</synopsis><keywords>a;b</keywords><subjects>c;d</subjects></point></index>
///   </record>
/// </ROOT>
/// ```
///
/// - Transcript: a `vtt_transcript` element (OHMS 6, WebVTT with voice spans)
///   is read as WebVTT; else the `transcript` text, one utterance per line,
///   speakers from labels (`SMITH:`), timed by `sync`: `I:|L(W)|…` puts
///   minute `k·I` at word `W` of transcript line `L` for the `k`-th entry, so
///   a line is cut into cues where a minute starts inside it. Lines before
///   the first sync point start at 0; a cue ends where the next one starts.
/// - Index points become chapters (`title`, from `time` to the next point's
///   time); their title, synopsis, keywords and subjects are also appended as
///   one searchable cue each, at the point's time, spoken by ``indexSpeaker``
///   with the role ``indexRole`` (so `-role:index` leaves only the speech).
///   `partial_transcript` repeats the speech and is not read.
/// - A break in the XML keeps what was read before it, with a warning; a file
///   with no `record` at all is an error.
struct OHMSParser: Sendable {
    /// The file name used in diagnostics.
    var file: String
    /// The limits applied.
    var limits: IngestLimits = .standard

    /// The speaker of the cues made from index points.
    static let indexSpeaker = "OHMS index"
    /// The role of the cues made from index points.
    static let indexRole = "index"
    /// The most sync entries read.
    static let maxSyncEntries = 1 << 20

    /// What one `record` holds.
    struct Record: Sendable, Hashable {
        /// Text of the record's direct child elements by local name (`title`, `transcript`, `sync`, …).
        var fields: [String: String] = [:]
        /// The line where each field's text starts.
        var fieldLines: [String: Int] = [:]
        /// The index points in file order.
        var points: [Point] = []
    }

    /// One `index/point`.
    struct Point: Sendable, Hashable {
        /// Text of the point's child elements by local name.
        var fields: [String: String] = [:]
        /// The line of the `point` element.
        var line: Int
    }

    /// Parses the bytes of an OHMS XML file: its cues (speech first, then the
    /// index cues) and chapters.
    func parse(_ bytes: [UInt8]) -> ParsedTranscript {
        var result = ParsedTranscript()
        guard let record = read(bytes, diagnostics: &result.diagnostics) else { return result }
        if let vtt = record.fields["vtt_transcript"], !vtt.allSatisfy(\.isWhitespace) {
            readWebVTT(vtt, line: record.fieldLines["vtt_transcript"] ?? 1, into: &result)
        } else if let text = record.fields["transcript"], !text.allSatisfy(\.isWhitespace) {
            let line = record.fieldLines["transcript"] ?? 1
            if text.drop(while: \.isWhitespace).hasPrefix("WEBVTT") {
                readWebVTT(text, line: line, into: &result)
            } else {
                readLegacy(text, line: line, sync: record.fields["sync"] ?? "",
                           syncLine: record.fieldLines["sync"] ?? line, into: &result)
            }
        } else {
            result.diagnostics.append(Diagnostic(.warning, file: file, line: 0,
                "the OHMS record has no transcript; read its index only"))
        }
        readIndex(record.points, into: &result)
        result.sortDiagnostics()
        return result
    }

    // MARK: - XML

    /// The first record of the file, or `nil` (with an error) when there is none.
    func read(_ bytes: [UInt8], diagnostics: inout [Diagnostic]) -> Record? {
        var reader = XMLReader(bytes)
        var path: [Substring] = []
        var record: Record?
        var records = 0
        var point: Point?
        do {
            while let event = try reader.next() {
                switch event {
                case .start(let name, let attributes):
                    let local = XMLEvent.localName(name)
                    path.append(local)
                    if local == "record", path.count <= 2 {
                        records += 1
                        if records == 1 { record = Record() }
                    } else if records == 1, local == "point", path.dropLast().last == "index" {
                        point = Point(line: reader.line)
                    } else if records == 1, local == "date", path.count >= 2, path[path.count - 2] == "record",
                              let value = attributes.value("value") {
                        record?.fields["date", default: ""] += value
                    }
                case .end:
                    if path.last == "point", let p = point, records == 1 {
                        record?.points.append(p)
                        point = nil
                    }
                    path.removeLast()
                case .text(let text):
                    guard records == 1, path.count >= 2 else { continue }
                    let field = String(path[path.count - 1])
                    if point != nil, path[path.count - 2] == "point" {
                        point?.fields[field, default: ""] += text
                    } else if path[path.count - 2] == "record" {
                        if record?.fields[field] == nil { record?.fieldLines[field] = reader.line }
                        record?.fields[field, default: ""] += text
                    }
                }
            }
        } catch {
            guard record != nil else {
                diagnostics.append(Diagnostic(.error, file: file, line: error.line,
                    "not well-formed XML (\(error.message)); skipped the file"))
                return nil
            }
            if let p = point { record?.points.append(p) }
            diagnostics.append(Diagnostic(.warning, file: file, line: error.line,
                "the XML breaks here (\(error.message)); read what came before"))
        }
        guard let record else {
            diagnostics.append(Diagnostic(.error, file: file, line: 0,
                "XML, but not an OHMS file (no \u{201C}record\u{201D} element); skipped the file"))
            return nil
        }
        if records > 1 {
            diagnostics.append(Diagnostic(.warning, file: file, line: 0,
                "the file holds \(records) OHMS records; read the first only"))
        }
        return record
    }

    // MARK: - Transcript

    /// Reads an embedded WebVTT transcript whose text starts on `line`.
    private func readWebVTT(_ text: String, line: Int, into result: inout ParsedTranscript) {
        var parsed = WebVTTParser(file: file, limits: limits).parse(text)
        let offset = line - 1
        for k in parsed.cues.indices { parsed.cues[k].line += offset }
        for k in parsed.diagnostics.indices where parsed.diagnostics[k].line > 0 { parsed.diagnostics[k].line += offset }
        result.cues += parsed.cues
        result.diagnostics += parsed.diagnostics
    }

    /// One minute mark of `sync`: minute `seconds / 60` starts at word `word` of transcript line `line`.
    struct SyncPoint: Sendable, Hashable {
        /// The 1-based transcript line.
        var line: Int
        /// The 1-based word of the line.
        var word: Int
        /// The time in seconds.
        var seconds: Double
    }

    /// Parses `sync` (`I:|L(W)|L(W)…`), sorted by line and word; malformed entries are skipped with one warning.
    func syncPoints(_ sync: String, line: Int, diagnostics: inout [Diagnostic]) -> [SyncPoint] {
        let trimmed = sync.filter { !$0.isWhitespace }
        guard !trimmed.isEmpty else { return [] }
        guard let colon = trimmed.firstIndex(of: ":"),
              let interval = Self.smallInt(trimmed[..<colon]), interval > 0, interval <= 1440 else {
            diagnostics.append(Diagnostic(.warning, file: file, line: line,
                "the sync \u{201C}\(trimmed.prefix(24))\u{201D} does not start with a minute interval (\u{201C}1:\u{201D}); read the transcript without times"))
            return []
        }
        var points: [SyncPoint] = []
        var bad = 0
        for (index, entry) in trimmed[trimmed.index(after: colon)...].split(separator: "|", omittingEmptySubsequences: false)
            .prefix(Self.maxSyncEntries).enumerated() where !entry.isEmpty {
            guard let open = entry.firstIndex(of: "("), entry.last == ")",
                  let l = Self.smallInt(entry[..<open]),
                  let w = Self.smallInt(entry[entry.index(after: open)..<entry.index(before: entry.endIndex)]) else {
                bad += 1
                continue
            }
            points.append(SyncPoint(line: l, word: max(1, w), seconds: Double(index) * Double(interval) * 60))
        }
        if bad > 0 {
            diagnostics.append(Diagnostic(.warning, file: file, line: line,
                "\(bad) sync entr\(bad == 1 ? "y is" : "ies are") not \u{201C}line(word)\u{201D}; skipped \(bad == 1 ? "it" : "them")"))
        }
        points.sort { ($0.line, $0.word, $0.seconds) < ($1.line, $1.word, $1.seconds) }
        return points
    }

    /// Reads a plain OHMS transcript timed by its sync points.
    private func readLegacy(_ text: String, line: Int, sync: String, syncLine: Int, into result: inout ParsedTranscript) {
        let points = syncPoints(sync, line: syncLine, diagnostics: &result.diagnostics)
        var next = 0
        var time = 0.0
        let firstCue = result.cues.count
        for (k, lineBytes) in text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() {
            let number = k + 1
            // Sync points on earlier lines (or past this line's words) are behind us.
            while next < points.count, points[next].line < number { time = points[next].seconds; next += 1 }
            if lineBytes.allSatisfy(CueMarkup.isSpace) { continue }
            let rawLine = Substring(lineBytes)
            let (label, rest) = SpeakerLabel.split(String(rawLine))
            guard next < points.count, points[next].line == number else {
                // No minute starts on this line: one cue (the common case, kept on bytes).
                result.cues.append(RawCue(start: time, end: time, label: label, text: CueMarkup.collapseSpace(rest), line: line + k))
                continue
            }
            let lineWords = rawLine.split(whereSeparator: \.isWhitespace).count
            let words = rest.split(whereSeparator: \.isWhitespace)
            let labelWords = lineWords - words.count
            var piece: [Substring] = []
            var pieceStart = time
            var first = true
            func flush(_ result: inout ParsedTranscript) {
                guard !piece.isEmpty || (first && label != nil) else { return }
                result.cues.append(RawCue(start: pieceStart, end: pieceStart, label: first ? label : nil,
                                          text: piece.joined(separator: " "), line: line + k))
                first = false
                piece = []
            }
            for (w, word) in words.enumerated() {
                let wordNumber = labelWords + w + 1
                var moved = false
                while next < points.count, points[next].line == number, points[next].word <= wordNumber {
                    time = points[next].seconds
                    next += 1
                    moved = true
                }
                if moved, !piece.isEmpty { flush(&result) }
                if piece.isEmpty { pieceStart = time }
                piece.append(word)
            }
            flush(&result)
        }
        // A cue ends where the next one starts.
        var nextStart: Double?
        for k in stride(from: result.cues.count - 1, through: firstCue, by: -1) {
            let start = result.cues[k].start
            result.cues[k].end = max(start, nextStart ?? start)
            nextStart = start
        }
    }

    // MARK: - Index

    /// Chapters and index cues from the index points.
    private func readIndex(_ points: [Point], into result: inout ParsedTranscript) {
        var timed: [(start: Double, title: String, point: Point)] = []
        var previous = 0.0
        for point in points {
            let raw = CueMarkup.collapseSpace(point.fields["time"] ?? "")
            var start = previous
            if let t = Self.pointTime(raw) {
                start = t
            } else {
                result.diagnostics.append(Diagnostic(.warning, file: file, line: point.line,
                    "index point time \u{201C}\(raw.prefix(24))\u{201D} is not seconds or hh:mm:ss; placed it at \(Timestamp.format(previous))"))
            }
            previous = start
            let title = CueMarkup.collapseSpace(point.fields["title"] ?? "")
            timed.append((start, title.isEmpty ? "Index point at \(Timestamp.format(start))" : title, point))
        }
        let order = timed.indices.sorted { (timed[$0].start, $0) < (timed[$1].start, $1) }
        for (rank, i) in order.enumerated() {
            let end = rank + 1 < order.count ? timed[order[rank + 1]].start : .infinity
            result.chapters.append(Chapter(title: timed[i].title, start: timed[i].start, end: max(end, timed[i].start)))
        }
        let label = SpeakerLabel(speaker: Self.indexSpeaker, role: Self.indexRole)
        for (start, title, point) in timed {
            var parts = [title, CueMarkup.collapseSpace(point.fields["synopsis"] ?? "")]
            for key in ["keywords", "subjects"] {
                parts.append((point.fields[key] ?? "").split(separator: ";")
                    .map { CueMarkup.collapseSpace(String($0)) }.filter { !$0.isEmpty }.joined(separator: ", "))
            }
            var text = ""
            for part in parts where !part.isEmpty {
                if let last = text.last { text += ".!?".contains(last) ? " " : ". " }
                text += part
            }
            result.cues.append(RawCue(start: start, end: start, label: label, text: text, line: point.line))
        }
    }

    /// A point's `time`: seconds (`95`, `95.5`) or a timestamp (`00:01:35`).
    static func pointTime(_ text: String) -> Double? {
        if text.contains(":") { return Timestamp.parse(text)?.seconds }
        guard !text.isEmpty, text.utf8.count <= 24, let t = Double(text), t.isFinite, t >= 0, t <= JSONValue.maxSeconds else { return nil }
        return t
    }

    /// A non-negative decimal integer of at most 9 digits.
    static func smallInt<S: StringProtocol>(_ text: S) -> Int? {
        guard !text.isEmpty, text.utf8.count <= 9, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        return Int(text)
    }
}
