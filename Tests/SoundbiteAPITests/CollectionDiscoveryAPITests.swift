import Foundation
import XCTest
import Soundbite
import SoundbiteTestSupport

/// A folder without `collection.json` whose subfolders have one (like the
/// bundled `Corpus/`) is a folder of collections: the library finds them, so
/// every embedder reads their manifests as `soundbite index` does.
final class CollectionDiscoveryAPITests: XCTestCase {
    private var temp: TemporaryFolder!
    private var root: String { temp.path }

    override func setUpWithError() throws {
        temp = try TemporaryFolder("discovery")
        try temp.write("orchard/collection.json", #"{"name": "Orchard Stories", "roles": {"Mara Quill": "grower"}, "interviews": {"a.txt": {"id": "orchard-a", "fields": {"region": "north"}}}}"#)
        try temp.write("orchard/a.txt", "[00:00:01] Mara Quill: the pear trees flowered late this spring\n")
        try temp.write("harbour/collection.json", #"{"name": "Harbour Voices", "roles": {"Tomas Wren": "pilot"}}"#)
        try temp.write("harbour/b.txt", "[00:00:02] Tomas Wren: the pear boats came in at dawn\n")
        try temp.write(".hidden/collection.json", #"{"name": "Hidden"}"#)
        try temp.write("notes/c.txt", "[00:00:03] Someone Else: no manifest here\n")
    }

    override func tearDownWithError() throws {
        temp.remove()
    }

    func testFolderOfCollectionsIsReadWithEveryManifest() throws {
        XCTAssertEqual(CollectionReader.collectionFolders(root), [root + "/harbour", root + "/orchard"])
        XCTAssertEqual(CollectionReader.collectionFolders(root + "/orchard"), [root + "/orchard"])
        let collections = CollectionReader().readCollections(root)
        XCTAssertEqual(collections.map(\.name), ["Harbour Voices", "Orchard Stories"])
        XCTAssertEqual(collections[1].interviews.map(\.id), ["orchard-a"])
        XCTAssertEqual(collections[1].interviews[0].fields["region"], "north")
        XCTAssertEqual(collections[0].interviews[0].cues[0].role, "pilot")
        let index = SearchIndex(building: collections)
        XCTAssertEqual(try index.search("pear role:grower").hits.map(\.interview), ["orchard-a"])
        XCTAssertEqual(index.collectionNames, ["Harbour Voices", "Orchard Stories"])
    }

    /// Reading such a folder as one collection is no longer silent about the
    /// manifests it leaves out.
    func testReadingItAsOneCollectionWarns() throws {
        let one = CollectionReader().read(root)
        let warning = try XCTUnwrap(one.diagnostics.first { $0.message.contains("collection.json") }, "\(one.diagnostics)")
        XCTAssertEqual(warning.severity, .warning)
        XCTAssertTrue(warning.message.contains("harbour") && warning.message.contains("orchard"), warning.message)
        XCTAssertTrue(warning.message.contains("readCollections"), warning.message)
    }

    /// `SearchIndex.update` applies the same rule to the paths it is given.
    func testUpdateDiscoversCollections() throws {
        let (index, report) = SearchIndex.update(nil, paths: [root])
        XCTAssertEqual(report.added, 2, "\(report.diagnostics)")
        XCTAssertEqual(index.collectionNames, ["Harbour Voices", "Orchard Stories"])
        XCTAssertEqual(try index.search("pear role:pilot").hits.map(\.speaker), ["Tomas Wren"])
        // The documented round: write, then update from the file; nothing changed, nothing is read again.
        let file = root + "/voices.sbx"
        try index.write(to: file)
        let (again, second) = SearchIndex.update(try SearchIndex(contentsOf: file), paths: [root])
        XCTAssertEqual([second.added, second.updated, second.removed, second.unchanged], [0, 0, 0, 2])
        XCTAssertEqual(try again.search("pear").hits.map(\.document), try index.search("pear").hits.map(\.document))
    }
}
