/// What ``FormatDetector`` concluded about one file.
package enum FormatDetection: Sendable, Hashable {
    /// A transcript in this format.
    case transcript(TranscriptFormat)
    /// Not a transcript Soundbite can read; the reason says what it is
    /// ("an MP4 video", "a PDF document") and, where it helps, what to do.
    case notTranscript(String)

    /// The format, when the file is a transcript.
    package var format: TranscriptFormat? {
        if case .transcript(let format) = self { return format }
        return nil
    }
}
