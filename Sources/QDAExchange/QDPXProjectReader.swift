import Foundation
import StudyModel

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Reads a REFI-QDA project (`.qdpx`: a zip of `project.qde` and its `sources/`) into a ``QDPXProjectContents``.
///
/// Tolerated, and said in ``QDPXProjectContents/notes``: a project document with another name than `project.qde` (the
/// only `.qde` at the top), a `Sources` folder in any case, any `urn:QDA-XML:project:*` namespace (or none),
/// GUIDs in braces or any case, a byte-order mark at the start of a text file (QualCoder), a project's
/// `creatingUserGUID` that names no user (QualCoder), colours in any form, non-text sources and codings of whole
/// sources (left out). Refused, with the file, line and XML path: XML that does not parse, a reference to a GUID
/// that is not in the project (user, code, variable, source), a selection outside its text, a coding whose user
/// cannot be told, a text source whose plain text is not in the archive.
public enum QDPXProjectReader {
    /// The namespace of REFI-QDA 1.0 projects.
    public static let namespace = "urn:QDA-XML:project:1.0"

    /// - Parameters:
    ///   - path: the `.qdpx` file, also the name problems give it.
    ///   - crlfAsOne: whether the offsets count a Windows line end (`\r\n`) as one character, as some tools do;
    ///     they are then turned into code points.
    /// - Throws: ``InputProblems`` naming the file and where in it.
    public static func read(path: String, crlfAsOne: Bool = false) throws(InputProblems) -> QDPXProjectContents {
        let archive = try QDPXArchiveReader(path: path)
        let documentPath = try archive.projectDocumentPath()
        let file = "\(path):\(documentPath)"
        let parser = XMLParser(data: try archive.contents(of: documentPath))
        let document = QDPXDocumentParser(file: file, parser: parser)
        parser.delegate = document
        parser.shouldProcessNamespaces = true
        if !parser.parse(), document.problems.isEmpty {
            let message = parser.parserError.map { ($0 as NSError).localizedDescription } ?? "unknown error"
            document.problems.append(InputProblem(
                file: file, line: parser.lineNumber, column: parser.columnNumber, message: "invalid XML: \(message)"))
        }
        if document.problems.isEmpty, !document.sawRoot {
            document.problems.append(InputProblem(file: file, message: "no Project element: not a REFI-QDA project"))
        }
        guard document.problems.isEmpty else { throw InputProblems(document.problems) }
        var resolver = Resolver(file: file, document: document, archive: archive, crlfAsOne: crlfAsOne)
        if documentPath != "project.qde" {
            resolver.notes.append("the project document is named '\(documentPath)', not project.qde")
        }
        if document.namespace != Self.namespace {
            resolver.notes.append(
                "the project's namespace is \(document.namespace.map { "'\($0)'" } ?? "missing"), not \(Self.namespace); read as 1.0")
        }
        let project = resolver.project()
        guard resolver.problems.isEmpty else { throw InputProblems(resolver.problems) }
        return project
    }
}

/// Resolves the parsed elements' references and reads the sources' texts.
private struct Resolver {
    let file: String
    let document: QDPXDocumentParser
    let archive: QDPXArchiveReader
    let crlfAsOne: Bool
    var problems: [InputProblem] = []
    var notes: [String] = []

    init(file: String, document: QDPXDocumentParser, archive: QDPXArchiveReader, crlfAsOne: Bool) {
        self.file = file
        self.document = document
        self.archive = archive
        self.crlfAsOne = crlfAsOne
    }

    /// The code point at which each position of the tool's counting starts, and one past the end: the identity, or,
    /// with `crlfAsOne`, a `\r\n` taking one position.
    private func codePoints(of text: [Unicode.Scalar]) -> [Int]? {
        guard crlfAsOne else { return nil }
        var starts: [Int] = []
        var index = 0
        while index < text.count {
            starts.append(index)
            index += text[index] == "\r" && index + 1 < text.count && text[index + 1] == "\n" ? 2 : 1
        }
        return starts + [text.count]
    }

    private mutating func complain(_ place: QDPXElementPlace, _ message: String) {
        problems.append(InputProblem(file: file, line: place.line, message: "\(place.xmlPath): \(message)"))
    }

