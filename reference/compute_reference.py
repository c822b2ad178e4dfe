#!/usr/bin/env python3
"""Validate reference.json and cross-check it against Python libraries.

Run by hand (not in CI) from the repository root, after compute_reference.R:

    python3 reference/compute_reference.py [path/to/reference.json]

R writes every value in reference.json; this script computes nothing that is
written. It
  1. checks the schema (every key, type and shape) and the minimum case counts;
  2. recomputes each statistic independently (scipy, statsmodels, krippendorff,
     pingouin, scikit-learn if installed, and a full enumeration for r x c
     Fisher tests) and reports every difference beyond the tolerance, with the
     known convention differences between R and scipy called out.
Exit status 1 on a schema error or an unexpected disagreement.
"""

from __future__ import annotations

import itertools
import json
import math
import sys
import warnings
from pathlib import Path

import numpy as np
import scipy
import scipy.stats as st
from scipy.stats import contingency

warnings.filterwarnings("ignore")

PATH = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("Tests/StatisticsTests/Fixtures/reference.json")

problems: list[str] = []
notes: list[str] = []


def fail(msg: str) -> None:
    problems.append(msg)


def close(a, b, rel=1e-9, abs_=1e-12) -> bool:
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, float) and math.isnan(a):
        return isinstance(b, float) and math.isnan(b)
    return math.isclose(a, b, rel_tol=rel, abs_tol=abs_)


def check(label: str, ours, theirs, rel=1e-9, abs_=1e-12) -> None:
    if isinstance(ours, (list, tuple, np.ndarray)):
        ours_l, theirs_l = list(np.ravel(ours)), list(np.ravel(theirs))
        if len(ours_l) != len(theirs_l) or not all(close(float(a), float(b), rel, abs_) for a, b in zip(ours_l, theirs_l)):
            fail(f"{label}: R {ours} vs {theirs}")
    elif not close(ours if ours is None else float(ours), theirs if theirs is None else float(theirs), rel, abs_):
        fail(f"{label}: R {ours!r} vs {theirs!r}")


# ---------------------------------------------------------------------------
# 1. Schema
# ---------------------------------------------------------------------------
data = json.loads(PATH.read_text())

NUM = (int, float)
SCHEMA = {
    "fisher": {"name": str, "table": "matrix", "p": NUM, "conditional_or": "num?", "conditional_or_ci": "pair?"},
    "chi_square": {"name": str, "table": "matrix", "pearson": NUM, "df": int, "p": NUM, "g2": NUM, "g2_p": NUM,
                   "min_expected": NUM, "cells_below_5": int, "cramers_v": NUM, "adjusted_residuals": "fmatrix"},
    "odds_ratio": {"name": str, "table": "2x2", "odds_ratio": NUM, "ci": "pair", "correction": ("none", "haldane")},
    "risk_difference": {"name": str, "table": "2x2", "difference": NUM},
    "wilson": {"k": int, "n": int, "lower": NUM, "upper": NUM},
    "benjamini_hochberg": {"p": "fvec", "adjusted": "fvec"},
    "cmh": {"name": str, "strata": "strata", "statistic": NUM, "p": NUM, "statistic_corrected": NUM,
            "p_corrected": NUM, "mh_odds_ratio": NUM, "mh_odds_ratio_ci": "pair"},
    "cohen_kappa": {"name": str, "coder1": "ivec", "coder2": "ivec", "kappa": "num?"},
    "krippendorff_alpha": {"name": str, "data": "imatrix?", "alpha": "num?"},
    "agreement_binary": {"name": str, "table": "ivec", "percent_agreement": NUM, "kappa": "num?", "ac1": NUM,
                         "pabak": NUM, "prevalence": NUM, "prevalence_index": NUM, "bias_index": NUM, "alpha": "num?"},
    "mann_whitney": {"name": str, "x": "fvec", "y": "fvec", "w": NUM, "p": NUM, "method": ("exact", "normal_cc"),
                     "rank_biserial": NUM},
    "cronbach": {"name": str, "data": "fmatrix", "alpha": NUM, "item_rest": "fvec", "alpha_if_deleted": "fvec"},
    "cmh_exact": {"name": str, "strata": "strata", "exact_p": NUM, "conditional_mle": "num?",
                  "estimate_infinite": bool, "exact_ci": "ci_open", "ci_upper_infinite": bool,
                  "asymptotic_p": NUM, "asymptotic_p_corrected": NUM},
    "breslow_day": {"name": str, "strata": "strata", "mh_odds_ratio": NUM, "statistic": NUM,
                    "statistic_uncorrected": NUM, "df": int, "p": NUM, "p_uncorrected": NUM},
    "kruskal_wallis": {"name": str, "groups": "groups", "statistic": NUM, "df": int, "p": NUM},
    "linear_by_linear": {"name": str, "table": "matrix", "row_scores": "fvec", "column_scores": "fvec",
                         "statistic": NUM, "p": NUM, "r": NUM},
}
MIN_COUNTS = {"fisher": 8, "chi_square": 5, "odds_ratio": 3, "risk_difference": 1, "wilson": 5,
              "benjamini_hochberg": 3, "cmh": 2, "cohen_kappa": 4, "krippendorff_alpha": 5, "agreement_binary": 6,
              "mann_whitney": 5, "cronbach": 3,
              "cmh_exact": 12, "breslow_day": 8, "kruskal_wallis": 8, "linear_by_linear": 6}


