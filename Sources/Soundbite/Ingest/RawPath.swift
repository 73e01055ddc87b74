/// A file-system path as the kernel takes it: bytes, which need not be UTF-8
/// (a Linux file name is any bytes but `/` and NUL). Ingest lists, stats and
/// opens through it, so a transcript whose name is not UTF-8 is read like any
/// other; its ``description`` — used for relative paths, interview ids and
/// diagnostics — shows such bytes escaped.
package struct RawPath: Sendable, Hashable, CustomStringConvertible {
    /// The path's bytes, without a terminating NUL.
    package var bytes: [UInt8]

    /// The path of a string (its UTF-8).
    package init(_ string: String) { bytes = Array(string.utf8) }

    /// A path of raw bytes.
    package init(bytes: [UInt8]) { self.bytes = bytes }

    /// This folder's entry `name` (`self/name`).
    package func appending(_ name: [UInt8]) -> RawPath {
        RawPath(bytes: bytes + [UInt8(ascii: "/")] + name)
    }

    /// The path as text (see ``display(_:)``).
    package var description: String { Self.display(bytes) }

    /// `bytes` as text: valid UTF-8 as is, except that every byte of an
    /// invalid sequence becomes `\xHH` and control characters are escaped as
    /// ``ControlEscaping`` shows them, so no name can garble a line of output.
    package static func display(_ bytes: [UInt8]) -> String {
        var out = ""
        bytes.withUnsafeBufferPointer { buffer in
            var i = 0
            while i < buffer.count {
                let (scalar, length) = UTF8Decoding.decode(buffer, at: i)
                let invalid = length == 1 && buffer[i] >= 0x80
                if invalid {
                    ControlEscaping.appendHex(buffer[i], to: &out)
                } else {
                    ControlEscaping.append(scalar, to: &out)
                }
                i += length
            }
        }
        return out
    }

    /// Calls `body` with the path as a NUL-terminated C string.
    func withCString<R>(_ body: (UnsafePointer<CChar>) -> R) -> R {
        let terminated = bytes + [0]
        return terminated.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count, body)
        }
    }
}