    mutating func project() -> QDPXProjectContents {
        var users: [QDPXProjectContents.User] = []
        var userNames: [String: String] = [:]
        for user in document.users {
            if userNames[user.guid] != nil { complain(user.place, "a second user with GUID \(user.guid)") }
            userNames[user.guid] = user.name
            users.append(QDPXProjectContents.User(guid: user.guid, name: user.name, place: user.place))
        }
        var codePaths: [String: [String]] = [:]
        func visit(_ code: QDCCode, above: [String]) {
            let path = above + [code.name]
            if let guid = code.guid { codePaths[guid] = path }
            for child in code.children { visit(child, above: path) }
        }
        for code in document.codes { visit(code, above: []) }
        let variableNames = Dictionary(document.variables.map { ($0.guid, $0.name) }) { first, _ in first }

        var sources: [QDPXProjectContents.TextSource] = []
        var byteOrderMarks = 0
        var wholeSourceCodings = 0
        var crlfTexts = 0
        for raw in document.textSources {
            wholeSourceCodings += raw.sourceCodings
            guard var text = plainText(of: raw) else { continue }
            if text.first == "\u{FEFF}" {
                text.removeFirst()
                byteOrderMarks += 1
            }
            let starts = codePoints(of: text)
            let length = starts.map { $0.count - 1 } ?? text.count
            if !raw.selections.isEmpty, zip(text, text.dropFirst()).contains(where: { $0 == "\r" && $1 == "\n" }) { crlfTexts += 1 }
            var selections: [QDPXProjectContents.Selection] = []
            for var selection in raw.selections {
                guard selection.start <= selection.end else {
                    complain(selection.place, "endPosition \(selection.end) is before startPosition \(selection.start)")
                    continue
                }
                guard selection.end <= length else {
                    complain(
                        selection.place,
                        "the selection \(selection.start)–\(selection.end) is out of the text's range: '\(raw.name)' has \(length) characters"
                            + (crlfAsOne ? " (counting \\r\\n as one)" : ""))
                    continue
                }
                if let starts { (selection.start, selection.end) = (starts[selection.start], starts[selection.end]) }
                var codings: [QDPXProjectContents.Coding] = []
                for coding in selection.codings {
                    guard let userGUID = coding.user ?? selection.user else {
                        complain(coding.place, "no creatingUser on the Coding or its PlainTextSelection: whose coding it is cannot be told")
                        continue
                    }
                    guard let user = userNames[userGUID] else {
                        complain(coding.place, "creatingUser: unknown GUID \(userGUID) (not a User of the project)")
                        continue
                    }
                    guard !user.isEmpty else {
                        complain(coding.place, "creatingUser \(userGUID): the user has no name, so it cannot be a coder")
                        continue
                    }
                    guard let codeGUID = coding.codeGUID else {
                        complain(coding.place, "the coding has no CodeRef")
                        continue
                    }
                    guard let path = codePaths[codeGUID] else {
                        complain(QDPXElementPlace(line: coding.place.line, xmlPath: coding.place.xmlPath + "/CodeRef"),
                                 "targetGUID: unknown GUID \(codeGUID) (not a Code of the project's CodeBook)")
                        continue
                    }
                    codings.append(QDPXProjectContents.Coding(user: user, codePath: path, place: coding.place))
                }
                let excerpt = String(String.UnicodeScalarView(text[selection.start..<selection.end]))
                selections.append(QDPXProjectContents.Selection(
                    guid: selection.guid, start: selection.start, end: selection.end, excerpt: excerpt, codings: codings,
                    place: selection.place))
            }
            sources.append(QDPXProjectContents.TextSource(
                guid: raw.guid, name: raw.name, text: text, values: values(raw.values, names: variableNames),
                selections: selections, place: raw.place))
        }
        let sourceGUIDs = Set(document.textSources.map(\.guid))
        var cases: [QDPXProjectContents.Case] = []
        var otherReferences = 0
        for raw in document.cases {
            var refs: [QDPXProjectContents.SourceRef] = []
            for ref in raw.sourceRefs {
                if sourceGUIDs.contains(ref.guid) {
                    refs.append(QDPXProjectContents.SourceRef(sourceGUID: ref.guid, place: ref.place))
                } else if document.otherSourceGUIDs.contains(ref.guid) {
                    otherReferences += 1
                } else {
                    complain(ref.place, "targetGUID: unknown GUID \(ref.guid) (not a source of the project)")
                }
            }
            cases.append(QDPXProjectContents.Case(
                guid: raw.guid, name: raw.name, values: values(raw.values, names: variableNames), sources: refs, place: raw.place))
        }

        if byteOrderMarks > 0 {
            notes.append("\(byteOrderMarks) plain text file\(byteOrderMarks == 1 ? "" : "s") start with a byte-order mark (as QualCoder writes them); it is not counted in offsets")
        }
        if crlfTexts > 0 {
            notes.append(
                "\(crlfTexts) coded text\(crlfTexts == 1 ? " has" : "s have") Windows line ends (\\r\\n), whose offsets were read with \\r\\n as "
                    + (crlfAsOne ? "one character (line_ends: crlf_as_one)" : "two characters (REFI-QDA's code points); if excerpts look shifted by a character per line, set line_ends: crlf_as_one"))
        }
        if wholeSourceCodings > 0 {
            notes.append("\(wholeSourceCodings) coding\(wholeSourceCodings == 1 ? "" : "s") of whole sources left out (only coded text selections become segments)")
        }
        for (kind, count) in document.otherSources.sorted(by: { $0.key < $1.key }) {
            notes.append("\(count.sources) \(kind) element\(count.sources == 1 ? "" : "s") with \(count.codings) coding\(count.codings == 1 ? "" : "s") left out (only text sources are read)")
        }
        if otherReferences > 0 {
            notes.append("\(otherReferences) SourceRef\(otherReferences == 1 ? "" : "s") of cases to non-text sources left out")
        }
        return QDPXProjectContents(
            file: file, origin: document.origin, users: users, codes: document.codes, cases: cases, textSources: sources,
            notes: notes)
    }

