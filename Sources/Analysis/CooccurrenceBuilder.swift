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

        var participants = Array(repeating: Array(repeating: 0, count: columns), count: rows.count)
        var segments = participants
        var both = Array(repeating: Array(repeating: 0, count: columns), count: rows.count * rows.count)
        for person in data.participants.indices {
            guard columnOf[person] >= 0 else { continue }
            let column = Int(columnOf[person])
            let mentioned = indices.indices.filter { data.segments(participant: person, code: indices[$0]) > 0 }
            for code in mentioned {
                participants[code][column] += 1
                segments[code][column] += data.segments(participant: person, code: indices[code])
            }
            for (position, first) in mentioned.enumerated() {
                for second in mentioned[(position + 1)...] { both[first * rows.count + second][column] += 1 }
            }
        }
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
    /// Scratch: a set's paired rows.
    private var found: [Int] = []

    init(rowOfCode: [Int?], rows: Int, columns: Int) {
        self.rowOfCode = rowOfCode
        self.rows = rows
        self.columns = columns
        pairs = Array(repeating: 0, count: rows * rows * columns)
    }

    /// Adds a set's `segments` to every pair of its paired codes in `column`.
    mutating func add<Codes: Sequence>(codes: Codes, segments: Int, column: Int) where Codes.Element: BinaryInteger {
        found.removeAll(keepingCapacity: true)
        for code in codes { if let row = rowOfCode[Int(code)] { found.append(row) } }
        found.sort()
        for index in found.indices {
            for second in found[(index + 1)...] { pairs[(found[index] * rows + second) * columns + column] += segments }
        }
    }
}
