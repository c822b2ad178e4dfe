#!/usr/bin/env Rscript
# Reference values for the statistics in `analyze`, computed with R.
#
# Run by hand (not in CI) from the repository root:
#     Rscript reference/compute_reference.R
# It writes Tests/StatisticsTests/Fixtures/reference.json (or the path given as
# the first argument). See reference/README.md for the versions used and for the
# conventions; /work/shared/STATISTICS.md explains the traps.
#
# Everything is deterministic: every data set is written literally below, no
# random numbers are drawn, and every Fisher p-value is exact (FEXACT or the
# 2x2 hypergeometric sum, never simulate.p.value).
#
# Needs only base R (stats). psych, if installed, is used for cross-checks of
# Cronbach's alpha and Cohen's kappa, and coin, if installed, for the
# linear-by-linear test; the values written come from the formulas and R
# functions named next to each section.

suppressPackageStartupMessages({
  have_psych <- requireNamespace("psych", quietly = TRUE)
})

args <- commandArgs(trailingOnly = TRUE)
out_path <- if (length(args) >= 1) args[[1]] else
  file.path("Tests", "StatisticsTests", "Fixtures", "reference.json")

Z975 <- qnorm(0.975)

# ---------------------------------------------------------------------------
# A small JSON writer with full double precision.
# jsonlite's toJSON(digits = NA) keeps only 15 significant digits, so numbers
# are written here as the shortest of %.15g/%.16g/%.17g that reads back to the
# identical double. Conventions: a named list is an object; an unnamed list or
# an atomic vector wrapped in arr() is an array; a bare length-1 atomic is a
# scalar; a matrix is an array of rows; NA/NaN/Inf and NULL become null.
# ---------------------------------------------------------------------------
arr <- function(x) structure(list(v = x), class = "json_array")
json_num <- function(x) {
  if (is.na(x) || !is.finite(x)) return("null")
  if (is.integer(x)) return(as.character(x))
  for (d in 15:17) {
    s <- sprintf("%.*g", d, x)
    if (as.numeric(s) == x) break
  }
  s
}
json_str <- function(s) {
  s <- gsub("\\\\", "\\\\\\\\", s)
  s <- gsub("\"", "\\\\\"", s)
  paste0("\"", s, "\"")
}
json_atom <- function(x) {
  if (is.character(x)) return(if (is.na(x)) "null" else json_str(x))
  if (is.logical(x)) return(if (is.na(x)) "null" else if (x) "true" else "false")
  json_num(x)
}
to_json <- function(x, indent = 0) {
  pad <- strrep("  ", indent)
  pad1 <- strrep("  ", indent + 1)
  if (is.null(x)) return("null")
  if (inherits(x, "json_array")) {
    v <- x$v
    if (is.matrix(v)) return(to_json(lapply(seq_len(nrow(v)), function(i) arr(v[i, ])), indent))
    if (length(v) == 0) return("[]")
    return(paste0("[", paste(vapply(seq_along(v), function(i) json_atom(v[[i]]), ""), collapse = ", "), "]"))
  }
  if (is.matrix(x)) return(to_json(arr(x), indent))
  if (is.list(x)) {
    if (length(x) == 0) return(if (is.null(names(x))) "[]" else "{}")
    if (!is.null(names(x))) {
      items <- vapply(names(x), function(k) paste0(pad1, json_str(k), ": ", to_json(x[[k]], indent + 1)), "")
      return(paste0("{\n", paste(items, collapse = ",\n"), "\n", pad, "}"))
    }
    items <- vapply(x, function(e) paste0(pad1, to_json(e, indent + 1)), "")
    return(paste0("[\n", paste(items, collapse = ",\n"), "\n", pad, "]"))
  }
  if (length(x) == 1) return(json_atom(x))
  to_json(arr(x), indent)
}

# Build a matrix from a list of rows (rows x columns, as in the JSON).
rows <- function(...) {
  r <- list(...)
  m <- do.call(rbind, lapply(r, as.integer))
  storage.mode(m) <- "integer"
  m
}
# A matrix as a JSON array of rows (always an array, even for one column).
mat_json <- function(m) lapply(seq_len(nrow(m)), function(i) arr(unname(m[i, ])))

# ---------------------------------------------------------------------------
# Fisher's exact test: fisher.test(table) — exact, no simulation.
# 2x2: also the conditional MLE odds ratio and its exact 95% CI.
# ---------------------------------------------------------------------------
fisher_cases <- list(
  list("2x2 zero cell", rows(c(0, 7), c(5, 3))),
  list("2x2 balanced margins", rows(c(12, 8), c(8, 12))),
  list("2x2 tiny n=6", rows(c(2, 1), c(1, 2))),
  list("2x2 strong association", rows(c(7, 1), c(2, 9))),
  list("2x2 large n=2000", rows(c(612, 388), c(540, 460))),
  list("2x3", rows(c(8, 5, 2), c(3, 6, 9))),
  list("3x2 (transpose of 2x3, same p)", rows(c(8, 3), c(5, 6), c(2, 9))),
  list("2x4 with all-zero column 2", rows(c(5, 0, 3, 7), c(2, 0, 8, 4))),
  list("2x6 n=120 (six roles)", rows(c(12, 9, 15, 4, 7, 11), c(8, 14, 6, 13, 10, 11))),
  list("3x3 small", rows(c(3, 1, 0), c(1, 4, 2), c(0, 2, 5))),
  list("2x3 with zero cells", rows(c(0, 4, 6), c(5, 1, 0)))
)
fisher <- lapply(fisher_cases, function(cs) {
  tab <- cs[[2]]
  ft <- fisher.test(tab)
  is2 <- all(dim(tab) == 2)
  list(
    name = cs[[1]],
    table = mat_json(tab),
    p = ft$p.value,
    conditional_or = if (is2) unname(ft$estimate) else NULL,
    conditional_or_ci = if (is2) arr(as.numeric(ft$conf.int)) else NULL
  )
})

