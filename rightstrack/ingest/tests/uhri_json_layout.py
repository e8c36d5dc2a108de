"""Build UHRI exports in OHCHR's own JSON layout (``export-full-en.json``) from the
real data, for tests and benchmarks.

OHCHR's daily JSON does not use the spreadsheet's headers: its objects are keyed
``AnnotationId``, ``Body``, ``Countries``, ``UprPositions``, … (see
``rightstrack.ingest.formats.uhri_json``). The writer here turns the spreadsheet-layout
rows of :mod:`uhri_fixtures` into that layout, the way the real export spells things:
``- `` before the body and annotation type, HTML in some texts, paragraph numbers glued
to treaty-body texts ("5.The State party …"), and the ``Upr…`` values in the several
shapes they come in (``["34th session"]``, ``["34"]``, ``34``; ``"Cycle 3"``,
``"3rd cycle"``, ``3``). Each record's shape is picked from its annotation id, so every
build is the same file.

Beyond the rows of :func:`uhri_fixtures.build_rows` the corpus holds, built here:

* the Human Rights Committee's follow-up assessments (``ccpr-followup``): its evaluation
  texts that open with regret are ``Concern`` rows, those that only note or welcome are
  ``Observation`` rows (in the JSON both are ``- Concerns/Observations``);
* a few special-procedure recommendations, written for these tests (no shared data set
  has any), with the mandate title as the body and HTML paragraphs and lists.

A row may carry ``_paragraph``: a number the JSON text starts with that the spreadsheet
row's text lacks (the CCPR follow-up file gives paragraph numbers apart from the text).
"""

from __future__ import annotations

import html
import json
import re
import uuid
from collections.abc import Iterable
from pathlib import Path

from rightstrack.ingest.tests import uhri_fixtures as fx

# Short body names as the JSON export gives them ("- CRC"); other bodies keep their name.
BODY_CODES = {fx.UPR: "UPR", fx.CCPR: "CCPR"}
ANNOTATION_TYPES = {
    "recommendation": "- Recommendations",
    "concern": "- Concerns/Observations",
    "observation": "- Concerns/Observations",
    "pledge": "- Voluntary pledges",
}
SLOVENIA_SESSIONS = {2: 20, 3: 34}  # UPR cycle -> Working Group session of Slovenia's review
_SESSION_TEXT = re.compile(r"(\d+)\w* Session - Cycle (\d+)")
_CONCERN_WORDS = re.compile(r"regret|concern|deplor|alarm|disturb|troubl", re.IGNORECASE)


def write_real_layout(rows: Iterable[dict], path: Path, *, bom: bool = False) -> Path:
    """Write spreadsheet-layout rows as OHCHR's JSON export: a list, one object a line,
    streamed. ``bom`` starts the file with a UTF-8 byte-order mark."""
    with open(path, "w", encoding="utf-8-sig" if bom else "utf-8") as file:
        file.write("[")
        for number, row in enumerate(rows):
            file.write(("\n" if number == 0 else ",\n") + json.dumps(real_item(row), ensure_ascii=False))
        file.write("\n]\n")
    return path


def slovenia_real_layout(shared: Path, path: Path, cycle: int | None = None) -> Path:
    """Write Slovenia's UPR recommendations of ``cycle`` (2 or 3; None: both) from the
    OHCHR thematic lists in the real JSON layout.

    The records carry what the OHCHR list of that cycle gives: the Working Group
    report's symbol (A/HRC/28/15, A/HRC/43/15), the paragraph numbers, texts,
    recommending States, positions, themes, affected persons and SDGs.
    """
    if cycle is not None and cycle not in SLOVENIA_SESSIONS:
        raise ValueError(f"the shared data has Slovenia's UPR cycles 2 and 3, not {cycle}")
    wanted = [fx.session_text(s) for c, s in SLOVENIA_SESSIONS.items() if cycle in (None, c)]
    return write_real_layout((row for row in fx.ohchr_rows(shared) if row["UPR Session"] in wanted), path)


