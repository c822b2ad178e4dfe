import Publication
import StudyModel

/// A phrase template of the catalog cut into its text and its slots once, so that filling it neither
/// searches the template nor formats values it has no slot for: ``Catalog/fill(_:_:)`` with each value
/// formatted when its slot asks for it.
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

    /// The template's pieces, found on its bytes as ``Catalog/fill(_:_:)`` finds them (the first `{`, the
    /// first `}` after it, and so on); `nil` when a brace stands next to a byte that is not ASCII in text
    /// that is not all plain scalars (``PlainScalars``: there a brace may join a character of its
    /// neighbour, and only `Catalog.fill` decides).
    init?(_ template: String) {
        let bytes = Array(template.utf8)
        func besideNonASCII(_ index: Int) -> Bool {
            (index > 0 && bytes[index - 1] >= 0x80) || (index + 1 < bytes.count && bytes[index + 1] >= 0x80)
        }
        let braces = bytes.indices.filter { bytes[$0] == UInt8(ascii: "{") || bytes[$0] == UInt8(ascii: "}") }
        if braces.contains(where: besideNonASCII), !PlainScalars.hasOnlyPlainScalars(template) { return nil }
        func text(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }
        var pieces: [Piece] = []
        var position = 0
        while let open = bytes[position...].firstIndex(of: UInt8(ascii: "{")),
            let close = bytes[open...].firstIndex(of: UInt8(ascii: "}"))
        {
            if open > position { pieces.append(.text(text(position..<open))) }
            let name = text(open + 1..<close)
            let lowered = name.prefix(1).lowercased() + name.dropFirst()
            pieces.append(.slot(Slot(name: name, lowered: lowered == name ? nil : lowered, raw: text(open..<close + 1))))
            position = close + 1
        }
        if position < bytes.count { pieces.append(.text(text(position..<bytes.count))) }
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
