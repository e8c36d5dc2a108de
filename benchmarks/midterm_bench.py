"""The UPR mid-term report and the action plan (rightstrack.reports): time, peak memory and
queries of building, laying out and writing them, beside bare baselines of the same run.
The issue's target: a mid-term report over 300 recommendations in at most 10 s.

One case, in a fresh SQLite data directory (``rightstrack init --no-static``):
**Slovenia, third UPR cycle**, the real data — OHCHR's thematic list of UPR session 34
(``ohchr-lists/UPR34_Slovenia_Thematic_list_of_Recommendations.docx``) and the Working
Group report A/HRC/43/15 (the positions), imported with ``rightstrack import
--no-vectors``: 215 recommendations. The target needs more than 300, so each is copied
once, **synthetically** (same State, cycle, document, text, position and tags, the
paragraph renumbered "200.N"): 430 recommendations. Then, written with rightstrack's
services (so the audit trail holds a history), deterministic and invented:

- the demo's illustrative plan (``site.demo_plan.load_demo_plan``: entities, 4 clusters,
  actions, indicators), three more entities, two actions asking for technical
  assistance / a UN fund, a validated indicator value on each action;
- a lead entity for every recommendation, a status through ``progress.services.set_status``
  (one to three changes each, their audit events then dated over 2020-2026, so the
  "over time" chart has a history), 2 validated progress reports with an evidence link;
- a consultation round on the draft report (``subject="midterm"``), answered once;
- a change of position (noted → supported) on a few recommendations.

Each measurement runs in a child process (this script with ``--step``) that prints its
wall time, the peak resident memory of the step (high-water mark reset just before:
``/proc/self/clear_refs``) and its SQL queries; Django, python-docx, PyMuPDF and
matplotlib are imported before the step (the command-line figures include them). NMRF
staff's view (``recommendations.selectors.OPERATOR``, as the command), as of
7 December 2026, in English and Arabic:

- ``midterm.build``; baseline ``matrix.build`` of the same recommendations;
- ``midterm_document.document`` and each chart's ``png()`` (charts are drawn lazily: the
  writers draw them again); baseline for the charts: bare matplotlib of the same series;
- ``services.write_document(doc, "docx" | "pdf")``, with the charts (as the command) and
  with them drawn beforehand (the writer alone); baselines: a bare python-docx document
  holding the annex table (same rows and cell texts, no styling, no charts), and a bare
  PyMuPDF ``Story`` of the same table as plain HTML;
- end to end at the command line (Python start-up and imports included): ``rightstrack
  report midterm --country SVN --cycle 3 --format pdf|docx [--language ar]``, beside
  ``rightstrack report matrix`` of the same recommendations as Word; ``rightstrack report
  plan --plan ID --format pdf|docx|xlsx`` beside Python start-up + ``django.setup()``.
  The command line's "as of" is the day of the run.

The documents written go to the data directory (kept: the script prints where). The last
lines say whether the 10 s target holds and give a fingerprint of rightstrack/reports/*.py.

    .venv/bin/python benchmarks/midterm_bench.py
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
import matrix_bench as mb  # noqa: E402  (its helpers: running and measuring a child, the fingerprint)

LIST = mb.SHARED / "ohchr-lists" / "UPR34_Slovenia_Thematic_list_of_Recommendations.docx"
WG_REPORT = mb.SHARED / "wg-reports" / "A_HRC_43_15_Working_Group_Report.md"
TODAY = mb.TODAY
COUNTRY, CYCLE = "SVN", 3
COPY_SECTION = 200  # the synthetic copies' paragraphs: "200.1", "200.2"…
TARGET_S = 10.0
LANGUAGES = ("en", "ar")
EXTRA_ENTITIES = [
    ("Ministry of Health", "MoH"),
    ("Ministry of Foreign and European Affairs", "MFA"),
    ("Ministry of Public Administration", "MPA"),
]
# A status path per recommendation (taken in a scattered order): the changes set_status makes.
PATHS = [
    ["in_progress"],
    ["in_progress", "partially_implemented"],
    ["in_progress", "implemented"],
    ["in_progress", "partially_implemented", "implemented"],
    ["not_implemented"],
    ["in_progress"],
    [],
    ["in_progress", "partially_implemented"],
    ["no_longer_relevant"],
    ["in_progress", "not_implemented"],
]
HISTORY_FROM, HISTORY_TO = dt.date(2020, 3, 1), dt.date(2026, 11, 15)
POSITION_CHANGES = 6


# ---- the parent: the case, the children, the table ---------------------------------------------


def _step(name: str, home: Path, **extra) -> dict:
    args = [sys.executable, __file__, "--step", name, "--home", str(home)]
    for key, value in extra.items():
        if value is not None:
            args += [f"--{key}", str(value)]
    _seconds, _peak, text = mb._run(args, mb._env(home))
    return json.loads(text.strip().splitlines()[-1])


HEAD = (
    f"  {'step':<58} {'wall s':>7} {'peak MB':>8} {'queries':>7} | {'base s':>7} {'base MB':>8} "
    f"{'base q':>7} {'x time':>7}  baseline (same run); notes"
)


def _figures_of(result: dict) -> str:
    """Wall time, peak memory (when measured apart) and queries (when counted), aligned."""
    peak = f"{result['peak_mb']:8.0f}" if result.get("peak_mb") is not None else f"{'':>8}"
    queries = f"{result['queries']:>7,}" if result.get("queries") is not None else f"{'':>7}"
    return f"{result['seconds']:7.2f} {peak} {queries}"


def _row(label: str, result: dict, baseline: dict | None = None, what: str = "", note: str = "") -> None:
    """One line: the step's figures, then its baseline's beside them, then notes."""
    line = f"  {label:<58} {_figures_of(result)} |"
    if baseline:
        ratio = f"x{result['seconds'] / baseline['seconds']:.1f}" if baseline["seconds"] > 0 else ""
        line += f" {_figures_of(baseline)} {ratio:>7}  " + "; ".join(filter(None, (what, note)))
    else:
        line += f" {'':>32}  {note}"
    print(line.rstrip(), flush=True)


def _cli(home: Path, args: list[str]) -> dict:
    seconds, peak, _text = mb._run(args, mb._env(home))
    return {"seconds": seconds, "peak_mb": peak, "queries": None}


def _size(path: str) -> str:
    return f"{Path(path).stat().st_size / 1e6:.2f} MB"


def run(work: Path) -> dict:
    """The case, measured and printed; the command-line seconds by (format, language)."""
    home = work / "slovenia"
    env = mb._env(home)
    seconds, _peak, _text = mb._run([*mb.CLI, "init", "--no-static"], env)
    print(f"\n== Slovenia, UPR cycle 3 (+ a synthetic copy): data directory {home} (init {seconds:.0f} s)", flush=True)
    seconds, peak, text = mb._run([*mb.CLI, "import", str(LIST), str(WG_REPORT), "--no-vectors"], env)
    said = [line for line in text.splitlines() if line.startswith("imported ")]
    print(
        f"  rightstrack import --no-vectors {LIST.name} {WG_REPORT.name}: {seconds:.1f} s, {peak:.0f} MB: "
        f"{'; '.join(said)}",
        flush=True,
    )
    setup = _step("setup", home)
    print(
        f"  {setup['real']} real recommendations + {setup['copies']} synthetic copies (paragraphs "
        f"{COPY_SECTION}.1-{COPY_SECTION}.{setup['copies']}, {setup['tags']} tags copied) = {setup['total']}; "
        f"plan {setup['plan']} ({setup['clusters']} clusters, {setup['actions']} actions), {setup['entities']} "
        f"entities, {setup['status_changes']} status changes, {setup['reports']} validated reports, "
        f"{setup['rounds']} consultation round, {setup['position_changes']} changes of position "
        f"(setup {setup['seconds']:.0f} s)",
        flush=True,
    )
    print(f"  statuses now: {setup['statuses']}", flush=True)
    print(f"\n{HEAD}")

    for lang in LANGUAGES:
        built = _step("build", home, language=lang)
        base = _step("matrix_build", home, language=lang)
        _row(
            f"midterm.build() {lang}: {built['rows']} rows, {built['chapters']} chapters",
            built,
            base,
            "matrix.build(), same recommendations",
            f"{built['changes']} changes of position, {built['needs']} needs, {built['rounds']} round, "
            f"{built['quarters']} quarters of history",
        )
    charts: dict[str, dict] = {}
    for lang in LANGUAGES:
        laid = _step("document", home, language=lang)
        bare = _step("charts_bare", home, language=lang)
        charts[lang] = laid
        _row(
            f"midterm_document.document() {lang} + its charts' png()",
            laid,
            bare,
            "bare matplotlib, same charts' series, 200 dpi",
            f"{laid['blocks']} blocks, {len(laid['charts'])} charts",
        )
        _row("  of which document() alone", {"seconds": laid["document_s"]})
        _row(
            f"  of which the {len(laid['charts'])} charts' png()",
            {"seconds": sum(c["seconds"] for c in laid["charts"])},
            bare,
            "bare matplotlib",
            f"slowest {max(c['seconds'] for c in laid['charts']):.2f} s",
        )
    print("  charts' png() one by one (s)  " + "  ".join(f"{lang:>5}" for lang in LANGUAGES) + "   kind, title (en)")
    for index, chart in enumerate(charts["en"]["charts"]):
        times = [
            charts[lang]["charts"][index]["seconds"] if index < len(charts[lang]["charts"]) else float("nan")
            for lang in LANGUAGES
        ]
        print(
            f"    {index + 1:>2}. {'':<25}"
            + "  ".join(f"{t:5.2f}" for t in times)
            + f"   {chart['kind']}, {chart['title'][:70]}",
            flush=True,
        )

    for fmt in ("docx", "pdf"):
        for lang in LANGUAGES:
            written = _step("write", home, language=lang, format=fmt)
            predrawn = _step("write", home, language=lang, format=fmt, predrawn="1")
            bare = _step(f"bare_{fmt}", home, language=lang)
            what = (
                "bare python-docx, the annex table only"
                if fmt == "docx"
                else "bare PyMuPDF Story, the annex table as plain HTML"
            )
            pages = f", {written['pages']} pages" if written.get("pages") else ""
            _row(
                f"write_document(doc, '{fmt}') {lang}, charts drawn inside",
                written,
                bare,
                what,
                f"{_size(written['path'])}{pages}; bare {_size(bare['path'])}"
                + (f", {bare['pages']} pages" if bare.get("pages") else ""),
            )
            _row("  the same, charts drawn beforehand (the writer alone)", predrawn, bare, what)

    out = home / "cli"
    out.mkdir(exist_ok=True)
    startup = _cli(
        home,
        [
            sys.executable,
            "-c",
            "import os, django; os.environ.setdefault('DJANGO_SETTINGS_MODULE', "
            "'rightstrack.settings'); django.setup()",
        ],
    )
    e2e: dict[tuple[str, str], float] = {}
    for lang in LANGUAGES:
        matrix = _cli(
            home,
            [
                *mb.CLI,
                "report",
                "matrix",
                "--country",
                COUNTRY,
                "--cycle",
                str(CYCLE),
                "--format",
                "docx",
                "--language",
                lang,
                "-o",
                str(out / f"matrix-{lang}.docx"),
            ],
        )
        for fmt in ("pdf", "docx"):
            path = out / f"midterm-{lang}.{fmt}"
            result = _cli(
                home,
                [
                    *mb.CLI,
                    "report",
                    "midterm",
                    "--country",
                    COUNTRY,
                    "--cycle",
                    str(CYCLE),
                    "--format",
                    fmt,
                    "--language",
                    lang,
                    "-o",
                    str(path),
                ],
            )
            e2e[(fmt, lang)] = result["seconds"]
            _row(
                f"rightstrack report midterm --format {fmt} --language {lang}",
                result,
                matrix,
                f"rightstrack report matrix --format docx --language {lang}",
                _size(str(path)),
            )
    for fmt in ("pdf", "docx", "xlsx"):
        path = out / f"plan-en.{fmt}"
        result = _cli(home, [*mb.CLI, "report", "plan", "--plan", str(setup["plan"]), "--format", fmt, "-o", str(path)])
        _row(
            f"rightstrack report plan --plan {setup['plan']} --format {fmt}",
            result,
            startup,
            "Python start-up + django.setup()",
            _size(str(path)),
        )
    print(f"  (documents written to {out}; the command line's as of: {dt.date.today():%Y-%m-%d})")
    return e2e


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    # A child's step (internal).
    parser.add_argument("--step", help=argparse.SUPPRESS)
    parser.add_argument("--home", help=argparse.SUPPRESS)
    parser.add_argument("--language", help=argparse.SUPPRESS)
    parser.add_argument("--format", help=argparse.SUPPRESS)
    parser.add_argument("--predrawn", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.step:
        return child(args)

    work = Path(tempfile.mkdtemp(prefix="rightstrack-midtermbench-"))
    started, code, files = time.monotonic(), mb._fingerprint(), _digests()
    print(
        f"python {sys.version.split()[0]}, SQLite, {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} "
        f"at the start; columns: wall time, peak RSS of the step's process, SQL queries | the same run's "
        f"baseline: wall time, peak RSS, how many times slower the step is"
    )
    e2e = run(work)
    verdicts = [f"{fmt} {lang} {seconds:.1f} s" for (fmt, lang), seconds in sorted(e2e.items())]
    holds = all(seconds <= TARGET_S for seconds in e2e.values())
    print(
        f"\nwhole run: {(time.monotonic() - started) / 60:.1f} min; load average {os.getloadavg()[1]:.1f} over "
        f"the last 5 min; rightstrack/reports/*.py sha1 {code}"
    )
    if mb._fingerprint() != code:
        changed = [name for name, digest in _digests().items() if files.get(name) != digest]
        print(
            f"WARNING: rightstrack/reports changed during the run ({', '.join(changed)}; sha1 now "
            f"{mb._fingerprint()}): the figures mix two versions of the code"
        )
    print(
        f"target (mid-term report of > 300 recommendations in <= {TARGET_S:.0f} s at the command line, 430 here): "
        f"{'HOLDS' if holds else 'MISSED'} — {'; '.join(verdicts)}"
    )


def _digests() -> dict[str, str]:
    import hashlib

    return {
        path.name: hashlib.sha1(path.read_bytes()).hexdigest()
        for path in sorted((ROOT / "rightstrack" / "reports").glob("*.py"))
    }


# ---- a child: one step, measured ---------------------------------------------------------------


def child(args) -> None:
    os.environ["RIGHTSTRACK_HOME"] = args.home
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rightstrack.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    # Loaded before the step: their import is not the step's cost (the command line's is).
    import docx  # noqa: F401
    import matplotlib.backends.backend_agg  # noqa: F401
    import pymupdf  # noqa: F401
    from django.db import connection
    from django.utils import translation

    from rightstrack.core.permissions import OPERATOR
    from rightstrack.reports import charts, document_docx, document_pdf, midterm_document  # noqa: F401

    home = Path(args.home)
    step = STEPS[args.step]
    with translation.override(args.language or "en"):
        state = step.prepare(args) if hasattr(step, "prepare") else None
        connection.ensure_connection()
        Path("/proc/self/clear_refs").write_text("5")  # reset the high-water mark: the step's own peak
        counter = mb._Counter()
        started = time.perf_counter()
        with connection.execute_wrapper(counter):
            info = step(home, OPERATOR, args, state)
        seconds = time.perf_counter() - started
        peak_kb = mb._rss_kb("VmHWM")
        if hasattr(step, "after"):
            step.after(home, info, args)
    info.pop("_keep", None)
    print(json.dumps({"seconds": seconds, "peak_mb": peak_kb / 1024, "queries": counter.count, **info}))


def _midterm(args):
    from rightstrack.core.permissions import OPERATOR
    from rightstrack.reports import midterm

    return midterm.build(OPERATOR, country=COUNTRY, cycle=CYCLE, language=args.language, today=TODAY)


def _document(args):
    from rightstrack.reports import midterm_document

    return midterm_document.document(_midterm(args))


def step_build(home, user, args, state) -> dict:
    from rightstrack.reports import midterm

    data = midterm.build(user, country=COUNTRY, cycle=CYCLE, language=args.language, today=TODAY)
    return {
        "rows": len(data.rows),
        "chapters": len(data.chapters),
        "changes": len(data.changes),
        "needs": len(data.needs),
        "rounds": len(data.rounds),
        "quarters": len(data.history[0]),
    }


def step_matrix_build(home, user, args, state) -> dict:
    from rightstrack.reports import matrix

    built = matrix.build(user, country=COUNTRY, cycle=CYCLE, mechanism="UPR", language=args.language, today=TODAY)
    return {"rows": len(built.rows)}


def _figures(doc) -> list:
    from rightstrack.reports.document import Figure

    return [block for block in doc.blocks if isinstance(block, Figure)]


def step_document(home, user, args, state) -> dict:
    """The blocks, then each chart drawn as the writers draw it (``png()``, 200 dpi)."""
    from rightstrack.reports import midterm_document

    started = time.perf_counter()
    doc = midterm_document.document(state)
    laid = time.perf_counter() - started
    drawn = []
    for figure in _figures(doc):
        started = time.perf_counter()
        png = figure.picture.png()
        drawn.append(
            {
                "title": figure.picture.title,
                "kind": figure.picture.kind,
                "bytes": len(png),
                "seconds": time.perf_counter() - started,
            }
        )
    return {"document_s": laid, "blocks": len(doc.blocks), "charts": drawn}


step_document.prepare = _midterm


def step_charts_bare(home, user, args, state) -> dict:
    """The same charts' data drawn by plain matplotlib: no style, labels or legend work."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    for chart in state:
        figure = Figure(figsize=(7.0, 3))
        FigureCanvasAgg(figure)
        ax = figure.add_subplot()
        if chart.kind == "time":
            for name, values in chart.series:
                ax.plot(chart.dates, values, label=name)
        else:
            left = [0.0] * len(chart.categories)
            for name, values in chart.series:
                values = [value or 0 for value in values]
                ax.barh(range(len(values)), values, left=left, label=name)
                left = [a + b for a, b in zip(left, values, strict=False)]
            ax.set_yticks(range(len(chart.categories)), chart.categories)
        ax.set_title(chart.title)
        figure.savefig(io.BytesIO(), format="png", dpi=200)
    return {"charts": len(state)}


