#!/usr/bin/env python3
"""Outside-attacker check of a published `analyze` report folder.

Reads only published files (tables/*.csv, plus the respondent totals stated in
summary.txt) and narrows every hidden (suppressed) count by integer linear
programming over all tables together, as an outsider could.  See attack-reports.md.

Usage: python3 scripts/attack-reports.py REPORT_DIR [--k 5] [--no-hierarchy] [--per-item] [--no-prose]
Needs numpy and scipy >= 1.9 (scipy.optimize.milp).  Exit 1 if a hidden count
can take fewer than k values or a statistic check fails, 2 if the published
tables are inconsistent, else 0.
"""
import argparse
import csv
import glob
import os
import re
import sys

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import csr_matrix

BIG = 10 ** 6  # upper bound for unknowns not otherwise bounded


class Model:
    """Non-negative integer unknowns, linear constraints, min/max of linear forms."""

    def __init__(self):
        self.index, self.ub, self.rows, self.lo, self.hi = {}, [], [], [], []
        self.cache, self.cons = {}, None

    def var(self, key):
        if key not in self.index:
            self.index[key] = len(self.ub)
            self.ub.append(BIG)
        return self.index[key]

    def add(self, terms, lo, hi=None):
        """lo <= sum(coef * var) <= hi (hi defaults to lo: an equality)."""
        self.rows.append(dict(terms))
        self.lo.append(lo)
        self.hi.append(lo if hi is None else hi)
        self.cons = None

    def interval(self, terms):
        """(min, max) of sum(coef * var) over all integer solutions; None if infeasible."""
        key = tuple(sorted(terms.items()))
        if key in self.cache:
            return self.cache[key]
        n = len(self.ub)
        if self.cons is None:
            data, ri, ci = [], [], []
            for r, t in enumerate(self.rows):
                for i, a in t.items():
                    ri.append(r), ci.append(i), data.append(a)
            A = csr_matrix((data, (ri, ci)), shape=(len(self.rows), n))
            self.cons = LinearConstraint(A, np.array(self.lo, float), np.array(self.hi, float))
        c = np.zeros(n)
        for i, a in terms.items():
            c[i] = a
        out = []
        for sign in (1.0, -1.0):
            res = milp(sign * c, integrality=np.ones(n), bounds=Bounds(np.zeros(n), np.array(self.ub, float)),
                       constraints=self.cons, options={"mip_rel_gap": 1e-9})
            if res.status != 0:
                self.cache[key] = None
                return None
            out.append(int(round(sign * res.fun)))
        self.cache[key] = tuple(out)
        return self.cache[key]


def width(iv):
    """Number of values of an integer interval (inf if the upper end is only the BIG cap)."""
    return np.inf if iv[1] >= BIG // 2 else iv[1] - iv[0] + 1


def show(iv):
    return f"[{iv[0]},{'inf' if iv[1] >= BIG // 2 else iv[1]}]"


