"""UPR Working Group reports (A/HRC/{session}/{n}) and their addenda, in any container.

The report ends with a section "Conclusions and/or recommendations": chapeau
paragraphs, each followed by the recommendations it covers::

    121. The recommendations ... have been examined by Slovenia and enjoy its support:
          121.1    Ratify the International Convention for the Protection of All Persons
          from Enforced Disappearance (France) (Lithuania);
    122. The following recommendations will be examined by Slovenia, which will provide
    responses in due time ...:

The chapeau gives its group's position (supported, noted, or none yet). The text comes
from :func:`read_text`, one layout line per line, so recommendations are joined back
from wrapped lines, past running heads, page numbers and footnotes. First-cycle reports
number recommendations ``1.``, ``2.``… under their chapeau; they become ``111.1``…

The addendum (A/HRC/…/Add.1) holds the State's later answers: :func:`parse_responses`
reads the positions it states clearly, in lists ("accepts the recommendations 1–5,
14–16") or one answer per number ("5., 6. Slovenia accepts these recommendations",
"115.1 Supported"). The import registry calls both readers on every file of this format,
so :func:`parse` yields nothing for an addendum and :func:`parse_responses` nothing for
a report.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from pathlib import Path

from rightstrack.ingest.formats.base import POSITION_WORDS, ParseError, position_word
from rightstrack.ingest.formats.document_text import read_text
from rightstrack.ingest.records import ParsedDocument, ParsedRecommendation, ParsedResponse
from rightstrack.ingest.text import split_recommending_states

IsState = Callable[[str], bool]
FindSymbol = Callable[[str, int], list[str]]  # (State, Working Group session) -> report symbols
MECHANISM = "UPR"
HEAD_CHARS = 30_000  # symbol, title, date and session all sit on the first pages
COVER_CHARS = 10_000  # the title is on the cover; other UPR documents cite it further on
_MARKS = " *\u2020\u2021"  # footnote markers glued to words: "Review*"

_TITLE = r"Report\s+of\s+the\s+Working\s+Group\s+on\s+the\s+Universal\s+Periodic\s+Review"
_SYMBOL = re.compile(r"\bA/HRC/\d{1,3}/\d{1,4}(?:/Add\.\s?\d{1,2})?", re.I)
_MONTHS = "january february march april may june july august september october november december".split()
_DATE = re.compile(r"\b(\d{1,2})\s+(" + "|".join(_MONTHS) + r")\s+(\d{4})\b", re.I)
_COUNTRY = re.compile(_TITLE + r"[\s*\u2020\u2021]*[:\-\u2013]?[\s*\u2020\u2021]*(?P<name>[^\n]+)", re.I)
_REVIEW_OF = re.compile(r"\breview\s+of\s+(?P<name>[^\n.;]{2,80}?)\s+was\s+held\b", re.I)
_SESSION = re.compile(r"\bheld\s+its\s+(?P<ord>\d{1,2}(?:st|nd|rd|th)?|[a-z]+(?:-\s*[a-z]+)?)\s+session\b", re.I)
_UNITS = (
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth "
    "fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth"
).split()
_TENS = {"twent": 20, "thirt": 30, "fort": 40, "fift": 50, "sixt": 60}

_HEADING = re.compile(r"^(?:[IVX]+\.\s*)?Conclusions\s+and(?:/or)?\s+recommendations[\s*\u2020\u2021]*$", re.I)
# A heading alone on its line; "Annex II of the Protocol (France);" may start a wrapped line.
_SECTION_END = re.compile(
    r"^(?:Annex(?:es)?(?:\s+[IVX]+)?|Composition\s+of\s+the\s+delegation|[IVX]+\.\s+[A-Z][^.;:]{0,80})$"
)
_NUMBERED = re.compile(r"^(?P<num>\d{1,3}(?:\.\d{1,3})?)(?P<dot>\.?)(?:\s+(?P<rest>.*))?$")
_CLOSING = re.compile(r"^All\s+conclusions", re.I)  # "All conclusions … reflect the position of …"
_FURNITURE = (
    re.compile(r"^\d{1,3}$"),  # page number
    re.compile(r"^GE\.\d{2}-\d{3,6}\b"),  # UN job number, "GE.19-21936(E)"
    re.compile(r"^(?:\d{1,3}\s+)?A/HRC/\S+(?:\s+\d{1,3})?$"),  # running head, maybe with the page number
)
_FOOTNOTE = re.compile(r"^[*\u2020\u2021]+(?:\s|$)")  # "**" or "* The annex is …" opens a footnote
# Chapeau wording -> position, tried in order: "will be examined" wins, and "did not enjoy
# the support" must be read as noted before "enjoy the support" is read as supported.
_CHAPEAU_POSITIONS: tuple[tuple[str | None, re.Pattern[str]], ...] = (
    (None, re.compile(r"will\s+be\s+(?:examined|considered)|will\s+provide\s+(?:its\s+)?responses", re.I)),
    (
        "partially_supported",
        re.compile(r"partial(?:ly)?\s+(?:support|accept)|(?:supported|accepted)\s+in\s+part", re.I),
    ),
    (
        "noted",
        re.compile(
            r"(?:did|do|does)\s+not\s+(?:enjoy|receive|have)|not\s+(?:been\s+)?(?:supported|accepted)"
            r"|(?:been|are|were)\s+noted|\bnoted\s+by\b|\bnot(?:es|ed)\s+the\s+following"
            r"|takes?\s+note|took\s+note|\brejected\b",
            re.I,
        ),
    ),
    (
        "supported",
        re.compile(
            r"(?:enjoy|receive)(?:s|d|ed)?\s+(?:the\s+|its\s+)?support|\b(?:accepts|supports)\b"
            r"|(?:been|are|were)\s+(?:supported|accepted)|already\s+implemented"
            r"|process\s+of\s+implementation",
            re.I,
        ),
    ),
)
# Addenda: "accepts the recommendations 1–5, 14–16" / "Recommendations 115.1 and 115.2 are noted".
_LIST = r"(?P<list>\d{1,3}(?:\.\d{1,3})?(?:\s*(?:,|\band\b|[\u2013\u2014-]|\bto\b)\s*\d{1,3}(?:\.\d{1,3})?)*)"
_ACTIVE = re.compile(
    r"(?P<verb>(?:does|do|will|can)\s*not\s+(?:accept|support)|partially\s+(?:accepts?|supports?)|accepts?"
    r"|supports?|notes|takes?\s+note\s+of|rejects?)\s+(?:(?:the|these|this|following|all|remaining|other)\s+){0,3}"
    r"recommendations?\s*(?:nos?\.?\s*|numbers?\s*)?:?\s*" + _LIST,
    re.I,
)
_PASSIVE = re.compile(
    r"recommendations?\s*(?:nos?\.?\s*)?" + _LIST + r"\s+(?:are|were|have\s+been|is|was)\s+"
    r"(?P<verb>(?:not\s+|partially\s+)?(?:supported|accepted|noted|rejected))",
    re.I,
)
_ANSWER_START = (  # "Rec. 18 …", "5., 6., 7. Slovenia accepts …", "115.1 Supported", "40., 41., 42.,"
    re.compile(
        r"^(?P<label>Rec)(?:ommendations?|s)?\.?\s*(?P<nums>\d{1,3}(?:\.\d{1,3})?)\b[.:]?(?P<comma>)"
        r"\s*(?P<rest>.*)$"
    ),
    re.compile(
        r"^(?P<label>)(?P<nums>(?:\d{1,3}\.\d{1,3}\.?|\d{1,3}\.)(?:\s*,\s*(?:\d{1,3}\.\d{1,3}\.?|\d{1,3}\.))*)"
        r"(?P<comma>\s*,)?(?:\s+(?P<rest>.*))?$"
    ),
)
_ACCEPT = re.compile(
    r"(?<![\w-])(?P<neg>(?:cannot|can\s+not|does\s+not|do\s+not|will\s+not|is\s+(?:not\s+able|unable)\s+to)\s+"
    r"(?:\w+\s+)?)?(?:accept|support)s?\s+(?:\w+\s+){0,2}?recommendations?\b",
    re.I,
)
_NOT_ACCEPTED = re.compile(
    r"cannot[^.]{0,60}?definitive\s+statement"
    r"|not\s+in\s+a\s+position\s+to\s+(?:accept|support)"
    r"|\b(?:notes|takes\s+note\s+of|rejects)\s+(?:the|this|these)\s+recommendations?\b",
    re.I,
)


def detect(path: str | Path) -> bool:
    """True when the text looks like a UPR Working Group report or its addendum: the
    report's title on the cover (first ~10 KB) and an A/HRC symbol in the first ~30 KB —
    or, for a report copied without its symbol (from a web page), its "Conclusions and/or
    recommendations" heading, which other UPR documents citing the title do not have."""
    try:
        text = read_text(Path(path))
    except (ParseError, OSError):
        return False
    head = text[:HEAD_CHARS]
    if not re.search(_TITLE, head[:COVER_CHARS], re.I):
        return False
    return bool(_SYMBOL.search(head)) or any(_HEADING.match(line.strip()) for line in text.splitlines())


