"""The charts of the reports, drawn by matplotlib: PNG for Word and PDF, SVG for pages.

Each function returns a :class:`Chart` (a :class:`~rightstrack.reports.document.Picture`):
``stacked_bars`` (statuses per theme, entity, SDG…), ``bars`` (one count per category),
``over_time`` (cumulative counts by date) and ``against_target`` (indicators: baseline,
latest value, target). Labels come translated by the caller; the few words the charts
add ("No data", "Baseline"…) and the dates are put in the chart's ``language`` here.
Nothing is drawn until ``png`` or ``svg`` is called, and every call draws afresh on a
``Figure`` that is not registered with pyplot, so nothing stays in memory.

Languages
    *Arabic* charts are mirrored: category labels on the right, bars growing leftwards,
    the legend starting on the right. Time still runs left to right in ``over_time``
    (as dates and numbers do inside Arabic text), with the value axis on the right.
    matplotlib ≥ 3.11 lays text out with libraqm (joined letters, right-to-left
    order), so Arabic labels go in as they are; older versions draw glyphs one by one,
    left to right, so the labels are joined (``arabic_reshaper``) and put in visual order
    (``python-bidi``) first — see :func:`shapes_text`.
    *Chinese*: matplotlib's DejaVu Sans has Latin, Cyrillic and Arabic but no CJK glyphs.
    PyMuPDF carries Droid Sans Fallback; it is written once to the temporary directory,
    registered with matplotlib and named after DejaVu Sans in the font list, so a label
    mixing Latin and Chinese takes each glyph from the font that has it.

SVG
    Text stays text (``svg.fonttype = 'none'``): pages can be searched, copied and
    translated, and the browser shapes it. The SVG therefore holds every label in
    *logical* order, as the caller gave it, even where matplotlib's PNG needs visual order.
    The viewer's fonts draw it, so widths may differ a little from the PNG's;
    ``svg(text_as_text=False)`` draws glyph outlines instead. PNG and SVG carry the title
    and :meth:`Chart.description` as metadata.

No data
    A chart with nothing to show (no categories, no dates, no indicators, or only zeros)
    still draws: its title and the words "No data", so a report keeps its figure
    numbering. A caller that would rather leave the figure out tests ``chart.empty``.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import math
import os
import re
import tempfile
import textwrap
import threading
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from django.utils import formats, translation
from django.utils.translation import gettext as _

log = logging.getLogger(__name__)

# Okabe & Ito's colour-blind-safe palette, one colour per implementation status (keys of
# planning.choices.Status, in its order), close in hue to the status colours of the pages.
STATUS_COLOURS = {
    "not_started": "#C4CBD4",
    "in_progress": "#56B4E9",
    "partially_implemented": "#E69F00",
    "implemented": "#009E73",
    "not_implemented": "#D55E00",
    "no_longer_relevant": "#CC79A7",
}
# Series without a colour of their own take these in order: the statuses first, so six
# status series given in Status order get the status colours.
PALETTE = [*STATUS_COLOURS.values(), "#0072B2", "#F0E442", "#000000", "#8C8C8C"]
_BASELINE, _LATEST, _TARGET, _BAR = "#B0B0B0", "#0072B2", "#000000", "#0072B2"
_WIDTH = 7.0  # inches; a little wider than A4 portrait's text width, so type shrinks slightly
_LABEL_WIDTH = 32  # characters of a category label per line (two lines at most)
_LEGEND_WIDTH = 85  # characters on a legend row, about the plot's width
_ARABIC = re.compile(r"[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
_RTL_LANGUAGES = {"ar", "fa", "he", "ur"}
_MONTH_FORMATS = {"zh-hans": "YEAR_MONTH_FORMAT"}  # "2025年4月"; elsewhere "Apr 2025"


def status_colours(keys: list[str]) -> list[str]:
    """The colours of the given status keys (``Status`` values), for ``stacked_bars``;
    an unknown key takes a colour no status uses."""
    spare = iter(PALETTE[len(STATUS_COLOURS) :] * 2)
    return [STATUS_COLOURS.get(key) or next(spare, "#8C8C8C") for key in keys]


@dataclass
class Chart:
    """A chart to draw: made by the functions of this module, drawn on each call of
    ``png`` or ``svg``. ``series`` are (name, one value per category or date)."""

    title: str
    kind: str  # "stacked", "bars", "time" or "target"
    language: str
    categories: list[str] = field(default_factory=list)
    series: list[tuple[str, list]] = field(default_factory=list)
    dates: list[dt.date] = field(default_factory=list)
    colours: list[str] | None = None

    @property
    def empty(self) -> bool:
        """Nothing to show: the chart draws "No data" (a caller may leave it out instead)."""
        if self.kind == "target":
            return not self.categories
        return not (self.categories or self.dates) or not any(
            value for _name, values in self.series for value in values
        )

    @property
    def rtl(self) -> bool:
        return self.language.split("-")[0] in _RTL_LANGUAGES

    def png(self, dpi: int = 200) -> bytes:
        """The chart as a PNG image, ``dpi`` dots per inch."""
        return self._render("png", dpi)

    def svg(self, *, text_as_text: bool = True) -> str:
        """The chart as an SVG document, its text as text (searchable; the viewer's fonts
        draw it) or, ``text_as_text=False``, as outlines (looks exactly like the PNG)."""
        return self._render("svg", 72, text_as_text=text_as_text).decode()

    def description(self) -> str:
        """The chart's values in words, in its language (alternative text)."""
        with translation.override(self.language):
            if self.empty:
                return _("%(title)s: no data.") % {"title": self.title}
            if self.kind == "target":
                parts = [
                    _("%(indicator)s: baseline %(baseline)s, latest value %(latest)s, target %(target)s")
                    % {
                        "indicator": name,
                        "baseline": _number(base),
                        "latest": _number(latest),
                        "target": _number(target),
                    }
                    for name, (base, latest, target) in zip(self.categories, _columns(self.series), strict=False)
                ]
            elif self.kind == "time":
                parts = []
                for name, values in self.series:
                    shown = ", ".join(
                        _("%(date)s: %(value)s") % {"date": _month(date), "value": _number(value)}
                        for date, value in zip(self.dates, values, strict=False)
                    )
                    parts.append(_("%(series)s (%(values)s)") % {"series": name, "values": shown} if name else shown)
            elif self.kind == "bars":
                parts = [
                    f"{category}: {_number(value)}"
                    for category, value in zip(self.categories, self.series[0][1], strict=False)
                ]
            else:
                parts = []
                for category, values in zip(self.categories, _columns(self.series), strict=False):
                    shown = ", ".join(
                        f"{name} {_number(value)}"
                        for (name, _v), value in zip(self.series, values, strict=False)
                        if value
                    )
                    parts.append(
                        _("%(category)s: %(values)s (total %(total)s)")
                        % {
                            "category": category,
                            "values": shown or _number(0),
                            "total": _number(sum(value or 0 for value in values)),
                        }
                    )
            return f"{self.title}. " + "; ".join(parts) + "."

    def _render(self, fmt: str, dpi: int, *, text_as_text: bool = False) -> bytes:
        from matplotlib import rc_context
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure

        with translation.override(self.language), rc_context(_style(text_as_text)):
            figure = Figure(figsize=(_WIDTH, 3), layout="constrained")
            FigureCanvasAgg(figure)
            drawing = _Drawing(figure, rtl=self.rtl, visual=not (text_as_text or shapes_text()))
            if self.empty:
                _draw_nothing(self, drawing)
            else:
                {"stacked": _draw_bars, "bars": _draw_bars, "time": _draw_time, "target": _draw_target}[self.kind](
                    self, drawing
                )
            title = _wrap(self.title, 90, 2)
            figure.suptitle(drawing.text(title), **_strong(title))
            out = io.BytesIO()
            # The title and the values in words travel with the file (tEXt chunks, dc:title).
            about = {"Title": self.title, "Description": self.description()}
            figure.savefig(out, format=fmt, dpi=dpi, metadata={**about, "Date": None} if fmt == "svg" else about)
        return out.getvalue()


