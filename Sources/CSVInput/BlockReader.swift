import Foundation
import Glibc

/// Reads a file's blocks for the parse and does, a whole block at a time, what needs no parse: the
/// `read` calls, the block observer (the ingest's SHA-256), the conversion of a UTF-16 or Windows-1251
/// file to UTF-8, the byte-order mark, the UTF-8 check of every byte, and whether the block holds a NUL
/// byte or a carriage return at all. So ``RecordParser`` checks lines itself only in a block that
/// breaks UTF-8, and searches lines for NUL bytes and carriage returns only in blocks that hold them.
///
/// The blocks are read on the parse's own thread, when it asks for them: read on a thread of their
/// own, they made the parse slower in wall time on two cores (every byte then crossed from one core's
/// cache to the other's; docs/benchmark.md, "CSV reader").
///
/// The blocks arrive in file order in one buffer, valid until the next block is asked for. The last
/// block of a file is empty and says how the file ended (``Block/ending``).
final class BlockReader {
    /// A block of the file's text, as UTF-8, with what the reading thread found out about it.
    struct Block {
        /// How the file ended, on its last (empty) block.
        enum End {
            case endOfFile
            /// `read` failed: the parse reports it at the line it has reached.
            case unreadable(String)
            /// A byte-order mark that is refused (a UTF-16 one in a UTF-8 file, one that contradicts the
            /// declared encoding): reported at line 1.
            case refusedMark(CSVError.Reason)
        }

        /// The reader's buffer; the block's text is `buffer[start..<end]`.
        let buffer: UnsafeMutableRawBufferPointer
        /// After a UTF-8 byte-order mark, 3 on the first block; else 0.
        var start = 0
        var end = 0
        /// The UTF-8 check of the file's text before this block, and after it.
        var utf8AtStart = UTF8StreamCheck()
        var utf8AtEnd = UTF8StreamCheck()
        /// Whether the block's text holds a NUL byte, a carriage return.
        var hasNUL = false
        var hasCarriageReturn = false
        var ending: End?
    }

    private let descriptor: Int32
    private let blockSize: Int
    private let blockObserver: ((UnsafeRawBufferPointer) -> Void)?
    private var transcoder: CSVTranscoder?
    private var rawBlock: UnsafeMutableRawBufferPointer?
    private var decoded: [UInt8] = []
    private var isFirstBlock = true
    private var utf8 = UTF8StreamCheck()
    private let buffer: UnsafeMutableRawBufferPointer

    /// Opens the file.
    /// - Throws: ``CSVError`` with reason `unreadable` when the file cannot be opened.
    init(
        path: String, encoding: CSVEncoding, blockSize: Int, blockObserver: ((UnsafeRawBufferPointer) -> Void)?
    ) throws(CSVError) {
        self.blockSize = blockSize
        self.blockObserver = blockObserver
        descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw CSVError(file: path, line: 0, reason: .unreadable(String(cString: strerror(errno))))
        }
        if encoding != .utf8 {
            transcoder = CSVTranscoder(encoding: encoding)
            rawBlock = .allocate(byteCount: blockSize, alignment: 1)
        }
        // A converted block grows at most threefold (a Windows-1251 byte or a UTF-16 unit: up to 3 bytes).
        buffer = .allocate(byteCount: encoding == .utf8 ? blockSize : 3 * blockSize + 8, alignment: 16)
    }

    deinit {
        buffer.deallocate()
        rawBlock?.deallocate()
        if descriptor >= 0 { close(descriptor) }
    }

    /// Reads and checks the next block; the block before it is no longer valid. After the last block
    /// (the one with an ``Block/ending``) there is none: do not ask again.
    func next() -> Block {
        fill(buffer)
    }

    /// Reads the next block into `buffer` and checks it.
    private func fill(_ buffer: UnsafeMutableRawBufferPointer) -> Block {
        var block = Block(buffer: buffer)
        if transcoder != nil {
            readConverting(into: &block)
        } else {
            readUTF8(into: &block)
        }
        guard block.ending == nil else { return block }
        let text = UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(buffer)[block.start..<block.end])
        block.utf8AtStart = utf8
        (block.hasNUL, block.hasCarriageReturn) = utf8.checkBlock(text)
        block.utf8AtEnd = utf8
        return block
    }

    private func readUTF8(into block: inout Block) {
        let count = read(descriptor, block.buffer.baseAddress, blockSize)
        guard count >= 0 else {
            block.ending = .unreadable(String(cString: strerror(errno)))
            return
        }
        if count == 0 {
            block.ending = .endOfFile
            return
        }
        block.end = count
        blockObserver?(UnsafeRawBufferPointer(start: block.buffer.baseAddress, count: count))
        if isFirstBlock {
            isFirstBlock = false
            let bytes = block.buffer.prefix(3)
            if bytes.count >= 2, (bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF) {
                block.ending = .refusedMark(.utf16)
                block.end = 0
                return
            }
            if bytes.count == 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
                block.start = 3
            }
        }
    }

    /// Reads a block of a UTF-16 or Windows-1251 file and converts it to UTF-8 into the block's buffer.
    /// The first block's byte-order mark is skipped (UTF-16: it sets the byte order); one that
    /// contradicts the declared encoding is refused.
    private func readConverting(into block: inout Block) {
        let raw = rawBlock!
        let count = read(descriptor, raw.baseAddress, raw.count)
        guard count >= 0 else {
            block.ending = .unreadable(String(cString: strerror(errno)))
            return
        }
        decoded.removeAll(keepingCapacity: true)
        if count == 0 {
            transcoder!.finish(into: &decoded)
            if decoded.isEmpty {
                block.ending = .endOfFile
                return
            }
        } else {
            blockObserver?(UnsafeRawBufferPointer(start: raw.baseAddress, count: count))
            var skip = 0
            if isFirstBlock {
                isFirstBlock = false
                let bytes = Array(raw.prefix(min(count, 3)))
                let utf8Mark = bytes.count == 3 && bytes == [0xEF, 0xBB, 0xBF]
                let littleMark = bytes.count >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE
                let bigMark = bytes.count >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF
                let declared = transcoder!.encoding
                if utf8Mark {
                    block.ending = .refusedMark(.byteOrderMark(found: "UTF-8", declared: declared.rawValue))
                    return
                }
                if declared == .windows1251, littleMark || bigMark {
                    block.ending = .refusedMark(.byteOrderMark(found: "UTF-16", declared: declared.rawValue))
                    return
                }
                if littleMark || bigMark {
                    transcoder!.bigEndian = bigMark
                    skip = 2
                }
            }
            transcoder!.transcode(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(raw)[skip..<count]), into: &decoded)
        }
        decoded.withUnsafeBytes { block.buffer.copyMemory(from: $0) }
        block.end = decoded.count
    }
}
