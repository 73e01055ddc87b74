/// Turns the bytes of one transcript (and its chapter track) into an
/// ``Interview``: decodes, parses by format, carries speakers forward,
/// resolves roles and chapters, applies the manifest entry and fingerprints
/// the inputs.
///
/// Resolution rules:
/// - A cue without a label keeps the previous cue's speaker (within the file);
///   "" until a label is seen. Cues whose text is empty after the label (a
///   label alone) set the speaker and are then dropped.
/// - Role: the label's inline role; else an inline role given earlier in the
///   file for the same speaker; else the interview's manifest `roles`; else the
///   collection's `roles` (exact name before globs, case-insensitive); else "".
/// - Chapter: the chapter-track range `[start, end)` that contains the cue's
///   start (the latest-starting one when ranges overlap), or without a track
///   the transcript's own chapters (OHMS index points); else the manifest
///   `chapter`; else "".
package struct InterviewAssembler: Sendable {
    /// The limits applied.
    var limits: IngestLimits
    /// Collection-wide speaker roles.
    var collectionRoles: RoleMap
    /// Collection-wide fields (the manifest's media `timecode` and `fps`); an entry's own fields win.
    var collectionFields: [String: String] = [:]

    /// The inputs of one interview.
    struct Source {
        /// Path relative to the collection (also the diagnostics' file name).
        var relativePath: String
        /// The transcript format, or `nil` to detect it from the bytes
        /// (``FormatDetector``).
        var format: TranscriptFormat?
        /// The transcript bytes.
        var bytes: [UInt8]
        /// The chapter track's relative path and bytes, if any.
        var chapterTrack: (path: String, bytes: [UInt8])?
        /// The manifest entry for this transcript, if any.
        var entry: ManifestEntry?
        /// The inputs' stat stamp (0 in memory; see ``SourceFingerprint/statStamp``).
        var statStamp: UInt64 = 0
    }

    /// Reads one interview; `nil` (with an error diagnostic) when the file is
    /// too large, not a transcript, or not readable in its format.
    func assemble(_ source: Source) -> (interview: Interview?, diagnostics: [Diagnostic]) {
        let result = assembleAll(source)
        return (result.interview, Self.capped(result.diagnostics, limit: limits.maxDiagnosticsPerFile, file: source.relativePath))
    }

    /// Keeps the first `limit` diagnostics and counts the rest in one warning.
    static func capped(_ diagnostics: [Diagnostic], limit: Int, file: String) -> [Diagnostic] {
        guard diagnostics.count > limit else { return diagnostics }
        var kept = Array(diagnostics.prefix(limit))
        kept.append(Diagnostic(.warning, file: file, line: 0,
            "\(diagnostics.count - limit) more problems in this file not listed"))
        return kept
    }

    private func assembleAll(_ source: Source) -> (interview: Interview?, diagnostics: [Diagnostic]) {
        let file = source.relativePath
        var diagnostics: [Diagnostic] = []
        if source.bytes.count > limits.maxFileBytes {
            diagnostics.append(Diagnostic(.error, file: file, line: 0,
                "file is \(source.bytes.count) bytes, larger than the limit of \(limits.maxFileBytes); skipped the file"))
            return (nil, diagnostics)
        }
        let format: TranscriptFormat
        if let forced = source.format {
            format = forced
        } else {
            switch FormatDetector.detect(source.bytes, path: file) {
            case .transcript(let detected): format = detected
            case .notTranscript(let reason):
                diagnostics.append(Diagnostic(.error, file: file, line: 0, "\(reason); skipped the file"))
                return (nil, diagnostics)
            }
        }
        let reading = TranscriptReaders.read(format, bytes: source.bytes, file: file, limits: limits)
        diagnostics += reading.diagnostics
        guard let parsed = reading.transcript else { return (nil, diagnostics) }
        let isEmpty = source.bytes.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
            || (source.bytes.count >= 3 && source.bytes[0] == 0xEF && source.bytes[1] == 0xBB && source.bytes[2] == 0xBF
                && source.bytes.dropFirst(3).allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D })
        if isEmpty {
            diagnostics.append(Diagnostic(.warning, file: file, line: 0, "the file is empty; no cues read"))
        } else if parsed.cues.isEmpty {
            diagnostics.append(Diagnostic(.warning, file: file, line: 0, "no cues found in the file"))
        }

        var chapters = parsed.chapters
        if let track = source.chapterTrack {
            chapters = []
            if track.bytes.count > limits.maxFileBytes {
                diagnostics.append(Diagnostic(.warning, file: track.path, line: 0,
                    "chapter track is \(track.bytes.count) bytes, larger than the limit of \(limits.maxFileBytes); read the transcript without chapters"))
            } else {
                let decodedTrack = SourceText.decode(track.bytes, file: track.path, limits: limits)
                if let trackText = decodedTrack.text {
                    let result = WebVTTParser(file: track.path, limits: limits).parseChapters(trackText)
                    chapters = result.chapters
                    diagnostics += decodedTrack.diagnostics + result.diagnostics
                } else {
                    diagnostics += decodedTrack.diagnostics.map {
                        Diagnostic(.warning, file: $0.file, line: $0.line, $0.message + "; read the transcript without chapters")
                    }
                }
            }
        }

        let entry = source.entry ?? ManifestEntry()
        let cues = resolve(parsed.cues, chapters: chapters, entry: entry)
        let id = entry.id.flatMap { $0.isEmpty ? nil : $0 } ?? Self.defaultID(for: file)
        let hash = ContentHash.interview(transcript: source.bytes, chapterTrack: source.chapterTrack?.bytes,
                                         manifestHash: manifestHash(entry: source.entry))
        let size = UInt64(source.bytes.count) + UInt64(source.chapterTrack?.bytes.count ?? 0)
        let interview = Interview(
            id: id, path: file, title: entry.title ?? id, media: entry.media ?? "", date: entry.date ?? "",
            fields: collectionFields.merging(entry.fields) { _, own in own }, chapters: chapters, cues: cues,
            source: SourceFingerprint(size: size, statStamp: source.statStamp, hash: hash), format: format)
        return (interview, diagnostics)
    }

    /// A hash of what the manifest contributes to one interview: its entry and
    /// the collection's roles.
    func manifestHash(entry: ManifestEntry?) -> UInt64 {
        var hash = ContentHash()
        hash.combine(entry.map { "entry\u{1D}" + $0.canonical } ?? "no entry")
        hash.combine("\u{1D}roles\u{1D}" + collectionRoles.canonical)
        if !collectionFields.isEmpty {
            hash.combine("\u{1D}fields\u{1D}" + collectionFields.sorted { $0.key < $1.key }.map { $0.key + "\u{1F}" + $0.value }.joined(separator: "\u{1E}"))
        }
        return hash.value
    }

    /// The default interview id: the relative path without its extension.
    static func defaultID(for path: String) -> String {
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/"), dot != path.startIndex else { return path }
        return String(path[..<dot])
    }

    /// Carries speakers forward and fills in roles and chapters.
    func resolve(_ raw: [RawCue], chapters: [Chapter], entry: ManifestEntry) -> [Cue] {
        var cues: [Cue] = []
        cues.reserveCapacity(raw.count)
        var speaker = ""
        var inlineRole: String?
        var inlineRoles: [String: String] = [:]
        var roleCache: [String: String] = [:]
        // The role last resolved without an inline role, for its speaker and
        // the inline roles as they were (`inlineRoles` counts its changes):
        // a speaker's cues follow one another.
        var inlineRolesVersion = 0
        var lastResolved: (speaker: String, version: Int, role: String)?
        for cue in raw {
            if let label = cue.label {
                speaker = label.speaker
                inlineRole = label.role
                if let role = label.role { inlineRoles[speaker.lowercased()] = role; inlineRolesVersion += 1 }
            }
            if cue.text.isEmpty { continue }
            let role: String
            if let inlineRole {
                role = inlineRole
            } else if let last = lastResolved, last.version == inlineRolesVersion, last.speaker == speaker {
                role = last.role
            } else {
                if let known = inlineRoles[speaker.lowercased()] {
                    role = known
                } else if let cached = roleCache[speaker] {
                    role = cached
                } else {
                    role = entry.roles.role(for: speaker) ?? collectionRoles.role(for: speaker) ?? ""
                    roleCache[speaker] = role
                }
                lastResolved = (speaker, inlineRolesVersion, role)
            }
            let chapter = Self.chapter(at: cue.start, in: chapters) ?? entry.chapter ?? ""
            cues.append(Cue(start: cue.start, end: max(cue.start, cue.end), speaker: speaker, role: role,
                            chapter: chapter, text: cue.text, line: cue.line))
        }
        return cues
    }

    /// The title of the chapter whose `[start, end)` contains `time`
    /// (`chapters` sorted by start); the latest-starting one when several do.
    static func chapter(at time: Double, in chapters: [Chapter]) -> String? {
        var lo = 0, hi = chapters.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if chapters[mid].start <= time { lo = mid + 1 } else { hi = mid }
        }
        var k = lo - 1
        var steps = 0
        while k >= 0, steps < 64 {
            let c = chapters[k]
            if c.start <= time, time < c.end { return c.title }
            k -= 1
            steps += 1
        }
        return nil
    }
}
