import Foundation
import StudyModel

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Reads a REFI-QDA codebook (`.qdc`) into its tree of codes.
///
/// Tolerated, as real exports need: any `urn:QDA-XML:codebook:*` namespace (or none), GUIDs with or
/// without braces or missing, an empty `<Sets/>` (Taguette), colours in any form (ignored), sets
/// (ignored). Refused, with the file, line, column and XML path: XML that does not parse, a root other
/// than `CodeBook`, no `Codes`, a `Code` without a `name`, an `isCodable` that is not a boolean.
public enum QDCCodebookReader {
    /// - Throws: ``InputProblems`` naming `path` and where in it.
    public static func read(path: String) throws(InputProblems) -> QDCCodebook {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputProblems([InputProblem(file: path, message: "cannot read file (missing or unreadable)")])
        }
        return try read(data: data, file: path)
    }

    /// Reads the bytes of a codebook; `file` names it in problems.
    public static func read(data: Data, file: String) throws(InputProblems) -> QDCCodebook {
        let parser = XMLParser(data: data)
        let collector = Collector(file: file, parser: parser)
        parser.delegate = collector
        parser.shouldProcessNamespaces = true
        let parsed = parser.parse()
        if !parsed, collector.problems.isEmpty {
            let message = parser.parserError.map { ($0 as NSError).localizedDescription } ?? "unknown error"
            collector.problems.append(InputProblem(
                file: file, line: parser.lineNumber, column: parser.columnNumber, message: "invalid XML: \(message)"))
        }
        if collector.problems.isEmpty {
            if !collector.sawRoot {
                collector.problems.append(InputProblem(file: file, message: "no CodeBook element: not a REFI-QDA codebook"))
            } else if !collector.sawCodes {
                collector.problems.append(InputProblem(file: file, message: "/CodeBook: no Codes element"))
            }
        }
        guard collector.problems.isEmpty else { throw InputProblems(collector.problems) }
        return QDCCodebook(origin: collector.origin, codes: collector.roots)
    }
}

/// The parser's delegate: builds the tree and keeps the XML path of each element.
private final class Collector: NSObject, XMLParserDelegate {
    let file: String
    unowned let parser: XMLParser
    var problems: [InputProblem] = []
    var origin: String?
    var roots: [QDCCode] = []
    var sawRoot = false
    var sawCodes = false
    /// Open elements with their paths (codes and sets numbered).
    private var stack = XMLElementStack(indexed: ["Code", "Set"])
    private var openCodes: [QDCCode] = []
    private var descriptionText: String?

    init(file: String, parser: XMLParser) {
        self.file = file
        self.parser = parser
    }

    /// A problem of the element just read: its line (the parser's column is past the start tag, so none is given).
    private func fail(_ message: String) {
        problems.append(InputProblem(file: file, line: parser.lineNumber, message: message))
        parser.abortParsing()
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) {
        guard problems.isEmpty else { return }
        problems.append(InputProblem(
            file: file, line: parser.lineNumber, column: parser.columnNumber,
            message: "invalid XML: \((parseError as NSError).localizedDescription)"))
    }

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        let name = elementName
        let path = stack.open(name)
        if stack.depth == 1 {
            guard name == "CodeBook" else { return fail("\(path): the root is \(name), not CodeBook: not a REFI-QDA codebook") }
            if let namespaceURI, !namespaceURI.isEmpty, !namespaceURI.hasPrefix("urn:QDA-XML:codebook:") {
                return fail("\(path): namespace '\(namespaceURI)' is not that of a REFI-QDA codebook (urn:QDA-XML:codebook:1.0)")
            }
            sawRoot = true
            origin = attributes["origin"]
            return
        }
        let parent = stack.name(above: 1)!
        switch (parent, name) {
        case ("CodeBook", "Codes"):
            sawCodes = true
        case ("Codes", "Code"), ("Code", "Code"):
            guard let codeName = attributes["name"] else { return fail("\(path): the code has no name") }
            let codable: Bool
            switch attributes["isCodable"] ?? "true" {
            case "true", "1": codable = true
            case "false", "0": codable = false
            case let other: return fail("\(path): isCodable '\(other)' is neither true nor false")
            }
            openCodes.append(QDCCode(
                guid: attributes["guid"], name: codeName, isCodable: codable, description: nil, children: [],
                line: parser.lineNumber, column: parser.columnNumber, xmlPath: path))
        case ("Code", "Description"):
            descriptionText = ""
        default:
            break  // Sets, NoteRef and elements of later versions: not needed here.
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if descriptionText != nil { descriptionText! += string }
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        let closed = stack.close()
        let parent = stack.name(above: 0)
        switch (parent, closed) {
        case ("Code", "Description"):
            openCodes[openCodes.count - 1].description = descriptionText
            descriptionText = nil
        case ("Codes", "Code"), ("Code", "Code"):
            let code = openCodes.removeLast()
            if openCodes.isEmpty { roots.append(code) } else { openCodes[openCodes.count - 1].children.append(code) }
        default:
            break
        }
    }
}