def is_num(v):
    return isinstance(v, NUM) and not isinstance(v, bool)


def is_vec(v, elem_ok):
    return isinstance(v, list) and len(v) > 0 and all(elem_ok(e) for e in v)


def is_mat(v, elem_ok):
    return (isinstance(v, list) and len(v) > 0 and all(is_vec(r, elem_ok) for r in v)
            and len({len(r) for r in v}) == 1)


def type_ok(v, t) -> bool:
    if t is str:
        return isinstance(v, str)
    if t is bool:
        return isinstance(v, bool)
    if t is int:
        return isinstance(v, int) and not isinstance(v, bool)
    if t is NUM:
        return is_num(v)
    if isinstance(t, tuple):
        return v in t
    return {
        "num?": lambda: v is None or is_num(v),
        "pair": lambda: is_vec(v, is_num) and len(v) == 2,
        "pair?": lambda: v is None or (is_vec(v, is_num) and len(v) == 2),
        "matrix": lambda: is_mat(v, lambda e: isinstance(e, int)),
        "imatrix?": lambda: is_mat(v, lambda e: e is None or isinstance(e, int)),
        "fmatrix": lambda: is_mat(v, is_num),
        "2x2": lambda: is_mat(v, lambda e: isinstance(e, int)) and len(v) == 2 and len(v[0]) == 2,
        "fvec": lambda: is_vec(v, is_num),
        "ivec": lambda: is_vec(v, lambda e: isinstance(e, int)),
        "ci_open": lambda: isinstance(v, list) and len(v) == 2 and is_num(v[0]) and (v[1] is None or is_num(v[1])),
        "groups": lambda: isinstance(v, list) and len(v) >= 2 and all(is_vec(g, is_num) for g in v),
        "strata": lambda: isinstance(v, list) and len(v) >= 2 and all(
            is_mat(s, lambda e: isinstance(e, int)) and len(s) == 2 and len(s[0]) == 2 for s in v),
    }[t]()


if not isinstance(data.get("generated_by"), str):
    fail("generated_by missing")
extra = set(data) - set(SCHEMA) - {"generated_by"}
if extra:
    fail(f"unexpected top-level keys {extra}")
for section, fields in SCHEMA.items():
    cases = data.get(section)
    if not isinstance(cases, list):
        fail(f"{section} missing")
        continue
    if len(cases) < MIN_COUNTS[section]:
        fail(f"{section}: {len(cases)} cases < {MIN_COUNTS[section]}")
    for i, c in enumerate(cases):
        if set(c) != set(fields):
            fail(f"{section}[{i}] keys {sorted(c)} != {sorted(fields)}")
        for k, t in fields.items():
            if k in c and not type_ok(c[k], t):
                fail(f"{section}[{i}].{k} has bad type/shape: {c[k]!r}")
schema_problems = len(problems)

# ---------------------------------------------------------------------------
# 2. Cross-checks
# ---------------------------------------------------------------------------
lgf = lambda n: math.lgamma(n + 1)  # noqa: E731


