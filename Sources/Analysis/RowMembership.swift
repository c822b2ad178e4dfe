import Statistics
import StudyModel

/// Whether a participant counts in a table's row, and their analysed segments of the row's codes; for a
/// row of codes (a code, or a group of codes), which codes.
///
/// A row of codes counts a participant with a segment of any of its codes, and sums the participant's
/// segments of each code it lists; its cells over many groups are counted in one pass over each
/// participant's codes (``cells(_:over:data:)``) instead of asking every row about every participant.
struct RowMembership {
    /// The codebook indices of the row's codes, as listed (`nil`: the row is not a row of codes).
    let codes: [Int]?
    private let test: (Int) -> (counts: Bool, segments: Int)

    /// The row of `codes` (codebook indices) of `data`.
    init(codes: [Int], data: StudyData) {
        self.codes = codes
        if codes.count == 1 {
            let code = codes[0]
            test = { participant in
                let segments = data.segments(participant: participant, code: code)
                return (segments > 0, segments)
            }
        } else {
            test = { participant in
                let segments = codes.reduce(0) { $0 + data.segments(participant: participant, code: $1) }
                return (segments > 0, segments)
            }
        }
    }

    /// A row that is not one of codes, by its test.
    init(_ test: @escaping (Int) -> (counts: Bool, segments: Int)) {
        codes = nil
        self.test = test
    }

    /// Whether `participant` counts in the row, and their segments of the row's codes.
    @inline(__always)
    func callAsFunction(_ participant: Int) -> (counts: Bool, segments: Int) {
        test(participant)
    }

    /// For rows of codes, the participants who count in each row per group (`counts[row][group]`), every
    /// participant in the group `groupOf[participant]`: what ``callAsFunction(_:)`` counts, in one pass
    /// over each participant's codes; `nil` when a row is not one of codes.
    static func participants(_ rows: [RowMembership], perGroup groupOf: [Int], groups: Int, data: StudyData) -> [[Int]]? {
        guard let (rowStart, rowList) = rowsOfCodes(rows, codeCount: data.codebook.codes.count) else { return nil }
        // counts[row * groups + group], and the last participant (+ 1) counted in each row, so that a row
        // of several codes counts them once.
        var counts = Array(repeating: 0, count: rows.count * groups)
        var counted = Array(repeating: 0, count: rows.count)
        counts.withUnsafeMutableBufferPointer { counts in
            counted.withUnsafeMutableBufferPointer { counted in
                rowStart.withUnsafeBufferPointer { rowStart in
                    rowList.withUnsafeBufferPointer { rowList in
                        for person in groupOf.indices {
                            let group = groupOf[person]
                            data.forEachCode(participant: person) { code, _ in
                                for row in rowList[rowStart[code]..<rowStart[code + 1]] where counted[row] != person + 1 {
                                    counted[row] = person + 1
                                    counts[row * groups + group] += 1
                                }
                            }
                        }
                    }
                }
            }
        }
        return rows.indices.map { Array(counts[($0 * groups)..<(($0 + 1) * groups)]) }
    }

    /// The rows of each code, code c's at `rowList[rowStart[c]..<rowStart[c + 1]]`; `nil` when a row is
    /// not one of codes.
    private static func rowsOfCodes(_ rows: [RowMembership], codeCount: Int) -> (rowStart: [Int], rowList: [Int])? {
        var rowsOfCode = Array(repeating: [Int](), count: codeCount)
        for (row, membership) in rows.enumerated() {
            guard let codes = membership.codes else { return nil }
            for code in codes { rowsOfCode[code].append(row) }
        }
        var rowStart = [0]
        var rowList: [Int] = []
        for code in 0..<codeCount {
            rowList += rowsOfCode[code]
            rowStart.append(rowList.count)
        }
        return (rowStart, rowList)
    }

    /// The cells of rows of codes over groups of participants (`cells[row][group]`, as
    /// ``CrosstabBuilder/cell(_:_:)`` gives them), `nil` when a row is not one of codes.
    static func cells(_ rows: [RowMembership], over groups: [[Int]], data: StudyData) -> [[TableCell]]? {
        guard let (rowStart, rowList) = rowsOfCodes(rows, codeCount: data.codebook.codes.count) else { return nil }
        // Per row: participants, segments, and the last participant (+ 1) counted, so that a row of several
        // codes counts a participant once.
        var tallies = Array(repeating: 0, count: 3 * rows.count)
        var cells = Array(repeating: [TableCell](), count: rows.count)
        for people in groups {
            tallies.withUnsafeMutableBufferPointer { tallies in
                rowStart.withUnsafeBufferPointer { rowStart in
                    rowList.withUnsafeBufferPointer { rowList in
                        for index in tallies.indices { tallies[index] = 0 }
                        for person in people {
                            data.forEachCode(participant: person) { code, count in
                                for row in rowList[rowStart[code]..<rowStart[code + 1]] {
                                    tallies[3 * row + 1] += count
                                    if tallies[3 * row + 2] != person + 1 {
                                        tallies[3 * row + 2] = person + 1
                                        tallies[3 * row] += 1
                                    }
                                }
                            }
                        }
                    }
                }
            }
            for row in rows.indices {
                cells[row].append(
                    CrosstabBuilder.cell(participants: tallies[3 * row], segments: tallies[3 * row + 1], base: people.count))
            }
        }
        return cells
    }
}
