/// Writes a ``Timeline`` as FCPXML 1.10: one `format` (its `frameDuration`),
/// one `asset` per interview (its `start` timecode, `duration` and a
/// `media-rep` with the media link), and a project whose sequence spine holds
/// one `asset-clip` per clip, with `offset`, `start` and `duration` as exact
/// fractions of a second on frame boundaries, the quote as a `note` and
/// speaker, role and chapter as a `keyword`.
enum FCPXMLWriter {
    static func write(_ t: Timeline) -> String {
        let rate = t.rate
        let tcFormat = rate.dropFrame ? "DF" : "NDF"
        func time(_ frames: Int64) -> String {
            let (n, d) = rate.rationalSeconds(atFrame: frames)
            return d == 1 ? "\(n)s" : "\(n)/\(d)s"
        }
        // Assets in order of first use, with the frames they must cover.
        var assets: [(interview: String, clip: TimelineClip, end: Int64)] = []
        var assetIndex: [String: Int] = [:]
        for c in t.clips {
            let end = max(c.sourceOut.frame, c.mediaEnd?.frame ?? 0)
            if let k = assetIndex[c.select.interview] {
                assets[k].end = max(assets[k].end, end)
            } else {
                assetIndex[c.select.interview] = assets.count
                assets.append((c.select.interview, c, end))
            }
        }
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE fcpxml>\n\n<fcpxml version=\"1.10\">\n"
        out += "    <resources>\n"
        out += "        <format id=\"r1\" name=\"\(formatName(rate))\" frameDuration=\"\(time(1))\" width=\"1920\" height=\"1080\"/>\n"
        for (k, a) in assets.enumerated() {
            let c = a.clip
            out += "        <asset id=\"r\(k + 2)\" name=\"\(MarkupText.xml(c.select.title.isEmpty ? a.interview : c.select.title))\""
            out += " start=\"\(time(c.mediaStart.frame))\" duration=\"\(time(a.end - c.mediaStart.frame))\""
            out += " hasVideo=\"1\" format=\"r1\" hasAudio=\"1\" audioSources=\"1\" audioChannels=\"2\" audioRate=\"48000\">\n"
            out += "            <media-rep kind=\"original-media\" src=\"\(MarkupText.xml(c.mediaURL))\"/>\n"
            out += "        </asset>\n"
        }
        out += "    </resources>\n"
        let title = MarkupText.xml(MarkupText.oneLine(t.title))
        out += "    <library>\n        <event name=\"\(title)\">\n            <project name=\"\(title)\">\n"
        out += "                <sequence format=\"r1\" duration=\"\(time(t.recordEnd.frame - t.recordStart.frame))\""
        out += " tcStart=\"\(time(t.recordStart.frame))\" tcFormat=\"\(tcFormat)\" audioLayout=\"stereo\" audioRate=\"48k\">\n"
        out += "                    <spine>\n"
        for c in t.clips {
            let s = c.select
            let ref = "r\(assetIndex[s.interview]! + 2)"
            out += "                        <asset-clip ref=\"\(ref)\" offset=\"\(time(c.recordIn.frame))\""
            out += " name=\"\(MarkupText.xml(MarkupText.oneLine(c.name)))\" start=\"\(time(c.sourceIn.frame))\""
            out += " duration=\"\(time(c.frames))\" tcFormat=\"\(tcFormat)\" audioRole=\"dialogue\">\n"
            let note = [s.quote, s.note].map(MarkupText.oneLine).filter { !$0.isEmpty }.joined(separator: " \u{2014} ")
            if !note.isEmpty { out += "                            <note>\(MarkupText.xml(note))</note>\n" }
            let keywords = [s.speaker, s.role, s.chapter].map { MarkupText.oneLine($0).replacingCommas }.filter { !$0.isEmpty }
            if !keywords.isEmpty {
                out += "                            <keyword start=\"\(time(c.sourceIn.frame))\" duration=\"\(time(c.frames))\""
                out += " value=\"\(MarkupText.xml(keywords.joined(separator: ", ")))\"/>\n"
            }
            out += "                        </asset-clip>\n"
        }
        out += "                    </spine>\n                </sequence>\n            </project>\n        </event>\n    </library>\n</fcpxml>\n"
        return out
    }

    /// Final Cut's name of a 1080p format at `rate` (`FFVideoFormat1080p2997`).
    static func formatName(_ rate: FrameRate) -> String {
        let suffix: String
        switch (rate.numerator, rate.denominator) {
        case (24000, 1001): suffix = "2398"
        case (30000, 1001): suffix = "2997"
        case (60000, 1001): suffix = "5994"
        default: suffix = String(rate.numerator / rate.denominator)
        }
        return "FFVideoFormat1080p" + suffix
    }
}

private extension String {
    /// Commas separate keywords in FCPXML, so one inside a value becomes a space.
    var replacingCommas: String { String(map { $0 == "," ? " " : $0 }) }
}
