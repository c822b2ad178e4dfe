# reproduce.R: every published test of this report, rerun in R from the report's published counts.
# Study: Kazakhstan–UK parental involvement study (synthetic sample)
# Base R only. Run from anywhere: Rscript reproduce.R
# One line per test: MATCH or DIFFER, the report's value and R's (relative tolerance 1e-6; a Monte Carlo
# p-value of the report within four standard errors of R's exact p, or of R's own Monte Carlo estimate
# where R's fisher.test cannot solve the table with its default workspace).
# It holds only counts the report prints: a test whose counts are hidden was withheld and is not here.

options(warn = -1)
n_match <- 0L
n_differ <- 0L
close_to <- function(ours, r, se = 0) {
  if (length(ours) != length(r)) return(FALSE)
  all(mapply(function(a, b) {
    if (is.na(a) || is.na(b)) return(is.na(a) && is.na(b))
    if (is.infinite(a) || is.infinite(b)) return(identical(a, b))
    abs(a - b) <= max(1e-6 * abs(b), 1e-12, 4 * se)
  }, ours, r))
}
report <- function(label, ours, r, se = 0) {
  ok <- close_to(ours, r, se)
  if (ok) n_match <<- n_match + 1L else n_differ <<- n_differ + 1L
  fmt <- function(v) paste(formatC(v, digits = 10, format = "g"), collapse = ", ")
  cat(sprintf("%s %s: report %s; R %s\n", if (ok) "MATCH " else "DIFFER", label, fmt(ours), fmt(r)))
}
fisher_p <- function(m, ours_se) {
  p <- tryCatch(fisher.test(m)$p.value, error = function(e) NA)
  if (is.na(p)) {
    set.seed(1)
    p <- fisher.test(m, simulate.p.value = TRUE, B = 100000)$p.value
    return(list(p = p, se = max(ours_se, sqrt(p * (1 - p) / 100000))))
  }
  list(p = p, se = ours_se)
}
# Breslow-Day with Tarone's correction (Breslow & Day 1980; Tarone 1985), over the strata whose margins
# allow more than one table, with the Mantel-Haenszel common odds ratio.
breslow_day <- function(strata) {
  informative <- Filter(function(s) min(s[1, 1] + s[1, 2], s[1, 1] + s[2, 1]) > max(0, s[1, 1] + s[1, 2] + s[1, 1] + s[2, 1] - sum(s)), strata)
  psi <- sum(sapply(informative, function(s) s[1, 1] * s[2, 2] / sum(s))) / sum(sapply(informative, function(s) s[1, 2] * s[2, 1] / sum(s)))
  x2 <- 0; a <- 0; e <- 0; v <- 0
  for (s in informative) {
    t <- s[1, 1] + s[1, 2]; m <- s[1, 1] + s[2, 1]; n <- sum(s)
    q <- 1 - psi; l <- n - t - m + psi * (t + m); k <- -psi * t * m
    roots <- if (abs(q) < 1e-12) -k / l else c((-l + sqrt(l^2 - 4 * q * k)) / (2 * q), (-l - sqrt(l^2 - 4 * q * k)) / (2 * q))
    ex <- roots[roots > max(0, t + m - n) - 1e-9 & roots < min(t, m) + 1e-9][1]
    va <- 1 / (1 / ex + 1 / (t - ex) + 1 / (m - ex) + 1 / (n - t - m + ex))
    x2 <- x2 + (s[1, 1] - ex)^2 / va; a <- a + s[1, 1]; e <- e + ex; v <- v + va
  }
  x2 <- x2 - (a - e)^2 / v
  c(x2, length(informative) - 1, pchisq(x2, length(informative) - 1, lower.tail = FALSE))
}
two_by_two <- function(cells) matrix(c(cells[1], cells[3], cells[2] - cells[1], cells[4] - cells[3]), 2)
chi_square <- function(m) {
  m <- m[rowSums(m) > 0, colSums(m) > 0, drop = FALSE]
  test <- chisq.test(m, correct = FALSE)
  c(unname(test$statistic), test$p.value)
}
adjust_families <- function(p, family) {
  adjusted <- rep(NA_real_, length(p))
  for (f in unique(family[!is.na(p)])) {
    members <- which(family == f & !is.na(p))
    adjusted[members] <- p.adjust(p[members], method = "BH")
  }
  adjusted
}
crosstab_rows <- function(table, rows) {
  p <- sapply(rows, function(row) fisher_p(rbind(row$x, row$n - row$x), row$fisher_se)$p)
  adjusted <- adjust_families(p, sapply(rows, function(row) row$kind))
  for (i in seq_along(rows)) {
    row <- rows[[i]]
    m <- rbind(row$x, row$n - row$x)
    fisher <- fisher_p(m, row$fisher_se)
    ours <- c(row$fisher, row$adjusted); r <- c(fisher$p, adjusted[i])
    label <- sprintf("%s %s %s: fisher.test p, p.adjust BH", table, row$kind, row$id)
    if (!is.null(row$chi)) {
      ours <- c(ours, row$chi); r <- c(r, chi_square(m))
      label <- paste0(label, ", chisq.test X2, p")
    }
    report(label, ours, r, fisher$se)
  }
}
comparison_rows <- function(table, rows) {
  p <- sapply(rows, function(row) {
    if (identical(row$test, "cmh-exact")) return(mantelhaen.test(array(sapply(row$strata, two_by_two), c(2, 2, length(row$strata))), exact = TRUE)$p.value)
    if (identical(row$test, "cmh")) return(mantelhaen.test(array(sapply(row$strata, two_by_two), c(2, 2, length(row$strata))), correct = FALSE)$p.value)
    if (identical(row$test, "fisher-pooled")) return(fisher_p(two_by_two(row$pooled), row$fisher_se)$p)
    NA
  })
  adjusted <- adjust_families(p, sapply(rows, function(row) row$kind))
  for (i in seq_along(rows)) {
    row <- rows[[i]]
    for (s in row$within) {
      fisher <- fisher_p(two_by_two(s$cells), s$fisher_se)
      report(sprintf("%s %s %s, %s: fisher.test p", table, row$kind, row$id, s$stratum), s$fisher, fisher$p, fisher$se)
    }
    if (identical(row$test, "cmh-exact") || identical(row$test, "cmh")) {
      x <- array(sapply(row$strata, two_by_two), c(2, 2, length(row$strata)))
      if (!is.null(row$exact)) {
        exact <- mantelhaen.test(x, exact = TRUE)
        report(sprintf("%s %s %s, pooled: mantelhaen.test(exact = TRUE) p, estimate, 95%% CI", table, row$kind, row$id),
               row$exact, c(exact$p.value, unname(exact$estimate), exact$conf.int))
      }
      asymptotic <- mantelhaen.test(x, correct = FALSE)
      report(sprintf("%s %s %s, pooled: mantelhaen.test(correct = FALSE) X2, p", table, row$kind, row$id),
             row$cmh, c(unname(asymptotic$statistic), asymptotic$p.value))
      if (!is.null(row$bd)) {
        strata <- lapply(row$strata, two_by_two)
        report(sprintf("%s %s %s, strata: Breslow-Day-Tarone X2, df, p", table, row$kind, row$id), row$bd, breslow_day(strata))
      }
    } else if (identical(row$test, "fisher-pooled")) {
      fisher <- fisher_p(two_by_two(row$pooled), row$fisher_se)
      report(sprintf("%s %s %s, pooled counts: fisher.test p", table, row$kind, row$id), row$fisher, fisher$p, fisher$se)
    }
    if (!is.na(row$adjusted)) report(sprintf("%s %s %s, pooled: p.adjust BH", table, row$kind, row$id), row$adjusted, adjusted[i])
  }
}
joint_rows <- function(table, rows) {
  for (row in rows) for (side in c("interviews", "survey")) {
    s <- row[[side]]
    if (is.null(s)) next
    fisher <- fisher_p(rbind(s$x, s$n - s$x), s$fisher_se)
    report(sprintf("%s %s, %s: fisher.test p", table, row$id, side), s$fisher, fisher$p, fisher$se)
  }
}
# The linear-by-linear association test (Agresti 2002, 3.4.1): M2 = (N - 1) r^2, groups scored 1, 2, ...
linear_by_linear <- function(groups, values) {
  u <- unlist(lapply(seq_along(groups), function(i) rep(i, sum(groups[[i]]))))
  v <- unlist(lapply(groups, function(g) rep(values, g)))
  m2 <- (length(u) - 1) * cor(u, v)^2
  c(m2, pchisq(m2, 1, lower.tail = FALSE))
}
survey_items <- function(table, items) {
  answers <- function(values, counts) rep(values, counts)
  chi <- sapply(items, function(item) if (is.null(item$chi)) NA else chi_square(do.call(cbind, item$chi$counts))[2])
  chi_adjusted <- p.adjust(chi[!is.na(chi)], method = "BH")
  tests <- list()
  for (i in seq_along(items)) for (t in items[[i]]$tests) tests[[length(tests) + 1]] <- c(t, item = i)
  p <- sapply(tests, function(t) {
    if (!is.null(t$unprintable)) return(NA)
    samples <- lapply(t$groups, function(g) answers(items[[t$item]]$values, g))
    if (!is.null(t$mw)) return(wilcox.test(samples[[1]], samples[[2]])$p.value)
    if (!is.null(t$lbl)) return(linear_by_linear(t$groups, items[[t$item]]$values)[2])
    kruskal.test(samples)$p.value
  })
  adjusted <- adjust_families(p, sapply(tests, function(t) t$family))
  for (i in seq_along(items)) {
    item <- items[[i]]
    if (!is.null(item$chi)) {
      r <- c(chi_square(do.call(cbind, item$chi$counts)), chi_adjusted[sum(!is.na(chi[seq_len(i)]))])
      report(sprintf("%s %s: chisq.test X2, p, p.adjust BH", table, item$id), c(item$chi$value, item$chi$adjusted), r)
    }
  }
  for (j in seq_along(tests)) {
    t <- tests[[j]]
    item <- items[[t$item]]
    if (!is.null(t$unprintable)) {
      report(sprintf("%s %s, %s: a count of the test is not printed", table, item$id, t$name), 0, NA)
      next
    }
    samples <- lapply(t$groups, function(g) answers(item$values, g))
    if (!is.null(t$lbl)) {
      report(sprintf("%s %s, %s: linear-by-linear M2, p, p.adjust BH", table, item$id, t$name), c(t$lbl, t$adjusted),
             c(linear_by_linear(t$groups, item$values), adjusted[j]))
    } else if (!is.null(t$mw)) {
      w <- wilcox.test(samples[[1]], samples[[2]])
      report(sprintf("%s %s, %s: wilcox.test W, p, p.adjust BH", table, item$id, t$name), c(t$mw, t$adjusted),
             c(unname(w$statistic), w$p.value, adjusted[j]))
    } else {
      k <- kruskal.test(samples)
      report(sprintf("%s %s, %s: kruskal.test H, p, p.adjust BH", table, item$id, t$name), c(t$kw, t$adjusted),
             c(unname(k$statistic), k$p.value, adjusted[j]))
    }
  }
}

