"""Plain records that every source-format parser yields.

Parsers never touch the ORM: they turn a file into these dataclasses, keeping names
exactly as the source spells them (State names, theme labels, SDG codes). One ingest
service resolves the names and writes the records in a single transaction, so every
format obeys the same rules (State resolution, idempotence, error reporting).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass
class ParsedDocument:
    """A UN source document as a parser found it."""

    symbol: str
    mechanism: str  # mechanism code: UPR, CCPR, SP, ...
    title: str = ""
    countries: list[str] = field(default_factory=list)  # State names or ISO3, as in the source
    date: dt.date | None = None
    session: int | None = None  # UPR Working Group session, when the document has one
    language: str = "en"
    url: str = ""


@dataclass
class ParsedRecommendation:
    """One recommendation as a parser found it, before any name is resolved.

    ``location`` says where it came from ("row 12", "paragraph 121.3") so that an error
    can name it. ``tags`` maps a taxonomy slug (``uhri-themes``, ``sdg-goals``,
    ``sdg-targets``, ``affected-persons``, ``upr-info-issues``, ``action-category``) to the
    term codes or labels the source gives.

    "No value" and "empty" are told apart, because the importer merges sources
    (``ingest.precedence``): a taxonomy *absent* from ``tags`` means the source says
    nothing about it (a Working Group report has no themes), while a taxonomy present
    with an empty list means the source says "none" and takes back the tags it gave
    before. A field left ``None`` or ``""`` (a position the report does not state, a
    subject the UHRI does not give) means "this source gives no value" and never
    empties what another source gave.
    """

    text: str
    mechanism: str
    country: str | None = None  # the State under review / State party, as in the source
    paragraph: str = ""
    document_symbol: str = ""
    session: int | None = None  # UPR Working Group session
    cycle: int | None = None  # only when the session is unknown; otherwise it follows from it
    date: dt.date | None = None
    type: str = "recommendation"  # recommendation | observation | concern | pledge
    position: str | None = None  # supported | noted | partially_supported | None
    position_source: str = ""
    recommending_states: list[str] = field(default_factory=list)
    tags: dict[str, list[str]] = field(default_factory=dict)
    subject: str = ""  # the heading a treaty-body paragraph stands under
    follow_up: bool = False  # selected for a treaty body's follow-up procedure
    language: str = "en"
    translations: dict[str, str] = field(default_factory=dict)  # language -> text
    external_ids: dict[str, str] = field(default_factory=dict)  # e.g. {"uhri": "<uuid>"}
    comments: str = ""
    location: str = ""
    fingerprint: str = ""  # text_fingerprint(text), when a reader computed it already


@dataclass
class ParsedResponse:
    """A State's response to a UPR recommendation found in a later document (the
    addendum A/HRC/…/Add.1): it sets the position of a recommendation already imported,
    found by the Working Group report's symbol and the paragraph number."""

    document_symbol: str  # the Working Group report, e.g. A/HRC/43/15
    paragraph: str  # e.g. "122.1"
    position: str  # supported | noted | partially_supported
    position_source: str  # the addendum, e.g. A/HRC/43/15/Add.1
    location: str = ""
