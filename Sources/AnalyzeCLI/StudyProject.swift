import Analysis
import QDAExchange
import Storage
import StudyModel

/// The ingested study as a REFI-QDA project (``QDPXProject``): one case per participant under its
/// pseudonym (``Pseudonyms``; by id only in an internal export) with country, role and the attributes the
/// participant × code matrix lists, and every stored code application of every coder as a coding of its
/// segment's excerpt, one text source per participant and document.
enum StudyProject {
    /// - Parameter ids: name cases by participant id and sources by document name (internal work only).
    /// - Complexity: one ordered pass over the segment table; memory O(segments).
    static func make(analysis: StudyAnalysis, store: StudyStore, ids: Bool) throws -> QDPXProject {
        let data = analysis.data
        let attributes = Pseudonyms.exportedAttributes(of: data, manifest: analysis.manifest)
        let codePosition = Dictionary(uniqueKeysWithValues: data.codebook.codes.enumerated().map { ($1.id, $0) })
        // Each participant's documents in store order, each with its excerpts in document order.
        var documents: [String: [(name: String?, excerpts: [QDPXProject.Excerpt])]] = [:]
        var previous: CodedSegment?
        try store.read { reader in
            try reader.forEachSegment { segment in
                let coding = QDPXProject.Coding(code: segment.code, coder: segment.coder)
                var list = documents[segment.participantID, default: []]
                if previous?.participantID != segment.participantID || previous?.document != segment.document {
                    list.append((segment.document, []))
                }
                if let previous, previous.participantID == segment.participantID, previous.document == segment.document,
                    previous.segmentID == segment.segmentID, previous.start == segment.start, previous.end == segment.end,
                    previous.excerpt == segment.excerpt
                {
                    list[list.count - 1].excerpts[list[list.count - 1].excerpts.count - 1].codings.append(coding)
                } else {
                    list[list.count - 1].excerpts.append(QDPXProject.Excerpt(text: segment.excerpt, codings: [coding]))
                }
                documents[segment.participantID] = list
                previous = segment
            }
        }
        let cases = Pseudonyms(data: data, manifest: analysis.manifest).listing(of: data, ids: ids).map { index, name in
            let participant = data.participants[index]
            let sources = (documents[participant.id] ?? []).enumerated().map { number, document in
                QDPXProject.TextSource(
                    name: ids ? document.name ?? "(no document)" : "\(name) document \(number + 1)",
                    excerpts: document.excerpts.map { excerpt in
                        var excerpt = excerpt
                        excerpt.codings.sort { (codePosition[$0.code] ?? Int.max) < (codePosition[$1.code] ?? Int.max) }
                        return excerpt
                    })
            }
            return QDPXProject.Case(
                name: name,
                values: [participant.country, participant.role] + attributes.map { participant.attributes[$0] },
                sources: sources)
        }
        return QDPXProject(
            name: analysis.manifest.name, studyVersion: analysis.manifest.version, codebook: data.codebook,
            variables: ["country", "role"] + attributes, cases: cases)
    }
}
