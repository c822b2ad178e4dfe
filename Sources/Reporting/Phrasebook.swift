import Foundation
import StudyModel

/// The sentences of reports, from the language's catalog (`Sources/StudyModel/Catalogs/<code>.json`).
///
/// A phrase is a template with named slots (`{n}`); ``callAsFunction(_:_:)`` fills them. Sentences avoid
/// constructions whose grammar depends on a number (Russian and Kazakh inflect nouns after numerals
/// differently from English): counts stand after a dash or in brackets ("матери — 48").
struct Phrasebook {
    let language: Language
    let catalog: Catalog

    init(_ vocabulary: Vocabulary) {
        language = vocabulary.language
        catalog = vocabulary.catalog
    }

    enum Key: String, CaseIterable {
        case summaryTitle, sampleHas, inPlaceCount, byRole, roleCount, suppressedRoles, analysedCoding
        case topBarriers, labelShare, share, suppressedShare, noDifference, differenceItem
        case noComparisonDifference, comparisonDifferences, comparisonItem, withinItem, smallBases, smallBaseItem
        case agreementNone, agreementOverall, agreementNoFlag, agreementFlagged, agreementItem
        case surveyRespondents, surveyNoDifference, surveyDifferences, surveyItem, scaleAlpha, baseTooSmall
        case howToRead, and, barriers, activities, items, theCountries
        case disclosureOn, disclosureOff
        case cellsParticipants, cellsSample, intervalsShown, intervalsInCSV
        case baseParticipants, noTestSample, noTestGroups, testsNote, withheldNote, oddsRatioNote, withheld, method
        case contents, summary, charts, tables, provenance, inputs, version, comparisonTitle
        case comparisonNote, pooled, agreementNote, agreementNoUnits, agreementFlagNone, agreementFlagList
        case present, agree, flag, below, notObserved, surveyNote, answered, noAnswer
        case chartBarriersByCountry, captionBarriersByCountry, chartFathersMothers, captionFathersMothers
        case chartHeatMap, captionHeatMap, chartAgreement, captionAgreement, axisMentioning
        case itemChiSquare, itemChiWithheld, itemChiNone, itemMannWhitney, itemMannWhitneyNone, exact, normalCC
        case scalesNote, scaleNone, scaleLine, scaleReversed, item, itemRest, alphaIfDeleted
        case segNote, ci95, groupsTested, groupsTestedNote, adjustedP, pooledTest, pooledCMH, pooledFisher
        case itemChiSubset, itemMannWhitneyWithheld, scaleWithheld, agreementWithheld, overallAlphaWithheld
        case auditLine, fullCellsHidden, comparisonItemPooled
        case factorCategoriesName, activityTypesName, groupRowsLead, notTested, rangeItem, testsWithheld, withinGroup
        case differencesWithin, differencesWithinMany, surveyRespondentsHidden, family, oddsRatioCI, heatLegend, untestedNote
        case inputFile, inputKind, inputRecords
    }

    /// The phrase in this language with its slots filled; `{Name}` fills with a capitalized first letter.
    /// A slot without a value stays as it is.
    func callAsFunction(_ key: Key, _ values: [String: String] = [:]) -> String {
        let template = catalog.phrases[key.rawValue] ?? "{\(key.rawValue)}"
        return Catalog.fill(template, values)
    }

    /// "a, b and c" in this language.
    func list(_ items: [String]) -> String {
        switch items.count {
        case 0: "—"
        case 1: items[0]
        default: items.dropLast().joined(separator: ", ") + " " + self(.and) + " " + items.last!
        }
    }
}
