"""pandas' whole job for scripts/benchmark.py: both CSVs → participants mentioning each code, by country
and role, in the analysed coding (per participant, the first coder of CODERS who coded them; a
participant counts once per code). Prints `code,country,role,participants`, sorted.

    python peer_pandas.py participants.csv segments.csv C1,C2
"""
import sys

import pandas as pd


def main(participants, segments, coders):
    rank = {coder: index for index, coder in enumerate(coders)}
    rows = pd.read_csv(segments, usecols=["participant_id", "code", "coder"], dtype=str, keep_default_na=False)
    rows = rows[rows["coder"].isin(rank)]
    rows = rows.assign(rank=rows["coder"].map(rank))
    chosen = rows.groupby("participant_id", sort=False)["rank"].transform("min")
    mentions = rows.loc[rows["rank"] == chosen, ["participant_id", "code"]].drop_duplicates()
    people = pd.read_csv(participants, usecols=["participant_id", "country", "role"], dtype=str, keep_default_na=False)
    table = (
        mentions.merge(people, on="participant_id")
        .groupby(["code", "country", "role"])
        .size()
        .sort_index()
    )
    sys.stdout.write("".join(f"{code},{country},{role},{count}\n" for (code, country, role), count in table.items()))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3].split(","))
