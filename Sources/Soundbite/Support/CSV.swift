/// RFC 4180 comma-separated values: a reader that keeps the line each record
/// starts on, and the quoting rule for writing a field.
package enum CSV {
    /// One record: its fields and the 1-based line it starts on.
    package struct Record: Sendable, Hashable {
        /// The fields, quotes removed and `""` decoded.
        package var fields: [String]
        /// The line the record starts on.
        package var line: Int
    }

    /// Why the text is not CSV.
    package struct ParseError: Error, Sendable, Hashable {
        /// The 1-based line.
        package var line: Int
        /// What is wrong.
        package var message: String
    }

    /// Splits `bytes` into records. CRLF or LF ends a record; a quoted field
    /// may hold commas, quotes (`""`) and line ends. Blank lines are skipped.
    /// At most `maxFields` fields per record and `maxRecords` records.
    package static func parse(_ bytes: [UInt8], maxFields: Int = 64, maxRecords: Int = 1_000_000)
        throws(ParseError) -> [Record] {
        var records: [Record] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var line = 1, recordLine = 1
        var i = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { i = 3 }
        var inQuotes = false, wasQuoted = false, empty = true
        func endField() throws(ParseError) {
            guard fields.count < maxFields else { throw ParseError(line: recordLine, message: "more than \(maxFields) fields") }
            fields.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
            wasQuoted = false
        }
        func endRecord() throws(ParseError) {
            try endField()
            if !(fields.count == 1 && fields[0].isEmpty && empty) {
                guard records.count < maxRecords else { throw ParseError(line: recordLine, message: "more than \(maxRecords) records") }
                records.append(Record(fields: fields, line: recordLine))
            }
            fields.removeAll(keepingCapacity: true)
            empty = true
        }
        while i < bytes.count {
            let b = bytes[i]
            i += 1
            if inQuotes {
                if b == UInt8(ascii: "\"") {
                    if i < bytes.count, bytes[i] == UInt8(ascii: "\"") { field.append(b); i += 1 } else { inQuotes = false }
                } else {
                    if b == 0x0A { line += 1 }
                    field.append(b)
                }
                continue
            }
            switch b {
            case UInt8(ascii: ","):
                empty = false
                try endField()
            case UInt8(ascii: "\""):
                guard field.isEmpty, !wasQuoted else {
                    throw ParseError(line: line, message: "a quote inside an unquoted field; quote the whole field and double the quote (\"\")")
                }
                inQuotes = true; wasQuoted = true; empty = false
            case 0x0D:
                if i < bytes.count, bytes[i] == 0x0A { i += 1 }
                try endRecord(); line += 1; recordLine = line
            case 0x0A:
                try endRecord(); line += 1; recordLine = line
            default:
                if wasQuoted {
                    throw ParseError(line: line, message: "text after a closing quote; put a comma after the quoted field")
                }
                empty = false
                field.append(b)
            }
        }
        if inQuotes { throw ParseError(line: recordLine, message: "a quoted field is not closed before the end of the file") }
        if !field.isEmpty || !fields.isEmpty || !empty { try endRecord() }
        return records
    }

    /// `text` as one field: quoted (quotes doubled) when it holds a comma, a
    /// quote or a line end, as is otherwise.
    package static func field(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else { return text }
        var s = "\""
        for c in text.unicodeScalars {
            if c == "\"" { s += "\"\"" } else { s.unicodeScalars.append(c) }
        }
        return s + "\""
    }
}