# barriers-by-country: each row's participants who mentioned it / all participants, per tested group
rows <- list(
  list(kind = "code", id = "bar_low_efficacy", x = c(9, 8), n = c(60, 60), fisher = 0.9999999999998872, fisher_se = 0.0, adjusted = 1.0, chi = c(0.06853226727584237, 0.7934859067288499)),
  list(kind = "code", id = "bar_low_education", x = c(22, 20), n = c(60, 60), fisher = 0.8483694416530482, fisher_se = 0.0, adjusted = 1.0, chi = c(0.1465201465201465, 0.7018832617453825)),
  list(kind = "code", id = "bar_reliance_on_teachers", x = c(20, 20), n = c(60, 60), fisher = 1.0, fisher_se = 0.0, adjusted = 1.0, chi = c(0.0, 1.0)),
  list(kind = "code", id = "bar_busy_job", x = c(21, 17), n = c(60, 60), fisher = 0.5563650881301271, fisher_se = 0.0, adjusted = 0.9256507059455594, chi = c(0.6161745827984595, 0.4324723973648706)),
  list(kind = "code", id = "bar_wellbeing", x = c(17, 21), n = c(60, 60), fisher = 0.5563650881301271, fisher_se = 0.0, adjusted = 0.9256507059455594, chi = c(0.6161745827984595, 0.4324723973648706)),
  list(kind = "code", id = "bar_cultural_differences", x = c(6, 24), n = c(60, 60), fisher = 0.00025046212232228215, fisher_se = 0.0, adjusted = 0.0025046212232228216, chi = c(14.400000000000002, 0.0001478023103344539)),
  list(kind = "code", id = "bar_delivery_role", x = c(10, 6), n = c(60, 60), fisher = 0.4212984496712657, fisher_se = 0.0, adjusted = 0.9256507059455594, chi = c(1.1538461538461537, 0.28274545993277467)),
  list(kind = "code", id = "bar_dual_work", x = c(14, 24), n = c(60, 60), fisher = 0.07666884739385851, fisher_se = 0.0, adjusted = 0.30667538957543405, chi = c(3.8510911424903727, 0.04971363917378919)),
  list(kind = "factor_category", id = "child", x = c(31, 36), n = c(60, 60), fisher = 0.4623168534906566, fisher_se = 0.0, adjusted = 0.6934752802359849, chi = c(0.8448324415657562, 0.3580183375030507)),
  list(kind = "code", id = "bar_child_not_valued", x = c(19, 19), n = c(60, 60), fisher = 1.0, fisher_se = 0.0, adjusted = 1.0, chi = c(0.0, 1.0)),
  list(kind = "code", id = "bar_child_reluctance", x = c(5, 8), n = c(60, 60), fisher = 0.5584950739024802, fisher_se = 0.0, adjusted = 0.9256507059455594, chi = c(0.7764198418404025, 0.37823832072593616)),
  list(kind = "code", id = "bar_fear_bad_news", x = c(10, 14), n = c(60, 60), fisher = 0.4941618555086351, fisher_se = 0.0, adjusted = 0.9256507059455594, chi = c(0.8333333333333334, 0.3613104285261788)),
  list(kind = "factor_category", id = "parent_teacher", x = c(33, 48), n = c(60, 60), fisher = 0.0059892571023129615, fisher_se = 0.0, adjusted = 0.017967771306938884, chi = c(8.547008547008547, 0.00346090507726397)),
  list(kind = "code", id = "bar_weak_invitations", x = c(17, 21), n = c(60, 60), fisher = 0.5563650881301271, fisher_se = 0.0, adjusted = 0.9256507059455594, chi = c(0.6161745827984595, 0.4324723973648706)),
  list(kind = "code", id = "bar_instruction_language", x = c(6, 24), n = c(60, 60), fisher = 0.00025046212232228215, fisher_se = 0.0, adjusted = 0.0025046212232228216, chi = c(14.400000000000002, 0.0001478023103344539)),
  list(kind = "code", id = "bar_intimidation", x = c(8, 22), n = c(60, 60), fisher = 0.005581624763199932, fisher_se = 0.0, adjusted = 0.027908123815999664, chi = c(8.71111111111111, 0.003162763790369108)),
  list(kind = "code", id = "bar_teacher_capacity", x = c(12, 8), n = c(60, 60), fisher = 0.46315569016129327, fisher_se = 0.0, adjusted = 0.9256507059455594, chi = c(0.96, 0.32718687779030564)),
  list(kind = "factor_category", id = "societal", x = c(45, 45), n = c(60, 60), fisher = 0.9999999999999373, fisher_se = 0.0, adjusted = 0.9999999999999373, chi = c(0.0, 1.0)),
  list(kind = "code", id = "bar_unemployment", x = c(10, 7), n = c(60, 60), fisher = 0.6016729588646136, fisher_se = 0.0, adjusted = 0.9256507059455594, chi = c(0.6167904054825813, 0.4322424979203731)),
  list(kind = "code", id = "bar_divorce", x = c(16, 17), n = c(60, 60), fisher = 1.0, fisher_se = 0.0, adjusted = 1.0, chi = c(0.04179728317659352, 0.8380066752317678)),
  list(kind = "code", id = "bar_fundraising", x = c(21, 5), n = c(60, 60), fisher = 0.0006735913911475211, fisher_se = 0.0, adjusted = 0.0044906092743168076, chi = c(12.569558101472996, 0.0003920812783031887)),
  list(kind = "code", id = "bar_low_income", x = c(21, 20), n = c(60, 60), fisher = 0.9999999999999407, fisher_se = 0.0, adjusted = 1.0, chi = c(0.03704847175054029, 0.847366392708296)),
  list(kind = "code", id = "bar_digital_contact", x = c(18, 20), n = c(60, 60), fisher = 0.8445982794117417, fisher_se = 0.0, adjusted = 1.0, chi = c(0.15404364569961487, 0.6947006730385552))
)
crosstab_rows("barriers-by-country", rows)

