import Analysis

/// A co-occurrence table's counts and how they are published (see ``DisclosurePass`` and
/// `DisclosurePass+Pairs.swift`).
extension TableLinks {
    /// The row label of a pair in the audit: `pair:first|second`.
    static func pairLabel(_ first: String, _ second: String) -> String { "pair:\(first)|\(second)" }

    /// Registers the column bases, each code's participants (the matrix's diagonal, the same quantity
    /// as a crosstab's code cell) and each pair's participants.
    func register(_ table: CooccurrenceResult, in ledger: inout DisclosureLedger) throws(PublicationError) {
        let atoms = columnAtoms[table.id]!
        // Each row's label made once, not once per column.
        let codeLabels = table.codes.map { "code:\($0.row.id)" }
        let pairLabels = table.pairs.map { Self.pairLabel(table.codes[$0.first].row.id, table.codes[$0.second].row.id) }
        for (column, set) in atoms.enumerated() {
            let label = Self.columnLabel(table.columns[column].values)
            try ledger.register(.participants(atoms: set), value: table.columns[column].base, at: .init(table: table.id, row: "base", column: label))
            for (code, codeLabel) in zip(table.codes, codeLabels) {
                try ledger.register(
                    .row(kind: .code, id: code.row.id, atoms: set), value: code.participants[column],
                    at: .init(table: table.id, row: codeLabel, column: label))
            }
            for (pair, pairLabel) in zip(table.pairs, pairLabels) {
                let (first, second) = (table.codes[pair.first].row.id, table.codes[pair.second].row.id)
                try ledger.register(
                    .pair(first: first, second: second, atoms: set), value: pair.cells[column].participants,
                    at: .init(table: table.id, row: pairLabel, column: label))
            }
        }
    }

    /// The table as published. A pair's participant count is hidden as the ledger says; its Jaccard
    /// index is published only with its count and both codes' counts (from which it follows). Its
    /// segment count is published only where its participant count is (a segment carrying both codes
    /// says that a participant mentions both) and is not from 1 to k − 1 (one interview's passage); the
    /// segment-level index only with the segment count and both codes' participant counts (it gives the
    /// codes' segment counts away, which bound only their participant counts, published). The codes'
    /// segment counts are never published.
    func apply(_ table: CooccurrenceResult, ledger: DisclosureLedger, minimumCount: Int) -> CooccurrenceResult {
        var published = table
        let atoms = columnAtoms[table.id]!
        for (column, set) in atoms.enumerated() where ledger.isHidden(.participants(atoms: set)) {
            published.columns[column].suppressed = true
        }
        for (index, code) in table.codes.enumerated() {
            let hidden = atoms.map { ledger.isHidden(.row(kind: .code, id: code.row.id, atoms: $0)) }
            published.codes[index].suppressed = hidden.contains(true) ? hidden : nil
            published.codes[index].segments = nil
            for column in atoms.indices where hidden[column] { published.codes[index].participants[column] = 0 }
        }
        for (index, pair) in table.pairs.enumerated() {
            let (first, second) = (table.codes[pair.first].row.id, table.codes[pair.second].row.id)
            for (column, set) in atoms.enumerated() {
                var cell = pair.cells[column]
                let codesHidden = ledger.isHidden(.row(kind: .code, id: first, atoms: set))
                    || ledger.isHidden(.row(kind: .code, id: second, atoms: set))
                cell.suppressed = ledger.isHidden(.pair(first: first, second: second, atoms: set))
                cell.jaccardWithheld = cell.suppressed || codesHidden
                cell.segmentsSuppressed = cell.suppressed || (cell.segments > 0 && cell.segments < minimumCount)
                cell.segmentJaccardWithheld = cell.segmentsSuppressed || codesHidden
                if cell.suppressed { cell.participants = 0 }
                if cell.jaccardWithheld { cell.jaccard = nil }
                if cell.segmentsSuppressed { cell.segments = 0 }
                if cell.segmentJaccardWithheld { cell.segmentJaccard = nil }
                published.pairs[index].cells[column] = cell
            }
        }
        return published
    }
}
