import Foundation
@testable import Statistics
import Testing

/// Fisher's tests of random tables against the p-values the implementation gave before its speed-ups
/// (the network algorithm's flat tables, the shared log-factorials, the Monte Carlo draws taken apart
/// from their evaluation), stored bit for bit in `Fixtures/fisher_bits.json`: every p-value and method
/// must stay exactly what it was, since published numbers may not move.
@Suite struct FisherBitsTests {
    struct Case: Codable {
        var table: [[Int]]
        /// The p-value's IEEE bit pattern, in hexadecimal.
        var bits: String
        /// "exact", "monteCarlo" (none when no test).
        var method: String?
    }

    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/fisher_bits.json")

    /// Random 2 × k and 3 × k tables like the rows of the analysis (groups of a few hundred to several
    /// thousand participants, proportions from rare to common), large enough for the network algorithm
    /// and, for the larger n, beyond it (Monte Carlo).
    static func tables() -> [[[Int]]] {
        var generator = SeededGenerator(seed: 2_026_120_3)
        var tables: [[[Int]]] = []
        for index in 0..<48 {
            let columns = generator.uniform(in: 3...7)
            let rows = index % 4 == 3 ? 3 : 2
            let scale = [60, 300, 1_500, 4_000][index % 4 == 3 ? index / 4 % 2 : index % 4]
            let bases = (0..<columns).map { _ in generator.uniform(in: scale / 2...scale * 2) }
            let shares = (0..<rows - 1).map { _ in generator.uniform(in: 2...45) }
            let table = (0..<rows).map { row in
                bases.map { base in
                    if row == rows - 1 { return -1 }
                    let share = shares[row] + generator.uniform(in: 0...6)
                    return base * share / (100 * (rows - 1))
                }
            }
            // The last row is what the others leave of each base.
            let completed = table.enumerated().map { row, counts in
                row < rows - 1 ? counts
                    : counts.indices.map { column in bases[column] - table[..<(rows - 1)].reduce(0) { $0 + $1[column] } }
            }
            tables.append(completed)
        }
        return tables
    }

    static func result(_ table: [[Int]]) -> Case {
        let test = FisherExactTest(uncached: ContingencyTable(table))
        let method: String? = switch test?.method {
        case .exact: "exact"
        case .monteCarlo: "monteCarlo"
        case nil: nil
        }
        return Case(table: table, bits: String((test?.p ?? 1).bitPattern, radix: 16), method: method)
    }

    @Test func pValuesAreTheOldOnesBitForBit() throws {
        if let path = ProcessInfo.processInfo.environment["FISHER_BITS_RECORD"] {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            try encoder.encode(Self.tables().map(Self.result)).write(to: URL(fileURLWithPath: path))
            return
        }
        let cases = try JSONDecoder().decode([Case].self, from: Data(contentsOf: Self.fixture))
        #expect(cases.count == 48)
        #expect(cases.contains { $0.method == "monteCarlo" } && cases.contains { $0.method == "exact" })
        for expected in cases {
            let actual = Self.result(expected.table)
            #expect(actual.bits == expected.bits && actual.method == expected.method, "\(expected.table)")
        }
    }
}
