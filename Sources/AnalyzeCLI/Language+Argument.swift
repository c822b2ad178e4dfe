import ArgumentParser
import StudyModel

/// `--lang CODE`: a language with a catalog; another code is refused with the list of those there are.
extension Language: ExpressibleByArgument {
    public init?(argument: String) {
        self.init(rawValue: argument)
        guard isAvailable else { return nil }
    }

    /// The catalog files' languages (``Catalog/fileLanguages``): every command line's parse asks for them,
    /// and decoding the catalogs there (``Language/available``) was a fifth of it.
    public static var allValueStrings: [String] { Catalog.fileLanguages.map(\.rawValue) }
}
