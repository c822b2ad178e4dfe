#!/usr/bin/env python3
"""Writes the CSV and YAML conformance corpus, Tests/IngestTests/Conformance/<file>--<case>.<ext>.

Each file replaces one input of the test fixture (Tests/TestSupport/StudyFixture.swift): the part
before `--` names it. `ConformanceTests` ingests the fixture with it and compares the outcome with
`<same name>.expected` (the number of records accepted, or every problem with file, line, column and
reason), which were reviewed one by one. Rerun this script only to add cases; it never rewrites an
expected outcome. A case with a `<same name>.dialect` file (a YAML flow mapping) is ingested with that
`dialect:` declared on its source in study.yml.
"""
import os

OUT = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "Tests/IngestTests/Conformance")

P = "participant_id,country,role,setting\nKZ-1,KZ,mother,urban\nKZ-2,KZ,father,rural\nKZ-3,KZ,father,urban\nUK-1,UK,mother,urban\nUK-2,UK,mother,\nUK-3,UK,teacher,urban\n"
S = ("segment_id,participant_id,code,coder,document,start,end,excerpt,language\n"
     "S1,KZ-1,bar_busy_job,C1,INT-KZ-1,0,40,\"I work late, so \"\"school\"\" waits\",en\n"
     "S6,UK-1,bar_instruction_language,C2,INT-UK-1,0,10,English is hard,en\n")
V = "respondent_id,country,role,q1,q2\nR1,KZ,mother,1,2\nR2,KZ,father,1,\nR3,UK,mother,2,2\n"
M = """name: Fixture study
version: "0.1"
codebook: codebook.yml
levels:
  country: [KZ, UK]
  role: [mother, father, grandparent, guardian, teacher, other]
sources:
  - {file: participants.csv, kind: participants}
  - {file: segments.csv, kind: segments}
  - {file: survey.csv, kind: survey, instrument: mini.yml}
coding:
  analysed_coders: [C1, C2]
"""
C = """version: "test-1"
codes:
  - {id: bar_busy_job, category: barrier, factor: parent, label: {en: Busy job, ru: Занятость, kk: Жұмыс}, description: d}
  - {id: bar_instruction_language, category: barrier, factor: parent_teacher, label: {en: Language, ru: Язык, kk: Тіл}, description: d}
"""

def u(text): return text.encode("utf-8")

