/// Reads the timelines of an FCPXML document (versions 1.8 to 1.11) as cut clips.
///
/// Every `project`'s `sequence` is walked from its `spine`: `asset-clip`s,
/// `clip`s (through their `video` / `audio` that reference an asset),
/// `gap`s, `sync-clip`s, nested `spine`s (secondary storylines), the
/// connected clips inside any of them, and `ref-clip`s (through the
/// compound clip's `media` sequence). Each element occupies `offset` to
/// `offset + duration` of its parent's time and shows its own time from
/// `start`; what a parent trims away is trimmed from its children, so each
/// clip's range is what the timeline shows. Times are rational
/// (`1001/30000s`). A clip's source range is in its asset's timecode (the
/// asset's `start`, e.g. `36000s` for 10:00:00:00). Disabled clips
/// (`enabled="0"`), transitions, titles and generators use no media;
/// multicam clips are not followed (a warning says so). Clips in an event
/// but in no project are not part of a cut and are not read.
struct FCPXMLReader {
    let maxClips: Int
    /// The deepest chain of compound clips followed.
    static let maxCompoundDepth = 8
    /// The most elements visited in all (a compound clip used many times is
    /// walked each time, so nesting could otherwise multiply the work).
    static let maxVisits = 1_000_000

    init(maxClips: Int) { self.maxClips = maxClips }

    /// One element of the document.
    struct Element {
        var name: Substring
        var attributes: [XMLAttribute]
        var children: [Int] = []
        var line: Int

        func attribute(_ key: String) -> String? { attributes.value(key) }
    }

    /// What an asset says about its media.
    struct Asset {
        var name: String
        var start: Double
        var src: String
        /// The frame rate of the asset's format, when it is a supported one.
        var rate: FrameRate?
    }

    /// The walk's state.
    private struct Walk {
        var elements: [Element]
        var assets: [String: Asset] = [:]
        var media: [String: Int] = [:]
        var formats: [String: FrameRate] = [:]
        /// The rate of the sequence being walked.
        var sequenceRate: FrameRate?
        var clips: [CutClip] = []
        var full = false
        var warnedMulticam = false
        var visits = 0
    }

    func read(_ bytes: [UInt8], log: inout CutLog) -> [CutClip] {
        let elements = Self.elements(bytes, log: &log)
        guard let root = elements.first, root.name == "fcpxml" else {
            log.warn(elements.first?.line ?? 0, elements.isEmpty ? "not FCPXML: no element found" : "not FCPXML: the document is <\(elements[0].name)>, not <fcpxml>")
            return []
        }
        if let v = root.attribute("version"), !["1.8", "1.9", "1.10", "1.11"].contains(v) {
            log.warn(root.line, "FCPXML version \(v) is not one of 1.8–1.11; read as 1.11")
        }
        var walk = Walk(elements: elements)
        var projects: [Int] = []
        for e in elements where e.name == "format" {
            if let id = e.attribute("id"), let fd = e.attribute("frameDuration"),
               let seconds = Self.time(fd, line: e.line, log: &log), seconds > 0 {
                if let rate = FrameRate.withFrameDuration(seconds) { walk.formats[id] = rate } else {
                    log.warn(e.line, "format \(id): frameDuration \(fd) is not a supported frame rate (\(FrameRate.all.map(\.description).joined(separator: ", "))); times are read as written")
                }
            }
        }
        for (i, e) in elements.enumerated() {
            switch e.name {
            case "asset":
                guard let id = e.attribute("id") else { continue }
                var src = e.attribute("src") ?? ""
                for c in e.children where elements[c].name == "media-rep" {
                    if let s = elements[c].attribute("src"), src.isEmpty || elements[c].attribute("kind") == "original-media" { src = s }
                }
                let start = e.attribute("start").flatMap { Self.time($0, line: e.line, log: &log) } ?? 0
                walk.assets[id] = Asset(name: e.attribute("name") ?? "", start: start, src: src,
                                        rate: e.attribute("format").flatMap { walk.formats[$0] })
            case "media":
                if let id = e.attribute("id") { walk.media[id] = i }
            case "project":
                projects.append(i)
            default: continue
            }
        }
        if projects.isEmpty { log.warn(root.line, "no project: the file holds clips but no timeline; export the project") }
        for p in projects {
            for s in elements[p].children where elements[s].name == "sequence" {
                walk.sequenceRate = elements[s].attribute("format").flatMap { walk.formats[$0] }
                for spine in elements[s].children where elements[spine].name == "spine" {
                    for c in elements[spine].children {
                        visit(c, window: -Double.infinity..<Double.infinity, name: "", depth: 0, walk: &walk, log: &log)
                    }
                }
            }
        }
        return walk.clips
    }

