import StudyModel

/// The languages the synthetic sample's interviews are held in.
extension Language {
    static let ru = Language(rawValue: "ru")
    static let kk = Language(rawValue: "kk")
}
