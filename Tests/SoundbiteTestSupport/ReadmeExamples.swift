import Foundation

/// The examples in the package's `README.md`: every shell session (`$ `
/// lines with the output that follows them) and every Swift block, so tests
/// can run them and compare the output exactly.
package struct ReadmeExamples {
    /// One `$ COMMAND` line and the lines printed under it.
    package struct Session: Sendable {
        /// The command as written, without the `$ `.
        package var command: String
        /// The output lines shown under it, up to the next `$ ` or the end of the block.
        package var output: [String]
        /// The README line of the command (1-based), for failure messages.
        package var line: Int
    }

    /// A fenced block: its language (`swift`, `sh`, or empty) and its lines.
    package struct Block: Sendable {
        /// The word after the opening fence.
        package var language: String
        /// The lines between the fences, with the fence's indentation removed.
        package var lines: [String]
        /// The README line of the opening fence (1-based).
        package var line: Int
    }

    /// Every fenced block, in order.
    package let blocks: [Block]

    /// The package root, found from this file's path.
    package static let packageRoot: String = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    /// Reads `README.md` at the package root.
    package init() throws {
        try self.init(text: String(contentsOfFile: Self.packageRoot + "/README.md", encoding: .utf8))
    }

    /// Reads the blocks of Markdown `text`. A fence is a line whose first
    /// non-blank characters are three backticks; it may be indented (inside
    /// a list item), and that indentation is removed from the block's lines.
    package init(text: String) {
        var blocks: [Block] = []
        var open: (language: String, indent: Int, line: Int)?
        var lines: [String] = []
        for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = String(raw)
            let indent = line.prefix { $0 == " " }.count
            let rest = line.dropFirst(indent)
            if rest.hasPrefix("```") {
                if let fence = open {
                    blocks.append(Block(language: fence.language, lines: lines, line: fence.line))
                    open = nil
                } else {
                    open = (String(rest.dropFirst(3)).trimmingCharacters(in: .whitespaces), indent, n + 1)
                    lines = []
                }
            } else if let fence = open {
                lines.append(String(line.dropFirst(min(fence.indent, indent))))
            }
        }
        self.blocks = blocks
    }

    /// Every shell session, in README order.
    package var sessions: [Session] {
        var sessions: [Session] = []
        for block in blocks where block.language != "swift" {
            for (k, line) in block.lines.enumerated() {
                if line.hasPrefix("$ ") {
                    sessions.append(Session(command: String(line.dropFirst(2)), output: [], line: block.line + 1 + k))
                } else if !sessions.isEmpty, sessions[sessions.count - 1].line > block.line {
                    sessions[sessions.count - 1].output.append(line)
                }
            }
        }
        return sessions
    }

    /// Splits a command line as a POSIX shell would for the simple cases the
    /// README uses: commands separated by `;`, words by blanks, `'…'` and
    /// `"…"` quoting (with `\"` and `\\` inside double quotes), `\` escapes.
    package static func commands(_ line: String) -> [[String]] {
        var commands: [[String]] = [], words: [String] = []
        var word = "", inWord = false
        var quote: Character?
        var escaped = false
        func endWord() {
            if inWord { words.append(word) }
            word = ""
            inWord = false
        }
        for c in line {
            if escaped {
                word.append(c)
                escaped = false
            } else if let q = quote {
                if c == q { quote = nil } else if c == "\\" && q == "\"" { escaped = true } else { word.append(c) }
            } else if c == "'" || c == "\"" {
                quote = c
                inWord = true
            } else if c == "\\" {
                escaped = true
                inWord = true
            } else if c == " " || c == "\t" {
                endWord()
            } else if c == ";" || c == "|" {
                endWord()
                if !words.isEmpty { commands.append(words) }
                // A command after `|` reads the previous one's output: it starts with the word "|".
                words = c == "|" ? ["|"] : []
            } else {
                word.append(c)
                inWord = true
            }
        }
        endWord()
        if !words.isEmpty { commands.append(words) }
        return commands
    }
}