def fisher_rxc_enumerate(table) -> float:
    """Exact Fisher-Freeman-Halton p by full enumeration of the tables with the
    observed margins, summing P(T) <= P(obs) * (1 + 1e-7) as R does."""
    t = np.asarray(table)
    t = t[t.sum(1) > 0][:, t.sum(0) > 0]
    rs, cs = [int(v) for v in t.sum(1)], [int(v) for v in t.sum(0)]
    n = sum(rs)
    const = sum(lgf(r) for r in rs) + sum(lgf(c) for c in cs) - lgf(n)

    def logp(cells):
        return const - sum(lgf(v) for v in cells)

    obs = logp(t.ravel().tolist())
    thresh = obs + math.log1p(1e-7)
    total = 0.0
    R, C = len(rs), len(cs)

    # Fill row by row; each row is a composition of rs[i] bounded by the column remainders.
    def rows_for(r, caps):
        def rec(j, left):
            if j == len(caps) - 1:
                if left <= caps[j]:
                    yield (left,)
                return
            rest = sum(caps[j + 1:])
            for v in range(max(0, left - rest), min(caps[j], left) + 1):
                for tail in rec(j + 1, left - v):
                    yield (v,) + tail
        yield from rec(0, r)

    def fill(i, caps, acc):
        nonlocal total
        if i == R - 1:
            lp = acc - sum(lgf(v) for v in caps)
            if lp <= thresh:
                total += math.exp(lp)
            return
        for row in rows_for(rs[i], caps):
            fill(i + 1, [c - v for c, v in zip(caps, row)], acc - sum(lgf(v) for v in row))

    fill(0, cs, const)
    return min(1.0, total)


print(f"scipy {scipy.__version__}, numpy {np.__version__}")

# Fisher
for c in data["fisher"]:
    t = np.array(c["table"])
    if t.shape == (2, 2):
        res = st.fisher_exact(t)
        check(f"fisher {c['name']} p (scipy fisher_exact)", c["p"], res.pvalue, rel=1e-10)
        orr = contingency.odds_ratio(t, kind="conditional")
        ci = orr.confidence_interval(0.95)
        # R finds the conditional MLE and CI with uniroot: agreement only to ~1e-5 relative.
        check(f"fisher {c['name']} conditional OR (scipy)", c["conditional_or"], orr.statistic, rel=1e-4, abs_=1e-9)
        # R's CI bounds come from uniroot with its default tol (~1.2e-4, absolute); the upper bound is solved
        # on the 1/OR scale, so a large upper bound can be off by a few percent. scipy solves to full precision.
        # Agreement to 1e-4 is required for the lower bound and 3e-2 for the upper; larger gaps are noted.
        check(f"fisher {c['name']} conditional OR CI lower (scipy)", c["conditional_or_ci"][0], ci.low, rel=1e-4,
              abs_=1e-9)
        check(f"fisher {c['name']} conditional OR CI upper (scipy)", c["conditional_or_ci"][1], ci.high, rel=3e-2)
        if not close(c["conditional_or_ci"][1], ci.high, rel=1e-6):
            notes.append(f"fisher {c['name']}: conditional OR CI upper R {c['conditional_or_ci'][1]:.10g} vs "
                         f"scipy {ci.high:.10g} (rel. diff {abs(c['conditional_or_ci'][1] / ci.high - 1):.1e}; "
                         f"R's uniroot tolerance)")
    else:
        if c["conditional_or"] is not None or c["conditional_or_ci"] is not None:
            fail(f"fisher {c['name']}: conditional OR should be null for r x c")
    check(f"fisher {c['name']} p (full enumeration)", c["p"], fisher_rxc_enumerate(t), rel=1e-9)

# Chi-square
for c in data["chi_square"]:
    raw = np.array(c["table"])
    t = raw[raw.sum(1) > 0][:, raw.sum(0) > 0]
    chi = st.chi2_contingency(t, correction=False)
    g = st.chi2_contingency(t, correction=False, lambda_="log-likelihood")
    nm = f"chi_square {c['name']}"
    check(f"{nm} pearson", c["pearson"], chi.statistic)
    check(f"{nm} p", c["p"], chi.pvalue)
    if c["df"] != chi.dof:
        fail(f"{nm} df {c['df']} vs {chi.dof}")
    check(f"{nm} g2", c["g2"], g.statistic)
    check(f"{nm} g2_p", c["g2_p"], g.pvalue)
    check(f"{nm} min_expected", c["min_expected"], chi.expected_freq.min())
    if c["cells_below_5"] != int((chi.expected_freq < 5).sum()):
        fail(f"{nm} cells_below_5")
    check(f"{nm} cramers_v", c["cramers_v"], contingency.association(t, method="cramer", correction=False))
    n = t.sum()
    rp, cp = t.sum(1) / n, t.sum(0) / n
    E = chi.expected_freq
    adj = (t - E) / np.sqrt(E * np.outer(1 - rp, 1 - cp))
    check(f"{nm} adjusted residuals", c["adjusted_residuals"], adj)
    if t.shape == (2, 2):
        gy = st.chi2_contingency(t, lambda_="log-likelihood")  # the trap: Yates applied to G^2
        if not close(gy.statistic, c["g2"]):
            notes.append(f"{nm}: scipy chi2_contingency(lambda_='log-likelihood') without correction=False "
                         f"gives G2 {gy.statistic:.6g} (Yates-adjusted) vs {c['g2']:.6g}")
    if raw.shape != t.shape:
        try:
            st.chi2_contingency(raw, correction=False)
            notes.append(f"{nm}: scipy accepted the raw table with an empty row/column")
        except ValueError as e:
            notes.append(f"{nm}: scipy on the raw table raises ValueError ({e})")