def parse_document(
    path: str | Path, *, document: str | None = None, session: int | None = None, find_symbol: FindSymbol | None = None
) -> ParsedDocument:
    """The report (or addendum) itself: symbol, State reviewed, session, distribution date.

    ``document`` (the symbol) and ``session`` override what the text says. A report whose
    text holds no symbol (a copy taken from a web page) gets it from ``find_symbol(State,
    session)``, the symbols of the reports already known for them, when that gives exactly
    one. Raises :class:`ParseError` when no symbol is found.
    """
    path = Path(path)
    text = read_text(path)
    found = _document(text, _normal_symbol(document.strip()) if document else None)
    if session is not None:
        found.session = session
    if not found.symbol:
        found.symbol = _stored_symbol(path.name, found, find_symbol, addendum=_is_addendum("", text))
    return found


def parse(
    path: str | Path,
    *,
    country: str | None = None,
    session: int | None = None,
    document: str | None = None,
    is_state: IsState | None = None,
) -> Iterator[ParsedRecommendation]:
    """Yield the recommendations of a Working Group report, one per numbered paragraph.

    ``country``, ``session`` and ``document`` (the report's symbol) override what the text
    says. ``is_state`` tells recommending States from other parentheses ("(ICPPED)"); it
    defaults to the built-in State list. The whole section is read before anything is
    yielded, so a :class:`ParseError` (naming the file and paragraph) never leaves a
    partial import. An addendum yields nothing: its answers come from :func:`parse_responses`.
    """
    path = Path(path)
    text = read_text(path)
    found = _document(text)
    symbol = document or found.symbol
    if not symbol:
        raise ParseError(f"{path.name}: no document symbol (A/HRC/…) found; give it as document=")
    if _is_addendum(symbol, text):
        return
    country = country or next(iter(found.countries), None)
    if not country:
        raise ParseError(f"{path.name}: the State under review is not named under the title; give it as country=")
    session = session if session is not None else found.session
    is_state = is_state or _builtin_is_state()
    records = []
    for number, body, position in _recommendations(_clean_lines(text), path.name):
        location = f"paragraph {number}"
        words, states = split_recommending_states(body, is_state)
        if not states:
            raise ParseError(f"{path.name}: {location}: no recommending State in parentheses at its end")
        records.append(
            ParsedRecommendation(
                text=words,
                mechanism=MECHANISM,
                country=country,
                paragraph=number,
                document_symbol=symbol,
                session=session,
                date=found.date,
                position=position,
                position_source=symbol if position else "",
                recommending_states=states,
                location=location,
            )
        )
    yield from records


