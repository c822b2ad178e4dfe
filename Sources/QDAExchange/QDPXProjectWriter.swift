import Foundation
import StudyModel
import ZIPFoundation

/// Writes a ``QDPXProject`` as a REFI-QDA project (`.qdpx`: a zip of `project.qde` and the source texts) in
/// the layout of ``QDPXLayout``: it validates against the REFI-QDA Project XSD and is byte-identical for the
/// same project.
public enum QDPXProjectWriter {
    /// The project document (`project.qde`) and the text of each source, by the file name inside the zip
    /// (`sources/<guid>.txt`), in the order they are archived.
    /// - Complexity: O(size of the excerpts + number of codings), plus the codebook's O(codes²).
    public static func contents(of project: QDPXProject) -> (document: String, sources: [(path: String, text: String)]) {
        var sources: [(path: String, text: String)] = []
        let coders = project.coders
        let attribute = QDCCodebookWriter.attribute
        var out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
        let origin = "\(QDPXLayout.originPrefix)\(project.studyVersion), codebook \(project.codebook.version))"
        out += "<Project xmlns=\"\(QDPXLayout.namespace)\" name=\"\(attribute(project.name))\" origin=\"\(attribute(origin))\">\n"
        if !coders.isEmpty {
            out += "  <Users>\n"
            for coder in coders {
                out += "    <User guid=\"\(QDPXLayout.coderGUID(coder))\" name=\"\(attribute(coder))\" id=\"\(attribute(coder))\"/>\n"
            }
            out += "  </Users>\n"
        }
        out += "  <CodeBook>\n"
        out += QDCCodebookWriter.codes(of: project.codebook, indent: "    ")
        out += "  </CodeBook>\n"
        if !project.variables.isEmpty {
            out += "  <Variables>\n"
            for variable in project.variables {
                out += "    <Variable guid=\"\(QDPXLayout.variableGUID(variable))\" name=\"\(attribute(variable))\" typeOfVariable=\"Text\"/>\n"
            }
            out += "  </Variables>\n"
        }
        if !project.cases.isEmpty {
            out += "  <Cases>\n"
            for item in project.cases { write(item, variables: project.variables, into: &out) }
            out += "  </Cases>\n"
        }
        if project.cases.contains(where: { !$0.sources.isEmpty }) {
            out += "  <Sources>\n"
            for item in project.cases {
                for source in item.sources {
                    sources.append(write(source, of: item.name, coders: coders, into: &out))
                }
            }
            out += "  </Sources>\n"
        }
        out += "</Project>\n"
        return (out, sources)
    }

    /// The `.qdpx` file: `project.qde` first, then the sources, each deflated and dated
    /// ``QDPXLayout/entryDate``.
    /// - Throws: what ZIPFoundation throws when it cannot build the archive in memory.
    public static func archive(of project: QDPXProject) throws -> Data {
        let (document, sources) = contents(of: project)
        let archive = try Archive(data: Data(), accessMode: .create)
        for (path, text) in [(QDPXLayout.projectEntry, document)] + sources {
            let bytes = Data(text.utf8)
            try archive.addEntry(
                with: path, type: .file, uncompressedSize: Int64(bytes.count), modificationDate: QDPXLayout.entryDate,
                permissions: 0o644, compressionMethod: .deflate
            ) { position, size in
                bytes.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        guard let data = archive.data else { throw Archive.ArchiveError.unwritableArchive }
        return data
    }

    /// Whether `data` is a `.qdpx` analyze wrote: a zip whose `project.qde` has an `origin` of ``QDPXLayout``.
    public static func isWrittenByAnalyze(_ data: Data) -> Bool {
        let archive: Archive
        do { archive = try Archive(data: data, accessMode: .read, pathEncoding: nil) } catch { return false }
        guard let entry = archive[QDPXLayout.projectEntry] else { return false }
        var head = Data()
        // The origin is on the second line; reading the first kilobyte is enough.
        _ = try? archive.extract(entry, bufferSize: 1024, skipCRC32: true) { chunk in
            if head.isEmpty { head = chunk }
        }
        return String(decoding: head, as: UTF8.self).contains("origin=\"\(QDPXLayout.originPrefix)")
    }

    private static func write(_ item: QDPXProject.Case, variables: [String], into out: inout String) {
        out += "    <Case guid=\"\(QDPXLayout.caseGUID(item.name))\" name=\"\(QDCCodebookWriter.attribute(item.name))\">\n"
        for (variable, value) in zip(variables, item.values) {
            guard let value else { continue }
            out += "      <VariableValue>\n"
            out += "        <VariableRef targetGUID=\"\(QDPXLayout.variableGUID(variable))\"/>\n"
            out += "        <TextValue>\(QDCCodebookWriter.text(value))</TextValue>\n"
            out += "      </VariableValue>\n"
        }
        for source in item.sources {
            out += "      <SourceRef targetGUID=\"\(QDPXLayout.sourceGUID(case: item.name, source: source.name))\"/>\n"
        }
        out += "    </Case>\n"
    }

    /// Writes one `TextSource` with its selections; returns its text and the path it is archived under.
    private static func write(
        _ source: QDPXProject.TextSource, of caseName: String, coders: [String], into out: inout String
    ) -> (path: String, text: String) {
        let guid = QDPXLayout.sourceGUID(case: caseName, source: source.name)
        let attribute = QDCCodebookWriter.attribute
        out += "    <TextSource guid=\"\(guid)\" name=\"\(attribute(source.name))\" plainTextPath=\"internal://\(guid).txt\">\n"
        var text = ""
        var position = 0
        for (index, excerpt) in source.excerpts.enumerated() {
            if index > 0 {
                text += QDPXLayout.excerptSeparator
                position += QDPXLayout.excerptSeparator.unicodeScalars.count
            }
            let words = excerpt.text ?? QDPXLayout.missingExcerpt
            let start = position
            text += words
            position += words.unicodeScalars.count
            for coder in coders {
                let codes = excerpt.codings.filter { $0.coder == coder }.map(\.code)
                guard !codes.isEmpty else { continue }
                let number = index + 1
                let user = QDPXLayout.coderGUID(coder)
                let selectionGUID = QDPXLayout.selectionGUID(case: caseName, source: source.name, excerpt: number, coder: coder)
                out += "      <PlainTextSelection guid=\"\(selectionGUID)\" startPosition=\"\(start)\" endPosition=\"\(position)\" creatingUser=\"\(user)\">\n"
                for code in codes {
                    let codingGUID = QDPXLayout.codingGUID(case: caseName, source: source.name, excerpt: number, coder: coder, code: code)
                    out += "        <Coding guid=\"\(codingGUID)\" creatingUser=\"\(user)\">\n"
                    out += "          <CodeRef targetGUID=\"\(QDCLayout.codeGUID(code))\"/>\n"
                    out += "        </Coding>\n"
                }
                out += "      </PlainTextSelection>\n"
            }
        }
        out += "    </TextSource>\n"
        return ("\(QDPXLayout.sourcesFolder)/\(guid).txt", text)
    }
}
