extension SearchIndex {
    /// Completes selects from the index and moves their ends as `snap` says.
    ///
    /// Each select's interview must be in the index (matched
    /// case-insensitively). Missing title, media, speaker, role and chapter
    /// are taken from the interview and the first cue the select touches; the
    /// manifest's `timecode` and `fps` fields give the media start and rate;
    /// the end of the interview's last cue bounds the handles. With
    /// ``SnapMode/cue`` or ``SnapMode/passage`` the select is widened to the
    /// cues or passages it touches, and its quote becomes the text of the cues
    /// inside it. ``SnapMode/automatic`` (the default) widens a select from a
    /// search hit to its passage, the unit search ranked and showed, and any
    /// other to its cues.
    /// - Throws: ``SelectsError`` naming the line of a select whose interview is not in the index.
    public func resolve(_ selects: [Select], snap: SnapMode = .automatic, file: String = "") throws(SelectsError) -> [Select] {
        var ids: [String: Int] = [:]
        for (k, r) in reader.interviews.enumerated() { ids[reader.string(r.id).lowercased(), default: k] = k }
        var cache: [Int: InterviewTimes] = [:]
        var result: [Select] = []
        result.reserveCapacity(selects.count)
        for var s in selects {
            guard let k = ids[s.interview.lowercased()] else {
                let known = interviewIDs.prefix(5).joined(separator: ", ")
                throw SelectsError(file: file, line: s.line,
                    "interview \u{201C}\(s.interview)\u{201D} is not in the index\(path.isEmpty ? "" : " " + path) (it has \(reader.interviews.count): \(known)\(reader.interviews.count > 5 ? ", …" : "")); search the same index the selects came from")
            }
            let times: InterviewTimes
            if let cached = cache[k] { times = cached } else { times = InterviewTimes(self, record: reader.interviews[k]); cache[k] = times }
            times.complete(&s, snap: snap == .automatic ? (s.document == nil ? .cue : .passage) : snap)
            result.append(s)
        }
        return result
    }
}

/// The cues and passages of one interview, in time order, for snapping selects.
struct InterviewTimes {
    let id: String
    let title: String
    let media: String
    let timecode: String
    let fps: String
    /// Cues sorted by start.
    var cues: [Utterance] = []
    /// Passages sorted by start: time range and the range of their cues in ``cues`` order before sorting.
    var passages: [(start: Double, end: Double)] = []
    /// The longest cue and passage, to bound backward scans.
    var longestCue: Double = 0
    var longestPassage: Double = 0
    /// The end of the last cue.
    var end: Double?

    init(_ index: SearchIndex, record r: InterviewRecord) {
        let reader = index.reader
        id = reader.string(r.id)
        title = reader.string(r.title)
        media = reader.string(r.media)
        (timecode, fps) = reader.mediaTiming(of: r)
        cues = index.transcript(of: id)?.cues ?? []
        cues.sort { $0.start < $1.start }
        for d in Int(r.docStart)..<Int(r.docStart + r.docCount) {
            let p = reader.cues(of: reader.document(d))
            guard let first = p.first, let last = p.last else { continue }
            passages.append((first.start, max(first.start, last.end)))
        }
        passages.sort { $0.start < $1.start }
        longestCue = cues.reduce(0) { max($0, $1.end - $1.start) }
        longestPassage = passages.reduce(0) { max($0, $1.end - $1.start) }
        end = cues.map(\.end).max()
    }

    /// Indices of `spans` (sorted by start, none longer than `longest`) that overlap `lo...hi`
    /// (or contain `lo` when the range is empty).
    static func touched<T>(_ spans: [T], start: (T) -> Double, end: (T) -> Double, longest: Double,
                           lo: Double, hi: Double) -> [Int] {
        // First span starting at or after hi.
        var a = 0, b = spans.count
        while a < b { let m = (a + b) / 2; if start(spans[m]) < hi || (lo == hi && start(spans[m]) <= hi) { a = m + 1 } else { b = m } }
        var result: [Int] = []
        var i = a - 1
        while i >= 0, start(spans[i]) >= lo - longest {
            let s = spans[i]
            if end(s) > lo || (lo == hi && start(s) <= lo && end(s) >= lo) { result.append(i) }
            i -= 1
        }
        return result.reversed()
    }

    func complete(_ s: inout Select, snap: SnapMode) {
        s.interview = id
        if s.title.isEmpty { s.title = title }
        if s.media.isEmpty { s.media = media }
        if s.mediaTimecode.isEmpty { s.mediaTimecode = timecode }
        if s.mediaFrameRate.isEmpty { s.mediaFrameRate = fps }
        s.interviewEnd = end
        let touchedCues = Self.touched(cues, start: \.start, end: \.end, longest: longestCue, lo: s.start, hi: s.end)
        switch snap {
        case .none: break
        case .cue, .automatic:
            if let f = touchedCues.first, let l = touchedCues.last {
                s.start = min(s.start, cues[f].start)
                s.end = max(s.end, cues[l].end)
            }
        case .passage:
            let touched = Self.touched(passages, start: \.start, end: \.end, longest: longestPassage, lo: s.start, hi: s.end)
            if let f = touched.first, let l = touched.last {
                s.start = min(s.start, passages[f].start)
                s.end = max(s.end, passages[l].end)
            }
        }
        let inside = Self.touched(cues, start: \.start, end: \.end, longest: longestCue, lo: s.start, hi: s.end)
        guard let first = inside.first else { return }
        if s.speaker.isEmpty { s.speaker = cues[first].speaker }
        if s.role.isEmpty { s.role = cues[first].role }
        if s.chapter.isEmpty { s.chapter = cues[first].chapter }
        s.quote = inside.map { cues[$0].text }.joined(separator: " ")
    }
}

extension IndexReader {
    /// The manifest's media `timecode` and `fps` fields of interview `r` ("" when absent).
    func mediaTiming(of r: InterviewRecord) -> (timecode: String, fps: String) {
        var tc = "", fps = ""
        for (key, value) in r.fields {
            switch string(key) {
            case "timecode": tc = string(value)
            case "fps": fps = string(value)
            default: continue
            }
        }
        return (tc, fps)
    }
}
