/// The bounds a server puts on what a client may send and how slowly.
/// Every number read from a request is checked against these before it is
/// used, so no request can make the server allocate or wait without limit.
package struct HTTPLimits: Sendable, Hashable {
    /// Longest request line (`GET /path?query HTTP/1.1`), in bytes; longer gets 414.
    package var maxRequestLineBytes: Int
    /// Most header fields in one request; more gets 431.
    package var maxHeaderCount: Int
    /// Longest header section (every field line together), in bytes; longer gets 431.
    package var maxHeaderBytes: Int
    /// Largest request body (`Content-Length`), in bytes; larger gets 413.
    package var maxBodyBytes: Int
    /// Seconds a client has to send a whole request once its first byte has
    /// arrived; a slower client gets 408 and is disconnected.
    package var requestSeconds: Double
    /// Seconds an idle keep-alive connection stays open.
    package var idleSeconds: Double
    /// Seconds a client has to take a response; a client that stops reading is disconnected.
    package var writeSeconds: Double

    /// Creates limits; the defaults are those of `soundbite serve`.
    package init(maxRequestLineBytes: Int = 8192, maxHeaderCount: Int = 64, maxHeaderBytes: Int = 16384,
                 maxBodyBytes: Int = 8 << 20, requestSeconds: Double = 10, idleSeconds: Double = 30,
                 writeSeconds: Double = 10) {
        self.maxRequestLineBytes = maxRequestLineBytes
        self.maxHeaderCount = maxHeaderCount
        self.maxHeaderBytes = maxHeaderBytes
        self.maxBodyBytes = maxBodyBytes
        self.requestSeconds = requestSeconds
        self.idleSeconds = idleSeconds
        self.writeSeconds = writeSeconds
    }

    /// The limits of `soundbite serve`.
    package static let standard = HTTPLimits()
}
