@testable import Analysis
import StudyModel
import Testing

/// The order `StudyAnalysis.run()` starts its jobs in: the tables over two column variables, then the
/// comparison, the co-occurrence table, the joint displays and the disclosure basis, then the rest in
/// plan order.
@Suite struct JobOrderTests {
    @Test func theDefaultPlansHeaviestJobsStartFirst() {
        let plan = TableSpec.defaultPlan
        let names = StudyAnalysis.jobOrder(plan).map { $0 < plan.count ? plan[$0].id : "basis" }
        #expect(Array(names.prefix(8)) == [
            "barriers-by-role-within-country", "factor-categories-by-country-role", "involvement-roles-by-country-role",
            "barriers-fathers-vs-mothers", "barrier-co-occurrence-by-country", "joint-display-by-country", "joint-display-by-role",
            "basis",
        ])
        #expect(names.count == plan.count + 1 && Set(names).count == plan.count + 1)
    }
}
