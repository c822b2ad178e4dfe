import Analysis
import Publication

/// Writes a published table's layout (``PublishedTable/blocks``) as plain text, Markdown or HTML, in the
/// vocabulary's language.
struct TableFormatter {
    let vocabulary: Vocabulary

    func render(_ table: PublishedTable, style: ReportBlock.Style) -> String {
        ReportBlock.rendered(blocks(table), style: style)
    }

    /// The table's blocks in the vocabulary's language, their numbers as the language writes them: made
    /// once, they are rendered in every style (``ReportBlock/rendered(_:style:)``).
    func blocks(_ table: PublishedTable) -> [ReportBlock] {
        ReportBlock.localized(table.blocks.map(block), decimals: vocabulary.decimals)
    }

    private func block(_ block: DocumentBlock) -> ReportBlock {
        let text = TextFormatter(vocabulary: vocabulary)
        return switch block {
        case .title(let id, let title): .title(id: id, text: text(title))
        case .heading(let heading): .heading(text(heading))
        case .note(let note): .note(text(note))
        case .grid(let header, let rows, let indents): .grid(header: header.map { $0.map(text.callAsFunction) }, rows: rows.map { $0.map(text.callAsFunction) }, indents: indents)
        }
    }
}
