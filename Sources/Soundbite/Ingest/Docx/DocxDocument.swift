/// The text of a Word `.docx` file: a ZIP package (``ZipArchive``) whose
/// main document part — named by the package relationships
/// (`_rels/.rels`, type `…/officeDocument`), else `word/document.xml` —
/// is read by ``WordprocessingText`` into lines.
///
/// Only the main document is read: headers, footers, footnotes and comments
/// are other parts (a Rev export's page header, for one, is not speech).
/// Bounded: the archive by ``ZipLimits`` with entries up to the file limit,
/// the XML by ``XMLReader/Limits`` (nesting depth).
struct DocxDocument {
    /// The document's lines, one per paragraph (see ``WordprocessingText``).
    var lines: [String]
    /// Why reading stopped before the end of the document part, if it did
    /// (the lines before are kept).
    var problem: XMLReader.ParseError?
    /// The main document part's name in the package.
    var partName: String

    /// The text: the lines joined with line feeds.
    var text: String { lines.joined(separator: "\n") }

    /// Deepest element nesting read in a document part (Word itself nests
    /// a few dozen levels; tables in tables and content controls add some).
    static let maxDepth = 256

    /// The relationship type of the main document part (transitional and strict).
    static let officeDocumentTypes: Set<String> = [
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument",
        "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument",
    ]
    /// Where Word puts the main document part.
    static let defaultPartName = "word/document.xml"

    /// Reads the document in `bytes`; the entries of the archive are bounded
    /// by `maxPartBytes` each.
    static func read(_ bytes: [UInt8], maxPartBytes: Int, xmlLimits: XMLReader.Limits = .standard)
        throws(ZipError) -> DocxDocument {
        let archive = try ZipArchive(bytes, limits: ZipLimits(maxEntryBytes: maxPartBytes))
        let name = mainPartName(in: archive)
        let xml = try archive.contents(of: name)
        let result = WordprocessingText.lines(of: xml, limits: xmlLimits)
        return DocxDocument(lines: result.lines, problem: result.error, partName: name)
    }

    /// The main document part named by `_rels/.rels`, else `word/document.xml`.
    static func mainPartName(in archive: ZipArchive) -> String {
        guard let rels = try? archive.contents(of: "_rels/.rels") else { return defaultPartName }
        var reader = XMLReader(rels)
        while let event = try? reader.next() {
            guard case .start(let name, let attributes) = event, XMLEvent.localName(name) == "Relationship",
                  let type = attributes.value("Type"), officeDocumentTypes.contains(type),
                  attributes.value("TargetMode") != "External",
                  var target = attributes.value("Target") else { continue }
            // A part name is relative to the package root; a leading "/" says so too.
            while target.hasPrefix("/") { target.removeFirst() }
            if archive.entry(named: target) != nil { return target }
        }
        return defaultPartName
    }

    /// Most non-blank paragraphs before the first turn that are taken for the
    /// document's heading (Otter writes the title and the date; with its
    /// keywords and speakers lists, six).
    static let maxHeadingParagraphs = 8

    /// The paragraphs with the document's heading blanked out: in a turn
    /// layout (Otter, Rev, Premiere Pro) the tools put a title, a date or
    /// the recording's file name before the first turn line, which are not
    /// speech. Only a short heading is dropped (``maxHeadingParagraphs``);
    /// a longer run of text before the first turn is kept as words.
    static func withoutHeading(_ paragraphs: [String]) -> [String] {
        let probe = paragraphs.prefix(FormatDetector.probeLines)
        let opensTurn: (Substring) -> Bool
        switch TextLayoutDetector.detect(Array(probe)) {
        case .otter?: opensTurn = { TextLayoutLine.otter($0) != nil }
        case .rev?: opensTurn = { TextLayoutLine.rev($0) != nil }
        case .premiere?: opensTurn = { TextLayoutLine.premiere($0) != nil }
        default: return paragraphs
        }
        guard let first = probe.firstIndex(where: { opensTurn(Substring($0)) }) else { return paragraphs }
        let heading = paragraphs[..<first].filter { !Substring($0).ingestTrimmed().isEmpty }.count
        guard heading <= maxHeadingParagraphs else { return paragraphs }
        var kept = paragraphs
        for k in 0..<first { kept[k] = "" }
        return kept
    }
}
