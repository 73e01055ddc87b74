import XCTest
@testable import Soundbite
import SoundbiteTestSupport

/// The per-value string lookup behind exact role / chapter / speaker
/// filters: for every key it gives the ids whose strings lower-case to the
/// key, the same as lower-casing the whole table, ASCII or not.
final class StringLookupTests: XCTestCase {
    /// Strings where byte-wise ASCII folding and `lowercased()` could part:
    /// lengths that change (KELVIN SIGN → `k`, `İ` → `i̇`), a non-ASCII
    /// character after an ASCII prefix, combining marks, ß, final sigma.
    static let tricky = ["Guest", "guest", "GUEST", "guests", "gues", "", "k", "K", "\u{212A}", "\u{212A}elvin",
                         "Kelvin", "kelvin", "İstanbul", "i̇stanbul", "istanbul", "Straße", "STRASSE", "straße",
                         "Café", "CAFÉ", "café", "cafe\u{301}", "CAFE\u{301}", "ΟΔΟΣ", "οδος", "οδοσ", "Host ",
                         " host", "host", "HoSt", "@[`{", "@[`{".lowercased(), "Zz", "zz", "Use of ICT", "use of ict", "\u{1FEF}", "`", "\u{037E}", ";"]

    /// The lookup as it was: every string lower-cased into one table.
    static func reference(_ strings: [String]) -> [String: [UInt32]] {
        var table: [String: [UInt32]] = [:]
        for (i, s) in strings.enumerated() { table[s.lowercased(), default: []].append(UInt32(i)) }
        return table
    }

    func testEveryPairAgreesWithLowercasedForAnASCIIKey() {
        let keys = Set(Self.tricky + Self.tricky.map { $0.lowercased() } + Self.tricky.map { $0.uppercased() })
            .filter { $0.utf8.allSatisfy { $0 < 0x80 } }
        for s in Self.tricky {
            for key in keys {
                XCTAssertEqual(StringLookup.lowercases(s, to: Array(key.utf8), key), s.lowercased() == key,
                               "\(s.debugDescription) vs key \(key.debugDescription)")
            }
        }
    }

    func testIdsEqualTheWholeTableOnTrickyStrings() {
        let table = Self.reference(Self.tricky)
        let lookup = StringLookup()
        let keys = Set(table.keys).union(["`", ";", "nothing", "GUEST", "k\u{301}", "\u{1FEF}", "\u{037E}", "\u{212A}"])
        for _ in 0..<2 {  // the second round is answered from the cache
            for key in keys { XCTAssertEqual(lookup.ids(key, in: Self.tricky), table[key] ?? [], key.debugDescription) }
        }
        XCTAssertEqual(lookup.ids("k", in: Self.tricky), [6, 7, 8])
    }

    func testIdsEqualTheWholeTableOnAnIndex() {
        let index = SearchIndex(building: [SyntheticCorpus.collection(interviews: 12, cuesEach: 40)])
        let reader = index.reader
        let table = Self.reference(reader.strings)
        XCTAssertGreaterThan(table.count, 20)
        for (key, ids) in table {
            XCTAssertEqual(reader.stringIDs(lowercased: key), ids, key)
            XCTAssertEqual(reader.stringIDs(lowercased: key + "x"), table[key + "x"] ?? [], key)
            XCTAssertEqual(reader.stringIDs(lowercased: String(key.dropLast())), table[String(key.dropLast())] ?? [], key)
        }
    }
}