# ---- the charts ------------------------------------------------------------------------------


def stacked_bars(
    title: str,
    categories: list[str],
    series: list[tuple[str, list[int]]],
    *,
    language: str,
    colours: list[str] | None = None,
) -> Chart:
    """Horizontal bars, one per category (top to bottom, in the given order), each made of
    one segment per series (e.g. implementation statuses), with a legend and each bar's
    total at its end. ``colours``: one per series (e.g. :func:`status_colours`); by
    default :data:`PALETTE` in order."""
    _check(categories, series)
    return Chart(title, "stacked", language, list(categories), _copy(series), colours=colours)


def bars(title: str, categories: list[str], values: list[int], *, language: str) -> Chart:
    """Horizontal bars, one per category, each labelled with its value."""
    _check(categories, [("", values)])
    return Chart(title, "bars", language, list(categories), [("", list(values))])


def over_time(
    title: str,
    dates: list[dt.date],
    series: list[tuple[str, list[int]]],
    *,
    language: str,
    colours: list[str] | None = None,
) -> Chart:
    """Lines, one per series, over ``dates`` (e.g. cumulative counts at the end of each
    quarter); dates are labelled "Apr 2025" in the chart's language. ``colours``: one
    per series (e.g. :func:`status_colours`)."""
    _check(dates, series)
    return Chart(title, "time", language, dates=list(dates), series=_copy(series), colours=colours)


