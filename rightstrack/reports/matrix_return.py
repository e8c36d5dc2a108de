"""The return trip: a matrix rightstrack wrote, filled in by a ministry, comes back.

The matrix (Word or Excel) records which recommendation each row is and what rightstrack
wrote in its assessment column (``matrix_docx`` / ``matrix_xlsx`` read that back as
:class:`~rightstrack.reports.matrix.ReturnedCell`). Importing it (``rightstrack import FILE``, auto-detected as
``rightstrack-matrix``) writes no recommendation: each assessment cell whose text
differs from what rightstrack wrote becomes one **draft progress report** on its
recommendation, by the importing user for the entity they name (``--entity``), for the
NMRF to validate. Nothing else changes: no status, no tag, no text. A cell still as
written drafts nothing, so a matrix brought back untouched imports as 0 new, 0 updated;
a text that a report on that recommendation holds already is not drafted again, so a
file brought back twice drafts nothing twice.

This app registers the format with the importer (``register``): ingest, a lower app,
never imports it.
"""

from __future__ import annotations

import datetime as dt
from functools import partial
from pathlib import Path

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from rightstrack.reports.matrix import ReturnedCell

FORMAT_NAME = "rightstrack-matrix"


def _reader(path: Path):
    """The module that reads a matrix of this file type."""
    from rightstrack.reports import matrix_docx, matrix_xlsx

    return matrix_docx if path.suffix.lower() == ".docx" else matrix_xlsx


def detect(path: str | Path) -> bool:
    """True for a matrix rightstrack wrote (a Word or Excel file holding its record)."""
    path = Path(path)
    return _reader(path).is_matrix(path)


def register() -> None:
    """Add the format to the importer (tried before every other: a returned matrix is
    also an OHCHR list or a table, but its rows are known already)."""
    from django.utils.translation import gettext_lazy

    from rightstrack.ingest import registry

    fmt = registry.Format(
        FORMAT_NAME,
        __name__,
        (".docx", ".xlsx"),
        kind="table",
        label=gettext_lazy("Matrix written by rightstrack, filled in (Word or Excel)"),
    )
    registry.register_format(fmt, _read, before=registry.FORMATS[0].name)


def _read(module, path: Path, options):
    from rightstrack.ingest.formats.base import ParseError
    from rightstrack.ingest.registry import ParsedFile

    path = Path(path)
    if not detect(path):
        raise ParseError(f"{path.name}: not a matrix written by rightstrack (its record of the rows is missing)")
    cells = _reader(path).read(path)
    return ParsedFile(records=(), finish=partial(_finish, cells, options.entity))


def added_text(cell: ReturnedCell) -> str:
    """What the cell says beyond what rightstrack wrote: "" when it is unchanged; the
    lines added after rightstrack's text when it was kept; else the whole cell."""
    now = _plain(cell.text)
    if cell.written is None:
        return now
    written = _plain(cell.written)
    if now == written:
        return ""
    if written and now.startswith(written):
        return now[len(written) :].strip()
    return now


