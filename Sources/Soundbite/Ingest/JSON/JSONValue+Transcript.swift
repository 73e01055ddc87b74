/// What the transcript JSON readers (Whisper, WhisperX, Amazon Transcribe)
/// ask of a ``JSONValue``.
extension JSONValue {
    /// A time field as read: absent (or `null`), usable, or present but unusable.
    enum Seconds: Sendable, Hashable {
        /// No such member, or `null`.
        case missing
        /// A finite time from 0 up to ``JSONValue/maxSeconds``.
        case valid(Double)
        /// Present but not a usable time; the text says what it was.
        case invalid(String)
    }

    /// The largest time accepted, in seconds (about 31 years).
    static let maxSeconds: Double = 1e9

    /// The member `key` as a time in seconds: a number, or a string holding
    /// one (Amazon Transcribe writes `"start_time": "1.25"`).
    func seconds(_ key: String) -> Seconds {
        guard let value = member(key)?.value else { return .missing }
        let text: String
        switch value {
        case .null: return .missing
        case .number(let s), .string(let s): text = s
        default: return .invalid("\(key) is \(value.kindName)")
        }
        // Double(_:) reads any length in linear time; a huge exponent gives infinity.
        guard let t = Double(text.utf8.count <= 64 ? text : String(text.prefix(64))), t.isFinite else {
            return .invalid("\(key) \u{201C}\(text.prefix(24))\u{201D} is not a number")
        }
        if t < 0 { return .invalid("\(key) \(text.prefix(24)) is negative") }
        if t > Self.maxSeconds { return .invalid("\(key) \(text.prefix(24)) is too large") }
        return .valid(t)
    }

    /// The member `key` if it is a string.
    func string(_ key: String) -> String? {
        if case .string(let s)? = member(key)?.value { return s }
        return nil
    }

    /// The member `key` if it is an array.
    func array(_ key: String) -> [JSONValue]? {
        if case .array(let items)? = member(key)?.value { return items }
        return nil
    }

    /// The line of an object's first member, else `fallback`.
    func line(or fallback: Int) -> Int {
        if case .object(let members) = self, let first = members.first { return first.line }
        return fallback
    }
}
