/// What `soundbite serve` lets through besides the defaults.
package struct ServeOptions: Sendable, Hashable {
    /// When set, every `/api/` request needs `Authorization: Bearer TOKEN`.
    package var token: String?
    /// When set, API responses allow this origin (CORS); none otherwise.
    package var corsOrigin: String?

    package init(token: String? = nil, corsOrigin: String? = nil) {
        self.token = token
        self.corsOrigin = corsOrigin
    }
}
