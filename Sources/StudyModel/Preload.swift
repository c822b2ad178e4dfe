import Foundation

/// What commands read in their first milliseconds, read on a thread of its own from the start of the
/// process, while the command line is parsed and the study's manifest read on the main thread (the other
/// core is idle then): a small instrument and codebook decoded in memory (``YAMLFile/preload(_:sample:)``:
/// the types and conformances the ingest's decoding of the study's looks up, the instruments' on their
/// thread beside the codebook's and `segments.csv`'s hash), then the language catalogs (``Catalog/all``:
/// a report's words, the ingest's check of a segment's language).
///
/// The catalogs are a `static let`, initialised once: a thread that asks for them before they are ready
/// waits for them. What any value is does not change.
public enum Preload {
    /// Starts reading them.
    public static func begin() {
        Thread.detachNewThread {
            Instrument.preloadDecoding()
            Codebook.preloadDecoding()
            _ = Catalog.all
        }
    }
}
