"""rightstrack's own JSON export format, read back (round trip, demo dataset).

Accepts the list that ``rightstrack export --format json`` writes, or an object with a
``recommendations`` list and optional ``documents`` and ``attribution``.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Iterator

from rightstrack.core.errors import InvalidValueError
from rightstrack.ingest.formats.base import ParseError
from rightstrack.ingest.records import ParsedDocument, ParsedRecommendation
from rightstrack.ingest.services import parse_date
from rightstrack.reference import choices as ref

# Export key -> taxonomy slug, for the tag lists.
TAG_KEYS = {
    "themes": ref.UHRI_THEMES,
    "affected_persons": ref.AFFECTED_PERSONS,
    "sdg_goals": ref.SDG_GOALS,
    "sdg_targets": ref.SDG_TARGETS,
    "upr_info_issues": ref.UPR_INFO_ISSUES,
}


def _record(item: dict, where: str) -> ParsedRecommendation:
    if not isinstance(item, dict) or not item.get("text") or not item.get("mechanism"):
        raise InvalidValueError(f"{where}: needs at least 'text' and 'mechanism'")
    tags = {slug: [str(v) for v in item.get(key) or []] for key, slug in TAG_KEYS.items() if item.get(key)}
    if item.get("action_category") is not None:
        tags[ref.ACTION_CATEGORY] = [str(item["action_category"])]
    try:
        date = parse_date(item.get("date"))
    except ValueError:
        raise InvalidValueError(f"{where}: field 'date': {item.get('date')!r} is not YYYY-MM-DD") from None
    return ParsedRecommendation(
        text=item["text"], mechanism=item["mechanism"], country=item.get("country"),
        paragraph=item.get("paragraph") or "", document_symbol=item.get("document_symbol") or "",
        session=item.get("session"), date=date, type=item.get("type") or "recommendation",
        position=item.get("position"), position_source=item.get("position_source") or "",
        recommending_states=list(item.get("recommending_states") or []), tags=tags,
        subject=item.get("subject") or "", follow_up=bool(item.get("follow_up")),
        language=item.get("language") or "en", translations=dict(item.get("translations") or {}),
        external_ids={"uhri": item["uhri_id"]} if item.get("uhri_id") else {},
        comments=item.get("comments") or "", location=where,
    )


def _document(item: dict) -> ParsedDocument:
    return ParsedDocument(
        symbol=item["symbol"], mechanism=item["mechanism"], title=item.get("title", ""),
        countries=list(item.get("countries", [])), date=parse_date(item.get("date")),
        session=item.get("session"), language=item.get("language", "en"), url=item.get("url", ""),
    )


def load(path: Path) -> tuple[list[ParsedDocument], Iterator[ParsedRecommendation]]:
    """Read a rightstrack JSON file; errors name the file and the record number."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InvalidValueError(f"{path}: not a rightstrack JSON file ({exc})") from None
    items = data.get("recommendations") if isinstance(data, dict) else data
    if not isinstance(items, list):
        raise InvalidValueError(f"{path}: expected a list of recommendations")
    documents = [_document(d) for d in data.get("documents", [])] if isinstance(data, dict) else []
    return documents, _records(Path(path).name, items)


def _records(name: str, items: list) -> Iterator[ParsedRecommendation]:
    for number, item in enumerate(items, start=1):
        try:
            yield _record(item, f"record {number}")
        except InvalidValueError as exc:
            raise ParseError(f"{name}: {exc}") from None


def detect(path: Path) -> bool:
    """A JSON file that starts like rightstrack's export (objects with text and mechanism)."""
    with open(path, "rb") as handle:
        head = handle.read(65536).decode("utf-8", errors="ignore").lstrip("\ufeff \t\r\n")
    return head[:1] in "[{" and '"mechanism"' in head and '"text"' in head and "OHCHR Annotation Id" not in head
