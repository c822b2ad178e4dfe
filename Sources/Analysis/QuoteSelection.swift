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
/// Pseudonyms: ``Pseudonyms``.
struct QuoteSelection {
    let data: StudyData
    let manifest: StudyManifest

    func quotes(code: String, limit: Int, store: StudyStore) throws -> [Quote] {
        let pseudonyms = Pseudonyms(data: data, manifest: manifest)
        let pseudonymOf = pseudonyms.byID
        var indexOf: [String: Int] = [:]
        for index in pseudonyms.order { indexOf[data.participants[index].id] = index }
        let excerpts = try store.read { try $0.excerpts(code: code) }
        let quotable = excerpts.filter { excerpt in
            guard let index = indexOf[excerpt.participantID] else { return false }
            let participant = data.participants[index]
            return data.analysedCoder(of: index) == excerpt.coder
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
}