# Odds ratio (sample, Woolf; Haldane adds 0.5 to every cell)
import statsmodels  # noqa: E402
from statsmodels.stats.contingency_tables import StratifiedTable, Table2x2  # noqa: E402
from statsmodels.stats.inter_rater import cohens_kappa  # noqa: E402
from statsmodels.stats.multitest import multipletests  # noqa: E402
from statsmodels.stats.proportion import proportion_confint  # noqa: E402

print(f"statsmodels {statsmodels.__version__}")
for c in data["odds_ratio"]:
    t = np.array(c["table"], dtype=float)
    haldane = (t == 0).any()
    if (c["correction"] == "haldane") != haldane:
        fail(f"odds_ratio {c['name']} correction label")
    t2 = t + 0.5 if haldane else t
    tb = Table2x2(t2, shift_zeros=False)
    check(f"odds_ratio {c['name']} OR (statsmodels)", c["odds_ratio"], tb.oddsratio)
    check(f"odds_ratio {c['name']} CI (statsmodels)", c["ci"], tb.oddsratio_confint(0.05), rel=1e-7)
    if haldane:
        tz = Table2x2(t, shift_zeros=True)
        notes.append(f"odds_ratio {c['name']}: statsmodels Table2x2(shift_zeros=True) gives {tz.oddsratio:.6g} "
                     f"(only zero cells shifted) vs Haldane {c['odds_ratio']:.6g}")
    else:
        so = contingency.odds_ratio(t.astype(int), kind="sample")
        check(f"odds_ratio {c['name']} OR (scipy sample)", c["odds_ratio"], so.statistic)
        sci = so.confidence_interval(0.95)
        check(f"odds_ratio {c['name']} CI (scipy sample)", c["ci"], [sci.low, sci.high], rel=1e-7)

for c in data["risk_difference"]:
    (a, b), (cc, d) = c["table"]
    check(f"risk_difference {c['name']}", c["difference"], a / (a + b) - cc / (cc + d))

# Wilson
for c in data["wilson"]:
    lo, hi = proportion_confint(c["k"], c["n"], alpha=0.05, method="wilson")
    check(f"wilson {c['k']}/{c['n']} (statsmodels)", [c["lower"], c["upper"]], [lo, hi], rel=1e-9, abs_=1e-15)
    ci = st.binomtest(c["k"], c["n"]).proportion_ci(0.95, method="wilson")
    check(f"wilson {c['k']}/{c['n']} (scipy)", [c["lower"], c["upper"]], [ci.low, ci.high], rel=1e-9, abs_=1e-15)
    if (c["lower"], c["upper"]) != (lo, hi) and c["k"] in (0, c["n"]):
        notes.append(f"wilson {c['k']}/{c['n']}: R [{c['lower']!r}, {c['upper']!r}], statsmodels [{lo!r}, {hi!r}]")

# BH
for i, c in enumerate(data["benjamini_hochberg"]):
    check(f"BH case {i} (statsmodels)", c["adjusted"], multipletests(c["p"], method="fdr_bh")[1], rel=1e-14)
    check(f"BH case {i} (scipy)", c["adjusted"], st.false_discovery_control(c["p"]), rel=1e-14)

# CMH
for c in data["cmh"]:
    tabs = np.dstack([np.array(s, dtype=float) for s in c["strata"]])
    stt = StratifiedTable(tabs)
    r0, r1 = stt.test_null_odds(correction=False), stt.test_null_odds(correction=True)
    nm = f"cmh {c['name']}"
    check(f"{nm} statistic", c["statistic"], r0.statistic)
    check(f"{nm} p", c["p"], r0.pvalue)
    check(f"{nm} statistic_corrected", c["statistic_corrected"], r1.statistic)
    check(f"{nm} p_corrected", c["p_corrected"], r1.pvalue)
    check(f"{nm} MH OR", c["mh_odds_ratio"], stt.oddsratio_pooled)
    check(f"{nm} MH OR CI", c["mh_odds_ratio_ci"], stt.oddsratio_pooled_confint(0.05), rel=1e-9)

# Cohen's kappa
try:
    from sklearn.metrics import cohen_kappa_score
except ImportError:  # pragma: no cover
    cohen_kappa_score = None