# ---------------------------------------------------------------------------
# BEGIN fisher_rxc — Fisher-Freeman-Halton on r x c tables beyond exhaustive
# enumeration, exact by R's FEXACT (the network algorithm): fisher.test(t,
# workspace = ws)$p.value, never simulate.p.value. `workspace` is the one R
# needed: 200000 is R's default; the cases with a larger one fail with the
# default (FEXACT error 6 or 7), which `default_workspace_fails` records.
# ---------------------------------------------------------------------------
fisher_rxc_cases <- list(
  list("2x6 crosstab row, about 30 per group", rows(c(12, 18, 9, 15, 20, 11), c(18, 12, 21, 15, 10, 19)), 200000),
  list("2x4, 300 per group", rows(c(140, 160, 120, 150), c(160, 140, 180, 150)), 200000),
  list("3x5, n = 150", rows(c(12, 8, 10, 6, 14), c(9, 11, 7, 13, 10), c(10, 12, 9, 11, 8)), 200000),
  list("5x5 sparse, n = 20", rows(c(3, 0, 1, 0, 0), c(0, 2, 0, 1, 0), c(1, 0, 4, 0, 1), c(0, 1, 0, 3, 0), c(0, 0, 1, 0, 2)), 200000),
  list("2x10, about 15 per group", rows(c(7, 9, 5, 8, 6, 10, 4, 8, 7, 9), c(8, 6, 10, 7, 9, 5, 11, 7, 8, 6)), 200000),
  list("4x6, n = 100", rows(c(5, 3, 6, 2, 4, 5), c(3, 6, 2, 5, 4, 3), c(4, 4, 5, 3, 6, 2), c(6, 2, 3, 5, 4, 3)), 200000),
  list("3x3 with one huge row", rows(c(300, 250, 280), c(3, 1, 5), c(2, 6, 1)), 200000),
  list("6x6, n = 40", rows(c(1, 2, 0, 3, 1, 0), c(0, 1, 2, 1, 0, 2), c(2, 0, 1, 0, 2, 1), c(1, 1, 0, 2, 1, 1), c(0, 2, 1, 0, 1, 2), c(2, 0, 2, 1, 0, 1)), 200000),
  list("2x12, n = 240 (Monte Carlo before the network algorithm)", rows(c(8, 10, 12, 9, 7, 11, 10, 8, 11, 9, 8, 12), c(12, 10, 8, 11, 13, 9, 10, 12, 9, 11, 12, 8)), 200000),
  list("2x5, n = 5000, many tables within 1e-6 of P(observed)", rows(c(729, 354, 645, 771, 646), c(448, 216, 377, 444, 370)), 200000),
  list("2x5, n = 5000", rows(c(480, 520, 505, 495, 510), c(520, 480, 495, 505, 490)), 200000),
  list("2x6, n = 600 (needs a larger workspace)", rows(c(43, 47, 39, 56, 36, 49), c(54, 87, 43, 51, 38, 57)), 2000000),
  list("2x6, n = 1500 (needs a larger workspace)", rows(c(152, 96, 78, 147, 78, 156), c(182, 101, 105, 156, 81, 168)), 2000000),
  list("3x5, n = 150 (needs a larger workspace)", rows(c(11, 11, 4, 4, 13), c(9, 10, 5, 9, 6), c(9, 15, 8, 16, 20)), 2000000),
  list("5x5, n = 60 (needs a larger workspace)", rows(c(5, 8, 5, 1, 1), c(1, 2, 1, 1, 0), c(5, 0, 5, 1, 3), c(1, 5, 1, 0, 1), c(0, 7, 4, 1, 1)), 2000000)
)
fisher_rxc <- lapply(fisher_rxc_cases, function(cs) {
  tab <- cs[[2]]
  ws <- cs[[3]]
  default_fails <- inherits(tryCatch(fisher.test(tab), error = function(e) e), "error")
  if (default_fails != (ws > 200000)) stop("fisher_rxc case '", cs[[1]], "': the default workspace ",
                                            if (default_fails) "fails" else "suffices", ", contrary to its workspace")
  list(
    name = cs[[1]],
    table = mat_json(tab),
    workspace = ws,
    default_workspace_fails = default_fails,
    p = fisher.test(tab, workspace = ws)$p.value
  )
})
# END fisher_rxc

# ---------------------------------------------------------------------------
# Chi-square: chisq.test(table, correct = FALSE); G^2 = 2 sum O ln(O/E) with
# 0 ln 0 = 0 and the same df; Cramer's V from the uncorrected X^2;
# adjusted residuals = $stdres. Empty rows/columns are dropped first (R gives
# NaN on the raw table); the name says so and "table" holds the raw table.
# ---------------------------------------------------------------------------
chi_cases <- list(
  list("2x2", rows(c(20, 15), c(10, 25))),
  list("2x2 with zero cell", rows(c(0, 8), c(6, 4))),
  list("2x3", rows(c(25, 18, 12), c(15, 22, 28))),
  list("3x4 small expected counts", rows(c(3, 1, 0, 2), c(1, 4, 2, 1), c(2, 0, 5, 1))),
  list("3x3 with all-zero row 2 (values after dropping it: a 2x3 table)", rows(c(10, 6, 4), c(0, 0, 0), c(5, 9, 11))),
  list("2x3 with all-zero column 2 (values after dropping it: a 2x2 table)", rows(c(7, 0, 5), c(3, 0, 9))),
  list("2x3 large counts n=2700", rows(c(512, 488, 301), c(430, 610, 359))),
  list("4x2", rows(c(14, 6), c(9, 11), c(5, 15), c(12, 8)))
)
chi_square <- lapply(chi_cases, function(cs) {
  raw <- cs[[2]]
  tab <- raw[rowSums(raw) > 0, colSums(raw) > 0, drop = FALSE]
  ct <- suppressWarnings(chisq.test(tab, correct = FALSE))
  O <- tab
  E <- ct$expected
  g2 <- 2 * sum(ifelse(O > 0, O * log(O / E), 0))
  df <- as.integer(ct$parameter)
  n <- sum(tab)
  list(
    name = cs[[1]],
    table = mat_json(raw),
    pearson = unname(ct$statistic),
    df = df,
    p = ct$p.value,
    g2 = g2,
    g2_p = pchisq(g2, df, lower.tail = FALSE),
    min_expected = min(E),
    cells_below_5 = as.integer(sum(E < 5)),
    cramers_v = sqrt(unname(ct$statistic) / (n * (min(dim(tab)) - 1))),
    adjusted_residuals = mat_json(unname(ct$stdres))
  )
})

# ---------------------------------------------------------------------------
# Sample odds ratio ad/bc with the Woolf 95% CI; Haldane-Anscombe (+0.5 to
# every cell) when any cell is zero.
# ---------------------------------------------------------------------------
or_cases <- list(
  list("no zero cell", rows(c(20, 15), c(10, 25))),
  list("OR below 1", rows(c(3, 12), c(9, 6))),
  list("one zero cell (haldane)", rows(c(0, 8), c(6, 4))),
  list("two zero cells (haldane)", rows(c(5, 0), c(0, 7))),
  list("large counts n=2000", rows(c(612, 388), c(540, 460))),
  list("tiny n=6", rows(c(2, 1), c(1, 2)))
)
odds_ratio <- lapply(or_cases, function(cs) {
  tab <- cs[[2]]
  haldane <- any(tab == 0)
  t2 <- if (haldane) tab + 0.5 else tab
  a <- t2[1, 1]; b <- t2[1, 2]; c <- t2[2, 1]; d <- t2[2, 2]
  or <- (a * d) / (b * c)
  se <- sqrt(1 / a + 1 / b + 1 / c + 1 / d)
  list(
    name = cs[[1]],
    table = mat_json(tab),
    odds_ratio = or,
    ci = arr(exp(log(or) + c(-1, 1) * Z975 * se)),
    correction = if (haldane) "haldane" else "none"
  )
})

# ---------------------------------------------------------------------------
# Risk difference a/(a+b) - c/(c+d) (rows = groups, first column = mentioned).
# ---------------------------------------------------------------------------
rd_cases <- list(
  list("2x2", rows(c(20, 15), c(10, 25))),
  list("zero cell", rows(c(0, 8), c(6, 4))),
  list("equal proportions", rows(c(5, 5), c(7, 7))),
  list("extreme 1 vs 0", rows(c(4, 0), c(0, 9))),
  list("large counts n=2000", rows(c(612, 388), c(540, 460))),
  list("thirds", rows(c(1, 2), c(2, 1)))
)
risk_difference <- lapply(rd_cases, function(cs) {
  t <- cs[[2]]
  list(name = cs[[1]], table = mat_json(t),
       difference = t[1, 1] / (t[1, 1] + t[1, 2]) - t[2, 1] / (t[2, 1] + t[2, 2]))
})

# ---------------------------------------------------------------------------
# Wilson score interval: prop.test(k, n, correct = FALSE)$conf.int, 95%.
# ---------------------------------------------------------------------------
wilson_cases <- list(c(0, 10), c(10, 10), c(1, 3), c(17, 60), c(312, 1000),
                     c(0, 1), c(1, 1), c(5, 10), c(3, 1000), c(999, 1000), c(50, 120))
wilson <- lapply(wilson_cases, function(kn) {
  ci <- suppressWarnings(prop.test(kn[1], kn[2], correct = FALSE)$conf.int)
  list(k = as.integer(kn[1]), n = as.integer(kn[2]), lower = ci[1], upper = ci[2])
})

