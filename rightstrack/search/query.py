"""The search box's language, parsed once and written for each database engine.

    birth registration          both words (stemmed: "registering" matches too)
    "birth registration"        the phrase
    discrimin*                  words starting with "discrimin"
    roma OR sinti               either
    torture NOT police          torture, without police (also: torture -police)
    (child OR children) AND marriage

Words are folded and stemmed by ``analysis`` exactly as the index is, so the same query
finds the same records on SQLite (FTS5 MATCH) and PostgreSQL (tsquery).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from rightstrack.core.errors import RightstrackError
from rightstrack.core.limits import MAX_QUERY_CHARS, MAX_QUERY_DEPTH, search_text_problem
from rightstrack.search import analysis

TOKEN_RE = re.compile(r'"[^"]*"?|\(|\)|-(?=[\w"(])|[^\s()"]+', re.UNICODE)


class QueryError(RightstrackError):
    """A search text that cannot be run (only exclusions, unbalanced brackets)."""


@dataclass
class Term:
    word: str
    prefix: bool = False


@dataclass
class Phrase:
    words: list[str]


@dataclass
class Not:
    node: object


@dataclass
class Group:
    op: str  # "AND" or "OR"
    children: list = field(default_factory=list)


class _Parser:
    def __init__(self, text: str):
        self.tokens = TOKEN_RE.findall(text) if len(text) <= MAX_QUERY_CHARS else []
        words = sum(1 for token in self.tokens if token not in ("(", ")", "-", "AND", "OR", "NOT"))
        problem = search_text_problem(text, words)
        if problem:
            raise QueryError(problem)
        self.i = 0
        self.depth = 0

    def peek(self):
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def take(self):
        token = self.peek()
        self.i += 1
        return token

    def parse(self):
        node = self.or_expr()
        if self.peek() is not None:
            raise QueryError(_("Unexpected “%(token)s” in the search text.") % {"token": self.peek()})
        return node

    def or_expr(self):
        children = [self.and_expr()]
        while self.peek() == "OR":
            self.take()
            children.append(self.and_expr())
        children = [c for c in children if c is not None]
        if not children:
            return None
        return children[0] if len(children) == 1 else Group("OR", children)

    def and_expr(self):
        children = []
        while self.peek() not in (None, ")", "OR"):
            if self.peek() == "AND":
                self.take()
                continue
            node = self.unary()
            if node is not None:
                children.append(node)
        if not children:
            return None
        return children[0] if len(children) == 1 else Group("AND", children)

    def unary(self):
        token = self.take()
        if token in ("NOT", "-"):
            if self.peek() in (None, ")", "OR"):
                return None
            inner = self.unary()
            if isinstance(inner, Not):  # "-(-b)" is b
                return inner.node
            return Not(inner) if inner is not None else None
        if token == "(":
            self.depth += 1
            if self.depth > MAX_QUERY_DEPTH:
                raise QueryError(
                    _("Too many brackets inside one another in the search text: at most %(n)d.")
                    % {"n": MAX_QUERY_DEPTH}
                )
            node = self.or_expr()
            if self.take() != ")":
                raise QueryError(_("A bracket is not closed in the search text."))
            self.depth -= 1
            return node
        if token == ")":  # a bracket closed but never opened
            raise QueryError(_("Unexpected “%(token)s” in the search text.") % {"token": token})
        if token.startswith('"'):
            words = analysis.WORD_RE.findall(token.strip('"'))
            if not words:
                return None
            return Phrase(words) if len(words) > 1 else Term(words[0])
        prefix = token.endswith("*")
        words = analysis.WORD_RE.findall(token)
        if not words:
            return None
        if len(words) > 1:  # "UN-Habitat", "16.2": the parts in sequence
            return Phrase(words)
        return Term(words[0], prefix=prefix and len(analysis.fold(words[0])) >= 2)


def parse(text: str):
    """The query tree of ``text``; None when it holds no word. Raises QueryError, with a
    message for the person who typed it, for anything that cannot be run: the tree is
    written once here, so running it later never fails on its shape."""
    node = _Parser(text or "").parse()
    if node is not None and not _has_positive(node):
        raise QueryError(_("Say what to look for: a search cannot consist of exclusions only."))
    if node is not None:
        FTS5Writer().write(node)  # an exclusion where none can stand ("a OR -b" inside brackets) raises here
    return node


def _has_positive(node) -> bool:
    if isinstance(node, Not):
        return False
    if isinstance(node, Group):
        check = any if node.op == "AND" else all
        return check(_has_positive(child) for child in node.children)
    return True


def _phrase_variants(words: list[str]) -> list[list[str]]:
    """The phrase as index terms in each language a query may be in."""
    variants = []
    for language in analysis.LATIN_LANGUAGES:
        terms = [t for w in words for t in analysis.word_terms(w, language)]
        if terms not in variants:
            variants.append(terms)
    return variants


def _term_alternatives(term: Term) -> list[list[str]]:
    """A word as alternatives, each a sequence of terms (a CJK word is a sequence)."""
    folded = analysis.fold(term.word)
    if analysis.CJK_RE.search(folded):
        return [list(analysis.word_terms(term.word, "en"))]
    return [[v] for v in analysis.query_variants(term.word)]


class _Writer:
    """Writes a query tree in one engine's syntax."""

    AND = OR = NOT = ""

    def term(self, term: Term) -> str:
        if term.prefix:
            return self.prefix(analysis.fold(term.word))
        return self.alternatives(_term_alternatives(term))

    def alternatives(self, options: list[list[str]]) -> str:
        written = [self.sequence(terms) for terms in options if terms]
        return written[0] if len(written) == 1 else "(" + f" {self.OR} ".join(written) + ")"

    def write(self, node) -> str:
        if isinstance(node, Term):
            return self.term(node)
        if isinstance(node, Phrase):
            return self.alternatives(_phrase_variants(node.words))
        if isinstance(node, Group) and node.op == "OR":
            return "(" + f" {self.OR} ".join(self.write(c) for c in node.children) + ")"
        if isinstance(node, Group):
            positives = [self.write(c) for c in node.children if not isinstance(c, Not)]
            negatives = [self.write(c.node) for c in node.children if isinstance(c, Not)]
            return self.conjunction(positives, negatives)
        raise QueryError(_("Say what to look for: a search cannot consist of exclusions only."))

    def conjunction(self, positives: list[str], negatives: list[str]) -> str:  # pragma: no cover - abstract
        raise NotImplementedError

    def sequence(self, terms: list[str]) -> str:  # pragma: no cover - abstract
        raise NotImplementedError

    def prefix(self, start: str) -> str:  # pragma: no cover - abstract
        raise NotImplementedError


