/// An element a ``BoundedHeap`` can rank.
protocol HeapRanked {
    /// True when `a` ranks below `b`.
    static func worse(_ a: Self, _ b: Self) -> Bool
}

/// Keeps the k best elements offered: a binary heap whose root is the worst
/// kept one. Generic over the element, so each use is specialised (no
/// closure or existential per insertion).
struct BoundedHeap<Element: HeapRanked> {
    let k: Int
    private(set) var elements: [Element] = []

    /// Room for up to `reserved` elements is made at once (growing an
    /// array from empty to k = 10 would reallocate it several times).
    init(k: Int) {
        self.k = max(0, k)
        elements.reserveCapacity(min(self.k, Self.reserved))
    }

    /// The most elements reserved up front (a large k grows as it fills).
    private static var reserved: Int { 64 }

    /// True once k elements are kept.
    var isFull: Bool { elements.count >= k }

    /// The worst kept element (the one a newcomer must beat), when full.
    var worst: Element? { isFull && k > 0 ? elements[0] : nil }

    /// Offers `e`; kept if among the best k.
    @inline(__always)
    mutating func insert(_ e: Element) {
        guard k > 0 else { return }
        if elements.count < k {
            elements.append(e)
            var i = elements.count - 1
            while i > 0 {
                let p = (i - 1) / 2
                if Element.worse(elements[i], elements[p]) { elements.swapAt(i, p); i = p } else { break }
            }
        } else if Element.worse(elements[0], e) {
            elements[0] = e
            var i = 0
            while true {
                let l = 2 * i + 1, r = l + 1
                var m = i
                if l < elements.count && Element.worse(elements[l], elements[m]) { m = l }
                if r < elements.count && Element.worse(elements[r], elements[m]) { m = r }
                if m == i { break }
                elements.swapAt(i, m)
                i = m
            }
        }
    }

    /// The kept elements, best first.
    func sorted() -> [Element] {
        elements.sorted { Element.worse($1, $0) }
    }
}