for c in data["cohen_kappa"]:
    c1, c2 = np.array(c["coder1"]), np.array(c["coder2"])
    tab = np.array([[np.sum((c1 == i) & (c2 == j)) for j in (0, 1)] for i in (0, 1)])
    k_sm = cohens_kappa(tab).kappa
    k_sm = None if not np.isfinite(k_sm) else float(k_sm)
    check(f"kappa {c['name']} (statsmodels)", c["kappa"], k_sm)
    if cohen_kappa_score is not None:
        ks = cohen_kappa_score(c1, c2, labels=[0, 1])
        ks = None if not np.isfinite(ks) else float(ks)
        if not close(c["kappa"], ks):
            notes.append(f"kappa {c['name']}: sklearn cohen_kappa_score gives {ks!r}, R formula {c['kappa']!r}")

# Krippendorff
import krippendorff  # noqa: E402

for c in data["krippendorff_alpha"]:
    arr = np.array([[np.nan if v is None else v for v in row] for row in c["data"]], dtype=float)
    try:
        a = float(krippendorff.alpha(reliability_data=arr, level_of_measurement="nominal"))
        a = None if not np.isfinite(a) else a
    except Exception as e:  # noqa: BLE001
        a = None
        notes.append(f"krippendorff {c['name']}: python krippendorff raises {type(e).__name__}: {e}")
    check(f"krippendorff {c['name']} (python krippendorff nominal)", c["alpha"], a)
    try:
        ai = float(krippendorff.alpha(reliability_data=arr))
        if c["alpha"] is not None and not close(ai, c["alpha"]):
            notes.append(f"krippendorff {c['name']}: default level (interval) gives {ai:.6g} vs nominal {c['alpha']:.6g}")
    except Exception:  # noqa: BLE001
        pass

# Binary agreement (kappa, Gwet's AC1, PABAK, prevalence and bias indices, alpha) on the 2x2 table
try:
    import pandas as pd  # noqa: E402
    from irrCAC.raw import CAC  # noqa: E402
except ImportError:  # pragma: no cover
    CAC = None
    notes.append("agreement_binary: irrCAC not installed (pip install irrCAC); checked by the formulas only")
for c in data["agreement_binary"]:
    a, b, c_, d = c["table"]
    n = a + b + c_ + d
    nm = f"agreement_binary {c['name']}"
    first = [1] * (a + b) + [0] * (c_ + d)
    second = [1] * a + [0] * b + [1] * c_ + [0] * d
    po = (a + d) / n
    pi = (2 * a + b + c_) / (2 * n)
    check(f"{nm} AC1 (formula)", c["ac1"], (po - 2 * pi * (1 - pi)) / (1 - 2 * pi * (1 - pi)))
    check(f"{nm} PABAK (formula)", c["pabak"], 2 * po - 1)
    check(f"{nm} prevalence index", c["prevalence_index"], (a - d) / n)
    check(f"{nm} bias index", c["bias_index"], (b - c_) / n)
    check(f"{nm} prevalence", c["prevalence"], pi)
    arr = np.array([first, second], dtype=float)
    try:
        ka = float(krippendorff.alpha(reliability_data=arr, level_of_measurement="nominal"))
        ka = None if not np.isfinite(ka) else ka
    except Exception:  # noqa: BLE001
        ka = None
    check(f"{nm} alpha (python krippendorff nominal)", c["alpha"], ka)
    if CAC is not None:
        cac = CAC(pd.DataFrame({"first": first, "second": second}), categories=[0, 1], digits=15)
        check(f"{nm} AC1 (irrCAC gwet)", c["ac1"], cac.gwet()["est"]["coefficient_value"], rel=1e-12)
        check(f"{nm} PABAK (irrCAC Brennan-Prediger, q = 2)", c["pabak"], cac.bp()["est"]["coefficient_value"], rel=1e-12)
        check(f"{nm} percent agreement (irrCAC pa)", c["percent_agreement"], cac.gwet()["est"]["pa"], rel=1e-12)
        if c["kappa"] is not None:
            check(f"{nm} kappa (irrCAC Conger, two raters)", c["kappa"], cac.conger()["est"]["coefficient_value"], rel=1e-12)