def parse_responses(
    path: str | Path, *, report_paragraph: str | None = None, document: str | None = None
) -> Iterator[ParsedResponse]:
    """Yield the positions an addendum (A/HRC/…/Add.1) states, one per recommendation;
    nothing for a Working Group report (its positions come with its recommendations).

    Only clear statements count: "accepts/supports the recommendation(s)" (supported);
    "cannot/does not accept", "notes the recommendation", "cannot … make a definitive
    statement" (noted: since HRC res. 16/21 what is not supported is noted); both in one
    answer (partially_supported). Answers with neither ("agrees with the importance of
    …") are left out. Recommendations numbered ``1``, ``2``… rather than ``111.1`` need
    the report's paragraph: ``report_paragraph``, else "paragraph 111 of the report" in
    the text, else they stay bare for the import to match. A recommendation given two
    different positions is a ParseError. ``document`` (the addendum's symbol) overrides
    the text's.
    """
    path = Path(path)
    text = read_text(path)
    symbol = _normal_symbol(document.strip()) if document else _document(text).symbol
    if not _is_addendum(symbol, text):
        return
    if not symbol:
        raise ParseError(f"{path.name}: no document symbol (A/HRC/…/Add.1) found in the addendum")
    report = re.sub(r"/Add\.\d+$", "", symbol)
    if report_paragraph is None:
        match = re.search(r"paragraph\s+(\d{1,3})\s+of\s+(?:the|its|that)\s+report", _squash(text), re.I)
        report_paragraph = match.group(1) if match else None
    responses = []
    for number, position, where in _answers(_clean_lines(text), path.name):
        # A bare number ("15") stays bare when the report's paragraph is unknown: the
        # import matches it against the report's recommendations (…​.15) already stored.
        number = number if "." in number or not report_paragraph else f"{report_paragraph}.{number}"
        responses.append(
            ParsedResponse(
                document_symbol=report, paragraph=number, position=position, position_source=symbol, location=where
            )
        )
    yield from responses


