"""``rightstrack import FILE --format ccpr-followup``: the Human Rights Committee's
follow-up assessments, as JSON keyed by State (ISO3).

Each State gives its concluding observations (``co_symbol``, ``co_date``), the
paragraphs picked for follow-up (``num``, ``title``, ``recommendation`` with its lettered
parts, ``limbs``: the grade of a part or group of parts with the Committee's
evaluation), the assessment that graded them (``assessment_symbol``, ``_session``,
``_date``, ``_year``), the State's reply (``fco_symbol``, ``fco_date``) and earlier rounds
(``history``: the grades of each paragraph, by session, for the same or earlier
concluding observations).

The paragraphs become recommendations (selected for follow-up) through the importer,
ranked below the concluding observations themselves; the procedures, parts and grades
are written by :func:`rightstrack.progress.followup.record` in the same transaction
(all or nothing). This app registers the format (``register``): ingest, a lower app,
never imports it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from rightstrack.progress.parts import clean_text, split_parts

FORMAT_NAME = "ccpr-followup"
MECHANISM = "CCPR"
_REQUIRED = ("co_symbol", "paragraphs")
_SNIFF_BYTES = 65536


@dataclass
class ParsedGrade:
    label: str  # "(b), (c) and (d)"; "" for the whole paragraph
    grade: str
    evaluation: str = ""


@dataclass
class ParsedRound:
    """One assessment of a procedure, with the grades it gave, by paragraph."""

    symbol: str = ""
    session: int | None = None
    dates: str = ""
    date: dt.date | None = None
    year: int | None = None
    grades: dict[str, list[ParsedGrade]] = field(default_factory=dict)


@dataclass
class ParsedParagraph:
    paragraph: str
    title: str = ""
    parts: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class ParsedProcedure:
    """A follow-up procedure on one document, as the file gives it."""

    document: str
    country: str
    location: str
    reply_symbol: str = ""
    reply_date: dt.date | None = None
    paragraphs: list[ParsedParagraph] = field(default_factory=list)
    rounds: list[ParsedRound] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what the import should say (a round listed twice)


def detect(path: str | Path) -> bool:
    """A JSON object whose first State has ``co_symbol`` and ``paragraphs`` (read from the
    file's start only: a 250,000-record UHRI export is not loaded to be told apart)."""
    with open(path, "rb") as handle:
        head = handle.read(_SNIFF_BYTES).decode("utf-8", "ignore").lstrip("\ufeff \t\r\n")
    return head.startswith("{") and '"co_symbol"' in head and '"paragraphs"' in head


def register() -> None:
    """Add the format to the importer, tried before the UHRI's JSON."""
    from django.utils.translation import gettext_lazy

    from rightstrack.ingest import registry

    fmt = registry.Format(
        FORMAT_NAME,
        __name__,
        (".json",),
        kind="treaty-followup",
        label=gettext_lazy("Human Rights Committee follow-up assessments (JSON)"),
    )
    registry.register_format(fmt, _read, before="uhri-json")


def _read(module, path: Path, options):
    from rightstrack.ingest.registry import ParsedFile
    from rightstrack.progress import followup

    records, documents, procedures = parse(Path(path))
    return ParsedFile(records=records, documents=documents, finish=partial(followup.record, procedures))


def parse(path: Path):
    """(recommendation records, document records, procedures); ParseError naming the
    file, the State and the field on bad input."""
    from rightstrack.ingest.formats.base import ParseError, load_json

    data = load_json(path)  # refuses JSON nested deeper than the importer's limit
    if not isinstance(data, dict) or not data:
        raise ParseError(f'{path.name}: expected an object keyed by State (ISO3), e.g. {{"SVN": {{…}}}}')
    records, documents, procedures = [], {}, []
    for key, state in data.items():
        where = f"{path.name}: {key}"
        if not isinstance(state, dict):
            raise ParseError(f"{where}: expected an object")
        missing = [name for name in _REQUIRED if not state.get(name)]
        if missing:
            raise ParseError(f"{where}: missing field {missing[0]!r}")
        country = str(state.get("code") or key)
        for procedure in _procedures(state, country, where):
            procedures.append(procedure)
            documents.setdefault(procedure.document, _document(procedure, state))
        records.extend(_records(state, country, where))
    return records, list(documents.values()), procedures


def _symbol(value, where: str, name: str) -> str:
    from rightstrack.ingest.formats.base import ParseError

    symbol = " ".join(str(value or "").split())
    if symbol and not symbol.upper().startswith(f"{MECHANISM}/"):
        raise ParseError(f"{where}: field {name!r}: {symbol!r} is not a {MECHANISM} document symbol")
    return symbol


def _document(procedure: ParsedProcedure, state: dict):
    from rightstrack.ingest.records import ParsedDocument

    current = procedure.document == state["co_symbol"]
    return ParsedDocument(
        symbol=procedure.document,
        mechanism=MECHANISM,
        countries=[procedure.country],
        date=_date(state.get("co_date")) if current else None,
    )


def _records(state: dict, country: str, where: str):
    """The paragraphs of the current concluding observations whose text the file gives."""
    from rightstrack.ingest.records import ParsedRecommendation

    titles = not state.get("titles_editorial")  # headings a third party wrote are not the Committee's
    for paragraph in state["paragraphs"]:
        text = clean_text(paragraph.get("recommendation") or "")
        if not text:
            continue
        yield ParsedRecommendation(
            text=text,
            mechanism=MECHANISM,
            country=country,
            paragraph=str(paragraph.get("num") or ""),
            document_symbol=_symbol(state["co_symbol"], where, "co_symbol"),
            date=_date(state.get("co_date")),
            subject=(paragraph.get("title") or "").strip() if titles else "",
            follow_up=True,
            location=f"{where} paragraph {paragraph.get('num')}",
        )


def _procedures(state: dict, country: str, where: str) -> list[ParsedProcedure]:
    """The current procedure (its paragraphs, parts and latest grades, with the earlier
    rounds on the same document) and one per earlier document in ``history``."""
    from rightstrack.ingest.formats.base import ParseError

    symbol = _symbol(state["co_symbol"], where, "co_symbol")
    current = ParsedProcedure(
        document=symbol,
        country=country,
        location=where,
        reply_symbol=_symbol(state.get("fco_symbol"), where, "fco_symbol"),
        reply_date=_date(state.get("fco_date")),
    )
    latest = ParsedRound(
        symbol=_symbol(state.get("assessment_symbol"), where, "assessment_symbol"),
        session=_int(state.get("assessment_session")),
        dates=state.get("assessment_date") or "",
        date=_last_day(state.get("assessment_date")),
        year=_int(state.get("assessment_year")),
    )
    for paragraph in state["paragraphs"]:
        number = str(paragraph.get("num") or "").strip()
        if not number:
            raise ParseError(f"{where}: a paragraph without its number ('num')")
        _, parts = split_parts(clean_text(paragraph.get("recommendation") or ""))
        title = (paragraph.get("title") or "").strip() if not state.get("titles_editorial") else ""
        current.paragraphs.append(ParsedParagraph(number, title, parts))
        latest.grades[number] = [
            ParsedGrade(
                " ".join((limb.get("label") or "").split()),
                _grade(limb.get("grade"), f"{where} paragraph {number}"),
                " ".join((limb.get("eval") or "").split()),
            )
            for limb in paragraph.get("limbs") or []
        ]
    by_document: dict[str, ParsedProcedure] = {symbol: current}
    for earlier in state.get("history") or []:
        document = _symbol(earlier.get("co_symbol"), where, "history co_symbol") or symbol
        procedure = by_document.setdefault(
            document, ParsedProcedure(document=document, country=country, location=f"{where} history")
        )
        round_ = ParsedRound(session=_int(earlier.get("session")), year=_int(earlier.get("year")))
        for number, grades in (earlier.get("header_grades") or {}).items():
            round_.grades[str(number)] = [
                ParsedGrade("", _grade(g, f"{where} history paragraph {number}")) for g in grades
            ]
        _add_round(procedure, round_)
    current.rounds.append(latest)
    return list(by_document.values())


def _add_round(procedure: ParsedProcedure, round_: ParsedRound) -> None:
    """A round listed twice for one session (as some sources do, each copy with some of
    the paragraphs) is kept once with the paragraphs of both; where the copies grade a
    paragraph differently the first is kept and the import says so, naming both."""
    for known in procedure.rounds:
        if known.session == round_.session and known.year == round_.year:
            differ = sorted(n for n, grades in round_.grades.items() if known.grades.get(n, grades) != grades)
            for number, grades in round_.grades.items():
                known.grades.setdefault(number, grades)
            if differ:
                procedure.notes.append(
                    f"{procedure.location}: {procedure.document}: session {round_.session} is listed twice with "
                    f"different grades for paragraph {', '.join(differ)} "
                    f"({_grades(known, differ)} kept; {_grades(round_, differ)} not)"
                )
            return
    procedure.rounds.append(round_)


def _grades(round_: ParsedRound, numbers: list[str]) -> str:
    return "; ".join(f"{n}: {', '.join(g.grade for g in round_.grades.get(n, []))}" for n in numbers)


def _grade(value, where: str) -> str:
    from rightstrack.ingest.formats.base import ParseError

    grade = str(value or "").strip()
    if not grade:
        raise ParseError(f"{where}: a part without its grade")
    return grade


def _int(value) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


def _date(value) -> dt.date | None:
    """ "24 March 2016" → a date; None for anything else."""
    try:
        return dt.datetime.strptime(" ".join(str(value or "").split()), "%d %B %Y").date()
    except ValueError:
        return None


def _last_day(dates) -> dt.date | None:
    """A session's last day from "2–27 March 2020" or "17 October-4 November 2016"."""
    return _date(re.split(r"[–—-]", str(dates or ""))[-1])
