#!/usr/bin/env python3
"""The project's benchmark: `analyze` beside the tools researchers would script instead, on the same files.

    python3 scripts/benchmark.py [--sizes S,M] [--runs 3] [--write]

One command does everything (issue 12):
1. builds the release binaries (`analyze`, `generate-sample`, `analyze-benchmark`) and the bare C libcsv
   parser (`scripts/benchmark/libcsv_parse.c`, `cc -O2 … -lcsv`);
2. generates the studies with the project's own seeded generator into a cache folder outside the
   repository (`$XDG_CACHE_HOME/analyze-benchmark`, else `~/.cache/analyze-benchmark`): S = 10,000 segment
   rows and 300 participants, M = 1,000,000 rows and 20,000 participants, L = 10,000,000 rows and 200,000
   participants (the sample's shape: two countries, six roles, the codebook's codes, two coders, quoted
   multi-line Cyrillic excerpts);
3. installs the peers (pandas, polars, DuckDB) into a private virtual environment in that cache (never a
   dependency of the tool);
4. runs every job as a whole process, in rounds (every job once a round, a warm-up round and then `--runs`
   timed rounds, so that the machine's drift touches every job alike), and takes each job's median wall
   time and largest peak RSS (the child's `ru_maxrss`);
5. checks that every peer's code × country × role table equals `analyze`'s: the counts per code and
   country × role in `results.json` (its disclosure basis, every code) and every code cell of its
   country × role crosstabs (publication groups summed), unsuppressed; any difference fails the run;
6. prints the Markdown tables; with `--write`, puts them into `docs/benchmark.md` and README.md between
   the `benchmark:start` and `benchmark:end` markers.

Only the standard library: the peers run in the virtual environment, each in its own process.
"""
import argparse
import datetime
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HERE = ROOT / "scripts" / "benchmark"
SIZES = {  # name: (segment rows, participants)
    "S": (10_000, 300),
    "M": (1_000_000, 20_000),
    "L": (10_000_000, 200_000),
}
PEERS = ["DuckDB", "polars", "pandas"]
PEER_PACKAGES = ["pandas", "polars", "duckdb"]
START, END = "<!-- benchmark:start -->", "<!-- benchmark:end -->"


def fail(message):
    sys.exit(f"benchmark: {message}")


def run_quietly(argv, **options):
    """Runs a preparation step; its output is shown only when it fails."""
    result = subprocess.run(argv, capture_output=True, text=True, **options)
    if result.returncode != 0:
        fail(f"{' '.join(map(str, argv))} exited with {result.returncode}:\n{result.stdout}{result.stderr}")
    return result.stdout


def cache_folder():
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "analyze-benchmark"


def build(cache):
    """Release binaries of the package and the C parse floor; returns the folder of the binaries."""
    for product in ["analyze", "generate-sample", "analyze-benchmark"]:
        print(f"building {product} (release)…", file=sys.stderr)
        run_quietly(["swift", "build", "-c", "release", "--product", product], cwd=ROOT)
    binaries = Path(run_quietly(["swift", "build", "-c", "release", "--show-bin-path"], cwd=ROOT).strip())
    run_quietly(["cc", "-O2", "-o", str(cache / "libcsv-parse"), str(HERE / "libcsv_parse.c"), "-lcsv"])
    return binaries


def virtual_environment(cache):
    """The peers' private environment: made and filled once, reused afterwards."""
    python = cache / "venv" / "bin" / "python"
    probe = [str(python), "-c", "import duckdb, pandas, polars"]
    if not python.exists() or subprocess.run(probe, capture_output=True).returncode != 0:
        print("installing pandas, polars and duckdb into a private virtual environment…", file=sys.stderr)
        run_quietly([sys.executable, "-m", "venv", str(cache / "venv")])
        run_quietly([str(python), "-m", "pip", "install", "--quiet", *PEER_PACKAGES])
    versions = run_quietly([str(python), "-c",
        "import duckdb, pandas, polars; print(duckdb.__version__, polars.__version__, pandas.__version__)"]).split()
    return python, dict(zip(PEERS, versions))


def generate(binaries, cache, size):
    """Writes the study of `size` with the seeded generator (the same files every time)."""
    rows, participants = SIZES[size]
    folder = cache / "studies" / size
    shutil.rmtree(folder, ignore_errors=True)
    print(f"generating {size}: {rows:,} rows, {participants:,} participants…", file=sys.stderr)
    summary = run_quietly([str(binaries / "generate-sample"), "--participants", str(participants),
                           "--segments", str(rows), "--output", str(folder)], cwd=ROOT)
    return folder, summary.strip()


