import FileSafety
import Foundation

/// A new report written into its private folder beside the report folder (``ReportFolder``) while it
/// is still being made, then put in place whole.
///
/// The files the report will surely have are made empty first (``reserve(_:)``: on this project's
/// disks a new file costs a pass over recently deleted inodes, done while the disclosure pass leaves a
/// core idle); each job's files are handed over as it ends (``add(_:)``, from any thread) and written by
/// a thread of the draft's own, one file at a time, each synced as soon as it is written
/// (``SyncedFiles``). ``finish(_:)`` waits for them, syncs the folders and exchanges them, as one
/// ``ReportBuilder/write(_:to:)`` did after the whole report was made: the disk's work overlaps the
/// making of the files that come later. Nothing is visible in the report folder before
/// ``finish(_:)``; a report that is not finished (its making failed, or the results file could not be
/// written first) is removed whole (``discard()``, or when the draft is released).
///
/// ```swift
/// let draft = try ReportDraft(directory)
/// draft.reserve(["summary.txt"])  // names known before the contents
/// draft.add(someFiles)            // on any thread, as they are made
/// try draft.finish(allFiles)      // every file of the report, in its order
/// ```
public final class ReportDraft: @unchecked Sendable {
    let folder: ReportFolder
    /// The files of the earlier report in the folder (its `provenance.json`), `nil` when there is none.
    private let ours: [String]?
    /// The private folder: `.NAME.building-PID` beside the report folder.
    private let building: String
    /// The thread that makes and writes the files, one at a time (two threads creating files in one
    /// folder wait for its lock in turn).
    private let writer = DiskWaits.Queue(threads: 1)
    // Guards everything below.
    private let lock = NSLock()
    private var written = SyncedFiles()
    private var folders: [String]
    /// The files written so far.
    private var paths: Set<String> = []
    /// The first failure of writing; nothing more is written after it, and ``finish(_:)`` throws it.
    private var failure: (any Error)?
    private var done = false

    /// Begins a report in `directory`: a new folder, an empty one, or one an earlier report of `analyze`
    /// wrote (its `provenance.json` lists what it wrote). Leftovers of killed builds are recovered first.
    /// - Throws: ``ReportError/notAReportFolder(_:)`` for a folder with other files and no report;
    ///   ``SystemFailure`` naming the report folder when the private folder cannot be made.
    public init(_ directory: String) throws {
        folder = ReportFolder(directory)
        folder.recoverLeftovers()
        ours = ProvenanceWriter.previousOutputs(in: folder.root)
        if ours == nil, let entries = try? FileManager.default.contentsOfDirectory(atPath: folder.root.path), !entries.isEmpty {
            throw ReportError.notAReportFolder(directory)
        }
        building = folder.sibling(".building")
        folders = [building]
        // Guarded: every file and folder in it is made inside `uninterrupted` after a check (init, the
        // writer's steps), so an interrupt removes it at once, even while the report is being made.
        TemporaryPaths.register(building, guarded: true)
        do {
            // Registered before checked, checked before made, and made whole before an interrupt removes
            // it: an interrupt either removes it or stops it.
            try TemporaryPaths.uninterrupted {
                try TemporaryPaths.checkInterrupted()
                do {
                    try ReportFolder.create(building)
                } catch var failure as SystemFailure {
                    // Name the folder the researcher gave, not the hidden one beside it.
                    failure.path = folder.root.path
                    throw failure
                }
            }
        } catch {
            done = true
            remove()
            throw error
        }
    }

    /// Removes the private folder of a report that was neither finished nor discarded (no file is being
    /// written then: every call handed to the writer holds the draft).
    deinit {
        guard !done else { return }
        written.close()
        remove()
    }

    /// Makes the files at `paths` (relative to the report folder) empty now, on the draft's thread, for
    /// ``add(_:)`` to write into; one the report does not write after all is removed before it is put in
    /// place.
    public func reserve(_ paths: [String]) {
        perform(paths) { [self] path in
            try written.reserve(try target(path))
        }
    }