class FTS5Writer(_Writer):
    """SQLite FTS5 MATCH syntax: ``"a" AND ("b" OR "c") NOT "d"``, ``"a b"``, ``"a"*``."""

    AND, OR, NOT = "AND", "OR", "NOT"

    def sequence(self, terms):
        return '"' + " ".join(terms) + '"'

    def prefix(self, start):
        return f'"{start}"*'

    def conjunction(self, positives, negatives):
        text = "(" + " AND ".join(positives) + ")"
        for negative in negatives:
            text = f"({text} NOT {negative})"
        return text


class TsqueryWriter(_Writer):
    """PostgreSQL tsquery syntax: ``'a' & ('b' | 'c') & !'d'``, ``'a' <-> 'b'``, ``'a':*``."""

    AND, OR, NOT = "&", "|", "!"

    def sequence(self, terms):
        return "(" + " <-> ".join(f"'{t}'" for t in terms) + ")" if len(terms) > 1 else f"'{terms[0]}'"

    def prefix(self, start):
        return f"'{start}':*"

    def conjunction(self, positives, negatives):
        return "(" + " & ".join(positives + [f"!{n}" for n in negatives]) + ")"


def highlight_terms(node) -> tuple[set[str], tuple[str, ...]]:
    """The index terms and prefixes the query looks for (not those it excludes)."""
    wanted: set[str] = set()
    prefixes: list[str] = []

    def walk(n):
        if isinstance(n, Term) and n.prefix:
            prefixes.append(analysis.fold(n.word))
        elif isinstance(n, Term):
            wanted.update(t for option in _term_alternatives(n) for t in option)
        elif isinstance(n, Phrase):
            wanted.update(t for option in _phrase_variants(n.words) for t in option)
        elif isinstance(n, Group):
            for child in n.children:
                walk(child)

    if node is not None:
        walk(node)
    return wanted, tuple(prefixes)
