import Storage
import StudyModel

/// Computes the response distribution of every survey item over column groups of respondents.
///
/// A cell counts the respondents of the column group who gave the response; its base is the column's
/// respondents who answered the item (missing answers are counted apart, in `missing`).
struct SurveyDistributionBuilder {
    let data: StudyData
    let manifest: StudyManifest

    func build(_ spec: TableSpec) -> SurveyTableResult {
        let instruments = data.surveys.map { instrument, respondents in
            let units = respondents.map { respondent in
                spec.columns.map { variable -> String? in variable == "country" ? respondent.country : respondent.role }
            }
            let groups = ColumnGroups(variables: spec.columns, units: units, declaredLevels: manifest.declaredLevels(of:))
            let items = instrument.items.enumerated().map { itemIndex, item in
                let scale = instrument.scale(of: item)!
                let valueIndex = Dictionary(uniqueKeysWithValues: scale.values.enumerated().map { ($1.value, $0) })
                var counts = Array(repeating: Array(repeating: 0, count: scale.values.count), count: groups.columns.count)
                var missing = Array(repeating: 0, count: groups.columns.count)
                for (column, members) in groups.members.enumerated() {
                    for member in members {
                        if let answer = respondents[member].answers[itemIndex], let value = valueIndex[answer] {
                            counts[column][value] += 1
                        } else {
                            missing[column] += 1
                        }
                    }
                }
                return SurveyItemDistribution(itemID: item.id, text: item.text, scale: scale, counts: counts, missing: missing)
            }
            return InstrumentDistribution(
                instrumentID: instrument.id, title: instrument.title, columns: groups.columns, items: items)
        }
        return SurveyTableResult(id: spec.id, columnVariables: spec.columns, instruments: instruments)
    }
}
