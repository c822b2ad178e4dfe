import FileSafety
import Foundation
import Ingest

/// The file of ``ConfirmedInputStats`` beside the store: read when it is the tool's own, written only over
/// the tool's own (never over another file of that name), and never the cause of a failed command.
enum ConfirmedInputsFile {
    /// The confirmed stats beside the store at `storePath`; none when the file is missing, damaged or not
    /// the tool's.
    static func read(besideStore storePath: String) -> ConfirmedInputStats {
        guard let data = FileManager.default.contents(atPath: ConfirmedInputStats.path(besideStore: storePath)) else {
            return ConfirmedInputStats()
        }
        return ConfirmedInputStats(text: String(decoding: data, as: UTF8.self)) ?? ConfirmedInputStats()
    }

    /// Writes `stats` beside the store at `storePath` (``AtomicFile``), unless a file of that name that is
    /// not the tool's is there. A failed write is dropped: the next check hashes the files again.
    static func keep(_ stats: ConfirmedInputStats, besideStore storePath: String) {
        let path = ConfirmedInputStats.path(besideStore: storePath)
        if let existing = FileManager.default.contents(atPath: path),
            !existing.starts(with: Data((ConfirmedInputStats.header + "\n").utf8))
        {
            return
        }
        try? AtomicFile.write(Data(stats.text.utf8), to: path)
    }
}