# Mann-Whitney
for c in data["mann_whitney"]:
    x, y = c["x"], c["y"]
    nm = f"mann_whitney {c['name']}"
    ties = len(set(x + y)) < len(x + y)
    want = "exact" if (len(x) < 50 and len(y) < 50 and not ties) else "normal_cc"
    if c["method"] != want:
        fail(f"{nm}: method {c['method']} but R's rule says {want}")
    m = "exact" if c["method"] == "exact" else "asymptotic"
    r = st.mannwhitneyu(x, y, alternative="two-sided", method=m, use_continuity=True)
    check(f"{nm} U (scipy)", c["w"], r.statistic)
    check(f"{nm} p (scipy method={m})", c["p"], r.pvalue, rel=1e-9)
    auto = st.mannwhitneyu(x, y, alternative="two-sided")
    if not close(auto.pvalue, c["p"], rel=1e-9):
        notes.append(f"{nm}: scipy method='auto' p {auto.pvalue:.6g} vs R {c['p']:.6g}")
    check(f"{nm} rank-biserial", c["rank_biserial"], 2 * r.statistic / (len(x) * len(y)) - 1)

# Cronbach
import pingouin as pg  # noqa: E402
import pandas as pd  # noqa: E402

from importlib.metadata import version  # noqa: E402

print(f"pingouin {pg.__version__}, krippendorff {version('krippendorff')}")
for c in data["cronbach"]:
    d = pd.DataFrame(c["data"], dtype=float)
    nm = f"cronbach {c['name']}"
    check(f"{nm} alpha (pingouin)", c["alpha"], pg.cronbach_alpha(d)[0], rel=1e-9)
    k = d.shape[1]
    item_rest = [np.corrcoef(d[j], d.drop(columns=j).sum(axis=1))[0, 1] for j in range(k)]
    check(f"{nm} item_rest (numpy)", c["item_rest"], item_rest, rel=1e-9)
    check(f"{nm} alpha_if_deleted (pingouin)", c["alpha_if_deleted"],
          [pg.cronbach_alpha(d.drop(columns=j))[0] for j in range(k)], rel=1e-9)

# ---------------------------------------------------------------------------
# Issue 9: exact CMH, Breslow-Day, Kruskal-Wallis, linear-by-linear
# ---------------------------------------------------------------------------
from scipy.optimize import brentq  # noqa: E402
from statsmodels.stats.contingency_tables import Table  # noqa: E402


def cmh_exact_distribution(strata):
    """Support and null distribution of sum(a) given every stratum's margins:
    the convolution of the strata's hypergeometric distributions."""
    dist, lo, hi = np.array([1.0]), 0, 0
    for s in strata:
        (a, b), (c, d) = s
        n1, n2, m1 = a + b, c + d, a + c
        sup = np.arange(max(0, m1 - n2), min(n1, m1) + 1)
        dist = np.convolve(dist, st.hypergeom.pmf(sup, n1 + n2, n1, m1))
        lo, hi = lo + sup[0], hi + sup[-1]
    return np.arange(lo, hi + 1), dist / dist.sum()


def cmh_exact_python(strata, conf=0.95):
    """Exact conditional test as R's mantelhaen.test(exact = TRUE), but with the
    MLE and CI bounds solved to full precision (brentq on log psi)."""
    support, dc = cmh_exact_distribution(strata)
    x = sum(s[0][0] for s in strata)
    lo, hi = support[0], support[-1]
    p = min(1.0, dc[dc <= dc[x - lo] * (1 + 1e-7)].sum())
    logdc = np.log(np.where(dc > 0, dc, 1e-300))

    def dens(logpsi):
        d = logdc + logpsi * support
        d = np.exp(d - d.max())
        return d / d.sum()

    def mean(logpsi):
        return float((support * dens(logpsi)).sum())

    def lower_tail(logpsi):
        return float(dens(logpsi)[support <= x].sum())

    def upper_tail(logpsi):
        return float(dens(logpsi)[support >= x].sum())

    B = 40.0
    alpha = (1 - conf) / 2
    mle = 0.0 if x == lo else math.inf if x == hi else math.exp(
        brentq(lambda t: mean(t) - x, -B, B, xtol=1e-14, rtol=1e-15))
    lower = 0.0 if x == lo else math.exp(brentq(lambda t: upper_tail(t) - alpha, -B, B, xtol=1e-14, rtol=1e-15))
    upper = math.inf if x == hi else math.exp(brentq(lambda t: lower_tail(t) - alpha, -B, B, xtol=1e-14, rtol=1e-15))
    return p, mle, lower, upper


def informative(strata):
    return [s for s in strata if min(s[0][0] + s[0][1], s[1][0] + s[1][1], s[0][0] + s[1][0], s[0][1] + s[1][1]) > 0]


def rel_diff(a, b):
    if a == b:
        return 0.0
    return abs(a - b) / max(abs(a), abs(b))


