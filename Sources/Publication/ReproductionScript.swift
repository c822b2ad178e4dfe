import Analysis
import Foundation
import Statistics
import StudyModel

/// `reproduce.R`: a plain R script (base R only) that rebuilds the published counts every test of a report
/// is computed from, reruns each test with R's own function (`fisher.test`, `mantelhaen.test`,
/// `chisq.test(correct = FALSE)`, `wilcox.test`, `kruskal.test`, `p.adjust`), and prints one line per test:
/// `MATCH` or `DIFFER`, the report's values and R's.
///
/// It is written from the published tables, so it holds only counts the report prints: a test whose
/// counts are hidden was withheld and is not in it. Values are compared to a relative 10⁻⁶; a Monte Carlo
/// p-value of the report to R's exact one (or R's own Monte Carlo where R cannot solve the table) within
/// four standard errors. Breslow–Day (Tarone) is not in base R: the script computes it from its formula.
public enum ReproductionScript {
    /// The script for the published tables of a report.
    public static func r(tables: [TableResult], study: String) -> String {
        var lines = prelude(study: study)
        for table in tables {
            switch table {
            case .crosstab(let crosstab): lines += self.crosstab(crosstab)
            case .comparison(let comparison): lines += self.comparison(comparison)
            case .survey(let survey): lines += self.survey(survey)
            case .agreement, .cooccurrence: break
            case .jointDisplay(let display): lines += jointDisplay(display)
            }
        }
        lines += [
            "",
            "cat(sprintf(\"%d tests rerun: %d match, %d differ\\n\", n_match + n_differ, n_match, n_differ))",
            "quit(status = if (n_differ == 0) 0 else 1)",
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: - Tables

    private static func crosstab(_ table: CrosstabResult) -> [String] {
        let published = table.tests.enumerated().filter { $0.element.fisher != nil }
        guard !published.isEmpty else { return [] }
        let entries = published.map { index, test -> [String] in
            let columns = test.testedColumns ?? table.testableColumns
            let cells = columns.map { table.cells[index][$0] }
            let fisher = test.fisher!
            var fields = [
                "kind = \(string(test.rowKind.rawValue))", "id = \(string(test.row))",
                "x = c(\(cells.map { String($0.participants) }.joined(separator: ", ")))",
                "n = c(\(cells.map { String($0.base) }.joined(separator: ", ")))",
                "fisher = \(number(fisher.p))", "fisher_se = \(number(standardError(fisher)))",
                "adjusted = \(number(test.adjustedP))",
            ]
            if let chi = test.chiSquare { fields.append("chi = c(\(number(chi.pearson)), \(number(chi.pearsonP)))") }
            return fields
        }
        return block(
            "\(table.id): each row's participants who mentioned it / all participants, per tested group",
            name: "rows", entries: entries, call: "crosstab_rows(\(string(table.id)), rows)")
    }

    private static func comparison(_ table: GroupComparisonResult) -> [String] {
        let published = table.rows.filter { $0.pooledTest != nil || $0.strata.contains { $0.fisher != nil } }
        guard !published.isEmpty else { return [] }
        func pair(_ first: TableCell, _ second: TableCell) -> String {
            "c(\(first.participants), \(first.base), \(second.participants), \(second.base))"
        }
        let entries = published.map { row -> [String] in
            var fields = ["kind = \(string(row.row.kind.rawValue))", "id = \(string(row.row.id))"]
            let strata = row.strata.filter { $0.fisher != nil }
            if !strata.isEmpty {
                fields.append("within = list(" + strata.map { stratum in
                    "list(stratum = \(string(stratum.stratum)), cells = \(pair(stratum.first, stratum.second)), fisher = \(number(stratum.fisher!.p)), "
                        + "fisher_se = \(number(standardError(stratum.fisher!))))"
                }.joined(separator: ", ") + ")")
            }
            switch row.pooledTest {
            case .exactConditional?, .cochranMantelHaenszel?:
                fields.append("strata = list(" + row.strata.map { pair($0.first, $0.second) }.joined(separator: ", ") + ")")
                fields.append("test = \(string(row.pooledTest!.rawValue))")
                if let exact = row.exactCMH {
                    fields.append("exact = c(\(number(exact.p)), \(number(exact.estimate ?? .infinity)), \(number(exact.lower)), \(number(exact.upper ?? .infinity)))")
                }
                if let cmh = row.cochranMantelHaenszel { fields.append("cmh = c(\(number(cmh.statistic)), \(number(cmh.p)))") }
                if let bd = row.breslowDay { fields.append("bd = c(\(number(bd.statistic)), \(bd.degreesOfFreedom), \(number(bd.p)))") }
            case .fisherPooled?:
                fields.append("pooled = \(pair(row.pooledFirst, row.pooledSecond))")
                fields.append("test = \(string(PooledTest.fisherPooled.rawValue))")
                fields.append("fisher = \(number(row.pooledFisher?.p)), fisher_se = \(number(row.pooledFisher.map(standardError)))")
            case nil:
                fields.append("test = NA")
            }
            fields.append("adjusted = \(number(row.adjustedP))")
            return fields
        }
        return block(
            "\(table.id): \(table.comparison.groups.joined(separator: " against ")) within each \(table.comparison.within) "
                + "(\(table.strata.joined(separator: ", "))) and pooled; a stratum: c(mentioned, all) of each group",
            name: "rows", entries: entries, call: "comparison_rows(\(string(table.id)), rows)")
    }

    private static func jointDisplay(_ table: JointDisplayResult) -> [String] {
        let entries = table.rows.compactMap { row -> [String]? in
            guard row.interviewTest != nil || row.surveyTest != nil else { return nil }
            var fields = ["id = \(string(row.row.id + " ~ " + row.itemID))"]
            if let test = row.interviewTest {
                let cells = row.interview.filter { $0.base > 0 }
                fields.append("interviews = list(x = c(\(cells.map { String($0.participants) }.joined(separator: ", "))), "
                    + "n = c(\(cells.map { String($0.base) }.joined(separator: ", "))), fisher = \(number(test.p)), fisher_se = \(number(standardError(test))))")
            }
            if let test = row.surveyTest {
                let shares = row.survey.filter { $0.answered > 0 }
                fields.append("survey = list(x = c(\(shares.map { String($0.present) }.joined(separator: ", "))), "
                    + "n = c(\(shares.map { String($0.answered) }.joined(separator: ", "))), fisher = \(number(test.p)), fisher_se = \(number(standardError(test))))")
            }
            return fields
        }
        guard !entries.isEmpty else { return [] }
        return block(
            "\(table.id): per code ~ item, mentioned / all participants and present / answered, per group",
            name: "rows", entries: entries, call: "joint_rows(\(string(table.id)), rows)")
    }

    private static func survey(_ table: SurveyTableResult) -> [String] {
        var lines: [String] = []
        for instrument in table.instruments {
            var items: [[String]] = []
            for item in instrument.items {
                let values = "c(\(item.scale.values.map { String($0.value) }.joined(separator: ", ")))"
                // The column with the given level of each column variable (the comparison's group and stratum).
                func column(_ group: String, _ comparison: SurveyComparison) -> Int? {
                    instrument.columns.firstIndex { column in
                        zip(table.columnVariables, column.values).allSatisfy { variable, value in
                            variable == comparison.variable ? value == group
                                : variable == comparison.stratumVariable ? value == comparison.stratum : false
                        }
                    }
                }
                func counts(_ column: Int) -> String {
                    "c(\(item.counts[column].map(String.init).joined(separator: ", ")))"
                }
                func shown(_ column: Int) -> Bool { !(item.suppressedCounts?[column].contains(true) ?? false) }
                var fields: [String] = []
                if let chi = item.chiSquare {
                    let columns = item.chiSquareColumns ?? Array(instrument.columns.indices)
                    fields.append("chi = list(counts = list(\(columns.map(counts).joined(separator: ", "))), "
                        + "value = c(\(number(chi.pearson)), \(number(chi.pearsonP))), adjusted = \(number(item.chiSquareAdjustedP)))")
                }
                let tests = item.comparisons.compactMap { comparison -> String? in
                    guard comparison.p != nil else { return nil }
                    let columns = comparison.groups.compactMap { column($0, comparison) }
                    // Every count a published test rests on is published (the gate); skip none silently.
                    guard columns.count == comparison.groups.count, columns.allSatisfy(shown) else {
                        return "list(family = \(string(comparison.family)), name = \(string(comparison.family)), unprintable = TRUE)"
                    }
                    let value = comparison.test.map { "mw = c(\(number($0.w)), \(number($0.p)))" }
                        ?? comparison.kruskalWallis.map { "kw = c(\(number($0.statistic)), \(number($0.p)))" }
                        ?? comparison.linearByLinear.map { "lbl = c(\(number($0.statistic)), \(number($0.p)))" }!
                    let name = (comparison.stratum.map { "\(comparison.stratumVariable ?? "") \($0): " } ?? "")
                        + comparison.groups.joined(separator: " vs ")
                    return "list(family = \(string(comparison.family)), name = \(string(name)), groups = list(\(columns.map(counts).joined(separator: ", "))), "
                        + "\(value), adjusted = \(number(comparison.adjustedP)))"
                }
                if !tests.isEmpty { fields.append("tests = list(\(tests.joined(separator: ", ")))") }
                guard !fields.isEmpty else { continue }
                items.append(["id = \(string(item.itemID))", "values = \(values)"] + fields)
            }
            guard !items.isEmpty else { continue }
            lines += block(
                "\(table.id), \(instrument.instrumentID): answers per value, per group", name: "items", entries: items,
                call: "survey_items(\(string(table.id + " " + instrument.instrumentID)), items)")
        }
        return lines
    }

    /// An R list of entries (one `list(…)` a line) assigned to `name`, under a comment, then the call that
    /// reruns them.
    private static func block(_ comment: String, name: String, entries: [[String]], call: String) -> [String] {
        ["", "# " + comment, "\(name) <- list("]
            + entries.enumerated().map { index, fields in
                "  list(" + fields.joined(separator: ", ") + ")" + (index < entries.count - 1 ? "," : "")
            }
            + [")", call]
    }

    // MARK: - Values

    /// A double as R reads it back to the same value; `NA` for none, `Inf` for +∞.
    static func number(_ x: Double?) -> String {
        guard let x else { return "NA" }
        if x == .infinity { return "Inf" }
        if x.isNaN { return "NaN" }
        return "\(x)"
    }

    static func string(_ s: String) -> String {
        "\"" + ASCIIReplacement.replacing("\"", with: "\\\"", in: ASCIIReplacement.replacing("\\", with: "\\\\", in: s)) + "\""
    }

    /// The Monte Carlo standard error of a Fisher p-value, 0 when it is exact.
    static func standardError(_ test: FisherExactTest) -> Double {
        if case .monteCarlo(_, _, let standardError) = test.method { return standardError }
        return 0
    }

    // MARK: - The script's functions

    private static func prelude(study: String) -> [String] {
        [
            "# reproduce.R: every published test of this report, rerun in R from the report's published counts.",
            "# Study: \(ASCIIReplacement.replacing("\n", with: " ", in: ASCIIReplacement.replacing("\r", with: " ", in: study)))",
            "# Base R only. Run from anywhere: Rscript reproduce.R",
            "# One line per test: MATCH or DIFFER, the report's value and R's (relative tolerance 1e-6; a Monte Carlo",
            "# p-value of the report within four standard errors of R's exact p, or of R's own Monte Carlo estimate",
            "# where R's fisher.test cannot solve the table with its default workspace).",
            "# It holds only counts the report prints: a test whose counts are hidden was withheld and is not here.",
            "",
            "options(warn = -1)",
            "n_match <- 0L",
            "n_differ <- 0L",
            "close_to <- function(ours, r, se = 0) {",
            "  if (length(ours) != length(r)) return(FALSE)",
            "  all(mapply(function(a, b) {",
            "    if (is.na(a) || is.na(b)) return(is.na(a) && is.na(b))",
            "    if (is.infinite(a) || is.infinite(b)) return(identical(a, b))",
            "    abs(a - b) <= max(1e-6 * abs(b), 1e-12, 4 * se)",
            "  }, ours, r))",
            "}",
            "report <- function(label, ours, r, se = 0) {",
            "  ok <- close_to(ours, r, se)",
            "  if (ok) n_match <<- n_match + 1L else n_differ <<- n_differ + 1L",
            "  fmt <- function(v) paste(formatC(v, digits = 10, format = \"g\"), collapse = \", \")",
            "  cat(sprintf(\"%s %s: report %s; R %s\\n\", if (ok) \"MATCH \" else \"DIFFER\", label, fmt(ours), fmt(r)))",
            "}",
            "fisher_p <- function(m, ours_se) {",
            "  p <- tryCatch(fisher.test(m)$p.value, error = function(e) NA)",
            "  if (is.na(p)) {",
            "    set.seed(1)",
            "    p <- fisher.test(m, simulate.p.value = TRUE, B = 100000)$p.value",
            "    return(list(p = p, se = max(ours_se, sqrt(p * (1 - p) / 100000))))",
            "  }",
            "  list(p = p, se = ours_se)",
            "}",
            "# Breslow-Day with Tarone's correction (Breslow & Day 1980; Tarone 1985), over the strata whose margins",
            "# allow more than one table, with the Mantel-Haenszel common odds ratio.",
            "breslow_day <- function(strata) {",
            "  informative <- Filter(function(s) min(s[1, 1] + s[1, 2], s[1, 1] + s[2, 1]) > max(0, s[1, 1] + s[1, 2] + s[1, 1] + s[2, 1] - sum(s)), strata)",
            "  psi <- sum(sapply(informative, function(s) s[1, 1] * s[2, 2] / sum(s))) / sum(sapply(informative, function(s) s[1, 2] * s[2, 1] / sum(s)))",
            "  x2 <- 0; a <- 0; e <- 0; v <- 0",
            "  for (s in informative) {",
            "    t <- s[1, 1] + s[1, 2]; m <- s[1, 1] + s[2, 1]; n <- sum(s)",
            "    q <- 1 - psi; l <- n - t - m + psi * (t + m); k <- -psi * t * m",
            "    roots <- if (abs(q) < 1e-12) -k / l else c((-l + sqrt(l^2 - 4 * q * k)) / (2 * q), (-l - sqrt(l^2 - 4 * q * k)) / (2 * q))",
            "    ex <- roots[roots > max(0, t + m - n) - 1e-9 & roots < min(t, m) + 1e-9][1]",
            "    va <- 1 / (1 / ex + 1 / (t - ex) + 1 / (m - ex) + 1 / (n - t - m + ex))",
            "    x2 <- x2 + (s[1, 1] - ex)^2 / va; a <- a + s[1, 1]; e <- e + ex; v <- v + va",
            "  }",
            "  x2 <- x2 - (a - e)^2 / v",
            "  c(x2, length(informative) - 1, pchisq(x2, length(informative) - 1, lower.tail = FALSE))",
            "}",
            "two_by_two <- function(cells) matrix(c(cells[1], cells[3], cells[2] - cells[1], cells[4] - cells[3]), 2)",
            "chi_square <- function(m) {",
            "  m <- m[rowSums(m) > 0, colSums(m) > 0, drop = FALSE]",
            "  test <- chisq.test(m, correct = FALSE)",
            "  c(unname(test$statistic), test$p.value)",
            "}",
            "adjust_families <- function(p, family) {",
            "  adjusted <- rep(NA_real_, length(p))",
            "  for (f in unique(family[!is.na(p)])) {",
            "    members <- which(family == f & !is.na(p))",
            "    adjusted[members] <- p.adjust(p[members], method = \"BH\")",
            "  }",
            "  adjusted",
            "}",
            "crosstab_rows <- function(table, rows) {",
            "  p <- sapply(rows, function(row) fisher_p(rbind(row$x, row$n - row$x), row$fisher_se)$p)",
            "  adjusted <- adjust_families(p, sapply(rows, function(row) row$kind))",
            "  for (i in seq_along(rows)) {",
            "    row <- rows[[i]]",
            "    m <- rbind(row$x, row$n - row$x)",
            "    fisher <- fisher_p(m, row$fisher_se)",
            "    ours <- c(row$fisher, row$adjusted); r <- c(fisher$p, adjusted[i])",
            "    label <- sprintf(\"%s %s %s: fisher.test p, p.adjust BH\", table, row$kind, row$id)",
            "    if (!is.null(row$chi)) {",
            "      ours <- c(ours, row$chi); r <- c(r, chi_square(m))",
            "      label <- paste0(label, \", chisq.test X2, p\")",
            "    }",
            "    report(label, ours, r, fisher$se)",
            "  }",
            "}",
            "comparison_rows <- function(table, rows) {",
            "  p <- sapply(rows, function(row) {",
            "    if (identical(row$test, \"cmh-exact\")) return(mantelhaen.test(array(sapply(row$strata, two_by_two), c(2, 2, length(row$strata))), exact = TRUE)$p.value)",
            "    if (identical(row$test, \"cmh\")) return(mantelhaen.test(array(sapply(row$strata, two_by_two), c(2, 2, length(row$strata))), correct = FALSE)$p.value)",
            "    if (identical(row$test, \"fisher-pooled\")) return(fisher_p(two_by_two(row$pooled), row$fisher_se)$p)",
            "    NA",
            "  })",
            "  adjusted <- adjust_families(p, sapply(rows, function(row) row$kind))",
            "  for (i in seq_along(rows)) {",
            "    row <- rows[[i]]",
            "    for (s in row$within) {",
            "      fisher <- fisher_p(two_by_two(s$cells), s$fisher_se)",
            "      report(sprintf(\"%s %s %s, %s: fisher.test p\", table, row$kind, row$id, s$stratum), s$fisher, fisher$p, fisher$se)",
            "    }",
            "    if (identical(row$test, \"cmh-exact\") || identical(row$test, \"cmh\")) {",
            "      x <- array(sapply(row$strata, two_by_two), c(2, 2, length(row$strata)))",
            "      if (!is.null(row$exact)) {",
            "        exact <- mantelhaen.test(x, exact = TRUE)",
            "        report(sprintf(\"%s %s %s, pooled: mantelhaen.test(exact = TRUE) p, estimate, 95%% CI\", table, row$kind, row$id),",
            "               row$exact, c(exact$p.value, unname(exact$estimate), exact$conf.int))",
            "      }",
            "      asymptotic <- mantelhaen.test(x, correct = FALSE)",
            "      report(sprintf(\"%s %s %s, pooled: mantelhaen.test(correct = FALSE) X2, p\", table, row$kind, row$id),",
            "             row$cmh, c(unname(asymptotic$statistic), asymptotic$p.value))",
            "      if (!is.null(row$bd)) {",
            "        strata <- lapply(row$strata, two_by_two)",
            "        report(sprintf(\"%s %s %s, strata: Breslow-Day-Tarone X2, df, p\", table, row$kind, row$id), row$bd, breslow_day(strata))",
            "      }",
            "    } else if (identical(row$test, \"fisher-pooled\")) {",
            "      fisher <- fisher_p(two_by_two(row$pooled), row$fisher_se)",
            "      report(sprintf(\"%s %s %s, pooled counts: fisher.test p\", table, row$kind, row$id), row$fisher, fisher$p, fisher$se)",
            "    }",
            "    if (!is.na(row$adjusted)) report(sprintf(\"%s %s %s, pooled: p.adjust BH\", table, row$kind, row$id), row$adjusted, adjusted[i])",
            "  }",
            "}",
            "joint_rows <- function(table, rows) {",
            "  for (row in rows) for (side in c(\"interviews\", \"survey\")) {",
            "    s <- row[[side]]",
            "    if (is.null(s)) next",
            "    fisher <- fisher_p(rbind(s$x, s$n - s$x), s$fisher_se)",
            "    report(sprintf(\"%s %s, %s: fisher.test p\", table, row$id, side), s$fisher, fisher$p, fisher$se)",
            "  }",
            "}",
            "# The linear-by-linear association test (Agresti 2002, 3.4.1): M2 = (N - 1) r^2, groups scored 1, 2, ...",
            "linear_by_linear <- function(groups, values) {",
            "  u <- unlist(lapply(seq_along(groups), function(i) rep(i, sum(groups[[i]]))))",
            "  v <- unlist(lapply(groups, function(g) rep(values, g)))",
            "  m2 <- (length(u) - 1) * cor(u, v)^2",
            "  c(m2, pchisq(m2, 1, lower.tail = FALSE))",
            "}",
            "survey_items <- function(table, items) {",
            "  answers <- function(values, counts) rep(values, counts)",
            "  chi <- sapply(items, function(item) if (is.null(item$chi)) NA else chi_square(do.call(cbind, item$chi$counts))[2])",
            "  chi_adjusted <- p.adjust(chi[!is.na(chi)], method = \"BH\")",
            "  tests <- list()",
            "  for (i in seq_along(items)) for (t in items[[i]]$tests) tests[[length(tests) + 1]] <- c(t, item = i)",
            "  p <- sapply(tests, function(t) {",
            "    if (!is.null(t$unprintable)) return(NA)",
            "    samples <- lapply(t$groups, function(g) answers(items[[t$item]]$values, g))",
            "    if (!is.null(t$mw)) return(wilcox.test(samples[[1]], samples[[2]])$p.value)",
            "    if (!is.null(t$lbl)) return(linear_by_linear(t$groups, items[[t$item]]$values)[2])",
            "    kruskal.test(samples)$p.value",
            "  })",
            "  adjusted <- adjust_families(p, sapply(tests, function(t) t$family))",
            "  for (i in seq_along(items)) {",
            "    item <- items[[i]]",
            "    if (!is.null(item$chi)) {",
            "      r <- c(chi_square(do.call(cbind, item$chi$counts)), chi_adjusted[sum(!is.na(chi[seq_len(i)]))])",
            "      report(sprintf(\"%s %s: chisq.test X2, p, p.adjust BH\", table, item$id), c(item$chi$value, item$chi$adjusted), r)",
            "    }",
            "  }",
            "  for (j in seq_along(tests)) {",
            "    t <- tests[[j]]",
            "    item <- items[[t$item]]",
            "    if (!is.null(t$unprintable)) {",
            "      report(sprintf(\"%s %s, %s: a count of the test is not printed\", table, item$id, t$name), 0, NA)",
            "      next",
            "    }",
            "    samples <- lapply(t$groups, function(g) answers(item$values, g))",
            "    if (!is.null(t$lbl)) {",
            "      report(sprintf(\"%s %s, %s: linear-by-linear M2, p, p.adjust BH\", table, item$id, t$name), c(t$lbl, t$adjusted),",
            "             c(linear_by_linear(t$groups, item$values), adjusted[j]))",
            "    } else if (!is.null(t$mw)) {",
            "      w <- wilcox.test(samples[[1]], samples[[2]])",
            "      report(sprintf(\"%s %s, %s: wilcox.test W, p, p.adjust BH\", table, item$id, t$name), c(t$mw, t$adjusted),",
            "             c(unname(w$statistic), w$p.value, adjusted[j]))",
            "    } else {",
            "      k <- kruskal.test(samples)",
            "      report(sprintf(\"%s %s, %s: kruskal.test H, p, p.adjust BH\", table, item$id, t$name), c(t$kw, t$adjusted),",
            "             c(unname(k$statistic), k$p.value, adjusted[j]))",
            "    }",
            "  }",
            "}",
        ]
    }
}
