import Analysis
import StudyModel

/// Renders intercoder agreement per code, flagging codes below the threshold.
struct AgreementRenderer {
    let vocabulary: Vocabulary

    func title(of table: AgreementResult) -> String {
        vocabulary.phrase("agreement.title")
    }

    func blocks(_ table: AgreementResult) -> [ReportBlock] {
        let say = Phrasebook(vocabulary)
        guard table.participants > 0, table.coders.count == 2 else {
            return [.title(id: table.id, text: title(of: table)), .note(say(.agreementNoUnits))]
        }
        let threshold = NumberFormat.fixed(table.threshold, 2)
        let rows = table.codes.map { code -> [String] in
            let flag = code.withheld ? say(.agreementWithheld)
                : code.flagged ? say(.below, ["t": threshold]) : (code.kappa == nil && code.alpha == nil ? say(.notObserved) : "")
            return [
                code.label[vocabulary.language],
                "\(code.presentFirst.map(String.init) ?? "*")/\(code.presentSecond.map(String.init) ?? "*")",
                code.percentAgreement.map { NumberFormat.fixed($0 * 100, 1) } ?? "—",
                NumberFormat.fixed(code.kappa, 3), NumberFormat.fixed(code.alpha, 3), flag,
            ]
        }
        let flagged = table.codes.filter(\.flagged)
        return [
            .title(id: table.id, text: title(of: table)),
            .note(say(.agreementNote, [
                "n": String(table.participants), "coders": table.allCoders.joined(separator: ", "),
                "pair": table.coders.joined(separator: " — "), "units": String(table.codes.first?.units ?? 0),
                "alpha": table.overallWithheld ? say(.overallAlphaWithheld) : NumberFormat.fixed(table.overallAlpha, 3), "t": threshold,
                "flagged": flagged.isEmpty
                    ? say(.agreementFlagNone)
                    : say(.agreementFlagList, ["list": flagged.map { $0.label[vocabulary.language] }.joined(separator: ", ")]),
            ])),
            .grid(
                header: [["", say(.present, ["pair": table.coders.joined(separator: "/")]), say(.agree), "κ", "α", say(.flag)]], rows: rows,
                indents: Array(repeating: 0, count: rows.count)),
        ]
    }
}
