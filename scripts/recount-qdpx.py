#!/usr/bin/env python3
"""An independent count of a REFI-QDA project (.qdpx) study, from the .qdpx, its study.yml and its code map alone
(not the store, not the tool's code; Python's standard library only: zipfile, xml.etree): the participants who
mention each code, by country and role, in the analysed coding (for each participant, the first coder of
coding.analysed_coders who coded one of the participant's sources with a mapped code). Compares it with the
disclosure basis of analyze's results (STUDY/.analyze/results.json, the true counts per country × role before
any suppression) and exits 1 on any difference.

    python3 scripts/recount-qdpx.py Tests/Fixtures/QualCoderPilot [RESULTS_JSON]

What it reads of study.yml (a small YAML subset, as the fixtures write it): the qdpx source's file, code_map and
documents, coding.analysed_coders, and a participants file if one is listed. Code names are matched as the tool
documents it (docs/formats.md, "Code map"): lowercase, '\\' read as '/', in each '/'-part the spaces around it
dropped and every run of spaces, '-' and '_' made one '_'. Participants: named cases (variables country and role
in any case), nameless cases holding one source (the source's name, or its documents: id), or the rows of the
participants file; a source's participant: the case whose SourceRef holds it, else documents:.
"""
import csv
import json
import re
import sys
import xml.etree.ElementTree as ET
import zipfile
from collections import defaultdict
from pathlib import Path

study = Path(sys.argv[1])
results_path = Path(sys.argv[2]) if len(sys.argv) > 2 else study / ".analyze" / "results.json"


def unquote(text):
    text = text.strip()
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
        return text[1:-1].replace("\\\\", "\\") if text[0] == '"' else text[1:-1]
    return text


def flat_mapping(lines):
    """`key: value` lines (comments and blanks skipped) → dict; the key may be quoted and hold ': '."""
    mapping = {}
    for line in lines:
        if not line.strip() or line.strip().startswith("#"):
            continue
        match = re.match(r"""\s*("(?:[^"\\]|\\.)*"|'[^']*'|[^:#]+?):\s+(.*?)\s*$""", line)
        if not match:
            sys.exit(f"recount-qdpx: cannot read the line {line!r}")
        mapping[unquote(match.group(1))] = unquote(match.group(2))
    return mapping


# --- study.yml (the subset the fixtures use) --------------------------------------------------------------------
manifest = (study / "study.yml").read_text(encoding="utf-8").splitlines()
sources = []  # each a dict of its scalar settings, with "documents" a dict
current = None
in_documents = False
section = None
coders = []
for line in manifest:
    if not line.strip() or line.strip().startswith("#"):
        continue
    indent = len(line) - len(line.lstrip())
    if indent == 0:
        section = line.split(":")[0]
        in_documents = False
        continue
    if section == "coding" and line.strip().startswith("analysed_coders:"):
        coders = [unquote(c) for c in line.split(":", 1)[1].strip().strip("[]").split(",")]
    if section != "sources":
        continue
    stripped = line.strip()
    if stripped.startswith("- "):
        current = {"documents": {}}
        sources.append(current)
        in_documents = False
        stripped = stripped[2:]
        if stripped.startswith("{"):
            for part in stripped.strip("{}").split(","):
                key, value = part.split(":", 1)
                current[key.strip()] = unquote(value)
            continue
        item_indent = indent + 2
    if in_documents and indent > item_indent:
        current["documents"].update(flat_mapping([line]))
        continue
    key, value = stripped.split(":", 1)
    in_documents = key.strip() == "documents" and not value.strip()
    if not in_documents:
        current[key.strip()] = unquote(value)

qdpx_source = next(s for s in sources if s.get("kind") == "qdpx")
participants_source = next((s for s in sources if s.get("kind") == "participants"), None)
documents = qdpx_source["documents"]


def key(name):
    parts = []
    for part in name.lower().replace("\\", "/").split("/"):
        parts.append(re.sub(r"[\s\-_]+", "_", part.strip()).strip("_"))
    return "/".join(parts)


code_map = {}
if "code_map" in qdpx_source:
    for name, code in flat_mapping((study / qdpx_source["code_map"]).read_text(encoding="utf-8").splitlines()).items():
        code_map[key(name)] = code

# --- the project ------------------------------------------------------------------------------------------------
with zipfile.ZipFile(study / qdpx_source["file"]) as archive:
    names = archive.namelist()
    document = "project.qde" if "project.qde" in names else next(n for n in names if n.endswith(".qde") and "/" not in n)
    root = ET.fromstring(archive.read(document))


