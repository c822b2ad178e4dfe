@testable import Publication

extension DisclosureLedger {
    /// ``trialRegion(_:_:hidingNumber:)`` for a quantity rather than its number, for the tests that walk
    /// quantities: the region itself when the quantity is not in the ledger.
    func trialRegion(_ numbered: NumberedProgram, _ region: LinearProgram.Region?, hiding candidate: Quantity) -> LinearProgram.Region? {
        guard let number = number(of: candidate) else { return region }
        return trialRegion(numbered, region, hidingNumber: number)
    }
}
