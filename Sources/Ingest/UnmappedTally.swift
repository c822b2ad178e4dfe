import StudyModel

/// The codes of a coding tool's export that the code map maps to no codebook code, counted while the export is
/// read, and what the source's `unmapped:` setting makes of them: an error each (`fail`), a note each
/// (`ignore`), or a kept code of the study each (`keep`, ``UncategorisedCode``), with their counts.
///
/// Names are counted by their ``CodeMap/key(_:)``, as the map compares them (`Follow up` and `follow-up` are
/// one code), under the first name seen.
struct UnmappedTally<Place> {
    let setting: UnmappedCodes
    let codebook: Codebook
    /// What a count counts, singular and plural (`row`, `rows`; `coding`, `codings`).
    let unit: (one: String, many: String)
    private var order: [String] = []
    private var entries: [String: (name: String, count: Int, place: Place)] = [:]

    init(setting: UnmappedCodes?, codebook: Codebook, unit: (one: String, many: String)) {
        self.setting = setting ?? .fail
        self.codebook = codebook
        self.unit = unit
    }

    /// Counts one application of an unmapped tool code at `place` (its first place is kept).
    /// - Returns: the id its application is stored under when the code is kept, else `nil` (not stored).
    mutating func count(_ name: String, at place: @autoclosure () -> Place) -> String? {
        let key = CodeMap.key(name)
        if entries[key] == nil {
            order.append(key)
            entries[key] = (name, 0, place())
        }
        entries[key]!.count += 1
        return setting == .keep ? UncategorisedCode.id(for: entries[key]!.name) : nil
    }

    /// Applications of unmapped codes, all together.
    var total: Int { entries.values.reduce(0) { $0 + $1.count } }

    /// "3 rows", "1 coding".
    func counted(_ count: Int) -> String { "\(count) \(count == 1 ? unit.one : unit.many)" }

    /// Each unmapped code in the order first seen: its name, count and first place.
    var codes: [(name: String, count: Int, place: Place)] { order.map { entries[$0]! } }

    /// The notes of `ignore` and `keep` (one per code, `what` names it: `tag`, `code`), and, for `keep`, the
    /// problems of kept ids that are a codebook code's or another kept code's, at the place of the later one
    /// (the message begins with the name: the loader says what it is); and the kept codes that collide with none,
    /// in the order first seen.
    func outcome(file: String, what: String) -> (notices: [String], collisions: [(message: String, place: Place)], kept: [Code]) {
        var notices: [String] = []
        var kept: [Code] = []
        var collisions: [(message: String, place: Place)] = []
        var nameOfID: [String: String] = [:]
        for (name, count, place) in codes {
            switch setting {
            case .fail:
                break
            case .ignore:
                notices.append("\(file): \(what) '\(name)' is mapped to no code; its \(counted(count)) left out (unmapped: ignore)")
            case .keep:
                let id = UncategorisedCode.id(for: name)
                notices.append("\(file): \(what) '\(name)' is mapped to no code; kept as uncategorised code '\(id)' with its \(counted(count)) (unmapped: keep)")
                if codebook[id] != nil {
                    collisions.append((
                        "'\(name)' would be kept as uncategorised code '\(id)', which is a code of codebook \(codebook.version);"
                            + " map it to that code or another in the code map", place))
                } else if let other = nameOfID[id] {
                    collisions.append((
                        "'\(name)' would be kept as uncategorised code '\(id)', as '\(other)' is; map one of them in the code map", place))
                } else {
                    nameOfID[id] = name
                    kept.append(UncategorisedCode.code(named: name))
                }
            }
        }
        return (notices, collisions, kept)
    }
}
