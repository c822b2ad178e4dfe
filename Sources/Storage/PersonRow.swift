/// A participant's or a survey respondent's row in a batch (``ParticipantBatch``, ``RespondentBatch``):
/// its texts as ranges of the batch's bytes, its columns in the order both tables give them (after the
/// respondent's instrument).
struct PersonRow {
    var id: Range<Int>
    var position: Int
    var country: Range<Int>
    var role: Range<Int>
    var line: Int

    /// Binds the row's five columns to the parameters after `first`, its texts without a copy (`text`:
    /// a range's bytes, which must stay put until the statement has run).
    func bind(to insert: PreparedInsert, after first: Int32, _ text: (Range<Int>) -> UnsafeRawBufferPointer) {
        insert.bindWithoutCopy(first + 1, text(id))
        insert.bind(first + 2, position)
        insert.bindWithoutCopy(first + 3, text(country))
        insert.bindWithoutCopy(first + 4, text(role))
        insert.bind(first + 5, line)
    }
}