step_charts_bare.prepare = lambda args: [figure.picture for figure in _figures(_document(args))]


class _Drawn:
    """A chart drawn once: the writers get its PNG without drawing it again."""

    def __init__(self, picture):
        self.title, self._png, self._description = picture.title, picture.png(), picture.description()

    def png(self, dpi: int = 200) -> bytes:
        return self._png

    def description(self) -> str:
        return self._description


def _prepare_write(args):
    doc = _document(args)
    if args.predrawn:
        for figure in _figures(doc):
            figure.picture = _Drawn(figure.picture)
    return doc


def step_write(home, user, args, state) -> dict:
    from rightstrack.reports.services import write_document

    return {"_keep": write_document(state, args.format)}


def _save(home: Path, info: dict, args, name: str) -> None:
    path = home / name
    path.write_bytes(info["_keep"])
    info["path"] = str(path)
    if name.endswith(".pdf"):
        import pymupdf

        with pymupdf.open(path) as pdf:
            info["pages"] = pdf.page_count


step_write.prepare = _prepare_write
step_write.after = lambda home, info, args: _save(
    home, info, args, f"midterm-{args.language}{'-predrawn' if args.predrawn else ''}.{args.format}"
)


def _annex(doc):
    """The annex table: the document's last table."""
    from rightstrack.reports.document import Table

    return [block for block in doc.blocks if isinstance(block, Table)][-1]


