import Soundbite

/// A JSON value with ordered object keys, written compactly and
/// deterministically (numbers in Swift's shortest round-trip form).
enum JSON {
    case null
    case bool(Bool)
    case int(Int)
    case number(Double)
    case string(String)
    case array([JSON])
    case object([(String, JSON)])

    /// The compact JSON text.
    var text: String {
        var s = ""
        write(into: &s)
        return s
    }

    func write(into s: inout String) {
        switch self {
        case .null: s += "null"
        case .bool(let b): s += b ? "true" : "false"
        case .int(let i): s += String(i)
        case .number(let d):
            if !d.isFinite { s += "null" }
            else if d == d.rounded(), abs(d) < 1e15 { s += String(Int(d)) }
            else { s += "\(d)" }
        case .string(let t): Self.escape(t, into: &s)
        case .array(let items):
            s += "["
            for (i, v) in items.enumerated() {
                if i > 0 { s += "," }
                v.write(into: &s)
            }
            s += "]"
        case .object(let pairs):
            s += "{"
            for (i, (k, v)) in pairs.enumerated() {
                if i > 0 { s += "," }
                Self.escape(k, into: &s)
                s += ":"
                v.write(into: &s)
            }
            s += "}"
        }
    }

    private static func escape(_ t: String, into s: inout String) {
        s += MarkupText.json(t)
    }

    /// An object of counts with keys sorted.
    static func counts(_ d: [String: Int]) -> JSON {
        .object(d.sorted { $0.key < $1.key }.map { ($0.key, .int($0.value)) })
    }

    /// An object of strings with keys sorted.
    static func strings(_ d: [String: String]) -> JSON {
        .object(d.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })
    }
}
