import Foundation

/// Everything under a folder, read with `readdir` and the entries' types from it (`lstat` only where the
/// file system does not give one), for a report folder's user files and an old report's removal.
///
/// It lists what `FileManager`'s enumerator lists, in the same order (each folder before its contents,
/// a folder's entries in `readdir`'s order, links not followed, a folder that cannot be read left
/// unlisted inside), without its cost per entry: a `URL`, an `lstat`, a `listxattr`, and the owner's
/// and group's names read from `/etc/passwd` and `/etc/group` for every entry.
///
/// ```swift
/// for entry in FolderWalk.entries(under: folder) where !entry.isFolder { print(entry.relative) }
/// ```
public enum FolderWalk {
    /// One entry under the folder walked.
    public struct Entry: Equatable, Sendable {
        /// Its path relative to the folder walked (`tables/a.csv`).
        public var relative: String
        /// Whether it is a folder (a link to one is not).
        public var isFolder: Bool
        /// Whether it is a folder that was read and held nothing.
        public var isEmptyFolder: Bool

        public init(relative: String, isFolder: Bool, isEmptyFolder: Bool) {
            (self.relative, self.isFolder, self.isEmptyFolder) = (relative, isFolder, isEmptyFolder)
        }
    }

    /// Every entry under `folder`, each folder before its contents; none when `folder` cannot be read.
    public static func entries(under folder: String) -> [Entry] {
        var entries: [Entry] = []
        _ = walk(folder, prefix: "", into: &entries)
        return entries
    }

    /// Appends the entries of `path` (their relative paths starting with `prefix`) and of the folders
    /// among them; `nil` when `path` cannot be read, else whether it held anything.
    private static func walk(_ path: String, prefix: String, into entries: inout [Entry]) -> Bool? {
        guard let directory = opendir(path) else { return nil }
        var found: [(name: String, isFolder: Bool)] = []
        while let entry = readdir(directory) {
            let name = withUnsafePointer(to: &entry.pointee.d_name) {
                String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self))
            }
            if name == "." || name == ".." { continue }
            let type = entry.pointee.d_type
            var isFolder = type == UInt8(DT_DIR)
            if type == UInt8(DT_UNKNOWN) {
                var status = stat()
                isFolder = lstat(path + "/" + name, &status) == 0 && status.st_mode & S_IFMT == S_IFDIR
            }
            found.append((name, isFolder))
        }
        closedir(directory)
        for (name, isFolder) in found {
            let relative = prefix + name
            entries.append(Entry(relative: relative, isFolder: isFolder, isEmptyFolder: false))
            guard isFolder else { continue }
            let index = entries.count - 1
            let heldAnything = walk(path + "/" + name, prefix: relative + "/", into: &entries)
            entries[index].isEmptyFolder = heldAnything == false
        }
        return !found.isEmpty
    }
}