cases = {
    # participants.csv: the CSV deviations real exports carry (docs: DATA-HANDLING §3.2)
    "participants.csv--utf8-bom.csv": b"\xef\xbb\xbf" + u(P),
    "participants.csv--crlf.csv": u(P.replace("\n", "\r\n")),
    "participants.csv--cr-only.csv": u(P.replace("\n", "\r")),
    "participants.csv--cr-cr-lf.csv": u(P.replace("\n", "\r\r\n")),
    "participants.csv--semicolons.csv": u(P.replace(",", ";")),
    "participants.csv--tabs.csv": u(P.replace(",", "\t")),
    "participants.csv--utf16le-bom.csv": b"\xff\xfe" + P.encode("utf-16-le"),
    "participants.csv--utf16be-bom.csv": b"\xfe\xff" + P.encode("utf-16-be"),
    "participants.csv--windows-1251.csv": (P.replace("urban", "город")).encode("cp1251"),
    "participants.csv--duplicate-header.csv": u(P.replace("setting", "role", 1)),
    "participants.csv--empty-header-name.csv": u(P.replace(",setting", ",")),
    "participants.csv--missing-country-column.csv": u("participant_id,role\nKZ-1,mother\n"),
    "participants.csv--short-row.csv": u(P.replace("KZ-2,KZ,father,rural", "KZ-2,KZ")),
    "participants.csv--long-row.csv": u(P.replace("KZ-2,KZ,father,rural", "KZ-2,KZ,father,rural,extra")),
    "participants.csv--trailing-commas.csv": u("\n".join(line + "," if line else line for line in P.split("\n"))),
    "participants.csv--unknown-country.csv": u(P.replace("KZ-3,KZ", "KZ-3,KAZ")),
    "participants.csv--unknown-role.csv": u(P.replace("KZ-3,KZ,father", "KZ-3,KZ,dad")),
    "participants.csv--lowercase-country.csv": u(P.replace("KZ-3,KZ", "KZ-3,kz")),
    "participants.csv--duplicate-id.csv": u(P + "KZ-1,KZ,father,rural\n"),
    "participants.csv--empty-id.csv": u(P + ",KZ,father,rural\n"),
    "participants.csv--header-only.csv": u("participant_id,country,role,setting\n"),
    "participants.csv--empty-file.csv": b"",
    "participants.csv--blank-lines.csv": u(P.replace("KZ-3,", "\nKZ-3,").replace("UK-1,", "\n\nUK-1,")),
    "participants.csv--whitespace-line.csv": u(P.replace("KZ-3,", "   \nKZ-3,")),
    "participants.csv--padded-fields.csv": u(P.replace("KZ-2,KZ,father", "  KZ-2 , KZ ,father ")),
    "participants.csv--quoted-fields.csv": u(P.replace("KZ-2,KZ,father,rural", "\"KZ-2\",\"KZ\",\"father\",\"rural\"")),
    "participants.csv--quoted-newline-attribute.csv": u(P.replace("KZ-2,KZ,father,rural", "KZ-2,KZ,father,\"rural,\nnear Almaty\"")),
    "participants.csv--nul-byte.csv": u(P).replace(b"rural", b"ru\x00ral"),
    "participants.csv--invalid-utf8.csv": u(P).replace(b"rural", b"rur\xe9l"),
    "participants.csv--unterminated-quote.csv": u(P.replace("UK-3,UK,teacher,urban", "UK-3,UK,teacher,\"urban")),
    "participants.csv--quote-inside-unquoted.csv": u(P.replace("KZ-2,KZ,father,rural", "KZ-2,KZ,father,ru\"ral")),
    "participants.csv--text-after-closing-quote.csv": u(P.replace("KZ-2,KZ,father,rural", "KZ-2,KZ,father,\"rural\"x")),
    "participants.csv--no-final-newline.csv": u(P.rstrip("\n")),
    "participants.csv--kazakh-and-russian.csv": u(P.replace("KZ-2,KZ,father,rural", "KZ-2,KZ,father,ауыл (село)")),
    "participants.csv--formula-like-values.csv": u(P.replace("KZ-2,KZ,father,rural", "KZ-2,KZ,father,=SUM(A1)")),
    # segments.csv
    "segments.csv--multiline-excerpt-crlf.csv": u(S.replace("English is hard", "\"English\r\nis hard\"").replace("\n", "\r\n")),
    "segments.csv--start-after-end.csv": u(S.replace(",0,10,", ",10,0,")),
    "segments.csv--negative-start.csv": u(S.replace(",0,10,", ",-1,10,")),
    "segments.csv--start-not-a-number.csv": u(S.replace(",0,10,", ",zero,10,")),
    "segments.csv--unknown-code.csv": u(S.replace("bar_instruction_language", "bar_language")),
    "segments.csv--unknown-participant-many-rows.csv": u(S + "".join(f"S{9 + i},KZ-9,bar_busy_job,C1,,,,,\n" for i in range(5))),
    "segments.csv--duplicate-application.csv": u(S + "S1,KZ-1,bar_busy_job,C1,INT-KZ-1,0,40,again,en\n"),
    "segments.csv--missing-coder.csv": u(S.replace(",C2,", ",,")),
    "segments.csv--unknown-language.csv": u(S.replace("is hard,en", "is hard,de")),
    "segments.csv--bom-and-crlf.csv": b"\xef\xbb\xbf" + u(S.replace("\n", "\r\n")),
    "segments.csv--long-excerpt.csv": u(S.replace("English is hard", "\"" + "Тіл қиын. " * 10000 + "\"")),
    "segments.csv--extra-unknown-column.csv": u(S.replace("language\n", "language,note\n", 1).replace(",en\n", ",en,x\n")),
    "segments.csv--missing-code-column.csv": u("segment_id,participant_id,coder\nS1,KZ-1,C1\n"),
    "segments.csv--empty-file.csv": b"",
    # survey.csv
    "survey.csv--value-outside-scale.csv": u(V.replace("R3,UK,mother,2,2", "R3,UK,mother,2,3")),
    "survey.csv--decimal-value.csv": u(V.replace("R3,UK,mother,2,2", "R3,UK,mother,2,2.0")),
    "survey.csv--unknown-item.csv": u("respondent_id,country,role,q1,q2,q3\nR1,KZ,mother,1,2,1\nR2,KZ,father,1,,2\n"),
    "survey.csv--duplicate-respondent.csv": u(V + "R1,UK,father,1,1\n"),
    "survey.csv--all-answers-empty.csv": u(V.replace("R3,UK,mother,2,2", "R3,UK,mother,,")),
    "survey.csv--decimal-comma-quoted.csv": u(V.replace("R3,UK,mother,2,2", "R3,UK,mother,\"1,5\",2")),
    # study.yml
    "study.yml--empty.yml": b"",
    "study.yml--comments-only.yml": u("# the settings come later\n# (see docs/formats.md)\n"),
    "study.yml--tab-indentation.yml": u(M.replace("  country:", "\tcountry:")),
    "study.yml--duplicate-key.yml": u(M.replace("version: \"0.1\"\n", "version: \"0.1\"\nversion: \"0.2\"\n")),
    "study.yml--misspelt-key.yml": u(M + "disclosure: {minimun_count: 10}\n"),
    "study.yml--levels-not-a-list.yml": u(M.replace("[KZ, UK]", "KZ")),
    "study.yml--missing-name.yml": u(M.replace("name: Fixture study\n", "")),
    "study.yml--anchors-and-aliases.yml": u(M.replace("coding:\n  analysed_coders: [C1, C2]\n", "coding:\n  analysed_coders: &coders [C1, C2]\n")),
    "study.yml--block-style-lists.yml": u(M.replace("  country: [KZ, UK]\n", "  country:\n    - KZ\n    - UK\n")),
    "study.yml--minimum-count-zero.yml": u(M + "disclosure: {minimum_count: 0}\n"),
    "study.yml--full-cells-unknown.yml": u(M + "disclosure: {full_cells: hide}\n"),
    "study.yml--unknown-source-kind.yml": u(M.replace("kind: survey,", "kind: questionnaire,")),
    "study.yml--survey-without-instrument.yml": u(M.replace(", instrument: mini.yml", "")),
    "study.yml--utf8-bom.yml": b"\xef\xbb\xbf" + u(M),
    "study.yml--threshold-out-of-range.yml": u(M.replace("analysed_coders: [C1, C2]\n", "analysed_coders: [C1, C2]\n  agreement_threshold: 7\n")),
    "study.yml--unclosed-flow-list.yml": u(M.replace("[KZ, UK]", "[KZ, UK")),
    # codebook.yml
    "codebook.yml--duplicate-code.yml": u(C + "  - {id: bar_busy_job, category: barrier, factor: parent, label: {en: Busy}, description: d}\n"),
    "codebook.yml--bad-id.yml": u(C.replace("bar_busy_job", "Bar-Busy")),
    "codebook.yml--barrier-without-factor.yml": u(C.replace("factor: parent, ", "")),
    "codebook.yml--parent-cycle.yml": u(C.replace("factor: parent, label", "factor: parent, parent: bar_busy_job, label")),
    "codebook.yml--label-without-english.yml": u(C.replace("en: Busy job, ", "")),
    "codebook.yml--label-without-any-language.yml": u(C.replace("label: {en: Busy job, ru: Занятость, kk: Жұмыс}", "label: {}")),
    "codebook.yml--empty-label-text.yml": u(C.replace("kk: Жұмыс", "kk: \"\"")),
    "codebook.yml--unknown-category.yml": u(C.replace("category: barrier, factor: parent,", "category: obstacle, factor: parent,")),
    "codebook.yml--not-a-mapping.yml": u("- bar_busy_job\n- bar_instruction_language\n"),
}

