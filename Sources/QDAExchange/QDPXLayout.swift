import Foundation

/// How analyze lays a study out in a REFI-QDA project (`.qdpx`), so that the file is the same byte for byte
/// when written again, validates against the REFI-QDA Project XSD and imports into the coding tools (checked
/// with QualCoder's importer; see `docs/formats.md`).
///
/// - The zip holds `project.qde` (namespace `urn:QDA-XML:project:1.0`) first, then one `sources/<guid>.txt`
///   per text source (UTF-8, no byte order mark) in the order of the cases; every entry is deflated and
///   dated ``entryDate``, with permissions `0644`.
/// - `Project/@origin` is `analyze (study <version>, codebook <version>)`; the project has no creation time.
/// - `Users`: one per coder (`name` and `id` the coder's name). `CodeBook`: the tree of the `.qdc` export
///   (``QDCLayout``, the same GUIDs). `Variables`: `country`, `role` and the participants' other attributes,
///   all of type `Text`.
/// - `Cases`: one per participant, named by its pseudonym, with a `VariableValue` per variable it has a
///   value of and a `SourceRef` per document.
/// - `Sources`: one `TextSource` per participant and document; its text is the document's coded excerpts in
///   document order, separated by ``excerptSeparator`` (an excerpt the study lacks is ``missingExcerpt``).
///   Each excerpt is a `PlainTextSelection` per coder who coded it (`creatingUser`, as QualCoder reads it),
///   holding a `Coding` per code that coder applied; `startPosition` and `endPosition` count Unicode code
///   points of the source text, the end exclusive.
/// - GUIDs are name-based (``NameBasedUUID``) on the names the file shows (never on participant ids unless
///   the file shows them): `urn:analyze:coder:<coder>`, `urn:analyze:variable:<name>`,
///   `urn:analyze:case:<case>`, `urn:analyze:source:<case>/<source>`, and for the n-th excerpt (from 1)
///   of a source `urn:analyze:selection:<case>/<source>#<n>/<coder>` and
///   `urn:analyze:coding:<case>/<source>#<n>/<coder>/<code id>`.
public enum QDPXLayout {
    /// The project namespace of REFI-QDA 1.0.
    public static let namespace = "urn:QDA-XML:project:1.0"
    /// The start of `origin` in a project analyze wrote.
    public static let originPrefix = "analyze (study "
    /// The name of the project document inside the zip.
    public static let projectEntry = "project.qde"
    /// The folder of the source texts inside the zip.
    public static let sourcesFolder = "sources"
    /// The date of every zip entry: 1980-01-01 00:00:00 UTC, the first a zip can hold (DOS time).
    public static let entryDate = Date(timeIntervalSince1970: 315_532_800)
    /// What separates two excerpts in a source's text.
    public static let excerptSeparator = "\n\n"
    /// The text of an excerpt the study does not have (a segment without `excerpt`).
    public static let missingExcerpt = "[no excerpt]"

    static func coderGUID(_ coder: String) -> String { NameBasedUUID.make(name: "urn:analyze:coder:" + coder) }
    static func variableGUID(_ name: String) -> String { NameBasedUUID.make(name: "urn:analyze:variable:" + name) }
    static func caseGUID(_ name: String) -> String { NameBasedUUID.make(name: "urn:analyze:case:" + name) }
    static func sourceGUID(case caseName: String, source: String) -> String {
        NameBasedUUID.make(name: "urn:analyze:source:\(caseName)/\(source)")
    }
    static func selectionGUID(case caseName: String, source: String, excerpt: Int, coder: String) -> String {
        NameBasedUUID.make(name: "urn:analyze:selection:\(caseName)/\(source)#\(excerpt)/\(coder)")
    }
    static func codingGUID(case caseName: String, source: String, excerpt: Int, coder: String, code: String) -> String {
        NameBasedUUID.make(name: "urn:analyze:coding:\(caseName)/\(source)#\(excerpt)/\(coder)/\(code)")
    }
}
