import Foundation
import StudyModel

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Parses a project document (`project.qde`) into its elements as written, each with its line and XML path;
/// references are not resolved here (``QDPXProjectReader`` does that).
final class QDPXDocumentParser: NSObject, XMLParserDelegate {
    struct Reference {
        var guid: String
        var place: QDPXElementPlace
    }
    struct Value {
        var variableGUID: String?
        var value: String?
        var place: QDPXElementPlace
    }
    struct Variable {
        var guid: String
        var name: String
    }
    struct Case {
        var guid: String?
        var name: String?
        var values: [Value] = []
        var sourceRefs: [Reference] = []
        var place: QDPXElementPlace
    }
    struct Coding {
        var user: String?
        var codeGUID: String?
        var place: QDPXElementPlace
    }
    struct Selection {
        var guid: String
        var start: Int
        var end: Int
        var user: String?
        var codings: [Coding] = []
        var place: QDPXElementPlace
    }
    struct TextSource {
        var guid: String
        var name: String
        var plainTextPath: String?
        var content: String?
        var values: [Value] = []
        var selections: [Selection] = []
        /// Codings of the whole source (not of a selection).
        var sourceCodings = 0
        var place: QDPXElementPlace
    }

    let file: String
    unowned let parser: XMLParser
    var problems: [InputProblem] = []
    var namespace: String?
    var origin: String?
    var sawRoot = false
    var users: [(guid: String, name: String, place: QDPXElementPlace)] = []
    var codes: [QDCCode] = []
    var variables: [Variable] = []
    var cases: [Case] = []
    var textSources: [TextSource] = []
    /// Other kinds of source (`PDFSource`, `AudioSource`, …) by element name, with their codings.
    var otherSources: [String: (sources: Int, codings: Int)] = [:]
    /// The GUIDs of the other kinds of source (a case may refer to them).
    var otherSourceGUIDs: Set<String> = []

    private var stack = XMLElementStack(indexed: repeated)
    private var openCodes: [QDCCode] = []
    private var openCase: Case?
    private var openSource: TextSource?
    private var openSelection: Selection?
    private var openValue: Value?
    private var openOther: String?
    /// The text of the element being read, when it is one whose text is wanted.
    private var text: String?

    /// Elements that repeat, whose paths carry their position among their like siblings.
    private static let repeated: Set<String> = [
        "User", "Code", "Variable", "Case", "VariableValue", "SourceRef", "TextSource", "PlainTextSelection", "Coding",
        "PDFSource", "PictureSource", "AudioSource", "VideoSource", "Note", "Set",
    ]
    private static let valueElements: Set<String> = [
        "TextValue", "BooleanValue", "IntegerValue", "FloatValue", "DateValue", "DateTimeValue",
    ]
    private static let otherSourceElements: Set<String> = ["PDFSource", "PictureSource", "AudioSource", "VideoSource"]

    init(file: String, parser: XMLParser) {
        self.file = file
        self.parser = parser
    }

    /// A GUID as compared: without braces, lowercase.
    static func normalized(_ guid: String) -> String {
        guid.trimmingCharacters(in: CharacterSet(charactersIn: "{} ")).lowercased()
    }

    private var place: QDPXElementPlace { QDPXElementPlace(line: parser.lineNumber, xmlPath: stack.path) }

    private func fail(_ message: String) {
        problems.append(InputProblem(file: file, line: parser.lineNumber, message: "\(stack.path): \(message)"))
    }

    /// A required attribute, or a problem naming it.
    private func required(_ attributes: [String: String], _ name: String) -> String? {
        guard let value = attributes[name], !value.trimmingCharacters(in: .whitespaces).isEmpty else {
            fail("no \(name) attribute")
            return nil
        }
        return value
    }

    private func position(_ attributes: [String: String], _ name: String) -> Int? {
        guard let text = required(attributes, name) else { return nil }
        guard let value = Int(text.trimmingCharacters(in: .whitespaces)), value >= 0 else {
            fail("\(name) '\(text)' is not a whole number of 0 or more")
            return nil
        }
        return value
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) {
        guard problems.isEmpty else { return }
        problems.append(InputProblem(
            file: file, line: parser.lineNumber, column: parser.columnNumber,
            message: "invalid XML: \((parseError as NSError).localizedDescription)"))
    }

