"""The national action plan as an Excel workbook (``write``), for those who sort, filter
and total it.

Sheet "Plan" has one row per activity with every field of :class:`~.plan.Activity` in
its own column: the goal, the objective (the recommendation's paragraph, document and
text, or the goal's recommendations and description for a cluster-wide activity), the
activity and its description, the responsible agency, start and completion as real
dates, the status, the indicators (one a line), the budget as a number with its
currency beside it, the funding source, the technical assistance needed, the affected
groups and the gender note. Sheet "Indicators" has one row per indicator: its activity,
kind, name, baseline, target, unit, data source, SDG indicator and the latest value a
settled progress report gave, with its date.

Both sheets look like the matrix's (``matrix_xlsx``, whose helpers write the cells):
a title, an "as of" line, a line on the plan, then a frozen header row with filters at
``HEADER_ROW``; text never becomes a formula; right to left in Arabic; printable.
"""

from __future__ import annotations

from pathlib import Path
from typing import IO

from django.utils.translation import gettext as _
from django.utils.translation import ngettext, override

from rightstrack.reports.matrix import long_date
from rightstrack.reports.matrix_xlsx import HEADER_ROW, _height, _print_setup, _sheet_title, _text
from rightstrack.reports.plan import PlanData

DATE, NUMBER = "date", "number"  # cell kinds that are not text
DATE_FORMAT, AMOUNT_FORMAT = "yyyy-mm-dd", "#,##0.00"
STYLE = "rightstrack plan cell"


def _plan_columns() -> list[tuple[str, str, int, str]]:
    """(key, translated heading, width, kind) of sheet "Plan"; call under ``override``."""
    return [
        ("goal", _("Goal"), 22, ""),
        ("objective", _("Objective"), 16, ""),
        ("document", _("Document"), 14, ""),
        ("objective_text", _("Recommendation (or the goal's description)"), 45, ""),
        ("activity", _("Activity"), 30, ""),
        ("description", _("Description"), 35, ""),
        ("entity", _("Responsible agency"), 20, ""),
        ("start", _("Start"), 11, DATE),
        ("due", _("Completion"), 11, DATE),
        ("status", _("Status"), 14, ""),
        ("indicators", _("Indicators"), 40, ""),
        ("budget", _("Budget"), 13, NUMBER),
        ("currency", _("Currency"), 10, ""),
        ("funding", _("Funding source"), 24, ""),
        ("assistance", _("Technical assistance needed"), 30, ""),
        ("affected", _("Affected groups"), 20, ""),
        ("gender", _("Gender perspective"), 30, ""),
    ]


def _indicator_columns() -> list[tuple[str, str, int, str]]:
    """(key, translated heading, width, kind) of sheet "Indicators"; call under ``override``."""
    return [
        ("goal", _("Goal"), 22, ""),
        ("activity", _("Activity"), 30, ""),
        ("kind", _("Kind"), 10, ""),
        ("name", _("Indicator"), 35, ""),
        ("baseline", _("Baseline"), 12, ""),
        ("target", _("Target"), 12, ""),
        ("unit", _("Unit"), 10, ""),
        ("data_source", _("Data source"), 24, ""),
        ("sdg", _("SDG indicator"), 11, ""),
        ("latest_value", _("Latest value"), 12, ""),
        ("latest_date", _("Date of the latest value"), 12, DATE),
    ]


