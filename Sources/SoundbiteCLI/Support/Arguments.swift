/// A command-line option a subcommand accepts.
struct OptionSpec {
    /// Names, e.g. `["-i", "--index"]`.
    let names: [String]
    /// Whether the option takes a value (`-n 5`, `--n=5`).
    let takesValue: Bool
    /// Shown in `--help`, e.g. "INDEX  index file or collection folder".
    let help: String

    init(_ names: String..., value: Bool = false, help: String) {
        self.names = names
        self.takesValue = value
        self.help = help
    }

    /// The canonical name (the longest).
    var key: String { names.max { $0.count < $1.count }! }

    /// Options every command accepts (also before the command name).
    static let common: [OptionSpec] = [
        OptionSpec("--color", value: true, help: "WHEN: auto (default: on a terminal, unless NO_COLOR or TERM=dumb), always or never"),
    ]
}

/// A usage mistake: unknown option, missing value, bad number (exit 2).
struct UsageError: Error, CustomStringConvertible {
    let message: String
    init(_ message: String) { self.message = message }
    var description: String { message }
}

/// The parsed command line of one subcommand: options by canonical name
/// (every occurrence kept, in order) and positional arguments.
struct Arguments {
    private(set) var values: [String: [String]] = [:]
    private(set) var positional: [String] = []

    /// Parses `args` against `specs` and the ``OptionSpec/common`` options,
    /// which are applied to `console` (`--color`). `--` ends options; `-`
    /// alone and negative numbers are positional. Values follow the option
    /// (`-n 5`, `--limit 5`) or are attached (`-n5`, `--limit=5`).
    init(_ args: [String], specs: [OptionSpec], console: Console? = nil) throws(UsageError) {
        var byName: [String: OptionSpec] = [:]
        for s in specs + OptionSpec.common { for n in s.names { byName[n] = s } }
        var i = 0
        var onlyPositional = false
        while i < args.count {
            let a = args[i]
            i += 1
            if onlyPositional || a == "-" || !a.hasPrefix("-") || Self.isNumber(a) {
                positional.append(a)
                continue
            }
            if a == "--" { onlyPositional = true; continue }
            var name = a, inline: String? = nil
            if a.hasPrefix("--"), let eq = a.firstIndex(of: "=") {
                name = String(a[..<eq])
                inline = String(a[a.index(after: eq)...])
            } else if !a.hasPrefix("--"), a.count > 2, byName[String(a.prefix(2))] != nil {
                name = String(a.prefix(2))
                inline = String(a.dropFirst(2))
            }
            guard let spec = byName[name] else {
                throw UsageError("unknown option '\(name)'" + Suggestion.hint(for: name, among: byName.keys.sorted()))
            }
            if spec.takesValue {
                if let inline {
                    values[spec.key, default: []].append(inline)
                } else {
                    guard i < args.count else { throw UsageError("option '\(name)' needs a value") }
                    values[spec.key, default: []].append(args[i])
                    i += 1
                }
            } else {
                guard inline == nil else { throw UsageError("option '\(name)' takes no value") }
                values[spec.key, default: []].append("")
            }
        }
        if let console, value("--color") != nil { console.colorChoice = try colorChoice() }
    }

    /// `--color WHEN`.
    func colorChoice() throws(UsageError) -> ColorChoice {
        let allowed = ColorChoice.allCases.map(\.rawValue)
        return ColorChoice(rawValue: try choice("--color", allowed, default: ColorChoice.auto.rawValue))!
    }

    private static func isNumber(_ s: String) -> Bool { Double(s) != nil }

    /// Whether a flag was given.
    func flag(_ key: String) -> Bool { values[key] != nil }

    /// The last value of an option.
    func value(_ key: String) -> String? { values[key]?.last }

    /// Every value of a repeatable option.
    func all(_ key: String) -> [String] { values[key] ?? [] }

    /// An integer option in `range`.
    func int(_ key: String, default d: Int, in range: ClosedRange<Int> = 0...Int.max) throws(UsageError) -> Int {
        guard let v = value(key) else { return d }
        guard let n = Int(v), range.contains(n) else {
            throw UsageError("\(key) needs a whole number from \(range.lowerBound) to \(range.upperBound), got '\(v)'")
        }
        return n
    }

    /// A number option.
    func double(_ key: String, default d: Double) throws(UsageError) -> Double {
        guard let v = value(key) else { return d }
        guard let n = Double(v), n.isFinite else { throw UsageError("\(key) needs a number, got '\(v)'") }
        return n
    }

    /// A choice among `allowed`.
    func choice(_ key: String, _ allowed: [String], default d: String) throws(UsageError) -> String {
        guard let v = value(key) else { return d }
        guard allowed.contains(v) else {
            throw UsageError("\(key) must be one of \(allowed.joined(separator: ", ")), got '\(v)'")
        }
        return v
    }
}

/// Formats a subcommand's help text.
func helpText(usage: String, summary: String, options: [OptionSpec], notes: String = "") -> String {
    let options = options + OptionSpec.common
    var s = "usage: \(usage)\n\n\(summary)\n"
    if !options.isEmpty {
        s += "\noptions:\n"
        let width = options.map { $0.names.joined(separator: ", ").count }.max() ?? 0
        for o in options {
            let n = o.names.joined(separator: ", ")
            s += "  " + n + String(repeating: " ", count: width - n.count + 2) + o.help + "\n"
        }
    }
    if !notes.isEmpty { s += "\n" + notes + "\n" }
    return s
}
