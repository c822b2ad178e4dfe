#!/usr/bin/env python3
"""Kill -9 and SIGTERM trials of `analyze ingest` and `analyze report` on a copy of the sample study.

Each trial starts from the old state (the sample ingested and reported once), changes an input, runs
the command and kills it at a random moment (SIGKILL, or SIGTERM for a share of the trials). Then:
- the store passes `PRAGMA integrity_check` and holds exactly the old study or exactly the new one;
- the report folder holds exactly the old report or exactly the new one (same files, same bytes);
- after SIGTERM nothing temporary is left; after SIGKILL the next run removes what was left, and ends
  in the new state with nothing temporary beside the store or the report.

Usage: scripts/kill-harness.py ANALYZE_BINARY [--trials N] [--seed S]
Prints one line per kind of trial and exits non-zero on the first broken promise.
"""
import argparse, hashlib, os, random, shutil, signal, sqlite3, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def store_digest(path):
    db = sqlite3.connect(path)
    try:
        if db.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            return "corrupt"
        # The study, not the file-system stat cache of the staleness check (`sourceFileStat`: device,
        # inode and times of the inputs, which differ between runs by design; docs/formats.md).
        lines = (line for line in db.iterdump() if not line.startswith('INSERT INTO "sourceFileStat"'))
        return hashlib.sha256("\n".join(lines).encode()).hexdigest()
    finally:
        db.close()


def folder_digest(path):
    if not os.path.isdir(path):
        return "missing"
    entries = []
    for base, dirs, files in os.walk(path):
        dirs.sort()
        for name in sorted(files):
            full = os.path.join(base, name)
            with open(full, "rb") as handle:
                entries.append(os.path.relpath(full, path) + " " + hashlib.sha256(handle.read()).hexdigest())
    return hashlib.sha256("\n".join(entries).encode()).hexdigest()


def leftovers(study):
    found = []
    for folder in (os.path.join(study, ".analyze"), study):
        for name in os.listdir(folder):
            if ".building-" in name or ".previous-" in name or ".writing-" in name or ".nosync" in name:
                found.append(os.path.join(folder, name))
    return found


class Study:
    def __init__(self, binary, work):
        self.binary = binary
        self.work = work
        self.study = os.path.join(work, "data", "sample")
        self.store = os.path.join(self.study, ".analyze", "study.sqlite")
        self.output = os.path.join(self.study, "reports")

    def run(self, *args):
        subprocess.run([self.binary, *args, self.study, "--quiet"], check=True, cwd=self.work)

    def change_input(self, version):
        path = os.path.join(self.study, "participants.csv")
        with open(path, encoding="utf-8") as handle:
            lines = handle.read().split("\n")
        header = lines[0].split(",")
        setting = header.index("setting")
        fields = lines[1].split(",")
        fields[setting] = ["rural", "urban"][version]
        lines[1] = ",".join(fields)
        with open(path, "w", encoding="utf-8") as handle:
            handle.write("\n".join(lines))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("--trials", type=int, default=60)
    parser.add_argument("--seed", type=int, default=1)
    options = parser.parse_args()
    binary = os.path.abspath(options.binary)
    rng = random.Random(options.seed)
    work = tempfile.mkdtemp(prefix="kill-harness-")
    shutil.copytree(os.path.join(ROOT, "data"), os.path.join(work, "data"))
    study = Study(binary, work)
    failures = []

    # The two states: version 0 ingested, analysed and reported; version 1 likewise.
    states = {}
    for version in (0, 1):
        study.change_input(version)
        started = time.monotonic()
        study.run("ingest")
        ingest_time = time.monotonic() - started
        study.run("analyze")
        started = time.monotonic()
        study.run("report")
        report_time = time.monotonic() - started
        states[version] = (store_digest(study.store), folder_digest(study.output), ingest_time, report_time)
    saved = os.path.join(work, "saved")
    # Back to version 0, kept aside to restore before each trial.
    study.change_input(0)
    study.run("ingest")
    study.run("analyze")
    study.run("report")
    shutil.copytree(study.study, saved)

    counts = {}
    for trial in range(options.trials):
        command = "ingest" if trial % 2 == 0 else "report"
        kill = signal.SIGTERM if trial % 5 == 4 else signal.SIGKILL
        shutil.rmtree(study.study)
        shutil.copytree(saved, study.study)
        study.change_input(1)
        if command == "report":
            study.run("ingest")
            study.run("analyze")
        duration = states[1][2] if command == "ingest" else states[1][3]
        # Most kills land in the last part of the run, where files are written and put in place.
        delay = rng.uniform(0.6, 1.0) * duration if rng.random() < 0.8 else rng.uniform(0, duration)
        process = subprocess.Popen([binary, command, study.study, "--quiet"], cwd=work,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        process.send_signal(kill)
        process.wait()
        name = f"{command} {signal.Signals(kill).name}"
        finished = process.returncode == 0
        counts.setdefault(name, [0, 0])
        counts[name][0] += 1
        if finished:
            counts[name][1] += 1
        store = store_digest(study.store)
        report = folder_digest(study.output)
        if store not in (states[0][0], states[1][0]):
            failures.append(f"trial {trial} ({name}): the store is neither the old nor the new study ({store[:12]})")
        if report not in (states[0][1], states[1][1]):
            failures.append(f"trial {trial} ({name}): the report folder is neither the old nor the new report")
        if kill == signal.SIGTERM and not finished and leftovers(study.study):
            failures.append(f"trial {trial} ({name}): left {leftovers(study.study)}")
        # The next run cleans up and ends in the new state.
        study.run(command)
        if command == "ingest":
            study.run("analyze")
            study.run("report")
        if leftovers(study.study):
            failures.append(f"trial {trial} ({name}): the next run left {leftovers(study.study)}")
        if store_digest(study.store) != states[1][0] or folder_digest(study.output) != states[1][1]:
            failures.append(f"trial {trial} ({name}): the next run did not end in the new state")
        if failures:
            break

    for name in sorted(counts):
        total, completed = counts[name]
        print(f"{name}: {total} trials ({total - completed} killed mid-run, {completed} had finished): "
              f"0 corrupt or mixed stores or reports, 0 leftovers after the next run" if not failures else f"{name}: {total} trials")
    print(f"kill harness: {sum(c[0] for c in counts.values())} trials, {len(failures)} broken promises")
    for failure in failures:
        print("  " + failure)
    shutil.rmtree(work)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
