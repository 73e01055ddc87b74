import Foundation
import Soundbite

/// One benchmark query, engine-neutral: the peers script rebuilds it in each
/// engine's own syntax from `kind`, `words`, `role` and `chapter`.
struct BenchQuery: Codable, Sendable {
    /// Query class: kw1, kw2, kw4, phrase, prefix, fuzzy, role, chapter.
    var `class`: String
    /// keywords (OR of the words), phrase, prefix (words[0] is the prefix), fuzzy (words[0], 1 edit).
    var kind: String
    /// The query in Soundbite's syntax.
    var query: String
    /// The words (lower-case ASCII letters only, so every engine parses them alike).
    var words: [String]
    /// Role filter (exact value as exported), if any.
    var role: String?
    /// Chapter filter (exact value as exported), if any.
    var chapter: String?
    /// Edit distance of a fuzzy query.
    var edits: Int?

    /// The search filters of the query.
    var filters: SearchFilters {
        SearchFilters(roles: role.map { [$0] } ?? [], chapters: chapter.map { [$0] } ?? [])
    }
}

/// The fixed query mix: `perClass` queries of each class, drawn
/// deterministically (seeded) from the corpus text. Each keyword is a common
/// word (a random word occurrence, so frequent words come up often: "the",
/// "people") or a rare one (uniform over the distinct words, most of which
/// occur once or twice), half and half.
struct QueryMix {
    static let classes = ["kw1", "kw2", "kw4", "phrase", "prefix", "fuzzy", "role", "chapter"]

    private let cues: [Cue]
    private let vocabulary: [String]
    private var random: SeededGenerator

    init(collection: InterviewCollection, seed: UInt64 = 42) {
        random = SeededGenerator(seed: seed)
        // Sample at most ~200k cues so the mix is cheap to draw at any scale.
        let all = collection.interviews.flatMap(\.cues).filter { !$0.text.isEmpty }
        let stride = max(1, all.count / 200_000)
        cues = Swift.stride(from: 0, to: all.count, by: stride).map { all[$0] }
        var words = Set<String>()
        for cue in cues { for w in Self.words(of: cue.text) where w.count >= 3 { words.insert(w) } }
        vocabulary = words.sorted()
    }

    /// Whitespace words of `text`, outer punctuation stripped, lower-cased;
    /// nil for a word with anything but ASCII letters left (so phrases never
    /// span a word we dropped).
    static func cleanWords(of text: String) -> [String?] {
        text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).map { raw in
            let trimmed = raw.trimmingCharacters(in: CharacterSet(charactersIn: ".,?!;:\"()[]…-–—"))
            let lower = trimmed.lowercased()
            guard (1...20).contains(lower.utf8.count),
                  lower.utf8.allSatisfy({ $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z") }) else { return nil }
            return lower
        }
    }

    static func words(of text: String) -> [String] { cleanWords(of: text).compactMap { $0 } }

    /// A common word (by occurrence) or a rare one (uniform over the vocabulary).
    private mutating func word(minLength: Int = 3) -> String {
        while true {
            if random.chance(0.5) {
                let w = Self.words(of: cues[random.below(cues.count)].text)
                if !w.isEmpty { let x = w[random.below(w.count)]; if x.count >= minLength { return x } }
            } else {
                let x = vocabulary[random.below(vocabulary.count)]
                if x.count >= minLength { return x }
            }
        }
    }

    private mutating func keywords(_ n: Int) -> [String] {
        var result: [String] = []
        while result.count < n { let w = word(); if !result.contains(w) { result.append(w) } }
        return result
    }

    private mutating func phrase() -> [String] {
        let length = 2 + random.below(2)
        while true {
            let words = Self.cleanWords(of: cues[random.below(cues.count)].text)
            guard words.count >= length else { continue }
            let start = random.below(words.count - length + 1)
            let window = words[start..<(start + length)].compactMap { $0 }
            if window.count == length { return window }
        }
    }

    private mutating func typo(of word: String) -> String {
        var letters = Array(word)
        let at = 1 + random.below(letters.count - 2)
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz")
        var c = letters[at]
        while c == letters[at] { c = alphabet[random.below(alphabet.count)] }
        letters[at] = c
        return String(letters)
    }

    /// The mix, class by class.
    mutating func make(perClass: Int) -> [BenchQuery] {
        var result: [BenchQuery] = []
        let roleCues = cues.filter { !$0.role.isEmpty }
        let chapterCues = cues.filter { !$0.chapter.isEmpty }
        for c in Self.classes {
            for _ in 0..<perClass {
                switch c {
                case "kw1", "kw2", "kw4":
                    let w = keywords(c == "kw1" ? 1 : c == "kw2" ? 2 : 4)
                    result.append(BenchQuery(class: c, kind: "keywords", query: w.joined(separator: " "), words: w))
                case "phrase":
                    let w = phrase()
                    result.append(BenchQuery(class: c, kind: "phrase", query: "\"\(w.joined(separator: " "))\"", words: w))
                case "prefix":
                    let w = word(minLength: 6)
                    let p = String(w.prefix(4 + random.below(2)))
                    result.append(BenchQuery(class: c, kind: "prefix", query: p + "*", words: [p]))
                case "fuzzy":
                    let w = typo(of: word(minLength: 5))
                    result.append(BenchQuery(class: c, kind: "fuzzy", query: w + "~1", words: [w], edits: 1))
                case "role":
                    guard !roleCues.isEmpty else { continue }
                    let role = roleCues[random.below(roleCues.count)].role
                    let w = keywords(2)
                    result.append(BenchQuery(class: c, kind: "keywords", query: w.joined(separator: " "), words: w, role: role))
                default:
                    guard !chapterCues.isEmpty else { continue }
                    let chapter = chapterCues[random.below(chapterCues.count)].chapter
                    let w = keywords(2)
                    result.append(BenchQuery(class: c, kind: "keywords", query: w.joined(separator: " "), words: w, chapter: chapter))
                }
            }
        }
        return result
    }

    /// Lengthens prefixes that expand past Soundbite's expansion limit (the
    /// same query then runs on every engine).
    static func fitPrefixes(_ queries: inout [BenchQuery], index: SearchIndex) {
        for i in queries.indices where queries[i].kind == "prefix" {
            while true {
                do {
                    _ = try index.search(queries[i].query, options: SearchOptions(limit: 1, countFacets: false))
                    break
                } catch {
                    // Too many expansions: take one more letter of a word that has this prefix.
                    let p = queries[i].words[0]
                    guard p.count < 12 else { break }
                    let longer = p + "e"
                    queries[i].words = [longer]
                    queries[i].query = longer + "*"
                }
            }
        }
    }
}