# ---------------------------------------------------------------------------
# Benjamini-Hochberg: p.adjust(p, "BH").
# ---------------------------------------------------------------------------
bh_cases <- list(
  c(0.01, 0.01, 0.03, 0.04, 0.04, 0.2),             # ties
  c(0.5, 1, 0.02, 1, 0.8),                          # p = 1
  c(0.041, 0.002, 0.3, 0.012, 0.75, 0.009, 0.5),    # unsorted
  c(0.03),                                          # single p
  c(1e-10, 3e-6, 0.0004),                           # tiny
  c(0.9, 0.95, 0.99),                               # adjusted capped by the largest
  c(0.2, 0.001, 0.2, 0.001, 0.05, 0.2, 0.6, 0.049)  # ties, unsorted
)
benjamini_hochberg <- lapply(bh_cases, function(p) list(p = arr(p), adjusted = arr(p.adjust(p, "BH"))))

# ---------------------------------------------------------------------------
# Cochran-Mantel-Haenszel for 2x2xK: mantelhaen.test(array), with
# correct = FALSE and correct = TRUE (R's default). The MH odds ratio and its
# CI do not depend on `correct`.
# ---------------------------------------------------------------------------
cmh_cases <- list(
  list("2 strata (KZ, UK): fathers vs mothers", list(rows(c(18, 12), c(9, 21)), rows(c(14, 16), c(7, 23)))),
  list("3 strata with a zero cell", list(rows(c(5, 3), c(0, 6)), rows(c(7, 4), c(3, 8)), rows(c(4, 6), c(2, 9)))),
  list("4 strata, OR near 1; sum(a - E) = 0.5 exactly, so the corrected statistic is 0 and p_corrected 1", list(rows(c(10, 10), c(11, 9)), rows(c(6, 14), c(5, 15)),
                                           rows(c(20, 5), c(18, 7)), rows(c(3, 3), c(4, 2)))),
  list("2 strata, large counts", list(rows(c(320, 180), c(250, 250)), rows(c(410, 90), c(370, 130))))
)
cmh <- lapply(cmh_cases, function(cs) {
  strata <- cs[[2]]
  a <- array(unlist(lapply(strata, as.vector)), dim = c(2, 2, length(strata)))
  m0 <- mantelhaen.test(a, correct = FALSE)
  m1 <- mantelhaen.test(a, correct = TRUE)
  stopifnot(isTRUE(all.equal(m0$estimate, m1$estimate)), isTRUE(all.equal(m0$conf.int, m1$conf.int)))
  list(
    name = cs[[1]],
    strata = lapply(strata, mat_json),
    statistic = unname(m0$statistic), p = m0$p.value,
    statistic_corrected = unname(m1$statistic), p_corrected = m1$p.value,
    mh_odds_ratio = unname(m0$estimate), mh_odds_ratio_ci = arr(as.numeric(m0$conf.int))
  )
})

# ---------------------------------------------------------------------------
# Cohen's kappa (unweighted, categories 0/1): (po - pe)/(1 - pe) on the 2x2
# coder x coder table with both categories on both axes. null when pe = 1.
# (irr is not packaged in Debian 12; psych::cohen.kappa is used as a check.)
# ---------------------------------------------------------------------------
kappa_cases <- list(
  list("perfect agreement", c(1, 0, 1, 1, 0, 0, 1, 0, 1, 1), c(1, 0, 1, 1, 0, 0, 1, 0, 1, 1)),
  list("chance level (exactly 0)", c(1, 1, 0, 0, 1, 1, 0, 0), c(1, 0, 1, 0, 1, 0, 1, 0)),
  list("realistic about 0.6 (n=20)",
       c(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0),
       c(1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0)),
  list("near chance, not exactly 0", c(1, 0, 1, 1, 0, 1, 0, 0, 1, 1, 0, 1), c(1, 1, 0, 1, 0, 0, 1, 0, 1, 0, 0, 1)),
  list("systematic disagreement (negative)", c(1, 1, 1, 0, 0, 0, 1, 0), c(0, 0, 1, 1, 1, 0, 0, 1)),
  list("one coder constant (pe < 1, kappa 0)", c(1, 1, 1, 1, 1, 1, 1, 1, 1, 1), c(1, 1, 0, 1, 1, 0, 1, 1, 0, 1)),
  list("both coders constant and equal (pe = 1, undefined)", c(1, 1, 1, 1, 1, 1), c(1, 1, 1, 1, 1, 1))
)
kappa_formula <- function(c1, c2) {
  t <- table(factor(c1, levels = c(0, 1)), factor(c2, levels = c(0, 1)))
  n <- sum(t)
  po <- sum(diag(t)) / n
  pe <- sum(rowSums(t) * colSums(t)) / n^2
  if (pe == 1) return(NA_real_)
  (po - pe) / (1 - pe)
}
cohen_kappa <- lapply(kappa_cases, function(cs) {
  list(name = cs[[1]], coder1 = arr(as.integer(cs[[2]])), coder2 = arr(as.integer(cs[[3]])),
       kappa = kappa_formula(cs[[2]], cs[[3]]))
})

# ---------------------------------------------------------------------------
# Krippendorff's alpha, nominal, coders x units, NA = missing. Coincidence
# matrix: each pairable unit (m_u >= 2 values) adds 1/(m_u - 1) per ordered
# pair of values from different coders; alpha = 1 - (n-1) * sum_{c!=k} o_ck /
# sum_{c!=k} n_c n_k. Undefined (null) when only one value occurs.
# (Formula as irr::kripp.alpha(method = "nominal"); irr is not in Debian 12.)
# ---------------------------------------------------------------------------
kripp_nominal <- function(d) {
  vals <- sort(unique(as.vector(d[!is.na(d)])))
  K <- length(vals)
  o <- matrix(0, K, K)
  for (u in seq_len(ncol(d))) {
    v <- d[!is.na(d[, u]), u]
    m <- length(v)
    if (m < 2) next
    idx <- match(v, vals)
    for (i in seq_len(m)) for (j in seq_len(m)) if (i != j)
      o[idx[i], idx[j]] <- o[idx[i], idx[j]] + 1 / (m - 1)
  }
  nc <- rowSums(o)
  n <- sum(nc)
  Do <- sum(o) - sum(diag(o))
  De <- (sum(nc)^2 - sum(nc^2))
  if (De == 0) return(NA_real_)
  1 - (n - 1) * Do / De
}
NA_ <- NA_integer_
kripp_cases <- list(
  list("perfect agreement, 2 coders", rows(c(1, 0, 1, 1, 0, 0, 1, 0), c(1, 0, 1, 1, 0, 0, 1, 0))),
  list("with missing values, 3 coders",
       rows(c(1, 0, NA_, 1, 1, 0, 0, NA_, 1, 0),
            c(1, 0, 1, NA_, 1, 0, 1, 0, 1, 0),
            c(NA_, 0, 1, 1, 0, 0, 1, 0, NA_, 1))),
  list("three coders, no missing, 3 categories",
       rows(c(1, 2, 3, 3, 2, 1, 1, 3, 2, 2),
            c(1, 2, 3, 2, 2, 1, 2, 3, 2, 1),
            c(1, 3, 3, 3, 2, 1, 1, 3, 1, 2))),
  list("Krippendorff 2011 worked example (nominal, 0.743)",
       rows(c(1, 2, 3, 3, 2, 1, 4, 1, 2, NA_, NA_, NA_),
            c(1, 2, 3, 3, 2, 2, 4, 1, 2, 5, NA_, 3),
            c(NA_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, NA_),
            c(1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, NA_))),
  list("binary presence, 2 coders, 20 units",
       rows(c(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0),
            c(1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0))),
  list("binary, a unit coded by one coder only (drops out)",
       rows(c(1, 0, 1, NA_, 0, 1, 1, 0),
            c(1, 0, 0, 1, 0, 1, NA_, 0))),
  list("only one value used (undefined)", rows(c(1, 1, 1, 1), c(1, 1, NA_, 1)))
)
krippendorff_alpha <- lapply(kripp_cases, function(cs) {
  list(name = cs[[1]], data = mat_json(cs[[2]]), alpha = kripp_nominal(cs[[2]]))
})

