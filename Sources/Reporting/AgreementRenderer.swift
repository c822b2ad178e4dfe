import Analysis
import StudyModel

/// Renders intercoder agreement per code, flagging codes below the threshold.
struct AgreementRenderer {
    let vocabulary: Vocabulary

    func title(of table: AgreementResult) -> String {
        LocalizedText(en: "Intercoder agreement per code", ru: "Согласованность кодировщиков по кодам", kk: "Кодтаушылар келісімі кодтар бойынша")[vocabulary.language]
    }

    func blocks(_ table: AgreementResult) -> [ReportBlock] {
        guard table.participants > 0, table.coders.count == 2 else {
            return [.title(id: table.id, text: title(of: table)), .note("No participant was coded by two coders: agreement cannot be computed.")]
        }
        let rows = table.codes.map { code -> [String] in
            let flag = code.flagged ? "below \(NumberFormat.fixed(table.threshold, 2))" : (code.kappa == nil && code.alpha == nil ? "not observed" : "")
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
            .note("\(table.participants) participants were coded by more than one coder (\(table.allCoders.joined(separator: ", "))). "
                + "Unit: the participant; a code is present for a coder who applied it at least once. Cohen's κ and percent "
                + "agreement for \(table.coders.joined(separator: " and ")) on the \(table.codes.first?.units ?? 0) participants both coded; "
                + "Krippendorff's α (nominal) over all coders, missing codings allowed. Overall α over all codes: "
                + "\(NumberFormat.fixed(table.overallAlpha, 3)). Codes with κ below \(NumberFormat.fixed(table.threshold, 2)) are flagged"
                + (flagged.isEmpty ? "; none is." : ": " + flagged.map { $0.label[vocabulary.language] }.joined(separator: ", ") + ".")),
            .grid(
                header: [["", "present (\(table.coders.joined(separator: "/")))", "% agree", "κ", "α", "flag"]], rows: rows,
                indents: Array(repeating: 0, count: rows.count)),
        ]
    }
}
