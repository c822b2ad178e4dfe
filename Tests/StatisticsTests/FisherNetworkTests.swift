import Foundation
@testable import Statistics
import Testing

/// The `fisher_rxc` reference cases of Fixtures/reference.json (R's FEXACT; see reference/compute_reference.R).
struct FisherRxCReference: Decodable {
    struct Case: Decodable {
        var name: String
        var table: [[Int]]
        var workspace: Int
        var default_workspace_fails: Bool
        var p: Double
    }
    var fisher_rxc: [Case]

    static let shared: FisherRxCReference = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/reference.json")
        do {
            return try JSONDecoder().decode(FisherRxCReference.self, from: Data(contentsOf: url))
        } catch {
            fatalError("cannot read \(url.path): \(error)")
        }
    }()
}

/// Fisher's exact test on r × c tables by the network algorithm, against R's `fisher.test`.
@Suite struct FisherNetworkTests {
    let cases = FisherRxCReference.shared.fisher_rxc

    @Test func everyTableRSolvesIsExactAndMatchesR() throws {
        #expect(cases.count >= 10)
        #expect(cases.filter(\.default_workspace_fails).count >= 2)
        for c in cases {
            let test = try #require(FisherExactTest(ContingencyTable(c.table)), "\(c.name)")
            #expect(test.method == .exact, "\(c.name)")
            #expect(isClose(test.p, c.p), "\(c.name): \(test.p) vs R \(c.p) (workspace \(c.workspace))")
            // Closer than the suite's 1e-6: with FEXACT's tolerance for ties the sums agree to rounding.
            #expect(isClose(test.p, c.p, relative: 1e-8), "\(c.name): \(test.p) vs R \(c.p) to 1e-8")
        }
    }

    @Test func networkMatchesRAndEnumerationOnTheSmallCases() throws {
        // The small reference tables go to enumeration in `FisherExactTest`; the network must agree too.
        for c in ReferenceValues.shared.fisher {
            let p = try #require(FisherNetwork.pValue(ContingencyTable(c.table)), "\(c.name)")
            #expect(isClose(p, c.p), "\(c.name): \(p) vs R \(c.p)")
        }
    }

    @Test func transposingChangesNothing() throws {
        for c in cases {
            let table = ContingencyTable(c.table)
            let p = try #require(FisherNetwork.pValue(table.transposed()), "\(c.name)")
            #expect(isClose(p, c.p), "\(c.name) transposed: \(p) vs R \(c.p)")
        }
    }

    @Test func tableBeyondTheBoundGoesToMonteCarloWithItsStandardError() throws {
        // 6 × 8 with n = 14,304 (χ² p = 0.33): far beyond the network (its node keys alone overflow 64
        // bits) and beyond R's FEXACT.
        let table = ContingencyTable((0..<6).map { i in (0..<8).map { j in 250 + 3 * (i + j) + (2 * i * j + i + 2 * j) % 11 * 6 } })
        #expect(FisherNetwork.pValue(table) == nil)
        let test = try #require(FisherExactTest(table))
        let standardError = (test.p * (1 - test.p) / 10_000).squareRoot()
        #expect(test.method == .monteCarlo(draws: 10_000, seed: 20_251_129, standardError: standardError))
        #expect(standardError > 0.001)  // p is far from 0 and 1
        #expect(test.p == FisherExactTest(table)?.p)  // seeded
        let chiSquare = try #require(ChiSquareTest(table))
        #expect(abs(test.p - chiSquare.pearsonP) < 4 * standardError + 0.01)
    }
}