# ---------------------------------------------------------------------------
# agreement_binary: two coders, presence (1) / absence (0), from the 2x2 table
# a = both present, b = first only, c = second only, d = both absent, n = a+b+c+d.
# po = (a+d)/n; kappa = (po - pe)/(1 - pe), pe = p1 p2 + (1-p1)(1-p2) (NA when
# pe = 1); Gwet's AC1 (Gwet 2008, q = 2): pe = 2 pi (1 - pi), pi = (p1+p2)/2;
# PABAK = 2 po - 1; prevalence index (a - d)/n and bias index (b - c)/n (Byrt,
# Bishop & Carlin 1993). alpha: kripp_nominal on the two coders' 0/1 vectors.
# (irrCAC is not in Debian 12: compute_reference.py cross-checks with Python irrCAC.)
# ---------------------------------------------------------------------------
binary_agreement_cases <- list(
  list("kappa paradox: 19 of 20 units agree, one coder marks one unit (kappa 0)", c(0, 1, 0, 19)),
  list("rare code, one shared presence (n=20)", c(1, 1, 1, 17)),
  list("balanced, about 0.6 (n=20)", c(9, 2, 2, 7)),
  list("almost universal code (negative kappa)", c(18, 1, 1, 0)),
  list("perfect agreement", c(5, 0, 0, 5)),
  list("systematic disagreement (AC1 -1)", c(0, 4, 4, 0)),
  list("never present (kappa and alpha undefined, AC1 1)", c(0, 0, 0, 10)),
  list("coder bias: the first marks twice as many", c(5, 10, 0, 5)),
  list("large n=10000, rare", c(412, 37, 51, 9500))
)
binary_agreement <- lapply(binary_agreement_cases, function(cs) {
  a <- cs[[2]][1]; b <- cs[[2]][2]; c <- cs[[2]][3]; d <- cs[[2]][4]
  n <- a + b + c + d
  po <- (a + d) / n
  p1 <- (a + b) / n; p2 <- (a + c) / n
  pe_k <- p1 * p2 + (1 - p1) * (1 - p2)
  pi <- (p1 + p2) / 2
  pe_g <- 2 * pi * (1 - pi)
  coder1 <- c(rep(1, a), rep(1, b), rep(0, c), rep(0, d))
  coder2 <- c(rep(1, a), rep(0, b), rep(1, c), rep(0, d))
  stopifnot(identical(is.na(kappa_formula(coder1, coder2)), pe_k == 1))
  list(name = cs[[1]], table = arr(as.integer(cs[[2]])),
       percent_agreement = po,
       kappa = if (pe_k == 1) NA_real_ else (po - pe_k) / (1 - pe_k),
       ac1 = (po - pe_g) / (1 - pe_g),
       pabak = 2 * po - 1,
       prevalence = pi,
       prevalence_index = (a - d) / n,
       bias_index = (b - c) / n,
       alpha = kripp_nominal(rbind(coder1, coder2)))
})

# ---------------------------------------------------------------------------
# Mann-Whitney: wilcox.test(x, y) with R's defaults (exact if nx < 50 and
# ny < 50 and no ties; otherwise normal approximation with continuity
# correction and tie-corrected variance). W = U of x; r = 2W/(nx ny) - 1.
# ---------------------------------------------------------------------------
mw_cases <- list(
  list("small, no ties (exact)", c(12, 15, 9, 20, 17), c(22, 25, 14, 30, 27, 19)),
  list("x mostly larger, no ties (exact)", c(8.5, 9.1, 7.7, 10.2, 6.4, 9.8, 8.0), c(5.2, 6.1, 7.3, 4.8, 6.9)),
  list("with ties (normal_cc)", c(3, 5, 5, 7, 8, 8, 9), c(1, 2, 3, 3, 5, 6, 6, 7)),
  list("unequal sizes 4 vs 15, no ties (exact)", c(21, 34, 18, 40),
       c(3, 5, 7, 9, 11, 13, 15, 17, 19, 22, 24, 26, 28, 30, 32)),
  list("n = 60 vs 60, no ties (normal_cc)",
       c(1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31, 33, 35, 37, 39,
         41, 43, 45, 47, 49, 51, 53, 55, 57, 59, 61, 63, 65, 67, 69, 71, 73, 75, 77, 79,
         81, 83, 85, 87, 89, 91, 93, 95, 97, 99, 101, 103, 105, 107, 109, 111, 113, 115, 117, 119),
       c(30, 32, 34, 36, 38, 40, 42, 44, 46, 48, 50, 52, 54, 56, 58, 60, 62, 64, 66, 68,
         70, 72, 74, 76, 78, 80, 82, 84, 86, 88, 90, 92, 94, 96, 98, 100, 102, 104, 106, 108,
         110, 112, 114, 116, 118, 120, 122, 124, 126, 128, 130, 132, 134, 136, 138, 140, 142, 144, 146, 148)),
  list("nx = 50 (boundary: not < 50, so normal_cc), ny = 8, no ties",
       c(2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30, 32, 34, 36, 38, 40,
         42, 44, 46, 48, 50, 52, 54, 56, 58, 60, 62, 64, 66, 68, 70, 72, 74, 76, 78, 80,
         82, 84, 86, 88, 90, 92, 94, 96, 98, 100),
       c(7, 19, 33, 41, 57, 63, 85, 99)),
  list("nx = 49, ny = 12, no ties (exact)",
       c(2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30, 32, 34, 36, 38, 40,
         42, 44, 46, 48, 50, 52, 54, 56, 58, 60, 62, 64, 66, 68, 70, 72, 74, 76, 78, 80,
         82, 84, 86, 88, 90, 92, 94, 96, 98),
       c(7, 19, 33, 41, 57, 63, 85, 99, 101, 103, 105, 107)),
  list("10 vs 12, no ties (exact; scipy auto gives an asymptotic p here)",
       c(1, 4, 6, 9, 12, 15, 17, 20, 22, 25), c(3, 8, 11, 14, 18, 21, 24, 26, 28, 29, 31, 33)),
  list("5-point Likert, many ties",
       c(1, 2, 2, 3, 3, 3, 4, 4, 4, 4, 5, 5),
       c(2, 3, 3, 4, 4, 4, 5, 5, 5, 5, 5, 3, 4, 2)),
  list("Likert, one group all 5 (ties)", c(5, 5, 5, 5, 5, 5), c(3, 4, 5, 4, 2, 5, 4))
)
# Skipped: all values equal (e.g. x = c(3,3,3), y = c(3,3)): the variance is 0
# and wilcox.test returns W = 3 with p = NaN.
mann_whitney <- lapply(mw_cases, function(cs) {
  x <- cs[[2]]; y <- cs[[3]]
  wt <- suppressWarnings(wilcox.test(x, y))
  method <- if (grepl("exact", wt$method)) "exact" else if (grepl("continuity", wt$method)) "normal_cc" else stop(wt$method)
  W <- unname(wt$statistic)
  list(name = cs[[1]], x = arr(x), y = arr(y), w = W, p = wt$p.value, method = method,
       rank_biserial = 2 * W / (length(x) * length(y)) - 1)
})

