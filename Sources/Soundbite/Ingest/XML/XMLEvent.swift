/// One step of an XML document as ``XMLReader`` reads it.
package enum XMLEvent: Sendable, Hashable {
    /// An element starts: its name as written (with any prefix, `w:p`) and its
    /// attributes in file order, references decoded.
    case start(name: String, attributes: [XMLAttribute])
    /// An element ends (also right after the start of an empty element `<a/>`).
    case end(name: String)
    /// Character data, references decoded, CDATA sections included, line
    /// ends read as LF.
    case text(String)

    /// A name without its namespace prefix: `w:t` → `t`.
    package static func localName(_ name: String) -> Substring {
        guard let colon = name.lastIndex(of: ":") else { return Substring(name) }
        return name[name.index(after: colon)...]
    }
}

/// One `name="value"` attribute of an element.
package struct XMLAttribute: Sendable, Hashable {
    /// The name as written (with any prefix, `xml:space`).
    package var name: String
    /// The value, references decoded and white space normalised to spaces.
    package var value: String
}

extension Array where Element == XMLAttribute {
    /// The value of the attribute whose local name (prefix dropped) is `name`.
    package func value(_ name: String) -> String? {
        first { XMLEvent.localName($0.name) == name }?.value
    }
}
