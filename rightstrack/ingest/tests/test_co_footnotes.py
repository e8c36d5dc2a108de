"""Concluding observations: the follow-up paragraph is no recommendation, and footnote
texts never end up inside paragraphs. The documents are those of
``test_concluding_observations`` (real CCPR paragraphs from ``ccpr-followup/hrc_all.json``),
with a page foot placed in the middle of a real paragraph, as PDF text puts it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rightstrack.ingest.formats.concluding_observations import parse
from rightstrack.ingest.tests.test_concluding_observations import (
    HRC,
    STATES,
    WRITERS,
    Noise,
    Para,
    ccpr_document,
    real_paragraph,
)

PAGE_FOOT = [
    "* Adopted by the Committee at its 128th session (2 March–27 March 2020), held in",
    "Geneva under the chairmanship of its Chair.",
    "** The annexes to the present document are available on the Committee’s web page.",
    "3 Human Rights Committee, general comment No. 36 (2018) on the right to life, paras. 12",
    "and 15.",
    "4 https://tbinternet.ohchr.org/Treaties/CCPR/Shared%20Documents/DEU/INT_CCPR_FCO_DEU_1.pdf.",
]


@pytest.fixture(scope="module")
def hrc(shared_data: Path) -> dict:
    return json.loads((shared_data / HRC).read_text(encoding="utf-8"))


@pytest.mark.parametrize("code", STATES)
def test_follow_up_paragraph_marks_the_others_and_is_not_imported(hrc, tmp_path, code):
    entry = hrc[code]
    doc = ccpr_document(entry)
    follow_up = max(int(p["num"]) for p in entry["paragraphs"]) + 2
    [paragraph] = [item for item in doc.items if isinstance(item, Para) and item.number == follow_up]
    assert "is requested to provide, by" in paragraph.segments[0]
    records = {r.paragraph: r for r in parse(WRITERS["txt"](doc, tmp_path / "co.txt"))}
    assert str(follow_up) not in records and str(follow_up + 1) in records and str(follow_up - 1) in records
    assert {n for n, r in records.items() if r.follow_up} == {p["num"] for p in entry["paragraphs"]}


@pytest.mark.parametrize("furniture", [True, False], ids=["page-footer", "no-footer"])
@pytest.mark.parametrize("suffix", sorted(WRITERS))
def test_page_foot_amid_a_paragraph_is_dropped(hrc, tmp_path, suffix, furniture):
    entry = hrc["DEU"]
    doc = ccpr_document(entry)
    number = int(entry["paragraphs"][0]["num"])
    [paragraph] = [item for item in doc.items if isinstance(item, Para) and item.number == number]
    assert all(isinstance(segment, str) for segment in paragraph.segments)
    words = paragraph.segments[0].split()
    half = len(words) // 2
    foot = [*PAGE_FOOT, "GE.20-05678(E)", "4"] if furniture else PAGE_FOOT
    # The footnote marker "3" glued to a word, its text at the foot of the page.
    paragraph.segments[:1] = [" ".join(words[:half]) + "3", Noise(foot), " ".join(words[half:])]
    records = {r.paragraph: r for r in parse(WRITERS[suffix](doc, tmp_path / f"co.{suffix}"))}
    assert list(records) == list(doc.expected)
    for key, (_kind, _subject, text, _follow_up) in doc.expected.items():
        assert records[key].text == text, key
    assert not any(
        word in r.text for r in records.values() for word in ("Adopted by", "annexes", "comment No. 36", "http")
    )


@pytest.mark.parametrize(("code", "num"), [("UZB", "25"), ("FIN", "15"), ("HUN", "46")])
def test_title_footnote_copied_inline_is_dropped(hrc, tmp_path, code, num):
    entry = hrc[code]
    real = next(p for p in entry["paragraphs"] if p["num"] == num)
    assert "* Adopted by the Committee" in real["recommendation"]
    text = " ".join(real["recommendation"].split()).removesuffix(".") + "."  # the JSON lost some full stops
    path = tmp_path / "co.txt"
    path.write_text(
        f"{entry['co_symbol']}\nConcluding observations on the second periodic report of {entry['name']}*\n"
        f"C. Principal matters of concern and recommendations\n{real['title']}\n"
        f"5. {text}\n",
        encoding="utf-8",
    )
    [record] = parse(path)
    assert record.text == real_paragraph(code, real)[1]
