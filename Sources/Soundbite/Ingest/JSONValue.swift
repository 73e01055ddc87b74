/// A JSON value as ``JSONReader`` reads it, with the line of every object
/// member so that problems can be reported where they are.
indirect enum JSONValue: Sendable, Hashable {
    /// An object: members in file order (a repeated key keeps every occurrence;
    /// ``member(_:)`` returns the last, as most JSON readers do).
    case object([JSONMember])
    /// An array.
    case array([JSONValue])
    /// A string, escapes decoded.
    case string(String)
    /// A number, kept exactly as written (`2008`, `1.5e3`).
    case number(String)
    /// `true` or `false`.
    case bool(Bool)
    /// `null`.
    case null

    /// The last member named `key`, if this is an object that has one.
    func member(_ key: String) -> JSONMember? {
        guard case .object(let members) = self else { return nil }
        return members.last { $0.key == key }
    }

    /// A scalar as text: strings as they are, numbers as written, booleans as
    /// `true`/`false`; `nil` for `null`, arrays and objects.
    var scalarText: String? {
        switch self {
        case .string(let s): return s
        case .number(let s): return s
        case .bool(let b): return b ? "true" : "false"
        case .null, .array, .object: return nil
        }
    }

    /// What kind of value this is, for messages ("an object", "a number", …).
    var kindName: String {
        switch self {
        case .object: return "an object"
        case .array: return "an array"
        case .string: return "a string"
        case .number: return "a number"
        case .bool: return "a boolean"
        case .null: return "null"
        }
    }
}

/// One `"key": value` member of a JSON object.
struct JSONMember: Sendable, Hashable {
    /// The key, escapes decoded.
    var key: String
    /// The value.
    var value: JSONValue
    /// The 1-based line the key is on.
    var line: Int
}
