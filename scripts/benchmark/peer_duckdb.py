"""DuckDB's whole job for scripts/benchmark.py: both CSVs → participants mentioning each code, by country
and role, in the analysed coding (per participant, the first coder of CODERS who coded them; a
participant counts once per code). Prints `code,country,role,participants`, sorted.

    python peer_duckdb.py participants.csv segments.csv C1,C2
"""
import sys

import duckdb


def main(participants, segments, coders):
    ranks = ", ".join(f"('{coder}', {rank})" for rank, coder in enumerate(coders))
    query = f"""
        WITH preference(coder, rank) AS (VALUES {ranks}),
        segments AS (
            SELECT participant_id, code, rank
            FROM read_csv(?, header = true, all_varchar = true, quote = '"', escape = '"')
            JOIN preference USING (coder)),
        chosen AS (SELECT participant_id, min(rank) AS rank FROM segments GROUP BY participant_id),
        mentions AS (SELECT DISTINCT participant_id, code FROM segments JOIN chosen USING (participant_id, rank))
        SELECT code, country, role, count(*) AS participants
        FROM mentions JOIN read_csv(?, header = true, all_varchar = true) USING (participant_id)
        GROUP BY code, country, role
        ORDER BY code, country, role
    """
    rows = duckdb.connect().execute(query, [segments, participants]).fetchall()
    sys.stdout.write("".join(f"{code},{country},{role},{count}\n" for code, country, role, count in rows))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3].split(","))