def against_target(
    title: str, indicators: list[tuple[str, float | None, float | None, float | None]], *, language: str
) -> Chart:
    """Per indicator ``(name, baseline, latest, target)``: bars for the baseline and the
    latest value and a dashed line at the target, each on its own scale (indicators
    count different things). A missing value is shown as "no value"; indicators without
    any number are for the caller to leave out."""
    names = [name for name, *_values in indicators]
    columns = [[row[position] for row in indicators] for position in (1, 2, 3)]
    return Chart(
        title, "target", language, names, [("baseline", columns[0]), ("latest", columns[1]), ("target", columns[2])]
    )


def _check(categories: list, series: list[tuple[str, list]]) -> None:
    for name, values in series:
        if len(values) != len(categories):
            raise ValueError(f"series {name!r} has {len(values)} values for {len(categories)} categories")


def _copy(series) -> list[tuple[str, list]]:
    return [(name, list(values)) for name, values in series]


def _columns(series: list[tuple[str, list]]) -> list[tuple]:
    """Per category, its value in each series."""
    return list(zip(*(values for _name, values in series), strict=False))


# ---- text -----------------------------------------------------------------------------------


def shapes_text() -> bool:
    """Whether matplotlib shapes text itself (3.11+ lays text out with libraqm): then
    Arabic goes in logical order; before, it is reshaped and reordered for it."""
    from matplotlib.ft2font import FT2Font

    return hasattr(FT2Font, "_layout")


def for_matplotlib(text: str, *, visual: bool) -> str:
    """``text`` as matplotlib must get it: in visual order with joined Arabic letters
    when ``visual`` (a matplotlib drawing glyphs one by one), else as it is."""
    if not visual or not _ARABIC.search(text):
        return text
    import arabic_reshaper
    from bidi.algorithm import get_display

    return "\n".join(get_display(arabic_reshaper.reshape(line)) for line in text.split("\n"))


def _wrap(text: str, width: int, lines: int) -> str:
    """At most ``lines`` lines of about ``width`` characters (Chinese ones count double),
    the last one ending in "…" if the text goes on."""
    text = " ".join(text.split())
    wide = any(unicodedata.east_asian_width(character) in "WF" for character in text)
    width = max(4, width // 2) if wide else width
    parts = textwrap.wrap(text, width, break_on_hyphens=False) or [""]
    if len(parts) > lines:
        parts = parts[:lines]
        parts[-1] = parts[-1][: width - 1].rstrip(" ,;:-") + "…"
    return "\n".join(parts)


def _number(value) -> str:
    if value is None:
        return _("no value")
    if float(value).is_integer():
        return formats.number_format(int(value))
    return formats.number_format(round(float(value), 2))


def _month(date: dt.date) -> str:
    return formats.date_format(date, _MONTH_FORMATS.get(translation.get_language(), "M Y"))


def _text_width(text: str) -> int:
    """A label's width in Latin characters (Chinese ones are about two)."""
    return max(
        (sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line) for line in text.split("\n")), default=0
    )


# ---- fonts and style --------------------------------------------------------------------------

_font_lock = threading.Lock()
_fonts: list[str] = []