def analysed_coders(study):
    """`coding.analysed_coders` of the generated `study.yml` (a flow list on one line)."""
    match = re.search(r"^\s*analysed_coders:\s*\[([^\]]*)\]", (study / "study.yml").read_text(), re.MULTILINE)
    if not match:
        fail(f"{study / 'study.yml'}: no coding.analysed_coders list")
    return [coder.strip().strip("'\"") for coder in match.group(1).split(",") if coder.strip()]


def run_process(argv, output):
    """Runs one process with its standard output and error in `output` and `output`.err; returns its wall
    seconds, its peak RSS in KiB and its exit code. (`subprocess` reaps its children itself and loses
    their resource usage; `wait4` keeps it.)"""
    redirections = [
        (os.POSIX_SPAWN_OPEN, 1, str(output), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644),
        (os.POSIX_SPAWN_OPEN, 2, f"{output}.err", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644),
    ]
    start = time.perf_counter()
    pid = os.posix_spawnp(str(argv[0]), [str(part) for part in argv], os.environ, file_actions=redirections)
    _, status, usage = os.wait4(pid, 0)
    return time.perf_counter() - start, usage.ru_maxrss, os.waitstatus_to_exitcode(status)


def run_job(commands, prepare, output):
    """One run of a job: its processes one after the other. Returns the seconds of all of them and the
    largest peak RSS (KiB) of any of them."""
    if prepare:
        prepare()
    seconds, peak = 0.0, 0
    for argv in commands:
        elapsed, rss, code = run_process(argv, output)
        if code != 0:
            errors = Path(f"{output}.err").read_text(errors="replace")
            fail(f"{' '.join(map(str, argv))} exited with {code}:\n{errors}")
        seconds += elapsed
        peak = max(peak, rss)
    return seconds, peak


def peer_table(output, name):
    """A peer's `code,country,role,participants` lines as a dictionary (cells with a count only)."""
    table = {}
    for line in output.splitlines():
        code, country, role, count = line.split(",")
        if (code, country, role) in table:
            fail(f"{name}: the cell {code} × {country} × {role} appears twice")
        if int(count) > 0:
            table[(code, country, role)] = int(count)
    return table


def analyze_tables(results_path):
    """`analyze`'s counts: the basis (every code × country × role, unsuppressed) and the code cells of
    every crosstab with columns country × role as (code, country, column group) → participants."""
    results = json.loads(results_path.read_text())
    basis = results["basis"]
    if basis["variables"][:2] != ["country", "role"]:
        fail(f"{results_path}: the basis's variables are {basis['variables']}, not country and role first")
    by_atom = {}
    for row in basis["rows"]:
        if row["kind"] != "code":
            continue
        for profile, count in zip(basis["profiles"], row["counts"]):
            key = (row["id"], profile[0], profile[1])
            by_atom[key] = by_atom.get(key, 0) + count
    by_atom = {key: count for key, count in by_atom.items() if count > 0}
    crosstab_cells = {}
    for table in results["tables"]:
        crosstab = table.get("crosstab")
        if not crosstab or crosstab["columnVariables"] != ["country", "role"]:
            continue
        for row, cells in zip(crosstab["rows"], crosstab["cells"]):
            if row["kind"] != "code":
                continue
            for column, cell in zip(crosstab["columns"], cells):
                country, group = column["values"]
                crosstab_cells[(crosstab["id"], row["id"], country, group)] = cell["participants"]
    groups = results.get("publicationGroups", {}).get("role", {})
    return by_atom, crosstab_cells, groups


def check_tables(size, peers, results_path):
    """Fails loudly unless every peer's table equals `analyze`'s; returns what was compared."""
    by_atom, crosstab_cells, groups = analyze_tables(results_path)
    for name, table in peers.items():
        differences = [f"{key}: analyze {by_atom.get(key, 0)}, {name} {table.get(key, 0)}"
                       for key in sorted(set(by_atom) | set(table)) if by_atom.get(key, 0) != table.get(key, 0)]
        for (table_id, code, country, group), count in sorted(crosstab_cells.items()):
            members = groups.get(group, [group])
            expected = sum(table.get((code, country, role), 0) for role in members)
            if expected != count:
                differences.append(f"{table_id} {code} × {country}/{group}: analyze {count}, {name} {expected}")
        if differences:
            fail(f"{size}: {name}'s code × country × role table differs from analyze's in "
                 f"{len(differences)} cells:\n  " + "\n  ".join(differences[:20]))
    codes = len({code for code, _, _ in by_atom})
    return (f"{size}: {len(by_atom):,} nonzero code × country × role cells ({codes} codes) and "
            f"{len(crosstab_cells):,} code cells of {len({key[0] for key in crosstab_cells})} country × role "
            f"crosstabs equal in {', '.join(peers)} and analyze")


