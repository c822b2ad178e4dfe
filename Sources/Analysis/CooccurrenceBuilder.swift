import Storage
import StudyModel

/// Builds a code co-occurrence table: for every pair of codes of a code set and every column group,
/// the participants who mention both (each in their analysed coding, as every crosstab counts) and
/// the analysed segments that carry both, with their Jaccard indices.
///
/// Participant level reads the per-participant code counts already loaded; segment level the analysed
/// coder's sets of two or more codes, with their segment counts, that the study data kept from its pass
/// over the store's summary of the coding (or, for a study too large to keep them, one more ordered pass
/// over that summary).
struct CooccurrenceBuilder {
    let crosstabs: CrosstabBuilder
    let store: StudyStore

    func build(_ spec: TableSpec) throws -> CooccurrenceResult {
        let data = crosstabs.data
        let (groups, members) = try crosstabs.columnGroups(spec)
        // Each participant's column, −1 for none (4 bytes a participant).
        var columnOf = [Int32](repeating: -1, count: data.participants.count)
        for (column, people) in members.enumerated() {
            for person in people { columnOf[person] = Int32(column) }
        }
        let rows = Self.codes(of: spec.pairedCodes, crosstabs: crosstabs)
        let indices = rows.map { data.codebook.index(of: $0.id)! }
        let columns = groups.columns.count

        // The row of each codebook code (−1: not paired); per participant, the rows of its codes, each
        // code's participants and segments per column (`[row · columns + column]`) and the pairs' participants
        // (`[(first · rows + second) · columns + column]`, `first` < `second`), in flat arrays.
        var rowOfCode = Array(repeating: -1, count: data.codebook.codes.count)
        for (row, code) in indices.enumerated() { rowOfCode[code] = row }
        var participantCounts = Array(repeating: 0, count: rows.count * columns)
        var segmentCounts = participantCounts
        var bothCounts = Array(repeating: 0, count: rows.count * rows.count * columns)
        var mentioned = Array(repeating: 0, count: rows.count)
        participantCounts.withUnsafeMutableBufferPointer { participantCounts in
            segmentCounts.withUnsafeMutableBufferPointer { segmentCounts in
                bothCounts.withUnsafeMutableBufferPointer { bothCounts in
                    mentioned.withUnsafeMutableBufferPointer { mentioned in
                        for person in data.participants.indices where columnOf[person] >= 0 {
                            let column = Int(columnOf[person])
                            var count = 0
                            data.forEachCode(participant: person) { code, segments in
                                let row = rowOfCode[code]
                                guard row >= 0 else { return }
                                participantCounts[row * columns + column] += 1
                                segmentCounts[row * columns + column] += segments
                                mentioned[count] = row
                                count += 1
                            }
                            for position in 0..<count {
                                for other in mentioned[(position + 1)..<count] {
                                    let (first, second) = (min(mentioned[position], other), max(mentioned[position], other))
                                    bothCounts[(first * rows.count + second) * columns + column] += 1
                                }
                            }
                        }
                    }
                }
            }
        }
        func perColumn(_ counts: [Int], _ index: Int) -> [Int] { Array(counts[(index * columns)..<((index + 1) * columns)]) }
        let participants = rows.indices.map { perColumn(participantCounts, $0) }
        let segments = rows.indices.map { perColumn(segmentCounts, $0) }
        let both = (0..<(rows.count * rows.count)).map { perColumn(bothCounts, $0) }
        let segmentBoth = try segmentPairs(codes: rows.map(\.id), columnOf: columnOf, columns: columns)

        var pairs: [CooccurrencePair] = []
        for first in rows.indices {
            for second in (first + 1)..<rows.count {
                let cells = (0..<columns).map { column in
                    CooccurrenceCell(
                        participants: both[first * rows.count + second][column],
                        first: participants[first][column], second: participants[second][column],
                        segments: segmentBoth[first * rows.count + second][column],
                        firstSegments: segments[first][column], secondSegments: segments[second][column])
                }
                pairs.append(CooccurrencePair(first: first, second: second, cells: cells))
            }
        }
        return CooccurrenceResult(
            id: spec.id, codeSet: spec.pairedCodes, columnVariables: spec.columns, filter: spec.filter, columns: groups.columns,
            codes: rows.indices.map { CooccurrenceCode(row: rows[$0], participants: participants[$0], segments: segments[$0]) },
            pairs: pairs)
    }

