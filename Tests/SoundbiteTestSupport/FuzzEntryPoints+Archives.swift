import Soundbite

/// The fuzz targets of the Word-document path: DEFLATE, ZIP and DOCX
/// (see ``FuzzEntryPoints``).
extension FuzzEntryPoints {
    // MARK: - DEFLATE

    /// The DEFLATE decoder: the bytes as a raw stream, inflated up to 1 MiB.
    /// What decodes must decode again the same with its exact size as the
    /// limit, and must be refused one byte below it.
    package static func deflate(_ bytes: [UInt8]) {
        let limit = 1 << 20
        guard let first = try? Inflater.inflate(bytes, limit: limit) else { return }
        precondition(first.consumed <= bytes.count, "DEFLATE consumed more bytes than it was given")
        let exact = try? Inflater.inflate(bytes, limit: first.bytes.count, sizeHint: first.bytes.count)
        precondition(exact?.bytes == first.bytes, "DEFLATE output depends on the limit or the size hint")
        if !first.bytes.isEmpty {
            do {
                _ = try Inflater.inflate(bytes, limit: first.bytes.count - 1)
                preconditionFailure("DEFLATE wrote past its limit")
            } catch {
                precondition(error.reason == .outputLimit(first.bytes.count - 1), "DEFLATE limit refused as \(error)")
            }
        }
    }

    // MARK: - ZIP

    /// Limits small enough for the fuzzer to reach each of them.
    static let tightZipLimits = ZipLimits(maxEntries: 8, maxEntryBytes: 1 << 16, maxTotalBytes: 1 << 18,
                                          maxCompressionRatio: 50, ratioFloorBytes: 1024)

    /// The ZIP reader: the bytes as an archive, every entry extracted, with
    /// the standard and the tight limits. An entry read must have its declared size.
    package static func zipArchive(_ bytes: [UInt8]) {
        for limits in [ZipLimits(maxEntryBytes: 1 << 20), tightZipLimits] {
            guard let archive = try? ZipArchive(bytes, limits: limits) else { continue }
            for entry in archive.entries {
                do {
                    let data = try archive.contents(of: entry)
                    precondition(UInt64(data.count) == entry.uncompressedSize, "a ZIP entry read at another size")
                } catch {
                    _ = error.description
                }
            }
        }
    }

    // MARK: - DOCX

    /// Word documents. The first byte chooses:
    /// - even: the rest is a main document part (`word/document.xml`),
    ///   packed here into a stored ZIP (so no CRC stands between the fuzzer
    ///   and the XML) and read the whole way;
    /// - odd: the rest is a `.docx` package, read the whole way;
    /// - bit 0x02: tight ingest limits.
    /// Every cue must have finite times and text without a line end.
    package static func docx(_ bytes: [UInt8]) {
        guard let selector = bytes.first else { return }
        var body = Array(bytes.dropFirst())
        let limits = selector & 2 != 0 ? tightIngestLimits : .standard
        if selector & 1 == 0 {
            var archive = ZipWriter()
            archive.entries = [ZipWriter.Entry(name: "word/document.xml", data: body, method: 0)]
            body = archive.bytes
        }
        let result = InterviewAssembler.assemble(path: "fuzz.docx", format: .docx, bytes: body, chapterTrack: nil,
                                                 limits: limits)
        for d in result.diagnostics { _ = d.description }
        for cue in result.interview?.cues ?? [] {
            precondition(cue.start.isFinite && cue.end.isFinite && cue.end >= cue.start, "a Word cue has times \(cue.start)–\(cue.end)")
            precondition(!cue.text.utf8.contains(0x0A) && !cue.text.utf8.contains(0x0D), "a Word cue holds a line end")
        }
    }
}
