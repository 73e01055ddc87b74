import Foundation
import Soundbite
@testable import SoundbiteServe
import Synchronization

/// A ``SoundbiteServer`` on a free loopback port, its access log captured;
/// stopped (and waited for) when released.
final class ServerFixture: Sendable {
    /// Tests/SoundbiteServeTests/Fixtures/harbour: three invented interviews,
    /// two holding markup (`<script>…`, `"><img onerror=…>`) as spoken text.
    static let harbour = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/harbour").path

    /// The bundled Corpus.
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Corpus").path

    /// The harbour collection, indexed in memory once.
    static let harbourIndex: SearchIndex = SearchIndex(building: CollectionReader().readCollections(harbour))

    let server: SoundbiteServer
    let lines = LogLines()
    var port: Int { server.port }

    init(index: SearchIndex = ServerFixture.harbourIndex, watching: String? = nil,
         configuration: HTTPServerConfiguration = HTTPServerConfiguration(port: 0),
         options: ServeOptions = ServeOptions()) throws {
        var configuration = configuration
        configuration.port = 0
        let lines = self.lines
        server = try SoundbiteServer(index: index, watching: watching, configuration: configuration, options: options) {
            lines.append($0)
        }
        server.start()
    }

    deinit {
        server.shutdown()
        server.wait()
    }

    func client(timeout: Double = 10) throws -> HTTPTestClient { try HTTPTestClient(port: port, timeout: timeout) }
}

/// Log lines written from the server's threads.
final class LogLines: Sendable {
    private let storage = Locked<[String]>([])
    func append(_ line: String) { storage.withLock { $0.append(line) } }
    var all: [String] { storage.withLock { $0 } }
}
