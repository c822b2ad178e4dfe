/// One `Code` element of a REFI-QDA codebook as it stands in the file, with its place for messages.
public struct QDCCode: Sendable, Equatable {
    public var guid: String?
    public var name: String
    public var isCodable: Bool
    public var description: String?
    public var children: [QDCCode]
    /// Where the element starts, and its XML path (`/CodeBook/Codes/Code[2]/Code[1]`).
    public var line: Int
    public var column: Int
    public var xmlPath: String

    public init(
        guid: String?, name: String, isCodable: Bool, description: String?, children: [QDCCode], line: Int, column: Int,
        xmlPath: String
    ) {
        self.guid = guid
        self.name = name
        self.isCodable = isCodable
        self.description = description
        self.children = children
        self.line = line
        self.column = column
        self.xmlPath = xmlPath
    }
}

/// A REFI-QDA codebook as read: its origin and its tree of codes.
public struct QDCCodebook: Sendable, Equatable {
    public var origin: String?
    public var codes: [QDCCode]

    /// A code of the tree with the names from the root down to it.
    public struct Entry: Sendable, Equatable {
        /// The names from the top of the tree, each split at `/` (Taguette writes its tag paths,
        /// `barrier/time-pressure`, as flat names).
        public var path: [String]
        public var code: QDCCode
    }

    /// Every codable code, depth first in file order, with its full path.
    public var codableEntries: [Entry] {
        var entries: [Entry] = []
        func visit(_ code: QDCCode, above: [String]) {
            let path = above + code.name.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            if code.isCodable { entries.append(Entry(path: path, code: code)) }
            for child in code.children { visit(child, above: path) }
        }
        for code in codes { visit(code, above: []) }
        return entries
    }
}
