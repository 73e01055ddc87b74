/// Why a ZIP archive, or one of its entries, could not be read.
package struct ZipError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong.
    package enum Reason: Sendable, Hashable {
        /// No end-of-central-directory record: not a ZIP archive, or cut before its end.
        case notAnArchive
        /// A record or an entry's data runs past the end of the file; the payload names it.
        case truncated(String)
        /// A record's fields contradict each other or the file; the payload says how.
        case malformed(String)
        /// The archive spans several disks.
        case multiDisk
        /// More entries than the limit.
        case tooManyEntries(count: Int, limit: Int)
        /// One entry inflates to more than the limit.
        case entryTooLarge(entry: String, bytes: UInt64, limit: Int)
        /// The entries together inflate to more than the limit.
        case archiveTooLarge(bytes: UInt64, limit: UInt64)
        /// An entry claims to inflate more than the limit allows per compressed byte.
        case compressionRatio(entry: String, ratio: UInt64, limit: Int)
        /// Two entries share compressed bytes (the trick of overlapping zip bombs).
        case overlappingEntries(String, String)
        /// The entry is encrypted.
        case encrypted(String)
        /// The entry uses a compression method other than stored (0) or deflate (8).
        case unsupportedMethod(entry: String, method: Int)
        /// The entry's data does not match its CRC-32 or its declared size.
        case checksumMismatch(String)
        /// The entry's DEFLATE data is damaged.
        case deflate(entry: String, DeflateError)
        /// No entry has the name asked for.
        case missingEntry(String)
    }

    /// What is wrong.
    package var reason: Reason

    /// Creates an error.
    package init(_ reason: Reason) { self.reason = reason }

    /// A sentence naming the problem (and the entry, where there is one).
    package var description: String {
        switch reason {
        case .notAnArchive:
            return "not a ZIP archive (no end-of-central-directory record; the file may be cut short)"
        case .truncated(let what): return "ZIP archive cut short: \(what) runs past the end of the file"
        case .malformed(let what): return "damaged ZIP archive: \(what)"
        case .multiDisk: return "a ZIP archive split over several disks is not supported"
        case .tooManyEntries(let count, let limit): return "the ZIP archive has \(count) entries, more than the limit of \(limit)"
        case .entryTooLarge(let entry, let bytes, let limit):
            return "\(entry) inflates to \(bytes) bytes, more than the limit of \(limit)"
        case .archiveTooLarge(let bytes, let limit):
            return "the ZIP archive's entries inflate to \(bytes) bytes, more than the limit of \(limit)"
        case .compressionRatio(let entry, let ratio, let limit):
            return "\(entry) inflates \(ratio) times its compressed size, more than the limit of \(limit) (a zip bomb?)"
        case .overlappingEntries(let a, let b): return "\(a) and \(b) share their compressed data (a zip bomb?)"
        case .encrypted(let entry): return "\(entry) is encrypted"
        case .unsupportedMethod(let entry, let method):
            return "\(entry) uses compression method \(method); only stored (0) and deflate (8) are read"
        case .checksumMismatch(let entry): return "\(entry) does not match its CRC-32 or its size: the data is damaged"
        case .deflate(let entry, let error): return "\(entry): \(error)"
        case .missingEntry(let entry): return "the ZIP archive has no \(entry)"
        }
    }
}
