"""The documents an NMRF hands over, made once for the command line, the page and the API.

``generate`` checks what was asked for (the kind of document, a State, a UPR cycle, a
mechanism, a plan, a language, a file type), builds the document for what the person
may see (the public gets published recommendations, plans and progress only) and writes
it:

- ``matrix``: OHCHR's matrix with its implementation column (``matrix.build``), Word or Excel;
- ``midterm``: the UPR mid-term report of a State and cycle (``midterm.build``), Word or PDF;
- ``plan``: a national action plan (``plan.build``), Word, PDF or Excel.

``preview`` gives the first rows of a matrix, as the page shows them before the download.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, fields

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from rightstrack.core import budget
from rightstrack.core.errors import InvalidValueError
from rightstrack.reports import matrix as matrix_module
from rightstrack.reports.matrix import Matrix

LANGUAGES = ("en", "fr", "es", "ar", "ru", "zh-hans")
FORMATS = ("docx", "xlsx", "pdf")
CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}
# Each kind of document and the file types it comes in.
KINDS = {
    "matrix": ("docx", "xlsx"),
    "midterm": ("docx", "pdf"),
    "plan": ("docx", "pdf", "xlsx"),
    "followup": ("docx", "pdf"),
}
PREVIEW_ROWS = 20
DOCUMENT_SECONDS = 120  # a web request that makes a document (core.budget)


class InvalidChoice(InvalidValueError):
    """An argument of a document that names nothing rightstrack knows; ``field`` says which."""

    def __init__(self, field: str, message: str):
        self.field, self.message = field, message
        super().__init__(f"{field}: {message}")


@dataclass
class Generated:
    """A document ready to be saved or sent."""

    filename: str
    content: bytes
    content_type: str
    count: int = 0  # recommendations in it
    as_of: dt.date | None = None

    def response(self):
        """The document as a download, for the page and the API alike."""
        from django.http import HttpResponse
        from django.utils.http import content_disposition_header

        answer = HttpResponse(self.content, content_type=self.content_type)
        answer["Content-Disposition"] = content_disposition_header(True, self.filename)
        return answer


@dataclass
class MatrixPreview(Matrix):
    """The first rows of a matrix (``rows``) and how many the whole document has."""

    total: int = 0
    states: int = 0  # States the whole matrix holds

    @property
    def several_states(self) -> bool:
        return self.states > 1


@dataclass
class Choice:
    """What a person asked for, checked: ISO3 and mechanism codes upper-case."""

    country: str | None
    cycle: int | None
    mechanism: str | None
    language: str


def check(
    *,
    language: str = "en",
    country: str | None = None,
    cycle=None,
    mechanism: str | None = None,
    fmt: str | None = None,
    kind: str = "matrix",
) -> Choice:
    """The arguments of a document, normalised; an unknown kind, State, mechanism, cycle,
    language or format raises InvalidValueError naming the field and what is known."""
    from rightstrack.reference.models import Mechanism, State

    if kind not in KINDS:
        raise InvalidChoice("kind", _("%(value)r is not one of %(known)s") % {"value": kind, "known": ", ".join(KINDS)})
    language = (language or "en").strip().lower()
    if language not in LANGUAGES:
        raise InvalidChoice(
            "language", _("%(value)r is not one of %(known)s") % {"value": language, "known": ", ".join(LANGUAGES)}
        )
    if fmt is not None and fmt not in KINDS[kind]:
        raise InvalidChoice(
            "format", _("%(value)r is not one of %(known)s") % {"value": fmt, "known": ", ".join(KINDS[kind])}
        )
    country = (country or "").strip().upper() or None
    if country and not State.objects.filter(iso3=country).exists():
        raise InvalidChoice("country", _("no State has the ISO3 code %(code)r") % {"code": country})
    mechanism = (mechanism or "").strip().upper() or None
    if mechanism and not Mechanism.objects.filter(code=mechanism).exists():
        known = ", ".join(Mechanism.objects.order_by("code").values_list("code", flat=True))
        raise InvalidChoice(
            "mechanism",
            _("no mechanism has the code %(code)r (known: %(known)s)") % {"code": mechanism, "known": known},
        )
    return Choice(country, _cycle(cycle), mechanism, language)


def _cycle(value) -> int | None:
    from rightstrack.reference.models import UPRSession

    if value in (None, ""):
        return None
    try:
        cycle = int(value)
    except (TypeError, ValueError):
        cycle = 0
    known = sorted(set(UPRSession.objects.values_list("cycle", flat=True)))
    if cycle < 1 or (known and cycle not in known):
        raise InvalidChoice(
            "cycle",
            _("%(value)r is not a UPR cycle (known: %(known)s)")
            % {"value": value, "known": ", ".join(map(str, known)) or "1, 2, 3, 4"},
        )
    return cycle


def build(user, choice: Choice, today: dt.date | None = None, max_rows: int | None = None) -> Matrix:
    """The matrix of what ``user`` may see, its labels in the chosen language; more
    than ``max_rows`` recommendations (when given) raise InvalidValueError."""
    if max_rows is not None:
        count = matrix_module.selection(
            user, country=choice.country, cycle=choice.cycle, mechanism=choice.mechanism
        ).count()
        if count > max_rows:
            raise InvalidChoice(
                "selection",
                ngettext(
                    "%(count)d recommendations: choose a State, a cycle or a mechanism (a document made here holds at "
                    "most %(max)d; the command line `rightstrack report` has no limit)",
                    "%(count)d recommendations: choose a State, a cycle or a mechanism (a document made here holds at "
                    "most %(max)d; the command line `rightstrack report` has no limit)",
                    count,
                )
                % {"count": count, "max": max_rows},
            )
    with translation.override(choice.language):
        return matrix_module.build(
            user,
            country=choice.country,
            cycle=choice.cycle,
            mechanism=choice.mechanism,
            language=choice.language,
            today=today,
        )


def generate(
    user,
    *,
    fmt: str,
    language: str = "en",
    country: str | None = None,
    cycle=None,
    mechanism: str | None = None,
    today: dt.date | None = None,
    kind: str = "matrix",
    max_rows: int | None = None,
    plan=None,
    organisation: str = "",
    document: str = "",
) -> Generated:
    """A document of ``kind`` as ``fmt`` (docx, xlsx, pdf), for what ``user`` may see
    (anonymous: published data only): the OHCHR matrix (filters: ``country``, ``cycle``,
    ``mechanism``), the mid-term report (``country`` and ``cycle``; ``organisation``: an
    NHRI's or CSO's own assessment), the action plan ``plan`` (its id) or the treaty-body
    follow-up report on ``document`` (the concluding observations' symbol). Bad arguments,
    or more than ``max_rows`` recommendations (the web and the API give core.limits'),
    raise InvalidValueError naming the field."""
    choice = check(language=language, country=country, cycle=cycle, mechanism=mechanism, fmt=fmt, kind=kind)
    # A document of thousands of recommendations takes longer than a page (the web and
    # the API cap its rows; the command line has no budget at all).
    budget.allow(DOCUMENT_SECONDS)
    if kind == "midterm":
        return _midterm(user, choice, fmt, today, organisation)
    if kind == "plan":
        return _plan(user, choice, fmt, today, plan)
    if kind == "followup":
        return _followup(user, choice, fmt, today, document)
    matrix = build(user, choice, today, max_rows)
    stream = io.BytesIO()
    with translation.override(choice.language):
        writer(fmt).write(matrix, stream)
    return Generated(filename(matrix, fmt), stream.getvalue(), CONTENT_TYPES[fmt], len(matrix.rows), matrix.as_of)


def _midterm(user, choice: Choice, fmt: str, today: dt.date | None, organisation: str) -> Generated:
    from rightstrack.reports import midterm, midterm_document

    if not choice.country:
        raise InvalidChoice("country", _("a mid-term report is of one State: give its ISO3 code"))
    if not choice.cycle:
        raise InvalidChoice("cycle", _("a mid-term report is of one UPR cycle: give its number"))
    organisation = " ".join((organisation or "").split())
    if organisation:
        _check_organisation(user, organisation)
    if not matrix_module.selection(user, country=choice.country, cycle=choice.cycle, mechanism="UPR").exists():
        raise InvalidChoice(
            "cycle",
            _("no UPR recommendation to %(country)s in cycle %(cycle)s is recorded (or published)")
            % {"country": choice.country, "cycle": choice.cycle},
        )
    data = midterm.build(
        user,
        country=choice.country,
        cycle=choice.cycle,
        language=choice.language,
        today=today,
        organisation=organisation,
    )
    with translation.override(choice.language):
        document = midterm_document.document(data)
    parts = ["midterm", choice.country, f"cycle{choice.cycle}"] + (["assessment"] if organisation else [])
    return Generated(
        _name(parts, choice.language, data.as_of, fmt),
        write_document(document, fmt),
        CONTENT_TYPES[fmt],
        len(data.rows),
        data.as_of,
    )


def _check_organisation(user, organisation: str) -> None:
    from rightstrack.consultation.selectors import assessments

    if not assessments(user).filter(organisation__iexact=organisation).exists():
        known = sorted(set(assessments(user).values_list("organisation", flat=True)))[:20]
        raise InvalidChoice(
            "organisation",
            _("no assessment by %(name)r is recorded (known: %(known)s)")
            % {"name": organisation, "known": ", ".join(known) or "-"},
        )


def _plan(user, choice: Choice, fmt: str, today: dt.date | None, plan) -> Generated:
    from rightstrack.reports import plan as plan_module

    try:
        plan_id = int(plan)
    except (TypeError, ValueError):
        raise InvalidChoice("plan", _("give the number of a plan (its id)")) from None
    try:
        data = plan_module.build(user, plan_id, language=choice.language, today=today)
    except plan_module.PlanNotFound:
        from rightstrack.planning.selectors import plans

        known = "; ".join(f"{pk} {title}" for pk, title in plans(user).values_list("pk", "title")[:20])
        raise InvalidChoice(
            "plan",
            _("no plan %(number)s that you may see (known: %(known)s)") % {"number": plan_id, "known": known or "-"},
        ) from None
    if fmt == "xlsx":
        from rightstrack.reports import plan_xlsx

        stream = io.BytesIO()
        with translation.override(choice.language):
            plan_xlsx.write(data, stream)
        content = stream.getvalue()
    else:
        with translation.override(choice.language):
            content = write_document(plan_module.document(data), fmt)
    return Generated(
        _name(["plan", str(plan_id)], choice.language, data.as_of, fmt),
        content,
        CONTENT_TYPES[fmt],
        len(data.activities),
        data.as_of,
    )


def _followup(user, choice: Choice, fmt: str, today: dt.date | None, symbol: str) -> Generated:
    from rightstrack.reports import followup

    symbol = " ".join((symbol or "").split())
    if not symbol:
        raise InvalidChoice("document", _("give the symbol of the concluding observations, e.g. CCPR/C/SVN/CO/3"))
    try:
        data = followup.build(user, symbol, language=choice.language, today=today)
    except followup.FollowUpNotFound as exc:
        raise InvalidChoice("document", exc.message) from None
    content = write_document(followup.document(data), fmt)
    name = _name(["followup", symbol.replace("/", "-").replace(" ", "")], choice.language, data.as_of, fmt)
    return Generated(name, content, CONTENT_TYPES[fmt], len(data.paragraphs), data.as_of)


def write_document(document, fmt: str) -> bytes:
    """A report's blocks (``reports.document``) as Word or PDF bytes."""
    stream = io.BytesIO()
    with translation.override(document.language):
        if fmt == "pdf":
            from rightstrack.reports import document_pdf

            document_pdf.write(document, stream)
        else:
            from rightstrack.reports import document_docx

            document_docx.write(document, stream)
    return stream.getvalue()


def _name(parts: list[str], language: str, as_of: dt.date, fmt: str) -> str:
    return "-".join([*parts, language, as_of.isoformat()]) + f".{fmt}"


def writer(fmt: str):
    """The module that writes a matrix as ``fmt`` (imported when needed: they load
    python-docx and openpyxl)."""
    if fmt == "docx":
        from rightstrack.reports import matrix_docx

        return matrix_docx
    from rightstrack.reports import matrix_xlsx

    return matrix_xlsx


def preview(
    user,
    *,
    language: str = "en",
    country: str | None = None,
    cycle=None,
    mechanism: str | None = None,
    today: dt.date | None = None,
    limit: int = PREVIEW_ROWS,
    max_rows: int | None = None,
) -> MatrixPreview:
    """The first ``limit`` rows of the matrix, in the document's order (rows without a
    theme first, then theme by theme), and the number of rows of the whole matrix."""
    choice = check(language=language, country=country, cycle=cycle, mechanism=mechanism)
    matrix = build(user, choice, today, max_rows)
    ordered = [row for _theme, rows in matrix.groups() for row in rows]
    values = {f.name: getattr(matrix, f.name) for f in fields(Matrix)}
    return MatrixPreview(
        **{**values, "rows": ordered[:limit]}, total=len(ordered), states=len({row.country for row in ordered})
    )


def filename(matrix: Matrix, fmt: str) -> str:
    """``matrix-SVN-cycle3-en-2026-12-07.docx``: what, for which State, cycle and
    mechanism, in which language, as of when."""
    filters = matrix.filters or {}
    parts = ["matrix", filters.get("country") or "all"]
    if filters.get("cycle"):
        parts.append(f"cycle{filters['cycle']}")
    if filters.get("mechanism"):
        parts.append(str(filters["mechanism"]))
    return _name(parts, matrix.language, matrix.as_of, fmt)