    /// The codes of a code set, in its rows' order (a factor category's codes under it), as depth-0 rows.
    static func codes(of codeSet: RowSet, crosstabs: CrosstabBuilder) -> [TableRow] {
        crosstabs.rowDefinitions(codeSet).map(\.0).filter { $0.kind == .code }.map { row in
            var row = row
            row.depth = 0
            return row
        }
    }

    /// `pairs[first · codes + second][column]`: analysed segments carrying both codes, from each
    /// participant's analysed sets of two or more codes: those the pass over the store's summary kept
    /// (``StudyData/analysedCodeSets``), or else read again from the summary (not the segment table).
    private func segmentPairs(codes: [String], columnOf: [Int32], columns: Int) throws -> [[Int]] {
        let data = crosstabs.data
        // The row of each codebook code in `codes` (nil: not paired).
        var rowOfCode = [Int?](repeating: nil, count: data.codebook.codes.count)
        for (row, code) in codes.enumerated() { rowOfCode[data.codebook.index(of: code)!] = row }
        var tally = SegmentPairTally(rowOfCode: rowOfCode, rows: codes.count, columns: columns)
        if let sets = data.analysedCodeSets {
            sets.forEachSet(skipping: { $0 >= columnOf.count || columnOf[$0] < 0 }) { participant, codes, segments in
                tally.add(codes: codes, segments: segments, column: Int(columnOf[participant]))
            }
        } else {
            try store.read { reader in
                let coderIDs = try reader.coders()
                try reader.forEachCoding { coding in
                    guard coding.participant < columnOf.count, columnOf[coding.participant] >= 0,
                        data.analysedCoder(of: coding.participant) == coderIDs[coding.coder]
                    else { return }
                    for set in coding.sets where set.codes.count >= 2 {
                        tally.add(codes: coding.codes[set.codes], segments: set.segments, column: Int(columnOf[coding.participant]))
                    }
                }
            }
        }
        return (0..<(codes.count * codes.count)).map { pair in
            Array(tally.pairs[(pair * columns)..<((pair + 1) * columns)])
        }
    }
}

/// Co-occurrence's segment pairs summed set by set: `pairs[(first · rows + second) · columns + column]`.
private struct SegmentPairTally {
    /// The row of each codebook code (nil: not paired).
    let rowOfCode: [Int?]
    let rows: Int
    let columns: Int
    private(set) var pairs: [Int]
    /// Scratch: a set's paired rows, in its first places (as long as the largest set so far).
    private var found: [Int] = []

    init(rowOfCode: [Int?], rows: Int, columns: Int) {
        self.rowOfCode = rowOfCode
        self.rows = rows
        self.columns = columns
        pairs = Array(repeating: 0, count: rows * rows * columns)
    }

    /// Adds a set's `segments` to every pair of its paired codes in `column` (each pair at its rows in
    /// ascending order).
    mutating func add<Codes: Collection>(codes: Codes, segments: Int, column: Int) where Codes.Element: BinaryInteger {
        if found.count < codes.count { found = Array(repeating: 0, count: codes.count) }
        var count = 0
        for code in codes {
            if let row = rowOfCode[Int(code)] {
                found[count] = row
                count += 1
            }
        }
        guard count >= 2 else { return }
        let (rows, columns) = (rows, columns)
        found.withUnsafeBufferPointer { found in
            pairs.withUnsafeMutableBufferPointer { pairs in
                for index in 0..<count {
                    for other in found[(index + 1)..<count] {
                        let (first, second) = (min(found[index], other), max(found[index], other))
                        pairs[(first * rows + second) * columns + column] += segments
                    }
                }
            }
        }
    }
}
