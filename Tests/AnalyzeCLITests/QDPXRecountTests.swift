import ArgumentParser
import Foundation
import Testing
import TestSupport

@testable import AnalyzeCLI

private let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
private let python3: String? = ["/usr/bin/python3", "/usr/local/bin/python3"].first { FileManager.default.isExecutableFile(atPath: $0) }

/// Runs `scripts/recount-qdpx.py` on a study; its exit status and output.
private func recount(_ study: String, results: String? = nil) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: python3!)
    process.arguments = [repository.appendingPathComponent("scripts/recount-qdpx.py").path, study] + (results.map { [$0] } ?? [])
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return (process.terminationStatus, output)
}

/// analyze's code × country × role counts of each `.qdpx` pilot equal the count `scripts/recount-qdpx.py` makes
/// from the `.qdpx`, study.yml and the code map alone (Python's zipfile and xml.etree, none of the tool's code).
@Suite struct QDPXRecountTests {
    @Test(.enabled(if: python3 != nil, "needs python3"), arguments: [
        ("QualCoderPilot", "17 nonzero code × country × role cells and 7 country × role groups of pilot.qdpx equal analyze's (8 participants)"),
        ("NVivoShapedPilot", "18 nonzero code × country × role cells and 7 country × role groups of pilot.qdpx equal analyze's (8 participants)"),
        ("MAXQDAShapedPilot", "12 nonzero code × country × role cells and 6 country × role groups of pilot.qdpx equal analyze's (6 participants)"),
    ])
    func analyzesCountsEqualTheRecount(fixture: String, agreement: String) throws {
        let study = try QDPXStudyCopy(fixture)
        defer { study.remove() }
        var ingest = try AnalyzeTool.parseAsRoot(["ingest", study.directory, "--quiet"])
        try ingest.run()
        var analyze = try AnalyzeTool.parseAsRoot(["analyze", study.directory, "--quiet"])
        try analyze.run()
        let result = try recount(study.directory)
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output == "recount-qdpx: \(agreement)\n")

        // The comparison can fail: one count of analyze's basis changed by one is found.
        let resultsPath = study.path(".analyze/results.json")
        var json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: resultsPath))) as? [String: Any])
        var basis = try #require(json["basis"] as? [String: Any])
        var rows = try #require(basis["rows"] as? [[String: Any]])
        let row = try #require(rows.firstIndex { $0["kind"] as? String == "code" })
        var counts = try #require(rows[row]["counts"] as? [Int])
        counts[0] += 1
        rows[row]["counts"] = counts
        basis["rows"] = rows
        json["basis"] = basis
        let changed = try JSONSerialization.data(withJSONObject: json)
        try changed.write(to: URL(fileURLWithPath: study.path("changed.json")))
        let failed = try recount(study.directory, results: study.path("changed.json"))
        #expect(failed.status == 1)
        #expect(failed.output.hasPrefix("DIFFERENT "))
    }
}
