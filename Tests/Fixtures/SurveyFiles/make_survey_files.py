#!/usr/bin/env python3
"""Writes the sample's parent survey as SPSS .sav and Stata .dta with ReadStat's own command-line tool.

    python3 make_survey_files.py   # from this folder; needs Debian's `readstat` (apt-get install readstat)

Reads ../../../data/sample/survey-parents.csv and the instrument ../../../data/instruments/parent-involvement.yml,
and writes survey-parents.sav and survey-parents.dta next to this script. Every item variable gets the English
labels of its scale as value labels and 9 = "No answer" declared user-missing (SPSS) / tagged missing .a (Stata);
the CSV's empty item cells alternate between system-missing (left empty) and 9, so both kinds of missing occur.
The respondent id, country and role are string variables; every variable has a label.
"""
import csv
import json
import os
import subprocess
import tempfile

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", "..", ".."))
SURVEY = os.path.join(ROOT, "data", "sample", "survey-parents.csv")
INSTRUMENT = os.path.join(ROOT, "data", "instruments", "parent-involvement.yml")
NO_ANSWER = 9


def metadata(instrument, kind):
    scales = {scale["id"]: scale for scale in instrument["scales"]}
    variables = [
        {"type": "STRING", "name": "respondent_id", "label": "Respondent"},
        {"type": "STRING", "name": "country", "label": "Country"},
        {"type": "STRING", "name": "role", "label": "Role"},
    ]
    for item in instrument["items"]:
        labels = [{"code": v["value"], "label": v["label"]["en"]} for v in scales[item["scale"]]["values"]]
        labels.append({"code": NO_ANSWER, "label": "No answer"})
        variables.append({
            "type": "NUMERIC", "name": item["id"], "label": item["text"]["en"], "categories": labels,
            "missing": {"type": "DISCRETE", "values": [NO_ANSWER]},
        })
    return {"type": kind, "variables": variables}


def main():
    with open(INSTRUMENT, encoding="utf-8") as handle:
        instrument = yaml.safe_load(handle)
    items = [item["id"] for item in instrument["items"]]
    with tempfile.TemporaryDirectory() as work:
        data = os.path.join(work, "survey-parents.csv")
        with open(SURVEY, newline="", encoding="utf-8") as source, open(data, "w", newline="", encoding="utf-8") as out:
            reader = csv.DictReader(source)
            writer = csv.writer(out, quoting=csv.QUOTE_NONNUMERIC, lineterminator="\n")
            writer.writerow(reader.fieldnames)
            empty = 0
            for row in reader:
                cells = [row["respondent_id"], row["country"], row["role"]]
                for item in items:
                    if row[item] == "":
                        cells.append(NO_ANSWER if empty % 2 == 1 else "")
                        empty += 1
                    else:
                        cells.append(int(row[item]))
                writer.writerow(cells)
        for extension, kind in [("sav", "SPSS"), ("dta", "STATA")]:
            meta = os.path.join(work, f"metadata-{extension}.json")
            with open(meta, "w", encoding="utf-8") as handle:
                json.dump(metadata(instrument, kind), handle, ensure_ascii=False, indent=1)
            target = os.path.join(HERE, f"survey-parents.{extension}")
            if os.path.exists(target):
                os.remove(target)
            subprocess.run(["readstat", data, meta, target], check=True)
        write_mini(work)
    print(f"{empty} empty item cells: {(empty + 1) // 2} system-missing, {empty // 2} as {NO_ANSWER} (user-missing)")


# The test fixture's two-item instrument (Tests/TestSupport/StudyFixture.swift: scale yesno, 1 = Yes, 2 = No):
# mini.sav holds the fixture's survey.csv (R2's q2 user-missing 9); mini-mislabelled.sav swaps q1's value labels
# and has a 3, which is not on the scale, in q2 of the third case.
MINI_ROWS = [["R1", "KZ", "mother", 1, 2], ["R2", "KZ", "father", 1, NO_ANSWER], ["R3", "UK", "mother", 2, 2]]


def write_mini(work):
    def variable(name, labels):
        return {"type": "NUMERIC", "name": name, "categories": [{"code": c, "label": l} for c, l in labels],
                "missing": {"type": "DISCRETE", "values": [NO_ANSWER]}}
    strings = [{"type": "STRING", "name": name} for name in ["respondent_id", "country", "role"]]
    right = [(1, "Yes"), (2, "No"), (NO_ANSWER, "No answer")]
    swapped = [(1, "No"), (2, "Yes"), (NO_ANSWER, "No answer")]
    mislabelled_rows = [row[:] for row in MINI_ROWS]
    mislabelled_rows[2][4] = 3
    for name, rows, q1_labels in [("mini", MINI_ROWS, right), ("mini-mislabelled", mislabelled_rows, swapped)]:
        data = os.path.join(work, f"{name}.csv")
        with open(data, "w", newline="", encoding="utf-8") as out:
            writer = csv.writer(out, quoting=csv.QUOTE_NONNUMERIC, lineterminator="\n")
            writer.writerow(["respondent_id", "country", "role", "q1", "q2"])
            writer.writerows(rows)
        meta = os.path.join(work, f"{name}.json")
        with open(meta, "w", encoding="utf-8") as handle:
            json.dump({"type": "SPSS", "variables": strings + [variable("q1", q1_labels), variable("q2", right)]}, handle)
        target = os.path.join(HERE, f"{name}.sav")
        if os.path.exists(target):
            os.remove(target)
        subprocess.run(["readstat", data, meta, target], check=True)
    # mini-coded-levels.sav: numeric respondent ids (101–103, unlabelled), country coded 1 = "KZ", 2 = "UK", and
    # R2's missing q2 as 98 in the user-missing range 97–99.
    data = os.path.join(work, "mini-coded-levels.csv")
    with open(data, "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out, quoting=csv.QUOTE_NONNUMERIC, lineterminator="\n")
        writer.writerow(["respondent_id", "country", "role", "q1", "q2"])
        for number, row in enumerate(MINI_ROWS):
            writer.writerow([101 + number, 1 if row[1] == "KZ" else 2, row[2], row[3], 98 if row[4] == NO_ANSWER else row[4]])
    meta = os.path.join(work, "mini-coded-levels.json")
    with open(meta, "w", encoding="utf-8") as handle:
        json.dump({"type": "SPSS", "variables": [
            {"type": "NUMERIC", "name": "respondent_id"},
            {"type": "NUMERIC", "name": "country", "categories": [{"code": 1, "label": "KZ"}, {"code": 2, "label": "UK"}]},
            {"type": "STRING", "name": "role"}, variable("q1", right),
            {"type": "NUMERIC", "name": "q2", "categories": [{"code": 1, "label": "Yes"}, {"code": 2, "label": "No"}],
             "missing": {"type": "RANGE", "low": 97, "high": 99}}]}, handle)
    target = os.path.join(HERE, "mini-coded-levels.sav")
    if os.path.exists(target):
        os.remove(target)
    subprocess.run(["readstat", data, meta, target], check=True)


if __name__ == "__main__":
    main()
