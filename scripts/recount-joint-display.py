#!/usr/bin/env python3
"""An independent recount of the joint display from the study's own CSV files (not the store, not the
tool's code): for each survey item that `measures:` a code, the participants per country who mentioned
the code in the analysed coding (the first coder of coding.analysed_coders who coded the participant),
and the respondents per country whose answer is a present value (above the scale's middle for
direction agree), over those who answered. Compares every published cell of
every joint display of reports/tables (by country or by role, a role shown as its publication group)
with it (hidden cells are skipped) and exits 1 on a difference.

    python3 scripts/recount-joint-display.py data/sample reports
"""
import csv
import sys
from collections import defaultdict
from pathlib import Path

import yaml  # PyYAML (Debian python3-yaml)

study, reports = Path(sys.argv[1]), Path(sys.argv[2])
manifest = yaml.safe_load((study / "study.yml").read_text(encoding="utf-8"))
coders = manifest["coding"]["analysed_coders"]

def rows(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))

# A level as the tables show it: its publication group (publication.groups), or itself.
groups = (manifest.get("publication") or {}).get("groups") or {}
def shown(variable, level):
    for group, members in (groups.get(variable) or {}).items():
        if level in members:
            return group
    return level

people = rows(study / "participants.csv")
coded = defaultdict(lambda: defaultdict(set))  # participant -> coder -> codes
for r in rows(study / "segments.csv"):
    coded[r["participant_id"]][r["coder"]].add(r["code"])
analysed = {}
for participant, by_coder in coded.items():
    chosen = next((c for c in coders if c in by_coder), None)
    analysed[participant] = by_coder[chosen] if chosen else set()

expected = {}
for source in manifest["sources"]:
    if source["kind"] != "survey":
        continue
    instrument = yaml.safe_load((study / source["instrument"]).read_text(encoding="utf-8"))
    scales = {s["id"]: sorted(v["value"] for v in s["values"]) for s in instrument["scales"]}
    answers = rows(study / source["file"])
    for item in instrument["items"]:
        for code in item.get("measures", []):
            values = scales[item["scale"]]
            half = len(values) // 2
            present = values[-half:] if item.get("direction", "agree") == "agree" else values[:half]
            for variable in ("country", "role"):
                for level in sorted({shown(variable, p[variable]) for p in people}):
                    members = [p["participant_id"] for p in people if shown(variable, p[variable]) == level]
                    mentioned = sum(1 for p in members if code in analysed.get(p, set()))
                    expected[(code, item["id"], variable, level, "interviews")] = (mentioned, len(members))
                    given = [int(a[item["id"]]) for a in answers
                             if shown(variable, a[variable]) == level and a[item["id"]].strip()]
                    expected[(code, item["id"], variable, level, "survey")] = (sum(1 for v in given if v in present), len(given))

checked = differ = tables = 0
for path in sorted((reports / "tables").glob("joint-display-*.csv")):
    if path.name.endswith(".tests.csv"):
        continue
    tables += 1
    for r in rows(path):
        variable = "country" if "country" in r else "role"
        key = (r["code"], r["item"], variable, r[variable], r["side"])
        if r["suppressed"] == "yes":
            continue
        checked += 1
        published = (int(r["count"]), int(r["base"]))
        if expected.get(key) != published:
            differ += 1
            print(f"DIFFER {path.name} {key}: published {published}, recount {expected.get(key)}")
print(f"joint display: {tables} table(s), {checked} published cells recounted, {differ} differ")
sys.exit(1 if differ or checked == 0 else 0)