    /// Adds the media `element` shows inside `window` (in its parent's time).
    private func visit(_ index: Int, window: Range<Double>, name: String, depth: Int, walk: inout Walk, log: inout CutLog) {
        guard !walk.full else { return }
        walk.visits += 1
        let e = walk.elements[index]
        guard walk.visits <= Self.maxVisits else {
            log.warn(e.line, "compound clips repeat each other more than \(Self.maxVisits) elements deep; the rest is not read")
            walk.full = true
            return
        }
        switch e.name {
        case "spine":
            for c in e.children { visit(c, window: window, name: name, depth: depth, walk: &walk, log: &log) }
            return
        case "asset-clip", "clip", "gap", "ref-clip", "sync-clip", "video", "audio", "audition", "mc-clip":
            break
        default:
            return  // transitions, titles' text, notes, keywords, markers, effects' parameters
        }
        if e.attribute("enabled") == "0" { return }
        let asset = (e.name == "asset-clip" || e.name == "video" || e.name == "audio") ? e.attribute("ref").flatMap { walk.assets[$0] } : nil
        guard let durationText = e.attribute("duration") else {
            if e.name != "video" && e.name != "audio" || asset != nil {
                log.warn(e.line, "<\(e.name)> has no duration; ignored")
            }
            return
        }
        guard let duration = Self.time(durationText, line: e.line, log: &log),
              let offset = Self.time(e.attribute("offset") ?? "0s", line: e.line, log: &log),
              let start = Self.time(e.attribute("start") ?? "", line: e.line, log: &log, default: asset?.start ?? 0) else { return }
        guard duration > 0 else { return }
        let lo = max(window.lowerBound, offset), hi = min(window.upperBound, offset + duration)
        guard lo < hi else { return }
        let local = (lo - offset + start)..<(hi - offset + start)
        let clipName = e.attribute("name") ?? name
        switch e.name {
        case "mc-clip":
            if !walk.warnedMulticam {
                walk.warnedMulticam = true
                log.warn(e.line, "multicam clip \u{201C}\(clipName)\u{201D} is not followed (its angles are not read)")
            }
            return
        case "audition":
            // The active pick is the first clip; the others are alternatives.
            if let pick = e.children.first(where: { ["asset-clip", "clip", "ref-clip", "sync-clip"].contains(walk.elements[$0].name) }) {
                visit(pick, window: window, name: name, depth: depth, walk: &walk, log: &log)
            }
            return
        case "ref-clip":
            guard depth < Self.maxCompoundDepth else {
                log.warn(e.line, "compound clips nested more than \(Self.maxCompoundDepth) deep; not followed")
                return
            }
            if let ref = e.attribute("ref"), let m = walk.media[ref] {
                for s in walk.elements[m].children where walk.elements[s].name == "sequence" {
                    for spine in walk.elements[s].children where walk.elements[spine].name == "spine" {
                        for c in walk.elements[spine].children {
                            visit(c, window: local, name: clipName, depth: depth + 1, walk: &walk, log: &log)
                        }
                    }
                }
            } else {
                log.warn(e.line, "ref-clip \u{201C}\(clipName)\u{201D} refers to no media resource \u{201C}\(e.attribute("ref") ?? "")\u{201D}; ignored")
            }
        default:
            if let asset {
                guard walk.clips.count < maxClips else {
                    log.warn(e.line, "more than \(maxClips) clips; the rest are not read")
                    walk.full = true
                    return
                }
                // On the frame grid, as an EDL of the same timeline gives it (sums of rational times drift by an ulp).
                let grid = asset.rate ?? walk.sequenceRate
                var clip = CutClip(start: grid?.snapped(local.lowerBound) ?? local.lowerBound,
                                   end: grid?.snapped(local.upperBound) ?? local.upperBound, line: e.line)
                clip.name = clipName
                clip.sourceName = asset.name
                clip.media = asset.src
                clip.mediaStart = asset.start
                walk.clips.append(clip)
            } else if e.name == "asset-clip" {
                log.warn(e.line, "asset-clip \u{201C}\(clipName)\u{201D} refers to no asset \u{201C}\(e.attribute("ref") ?? "")\u{201D}; ignored")
            }
        }
        for c in e.children { visit(c, window: local, name: clipName, depth: depth, walk: &walk, log: &log) }
    }

