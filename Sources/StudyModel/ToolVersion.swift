/// The version of `analyze`, recorded in the store and in every report's provenance.
public enum ToolVersion {
    public static let current = "0.1.0"
}