# ---------------------------------------------------------------------------
# Cronbach's alpha (raw, ddof 1): k/(k-1) (1 - sum s_i^2 / s_T^2); item-rest
# correlation cor(item, sum of the other items); alpha if item deleted.
# ---------------------------------------------------------------------------
cronbach_alpha <- function(m) {
  k <- ncol(m)
  k / (k - 1) * (1 - sum(apply(m, 2, var)) / var(rowSums(m)))
}
cronbach_cases <- list(
  list("4 items x 20 respondents", rows(
    c(4, 5, 4, 4), c(3, 3, 2, 3), c(5, 5, 4, 5), c(2, 3, 2, 1), c(4, 4, 5, 4),
    c(3, 2, 3, 3), c(1, 2, 1, 2), c(4, 4, 3, 5), c(5, 4, 5, 5), c(2, 2, 3, 2),
    c(3, 4, 3, 3), c(4, 3, 4, 4), c(2, 1, 2, 2), c(5, 5, 5, 4), c(3, 3, 4, 3),
    c(4, 5, 4, 3), c(1, 1, 2, 1), c(3, 4, 2, 3), c(4, 4, 4, 4), c(2, 3, 3, 2))),
  list("5 items, item 3 reverse-scored (already reversed), 12 respondents", rows(
    c(4, 4, 4, 5, 4), c(2, 3, 2, 2, 1), c(5, 4, 5, 5, 5), c(3, 3, 4, 3, 3),
    c(1, 2, 2, 1, 2), c(4, 5, 3, 4, 4), c(3, 2, 3, 3, 2), c(5, 5, 4, 4, 5),
    c(2, 2, 1, 3, 2), c(4, 3, 5, 4, 4), c(3, 4, 2, 3, 3), c(1, 1, 2, 2, 1))),
  list("3 items perfectly correlated, equal variances (x, x, x+1): alpha 1", rows(
    c(1, 1, 2), c(2, 2, 3), c(3, 3, 4), c(4, 4, 5), c(2, 2, 3), c(5, 5, 6), c(3, 3, 4), c(1, 1, 2))),
  list("3 items perfectly correlated, unequal variances (x, 2x, x+2)", rows(
    c(1, 2, 3), c(2, 4, 4), c(3, 6, 5), c(4, 8, 6), c(2, 4, 4), c(5, 10, 7), c(3, 6, 5), c(1, 2, 3))),
  list("3 items, weak consistency (negative covariances)", rows(
    c(1, 5, 3), c(2, 4, 3), c(3, 3, 1), c(4, 2, 5), c(5, 1, 2), c(3, 3, 4), c(2, 5, 2), c(4, 1, 3)))
)
cronbach <- lapply(cronbach_cases, function(cs) {
  m <- cs[[2]]
  storage.mode(m) <- "double"
  k <- ncol(m)
  list(
    name = cs[[1]],
    data = mat_json(cs[[2]]),
    alpha = cronbach_alpha(m),
    item_rest = arr(vapply(seq_len(k), function(j) cor(m[, j], rowSums(m[, -j, drop = FALSE])), 0)),
    alpha_if_deleted = arr(vapply(seq_len(k), function(j) cronbach_alpha(m[, -j, drop = FALSE]), 0))
  )
})

# ---------------------------------------------------------------------------
# Exact conditional CMH test for 2x2xK: mantelhaen.test(array, exact = TRUE).
# Each stratum is rows = group 1 / group 2, columns = mentioned / not. The
# exact p is the two-sided conditional p (tables with P <= P(obs) * (1 + 1e-7)),
# `$estimate` the conditional MLE of the common odds ratio and `$conf.int` its
# exact 95% CI, both found with uniroot as in fisher.test (see README). The
# MLE is 0 when sum(a) is the smallest possible value and Inf when it is the
# largest; Inf is written as null with estimate_infinite = true (likewise the
# upper CI bound, ci_upper_infinite). asymptotic_p / asymptotic_p_corrected are
# mantelhaen.test(correct = FALSE / TRUE). R refuses a stratum with n < 2
# ("sample size in each stratum must be > 1") and fewer than 2 strata ("each
# dimension in table must be >= 2"), exact or not. A stratum with a zero margin
# has one possible table: it adds nothing to the exact distribution or to the
# asymptotic statistic.
# ---------------------------------------------------------------------------
cmh_exact_cases <- list(
  list("KZ and UK, 12 fathers vs 24 mothers each, fathers mention less",
       list(rows(c(3, 9), c(14, 10)), rows(c(4, 8), c(13, 11)))),
  list("KZ and UK, 12 fathers vs 24 mothers each, fathers mention more (case 1 with columns swapped: reciprocal MLE and CI, same p)",
       list(rows(c(9, 3), c(10, 14)), rows(c(8, 4), c(11, 13)))),
  list("KZ and UK, 12 vs 24, weak association",
       list(rows(c(5, 7), c(15, 9)), rows(c(6, 6), c(11, 13)))),
  list("KZ and UK, 12 vs 24, odds ratio exactly 1 in both strata",
       list(rows(c(4, 8), c(8, 16)), rows(c(6, 6), c(12, 12)))),
  list("KZ and UK, 12 vs 24, odds ratios in opposite directions",
       list(rows(c(9, 3), c(8, 16)), rows(c(2, 10), c(16, 8)))),
  list("3 strata (three countries), unequal sizes",
       list(rows(c(3, 5), c(10, 6)), rows(c(2, 8), c(9, 9)), rows(c(4, 4), c(7, 11)))),
  list("4 strata",
       list(rows(c(1, 4), c(6, 5)), rows(c(3, 3), c(5, 9)), rows(c(2, 6), c(8, 4)), rows(c(5, 5), c(6, 8)))),
  list("3 strata of very unequal size (n = 4, 80, 12)",
       list(rows(c(1, 1), c(0, 2)), rows(c(12, 18), c(30, 20)), rows(c(3, 2), c(1, 6)))),
  list("3 strata with zero cells, finite MLE",
       list(rows(c(5, 3), c(0, 6)), rows(c(7, 4), c(3, 8)), rows(c(4, 6), c(2, 9)))),
  list("sum(a) at its maximum: conditional MLE and upper CI bound Inf",
       list(rows(c(4, 2), c(0, 5)), rows(c(3, 0), c(2, 5)))),
  list("sum(a) at its minimum: conditional MLE 0, lower CI bound 0",
       list(rows(c(0, 5), c(4, 3)), rows(c(0, 6), c(7, 5)))),
  list("2 large strata, n = 300 each (100 vs 200)",
       list(rows(c(40, 60), c(70, 130)), rows(c(55, 45), c(90, 110)))),
  list("UK: nobody mentioned (column margin 0), adds nothing; exact p = fisher.test(KZ)",
       list(rows(c(5, 7), c(15, 9)), rows(c(0, 12), c(0, 24)))),
  list("3 strata, everybody mentioned in stratum 2 (column margin 0)",
       list(rows(c(3, 9), c(14, 10)), rows(c(12, 0), c(24, 0)), rows(c(4, 8), c(13, 11)))),
  list("a stratum of n = 2, the smallest R accepts",
       list(rows(c(1, 0), c(0, 1)), rows(c(3, 4), c(5, 6)))),
  list("6 strata of 2 fathers vs 4 mothers (sparse)",
       list(rows(c(1, 1), c(1, 3)), rows(c(2, 0), c(2, 2)), rows(c(0, 2), c(1, 3)),
            rows(c(1, 1), c(3, 1)), rows(c(2, 0), c(1, 3)), rows(c(1, 1), c(0, 4)))),
  list("KZ and UK, 12 vs 24, fathers mention much less",
       list(rows(c(2, 10), c(13, 11)), rows(c(3, 9), c(15, 9)))),
  list("KZ and UK, 12 vs 24, fathers mention more in KZ only",
       list(rows(c(7, 5), c(6, 18)), rows(c(5, 7), c(8, 16))))
)
strata_array <- function(strata) array(unlist(lapply(strata, as.vector)), dim = c(2, 2, length(strata)))
cmh_exact <- lapply(cmh_exact_cases, function(cs) {
  strata <- cs[[2]]
  a <- strata_array(strata)
  ex <- mantelhaen.test(a, exact = TRUE)
  m0 <- mantelhaen.test(a, correct = FALSE)
  m1 <- mantelhaen.test(a, correct = TRUE)
  est <- unname(ex$estimate)
  ci <- as.numeric(ex$conf.int)
  stopifnot(!is.na(est), all(!is.na(ci)), est >= 0, ci[1] >= 0, is.finite(ci[1]))
  list(
    name = cs[[1]],
    strata = lapply(strata, mat_json),
    exact_p = ex$p.value,
    conditional_mle = est,                # Inf is written as null
    estimate_infinite = is.infinite(est),
    exact_ci = arr(ci),                   # an infinite upper bound is written as null
    ci_upper_infinite = is.infinite(ci[2]),
    asymptotic_p = m0$p.value,
    asymptotic_p_corrected = m1$p.value
  )
})

