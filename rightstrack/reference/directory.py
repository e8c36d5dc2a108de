"""The built-in reference data, read from the CSV files shipped in ``reference/data``.

Parsers need to know what a State is (to tell "(Argentina)" from "(ICPPED)") without a
database, and ``rightstrack init`` needs the same facts to seed it; both read them here.
Files start with ``#`` comment lines that cite their sources.
"""

from __future__ import annotations

import csv
import functools
from collections.abc import Iterator
from importlib import resources

from rightstrack.reference.names import normalize_name


def read_data_csv(name: str) -> Iterator[dict[str, str]]:
    """Yield the rows of a shipped data file, skipping its ``#`` citation header."""
    text = resources.files("rightstrack.reference").joinpath("data", name).read_text("utf-8")
    lines = [line for line in text.splitlines() if not line.startswith("#")]
    for row in csv.DictReader(lines):
        yield {key: (value or "").strip() for key, value in row.items()}


def split_aliases(value: str) -> list[str]:
    """Split a ``|``-separated alias cell into its non-empty names."""
    return [part.strip() for part in value.split("|") if part.strip()]


@functools.lru_cache(maxsize=1)
def builtin_state_index() -> dict[str, str]:
    """Map every normalised built-in State name, official name and alias to its ISO3."""
    index: dict[str, str] = {}
    for row in read_data_csv("states.csv"):
        names = [row["name"], row["official_name"], *split_aliases(row["aliases"])]
        for name in names:
            key = normalize_name(name)
            if index.setdefault(key, row["iso3"]) != row["iso3"]:
                raise ValueError(f"states.csv: the name {name!r} is given to two States")
    return index


def lookup_builtin_state(name: str) -> str | None:
    """Return the ISO3 of a State name (or upper-case ISO3 code) in the shipped data, or None."""
    code = name.strip()
    if len(code) == 3 and code.isupper() and code in builtin_state_index().values():
        return code
    return builtin_state_index().get(normalize_name(name))