# ---- the document's facts ----------------------------------------------------------------


def _document(text: str, symbol: str | None = None) -> ParsedDocument:
    """Symbol (``symbol`` if given), State, session and date as far as the text gives them
    (symbol may be "")."""
    head = text[:HEAD_CHARS]
    symbol, country = symbol or _symbol(head), _country(head)
    title = "Report of the Working Group on the Universal Periodic Review" + (f": {country}" if country else "")
    if symbol and _is_addendum(symbol, head):
        title += " (addendum)"
    return ParsedDocument(
        symbol=symbol,
        mechanism=MECHANISM,
        title=title,
        countries=[country] if country else [],
        date=_date(head),
        session=_session(_squash(head)),
        language="en",
    )


def _symbol(head: str) -> str:
    """The document's own symbol: the one printed next to "Distr.", else the commonest
    running head. (A cover note or a converter may cite another symbol first.)"""
    distr = re.search(r"Distr\.?\s*:", head)
    near = [m for m in _SYMBOL.finditer(head) if distr and abs(m.start() - distr.start()) < 400]
    if near:
        return _normal_symbol(min(near, key=lambda m: abs(m.start() - distr.start())).group())
    heads = [_normal_symbol(line.strip()) for line in head.splitlines() if _SYMBOL.fullmatch(line.strip())]
    if heads:
        return max(heads, key=heads.count)
    match = _SYMBOL.search(head)
    return _normal_symbol(match.group()) if match else ""


