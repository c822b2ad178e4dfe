import ArgumentParser
import StudyModel

/// `--lang CODE`: a language with a catalog; another code is refused with the list of those there are.
extension Language: ExpressibleByArgument {
    public init?(argument: String) {
        self.init(rawValue: argument)
        guard isAvailable else { return nil }
    }

    public static var allValueStrings: [String] { available.map(\.rawValue) }
}