    func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        let path = stack.open(name)
        if stack.depth == 1 {
            guard name == "Project" else {
                fail("the root is \(name), not Project: not a REFI-QDA project")
                return parser.abortParsing()
            }
            if let namespaceURI, !namespaceURI.isEmpty, !namespaceURI.hasPrefix("urn:QDA-XML:project:") {
                fail("namespace '\(namespaceURI)' is not that of a REFI-QDA project (urn:QDA-XML:project:1.0)")
                return parser.abortParsing()
            }
            sawRoot = true
            namespace = namespaceURI
            origin = attributes["origin"]
            return
        }
        let parent = stack.name(above: 1)!
        if openOther != nil {
            if name == "Coding" { otherSources[openOther!]!.codings += 1 }
            return
        }
        switch (parent, name) {
        case ("Users", "User"):
            if let guid = required(attributes, "guid") {
                users.append((Self.normalized(guid), attributes["name"] ?? "", place))
            }
        case ("Codes", "Code"), ("Code", "Code"):
            let codable: Bool
            switch (attributes["isCodable"] ?? "true").lowercased() {
            case "true", "1": codable = true
            case "false", "0": codable = false
            case let other:
                fail("isCodable '\(other)' is neither true nor false")
                codable = false
            }
            openCodes.append(QDCCode(
                guid: attributes["guid"].map(Self.normalized), name: attributes["name"] ?? "", isCodable: codable,
                description: nil, children: [], line: parser.lineNumber, column: parser.columnNumber, xmlPath: path))
            if attributes["name"] == nil { fail("the code has no name") }
        case ("Variables", "Variable"):
            if let guid = required(attributes, "guid"), let variableName = required(attributes, "name") {
                variables.append(Variable(guid: Self.normalized(guid), name: variableName))
            }
        case ("Cases", "Case"):
            let caseName = attributes["name"]?.trimmingCharacters(in: .whitespacesAndNewlines)
            openCase = Case(
                guid: attributes["guid"].map(Self.normalized), name: caseName?.isEmpty == false ? caseName : nil, place: place)
        case ("Case", "SourceRef"):
            if let guid = required(attributes, "targetGUID") {
                openCase?.sourceRefs.append(Reference(guid: Self.normalized(guid), place: place))
            }
        case ("Case", "VariableValue"), ("TextSource", "VariableValue"):
            openValue = Value(place: place)
        case ("VariableValue", "VariableRef"):
            if let guid = required(attributes, "targetGUID") { openValue?.variableGUID = Self.normalized(guid) }
        case ("VariableValue", _) where Self.valueElements.contains(name):
            text = ""
        case ("Sources", "TextSource"):
            guard let guid = required(attributes, "guid") else { return }
            openSource = TextSource(
                guid: Self.normalized(guid), name: attributes["name"] ?? "", plainTextPath: attributes["plainTextPath"],
                place: place)
        case ("Sources", _) where Self.otherSourceElements.contains(name):
            openOther = name
            otherSources[name, default: (0, 0)].sources += 1
            if let guid = attributes["guid"] { otherSourceGUIDs.insert(Self.normalized(guid)) }
        case ("TextSource", "PlainTextContent"):
            text = ""
        case ("TextSource", "PlainTextSelection"):
            guard let guid = required(attributes, "guid"), let start = position(attributes, "startPosition"),
                let end = position(attributes, "endPosition")
            else { return }
            openSelection = Selection(
                guid: Self.normalized(guid), start: start, end: end, user: attributes["creatingUser"].map(Self.normalized),
                place: place)
        case ("TextSource", "Coding"):
            openSource?.sourceCodings += 1
        case ("PlainTextSelection", "Coding"):
            openSelection?.codings.append(Coding(user: attributes["creatingUser"].map(Self.normalized), place: place))
        case ("Coding", "CodeRef"):
            if stack.name(above: 2) == "PlainTextSelection", let guid = required(attributes, "targetGUID"),
                openSelection?.codings.isEmpty == false
            {
                openSelection!.codings[openSelection!.codings.count - 1].codeGUID = Self.normalized(guid)
            }
        default:
            break  // Descriptions, notes, links, sets, graphs: not needed here.
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if text != nil { text! += string }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        let closed = stack.close()
        let parent = stack.name(above: 0)
        if let other = openOther {
            if closed == other && parent == "Sources" { openOther = nil }
            return
        }
        switch (parent, closed) {
        case ("Codes", "Code"), ("Code", "Code"):
            let code = openCodes.removeLast()
            if openCodes.isEmpty { codes.append(code) } else { openCodes[openCodes.count - 1].children.append(code) }
        case ("Cases", "Case"):
            if let openCase { cases.append(openCase) }
            openCase = nil
        case ("VariableValue", _) where Self.valueElements.contains(closed):
            let value = text?.trimmingCharacters(in: .whitespacesAndNewlines)
            openValue?.value = value?.isEmpty == false ? value : nil
            text = nil
        case ("Case", "VariableValue"):
            if let openValue { openCase?.values.append(openValue) }
            openValue = nil
        case ("TextSource", "VariableValue"):
            if let openValue { openSource?.values.append(openValue) }
            openValue = nil
        case ("TextSource", "PlainTextContent"):
            openSource?.content = text
            text = nil
        case ("TextSource", "PlainTextSelection"):
            if let openSelection { openSource?.selections.append(openSelection) }
            openSelection = nil
        case ("Sources", "TextSource"):
            if let openSource { textSources.append(openSource) }
            openSource = nil
        default:
            break
        }
    }
}
