import Foundation

/// What the file system says of an input file: its device, inode, size, and the times of its last
/// content modification and last status change (nanoseconds since 1970). Recorded at ingest beside the
/// file's SHA-256, it lets the staleness check skip hashing a file whose stat is unchanged.
///
/// A write to a file always sets its status-change time to the current time, and no program can set it
/// back (unlike the modification time, which `touch` can), so a file with the same inode, size and both
/// times has not been written since. A stat is recorded only for a file settled before the ingest began
/// (``isSettled(before:)``): the kernel's timestamps are coarse, and a write in the same tick as the
/// file's last change could otherwise leave both times as they were (git's "racy clean" problem).
public struct SourceFileStat: Sendable, Equatable {
    public var device: Int64
    public var inode: Int64
    public var byteCount: Int64
    public var modified: Int64
    public var changed: Int64

    public init(device: Int64, inode: Int64, byteCount: Int64, modified: Int64, changed: Int64) {
        self.device = device
        self.inode = inode
        self.byteCount = byteCount
        self.modified = modified
        self.changed = changed
    }

    /// The stat of the file at `path` (symbolic links followed), or `nil` when there is none.
    public init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        self.init(
            device: Int64(bitPattern: UInt64(info.st_dev)), inode: Int64(bitPattern: UInt64(info.st_ino)),
            byteCount: Int64(info.st_size), modified: Self.nanoseconds(info.st_mtim), changed: Self.nanoseconds(info.st_ctim))
    }

    /// Whether `path` is a regular file (symbolic links followed).
    public static func isRegularFile(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFREG
    }

    /// How long before an ingest began a file must have been modified and changed last for its stat to be
    /// recorded (2 s: far beyond the kernel's timestamp granularity).
    public static let settlingTime: Int64 = 2_000_000_000

    /// Whether the file was last modified and changed at least ``settlingTime`` before `instant`
    /// (nanoseconds since 1970).
    public func isSettled(before instant: Int64) -> Bool {
        max(modified, changed) <= instant - Self.settlingTime
    }

    /// The current time, in nanoseconds since 1970, by the clock file timestamps are taken from.
    public static func now() -> Int64 {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return nanoseconds(time)
    }

    private static func nanoseconds(_ time: timespec) -> Int64 {
        Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
    }
}