    private mutating func values(_ raw: [QDPXDocumentParser.Value], names: [String: String]) -> [QDPXProjectContents.VariableValue] {
        var values: [QDPXProjectContents.VariableValue] = []
        for value in raw {
            guard let guid = value.variableGUID else {
                complain(value.place, "the VariableValue has no VariableRef")
                continue
            }
            guard let name = names[guid] else {
                complain(QDPXElementPlace(line: value.place.line, xmlPath: value.place.xmlPath + "/VariableRef"),
                         "targetGUID: unknown GUID \(guid) (not a Variable of the project)")
                continue
            }
            values.append(QDPXProjectContents.VariableValue(variable: name, value: value.value, place: value.place))
        }
        return values
    }

    /// The source's plain text in code points: its `PlainTextContent`, or the file its `plainTextPath` names in the
    /// archive (`internal://…`).
    private mutating func plainText(of source: QDPXDocumentParser.TextSource) -> [Unicode.Scalar]? {
        if let content = source.content { return Array(content.unicodeScalars) }
        guard let reference = source.plainTextPath else {
            complain(source.place, "the text source '\(source.name)' has neither PlainTextContent nor a plainTextPath")
            return nil
        }
        guard reference.lowercased().hasPrefix("internal://") else {
            complain(source.place, "plainTextPath '\(reference)' is outside the archive; export the project with its sources inside (internal://)")
            return nil
        }
        let name = String(reference.dropFirst("internal://".count))
        guard let entry = archive.sourcePath(ofInternal: name) else {
            complain(source.place, "plainTextPath '\(reference)': no sources/\(name) in the archive")
            return nil
        }
        let data: Data
        do {
            data = try archive.contents(of: entry)
        } catch {
            problems += error.problems
            return nil
        }
        // Decoded as it stands (Foundation's decoding would drop a byte-order mark unseen).
        guard let text = String(validating: data, as: UTF8.self) else {
            complain(source.place, "plainTextPath '\(reference)': \(entry) is not UTF-8 text")
            return nil
        }
        return Array(text.unicodeScalars)
    }
}
