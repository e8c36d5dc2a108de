"""Generate a UHRI-layout full export (.json and/or .xlsx) of N varied records.

The real export (about 250,000 records) is not in ``../shared/data``, so this builds
one of the same size from the real material there: UPR Info, OHCHR-list, Spanish UPR
and Human Rights Committee texts, all 195 States of ``reference/data/states.csv``,
the mechanisms and special-procedure mandates of ``reference/data``, UPR sessions with
their dates, the UHRI themes and affected persons of the OHCHR lists and the 169 SDG
targets. Records are grouped into documents (one State, one body, one session or
date) with their own symbol and consecutive paragraph numbers, and each has its own
annotation id, so no two records are identical. Both files are written as streams.

    python benchmarks/make_uhri_export.py --records 250000 --formats json,xlsx --out /tmp/uhri-bench
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
import re
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as a script from anywhere: import the project

from rightstrack.ingest.tests import uhri_fixtures as fx  # noqa: E402
from rightstrack.ingest.text import split_paragraph_number  # noqa: E402
from rightstrack.reference.directory import read_data_csv  # noqa: E402

SEED = 20240601  # fixed: the same arguments give the same files
# Document symbol patterns of the treaty bodies' concluding observations.
TB_SYMBOLS = {
    "CERD": "CERD/C/{iso}/CO/{n}",
    "CCPR": "CCPR/C/{iso}/CO/{n}",
    "CESCR": "E/C.12/{iso}/CO/{n}",
    "CEDAW": "CEDAW/C/{iso}/CO/{n}",
    "CAT": "CAT/C/{iso}/CO/{n}",
    "CRC": "CRC/C/{iso}/CO/{n}",
    "CMW": "CMW/C/{iso}/CO/{n}",
    "CRPD": "CRPD/C/{iso}/CO/{n}",
    "CED": "CED/C/{iso}/CO/{n}",
    "SPT": "CAT/OP/{iso}/{n}",
}
# Shares of documents; UPR reports are the longest, so about 3 records in 4 are UPR.
BODY_WEIGHTS = {"UPR": 30, "TB": 55, "SP": 12, "HRC": 3}


@dataclass
class Pools:
    """The real values records are drawn from."""

    upr_texts: list[str]
    other_texts: list[str]
    states: list[dict]
    committees: list[tuple[str, str]]  # (code, name as UHRI spells it)
    mandates: list[str]
    sessions: list[tuple[int, int, dt.date]]  # (session, cycle, last day)
    themes: list[str]
    affected: list[str]
    sdg_targets: list[str]
    sdg_goals: list[str]
    sdg_names: dict[str, str]


def load_pools(shared: Path) -> Pools:
    """Read every pool from ``shared`` and the shipped reference data."""
    upr_info = shared / "upr-info" / "upr-info-sessions-1-17.utf8.csv"
    with open(upr_info, encoding="utf-8", newline="") as file:
        upr_texts = list(dict.fromkeys(row["Text"].strip() for row in csv.DictReader(file) if row["Text"].strip()))
    fixture_rows = fx.build_rows(shared)
    upr_texts += [split_paragraph_number(row["Text"])[1] for row in fixture_rows if row["UPR Session"]]
    ccpr = [row["Text"] for row in fixture_rows if row["Reccomending Body"] == fx.CCPR]
    parts = [part for text in ccpr for part in re.split(r";?\s*(?:and\s+)?\([a-z]\)\s+", text)[1:]]
    names = fx.sdg_names(shared)
    mechanisms = list(read_data_csv("mechanisms.csv"))
    lists_tags = [row for row in fixture_rows if row["Themes"] or row["Affected Persons"]]
    return Pools(
        upr_texts=upr_texts,
        other_texts=ccpr + [f"The State party should {part.strip()}" for part in parts if len(part) > 40],
        states=list(read_data_csv("states.csv")),
        committees=[(m["code"], m["name"]) for m in mechanisms if m["kind"] == "treaty_body"],
        mandates=[row["name"] for row in read_data_csv("special_procedures.csv")],
        sessions=[
            (int(r["session"]), int(r["cycle"]), dt.date.fromisoformat(r["end_date"]))
            for r in read_data_csv("upr_sessions.csv")
            if r["end_date"]
        ],
        themes=sorted({t for row in lists_tags for t in row["Themes"]}),
        affected=sorted({a for row in lists_tags for a in row["Affected Persons"]}),
        sdg_targets=[code for code in names if "." in code],
        sdg_goals=[code for code in names if "." not in code],
        sdg_names=names,
    )


def generate(pools: Pools, count: int) -> Iterator[dict]:
    """Yield ``count`` rows, document by document."""
    rng = random.Random(SEED)
    counters: dict[str, int] = {}
    made = 0
    for document in range(count):  # far more documents than needed; stops at ``count``
        kind = rng.choices(list(BODY_WEIGHTS), weights=list(BODY_WEIGHTS.values()))[0]
        state = pools.states[document % len(pools.states)]  # every State in turn
        header = _document(kind, state, pools, rng, counters)
        size = {"UPR": rng.randint(80, 300), "TB": rng.randint(15, 60)}.get(kind, rng.randint(3, 25))
        first = rng.randint(90, 160)
        texts = pools.upr_texts if kind == "UPR" else pools.other_texts
        offset = rng.randrange(len(texts))  # consecutive texts: none repeats within a document
        for number in range(1, size + 1):
            if made == count:
                return
            text = texts[(offset + number) % len(texts)]
            yield _record(header, kind, state, f"{first}.{number}", text, pools, rng, made)
            made += 1


def _document(kind: str, state: dict, pools: Pools, rng: random.Random, counters: dict) -> dict:
    """The fields shared by a document's records: body, symbol, date, session."""

    def next_number(key: str) -> int:
        counters[key] = counters.get(key, 0) + 1
        return counters[key]

    if kind == "UPR":
        session, cycle, end = rng.choice(pools.sessions)
        date = end + dt.timedelta(days=rng.randint(20, 60))
        council = _council_session(date)
        return {
            "body": rng.choice(["Universal Periodic Review", "UPR"]),
            "date": date,
            "symbol": f"A/HRC/{council}/{next_number(f'hrc{council}')}",
            "session": fx.session_text(session),
        }
    date = dt.date(2006, 1, 1) + dt.timedelta(days=rng.randint(0, 19 * 365))
    if kind == "TB":
        code, name = rng.choice(pools.committees)
        body = rng.choice([name, code])
        symbol = TB_SYMBOLS[code].format(iso=state["iso3"], n=next_number(f"{code}{state['iso3']}"))
    elif kind == "SP":
        body, council = rng.choice(pools.mandates), _council_session(date)
        symbol = f"A/HRC/{council}/{next_number(f'sp{council}')}/Add.{rng.randint(1, 4)}"
    else:
        body, council = "Human Rights Council", _council_session(date)
        symbol = f"A/HRC/RES/{council}/{next_number(f'res{council}')}"
    return {"body": body, "date": date, "symbol": symbol, "session": ""}


