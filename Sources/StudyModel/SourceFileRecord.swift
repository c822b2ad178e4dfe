/// An input file's fingerprint, as stored and as written to the provenance of reports.
public struct SourceFileRecord: Sendable, Equatable, Codable {
    /// The path relative to the study folder, as the manifest names it.
    public var path: String
    public var kind: String
    /// Lowercase hexadecimal SHA-256 of the file's bytes.
    public var sha256: String
    public var byteCount: Int
    /// Data records read (header excluded); 0 for YAML files.
    public var recordCount: Int

    public init(path: String, kind: String, sha256: String, byteCount: Int, recordCount: Int) {
        self.path = path
        self.kind = kind
        self.sha256 = sha256
        self.byteCount = byteCount
        self.recordCount = recordCount
    }
}
