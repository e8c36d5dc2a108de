"""Name normalisation shared by the State resolver and taxonomy term look-ups.

Real sources spell the same State many ways: "Côte d’Ivoire", "Cote d'Ivoire",
"COTE D`IVOIRE", "Bosnia & Herzegovina". Normalising folds the differences that carry
no meaning (case, accents, apostrophe and quote styles, "&" for "and", dots, commas,
hyphens, repeated spaces, HTML entities) so that an alias list only has to hold the
variants that really differ in words.
"""

from __future__ import annotations

import html
import re
import unicodedata

_APOSTROPHES = str.maketrans({c: "'" for c in "\u2019\u2018\u02bc\u0060\u00b4\u2032"})
_DROP = re.compile(r"[.,\-\u2010-\u2015']")
_SPACES = re.compile(r"\s+")


def normalize_name(value: str) -> str:
    """Fold a name to the key used for matching: see the module docstring."""
    text = html.unescape(value) if "&" in (value or "") else (value or "")
    if not text.isascii():  # most texts are ASCII: skip the costly accent folding for them
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.translate(_APOSTROPHES).casefold()
    text = text.replace("&", " and ")
    text = _DROP.sub(" ", text)
    return _SPACES.sub(" ", text).strip()
