/// The text of a WordprocessingML main document part (`word/document.xml`,
/// ECMA-376 Part 1 §17) as lines, the way Word saves a document as plain
/// text: one line per paragraph, so a transcript typed or exported into
/// Word reads like the same transcript in a `.txt`.
///
/// What becomes text:
/// - `w:t` in runs (`w:r`), including runs inside hyperlinks, smart tags,
///   custom XML, content controls (`w:sdtContent`), simple fields and
///   insertions (`w:ins`, `w:moveTo`); white space kept as written, also
///   where `xml:space` is not `preserve` (a space there may still part two
///   words; an extra one costs nothing).
/// - `w:tab` and `w:ptab` a tab; `w:br` and `w:cr` end a line within the
///   paragraph; `w:noBreakHyphen` a hyphen; `w:sym` its character.
/// - A table row is one line, its cells separated by tabs (the paragraphs of
///   one cell, and nested tables, joined by spaces).
/// - A paragraph inside a text box is a line of its own.
///
/// What does not: deleted text (`w:del`, `w:moveFrom`, `w:delText`), field
/// instructions (`w:instrText`; a field's result is kept), properties
/// (`w:pPr`, `w:rPr`, `w:sdtPr`, …) and the fallback copy of alternate
/// content (`mc:Fallback`, which repeats `mc:Choice`).
///
/// Elements are recognised by namespace (transitional or strict WordprocessingML,
/// whatever the prefix); unknown elements are walked through, so text in
/// markup this reader does not know is kept. Line breaks and NUL inside text
/// become spaces and U+FFFD, so no line holds a line end.
struct WordprocessingText {
    /// The WordprocessingML namespaces: transitional and strict.
    static let wordNamespaces: Set<String> = [
        "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
        "http://purl.oclc.org/ooxml/wordprocessingml/main",
    ]
    /// The markup-compatibility namespace (`mc:AlternateContent`).
    static let compatibilityNamespace = "http://schemas.openxmlformats.org/markup-compatibility/2006"

    /// WordprocessingML elements whose whole content is not text of the document.
    static let skippedWordElements: Set<Substring> = [
        "del", "moveFrom", "delText", "instrText", "delInstrText",
        "pPr", "rPr", "sdtPr", "sdtEndPr", "tblPr", "tblGrid", "trPr", "tcPr", "sectPr", "tblPrEx",
        "fldData", "customXmlPr", "smartTagPr", "rubyPr",
    ]

    /// The lines read, and the problem that stopped the reading early, if any
    /// (the lines before it are kept).
    struct Result {
        var lines: [String]
        var error: XMLReader.ParseError?
    }

    /// Reads the lines of `xml`.
    static func lines(of xml: [UInt8], limits: XMLReader.Limits = .standard) -> Result {
        var walk = Walk()
        var reader = XMLReader(xml, limits: limits)
        do {
            while let event = try reader.next() { walk.handle(event, depth: reader.depth) }
            return Result(lines: walk.lines, error: nil)
        } catch {
            walk.flushOpenFrames()
            return Result(lines: walk.lines, error: error)
        }
    }

    /// What is being collected: a paragraph (its finished line segments and
    /// the current one), a table cell (its paragraphs), a table row (its cells).
    enum Frame {
        case paragraph(segments: [String], current: String)
        case cell([String])
        case row([String])
    }

    /// The state of one walk over the events.
    struct Walk {
        var lines: [String] = []
        var frames: [Frame] = []
        /// Namespace declarations in scope: (depth of the declaring element, prefix → URI).
        var scopes: [(depth: Int, map: [String: String])] = []
        /// Depth of the skipped element whose content is being passed over.
        var skipUntil: Int?
        /// Inside `w:t`.
        var inText = false

        mutating func handle(_ event: XMLEvent, depth: Int) {
            switch event {
            case .start(let name, let attributes):
                // `depth` counts the element just opened.
                if skipUntil != nil { return }
                declare(attributes, depth: depth)
                let (namespace, local) = resolve(name)
                if Self.isWord(namespace) {
                    if WordprocessingText.skippedWordElements.contains(local) {
                        skipUntil = depth
                        return
                    }
                    start(local, attributes)
                } else if namespace == WordprocessingText.compatibilityNamespace, local == "Fallback" {
                    skipUntil = depth
                }
            case .end(let name):
                // `depth` no longer counts the element just closed.
                if let skip = skipUntil {
                    if depth + 1 == skip { skipUntil = nil }
                    return
                }
                let (namespace, local) = resolve(name)
                while let last = scopes.last, last.depth > depth { scopes.removeLast() }
                if Self.isWord(namespace) { end(local) }
            case .text(let text):
                if skipUntil == nil, inText { append(Self.oneLine(text)) }
            }
        }

