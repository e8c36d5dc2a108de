"""The import formats: their names (a contract: `rightstrack import --format NAME`),
how each is recognised from a file's content, and how each is read.

Every reader returns a ParsedFile of plain records; ``ingest.services`` writes them.
Format modules are imported when used, so the CLI starts fast.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rightstrack.ingest.formats.base import ParseError, check_archive
from rightstrack.ingest.records import ParsedDocument, ParsedRecommendation, ParsedResponse


@dataclass
class ImportOptions:
    """What the user said about the file (command line or upload form)."""

    country: str | None = None
    mechanism: str | None = None
    document: str | None = None
    session: int | None = None
    encoding: str | None = None
    mapping: dict[str, str] = field(default_factory=dict)
    entity: str | None = None  # who a file's own content comes from (a filled-in matrix's assessments)


@dataclass
class ParsedFile:
    records: Iterable[ParsedRecommendation] = ()
    documents: list[ParsedDocument] = field(default_factory=list)
    responses: Iterable[ParsedResponse] = ()
    # A format's own writes (a higher app's), run in the import's transaction after the
    # records: all or nothing with them, rolled back by a dry run.
    finish: Callable[[FinishContext], None] | None = None


@dataclass
class FinishContext:
    """What a format's ``finish`` gets: who imports, and the summary to add to."""

    user: object
    source: str
    dry_run: bool
    summary: object  # ingest.services.ImportSummary: add to ``errors`` and ``also``


@dataclass(frozen=True)
class Format:
    name: str
    module: str
    suffixes: tuple[str, ...]
    auto: bool = True  # recognised by --format auto
    kind: str = "table"  # the kind of source its values come from (ingest.precedence)
    label: str = ""  # shown on the upload form (a registered format's; the built-in ones' are in ingest.forms)

    def load(self):
        # A higher app's format names its module in full (see register_format).
        return importlib.import_module(
            self.module if "." in self.module else f"rightstrack.ingest.formats.{self.module}"
        )

    def detect(self, path: Path) -> bool:
        return self.auto and path.suffix.lower() in self.suffixes and self.load().detect(path)


# Most specific first: auto-detection takes the first format that recognises the file.
FORMATS = [
    Format("uhri-xlsx", "uhri", (".xlsx",), kind="uhri"),
    Format("uhri-json", "uhri", (".json",), kind="uhri"),
    Format("upr-info-csv", "upr_info", (".csv", ".txt"), kind="upr-info"),
    Format("ohchr-docx", "ohchr_docx", (".docx",), kind="ohchr-list"),
    Format("wg-report", "wg_report", (".pdf", ".docx", ".html", ".htm", ".md", ".txt"), kind="wg-report"),
    Format(
        "concluding-observations",
        "concluding_observations",
        (".pdf", ".docx", ".html", ".htm", ".md", ".txt"),
        kind="concluding-observations",
    ),
    Format("rightstrack-json", "rightstrack_json", (".json",), kind="rightstrack-json"),
    Format("table", "table", (".csv", ".xlsx"), auto=False),
]
BY_NAME = {f.name: f for f in FORMATS}
NAMES = ["auto", *BY_NAME]


def detect_format(path: Path, *, how_to_choose: str | None = None) -> Format:
    """The format of a file, from its content; ParseError naming the file if none fits.

    The error ends with ``how_to_choose``, telling the user how to name the format
    themselves; by default the command line's: "give --format" and the format names.
    """
    with open(path, "rb") as handle:
        if handle.read(4) == b"PK\x03\x04":
            check_archive(path)  # a damaged or hostile Office file: say so, not "unknown format"
    for fmt in FORMATS:
        if fmt.detect(path):
            return fmt
    how_to_choose = how_to_choose or f"give --format: {', '.join(n for n in NAMES if n != 'auto')}"
    raise ParseError(f"{path.name}: not a format rightstrack recognises ({how_to_choose})")


def _read_report(module, path: Path, options: ImportOptions, **extra) -> ParsedFile:
    """A report's document, records and (an addendum's) responses, all under one symbol:
    the one given (--document), else the text's, else (a Working Group report copied
    without it) that of the report stored for the State and session the text names."""
    lookup = {}
    if module is BY_NAME["wg-report"].load():
        from rightstrack.recommendations.selectors import working_group_report_symbols

        lookup["find_symbol"] = working_group_report_symbols
    document = module.parse_document(path, document=options.document, **lookup, **extra)
    has_responses = getattr(module, "parse_responses", None)
    responses = module.parse_responses(path, document=document.symbol) if has_responses else ()
    records = module.parse(path, country=options.country, document=document.symbol, **extra)
    return ParsedFile(records=records, documents=[document], responses=responses)


READERS: dict[str, Callable] = {
    "uhri-xlsx": lambda m, p, o: ParsedFile(records=m.parse(p)),
    "uhri-json": lambda m, p, o: ParsedFile(records=m.parse(p)),
    "upr-info-csv": lambda m, p, o: ParsedFile(records=m.parse(p, encoding=o.encoding)),
    "ohchr-docx": lambda m, p, o: ParsedFile(records=m.parse(p, country=o.country, session=o.session)),
    "wg-report": lambda m, p, o: _read_report(m, p, o, session=o.session),
    "concluding-observations": lambda m, p, o: _read_report(m, p, o),
    "rightstrack-json": lambda m, p, o: (lambda docs, recs: ParsedFile(records=recs, documents=docs))(*m.load(p)),
    "table": lambda m, p, o: ParsedFile(
        records=m.parse(p, mapping=o.mapping, mechanism=o.mechanism, encoding=o.encoding)
    ),
}


def register_format(fmt: Format, reader: Callable, *, before: str) -> None:
    """Add a format that a higher app owns (ingest never imports it): ``fmt.module`` is
    its full module path, ``reader(module, path, options)`` returns a ParsedFile, and
    auto-detection tries it just before the format named ``before``. Called from the
    app's ``ready()``; registering the same name again changes nothing."""
    if fmt.name in BY_NAME:
        return
    FORMATS.insert(FORMATS.index(BY_NAME[before]), fmt)
    BY_NAME[fmt.name] = fmt
    NAMES.append(fmt.name)  # in place: the import command's choices are this list
    READERS[fmt.name] = reader


def read_file(path: Path, fmt: str, options: ImportOptions) -> tuple[Format, ParsedFile]:
    """Open ``path`` as format ``fmt`` ("auto" detects it) and return its parsed content."""
    path = Path(path)
    if not path.is_file():
        raise ParseError(f"{path}: no such file")
    if path.stat().st_size == 0:
        raise ParseError(f"{path.name}: the file is empty")
    if fmt == "table" and not options.mapping:
        raise ParseError(f"{path.name}: the table format needs a column mapping (--columns text=Column,...)")
    chosen = detect_format(path) if fmt == "auto" else BY_NAME.get(fmt)
    if chosen is None:
        raise ParseError(f"unknown format {fmt!r} (one of: {', '.join(NAMES)})")
    return chosen, READERS[chosen.name](chosen.load(), path, options)