def step_bare_docx(home, user, args, state) -> dict:
    """The annex's rows and cell texts in a python-docx table: no styles, no charts."""
    import docx

    from rightstrack.reports.document import Band

    document = docx.Document()
    table = document.add_table(rows=1, cols=len(state.columns))
    for cell, text in zip(table.rows[0].cells, state.columns, strict=False):
        cell.text = text
    for row in state.rows:
        cells = table.add_row().cells
        if isinstance(row, Band):
            cells[0].text = row.text
        else:
            for cell, text in zip(cells, row, strict=False):
                cell.text = text
    out = io.BytesIO()
    document.save(out)
    return {"_keep": out.getvalue()}


step_bare_docx.prepare = lambda args: _annex(_document(args))
step_bare_docx.after = lambda home, info, args: _save(home, info, args, f"bare-{args.language}.docx")


def step_bare_pdf(home, user, args, state) -> dict:
    """The annex as one plain HTML table, laid out by one PyMuPDF Story on A4 pages."""
    import html

    import pymupdf

    from rightstrack.reports.document import Band

    def cells(tag, texts):
        return "".join(
            f"<{tag}>{'<br/>'.join(html.escape(line) for line in text.split(chr(10)))}</{tag}>" for text in texts
        )

    rows = [f"<tr>{cells('th', state.columns)}</tr>"]
    rows += [
        f"<tr>{cells('td', [row.text])}</tr>" if isinstance(row, Band) else f"<tr>{cells('td', row)}</tr>"
        for row in state.rows
    ]
    direction = "rtl" if args.language == "ar" else "ltr"
    story = pymupdf.Story(
        f'<body dir="{direction}"><table>{"".join(rows)}</table></body>',
        user_css="td, th { border: 0.5pt solid #999; font-size: 7.5pt; vertical-align: top; }",
    )
    out = io.BytesIO()
    writer = pymupdf.DocumentWriter(out)
    page = pymupdf.paper_rect("a4")
    story.write(writer, lambda _number, _filled: (page, page + (56.7, 56.7, -56.7, -56.7), None))
    writer.close()
    return {"_keep": out.getvalue()}


