"""Cells a spreadsheet would run: a text that starts like a formula ("=HYPERLINK(…)",
"+1", "-2+3", "@SUM(…)", or a tab or carriage return before one) is written so that
Excel and LibreOffice show it as text (OWASP, "CSV injection").

In an XLSX file the cell is typed as text with Excel's quote prefix: the value stays as it
was given. A CSV file has no types, so such a text gets a leading apostrophe (the
spreadsheets' own sign for "text"); rightstrack's JSON export keeps every value as it is.
"""

from __future__ import annotations

import csv

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def looks_like_formula(value) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_START)


def csv_value(value):
    """``value`` as a CSV cell that no spreadsheet runs."""
    return f"'{value}" if looks_like_formula(value) else value


class CsvWriter:
    """``csv.writer`` whose rows are made safe (``csv_value``) on the way out."""

    def __init__(self, out, **options):
        self._writer = csv.writer(out, **options)

    def writerow(self, row):
        return self._writer.writerow([csv_value(value) for value in row])


class CsvDictWriter(csv.DictWriter):
    """``csv.DictWriter`` whose values are made safe (``csv_value``) on the way out."""

    def writerow(self, rowdict):
        return super().writerow({key: csv_value(value) for key, value in rowdict.items()})


def xlsx_row(sheet, values: list) -> list:
    """``values`` for ``sheet.append`` in a write-only workbook: a text that looks like a
    formula becomes a text cell with Excel's quote prefix (openpyxl would write it as a
    formula)."""
    from openpyxl.cell import WriteOnlyCell

    row = []
    for value in values:
        if looks_like_formula(value):
            cell = WriteOnlyCell(sheet, value=value)
            cell.data_type = "s"
            cell.quotePrefix = True
            row.append(cell)
        else:
            row.append(value)
    return row
