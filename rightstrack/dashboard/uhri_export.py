"""Recommendations in the layout of OHCHR's Universal Human Rights Index full export.

One object per recommendation under the 16 UHRI headers, spelled as OHCHR spells them
(``Reccomending Body``, ``UPR Reccomending States``), every value a string as in the
spreadsheet: a cell holding several values puts one per line, each starting with
``- ``; an SDG target reads ``16.2 - <target text>``, a goal no target covers
``16 - <GOAL TITLE>``. ``rightstrack import --format uhri-json`` reads the export back
to the same recommendations (ingest/formats/uhri.py is the reader), with these limits:

* a recommendation without a UHRI annotation id gets ``rightstrack-<id>``, since the
  layout requires one; importing the file back into the same database records it as
  that recommendation's UHRI id;
* the paragraph number travels at the start of ``Text``, as UHRI writes it ("121.3
  Ratify..."), which works for dotted numbers only: other paragraph numbers are left out;
* the layout has no place for translations, subjects, comments, UPR Info issues,
  action categories, the source of a position, or a cycle without its UPR session;
* ``Date of publication on UHRI`` is empty: rightstrack does not know it.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator

from django.db.models import QuerySet
from django.utils import translation

from rightstrack.ingest.text import split_paragraph_number
from rightstrack.recommendations.models import Recommendation
from rightstrack.recommendations.selectors import tags_by_taxonomy, with_details
from rightstrack.reference import choices as ref
from rightstrack.reference.choices import RegionalGroup

CHUNK = 2000
SYNTHETIC_ID_PREFIX = "rightstrack-"
# The words of the UHRI export; the importer reads them back (formats.base.POSITION_WORDS).
POSITIONS = {"supported": "Supported", "noted": "Noted", "partially_supported": "Supported/Noted"}


def cell(values: list[str]) -> str:
    """Several values one per line, each starting with "- "; one value as it is."""
    values = [" ".join(value.split()) for value in values if value and value.strip()]
    if len(values) == 1:
        return values[0]
    return "\n".join(f"- {value}" for value in values)


def session_text(number: int, cycle: int) -> str:
    """``34th Session - Cycle 3``, the UHRI spelling."""
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix} Session - Cycle {cycle}"


@functools.lru_cache(maxsize=16)
def region(group: str) -> str:
    """The English name of a UN regional group (the export is in English whatever the
    language of the request); empty for a State in none."""
    if not group or group == RegionalGroup.NONE:
        return ""
    with translation.override("en"):
        return str(RegionalGroup(group).label)


def _regions(states) -> list[str]:
    return list(dict.fromkeys(name for name in (region(state.regional_group) for state in states) if name))


def _text(rec: Recommendation) -> str:
    text = rec.text.strip()
    with_number = f"{rec.paragraph} {text}"
    # Only a number the importer will split off again goes in front of the text.
    if rec.paragraph and split_paragraph_number(with_number) == (rec.paragraph, text):
        return with_number
    return text


def _countries(rec: Recommendation) -> list[str]:
    if not rec.state_id:
        return []
    # A UHRI record about several States keeps their names; the first is the State.
    others = (rec.external_ids or {}).get("countries", "").split("|")[1:]
    return [rec.state.name, *(name for name in others if name)]


def _sdg_lines(tags: dict) -> list[str]:
    targets = [tag.term for tag in tags.get(ref.SDG_TARGETS, [])]
    goals = [tag.term for tag in tags.get(ref.SDG_GOALS, [])]
    covered = {target.code.split(".")[0] for target in targets}
    lines = [f"{target.code} - {target.description or target.label}" for target in targets]
    for goal in goals:
        if goal.code not in covered:
            title = goal.label.removeprefix(f"{goal.code} - ")
            lines.append(f"{goal.code} - {title.upper()}")
    return lines


def uhri_record(rec: Recommendation) -> dict[str, str]:
    """One recommendation under the UHRI headers, in their order (prefetched data only)."""
    tags = tags_by_taxonomy(rec)
    recommending = sorted(rec.recommending_states.all(), key=lambda state: state.name)
    date = rec.date or (rec.document.date if rec.document_id else None)
    concerned = [rec.state] if rec.state_id else []
    # The keys are the importer's HEADERS, in their order (a test holds them to it).
    return {
        "Text": _text(rec),
        "Countries Concerned": cell(_countries(rec)),
        "Reccomending Body": rec.mechanism.name,
        "Document Symbol": rec.document.symbol if rec.document_id else "",
        "Themes": cell([tag.term.label for tag in tags.get(ref.UHRI_THEMES, [])]),
        "Affected Persons": cell([tag.term.label for tag in tags.get(ref.AFFECTED_PERSONS, [])]),
        "Sdgs": cell(_sdg_lines(tags)),
        "Document Publication Date": date.isoformat() if date else "",
        "UPR Reccomending States": cell([state.name for state in recommending]),
        "UPR Position": POSITIONS.get(rec.position or "", ""),
        "Type": rec.type.capitalize(),
        "OHCHR Annotation Id": rec.uhri_id or f"{SYNTHETIC_ID_PREFIX}{rec.pk}",
        "UPR Session": session_text(rec.upr_session.number, rec.upr_session.cycle) if rec.upr_session_id else "",
        "Regions Concerned": cell(_regions(concerned)),
        "Recommending Regions": cell(_regions(recommending)),
        "Date of publication on UHRI": "",
    }


def uhri_records(queryset: QuerySet[Recommendation]) -> Iterator[dict[str, str]]:
    """Yield UHRI records in id order, reading the database in chunks (bounded memory)."""
    for rec in with_details(queryset.order_by("pk")).iterator(chunk_size=CHUNK):
        yield uhri_record(rec)
