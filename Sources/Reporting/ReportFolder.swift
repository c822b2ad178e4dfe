import FileSafety
import Foundation

/// Puts a whole report in place at once, never a mix of an old and a new one, and never touching a file
/// the tool did not write.
///
/// The report is assembled in `.NAME.building-PID` beside the folder (``ReportDraft``); the user's own
/// files of an earlier report folder (those its `provenance.json` does not list) are hard-linked into it
/// at their places; then the two folders are exchanged in one atomic step (`renameat2(RENAME_EXCHANGE)`;
/// where the file system cannot, two renames through `.NAME.previous-PID`) and the old one is retired:
/// its own files (its `provenance.json`) and the links of the user's files are removed, and a file that
/// came into the folder while the report was being built is moved into the new one, never deleted. An
/// interrupted build removes its folder (``TemporaryPaths``); a leftover of a killed one is retired by
/// the next build, which first puts back an old report left aside.
struct ReportFolder {
    /// The report folder, symbolic links resolved (so that a link to it stays a link).
    let root: URL

    init(_ directory: String) {
        root = URL(fileURLWithPath: directory).resolvingSymlinksInPath()
    }

    private var parent: String { root.deletingLastPathComponent().path }
    private var hiddenName: String { "." + root.lastPathComponent }
    func sibling(_ marker: String) -> String {
        (parent as NSString).appendingPathComponent(hiddenName + marker + TemporaryPaths.processSuffix)
    }

    /// Puts `building` (the new report, written and synced: ``ReportDraft``) in place: exchanged with
    /// the report folder, the user's own files of the earlier one carried over first, or renamed into
    /// place where there is none.
    /// - Parameters:
    ///   - ours: the files of the earlier report in the folder (its `provenance.json`); every other file
    ///     there is the user's and is kept.
    ///   - written: the files of the new report.
    /// - Throws: ``ReportError/fileInTheWay(_:)`` where a file of the user's stands where the report
    ///   writes one; ``SystemFailure`` for the disk full, no permission and the like.
    func putInPlace(_ building: String, ours: Set<String>, written: Set<String>) throws {
        if FileManager.default.fileExists(atPath: root.path) {
            try carryUserFiles(into: building, ours: ours, written: written)
            // From the exchange on, the folder holds the old report: retired, never removed whole. An
            // interrupt waits until the new report is in place and the old one retired.
            try TemporaryPaths.uninterrupted {
                TemporaryPaths.forget(building)
                try exchange(building)
            }
        } else {
            try TemporaryPaths.uninterrupted {
                guard rename(building, root.path) == 0 else { throw SystemFailure.last(path: root.path, action: "put the report in place") }
                TemporaryPaths.forget(building)
            }
        }
    }

    static func create(_ directory: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw SystemFailure(error, path: directory, action: "create the folder") ?? error
        }
    }

    /// Hard-links every file of the folder that the earlier report did not write into `building`.
    private func carryUserFiles(into building: String, ours: Set<String>, written: Set<String>) throws {
        let rootPath = root.path
        for entry in FolderWalk.entries(under: rootPath) {
            try TemporaryPaths.checkInterrupted()
            let relative = entry.relative
            let source = rootPath + "/" + relative
            let target = building + "/" + relative
            if entry.isFolder {
                if entry.isEmptyFolder { try Self.create(target) }
                continue
            }
            if ours.contains(relative) { continue }
            if written.contains(relative) { throw ReportError.fileInTheWay(root.appendingPathComponent(relative).path) }
            try Self.create((target as NSString).deletingLastPathComponent)
            if link(source, target) != 0 {
                do {
                    try FileManager.default.copyItem(atPath: source, toPath: target)
                } catch {
                    throw SystemFailure(error, path: source, action: "keep the file in the new report") ?? error
                }
            }
        }
    }

    /// Exchanges `building` and the report folder, then removes the old report.
    private func exchange(_ building: String) throws {
        if Self.renameExchange(building, root.path) {
            retire(building)
            return
        }
        let previous = sibling(".previous")
        TemporaryPaths.register(previous)
        defer { TemporaryPaths.forget(previous) }
        guard rename(root.path, previous) == 0 else { throw SystemFailure.last(path: root.path, action: "put the report in place") }
        guard rename(building, root.path) == 0 else {
            let failure = SystemFailure.last(path: root.path, action: "put the report in place")
            rename(previous, root.path)
            throw failure
        }
        retire(previous)
    }

    /// Removes an old report folder beside the report: the files its `provenance.json` lists and the
    /// links of files the report folder holds too. Any other file (one the user put into the folder while
    /// the new report was being built) is moved into the report folder; one that cannot be is left, and
    /// so is the old folder. A folder without `provenance.json` is a build killed before its last file:
    /// only the build wrote into it, so all of it is the tool's.
    private func retire(_ old: String) {
        let manager = FileManager.default
        let listed = ProvenanceWriter.previousOutputs(in: URL(fileURLWithPath: old)).map(Set.init)
        let rootPath = root.path
        var directories: [String] = []
        var removed: [String] = []
        for entry in FolderWalk.entries(under: old) {
            let path = old + "/" + entry.relative
            if entry.isFolder {
                directories.append(path)
                continue
            }
            let kept = rootPath + "/" + entry.relative
            if listed?.contains(entry.relative) ?? true || Self.sameFile(path, kept) {
                removed.append(path)
            } else if !manager.fileExists(atPath: kept) {
                try? manager.createDirectory(atPath: (kept as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                rename(path, kept)
            }
        }
        // The tool's files unlinked several at once: one by one, each waited for the disk (2–3 ms on ext4).
        DiskWaits.unlink(removed)
        for directory in directories.reversed() + [old] { rmdir(directory) }  // only the empty ones go
    }

    /// Whether two paths are links of one file (same device and inode).
    private static func sameFile(_ first: String, _ second: String) -> Bool {
        var a = stat(), b = stat()
        guard lstat(first, &a) == 0, lstat(second, &b) == 0 else { return false }
        return a.st_dev == b.st_dev && a.st_ino == b.st_ino
    }

    /// Leftovers of killed builds: an old report left aside goes back if the folder is missing, the rest
    /// is removed.
    ///
    /// The folder's parent and hidden name are found once, not once per entry of the parent (a report
    /// written into a folder of many entries, `/tmp` say, spent most of its time on them).
    func recoverLeftovers() {
        let manager = FileManager.default
        let (parent, hiddenName) = (self.parent, self.hiddenName)
        for name in ((try? manager.contentsOfDirectory(atPath: parent)) ?? []).sorted() {
            let isPrevious = TemporaryPaths.isLeftover(name, base: hiddenName, marker: ".previous")
            guard isPrevious || TemporaryPaths.isLeftover(name, base: hiddenName, marker: ".building") else { continue }
            let path = (parent as NSString).appendingPathComponent(name)
            if isPrevious, !manager.fileExists(atPath: root.path), rename(path, root.path) == 0 { continue }
            retire(path)
        }
    }

    /// `renameat2(from, to, RENAME_EXCHANGE)`: Linux's atomic exchange of two paths, found at run time
    /// (glibc declares it only under `_GNU_SOURCE`); `false` where it is missing or the file system
    /// cannot.
    private static func renameExchange(_ from: String, _ to: String) -> Bool {
        typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
        guard let symbol = dlsym(dlopen(nil, RTLD_NOW), "renameat2") else { return false }
        let renameat2 = unsafeBitCast(symbol, to: RenameAt2.self)
        let renameExchangeFlag: UInt32 = 1 << 1
        return renameat2(AT_FDCWD, from, AT_FDCWD, to, renameExchangeFlag) == 0
    }
}
