import Crypto
import Foundation
import Storage
import StudyModel

/// A quoted excerpt, with a pseudonym instead of the participant's id.
public struct Quote: Sendable, Equatable {
    /// `P-017`: stable for a study, unrelated to the participant's id.
    public var pseudonym: String
    public var country: String
    public var role: String
    public var text: String
    public var language: String?
}

/// Chooses excerpts that may be quoted: only from the analysed coding, only from participants whose
/// consent attribute allows it, each shown with a pseudonym.
///
/// Pseudonyms number the participants (P-001, P-002, …) in the order of SHA-256(key ‖ id), so they are
/// stable across builds and reveal nothing of the id to whoever lacks the key (the manifest's
/// `quotes.pseudonym_key`, or else the SHA-256 of `participants.csv`).
struct QuoteSelection {
    let data: StudyData
    let manifest: StudyManifest

    func quotes(code: String, limit: Int, store: StudyStore) throws -> [Quote] {
        let key = manifest.pseudonymKey
            ?? data.sourceFiles.first { $0.kind == SourceKind.participants.rawValue }?.sha256 ?? ""
        let order = data.participants.indices.sorted { a, b in
            digest(key, data.participants[a].id) < digest(key, data.participants[b].id)
        }
        var pseudonymOf: [String: String] = [:]
        var indexOf: [String: Int] = [:]
        for (rank, index) in order.enumerated() {
            let id = data.participants[index].id
            pseudonymOf[id] = "P-" + String(format: "%03d", rank + 1)
            indexOf[id] = index
        }
        let excerpts = try store.read { try $0.excerpts(code: code) }
        let quotable = excerpts.filter { excerpt in
            guard let index = indexOf[excerpt.participantID] else { return false }
            let participant = data.participants[index]
            return data.analysedCoder[index] == excerpt.coder
                && participant.attributes[manifest.quoteConsentAttribute].map(manifest.quoteConsentValues.contains) == true
        }
        // One excerpt per participant first, in pseudonym order, so quotes spread over people.
        var seen: Set<String> = []
        let first = quotable.filter { seen.insert($0.participantID).inserted }
            .sorted { pseudonymOf[$0.participantID]! < pseudonymOf[$1.participantID]! }
        return first.prefix(limit).map { excerpt in
            let participant = data.participants[indexOf[excerpt.participantID]!]
            return Quote(
                pseudonym: pseudonymOf[excerpt.participantID]!, country: participant.country, role: participant.role,
                text: excerpt.excerpt, language: excerpt.language)
        }
    }

    private func digest(_ key: String, _ id: String) -> String {
        SHA256.hash(data: Data((key + "\u{0}" + id).utf8)).lowercaseHexadecimal
    }
}