# ---------------------------------------------------------------------------
# Breslow-Day test of equal odds ratios across strata, with Tarone's
# correction (Breslow & Day 1980, section 4.4; Tarone 1985). DescTools is not
# packaged in Debian 12, so it is computed here from the formulas:
#   psi   = MH odds ratio sum(a d / n) / sum(b c / n) over all strata;
#   a~_k  = the root in (max(0, n1 + m1 - N), min(n1, m1)) of
#           (1 - psi) a~^2 + (N - n1 - m1 + psi (n1 + m1)) a~ - psi n1 m1 = 0
#           (n1 = a + b, m1 = a + c, N = stratum total), i.e. the a with the
#           stratum's margins whose odds ratio is psi;
#   V_k   = 1 / (1/a~ + 1/(n1 - a~) + 1/(m1 - a~) + 1/(N - n1 - m1 + a~));
#   X2_BD = sum (a_k - a~_k)^2 / V_k (statistic_uncorrected);
#   X2_BDT = X2_BD - (sum a_k - sum a~_k)^2 / sum V_k (statistic);
#   df = K' - 1, p = pchisq(., df, lower.tail = FALSE).
# The sums run over the K' informative strata (all four margins > 0); a
# stratum with a zero margin has a single possible table (V = 0) and is left
# out (it adds nothing to psi either). DescTools::BreslowDayTest uses K - 1
# over all strata (NaN with such a stratum) and 1 - pchisq. Cases need a
# finite, positive psi and K' >= 2.
# ---------------------------------------------------------------------------
bd_expected <- function(n1, m1, N, psi) {
  lo <- max(0, n1 + m1 - N); hi <- min(n1, m1)
  A <- 1 - psi; B <- N - n1 - m1 + psi * (n1 + m1); C <- -psi * n1 * m1
  if (A == 0) return(-C / B)
  q <- -(B + (if (B >= 0) 1 else -1) * sqrt(B^2 - 4 * A * C)) / 2
  roots <- c(q / A, C / q)
  root <- roots[roots > lo & roots < hi]
  stopifnot(length(root) == 1)
  root
}
breslow_day_test <- function(strata) {
  inf <- Filter(function(s) all(rowSums(s) > 0) && all(colSums(s) > 0), strata)
  num <- sum(vapply(inf, function(s) s[1, 1] * s[2, 2] / sum(s), 0))
  den <- sum(vapply(inf, function(s) s[1, 2] * s[2, 1] / sum(s), 0))
  psi <- num / den
  stopifnot(length(inf) >= 2, is.finite(psi), psi > 0)
  obs <- vapply(inf, function(s) as.numeric(s[1, 1]), 0)
  ex <- vapply(inf, function(s) bd_expected(sum(s[1, ]), sum(s[, 1]), sum(s), psi), 0)
  v <- vapply(seq_along(inf), function(k) {
    s <- inf[[k]]; e <- ex[k]; n1 <- sum(s[1, ]); m1 <- sum(s[, 1]); N <- sum(s)
    1 / (1 / e + 1 / (n1 - e) + 1 / (m1 - e) + 1 / (N - n1 - m1 + e))
  }, 0)
  x2 <- sum((obs - ex)^2 / v)
  x2t <- x2 - (sum(obs) - sum(ex))^2 / sum(v)
  df <- length(inf) - 1L
  list(psi = psi, expected = ex, variance = v, statistic = x2t, statistic_uncorrected = x2, df = df,
       p = pchisq(x2t, df, lower.tail = FALSE), p_uncorrected = pchisq(x2, df, lower.tail = FALSE))
}
bd_from_cmh <- c(1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 14, 15, 16, 17, 18)  # cmh_exact cases with finite psi > 0 and K' >= 2
bd_cases <- c(
  lapply(bd_from_cmh, function(i) cmh_exact_cases[[i]]),
  list(
    list("2 strata, strong odds ratios in opposite directions (KZ 12 vs 24, UK 12 vs 24)",
         list(rows(c(10, 2), c(6, 18)), rows(c(2, 10), c(18, 6)))),
    list("3 strata, opposite directions, unequal sizes",
         list(rows(c(8, 2), c(5, 15)), rows(c(3, 9), c(14, 6)), rows(c(6, 6), c(10, 10)))),
    list("2 large strata (n = 300), odds ratios 2.4 and 0.5",
         list(rows(c(60, 40), c(77, 123)), rows(c(40, 60), c(114, 86)))),
    list("4 strata, homogeneous odds ratios",
         list(rows(c(10, 5), c(8, 12)), rows(c(12, 6), c(9, 14)), rows(c(7, 4), c(5, 9)), rows(c(15, 8), c(10, 16))))
  )
)
breslow_day <- lapply(bd_cases, function(cs) {
  bd <- breslow_day_test(cs[[2]])
  list(
    name = cs[[1]],
    strata = lapply(cs[[2]], mat_json),
    mh_odds_ratio = bd$psi,
    statistic = bd$statistic,
    statistic_uncorrected = bd$statistic_uncorrected,
    df = bd$df,
    p = bd$p,
    p_uncorrected = bd$p_uncorrected
  )
})

# ---------------------------------------------------------------------------
# Kruskal-Wallis: kruskal.test(list(...)), midranks for ties and the tie
# correction H / (1 - sum(t^3 - t) / (N^3 - N)); df = number of groups - 1.
# (All values equal is left out: R returns a NaN statistic.)
# ---------------------------------------------------------------------------
kw_cases <- list(
  list("Likert 1-5, 12 fathers vs 24 mothers",
       list(c(2, 3, 3, 4, 2, 1, 3, 4, 5, 3, 2, 3),
            c(4, 5, 3, 4, 4, 5, 2, 4, 5, 3, 4, 4, 5, 3, 4, 5, 4, 2, 4, 5, 3, 4, 4, 5))),
  list("Likert 1-5, three roles of unequal size (8, 15, 5)",
       list(c(3, 4, 4, 2, 5, 3, 4, 4),
            c(2, 2, 3, 1, 3, 2, 4, 2, 3, 3, 1, 2, 3, 2, 4),
            c(5, 4, 5, 5, 3))),
  list("Likert 1-5, four countries x roles (10, 7, 12, 9)",
       list(c(4, 4, 5, 3, 4, 5, 4, 4, 3, 5),
            c(3, 2, 4, 3, 3, 4, 2),
            c(5, 5, 4, 5, 4, 5, 5, 3, 4, 5, 4, 5),
            c(2, 3, 3, 4, 2, 1, 3, 3, 2))),
  list("Likert 1-5, six roles (3, 15, 6, 9, 4, 11)",
       list(c(1, 2, 2),
            c(3, 4, 3, 5, 4, 4, 3, 2, 4, 5, 4, 3, 4, 4, 5),
            c(2, 3, 2, 4, 3, 3),
            c(5, 4, 5, 4, 5, 5, 3, 4, 5),
            c(3, 3, 3, 3),
            c(4, 2, 3, 5, 1, 4, 3, 4, 2, 3, 4))),
  list("Likert, only 4 and 5 used (heavy ties), 3 groups",
       list(c(4, 4, 5, 4, 4, 4), c(5, 5, 4, 5, 5), c(4, 5, 4, 5, 4, 5, 5))),
  list("Likert, one group all 5, 3 groups",
       list(c(5, 5, 5, 5, 5), c(3, 4, 5, 4, 2, 5, 4), c(1, 2, 3, 2, 3, 4))),
  list("Likert, no difference between groups (same distribution), 2 groups",
       list(c(1, 2, 3, 4, 5, 3), c(3, 5, 4, 3, 2, 1))),
  list("no ties, 3 groups (5, 4, 6)",
       list(c(2.9, 3.0, 2.5, 2.6, 3.2), c(3.8, 2.7, 4.0, 2.4), c(2.8, 3.4, 3.7, 2.2, 2.0, 4.4))),
  list("a group of size 1, with ties (1, 6, 7)",
       list(c(5), c(2, 3, 3, 4, 2, 1), c(4, 4, 5, 3, 4, 5, 2))),
  list("2 groups, 60 vs 45 Likert answers",
       list(rep(c(1, 2, 3, 4, 5), c(4, 9, 17, 20, 10)), rep(c(1, 2, 3, 4, 5), c(8, 12, 13, 9, 3))))
)
kruskal_wallis <- lapply(kw_cases, function(cs) {
  kt <- kruskal.test(cs[[2]])
  list(name = cs[[1]], groups = lapply(cs[[2]], arr), statistic = unname(kt$statistic),
       df = as.integer(kt$parameter), p = kt$p.value)
})

