"""Which source's value a recommendation keeps when several sources describe it.

The same UPR review reaches an NMRF through OHCHR's thematic list, the Working Group
report and its addendum, the UHRI export and UPR Info; a treaty body's recommendations
through the concluding observations and the UHRI. Each gives some fields and not others,
and they sometimes disagree. A field's value is therefore decided by a fixed precedence
of *kinds of source*, not by which file came last, so every order of imports ends in the
same record:

* a source that gives no value for a field (``None``, ``""``) never touches it;
* a value from a source ranked higher than the one that gave the current value replaces
  it; a lower-ranked source's different value is kept aside in the history as a
  disagreement, with both values and both sources;
* the same kind of source re-imported (a newer UHRI export) replaces its own values;
* a field a person edited (``Recommendation.edited_fields``) outranks every source;
* tags are not ranked but claimed: each tag remembers which kinds of source gave it, and
  a source removes only its own claim (the tag goes when no source and no person holds it).

The table below is the contract; the README prints the same one.
"""

from __future__ import annotations

# The kinds of source and their names (several formats may share one kind).
from rightstrack.core.sources import SOURCES  # noqa: F401  (re-exported: the kinds this table ranks)

# The official document first for what it states itself (text, paragraph, who made the
# recommendation); the State's own response first for the position; OHCHR's curated
# sources before third parties for the rest.
_DOCUMENTS_FIRST = (
    "wg-report",
    "concluding-observations",
    "uhri",
    "ohchr-list",
    "upr-info",
    "rightstrack-json",
    "table",
)
_OHCHR_FIRST = ("uhri", "ohchr-list", "concluding-observations", "wg-report", "upr-info", "rightstrack-json", "table")

#: field -> kinds of source, strongest first (a person's edit outranks them all).
PRECEDENCE: dict[str, tuple[str, ...]] = {
    "text": _DOCUMENTS_FIRST,
    "paragraph": _DOCUMENTS_FIRST,
    "document": _DOCUMENTS_FIRST,
    "recommending_states": _DOCUMENTS_FIRST,
    "state": _DOCUMENTS_FIRST,
    "mechanism": _DOCUMENTS_FIRST,
    "upr_session": _DOCUMENTS_FIRST,
    "date": _DOCUMENTS_FIRST,
    "subject": _DOCUMENTS_FIRST,
    "language": _DOCUMENTS_FIRST,
    "follow_up": _DOCUMENTS_FIRST,
    # A Working Group report only knows the recommendations that "enjoy the support" at
    # the review; the State's addendum, and OHCHR's list that cites it, say the rest.
    "position": ("addendum", "ohchr-list", "uhri", "wg-report", "upr-info", "rightstrack-json", "table"),
    "type": _OHCHR_FIRST,
    "comments": ("table", "rightstrack-json", *_OHCHR_FIRST[:-2]),
    "uhri_id": _OHCHR_FIRST,
}

#: Fields written together: the second ones follow the first (the source of a position
#: goes with the position; the cycle with the session).
GROUPS: dict[str, tuple[str, ...]] = {
    "position": ("position", "position_source"),
    "upr_session": ("upr_session", "cycle"),
}


def rank(field: str, kind: str | None) -> int:
    """The place of ``kind`` for ``field``: 0 is a person, lower is stronger. An unknown
    kind (a value written before sources were recorded) ranks below every source, so the
    first source that gives a value claims it, and the history keeps the value it replaced."""
    if kind == "person":
        return 0
    order = PRECEDENCE.get(field, _DOCUMENTS_FIRST)
    return order.index(kind) + 1 if kind in order else len(order) + 1


def wins(field: str, offered_by: str, held_by: str | None) -> bool:
    """Whether a value from ``offered_by`` replaces one held by ``held_by`` (ties: the same
    kind of source, re-imported, replaces its own value)."""
    return rank(field, offered_by) <= rank(field, held_by)
