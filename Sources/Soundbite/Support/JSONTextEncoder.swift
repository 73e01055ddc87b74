/// Encodes `Encodable` values as compact JSON text, deterministically: object
/// keys in the order the value encodes them (for the synthesized conformances,
/// declaration order), numbers in Swift's shortest round-trip form (whole
/// numbers below 10¹⁵ without a fraction), non-finite numbers as `null`, and
/// only the characters JSON requires escaped (`/` and non-ASCII stay as they are).
///
/// This is the encoder behind every JSON line the `soundbite` CLI prints, so
/// an embedder encoding ``SearchResults`` gets the CLI's bytes:
///
/// ```swift
/// let json = try JSONTextEncoder().encode(try index.search("laptops"))
/// ```
///
/// Foundation's `JSONEncoder` encodes the same values (decoding needs no
/// special decoder: `JSONDecoder` reads this text), but orders keys by hash.
public struct JSONTextEncoder: Sendable {
    /// Creates an encoder.
    public init() {}

    /// The JSON text of `value`.
    /// - Throws: whatever `value`'s `encode(to:)` throws.
    public func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = TreeEncoder(codingPath: [])
        try value.encode(to: encoder)
        var out = ""
        (encoder.value ?? .literal("null")).write(into: &out)
        return out
    }
}

/// A JSON value under construction; objects and arrays are boxes so nested
/// containers can fill them after they were added to their parent.
private enum JSONNode {
    case literal(String)          // null, true, false, a number
    case string(String)
    case array(ArrayBox)
    case object(ObjectBox)
    /// What a super encoder will have encoded (an empty object if nothing).
    case pending(TreeEncoder)

    final class ArrayBox { var items: [JSONNode] = [] }
    final class ObjectBox { var members: [(key: String, value: JSONNode)] = [] }

    static func number(_ d: Double) -> JSONNode {
        guard d.isFinite else { return .literal("null") }
        if d == d.rounded(), abs(d) < 1e15 { return .literal(String(Int(d))) }
        return .literal("\(d)")
    }

    static func number(_ f: Float) -> JSONNode {
        guard f.isFinite else { return .literal("null") }
        if f == f.rounded(), abs(f) < 1e15 { return .literal(String(Int(f))) }
        return .literal("\(f)")
    }

    func write(into s: inout String) {
        switch self {
        case .literal(let text): s += text
        case .pending(let encoder): (encoder.value ?? .object(ObjectBox())).write(into: &s)
        case .string(let text): Self.escape(text, into: &s)
        case .array(let box):
            s += "["
            for (i, item) in box.items.enumerated() {
                if i > 0 { s += "," }
                item.write(into: &s)
            }
            s += "]"
        case .object(let box):
            s += "{"
            for (i, member) in box.members.enumerated() {
                if i > 0 { s += "," }
                Self.escape(member.key, into: &s)
                s += ":"
                member.value.write(into: &s)
            }
            s += "}"
        }
    }

    static func escape(_ text: String, into s: inout String) {
        s += MarkupText.json(text)
    }
}