def benchmark_size(size, binaries, python, cache, runs):
    study, summary = generate(binaries, cache, size)
    coders = ",".join(analysed_coders(study))
    segments, participants = study / "segments.csv", study / "participants.csv"
    report = cache / "reports" / size
    store = study / ".analyze"

    def clean_store():
        shutil.rmtree(store, ignore_errors=True)
        shutil.rmtree(report, ignore_errors=True)

    def clean_report():
        shutil.rmtree(report, ignore_errors=True)

    analyze = binaries / "analyze"
    jobs = [
        ("libcsv parse only, C (the parse floor)", "libcsv", [[cache / "libcsv-parse", segments]], None),
        ("Swift CSV reader (`CSVReader`) parse only", "reader",
         [[binaries / "analyze-benchmark", "--parse-only", segments]], None),
        ("DuckDB: both CSVs → code × country × role table", "DuckDB",
         [[python, HERE / "peer_duckdb.py", participants, segments, coders]], None),
        ("polars (lazy): the same table", "polars",
         [[python, HERE / "peer_polars.py", participants, segments, coders]], None),
        ("pandas: the same table", "pandas", [[python, HERE / "peer_pandas.py", participants, segments, coders]], None),
        ("`analyze run` (ingest, all tables with tests, reports)", "run",
         [[analyze, "run", study, "--output", report, "--quiet"]], clean_store),
        ("`analyze ingest`", "ingest", [[analyze, "ingest", study, "--quiet"]], clean_store),
        ("`analyze analyze` + `analyze report` on the ingested store", "analyze+report",
         [[analyze, "analyze", study, "--quiet"], [analyze, "report", study, "--output", report, "--quiet"]],
         clean_report),
    ]
    # In rounds: every job once per round, in the order above (ingest leaves the store that analyze
    # reads), a warm-up round first; so that the machine's drift over the minutes of a run touches every
    # job alike, and the ratios compare runs made side by side.
    times = {key: [] for _, key, _, _ in jobs}
    peaks = {key: 0 for _, key, _, _ in jobs}
    outputs = {}
    output_path = cache / "job-output.txt"
    for round in range(runs + 1):
        for label, key, commands, prepare in jobs:
            seconds, peak = run_job(commands, prepare, output_path)
            if round > 0:
                times[key].append(seconds)
                peaks[key] = max(peaks[key], peak)
            if round == runs:
                outputs[key] = output_path.read_text()
        print(f"{size}: round {round} of {runs} ({'warm-up' if round == 0 else 'timed'}) done", file=sys.stderr)
    measured, peers = {}, {}
    for label, key, _, _ in jobs:
        seconds, peak, output = statistics.median(times[key]), peaks[key], outputs[key]
        measured[key] = (seconds, peak, label)
        if key in PEERS:
            peers[key] = peer_table(output, key)
        if key in ("libcsv", "reader"):
            records = re.search(r"(\d+) records", output)
            measured[key] += (int(records.group(1)) if records else None,)
        print(f"{size}: {label}: {seconds:.3f} s, {peak / 1024:.0f} MiB", file=sys.stderr)
    if measured["libcsv"][3] != measured["reader"][3]:
        fail(f"{size}: libcsv read {measured['libcsv'][3]} records, the Swift reader {measured['reader'][3]}")
    check = check_tables(size, peers, store / "results.json")
    print(check, file=sys.stderr)
    return {"summary": summary, "bytes": segments.stat().st_size, "jobs": measured, "check": check}


def machine():
    memory = next((line.split()[1] for line in open("/proc/meminfo") if line.startswith("MemTotal")), "0")
    model = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), "")
    swift = run_quietly(["swift", "--version"]).splitlines()[0]
    return {"cores": os.cpu_count(), "memory": f"{int(memory) / 1048576:.0f} GiB", "cpu": model,
            "swift": swift, "kernel": platform.release()}


