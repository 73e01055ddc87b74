import Foundation

/// Reads a collection of interview transcripts: a folder (recursively) or a
/// single transcript file, or transcripts held in memory.
///
/// Every file is looked at: each transcript is one interview, its format
/// told from its content (``TranscriptFormat``), except WebVTT chapter tracks
/// (`NAME.chapters.vtt`), which give the chapters of the sibling transcript
/// `NAME.*`, and the manifest `collection.json`. Any other file (media, PDF,
/// notes) is listed in ``Collection/skippedFiles`` with an error diagnostic
/// that says what it is. Hidden files and folders (name starting with `.`)
/// and Soundbite index files are passed over; folders reached twice through links are walked once.
/// Interviews come in byte order of their relative paths.
///
/// Reading never stops at a bad file: problems become ``Diagnostic`` values in
/// ``Collection/diagnostics`` and files that cannot be used at all are listed
/// in ``Collection/skippedFiles``. Nothing is printed.
public struct CollectionReader: Sendable {
    /// The limits applied to every file.
    public var limits: IngestLimits

    /// Creates a reader.
    public init(limits: IngestLimits = .standard) {
        self.limits = limits
    }

    /// Reads the collection folder (or single transcript file) at `path`.
    public func read(_ path: String) -> Collection {
        let scan = scan(path)
        var diagnostics = scan.diagnostics
        var skipped = scan.skippedFiles
        var interviews: [Interview] = []
        interviews.reserveCapacity(scan.files.count)
        for file in scan.files {
            let result = readInterview(file, in: scan)
            diagnostics += result.diagnostics
            if let interview = result.interview {
                interviews.append(interview)
            } else {
                skipped.append(file.relativePath)
            }
        }
        return Collection(name: scan.name, root: scan.root, interviews: interviews,
                          diagnostics: diagnostics, skippedFiles: skipped)
    }

