import Analysis
import Crypto
import Foundation
import JSONOutput
import StudyModel

/// Writes `provenance.json`: what a report was built from and with.
///
/// It lists the SHA-256 of every input file (as ingested), the codebook version, the tool version,
/// and the SHA-256 of every other file of the report. It holds no timestamp unless
/// `SOURCE_DATE_EPOCH` is set, in which case that time is written (UTC, ISO 8601).
enum ProvenanceWriter {
    struct Provenance: Encodable {
        struct FileHash: Encodable {
            var path: String
            var sha256: String
        }
        struct Input: Encodable {
            var path: String
            var kind: String
            var sha256: String
            var bytes: Int
            var records: Int
        }
        var tool: String
        var toolVersion: String
        var study: String
        var studyVersion: String
        var codebookVersion: String
        var hashAlgorithm = "SHA-256"
        var sourceDateEpoch: String?
        var inputs: [Input]
        var outputs: [FileHash]
    }

    /// The provenance JSON for `results` and the report's other files.
    /// - Throws: ``ReportError/invalidSourceDateEpoch(_:)`` when `SOURCE_DATE_EPOCH` is not a whole number of seconds.
    static func json(results: AnalysisResults, outputs: [(path: String, contents: String)], sourceDateEpoch: String?) throws -> String {
        var date: String?
        if let sourceDateEpoch {
            guard let seconds = Int(sourceDateEpoch), seconds >= 0, seconds <= 253_402_300_799 else {
                throw ReportError.invalidSourceDateEpoch(sourceDateEpoch)
            }
            let formatter = ISO8601DateFormatter()
            formatter.timeZone = TimeZone(identifier: "UTC")
            date = formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
        }
        let provenance = Provenance(
            tool: "analyze", toolVersion: results.toolVersion, study: results.study.name,
            studyVersion: results.study.version, codebookVersion: results.study.codebookVersion, sourceDateEpoch: date,
            inputs: results.sourceFiles.map {
                Provenance.Input(path: $0.path, kind: $0.kind, sha256: $0.sha256, bytes: $0.byteCount, records: $0.recordCount)
            },
            // The files' hashes on all cores (a report's files are a few MB), in the files' order.
            outputs: ConcurrentMap.map(outputs) { Provenance.FileHash(path: $0.path, sha256: sha256Hex(of: $0.contents)) })
        // `SortedJSONEncoder`: the bytes of `JSONEncoder` with sorted keys, pretty printed, slashes unescaped.
        return String(decoding: try SortedJSONEncoder().encode(provenance), as: UTF8.self) + "\n"
    }

    /// The SHA-256 of the text's UTF-8, in lowercase hexadecimal; read in place, not copied.
    static func sha256Hex(of text: String) -> String {
        var hasher = SHA256()
        let read: Void? = text.utf8.withContiguousStorageIfAvailable { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
        if read == nil { hasher.update(data: Data(text.utf8)) }
        return hasher.finalize().lowercaseHexadecimal
    }
}

/// Why a report cannot be written.
public enum ReportError: Error, Equatable, CustomStringConvertible {
    case invalidSourceDateEpoch(String)
    /// The output folder holds files and no report of `analyze`: writing there could overwrite them.
    case notAReportFolder(String)
    /// A file the tool did not write stands where the report writes one.
    case fileInTheWay(String)

    public var description: String {
        switch self {
        case .invalidSourceDateEpoch(let value):
            "SOURCE_DATE_EPOCH must be a whole number of seconds since 1970 (got '\(value)')"
        case .notAReportFolder(let path):
            "\(path) is not empty and holds no report of analyze (no provenance.json written by analyze): "
                + "choose a new or empty folder, or one an earlier 'analyze report' wrote"
        case .fileInTheWay(let path):
            "\(path) is not a file of the earlier report, and the report writes a file of that name: "
                + "move or rename it, then run the report again (nothing was changed)"
        }
    }
}

extension ProvenanceWriter {
    /// The files an earlier report wrote into `directory` (its `provenance.json` outputs, and that file
    /// itself); `nil` when the folder holds no report of `analyze`.
    static func previousOutputs(in directory: URL) -> [String]? {
        struct Written: Decodable {
            struct File: Decodable { var path: String }
            var tool: String
            var outputs: [File]
        }
        guard let data = FileManager.default.contents(atPath: directory.appendingPathComponent("provenance.json").path),
            let written = try? JSONDecoder().decode(Written.self, from: data), written.tool == "analyze"
        else { return nil }
        return written.outputs.map(\.path) + ["provenance.json"]
    }
}
