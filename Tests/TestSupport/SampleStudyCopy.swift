import Foundation

/// A copy of the sample study (with the codebook and instruments it names) in a new folder of ``TestScratch``;
/// returns the study's folder.
public func sampleStudy(root: URL) throws -> String {
    let manager = FileManager.default
    let work = try TestScratch.folder("analyze-sample")
    let sample = work.appendingPathComponent("sample")
    try manager.copyItem(at: root.appendingPathComponent("data/sample"), to: sample)
    try manager.copyItem(at: root.appendingPathComponent("data/codebook.yml"), to: work.appendingPathComponent("codebook.yml"))
    try manager.copyItem(at: root.appendingPathComponent("data/instruments"), to: work.appendingPathComponent("instruments"))
    return sample.path
}

/// A copy of the sample study whose parent survey is `parentSurvey` (a `.sav` or `.dta`); returns its folder.
public func sampleStudy(root: URL, parentSurvey: URL) throws -> String {
    let manager = FileManager.default
    let sample = URL(fileURLWithPath: try sampleStudy(root: root))
    let name = parentSurvey.lastPathComponent
    try manager.copyItem(at: parentSurvey, to: sample.appendingPathComponent(name))
    try manager.removeItem(at: sample.appendingPathComponent("survey-parents.csv"))
    let manifestURL = sample.appendingPathComponent("study.yml")
    let manifest = try String(contentsOf: manifestURL, encoding: .utf8)
    try manifest.replacingOccurrences(of: "file: survey-parents.csv", with: "file: \(name)")
        .write(to: manifestURL, atomically: true, encoding: .utf8)
    return sample.path
}
