import StudyModel

/// A REFI-QDA project (`.qdpx`) as read: its users, code tree, cases and text sources with their coded
/// selections, every reference resolved and every selection checked against its text.
///
/// Offsets are in Unicode code points of the source's plain text (REFI-QDA counts characters; a byte-order
/// mark at the start of the text file is not one).
public struct QDPXProjectContents: Sendable {
    /// The `.qdpx` file and the project document in it, as problems name them (`pilot.qdpx:project.qde`).
    public var file: String
    /// The program that wrote the project (`origin`), if it says.
    public var origin: String?
    public var users: [User]
    /// The code tree (`CodeBook/Codes`).
    public var codes: [QDCCode]
    public var cases: [Case]
    public var textSources: [TextSource]
    /// What the reader tolerated or left out (vendor quirks, non-text sources), for the ingest's notes (sentences
    /// without the file name).
    public var notes: [String]

    /// A `User`: a person who coded or created something.
    public struct User: Sendable, Equatable {
        public var guid: String
        public var name: String
        public var place: QDPXElementPlace
    }

    /// A variable's value on a case or a source, the variable resolved to its name.
    public struct VariableValue: Sendable, Equatable {
        public var variable: String
        /// The text of whichever value element it holds (`TextValue`, `IntegerValue`, …); `nil` when empty.
        public var value: String?
        public var place: QDPXElementPlace
    }

    /// A `Case`: a unit of analysis (a participant), named, or nameless as MAXQDA and Quirkos write a
    /// document's variables.
    public struct Case: Sendable, Equatable {
        public var guid: String?
        /// `nil` when the case has no name (or an empty one).
        public var name: String?
        public var values: [VariableValue]
        /// The GUIDs of the text sources it holds (references to other kinds of source are left out).
        public var sources: [SourceRef]
        public var place: QDPXElementPlace
    }

    /// A `SourceRef` of a case, resolved to a text source.
    public struct SourceRef: Sendable, Equatable {
        public var sourceGUID: String
        public var place: QDPXElementPlace
    }

    /// A `TextSource` with its plain text and coded selections.
    public struct TextSource: Sendable, Equatable {
        public var guid: String
        public var name: String
        /// The plain text, in code points.
        public var text: [Unicode.Scalar]
        public var values: [VariableValue]
        public var selections: [Selection]
        public var place: QDPXElementPlace
    }

    /// A `PlainTextSelection`: a stretch of a text source, in code points, with its codings.
    public struct Selection: Sendable, Equatable {
        public var guid: String
        public var start: Int
        public var end: Int
        /// The selected words, taken from the source's text.
        public var excerpt: String
        public var codings: [Coding]
        public var place: QDPXElementPlace
    }

    /// A `Coding` of a selection: one code applied by one user.
    public struct Coding: Sendable, Equatable {
        /// The user's name (the coding's `creatingUser`, or else the selection's).
        public var user: String
        /// The code's names from the top of the code tree down to it (`["Barriers", "Time"]`).
        public var codePath: [String]
        public var place: QDPXElementPlace
    }

    /// A problem at an element of the project document: file, line and XML path.
    public func problem(at place: QDPXElementPlace, _ message: String) -> InputProblem {
        InputProblem(file: file, line: place.line, message: "\(place.xmlPath): \(message)")
    }
}

/// Where an element of a project document starts: its line and its XML path
/// (`/Project/Sources/TextSource[2]/PlainTextSelection[1]`).
public struct QDPXElementPlace: Sendable, Equatable {
    public var line: Int
    public var xmlPath: String

    public init(line: Int, xmlPath: String) {
        self.line = line
        self.xmlPath = xmlPath
    }
}