# ---------------------------------------------------------------------------
# Linear-by-linear association (Agresti 2002, section 3.4.1; SPSS "Linear-by-
# Linear Association"): r = Pearson correlation of the row and column scores
# weighted by the counts, M^2 = (N - 1) r^2, p = pchisq(M^2, 1, lower.tail =
# FALSE). The statistic written is Agresti's (N - 1) r^2. coin::lbl_test
# (permutation variance) gives Z^2 equal to it; it is used as a cross-check
# below when installed. Empty rows or columns carry no weight: their scores do
# not matter, but they stay in the table and the score vectors.
# ---------------------------------------------------------------------------
lbl_cases <- list(
  list("3 ordered groups x Likert 1-5, integer scores",
       rows(c(5, 4, 3, 2, 1), c(3, 6, 4, 5, 2), c(1, 2, 5, 9, 6)), c(1, 2, 3), c(1, 2, 3, 4, 5)),
  list("same table, non-equally spaced column scores",
       rows(c(5, 4, 3, 2, 1), c(3, 6, 4, 5, 2), c(1, 2, 5, 9, 6)), c(1, 2, 3), c(-2, -1, 0, 1.5, 3)),
  list("empty column 3 (nobody answered 3)",
       rows(c(5, 4, 0, 2, 1), c(3, 6, 0, 5, 2), c(1, 2, 0, 9, 6)), c(1, 2, 3), c(1, 2, 3, 4, 5)),
  list("empty row 2 (an age band with nobody)",
       rows(c(6, 3, 2, 1), c(0, 0, 0, 0), c(2, 4, 5, 3), c(1, 2, 6, 7)), c(1, 2, 3, 4), c(1, 2, 3, 4)),
  list("2x2 (M2 = (N-1)/N * Pearson X2)", rows(c(20, 15), c(10, 25)), c(0, 1), c(0, 1)),
  list("age bands with midpoint row scores (25, 35, 50) x 4 categories",
       rows(c(8, 6, 3, 1), c(5, 7, 6, 4), c(2, 3, 7, 9)), c(25, 35, 50), c(1, 2, 3, 4)),
  list("negative association, 4 groups x 3",
       rows(c(2, 5, 9), c(3, 6, 6), c(6, 5, 4), c(10, 4, 1)), c(1, 2, 3, 4), c(1, 2, 3)),
  list("6 ordered groups x 5, n = 180",
       rows(c(2, 5, 9, 10, 4), c(3, 6, 10, 8, 3), c(4, 6, 9, 7, 4), c(5, 8, 7, 6, 4),
            c(6, 8, 8, 5, 3), c(8, 9, 6, 4, 3)), 1:6, 1:5),
  list("no association (rows proportional): M2 = 0",
       rows(c(2, 4, 6), c(1, 2, 3), c(3, 6, 9)), c(1, 2, 3), c(1, 2, 3)),
  list("midrank-like non-integer scores on both axes",
       rows(c(4, 3, 1), c(2, 5, 3), c(1, 2, 6)), c(0.5, 1.25, 3), c(10, 12.5, 20))
)
lbl_r <- function(t, rs, cs) {
  u <- rep(rs, ncol(t)); v <- rep(cs, each = nrow(t)); w <- as.vector(t)
  N <- sum(w)
  mu <- sum(w * u) / N; mv <- sum(w * v) / N
  sum(w * (u - mu) * (v - mv)) / sqrt(sum(w * (u - mu)^2) * sum(w * (v - mv)^2))
}
linear_by_linear <- lapply(lbl_cases, function(cs) {
  t <- cs[[2]]
  r <- lbl_r(t, cs[[3]], cs[[4]])
  m2 <- (sum(t) - 1) * r^2
  list(name = cs[[1]], table = mat_json(t), row_scores = arr(as.numeric(cs[[3]])),
       column_scores = arr(as.numeric(cs[[4]])), statistic = m2, p = pchisq(m2, 1, lower.tail = FALSE), r = r)
})


# ---------------------------------------------------------------------------
# Cross-checks inside R (stop on disagreement).
# ---------------------------------------------------------------------------
close <- function(a, b, tol = 1e-12) (is.na(a) && is.na(b)) || (!is.na(a) && !is.na(b) && abs(a - b) <= tol * max(1, abs(a), abs(b)))
# Wilson by the formula in STATISTICS.md.
for (w in wilson) {
  p <- w$k / w$n; z <- Z975; n <- w$n
  centre <- (p + z^2 / (2 * n)) / (1 + z^2 / n)
  half <- z / (1 + z^2 / n) * sqrt(p * (1 - p) / n + z^2 / (4 * n^2))
  stopifnot(close(max(0, centre - half), w$lower, 1e-12), close(min(1, centre + half), w$upper, 1e-12))
}
# Krippendorff 2011 example reproduces the published 0.743.
stopifnot(abs(krippendorff_alpha[[4]]$alpha - 0.743) < 5e-4)
# Mann-Whitney W = U_x by ranks.
for (mw in mann_whitney) {
  x <- mw$x$v; y <- mw$y$v
  stopifnot(close(sum(rank(c(x, y))[seq_along(x)]) - length(x) * (length(x) + 1) / 2, mw$w))
}
# Adjusted residuals by Haberman's formula.
for (i in seq_along(chi_square)) {
  raw <- chi_cases[[i]][[2]]
  tab <- raw[rowSums(raw) > 0, colSums(raw) > 0, drop = FALSE]
  n <- sum(tab); E <- outer(rowSums(tab), colSums(tab)) / n
  adj <- (tab - E) / sqrt(E * outer(1 - rowSums(tab) / n, 1 - colSums(tab) / n))
  got <- do.call(rbind, lapply(chi_square[[i]]$adjusted_residuals, function(r) r$v))
  stopifnot(max(abs(unname(adj) - got)) < 1e-12)
}
if (have_psych) {
  for (i in seq_along(cronbach)) {
    m <- cronbach_cases[[i]][[2]]; storage.mode(m) <- "double"
    a <- tryCatch(suppressWarnings(suppressMessages(psych::alpha(as.data.frame(m), warnings = FALSE))),
                  error = function(e) NULL)
    if (is.null(a)) { message("psych::alpha failed on cronbach case ", i); next }
    if (!close(a$total$raw_alpha, cronbach[[i]]$alpha, 1e-10))
      message("psych raw_alpha differs on cronbach case ", i, ": ", a$total$raw_alpha, " vs ", cronbach[[i]]$alpha)
    if (max(abs(a$alpha.drop$raw_alpha - cronbach[[i]]$alpha_if_deleted$v)) > 1e-10)
      message("psych alpha.drop differs on cronbach case ", i)
    if (max(abs(a$item.stats$r.drop - cronbach[[i]]$item_rest$v)) > 1e-10)
      message("psych r.drop differs on cronbach case ", i)
  }
  for (i in seq_along(cohen_kappa)) {
    ck <- cohen_kappa[[i]]
    k <- tryCatch(suppressWarnings(suppressMessages(
      psych::cohen.kappa(cbind(ck$coder1$v, ck$coder2$v), levels = c(0, 1))$kappa)), error = function(e) NA_real_)
    if (!close(k, ck$kappa, 1e-10))
      message("psych cohen.kappa differs on kappa case ", i, " (", ck$name, "): ", k, " vs ", ck$kappa)
  }
}

