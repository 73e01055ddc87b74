/// Reading back the analyzer description an index file stores (see `signature`).
extension Analyzer {
    /// Rebuilds an analyzer from its ``signature``.
    init(signature: String) {
        // Indexes written before the acronym rule have no `acronym=` part.
        var stemming = true, folding = true, exact = false, acronyms = false
        var stop: Set<String> = []
        for part in signature.split(separator: " ") {
            if part == "porter2=0" { stemming = false }
            if part == "fold=0" { folding = false }
            if part == "exact=1" { exact = true }
            if part == "acronym=1" { acronyms = true }
            if part.hasPrefix("stop=") {
                stop = Set(part.dropFirst(5).split(separator: ",").map(String.init))
            }
        }
        self.init(stemming: stemming, folding: folding, stopWords: stop, exactForms: exact, acronymPlurals: acronyms)
    }
}
