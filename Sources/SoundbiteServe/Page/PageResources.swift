/// The page's files, compiled into the binary: `/` (HTML), `/app.css`,
/// `/app.js`. Nothing else is served outside `/api/`, and the page loads
/// nothing from elsewhere.
enum PageResources {
    struct Resource: Sendable {
        let contentType: String
        let body: [UInt8]
    }

    static let html = Resource(contentType: "text/html; charset=utf-8", body: Array(PageHTML.text.utf8))
    static let css = Resource(contentType: "text/css; charset=utf-8", body: Array(PageCSS.text.utf8))
    static let script = Resource(contentType: "text/javascript; charset=utf-8", body: Array(PageScript.text.utf8))

    /// The resource at exactly `path`, if any.
    static func resource(at path: String) -> Resource? {
        switch path {
        case "/", "/index.html": return html
        case "/app.css": return css
        case "/app.js": return script
        default: return nil
        }
    }
}