def read(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def num(s):
    return None if s is None or s.strip() == "" else int(float(s))


def unique(seq):
    return list(dict.fromkeys(seq))


def cover(rest, groups):
    """Exact cover of the cell set `rest` by published groups (naive subtraction)."""
    if not rest:
        return []
    first = min(rest)
    for S in groups:
        if first in S and S <= rest:
            sub = cover(rest - S, groups)
            if sub is not None:
                return [S] + sub
    return None


def interview(tdir, m, targets, hierarchy):
    """Interview tables: unknowns x[row key, country, role] and group sizes n[country, role]."""
    if not os.path.exists(os.path.join(tdir, "sample-by-country-role.csv")):
        return []
    sample = read(os.path.join(tdir, "sample-by-country-role.csv"))
    countries = unique(L["country"] for L in sample)
    roles = unique(L["row"] for L in sample)
    cells = [(c, r) for c in countries for r in roles]
    n = {g: m.var(("n", g)) for g in cells}
    published = {}  # linear-form owner -> {group: value}; owner "n" = group sizes

    def group(c, r):
        cs = countries if c in (None, "all") else [c]  # column absent or pooled: all countries
        rs = roles if r is None else [r]
        return frozenset((a, b) for a in cs for b in rs)

    def x(key, S):
        if ("x", key, cells[0]) not in m.index:  # first sight of this row: 0 <= x <= n for all cells
            for g in cells:
                m.add({m.var(("x", key, g)): 1, n[g]: -1}, -np.inf, 0)
        return {m.index[("x", key, g)]: 1 for g in S}

    def nterms(S):
        return {n[g]: 1 for g in S}

    def publish(owner, S, terms, v):
        m.add(terms, v)
        published.setdefault(owner, {})[S] = v

    hidden = []  # (owner, table, row label, column label, S, terms)
    for L in sample:
        S = group(L["country"], L["row"])
        v, b = num(L["participants"]), num(L["base"])
        if v is None:
            hidden.append(("n", L["table"], f"{L['row_kind']}:{L['row']}", L["country"], S, nterms(S)))
        else:
            publish("n", S, nterms(S), v)
        if b is not None:
            publish("n", group(L["country"], None), nterms(group(L["country"], None)), b)
    hidden_bases, categories = set(), {}
    skip = ("sample-by-country-role.csv", "intercoder-agreement.csv")
    for path in sorted(glob.glob(os.path.join(tdir, "*.csv"))):
        name = os.path.basename(path)
        if name.endswith(".tests.csv") or name in skip or name.startswith("survey-"):
            continue
        if name.startswith("joint-display"):
            # Its interview side: a code's participants and the group's base per level of one variable
            # (its survey side sums the survey tables' published answer counts, which survey() reads).
            for L in read(path):
                if L["side"] != "interviews":
                    continue
                var = [k for k in L if k not in ("table", "code", "instrument", "item", "side", "count", "base", "percent",
                                                 "ci_lower", "ci_upper", "suppressed")][0]
                S = group(L[var], None) if var == "country" else group(None, L[var])
                key = ("code", L["code"])
                v, b = num(L["count"]), num(L["base"])
                if v is None:
                    hidden.append((key, L["table"], f"code:{L['code']}", L[var], S, x(key, S)))
                else:
                    publish(key, S, x(key, S), v)
                if b is not None:
                    publish("n", S, nterms(S), b)
            continue
        rows = read(path)
        if rows and "kind" in rows[0] and "with" in rows[0]:
            cooccurrence(m, rows, group, x, nterms, publish, hidden, cells)
            continue
        if not rows:
            continue
        fields = list(rows[0].keys())
        colvars = fields[fields.index("row") + 1:fields.index("participants")]
        current = None
        for L in rows:
            key = (L["row_kind"], L["row"])
            if key[0] != "code":  # row order: a group row (factor category, activity type), then its codes
                current = key
            elif key[0] == "code" and current is not None:
                categories.setdefault(current, set()).add(key)
            S = group(L.get("country"), L.get("role"))
            col = "/".join(L[v] for v in colvars) or "all"
            label = f"{key[0]}:{key[1]}"
            v, b = num(L["participants"]), num(L["base"])
            if v is None:
                hidden.append((key, L["table"], label, col, S, x(key, S)))
            else:
                publish(key, S, x(key, S), v)
            if b is None:
                hidden_bases.add((L["table"], col, S))
            else:
                publish("n", S, nterms(S), b)
    for table, col, S in sorted(hidden_bases, key=lambda t: t[:2]):
        if S not in published.get("n", {}):
            hidden.append(("n", table, "base", col, S, nterms(S)))
    if hierarchy:  # a group row counts those with any of its codes: max(codes) <= group <= sum(codes)
        for cat, codes in sorted(categories.items()):
            for g in cells:
                k = m.index[("x", cat, g)]
                ids = [m.index[("x", c, g)] for c in sorted(codes)]
                for i in ids:
                    m.add({k: 1, i: -1}, 0, np.inf)
                m.add({k: -1, **{i: 1 for i in ids}}, 0, np.inf)
    naive = []  # step 4: hidden = published total - published parts
    for owner, table, label, col, S, terms in hidden:
        pubs = sorted(published.get(owner, {}).items(), key=lambda p: (-len(p[0]), sorted(p[0])))
        for P, vp in pubs:
            if S < P:
                parts = cover(P - S, [Q for Q, _ in pubs if Q < P])
                if parts is not None:
                    naive.append((table, label, col, vp - sum(published[owner][Q] for Q in parts)))
                    break
    targets += [(m, t, lab, col, terms) for _, t, lab, col, _, terms in hidden]
    return naive


def cooccurrence(m, rows, group, x, nterms, publish, hidden, cells):
    """A co-occurrence table: a code's participants (kind code) are the crosstabs' unknowns; a pair's
    participants are unknowns p[a, b, cell] with Frechet's bounds in every cell (p <= x_a, p <= x_b,
    x_a + x_b - p <= n); a published Jaccard index J = both / (A + B - both), rounded to 3 decimals,
    bounds A + B; a segment-level index bounds the codes' segment counts (unknowns s[code, group] at
    least the code's participants of the group), and a published segment count above 0 says some
    participant of the group mentions both."""
    var = next(k for k in rows[0] if k not in ("table", "kind", "code", "with", "participants", "base", "jaccard",
                                                "segments", "segment_jaccard", "suppressed")) if len(rows[0]) > 10 else None

    def S_of(L):
        if var is None:
            return group(None, None)
        return group(L[var], None) if var == "country" else group(None, L[var])

    def pair(a, b, S):
        if ("p", a, b, cells[0]) not in m.index:
            xa, xb = x(("code", a), frozenset(cells)), x(("code", b), frozenset(cells))
            for g in cells:
                pv = m.var(("p", a, b, g))
                ia, ib = m.index[("x", ("code", a), g)], m.index[("x", ("code", b), g)]
                m.add({pv: 1, ia: -1}, -np.inf, 0)
                m.add({pv: 1, ib: -1}, -np.inf, 0)
                m.add({ia: 1, ib: 1, pv: -1, m.var(("n", g)): -1}, -np.inf, 0)
        return {m.index[("p", a, b, g)]: 1 for g in S}

    def bound_index(both, union_terms, value):
        """both / union in [value - 0.0005, value + 0.0005], both and union linear forms."""
        lo, hi = value - 0.0005, value + 0.0005
        t = dict(both)
        for k, c in union_terms.items():
            t[k] = t.get(k, 0) - lo * c
        m.add(t, 0, np.inf)
        t = dict(both)
        for k, c in union_terms.items():
            t[k] = t.get(k, 0) - hi * c
        m.add(t, -np.inf, 0)

    for L in rows:
        S = S_of(L)
        col = L[var] if var else "all"
        a, b = L["code"], L["with"]
        v = num(L["participants"])
        if L["kind"] == "code":
            key = ("code", a)
            if v is None:
                hidden.append((key, L["table"], f"code:{a}", col, S, x(key, S)))
            else:
                publish(key, S, x(key, S), v)
            if num(L["base"]) is not None:
                publish("n", S, nterms(S), num(L["base"]))
            continue
        terms = pair(a, b, S)
        if v is None:
            hidden.append((("pair", a, b), L["table"], f"pair:{a}|{b}", col, S, terms))
            continue
        m.add(terms, v)
        if L["jaccard"] != "":
            union = {**x(("code", a), S)}
            for k, c in x(("code", b), S).items():
                union[k] = union.get(k, 0) + c
            for k, c in terms.items():
                union[k] = union.get(k, 0) - c
            bound_index(terms, union, float(L["jaccard"]))
        seg = num(L["segments"])
        if seg is not None and seg > 0:
            m.add(terms, 1, np.inf)
        if seg is not None and L["segment_jaccard"] != "":
            sa, sb = m.var(("s", a, S)), m.var(("s", b, S))
            for code, sv in ((a, sa), (b, sb)):
                m.add({sv: 1, **{k: -c for k, c in x(("code", code), S).items()}}, 0, np.inf)
            both = {m.var(("seg", a, b, S)): 1}
            m.add(both, seg)
            bound_index(both, {sa: 1, sb: 1, **{k: -c for k, c in both.items()}}, float(L["segment_jaccard"]))


def prose(report_dir, name):
    path = os.path.join(report_dir, name)
    return open(path, encoding="utf-8").read() if os.path.exists(path) else ""


def instrument_totals(report_dir):
    """Respondents per instrument stated in the prose: 'Title (id)' headings in tables.txt and
    'Title: N respondents' in summary.txt."""
    titles = re.findall(r"^(\S.*?) \((\w+)\)$", prose(report_dir, "tables.txt"), re.M)
    summary = re.sub(r"\s+", " ", prose(report_dir, "summary.txt"))
    found = {}
    for title, inst in titles:
        hit = re.search(re.escape(re.sub(r"\s+", " ", title)) + r": (\d+) respondents", summary)
        if hit:
            found[inst] = int(hit.group(1))
    return found


def survey(tdir, targets, per_item, totals):
    """Survey tables: per item unknowns x[item, country, role, response] (response 'missing' included).

    One model per instrument (its items share the respondents per country x role) or per item."""
    files = {"country": "survey-items-by-country.csv", "role": "survey-items-by-role.csv"}
    data = {v: read(os.path.join(tdir, f)) for v, f in files.items() if os.path.exists(os.path.join(tdir, f))}
    if len(data) < 2:
        return {}, [], []
    countries = unique(L["country"] for L in data["country"])
    roles = unique(L["role"] for L in data["role"])
    resp = {}
    for L in data["country"] + data["role"]:
        resp.setdefault((L["instrument"], L["item"]), []).append(L["response"])
    resp = {k: unique(v) for k, v in resp.items()}
    models = {}
    for (inst, item), rs in resp.items():  # respondents of a cell = sum over responses incl. missing
        owner = (inst, item) if per_item else (inst,)
        m = models.setdefault(owner, Model())
        for c in countries:
            for r in roles:
                t = {m.var(("x", inst, item, c, r, a)): 1 for a in rs}
                t[m.var(("R", owner, c, r))] = -1
                m.add(t, 0)

    for owner, m in models.items():  # an instrument's respondents stated in the summary prose
        if len(owner) == 1 and owner[0] in totals:
            m.add({m.index[("R", owner, c, r)]: 1 for c in countries for r in roles}, totals[owner[0]])

    def cellset(var, g):
        return [(g, r) for r in roles] if var == "country" else [(c, g) for c in countries]

    cells, seen_base = {}, {}
    for var, rows in sorted(data.items()):
        for L in rows:
            inst, item, a, g = L["instrument"], L["item"], L["response"], L[var]
            owner = (inst, item) if per_item else (inst,)
            m = models[owner]
            cs = cellset(var, g)
            terms = {m.index[("x", inst, item, c, r, a)]: 1 for c, r in cs}
            v, b = num(L["respondents"]), num(L["base"])
            cells[(var, inst, item, a, g)] = v if v is not None else (m, terms)
            label = f"{item}:{'no-answer' if a == 'missing' else a}"
            if v is None:
                targets.append((m, L["table"], label, g, terms))
            else:
                m.add(terms, v)
            if a == "missing":  # base of a missing row = all respondents of the column
                k = (L["table"], f"{item if per_item else inst}:respondents", g)
                t = {m.index[("R", owner, c, r)]: 1 for c, r in cs}
            else:  # base of an answer row = respondents who answered
                k = (L["table"], f"{item}:answered", g)
                t = {m.index[("x", inst, item, c, r, b2)]: 1 for c, r in cs for b2 in resp[(inst, item)]
                     if b2 != "missing"}
            seen_base.setdefault(k, [m, t, False])
            if b is not None:
                m.add(t, b)
                seen_base[k][2] = True
    targets += [(m, *k, t) for k, (m, t, pub) in sorted(seen_base.items()) if not pub]
    return cells, countries, roles


def check_stats(tdir, cells, countries, roles, findings):
    """Published Mann-Whitney lines and intercoder statistics must rest on published counts."""
    failed = 0
    for path in sorted(glob.glob(os.path.join(tdir, "survey-items-*.tests.csv"))):
        for L in read(path):
            if L["test"] != "mann_whitney_u" or (L["statistic"] == "" and L["p"] == ""):
                continue
            inst, item = L["row"].split(".", 1)
            groups = [s.strip() for s in L["comparison"].split(" vs ")]
            var = "country" if all(g in countries for g in groups) else \
                "role" if all(g in roles for g in groups) else None
            where = f"{L['table']},{L['row']},{L['comparison']}"
            if var is None or len(groups) != 2:
                failed += 1
                findings.append(f"STAT {where}: comparison groups not found in the survey tables")
                continue
            rs = [a for a in unique(k[3] for k in cells if k[1:3] == (inst, item)) if a != "missing"]
            counts, bad = {g: [] for g in groups}, []
            for g in groups:
                for a in rs:
                    v = cells[(var, inst, item, a, g)]
                    if isinstance(v, tuple):
                        iv = v[0].interval(v[1])
                        v = iv[0] if iv and iv[0] == iv[1] else None
                        if v is None:
                            bad.append(f"{g}:{a} in {show(iv)}" if iv else f"{g}:{a}")
                    counts[g].append(v)
            if bad:
                failed += 1
                findings.append(f"STAT {where}: statistic from hidden counts ({'; '.join(bad)})")
                continue
            a_, b_ = counts[groups[0]], counts[groups[1]]
            u = sum(a_[i] * (sum(b_[:i]) + 0.5 * b_[i]) for i in range(len(rs)))
            if L["statistic"] and min(abs(u - float(L["statistic"])),
                                      abs(sum(a_) * sum(b_) - u - float(L["statistic"]))) > 1e-6:
                failed += 1
                findings.append(f"STAT {where}: U={L['statistic']} does not match published counts (U={u:g})")
    path = os.path.join(tdir, "intercoder-agreement.csv")
    hidden_codes = set()
    for L in read(path) if os.path.exists(path) else []:
        if L["present_first"] == "" or L["present_second"] == "":
            hidden_codes.add(L["code"])
            shown = [f for f in ("percent_agreement", "kappa", "alpha") if L[f] != ""]
            if shown:
                failed += 1
                findings.append(f"STAT {L['table']},code:{L['code']}: {'/'.join(shown)} published "
                                f"with hidden present counts")
    path = os.path.join(tdir, "intercoder-agreement.tests.csv")
    for L in read(path) if os.path.exists(path) else []:
        if L["row"] in hidden_codes and (L["statistic"] or L["effect_value"] or L["p"]):
            failed += 1
            findings.append(f"STAT {L['table']},code:{L['row']},{L['test']}: published with hidden present counts")
    return failed


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("report_dir")
    ap.add_argument("--k", type=int, default=5, help="a hidden count must keep at least k possible values")
    ap.add_argument("--no-hierarchy", action="store_true",
                    help="do not use that a group row (factor category, activity type) counts the "
                         "participants with any of the code rows listed under it")
    ap.add_argument("--per-item", action="store_true",
                    help="do not assume one respondent set per survey instrument (implies --no-prose)")
    ap.add_argument("--no-prose", action="store_true",
                    help="ignore respondent totals stated in summary.txt (use the CSVs only)")
    args = ap.parse_args()
    tdir = os.path.join(args.report_dir, "tables")
    if not os.path.isdir(tdir):
        sys.exit(f"attack: no tables folder in {args.report_dir}")
    findings, notes = [], []
    targets = []  # (model, table, row label, column label, linear form)
    naive = interview(tdir, Model(), targets, not args.no_hierarchy)
    totals = {} if args.no_prose or args.per_item else instrument_totals(args.report_dir)
    cells, countries, roles = survey(tdir, targets, args.per_item, totals)
    checked = pinned = narrow = derivable = 0
    results = {}
    for model, table, row, col, terms in targets:
        iv = model.interval(terms)
        if iv is None:
            print(f"ERROR {table},{row},{col}: published tables are inconsistent (no integer solution)")
            sys.exit(2)
        checked += 1
        results[(table, row, frozenset(col.split("/")))] = iv
        if width(iv) < args.k:
            # Fewer than k values. Zero, or k and more throughout: a count that was never small
            # (hidden only to protect another) gives nothing away. Within 1..k-1: a small count pinned.
            # From below k to k or more: a count equal to its group, which `analyze` protects to 2
            # values ("4 or 5 of 5"), or a small count at its upper end; reported apart.
            if iv[1] < 1 or iv[0] >= args.k:
                derivable += 1
            elif iv[1] < args.k:
                pinned += 1
                findings.append(f"PINNED {table},{row},{col}: hidden count in {show(iv)} ({width(iv)} values)")
            else:
                narrow += 1
                notes.append(f"NARROW {table},{row},{col}: hidden count in {show(iv)} ({width(iv)} values; "
                             "a full cell, or a small count, at its upper end)")
    path = os.path.join(tdir, "intercoder-agreement.csv")
    for L in read(path) if os.path.exists(path) else []:  # hidden coder counts: only 0..units known
        for f in ("present_first", "present_second"):
            if L[f] == "":
                checked += 1
                if num(L["units"]) is not None and num(L["units"]) + 1 < args.k:
                    pinned += 1
                    findings.append(f"PINNED {L['table']},code:{L['code']},{f}: hidden count in "
                                    f"[0,{L['units']}] ({num(L['units']) + 1} values)")
    failed = check_stats(tdir, cells, countries, roles, findings)
    for table, row, col, value in naive:  # cross-check: subtraction must agree with the ILP
        iv = results[(table, row, frozenset(col.split("/")))]
        if iv != (value, value):
            notes.append(f"NOTE {table},{row},{col}: subtraction gives {value} but ILP {show(iv)} (bug?)")
    audit = os.path.join(args.report_dir, "disclosure-audit.csv")
    claims = read(audit) if os.path.exists(audit) else []
    narrower = wider = matched = 0
    for L in claims:  # compare with the publisher's own claims
        iv = results.get((L["table"], L["row"], frozenset(L["column"].split("/"))))
        matched += iv is not None
        claim = (num(L["lower"]) or 0, num(L["upper"]) if L["upper"] else BIG)  # empty: unbounded
        wider += bool(iv) and width(iv) > width(claim)
        if iv and width(iv) < width(claim):
            narrower += 1
            notes.append(f"NOTE {L['table']},{L['row']},{L['column']}: audit claims {show(claim)}, "
                         f"attacker finds {show(iv)}")
    for line in sorted(findings) + sorted(notes):
        print(line)
    if totals:
        print("respondents from summary.txt: " + ", ".join(f"{i}={n}" for i, n in sorted(totals.items())))
    print(f"naive subtraction: {len(naive)} hidden counts recoverable by subtracting published parts")
    if os.path.exists(audit):
        print(f"audit cross-check: {matched} of {len(claims)} audit lines matched, "
              f"attacker narrower on {narrower}, wider on {wider}")
    print(f"statistics: {failed} checks failed")
    print(f"narrow: {narrow} hidden counts reaching k with fewer than k values; "
          f"{derivable} narrowed but 0 or never small (hidden to protect others)")
    print(f"attack: {checked} hidden counts checked, {pinned} pinned")
    sys.exit(1 if pinned or failed else 0)


if __name__ == "__main__":
    main()
