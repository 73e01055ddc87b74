import Foundation
import Soundbite

/// Writes cues in the speech-recogniser layouts, for the `formats` benchmark:
/// Whisper JSON (segments with word times spread over each cue), WhisperX
/// JSON (the same with `SPEAKER_nn` speakers), Amazon Transcribe JSON (items,
/// punctuation apart, `speaker_labels`) and OHMS XML (speaker lines with a
/// sync point each minute, one index point).
enum RecogniserSamples {
    /// `text` as a JSON string literal.
    static func json(_ text: String) -> String {
        let data = try? JSONSerialization.data(withJSONObject: text, options: [.fragmentsAllowed, .withoutEscapingSlashes])
        return data.map { String(decoding: $0, as: UTF8.self) } ?? "\"\""
    }

    /// `text` escaped for XML character data.
    static func xml(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
    }

    /// The words of a cue with times spread evenly over it.
    static func words(_ cue: Cue) -> [(word: Substring, start: Double, end: Double)] {
        let words = cue.text.split(separator: " ")
        let step = max(0, cue.end - cue.start) / Double(max(1, words.count))
        return words.enumerated().map { (k, w) in (w, cue.start + step * Double(k), cue.start + step * Double(k + 1)) }
    }

    /// A stable `SPEAKER_nn` for each speaker name.
    static func speakerIDs(_ cues: [Cue]) -> [String: String] {
        var ids: [String: String] = [:]
        for cue in cues where ids[cue.speaker] == nil { ids[cue.speaker] = String(format: "SPEAKER_%02d", ids.count) }
        return ids
    }

    static func time(_ t: Double) -> String { String(format: "%.3f", t) }

    /// Whisper JSON (with `speakers`, WhisperX JSON).
    static func whisper(_ cues: [Cue], speakers: Bool) -> String {
        let ids = speakerIDs(cues)
        var segments: [String] = []
        for (k, cue) in cues.enumerated() {
            let speaker = speakers ? ", \"speaker\": \(json(ids[cue.speaker]!))" : ""
            let words = words(cue).map { w in
                "{\"word\": \(json(speakers ? String(w.word) : " " + w.word)), \"start\": \(time(w.start)), \"end\": \(time(w.end)), "
                    + (speakers ? "\"score\": 0.9\(speaker)}" : "\"probability\": 0.9}")
            }
            segments.append("{\"id\": \(k), \"start\": \(time(cue.start)), \"end\": \(time(cue.end)), \"text\": \(json(" " + cue.text))\(speaker), "
                            + "\"words\": [\(words.joined(separator: ", "))]}")
        }
        return "{\"text\": \"\", \"segments\": [\n" + segments.joined(separator: ",\n") + "\n], \"language\": \"en\"}\n"
    }

    /// Amazon Transcribe JSON: a pronunciation item per word (trailing
    /// punctuation as its own item) and `speaker_labels` segments per cue.
    static func amazon(_ cues: [Cue]) -> String {
        let ids = speakerIDs(cues).mapValues { "spk_" + $0.dropFirst(8) }
        var items: [String] = []
        var segments: [String] = []
        for cue in cues {
            let speaker = json(ids[cue.speaker]!)
            var segmentItems: [String] = []
            for w in words(cue) {
                var word = w.word
                var punctuation: Character?
                if word.count > 1, let last = word.last, ".,?!".contains(last) { punctuation = last; word = word.dropLast() }
                let times = "\"start_time\": \"\(time(w.start))\", \"end_time\": \"\(time(w.end))\""
                items.append("{\"id\": \(items.count), \"type\": \"pronunciation\", \(times), \"alternatives\": [{\"confidence\": \"0.99\", \"content\": \(json(String(word)))}]}")
                segmentItems.append("{\(times), \"speaker_label\": \(speaker)}")
                if let punctuation {
                    items.append("{\"id\": \(items.count), \"type\": \"punctuation\", \"alternatives\": [{\"confidence\": \"0.0\", \"content\": \(json(String(punctuation)))}]}")
                }
            }
            segments.append("{\"start_time\": \"\(time(cue.start))\", \"end_time\": \"\(time(cue.end))\", \"speaker_label\": \(speaker), \"items\": [\(segmentItems.joined(separator: ", "))]}")
        }
        return "{\"jobName\": \"bench\", \"results\": {\"transcripts\": [{\"transcript\": \"\"}], \"speaker_labels\": {\"speakers\": \(ids.count), \"segments\": [\n"
            + segments.joined(separator: ",\n") + "]},\n\"items\": [\n" + items.joined(separator: ",\n") + "\n]}}\n"
    }

    /// OHMS XML: one `NAME: text` line per cue, a sync point at the first
    /// cue of each minute.
    static func ohms(_ cues: [Cue]) -> String {
        var lines: [String] = []
        var sync: [String] = []
        for cue in cues {
            let name = cue.speaker.isEmpty ? "Speaker" : cue.speaker
            while Double(sync.count) * 60 <= cue.start { sync.append(sync.isEmpty ? "" : "\(lines.count + 1)(1)") }
            lines.append(xml(name + ": " + cue.text))
        }
        return """
        <?xml version="1.0" encoding="UTF-8"?>
        <ROOT xmlns="https://www.weareavp.com/nunncenter/ohms"><record id="1"><version>5.4</version><title>bench</title>
        <sync>1:\(sync.joined(separator: "|"))</sync>
        <transcript>\(lines.joined(separator: "\n"))</transcript>
        <index><point><time>0</time><title>Start</title><synopsis>The whole interview.</synopsis></point></index></record></ROOT>

        """
    }
}
