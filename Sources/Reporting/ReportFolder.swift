import Analysis
import FileSafety
import Foundation

/// Puts a whole report in place at once, never a mix of an old and a new one, and never touching a file
/// the tool did not write.
///
/// The report is assembled in `.NAME.building-PID` beside the folder; the user's own files of an earlier
/// report folder (those its `provenance.json` does not list) are hard-linked into it at their places;
/// then the two folders are exchanged in one atomic step (`renameat2(RENAME_EXCHANGE)`; where the file
/// system cannot, two renames through `.NAME.previous-PID`) and the old one is retired: its own files
/// (its `provenance.json`) and the links of the user's files are removed, and a file that came into the
/// folder while the report was being built is moved into the new one, never deleted. An interrupted
/// build removes its folder (``TemporaryPaths``); a leftover of a killed one is retired by the next
/// build, which first puts back an old report left aside.
struct ReportFolder {
    /// The report folder, symbolic links resolved (so that a link to it stays a link).
    let root: URL

    init(_ directory: String) {
        root = URL(fileURLWithPath: directory).resolvingSymlinksInPath()
    }

    private var parent: String { root.deletingLastPathComponent().path }
    private var hiddenName: String { "." + root.lastPathComponent }
    private func sibling(_ marker: String) -> String {
        (parent as NSString).appendingPathComponent(hiddenName + marker + TemporaryPaths.processSuffix)
    }

    /// Writes `files` as the report folder's contents; call ``recoverLeftovers()`` first, before reading
    /// which files are ours.
    /// - Parameter ours: the files of the earlier report in the folder (its `provenance.json`), `nil`
    ///   when there is none; every other file there is the user's and is kept.
    /// - Throws: ``ReportError/fileInTheWay(_:)`` where a file of the user's stands where the report
    ///   writes one; ``SystemFailure`` for the disk full, no permission and the like.
    func replace(with files: [(path: String, contents: String)], ours: [String]?) throws {
        let manager = FileManager.default
        let building = sibling(".building")
        TemporaryPaths.register(building)
        defer { TemporaryPaths.forget(building) }
        do {
            // Registered before checked, checked before made: an interrupt either removes it or stops it.
            try TemporaryPaths.checkInterrupted()
            do {
                try create(building)
            } catch var failure as SystemFailure {
                // Name the folder the researcher gave, not the hidden one beside it.
                failure.path = root.path
                throw failure
            }
            try write(files, into: building)
            try TemporaryPaths.checkInterrupted()
            if manager.fileExists(atPath: root.path) {
                try carryUserFiles(into: building, ours: Set(ours ?? []), written: Set(files.map(\.path)))
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
        } catch {
            // Until it is gone: an interrupt's removal of the same folder may run beside this one, and the
            // process ends (`_exit`) as soon as this error reaches the command line.
            TemporaryPaths.remove(building)
            throw error
        }
    }

    /// Writes the files into the folder being built (their folders first, in order), each made durable
    /// (``DurableFile``) before the folder is put in place: on all cores, as a file's `fsync` waits for
    /// the disk. A failure is the first failing file's, in the files' order.
    private func write(_ files: [(path: String, contents: String)], into building: String) throws {
        var folders: Set<String> = []
        for (path, _) in files {
            let folder = (path as NSString).deletingLastPathComponent
            if !folder.isEmpty, folders.insert(folder).inserted { try create((building as NSString).appendingPathComponent(folder)) }
        }
        let root = root
        let failures = ConcurrentMap.map(files.indices) { index -> (any Error)? in
            let path = files[index].path
            do {
                try TemporaryPaths.checkInterrupted()
                try DurableFile.write(files[index].contents, to: (building as NSString).appendingPathComponent(path))
                return nil
            } catch var failure as SystemFailure {
                // Name the file in the report folder, not in the hidden one beside it.
                failure.path = root.appendingPathComponent(path).path
                failure.action = "write the report"
                return failure
            } catch {
                return error
            }
        }
        if let failure = failures.lazy.compactMap({ $0 }).first { throw failure }
    }

    private func create(_ directory: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw SystemFailure(error, path: directory, action: "create the folder") ?? error
        }
    }

    /// Hard-links every file of the folder that the earlier report did not write into `building`.
    private func carryUserFiles(into building: String, ours: Set<String>, written: Set<String>) throws {
        let manager = FileManager.default
        guard let walker = manager.enumerator(atPath: root.path) else { return }
        while let relative = walker.nextObject() as? String {
            try TemporaryPaths.checkInterrupted()
            let source = root.appendingPathComponent(relative).path
            let target = (building as NSString).appendingPathComponent(relative)
            let type = walker.fileAttributes?[.type] as? FileAttributeType
            if type == .typeDirectory {
                if (try? manager.contentsOfDirectory(atPath: source))?.isEmpty == true { try create(target) }
                continue
            }
            if ours.contains(relative) { continue }
            if written.contains(relative) { throw ReportError.fileInTheWay(root.appendingPathComponent(relative).path) }
            try create((target as NSString).deletingLastPathComponent)
            if link(source, target) != 0 {
                do {
                    try manager.copyItem(atPath: source, toPath: target)
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
        var directories: [String] = []
        if let walker = manager.enumerator(atPath: old) {
            while let relative = walker.nextObject() as? String {
                let path = (old as NSString).appendingPathComponent(relative)
                if walker.fileAttributes?[.type] as? FileAttributeType == .typeDirectory {
                    directories.append(path)
                    continue
                }
                let kept = root.appendingPathComponent(relative).path
                if listed?.contains(relative) ?? true || Self.sameFile(path, kept) {
                    unlink(path)
                } else if !manager.fileExists(atPath: kept) {
                    try? manager.createDirectory(atPath: (kept as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                    rename(path, kept)
                }
            }
        }
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
    func recoverLeftovers() {
        let manager = FileManager.default
        for name in ((try? manager.contentsOfDirectory(atPath: parent)) ?? []).sorted() {
            let path = (parent as NSString).appendingPathComponent(name)
            if TemporaryPaths.isLeftover(name, base: hiddenName, marker: ".previous") {
                if !manager.fileExists(atPath: root.path), rename(path, root.path) == 0 { continue }
                retire(path)
            } else if TemporaryPaths.isLeftover(name, base: hiddenName, marker: ".building") {
                retire(path)
            }
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
