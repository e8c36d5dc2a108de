"""The report charts: PNG and SVG that hold what was asked, in every language, without
missing glyphs, with and without data."""

from __future__ import annotations

import datetime as dt
import re
import struct
import unicodedata
import warnings
import xml.etree.ElementTree as ET

import pytest

from rightstrack.reports import charts

STATUSES = [
    "Not started",
    "In progress",
    "Partially implemented",
    "Implemented",
    "Not implemented",
    "No longer relevant",
]
THEMES = [
    "Acceptance of international norms",
    "Equality & non-discrimination",
    "Prohibition of torture and cruel, inhuman or degrading treatment or punishment",
]
COUNTS = [[3, 1, 0], [2, 0, 4], [0, 1, 1], [5, 0, 2], [0, 0, 1], [1, 0, 0]]
AR_STATUSES = ["لم يبدأ", "قيد التنفيذ", "نُفّذت جزئياً", "نُفّذت", "لم تُنفّذ", "لم تعد ذات صلة"]
AR_THEMES = ["قبول المعايير الدولية", "المساواة وعدم التمييز", "حظر التعذيب والمعاملة القاسية"]
ZH_STATUSES = ["未开始", "进行中", "部分执行", "已执行", "未执行", "不再相关"]
ZH_THEMES = ["接受国际准则", "平等与不歧视", "禁止酷刑 (CAT)"]
PNG = b"\x89PNG\r\n\x1a\n"
SVG = "{http://www.w3.org/2000/svg}"


def themes_chart(language="en", themes=THEMES, statuses=STATUSES):
    return charts.stacked_bars(
        "Recommendations by theme and status", themes, list(zip(statuses, COUNTS, strict=False)), language=language
    )


def size(png: bytes) -> tuple[int, int]:
    """Width and height in pixels, from the PNG's header chunk."""
    assert png[:8] == PNG
    return struct.unpack(">II", png[16:24])


def texts(svg: str) -> list[tuple[str, float]]:
    """The SVG's drawn texts (not its metadata), each with its x position."""
    found = []
    for element in ET.fromstring(svg).iter(f"{SVG}text"):
        x = element.get("x")
        if x is None:
            x = re.search(r"translate\(([-\d.]+)", element.get("transform", "")).group(1)
        found.append(("".join(element.itertext()), float(x)))
    return found


def x_of(svg: str, text: str) -> float:
    return next(x for shown, x in texts(svg) if shown == text)


def width(svg: str) -> float:
    return float(ET.fromstring(svg).get("viewBox").split()[2])


def glyph_warnings(draw) -> list[str]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        draw()
    return [str(warning.message) for warning in caught if "missing from font" in str(warning.message)]


# ---- formats --------------------------------------------------------------------------------


def test_png_is_a_png_of_sensible_size():
    png = themes_chart().png()
    assert png.startswith(PNG)
    assert 10_000 < len(png) < 1_000_000
    width_px, height_px = size(png)
    assert width_px == 1400  # 7 inches at 200 dpi
    assert 400 < height_px < 1200
    assert size(themes_chart().png(dpi=100))[0] == 700


def test_svg_holds_title_labels_and_legend_as_text():
    svg = themes_chart().svg()
    shown = [text for text, _x in texts(svg)]
    assert "Recommendations by theme and status" in shown
    assert {"Acceptance of international", "norms", "Equality & non-discrimination"} <= set(shown)
    assert set(STATUSES) <= set(shown)  # the legend
    # A long theme is wrapped on two lines and cut short, not left to run off the figure.
    assert "Prohibition of torture and" in shown
    assert any(text.endswith("…") for text in shown)
    assert "<path" in svg
    assert "<dc:description>Recommendations by theme and status. Acceptance" in svg  # alternative text


def test_svg_can_draw_text_as_outlines():
    svg = themes_chart().svg(text_as_text=False)
    assert not texts(svg)
    assert 'id="DejaVuSans-' in svg  # glyph outlines


def test_description_lists_the_values():
    assert themes_chart().description() == (
        "Recommendations by theme and status. "
        "Acceptance of international norms: Not started 3, In progress 2, Implemented 5, No longer relevant 1 "
        "(total 11); "
        "Equality & non-discrimination: Not started 1, Partially implemented 1 (total 2); "
        "Prohibition of torture and cruel, inhuman or degrading treatment or punishment: In progress 4, "
        "Partially implemented 1, Implemented 2, Not implemented 1 (total 8)."
    )
    assert charts.bars("By position", ["Supported", "Noted"], [120, 45], language="en").description() == (
        "By position. Supported: 120; Noted: 45."
    )


def test_totals_are_drawn():
    shown = [text for text, _x in texts(themes_chart().svg())]
    assert {"11", "2", "8"} <= set(shown)


def test_bars_are_labelled_with_their_values():
    chart = charts.bars(
        "Recommendations by position", ["Supported", "Noted", "No position"], [120, 45, 3], language="en"
    )
    shown = [text for text, _x in texts(chart.svg())]
    assert {"Supported", "Noted", "No position", "120", "45", "3"} <= set(shown)
    assert chart.png().startswith(PNG)


