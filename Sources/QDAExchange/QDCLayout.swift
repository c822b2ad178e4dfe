import StudyModel

/// How analyze lays its codebook out in a REFI-QDA codebook, so that it reads back unchanged.
///
/// - The tree keeps the codebook's order (the order of table rows): a non-codable group per category
///   (`barrier`, `involvement_role`, `activity`; a category whose codes are not together in the codebook
///   gets a group for each run), its codes inside in codebook order, and codes nested under their
///   parent when that keeps the order (else written flat, with a `parent` line).
/// - A code's `name` is its English label; its `Description` is its description, then a blank line and
///   one `key: value` line each for what REFI-QDA has no place for: `id`, `factor` (barriers), `type`
///   (activities), `label.<language>` for the other languages, `source`, `alias` (one line per alias),
///   and `parent` when the parent is not the code it is nested in.
/// - GUIDs are name-based (``NameBasedUUID``): `urn:analyze:code:<id>` for a code,
///   `urn:analyze:group:<category>` for a group (`…:<category>#<n>` for its n-th run, n ≥ 2).
/// - `CodeBook/@origin` is `analyze (codebook <version>)`.
public enum QDCLayout {
    /// The codebook namespace of REFI-QDA 1.0.
    public static let namespace = "urn:QDA-XML:codebook:1.0"
    /// The start of `origin` in a codebook analyze wrote.
    public static let originPrefix = "analyze (codebook "

    static func codeGUID(_ id: String) -> String { NameBasedUUID.make(name: "urn:analyze:code:" + id) }
    static func groupGUID(_ path: String) -> String { NameBasedUUID.make(name: "urn:analyze:group:" + path) }

    /// The keys of the metadata lines, in the order they are written.
    static let metadataKeys = ["id", "factor", "type", "label", "source", "alias", "parent"]
}