# barriers-by-role-within-country: each row's participants who mentioned it / all participants, per tested group
rows <- list(
  list(kind = "factor_category", id = "parent", x = c(21, 8, 21), n = c(24, 9, 24), fisher = 0.9999999999999718, fisher_se = 0.0, adjusted = 0.9999999999999718, chi = c(0.013571428571428627, 0.9932372566859513)),
  list(kind = "code", id = "bar_low_education", x = c(7, 5, 7), n = c(24, 9, 24), fisher = 0.35979178729565164, fisher_se = 0.0, adjusted = 0.681026155639859, chi = c(2.375, 0.3049827687110593)),
  list(kind = "code", id = "bar_reliance_on_teachers", x = c(10, 8), n = c(24, 24), fisher = 0.7661279301087027, fisher_se = 0.0, adjusted = 1.0, chi = c(0.3555555555555555, 0.5509849875850936)),
  list(kind = "code", id = "bar_busy_job", x = c(6, 10, 6, 6), n = c(24, 12, 24, 12), fisher = 0.0022012667857213984, fisher_se = 0.0, adjusted = 0.01210696732146769, chi = c(14.493506493506494, 0.002304865728144982)),
  list(kind = "code", id = "bar_wellbeing", x = c(9, 9), n = c(24, 24), fisher = 0.9999999999999681, fisher_se = 0.0, adjusted = 1.0, chi = c(0.0, 1.0)),
  list(kind = "code", id = "bar_dual_work", x = c(6, 0, 10), n = c(12, 9, 12), fisher = 0.0003970849889147015, fisher_se = 0.0, adjusted = 0.004367934878061717, chi = c(14.316176470588232, 0.000778541519599007)),
  list(kind = "factor_category", id = "child", x = c(11, 15, 5), n = c(24, 24, 9), fisher = 0.559750557029241, fisher_se = 0.0, adjusted = 0.746334076038988, chi = c(1.3495657568238213, 0.509266981460317)),
  list(kind = "code", id = "bar_child_not_valued", x = c(6, 6), n = c(24, 24), fisher = 0.9999999999999939, fisher_se = 0.0, adjusted = 1.0, chi = c(0.0, 1.0)),
  list(kind = "code", id = "bar_fear_bad_news", x = c(0, 7), n = c(24, 24), fisher = 0.00940128649183582, fisher_se = 0.0, adjusted = 0.03447138380339801, chi = c(8.195121951219512, 0.0042003170818297846)),
  list(kind = "factor_category", id = "parent_teacher", x = c(15, 6, 5, 21, 8), n = c(24, 12, 9, 24, 12), fisher = 0.11021732141098507, fisher_se = 0.0, adjusted = 0.4408692856439403, chi = c(6.952972027972027, 0.13839440717258378)),
  list(kind = "code", id = "bar_weak_invitations", x = c(11, 7), n = c(24, 24), fisher = 0.37146881216719585, fisher_se = 0.0, adjusted = 0.681026155639859, chi = c(1.422222222222222, 0.23303798227390546)),
  list(kind = "factor_category", id = "societal", x = c(19, 20, 5), n = c(24, 24, 9), fisher = 0.28320565032198464, fisher_se = 0.0, adjusted = 0.5664113006439693, chi = c(2.9604458041958037, 0.22758695312021887)),
  list(kind = "code", id = "bar_divorce", x = c(5, 5), n = c(24, 24), fisher = 1.0, fisher_se = 0.0, adjusted = 1.0, chi = c(0.0, 1.0)),
  list(kind = "code", id = "bar_fundraising", x = c(5, 0), n = c(9, 9), fisher = 0.029411764705882266, fisher_se = 0.0, adjusted = 0.08088235294117622, chi = c(6.923076923076923, 0.008509044404861294)),
  list(kind = "code", id = "bar_low_income", x = c(10, 5, 11), n = c(24, 9, 24), fisher = 0.8263984535824628, fisher_se = 0.0, adjusted = 1.0, chi = c(0.5097704714640197, 0.7750054357890677))
)
crosstab_rows("barriers-by-role-within-country", rows)

