"""Report and export builders called by the CLI, the UI and the API alike."""

from __future__ import annotations

import functools
import sys
from pathlib import Path

from rightstrack.core.errors import RightstrackError
from rightstrack.recommendations import exporters
from rightstrack.tagging.exports import QUALITY_FIELDS, quality_record


def export(fmt: str, queryset, output: str | None, *, quality: bool = False, suggestions: bool = False) -> int:
    """Write ``queryset`` in format ``fmt`` to the file ``output`` (stdout if None or "-");
    ``quality`` adds the quality check's columns (``tagging.exports.QUALITY_FIELDS``);
    ``suggestions`` the classifiers' pending suggestions, apart from the tags: a
    ``suggestions`` key in JSON, "(suggested)" columns in CSV and XLSX."""
    if fmt not in exporters.FORMATS:
        raise RightstrackError(f"unknown format {fmt!r} (use one of {', '.join(exporters.FORMATS)})")
    writer = {"json": exporters.write_json, "csv": exporters.write_csv, "xlsx": exporters.write_xlsx}[fmt]
    if fmt != "json":
        extra_fields = QUALITY_FIELDS if quality else ()
        writer = functools.partial(writer, fields=exporters.export_fields(extra_fields, suggestions))
    binary = fmt == "xlsx"
    records = exporters.export_records(
        queryset, extra=quality_record if quality else None, suggestions=suggestions, tabular=fmt != "json"
    )
    if output in (None, "-"):
        return writer(records, sys.stdout.buffer if binary else sys.stdout)
    # Write beside, then rename: an interrupted export never leaves a half-written file.
    target = Path(output)
    partial = target.with_name(target.name + ".partial")
    options = {} if binary else {"encoding": "utf-8", "newline": ""}
    with open(partial, "wb" if binary else "w", **options) as handle:
        count = writer(records, handle)
    partial.replace(target)
    return count
