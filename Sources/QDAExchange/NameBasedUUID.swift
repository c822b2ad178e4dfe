import Crypto
import Foundation

/// Name-based UUIDs (RFC 9562 version 5): the same name always gives the same UUID, so a file that
/// carries them is byte-identical when it is written again.
///
/// `uuid5(namespace, name)` = the first 16 bytes of SHA-1(namespace bytes ‖ UTF-8 name), with the
/// version nibble set to 5 and the variant bits to `10` (RFC 9562 §5.5). Python's
/// `uuid.uuid5(uuid.NAMESPACE_URL, name)` gives the same value.
public enum NameBasedUUID {
    /// The RFC 9562 URL namespace, `6ba7b811-9dad-11d1-80b4-00c04fd430c8`.
    public static let urlNamespace: [UInt8] = [
        0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8,
    ]

    /// The version-5 UUID of `name` in the URL namespace, lowercase `8-4-4-4-12` hexadecimal.
    public static func make(name: String) -> String {
        var hasher = Insecure.SHA1()
        hasher.update(data: urlNamespace)
        hasher.update(data: Array(name.utf8))
        var bytes = Array(hasher.finalize().prefix(16))
        bytes[6] = (bytes[6] & 0x0f) | 0x50
        bytes[8] = (bytes[8] & 0x3f) | 0x80
        let hex = bytes.map { String(format: "%02x", $0) }.joined()
        let parts = [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { range in
            String(hex[hex.index(hex.startIndex, offsetBy: range.lowerBound)..<hex.index(hex.startIndex, offsetBy: range.upperBound)])
        }
        return parts.joined(separator: "-")
    }
}