# factor-categories-by-country-role: each row's participants who mentioned it / all participants, per tested group
rows <- list(
  list(kind = "factor_category", id = "parent", x = c(21, 8, 21), n = c(24, 9, 24), fisher = 0.9999999999999718, fisher_se = 0.0, adjusted = 0.9999999999999718, chi = c(0.013571428571428627, 0.9932372566859513)),
  list(kind = "factor_category", id = "child", x = c(11, 15, 5), n = c(24, 24, 9), fisher = 0.559750557029241, fisher_se = 0.0, adjusted = 0.746334076038988, chi = c(1.3495657568238213, 0.509266981460317)),
  list(kind = "factor_category", id = "parent_teacher", x = c(15, 6, 5, 21, 8), n = c(24, 12, 9, 24, 12), fisher = 0.11021732141098507, fisher_se = 0.0, adjusted = 0.4408692856439403, chi = c(6.952972027972027, 0.13839440717258378)),
  list(kind = "factor_category", id = "societal", x = c(19, 20, 5), n = c(24, 24, 9), fisher = 0.28320565032198464, fisher_se = 0.0, adjusted = 0.5664113006439693, chi = c(2.9604458041958037, 0.22758695312021887))
)
crosstab_rows("factor-categories-by-country-role", rows)

# involvement-roles-by-country-role: each row's participants who mentioned it / all participants, per tested group
rows <- list(
  list(kind = "code", id = "role_communicator", x = c(6, 8), n = c(24, 24), fisher = 0.7516424282019493, fisher_se = 0.0, adjusted = 1.0, chi = c(0.40336134453781514, 0.525358404466242)),
  list(kind = "code", id = "role_supporter", x = c(5, 7), n = c(24, 24), fisher = 0.739967499613165, fisher_se = 0.0, adjusted = 1.0, chi = c(0.4444444444444444, 0.5049850750938459)),
  list(kind = "code", id = "role_learner", x = c(5, 7, 5), n = c(24, 24, 12), fisher = 0.4334591111545739, fisher_se = 0.0, adjusted = 1.0, chi = c(1.7236662106703147, 0.42238709218330595)),
  list(kind = "code", id = "role_decision_maker", x = c(7, 5, 7, 5), n = c(24, 12, 24, 12), fisher = 0.778749216414691, fisher_se = 0.0, adjusted = 1.0, chi = c(1.125, 0.7710426682428904)),
  list(kind = "code", id = "role_home_teacher", x = c(10, 8, 7), n = c(24, 24, 12), fisher = 0.3662137212063796, fisher_se = 0.0, adjusted = 1.0, chi = c(2.057142857142857, 0.35751733497916927)),
  list(kind = "code", id = "role_advisor", x = c(5, 5), n = c(24, 24), fisher = 1.0, fisher_se = 0.0, adjusted = 1.0, chi = c(0.0, 1.0)),
  list(kind = "code", id = "role_teacher", x = c(7, 6, 5), n = c(24, 24, 12), fisher = 0.6251669369217018, fisher_se = 0.0, adjusted = 1.0, chi = c(1.0714285714285714, 0.5852511043074123)),
  list(kind = "code", id = "role_social_worker", x = c(0, 7), n = c(9, 24), fisher = 0.14933259176863012, fisher_se = 0.0, adjusted = 1.0, chi = c(3.3317307692307696, 0.06795532898417281)),
  list(kind = "code", id = "role_model", x = c(9, 8, 5), n = c(24, 24, 12), fisher = 0.9402134539854665, fisher_se = 0.0, adjusted = 1.0, chi = c(0.2511961722488038, 0.8819692512385349))
)
crosstab_rows("involvement-roles-by-country-role", rows)