def real_layout_rows(shared: Path, *, spain: bool = True) -> list[dict]:
    """Every row of the real-layout corpus: the UPR rows (Spain, Slovenia), the CCPR
    follow-up paragraphs with their numbers, the CCPR assessments and the special
    procedures.

    ``spain=False`` leaves out Spain's rows, whose recommending States are named in
    Spanish ("Noruega"): an import resolves only the State names it knows.
    """
    return [
        *(fx.spain_rows(shared) if spain else ()),
        *fx.ohchr_rows(shared),
        *numbered_ccpr_rows(shared),
        *ccpr_assessment_rows(shared),
        *special_procedure_rows(),
    ]


def numbered_ccpr_rows(shared: Path) -> list[dict]:
    """:func:`uhri_fixtures.ccpr_rows` with each paragraph's number as ``_paragraph``."""
    data = json.loads((shared / fx.CCPR_JSON).read_text(encoding="utf-8"))
    numbers = {
        fx.annotation_id(f"ccpr:{iso3}:{p['num']}"): p["num"]
        for iso3, state in data.items()
        for p in state["paragraphs"]
    }
    return [{**row, "_paragraph": numbers[row["OHCHR Annotation Id"]]} for row in fx.ccpr_rows(shared)]


def ccpr_assessment_rows(shared: Path) -> list[dict]:
    """The Committee's follow-up evaluations as treaty-body concerns and observations.

    Only the clear cases: an evaluation opening "The Committee regrets" is a concern;
    one opening "The Committee notes / takes note / welcomes" with no word of regret or
    concern anywhere is an observation. The document is the follow-up assessment.
    """
    data = json.loads((shared / fx.CCPR_JSON).read_text(encoding="utf-8"))
    rows = []
    for iso3, state in data.items():
        for paragraph in state["paragraphs"]:
            for number, limb in enumerate(paragraph["limbs"], start=1):
                text = (limb.get("eval") or "").strip()
                if text.startswith("The Committee regrets"):
                    kind = "Concern"
                elif re.match(r"The Committee (?:notes|takes note|welcomes)\b", text) and not _CONCERN_WORDS.search(
                    text
                ):
                    kind = "Observation"
                else:
                    continue
                row = fx._row(
                    key=f"ccpr-assessment:{iso3}:{paragraph['num']}:{number}",
                    text=text,
                    country=state["name"],
                    body=fx.CCPR,
                    symbol=state["assessment_symbol"],
                    date=None,
                )
                rows.append({**row, "Type": kind})
    return rows


# Written for these tests: no shared data set holds special-procedure recommendations.
# The symbols and texts are illustrative, in the style of country-visit reports.
SPECIAL_PROCEDURES = [
    (
        "sp:food:1",
        "Special Rapporteur on the right to food",
        "Slovenia",
        "A/HRC/99/50/Add.1",
        "The Special Rapporteur recommends that the Government:\n"
        "(a) Adopt a national strategy on the right to food & nutrition;\n"
        "(b) Ensure that social assistance covers the cost of an adequate diet.",
    ),
    (
        "sp:wgad:1",
        "Working Group on Arbitrary Detention",
        "Spain",
        "A/HRC/99/51/Add.2",
        "Ensure that every person deprived of liberty is brought promptly before a judge.",
    ),
    (
        "sp:older:1",
        "Independent Expert on the enjoyment of all human rights by older persons",
        "Slovenia",
        "A/HRC/99/52/Add.1",
        "Guarantee long-term care in the community for older persons who need it.",
    ),
    # A mandate title the built-in list lacks (titles change): still a special procedure.
    (
        "sp:newtitle:1",
        "Special Rapporteur on the human rights of persons living in rural areas",
        "Peru",
        "A/HRC/99/53/Add.1",
        "Recognise the rights of peasants to land, water and seeds in law.",
    ),
]


