/// Participants of `participants.csv` with their attributes, gathered to be stored together by
/// ``StoreTransaction/insert(_:)-(ParticipantBatch)``: their fields' bytes copied once, into one buffer,
/// and bound from there without a copy, up to 64 participants and 64 attributes a statement (across
/// participants). No `String` nor dictionary is built for an attribute that is only stored.
public struct ParticipantBatch {
    /// How many participants a batch holds before ``isFull``.
    public static let capacity = 64

    /// An attribute's row: its participant's id, its name and its value as ranges of ``bytes``.
    struct Attribute {
        var participant: Range<Int>
        var name: Range<Int>
        var value: Range<Int>
    }

    /// The texts of the rows, UTF-8, one after another; the attributes' names first.
    private(set) var bytes: [UInt8] = []
    /// Where each attribute's name is in ``bytes``, in the order given.
    private let names: [Range<Int>]
    /// The names' places in the byte order of the names: a participant's attributes are stored in the
    /// order of the table's key, each row after the one before. (In the file's column order, rows met
    /// the B-tree's pages in the middle: M's participants cost SQLite a fifth more.)
    private let order: [Int]
    /// Where the participants' texts begin in ``bytes``.
    private let firstText: Int
    private(set) var participants: [PersonRow] = []
    private(set) var attributes: [Attribute] = []

    /// An empty batch of participants whose attributes are named `attributeNames` (an attribute is
    /// given by its place in them).
    public init(attributeNames: [String]) {
        var names: [Range<Int>] = []
        for name in attributeNames {
            let start = bytes.count
            bytes.append(contentsOf: name.utf8)
            names.append(start..<bytes.count)
        }
        self.names = names
        let nameBytes = attributeNames.map { Array($0.utf8) }
        order = nameBytes.indices.sorted { nameBytes[$0].lexicographicallyPrecedes(nameBytes[$1]) }
        firstText = bytes.count
        participants.reserveCapacity(Self.capacity)
    }

    /// Whether the batch holds ``capacity`` participants: time to store it.
    public var isFull: Bool { participants.count >= Self.capacity }

    /// Adds a participant given as the UTF-8 bytes of its fields, which need stay valid only during the
    /// call, with its attributes' values by the place of their names (`nil`: absent). Its id must be new
    /// (neither stored nor in the batch) and its position free: the caller has checked (the duplicate-id
    /// check); a repeat fails the build.
    public mutating func append(
        id: UnsafeRawBufferPointer, country: UnsafeRawBufferPointer, role: UnsafeRawBufferPointer, position: Int, line: Int,
        attributes values: [UnsafeRawBufferPointer?]
    ) {
        let participant = put(id)
        participants.append(PersonRow(id: participant, position: position, country: put(country), role: put(role), line: line))
        for place in order {
            guard let value = values[place] else { continue }
            attributes.append(Attribute(participant: participant, name: names[place], value: put(value)))
        }
    }

    /// Forgets the participants (after they were stored), keeping the names and the buffers' space.
    mutating func removeAll() {
        bytes.removeSubrange(firstText...)
        participants.removeAll(keepingCapacity: true)
        attributes.removeAll(keepingCapacity: true)
    }

    private mutating func put(_ text: UnsafeRawBufferPointer) -> Range<Int> {
        let start = bytes.count
        bytes.append(contentsOf: text)
        return start..<bytes.count
    }
}
