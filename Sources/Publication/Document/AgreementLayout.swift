import Analysis
import StudyModel

/// Lays out intercoder agreement per code (percent agreement, prevalence, κ, AC1, PABAK, α), flagging
/// codes whose κ and AC1 are both below the threshold.
struct AgreementLayout {
    static func title(of table: AgreementResult) -> Text { .word("agreement.title") }

    static func blocks(_ table: AgreementResult) -> [DocumentBlock] {
        guard table.participants > 0, table.coders.count == 2 else {
            return [.title(id: table.id, text: title(of: table)), .note(.phrase(.agreementNoUnits, [:]))]
        }
        let threshold = NumberFormat.fixed(table.threshold, 2)
        let rows = table.codes.map { code -> [Text] in
            let flag: Text = code.withheld ? .phrase(.agreementWithheld, [:])
                : code.flagged ? .phrase(.belowBoth, ["t": .number(threshold)])
                : (code.kappa == nil && code.alpha == nil ? .phrase(.notObserved, [:]) : "")
            return [
                .label(code.label),
                "\(code.presentFirst.map(String.init) ?? "*")/\(code.presentSecond.map(String.init) ?? "*")",
                .number(code.percentAgreement.map { NumberFormat.fixed($0 * 100, 1) } ?? "—"),
                .number(code.prevalence.map { NumberFormat.fixed($0 * 100, 1) } ?? "—"),
                .number(NumberFormat.fixed(code.kappa, 3)), .number(NumberFormat.fixed(code.ac1, 3)),
                .number(NumberFormat.fixed(code.pabak, 3)), .number(NumberFormat.fixed(code.alpha, 3)), flag,
            ]
        }
        let flagged = table.codes.filter(\.flagged)
        return [
            .title(id: table.id, text: title(of: table)),
            .note(.phrase(.agreementNoteRobust, [
                "n": "\(table.participants)", "coders": .plain(table.allCoders.joined(separator: ", ")),
                "source": .phrase(table.unitSource == .coverage ? .agreementUnitsCoverage : .agreementUnitsSegments, [:]),
                "pair": .plain(table.coders.joined(separator: " — ")), "units": "\(table.codes.first?.units ?? 0)",
                "alpha": table.overallWithheld || table.alphaCodes == nil ? .phrase(.overallAlphaWithheld, [:])
                    : .phrase(.medianAlphaOver, ["alpha": .number(NumberFormat.fixed(table.medianAlpha, 3)), "m": "\(table.alphaCodes ?? 0)"]),
                "t": .number(threshold),
                "flagged": flagged.isEmpty
                    ? .phrase(.agreementFlagNone, [:])
                    : .phrase(.agreementFlagList, ["list": flagged.map { Text.label($0.label) }.joined(separator: ", ")]),
            ])),
            .grid(
                header: [["", .phrase(.present, ["pair": .plain(table.coders.joined(separator: "/"))]), .phrase(.agree, [:]),
                    .phrase(.prevalence, [:]), "κ", "AC1", "PABAK", "α", .phrase(.flag, [:])]],
                rows: rows, indents: Array(repeating: 0, count: rows.count)),
        ]
    }
}
