"""polars' (lazy) whole job for scripts/benchmark.py: both CSVs → participants mentioning each code, by
country and role, in the analysed coding (per participant, the first coder of CODERS who coded them; a
participant counts once per code). Prints `code,country,role,participants`, sorted.

    python peer_polars.py participants.csv segments.csv C1,C2
"""
import sys

import polars as pl


def main(participants, segments, coders):
    preference = pl.LazyFrame({"coder": coders, "rank": list(range(len(coders)))})
    rows = (
        pl.scan_csv(segments, infer_schema=False)
        .select("participant_id", "code", "coder")
        .join(preference, on="coder")
    )
    chosen = rows.group_by("participant_id").agg(pl.col("rank").min())
    table = (
        rows.join(chosen, on=["participant_id", "rank"])
        .select("participant_id", "code")
        .unique()
        .join(pl.scan_csv(participants, infer_schema=False).select("participant_id", "country", "role"), on="participant_id")
        .group_by("code", "country", "role")
        .agg(pl.len().alias("participants"))
        .sort("code", "country", "role")
        .collect()
    )
    sys.stdout.write("".join(f"{code},{country},{role},{count}\n" for code, country, role, count in table.iter_rows()))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3].split(","))
