import Crypto
import Foundation
import StudyModel

/// Pseudonyms of a study's participants: P-001, P-002, … in the order of SHA-256(key ‖ id), so they are
/// stable across builds and reveal nothing of the id to whoever lacks the key (the manifest's
/// `quotes.pseudonym_key`, or else the SHA-256 of `participants.csv`, or of the `.qdpx` project whose cases are
/// the participants). Quotes and the participant × code
/// matrix sign with the same pseudonym.
struct Pseudonyms {
    /// Participant indices in pseudonym order.
    let order: [Int]
    /// The pseudonym of each participant id.
    let byID: [String: String]

    init(data: StudyData, manifest: StudyManifest) {
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
}
