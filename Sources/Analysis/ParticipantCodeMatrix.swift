import StudyModel

/// The participant × code presence matrix, for R and SPSS users: one row per participant (in pseudonym
/// order, signed with the pseudonym quotes use, ``Pseudonyms``; by id only in an internal export), its
/// country, role and other attributes, and per code of the codebook 1 when the participant has at least
/// one segment of it in the analysed coding, else 0 — the presence every table counts.
///
/// CSV: `participant,country,role,<attributes in byte order>,<code ids in codebook order>`; an attribute a
/// participant lacks is empty. The consent attribute for quotes is left out (it says nothing of the
/// study's questions).
public struct ParticipantCodeMatrix {
    public let header: [String]
    public let rows: [[String]]
    /// The codes of the last columns, in codebook order.
    public let codes: [Code]
    /// The declared levels of the columns that have them (`country`, `role`), in the manifest's order.
    public let levels: [String: [String]]

    /// - Parameter ids: write participant ids instead of pseudonyms (internal work only).
    public init(analysis: StudyAnalysis, ids: Bool = false) {
        let data = analysis.data
        let manifest = analysis.manifest
        let attributes = Pseudonyms.exportedAttributes(of: data, manifest: manifest)
        let codes = data.codebook.codes
        self.codes = codes
        levels = ["country": manifest.countries, "role": manifest.roles]
        header = ["participant", "country", "role"] + attributes + codes.map(\.id)
        rows = Pseudonyms(data: data, manifest: manifest).listing(of: data, ids: ids).map { index, name in
            let participant = data.participants[index]
            return [name, participant.country, participant.role]
                + attributes.map { participant.attributes[$0] ?? "" }
                + codes.indices.map { data.segments(participant: index, code: $0) > 0 ? "1" : "0" }
        }
    }
}
