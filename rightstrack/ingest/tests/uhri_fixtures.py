"""Build UHRI-layout export files (.xlsx, .json) from the labelled real data, for tests
and benchmarks.

OHCHR's full UHRI export is not in ``../shared/data``; its layout is (see the data
README), so these files put real records in it:

* Spain's UPR cycle-4 recommendations (``sdg/spain-upr4-sdg-dev.csv``, Spanish text),
  with the UHRI's SDG goal and target labels and Spain's position;
* the two OHCHR thematic lists for Slovenia (``ohchr-lists/*.docx``, read with the
  project's own parser): themes, affected persons, SDG goals, positions, States;
* the Human Rights Committee's follow-up paragraphs (``ccpr-followup/hrc_all.json``).

A row is a dict keyed by UHRI header; cells with several values are Python lists,
dates are ``datetime.date``. The writers render them as the export does (``- `` lines,
Excel serials) and accept any iterable, so that millions of rows can be streamed.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import json
import re
import uuid
from collections.abc import Iterable, Iterator
from pathlib import Path

from rightstrack.ingest.formats.uhri import HEADERS
from rightstrack.reference.directory import read_data_csv

# Fixed so that every build gives every record the same annotation id.
NAMESPACE = uuid.UUID("6f1c2a9e-5b7d-4c1e-9a3f-2d8e7b4c0a11")

SPAIN_CSV = "sdg/spain-upr4-sdg-dev.csv"
SPAIN_SYMBOL = "A/HRC/60/8"
# A/HRC/60/… reports were adopted at the Council's 60th session (September 2025), which
# takes the reports of Working Group session 49 (28 April - 9 May 2025); Spain's cycle-3
# review was session 35, the 9th of cycle 3, and session 49 is the 9th of cycle 4.
SPAIN_SESSION = 49
OHCHR_LISTS = {
    "ohchr-lists/UPR20__Slovenia_ThematicListRecommendations_E.docx": "wg-reports/A_HRC_28_15_Working_Group_Report.md",
    "ohchr-lists/UPR34_Slovenia_Thematic_list_of_Recommendations.docx": (
        "wg-reports/A_HRC_43_15_Working_Group_Report.md"
    ),
}
CCPR_JSON = "ccpr-followup/hrc_all.json"
UPR = "Universal Periodic Review"
CCPR = "Human Rights Committee"
POSITIONS = {
    "accepted": "Supported",
    "noted": "Noted",
    "partially_accepted": "Supported/Noted",
    "supported": "Supported",
    "partially_supported": "Supported/Noted",
}
# UN regional groups (states.csv ``group``); what the real export calls its regions is
# not documented, so these are only plausible labels for columns the parser ignores.
REGIONS = {
    "AFRICAN": "African States",
    "ASIA_PACIFIC": "Asia-Pacific States",
    "EEG": "Eastern European States",
    "GRULAC": "Latin American and Caribbean States",
    "WEOG": "Western European and other States",
}


def annotation_id(key: str) -> str:
    """The deterministic UUID of the record with this source key."""
    return str(uuid.uuid5(NAMESPACE, key))


def build_rows(shared: Path) -> list[dict]:
    """Every fixture row: Spain, then the two Slovenia lists, then the CCPR paragraphs."""
    return [*spain_rows(shared), *ohchr_rows(shared), *ccpr_rows(shared)]


def spain_rows(shared: Path) -> list[dict]:
    """Spain's cycle-4 recommendations; the recommending State is the last parenthesis."""
    rows = []
    with open(shared / SPAIN_CSV, encoding="utf-8", newline="") as file:
        for source in csv.DictReader(file):
            text = source["text"].strip()
            goals = [g for g in source["uhri_goals"].split(";") if g]
            targets = [t for t in source["uhri_targets"].split(";") if t]
            rows.append(
                _row(
                    key=f"spain-upr4:{source['number']}",
                    text=f"{source['number']} {text}",
                    country="Spain",
                    body=UPR,
                    symbol=SPAIN_SYMBOL,
                    date=None,
                    sdgs=sdg_lines(goals, targets, sdg_names(shared)),
                    states=[recommending_state(text)],
                    position=POSITIONS[source["position"]],
                    session=session_text(SPAIN_SESSION),
                )
            )
    return rows


