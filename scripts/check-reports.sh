#!/usr/bin/env bash
# The regression test on sample data: regenerate the sample study from its seed, rebuild its reports
# twice, and fail if the sample or the reports differ from what is committed, or the two builds differ.
set -euo pipefail
cd "$(dirname "$0")/.."

swift build --product analyze >/dev/null
swift build --product generate-sample >/dev/null
bin=$(swift build --show-bin-path)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# 1. The committed sample is what its seeded generator writes.
cp -r data "$work/data"
rm -rf "$work/data/sample"
(cd "$work" && "$bin/generate-sample" --quiet)
diff -r --exclude=.analyze data/sample "$work/data/sample"

# 2. The committed reports are what the pipeline builds, byte for byte, and two builds agree.
for build in first second; do
    "$bin/analyze" run "$work/data/sample" --store "$work/$build.sqlite" --results "$work/$build.json" \
        --output "$work/reports-$build" --notebooks notebooks-md >/dev/null
done
diff -r "$work/reports-first" "$work/reports-second"
diff -r reports "$work/reports-first"
echo "check-reports: sample data and reports/ rebuild byte-identically"
