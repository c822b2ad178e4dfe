import Analysis

/// Renders any result table as plain text or Markdown, through the renderer of its kind.
struct TableRenderer {
    let vocabulary: Vocabulary

    func render(_ table: TableResult, style: ReportBlock.Style) -> String {
        ReportBlock.render(blocks(table), style: style, decimals: vocabulary.decimals)
    }

    func blocks(_ table: TableResult) -> [ReportBlock] {
        switch table {
        case .crosstab(let crosstab): CrosstabRenderer(vocabulary: vocabulary).blocks(crosstab)
        case .survey(let survey): SurveyRenderer(vocabulary: vocabulary).blocks(survey)
        case .comparison(let comparison): ComparisonRenderer(vocabulary: vocabulary).blocks(comparison)
        case .agreement(let agreement): AgreementRenderer(vocabulary: vocabulary).blocks(agreement)
        }
    }
}
