/// A set of interviews read from one folder (or built in memory), with
/// everything that went wrong while reading it.
public struct InterviewCollection: Sendable {
    /// The collection's name (manifest `name`, else the folder name).
    public var name: String
    /// The folder the collection was read from ("" for in-memory collections).
    public var root: String
    /// The interviews, ordered by path.
    public var interviews: [Interview]
    /// Warnings and errors met while reading, in file order.
    public var diagnostics: [Diagnostic]
    /// Paths of files that could not be read at all.
    public var skippedFiles: [String]

    /// Creates a collection.
    public init(name: String, root: String = "", interviews: [Interview] = [],
                diagnostics: [Diagnostic] = [], skippedFiles: [String] = []) {
        self.name = name
        self.root = root
        self.interviews = interviews
        self.diagnostics = diagnostics
        self.skippedFiles = skippedFiles
    }
}
