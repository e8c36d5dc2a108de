"""Exports of recommendations: one record per recommendation, as JSON, CSV or XLSX.

The record's keys are a contract other tools rely on (see EXPORT_FIELDS); new keys may
be added at the end, none removed or renamed. A caller may add columns after them
(``extra``: the quality check's, ``tagging.exports``): the export command does on request.

The tag keys (themes, SDGs, ...) hold data tags only: imported, entered by a person, or
confirmed (``recommendations.selectors.DATA_TAGS``). A classifier's pending suggestion
is exported only on request (``suggestions=True``), and never in those keys: JSON
records get a ``suggestions`` key ({tag key: [{code, label, confidence}]}), tables one
column per tag key, "<key> (suggested)" (SUGGESTION_FIELDS), after every other column.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import IO

from django.db.models import QuerySet

from rightstrack.core.spreadsheet import CsvDictWriter, xlsx_row
from rightstrack.recommendations.models import Recommendation
from rightstrack.recommendations.selectors import suggestions_by_taxonomy, tags_by_taxonomy, with_details
from rightstrack.reference import choices as ref

EXPORT_FIELDS = [
    "id",
    "text",
    "paragraph",
    "document_symbol",
    "country",
    "mechanism",
    "session",
    "cycle",
    "date",
    "type",
    "position",
    "recommending_states",
    "themes",
    "affected_persons",
    "sdg_goals",
    "sdg_targets",
    "upr_info_issues",
    "action_category",
    # Additions after the contract's keys.
    "language",
    "subject",
    "position_source",
    "follow_up",
    "uhri_id",
    "translations",
]
# The record's tag keys: taxonomy, and whether the key holds labels (else codes).
TAG_KEYS = {
    "themes": (ref.UHRI_THEMES, True),
    "affected_persons": (ref.AFFECTED_PERSONS, True),
    "sdg_goals": (ref.SDG_GOALS, False),
    "sdg_targets": (ref.SDG_TARGETS, False),
    "upr_info_issues": (ref.UPR_INFO_ISSUES, True),
    "action_category": (ref.ACTION_CATEGORY, False),
}
SUGGESTION_FIELDS = [f"{key} (suggested)" for key in TAG_KEYS]
FORMATS = ("json", "csv", "xlsx")
CHUNK = 2000


def _labels(tags: dict, slug: str) -> list[str]:
    return [tag.term.label for tag in tags.get(slug, [])]


def _codes(tags: dict, slug: str) -> list[str]:
    return [tag.term.code for tag in tags.get(slug, [])]


def export_record(rec: Recommendation) -> dict:
    """The export form of one recommendation (tags and States from prefetched data)."""
    tags = tags_by_taxonomy(rec)
    action = _codes(tags, ref.ACTION_CATEGORY)
    return {
        "id": rec.pk,
        "text": rec.text,
        "paragraph": rec.paragraph,
        "document_symbol": rec.document.symbol if rec.document_id else None,
        "country": rec.state.iso3 if rec.state_id else None,
        "mechanism": rec.mechanism.code,
        "session": rec.upr_session.number if rec.upr_session_id else None,
        "cycle": rec.cycle,
        "date": rec.date.isoformat() if rec.date else None,
        "type": rec.type,
        "position": rec.position,
        "recommending_states": sorted(s.iso3 for s in rec.recommending_states.all()),
        "themes": _labels(tags, ref.UHRI_THEMES),
        "affected_persons": _labels(tags, ref.AFFECTED_PERSONS),
        "sdg_goals": sorted(int(code) for code in _codes(tags, ref.SDG_GOALS)),
        "sdg_targets": _codes(tags, ref.SDG_TARGETS),
        "upr_info_issues": _labels(tags, ref.UPR_INFO_ISSUES),
        "action_category": int(action[0]) if action else None,
        "language": rec.language,
        "subject": rec.subject,
        "position_source": rec.position_source,
        "follow_up": rec.follow_up,
        "uhri_id": rec.uhri_id,
        "translations": {t.language: t.text for t in rec.translations.all()},
    }


def suggestion_record(rec: Recommendation) -> dict[str, list[dict]]:
    """The recommendation's pending suggestions by tag key (TAG_KEYS), most confident
    first: {"themes": [{"code", "label", "confidence"}], ...}, every key present."""
    found = suggestions_by_taxonomy(rec)
    return {
        key: [
            {"code": tag.term.code, "label": tag.term.label, "confidence": tag.confidence}
            for tag in found.get(slug, [])
        ]
        for key, (slug, _labelled) in TAG_KEYS.items()
    }


def suggestion_columns(suggestions: dict[str, list[dict]]) -> dict[str, list[str]]:
    """The suggestions as table columns (SUGGESTION_FIELDS): what the data column would
    hold (label or code), with the classifier's confidence, e.g. "Children (0.82)"."""
    columns = {}
    for key, (_slug, labelled) in TAG_KEYS.items():
        columns[f"{key} (suggested)"] = [
            f"{item['label'] if labelled else item['code']} ({item['confidence'] or 0:.2f})"
            for item in suggestions[key]
        ]
    return columns