    /// Hands `files` (paths relative to the report folder) over to be written into the private folder,
    /// each straight to its place, on the draft's thread; the disk starts on each at once. A failure (the
    /// disk full, an interrupt) is kept for ``finish(_:)`` to throw, and nothing more is written after it.
    public func add(_ files: [(path: String, contents: String)]) {
        perform(files) { [self] file in
            try written.write(file.contents, to: try target(file.path))
            paths.insert(file.path)
        }
    }

    /// Runs `step` for each of `items` on the draft's thread, under the lock, until one fails; a failure
    /// of the file system names the file in the report folder the researcher gave.
    private func perform<Item: Sendable>(_ items: [Item], _ step: @escaping (Item) throws -> Void) {
        nonisolated(unsafe) let step = step
        writer.add { [self] in
            lock.withLock {
                for item in items where failure == nil && !done {
                    do {
                        // The interrupt waits for a file being made, and none is started after it.
                        try TemporaryPaths.uninterrupted {
                            try TemporaryPaths.checkInterrupted()
                            try step(item)
                        }
                    } catch let error as SystemFailure where error.path.hasPrefix(building + "/") && error.action == "write" {
                        failure = SystemFailure(
                            path: folder.root.path + error.path.dropFirst(building.count), action: "write the report", code: error.code)
                    } catch {
                        failure = error
                    }
                }
            }
        }
    }

    /// The path of `path` in the private folder, its folders made; called under the lock.
    private func target(_ path: String) throws -> String {
        // Paths joined as strings: a `URL` per file looked at the disk (an `lstat`) twice.
        let target = building + "/" + path
        let directory = (target as NSString).deletingLastPathComponent
        if !folders.contains(directory) {
            try ReportFolder.create(directory)
            // The folder and those between it and the building folder: each holds a new entry.
            var parent = directory
            while parent.count > building.count, !folders.contains(parent) {
                folders.append(parent)
                parent = (parent as NSString).deletingLastPathComponent
            }
        }
        return target
    }

    /// Writes what of `files` (every file of the report) is not written yet, syncs every file and folder
    /// to disk together, and puts the report in place of the earlier one at once; the old report's own
    /// files are removed, the user's kept.
    /// - Returns: the paths of `files`.
    /// - Throws: the first failure of writing (``SystemFailure``, ``TemporaryPaths/Interrupted``);
    ///   ``ReportError/fileInTheWay(_:)`` where a file of the user's stands where the report writes one.
    ///   The private folder is removed and the report folder left as it was.
    public func finish(_ files: [(path: String, contents: String)]) throws -> [String] {
        writer.wait()
        let added = lock.withLock { paths }
        add(files.filter { !added.contains($0.path) })
        writer.wait()
        try lock.withLock {
            done = true
            defer { written.close() }
            do {
                if let failure { throw failure }
                do {
                    try written.sync(folders: folders)
                } catch let error as SystemFailure {
                    // Name the file in the report folder the researcher gave, not in the hidden one beside it.
                    let relative = error.path.hasPrefix(building + "/") ? String(error.path.dropFirst(building.count + 1)) : nil
                    throw SystemFailure(
                        path: relative.map { folder.root.appendingPathComponent($0).path } ?? folder.root.path, action: "write the report",
                        code: error.code)
                }
                // The user's files are linked into it outside `uninterrupted`, each after a check: from here
                // an interrupt waits for the next check, as for any writer.
                TemporaryPaths.register(building)
                try TemporaryPaths.checkInterrupted()
                try folder.putInPlace(building, ours: Set(ours ?? []), written: Set(files.map(\.path)))
            } catch {
                remove()
                throw error
            }
        }
        return files.map(\.path)
    }

    /// Removes the private folder: the report is not written, and the report folder stays as it was.
    public func discard() {
        writer.wait()
        lock.withLock {
            guard !done else { return }
            done = true
            written.close()
            remove()
        }
    }

    /// Until it is gone: an interrupt's removal of the same folder may run beside this one, and the
    /// process ends (`_exit`) as soon as an error reaches the command line.
    private func remove() {
        TemporaryPaths.remove(building)
        TemporaryPaths.forget(building)
    }
}