# Exact CMH: the two-sided p from the convolution of the strata's
# hypergeometric distributions, summing P <= P(obs) * (1 + 1e-7) as R does.
for (i in seq_along(cmh_exact)) {
  strata <- cmh_exact_cases[[i]][[2]]
  dist <- 1
  lo <- 0
  for (s in strata) {
    n1 <- sum(s[1, ]); n2 <- sum(s[2, ]); m1 <- sum(s[, 1])
    sup <- max(0, m1 - n2):min(n1, m1)
    d <- dhyper(sup, n1, n2, m1)
    dist <- convolve(dist, rev(d), type = "open")
    lo <- lo + min(sup)
  }
  dist <- pmax(dist, 0) / sum(pmax(dist, 0))
  obs <- sum(vapply(strata, function(s) as.numeric(s[1, 1]), 0))
  p <- sum(dist[dist <= dist[obs - lo + 1] * (1 + 1e-7)])
  if (!close(p, cmh_exact[[i]]$exact_p, 1e-9)) stop("exact CMH p differs on case ", i, ": ", p, " vs ", cmh_exact[[i]]$exact_p)
}
stopifnot(cmh_exact[[10]]$estimate_infinite, cmh_exact[[10]]$ci_upper_infinite,
          cmh_exact[[11]]$conditional_mle == 0, cmh_exact[[11]]$exact_ci$v[1] == 0)
# A stratum with a zero margin adds nothing: case 13 is fisher.test on KZ alone.
ft13 <- fisher.test(cmh_exact_cases[[13]][[2]][[1]])
stopifnot(close(cmh_exact[[13]]$exact_p, ft13$p.value, 1e-12),
          close(cmh_exact[[13]]$conditional_mle, unname(ft13$estimate), 1e-6),
          max(abs(cmh_exact[[13]]$exact_ci$v - as.numeric(ft13$conf.int))) < 1e-6 * max(ft13$conf.int))
# Breslow-Day: DescTools::BreslowDayTest's code (polyroot for the expected
# cell, mantelhaen.test's MH estimate) on the informative strata.
bd_desctools <- function(x, correct) {
  OR.hat <- unname(mantelhaen.test(x)$estimate)
  K <- dim(x)[3]; X2 <- 0; a <- tildea <- Var.a <- numeric(K)
  for (j in 1:K) {
    mj <- apply(x[, , j], 1, sum); nj <- apply(x[, , j], 2, sum)
    coef <- c(-mj[1] * nj[1] * OR.hat, nj[2] - mj[1] + OR.hat * (nj[1] + mj[1]), 1 - OR.hat)
    sols <- Re(polyroot(coef))
    tildea[j] <- sols[(0 < sols) & (sols <= min(nj[1], mj[1]))]
    a[j] <- x[1, 1, j]
    Var.a[j] <- (1 / tildea[j] + 1 / (mj[1] - tildea[j]) + 1 / (nj[1] - tildea[j]) + 1 / (mj[2] - nj[1] + tildea[j]))^(-1)
    X2 <- X2 + as.numeric((a[j] - tildea[j])^2 / Var.a[j])
  }
  if (correct) X2 <- X2 - (sum(a) - sum(tildea))^2 / sum(Var.a)
  X2
}
for (i in seq_along(breslow_day)) {
  inf <- Filter(function(s) all(rowSums(s) > 0) && all(colSums(s) > 0), bd_cases[[i]][[2]])
  x <- strata_array(inf)
  stopifnot(close(unname(mantelhaen.test(x)$estimate), breslow_day[[i]]$mh_odds_ratio, 1e-12))
  for (corr in c(TRUE, FALSE)) {
    want <- if (corr) breslow_day[[i]]$statistic else breslow_day[[i]]$statistic_uncorrected
    got <- bd_desctools(x, corr)
    if (abs(got - want) > 1e-9 * max(1, abs(want))) stop("Breslow-Day differs on case ", i, ": ", got, " vs ", want)
  }
}
# Kruskal-Wallis by the formula with the tie correction.
for (i in seq_along(kruskal_wallis)) {
  g <- kw_cases[[i]][[2]]
  x <- unlist(g); N <- length(x); rk <- rank(x)
  idx <- rep(seq_along(g), lengths(g))
  H <- 12 / (N * (N + 1)) * sum(vapply(seq_along(g), function(j) sum(rk[idx == j])^2 / length(g[[j]]), 0)) - 3 * (N + 1)
  tt <- table(x)
  H <- H / (1 - sum(tt^3 - tt) / (N^3 - N))
  stopifnot(close(H, kruskal_wallis[[i]]$statistic, 1e-12))
}
# Linear-by-linear: coin::lbl_test (empty rows and columns dropped, coin needs
# used levels only); for the 2x2 case also (N-1)/N times Pearson's X2.
have_coin <- requireNamespace("coin", quietly = TRUE)
if (have_coin) {
  for (i in seq_along(linear_by_linear)) {
    t <- lbl_cases[[i]][[2]]
    keep_r <- rowSums(t) > 0; keep_c <- colSums(t) > 0
    t2 <- t[keep_r, keep_c, drop = FALSE]
    d <- data.frame(g = factor(rep(rep(seq_len(nrow(t2)), ncol(t2)), as.vector(t2)), ordered = TRUE),
                    y = factor(rep(rep(seq_len(ncol(t2)), each = nrow(t2)), as.vector(t2)), ordered = TRUE))
    lt <- coin::lbl_test(y ~ g, data = d,
                         scores = list(g = as.numeric(lbl_cases[[i]][[3]][keep_r]), y = as.numeric(lbl_cases[[i]][[4]][keep_c])))
    z2 <- unname(coin::statistic(lt))^2
    if (!close(z2, linear_by_linear[[i]]$statistic, 1e-9)) stop("coin lbl_test differs on case ", i, ": ", z2)
    if (!close(coin::pvalue(lt), linear_by_linear[[i]]$p, 1e-7)) stop("coin lbl_test p differs on case ", i)
  }
}
x2 <- unname(chisq.test(lbl_cases[[5]][[2]], correct = FALSE)$statistic)
stopifnot(close(linear_by_linear[[5]]$statistic, (sum(lbl_cases[[5]][[2]]) - 1) / sum(lbl_cases[[5]][[2]]) * x2, 1e-12))

versions <- sprintf("%s; stats (base); psych %s used only as a cross-check; written by reference/compute_reference.R",
                    R.version.string,
                    if (have_psych) as.character(packageVersion("psych")) else "not installed")

result <- list(
  generated_by = versions,
  fisher = fisher,
  fisher_rxc = fisher_rxc,
  chi_square = chi_square,
  odds_ratio = odds_ratio,
  risk_difference = risk_difference,
  wilson = wilson,
  benjamini_hochberg = benjamini_hochberg,
  cmh = cmh,
  cohen_kappa = cohen_kappa,
  krippendorff_alpha = krippendorff_alpha,
  agreement_binary = binary_agreement,
  mann_whitney = mann_whitney,
  cronbach = cronbach,
  cmh_exact = cmh_exact,
  breslow_day = breslow_day,
  kruskal_wallis = kruskal_wallis,
  linear_by_linear = linear_by_linear
)
dir.create(dirname(out_path), recursive = TRUE, showWarnings = FALSE)
writeLines(to_json(result), out_path, useBytes = TRUE)
cat("wrote", out_path, "\n")