def export_fields(extra: Sequence[str] = (), suggestions: bool = False) -> list[str]:
    """The columns of a CSV or XLSX export: the contract's, then ``extra`` (a caller's
    added columns), then, if asked, the suggestion columns."""
    return EXPORT_FIELDS + list(extra) + (SUGGESTION_FIELDS if suggestions else [])


def export_records(
    queryset: QuerySet[Recommendation],
    *,
    extra: Callable[[Recommendation], dict] | None = None,
    suggestions: bool = False,
    tabular: bool = False,
) -> Iterator[dict]:
    """Yield export records in id order, reading the database in chunks (bounded memory);
    with ``extra``, each with the columns it returns at its end; with ``suggestions``,
    the pending suggestions too: a ``suggestions`` key, or the "(suggested)" columns
    when the records are for a table (``tabular``)."""
    for rec in with_details(queryset.order_by("pk"), suggestions=suggestions).iterator(chunk_size=CHUNK):
        record = export_record(rec)
        if extra is not None:
            record.update(extra(rec))
        if suggestions:
            found = suggestion_record(rec)
            record.update(suggestion_columns(found) if tabular else {"suggestions": found})
        yield record


def iter_json(records: Iterable[dict]) -> Iterator[str]:
    """A JSON list, one object per line, as pieces of text (for a stream or a file)."""
    yield "["
    first = True
    for record in records:
        yield ("\n" if first else ",\n") + json.dumps(record, ensure_ascii=False)
        first = False
    yield "]\n" if first else "\n]\n"


def write_json(records: Iterable[dict], out: IO[str]) -> int:
    """Write a JSON list, one object per line, without holding the list in memory."""
    count = 0

    def counted():
        nonlocal count
        for record in records:
            count += 1
            yield record

    for piece in iter_json(counted()):
        out.write(piece)
    return count


def _flat(value) -> str | int | None:
    # Lists go in one cell, separated by "; " (labels contain commas, never semicolons).
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False) if value else ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return value


def write_csv(records: Iterable[dict], out: IO[str], fields: list[str] = EXPORT_FIELDS) -> int:
    writer = CsvDictWriter(out, fieldnames=fields)
    writer.writeheader()
    count = 0
    for record in records:
        writer.writerow({key: _flat(value) for key, value in record.items()})
        count += 1
    return count


def write_xlsx(records: Iterable[dict], out: IO[bytes], fields: list[str] = EXPORT_FIELDS) -> int:
    from openpyxl import Workbook  # heavy: loaded only for this format

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Recommendations")
    sheet.append(fields)
    count = 0
    for record in records:
        sheet.append(xlsx_row(sheet, [_flat(record[key]) for key in fields]))
        count += 1
    workbook.save(out)
    return count
