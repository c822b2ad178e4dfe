import Foundation

/// The first of `paths` that is an executable file, or `nil` when none is installed.
public func installedTool(_ paths: [String]) -> String? {
    paths.first { FileManager.default.isExecutableFile(atPath: $0) }
}

/// `xmllint` (Debian `libxml2-utils`), when installed.
public let xmllint = installedTool(["/usr/bin/xmllint", "/usr/local/bin/xmllint", "/opt/homebrew/bin/xmllint"])
/// `python3`, when installed.
public let python3 = installedTool(["/usr/bin/python3", "/usr/local/bin/python3", "/opt/homebrew/bin/python3"])

/// Runs `tool` with `arguments` to its end; returns its exit status, standard output and standard error.
public func runTool(_ tool: String, _ arguments: [String]) throws -> (status: Int32, output: String, error: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: tool)
    process.arguments = arguments
    let output = Pipe()
    let error = Pipe()
    process.standardOutput = output
    process.standardError = error
    try process.run()
    // Standard error is read on another thread, so that neither pipe fills while the other is read.
    final class Collected: @unchecked Sendable { var data = Data() }
    let errorText = Collected()
    let group = DispatchGroup()
    DispatchQueue.global().async(group: group) { errorText.data = error.fileHandleForReading.readDataToEndOfFile() }
    let outputData = output.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: outputData, as: UTF8.self), String(decoding: errorText.data, as: UTF8.self))
}
