"""The documents an NMRF hands over, made once for the command line, the page and the API.

``generate`` checks what was asked for (a State, a UPR cycle, a mechanism, a language,
a file type), builds the matrix for what the person may see (``matrix.build``: the
public gets published recommendations and published progress only) and writes it as
Word or Excel. ``preview`` gives the first rows of the same matrix, as the page shows
them before the download.
"""
from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, fields

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from rightstrack.core.errors import InvalidValueError
from rightstrack.reports import matrix as matrix_module
from rightstrack.reports.matrix import Matrix

LANGUAGES = ("en", "fr", "es", "ar", "ru", "zh-hans")
FORMATS = ("docx", "xlsx")
CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
KINDS = ("matrix",)  # the mid-term report, the action plan and treaty-body follow-up come later
PREVIEW_ROWS = 20


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


def check(*, language: str = "en", country: str | None = None, cycle=None, mechanism: str | None = None,
          fmt: str | None = None) -> Choice:
    """The arguments of a document, normalised; an unknown State, mechanism, cycle,
    language or format raises InvalidValueError naming the field and what is known."""
    from rightstrack.reference.models import Mechanism, State

    language = (language or "en").strip().lower()
    if language not in LANGUAGES:
        raise InvalidChoice("language", _("%(value)r is not one of %(known)s")
                            % {"value": language, "known": ", ".join(LANGUAGES)})
    if fmt is not None and fmt not in FORMATS:
        raise InvalidChoice("format", _("%(value)r is not one of %(known)s")
                            % {"value": fmt, "known": ", ".join(FORMATS)})
    country = (country or "").strip().upper() or None
    if country and not State.objects.filter(iso3=country).exists():
        raise InvalidChoice("country", _("no State has the ISO3 code %(code)r") % {"code": country})
    mechanism = (mechanism or "").strip().upper() or None
    if mechanism and not Mechanism.objects.filter(code=mechanism).exists():
        known = ", ".join(Mechanism.objects.order_by("code").values_list("code", flat=True))
        raise InvalidChoice("mechanism", _("no mechanism has the code %(code)r (known: %(known)s)")
                            % {"code": mechanism, "known": known})
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
        raise InvalidChoice("cycle", _("%(value)r is not a UPR cycle (known: %(known)s)")
                            % {"value": value, "known": ", ".join(map(str, known)) or "1, 2, 3, 4"})
    return cycle


def build(user, choice: Choice, today: dt.date | None = None, max_rows: int | None = None) -> Matrix:
    """The matrix of what ``user`` may see, its labels in the chosen language; more
    than ``max_rows`` recommendations (when given) raise InvalidValueError."""
    if max_rows is not None:
        count = matrix_module.selection(user, country=choice.country, cycle=choice.cycle,
                                        mechanism=choice.mechanism).count()
        if count > max_rows:
            raise InvalidChoice("selection", ngettext(
                "%(count)d recommendations: choose a State, a cycle or a mechanism (a document made here holds at "
                "most %(max)d; the command line `rightstrack report` has no limit)",
                "%(count)d recommendations: choose a State, a cycle or a mechanism (a document made here holds at "
                "most %(max)d; the command line `rightstrack report` has no limit)", count)
                % {"count": count, "max": max_rows})
    with translation.override(choice.language):
        return matrix_module.build(user, country=choice.country, cycle=choice.cycle, mechanism=choice.mechanism,
                                   language=choice.language, today=today)


def generate(user, *, fmt: str, language: str = "en", country: str | None = None, cycle=None,
             mechanism: str | None = None, today: dt.date | None = None, kind: str = "matrix",
             max_rows: int | None = None) -> Generated:
    """The OHCHR matrix as a Word (``fmt="docx"``) or Excel (``"xlsx"``) file, for what
    ``user`` may see (anonymous: published data only). Bad arguments, or more than
    ``max_rows`` recommendations (the web and the API give core.limits'), raise
    InvalidValueError naming the field."""
    if kind not in KINDS:
        raise InvalidChoice("kind", _("%(value)r is not one of %(known)s") % {"value": kind, "known": ", ".join(KINDS)})
    choice = check(language=language, country=country, cycle=cycle, mechanism=mechanism, fmt=fmt)
    matrix = build(user, choice, today, max_rows)
    stream = io.BytesIO()
    with translation.override(choice.language):
        writer(fmt).write(matrix, stream)
    return Generated(filename(matrix, fmt), stream.getvalue(), CONTENT_TYPES[fmt], len(matrix.rows), matrix.as_of)


def writer(fmt: str):
    """The module that writes a matrix as ``fmt`` (imported when needed: they load
    python-docx and openpyxl)."""
    if fmt == "docx":
        from rightstrack.reports import matrix_docx

        return matrix_docx
    from rightstrack.reports import matrix_xlsx

    return matrix_xlsx


def preview(user, *, language: str = "en", country: str | None = None, cycle=None, mechanism: str | None = None,
            today: dt.date | None = None, limit: int = PREVIEW_ROWS,
            max_rows: int | None = None) -> MatrixPreview:
    """The first ``limit`` rows of the matrix, in the document's order (rows without a
    theme first, then theme by theme), and the number of rows of the whole matrix."""
    choice = check(language=language, country=country, cycle=cycle, mechanism=mechanism)
    matrix = build(user, choice, today, max_rows)
    ordered = [row for _theme, rows in matrix.groups() for row in rows]
    values = {f.name: getattr(matrix, f.name) for f in fields(Matrix)}
    return MatrixPreview(**{**values, "rows": ordered[:limit]}, total=len(ordered),
                         states=len({row.country for row in ordered}))


def filename(matrix: Matrix, fmt: str) -> str:
    """``matrix-SVN-cycle3-en-2026-12-07.docx``: what, for which State, cycle and
    mechanism, in which language, as of when."""
    filters = matrix.filters or {}
    parts = ["matrix", filters.get("country") or "all"]
    if filters.get("cycle"):
        parts.append(f"cycle{filters['cycle']}")
    if filters.get("mechanism"):
        parts.append(str(filters["mechanism"]))
    parts += [matrix.language, matrix.as_of.isoformat()]
    return "-".join(parts) + f".{fmt}"
