import StudyModel

/// The codebook (a coding tool's kept codes after the codebook's) and the instruments (in manifest order) as a
/// store holds them: the values ``StoreReader/codebook()`` and ``StoreReader/instruments()`` give back.
///
/// An ingest hands over the values it stored (`IngestSummary.stored`), so that `analyze run`'s analysis does
/// not decode again the JSON the ingest encoded a moment before. The store's JSON is `JSONEncoder`'s of these
/// values, which `JSONDecoder` reads back as the same values (`StoredDefinitionsTests` compares the two, and
/// their JSON, for the sample, a generated study and a coding tool's project with kept codes).
public struct StoredDefinitions: Sendable, Equatable {
    public var codebook: Codebook
    public var instruments: [Instrument]

    public init(codebook: Codebook, instruments: [Instrument]) {
        self.codebook = codebook
        self.instruments = instruments
    }
}

extension StoreReader {
    /// The codebook and the instruments as stored (``codebook()``, ``instruments()``).
    public func definitions() throws -> StoredDefinitions {
        StoredDefinitions(codebook: try codebook(), instruments: try instruments())
    }
}
