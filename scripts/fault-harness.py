#!/usr/bin/env python3
"""Fault injection at every write point of `analyze ingest`, `analyze analyze` and `analyze report`.

An LD_PRELOAD shim (scripts/fault-injection/failwrite.c) makes the k-th write or fsync of a run fail,
and every later one (a full disk stays full), with ENOSPC or EIO in turn. For every k up to the number
of writes a clean run makes, the harness checks that the command fails with a plain message (no
Foundation error domain, no crash), that the store, results.json and the report folder are each the
whole old or the whole new one, that nothing temporary is left, and that a clean run afterwards ends in
the new state.

Usage: scripts/fault-harness.py ANALYZE_BINARY SHIM.so [--stride N] [--rerun-every M]
With --stride N only every N-th write point fails (CI: 3; the default 1 is every point), and a clean
run afterwards is checked after every M-th failed run (default 1).
"""
import hashlib, os, shutil, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "scripts"))
from importlib import import_module

harness = import_module("kill-harness")


def digest(path):
    if not os.path.exists(path):
        return "missing"
    with open(path, "rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()


def main():
    import argparse
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("shim")
    parser.add_argument("--stride", type=int, default=1)
    parser.add_argument("--rerun-every", type=int, default=1)
    options = parser.parse_args()
    binary, shim = os.path.abspath(options.binary), os.path.abspath(options.shim)
    work = tempfile.mkdtemp(prefix="fault-harness-")
    shutil.copytree(os.path.join(ROOT, "data"), os.path.join(work, "data"))
    study = harness.Study(binary, work)
    results = os.path.join(study.study, ".analyze", "results.json")

    def state():
        return (harness.store_digest(study.store) if os.path.exists(study.store) else "missing",
                digest(results), harness.folder_digest(study.output))

    states = {}
    for version in (1, 0):
        study.change_input(version)
        for command in ("ingest", "analyze", "report"):
            study.run(command)
        states[version] = state()
    saved = os.path.join(work, "saved")
    shutil.copytree(study.study, saved)  # version 0 throughout

    def restore(upto, copied=False):
        """Version 0 on disk, with version 1's input and the stages before `upto` already run. `copied`:
        then the folder copied (new inodes and times, so the store's recorded stats no longer match) and
        left to settle, so that `analyze` hashes the inputs, finds them current and writes the stats it
        confirmed beside the store (`study.sqlite.confirmed-inputs`) after results.json."""
        shutil.rmtree(study.study)
        shutil.copytree(saved, study.study)
        study.change_input(1)
        for command in ("ingest", "analyze", "report"):
            if command == upto:
                break
            study.run(command)
        if copied:
            copy = study.study + "-copy"
            shutil.copytree(study.study, copy)
            shutil.rmtree(study.study)
            os.rename(copy, study.study)
            time.sleep(2.1)

    failures = []
    summary = []
    for scenario in ("ingest", "analyze", "report", "analyze a copied study"):
        command, copied = scenario.split()[0], scenario.endswith("copied study")
        restore(command, copied)
        count_file = os.path.join(work, "count")
        env = dict(os.environ, LD_PRELOAD=shim, COUNT_FILE=count_file)
        subprocess.run([binary, command, study.study, "--quiet"], check=True, env=env, cwd=work)
        with open(count_file) as handle:
            writes = int(handle.read())
        failed_runs = 0
        points = list(range(1, writes + 1, options.stride))
        for number, point in enumerate(points):
            restore(command, copied)
            code = 28 if point % 2 else 5
            env = dict(os.environ, LD_PRELOAD=shim, FAIL_AT=str(point), FAIL_ERRNO=str(code))
            run = subprocess.run([binary, command, study.study, "--quiet"], env=env, cwd=work,
                                 capture_output=True, text=True)
            where = f"{scenario}, write {point} of {writes} failing with {'ENOSPC' if code == 28 else 'EIO'}"
            if run.returncode < 0 or run.returncode > 2:
                failures.append(f"{where}: exit status {run.returncode} (a crash?)")
            if run.returncode != 0:
                failed_runs += 1
                message = run.stderr.strip()
                if ("Domain" in message or "NSCocoa" in message or "SQLite error" in message or not message
                        or message.startswith("error: : ") or "cannot" not in message):
                    failures.append(f"{where}: not a plain message: {run.stderr.strip()[:200]}")
            now = state()
            for index, name in enumerate(("store", "results.json", "report folder")):
                if now[index] not in (states[0][index], states[1][index]):
                    failures.append(f"{where}: the {name} is neither the old nor the new one")
            if harness.leftovers(study.study):
                failures.append(f"{where}: left {harness.leftovers(study.study)}")
            if number % options.rerun_every == 0:
                study.run(command)
                stages = ("ingest", "analyze", "report")
                for later in stages[stages.index(command) + 1:]:
                    study.run(later)
                if state() != states[1]:
                    failures.append(f"{where}: a clean run afterwards did not end in the new state")
            if failures:
                break
        summary.append(f"{scenario}: {len(points)} of {writes} write points failed in turn: {failed_runs} runs failed with a plain message")
        if failures:
            break
    for line in summary:
        print(line)
    total = sum(int(line.split(": ")[1].split()[0]) for line in summary)
    print(f"fault harness: {total} injected failures, {len(failures)} broken promises"
          + ("" if failures else " (0 crashes, 0 mixed or half-written files, 0 leftovers)"))
    for failure in failures[:20]:
        print("  " + failure)
    shutil.rmtree(work)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