def _stored_symbol(name: str, found: ParsedDocument, find_symbol: FindSymbol | None, addendum: bool) -> str:
    """The one stored report of the State and session the text names; ParseError (asking
    for the symbol) when there is none, several, or nothing to look them up by."""
    country = next(iter(found.countries), None)
    if addendum or not (find_symbol and country and found.session):
        # An addendum's symbol cannot be told from its report's: the user must give it.
        raise ParseError(f"{name}: no document symbol (A/HRC/…) found in the text: give it with --document A/HRC/…")
    symbols = find_symbol(country, found.session)
    if len(symbols) == 1:
        return symbols[0]
    stored = (
        f"several stored Working Group reports ({', '.join(symbols)})" if symbols else "no stored Working Group report"
    )
    raise ParseError(
        f"{name}: no document symbol (A/HRC/…) found in the text and {stored} on {country} "
        f"from session {found.session}: give it with --document A/HRC/…"
    )


def _normal_symbol(symbol: str) -> str:
    return re.sub(r"/ADD\.\s?", "/Add.", symbol.upper())


def _is_addendum(symbol: str, text: str) -> bool:
    """An addendum by its symbol, or by the word standing alone under the title."""
    return "/Add." in symbol or bool(re.search(r"^\s*Addendum\s*$", text[:HEAD_CHARS], re.M | re.I))


def _country(head: str) -> str | None:
    """The State named under the title ("Review*", then "Slovenia"), checked against the
    built-in list; failing that "The review of X was held"; else the first name as written."""
    is_state = _builtin_is_state()
    candidates = [m.group("name") for m in _COUNTRY.finditer(head)]
    candidates += [m.group("name") for m in _REVIEW_OF.finditer(_squash(head))]
    for candidate in candidates:
        words = candidate.strip(_MARKS).split()
        for size in range(len(words), 0, -1):  # "Slovenia (3rd Cycle)" -> "Slovenia"
            if is_state(" ".join(words[:size])):
                return " ".join(words[:size])
    names = [c.strip(_MARKS) for c in candidates if not re.match(r"\s*(?:addendum|views)\b", c, re.I)]
    return names[0] if names and names[0] else None


def _session(text: str) -> int | None:
    """The Working Group session: "held its thirty-fourth session", "held its 7th session"."""
    for match in _SESSION.finditer(text):
        word = re.sub(r"\s+", "", match.group("ord").lower())
        number = int(re.match(r"\d+", word).group()) if word[0].isdigit() else _ordinal(word)
        if number and 1 <= number <= 99:
            return number
    return None


def _ordinal(word: str) -> int | None:
    """ "thirty-fourth" -> 34, "twentieth" -> 20, "seventh" -> 7; None if not an ordinal."""
    tens, _, unit = word.rpartition("-")
    if tens:
        base = next((value for stem, value in _TENS.items() if tens == stem + "y"), None)
        return base + _UNITS.index(unit) + 1 if base and unit in _UNITS[:9] else None
    if unit in _UNITS:
        return _UNITS.index(unit) + 1
    return next((value for stem, value in _TENS.items() if unit == stem + "ieth"), None)


def _date(head: str) -> dt.date | None:
    """The distribution date printed under "Distr.: General"."""
    distr = re.search(r"Distr\.?\s*:", head)
    match = _DATE.search(head, distr.end(), distr.end() + 300) if distr else None
    try:
        return dt.date(int(match.group(3)), _MONTHS.index(match.group(2).lower()) + 1, int(match.group(1)))
    except (AttributeError, ValueError):  # no date there, or "31 June"
        return None


# ---- the report's recommendations -----------------------------------------------------------


def _clean_lines(text: str) -> list[str]:
    """Stripped lines without page numbers, running heads, job numbers and footnotes.

    A footnote (a line starting with ``*``) runs to page furniture, a numbered paragraph
    or a blank line after its text: PDF text puts it mid-paragraph, where the page ends,
    and the marker may stand alone on a line, blank lines around it.
    """
    lines, footnote = [], ""  # footnote: "" outside, else the text seen so far
    for raw in text.splitlines():
        line = raw.strip().replace("\u00a0", " ")
        furniture = any(pattern.match(line) for pattern in _FURNITURE)
        if footnote and (furniture or _NUMBERED.match(line) or (not line and footnote.strip(_MARKS))):
            footnote = ""
        if footnote or _FOOTNOTE.match(line):
            footnote += line or " "
        elif not furniture:
            lines.append(line)
    return lines


