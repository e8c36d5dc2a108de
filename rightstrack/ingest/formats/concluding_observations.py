"""Treaty-body concluding observations (CCPR, CESCR, CRC, CEDAW, CERD, CAT, CRPD, CED, CMW).

A concluding observations document (symbol ``CCPR/C/UZB/CO/5``, ``E/C.12/SVN/CO/3``,
``CRC/C/PER/CO/6-7``) is titled "Concluding observations on the fifth periodic report of
Uzbekistan*", the footnote saying "* Adopted by the Committee at its 128th session
(2–27 March 2020)." Lettered (or, for CRC and CRPD, roman) sections follow: Introduction,
Positive aspects, then "Principal matters of concern and recommendations" (the wording
varies; it always says "concern"), then dissemination, follow-up and the next report.
Inside them short thematic headings ("Non-discrimination") stand above numbered
paragraphs: "12. The Committee is concerned …", "13. The State party should: (a) …".

Only the paragraphs from the concerns part to the end are yielded: the Introduction and
Positive aspects record the dialogue and what the Committee welcomes, not anything the
State is asked to do. Each paragraph is one record, typed ``recommendation`` (the
Committee recommends / urges / requests / calls upon / encourages the State party, or
"the State party should"), ``concern`` (is concerned, notes with concern, regrets …) or
``observation``. The paragraphs named in the follow-up paragraph ("…information on the
implementation of the recommendations made … in paragraphs 15 (non-discrimination), 25
(torture) and 43 (freedom of expression) above.") get ``follow_up=True``; that paragraph
itself is not yielded.

The text comes from :func:`document_text.read_text`, so PDF, Word, HTML and pasted text
are read alike; PDF page furniture (job number "GE.20-05678", the symbol, page numbers) and
footnote texts (the title's "* Adopted by the Committee at its … session", "** …",
numbered ones at the page foot, even when they fall amid a paragraph) are dropped, and
footnote markers glued to words are removed.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from rightstrack.ingest.formats.base import ParseError
from rightstrack.ingest.formats.document_text import read_text, sniff
from rightstrack.ingest.records import ParsedDocument, ParsedRecommendation

DETECT_CHARS = 30_000
_BODIES = {"CCPR", "CESCR", "CRC", "CEDAW", "CERD", "CAT", "CRPD", "CED", "CMW"}
# "CCPR/C/UZB/CO/5", "E/C.12/SVN/CO/3", "CRC/C/OPAC/USA/CO/2", and the pre-2006 "CCPR/CO/75/VNM".
_SYMBOL = re.compile(r"(?<![\w/.])((?:[A-Z][A-Za-z]*(?:\.\d+)?/){1,4}CO/\d+(?:-\d+)?|[A-Z]+/CO/\d+/[A-Z]{3})(?![\w/])")
_TITLE = re.compile(r"^\s*Concluding\s+observations\b", re.M)
_TITLE_STATE = re.compile(r"\breports?\s+(?:submitted\s+)?(?:of|by)\s+(?P<name>\S.*)$", re.I)
_MONTHS = ("january february march april may june july august september october november december").split()
_DATE = re.compile(r"\b(\d{1,2})\s+(" + "|".join(_MONTHS) + r")\s+(\d{4})\b", re.I)
_ADOPTED_FOOTNOTE = re.compile(r"Adopted\s+by\s+the\s+Committee\s+at\s+its\b[^()]*\(([^()]*)\)", re.I)
_DISTRIBUTED = re.compile(r"Distr\.?\s*:?\s*(?:General|Restricted)\s*(\d{1,2}\s+[A-Za-z]+\s+\d{4})", re.I)

_PARAGRAPH = re.compile(r"^(\d{1,3})\.(?!\d)\s*(.*)$")
_SECTION = re.compile(r"^(?:[A-H]|[IVX]{1,5})\.\s+(\S.*)$")  # "C. Principal …", "III. Main areas …"
_SUB_LABEL = re.compile(r"^\((?:[a-z]{1,2}|[ivx]{1,5})\)")
_ENDS_SENTENCE = re.compile(r"[.;:,][\"”’)]?\d{0,2}$")  # "…disabilities.1": a footnote marker may follow
_FURNITURE = (
    re.compile(r"^\*"),  # "*2005678*" bar codes, footnote stars standing alone, "**Document:**" (Markdown)
    re.compile(r"^Advance\s+unedited\s+version$", re.I),
)
# Footnote texts, printed at the page foot, which PDF text puts amid the paragraph running
# across the page break: "* Adopted by the Committee at its 128th session (…).", "** The
# annexes …", and numbered ones ("1 See …", "12 Human Rights Committee, general comment
# No. 35 …"). A numbered one is taken only after its marker was seen in the text ("…
# arrest.12"), or when it cites a source, so that a wrapped line starting with a number
# ("15 (non-discrimination), 25 …") stays text.
_STAR_FOOTNOTE = re.compile(r"^\*+\s*[A-Z](?![^*]*\*\*)")  # not Markdown's "**Date:** …"
_NUMBERED_FOOTNOTE = re.compile(r"^(\d{1,3})\s+[^\s(a-z]")
_CITING_FOOTNOTE = re.compile(r"^\d{1,3}\s+(?:See\b|Available\b|Submission\b|https?:|www\.|(?:[A-Z][\w.]*/){2,})")
# A footnote ends with its sentence; the title footnote may lack the full stop.
_FOOTNOTE_END = re.compile(r"\.[\"”’)]?$|Adopted\s+by\s+the\s+Committee\s+at\s+its\b[^()]*\([^()]*\)$", re.I)
# The title footnote copied inline with the text, with the processing date of the page
# foot after it (text extractions do): "…the Manual * Adopted by … (4–28 March 2024). 180424 on the…".
_INLINE_ADOPTED = re.compile(
    r"\s\*+\s*Adopted\s+by\s+the\s+Committee\s+at\s+its\b[^()]*\([^()]*\)\.?(?:\s+\d{6})?(?=\s|$)", re.I
)
# A line made only of these is a page header or footer: job number, page number, "(E)", dates.
_FURNITURE_TOKENS = re.compile(r"GE\.\d{2}-\d{4,6}|\(E\)|\b\d{6}\b|\b\d{1,3}\b")
# Superscript footnote markers lose their raising in text: "Covenant.1 The", "recommendation1 that".
_MARKER = re.compile(r"(?<=[a-z]{2})\d{1,2}(?=[\s,.;:]|$)|(?<!No\.)(?<=[a-z)”’\"][.,;:])\d{1,2}(?=\s|$)")
_RECOMMENDS = re.compile(
    r"\bstate\s+party\s+(?:should|must|is\s+(?:requested|urged|encouraged|invited|called\s+upon))\b"
    r"|\b(?:recommends|urges|requests|calls\s+(?:up)?on|encourages|invites)\s+(?:that\s+)?(?:the\s+)?state\s+party\b"
    r"|\breiterates\s+its\s+(?:previous\s+)?recommendations?\b",
    re.I,
)
# Public: the UHRI reader tells concerns from observations with the same words.
CONCERN = re.compile(
    r"\b(?:is|are|remains|was)\s+(?:(?:also|further|deeply|seriously|particularly|gravely|still)\s+)*concerned\b"
    r"|\bnot(?:es|ing)\s+with\s+(?:\w+\s+)?concern\b|\bregrets\b|\bdeplores\b|\bis\s+(?:alarmed|disturbed|troubled)\b",
    re.I,
)
# The follow-up paragraph asks for information by a deadline; "…in its next periodic report
# (see para. 15 above)" names no deadline and selects nothing.
_FOLLOW_UP = re.compile(r"\b(?:provide|submit)\b.{0,400}?\binformation\b", re.I | re.S)
_DEADLINE = re.compile(r"\bwithin\s+\w+\s+(?:years?|months?)\b|\bby\s+\d{1,2}\s+[A-Z][a-z]+\s+\d{4}\b")
_REFERENCE = re.compile(r"\b(?:paragraphs?|paras?\.)\s*", re.I)
_REFERENCE_ITEM = re.compile(
    r"\s*(?:(\d{1,3})(?:\s*[–-]\s*(\d{1,3}))?(?!\d)|\((?:[a-z]|[ivx]{1,4})\)|,|and\b|see\b|paras?\.|paragraphs?\b)",
    re.I,
)
# A parenthesis that is neither a sub-paragraph label nor a "see paras." list: "(freedom of expression)".
_DESCRIPTION = re.compile(r"\((?!(?:[a-z]|[ivx]{1,4})\))(?![^()]*\bpara(?:graph)?s?\b)[^()]*\)", re.I)


@dataclass
class _Paragraph:
    number: int
    subject: str
    in_part: bool  # in the concerns-and-recommendations part or after it
    lines: list[str] = field(default_factory=list)


def detect(path: str | Path) -> bool:
    """True when the file's first ~30 KB look like concluding observations: a treaty-body
    ``…/CO/…`` symbol and a line starting "Concluding observations"."""
    try:
        text = _read(Path(path))[:DETECT_CHARS]
    except ParseError:
        return False
    return bool(_SYMBOL.search(text) and _TITLE.search(text))


def parse_document(
    path: str | Path, *, document: str | None = None, is_state: Callable[[str], bool] | None = None
) -> ParsedDocument:
    """The document: symbol (``document`` replaces the one in the file), treaty body,
    State party, adoption date.

    The date is the day the Committee adopted the observations (the Introduction's
    "…adopted the present concluding observations at its 3709th meeting, held on 24 March
    2020"), else the last day of the session in the title footnote, else the distribution
    date. Raises :class:`ParseError` naming the file when it is not concluding
    observations or its symbol names no known treaty body.
    """
    path = Path(path)
    text = _read(path)
    symbol = _symbol(path.name, text, document)
    return _document(path.name, text, symbol, _paragraphs(_body_lines(text, symbol)), is_state)


def parse(
    path: str | Path,
    *,
    country: str | None = None,
    document: ParsedDocument | str | None = None,
    is_state: Callable[[str], bool] | None = None,
) -> Iterator[ParsedRecommendation]:
    """Yield one record per numbered paragraph from the concerns part to the end.

    ``country`` overrides the State found in the title; ``document`` is either a
    :class:`ParsedDocument` whose symbol, mechanism, State and date are used, or a symbol
    string that replaces the one in the file. The whole file is read before anything is
    returned, so a :class:`ParseError` (naming the file and paragraph) comes at the call.
    """
    path = Path(path)
    text = _read(path)
    symbol = _symbol(path.name, text, document.symbol if isinstance(document, ParsedDocument) else document)
    paragraphs = _paragraphs(_body_lines(text, symbol))
    if not isinstance(document, ParsedDocument):
        document = _document(path.name, text, symbol, paragraphs, is_state)
    if country is None:
        country = document.countries[0] if document.countries else None
    return iter(_records(path.name, paragraphs, document, country))


def _read(path: Path) -> str:
    """The document text; for Word files the page headers first, where UN files keep the symbol."""
    text = read_text(path)
    if sniff(path) != "docx":
        return text
    import docx  # python-docx, already needed by read_text for this file

    lines = []
    for section in docx.Document(str(path)).sections:
        for part in (section.first_page_header, section.header):
            if not part.is_linked_to_previous:  # reading a linked part would create it
                lines += [paragraph.text for paragraph in part.paragraphs]
                lines += [cell.text for table in part.tables for row in table.rows for cell in row.cells]
    return "\n".join([*lines, text])


def _symbol(name: str, text: str, given: str | None = None) -> str:
    """The document's own symbol (``given``, else the first one above the title: earlier
    reports' observations are cited below it, else the first anywhere); ParseError if the
    text is not concluding observations or the symbol names no treaty body."""
    title = _TITLE.search(text)
    found = _SYMBOL.search(text, 0, title.start() if title else len(text)) or _SYMBOL.search(text)
    symbol = given or (found.group(1) if found else None)
    if not symbol or not title:
        raise ParseError(
            f"{name}: not treaty-body concluding observations (no …/CO/… symbol or no 'Concluding observations' title)"
        )
    _mechanism(name, symbol)
    return symbol


def _mechanism(name: str, symbol: str) -> str:
    """The treaty body of a symbol: its first part, CESCR for "E/C.12"."""
    body = "CESCR" if symbol.startswith("E/C.12/") else symbol.split("/")[0]
    if body not in _BODIES:
        raise ParseError(
            f"{name}: symbol {symbol}: unknown treaty body {body!r} "
            f"(expected one of {', '.join(sorted(_BODIES))}, or E/C.12 for CESCR)"
        )
    return body


def _document(name: str, text: str, symbol: str, paragraphs: list[_Paragraph], is_state) -> ParsedDocument:
    """Assemble the ParsedDocument from the text and its paragraphs."""
    if is_state is None:
        from rightstrack.reference.directory import lookup_builtin_state

        def is_state(value: str) -> bool:
            return lookup_builtin_state(value) is not None

    title, country = _title_and_country(text, symbol, is_state)
    return ParsedDocument(
        symbol=symbol,
        mechanism=_mechanism(name, symbol),
        title=title.replace("*", "").strip(),
        countries=[country] if country else [],
        date=_adoption_date(text, paragraphs),
    )


def _title_and_country(text: str, symbol: str, is_state: Callable[[str], bool]) -> tuple[str, str | None]:
    """The title and the State it names ("…periodic report of the Bolivarian Republic of
    Venezuela*"), else the ISO3 code in the symbol, else the title's words as written.
    A PDF may wrap the State's name ("…of the Lao People's Democratic" / "Republic*"), so
    the next line is tried too when the title does not end with its footnote star."""
    lines = [" ".join(line.split()) for line in text[_TITLE.search(text).start() :].split("\n", 6)]
    lines = [line for line in lines if line]
    titles = lines[:1]
    follow = lines[1] if len(lines) > 1 else ""
    if follow and not titles[0].endswith("*") and not (_SECTION.match(follow) or _PARAGRAPH.match(follow)):
        titles.append(f"{titles[0]} {follow}")
    words = []
    for title in titles:
        match = _TITLE_STATE.search(title)
        # Longest first: "Congo, Democratic Republic of the" is not "Congo"; "Mexico, adopted …" is Mexico.
        words = re.split(r"\*|\s+under\s+article", match.group("name"))[0].split() if match else []
        for size in range(len(words), 0, -1):
            name = " ".join(words[:size]).rstrip(",;:")
            for candidate in (re.sub(r"^the\s+", "", name, flags=re.I), name):
                if is_state(candidate):
                    return title, candidate
    codes = [part for part in symbol.split("/") if re.fullmatch(r"[A-Z]{3}", part)]
    if codes and is_state(codes[-1]):
        return titles[0], codes[-1]
    return titles[0], " ".join(words).rstrip(",;:") or (codes[-1] if codes else None)


def _adoption_date(text: str, paragraphs: list[_Paragraph]) -> dt.date | None:
    """See :func:`parse_document`."""
    for paragraph in paragraphs:
        for sentence in re.split(r"(?<=\.)\s+(?=[A-Z])", _text(paragraph.lines)):
            lowered = sentence.lower()
            if "adopted" in lowered and "concluding observations" in lowered:
                after = _dates(sentence[lowered.index("adopted") :])
                found = after[:1] or _dates(sentence)[-1:]
                if found:
                    return found[0]
    footnote = _ADOPTED_FOOTNOTE.search(text)
    found = _dates(footnote.group(1))[-1:] if footnote else []
    if not found:
        distributed = _DISTRIBUTED.search(" ".join(text[:5000].split()))
        found = _dates(distributed.group(1)) if distributed else []
    return found[0] if found else None


def _dates(text: str) -> list[dt.date]:
    """Every "24 March 2020" in the text, in order."""
    dates = []
    for day, month, year in _DATE.findall(text):
        try:
            dates.append(dt.date(int(year), _MONTHS.index(month.lower()) + 1, int(day)))
        except ValueError:
            continue
    return dates


def _body_lines(text: str, symbol: str) -> list[str]:
    """Non-empty lines with whitespace collapsed, page furniture and footnote texts removed.

    A footnote (see ``_STAR_FOOTNOTE`` and the others) runs over its wrapped lines until
    its sentence ends, page furniture comes, or a numbered paragraph or a section starts.
    """
    lines: list[str] = []
    markers: set[int] = set()  # footnote numbers seen in the text, their footnote not yet
    footnote = ""  # the open footnote's text so far
    for raw in text.split("\n"):
        line = " ".join(_INLINE_ADOPTED.sub(" ", f" {raw}").split())
        if not line:
            continue
        if _footnote_start(line, markers):
            footnote = line
        elif _is_furniture(line, symbol):
            footnote = ""  # a footnote ends at the page's foot
            continue
        elif footnote and not (_PARAGRAPH.match(line) or _SECTION.match(line)):
            footnote += " " + line
        else:
            footnote = ""
            markers.update(int(number) for number in _MARKER.findall(line))
            lines.append(line)
            continue
        if _FOOTNOTE_END.search(footnote):
            footnote = ""
    return lines


def _is_furniture(line: str, symbol: str) -> bool:
    """A page header or footer line: "GE.20-05678(E)", "CCPR/C/UZB/CO/5", "7", "3 CCPR/C/UZB/CO/5"."""
    return (
        any(pattern.search(line) for pattern in _FURNITURE)
        or not _FURNITURE_TOKENS.sub("", line.replace(symbol, "")).strip()
    )


def _footnote_start(line: str, markers: set[int]) -> bool:
    """Does a footnote text start on this line? A numbered one uses up its marker."""
    if _STAR_FOOTNOTE.match(line):
        return True
    numbered = _NUMBERED_FOOTNOTE.match(line)
    if _CITING_FOOTNOTE.match(line) or numbered and int(numbered.group(1)) in markers:
        markers.discard(int(line.split()[0]))
        return True
    return False


def _paragraphs(lines: list[str]) -> list[_Paragraph]:
    """Group lines into numbered paragraphs, each with the heading it stands under.

    A heading can only stand between a paragraph's closing full stop and the next
    paragraph number, and never ends in punctuation: lines held back after a full stop,
    up to the last one that ends a sentence, were the paragraph's own text wrapped after
    a sentence (PDF) and go back to it; the rest are headings.
    """
    paragraphs: list[_Paragraph] = []
    pending: list[str] = []  # lines after a full stop: a heading, or more of the paragraph
    subject, in_part = "", False
    for line in lines:
        match = _PARAGRAPH.match(line)
        last = paragraphs[-1].number if paragraphs else 0
        if match and (not paragraphs or last < int(match.group(1)) <= last + 3):
            # Up to the last line ending a sentence, pending lines were the paragraph's own.
            cut = max((i + 1 for i, text in enumerate(pending) if _ENDS_SENTENCE.search(text)), default=0)
            if paragraphs:
                paragraphs[-1].lines += pending[:cut]
            if pending[cut:]:
                subject, in_part = _headings(pending[cut:], subject, in_part)
            pending = []
            first = [match.group(2)] if match.group(2) else []  # "12." alone: its text is on the next line
            paragraphs.append(_Paragraph(int(match.group(1)), subject, in_part, first))
        elif not paragraphs or (pending or _closed(paragraphs[-1])) and _heading_like(line, first=not pending):
            pending.append(line)
        else:
            paragraphs[-1].lines += [*pending, line]
            pending = []
    if paragraphs:
        paragraphs[-1].lines += pending
    return paragraphs


def _closed(paragraph: _Paragraph) -> bool:
    """Does the paragraph's text so far end a sentence? (A number alone has no text yet.)"""
    return bool(paragraph.lines) and bool(_ENDS_SENTENCE.search(paragraph.lines[-1]))


def _heading_like(line: str, first: bool) -> bool:
    """Could this line be (part of) a heading? Headings are short and open with a capital;
    their wrapped second lines may not."""
    return len(line) <= 160 and not _SUB_LABEL.match(line) and (not first or line[:1].isupper())


def _headings(lines: list[str], subject: str, in_part: bool) -> tuple[str, bool]:
    """The subject for the paragraphs below these heading lines, and whether the
    concerns part has begun (its section title says "concern")."""
    section, thematic = None, []
    for line in lines:
        line = _MARKER.sub("", line)  # "Equality and non-discrimination21"
        match = _SECTION.match(line)
        if match:
            section, thematic = match.group(1), []
        elif section is not None and not thematic and (line[:1].islower() or section.count("(") > section.count(")")):
            section += " " + line  # the section title wrapped: "… (arts. 4, 42 and" / "44 (6))"
        else:
            thematic.append(line)
    if section is not None:
        in_part = in_part or "concern" in section.lower()
        subject = section
    # Before the first paragraph every front-matter line is "pending": keep the last few.
    return (" ".join(thematic[-3:]) or subject), in_part


def _text(lines: list[str]) -> str:
    """Join wrapped lines; a line ending in a hyphen was a hyphenated word ("ill-" "treatment")."""
    text = ""
    for line in lines:
        if re.search(r"\w-$", text):
            text += line
        else:
            text += (" " if text else "") + line
    return " ".join(_MARKER.sub("", text).split())


def _kind(text: str) -> str:
    """recommendation, concern or observation; see the module docstring."""
    if _RECOMMENDS.search(text):
        return "recommendation"
    return "concern" if CONCERN.search(text) else "observation"


def _followed_up(text: str) -> set[int]:
    """Paragraph numbers a follow-up paragraph selects: "paragraphs 11 (a) and (b), 19 and
    27 above", "(see paras. 9, 13 (c) and 16 (a) above)"; empty for other paragraphs."""
    if not (_FOLLOW_UP.search(text) and _DEADLINE.search(text)):
        return set()
    while _DESCRIPTION.search(text):
        text = _DESCRIPTION.sub("", text)
    numbers: set[int] = set()
    for start in _REFERENCE.finditer(text):
        found, position = set(), start.end()
        while (item := _REFERENCE_ITEM.match(text, position)) and item.end() > position:
            if item.group(1):
                first = int(item.group(1))
                found.update(range(first, max(first, min(int(item.group(2) or first), first + 30)) + 1))
            position = item.end()
        # "rule 75, paragraph 1, of the rules of procedure" cites a rule, not this document
        if not re.match(r"\s*of\b", text[position:]):
            numbers |= found
    return numbers


def _records(name: str, paragraphs: list[_Paragraph], document: ParsedDocument, country) -> list:
    """The records of the concerns part onwards (or, if no section says "concern", from the
    first concern or recommendation)."""
    if not paragraphs:
        raise ParseError(f"{name}: no numbered paragraphs found")
    part = [p for p in paragraphs if p.in_part]
    if not part:
        kinds = [_kind(_text(p.lines)) for p in paragraphs]
        first = next((i for i, kind in enumerate(kinds) if kind != "observation"), len(kinds))
        part = paragraphs[first:]
    if not part:
        raise ParseError(f"{name}: no concerns or recommendations found in {len(paragraphs)} paragraphs")
    texts = {p.number: _text(p.lines) for p in part}
    for number, text in texts.items():
        if not text:
            raise ParseError(f"{name}: paragraph {number}: no text after the paragraph number")
    # The follow-up paragraph only says which recommendations the follow-up procedure
    # covers: it marks them and is no recommendation itself.
    follow_up = {number: _followed_up(text) for number, text in texts.items()}
    selected = set().union(*follow_up.values())
    part = [p for p in part if not follow_up[p.number]]
    return [
        ParsedRecommendation(
            text=texts[p.number],
            mechanism=document.mechanism,
            country=country,
            paragraph=str(p.number),
            document_symbol=document.symbol,
            date=document.date,
            type=_kind(texts[p.number]),
            subject=p.subject,
            follow_up=p.number in selected,
            language=document.language,
            location=f"paragraph {p.number}",
        )
        for p in part
    ]