def _plain(text: str) -> str:
    """Text compared without the differences editors make: line ends, trailing spaces."""
    lines = [" ".join(line.split()) for line in (text or "").replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return "\n".join(line for line in lines if line).strip()


def _finish(cells: list[ReturnedCell], entity_name: str | None, ctx) -> None:
    """Draft one progress report per changed cell (see the module docstring)."""
    from rightstrack.recommendations.models import Recommendation

    summary = ctx.summary
    changed: list[tuple[ReturnedCell, Recommendation, str]] = []
    by_id = Recommendation.objects.in_bulk([cell.id for cell in cells if cell.id is not None])  # one query
    for cell in cells:
        recommendation = _find(cell, ctx.source, summary.errors, by_id)
        text = added_text(cell)
        if recommendation is not None and text:
            changed.append((cell, recommendation, text))
    unchanged = len(cells) - len(changed)
    if summary.errors:
        return
    changed, already = _not_brought_back(changed)
    if already:
        summary.also.append(
            ngettext(
                "%(n)d assessment cell was brought back before: its progress report is there already.",
                "%(n)d assessment cells were brought back before: their progress reports are there already.",
                already,
            )
            % {"n": already}
        )
    if not changed:
        summary.counts["drafted"] = 0
        if already:
            return
        summary.also.append(
            ngettext(
                "No progress report drafted: the assessment cell is as rightstrack wrote it.",
                "No progress report drafted: the %(n)d assessment cells are as rightstrack wrote them.",
                unchanged,
            )
            % {"n": unchanged}
        )
        return
    if ctx.user is None or not getattr(ctx.user, "is_authenticated", False):
        summary.errors.append(
            f"{ctx.source}: {len(changed)} assessment cells hold new text: say who brings them "
            f"back (--user NAME), for the draft progress reports they become"
        )
        return
    entity = _entity(entity_name, ctx.source, len(changed), summary.errors)
    if entity is None:
        return
    from rightstrack.core.permissions import can

    if not can(ctx.user, "progress.report_for", entity):
        # Once for the file, not once per row: the drafts would each be refused.
        summary.errors.append(
            _(
                "%(file)s: %(user)s may not report for %(entity)s (NMRF staff bring a matrix back "
                "for any entity; a focal point for its own)"
            )
            % {"file": ctx.source, "user": ctx.user, "entity": entity}
        )
        return
    _draft(changed, entity, ctx)
    summary.counts["drafted"] = len(changed)
    values = {"n": len(changed), "entity": entity, "unchanged": unchanged}
    if ctx.dry_run:
        line = ngettext(
            "Would draft %(n)d progress report for %(entity)s from the assessment column, for the "
            "NMRF to validate (%(unchanged)d cells as rightstrack wrote them).",
            "Would draft %(n)d progress reports for %(entity)s from the assessment column, for the "
            "NMRF to validate (%(unchanged)d cells as rightstrack wrote them).",
            len(changed),
        )
    else:
        line = ngettext(
            "Drafted %(n)d progress report for %(entity)s from the assessment column, for the "
            "NMRF to validate (%(unchanged)d cells as rightstrack wrote them).",
            "Drafted %(n)d progress reports for %(entity)s from the assessment column, for the "
            "NMRF to validate (%(unchanged)d cells as rightstrack wrote them).",
            len(changed),
        )
    summary.also.append(line % values)


def _not_brought_back(changed: list) -> tuple[list, int]:
    """The changed cells whose text no progress report on their recommendation holds
    yet, and how many do: bringing the same file back twice drafts nothing twice."""
    from rightstrack.progress.models import ProgressReport

    known = {
        (rec_id, _plain(text))
        for rec_id, text in ProgressReport.objects.filter(
            recommendation_id__in=[recommendation.pk for _cell, recommendation, _text in changed],
        ).values_list("recommendation_id", "text")
    }
    fresh = [item for item in changed if (item[1].pk, _plain(item[2])) not in known]
    return fresh, len(changed) - len(fresh)


def _find(cell: ReturnedCell, source: str, errors: list[str], by_id: dict):
    """The recommendation a row is: by the id the file recorded (checked against the
    paragraph the row shows; ``by_id`` holds those ids' recommendations), else by
    document and paragraph."""
    from rightstrack.recommendations.models import Recommendation

    where = f"{source}: {cell.location}"
    if cell.id is not None:
        found = by_id.get(cell.id)
        if found is None:
            errors.append(
                f"{where}: recommendation {cell.id} is not in rightstrack (was this matrix written by "
                f"another rightstrack?)"
            )
        elif cell.paragraph and found.paragraph and cell.paragraph != found.paragraph:
            errors.append(
                f"{where}: the row shows paragraph {cell.paragraph}, but the matrix recorded "
                f"recommendation {cell.id}, paragraph {found.paragraph} (were rows edited?)"
            )
            return None
        return found
    query = Recommendation.objects.filter(paragraph=cell.paragraph)
    if cell.document:
        query = query.filter(Q(document__symbol=cell.document) | Q(document__symbol=_without_addendum(cell.document)))
    found = list(query[:2])
    if len(found) != 1:
        what = "no" if not found else "more than one"
        errors.append(f"{where}: {what} recommendation {cell.document} paragraph {cell.paragraph} in rightstrack")
        return None
    return found[0]


def _without_addendum(symbol: str) -> str:
    import re

    return re.sub(r"/Add\.\d+$", "", symbol, flags=re.I)


def _entity(name: str | None, source: str, count: int, errors: list[str]):
    """The responsible entity the new assessments come from (planning's one rule for
    naming an entity: name, short name or number)."""
    from rightstrack.accounts.selectors import entity_named

    if not name:
        errors.append(
            f"{source}: {count} assessment cells hold new text: name the entity they come from "
            f"(--entity NAME; on the web, bring the matrix back from the Reports page)"
        )
        return None
    found = entity_named(name.strip())
    if found is None:
        errors.append(f"{source}: --entity: no responsible entity named {name.strip()!r}")
    return found


def _draft(changed, entity, ctx) -> None:
    from django.core.exceptions import ValidationError

    from rightstrack.core.errors import RightstrackError
    from rightstrack.progress.services import create_report

    today = dt.date.today()
    for cell, recommendation, text in changed:
        try:
            create_report(ctx.user, text=text, date=today, recommendation=recommendation, entity=entity)
        except (RightstrackError, ValidationError) as exc:
            message = "; ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
            ctx.summary.errors.append(f"{ctx.source}: {cell.location}: {message}")
