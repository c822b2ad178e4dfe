/// Whether a response scale's values are ordered.
public enum MeasurementLevel: String, CaseIterable, Codable, Sendable {
    case ordinal, nominal
}

/// A response scale: the integer codes a survey cell may hold, with their labels.
public struct ResponseScale: Codable, Sendable, Equatable {
    /// One allowed response.
    public struct Value: Codable, Sendable, Equatable {
        public var value: Int
        public var label: LocalizedText

        public init(value: Int, label: LocalizedText) {
            self.value = value
            self.label = label
        }
    }
    public var id: String
    public var level: MeasurementLevel
    public var values: [Value]

    public init(id: String, level: MeasurementLevel, values: [Value]) {
        self.id = id
        self.level = level
        self.values = values
    }

    /// The label of a response code, if the scale has it.
    public func label(of value: Int) -> LocalizedText? {
        values.first { $0.value == value }?.label
    }
}

/// One survey question: a column of the instrument's CSV file.
public struct SurveyItem: Codable, Sendable, Equatable {
    public var id: String
    public var text: LocalizedText
    /// The id of the item's ``ResponseScale``.
    public var scale: String
    /// Whether a high value means less of what the subscale measures.
    public var reverse: Bool?
    /// The id of the multi-item scale the item belongs to.
    public var subscale: String?
    /// The codebook codes the item measures (pi09 "The language used at school is hard for me" measures
    /// `bar_instruction_language`): joint displays set the two side by side.
    public var measures: [String]?
    /// Which answers mean the measured code is present (`agree` by default: the values above the scale's
    /// middle; `disagree`: those below it).
    public var direction: MeasureDirection?

    public init(
        id: String, text: LocalizedText, scale: String, reverse: Bool? = nil, subscale: String? = nil,
        measures: [String]? = nil, direction: MeasureDirection? = nil
    ) {
        self.id = id
        self.text = text
        self.scale = scale
        self.reverse = reverse
        self.subscale = subscale
        self.measures = measures
        self.direction = direction
    }

    /// The values of `scale` that mean the measured code is present: above the middle of its sorted
    /// values for `agree` (4 and 5 of 1–5), below it for `disagree`.
    public func presentValues(on scale: ResponseScale) -> [Int] {
        let values = scale.values.map(\.value).sorted()
        let half = values.count / 2
        return (direction ?? .agree) == .agree ? Array(values.suffix(half)) : Array(values.prefix(half))
    }
}

/// Whether agreeing with a survey item means the code it measures is present, or disagreeing does.
public enum MeasureDirection: String, Codable, Sendable, CaseIterable {
    case agree, disagree
}

/// A multi-item scale (for scale scores and Cronbach's α).
public struct Subscale: Codable, Sendable, Equatable {
    public var id: String
    public var label: LocalizedText
}

/// A survey instrument: its items and their response scales (format: `docs/formats.md`).
public struct Instrument: Codable, Sendable, Equatable {
    public var id: String
    public var version: String
    public var title: LocalizedText
    /// Who answers it (`teacher`, `parent`).
    public var respondents: String
    public var scales: [ResponseScale]
    public var items: [SurveyItem]
    public var subscales: [Subscale]?

    /// Reads and checks an instrument file.
    /// - Throws: ``InputProblems`` naming the file and every broken rule.
    public init(path: String) throws(InputProblems) {
        do {
            self = try YAMLFile.decode(Instrument.self, path: path)
        } catch {
            throw InputProblems([error])
        }
        let problems = validate(file: path)
        if !problems.isEmpty { throw InputProblems(problems) }
    }

    /// Decodes a small instrument in memory (``Preload``, ``YAMLFile/preload(_:sample:)``), every field of
    /// its scales, items and subscales given.
    static func preloadDecoding() {
        YAMLFile.preload(
            Instrument.self,
            sample: """
                id: i
                version: "1"
                title: {en: I}
                respondents: parent
                scales:
                  - {id: s, level: ordinal, values: [{value: 1, label: {en: One}}]}
                items:
                  - {id: q, text: {en: Q}, scale: s, reverse: false, subscale: u, measures: [a], direction: agree}
                subscales:
                  - {id: u, label: {en: U}}
                """)
    }

    /// The response scale of `item`.
    public func scale(of item: SurveyItem) -> ResponseScale? {
        scales.first { $0.id == item.scale }
    }

    private func validate(file: String) -> [InputProblem] {
        var problems: [InputProblem] = []
        func complain(_ message: String) { problems.append(InputProblem(file: file, message: message)) }
        var scaleIDs: Set<String> = []
        for scale in scales {
            if !scaleIDs.insert(scale.id).inserted { complain("scale '\(scale.id)': duplicate scale id") }
            if scale.values.isEmpty { complain("scale '\(scale.id)': no values") }
            if Set(scale.values.map(\.value)).count != scale.values.count {
                complain("scale '\(scale.id)': duplicate values")
            }
        }
        let subscaleIDs = Set((subscales ?? []).map(\.id))
        var itemIDs: Set<String> = []
        for item in items {
            if !itemIDs.insert(item.id).inserted { complain("item '\(item.id)': duplicate item id") }
            if !scaleIDs.contains(item.scale) { complain("item '\(item.id)': unknown scale '\(item.scale)'") }
            if let subscale = item.subscale, !subscaleIDs.contains(subscale) {
                complain("item '\(item.id)': unknown subscale '\(subscale)'")
            }
            if let measures = item.measures {
                if measures.isEmpty { complain("item '\(item.id)': measures names no code") }
                if let scale = scale(of: item), scale.level != .ordinal || scale.values.count < 2 {
                    complain("item '\(item.id)': measures needs an ordinal scale of two or more values ('\(scale.id)' is not)")
                }
            } else if item.direction != nil {
                complain("item '\(item.id)': direction without measures")
            }
        }
        return problems
    }
}