worst = {"mle": 0.0, "lower": 0.0, "upper": 0.0}
for c in data["cmh_exact"]:
    nm = f"cmh_exact {c['name']}"
    strata = c["strata"]
    p, mle, lower, upper = cmh_exact_python(strata)
    # R does not clamp the summed p at 1 (1.0000000000000002 for a case with OR 1).
    check(f"{nm} exact_p (convolution)", min(1.0, c["exact_p"]), p, rel=1e-9)
    if c["estimate_infinite"] != (c["conditional_mle"] is None):
        fail(f"{nm}: estimate_infinite {c['estimate_infinite']} but conditional_mle {c['conditional_mle']!r}")
    if c["ci_upper_infinite"] != (c["exact_ci"][1] is None):
        fail(f"{nm}: ci_upper_infinite {c['ci_upper_infinite']} but exact_ci {c['exact_ci']!r}")
    r_mle = math.inf if c["estimate_infinite"] else c["conditional_mle"]
    r_upper = math.inf if c["ci_upper_infinite"] else c["exact_ci"][1]
    r_lower = c["exact_ci"][0]
    for key, ours, theirs, tol in (("mle", r_mle, mle, 1e-4), ("lower", r_lower, lower, 1e-3),
                                   ("upper", r_upper, upper, 2e-2)):
        if math.isinf(ours) or math.isinf(theirs) or ours == 0 or theirs == 0:
            if ours != theirs:
                fail(f"{nm} {key}: R {ours!r} vs exact root {theirs!r}")
            continue
        d = rel_diff(ours, theirs)
        worst[key] = max(worst[key], d)
        if d > tol:
            fail(f"{nm} {key}: R {ours!r} vs exact root {theirs!r} (relative {d:.2g} > {tol:g})")
    stt = StratifiedTable(np.dstack([np.array(s, dtype=float) for s in strata]))
    check(f"{nm} asymptotic_p (statsmodels)", c["asymptotic_p"], stt.test_null_odds(correction=False).pvalue)
    delta = sum(s[0][0] for s in strata) - sum((s[0][0] + s[0][1]) * (s[0][0] + s[1][0]) / sum(map(sum, s))
                                               for s in strata)
    if abs(delta) < 0.5:
        # R corrects only when |sum(a - E)| >= 0.5, so the corrected p is the uncorrected one;
        # statsmodels always subtracts 0.5 from |sum(a - E)|.
        check(f"{nm} asymptotic_p_corrected (= uncorrected, |delta| < 0.5)", c["asymptotic_p_corrected"],
              c["asymptotic_p"], rel=0)
        notes.append(f"{nm}: |sum(a - E)| = {abs(delta):.3g} < 0.5, R does not correct (p {c['asymptotic_p']:.6g}); "
                     f"statsmodels correction=True gives {stt.test_null_odds(correction=True).pvalue:.6g}")
    else:
        check(f"{nm} asymptotic_p_corrected (statsmodels)", c["asymptotic_p_corrected"],
              stt.test_null_odds(correction=True).pvalue)
notes.append("cmh_exact: R's uniroot vs the exact roots (brentq), worst relative difference: MLE "
             f"{worst['mle']:.2g}, lower {worst['lower']:.2g}, upper {worst['upper']:.2g}")


def breslow_day_python(strata):
    """Breslow-Day / Tarone from the formulas, on the informative strata."""
    t = informative(strata)
    psi = sum(s[0][0] * s[1][1] / sum(map(sum, s)) for s in t) / sum(s[0][1] * s[1][0] / sum(map(sum, s)) for s in t)
    x2 = tot_a = tot_e = tot_v = 0.0
    for s in t:
        n1, m1, n = s[0][0] + s[0][1], s[0][0] + s[1][0], sum(map(sum, s))
        lo, hi = max(0, n1 + m1 - n), min(n1, m1)

        def f(e):
            return e * (n - n1 - m1 + e) - psi * (n1 - e) * (m1 - e)
        e = brentq(f, lo, hi, xtol=1e-15, rtol=1e-15)
        v = 1 / (1 / e + 1 / (n1 - e) + 1 / (m1 - e) + 1 / (n - n1 - m1 + e))
        x2 += (s[0][0] - e) ** 2 / v
        tot_a, tot_e, tot_v = tot_a + s[0][0], tot_e + e, tot_v + v
    return psi, x2 - (tot_a - tot_e) ** 2 / tot_v, x2, len(t) - 1


