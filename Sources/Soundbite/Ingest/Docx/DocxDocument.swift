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
}
