import StudyModel

/// For every pair of a list of codes, the participants per atom with analysed segments of both: the
/// counts of a co-occurrence table's pairs in the ``DisclosureBasis``.
///
/// One pass over the participants, each adding 1 to the pairs among the codes it has (a participant
/// with k of the codes adds to k(k − 1)/2 pairs), instead of a pass per pair: a study of 20,000
/// participants and 60 codes looks each participant's codes up once (1.2 M look-ups), not twice per
/// pair (70 M).
struct PairPresence {
    /// The number of codes.
    let codeCount: Int
    let atoms: Int
    /// `counts[(pair · atoms) + atom]`, pairs in the order (0, 1), (0, 2), …, (1, 2), ….
    private var counts: [Int32]

    /// - Parameters:
    ///   - codes: codebook indices of the codes, each once, in the order pairs are asked by.
    ///   - atomOf: each participant's atom.
    init(codes: [Int], data: StudyData, atomOf: [Int], atoms: Int) {
        codeCount = codes.count
        self.atoms = atoms
        counts = Array(repeating: 0, count: codes.count * (codes.count - 1) / 2 * atoms)
        // Each codebook code's position among `codes` (−1: none); per participant, the positions of the
        // codes it has (ascending: found in codebook order, then sorted only if `codes` are not).
        var positionOf = Array(repeating: -1, count: data.codebook.codes.count)
        for (position, code) in codes.enumerated() {
            precondition(positionOf[code] < 0, "each code once")
            positionOf[code] = position
        }
        let ascending = codes.indices.dropFirst().allSatisfy { codes[$0 - 1] < codes[$0] }
        var present = Array(repeating: 0, count: codes.count)
        let (codeCount, atoms) = (codeCount, atoms)
        present.withUnsafeMutableBufferPointer { present in
            counts.withUnsafeMutableBufferPointer { counts in
                for person in data.participants.indices {
                    var found = 0
                    data.forEachCode(participant: person) { code, _ in
                        guard positionOf[code] >= 0 else { return }
                        present[found] = positionOf[code]
                        found += 1
                    }
                    if !ascending { present[..<found].sort() }
                    let atom = atomOf[person]
                    for i in 0..<found {
                        for j in (i + 1)..<found {
                            counts[Self.pairIndex(present[i], present[j], of: codeCount) * atoms + atom] += 1
                        }
                    }
                }
            }
        }
    }

    /// The participants per atom with both the `first`-th and the `second`-th code (`first` < `second`).
    func counts(_ first: Int, _ second: Int) -> [Int] {
        let start = Self.pairIndex(first, second, of: codeCount) * atoms
        return counts[start..<(start + atoms)].map(Int.init)
    }

    /// The position of the pair (`first`, `second`), `first` < `second`, among all pairs of `n` codes
    /// in the order (0, 1), (0, 2), …, (0, n − 1), (1, 2), ….
    static func pairIndex(_ first: Int, _ second: Int, of n: Int) -> Int {
        first * (2 * n - first - 1) / 2 + (second - first - 1)
    }
}