        static func isWord(_ namespace: String?) -> Bool {
            namespace.map { WordprocessingText.wordNamespaces.contains($0) } ?? false
        }

        // MARK: Elements

        mutating func start(_ local: Substring, _ attributes: [XMLAttribute]) {
            switch local {
            case "p": frames.append(.paragraph(segments: [], current: ""))
            case "tc": frames.append(.cell([]))
            case "tr": frames.append(.row([]))
            case "t": inText = true
            case "tab", "ptab": append("\t")
            case "br", "cr": breakLine()
            case "noBreakHyphen": append("-")
            case "sym":
                // A symbol is a printable character: control codes (a line feed) are not.
                if let code = attributes.value("char").flatMap({ UInt32($0, radix: 16) }),
                   let scalar = Unicode.Scalar(code), code >= 0x20, code != 0x7F {
                    append(String(Character(scalar)))
                }
            default: break
            }
        }

        mutating func end(_ local: Substring) {
            switch local {
            case "t": inText = false
            case "p":
                guard case .paragraph(let segments, let current)? = frames.last else { return }
                frames.removeLast()
                deliver(segments + [current])
            case "tc":
                guard case .cell(let parts)? = frames.last else { return }
                frames.removeLast()
                let text = parts.filter { !$0.isEmpty }.joined(separator: " ")
                if case .row(var cells)? = frames.last {
                    cells.append(text)
                    frames[frames.count - 1] = .row(cells)
                } else {
                    deliver([text])
                }
            case "tr":
                guard case .row(let cells)? = frames.last else { return }
                frames.removeLast()
                deliver([cells.joined(separator: "\t")], joinedInCell: true)
            default: break
            }
        }

        /// Hands finished lines to the enclosing frame: a cell joins them into
        /// one part, a paragraph (a text box's anchor) or the document takes
        /// them as lines.
        mutating func deliver(_ segments: [String], joinedInCell: Bool = false) {
            if case .cell(var parts)? = frames.last {
                parts.append(segments.filter { !$0.isEmpty }.joined(separator: " "))
                frames[frames.count - 1] = .cell(parts)
            } else {
                lines += segments
            }
        }

        /// Finishes whatever is open when the document stops early.
        mutating func flushOpenFrames() {
            for frame in frames {
                switch frame {
                case .paragraph(let segments, let current): lines += (segments + [current]).filter { !$0.isEmpty }
                case .cell(let parts): lines += parts.filter { !$0.isEmpty }
                case .row(let cells): if !cells.isEmpty { lines.append(cells.joined(separator: "\t")) }
                }
            }
            frames.removeAll()
        }

        // MARK: Text

        mutating func append(_ text: String) {
            guard !text.isEmpty else { return }
            if case .paragraph(let segments, var current)? = frames.last {
                current += text
                frames[frames.count - 1] = .paragraph(segments: segments, current: current)
            } else {
                // Text outside any paragraph (not valid WordprocessingML): a paragraph of its own.
                frames.append(.paragraph(segments: [], current: text))
                end("p")
            }
        }

        mutating func breakLine() {
            guard case .paragraph(var segments, let current)? = frames.last else { return }
            segments.append(current)
            frames[frames.count - 1] = .paragraph(segments: segments, current: "")
        }

        /// Text kept as written, but on one line: line ends and other
        /// vertical white space become spaces, NUL becomes U+FFFD.
        static func oneLine(_ text: String) -> String {
            guard text.utf8.contains(where: { $0 == 0x0A || $0 == 0x0D || $0 == 0x0C || $0 == 0x0B || $0 == 0 }) else {
                return text
            }
            return String(String.UnicodeScalarView(text.unicodeScalars.map { scalar in
                switch scalar.value {
                case 0x0A, 0x0D, 0x0C, 0x0B: " "
                case 0: "\u{FFFD}"
                default: scalar
                }
            }))
        }

        // MARK: Namespaces

        mutating func declare(_ attributes: [XMLAttribute], depth: Int) {
            var map: [String: String] = [:]
            for a in attributes {
                if a.name == "xmlns" { map[""] = a.value } else if a.name.hasPrefix("xmlns:") { map[String(a.name.dropFirst(6))] = a.value }
            }
            if !map.isEmpty { scopes.append((depth, map)) }
        }

        /// The namespace URI (nil when the prefix is undeclared) and local name of `name`.
        func resolve(_ name: String) -> (String?, Substring) {
            let prefix: Substring
            let local: Substring
            if let colon = name.firstIndex(of: ":") {
                prefix = name[..<colon]
                local = name[name.index(after: colon)...]
            } else {
                prefix = ""
                local = name[...]
            }
            for scope in scopes.reversed() {
                if let uri = scope.map[String(prefix)] { return (uri, local) }
            }
            return (nil, local)
        }
    }
}
