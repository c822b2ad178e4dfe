import Foundation
import JSONOutput
import Storage
import StudyModel

/// Runs a study's analysis plan over the store.
///
/// ```swift
/// let results = try StudyAnalysis(manifest: manifest, store: store).run()
/// try results.jsonData().write(to: resultsURL)
/// ```
public struct StudyAnalysis {
    public let manifest: StudyManifest
    public let data: StudyData
    private let store: StudyStore
    /// Whether every participant attribute was loaded (quotes need the consent attribute).
    private let allAttributes: Bool

    /// Loads the study data from the store, applying the manifest's coder policy.
    /// - Parameter onlyPlanAttributes: load only the participant attributes the plan groups or filters by,
    ///   which keeps a large study small in memory (none at all when the plan uses only country and role);
    ///   a notebook that asks for other variables, and ``quotes(code:limit:)``, need them all (`false`, the
    ///   default).
    /// - Parameter definitions: the codebook and the instruments the store holds, when the caller has them
    ///   (`analyze run`: the values its ingest stored); else they are read from the store.
    /// - Parameter ingested: what `analyze run`'s ingest kept of the store's contents (``IngestedStudy``).
    /// - Throws: ``AnalysisError/emptyStore`` when nothing was ingested.
    public init(
        manifest: StudyManifest, store: StudyStore, onlyPlanAttributes: Bool = false, definitions: StoredDefinitions? = nil,
        ingested: IngestedStudy? = nil
    ) throws {
        self.manifest = manifest
        self.store = store
        allAttributes = !onlyPlanAttributes
        var attributes: Set<String>?
        if onlyPlanAttributes {
            let variables = manifest.plan.flatMap { $0.columns + ($0.filter?.keys.sorted() ?? []) + ($0.compare.map { [$0.variable, $0.within] } ?? []) }
            attributes = Set(variables).subtracting(["country", "role"])
        }
        data = try StudyData(
            store: store, policy: manifest.coding, attributes: attributes, definitions: definitions, ingested: ingested)
    }

    /// Up to `limit` quotable excerpts of a code (consent given, analysed coding), one per participant,
    /// with pseudonyms (see ``QuoteSelection``).
    /// - Precondition: all attributes were loaded (`onlyPlanAttributes: false`).
    public func quotes(code: String, limit: Int) throws -> [Quote] {
        precondition(allAttributes, "quotes need the participants' consent: load all attributes")
        return try QuoteSelection(data: data, manifest: manifest).quotes(code: code, limit: limit, store: store)
    }

    /// Computes one table (of the plan, or asked for by a notebook).
    /// - Throws: ``AnalysisError/unknownVariable(table:variable:)`` for a column variable no participant has.
    public func table(for spec: TableSpec) throws -> TableResult {
        let crosstabs = CrosstabBuilder(data: data, manifest: manifest)
        if let comparison = spec.compare {
            return .comparison(try ComparisonBuilder(crosstabs: crosstabs).build(spec, comparison: comparison))
        }
        switch spec.rows {
        case .surveyItems: return .survey(try SurveyDistributionBuilder(data: data, manifest: manifest).build(spec))
        case .jointDisplay: return .jointDisplay(try JointDisplayBuilder(crosstabs: crosstabs).build(spec))
        case .cooccurrence: return .cooccurrence(try CooccurrenceBuilder(crosstabs: crosstabs, store: store).build(spec))
        case .intercoderAgreement:
            return .agreement(
                AgreementBuilder(data: data, threshold: manifest.coding.agreementThreshold ?? 0.6).build(id: spec.id))
        default: return .crosstab(try crosstabs.build(spec))
        }
    }

    /// The atoms of participants and respondents that the tables' counts are sums of (see
    /// ``DisclosureBasis``): disclosure control sees every published table through them at once.
    public func disclosureBasis(for specs: [TableSpec]) -> DisclosureBasis {
        DisclosureBasisBuilder(data: data, manifest: manifest).build(for: specs)
    }

    /// Computes every table of the manifest's plan, in plan order.
    ///
    /// The tables and the disclosure basis are computed on all cores at once (each reads the study
    /// data only; Fisher's Monte Carlo tests draw from a fixed seed per table), and put together in
    /// plan order, so the results are the same whatever the scheduling.
    /// - Throws: ``AnalysisError/unknownVariable(table:variable:)`` for a column variable no participant
    ///   has: the error of the first such table in plan order.
    public func run() throws -> AnalysisResults {
        try run(encoding: false).results
    }

    /// ``run()``, and the results as JSON: the bytes of ``AnalysisResults/jsonData()``, but each table
    /// encoded by the job that computed it, as soon as it is computed, and the rest of the results by
    /// the disclosure basis's job, so that the encoding fills the gaps between the jobs instead of
    /// starting after the last one.
    /// - Throws: as ``run()``; then what encoding throws, in the order ``AnalysisResults/jsonData()``
    ///   meets it (the rest of the results, then the tables in plan order).
    public func runEncoded() throws -> (results: AnalysisResults, json: Data) {
        let (results, json) = try run(encoding: true)
        return (results, try json!())
    }