def special_procedure_rows() -> list[dict]:
    """The special-procedure rows: body = mandate title, rendered in HTML in the JSON."""
    rows = []
    for key, body, country, symbol, text in SPECIAL_PROCEDURES:
        rows.append(
            {**fx._row(key=key, text=text, country=country, body=body, symbol=symbol, date=None), "_html": True}
        )
    return rows


# --- one record -----------------------------------------------------------------------


def real_item(row: dict) -> dict:
    """One spreadsheet-layout row as an object of OHCHR's JSON layout (keys sorted, as
    OHCHR writes them)."""
    annotation = row["OHCHR Annotation Id"]
    shape = uuid.UUID(annotation).int  # picks each record's spelling variants
    session, cycle = _session(row.get("UPR Session") or "")
    date = row.get("Document Publication Date")
    position = row.get("UPR Position") or ""
    return {
        "AffectedPersons": list(row.get("Affected Persons") or []),
        "AnnotationId": annotation,
        "AnnotationType": ANNOTATION_TYPES[(row.get("Type") or "Recommendation").casefold()],
        "Body": f"- {BODY_CODES.get(row['Reccomending Body'], row['Reccomending Body'])}",
        "Countries": list(row["Countries Concerned"]),
        "DocumentId": str(uuid.uuid5(fx.NAMESPACE, f"document:{row['Document Symbol']}")),
        "PublicationDate": f"{date.isoformat()}T00:00:00" if date else None,
        "PublicationDateOnUhri": "2025-03-03T10:53:45.827",
        "Regions": list(row.get("Regions Concerned") or []),
        "Sdgs": list(row.get("Sdgs") or []),
        "Symbol": row["Document Symbol"],
        "Text": real_text(row, shape),
        "Themes": list(row.get("Themes") or []),
        "UprCycle": _cycle_value(cycle, shape),
        "UprPositions": [position] if position else [],
        "UprRecommendingCountry": list(row.get("UPR Reccomending States") or []),
        "UprRecommendingRegions": list(row.get("Recommending Regions") or []),
        "UprSession": _session_value(session, shape),
    }


def real_text(row: dict, shape: int) -> str:
    """The text as the JSON gives it: the ``_paragraph`` number glued on ("5.The …") or
    after a space, and HTML for one record in three (and for rows marked ``_html``).

    HTML is used only where it reads back to the same plain text: a text whose lines
    hold runs of spaces would come back with single spaces, as HTML collapses them.
    """
    text = row["Text"]
    if row.get("_paragraph"):
        text = f"{row['_paragraph']}.{'' if shape % 2 else ' '}{text}"
    lines = text.split("\n")
    if not (row.get("_html") or shape % 3 == 0) or any(" ".join(line.split()) != line for line in lines):
        return text
    if len(lines) > 1:  # an introduction and lettered sub-paragraphs: a list
        items = "".join(f"<li>{html.escape(line, quote=False)}</li>" for line in lines[1:])
        return f"<p>{html.escape(lines[0], quote=False)}</p><ul>{items}</ul>"
    body = html.escape(text, quote=False).replace(" should ", " <em>should</em> ", 1)
    return f"<p>{body}</p>" if shape % 2 else f'<div class="text">{body}<br/></div>'


def _session(text: str) -> tuple[int | None, int | None]:
    match = _SESSION_TEXT.fullmatch(text)
    return (int(match.group(1)), int(match.group(2))) if match else (None, None)


def _ordinal(number: int) -> str:
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def _session_value(session: int | None, shape: int):
    """``["34th session"]``, ``["34"]`` or ``34``; ``[]`` for a record of no UPR session."""
    if session is None:
        return []
    return [[f"{_ordinal(session)} session"], [str(session)], session][shape % 5 % 3]


def _cycle_value(cycle: int | None, shape: int):
    """``"Cycle 3"``, ``"3rd cycle"`` or ``3``; null for a record of no UPR cycle."""
    if cycle is None:
        return None
    return [f"Cycle {cycle}", f"{_ordinal(cycle)} cycle", cycle][shape % 7 % 3]
