/// The margin every pruning bound keeps against rounding: a bound is a sum
/// of per-term maxima taken in another order than a document's score adds
/// its terms, so before it is compared with a k-th score it is raised by
/// `x · (1 + 1e-9) + 1e-12`, far above any rounding of a few dozen additions
/// and far below any real difference between scores. One definition, so
/// every scorer prunes against the same margin.
enum BoundMargin {
    /// `x` raised against rounding.
    @inline(__always)
    static func padded(_ x: Double) -> Double { x * (1 + 1e-9) + 1e-12 }
}