    /// ``run()``, and with `encoding`, a function that joins the JSON pieces the jobs encoded.
    private func run(encoding: Bool) throws -> (results: AnalysisResults, json: (() throws -> Data)?) {
        let plan = manifest.plan
        let encoder = SortedJSONEncoder()
        // One job per table, and the basis (at `plan.count`); the heaviest started first, so that a long
        // job does not start last while the other core has nothing left to do.
        let order = Self.jobOrder(plan)
        let computed = ConcurrentMap.map(order) { index -> Piece in
            if index == plan.count {
                let basis = disclosureBasis(for: plan)
                return .basis(basis, encoding ? Result { try results(tables: [], basis: basis).openDocument(encoder) } : nil)
            }
            let result = Result { try table(for: plan[index]) }
            return .table(result, encoding ? result.flatMap { table in Result { try encoder.arrayElement(table) } } : nil)
        }
        var pieces = computed
        for (position, index) in order.enumerated() { pieces[index] = computed[position] }
        var tables: [TableResult] = []
        var elements: [Result<SortedJSONEncoder.ArrayElement, any Error>] = []
        var basis: DisclosureBasis?
        var document: Result<SortedJSONEncoder.OpenDocument, any Error>?
        for piece in pieces {
            switch piece {
            case .table(let result, let element):
                tables.append(try result.get())
                if let element { elements.append(element) }
            case .basis(let computed, let encoded): (basis, document) = (computed, encoded)
            }
        }
        guard let document else { return (results(tables: tables, basis: basis!), nil) }
        return (results(tables: tables, basis: basis!), { try document.get().closed(with: elements.map { try $0.get() }) })
    }

    /// The results of the plan's tables (in plan order) and the disclosure basis.
    private func results(tables: [TableResult], basis: DisclosureBasis) -> AnalysisResults {
        var results = AnalysisResults(
            toolVersion: ToolVersion.current, study: data.study, sourceFiles: data.sourceFiles,
            countries: manifest.countries, roles: manifest.roles, analysedCoders: manifest.coding.analysedCoders,
            minimumBase: manifest.minimumBase, minimumCount: manifest.minimumCount,
            suppressFullCells: manifest.suppressFullCells, participants: data.participants.count,
            analysedSegments: data.totalSegments, tables: tables, plan: manifest.plan,
            basis: basis)
        results.codedSegments = data.codedSegments
        results.publicationGroups = manifest.publicationGroups
        results.levelLabels = manifest.levelLabels
        return results
    }

    /// The jobs of ``run()`` (the plan's tables by index, and the basis at `plan.count`) in the order
    /// they start: by ``expectedWork(_:)``, highest first, then in plan order.
    static func jobOrder(_ plan: [TableSpec]) -> [Int] {
        (0...plan.count).sorted { a, b in
            let (x, y) = (expectedWork(a < plan.count ? plan[a] : nil), expectedWork(b < plan.count ? plan[b] : nil))
            return x != y ? x > y : a < b
        }
    }

    /// A rough rank of a job's cost (higher first), for the order ``run()`` starts the jobs in; it
    /// changes no result. Tables over two column variables test every row across many groups (Monte
    /// Carlo Fisher tests), a comparison tests each row per stratum and pooled (exact conditional CMH),
    /// co-occurrence sums its segment pairs set by set (reading the store again in a study too large to keep
    /// the sets); `nil` is the disclosure basis; a joint display tests each measured
    /// code's interview and survey shares (Monte Carlo Fisher tests at M: started last, it ran alone).
    static func expectedWork(_ spec: TableSpec?) -> Int {
        guard let spec else { return 2 }
        if spec.compare != nil { return 4 }
        switch spec.rows {
        case .cooccurrence: return 3
        case .jointDisplay: return 2
        case .sample, .surveyItems, .intercoderAgreement: return 0
        default: return spec.columns.count >= 2 ? 5 : 1
        }
    }

    /// What one job of ``run()`` computes.
    private enum Piece: @unchecked Sendable {
        /// A table, and its JSON when the run encodes.
        case table(Result<TableResult, any Error>, Result<SortedJSONEncoder.ArrayElement, any Error>?)
        /// The basis, and when the run encodes, the rest of the results' JSON (which holds the basis).
        case basis(DisclosureBasis, Result<SortedJSONEncoder.OpenDocument, any Error>?)
    }
}

// `run()` computes the tables on several threads at once: the manifest and the study data are values
// that the tables only read, and the store's database queue serialises the reads of the one table that
// reads the store (co-occurrence).
extension StudyAnalysis: @unchecked Sendable {}