def font_families() -> list[str]:
    """DejaVu Sans (matplotlib's own: Latin, Cyrillic, Arabic), then PyMuPDF's Droid Sans
    Fallback for Chinese, registered with matplotlib on the first call."""
    with _font_lock:
        if not _fonts:
            _fonts.append("DejaVu Sans")
            name = _register_cjk_font()
            if name:
                _fonts.append(name)
    # The generic family last: what an SVG viewer without these fonts falls back on.
    return [*_fonts, "sans-serif"]


def _register_cjk_font() -> str | None:
    from matplotlib import font_manager

    try:
        import pymupdf

        font = pymupdf.Font("cjk")
        data = font.buffer
        slug = re.sub(r"[^A-Za-z0-9]+", "-", font.name).strip("-")
        path = Path(tempfile.gettempdir()) / "rightstrack-fonts" / f"{slug}-{len(data)}.ttf"
        if not path.exists() or path.stat().st_size != len(data):
            path.parent.mkdir(parents=True, exist_ok=True)
            # Written aside then renamed: another process may be reading the file already.
            part = path.with_suffix(f".{os.getpid()}.part")
            part.write_bytes(data)
            os.replace(part, path)
        font_manager.fontManager.addfont(str(path))
        return font_manager.FontProperties(fname=str(path)).get_name()
    except (ImportError, OSError, RuntimeError, ValueError) as error:
        log.warning("No CJK font for the charts (Chinese labels will miss glyphs): %s", error)
        return None


def _style(text_as_text: bool) -> dict:
    from matplotlib import rcParams

    style = {
        "font.family": font_families(),
        "font.sans-serif": ["DejaVu Sans"],
        "font.size": 8,
        "axes.titlesize": 8,
        "figure.titlesize": 10,
        "legend.fontsize": 8,
        "legend.frameon": False,
        "axes.spines.top": False,
        "axes.edgecolor": "#888888",
        "xtick.color": "#444444",
        "ytick.color": "#222222",
        "axes.axisbelow": True,
        "grid.color": "#E3E3E3",
        "svg.fonttype": "none" if text_as_text else "path",
        "svg.hashsalt": "rightstrack",
        "figure.constrained_layout.h_pad": 0.06,
    }
    if "text.language" in rcParams:  # matplotlib 3.11+: locale-specific glyph forms
        style["text.language"] = {"zh-hans": "zh-Hans"}.get(translation.get_language(), translation.get_language())
    return style


# ---- drawing --------------------------------------------------------------------------------


class _Drawing:
    """One figure being drawn, and how its text and layout go in its language."""

    def __init__(self, figure, *, rtl: bool, visual: bool):
        self.figure, self.rtl, self.visual = figure, rtl, visual

    def text(self, text: str) -> str:
        return for_matplotlib(text, visual=self.visual)

    def start(self, ltr: str, rtl: str) -> str:
        """The first value in a left-to-right chart, the second in a mirrored one."""
        return rtl if self.rtl else ltr

    def legend(self, ax, handles: list, labels: list[str], *, at: float = 1.0) -> None:
        """A legend just above ``ax`` (``at`` 0: at its bottom), read from the chart's starting side."""
        from matplotlib.patches import Patch

        widths = [_text_width(label) + 5 for label in labels]  # a handle takes about five characters
        widest = next(
            count
            for count in range(len(labels), 0, -1)
            if sum(max(widths[i::count]) for i in range(count)) <= _LEGEND_WIDTH
        )
        rows = math.ceil(len(labels) / widest)
        columns = math.ceil(len(labels) / rows)  # as many entries on each row as can be
        # matplotlib fills a legend column by column; readers go row by row, from the start side.
        grid = [list(range(row * columns, min((row + 1) * columns, len(labels)))) for row in range(rows)]
        if self.rtl:  # a short last row ends on the left: filled up with blank entries
            grid = [[None] * (columns - len(line)) + line[::-1] for line in grid]
        picked = [line[column] for column in range(columns) for line in grid if column < len(line)]
        handles, labels = [*handles, Patch(visible=False)], [*map(self.text, labels), ""]
        ax.legend(
            [handles[i] for i in picked],
            [labels[i] for i in picked],
            loc=self.start("lower left", "lower right"),
            bbox_to_anchor=(self.start(0, 1), at),
            ncols=columns,
            markerfirst=not self.rtl,
            handlelength=1.4,
            columnspacing=1.2,
            borderaxespad=0.3,
            borderpad=0.2,
        )

    def mirror(self, ax, *, values: str = "x") -> None:
        """Labels on the right and values growing leftwards, for a right-to-left chart."""
        if not self.rtl:
            return
        ax.spines["right"].set_visible(True)
        ax.spines["left"].set_visible(False)
        if values == "x":
            ax.invert_xaxis()
        ax.yaxis.tick_right()
        ax.yaxis.set_label_position("right")