    /// The elements of the document, in document order (the root first). A
    /// well-formedness error ends the reading with a warning; what was read
    /// before it is kept, so a truncated file still gives its first clips.
    static func elements(_ bytes: [UInt8], log: inout CutLog) -> [Element] {
        var reader = XMLReader(bytes)
        var elements: [Element] = []
        var open: [Int] = []
        while true {
            let event: XMLEvent?
            do { event = try reader.next() } catch {
                log.warn(error.line, "not well-formed XML (\(error.message)); the rest of the file is not read")
                break
            }
            guard let event else { break }
            switch event {
            case .start(let name, let attributes):
                let i = elements.count
                elements.append(Element(name: XMLEvent.localName(name), attributes: attributes, line: reader.line))
                if let parent = open.last { elements[parent].children.append(i) } else if i > 0 {
                    log.warn(reader.line, "a second root element <\(name)>; ignored")
                    elements.removeLast()
                    return elements
                }
                open.append(i)
            case .end:
                _ = open.popLast()
            case .text:
                continue
            }
        }
        return elements
    }

    /// Seconds of an FCPXML time: `5s`, `1001/30000s`, `0s` (nil, with a
    /// warning, when it is none); `default` for an empty text.
    static func time(_ text: String, line: Int, log: inout CutLog, default empty: Double? = nil) -> Double? {
        if text.isEmpty, let empty { return empty }
        var numerator: Int64 = 0, denominator: Int64 = 0, digits = 0
        var inDenominator = false, negative = false, done = false
        for (k, b) in text.utf8.enumerated() {
            switch b {
            case UInt8(ascii: "-") where k == 0: negative = true
            case UInt8(ascii: "0")...UInt8(ascii: "9") where !done:
                digits += 1
                let d = Int64(b - UInt8(ascii: "0"))
                var value = inDenominator ? denominator : numerator
                let (m, o1) = value.multipliedReportingOverflow(by: 10)
                let (s, o2) = m.addingReportingOverflow(d)
                guard !o1, !o2 else { log.warn(line, "time \u{201C}\(text)\u{201D} overflows; ignored"); return nil }
                value = s
                if inDenominator { denominator = value } else { numerator = value }
            case UInt8(ascii: "/") where !inDenominator && digits > 0 && !done: inDenominator = true; digits = 0
            case UInt8(ascii: "s") where digits > 0 && !done: done = true
            default:
                log.warn(line, "\u{201C}\(text)\u{201D} is not an FCPXML time (such as 1001/30000s or 5s); ignored")
                return nil
            }
        }
        guard done, !inDenominator || denominator > 0 else {
            log.warn(line, "\u{201C}\(text)\u{201D} is not an FCPXML time (such as 1001/30000s or 5s); ignored")
            return nil
        }
        let seconds = Double(numerator) / Double(inDenominator ? denominator : 1)
        return negative ? -seconds : seconds
    }
}
