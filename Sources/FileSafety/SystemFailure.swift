import Foundation

/// A failure of the system while writing or reading a file (the disk full, no permission, a read-only
/// folder), in plain words: what failed, which file, what to do.
public struct SystemFailure: Error, Equatable, CustomStringConvertible {
    /// The file or folder concerned.
    public var path: String
    /// What the tool was doing ("write", "create the folder").
    public var action: String
    /// The system's error number.
    public var code: Int32

    public init(path: String, action: String, code: Int32) {
        self.path = path
        self.action = action
        self.code = code
    }

    /// The failure of the last system call (`errno`).
    public static func last(path: String, action: String) -> SystemFailure {
        SystemFailure(path: path, action: action, code: errno)
    }

    /// A Foundation error in the same words, where it carries a system error; `nil` otherwise.
    public init?(_ error: any Error, path fallback: String, action: String) {
        let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError
        let path = ((error as NSError).userInfo[NSFilePathErrorKey] as? String) ?? fallback
        if let posix = error as? POSIXError {
            self.init(path: path, action: action, code: posix.code.rawValue)
        } else if let underlying, underlying.domain == NSPOSIXErrorDomain {
            self.init(path: path, action: action, code: Int32(underlying.code))
        } else if let cocoa = error as? CocoaError {
            let code: Int32? = switch cocoa.code {
            case .fileWriteOutOfSpace: ENOSPC
            case .fileWriteNoPermission, .fileReadNoPermission: EACCES
            case .fileWriteVolumeReadOnly: EROFS
            case .fileNoSuchFile, .fileReadNoSuchFile: ENOENT
            default: nil
            }
            guard let code else { return nil }
            self.init(path: path, action: action, code: code)
        } else {
            return nil
        }
    }

    public var description: String {
        let (what, advice): (String, String) = switch code {
        case ENOSPC: ("the disk is full", "free some space, then run the command again")
        case EDQUOT: ("the disk quota is used up", "free some space, then run the command again")
        case EACCES, EPERM: ("permission denied", "choose a folder you may write to, or ask for the permission")
        case EROFS: ("the file system is read-only", "choose a folder on a writable disk")
        case EIO: ("an input/output error (a failing disk or a lost connection)", "check the disk, then run the command again")
        case ENOENT: ("a folder on the way does not exist", "check the path")
        case EMFILE, ENFILE: ("too many open files", "close other programs, then run the command again")
        default: (String(cString: strerror(code)), "run the command again once this is fixed")
        }
        return (path.isEmpty ? "" : "\(path): ") + "cannot \(action): \(what); \(advice). Nothing was left half-written."
    }
}
