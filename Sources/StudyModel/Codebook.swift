/// The codebook: every code coders may apply, with its category, factor and labels.
///
/// Load it with ``init(path:)``; the codes keep the file's order, which is the order of table rows.
public struct Codebook: Sendable, Equatable {
    /// The codebook's version, recorded in every report's provenance.
    public var version: String
    /// The codes in file order.
    public var codes: [Code]
    private var indexByID: [String: Int]

    /// Makes a codebook from codes, checking the rules of ``validate(file:)``.
    /// - Throws: ``InputProblems`` listing every broken rule.
    public init(version: String, codes: [Code], file: String = "codebook") throws(InputProblems) {
        self.version = version
        self.codes = codes
        indexByID = [:]
        for (index, code) in codes.enumerated() where indexByID[code.id] == nil {
            indexByID[code.id] = index
        }
        let problems = validate(file: file)
        if !problems.isEmpty { throw InputProblems(problems) }
    }

    /// A codebook file's contents, as decoded.
    private struct File: Decodable {
        var version: String
        var codes: [Code]
    }

    /// Reads and checks a codebook file (format: `docs/formats.md`).
    /// - Throws: ``InputProblems`` naming the file and what is wrong.
    public init(path: String) throws(InputProblems) {
        let file: File
        do {
            file = try YAMLFile.decode(File.self, path: path)
        } catch {
            throw InputProblems([error])
        }
        try self.init(version: file.version, codes: file.codes, file: path)
    }

    /// Decodes a small codebook in memory (``Preload``, ``YAMLFile/preload(_:sample:)``), every field of
    /// a code given.
    static func preloadDecoding() {
        YAMLFile.preload(
            File.self,
            sample: """
                version: "1"
                codes:
                  - {id: a, category: barrier, factor: parent, type: formal, parent: b, label: {en: A}, description: d, source: s, aliases: [x]}
                """)
    }

    /// The code with this id.
    public subscript(id: String) -> Code? {
        indexByID[id].map { codes[$0] }
    }

    /// The position of the code with this id in ``codes``.
    public func index(of id: String) -> Int? { indexByID[id] }

    /// The codes of one category, in codebook order.
    public func codes(in category: CodeCategory) -> [Code] {
        codes.filter { $0.category == category }
    }

    private func validate(file: String) -> [InputProblem] {
        var problems: [InputProblem] = []
        var seen: Set<String> = []
        for (index, code) in codes.enumerated() {
            let place = "codes[\(index)] '\(code.id)'"
            func complain(_ message: String) { problems.append(InputProblem(file: file, message: "\(place): \(message)")) }
            if !seen.insert(code.id).inserted { complain("duplicate code id") }
            if code.id.isEmpty || !code.id.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }) {
                complain("code id must be lowercase letters, digits and '_'")
            }
            switch (code.category, code.factor) {
            case (.barrier, nil): complain("a barrier needs a factor (parent, child, parent_teacher, societal)")
            case (.barrier, _), (_, nil): break
            case (_, .some): complain("only barriers have a factor")
            }
            switch (code.category, code.type) {
            case (.activity, nil): complain("an activity needs a type (formal, informal)")
            case (.activity, _), (_, nil): break
            case (_, .some): complain("only activities have a type")
            }
            if let parent = code.parent {
                // Up the chain of parents: a code that comes back to itself is a cycle.
                var chain = [code.id]
                var next: String? = parent
                while let id = next, let ancestor = self[id] {
                    if chain.contains(id) {
                        complain(id == code.id && chain.count == 1
                            ? "a code cannot be its own parent"
                            : "parents form a cycle: \((chain + [id]).joined(separator: " → "))")
                        break
                    }
                    chain.append(id)
                    next = ancestor.parent
                }
                if let parentCode = self[parent] {
                    if parentCode.category != code.category { complain("parent '\(parent)' is of another category") }
                } else {
                    complain("parent '\(parent)' is not a code of this codebook")
                }
            }
            for (language, text) in code.label.texts.sorted(by: { $0.key < $1.key }) where text.isEmpty {
                complain("empty \(language) label")
            }
        }
        return problems
    }

    public static func == (lhs: Codebook, rhs: Codebook) -> Bool {
        lhs.version == rhs.version && lhs.codes == rhs.codes
    }
}