# activities-by-country: each row's participants who mentioned it / all participants, per tested group
rows <- list(
  list(kind = "activity_type", id = "formal", x = c(57, 44), n = c(60, 60), fisher = 0.0020097437937477234, fisher_se = 0.0, adjusted = 0.004019487587495447, chi = c(10.568004168837938, 0.0011506188794520172)),
  list(kind = "code", id = "act_parent_meetings", x = c(33, 9), n = c(60, 60), fisher = 7.143879523920834e-06, fisher_se = 0.0, adjusted = 5.357909642940625e-05, chi = c(21.0989010989011, 4.361781865193793e-06)),
  list(kind = "code", id = "act_thematic_meetings", x = c(15, 8), n = c(60, 60), fisher = 0.1631779420038325, fisher_se = 0.0, adjusted = 0.3755846545668887, chi = c(2.6355894217839535, 0.10449327523696343)),
  list(kind = "code", id = "act_open_door_days", x = c(11, 15), n = c(60, 60), fisher = 0.506751631338669, fisher_se = 0.0, adjusted = 0.7414525096826178, chi = c(0.7855973813420623, 0.37543470954898295)),
  list(kind = "code", id = "act_acknowledgement_letters", x = c(33, 9), n = c(60, 60), fisher = 7.143879523920834e-06, fisher_se = 0.0, adjusted = 5.357909642940625e-05, chi = c(21.0989010989011, 4.361781865193793e-06)),
  list(kind = "code", id = "act_ict_training", x = c(12, 10), n = c(60, 60), fisher = 0.813975677389748, fisher_se = 0.0, adjusted = 0.9392027046804784, chi = c(0.22263450834879406, 0.637039845517223)),
  list(kind = "code", id = "act_family_grants", x = c(6, 6), n = c(60, 60), fisher = 0.9999999999999065, fisher_se = 0.0, adjusted = 0.9999999999999065, chi = c(0.0, 1.0)),
  list(kind = "code", id = "act_volunteering", x = c(15, 19), n = c(60, 60), fisher = 0.5437318404339196, fisher_se = 0.0, adjusted = 0.7414525096826178, chi = c(0.6566347469220246, 0.41775052414067404)),
  list(kind = "activity_type", id = "informal", x = c(46, 56), n = c(60, 60), fisher = 0.019448416621074945, fisher_se = 0.0, adjusted = 0.019448416621074945, chi = c(6.5359477124183005, 0.010571588828330378)),
  list(kind = "code", id = "act_open_day", x = c(12, 6), n = c(60, 60), fisher = 0.2003118157690073, fisher_se = 0.0, adjusted = 0.3755846545668887, chi = c(2.352941176470588, 0.1250468801310999)),
  list(kind = "code", id = "act_outings", x = c(12, 6), n = c(60, 60), fisher = 0.2003118157690073, fisher_se = 0.0, adjusted = 0.3755846545668887, chi = c(2.352941176470588, 0.1250468801310999)),
  list(kind = "code", id = "act_extracurricular", x = c(6, 14), n = c(60, 60), fisher = 0.08464342999066783, fisher_se = 0.0, adjusted = 0.2539302899720035, chi = c(3.84, 0.050043521248705224)),
  list(kind = "code", id = "act_role_play", x = c(10, 9), n = c(60, 60), fisher = 0.9999999999998871, fisher_se = 0.0, adjusted = 0.9999999999999065, chi = c(0.06253256904637831, 0.8025369819576951)),
  list(kind = "code", id = "act_professional_meetings", x = c(9, 11), n = c(60, 60), fisher = 0.8070662025499313, fisher_se = 0.0, adjusted = 0.9392027046804784, chi = c(0.24, 0.6242061147664059)),
  list(kind = "code", id = "act_sports_events", x = c(7, 27), n = c(60, 60), fisher = 8.525530367160507e-05, fisher_se = 0.0, adjusted = 0.000319707388768519, chi = c(16.415868673050618, 5.08576792148312e-05)),
  list(kind = "code", id = "act_family_festivals", x = c(8, 12), n = c(60, 60), fisher = 0.46315569016129327, fisher_se = 0.0, adjusted = 0.7414525096826178, chi = c(0.96, 0.32718687779030564)),
  list(kind = "code", id = "act_school_fair", x = c(7, 27), n = c(60, 60), fisher = 8.525530367160507e-05, fisher_se = 0.0, adjusted = 0.000319707388768519, chi = c(16.415868673050618, 5.08576792148312e-05))
)
crosstab_rows("activities-by-country", rows)

