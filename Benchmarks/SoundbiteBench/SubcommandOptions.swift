import Foundation

/// Reads the `--name VALUE` options of a small bench subcommand, the one
/// loop they all share: each name maps to what to do with its value; an
/// unknown name or a name without a value prints `usage: soundbite-bench
/// <usage>` to stderr and returns false.
func readOptions(_ arguments: [String], usage: String, _ options: [String: (String) -> Void]) -> Bool {
    var i = 0
    while i < arguments.count {
        guard let apply = options[arguments[i]], i + 1 < arguments.count else {
            FileHandle.standardError.write(Data("usage: soundbite-bench \(usage)\n".utf8))
            return false
        }
        apply(arguments[i + 1])
        i += 2
    }
    return true
}

/// `value` as a count of at least 1, or `fallback` when it is not a number.
func atLeastOne(_ value: String, or fallback: Int) -> Int { max(1, Int(value) ?? fallback) }