def recommending_state(text: str) -> str:
    """The last parenthesised group of a Spanish UPR recommendation: ``… (Gambia);``."""
    return re.search(r"\(([^()]*)\)\s*[;.]?\s*$", text).group(1).strip()


def ohchr_rows(shared: Path) -> list[dict]:
    """The Slovenia thematic lists, as the project's OHCHR parser reads them."""
    from rightstrack.ingest.formats.ohchr_docx import parse

    rows = []
    for name, report in OHCHR_LISTS.items():
        date = report_date(shared / report)
        for record in parse(shared / name):
            tags = record.tags
            rows.append(
                _row(
                    key=f"ohchr:{record.session}:{record.paragraph}",
                    text=f"{record.paragraph} {record.text}",
                    country=record.country,
                    body=UPR,
                    symbol=record.document_symbol,
                    date=date,
                    themes=tags.get("uhri-themes", []),
                    affected=tags.get("affected-persons", []),
                    sdgs=sdg_lines(tags.get("sdg-goals", []), tags.get("sdg-targets", []), sdg_names(shared)),
                    states=record.recommending_states,
                    position=POSITIONS[record.position],
                    session=session_text(record.session),
                )
            )
    return rows


def report_date(path: Path) -> dt.date:
    """The "Distr.: General <date>" of a Working Group report in ``wg-reports``."""
    match = re.search(r"Distr\.: General\s+(\d{1,2} \w+ \d{4})", path.read_text(encoding="utf-8"))
    return dt.datetime.strptime(match.group(1), "%d %B %Y").date()


def ccpr_rows(shared: Path) -> list[dict]:
    """The CCPR follow-up paragraphs that have a text (39 of 325 have none)."""
    data = json.loads((shared / CCPR_JSON).read_text(encoding="utf-8"))
    rows = []
    for iso3, state in data.items():
        date = dt.datetime.strptime(state["co_date"], "%d %B %Y").date() if state["co_date"] else None
        for paragraph in state["paragraphs"]:
            if paragraph["recommendation"].strip():
                rows.append(
                    _row(
                        key=f"ccpr:{iso3}:{paragraph['num']}",
                        text=paragraph["recommendation"].strip(),
                        country=state["name"],
                        body=CCPR,
                        symbol=state["co_symbol"],
                        date=date,
                    )
                )
    return rows


def _row(
    *,
    key: str,
    text: str,
    country: str,
    body: str,
    symbol: str,
    date: dt.date | None,
    themes=(),
    affected=(),
    sdgs=(),
    states=(),
    position="",
    session="",
) -> dict:
    """One export row, keyed by header."""
    return {
        "Text": text,
        "Countries Concerned": [country],
        "Reccomending Body": body,
        "Document Symbol": symbol,
        "Themes": list(themes),
        "Affected Persons": list(affected),
        "Sdgs": list(sdgs),
        "Document Publication Date": date,
        "UPR Reccomending States": list(states),
        "UPR Position": position,
        "Type": "Recommendation",
        "OHCHR Annotation Id": annotation_id(key),
        "UPR Session": session,
        "Regions Concerned": regions([country]),
        "Recommending Regions": regions(states),
        "Date of publication on UHRI": None,
    }


@functools.lru_cache(maxsize=4)
def sdg_names(shared: Path) -> dict[str, str]:
    """SDG goal and target code -> title, from ``sdg/sdg_structured.json`` (A/RES/71/313)."""
    data = json.loads((shared / "sdg" / "sdg_structured.json").read_text(encoding="utf-8"))
    names = {}
    for goal, entry in data.items():
        names[goal] = entry["name"]
        names.update({code: target["description"] for code, target in entry["targets"].items()})
    return names