# survey-items-by-country, teacher_checklist: answers per value, per group
items <- list(
  list(id = "tc02", values = c(1, 2, 3), chi = list(counts = list(c(20, 7, 17), c(16, 18, 9)), value = c(7.735510652138558, 0.020905242250724623), adjusted = 0.06271572675217386)),
  list(id = "tc11", values = c(1, 2, 3, 4, 5), chi = list(counts = list(c(5, 9, 9, 10, 8), c(6, 13, 10, 6, 7)), value = c(1.9257114052685296, 0.7494203045103486), adjusted = 0.9729763963506907), tests = list(list(family = "country,KZ,UK", name = "KZ vs UK", groups = list(c(5, 9, 9, 10, 8), c(6, 13, 10, 6, 7)), mw = c(971.5, 0.3050288587454804), adjusted = 0.6100577174909608))),
  list(id = "tc13", values = c(1, 2, 3, 4, 5), chi = list(counts = list(c(6, 10, 10, 8, 9), c(6, 10, 13, 7, 8)), value = c(0.5053670590398119, 0.9729763963506907), adjusted = 0.9729763963506907), tests = list(list(family = "country,KZ,UK", name = "KZ vs UK", groups = list(c(6, 10, 10, 8, 9), c(6, 10, 13, 7, 8)), mw = c(973.0, 0.8178584945893016), adjusted = 0.8178584945893016)))
)
survey_items("survey-items-by-country teacher_checklist", items)

# survey-items-by-country, parent_involvement: answers per value, per group
items <- list(
  list(id = "pi08", values = c(1, 2, 3, 4, 5), chi = list(counts = list(c(17, 19, 28, 17, 21), c(12, 18, 22, 24, 26)), value = c(3.3361328373808012, 0.5032277659384095), adjusted = 0.5032277659384095), tests = list(list(family = "country,KZ,UK", name = "KZ vs UK", groups = list(c(17, 19, 28, 17, 21), c(12, 18, 22, 24, 26)), mw = c(4606.0, 0.1485766298539017), adjusted = 0.1485766298539017)))
)
survey_items("survey-items-by-country parent_involvement", items)

