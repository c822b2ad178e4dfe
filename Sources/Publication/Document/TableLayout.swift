import Analysis

/// Lays out any published table through the layout of its kind: its title and its blocks.
public enum TableLayout {
    public static func title(of table: TableResult) -> Text {
        switch table {
        case .crosstab(let crosstab): CrosstabLayout.title(of: crosstab)
        case .survey(let survey): SurveyLayout.title(of: survey)
        case .comparison(let comparison): ComparisonLayout.title(of: comparison)
        case .agreement(let agreement): AgreementLayout.title(of: agreement)
        case .jointDisplay(let display): JointDisplayLayout.title(of: display)
        case .cooccurrence(let table): CooccurrenceLayout.title(of: table)
        }
    }

    public static func blocks(_ table: TableResult) -> [DocumentBlock] {
        switch table {
        case .crosstab(let crosstab): CrosstabLayout.blocks(crosstab)
        case .survey(let survey): SurveyLayout.blocks(survey)
        case .comparison(let comparison): ComparisonLayout.blocks(comparison)
        case .agreement(let agreement): AgreementLayout.blocks(agreement)
        case .jointDisplay(let display): JointDisplayLayout.blocks(display)
        case .cooccurrence(let table): CooccurrenceLayout.blocks(table)
        }
    }
}