def local(tag):
    return tag.rsplit("}", 1)[-1]


def children(element, name):
    return [child for child in element if local(child.tag) == name]


def guid(text):
    return text.strip("{} ").lower()


users = {guid(u.get("guid")): u.get("name") for users in children(root, "Users") for u in children(users, "User")}
code_paths = {}


def visit(code, above):
    path = above + [code.get("name")]
    code_paths[guid(code.get("guid"))] = "/".join(path)
    for child in children(code, "Code"):
        visit(child, path)


for codebook in children(root, "CodeBook"):
    for codes in children(codebook, "Codes"):
        for code in children(codes, "Code"):
            visit(code, [])
variables = {guid(v.get("guid")): v.get("name") for vs in children(root, "Variables") for v in children(vs, "Variable")}
text_sources = [s for ss in children(root, "Sources") for s in children(ss, "TextSource")]
source_names = {guid(s.get("guid")): s.get("name") for s in text_sources}


def values(element):
    out = {}
    for value in children(element, "VariableValue"):
        ref = children(value, "VariableRef")[0]
        text = [v.text for v in value if local(v.tag) != "VariableRef"]
        out[variables[guid(ref.get("targetGUID"))].strip().lower()] = (text[0] or "").strip() if text else ""
    return out


place = {}  # participant -> (country, role)
owner = {}  # source guid -> participant
for cases in children(root, "Cases"):
    for case in children(cases, "Case"):
        refs = [guid(r.get("targetGUID")) for r in children(case, "SourceRef")]
        name = (case.get("name") or "").strip()
        attributes = values(case)
        if not name:
            source = next(s for s in text_sources if guid(s.get("guid")) == refs[0])
            name = documents.get(source.get("name"), source.get("name"))
            attributes.update(values(source))
        place[name] = (attributes.get("country"), attributes.get("role"))
        for ref in refs:
            owner[ref] = name
if participants_source:
    with open(study / participants_source["file"], encoding="utf-8-sig", newline="") as f:
        place = {r["participant_id"]: (r["country"], r["role"]) for r in csv.DictReader(f)}
for source_guid, name in source_names.items():
    if source_guid not in owner and name in documents:
        owner[source_guid] = documents[name]

coded = defaultdict(lambda: defaultdict(set))  # participant -> coder -> codes
for source in text_sources:
    participant = owner.get(guid(source.get("guid")))
    for selection in children(source, "PlainTextSelection"):
        for coding in children(selection, "Coding"):
            user = users[guid(coding.get("creatingUser") or selection.get("creatingUser"))]
            path = code_paths[guid(children(coding, "CodeRef")[0].get("targetGUID"))]
            code = code_map.get(key(path))
            if code is not None:
                coded[participant][user].add(code)

counted = defaultdict(int)
for participant, by_coder in coded.items():
    chosen = next((c for c in coders if c in by_coder), None)
    for code in by_coder.get(chosen, set()):
        counted[(code, *place[participant])] += 1
groups = defaultdict(int)
for country_role in place.values():
    groups[country_role] += 1

# --- analyze's counts -------------------------------------------------------------------------------------------
basis = json.loads(results_path.read_text(encoding="utf-8"))["basis"]
variables_order = basis["variables"]
profiles = [dict(zip(variables_order, p)) for p in basis["profiles"]]
published = defaultdict(int)
published_groups = defaultdict(int)
for index, profile in enumerate(profiles):
    published_groups[(profile["country"], profile["role"])] += basis["participants"][index]
for row in basis["rows"]:
    if row["kind"] != "code":
        continue
    for index, profile in enumerate(profiles):
        if row["counts"][index]:
            published[(row["id"], profile["country"], profile["role"])] += row["counts"][index]

differences = [f"{cell}: recount {counted.get(cell, 0)}, analyze {published.get(cell, 0)}"
               for cell in sorted(set(counted) | set(published)) if counted.get(cell, 0) != published.get(cell, 0)]
differences += [f"participants {group}: recount {groups.get(group, 0)}, analyze {published_groups.get(group, 0)}"
                for group in sorted(set(groups) | set(published_groups)) if groups.get(group, 0) != published_groups.get(group, 0)]
for line in differences:
    print("DIFFERENT", line)
if differences:
    sys.exit(1)
print(f"recount-qdpx: {len(counted)} nonzero code × country × role cells and {len(groups)} country × role groups "
      f"of {qdpx_source['file']} equal analyze's ({sum(groups.values())} participants)")
