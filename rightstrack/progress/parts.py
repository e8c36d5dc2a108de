"""The text of a treaty body's follow-up paragraph: its lettered parts, and which parts a
grade's label names.

A paragraph picked for follow-up often reads "The State party should …: (a) …; (b) …;
(c) …"; the Committee grades each part, or a group ("(b), (c) and (d): C", "(a)–(c)").
Pure functions: no ORM, so the importer and the tests use them alike.
"""

from __future__ import annotations

import re

_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_ROMAN = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"]
_MARKER = re.compile(r"(?<![\w(])\(([a-z]{1,4})\)(?=\s)")
_TOKEN = re.compile(r"\(([a-z]{1,4})\)")
_RANGE = re.compile(r"^\s*(?:[–—-]|to)\s*$")

# What a follow-up report's pages put inside a paragraph quoted from the concluding
# observations: the footnote "* Adopted by the Committee at its 128th session (…)." with
# the job number printed under it, and footnotes ("1 See https://…", "5 Annexes available
# at … and …", "1 CCPR/C/DZA/4.") that a page break drops in the middle or at the end of
# the text. They are the report's, not the Committee's recommendation: the text is kept
# without them, and without anything else (the words after a footnote are the
# paragraph's own, continued on the next page).
_ADOPTED = re.compile(r"\s*\*\s*Adopted by the Committee at its \d+\w* session \([^)]*\)\.?(?:\s*\d{6}\b)?")
_URLISH = r"(?:https?://|tbinternet\.)\S*(?:\s+(?:\S*(?:%2[fF]|symbolno=|Lang=|\.pdf|Documents/|INT_)\S*))*"
_LINK_NOTE = re.compile(
    r"\s\d{1,2}\s+(?:See\s+|Submission available at\s+|Annexes available at\s+)?"
    rf"{_URLISH}(?:\s+and\s+{_URLISH})*"
)
_SYMBOL_NOTE = re.compile(
    r"\s\d{1,2}\s+(?:See\s+)?CCPR/[\w/.-]*\w(?:,\s*para\.\s*\d+)?(?:\s+and\s+CCPR/[\w/.-]*\w)*\.?"
    r"(?=\s|$)"
)
_JOB_NUMBER = re.compile(r"\s\d{6}$")


def clean_text(text: str) -> str:
    """The paragraph's text without a report's page furniture (see above), spaces
    flattened."""
    text = " ".join((text or "").split())
    for pattern in (_ADOPTED, _LINK_NOTE, _SYMBOL_NOTE, _JOB_NUMBER):
        text = pattern.sub(" ", text)
    return " ".join(text.split())


def _sequence(matches: list[re.Match], names: list[str]) -> list[re.Match]:
    """The markers that follow one another as (a), (b), (c)… (or (i), (ii)…), skipping
    mentions out of order such as "article 2 (a)" quoted inside a part."""
    chosen: list[re.Match] = []
    for match in matches:
        if len(chosen) < len(names) and match.group(1) == names[len(chosen)]:
            chosen.append(match)
    return chosen


def split_parts(text: str) -> tuple[str, list[tuple[str, str]]]:
    """(the lead-in before the first part, [(label, text), …]): the lettered parts of a
    paragraph, each verbatim; no parts when the paragraph has fewer than two."""
    matches = list(_MARKER.finditer(text))
    chosen = _sequence(matches, list(_LETTERS))
    if len(chosen) < 2:
        chosen = _sequence(matches, _ROMAN)
    if len(chosen) < 2:
        return text.strip(), []
    parts = []
    for index, match in enumerate(chosen):
        end = chosen[index + 1].start() if index + 1 < len(chosen) else len(text)
        parts.append((f"({match.group(1)})", text[match.end() : end].strip()))
    return text[: chosen[0].start()].strip(), parts


def labels_in(label: str) -> list[str]:
    """The parts a grade's label names: "(b), (c) and (d)" → ["(b)", "(c)", "(d)"];
    "(a)–(c) and (e)" → (a), (b), (c), (e); "" (the whole paragraph) → []."""
    tokens = list(_TOKEN.finditer(label or ""))
    found: list[str] = []
    for index, token in enumerate(tokens):
        name = token.group(1)
        between = label[tokens[index - 1].end() : token.start()] if index else ""
        previous = tokens[index - 1].group(1) if index else None
        if index and _RANGE.match(between):
            series = _LETTERS if previous in _LETTERS and name in _LETTERS and len(name) == 1 else None
            if series is None and previous in _ROMAN and name in _ROMAN:
                series = _ROMAN
            if series is not None:
                start, stop = series.index(previous), series.index(name)
                found.extend(f"({s})" for s in list(series)[start + 1 : stop])
        found.append(f"({name})")
    return list(dict.fromkeys(found))
