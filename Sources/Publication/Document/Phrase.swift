/// The sentences and words of a report, by key: each language's catalog
/// (`Sources/StudyModel/Catalogs/<code>.json`, under `phrases`) has a template for every case.
public enum Phrase: String, CaseIterable, Sendable {
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
    case inputFile, inputKind, inputRecords, fisherP, riskDifference
    case itemLinearByLinear, itemLinearByLinearWithheld
    case itemChiAdjusted, itemKruskalWallis, itemKruskalWallisWithheld, tableNumber, figureNumber
    case jointDisplayTitle, jointDisplayNote, jointCode, jointInterviews, jointSurvey, jointConvergence, jointItem
    case captionOfTable, convergent, divergent, interviewOnly, surveyOnly, neitherDiffers
    case pooledExact, asymptoticCMH, homogeneityP, comparisonItemExact, comparisonHeterogeneous, comparisonItemHeterogeneous
    case agreementNoteRobust, agreementUnitsCoverage, agreementUnitsSegments, agreementOverallMedian
    case agreementFlaggedBoth, agreementItemBoth, agreementNoFlagBoth, belowBoth, captionAgreementFlag, prevalence
    case medianAlphaOver
    case cooccurrenceNote, chartCooccurrence, captionCooccurrence, jaccardLegend, cooccurrenceSegments, cooccurrenceSegmentJaccard
    case labelsShownIn
}