def _council_session(date: dt.date) -> int:
    """The Human Rights Council's regular session near a date (three a year since 2006)."""
    return max(1, 3 * (date.year - 2006) + (1 if date.month <= 4 else 2 if date.month <= 8 else 3))


def _record(
    header: dict, kind: str, state: dict, paragraph: str, text: str, pools: Pools, rng: random.Random, index: int
) -> dict:
    """One row of a document."""
    countries = [state["name"]]
    if kind == "SP" and rng.random() < 0.1:  # a thematic report naming several States
        countries += [s["name"] for s in rng.sample(pools.states, 2) if s["name"] != state["name"]]
    is_upr = kind == "UPR"
    recommending = [s["name"] for s in rng.sample(pools.states, rng.randint(1, 3))] if is_upr else []
    return {
        "Text": f"{paragraph} {text}" if is_upr else text,
        "Countries Concerned": countries,
        "Reccomending Body": header["body"],
        "Document Symbol": header["symbol"],
        "Themes": rng.sample(pools.themes, rng.randint(1, 4)),
        "Affected Persons": rng.sample(pools.affected, rng.randint(1, 3)),
        "Sdgs": _sdgs(pools, rng),
        "Document Publication Date": header["date"],
        "UPR Reccomending States": recommending,
        "UPR Position": rng.choices(["Supported", "Noted", "Supported/Noted", ""], [70, 25, 3, 2])[0] if is_upr else "",
        "Type": "Recommendation"
        if is_upr
        else rng.choices(["Recommendation", "Concern", "Observation"], [70, 20, 10])[0],
        "OHCHR Annotation Id": fx.annotation_id(f"bench:{SEED}:{index}"),
        "UPR Session": header["session"],
        "Regions Concerned": fx.regions(countries),
        "Recommending Regions": fx.regions(recommending),
        "Date of publication on UHRI": header["date"] + dt.timedelta(days=rng.randint(30, 400)),
    }


def _sdgs(pools: Pools, rng: random.Random) -> list[str]:
    """Zero to three real targets, and now and then a goal named on its own."""
    targets = rng.sample(pools.sdg_targets, rng.choice([0, 0, 1, 1, 2, 3]))
    goals = rng.sample(pools.sdg_goals, 1) if rng.random() < 0.15 else []
    return fx.sdg_lines(goals, targets, pools.sdg_names)


def main(argv: list[str] | None = None) -> int:
    """Parse the arguments, write the files, print what was written and how long it took."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=250_000)
    parser.add_argument("--out", type=Path, default=Path("uhri-bench"))
    parser.add_argument("--formats", default="xlsx,json", help="comma-separated: xlsx, json")
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "data")
    args = parser.parse_args(argv)
    formats = [name.strip() for name in args.formats.split(",") if name.strip()]
    if not set(formats) <= {"xlsx", "json"}:
        parser.error(f"unknown format in {args.formats!r}")
    args.out.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    pools = load_pools(args.shared)
    print(
        f"pools: {len(pools.upr_texts)} UPR texts, {len(pools.other_texts)} other texts, "
        f"{len(pools.states)} States, {len(pools.themes)} themes, {len(pools.affected)} affected persons,"
        f" {len(pools.sdg_targets)} SDG targets ({time.perf_counter() - started:.1f} s)"
    )
    for name in formats:
        path = args.out / f"export-full-en.{name}"
        begun = time.perf_counter()
        writer = fx.write_json if name == "json" else fx.write_xlsx
        writer(generate(pools, args.records), path)
        print(
            f"wrote {path}: {args.records} records, {path.stat().st_size / 1e6:.1f} MB,"
            f" {time.perf_counter() - begun:.1f} s"
        )
    print(f"total {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