def write(data: PlanData, out: str | Path | IO[bytes]) -> None:
    """Write ``data`` as an .xlsx workbook to a path or a binary stream."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, NamedStyle, Side

    with override(data.language):
        workbook = Workbook()
        thin = Side(style="thin", color="A6A6A6")
        workbook.add_named_style(
            NamedStyle(
                name=STYLE,
                border=Border(left=thin, right=thin, top=thin, bottom=thin),
                alignment=Alignment(wrap_text=True, vertical="top", readingOrder=2 if data.rtl else 0),
            )
        )
        activities = data.activities
        plan_sheet = workbook.active
        plan_sheet.title = _sheet_title(_("Plan"))
        count = ngettext("%(count)s activity", "%(count)s activities", len(activities)) % {"count": len(activities)}
        _write_table(plan_sheet, data, _plan_columns(), [_activity_values(item) for item in activities], count)
        indicator_sheet = workbook.create_sheet(_sheet_title(_("Indicators")))
        rows = [_indicator_values(item, indicator) for item in activities for indicator in item.indicators]
        count = ngettext("%(count)s indicator", "%(count)s indicators", len(rows)) % {"count": len(rows)}
        _write_table(indicator_sheet, data, _indicator_columns(), rows, count)
        workbook.active = 0
        workbook.properties.title = data.title
        workbook.properties.creator = "rightstrack"
        workbook.save(out)


def _activity_values(item) -> dict:
    lines = "\n".join
    return {
        "goal": item.goal,
        "objective": item.objective_paragraph,
        "document": item.objective_document,
        "objective_text": item.objective_text,
        "activity": item.title,
        "description": item.description,
        "entity": item.entity,
        "start": item.start,
        "due": item.due,
        "status": item.status,
        "indicators": lines(indicator.text for indicator in item.indicators),
        "budget": item.budget,
        "currency": item.currency,
        "funding": item.funding_source,
        "assistance": item.technical_assistance,
        "affected": lines(item.affected_groups),
        "gender": item.gender_note,
    }


def _indicator_values(item, indicator) -> dict:
    return {
        "goal": item.goal,
        "activity": item.title,
        "kind": indicator.kind,
        "name": indicator.name,
        "baseline": indicator.baseline,
        "target": indicator.target,
        "unit": indicator.unit,
        "data_source": indicator.data_source,
        "sdg": indicator.sdg_indicator,
        "latest_value": indicator.latest_value,
        "latest_date": indicator.latest_date,
    }


def _write_table(sheet, data: PlanData, columns, rows: list[dict], count: str) -> None:
    """The lines above the table, the header row and one row per ``rows`` item."""
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    as_of = _("As of %(date)s") % {"date": long_date(data.as_of)}
    about = " · ".join(part for part in (_("National action plan"), data.period) if part)
    # Aligned to the sheet's outer edge, so the lines run on over the next columns.
    above = Alignment(horizontal="right" if data.rtl else "left", readingOrder=2 if data.rtl else 1)
    for number, (text, font) in enumerate(
        [(data.title, Font(bold=True, size=14)), (f"{as_of} · {count}", Font(bold=True)), (about, Font(italic=True))],
        start=1,
    ):
        cell = _text(sheet.cell(number, 1), text)
        cell.font, cell.alignment = font, above

    thin = Side(style="thin", color="A6A6A6")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    fill = PatternFill("solid", fgColor="DCE6F1")
    for number, (_key, heading, width, _kind) in enumerate(columns, start=1):
        cell = _text(sheet.cell(HEADER_ROW, number), heading)
        cell.font, cell.fill, cell.border = Font(bold=True), fill, border
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        sheet.column_dimensions[get_column_letter(number)].width = width
    widths = [width for _key, _heading, width, _kind in columns]
    sheet.row_dimensions[1].height = 21
    sheet.row_dimensions[HEADER_ROW].height = _height([heading for _key, heading, _w, _k in columns], widths, 0.9)

    for offset, values in enumerate(rows, start=1):
        for number, (key, _heading, _width, kind) in enumerate(columns, start=1):
            cell = sheet.cell(HEADER_ROW + offset, number)
            cell.style = STYLE  # first: the number format and the quote prefix go over it
            value = values[key]
            if kind and value is not None:
                cell.value = value  # a real date or number, to sort and total
                cell.number_format = DATE_FORMAT if kind == DATE else AMOUNT_FORMAT
            else:
                _text(cell, value)
        # Neither Excel nor LibreOffice grows a row to its wrapped text on opening.
        sheet.row_dimensions[HEADER_ROW + offset].height = _height(
            [values[key] for key, _heading, _width, _kind in columns], widths
        )

    last_row = HEADER_ROW + max(len(rows), 1)
    last_column = get_column_letter(len(columns))
    sheet.auto_filter.ref = f"A{HEADER_ROW}:{last_column}{last_row}"
    sheet.freeze_panes = f"A{HEADER_ROW + 1}"
    sheet.sheet_view.rightToLeft = data.rtl
    _print_setup(sheet, data, as_of, f"A1:{last_column}{last_row}")