def _recommendations(lines: list[str], name: str) -> list[tuple[str, str, str | None]]:
    """``(paragraph, text, position)`` of every recommendation in the section.

    A bare number continuing the chapeau sequence (121. -> 122.) opens a new group; one
    continuing the items (first cycle: "7." under "111.") is a recommendation; any other
    number merely starts a wrapped line ("15.1 maternal deaths") and stays in the text.
    """
    found: list[list] = []
    chapeau, position, open_group, last, in_item = None, None, False, 0, False
    for number, raw, text in _blocks(_section(lines, name)):
        parent, _, sub = number.partition(".")
        next_chapeau = chapeau is None or int(parent) == chapeau + 1
        if sub and (chapeau is None or open_group and int(parent) == chapeau):  # "121.7"
            if chapeau is None:  # the list without its chapeau: no position
                chapeau, open_group = int(parent), True
            if int(sub) != last + 1:  # a repeat or a gap: the text was misread
                problem = "appears twice" if int(sub) <= last else f"follows {chapeau}.{last}: one is missing"
                raise ParseError(f"{name}: paragraph {number}: {problem}")
            last = int(sub)
        elif (
            not sub
            and open_group
            and int(parent) == last + 1
            and not (next_chapeau and (text.endswith(":") or _CLOSING.match(text)))
        ):
            last, number = int(parent), f"{chapeau}.{parent}"
        elif not sub and next_chapeau:
            chapeau, last, open_group, in_item = int(parent), 0, not _CLOSING.match(text), False
            position = _chapeau_position(text)
            continue
        else:
            if in_item:
                found[-1][1] = _join([found[-1][1], raw])
            continue
        found.append([number, text, position])
        in_item = True
    if not found:
        raise ParseError(f"{name}: no numbered recommendations (such as '121.1 Ratify … (France);') in the section")
    return [tuple(item) for item in found]


def _section(lines: list[str], name: str) -> list[str]:
    """The lines after the last "Conclusions and/or recommendations" heading (an earlier
    one is the table of contents), up to the annex or the next chapter."""
    starts = [index for index, line in enumerate(lines) if _HEADING.match(line)]
    if not starts:
        raise ParseError(f"{name}: no 'Conclusions and/or recommendations' section found")
    rest = lines[starts[-1] + 1 :]
    end = next((index for index, line in enumerate(rest) if _SECTION_END.match(line)), len(rest))
    return rest[:end]


def _blocks(lines: list[str]) -> Iterator[tuple[str, str, str]]:
    """``(number, text with its number, text)`` for each run of lines opened by a number."""
    number, first, parts = None, "", []
    for line in lines:
        match = _NUMBERED.match(line)
        if match and ("." in match.group("num") or match.group("dot")):
            if number is not None:
                yield number, _join([first, *parts[1:]]), _join(parts)
            number, first, parts = match.group("num"), line, [match.group("rest") or ""]
        elif number is not None:
            parts.append(line)
    if number is not None:
        yield number, _join([first, *parts[1:]]), _join(parts)


def _chapeau_position(text: str) -> str | None:
    """The position a chapeau paragraph gives its group; None when not (yet) decided."""
    return next((position for position, pattern in _CHAPEAU_POSITIONS if pattern.search(text)), None)


def _join(parts: list[str]) -> str:
    """Join wrapped lines; a line ending in a hyphen or dash ("non-") joins without a space."""
    text = ""
    for part in filter(None, (part.strip() for part in parts)):
        text += ("" if not text or re.search(r"\w[-\u2013]$", text) else " ") + part
    return re.sub(r"\s+", " ", text)


# ---- the addendum's answers -----------------------------------------------------------------