def _draw_nothing(chart: Chart, d: _Drawing) -> None:
    d.figure.set_size_inches(_WIDTH, 1.6)
    ax = d.figure.add_subplot()
    ax.set_axis_off()
    ax.text(
        0.5, 0.5, d.text(_("No data")), ha="center", va="center", fontsize=10, color="#666666", transform=ax.transAxes
    )


def _draw_bars(chart: Chart, d: _Drawing) -> None:
    from matplotlib.ticker import MaxNLocator

    stacked = chart.kind == "stacked"
    labels = [d.text(_wrap(category, _LABEL_WIDTH, 2)) for category in chart.categories]
    count = len(labels)
    row = 0.36 if any("\n" in label for label in labels) else 0.27
    legend_rows = 1 + sum(_text_width(name) + 5 for name, _v in chart.series) // _LEGEND_WIDTH if stacked else 0
    d.figure.set_size_inches(_WIDTH, 0.75 + 0.22 * legend_rows + row * count + 0.1 * (count < 4))
    ax = d.figure.add_subplot()
    palette = (chart.colours or []) + PALETTE * 2 if stacked else [_BAR]
    totals = [sum(value or 0 for value in values) for values in _columns(chart.series)]
    top = max(totals) or 1
    # How much of the axis a value needs to carry its number inside its segment.
    room = 72 * _WIDTH * 0.62 / top
    left = [0] * count
    handles = []
    for (_name, values), colour in zip(chart.series, palette, strict=False):
        values = [value or 0 for value in values]
        segments = ax.barh(range(count), values, left=left, height=0.68, color=colour, edgecolor="white", linewidth=0.6)
        handles.append(segments)
        if stacked and len(chart.series) > 1:
            ink = _ink(colour)
            for segment, value in zip(segments, values, strict=False):
                if value and value * room >= 5 * len(str(value)) + 5:
                    ax.text(
                        segment.get_x() + value / 2,
                        segment.get_y() + segment.get_height() / 2,
                        str(value),
                        ha="center",
                        va="center",
                        fontsize=7,
                        color=ink,
                        in_layout=False,
                    )
        left = [a + b for a, b in zip(left, values, strict=False)]
    for position, total in enumerate(totals):
        ax.annotate(
            _number(total),
            (total, position),
            xytext=(d.start(3, -3), 0),
            textcoords="offset points",
            ha=d.start("left", "right"),
            va="center",
            fontsize=7.5,
            in_layout=False,
            **(_strong("") if stacked else {}),
        )
    ax.set_yticks(range(count), labels)
    ax.tick_params(axis="y", length=0)
    ax.set_ylim(count - 0.5, -0.5)  # the first category on top
    ax.set_xlim(0, top * 1.1)
    ax.xaxis.set_major_locator(MaxNLocator(nbins=6, integer=True))
    ax.grid(axis="x")
    ax.spines["right"].set_visible(False)
    d.mirror(ax)
    if stacked:
        d.legend(ax, handles, [name for name, _values in chart.series])


