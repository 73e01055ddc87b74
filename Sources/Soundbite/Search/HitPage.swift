import Synchronization

/// One result page whose hits' fields (text, highlights, snippet, best cue,
/// media link, fields, explanation, context) are built on first read: the
/// search returns ``Hit``s holding rank, score, document and placement and
/// a reference to this page; the first read of any other field of any of
/// them builds the whole page with ``HitBuilder/details(_:root:)`` (the same
/// code, so the same values as an eager build), once, under a lock, and
/// every later read, on any thread, is one acquiring load and a read in
/// place.
///
/// Damage is found by the search, not here: ``HitBuilder/checkPages(_:weight:)``
/// checks, before the search returns, every page the build will read (the
/// records, texts and cues of the hits and of their context passages, and
/// each query term's postings and positions), so a damaged one fails the
/// search and the build later reads only pages already checked.
///
/// Holds the index (its reader) until the last hit of the page is released.
final class HitPage: @unchecked Sendable {
    /// What builds the page (nil for a page given built).
    private let source: (builder: HitBuilder, weight: Weight, page: [Searcher.Collected])?
    private let count: Int
    /// Set (releasing) once ``storage`` holds every hit's details.
    private let built: Atomic<Bool>
    private let lock = Mutex<Void>(())
    /// One entry per hit of the page, initialised by ``build()``.
    private let storage: UnsafeMutablePointer<HitDetails>

    private init(builder: HitBuilder, weight: Weight, page: [Searcher.Collected]) {
        source = (builder, weight, page)
        count = page.count
        built = Atomic(false)
        storage = .allocate(capacity: max(1, page.count))
    }

    /// A page of one hit whose fields are given (a decoded or changed hit).
    init(built details: HitDetails) {
        source = nil
        count = 1
        built = Atomic(true)
        storage = .allocate(capacity: 1)
        storage.initialize(to: details)
    }

    /// A page of no hits.
    private init() {
        source = nil
        count = 0
        built = Atomic(true)
        storage = .allocate(capacity: 1)
    }

    /// The page of no hits.
    static let empty = HitPage()

    deinit {
        if built.load(ordering: .acquiring) { storage.deinitialize(count: count) }
        storage.deallocate()
    }

    /// The hits of `page` (rank `offset + 1` first), their other fields built on first read.
    static func hits(_ page: [Searcher.Collected], builder: HitBuilder, weight: Weight) -> [Hit] {
        guard !page.isEmpty else { return [] }
        let shared = HitPage(builder: builder, weight: weight, page: page)
        let offset = builder.options.offset
        var hits: [Hit] = []
        hits.reserveCapacity(page.count)
        for (i, entry) in page.enumerated() {
            hits.append(Hit(rank: offset + i + 1, score: entry.score, document: Int(entry.doc),
                            placement: entry.placement, page: shared, index: i))
        }
        return hits
    }

    /// Whether the page is built.
    var isBuilt: Bool { built.load(ordering: .acquiring) }

    /// The details of hit `i`, building the page first if it is not yet.
    @inline(__always)
    func details(_ i: Int) -> UnsafePointer<HitDetails> {
        if !built.load(ordering: .acquiring) { build() }
        return UnsafePointer(storage + i)
    }

    /// Builds every hit of the page, once (a second caller waits and finds it built).
    @inline(never)
    private func build() {
        lock.withLock { _ in
            guard !built.load(ordering: .acquiring), let source else { return }
            let b = source.builder
            b.details(source.page, root: source.weight.scorer(reader: b.reader, bm25: b.bm25), into: storage)
            built.store(true, ordering: .releasing)
        }
    }
}

extension Weight {
    /// Calls `body` with the id of every term the weight reads (exclusions included).
    func forEachTerm(_ body: (Int) -> Void) {
        switch self {
        case .all, .none: return
        case .term(let id), .derived(let id): body(id)
        case .union(let terms): for t in terms { body(t) }
        case .phrase(let terms, _): for t in terms { body(t.term) }
        case .boolean(let must, let should, let mustNot, _):
            for w in must { w.forEachTerm(body) }
            for w in should { w.forEachTerm(body) }
            for w in mustNot { w.forEachTerm(body) }
        }
    }
}