def _answers(lines: list[str], name: str) -> list[tuple[str, str, str]]:
    """``(recommendation number, position, location)`` stated clearly in an addendum.

    When the addendum lists numbers after a verb ("accepts the recommendations 1–5"), its
    own numbered paragraphs are not answers; otherwise each ``5., 6.`` block answers them.
    """
    blocks = list(_answer_blocks(lines))
    found: dict[str, tuple[str, str]] = {}
    listed = False
    for _rec, numbers, text in blocks:
        for match in [*_ACTIVE.finditer(text), *_PASSIVE.finditer(text)]:
            listed = True
            where = f"list in paragraph {numbers[0]}" if numbers else "list in the text"
            for number in _expand(match.group("list")):
                _keep(found, number, _verb_position(match.group("verb")), where, name)
    for rec, numbers, text in blocks:
        if not numbers or (listed and not rec and "." not in numbers[0]):
            continue  # the addendum's own paragraph: "3. The Government accepts …"
        position = _answer_position(text)
        for number in numbers if position else ():
            _keep(found, number, position, f"answer to {', '.join(numbers)}", name)
    return [(number, position, where) for number, (position, where) in found.items()]


def _answer_blocks(lines: list[str]) -> Iterator[tuple[bool, list[str], str]]:
    """``(is "Rec. N", numbers, text)`` of each numbered block. A number list ending in a
    comma ("40., 41., 42.,") goes on in the next line ("43., 44."): two-column layouts."""
    rec, numbers, parts, pending = False, [], [], False
    for line in lines:
        match = next(filter(None, (pattern.match(line) for pattern in _ANSWER_START)), None)
        rest = (match.group("rest") or "") if match else ""
        if match and (pending or not rest or rest[0].isupper()):  # not "15.1 maternal deaths"
            if not pending:
                yield rec, numbers, _join(parts)
                rec, numbers, parts = match.group("label").startswith("Rec"), [], []
            numbers += re.findall(r"\d{1,3}(?:\.\d{1,3})?", match.group("nums"))
            pending, line = bool(match.group("comma")), rest
        parts.append(line)
    yield rec, numbers, _join(parts)


def _keep(found: dict, number: str, position: str, where: str, name: str) -> None:
    """Keep one position per recommendation; two different ones are an error."""
    if number in found and found[number][0] != position:
        first, place = found[number]
        raise ParseError(f"{name}: recommendation {number}: {first} in {place} but {position} in {where}")
    found.setdefault(number, (position, where))


def _expand(numbers: str) -> list[str]:
    """ "1–5, 14, 115.3 and 115.7" -> every number, with ranges filled in."""
    result: list[str] = []
    for item in filter(None, re.split(r"\s*(?:,|\band\b)\s*", numbers.strip())):
        ends = re.split(r"\s*(?:[\u2013\u2014-]|\bto\b)\s*", item)
        parent, _, first = ends[0].rpartition(".")
        last = int(ends[-1].rpartition(".")[2])
        prefix = f"{parent}." if parent else ""
        result += [f"{prefix}{n}" for n in range(int(first), min(last, int(first) + 999) + 1)]
    return result


def _verb_position(verb: str) -> str:
    verb = verb.lower()  # "notes", "cannot accept", "rejects", "partially supports", "accepts"
    return "partially_supported" if "partial" in verb else "noted" if re.search("not|reject", verb) else "supported"


def _answer_position(text: str) -> str | None:
    """The position one answer states, or None when it does not say so clearly."""
    if text.strip(" .;:").lower() in POSITION_WORDS:
        return position_word(text)
    positive = negative = False
    for match in _ACCEPT.finditer(text):
        negative, positive = negative or bool(match.group("neg")), positive or not match.group("neg")
    negative = negative or bool(_NOT_ACCEPTED.search(text))
    if positive and negative:
        return "partially_supported"
    return "supported" if positive else "noted" if negative else None


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def _builtin_is_state() -> IsState:
    from rightstrack.reference.directory import lookup_builtin_state  # its CSV loads on first use

    return lambda name: lookup_builtin_state(name) is not None