/// The `Encoder` that builds a ``JSONNode`` tree.
private final class TreeEncoder: Encoder {
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }
    /// What was encoded (nil until something is).
    var value: JSONNode?

    init(codingPath: [any CodingKey]) { self.codingPath = codingPath }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        let box: JSONNode.ObjectBox
        if case .object(let existing) = value { box = existing } else {
            box = JSONNode.ObjectBox()
            value = .object(box)
        }
        return KeyedEncodingContainer(KeyedContainer<Key>(box: box, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        let box: JSONNode.ArrayBox
        if case .array(let existing) = value { box = existing } else {
            box = JSONNode.ArrayBox()
            value = .array(box)
        }
        return UnkeyedContainer(box: box, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { SingleValueContainer(encoder: self) }

    /// The node for `value`, encoded at `path`.
    static func node<T: Encodable>(_ value: T, at path: [any CodingKey]) throws -> JSONNode {
        switch value {
        case let d as Double: return .number(d)
        case let f as Float: return .number(f)
        case let s as String: return .string(s)
        default:
            let child = TreeEncoder(codingPath: path)
            try value.encode(to: child)
            return child.value ?? .object(JSONNode.ObjectBox())
        }
    }
}

/// A coding key made from a string or an index.
private struct PlainKey: CodingKey {
    var stringValue: String
    var intValue: Int?
    init(stringValue: String) { self.stringValue = stringValue }
    init(intValue: Int) { self.stringValue = String(intValue); self.intValue = intValue }
}

private struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let box: JSONNode.ObjectBox
    let codingPath: [any CodingKey]

    private func set(_ node: JSONNode, _ key: Key) { set(node, key.stringValue) }

    private func set(_ node: JSONNode, _ key: String) {
        if let i = box.members.firstIndex(where: { $0.key == key }) {
            box.members[i].value = node
        } else {
            box.members.append((key, node))
        }
    }

    mutating func encodeNil(forKey key: Key) throws { set(.literal("null"), key) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { set(.literal(value ? "true" : "false"), key) }
    mutating func encode(_ value: String, forKey key: Key) throws { set(.string(value), key) }
    mutating func encode(_ value: Double, forKey key: Key) throws { set(.number(value), key) }
    mutating func encode(_ value: Float, forKey key: Key) throws { set(.number(value), key) }
    mutating func encode(_ value: Int, forKey key: Key) throws { set(.literal(String(value)), key) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { set(.literal(String(value)), key) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { set(.literal(String(value)), key) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { set(.literal(String(value)), key) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { set(.literal(String(value)), key) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { set(.literal(String(value)), key) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { set(.literal(String(value)), key) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { set(.literal(String(value)), key) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { set(.literal(String(value)), key) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { set(.literal(String(value)), key) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        set(try TreeEncoder.node(value, at: codingPath + [key]), key)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        let child = JSONNode.ObjectBox()
        set(.object(child), key)
        return KeyedEncodingContainer(KeyedContainer<NestedKey>(box: child, codingPath: codingPath + [key]))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let child = JSONNode.ArrayBox()
        set(.array(child), key)
        return UnkeyedContainer(box: child, codingPath: codingPath + [key])
    }

    /// The superclass's encoder, writing under the key `super` (as Foundation does).
    mutating func superEncoder() -> any Encoder { superEncoder(named: PlainKey(stringValue: "super")) }

    mutating func superEncoder(forKey key: Key) -> any Encoder { superEncoder(named: key) }

    /// An encoder whose value is placed at `key` once it is known.
    private func superEncoder(named key: any CodingKey) -> any Encoder {
        let encoder = TreeEncoder(codingPath: codingPath + [key])
        set(.pending(encoder), key.stringValue)
        return encoder
    }
}

private struct UnkeyedContainer: UnkeyedEncodingContainer {
    let box: JSONNode.ArrayBox
    let codingPath: [any CodingKey]
    var count: Int { box.items.count }

    private var nextPath: [any CodingKey] { codingPath + [PlainKey(intValue: box.items.count)] }

    mutating func encodeNil() throws { box.items.append(.literal("null")) }
    mutating func encode(_ value: Bool) throws { box.items.append(.literal(value ? "true" : "false")) }
    mutating func encode(_ value: String) throws { box.items.append(.string(value)) }
    mutating func encode(_ value: Double) throws { box.items.append(.number(value)) }
    mutating func encode(_ value: Float) throws { box.items.append(.number(value)) }
    mutating func encode(_ value: Int) throws { box.items.append(.literal(String(value))) }
    mutating func encode(_ value: Int8) throws { box.items.append(.literal(String(value))) }
    mutating func encode(_ value: Int16) throws { box.items.append(.literal(String(value))) }
    mutating func encode(_ value: Int32) throws { box.items.append(.literal(String(value))) }
    mutating func encode(_ value: Int64) throws { box.items.append(.literal(String(value))) }
    mutating func encode(_ value: UInt) throws { box.items.append(.literal(String(value))) }
    mutating func encode(_ value: UInt8) throws { box.items.append(.literal(String(value))) }
    mutating func encode(_ value: UInt16) throws { box.items.append(.literal(String(value))) }
    mutating func encode(_ value: UInt32) throws { box.items.append(.literal(String(value))) }
    mutating func encode(_ value: UInt64) throws { box.items.append(.literal(String(value))) }
    mutating func encode<T: Encodable>(_ value: T) throws {
        box.items.append(try TreeEncoder.node(value, at: nextPath))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let path = nextPath
        let child = JSONNode.ObjectBox()
        box.items.append(.object(child))
        return KeyedEncodingContainer(KeyedContainer<NestedKey>(box: child, codingPath: path))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let path = nextPath
        let child = JSONNode.ArrayBox()
        box.items.append(.array(child))
        return UnkeyedContainer(box: child, codingPath: path)
    }

    mutating func superEncoder() -> any Encoder {
        let encoder = TreeEncoder(codingPath: nextPath)
        box.items.append(.pending(encoder))
        return encoder
    }
}

private struct SingleValueContainer: SingleValueEncodingContainer {
    let encoder: TreeEncoder
    var codingPath: [any CodingKey] { encoder.codingPath }

    private func set(_ node: JSONNode) { encoder.value = node }

    mutating func encodeNil() throws { set(.literal("null")) }
    mutating func encode(_ value: Bool) throws { set(.literal(value ? "true" : "false")) }
    mutating func encode(_ value: String) throws { set(.string(value)) }
    mutating func encode(_ value: Double) throws { set(.number(value)) }
    mutating func encode(_ value: Float) throws { set(.number(value)) }
    mutating func encode(_ value: Int) throws { set(.literal(String(value))) }
    mutating func encode(_ value: Int8) throws { set(.literal(String(value))) }
    mutating func encode(_ value: Int16) throws { set(.literal(String(value))) }
    mutating func encode(_ value: Int32) throws { set(.literal(String(value))) }
    mutating func encode(_ value: Int64) throws { set(.literal(String(value))) }
    mutating func encode(_ value: UInt) throws { set(.literal(String(value))) }
    mutating func encode(_ value: UInt8) throws { set(.literal(String(value))) }
    mutating func encode(_ value: UInt16) throws { set(.literal(String(value))) }
    mutating func encode(_ value: UInt32) throws { set(.literal(String(value))) }
    mutating func encode(_ value: UInt64) throws { set(.literal(String(value))) }
    mutating func encode<T: Encodable>(_ value: T) throws { set(try TreeEncoder.node(value, at: codingPath)) }
}