def sdg_lines(goals: Iterable[str], targets: Iterable[str], names: dict[str, str]) -> list[str]:
    """``16.2 - <target>`` for each target, then ``16 - <GOAL>`` for goals no target names."""
    targets = list(targets)
    covered = {target.split(".")[0] for target in targets}
    lines = [f"{t} - {names[t]}" for t in targets]
    lines += [f"{g} - {names[g].upper()}" for g in goals if g not in covered]
    return lines


@functools.lru_cache(maxsize=1)
def _cycles() -> dict[int, int]:
    return {int(row["session"]): int(row["cycle"]) for row in read_data_csv("upr_sessions.csv")}


def session_text(session: int | None) -> str:
    """``49th Session - Cycle 4``, the UHRI spelling."""
    if not session:
        return ""
    suffix = "th" if 10 <= session % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(session % 10, "th")
    return f"{session}{suffix} Session - Cycle {_cycles()[session]}"


@functools.lru_cache(maxsize=1)
def _state_groups() -> dict[str, str]:
    return {row["iso3"]: row["group"] for row in read_data_csv("states.csv")}


def regions(states: Iterable[str]) -> list[str]:
    """The regional groups of the States that the built-in list knows, in order."""
    from rightstrack.reference.directory import lookup_builtin_state

    found = []
    for name in states:
        group = REGIONS.get(_state_groups().get(lookup_builtin_state(name) or "", ""))
        if group and group not in found:
            found.append(group)
    return found


# --- writers --------------------------------------------------------------------------------


def excel_serial(date: dt.date) -> int:
    """The Excel (1900 date system) serial of a date after February 1900."""
    return (date - dt.date(1899, 12, 30)).days


def cell(value, *, dates: str = "serial", lists: bool = False):
    """Render one value as the export does: ``- `` lines, Excel serials, '' for nothing."""
    if isinstance(value, list):
        if lists:
            return value
        return value[0] if len(value) == 1 else "\n".join(f"- {item}" for item in value)
    if isinstance(value, dt.date):
        return {"serial": excel_serial(value), "iso": value.isoformat(), "datetime": value}[dates]
    return "" if value is None else value


def write_xlsx(rows: Iterable[dict], path: Path, *, headers=HEADERS, dates: str = "serial") -> Path:
    """Write rows under ``headers`` with openpyxl's streaming (write-only) workbook.

    ``dates="datetime"`` writes real date cells instead of the plain serial numbers.
    """
    import openpyxl

    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("export-full-en")
    sheet.append(list(headers))
    for row in rows:
        values = [cell(row.get(header), dates="datetime" if dates == "datetime" else "serial") for header in headers]
        sheet.append([None if value == "" else value for value in values])
    workbook.save(path)
    return path


def write_json(rows: Iterable[dict], path: Path, *, lists: bool = False, dates: str = "serial") -> Path:
    """Write rows as a JSON list, one object a line, without holding the list in memory."""
    with open(path, "w", encoding="utf-8") as file:
        file.write("[")
        for number, row in enumerate(rows):
            item = {key: cell(value, dates=dates, lists=lists) for key, value in row.items()}
            file.write(("\n" if number == 0 else ",\n") + json.dumps(item, ensure_ascii=False))
        file.write("\n]\n")
    return path


def varied_rows(rows: list[dict], count: int) -> Iterator[dict]:
    """``count`` rows cycling over ``rows``, each with its own annotation id."""
    for number in range(count):
        row = dict(rows[number % len(rows)])
        row["OHCHR Annotation Id"] = annotation_id(f"varied:{number}")
        yield row


def parse_peak(parse, path: Path) -> tuple[int, int]:
    """Records read from ``path`` by ``parse`` and the peak of Python allocations while
    reading them (the lazily built lookup tables loaded first, not counted)."""
    import tracemalloc

    next(parse(path))
    tracemalloc.start()
    try:
        count = sum(1 for _ in parse(path))
        return count, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
