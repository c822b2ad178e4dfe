import Foundation

/// The text ``SortedJSONEncoder`` writes, written as the value is encoded: one growing byte buffer, with
/// no tree in between (see ``SortedJSONEncoder`` for the format).
///
/// Each value being encoded through an ``JSONStreamEncoder`` is a ``Frame`` on a stack; a container's
/// members are written where they come, each noted as its key and the range of its text, and when the
/// container is done (the value's `encode(to:)` returned) its members are put in the order of their
/// keys in place, a repeated key's last value kept. A nested container or a `superEncoder()`, which may
/// still be written to after its parent moved on, writes into a writer of its own, whose text is put in
/// its place when the parent is done.
///
/// Its text and keys are ``JSONByteBuffer``s (no checks of an `Array` on every byte appended); its
/// other arrays go unchecked for exclusive access at run time (`@exclusivity(unchecked)`): only its own
/// methods touch them, and none calls out to other code while it holds an access to one.
final class JSONStreamWriter {
    /// The text so far.
    let bytes: JSONByteBuffer
    /// The values being encoded, the innermost last.
    @exclusivity(unchecked) private var frames: [Frame] = []
    /// The members of the open containers, each container's after its parent's.
    @exclusivity(unchecked) private var members: [Member] = []
    /// The members' keys' UTF-8 bytes (unescaped: keys are ordered by them).
    private let keys = JSONByteBuffer(capacity: 256)
    /// The writers of nested containers and super encoders of the open containers.
    @exclusivity(unchecked) private var children: [JSONStreamWriter] = []
    /// Room for a container's members while they are put in order (``rewrite(_:keyed:top:)``), kept
    /// between containers.
    private let scratch = JSONByteBuffer(capacity: 256)
    @exclusivity(unchecked) private var order: [Int] = []
    /// The coding path above the first frame (a child writer's place in its parent).
    private let basePath: [any CodingKey]
    /// The key whose value's final place in the top-level object is wanted (``splice``).
    var spliceKey: [UInt8]?
    /// Where the value of `spliceKey` was written in the top-level object, once it is done.
    private(set) var splice: Range<Int>?

    /// A value being encoded.
    struct Frame {
        enum Kind { case nothing, single, keyed, unkeyed }
        /// Its key in its parent (`nil` at the top, or for a value encoded through a single-value container).
        var key: (any CodingKey)?
        /// Its nesting level: the indentation of its closing line, in steps of two spaces.
        var level: Int
        var kind = Kind.nothing
        /// A container's first member in `members`, first key byte in `keys`, first child in `children`.
        var firstMember = 0, firstKey = 0, firstChild = 0
        /// A container's members so far.
        var count = 0
        /// Whether a keyed container's keys came in increasing order, each once (nothing to sort).
        var ordered = true
        /// Whether a member is written by a child writer.
        var deferred = false
    }

    /// A member of a container: its text (indentation, key, value) in `bytes`, its key in `keys`.
    struct Member {
        var key: Range<Int>
        var text: Range<Int>
        /// Where its value starts in `bytes`.
        var value: Int
        /// The child writer that writes its value after `text` (-1: none).
        var child: Int
    }

    /// A writer of a value at nesting level `level`, with room for `capacity` bytes of text to start with.
    init(level: Int, basePath: [any CodingKey] = [], capacity: Int = 1 << 10) {
        self.basePath = basePath
        bytes = JSONByteBuffer(capacity: capacity)
        frames.reserveCapacity(16)
    }

    // MARK: Frames

    /// Starts a value at `level` (its encoder's frame): the frame's index.
    func push(key: (any CodingKey)?, level: Int) -> Int {
        frames.append(Frame(key: key, level: level))
        return frames.count - 1
    }

    /// Ends the value of the last frame, `frame`: closes its container, or writes an empty object when
    /// nothing was encoded through it.
    func pop(_ frame: Int) {
        switch frames[frame].kind {
        case .nothing:
            writeEmptyObject(level: frames[frame].level)
        case .single:
            break
        case .keyed, .unkeyed:
            close(frame)
        }
        frames.removeLast()
    }

    /// The text of a child writer, its only value ended (valid while the writer is alive and written
    /// to no more).
    func finished() -> UnsafeBufferPointer<UInt8> {
        pop(0)
        return bytes.text
    }

    /// The coding path of the value of `frame`.
    func codingPath(_ frame: Int) -> [any CodingKey] {
        basePath + frames[...frame].compactMap(\.key)
    }

    /// The level of the value of `frame`.
    func level(_ frame: Int) -> Int { frames[frame].level }

    /// Notes that a single value was written for `frame`.
    func markSingle(_ frame: Int) { frames[frame].kind = .single }