def markdown(results, sizes, runs, versions, host, loads):
    def seconds(value):
        return f"{value:.3f} s" if value < 10 else f"{value:.1f} s"

    lines = [
        f"Measured {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC by `python3 scripts/benchmark.py "
        f"--sizes {','.join(sizes)} --runs {runs}`: {host['cores']} cores ({host['cpu']}), {host['memory']} of "
        f"memory, Linux {host['kernel']}; {host['swift']}; DuckDB {versions['DuckDB']}, polars {versions['polars']}, "
        f"pandas {versions['pandas']}. Load average (1 min) {loads[0]:.2f} at the start, {loads[1]:.2f} at the end. "
        f"Whole processes, wall time, the median of {runs} run{'s' if runs > 1 else ''} after a warm-up, every job once a round; peak RSS is "
        f"the largest of the runs (of either process, for the job of two).",
        "",
        "| study | " + " | ".join(sizes) + " |",
        "|---|" + "--:|" * len(sizes),
        "| generated | " + " | ".join(results[s]["summary"].split(": ", 1)[-1].split(", 90 in")[0]
                                        + f" ({results[s]['bytes'] / 1e6:.0f} MB)" for s in sizes) + " |",
        "",
        "| job | " + " | ".join(f"{s} | {s} peak RSS" for s in sizes) + " |",
        "|---|" + "--:|--:|" * len(sizes),
    ]
    for key in results[sizes[0]]["jobs"]:
        label = results[sizes[0]]["jobs"][key][2]
        cells = [f"{seconds(results[s]['jobs'][key][0])} | {results[s]['jobs'][key][1] / 1024:.0f} MiB" for s in sizes]
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    lines += ["", "Ratios (the job's median time over the peer's; below 1 is faster than the peer):", "",
              "| job | " + " | ".join(f"{s} ×{peer}" for s in sizes for peer in PEERS) + " |",
              "|---|" + "--:|" * (len(sizes) * len(PEERS))]
    for key in ("run", "ingest", "analyze+report"):
        label = results[sizes[0]]["jobs"][key][2]
        cells = [f"{results[s]['jobs'][key][0] / results[s]['jobs'][peer][0]:.2f}×" for s in sizes for peer in PEERS]
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    lines += ["", "CSV parse rate of `segments.csv` (file size over the whole process's median time, MB = 10⁶ bytes):",
              "", "| reader | " + " | ".join(sizes) + " |", "|---|" + "--:|" * len(sizes)]
    for key, label in (("libcsv", "libcsv, C"), ("reader", "Swift `CSVReader`")):
        lines.append(f"| {label} | " + " | ".join(
            f"{results[s]['bytes'] / results[s]['jobs'][key][0] / 1e6:.0f} MB/s" for s in sizes) + " |")
    lines.append("| Swift ÷ libcsv | " + " | ".join(
        f"{results[s]['jobs']['libcsv'][0] / results[s]['jobs']['reader'][0]:.2f}×" for s in sizes) + " |")
    lines += ["", "Issue 12's targets, from this run:", ""]
    lines += targets(results)
    lines += ["", "Table check: " + "; ".join(results[s]["check"] for s in sizes) + "."]
    return "\n".join(lines)


def targets(results):
    def line(name, value, limit, at_most=True):
        met = value <= limit if at_most else value >= limit
        return f"- {name}: {value:.2f} ({'≤' if at_most else '≥'} {limit} wanted): {'met' if met else 'not met'}"

    def ratio(size, key, peer):
        return results[size]["jobs"][key][0] / results[size]["jobs"][peer][0]

    lines = []
    if "S" in results:
        lines.append(line("S: `analyze run` ÷ polars", ratio("S", "run", "polars"), 0.5))
    if "M" in results:
        lines.append(line("M: `analyze run` ÷ pandas", ratio("M", "run", "pandas"), 1.0))
        lines.append(line("M: `analyze analyze` + `report` ÷ DuckDB", ratio("M", "analyze+report", "DuckDB"), 0.5))
        lines.append(line("M: Swift reader ÷ libcsv parse rate",
                          results["M"]["jobs"]["libcsv"][0] / results["M"]["jobs"]["reader"][0], 0.8, at_most=False))
    if "L" in results:
        lines.append(line("L: peak RSS of `analyze run`, MiB", results["L"]["jobs"]["run"][1] / 1024, 64))
        lines.append(line("L: `analyze run` ÷ pandas", ratio("L", "run", "pandas"), 1.0))
    return lines


def write_between_markers(path, text):
    content = path.read_text()
    if START not in content or END not in content:
        fail(f"{path}: no {START} … {END} markers")
    before, rest = content.split(START, 1)
    after = rest.split(END, 1)[1]
    path.write_text(f"{before}{START}\n{text}\n{END}{after}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="S,M", help="studies to run, of S, M, L (default: S,M)")
    parser.add_argument("--runs", type=int, default=3, help="timed runs per job after the warm-up (default: 3)")
    parser.add_argument("--write", action="store_true", help="put the tables into docs/benchmark.md and README.md")
    arguments = parser.parse_args()
    sizes = [size.strip().upper() for size in arguments.sizes.split(",") if size.strip()]
    if not sizes or any(size not in SIZES for size in sizes):
        fail(f"--sizes: give some of {', '.join(SIZES)}")
    if arguments.runs < 1:
        fail("--runs: at least 1")

    cache = cache_folder()
    cache.mkdir(parents=True, exist_ok=True)
    binaries = build(cache)
    python, versions = virtual_environment(cache)
    host = machine()
    load_start = os.getloadavg()[0]
    results = {size: benchmark_size(size, binaries, python, cache, arguments.runs) for size in sizes}
    text = markdown(results, sizes, arguments.runs, versions, host, (load_start, os.getloadavg()[0]))
    print(text)
    if arguments.write:
        write_between_markers(ROOT / "docs" / "benchmark.md", text)
        write_between_markers(ROOT / "README.md", text)


if __name__ == "__main__":
    main()
