import Publication
import StudyModel

/// A phrase template of the catalog cut into its text and its slots once, so that filling it neither
/// searches the template nor formats values it has no slot for: ``Catalog/fill(_:_:)`` with each value
/// formatted when its slot asks for it. The slots are the ones `Catalog.fill` finds
/// (``Catalog/slots(_:)``), and a slot is filled by the same rule.
struct PhraseTemplate: Sendable {
    /// A slot: `{name}`, filled by the value of `name`, or else (`{Name}`) by the value of `lowered` with a
    /// capitalised first letter; left as it stands (`raw`) when neither has a value.
    struct Slot: Sendable {
        var name: String
        /// The name with a lowercased first letter; `nil` when that is the name itself.
        var lowered: String?
        var raw: String
    }

    enum Piece: Sendable {
        case text(String)
        case slot(Slot)
    }

    let pieces: [Piece]

    /// The template's pieces: the text between ``Catalog/slots(_:)``'s slots, and the slots.
    init(_ template: String) {
        var pieces: [Piece] = []
        var position = template.startIndex
        for (open, close) in Catalog.slots(template) {
            if open > position { pieces.append(.text(String(template[position..<open]))) }
            let name = String(template[template.index(after: open)..<close])
            let lowered = name.prefix(1).lowercased() + name.dropFirst()
            pieces.append(.slot(Slot(name: name, lowered: lowered == name ? nil : lowered, raw: String(template[open...close]))))
            position = template.index(after: close)
        }
        if position < template.endIndex { pieces.append(.text(String(template[position...]))) }
        self.pieces = pieces
    }

    /// The template with its slots filled from `values`, each written by `format` where a slot takes it.
    func filled(_ values: [String: Text], format: (Text) -> String) -> String {
        var out = ""
        for piece in pieces {
            switch piece {
            case .text(let text):
                out += text
            case .slot(let slot):
                if let value = values[slot.name] {
                    out += format(value)
                } else if let lowered = slot.lowered, let value = values[lowered] {
                    let text = format(value)
                    out += text.prefix(1).uppercased() + text.dropFirst()
                } else {
                    out += slot.raw
                }
            }
        }
        return out
    }
}