    /// Reads transcripts held in memory, for embedders.
    ///
    /// - Parameters:
    ///   - name: the collection name when the manifest gives none.
    ///   - transcripts: relative paths (the content decides the format, the
    ///     extension breaks ties; entries named `X.chapters.vtt` are the
    ///     chapter tracks of `X.*`) and texts.
    ///   - manifest: the text of a `collection.json`, if any.
    public func read(name: String, transcripts: [(path: String, text: String)], manifest: String?) -> Collection {
        var diagnostics: [Diagnostic] = []
        var skipped: [String] = []
        var parsedManifest: Manifest?
        if let manifest {
            let result = Manifest.parse(manifest, limits: limits)
            parsedManifest = result.manifest
            diagnostics += result.diagnostics
        }
        var chapterTracks: [String: String] = [:]
        var seen: Set<String> = []
        var entries: [(path: String, text: String)] = []
        for (rawPath, text) in transcripts {
            let path = Manifest.normalizePath(rawPath)
            if TranscriptFormat.isChapterTrack(path) {
                if chapterTracks[path] == nil { chapterTracks[path] = text }
                continue
            }
            guard seen.insert(path).inserted else {
                diagnostics.append(Diagnostic(.warning, file: path, line: 0,
                    "the same path was given twice; kept the first"))
                continue
            }
            entries.append((path, text))
        }
        entries.sort { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
        diagnostics += missingEntries(parsedManifest, present: seen)
        let assembler = InterviewAssembler(limits: limits, collectionRoles: parsedManifest?.roles ?? RoleMap(),
                                           collectionFields: parsedManifest?.mediaFields ?? [:])
        var interviews: [Interview] = []
        for entry in entries {
            let trackPath = TranscriptFormat.chapterTrackPath(for: entry.path)
            let source = InterviewAssembler.Source(
                relativePath: entry.path, format: nil, bytes: Array(entry.text.utf8),
                chapterTrack: chapterTracks[trackPath].map { (trackPath, Array($0.utf8)) },
                entry: parsedManifest?.interviews[entry.path])
            let result = assembler.assemble(source)
            diagnostics += result.diagnostics
            if let interview = result.interview { interviews.append(interview) } else { skipped.append(entry.path) }
        }
        return Collection(name: parsedManifest?.name ?? name, root: "", interviews: interviews,
                          diagnostics: diagnostics, skippedFiles: skipped)
    }

    /// Lists a collection without parsing transcripts: reads the manifest,
    /// finds the transcripts and their chapter tracks, and records their sizes
    /// and modification times. For incremental index updates.
    package func scan(_ path: String) -> CollectionScan {
        let absolute = Self.absolutePath(path)
        switch IngestFileSystem.info(absolute) {
        case .failure(let error):
            return CollectionScan(root: absolute, name: Self.lastComponent(absolute),
                diagnostics: [Diagnostic(.error, file: path, line: 0, "cannot read \u{201C}\(path)\u{201D} (\(error.reason))")],
                skippedFiles: [path])
        case .success(let info) where info.isDirectory:
            var scan = CollectionScan(root: absolute, name: Self.lastComponent(absolute))
            let manifestResult = readManifest(in: absolute)
            scan.manifest = manifestResult.manifest
            scan.diagnostics += manifestResult.diagnostics
            var visited: Set<[UInt64]> = [info.identity]
            walk(RawPath(absolute), relative: "", visited: &visited, into: &scan)
            scan.files.sort { $0.relativePath.utf8.lexicographicallyPrecedes($1.relativePath.utf8) }
            scan.diagnostics += missingEntries(scan.manifest, present: Set(scan.files.map(\.relativePath)))
            if let name = scan.manifest?.name, !name.isEmpty { scan.name = name }
            stampManifestHashes(&scan)
            return scan
        case .success(let info):
            let root = Self.parentPath(absolute)
            let name = Self.lastComponent(absolute)
            var scan = CollectionScan(root: root, name: Self.lastComponent(root))
            let manifestResult = readManifest(in: root)
            scan.manifest = manifestResult.manifest
            scan.diagnostics += manifestResult.diagnostics
            if let manifestName = scan.manifest?.name, !manifestName.isEmpty { scan.name = manifestName }
            switch info.isRegularFile ? screen(RawPath(absolute), name: name) : .skip("not a regular file") {
            case .read: break
            case .passOver: return scan
            case .skip(let reason):
                scan.diagnostics.append(Diagnostic(.error, file: name, line: 0, "\(reason); skipped the file"))
                scan.skippedFiles.append(name)
                return scan
            }
            var file = ScannedFile(relativePath: name, absolutePath: RawPath(absolute),
                                   size: info.size, statStamp: info.stamp)
            attachChapterTrack(&file, directory: RawPath(root), names: nil)
            scan.files = [file]
            stampManifestHashes(&scan)
            return scan
        }
    }

    /// Reads one transcript found by ``scan(_:)``: `nil` (with an error
    /// diagnostic) when it cannot be used at all.
    package func readInterview(_ file: ScannedFile, in scan: CollectionScan) -> (interview: Interview?, diagnostics: [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let bytes: [UInt8]
        switch IngestFileSystem.read(file.absolutePath, limit: limits.maxFileBytes) {
        case .success(let b): bytes = b
        case .failure(let error):
            let message = error.tooLarge
                ? "file is larger than the limit of \(limits.maxFileBytes) bytes; skipped the file"
                : "cannot read the file (\(error.reason)); skipped the file"
            return (nil, [Diagnostic(.error, file: file.relativePath, line: 0, message)])
        }
        var track: (path: String, bytes: [UInt8])?
        if let trackPath = file.chapterTrackPath {
            let relative = TranscriptFormat.chapterTrackPath(for: file.relativePath)
            switch IngestFileSystem.read(trackPath, limit: limits.maxFileBytes) {
            case .success(let b): track = (relative, b)
            case .failure(let error):
                diagnostics.append(Diagnostic(.warning, file: relative, line: 0,
                    "cannot read the chapter track (\(error.tooLarge ? "larger than the limit of \(limits.maxFileBytes) bytes" : error.reason)); read the transcript without chapters"))
            }
        }
        let assembler = InterviewAssembler(limits: limits, collectionRoles: scan.manifest?.roles ?? RoleMap(),
                                           collectionFields: scan.manifest?.mediaFields ?? [:])
        let result = assembler.assemble(InterviewAssembler.Source(
            relativePath: file.relativePath, format: nil, bytes: bytes, chapterTrack: track,
            entry: scan.manifest?.interviews[file.relativePath], statStamp: file.statStamp))
        return (result.interview, diagnostics + result.diagnostics)
    }

    // MARK: - Listing

    private func readManifest(in folder: String) -> (manifest: Manifest?, diagnostics: [Diagnostic]) {
        let path = folder + "/" + Manifest.fileName
        guard case .success(let info) = IngestFileSystem.info(path), info.isRegularFile else { return (nil, []) }
        switch IngestFileSystem.read(path, limit: limits.maxManifestBytes) {
        case .success(let bytes):
            return Manifest.parse(bytes, file: Manifest.fileName, limits: limits)
        case .failure(let error):
            return (nil, [Diagnostic(.warning, file: Manifest.fileName, line: 0,
                "cannot read the manifest (\(error.tooLarge ? "larger than the limit of \(limits.maxManifestBytes) bytes" : error.reason)); read the collection without it")])
        }
    }

    /// Lists `folder` (whose path relative to the collection, as shown, is
    /// `relative`) and its subfolders. Names are bytes: each is shown (in
    /// relative paths and ids) as ``RawPath/display(_:)`` gives it, and
    /// opened by its bytes; of two names shown alike, the second is skipped.
    private func walk(_ folder: RawPath, relative: String, visited: inout Set<[UInt64]>, into scan: inout CollectionScan) {
        let listed: [[UInt8]]
        switch IngestFileSystem.list(folder) {
        case .success(let list): listed = list.sorted { $0.lexicographicallyPrecedes($1) }
        case .failure(let error):
            scan.diagnostics.append(Diagnostic(.error, file: relative.isEmpty ? "." : relative, line: 0,
                "cannot read the folder (\(error.reason)); skipped it"))
            return
        }
        // Shown name → bytes, complete before any transcript looks up its chapter track.
        var byName: [String: [UInt8]] = [:]
        var names: [(shown: String, bytes: [UInt8])] = []
        for bytes in listed where bytes.first != UInt8(ascii: ".") {
            let name = RawPath.display(bytes)
            guard byName[name] == nil else {
                let rel = relative.isEmpty ? name : relative + "/" + name
                scan.diagnostics.append(Diagnostic(.error, file: rel, line: 0,
                    "the name is shown the same as another file's name (bytes that are not UTF-8 are shown as \\xHH); skipped it, rename one of them"))
                scan.skippedFiles.append(rel)
                continue
            }
            byName[name] = bytes
            names.append((name, bytes))
        }
        var subfolders: [(RawPath, String)] = []
        for (name, bytes) in names {
            let absolute = folder.appending(bytes)
            let rel = relative.isEmpty ? name : relative + "/" + name
            if rel == Manifest.fileName { continue }
            switch IngestFileSystem.info(absolute) {
            case .failure(let error):
                scan.diagnostics.append(Diagnostic(.error, file: rel, line: 0,
                    "cannot read the file (\(error.reason)); skipped the file"))
                scan.skippedFiles.append(rel)
            case .success(let info):
                if info.isDirectory {
                    if visited.insert(info.identity).inserted { subfolders.append((absolute, rel)) }
                    continue
                }
                if TranscriptFormat.isChapterTrack(name) { continue }
                switch info.isRegularFile ? screen(absolute, name: name) : .skip("not a regular file") {
                case .read: break
                case .passOver: continue
                case .skip(let reason):
                    scan.diagnostics.append(Diagnostic(.error, file: rel, line: 0, "\(reason); skipped the file"))
                    scan.skippedFiles.append(rel)
                    continue
                }
                var file = ScannedFile(relativePath: rel, absolutePath: absolute,
                                       size: info.size, statStamp: info.stamp)
                attachChapterTrack(&file, directory: folder, names: byName)
                scan.files.append(file)
            }
        }
        for (absolute, rel) in subfolders {
            walk(absolute, relative: rel, visited: &visited, into: &scan)
        }
    }

    /// What the listing does with one file.
    private enum Screening {
        /// Read it as a transcript.
        case read
        /// Pass over it without a word (a Soundbite index).
        case passOver
        /// List it as skipped, for this reason.
        case skip(String)
    }

    /// Screens a regular file from its first bytes (``FormatDetector/screen(_:path:isWhole:)``).
    private func screen(_ path: RawPath, name: String) -> Screening {
        switch IngestFileSystem.readPrefix(path, count: FormatDetector.screenBytes) {
        case .success(let head):
            if head.starts(with: IndexFormat.magic) { return .passOver }
            return FormatDetector.screen(head, path: name, isWhole: head.count < FormatDetector.screenBytes).map { .skip($0) } ?? .read
        case .failure(let error):
            return .skip("cannot read the file (\(error.reason))")
        }
    }

    /// Attaches the sibling chapter track. `names` maps the shown names of the
    /// folder's entries to their bytes (nil: the track's name is UTF-8).
    private func attachChapterTrack(_ file: inout ScannedFile, directory: RawPath, names: [String: [UInt8]]?) {
        let trackName = Self.lastComponent(TranscriptFormat.chapterTrackPath(for: file.relativePath))
        guard let bytes = names.map({ $0[trackName] }) ?? Array(trackName.utf8) else { return }
        let trackPath = directory.appending(bytes)
        guard case .success(let info) = IngestFileSystem.info(trackPath), info.isRegularFile else { return }
        file.chapterTrackPath = trackPath
        file.size += info.size
        var stamp = ContentHash()
        stamp.combine(file.statStamp)
        stamp.combine(info.stamp)
        file.statStamp = stamp.value
    }

    private func stampManifestHashes(_ scan: inout CollectionScan) {
        let assembler = InterviewAssembler(limits: limits, collectionRoles: scan.manifest?.roles ?? RoleMap(),
                                           collectionFields: scan.manifest?.mediaFields ?? [:])
        for k in scan.files.indices {
            scan.files[k].manifestHash = assembler.manifestHash(entry: scan.manifest?.interviews[scan.files[k].relativePath])
        }
    }

    private func missingEntries(_ manifest: Manifest?, present: Set<String>) -> [Diagnostic] {
        guard let manifest else { return [] }
        return manifest.interviews
            .filter { !present.contains($0.key) }
            .sorted { ($0.value.line, $0.key) < ($1.value.line, $1.key) }
            .map { Diagnostic(.warning, file: Manifest.fileName, line: $0.value.line,
                              "manifest names \u{201C}\($0.key)\u{201D}, which is not a transcript in the collection; ignored the entry") }
    }

    // MARK: - Paths

    /// `path` made absolute against the current folder, `.` and `..` resolved.
    static func absolutePath(_ path: String) -> String {
        let full = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        var parts: [Substring] = []
        for part in full.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." { if !parts.isEmpty { parts.removeLast() }; continue }
            parts.append(part)
        }
        return "/" + parts.joined(separator: "/")
    }

    /// The last `/`-separated component of `path`.
    static func lastComponent(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }

    /// The folder that holds `path` (an absolute path).
    static func parentPath(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/"), slash != path.startIndex else { return "/" }
        return String(path[..<slash])
    }
}
