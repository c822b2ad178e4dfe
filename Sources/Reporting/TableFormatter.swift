import Analysis
import Publication

/// Writes a published table's layout (``PublishedTable/blocks``) as plain text, Markdown or HTML, in the
/// vocabulary's language.
struct TableFormatter {
    let vocabulary: Vocabulary

    func render(_ table: PublishedTable, style: ReportBlock.Style) -> String {
        ReportBlock.render(table.blocks.map(block), style: style, decimals: vocabulary.decimals)
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