for c in data["breslow_day"]:
    nm = f"breslow_day {c['name']}"
    psi, x2t, x2, df = breslow_day_python(c["strata"])
    check(f"{nm} MH odds ratio", c["mh_odds_ratio"], psi, rel=1e-12)
    check(f"{nm} statistic (brentq)", c["statistic"], x2t, rel=1e-8, abs_=1e-10)
    check(f"{nm} statistic_uncorrected (brentq)", c["statistic_uncorrected"], x2, rel=1e-8, abs_=1e-10)
    if c["df"] != df:
        fail(f"{nm}: df {c['df']} but {df} informative strata - 1")
    check(f"{nm} p (chi2.sf)", c["p"], st.chi2.sf(c["statistic"], c["df"]), rel=1e-12)
    check(f"{nm} p_uncorrected (chi2.sf)", c["p_uncorrected"], st.chi2.sf(c["statistic_uncorrected"], c["df"]), rel=1e-12)
    stt = StratifiedTable(np.dstack([np.array(s, dtype=float) for s in informative(c["strata"])]))
    check(f"{nm} MH odds ratio (statsmodels)", c["mh_odds_ratio"], stt.oddsratio_pooled, rel=1e-12)
    if c["mh_odds_ratio"] == 1:
        # statsmodels divides by 1 - psi: nan when psi is exactly 1.
        notes.append(f"{nm}: psi = 1 exactly; statsmodels test_equal_odds gives "
                     f"{stt.test_equal_odds(adjust=True).statistic!r} (divides by 1 - psi)")
        continue
    for adjust, key, pkey in ((True, "statistic", "p"), (False, "statistic_uncorrected", "p_uncorrected")):
        r = stt.test_equal_odds(adjust=adjust)
        check(f"{nm} {key} (statsmodels adjust={adjust})", c[key], r.statistic, rel=1e-8, abs_=1e-10)
        # statsmodels uses 1 - cdf, which loses relative precision for tiny p.
        check(f"{nm} {pkey} (statsmodels adjust={adjust})", c[pkey], r.pvalue, rel=1e-8, abs_=1e-15)
    if len(informative(c["strata"])) < len(c["strata"]):
        notes.append(f"{nm}: {len(c['strata']) - len(informative(c['strata']))} stratum with a zero margin left out "
                     f"(df {c['df']}); statsmodels on all strata gives "
                     f"{StratifiedTable(np.dstack([np.array(s, dtype=float) for s in c['strata']])).test_equal_odds(adjust=True).statistic!r}")

for c in data["kruskal_wallis"]:
    nm = f"kruskal_wallis {c['name']}"
    r = st.kruskal(*c["groups"])
    check(f"{nm} statistic (scipy)", c["statistic"], r.statistic, rel=1e-10, abs_=1e-12)
    check(f"{nm} p (scipy)", c["p"], r.pvalue, rel=1e-10)
    if c["df"] != len(c["groups"]) - 1:
        fail(f"{nm}: df {c['df']} != {len(c['groups']) - 1}")

for c in data["linear_by_linear"]:
    nm = f"linear_by_linear {c['name']}"
    t = np.array(c["table"], dtype=float)
    rs, cs = np.array(c["row_scores"], dtype=float), np.array(c["column_scores"], dtype=float)
    if t.shape != (len(rs), len(cs)):
        fail(f"{nm}: table {t.shape} vs scores {len(rs)}, {len(cs)}")
        continue
    n = t.sum()
    u, v = np.repeat(rs, t.shape[1]), np.tile(cs, t.shape[0])
    w = t.ravel()
    mu, mv = (w * u).sum() / n, (w * v).sum() / n
    r = (w * (u - mu) * (v - mv)).sum() / math.sqrt((w * (u - mu) ** 2).sum() * (w * (v - mv) ** 2).sum())
    check(f"{nm} r (numpy)", c["r"], r, rel=1e-10, abs_=1e-12)
    check(f"{nm} statistic (N-1) r^2", c["statistic"], (n - 1) * r * r, rel=1e-10, abs_=1e-12)
    oa = Table(t, shift_zeros=False).test_ordinal_association(rs, cs)
    check(f"{nm} statistic (statsmodels z^2)", c["statistic"], oa.zscore ** 2, rel=1e-10, abs_=1e-12)
    check(f"{nm} p (statsmodels)", c["p"], oa.pvalue, rel=1e-10)
    check(f"{nm} p (chi2.sf)", c["p"], st.chi2.sf(c["statistic"], 1), rel=1e-12)

# ---------------------------------------------------------------------------
print("\ncase counts:")
for s in SCHEMA:
    print(f"  {s}: {len(data.get(s, []))}")
print("\nconvention notes (expected differences, not errors):")
for n_ in notes:
    print("  -", n_)
if problems:
    print(f"\n{len(problems)} PROBLEM(S) ({schema_problems} schema):")
    for p_ in problems:
        print("  !", p_)
    sys.exit(1)
print("\nschema OK; every cross-check agrees within tolerance")