# survey-items-by-role, parent_involvement: answers per value, per group
items <- list(
  list(id = "pi02", values = c(1, 2, 3, 4, 5), chi = list(counts = list(c(21, 23, 23, 27, 20), c(10, 5, 21, 14, 13)), value = c(7.063908585756577, 0.132549245933691), adjusted = 0.5186728177915961), tests = list(list(family = "role,father,mother", name = "father vs mother", groups = list(c(10, 5, 21, 14, 13), c(21, 23, 23, 27, 20)), mw = c(3912.0, 0.3153495824688555), adjusted = 0.7766155447510228))),
  list(id = "pi03", values = c(1, 2, 3, 4, 5), chi = list(counts = list(c(18, 35, 28, 15, 18), c(14, 8, 11, 18, 10)), value = c(12.519034249594627, 0.013881422967185812), adjusted = 0.12989093646402694), tests = list(list(family = "role,father,mother", name = "father vs mother", groups = list(c(14, 8, 11, 18, 10), c(18, 35, 28, 15, 18)), mw = c(3790.0, 0.31724048530626353), adjusted = 0.7766155447510228))),
  list(id = "pi04", values = c(1, 2, 3, 4, 5), chi = list(counts = list(c(24, 29, 27, 19, 11), c(17, 9, 13, 14, 10)), value = c(5.02902905721075, 0.2843318812701382), adjusted = 0.6160524094186327), tests = list(list(family = "role,father,mother", name = "father vs mother", groups = list(c(17, 9, 13, 14, 10), c(24, 29, 27, 19, 11)), mw = c(3713.0, 0.42432392014440024), adjusted = 0.7766155447510228))),
  list(id = "pi05", values = c(1, 2, 3, 4, 5), chi = list(counts = list(c(39, 28, 25, 11, 11), c(18, 16, 17, 6, 6)), value = c(0.8502278356150655, 0.9315902890623593), adjusted = 0.9315902890623593), tests = list(list(family = "role,father,mother", name = "father vs mother", groups = list(c(18, 16, 17, 6, 6), c(39, 28, 25, 11, 11)), mw = c(3786.5, 0.5369186215533015), adjusted = 0.7766155447510228))),
  list(id = "pi06", values = c(1, 2, 3, 4, 5), chi = list(counts = list(c(18, 26, 26, 22, 18), c(8, 9, 16, 10, 16)), value = c(4.083214782060743, 0.39486108151741856), adjusted = 0.7333134371037773), tests = list(list(family = "role,father,mother", name = "father vs mother", groups = list(c(8, 9, 16, 10, 16), c(18, 26, 26, 22, 18)), mw = c(3689.0, 0.1349248588366625), adjusted = 0.7766155447510228))),
  list(id = "pi07", values = c(1, 2, 3, 4, 5), chi = list(counts = list(c(21, 25, 21, 20, 24), c(9, 13, 13, 9, 18)), value = c(1.7643090691815277, 0.7790053347739656), adjusted = 0.9315902890623593), tests = list(list(family = "role,father,mother", name = "father vs mother", groups = list(c(9, 13, 13, 9, 18), c(21, 25, 21, 20, 24)), mw = c(3739.5, 0.33504177509288463), adjusted = 0.7766155447510228))),
  list(id = "pi09", values = c(1, 2, 3, 4, 5), chi = list(counts = list(c(27, 16, 11, 25, 34), c(9, 8, 10, 17, 19)), value = c(3.566692122759199, 0.4678103790007281), adjusted = 0.7601918658761831), tests = list(list(family = "role,father,mother", name = "father vs mother", groups = list(c(9, 8, 10, 17, 19), c(27, 16, 11, 25, 34)), mw = c(3841.0, 0.37270970328143854), adjusted = 0.7766155447510228))),
  list(id = "pi10", values = c(1, 2, 3, 4, 5), chi = list(counts = list(c(24, 15, 23, 23, 27), c(8, 13, 15, 17, 8)), value = c(6.578368904183762, 0.15991900004870033), adjusted = 0.5186728177915961), tests = list(list(family = "role,father,mother", name = "father vs mother", groups = list(c(8, 13, 15, 17, 8), c(24, 15, 23, 23, 27)), mw = c(3300.5, 0.7089582687508138), adjusted = 0.8378597721600527))),
  list(id = "pi11", values = c(1, 2, 3, 4, 5), chi = list(counts = list(c(23, 17, 30, 24, 20), c(9, 12, 15, 12, 13)), value = c(1.5639370117001132, 0.8152586530036625), adjusted = 0.9315902890623593), tests = list(list(family = "role,father,mother", name = "father vs mother", groups = list(c(9, 12, 15, 12, 13), c(23, 17, 30, 24, 20)), mw = c(3642.5, 0.5973965728854022), adjusted = 0.7766155447510228))),
  list(id = "pi12", values = c(1, 2, 3, 4, 5), chi = list(counts = list(c(16, 18, 23, 27, 27), c(7, 10, 17, 14, 14)), value = c(1.166308100460856, 0.8836140040572928), adjusted = 0.9315902890623593), tests = list(list(family = "role,father,mother", name = "father vs mother", groups = list(c(7, 10, 17, 14, 14), c(16, 18, 23, 27, 27)), mw = c(3431.5, 0.9767351138212216), adjusted = 0.9767351138212216))),
  list(id = "pi13", values = c(1, 2, 3, 4, 5), chi = list(counts = list(c(28, 18, 27, 21, 19), c(7, 11, 29, 7, 9)), value = c(11.669809716176166, 0.019983220994465683), adjusted = 0.12989093646402694), tests = list(list(family = "role,father,mother", name = "father vs mother", groups = list(c(7, 11, 29, 7, 9), c(28, 18, 27, 21, 19)), mw = c(3746.5, 0.5543261650626855), adjusted = 0.7766155447510228))),
  list(id = "pi14", values = c(1, 2, 3, 4, 5), chi = list(counts = list(c(21, 27, 18, 22, 22), c(8, 12, 14, 14, 12)), value = c(2.3096889540855057, 0.6790055860924892), adjusted = 0.9315902890623593), tests = list(list(family = "role,father,mother", name = "father vs mother", groups = list(c(8, 12, 14, 14, 12), c(21, 27, 18, 22, 22)), mw = c(3562.0, 0.3838597663076937), adjusted = 0.7766155447510228))),
  list(id = "pi15", values = c(1, 2, 3, 4, 5), chi = list(counts = list(c(12, 32, 30, 16, 21), c(12, 12, 12, 14, 12)), value = c(5.995433724465981, 0.19948954530446006), adjusted = 0.5186728177915961), tests = list(list(family = "role,father,mother", name = "father vs mother", groups = list(c(12, 12, 12, 14, 12), c(12, 32, 30, 16, 21)), mw = c(3470.0, 0.9264214777250472), adjusted = 0.9767351138212216)))
)
survey_items("survey-items-by-role parent_involvement", items)

# joint-display-by-country: per code ~ item, mentioned / all participants and present / answered, per group
rows <- list(
  list(id = "bar_busy_job ~ pi08", interviews = list(x = c(21, 17), n = c(60, 60), fisher = 0.5563650881301271, fisher_se = 0.0), survey = list(x = c(38, 50), n = c(102, 102), fisher = 0.1197138206999423, fisher_se = 0.0)),
  list(id = "bar_instruction_language ~ pi09", interviews = list(x = c(6, 24), n = c(60, 60), fisher = 0.00025046212232228215, fisher_se = 0.0), survey = list(x = c(26, 84), n = c(102, 103), fisher = 2.5233023705563924e-16, fisher_se = 0.0)),
  list(id = "bar_fundraising ~ pi12", interviews = list(x = c(21, 5), n = c(60, 60), fisher = 0.0006735913911475211, fisher_se = 0.0))
)
joint_rows("joint-display-by-country", rows)