def test_over_time_labels_dates_in_the_chart_language():
    dates = [dt.date(2025, 1, 1), dt.date(2025, 4, 1), dt.date(2025, 7, 1)]
    english = charts.over_time("Measures reported", dates, [("Recommendations", [1, 4, 9])], language="en")
    shown = [text for text, _x in texts(english.svg())]
    assert {"Jan 2025", "Apr 2025", "Jul 2025", "9"} <= set(shown)
    assert english.description() == ("Measures reported. Recommendations (Jan 2025: 1, Apr 2025: 4, Jul 2025: 9).")
    french = charts.over_time("Mesures", dates, [("Recommandations", [1, 4, 9])], language="fr")
    assert "Avr 2025" in [text for text, _x in texts(french.svg())]
    chinese = charts.over_time("措施", dates, [("建议", [1, 4, 9])], language="zh-hans")
    assert "2025年4月" in [text for text, _x in texts(chinese.svg())]
    assert english.png().startswith(PNG)


def test_over_time_thins_out_many_dates():
    dates = [dt.date(2020 + month // 12, month % 12 + 1, 1) for month in range(0, 60, 3)]  # 20 quarters
    chart = charts.over_time("Quarters", dates, [("Count", list(range(20)))], language="en")
    ticks = [text for text, _x in texts(chart.svg()) if re.fullmatch(r"[A-Z][a-z]{2} \d{4}", text)]
    assert 5 <= len(ticks) <= 8
    assert ticks[0] == "Jan 2020"


def test_against_target_shows_baseline_latest_and_target():
    chart = charts.against_target(
        "Indicators",
        [("Shelters for women", 12, 18, 30), ("Children in primary school (%)", 88.5, None, 95)],
        language="en",
    )
    shown = [text for text, _x in texts(chart.svg())]
    assert {
        "Shelters for women",
        "12",
        "18",
        "30",
        "88.5",
        "95",
        "no value",
        "Baseline",
        "Latest value",
        "Target",
    } <= set(shown)
    assert chart.description() == (
        "Indicators. Shelters for women: baseline 12, latest value 18, target 30; "
        "Children in primary school (%): baseline 88.5, latest value no value, target 95."
    )
    french = charts.against_target("Indicateurs", [("Taux", 88.5, 91.25, 95)], language="fr")
    assert "91,25" in french.description()
    assert chart.png().startswith(PNG)


# ---- languages ------------------------------------------------------------------------------


def test_arabic_draws_without_missing_glyphs():
    chart = themes_chart("ar", AR_THEMES, AR_STATUSES)
    assert glyph_warnings(lambda: (chart.png(), chart.svg(), chart.svg(text_as_text=False))) == []


def test_arabic_is_mirrored_and_kept_searchable():
    english, arabic = themes_chart().svg(), themes_chart("ar", AR_THEMES, AR_STATUSES).svg()
    # Category labels: on the left in English, on the right in Arabic, and as written (logical order).
    assert x_of(english, THEMES[1]) < width(english) / 3
    assert x_of(arabic, AR_THEMES[1]) > width(arabic) * 2 / 3
    # Bars grow leftwards: the longest bar's total stands left of the middle.
    assert x_of(arabic, "11") < width(arabic) / 2 < x_of(english, "11")
    # The legend reads from the right: the first status rightmost.
    assert x_of(arabic, AR_STATUSES[0]) > x_of(arabic, AR_STATUSES[1]) > x_of(arabic, AR_STATUSES[2])
    assert x_of(english, STATUSES[0]) < x_of(english, STATUSES[1]) < x_of(english, STATUSES[2])


def test_arabic_goes_in_visual_order_only_for_a_matplotlib_that_does_not_shape():
    text = "حظر التعذيب 16"
    assert charts.for_matplotlib(text, visual=False) == text
    assert charts.for_matplotlib("Torture", visual=True) == "Torture"
    visual = charts.for_matplotlib(text, visual=True)
    # Joined letters (presentation forms), first word last (drawn from the left), number kept as written.
    assert all("\ufb50" <= character <= "\ufeff" for character in visual.replace(" ", "").replace("16", ""))
    assert visual.startswith("16 ")
    assert charts.for_matplotlib("سطر\nآخر", visual=True).count("\n") == 1


def test_visual_order_follows_the_installed_matplotlib(monkeypatch):
    seen = []
    monkeypatch.setattr(charts, "for_matplotlib", lambda text, *, visual: seen.append(visual) or text)
    themes_chart("ar", AR_THEMES, AR_STATUSES).png()
    assert set(seen) == {not charts.shapes_text()}
    seen.clear()
    themes_chart("ar", AR_THEMES, AR_STATUSES).svg()
    assert set(seen) == {False}  # SVG text stays in logical order: the browser shapes it


def test_chinese_draws_without_missing_glyphs():
    assert "Droid Sans Fallback" in charts.font_families()
    chart = themes_chart("zh-hans", ZH_THEMES, ZH_STATUSES)
    targets = charts.against_target("指标与目标对比", [("庇护所数量", 12, 18, 30)], language="zh-hans")
    assert glyph_warnings(lambda: (chart.png(), chart.svg(), targets.png())) == []
    assert set(ZH_THEMES) <= {text for text, _x in texts(chart.svg())}


def test_missing_glyphs_would_be_caught(monkeypatch):
    """The check above can fail: without the CJK font, matplotlib warns."""
    monkeypatch.setattr(charts, "font_families", lambda: ["DejaVu Sans"])
    chart = themes_chart("zh-hans", ZH_THEMES, ZH_STATUSES)
    assert glyph_warnings(chart.png)


# ---- no data, many data -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "chart",
    [
        charts.stacked_bars("Empty", [], [], language="en"),
        charts.stacked_bars("Zeros", ["A", "B"], [("Implemented", [0, 0])], language="en"),
        charts.bars("Empty", [], [], language="en"),
        charts.over_time("Empty", [], [("Count", [])], language="en"),
        charts.against_target("Empty", [], language="en"),
    ],
    ids=["no-categories", "only-zeros", "bars", "over-time", "against-target"],
)
def test_no_data_draws_a_small_chart_saying_so(chart):
    assert chart.empty
    assert chart.description() == f"{chart.title}: no data."
    shown = [text for text, _x in texts(chart.svg())]
    assert chart.title in shown and "No data" in shown
    assert size(chart.png())[1] < 400


def test_no_data_in_arabic():
    chart = charts.bars("التوصيات", [], [], language="ar")
    assert glyph_warnings(chart.png) == []


def test_data_is_not_empty():
    assert not themes_chart().empty
    assert not charts.against_target("Indicators", [("Rate", None, 3, None)], language="en").empty


def test_twenty_five_categories_stay_readable():
    categories = [
        f"Theme {number}: " + "a rather long name of a human rights theme " * (number % 3) for number in range(25)
    ]
    series = [(status, [(number * 7 + index) % 9 for number in range(25)]) for index, status in enumerate(STATUSES)]
    many = charts.stacked_bars("Twenty-five themes", categories, series, language="en")
    few = charts.stacked_bars(
        "Five themes", categories[:5], [(name, values[:5]) for name, values in series], language="en"
    )
    assert size(many.png(dpi=100))[1] > 2.5 * size(few.png(dpi=100))[1]  # the figure grows with its bars
    shown = [text for text, _x in texts(many.svg())]
    assert all(f"Theme {number}:" in shown for number in range(0, 25, 3))  # short names whole
    labels = [text for text in shown if text.startswith("Theme ")]
    assert all(len(line) <= 33 for line in labels)
    assert glyph_warnings(many.png) == []


def test_lengths_must_match():
    with pytest.raises(ValueError):
        charts.stacked_bars("Bad", ["A", "B"], [("Implemented", [1])], language="en")
    with pytest.raises(ValueError):
        charts.over_time("Bad", [dt.date(2025, 1, 1)], [("Count", [1, 2])], language="en")


# ---- helpers ----------------------------------------------------------------------------------


def test_status_colours_are_fixed_per_status():
    from rightstrack.planning.choices import Status

    assert list(charts.STATUS_COLOURS) == list(Status.values)
    assert charts.status_colours(["implemented", "not_started"]) == ["#009E73", "#C4CBD4"]
    assert charts.status_colours(["other"])[0] not in charts.STATUS_COLOURS.values()
    assert len(set(charts.STATUS_COLOURS.values())) == len(Status.values)


def test_wrap_cuts_long_labels_to_two_lines():
    wrapped = charts._wrap(THEMES[2], 32, 2)
    assert wrapped == "Prohibition of torture and\ncruel, inhuman or degrading…"
    assert charts._wrap("Short", 32, 2) == "Short"
    chinese = charts._wrap("禁止酷刑和残忍、不人道或有辱人格的待遇或处罚以及其他很长的主题名称", 32, 2)
    lines = chinese.split("\n")
    assert len(lines) == 2 and lines[1].endswith("…")
    assert all(sum(2 if unicodedata.east_asian_width(c) == "W" else 1 for c in line) <= 32 for line in lines)


def test_the_chart_is_a_picture():
    from rightstrack.reports.document import Figure

    chart = themes_chart()
    figure = Figure(chart, caption="Figure 1")
    assert figure.picture.title == "Recommendations by theme and status"
    assert callable(chart.png) and callable(chart.svg) and callable(chart.description)


def test_an_unnamed_line_has_no_legend():
    chart = charts.over_time("One date", [dt.date(2025, 3, 31)], [("", [4])], language="en")
    assert chart.description() == "One date. Mar 2025: 4."
    assert [text for text, _x in texts(chart.svg()) if not text.isdigit()] == ["Mar 2025", "One date"]
