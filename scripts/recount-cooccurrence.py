#!/usr/bin/env python3
"""An independent recount of code co-occurrence from the study's own CSV files (not the store, not the
tool's code). In each country, over the analysed coding (the first coder of coding.analysed_coders who
coded the participant):

- per code, the participants who mention it (at least one segment);
- per pair, the participants who mention both, and their Jaccard index both / (A + B - both);
- per pair, the segments (segment_id) that carry both codes, and the Jaccard index of the segments
  of each code: both / (segments of A + segments of B - both).

Compares every published value of every co-occurrence table in REPORTS/tables (files whose records
have kind code or pair; hidden and withheld values are empty and skipped) with the recount, and exits
1 on a difference. Prints how many values were compared.

    python3 scripts/recount-cooccurrence.py data/sample reports
"""
import csv
import sys
from collections import defaultdict
from pathlib import Path

import yaml  # PyYAML (Debian python3-yaml)

study, reports = Path(sys.argv[1]), Path(sys.argv[2])
manifest = yaml.safe_load((study / "study.yml").read_text(encoding="utf-8"))
coders = manifest["coding"]["analysed_coders"]
files = {s["kind"]: s["file"] for s in manifest["sources"] if s["kind"] in ("participants", "segments")}


def rows(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


country = {r["participant_id"]: r["country"] for r in rows(study / files["participants"])}
by_coder = defaultdict(lambda: defaultdict(lambda: defaultdict(set)))  # participant -> coder -> segment -> codes
for r in rows(study / files["segments"]):
    by_coder[r["participant_id"]][r["coder"]][r["segment_id"]].add(r["code"])
segments = {}  # participant -> segment -> codes, analysed coding only
for participant, codings in by_coder.items():
    chosen = next((c for c in coders if c in codings), None)
    segments[participant] = codings[chosen] if chosen else {}

mentions = defaultdict(int)      # (country, code) -> participants
code_segments = defaultdict(int)  # (country, code) -> segments carrying the code
both = defaultdict(int)          # (country, a, b) -> participants
both_segments = defaultdict(int)  # (country, a, b) -> segments
for participant, place in country.items():
    for group in (place, ""):  # its country, and all participants (a table with no column variable)
        coded = segments.get(participant, {})
        codes = set().union(*coded.values()) if coded else set()
        for code in codes:
            mentions[group, code] += 1
        for a in codes:
            for b in codes:
                both[group, a, b] += 1
        for seg_codes in coded.values():
            for code in seg_codes:
                code_segments[group, code] += 1
            for a in seg_codes:
                for b in seg_codes:
                    both_segments[group, a, b] += 1


def jaccard(n, a, b):
    union = a + b - n
    return f"{n / union:.3f}" if union else ""


compared = differ = tables = 0
for path in sorted((reports / "tables").glob("*.csv")):
    records = rows(path)
    if not records or "kind" not in records[0] or "with" not in records[0]:
        continue
    tables += 1
    for r in records:
        group, a, b = r.get("country", ""), r["code"], r["with"]
        if r["kind"] == "code":
            expected = {"participants": str(mentions[group, a])}
        else:
            n = both[group, a, b]
            s = both_segments[group, a, b]
            expected = {
                "participants": str(n),
                "jaccard": jaccard(n, mentions[group, a], mentions[group, b]),
                "segments": str(s),
                "segment_jaccard": jaccard(s, code_segments[group, a], code_segments[group, b]),
            }
        for field, value in expected.items():
            if r[field] == "":
                continue  # hidden or withheld
            compared += 1
            if r[field] != value:
                differ += 1
                print(f"{path.name}: {r['kind']} {a} {b} {group}: {field} published {r[field]}, recounted {value}")
if tables == 0:
    sys.exit("recount-cooccurrence: no co-occurrence table in " + str(reports / "tables"))
print(f"co-occurrence recount: {tables} table(s), {compared} published values compared, {differ} differ")
sys.exit(1 if differ else 0)
