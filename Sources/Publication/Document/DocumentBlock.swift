/// A piece of a published table, free of language and format: the layouts of each table kind build
/// blocks, and the formatters of `Reporting` write them as text, Markdown or HTML.
public enum DocumentBlock: Sendable, Equatable {
    /// A table's title with its stable id.
    case title(id: String, text: Text)
    /// A smaller heading inside a table (an instrument, an item).
    case heading(Text)
    /// A sentence or two.
    case note(Text)
    /// A grid: header lines and rows; the first column is the row label (indented by `indents`).
    case grid(header: [[Text]], rows: [[Text]], indents: [Int])
}