step_bare_pdf.prepare = step_bare_docx.prepare
step_bare_pdf.after = lambda home, info, args: _save(home, info, args, f"bare-{args.language}.pdf")


# ---- the synthetic follow-up ---------------------------------------------------------------------


def _at(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(10, 0), tzinfo=dt.UTC)


def _copy(real: list) -> tuple[list, int]:
    """Each recommendation once more, paragraph "200.N": same fields, recommending States,
    translations and tags. Returns the copies and how many tags were copied."""
    from rightstrack.recommendations.models import Recommendation, TagAssignment, Translation

    skip = {"id", "uhri_id", "paragraph", "paragraph_key", "text_key", "external_ids", "created_at", "updated_at"}
    made = []
    for number, rec in enumerate(real, start=1):
        copy = Recommendation(paragraph=f"{COPY_SECTION}.{number}", external_ids={"synthetic_copy_of": rec.pk})
        for field in Recommendation._meta.concrete_fields:
            if field.name not in skip:
                setattr(copy, field.attname, getattr(rec, field.attname))
        copy.derive()
        made.append(copy)
    made = Recommendation.objects.bulk_create(made)
    twin = {rec.pk: copy.pk for rec, copy in zip(real, made, strict=False)}
    through = Recommendation.recommending_states.through
    through.objects.bulk_create(
        [
            through(recommendation_id=twin[row.recommendation_id], state_id=row.state_id)
            for row in through.objects.filter(recommendation_id__in=list(twin))
        ]
    )
    Translation.objects.bulk_create(
        [
            Translation(recommendation_id=twin[t.recommendation_id], language=t.language, text=t.text)
            for t in Translation.objects.filter(recommendation_id__in=list(twin))
        ]
    )
    tags = []
    for tag in TagAssignment.objects.filter(recommendation_id__in=list(twin)):
        tag.pk, tag.recommendation_id = None, twin[tag.recommendation_id]
        tags.append(tag)
    TagAssignment.objects.bulk_create(tags)
    return made, len(tags)


