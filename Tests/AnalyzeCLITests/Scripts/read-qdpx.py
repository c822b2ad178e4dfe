#!/usr/bin/env python3
"""Reads a REFI-QDA project (.qdpx) with nothing but Python's zipfile and ElementTree, independently of
analyze's Swift code, and prints what it holds as JSON for ExportProjectTests:

- "entries": the zip's entry names in order, with their date;
- "users": coder names; "variables": variable names;
- "cases": per case its name, its variables' values and the names of its sources;
- "codings": one [case, code id, coder, text] per Coding, where the code id is read from the code's
  Description ("id: ..."), the coder from the selection's creatingUser, and the text is the source's text
  sliced by the selection's startPosition and endPosition (Python indexes strings by code point).

With --extract FILE, project.qde is also written to FILE (for xmllint).
"""
import json
import sys
import zipfile
import xml.etree.ElementTree as ET

NS = "{urn:QDA-XML:project:1.0}"


def main(path, extract=None):
    archive = zipfile.ZipFile(path)
    entries = [[info.filename, "%04d-%02d-%02d %02d:%02d:%02d" % info.date_time] for info in archive.infolist()]
    document = archive.read("project.qde")
    if extract:
        with open(extract, "wb") as out:
            out.write(document)
    root = ET.fromstring(document)
    users = {user.get("guid"): user.get("name") for user in root.iter(NS + "User")}
    variables = {variable.get("guid"): variable.get("name") for variable in root.iter(NS + "Variable")}
    codes = {}
    for code in root.iter(NS + "Code"):
        description = code.find(NS + "Description")
        lines = (description.text or "").split("\n") if description is not None else []
        ids = [line[4:] for line in lines if line.startswith("id: ")]
        if ids:
            codes[code.get("guid")] = ids[-1]
    sources = {}
    codings = []
    source_case = {}
    cases = []
    for case in root.iter(NS + "Case"):
        for ref in case.findall(NS + "SourceRef"):
            source_case[ref.get("targetGUID")] = case.get("name")
    for source in root.iter(NS + "TextSource"):
        plain = source.get("plainTextPath")
        assert plain.startswith("internal://"), plain
        text = archive.read("sources/" + plain[len("internal://"):]).decode("utf-8")
        sources[source.get("guid")] = source.get("name")
        for selection in source.findall(NS + "PlainTextSelection"):
            start, end = int(selection.get("startPosition")), int(selection.get("endPosition"))
            for coding in selection.findall(NS + "Coding"):
                code = codes[coding.find(NS + "CodeRef").get("targetGUID")]
                coder = users[selection.get("creatingUser")]
                assert users[coding.get("creatingUser")] == coder
                codings.append([source_case[source.get("guid")], code, coder, text[start:end]])
    for case in root.iter(NS + "Case"):
        values = {}
        for value in case.findall(NS + "VariableValue"):
            values[variables[value.find(NS + "VariableRef").get("targetGUID")]] = value.find(NS + "TextValue").text or ""
        names = [sources[ref.get("targetGUID")] for ref in case.findall(NS + "SourceRef")]
        cases.append({"name": case.get("name"), "values": values, "sources": names})
    json.dump({
        "entries": entries, "users": list(users.values()), "variables": list(variables.values()),
        "cases": cases, "codings": codings,
    }, sys.stdout, ensure_ascii=False, sort_keys=True)


if __name__ == "__main__":
    arguments = sys.argv[1:]
    extract = None
    if "--extract" in arguments:
        position = arguments.index("--extract")
        extract = arguments[position + 1]
        del arguments[position:position + 2]
    main(arguments[0], extract)