# Files saved by Excel and LibreOffice outside English locales, read because the manifest declares their dialect
# (the same inputs without the declaration are the cases above). Line and column numbers of problems are those of
# the original file.
P_CRLF = P.replace("\n", "\r\n")
V_BAD = V.replace("R2,KZ,father,1,", "R2,KZ,father,1,7")
dialect_cases = {
    "participants.csv--semicolons-declared.csv": ('{delimiter: ";"}', u(P.replace(",", ";"))),
    "participants.csv--utf16le-bom-declared.csv": ("{encoding: utf-16}", b"\xff\xfe" + P.encode("utf-16-le")),
    "participants.csv--utf16be-bom-declared.csv": ("{encoding: utf-16}", b"\xfe\xff" + P.encode("utf-16-be")),
    "participants.csv--utf16le-no-bom-declared.csv": ("{encoding: utf-16}", P.encode("utf-16-le")),
    "participants.csv--windows-1251-declared.csv": ("{encoding: windows-1251}", P.replace("urban", "город").encode("cp1251")),
    # Excel's "Unicode Text": UTF-16LE with a byte-order mark, tabs, CRLF.
    "participants.csv--excel-unicode-text-declared.csv": ('{delimiter: "\\t", encoding: utf-16}',
        b"\xff\xfe" + P_CRLF.replace(",", "\t").encode("utf-16-le")),
    # Excel "CSV" in a Russian locale: semicolons, Windows-1251, CRLF; a country typed in Russian on line 4.
    "participants.csv--excel-ru-declared.csv": ('{delimiter: ";", encoding: windows-1251}',
        P_CRLF.replace("KZ-3,KZ", "KZ-3,Казахстан").replace("urban", "город").replace(",", ";").encode("cp1251")),
    # A field with Windows-1251's one unassigned byte (0x98), on line 3.
    "participants.csv--windows-1251-unassigned-byte-declared.csv": ("{encoding: windows-1251}",
        P.replace("rural", "село").encode("cp1251").replace("село".encode("cp1251"), b"\x98")),
    "participants.csv--utf8-bom-declared-windows-1251.csv": ("{encoding: windows-1251}", b"\xef\xbb\xbf" + u(P)),
    "participants.csv--utf16-bom-declared-windows-1251.csv": ("{encoding: windows-1251}", b"\xff\xfe" + P.encode("utf-16-le")),
    "participants.csv--commas-declared-semicolons.csv": ('{delimiter: ";"}', u(P)),
    # A survey as UTF-16BE with semicolons: the 7 outside the scale is on line 3, field 5.
    "survey.csv--utf16be-semicolons-declared.csv": ('{delimiter: ";", encoding: utf-16}',
        b"\xfe\xff" + V_BAD.replace(",", ";").encode("utf-16-be")),
    "segments.csv--semicolons-cp1251-declared.csv": ('{delimiter: ";", encoding: windows-1251}',
        S.replace(",", ";").replace("so \"\"school\"\" waits", "школа ждёт").encode("cp1251")),
}
cases["study.yml--dialect-bad-values.yml"] = u(M.replace(
    "{file: participants.csv, kind: participants}",
    "{file: participants.csv, kind: participants, dialect: {delimiter: ';;', encoding: latin1}}"))
cases["study.yml--dialect-misspelt-key.yml"] = u(M.replace(
    "{file: participants.csv, kind: participants}", "{file: participants.csv, kind: participants, dialect: {encodng: utf-16}}"))
cases["study.yml--dialect-on-sav.yml"] = u(M.replace(
    "{file: survey.csv, kind: survey,", "{file: survey.sav, kind: survey, dialect: {delimiter: ';'},"))
for name, (dialect, data) in dialect_cases.items():
    cases[name] = data
    cases[name + ".dialect"] = u(dialect + "\n")

os.makedirs(OUT, exist_ok=True)
written = 0
for name, data in sorted(cases.items()):
    path = os.path.join(OUT, name)
    if not os.path.exists(path):
        with open(path, "wb") as handle:
            handle.write(data)
        written += 1
print(f"{len(cases)} cases, {written} written")
