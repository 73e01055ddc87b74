import Soundbite

/// One-input functions shared by the libFuzzer targets (`Tests/Fuzz/*.swift`,
/// built by `Benchmarks/fuzz.sh`) and the regression test that replays their
/// seeds and findings on every `swift test`
/// (`Tests/SoundbiteTests/Fuzz/FuzzRegressionTests.swift`).
///
/// Each function must return normally for every input: errors and
/// diagnostics are fine; a trap, an ASan report or a hang is a finding.
/// Where a result can be checked against a second computation (MaxScore
/// against exhaustive scoring) a mismatch traps, so the fuzzer reports it.
package enum FuzzEntryPoints {
    /// The target names, also the folder names under `Tests/Fuzz/Seeds/` and
    /// `Tests/Fuzz/Regressions/`.
    package static let targets = ["transcript", "manifest", "query", "indexfile", "selects", "xml", "whisperjson",
                                          "whisperxjson", "amazonjson", "ohms", "textlayout", "deflate", "zip", "docx",
                                          "edl", "fcpxml", "otio", "lz",
                                          "httprequest"]

    /// Runs one input through the named target.
    package static func run(target: String, _ bytes: [UInt8]) {
        switch target {
        case "transcript": transcript(bytes)
        case "manifest": manifest(bytes)
        case "query": query(bytes)
        case "indexfile": indexFile(bytes)
        case "selects": selects(bytes)
        case "xml": xml(bytes)
        case "whisperjson", "whisperxjson": whisperJSON(bytes)
        case "amazonjson": amazonJSON(bytes)
        case "ohms": ohms(bytes)
        case "deflate": deflate(bytes)
        case "zip": zipArchive(bytes)
        case "docx": docx(bytes)
        case "lz": lzBlock(bytes)
        case "textlayout": textLayout(bytes)
        case "edl": cut(bytes, .edl)
        case "fcpxml": cut(bytes, .fcpxml)
        case "otio": cut(bytes, .otio)
        case "httprequest": httpRequest(bytes)
        default: preconditionFailure("unknown fuzz target \(target)")
        }
    }

    // MARK: - Transcripts

    /// Byte that separates the transcript from its chapter track in the
    /// transcript target's input.
    package static let chapterSeparator: UInt8 = 0x1D

    /// Limits small enough for the fuzzer to hit every one of them.
    package static let tightIngestLimits = IngestLimits(maxFileBytes: 4096, maxLineBytes: 80, maxTagDepth: 3,
                                                        maxCueBytes: 160, maxManifestBytes: 2048, maxJSONDepth: 5)

    /// Transcript parsers. The first byte chooses:
    /// - `% 3`: WebVTT, SRT or plain text;
    /// - bit 0x80: the rest holds a chapter track after the first 0x1D byte;
    /// - bit 0x40: tight ``IngestLimits`` instead of the standard ones;
    /// - bit 0x20: also build an index of the interview, search it and verify it.
    package static func transcript(_ bytes: [UInt8]) {
        guard let selector = bytes.first else { return }
        let format: TranscriptFormat = [.webVTT, .srt, .plainText][Int(selector % 3)]
        let limits = selector & 0x40 != 0 ? tightIngestLimits : .standard
        var body = Array(bytes.dropFirst())
        var track: (path: String, bytes: [UInt8])?
        if selector & 0x80 != 0 {
            if let cut = body.firstIndex(of: chapterSeparator) {
                track = ("fuzz.chapters.vtt", Array(body[(cut + 1)...]))
                body = Array(body[..<cut])
            } else {
                track = ("fuzz.chapters.vtt", [])
            }
        }
        let path = "fuzz." + format.rawValue
        let result = InterviewAssembler.assemble(path: path, format: format, bytes: body, chapterTrack: track,
                                                 limits: limits)
        for d in result.diagnostics { _ = d.description }
        guard selector & 0x20 != 0, let interview = result.interview else { return }
        let index = SearchIndex(building: [InterviewCollection(name: "fuzz", interviews: [interview])])
        do { try index.verify() } catch { preconditionFailure("a freshly built index fails verify: \(error)") }
        let words = interview.cues.prefix(4).compactMap { $0.text.split(separator: " ").first.map(String.init) }
        for q in words + ["*"] {
            _ = try? index.search(q, options: SearchOptions(limit: 3, explain: true, context: 1))
        }
        _ = index.statistics
        _ = index.transcript(of: interview.id)
    }

    // MARK: - Manifest

    /// The manifest reader: `collection.json` bytes, read with the standard
    /// and the tight limits, then applied to a few in-memory transcripts (roles,
    /// globs, per-interview entries).
    package static func manifest(_ bytes: [UInt8]) {
        for limits in [IngestLimits.standard, tightIngestLimits] {
            let result = Manifest.parse(bytes, limits: limits)
            for d in result.diagnostics { _ = d.description }
        }
        let text = String(decoding: bytes, as: UTF8.self)
        let collection = CollectionReader().read(name: "fuzz", transcripts: manifestTranscripts, manifest: text)
        for d in collection.diagnostics { _ = d.description }
    }

    /// Transcripts the manifest target applies its manifest to.
    static let manifestTranscripts: [(path: String, text: String)] = [
        ("hillside/03-student-experience.vtt", """
        WEBVTT

        00:00:01.000 --> 00:00:04.000
        <v Ruth Okafor>The laptops went home with the children.

        00:00:04.500 --> 00:00:07.000
        <v Guest 1>Parents used them too.
        """),
        ("a.srt", "1\n00:00:01,000 --> 00:00:02,000\nSam: We made a film.\n"),
        ("notes/b.txt", "[00:00:03] Amit Varma (Teacher): Assessment changed.\nGuest*: maybe\n"),
    ]

    // MARK: - XML

    /// The XML reader: every event of the bytes, with the standard and with
    /// tight limits. Starts and ends must balance with ``XMLReader/depth``.
    package static func xml(_ bytes: [UInt8]) {
        for limits in [XMLReader.Limits.standard, XMLReader.Limits(maxDepth: 4, maxAttributes: 3, maxNameBytes: 8)] {
            var reader = XMLReader(bytes, limits: limits)
            var depth = 0
            do {
                while let event = try reader.next() {
                    switch event {
                    case .start: depth += 1
                    case .end: depth -= 1
                    case .text(let t): _ = t.utf8.count
                    }
                    precondition(depth == reader.depth && depth >= 0, "XML depth out of step")
                }
                precondition(depth == 0, "XML document ended with open elements")
            } catch {
                _ = error.description
            }
        }
    }

    // MARK: - Speech-recogniser JSON and OHMS

    /// Whisper and WhisperX JSON (two targets, seeded with each layout):
    /// read as Whisper JSON and as whatever detection says, with the standard
    /// and the tight limits.
    package static func whisperJSON(_ bytes: [UInt8]) {
        recogniser(bytes, path: "fuzz.json", format: .whisperJSON)
    }

    /// Amazon Transcribe JSON: read as such and as whatever detection says,
    /// with the standard and the tight limits.
    package static func amazonJSON(_ bytes: [UInt8]) {
        recogniser(bytes, path: "fuzz.json", format: .amazonTranscribe)
    }

    /// OHMS XML: read as such and as whatever detection says, with the
    /// standard and the tight limits.
    package static func ohms(_ bytes: [UInt8]) {
        recogniser(bytes, path: "fuzz.xml", format: .ohms)
    }

    /// Assembles `bytes` in `format` and in the detected format; every cue
    /// and chapter must have finite times that do not run backwards.
    private static func recogniser(_ bytes: [UInt8], path: String, format: TranscriptFormat) {
        for limits in [IngestLimits.standard, tightIngestLimits] {
            for forced in [format, nil] {
                let result = InterviewAssembler.assemble(path: path, format: forced, bytes: bytes, chapterTrack: nil, limits: limits)
                for d in result.diagnostics { _ = d.description }
                guard let interview = result.interview else { continue }
                for cue in interview.cues {
                    precondition(cue.start.isFinite && cue.start >= 0 && cue.end >= cue.start, "bad cue times \(cue.start)-\(cue.end)")
                }
                for chapter in interview.chapters {
                    precondition(chapter.start.isFinite && chapter.end >= chapter.start, "bad chapter times")
                }
            }
        }
    }

    // MARK: - Query

    /// The small index the query target searches, built once.
    package static let queryIndex: SearchIndex = {
        let transcripts: [(path: String, text: String)] = [
            ("hillside/01.vtt", """
            WEBVTT

            00:00:01.000 --> 00:00:05.000
            <v Ruth Okafor (Head Teacher)>The laptops went home and the parents learned to use them at dinner.

            00:00:05.000 --> 00:00:09.000
            <v Sam>We receive a tablet in year one, to be or not to be honest.
            """),
            ("riverside/02.srt", """
            1
            00:00:01,000 --> 00:00:03,000
            Amit Varma: One to one computing changed assessment.

            2
            00:00:03,500 --> 00:00:06,000
            Parent: Homework online, laptops at home, recieve feedback.
            """),
            ("kestrel/03.txt", """
            [00:00:01] Guest 1: Curriculum and assessment for learning.
            [00:00:04.500] Guest 2: The school redesigned learning spaces; laptops everywhere.
            """),
        ]
        let manifest = """
        { "name": "fuzz", "roles": { "Guest*": "guest", "Sam": "student" },
          "interviews": { "hillside/01.vtt": { "chapter": "Use of ICT", "fields": { "school": "Hillside" } },
                          "riverside/02.srt": { "fields": { "school": "Riverside", "phase": "secondary" } } } }
        """
        let collection = CollectionReader().read(name: "fuzz", transcripts: transcripts, manifest: manifest)
        return SearchIndex(building: [collection], options: IndexOptions(passageWords: 8))
    }()

    /// Query parser and searcher: the bytes as query text, parsed, then run
    /// against ``queryIndex`` with MaxScore pruning and exhaustively (both
    /// must agree on scores, placements, totals and facets, across a page
    /// boundary too), in both orders (``Ranking``; same totals), with the
    /// default options (no counting: the same hits), and once with
    /// explanations, context and tight limits.
    package static func query(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        let tight = QueryLimits(maxQueryBytes: 256, maxClauses: 12, maxDepth: 4, maxPhraseWords: 6,
                                maxExpansions: 3, maxEdits: 1, maxSlop: 5)
        _ = try? QueryParser(limits: .standard).parse(text)
        _ = try? QueryParser(limits: tight).parse(text)
        let index = queryIndex
        var totals: [Int] = []
        for ranking in Ranking.allCases {
            for (limit, offset) in [(5, 0), (3, 2)] {
                let pruned = try? index.search(text, options: SearchOptions(limit: limit, offset: offset, countFacets: true,
                                                                            ranking: ranking))
                let full = try? index.search(text, options: SearchOptions(limit: limit, offset: offset, countFacets: true,
                                                                          exhaustive: true, ranking: ranking))
                let uncounted = try? index.search(text, options: SearchOptions(limit: limit, offset: offset, ranking: ranking))
                precondition(uncounted?.hits.map(\.document) == pruned?.hits.map(\.document),
                             "counting changed the hits for \(text.debugDescription) (\(ranking))")
                if let pruned, let full {
                    precondition(pruned.total == full.total, "pruned and exhaustive totals differ for \(text.debugDescription)")
                    precondition(pruned.facets == full.facets, "pruned and exhaustive facets differ for \(text.debugDescription)")
                    precondition(pruned.hits.count == full.hits.count,
                                 "pruned and exhaustive hit counts differ for \(text.debugDescription) (\(ranking))")
                    for (a, b) in zip(pruned.hits, full.hits) {
                        precondition(abs(a.score - b.score) <= 1e-9 * max(1, abs(b.score)),
                                     "pruned and exhaustive scores differ for \(text.debugDescription) (\(ranking))")
                        precondition(a.document == b.document && a.placement == b.placement,
                                     "pruned and exhaustive orders differ for \(text.debugDescription) (\(ranking))")
                    }
                    totals.append(full.total)
                } else {
                    precondition((pruned == nil) == (full == nil), "only one of pruned and exhaustive failed for \(text.debugDescription)")
                }
            }
        }
        precondition(totals.allSatisfy { $0 == totals.first }, "the order changed the total for \(text.debugDescription)")
        _ = try? index.search(text, options: SearchOptions(limit: 3, offset: 1, k1: 0, b: 1, explain: true,
                                                           context: 2, limits: tight))
    }

    // MARK: - Index file

    /// A valid small index image, built once: the query target's index.
    package static let baseImage: [UInt8] = Array(queryIndex.image)

    /// A valid index image whose words span many postings blocks, built once:
    /// "laptops" lies in 1,400 passages (11 blocks, so a coarse level over 8
    /// blocks) with tf 1…4 at varied lengths (several impact pairs per block),
    /// "home" in every third. ``baseImage`` has single-block terms only, so
    /// the block impacts and the coarse level are reached through this one.
    package static let blocksImage: [UInt8] = {
        let filler = ["school", "dinner", "parents", "tablet", "feedback", "curriculum"]
        var lines: [String] = []
        for i in 0..<1_400 {
            var words = Array(repeating: "laptops", count: 1 + i % 4)
            if i % 3 == 0 { words.append("home") }
            words += filler.prefix((i * 7) % (filler.count + 1))
            let seconds = 1 + i * 3
            lines.append("[\(seconds / 3600):\(seconds / 60 % 60):\(seconds % 60)] Guest \(1 + i % 2): \(words.joined(separator: " ")).")
        }
        let collection = CollectionReader().read(name: "fuzz", transcripts: [("blocks/01.txt", lines.joined(separator: "\n"))],
                                                 manifest: nil)
        let index = SearchIndex(building: [collection], options: IndexOptions(passageWords: 8))
        return withExtendedLifetime(index) { Array(index.image) }  // `image` points into the index's storage
    }()

    /// Index-file reader. The input is a mutation program applied to
    /// ``baseImage``; the mutated image is opened, searched and verified.
    ///
    /// - byte 0: bit 0x01 re-seals every checksum after mutating (so damage
    ///   gets past the CRCs and reaches the structure checks and the searcher);
    ///   bit 0x02 mutates ``blocksImage`` (many-block postings) instead.
    /// - then 4-byte operations `op · a · b · c` on offset `(a << 8 | b)` scaled
    ///   to the image: `op % 5` = 0 XOR byte with `c`; 1 set a little-endian
    ///   u32 to a chosen value (`c` picks 0, 1, 0xFF.., an offset or a small
    ///   number); 2 truncate; 3 copy 16 bytes from a second offset (`c`·64);
    ///   4 delete `c + 1` bytes.
    package static func indexFile(_ bytes: [UInt8]) {
        guard let flags = bytes.first else { return }
        var image = flags & 2 != 0 ? blocksImage : baseImage
        var k = 1
        while k + 4 <= bytes.count, !image.isEmpty {
            let op = bytes[k] % 5, c = bytes[k + 3]
            let raw = Int(bytes[k + 1]) << 8 | Int(bytes[k + 2])
            let at = raw * image.count >> 16
            switch op {
            case 0:
                image[at] ^= c
            case 1:
                let values: [UInt32] = [0, 1, 0xFFFF_FFFF, 0x7FFF_FFFF, UInt32(image.count), UInt32(at), 2, 128, 0x8000_0000]
                let value = c < UInt8(values.count) ? values[Int(c)] : UInt32(c)
                for j in 0..<4 where at + j < image.count { image[at + j] = UInt8(truncatingIfNeeded: value >> (8 * j)) }
            case 2:
                image.removeSubrange(at...)
            case 3:
                let from = Int(c) * 64 % image.count
                for j in 0..<16 where at + j < image.count && from + j < image.count { image[at + j] = image[from + j] }
            default:
                image.removeSubrange(at..<min(image.count, at + Int(c) + 1))
            }
            k += 4
        }
        if flags & 1 != 0 { reseal(&image) }
        openAndSearch(image)
    }

    /// Opens `image` and, when it opens, searches it and verifies it.
    package static func openAndSearch(_ image: [UInt8]) {
        let index: SearchIndex
        do { index = try SearchIndex(storage: ByteStorage(copying: image), path: "fuzz.sbx") } catch {
            _ = error.description
            return
        }
        for q in ["laptops", "laptops home", "\"laptops home\"~3", "lapt*", "recieve~", "+assessment -tablet",
                  "role:guest learning", "school:hillside OR parents", "*", "\"to be or not to be\""] {
            _ = try? index.search(q, options: SearchOptions(limit: 4, explain: true, context: 1))
            _ = try? index.search(q, options: SearchOptions(limit: 2, filters: SearchFilters(roles: ["guest", "head*"]),
                                                           exhaustive: true))
        }
        _ = index.statistics
        _ = index.collectionNames
        for id in index.interviewIDs.prefix(4) { _ = index.transcript(of: id) }
        for d in 0..<min(index.documentCount, 8) { _ = index.document(d) }
        do { try index.verify() } catch { _ = error.description }
        // Opened verifying: the page table is decoded and pages checked on first use.
        if let verified = try? SearchIndex(storage: ByteStorage(copying: image), path: "fuzz.sbx", verifying: true) {
            for q in ["laptops", "laptops home", "\"laptops home\"~3", "lapt*", "role:guest learning"] {
                _ = try? verified.search(q, options: SearchOptions(limit: 4, context: 1))
            }
            for id in verified.interviewIDs.prefix(2) { _ = verified.transcript(of: id) }
        }
    }

    /// Recomputes the header, section, table and footer checksums of an
    /// image wherever its structure allows (bounds-checked: the image may be
    /// anything).
    package static func reseal(_ image: inout [UInt8]) {
        let size = image.count
        guard size >= IndexFormat.headerSize + IndexFormat.footerSize else { return }
        func u32(_ o: Int) -> UInt32 { (0..<4).reduce(0) { $0 | UInt32(image[o + $1]) << (8 * $1) } }
        func u64(_ o: Int) -> UInt64 { (0..<8).reduce(0) { $0 | UInt64(image[o + $1]) << (8 * $1) } }
        func put32(_ o: Int, _ v: UInt32) { for j in 0..<4 { image[o + j] = UInt8(truncatingIfNeeded: v >> (8 * j)) } }
        func crc(_ lo: Int, _ hi: Int) -> UInt32 { image.withUnsafeBytes { CRC32C.checksum(UnsafeRawBufferPointer(rebasing: $0[lo..<hi])) } }
        put32(12, crc(0, 12))
        let f = size - IndexFormat.footerSize
        let tableOffset = u64(f), count = Int(u32(f + 8))
        if tableOffset <= UInt64(f), count <= (f - Int(tableOffset)) / IndexFormat.tableEntrySize {
            let t = Int(tableOffset)
            for i in 0..<count {
                let e = t + i * IndexFormat.tableEntrySize
                let offset = u64(e + 8), length = u64(e + 16)
                if offset <= UInt64(size), length <= UInt64(size) - offset {
                    put32(e + 4, crc(Int(offset), Int(offset + length)))
                }
            }
            put32(f + 12, crc(t, t + count * IndexFormat.tableEntrySize))
        }
        put32(f + 28, crc(f, f + 28))
    }
}
