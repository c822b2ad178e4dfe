import Statistics
import Storage
import StudyModel

/// Builds a joint display: for each survey item that measures codes (`measures:`), each measured code's
/// interview share beside the item's share of respondents whose answer means the code is present, per
/// column group, each with its Wilson interval and Fisher's exact test, and the convergence label.
///
/// Interview cells count participants as every crosstab does (at least one analysed segment of the code,
/// over all participants of the group); survey shares count respondents who answered the item. The
/// groups are the variable's levels (a publication group for its members) with respondents of an
/// instrument that measures codes.
public struct JointDisplayBuilder {
    let crosstabs: CrosstabBuilder

    /// The codes the instruments' items measure, each once, in codebook order.
    static func measuredCodes(_ data: StudyData) -> [Code] {
        let measured = Set(data.surveys.flatMap { instrument, _ in instrument.items.flatMap { $0.measures ?? [] } })
        return data.codebook.codes.filter { measured.contains($0.id) }
    }

    func build(_ spec: TableSpec) throws -> JointDisplayResult {
        let data = crosstabs.data
        let manifest = crosstabs.manifest
        let variable = spec.columns[0]
        func level(of respondent: SurveyRespondent) -> String {
            manifest.publishedLevel(variable == "country" ? respondent.country : respondent.role, of: variable)
        }
        // A level no instrument with a measuring item has a respondent of (teachers beside a parent
        // survey) has no survey side to set beside its interviews: it is left out.
        let levels = (manifest.publishedLevels(of: variable) ?? []).filter { shown in
            data.surveys.contains { instrument, answers in
                instrument.items.contains { $0.measures != nil } && answers.contains { level(of: $0) == shown }
            }
        }
        let participants = data.participants.indices
        let interviewMembers: [[Int]]
        if let numbered = data.participants.numberedValues(of: variable, { manifest.publishedLevel($0, of: variable) }) {
            // Each level number compared once, not each participant's value.
            let isLevel = levels.map { level in numbered.values.map { $0 == level } }
            interviewMembers = isLevel.map { isLevel in participants.filter { isLevel[numbered.number($0)] } }
        } else {
            let published = crosstabs.publishedValues(of: variable)
            interviewMembers = levels.map { level in participants.filter { published($0) == level } }
        }
        let columns = zip(levels, interviewMembers).map { TableColumn(values: [$0], base: $1.count) }
        // Each measured code's row and its interview cells, counted once for all the items that measure it.
        let measured = crosstabs.rowDefinitions(.jointDisplay)
        let measuredCells = RowMembership.cells(measured.map(\.1), over: interviewMembers, data: data)
            ?? measured.map { _, membership in interviewMembers.map { CrosstabBuilder.cell(membership, $0) } }
        let definitions = Dictionary(uniqueKeysWithValues: zip(measured, measuredCells).map { ($0.0.id, ($0.0, $1)) })

        var rows: [JointDisplayRow] = []
        var respondents: [String: [Int]] = [:]
        for (instrument, answers) in data.surveys {
            let groups = levels.map { shown in answers.filter { level(of: $0) == shown } }
            respondents[instrument.id] = groups.map(\.count)
            for (itemIndex, item) in instrument.items.enumerated() {
                guard let measures = item.measures, let scale = instrument.scale(of: item) else { continue }
                let present = Set(item.presentValues(on: scale))
                let survey = groups.map { group -> SurveyShare in
                    let given = group.compactMap { $0.answers[itemIndex] }
                    return SurveyShare(present: given.filter(present.contains).count, answered: given.count)
                }
                for code in measures {
                    guard let (row, interview) = definitions[code] else { continue }
                    var result = JointDisplayRow(
                        row: row, instrumentID: instrument.id, itemID: item.id, itemText: item.text,
                        presentValues: present.sorted(),
                        presentValueIndices: scale.values.indices.filter { present.contains(scale.values[$0].value) },
                        interview: interview, survey: survey)
                    Self.test(&result)
                    rows.append(result)
                }
            }
        }
        return JointDisplayResult(id: spec.id, columnVariables: spec.columns, columns: columns, rows: rows, respondents: respondents)
    }

    /// Whether ``test(_:)`` gives the two rows the same tests and convergence: the same counts on each side
    /// (participants and bases, present answers and answered) and the same sides withheld.
    public static func hasSameTestInputs(_ a: JointDisplayRow, _ b: JointDisplayRow) -> Bool {
        a.interviewWithheld == b.interviewWithheld && a.surveyWithheld == b.surveyWithheld
            && a.interview.map(\.participants) == b.interview.map(\.participants) && a.interview.map(\.base) == b.interview.map(\.base)
            && a.survey.map(\.present) == b.survey.map(\.present) && a.survey.map(\.answered) == b.survey.map(\.answered)
    }

    /// Each side's Fisher's exact test over the groups with observations, and the convergence label
    /// where there are two groups. The publication stage calls it again on what it publishes, where
    /// that differs from the row the analysis tested (``hasSameTestInputs(_:_:)``).
    public static func test(_ row: inout JointDisplayRow) {
        let interview = row.interview.filter { $0.base > 0 }
        let survey = row.survey.filter { $0.answered > 0 }
        row.interviewTest = row.interviewWithheld || interview.count < 2
            ? nil : FisherExactTest(ContingencyTable([interview.map(\.participants), interview.map { $0.base - $0.participants }]))
        row.surveyTest = row.surveyWithheld || survey.count < 2
            ? nil : FisherExactTest(ContingencyTable([survey.map(\.present), survey.map { $0.answered - $0.present }]))
        row.convergence = nil
        guard row.interview.count == 2, interview.count == 2, survey.count == 2,
            let interviewP = row.interviewTest?.p, let surveyP = row.surveyTest?.p
        else { return }
        func share(_ count: Int, _ base: Int) -> Double { Double(count) / Double(base) }
        row.convergence = Convergence(
            interview: (interviewP, share(interview[0].participants, interview[0].base) - share(interview[1].participants, interview[1].base)),
            survey: (surveyP, share(survey[0].present, survey[0].answered) - share(survey[1].present, survey[1].answered)))
    }
}
