"""Text helpers shared by the UPR parsers (OHCHR thematic lists, Working Group reports).

A UPR recommendation is written as ``121.1 Ratify the ICPPED (France) (Lithuania);``:
an optional paragraph number, the text, then the recommending States in parentheses.
When several States made similar recommendations they are merged into one paragraph of
clauses, each ending in its own States: ``Do X (Ukraine); Do Y (Slovakia);``.
The parentheses are ambiguous: ``(ICPPED)``, ``(No. 29)`` and ``(2009–2014)`` belong to
the text, and State names hold parentheses and commas of their own
(``Iran (Islamic Republic of)``), so the caller passes an ``is_state`` predicate and a
group is taken as States only when every name in it is one.
"""

from __future__ import annotations

import re
from collections.abc import Callable

IsState = Callable[[str], bool]

_PARAGRAPH = re.compile(r"^\s*(\d+(?:\.\d+)+)\.?(?:\s+|$)(.*)$", re.DOTALL)
_TRAILING_PUNCT = " \t\r\n\u00a0;.,"
_SPACES = re.compile(r"\s+")


def split_paragraph_number(text: str) -> tuple[str, str]:
    """Split ``"121.1 Ratify ..."`` into ``("121.1", "Ratify ...")``.

    A trailing dot after the number (``115.104.``) is dropped. Text without a dotted
    number at its start comes back as ``("", text)`` (stripped).
    """
    match = _PARAGRAPH.match(text or "")
    if not match:
        return "", (text or "").strip()
    return match.group(1), match.group(2).strip()


def split_recommending_states(text: str, is_state: IsState) -> tuple[str, list[str]]:
    """Remove the recommending-State groups from a UPR recommendation.

    Returns the text without its State groups (clauses that each ended in their own
    States are kept, joined by ``"; "``) and the State names as written, in order.
    The text may still start with its paragraph number: only clause ends are touched.
    Trailing ``;``, ``.`` and whitespace are dropped.
    """
    clauses: list[str] = []
    states: list[str] = []
    start = 0
    for end in _top_level_semicolons(text):
        head, found = _peel_state_groups(text[start:end], is_state)
        if found:  # a clause ends here; a ";" not after States stays in the clause
            clauses.append(head)
            states.extend(found)
            start = end + 1
    head, found = _peel_state_groups(text[start:], is_state)
    states.extend(found)
    if head:
        clauses.append(head)
    return "; ".join(clause for clause in clauses if clause), states


def split_state_list(text: str, is_state: IsState) -> list[str]:
    """The States listed in a cell of their own: one a line, or separated by ``,``/``;``.

    Names that are not States are kept as written, so that the caller can report them.
    """
    names: list[str] = []
    for line in re.split(r"[\n;]", text or ""):
        line = _clean(re.sub(r"^\s*[-\u2022]\s*", "", line))
        if not line:
            continue
        found = _state_names(line, is_state)
        if found is None:
            found = [part for part in map(_clean, _top_level_split(line, ",")) if part]
        names.extend(found)
    return names


def _top_level_semicolons(text: str) -> list[int]:
    """Positions of the ``;`` that are not inside parentheses."""
    positions, depth = [], 0
    for index, char in enumerate(text):
        if char == "(":
            depth += 1
        elif char == ")":
            depth = max(depth - 1, 0)
        elif char == ";" and depth == 0:
            positions.append(index)
    return positions


def _peel_state_groups(clause: str, is_state: IsState) -> tuple[str, list[str]]:
    """Take the State groups off the end of one clause: ``(text, states in order)``."""
    rest = clause.strip().rstrip(_TRAILING_PUNCT)
    groups: list[list[str]] = []
    while rest.endswith(")"):
        opening = _matching_open(rest)
        if opening is None:
            break
        names = _state_names(rest[opening + 1 : -1], is_state)
        if names is None:  # an acronym, a year...: it belongs to the text
            break
        groups.append(names)
        rest = rest[:opening].rstrip(_TRAILING_PUNCT)
    states = [name for group in reversed(groups) for name in group]
    return rest, states


def _matching_open(text: str) -> int | None:
    """Index of the ``(`` that closes with the final ``)`` of ``text``, if balanced."""
    depth = 0
    for index in range(len(text) - 1, -1, -1):
        if text[index] == ")":
            depth += 1
        elif text[index] == "(":
            depth -= 1
            if depth == 0:
                return index
    return None


def _state_names(group: str, is_state: IsState) -> list[str] | None:
    """The States named in one parenthesised group, or None if it is not a State group.

    The whole group is tried first, so a name holding commas is never split; otherwise
    the group must divide, at top-level commas, into consecutive runs that are States.
    """
    whole = _clean(group)
    if whole and is_state(whole):
        return [whole]
    parts = [_clean(part) for part in _top_level_split(group, ",")]
    if not all(parts):
        return None
    if len(parts) == 1:
        return _split_and(whole, is_state)
    parts[-1] = re.sub(r"^and\s+", "", parts[-1])  # "Spain, Tunisia, and Portugal"
    return _partition(parts, is_state)


def _partition(parts: list[str], is_state: IsState) -> list[str] | None:
    """Join comma parts back into State names, longest name first, or None."""
    if not parts:
        return []
    for size in range(len(parts), 0, -1):
        candidate = ", ".join(parts[:size])
        if is_state(candidate):
            rest = _partition(parts[size:], is_state)
            if rest is not None:
                return [candidate, *rest]
    if len(parts) == 1:  # "Spain and Portugal" as the last item of a list
        return _split_and(parts[0], is_state)
    return None


def _split_and(part: str, is_state: IsState) -> list[str] | None:
    """Split ``"Spain and Portugal"`` when both sides are States (not Bosnia and ...)."""
    pieces = part.split(" and ")
    for cut in range(1, len(pieces)):
        left, right = " and ".join(pieces[:cut]), " and ".join(pieces[cut:])
        if is_state(left) and is_state(right):
            return [left, right]
    return None


def _top_level_split(text: str, separator: str) -> list[str]:
    """Split on ``separator`` outside parentheses."""
    parts, depth, current = [], 0, []
    for char in text:
        if char == "(":
            depth += 1
        elif char == ")":
            depth = max(depth - 1, 0)
        if char == separator and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return parts


def _clean(name: str) -> str:
    """Strip a name and fold its inner whitespace runs (line breaks from Word)."""
    return _SPACES.sub(" ", name).strip()
