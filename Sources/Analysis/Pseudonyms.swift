import Crypto
import Foundation
import StudyModel

/// Pseudonyms of a study's participants: P-001, P-002, … in the order of SHA-256(key ‖ id), so they are
/// stable across builds and reveal nothing of the id to whoever lacks the key (the manifest's
/// `quotes.pseudonym_key`, or else the SHA-256 of `participants.csv`, or of the `.qdpx` project whose cases are
/// the participants). Quotes, the participant × code matrix and the exported project sign with the same
/// pseudonym.
public struct Pseudonyms: Sendable {
    /// Participant indices in pseudonym order.
    public let order: [Int]
    /// The pseudonym of each participant id.
    public let byID: [String: String]

    public init(data: StudyData, manifest: StudyManifest) {
        let key = manifest.pseudonymKey
            ?? data.sourceFiles.first { $0.kind == SourceKind.participants.rawValue }?.sha256
            ?? data.sourceFiles.first { $0.kind == SourceKind.qdpx.rawValue }?.sha256 ?? ""
        func digest(_ id: String) -> String { SHA256.hash(data: Data((key + "\u{0}" + id).utf8)).lowercaseHexadecimal }
        let digests = data.participants.map { digest($0.id) }
        order = data.participants.indices.sorted { digests[$0] < digests[$1] }
        var byID: [String: String] = [:]
        for (rank, index) in order.enumerated() { byID[data.participants[index].id] = "P-" + String(format: "%03d", rank + 1) }
        self.byID = byID
    }

    /// The participants of an export, as indices into `data.participants` with the name each is listed
    /// under: in pseudonym order under their pseudonyms, or (`ids`, internal work only) in id order under
    /// their ids.
    public func listing(of data: StudyData, ids: Bool) -> [(index: Int, name: String)] {
        if ids {
            return data.participants.indices.sorted { data.participants[$0].id < data.participants[$1].id }
                .map { ($0, data.participants[$0].id) }
        }
        return order.map { ($0, byID[data.participants[$0].id]!) }
    }

    /// The participant attributes an export lists after country and role: every attribute but the consent
    /// for quotes (it says nothing of the study's questions), in byte order.
    public static func exportedAttributes(of data: StudyData, manifest: StudyManifest) -> [String] {
        Set(data.participants.flatMap(\.attributes.keys))
            .subtracting([manifest.quoteConsentAttribute])
            .sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
    }
}
