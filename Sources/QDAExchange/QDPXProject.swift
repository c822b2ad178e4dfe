import StudyModel

/// A study as a REFI-QDA project, ready for ``QDPXProjectWriter``: the coders, the codebook, the participant
/// variables, and one case per participant holding its coded excerpts, one text source per document.
///
/// The names here are what the file shows: a case's name is a pseudonym (or, in an internal export, the
/// participant id), a source's name is derived from it; the GUIDs of ``QDPXLayout`` are made from these names,
/// never from anything the file does not show.
public struct QDPXProject: Sendable, Equatable {
    /// The project's name (the study's).
    public var name: String
    /// The study's version, written into `origin`.
    public var studyVersion: String
    /// The codebook, written as in a `.qdc` (``QDCLayout``).
    public var codebook: Codebook
    /// The participant variables (`country`, `role`, then the attributes), in the order they are listed.
    public var variables: [String]
    /// The cases, in the order they are listed.
    public var cases: [Case]

    public init(name: String, studyVersion: String, codebook: Codebook, variables: [String], cases: [Case]) {
        self.name = name
        self.studyVersion = studyVersion
        self.codebook = codebook
        self.variables = variables
        self.cases = cases
    }

    /// The coders (REFI-QDA users): everyone who applied a code, in byte order.
    /// - Complexity: O(number of codings).
    public var coders: [String] {
        let names = Set(cases.flatMap { $0.sources.flatMap { $0.excerpts.flatMap { $0.codings.map(\.coder) } } })
        return names.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
    }

    /// One participant.
    public struct Case: Sendable, Equatable {
        /// The pseudonym (`P-017`), or the participant id in an internal export.
        public var name: String
        /// One value per project variable; `nil` where the participant has none.
        public var values: [String?]
        /// The participant's documents.
        public var sources: [TextSource]

        public init(name: String, values: [String?], sources: [TextSource]) {
            self.name = name
            self.values = values
            self.sources = sources
        }
    }

    /// One document of a participant: its coded excerpts, in document order.
    public struct TextSource: Sendable, Equatable {
        /// Unique within its case (`P-017 document 1`).
        public var name: String
        public var excerpts: [Excerpt]

        public init(name: String, excerpts: [Excerpt]) {
            self.name = name
            self.excerpts = excerpts
        }
    }

    /// One coded stretch of a document (a segment) with every code each coder applied to it.
    public struct Excerpt: Sendable, Equatable {
        /// The words; `nil` when the study has none (``QDPXLayout/missingExcerpt`` stands in).
        public var text: String?
        /// The codings, each a code id of the codebook and a coder of the project.
        public var codings: [Coding]

        public init(text: String?, codings: [Coding]) {
            self.text = text
            self.codings = codings
        }
    }

    /// One code applied by one coder.
    public struct Coding: Sendable, Equatable {
        public var code: String
        public var coder: String

        public init(code: String, coder: String) {
            self.code = code
            self.coder = coder
        }
    }
}
