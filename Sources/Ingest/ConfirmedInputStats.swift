import Foundation
import StudyModel

/// The stats of input files whose bytes were hashed after their ingest and found to be the bytes the
/// store holds: a file of the tool's own beside the store (`STORE.confirmed-inputs`), so that a copied
/// study folder is hashed by the first `analyze` after the copy and not by every one.
///
/// A copy gives every input a new inode and new times, so the stats the ingest recorded in the store
/// (``SourceFileStat``) no longer match and the staleness check hashes every input (about 0.3 s at a
/// million segment rows). The check notes each file it hashed and found current, with its stat taken
/// before the read, when that stat was settled before the read and the file's stat did not move during
/// it; the next check trusts that stat as it trusts the ingest's: a file with the same inode, size and
/// times has not been written since, and its bytes had the SHA-256 the store ingested. An entry counts
/// only while its SHA-256 is the store's for that path, so a later ingest of other bytes voids it.
///
/// The stats stay out of the store on purpose: writing the store would put SQLite on `analyze`'s path,
/// where a failed write (a full disk) leaves a hot journal. This file is only a shortcut: one that is
/// missing, damaged or not written loses nothing but the time of a hash.
///
/// Its text: a header line, then one line per file: SHA-256, device, inode, size, modification and
/// status-change times (nanoseconds), and the manifest path, separated by tabs.
public struct ConfirmedInputStats: Equatable, Sendable {
    /// A file's stat when its bytes had `sha256`.
    public struct Entry: Equatable, Sendable {
        public var sha256: String
        public var stat: SourceFileStat

        public init(sha256: String, stat: SourceFileStat) {
            self.sha256 = sha256
            self.stat = stat
        }
    }

    /// The entries by manifest path.
    public var entries: [String: Entry]

    /// The first line of the file: what it is, and the version of its layout.
    public static let header = "analyze confirmed input stats 1"

    /// The file's path for the store at `storePath`.
    public static func path(besideStore storePath: String) -> String { storePath + ".confirmed-inputs" }

    public init(entries: [String: Entry] = [:]) {
        self.entries = entries
    }

    /// The entries of `text`, or `nil` when it is not this file's text (another file of that name,
    /// or a damaged one: a line that does not read whole).
    public init?(text: String) {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.first == Substring(Self.header), lines.last == "" else { return nil }
        lines.removeFirst()
        lines.removeLast()
        var entries: [String: Entry] = [:]
        for line in lines {
            let fields = line.split(separator: "\t", maxSplits: 6, omittingEmptySubsequences: false)
            guard fields.count == 7, fields[0].count == 64, !fields[6].isEmpty,
                let device = Int64(fields[1]), let inode = Int64(fields[2]), let byteCount = Int64(fields[3]),
                let modified = Int64(fields[4]), let changed = Int64(fields[5])
            else { return nil }
            entries[String(fields[6])] = Entry(
                sha256: String(fields[0]),
                stat: SourceFileStat(device: device, inode: inode, byteCount: byteCount, modified: modified, changed: changed))
        }
        self.entries = entries
    }

    /// The file's text: the header, then the entries in path order (a path holding a tab or a line break
    /// is left out: it would not read back).
    public var text: String {
        var text = Self.header + "\n"
        for (path, entry) in entries.sorted(by: { $0.key < $1.key }) where !path.contains(where: { $0 == "\t" || $0.isNewline }) {
            let stat = entry.stat
            text += "\(entry.sha256)\t\(stat.device)\t\(stat.inode)\t\(stat.byteCount)\t\(stat.modified)\t\(stat.changed)\t\(path)\n"
        }
        return text
    }

    /// Whether the file at manifest path `path`, whose stat is now `stat`, was found with the bytes of
    /// SHA-256 `sha256` and not written since.
    public func confirms(_ path: String, sha256: String, stat: SourceFileStat?) -> Bool {
        guard let entry = entries[path], let stat else { return false }
        return entry.sha256 == sha256 && entry.stat == stat
    }
}
