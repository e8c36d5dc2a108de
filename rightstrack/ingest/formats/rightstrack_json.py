"""rightstrack's own JSON export format, read back (round trip, demo dataset).

Accepts the list that ``rightstrack export --format json`` writes, or an object with a
``recommendations`` list and optional ``documents`` and ``attribution``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from rightstrack.core.errors import InvalidValueError
from rightstrack.core.limits import kind_of, shown
from rightstrack.ingest.formats.base import ParseError, load_json
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


# What each key may hold; a value of another JSON type is refused, naming the key, rather
# than turned into text ("5", "{'a': 1}") or split into its characters.
_TEXTS = (
    "text",
    "mechanism",
    "country",
    "paragraph",
    "document_symbol",
    "type",
    "position",
    "position_source",
    "subject",
    "language",
    "uhri_id",
    "comments",
    "date",
)
_WHOLE = ("session",)
_TEXT_LISTS = ("recommending_states",)
_CODE_LISTS = tuple(TAG_KEYS)  # SDG goals may be numbers: [16, 5]


def _check_types(item: dict, where: str) -> None:
    def wrong(key: str, expected: str) -> InvalidValueError:
        value = item[key]
        return InvalidValueError(f"{where}: field '{key}': expected {expected}, found {kind_of(value)} {shown(value)}")

    for key in _TEXTS:
        if item.get(key) is not None and not isinstance(item[key], str):
            raise wrong(key, "text")
    for key in _WHOLE:
        if item.get(key) is not None and (isinstance(item[key], bool) or not isinstance(item[key], int)):
            raise wrong(key, "a whole number")
    for key in (*_TEXT_LISTS, *_CODE_LISTS):
        value = item.get(key)
        if value is None:
            continue
        if not isinstance(value, list):
            raise wrong(key, "a list")
        allowed = (str,) if key in _TEXT_LISTS else (str, int)
        if any(isinstance(v, bool) or not isinstance(v, allowed) for v in value):
            raise wrong(key, "a list of texts" if key in _TEXT_LISTS else "a list of codes")
    if item.get("action_category") is not None and (
        isinstance(item["action_category"], bool) or not isinstance(item["action_category"], (str, int))
    ):
        raise wrong("action_category", "a code")
    if item.get("translations") is not None and (
        not isinstance(item["translations"], dict) or not all(isinstance(v, str) for v in item["translations"].values())
    ):
        raise wrong("translations", "an object of texts by language")


def _record(item: dict, where: str) -> ParsedRecommendation:
    if not isinstance(item, dict):
        raise InvalidValueError(f"{where}: expected an object, found {kind_of(item)}")
    _check_types(item, where)
    if not item.get("text") or not item.get("mechanism"):
        raise InvalidValueError(f"{where}: needs at least 'text' and 'mechanism'")
    tags = {slug: [str(v) for v in item.get(key) or []] for key, slug in TAG_KEYS.items() if item.get(key)}
    if item.get("action_category") is not None:
        tags[ref.ACTION_CATEGORY] = [str(item["action_category"])]
    try:
        date = parse_date(item.get("date"))
    except ValueError:
        raise InvalidValueError(f"{where}: field 'date': {item.get('date')!r} is not YYYY-MM-DD") from None
    return ParsedRecommendation(
        text=item["text"],
        mechanism=item["mechanism"],
        country=item.get("country"),
        paragraph=item.get("paragraph") or "",
        document_symbol=item.get("document_symbol") or "",
        session=item.get("session"),
        date=date,
        type=item.get("type") or "recommendation",
        position=item.get("position"),
        position_source=item.get("position_source") or "",
        recommending_states=list(item.get("recommending_states") or []),
        tags=tags,
        subject=item.get("subject") or "",
        follow_up=bool(item.get("follow_up")),
        language=item.get("language") or "en",
        translations=dict(item.get("translations") or {}),
        external_ids={"uhri": item["uhri_id"]} if item.get("uhri_id") else {},
        comments=item.get("comments") or "",
        location=where,
    )


def _document(item: object, name: str, number: int) -> ParsedDocument:
    where = f"{name}: document {number}"
    if (
        not isinstance(item, dict)
        or not isinstance(item.get("symbol"), str)
        or not isinstance(item.get("mechanism"), str)
    ):
        raise ParseError(f"{where}: needs at least 'symbol' and 'mechanism' as texts")
    for key in ("title", "language", "url", "date"):
        if item.get(key) is not None and not isinstance(item[key], str):
            raise ParseError(f"{where}: field '{key}': expected text, found {kind_of(item[key])}")
    if item.get("session") is not None and (isinstance(item["session"], bool) or not isinstance(item["session"], int)):
        raise ParseError(f"{where}: field 'session': expected a whole number, found {kind_of(item['session'])}")
    if not isinstance(item.get("countries", []), list) or not all(
        isinstance(c, str) for c in item.get("countries", [])
    ):
        raise ParseError(f"{where}: field 'countries': expected a list of texts")
    try:
        date = parse_date(item.get("date"))
    except ValueError:
        raise ParseError(f"{where}: field 'date': {shown(item.get('date'))} is not YYYY-MM-DD") from None
    return ParsedDocument(
        symbol=item["symbol"],
        mechanism=item["mechanism"],
        title=item.get("title", ""),
        countries=list(item.get("countries", [])),
        date=date,
        session=item.get("session"),
        language=item.get("language", "en"),
        url=item.get("url", ""),
    )


def load(path: Path) -> tuple[list[ParsedDocument], Iterator[ParsedRecommendation]]:
    """Read a rightstrack JSON file; errors name the file and the record number."""
    name = Path(path).name
    data = load_json(path, "a rightstrack JSON file")
    items = data.get("recommendations") if isinstance(data, dict) else data
    if not isinstance(items, list):
        raise InvalidValueError(f"{name}: expected a list of recommendations")
    documents = data.get("documents", []) if isinstance(data, dict) else []
    if not isinstance(documents, list):
        raise ParseError(f"{name}: field 'documents': expected a list, found {kind_of(documents)}")
    documents = [_document(d, name, number) for number, d in enumerate(documents, start=1)]
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
