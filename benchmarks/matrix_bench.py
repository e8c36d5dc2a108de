"""The OHCHR matrix (rightstrack.reports): time, peak memory and queries of building it,
writing it as Word and Excel and bringing it back, beside bare baselines of the same run.

Two cases, each in a fresh SQLite data directory (``rightstrack init --no-static``):

1. **Slovenia**, the real data: OHCHR's thematic lists of UPR sessions 20 and 34
   (``ohchr-lists/*.docx``) and the Working Group reports A/HRC/28/15 and A/HRC/43/15
   (their positions), imported with ``rightstrack import --no-vectors``; every
   recommendation then gets a lead entity, the status "in progress" and 2 validated
   progress reports with an evidence link each (synthetic, written with the ORM,
   deterministic).
2. **UPR Info**, the large case: the export of sessions 1-17 (32,076 recommendations,
   no paragraph numbers), imported the same way, with the same synthetic progress on
   every 10th recommendation (``--every``).

For each case, each measurement runs in a child process (this script with ``--step``),
which prints its wall time, the peak resident memory of the step (the kernel's
high-water mark, reset just before the step: ``/proc/self/clear_refs``), how much the
step grew the process, and the SQL queries it ran (``CaptureQueriesContext`` for
``build``; a counting ``execute_wrapper`` for the rest). The steps, NMRF staff's view,
"as of" 7 December 2026:

- ``matrix.build()`` of every recommendation (also of a subset, for the query count:
  it must not grow with the rows); baseline: the tabular export's records
  (``recommendations.exporters.export_records``) of the same recommendations;
- ``matrix_docx.write``; baseline: a bare python-docx table with the same rows, cells
  and text, no styling and no return-trip record;
- ``matrix_xlsx.write``; baseline: the tabular export's ``write_xlsx`` (what
  ``rightstrack export --format xlsx`` writes) of the same records;
- the return trip (``ingest.services.import_file`` with ``ImportOptions(entity=...)``)
  of each file untouched (expected: 0 new, 0 updated, 0 drafted) and with 10 assessment
  cells filled in (a line added under rightstrack's text, worded differently in the
  Word and the Excel copy; expected: 10 drafted), and the matrix reader alone
  (``matrix_docx.read`` / ``matrix_xlsx.read``, no database); baseline: reading every
  cell of the same file with python-docx / openpyxl (read-only) alone;
- end to end at the command line: ``rightstrack report matrix --format xlsx`` beside
  ``rightstrack export --format xlsx`` (wall time and the child's peak memory).

Written matrices go to the case's data directory (kept: the script prints where). The
last line gives a fingerprint of rightstrack/reports/*.py, and warns when the code
changed during the run.

    .venv/bin/python benchmarks/matrix_bench.py [--cases slovenia,upr-info] [--every 10] [--docx-country ISO3]

``--docx-country`` writes (and returns) the large case's Word matrix for that State
only, should the whole one take too long; by default the whole matrix is written.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import pickle
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("RIGHTSTRACK_SHARED_DATA", ROOT.parent / "shared" / "data"))
CLI = [sys.executable, "-m", "rightstrack"]
TODAY = dt.date(2026, 12, 7)
USERNAME = "bench-staff"
MINISTRIES = [
    ("Ministry of Justice", "MoJ"),
    ("Ministry of the Interior", "MoI"),
    ("Ministry of Labour, Family, Social Affairs and Equal Opportunities", "MoL"),
    ("Ministry of Education", "MoE"),
    ("Ministry of Health", "MoH"),
    ("Ministry of Foreign and European Affairs", "MFA"),
    ("Government Office for Minorities", "UN"),
    ("Human Rights Ombudsman", "HRO"),
]
RETURN_ENTITY = "Ministry of Justice"
FILLED = 10  # assessment cells a ministry fills in


# ---- the parent: cases, children, the printed table ------------------------------------------


def _env(home: Path) -> dict:
    return {**{k: v for k, v in os.environ.items() if k != "DATABASE_URL"}, "RIGHTSTRACK_HOME": str(home)}


def _run(args: list[str], env: dict) -> tuple[float, float, str]:
    """Run a command; (wall seconds, the child's peak RSS in MB, its stdout+stderr)."""
    with tempfile.TemporaryFile("w+") as out:
        started = time.monotonic()
        child = subprocess.Popen(args, env=env, stdout=out, stderr=subprocess.STDOUT, text=True)
        _pid, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.monotonic() - started
        out.seek(0)
        text = out.read()
    if child.returncode != 0:
        sys.exit(f"failed ({child.returncode}): {' '.join(map(str, args))}\n{text[-3000:]}")
    return seconds, usage.ru_maxrss / 1024, text


def _step(name: str, home: Path, **extra) -> dict:
    args = [sys.executable, __file__, "--step", name, "--home", str(home)]
    for key, value in extra.items():
        if value is not None:
            args += [f"--{key.replace('_', '-')}", str(value)]
    _seconds, _peak, text = _run(args, _env(home))
    return json.loads(text.strip().splitlines()[-1])


def _line(label: str, result: dict, note: str = "") -> None:
    queries = f"{result['queries']:>7,}" if result.get("queries") is not None else " " * 7
    print(
        f"  {label:<56} {result['seconds']:8.2f} s {result['peak_mb']:7.0f} MB {result['grown_mb']:+7.0f} MB "
        f"{queries}  {note}".rstrip(),
        flush=True,
    )


def _cli_line(label: str, seconds: float, peak: float, note: str = "") -> None:
    print(f"  {label:<56} {seconds:8.2f} s {peak:7.0f} MB {'':>9} {'':>7}  {note}".rstrip(), flush=True)


def _ratio(result: dict, baseline: dict) -> str:
    return f"x{result['seconds'] / baseline['seconds']:.1f} the time" if baseline["seconds"] > 0 else ""


def _size(path: str) -> str:
    return f"{Path(path).stat().st_size / 1e6:.1f} MB file"


def run_case(name: str, home: Path, files: list[list[Path]], every: int, subset: dict, docx_country) -> None:
    env = _env(home)
    seconds, _peak, _text = _run([*CLI, "init", "--no-static"], env)
    print(f"\n== {name}: data directory {home} (init {seconds:.0f} s)", flush=True)
    for group in files:
        seconds, peak, text = _run([*CLI, "import", *map(str, group), "--no-vectors"], env)
        said = [line for line in text.splitlines() if line.startswith("imported ")]
        print(
            f"  rightstrack import --no-vectors {' '.join(path.name for path in group)}: {seconds:.1f} s, "
            f"{peak:.0f} MB: {'; '.join(said)}",
            flush=True,
        )
    setup = _step("setup", home, every=every)
    print(
        f"  {setup['recommendations']:,} recommendations; synthetic progress on {setup['followed']:,} "
        f"(every {every}): {setup['reports']:,} validated reports, {setup['evidence']:,} evidence links, "
        f"{setup['entities']} entities",
        flush=True,
    )
    print(f"  {'':<56} {'time':>10} {'peak RSS':>10} {'grown':>10} {'queries':>7}")

    build = _step("build", home)
    _line(
        f"matrix.build(): {build['rows']:,} rows",
        build,
        f"{build['groups']} groups, {build['themed']:,} rows with a UHRI theme",
    )
    small = _step("build", home, filters=json.dumps(subset), pickle="")
    # build() loads recommendations in chunks (matrix.CHUNK): a few queries a chunk, never one a row.
    from rightstrack.reports.matrix import CHUNK

    extra = build["queries"] - small["queries"]
    chunks = -(-build["rows"] // CHUNK) - 1
    _line(
        f"  the same, {subset}: {small['rows']:,} rows",
        small,
        f"{extra} queries fewer: {chunks} chunks of {CHUNK:,} fewer" if extra else "same queries",
    )
    records = _step("records", home)
    _line("  baseline: exporters.export_records() (tabular)", records, _ratio(build, records))

    docx_filters = {"country": docx_country} if docx_country else None
    if docx_filters:
        _step("build", home, filters=json.dumps(docx_filters), pickle="matrix-docx.pickle")
    docx = _step("docx", home, pickle="matrix-docx.pickle" if docx_filters else None)
    _line(
        f"matrix_docx.write{' (' + docx_country + ' only)' if docx_country else ''}: {docx['rows']:,} rows",
        docx,
        _size(docx["path"]),
    )
    bare = _step("docx_bare", home, pickle="matrix-docx.pickle" if docx_filters else None)
    _line("  baseline: bare python-docx table, same text", bare, f"{_size(bare['path'])}; {_ratio(docx, bare)}")

    xlsx = _step("xlsx", home)
    _line(f"matrix_xlsx.write: {xlsx['rows']:,} rows", xlsx, _size(xlsx["path"]))
    bare_x = _step("xlsx_bare", home)
    _line(
        "  baseline: exporters.write_xlsx (tabular export)", bare_x, f"{_size(bare_x['path'])}; {_ratio(xlsx, bare_x)}"
    )

    for kind, written in (("docx", docx), ("xlsx", xlsx)):
        read = _step(f"read_{kind}_bare", home, file=written["path"])
        back = _step("return", home, file=written["path"])
        _line(
            f"return trip {kind}, untouched",
            back,
            f"{back['new']} new, {back['updated']} updated, {back['drafted']} drafted; {_ratio(back, read)}; "
            f"{back['queries'] / written['rows']:.2f} queries a row",
        )
        own = _step("read_matrix", home, file=written["path"])
        _line(f"  of which matrix_{kind}.read (no database)", own, f"{own['cells']:,} assessment cells")
        filled = _step(f"fill_{kind}", home, file=written["path"])["path"]
        back = _step("return", home, file=filled)
        _line(
            f"return trip {kind}, {FILLED} cells filled",
            back,
            f"{back['new']} new, {back['updated']} updated, {back['drafted']} drafted",
        )
        _line(
            f"  baseline: every cell read ({'python-docx' if kind == 'docx' else 'openpyxl, read-only'})",
            read,
            f"{read['cells']:,} cells",
        )

    out = home / "cli"
    out.mkdir(exist_ok=True)
    seconds, peak, _text = _run([*CLI, "report", "matrix", "--format", "xlsx", "-o", str(out / "matrix.xlsx")], env)
    seconds_b, peak_b, _text = _run([*CLI, "export", "--format", "xlsx", "-o", str(out / "export.xlsx")], env)
    _cli_line("rightstrack report matrix --format xlsx", seconds, peak, f"x{seconds / seconds_b:.1f} the time")
    _cli_line("  baseline: rightstrack export --format xlsx", seconds_b, peak_b)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cases", default="slovenia,upr-info")
    parser.add_argument("--every", type=int, default=10, help="the large case: progress on every Nth recommendation")
    parser.add_argument("--docx-country", metavar="ISO3", help="the large case: Word matrix of this State only")
    # A child's step (internal).
    parser.add_argument("--step", help=argparse.SUPPRESS)
    parser.add_argument("--home", help=argparse.SUPPRESS)
    parser.add_argument("--filters", help=argparse.SUPPRESS)
    parser.add_argument("--pickle", help=argparse.SUPPRESS)
    parser.add_argument("--file", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.step:
        return child(args)

    work = Path(tempfile.mkdtemp(prefix="rightstrack-matrixbench-"))
    started, code = time.monotonic(), _fingerprint()
    print(
        f"python {sys.version.split()[0]}, SQLite, {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} "
        f"at the start; columns: wall time, peak RSS of the step's process, how much the step grew it, SQL queries"
    )
    cases = args.cases.split(",")
    if "slovenia" in cases:
        lists = sorted((SHARED / "ohchr-lists").glob("*.docx"))
        reports = [SHARED / "wg-reports" / f"A_HRC_{n}_15_Working_Group_Report.md" for n in (28, 43)]
        run_case(
            "Slovenia: OHCHR lists UPR20 + UPR34, WG reports A/HRC/28/15 + A/HRC/43/15",
            work / "slovenia",
            [lists, reports],
            1,
            {"cycle": 3},
            None,
        )
    if "upr-info" in cases:
        run_case(
            "UPR Info sessions 1-17",
            work / "upr-info",
            [[SHARED / "upr-info" / "upr-info-sessions-1-17.utf8.csv"]],
            args.every,
            {"country": "SVN"},
            args.docx_country,
        )
    print(
        f"\nwhole run: {(time.monotonic() - started) / 60:.1f} min; load average {os.getloadavg()[1]:.1f} over "
        f"the last 5 min; rightstrack/reports/*.py sha1 {code}"
    )
    if _fingerprint() != code:
        print("WARNING: rightstrack/reports changed during the run: the figures mix two versions of the code")


def _fingerprint() -> str:
    import hashlib

    digest = hashlib.sha1()
    for path in sorted((ROOT / "rightstrack" / "reports").glob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


# ---- a child: one step, measured --------------------------------------------------------------


def _rss_kb(field: str) -> int:
    return int(re.search(rf"{field}:\s+(\d+)", Path("/proc/self/status").read_text()).group(1))


class _Counter:
    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def child(args) -> None:
    os.environ["RIGHTSTRACK_HOME"] = args.home
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rightstrack.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    import docx  # noqa: F401  (loaded before the step: its import is not the step's cost)
    import openpyxl  # noqa: F401
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from rightstrack.reports import matrix_docx, matrix_xlsx  # noqa: F401

    home = Path(args.home)
    user = get_user_model().objects.filter(username=USERNAME).first()
    step = STEPS[args.step]
    prepare = getattr(step, "prepare", None)
    state = prepare(home, user, args) if prepare else None
    connection.ensure_connection()
    start_kb = _rss_kb("VmRSS")
    Path("/proc/self/clear_refs").write_text("5")  # reset the high-water mark: the step's own peak
    counter = _Counter()
    capture = CaptureQueriesContext(connection) if args.step == "build" else None
    started = time.perf_counter()
    if capture is not None:
        with capture:
            info = step(home, user, args, state)
    else:
        with connection.execute_wrapper(counter):
            info = step(home, user, args, state)
    seconds = time.perf_counter() - started
    peak_kb = _rss_kb("VmHWM")
    queries = len(capture.captured_queries) if capture is not None else counter.count
    after = getattr(step, "after", None)
    if after:
        after(home, info, args)
    info.pop("_keep", None)
    print(
        json.dumps(
            {
                "seconds": seconds,
                "peak_mb": peak_kb / 1024,
                "grown_mb": (peak_kb - start_kb) / 1024,
                "queries": queries,
                **info,
            }
        )
    )


def _load(home: Path, args, name: str = "matrix.pickle"):
    return pickle.loads((home / (args.pickle or name)).read_bytes())


def step_setup(home, user, args, state) -> dict:
    """The synthetic follow-up (see the module docstring): lead entity, status, 2
    validated progress reports with an evidence link each."""
    from django.contrib.auth import get_user_model
    from django.db import transaction

    from rightstrack.accounts.models import Entity
    from rightstrack.planning.models import Responsibility
    from rightstrack.progress.models import Evidence, ProgressReport, Tracking
    from rightstrack.recommendations.models import Recommendation

    every = int(args.every or 1)
    with transaction.atomic():
        staff = get_user_model().objects.create_user(USERNAME, is_staff=True)
        entities = [Entity.objects.create(name=name, short_name=short) for name, short in MINISTRIES]
        ids = list(Recommendation.objects.order_by("pk").values_list("pk", flat=True))
        chosen = ids[::every]
        Responsibility.objects.bulk_create(
            [
                Responsibility(recommendation_id=pk, entity=entities[i % len(entities)], lead=True)
                for i, pk in enumerate(chosen)
            ]
        )
        Tracking.objects.bulk_create(
            [Tracking(recommendation_id=pk, status="in_progress") for pk in chosen], ignore_conflicts=True
        )
        made = ProgressReport.objects.bulk_create(
            [
                ProgressReport(
                    recommendation_id=pk,
                    entity=entities[i % len(entities)],
                    author=staff,
                    stage="validated",
                    date=dt.date(2024, 1, 1) + dt.timedelta(days=(i * 37 + k * 200) % 900),
                    text=(
                        f"Progress {k + 1} on recommendation {pk}: the ministry drafted the measures the "
                        f"recommendation calls for, consulted civil society and the Ombudsman, and "
                        f"reported the results to the Government (synthetic)."
                    ),
                )
                for i, pk in enumerate(chosen)
                for k in range(2)
            ]
        )
        Evidence.objects.bulk_create(
            [Evidence(report=report, link=f"https://www.gov.si/en/news/progress-{report.pk}/") for report in made]
        )
    return {
        "recommendations": len(ids),
        "followed": len(chosen),
        "reports": len(made),
        "evidence": len(made),
        "entities": len(entities),
    }


def step_build(home, user, args, state) -> dict:
    from rightstrack.reports import matrix

    filters = json.loads(args.filters) if args.filters else {}
    built = matrix.build(user, today=TODAY, **filters)
    return {
        "rows": len(built.rows),
        "groups": len(built.groups()),
        "themed": sum(1 for row in built.rows if row.theme),
        "_keep": built,
    }


def _after_build(home, info, args) -> None:
    if args.pickle != "":
        (home / (args.pickle or "matrix.pickle")).write_bytes(pickle.dumps(info["_keep"]))


step_build.after = _after_build


def step_records(home, user, args, state) -> dict:
    from rightstrack.recommendations import exporters
    from rightstrack.recommendations.selectors import visible_recommendations

    records = list(exporters.export_records(visible_recommendations(user)))
    return {"rows": len(records), "_keep": records}


def _after_records(home, info, args) -> None:
    (home / "records.pickle").write_bytes(pickle.dumps(info["_keep"]))


step_records.after = _after_records


def step_docx(home, user, args, state) -> dict:
    from rightstrack.reports import matrix_docx

    path = home / "matrix.docx"
    matrix_docx.write(state, path)
    return {"rows": len(state.rows), "path": str(path)}


step_docx.prepare = lambda home, user, args: _load(home, args)


def step_docx_bare(home, user, args, state) -> dict:
    """The same rows, cells and text in a plain python-docx table (no styles, no record)."""
    import docx
    from django.utils import translation

    from rightstrack.reports import matrix_docx
    from rightstrack.reports.matrix import subtitle

    path = home / "bare.docx"
    with translation.override(state.language):
        document = docx.Document()
        document.add_paragraph(state.title)
        document.add_paragraph(subtitle(state))
        table = document.add_table(rows=0, cols=4)
        table.add_row().cells[0].text = "\n".join(matrix_docx.headings())
        for theme, rows in state.groups():
            if theme:
                table.add_row().cells[0].text = theme
            for row in rows:
                texts = [
                    "\n".join(matrix_docx.recommendation_lines(row)),
                    row.position,
                    "\n".join(matrix_docx.themes_lines(row)),
                    row.assessment,
                ]
                for cell, text in zip(table.add_row().cells, texts, strict=False):
                    cell.text = text
        document.save(str(path))
    return {"rows": len(state.rows), "path": str(path)}


step_docx_bare.prepare = step_docx.prepare


def step_xlsx(home, user, args, state) -> dict:
    from rightstrack.reports import matrix_xlsx

    path = home / "matrix.xlsx"
    matrix_xlsx.write(state, path)
    return {"rows": len(state.rows), "path": str(path)}


step_xlsx.prepare = step_docx.prepare


def step_xlsx_bare(home, user, args, state) -> dict:
    from rightstrack.recommendations import exporters

    path = home / "export.xlsx"
    with open(path, "wb") as out:
        count = exporters.write_xlsx(state, out, exporters.export_fields())
    return {"rows": count, "path": str(path)}


step_xlsx_bare.prepare = lambda home, user, args: _load(home, args, "records.pickle")


def step_return(home, user, args, state) -> dict:
    from rightstrack.ingest.registry import ImportOptions
    from rightstrack.ingest.services import import_file

    fmt, summary, _skipped = import_file(args.file, user=user, options=ImportOptions(entity=RETURN_ENTITY))
    if summary.errors:
        raise SystemExit(f"{args.file}: {summary.errors[:5]}")
    return {
        "format": fmt,
        "new": summary.new,
        "updated": summary.updated,
        "drafted": summary.counts.get("drafted"),
        "also": summary.also,
    }


def step_read_matrix(home, user, args, state) -> dict:
    from rightstrack.reports import matrix_return

    return {"cells": len(matrix_return._reader(Path(args.file)).read(args.file))}


def step_read_docx_bare(home, user, args, state) -> dict:
    import docx

    document = docx.Document(args.file)
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return {"cells": len(cells)}


def step_read_xlsx_bare(home, user, args, state) -> dict:
    import openpyxl

    workbook = openpyxl.load_workbook(args.file, read_only=True, data_only=True)
    cells = [value for sheet in workbook.worksheets for row in sheet.iter_rows(values_only=True) for value in row]
    workbook.close()
    return {"cells": len(cells)}


def _spread(count: int) -> list[int]:
    """FILLED indices spread over ``count`` rows, first and last included."""
    return sorted({round(k * (count - 1) / (FILLED - 1)) for k in range(FILLED)})


def step_fill_docx(home, user, args, state) -> dict:
    """A ministry's copy: a line added under rightstrack's text in FILLED assessment cells."""
    import docx

    document = docx.Document(args.file)
    table = document.tables[0]
    rows = [row for row in table.rows[1:] if len(row._tr.tc_lst) == 4]
    for number, index in enumerate(_spread(len(rows)), start=1):
        rows[index].cells[3].add_paragraph(f"Ministry of Justice, January 2027: step {number} taken (Word copy).")
    path = Path(args.file).with_name("filled-" + Path(args.file).name)
    document.save(str(path))
    return {"path": str(path)}


def step_fill_xlsx(home, user, args, state) -> dict:
    import openpyxl

    from rightstrack.reports import matrix_xlsx

    workbook = openpyxl.load_workbook(args.file)
    sheet = workbook.worksheets[0]
    column = sheet.max_column  # the assessment is the last column
    first, last = matrix_xlsx.HEADER_ROW + 1, sheet.max_row
    for number, index in enumerate(_spread(last - first + 1), start=1):
        cell = sheet.cell(first + index, column)
        cell.value = f"{cell.value}\nMinistry of Justice, January 2027: step {number} taken (Excel copy)."
    path = Path(args.file).with_name("filled-" + Path(args.file).name)
    workbook.save(path)
    return {"path": str(path)}


STEPS = {
    "setup": step_setup,
    "build": step_build,
    "records": step_records,
    "docx": step_docx,
    "docx_bare": step_docx_bare,
    "xlsx": step_xlsx,
    "xlsx_bare": step_xlsx_bare,
    "return": step_return,
    "read_matrix": step_read_matrix,
    "read_docx_bare": step_read_docx_bare,
    "read_xlsx_bare": step_read_xlsx_bare,
    "fill_docx": step_fill_docx,
    "fill_xlsx": step_fill_xlsx,
}


if __name__ == "__main__":
    main()
