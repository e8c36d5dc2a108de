"""Reads of the reference data: resolving names from sources to rows."""

from __future__ import annotations

import re
import time

from django.utils.translation import get_language

from rightstrack.core.errors import UnknownMechanismError, UnknownStateError, UnknownTermError
from rightstrack.reference.models import Mechanism, State, StateAlias, Taxonomy, Term, UPRSession
from rightstrack.reference.names import normalize_name
from rightstrack.reference.translated import state_name

# Names that sources use where they have no State; never to be mistaken for one.
PLACEHOLDER_NAMES = {normalize_name(n) for n in ("(Unknown)", "Unknown", "n/a", "-")}


class StateResolver:
    """Turns any name a source uses for a State (or its ISO3 code) into the State.

    Built from the database once per use (States, their official names and every
    name variant, shipped or user-added), so one resolver serves a whole import.
    """

    def __init__(self):
        self.states = {s.pk: s for s in State.objects.all()}
        # ISO3 codes match only as written (upper case), so that words such as "and"
        # or "per" are never taken for Andorra or Peru.
        self.codes = {s.iso3: s for s in self.states.values()}
        self.index: dict[str, State] = {}
        for state in self.states.values():
            for name in (state.name, state.official_name):
                if name:
                    self.index.setdefault(normalize_name(name), state)
        for normalized, state_id in StateAlias.objects.values_list("normalized", "state_id"):
            self.index.setdefault(normalized, self.states[state_id])

    def get(self, name: str) -> State | None:
        """Return the State a name (or upper-case ISO3 code) means, or None."""
        return self.codes.get(name.strip()) or self.index.get(normalize_name(name))

    def resolve(self, name: str) -> State:
        """Return the State a name means; raise UnknownStateError naming it otherwise."""
        state = self.get(name)
        if state is None:
            raise UnknownStateError(name)
        return state


def resolve_state(name: str) -> State:
    """Resolve one State name (see StateResolver); for many, build one StateResolver."""
    return StateResolver().resolve(name)


def is_placeholder_state(name: str) -> bool:
    """True for the "(Unknown)"-style names sources use where no State is given."""
    return normalize_name(name) in PLACEHOLDER_NAMES


def resolve_mechanism(code: str) -> Mechanism:
    """Return the mechanism with this code (case-insensitive) or raise UnknownMechanismError."""
    if not (code or "").strip():
        raise UnknownMechanismError("", list(Mechanism.objects.values_list("code", flat=True)))
    mechanism = Mechanism.objects.filter(code__iexact=code.strip()).first()
    if mechanism is None:
        raise UnknownMechanismError(code, list(Mechanism.objects.values_list("code", flat=True)))
    return mechanism


def upr_session(number: int) -> UPRSession | None:
    """Return the UPR Working Group session with this number, or None."""
    return UPRSession.objects.filter(number=number).first()


_CODED = re.compile(r"^([A-Z]\d{1,2})\s+(.+)$")


class TermIndex:
    """Finds a taxonomy's term from the way a source writes it: its code, its label, an
    alias, or "CODE label" (the legacy coded UHRI themes: "A12 Acceptance of international
    norms"); case, accents and punctuation do not matter."""

    def __init__(self, taxonomy: Taxonomy):
        self.taxonomy = taxonomy
        self.by_code: dict[str, Term] = {}
        self.by_name: dict[str, Term] = {}
        for term in Term.objects.filter(taxonomy=taxonomy).order_by("position"):
            self.add(term)

    def add(self, term: Term) -> None:
        self.by_code[normalize_name(term.code)] = term
        for name in (term.label, *term.aliases):
            self.by_name.setdefault(normalize_name(name), term)

    def get(self, value: str) -> Term | None:
        key = normalize_name(value)
        coded = _CODED.match(value.strip())
        if coded and normalize_name(coded.group(1)) in self.by_code:
            return self.by_code[normalize_name(coded.group(1))]
        return self.by_name.get(key) or self.by_code.get(key)

    def resolve(self, value: str) -> Term:
        term = self.get(value)
        if term is None:
            raise UnknownTermError(self.taxonomy.slug, value)
        return term


# --- the choices of the filter forms --------------------------------------------------
# Every list page offers every State (twice) and the terms of four taxonomies: about 900
# options. Read from the database as model instances on each request, they were a third
# of the list's time with twenty people at once. They are kept per process (and per
# language, for States), dropped as soon as this process saves or deletes reference data
# (``reference/apps.py``), and never older than ``CHOICES_SECONDS``, for the changes
# another process makes (``rightstrack init`` after an upgrade, a second server).
CHOICES_SECONDS = 60
_choices: dict[tuple, tuple[float, list]] = {}


def forget_choices(**kwargs) -> None:
    """Drop the kept choices (a signal receiver: reference data changed)."""
    _choices.clear()


def _kept(key: tuple, build) -> list[tuple[str, str]]:
    now = time.monotonic()
    kept = _choices.get(key)
    if kept is None or now - kept[0] > CHOICES_SECONDS:
        kept = _choices[key] = (now, build())
    return kept[1]


def state_choices() -> list[tuple[str, str]]:
    """(ISO code, name in the reader's language) of every State, in alphabetical order."""
    language = (get_language() or "en").lower()

    def build():
        named = [(iso3, state_name(iso3, name, language)) for iso3, name in State.objects.values_list("iso3", "name")]
        # By the matching key, which folds case and accents: "Égypte" among the E's,
        # not after "Zimbabwe".
        return sorted(named, key=lambda choice: normalize_name(choice[1]))

    return _kept(("states", language), build)


def term_choices(slug: str) -> list[tuple[str, str]]:
    """(code, label) of the terms of the taxonomy ``slug``, in its order."""
    return _kept(
        ("terms", slug),
        lambda: list(Term.objects.filter(taxonomy__slug=slug).order_by("position").values_list("code", "label")),
    )
