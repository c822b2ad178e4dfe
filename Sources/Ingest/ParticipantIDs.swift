/// The participant ids an ingest knows (those of the participants file, or a project's cases), which
/// the loaders of segments and of the coverage list check ids against.
///
/// From the participants file it is the duplicate-id check's own table of first lines
/// (``IdentityChecks``), not a second set of the same ids: at 200,000 participants that set was 8.5 MB
/// of the ingest's heap.
struct ParticipantIDs: Sendable {
    private enum Storage: Sendable {
        case firstLines([String: Int])
        case set(Set<String>)
    }

    private let storage: Storage

    /// The ids of a set.
    init(_ ids: Set<String>) {
        storage = .set(ids)
    }

    /// The ids of an id-to-first-line table.
    init(firstLines: [String: Int]) {
        storage = .firstLines(firstLines)
    }

    func contains(_ id: String) -> Bool {
        switch storage {
        case .firstLines(let lines): lines[id] != nil
        case .set(let ids): ids.contains(id)
        }
    }
}
