import ArgumentParser
import Foundation
import StatFileInput
import Testing
import TestSupport

@testable import AnalyzeCLI

private let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
private let comparison = repository.appendingPathComponent("Tests/AnalyzeCLITests/Scripts/compare-matrix.R").path
private let rscript = installedTool(["/usr/bin/Rscript", "/usr/local/bin/Rscript", "/opt/homebrew/bin/Rscript"])
/// R's `foreign` package (Debian `r-cran-foreign`), which reads SPSS files.
private let hasForeign = rscript.map { (try? runTool($0, ["-e", "library(foreign)"]).status) == 0 } ?? false

@Suite struct ExportMatrixSavTests {
    /// The sample, ingested, with its matrix exported as CSV and as `.sav`.
    let study: String

    init() throws {
        study = try sampleStudy(root: repository)
        var ingest = try AnalyzeTool.parseAsRoot(["ingest", study, "--quiet"])
        try ingest.run()
        for format in ["csv", "sav"] {
            var export = try AnalyzeTool.parseAsRoot(["export", "matrix", study, "--format", format, "--output", "\(study)/matrix.\(format)", "--quiet"])
            try export.run()
        }
    }

    @Test func theSavReadByAnalyzesReaderIsTheCSVCellForCell() throws {
        let csv = try String(contentsOfFile: "\(study)/matrix.csv", encoding: .utf8)
        let rows = csv.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(!csv.contains("\""))  // no quoted field in the sample's matrix: a split on commas reads it
        let sav = try StatFile(path: "\(study)/matrix.sav")
        #expect(sav.variables.map(\.name) == rows[0])
        #expect(sav.cases.count == 120)
        #expect(rows.count == 121)
        var cells = 0
        for (row, values) in zip(rows.dropFirst(), sav.cases) {
            for (column, (cell, value)) in zip(row, values).enumerated() {
                let variable = sav.variables[column]
                let read: String
                switch value {
                case .text(let text): read = text
                case .number(let number) where variable.valueLabels == [0: "not mentioned", 1: "mentioned"]: read = String(Int(number))
                case .number(let number): read = variable.valueLabels[number] ?? "?"
                case .missing: read = "(missing)"
                }
                #expect(read == cell, "row \(row[0]) column \(variable.name)")
                cells += 1
            }
        }
        #expect(cells == 120 * 60)
        // Labels: the study's levels, and each code's English label from the codebook.
        #expect(sav.variables[1].valueLabels == [1: "KZ", 2: "UK"])
        #expect(sav.variables[2].valueLabels == [1: "mother", 2: "father", 3: "grandparent", 4: "guardian", 5: "teacher", 6: "other"])
        let efficacy = try #require(sav.variables.first { $0.name == "bar_low_efficacy" })
        #expect(efficacy.label == "Low belief in own competence")
        #expect(efficacy.isNumeric && !sav.variables[3].isNumeric)
    }

    @Test func theSavIsTheSameEveryTimeAndAnEarlierExportMayBeReplaced() throws {
        let first = try Data(contentsOf: URL(fileURLWithPath: "\(study)/matrix.sav"))
        // Over its own .sav, and over the CSV analyze wrote: both are matrices of analyze's.
        try ExportMatrixCommand.export(try StudyOptions.parse([study]), to: "\(study)/matrix.sav", ids: false, format: .sav)
        #expect(try Data(contentsOf: URL(fileURLWithPath: "\(study)/matrix.sav")) == first)
        try ExportMatrixCommand.export(try StudyOptions.parse([study]), to: "\(study)/matrix.csv", ids: false, format: .sav)
        #expect(try Data(contentsOf: URL(fileURLWithPath: "\(study)/matrix.csv")) == first)
        // A survey file of the study's own is not analyze's: it is left as it is.
        let parents = "\(study)/survey-parents.csv"
        let before = try Data(contentsOf: URL(fileURLWithPath: parents))
        let error = #expect(throws: (any Error).self) {
            try ExportMatrixCommand.export(try StudyOptions.parse([study]), to: parents, ids: false, format: .sav)
        }
        #expect(error.map { String(describing: $0) } == "\(parents): exists and is not a matrix written by analyze:"
            + " it was left as it is; give --output a new path or an earlier export")
        #expect(try Data(contentsOf: URL(fileURLWithPath: parents)) == before)
    }

    @Test func aColumnSPSSCannotNameIsRefusedAndNothingIsWritten() throws {
        let fixture = try StudyFixture(participants: StudyFixture.participants.replacingOccurrences(of: ",setting", with: ",1st_setting"))
        var ingest = try AnalyzeTool.parseAsRoot(["ingest", fixture.directory, "--quiet"])
        try ingest.run()
        let output = fixture.path("matrix.sav")
        let error = #expect(throws: (any Error).self) {
            try ExportMatrixCommand.export(try StudyOptions.parse([fixture.directory]), to: output, ids: false, format: .sav)
        }
        #expect(error.map { String(describing: $0) } == "\(output): variable '1st_setting': an SPSS variable name starts with a letter")
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    @Test(.enabled(if: hasForeign, "R's foreign package (r-cran-foreign) is not installed"))
    func rReadsTheSavAsTheCSVCellForCell() throws {
        let (status, output, error) = try runTool(rscript!, [comparison, "\(study)/matrix.csv", "\(study)/matrix.sav"])
        #expect(status == 0, "\(output)\(error)")
        let lines = output.split(separator: "\n")
        #expect(lines.first == "MATCH 7200 ")
        #expect(lines.contains("value labels country 2=UK; 1=KZ "))
        #expect(lines.contains("value labels bar_low_efficacy 1=mentioned; 0=not mentioned "))
        #expect(output.contains("; bar_low_efficacy=Low belief in own competence; "))
        // The comparison can fail: one cell changed in the CSV is found.
        let csv = try String(contentsOfFile: "\(study)/matrix.csv", encoding: .utf8)
        let changed = "\(study)/changed.csv"
        try Data(csv.replacingOccurrences(of: "P-001,KZ,", with: "P-001,UK,").utf8).write(to: URL(fileURLWithPath: changed))
        let different = try runTool(rscript!, [comparison, changed, "\(study)/matrix.sav"])
        #expect(different.status == 1)
        #expect(different.output == "DIFFERENT cells: 1 rows 120 120 \n")
    }
}