# joint-display-by-role: per code ~ item, mentioned / all participants and present / answered, per group
rows <- list(
  list(id = "bar_instruction_language ~ pi09", interviews = list(x = c(12, 5, 6), n = c(48, 24, 18), fisher = 0.6890149809144358, fisher_se = 0.0), survey = list(x = c(59, 36, 15), n = c(113, 63, 29), fisher = 0.8040918424939751, fisher_se = 0.0))
)
joint_rows("joint-display-by-role", rows)

# barriers-fathers-vs-mothers: father against mother within each country (KZ, UK) and pooled; a stratum: c(mentioned, all) of each group
rows <- list(
  list(kind = "factor_category", id = "parent", pooled = c(23, 24, 42, 48), test = "fisher-pooled", fisher = 0.411838899949278, fisher_se = 0.0, adjusted = 0.549118533265704),
  list(kind = "code", id = "bar_low_education", pooled = c(9, 24, 14, 48), test = "fisher-pooled", fisher = 0.5930993867513721, fisher_se = 0.0, adjusted = 0.8566991141964263),
  list(kind = "code", id = "bar_reliance_on_teachers", pooled = c(5, 24, 18, 48), test = "fisher-pooled", fisher = 0.18727050470537784, fisher_se = 0.0, adjusted = 0.5352412885222478),
  list(kind = "code", id = "bar_busy_job", within = list(list(stratum = "KZ", cells = c(10, 12, 6, 24), fisher = 0.0013874737881804204, fisher_se = 0.0), list(stratum = "UK", cells = c(6, 12, 6, 24), fisher = 0.15691851904047818, fisher_se = 0.0)), strata = list(c(10, 12, 6, 24), c(6, 12, 6, 24)), test = "cmh-exact", exact = c(0.0009036018168849326, 5.8465009949831686, 1.8263507457703076, 20.52595381623642), cmh = c(11.513157894736846, 0.000691052793060133), bd = c(1.922648055889366, 1, 0.1655650339778454), adjusted = 0.005873411809752062),
  list(kind = "code", id = "bar_wellbeing", pooled = c(8, 24, 18, 48), test = "fisher-pooled", fisher = 0.7988804127186984, fisher_se = 0.0, adjusted = 0.8654537804452566),
  list(kind = "code", id = "bar_cultural_differences", pooled = c(7, 24, 9, 48), test = "fisher-pooled", fisher = 0.37297201579128547, fisher_se = 0.0, adjusted = 0.6926623150409588),
  list(kind = "code", id = "bar_dual_work", pooled = c(16, 24, 12, 48), test = "fisher-pooled", fisher = 0.000901689778039925, fisher_se = 0.0, adjusted = 0.005873411809752062),
  list(kind = "factor_category", id = "child", pooled = c(15, 24, 26, 48), test = "fisher-pooled", fisher = 0.6157472730101368, fisher_se = 0.0, adjusted = 0.6157472730101368),
  list(kind = "code", id = "bar_child_not_valued", pooled = c(7, 24, 12, 48), test = "fisher-pooled", fisher = 0.779478479123514, fisher_se = 0.0, adjusted = 0.8654537804452566),
  list(kind = "code", id = "bar_fear_bad_news", pooled = c(7, 24, 7, 48), test = "fisher-pooled", fisher = 0.20586203404701842, fisher_se = 0.0, adjusted = 0.5352412885222478),
  list(kind = "factor_category", id = "parent_teacher", within = list(list(stratum = "KZ", cells = c(6, 12, 15, 24), fisher = 0.49911012235816116, fisher_se = 0.0), list(stratum = "UK", cells = c(8, 12, 21, 24), fisher = 0.19041745730549686, fisher_se = 0.0)), strata = list(c(6, 12, 15, 24), c(8, 12, 21, 24)), test = "cmh-exact", exact = c(0.1700843056546477, 0.4536915469707251, 0.13383291246723839, 1.5097738019768037), cmh = c(2.1621621621621583, 0.14144553582532557), bd = c(0.4367156697853119, 1, 0.508711936333797), adjusted = 0.3401686113092954),
  list(kind = "code", id = "bar_weak_invitations", pooled = c(5, 24, 18, 48), test = "fisher-pooled", fisher = 0.18727050470537784, fisher_se = 0.0, adjusted = 0.5352412885222478),
  list(kind = "code", id = "bar_instruction_language", pooled = c(5, 24, 12, 48), test = "fisher-pooled", fisher = 0.7757142426363052, fisher_se = 0.0, adjusted = 0.8654537804452566),
  list(kind = "code", id = "bar_intimidation", pooled = c(5, 24, 11, 48), test = "fisher-pooled", fisher = 1.0, fisher_se = 0.0, adjusted = 1.0),
  list(kind = "factor_category", id = "societal", pooled = c(15, 24, 39, 48), test = "fisher-pooled", fisher = 0.09379367495543386, fisher_se = 0.0, adjusted = 0.3401686113092954),
  list(kind = "code", id = "bar_divorce", pooled = c(8, 24, 10, 48), test = "fisher-pooled", fisher = 0.2633063715409966, fisher_se = 0.0, adjusted = 0.570497138338826),
  list(kind = "code", id = "bar_low_income", pooled = c(8, 24, 21, 48), test = "fisher-pooled", fisher = 0.45247192071857434, fisher_se = 0.0, adjusted = 0.7352668711676833)
)
comparison_rows("barriers-fathers-vs-mothers", rows)

cat(sprintf("%d tests rerun: %d match, %d differ\n", n_match + n_differ, n_match, n_differ))
quit(status = if (n_differ == 0) 0 else 1)
