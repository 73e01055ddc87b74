/// The transcript formats a collection may hold, told apart by extension.
package enum TranscriptFormat: String, Sendable, Hashable, CaseIterable {
    /// WebVTT (`.vtt`).
    case webVTT = "vtt"
    /// SubRip (`.srt`).
    case srt = "srt"
    /// Plain text (`.txt`).
    case plainText = "txt"

    /// The suffix of WebVTT chapter tracks, which are not transcripts.
    package static let chapterTrackSuffix = ".chapters.vtt"

    /// The format of a transcript path (extension compared case-insensitively);
    /// `nil` for other files and for chapter tracks.
    package init?(path: String) {
        let lower = path.lowercased()
        if lower.hasSuffix(Self.chapterTrackSuffix) { return nil }
        guard let dot = lower.lastIndex(of: "."), !lower[dot...].contains("/") else { return nil }
        guard let format = TranscriptFormat(rawValue: String(lower[lower.index(after: dot)...])) else { return nil }
        self = format
    }

    /// Whether `path` names a WebVTT chapter track (`NAME.chapters.vtt`).
    package static func isChapterTrack(_ path: String) -> Bool {
        path.lowercased().hasSuffix(chapterTrackSuffix)
    }

    /// The chapter-track path that belongs to a transcript path:
    /// `dir/NAME.ext` → `dir/NAME.chapters.vtt`.
    package static func chapterTrackPath(for path: String) -> String {
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return path + chapterTrackSuffix }
        return String(path[..<dot]) + chapterTrackSuffix
    }
}
