/// What the store says the study is.
public struct StoredStudy: Sendable, Equatable, Codable {
    public var name: String
    public var version: String
    public var codebookVersion: String
    public var toolVersion: String

    public init(name: String, version: String, codebookVersion: String, toolVersion: String) {
        self.name = name
        self.version = version
        self.codebookVersion = codebookVersion
        self.toolVersion = toolVersion
    }
}