    /// Opens a keyed or unkeyed container for `frame` (the same one again when it is open).
    func open(_ frame: Int, keyed: Bool) {
        guard frames[frame].kind != (keyed ? .keyed : .unkeyed) else { return }
        frames[frame].kind = keyed ? .keyed : .unkeyed
        frames[frame].firstMember = members.count
        frames[frame].firstKey = keys.count
        frames[frame].firstChild = children.count
        bytes.append(keyed ? UInt8(ascii: "{") : UInt8(ascii: "["), UInt8(ascii: "\n"))
    }

    /// The number of members of the container of `frame` so far.
    func count(_ frame: Int) -> Int { frames[frame].count }

    // MARK: Members

    /// Starts a member of the container of `frame`: the separator, indentation and key (for an object).
    /// Its value is written next; ``endMember(_:)`` ends it.
    func beginMember(_ frame: Int, key: String?) {
        if frames[frame].count > 0 {
            bytes.append(UInt8(ascii: ","), UInt8(ascii: "\n"))
        }
        frames[frame].count += 1
        let start = bytes.count
        writeIndent(frames[frame].level + 1)
        var keyRange = keys.count..<keys.count
        if var key {
            key.withUTF8 { utf8 in
                keys.append(utf8)
                writeString(utf8)
            }
            keyRange = keyRange.lowerBound..<keys.count
            appendASCII(" : ")
            if frames[frame].ordered, members.count > frames[frame].firstMember, !precedes(members[members.count - 1].key, keyRange) {
                frames[frame].ordered = false
            }
        }
        members.append(Member(key: keyRange, text: start..<start, value: bytes.count, child: -1))
    }

    /// Ends the member begun last: its text ends here.
    func endMember() {
        members[members.count - 1].text = members[members.count - 1].text.lowerBound..<bytes.count
    }

    /// Makes the member begun last one whose value `child` writes; ends it.
    func deferMember(_ frame: Int, to child: JSONStreamWriter) {
        frames[frame].deferred = true
        members[members.count - 1].child = children.count
        children.append(child)
        endMember()
    }

    /// Whether the key at `x` in `keys` comes before the one at `y` (their UTF-8 bytes; a prefix first).
    private func precedes(_ x: Range<Int>, _ y: Range<Int>) -> Bool { compare(x, y) < 0 }

    /// The order of the keys at `x` and `y` in `keys`: negative, zero (equal) or positive.
    private func compare(_ x: Range<Int>, _ y: Range<Int>) -> Int {
        let common = min(x.count, y.count)
        let order = common == 0 ? 0 : memcmp(keys.start + x.lowerBound, keys.start + y.lowerBound, common)
        return order != 0 ? Int(order) : x.count - y.count
    }

    /// Closes the container of `frame`: its members in order, its closing line.
    private func close(_ frame: Int) {
        let state = frames[frame]
        let keyed = state.kind == .keyed
        if !state.ordered || state.deferred {
            rewrite(state, keyed: keyed, top: state.level == 0)
        } else if state.level == 0, keyed, let spliceKey {
            for member in members[state.firstMember...] where keys.equals(member.key, spliceKey) {
                splice = member.value..<member.text.upperBound
            }
        }
        bytes.append(UInt8(ascii: "\n"))
        writeIndent(state.level)
        bytes.append(keyed ? UInt8(ascii: "}") : UInt8(ascii: "]"))
        members.removeLast(members.count - state.firstMember)
        keys.truncate(to: state.firstKey)
        children.removeLast(children.count - state.firstChild)
    }

    /// Writes the members of a container again, sorted by key (an object's; a repeated key's last value
    /// kept) and with their children's text.
    private func rewrite(_ state: Frame, keyed: Bool, top: Bool) {
        order.removeAll(keepingCapacity: true)
        order.append(contentsOf: state.firstMember..<members.count)
        if keyed {
            order.sort { a, b in
                let byKey = compare(members[a].key, members[b].key)
                return byKey != 0 ? byKey < 0 : a < b
            }
            // Of equal keys (adjacent now, in the order encoded), the last.
            var kept = 0
            for position in order.indices
            where position + 1 == order.count || compare(members[order[position]].key, members[order[position + 1]].key) != 0 {
                order[kept] = order[position]
                kept += 1
            }
            order.removeLast(order.count - kept)
        }
        let start = members[state.firstMember].text.lowerBound
        bytes.move(from: start, to: scratch)
        for position in order.indices {
            if position > 0 {
                bytes.append(UInt8(ascii: ","), UInt8(ascii: "\n"))
            }
            let member = members[order[position]]
            let valueStart = bytes.count + (member.value - member.text.lowerBound)
            bytes.append(UnsafeBufferPointer(start: scratch.start + (member.text.lowerBound - start), count: member.text.count))
            if member.child >= 0 { bytes.append(children[member.child].finished()) }
            if top, keyed, let spliceKey, keys.equals(member.key, spliceKey) {
                splice = valueStart..<bytes.count
            }
        }
    }
}
