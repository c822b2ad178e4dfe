import Foundation

/// A coding tool's code that no codebook code is mapped to, kept as a code of the study (`unmapped: keep`):
/// category ``CodeCategory/uncategorised``, its label the tool's name, its id derived from that name.
public enum UncategorisedCode {
    /// The id of a kept tool code, derived from its name or path alone, so it is the same at every ingest.
    ///
    /// The name's ``CodeMap/key(_:)`` (lowercase, `\` read as `/`, runs of spaces, `-` and `_` one `_`), with
    /// accents dropped (`é` → `e`), Russian and Kazakh Cyrillic letters written in Latin ones (``latin``), and
    /// every run of other characters (`/` included) one `_`, none at either end: `Follow up` → `follow_up`,
    /// `Barriers/Other` → `barriers_other`, `Мероприятия/Другое` → `meropriyatiya_drugoe`. A name with nothing
    /// left (`家庭`, `🙂`) gets `code_` and the 32-bit FNV-1a hash of its key's UTF-8 bytes in 8 hexadecimal digits.
    public static func id(for name: String) -> String {
        let key = CodeMap.key(name)
        var id = ""
        var pending = false
        for scalar in key.decomposedStringWithCanonicalMapping.unicodeScalars {
            if (0x300...0x36F).contains(scalar.value) { continue }  // a combining accent
            let letters: String? =
                ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) ? String(scalar) : latin[scalar]
            guard let letters else {
                pending = true
                continue
            }
            if letters.isEmpty { continue }  // ъ, ь
            if pending, !id.isEmpty { id += "_" }
            pending = false
            id += letters
        }
        if id.isEmpty {
            var hash: UInt32 = 0x811C_9DC5
            for byte in key.utf8 { hash = (hash ^ UInt32(byte)) &* 0x0100_0193 }
            id = "code_" + String(repeating: "0", count: 8 - String(hash, radix: 16).count) + String(hash, radix: 16)
        }
        return id
    }

    /// The kept code of a tool's code name (or path joined with `/`): its label the name as the tool writes
    /// it, in English, the fallback language (tools record no language of their code names).
    public static func code(named name: String) -> Code {
        Code(
            id: id(for: name), category: .uncategorised, label: LocalizedText(["en": name]),
            description: "A coding tool's code mapped to no code of the codebook, kept as it is (unmapped: keep).")
    }

    /// Lowercase Cyrillic letters of Russian and Kazakh in Latin letters (after decomposition, so `й` and `ё`
    /// arrive as `и`, `е` and an accent); `ъ` and `ь` are dropped.
    static let latin: [Unicode.Scalar: String] = [
        "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ж": "zh", "з": "z", "и": "i", "к": "k",
        "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f",
        "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
        "я": "ya", "ә": "a", "ғ": "g", "қ": "q", "ң": "n", "ө": "o", "ұ": "u", "ү": "u", "һ": "h", "і": "i",
    ]
}
