import Soundbite
import SoundbiteServe

extension FuzzEntryPoints {
    /// The handler the HTTP target's requests go to: the selects target's small index, no token.
    static let httpHandler = SoundbiteHandler(indexes: IndexHolder(selectsIndex, watching: nil, log: { _ in }))

    /// Limits small enough for the fuzzer to reach every one of them.
    package static let tightHTTPLimits = HTTPLimits(maxRequestLineBytes: 64, maxHeaderCount: 4, maxHeaderBytes: 128,
                                                    maxBodyBytes: 256)

    /// The HTTP request parser of `soundbite serve`. Byte 0: bit 0x01 tight
    /// limits; the other 7 bits choose a cut point. The rest is what a client
    /// sent. The parser must be prefix-consistent (the bytes before the cut
    /// never give another request or another refusal status than the whole);
    /// every pipelined request found is answered by the server's handler
    /// (search, show, stats, selects on a small index) and its response
    /// serialized. A violation traps.
    package static func httpRequest(_ bytes: [UInt8]) {
        guard let selector = bytes.first else { return }
        let data = Array(bytes.dropFirst())
        let parser = HTTPRequestParser(limits: selector & 1 != 0 ? tightHTTPLimits : .standard)
        let whole = parser.parse(data)
        let cut = data.count * Int(selector >> 1) / 127
        switch parser.parse(Array(data[..<cut])) {
        case .incomplete: break
        case .request(let r, let n):
            guard case .request(let w, let m) = whole, w == r, m == n else {
                preconditionFailure("a prefix of \(cut) bytes gave a request the whole does not")
            }
        case .failure(let e):
            guard case .failure(let f) = whole, f.status == e.status else {
                preconditionFailure("a prefix of \(cut) bytes failed with \(e.status), the whole gave \(whole)")
            }
        }
        var rest = data[...]
        var answered = 0
        while answered < 16, case .request(let request, let consumed) = parser.parse(Array(rest)) {
            precondition(consumed > 0 && consumed <= rest.count, "consumed \(consumed) of \(rest.count) bytes")
            let response = httpHandler.respond(request)
            precondition((100...599).contains(response.status), "status \(response.status)")
            _ = response.serialized(keepAlive: request.keepAlive, head: request.method == "HEAD")
            _ = try? request.parameters()
            rest = rest.dropFirst(consumed)
            answered += 1
        }
    }
}
