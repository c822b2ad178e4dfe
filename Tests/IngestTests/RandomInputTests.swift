import Foundation
import Ingest
import Statistics
import Storage
import StudyModel
import Testing
import TestSupport

/// Seeded random damage to every input of a study (a fuzz test that runs in CI): bytes flipped,
/// inserted or deleted, lines doubled, files cut short. Whatever the damage, ingest either succeeds or
/// throws the input's problems, each naming its file; it never crashes and never throws anything else.
/// A damaged input that once broke this is kept in `Regressions/` and rerun by its name.
@Suite struct RandomInputTests {
    /// Bytes that matter to the CSV and YAML grammars, and invalid UTF-8.
    static let special: [UInt8] = Array(",\"\n\r\t;:{}[]-#&*!|>' ".utf8) + [0x00, 0xFF, 0xC3, 0xE2, 0x80]

    static func damaged(_ text: String, random: inout SeededGenerator) -> [UInt8] {
        var bytes = Array(text.utf8)
        for _ in 0..<Int.random(in: 1...4, using: &random) {
            guard !bytes.isEmpty else { break }
            let at = Int.random(in: 0..<bytes.count, using: &random)
            switch Int.random(in: 0..<6, using: &random) {
            case 0: bytes[at] = special.randomElement(using: &random)!
            case 1: bytes.insert(special.randomElement(using: &random)!, at: at)
            case 2: bytes.removeSubrange(at..<min(bytes.count, at + Int.random(in: 1...12, using: &random)))
            case 3: bytes = Array(bytes[..<at])
            case 4:
                let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
                let line = Int.random(in: 0..<lines.count, using: &random)
                bytes = Array((lines[...line] + [lines[line]] + lines[(line + 1)...]).joined(separator: [0x0A]))
            default: bytes[at] = UInt8.random(in: 0...255, using: &random)
            }
        }
        return bytes
    }

    static let files: [(name: String, text: String)] = [
        ("participants.csv", StudyFixture.participants), ("segments.csv", StudyFixture.segments),
        ("survey.csv", StudyFixture.survey), ("codebook.yml", StudyFixture.codebook), ("mini.yml", StudyFixture.instrument),
    ]

    /// Ingests the fixture with `bytes` as `name`; records an issue unless it succeeds or fails with problems.
    static func check(_ name: String, _ bytes: [UInt8], seed: UInt64) throws {
        let fixture = try StudyFixture()
        try fixture.write(bytes: bytes, to: name)
        do {
            _ = try StudyIngester(studyDirectory: fixture.directory).ingest(into: try StudyStore.inMemory())
        } catch let problems as InputProblems {
            #expect(!problems.problems.isEmpty, "seed \(seed) \(name)")
            for problem in problems.problems {
                #expect(!problem.file.isEmpty && !problem.message.isEmpty, "seed \(seed) \(name): \(problem)")
            }
        } catch let problem as InputProblem {
            #expect(!problem.file.isEmpty && !problem.message.isEmpty, "seed \(seed) \(name): \(problem)")
        } catch {
            Issue.record("seed \(seed) \(name): not an input problem: \(error)")
        }
    }

    @Test(arguments: 0..<5)
    func damagedInputsGiveProblemsNeverACrash(_ file: Int) throws {
        let (name, text) = Self.files[file]
        for seed in UInt64(0)..<120 {
            var random = SeededGenerator(seed: seed, stream: UInt64(file))
            try Self.check(name, Self.damaged(text, random: &random), seed: seed)
        }
    }

    @Test func inputsThatOnceBrokeIngestStillGiveProblems() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Regressions")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        for entry in names.sorted() {
            // `<file name>--<what it is>`, the file's bytes as they broke it.
            let name = String(entry.split(separator: "--")[0])
            try Self.check(name, Array(try Data(contentsOf: folder.appendingPathComponent(entry))), seed: 0)
        }
    }
}