def _spread(index: int, count: int, of: int, jitter: int) -> dt.date:
    """The ``index``-th of ``count`` dates of recommendation ``of``, between HISTORY_FROM and HISTORY_TO."""
    span = (HISTORY_TO - HISTORY_FROM).days
    day = span * (index + 1) // (count + 1) + (of * jitter) % 120 - 60
    return HISTORY_FROM + dt.timedelta(days=min(max(day, 0), span))


def step_setup(home, user, args, state) -> dict:
    """The case's synthetic follow-up (see the module docstring)."""
    from collections import Counter
    from decimal import Decimal

    from django.contrib.auth import get_user_model
    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction

    from rightstrack.accounts import services as accounts
    from rightstrack.accounts.choices import Role
    from rightstrack.accounts.models import Entity
    from rightstrack.consultation import services as consultation
    from rightstrack.consultation.models import Round
    from rightstrack.core.audit import record
    from rightstrack.core.models import AuditAction, AuditEvent
    from rightstrack.planning import services as planning
    from rightstrack.planning.models import Plan, Responsibility
    from rightstrack.progress import services as progress
    from rightstrack.progress.models import Tracking
    from rightstrack.recommendations.models import Recommendation
    from rightstrack.recommendations.services import record_manual_edit
    from rightstrack.reference.models import State
    from rightstrack.site import demo_plan as demo

    started = time.perf_counter()
    User = get_user_model()
    with transaction.atomic():
        admin = User.objects.create_user("bench-admin", is_staff=True, is_superuser=True)
        focal, nhri, cso = (User.objects.create_user(name) for name in ("bench-focal", "bench-nhri", "bench-cso"))
        scope = Recommendation.objects.filter(state__iso3=COUNTRY, cycle=CYCLE, mechanism__code="UPR")
        real = list(scope.order_by("pk"))
        copies, tags = _copy(real)
        demo.load_demo_plan(admin, focal, nhri, TODAY)
        plan = Plan.objects.get(title=demo.TITLE)
        accounts.set_role(admin, cso, Role.CONTRIBUTOR)
        for name, short in EXTRA_ENTITIES:
            planning.create_entity(admin, name=name, short_name=short)
        entities = list(Entity.objects.order_by("pk"))
        recs = list(scope.order_by("pk"))
        led = set(Responsibility.objects.filter(lead=True).values_list("recommendation_id", flat=True))
        alone = [rec.pk for rec in recs if rec.pk not in led]
        for number, entity in enumerate(entities):
            planning.assign(admin, alone[number :: len(entities)], entity, lead=True)
        planning.assign(admin, [rec.pk for rec in recs[::4]], entities[-1])  # some support too

        actions = list(plan.actions.order_by("pk"))
        for action, (help_, fund, budget) in zip(
            actions[1:3],
            [
                ("Expert advice on the design of water supply in informal settlements", "upr_vf", "85000"),
                ("Training of trainers for prosecutors by OHCHR", "vf_tc", "40000"),
            ],
            strict=False,
        ):
            planning.update_action(
                admin,
                action,
                action.version,
                technical_assistance=help_,
                funding_source=fund,
                budget=Decimal(budget),
                currency="EUR",
            )
        for action, value in zip(actions[1:], ["72", "yes", "95", "30"], strict=False):
            indicator = action.indicators.first()
            report = progress.create_report(
                admin,
                action=action,
                date=TODAY - dt.timedelta(days=60),
                text=f"Measured for the benchmark: {value} (synthetic).",
                indicator_values=[(indicator, value)] if indicator else [],
            )
            report = progress.submit(admin, report, report.version)
            progress.validate(admin, report, report.version)

        changes = 0
        for number, rec in enumerate(recs):
            for status in PATHS[(number * 7) % len(PATHS)]:
                tracking = progress.tracking_for(rec)
                if tracking.status != status:
                    progress.set_status(admin, rec, tracking.version, status=status)
                    changes += 1
        # The changes happened over the years since the review, not today.
        tracking_type = ContentType.objects.get_for_model(Tracking)
        events: dict[str, list[int]] = {}
        for pk, object_id in (
            AuditEvent.objects.filter(content_type=tracking_type, changes__has_key="status")
            .order_by("pk")
            .values_list("pk", "object_id")
        ):
            events.setdefault(object_id, []).append(pk)
        for object_id, pks in events.items():
            for index, pk in enumerate(pks):
                AuditEvent.objects.filter(pk=pk).update(at=_at(_spread(index, len(pks), int(object_id), 37)))

        reports = 0
        for number, rec in enumerate(recs):
            for k in range(2):
                report = progress.create_report(
                    admin,
                    recommendation=rec,
                    date=_spread(k, 2, number, 53),
                    text=(
                        f"Progress {k + 1} on recommendation {rec.paragraph}: the ministry drafted the measures "
                        f"the recommendation calls for, consulted civil society and the Ombudsman, and reported "
                        f"the results to the Government (synthetic)."
                    ),
                    links=[f"https://www.gov.si/en/news/progress-{rec.pk}-{k + 1}/"],
                )
                report = progress.submit(admin, report, report.version)
                progress.validate(admin, report, report.version)
                reports += 1

        round_ = consultation.open_round(
            admin,
            title="Draft mid-term report: comments of the Ombudsman and civil society (benchmark)",
            description="Comment on the draft chapters and on the status of each recommendation.",
            deadline=dt.date(2026, 11, 15),
            invited=[nhri, cso],
            subject="midterm",
            country=State.objects.get(iso3=COUNTRY),
            cycle=CYCLE,
        )
        consultation.reply(
            nhri,
            round_,
            "The chapter on Roma inclusion should give the number of settlements still without water (synthetic).",
        )
        AuditEvent.objects.filter(
            content_type=ContentType.objects.get_for_model(Round), object_id=str(round_.pk)
        ).update(at=_at(dt.date(2026, 10, 1)))

        noted = [rec for rec in recs if rec.position == "noted"]
        for number, rec in enumerate(noted[:: max(1, len(noted) // POSITION_CHANGES)][:POSITION_CHANGES]):
            rec.position = "supported"
            rec.save(update_fields=["position"])
            record_manual_edit(rec, ["position"])
            event = record(
                admin,
                rec,
                AuditAction.CHANGED,
                {"position": "noted"},
                {"position": "supported"},
                note="Position changed by the Government (synthetic)",
            )
            AuditEvent.objects.filter(pk=event.pk).update(at=_at(dt.date(2021 + number % 4, 3 + number, 10)))
    statuses = Counter(Tracking.objects.filter(recommendation__in=scope).values_list("status", flat=True))
    statuses["not_started (no row)"] = scope.count() - sum(statuses.values())
    return {
        "real": len(real),
        "copies": len(copies),
        "tags": tags,
        "total": scope.count(),
        "plan": plan.pk,
        "clusters": plan.clusters.count(),
        "actions": len(actions),
        "entities": len(entities),
        "status_changes": changes,
        "reports": reports,
        "rounds": 1,
        "position_changes": min(len(noted), POSITION_CHANGES),
        "statuses": dict(sorted(statuses.items())),
        "seconds": time.perf_counter() - started,
    }


STEPS = {
    "setup": step_setup,
    "build": step_build,
    "matrix_build": step_matrix_build,
    "document": step_document,
    "charts_bare": step_charts_bare,
    "write": step_write,
    "bare_docx": step_bare_docx,
    "bare_pdf": step_bare_pdf,
}


if __name__ == "__main__":
    main()