def _draw_time(chart: Chart, d: _Drawing) -> None:
    from matplotlib.dates import date2num
    from matplotlib.ticker import MaxNLocator

    d.figure.set_size_inches(_WIDTH, 3.2)
    ax = d.figure.add_subplot()
    x = date2num(chart.dates)
    handles = []
    for (_name, values), colour in zip(
        chart.series, (chart.colours or []) + [_BAR, *PALETTE[2:], *PALETTE], strict=False
    ):
        (line,) = ax.plot(x, values, color=colour, linewidth=1.8, marker="o", markersize=3.5)
        handles.append(line)
        ax.annotate(
            _number(values[-1]),
            (x[-1], values[-1]),
            xytext=(5, 0),
            textcoords="offset points",
            ha="left",
            va="center",
            fontsize=7.5,
            color=colour,
        )
    step = math.ceil(len(x) / 8)
    ticks = list(range(0, len(x), step))
    ax.set_xticks([x[i] for i in ticks], [d.text(_month(chart.dates[i])) for i in ticks])
    ax.margins(x=0.06 if len(x) > 1 else 0.5)
    ax.set_ylim(bottom=0, top=max(max(values) for _name, values in chart.series) * 1.12 or 1)
    ax.yaxis.set_major_locator(MaxNLocator(nbins=6, integer=True))
    ax.grid(axis="y")
    ax.spines["right"].set_visible(False)
    d.mirror(ax, values="y")
    if any(name for name, _values in chart.series):
        d.legend(ax, handles, [name for name, _values in chart.series])


def _draw_target(chart: Chart, d: _Drawing) -> None:
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    count = len(chart.categories)
    d.figure.set_size_inches(_WIDTH, 0.75 + 0.72 * count)
    # The legend has a row of its own: above the first indicator, it would cover its name.
    key, *axes = d.figure.subplots(count + 1, 1, squeeze=False, height_ratios=[0.2] + [1] * count)[:, 0]
    key.set_axis_off()
    for ax, name, (base, latest, target) in zip(axes, chart.categories, _columns(chart.series), strict=False):
        numbers = [value for value in (base, latest, target) if value is not None] or [0]
        low, high = min(0, *numbers), max(0, *numbers)
        span = (high - low) or 1
        for position, (value, colour) in enumerate([(base, _BASELINE), (latest, _LATEST)]):
            if value is None:
                ax.annotate(
                    _("no value"),
                    (0, position),
                    xytext=(d.start(3, -3), 0),
                    textcoords="offset points",
                    ha=d.start("left", "right"),
                    va="center",
                    fontsize=7,
                    color="#777777",
                )
                continue
            ax.barh(position, value, height=0.62, color=colour)
            forward = (value >= 0) != d.rtl
            ax.annotate(
                _number(value),
                (value, position),
                xytext=(3 if forward else -3, 0),
                textcoords="offset points",
                ha="left" if forward else "right",
                va="center",
                fontsize=7.5,
                bbox={"boxstyle": "square,pad=0.1", "facecolor": "white", "edgecolor": "none", "alpha": 0.8},
            )
        if target is not None:
            ax.plot([target, target], [-0.45, 1.45], color=_TARGET, linestyle=(0, (3, 2)), linewidth=1.3)
            ax.annotate(
                _number(target),
                (target, 1.45),
                xytext=(0, -1),
                textcoords="offset points",
                ha="center",
                va="top",
                fontsize=7.5,
                **_strong(""),
            )
        ax.axvline(0, color="#888888", linewidth=0.8)
        ax.set_xlim(low - 0.03 * span, high + 0.2 * span)
        ax.set_ylim(2.05, -0.5)
        ax.set_axis_off()
        ax.set_title(d.text(_wrap(name, 100, 2)), loc=d.start("left", "right"), fontsize=8, pad=2)
        if d.rtl:
            ax.invert_xaxis()
    d.legend(
        key,
        [
            Patch(color=_BASELINE),
            Patch(color=_LATEST),
            Line2D([], [], color=_TARGET, linestyle=(0, (3, 2)), linewidth=1.3),
        ],
        [_("Baseline"), _("Latest value"), _("Target")],
        at=0.0,
    )


def _strong(text: str) -> dict:
    """Bold type for ``text``, if its font has it: Droid Sans Fallback has no bold, so a
    text with Chinese stays regular, and other bold text keeps to DejaVu Sans (whose bold
    covers Latin, Cyrillic and Arabic) rather than ask for a bold the fallback lacks."""
    if any(unicodedata.east_asian_width(character) in "WF" for character in text):
        return {}
    return {"fontweight": "bold", "fontfamily": "DejaVu Sans"}


def _ink(colour: str) -> str:
    """Black or white, whichever reads better on ``colour``."""
    from matplotlib.colors import to_rgb

    red, green, blue = to_rgb(colour)
    return "#000000" if 0.2126 * red + 0.7152 * green + 0.0722 * blue > 0.45 else "#FFFFFF"
