/// Told each row of the summary `coding` as a ``SummaryStream`` makes it, on the thread that feeds the
/// stream (the check of `segments.csv`'s rows), so that `analyze run` can apply the coder policy to the
/// rows as they come instead of reading them back from the new store (`StreamedCodingPass` in Analysis).
///
/// The rows are those the build stores when it writes the streamed summaries (``BuiltStore/summariesStreamed``),
/// except that coders are numbered in order of first appearance (the store renumbers them in byte order).
/// A stream that stops says so (``streamStopped()``): the rows observed are then not the store's.
public protocol CodingObserver: AnyObject, Sendable {
    /// A row of `coding`: `coding.coder` is the coder's number, its bytes are `coders[coding.coder]`
    /// (`coders`: every coder met so far, by number). The value is reused: copy what you keep.
    func observe(_ coding: StoredCoding, coders: [[UInt8]])
    /// The stream stopped (or a row could not be read back): the build runs the pass over the segment table.
    func streamStopped()
}
