"""Turn text into index terms, the same way for documents and queries, on every database.

The database engines (SQLite FTS5, PostgreSQL tsvector) only store and match the terms
made here, so stemming, accent folding and Chinese segmentation behave identically on
both. A term is a lower-cased, accent-folded word stemmed in its language (Snowball:
English, French, Spanish, Russian, Arabic); runs of Chinese (or Japanese, Korean)
characters become overlapping two-character terms, the usual way to index CJK text
without a dictionary.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import cache, lru_cache

# A word: letters, digits and the combining marks inside them. Not the underscore: SQLite's
# tokenizer splits words there, so "_ratify" kept whole matched on SQLite and not on
# PostgreSQL (found by the search fuzz, issue 17).
WORD_RE = re.compile(r"[^\W_]+", re.UNICODE)
CJK_RE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]+")
CYRILLIC_RE = re.compile(r"[\u0400-\u04ff]")
ARABIC_RE = re.compile(r"[\u0600-\u06ff]")

STEMMER_NAMES = {"en": "english", "fr": "french", "es": "spanish", "ru": "russian", "ar": "arabic"}
LATIN_LANGUAGES = ("en", "fr", "es")


@cache
def _stemmer(language: str):
    import snowballstemmer

    return snowballstemmer.stemmer(STEMMER_NAMES[language])


@lru_cache(maxsize=200_000)
def fold(word: str) -> str:
    """Lower-case and strip accents and other combining marks ("Sécurité" → "securite")."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def script_language(word: str, language: str) -> str:
    """The stemmer for ``word``: its script decides for Cyrillic and Arabic, else the text's language."""
    if CYRILLIC_RE.search(word):
        return "ru"
    if ARABIC_RE.search(word):
        return "ar"
    return language if language in LATIN_LANGUAGES else "en"


@lru_cache(maxsize=200_000)
def stem(word: str, language: str) -> str:
    """The index term of one folded word in ``language``."""
    return _stemmer(script_language(word, language)).stemWord(word)


def cjk_terms(run: str) -> list[str]:
    """Overlapping two-character terms of a run of CJK characters (one term if one character)."""
    if len(run) == 1:
        return [run]
    return [run[i : i + 2] for i in range(len(run) - 1)]


def _pieces(word: str) -> Iterator[tuple[str, bool]]:
    """Split a folded word into CJK and non-CJK pieces: ``(piece, is_cjk)``."""
    position = 0
    for match in CJK_RE.finditer(word):
        if match.start() > position:
            yield word[position : match.start()], False
        yield match.group(0), True
        position = match.end()
    if position < len(word):
        yield word[position:], False


@lru_cache(maxsize=500_000)
def word_terms(word: str, language: str) -> tuple[str, ...]:
    """The terms one word of the text gives (several for a run of CJK characters).
    Cached: a corpus repeats a few tens of thousands of words millions of times."""
    terms: list[str] = []
    for piece, is_cjk in _pieces(fold(word)):
        terms.extend(cjk_terms(piece) if is_cjk else [stem(piece, language)])
    return tuple(terms)


def index_terms(text: str, language: str = "en") -> list[str]:
    """All terms of ``text`` in order (positions matter for phrase search)."""
    terms: list[str] = []
    for word in WORD_RE.findall(text or ""):
        terms.extend(word_terms(word, language))
    return terms


def query_variants(word: str) -> list[str]:
    """The terms a query word may match: its stem in each language its script allows.

    A query has no reliable language, so a Latin-script word is stemmed as English,
    French and Spanish and any of the stems matches a document indexed in one of them.
    """
    folded = fold(word)
    if CJK_RE.fullmatch(folded):
        return cjk_terms(folded)
    if CYRILLIC_RE.search(folded) or ARABIC_RE.search(folded):
        return [stem(folded, "en")]
    return list(dict.fromkeys(stem(folded, language) for language in LATIN_LANGUAGES))


def highlight_spans(text: str, language: str, wanted: set[str], prefixes: tuple[str, ...]) -> list[tuple[int, int]]:
    """Character spans of the words of ``text`` whose terms are among ``wanted`` or start
    with one of ``prefixes``: what the result list highlights."""
    spans = []
    for match in WORD_RE.finditer(text or ""):
        terms = word_terms(match.group(0), language)
        folded = fold(match.group(0))
        if any(t in wanted for t in terms) or (prefixes and folded.startswith(prefixes)):
            spans.append((match.start(), match.end()))
    return spans
