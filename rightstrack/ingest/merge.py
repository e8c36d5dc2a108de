"""Bring a stored recommendation in line with one source's record, by precedence.

``ingest.precedence`` says which kind of source a field listens to; this module applies
it to one recommendation at a time and says what it did: every field that changed (from
what to what, and which sources held and gave the values) and every value a source
offered that was not taken (a disagreement). The import service turns those into the
preview and the history.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import models

from rightstrack.core.audit import field_label, plain
from rightstrack.ingest.precedence import GROUPS, rank, wins
from rightstrack.recommendations.choices import TagOrigin
from rightstrack.recommendations.models import Recommendation, TagAssignment, Translation

#: The fields a source may give, by the name that leads their group (see GROUPS).
LEADS = (
    "mechanism",
    "state",
    "document",
    "paragraph",
    "upr_session",
    "text",
    "language",
    "type",
    "subject",
    "date",
    "position",
    "follow_up",
    "comments",
    "uhri_id",
)


@dataclass
class FieldChange:
    """One field of one recommendation: ``applied`` False is a disagreement kept aside."""

    field: str
    before: object  # JSON-friendly (related rows by id, dates as text)
    after: object
    held_by: str | None  # the kind of source (or "person") behind ``before``
    offered_by: str
    applied: bool = True
    shown_before: str = ""
    shown_after: str = ""

    @property
    def removed(self) -> list[str]:
        """What the change takes away: tags dropped, or a value replaced by nothing."""
        if isinstance(self.before, list):
            return [v for v in self.before if v not in (self.after or [])]
        return [self.shown_before] if self.applied and _empty(self.after) and not _empty(self.before) else []

    @property
    def added(self) -> list[str]:
        if isinstance(self.after, list):
            return [v for v in self.after if v not in (self.before or [])]
        return []

    @property
    def label(self) -> str:
        """The field as a person reads it (the same name the history shows)."""
        return field_label(Recommendation, self.field)

    @property
    def words(self) -> list[tuple[str, str]]:
        """The offered text word by word against the current one, for long texts whose
        difference a reader would not spot: (``same``/``new``/``gone``, words)."""
        if not (isinstance(self.before, str) and isinstance(self.after, str)) or len(self.before) < 60:
            return []
        import difflib

        old, new = self.before.split(), self.after.split()
        parts: list[tuple[str, str]] = []
        for op, a1, a2, b1, b2 in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
            if op == "equal":
                parts.append(("same", " ".join(new[b1:b2])))
                continue
            if a2 > a1:
                parts.append(("gone", " ".join(old[a1:a2])))
            if b2 > b1:
                parts.append(("new", " ".join(new[b1:b2])))
        return parts

    @property
    def held_label(self) -> str:
        from rightstrack.core.sources import source_label

        return source_label(self.held_by)

    def audit(self) -> list:
        return [self.before, self.after, [self.held_by, self.offered_by]]


@dataclass
class RecordChanges:
    """What one import did, or would do, to one recommendation."""

    pk: int | None
    label: str
    location: str = ""
    fields: list[FieldChange] = field(default_factory=list)

    @property
    def applied(self) -> list[FieldChange]:
        return [c for c in self.fields if c.applied]

    @property
    def disagreements(self) -> list[FieldChange]:
        return [c for c in self.fields if not c.applied]


def _empty(value) -> bool:
    return value is None or value == "" or value is False or value == [] or value == ()


def _same_words(current: list, wanted: list) -> bool:
    """Texts that differ only in spacing (a list's double space, a wrapped line) say the
    same thing: neither a change nor a disagreement."""
    if len(current) != 1 or not (isinstance(current[0], str) and isinstance(wanted[0], str)):
        return False
    return current[0].split() == wanted[0].split()


def _shown(value, model_field=None) -> str:
    """A value as a person reads it: a choice by its label, yes/no in words."""
    from django.utils.translation import gettext

    if model_field is not None and model_field.choices and not _empty(value):
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    if _empty(value):
        return "—"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return str(value)


def offered(values: dict) -> dict[str, object]:
    """The fields a resolved record gives a value for ("no value" is left out, so that a
    source silent on a field never empties it), by group lead; a group's value is the
    tuple of its fields."""
    out: dict[str, object] = {}
    for lead in LEADS:
        if _empty(values.get(lead)):
            continue
        names = GROUPS.get(lead, (lead,))
        out[lead] = tuple(values.get(n) for n in names) if len(names) > 1 else values[lead]
    if values.get("upr_session") is None and values.get("cycle") is not None:
        out["cycle"] = values["cycle"]  # a source that knows the cycle but not the session
    return out


def sources_of(values: dict, recommending: list, kind: str) -> dict[str, str]:
    """``field_sources`` of a new recommendation: every field the record gives."""
    sources = dict.fromkeys(offered(values), kind)
    if recommending:
        sources["recommending_states"] = kind
    return sources


def merge_fields(rec: Recommendation, given: dict[str, object], kind: str) -> tuple[list[str], list[FieldChange]]:
    """Apply ``given`` (from ``offered``) to ``rec`` in memory by precedence.

    Returns the fields to save and the changes and disagreements. ``rec.field_sources``
    also changes when a stronger source only vouches for a value already there.
    """
    sources = rec.field_sources = dict(rec.field_sources or {})
    to_save: list[str] = []
    changes: list[FieldChange] = []
    for lead, value in given.items():
        if lead == "cycle" and rec.upr_session_id is not None:
            continue  # the cycle follows from the session the recommendation has
        names = GROUPS.get(lead, (lead,))
        values = value if len(names) > 1 else (value,)
        held = "person" if any(n in rec.edited_fields for n in names) else sources.get(lead)
        current = [getattr(rec, Recommendation._meta.get_field(n).attname) for n in names]
        wanted = [plain(v) if isinstance(v, models.Model) else v for v in values]
        if current == wanted or _same_words(current, wanted):
            if held != "person" and (held is None or rank(lead, kind) < rank(lead, held)):
                sources[lead] = kind
                if current != wanted:  # the same words: the stronger source's spacing, quietly
                    setattr(rec, names[0], values[0])
                    to_save.append(names[0])
            continue
        take = held != "person" and (_empty(current[0]) or wins(lead, kind, held))
        for name, old, new, new_value in zip(names, current, wanted, values, strict=False):
            if old == new:
                continue
            model_field = Recommendation._meta.get_field(name)
            changes.append(
                FieldChange(
                    name,
                    plain(old),
                    plain(new_value),
                    held,
                    kind,
                    take,
                    shown_before=_shown(getattr(rec, name) if model_field.is_relation else old, model_field),
                    shown_after=_shown(new_value, model_field),
                )
            )
            if take:
                setattr(rec, name, new_value)
                to_save.append(name)
        if take:
            sources[lead] = kind
    return to_save, changes


def merge_states(rec: Recommendation, states: list, kind: str) -> FieldChange | None:
    """The recommending States: a set, ranked like a field; empty means "not given"."""
    if not states:
        return None
    current = rec.import_state["states"]
    wanted = {s.pk for s in states}
    held = "person" if "recommending_states" in rec.edited_fields else rec.field_sources.get("recommending_states")
    if current == wanted:
        if held != "person" and (held is None or rank("recommending_states", kind) < rank("recommending_states", held)):
            rec.field_sources["recommending_states"] = kind
        return None
    take = held != "person" and (not current or wins("recommending_states", kind, held))
    before = sorted(rec.recommending_states.values_list("iso3", flat=True)) if current else []
    after = sorted(s.iso3 for s in states)
    if take:
        rec.recommending_states.set(states)
        rec.import_state["states"] = wanted
        rec.field_sources["recommending_states"] = kind
    return FieldChange("recommending_states", before, after, held, kind, take, _shown(before), _shown(after))


def merge_translations(rec: Recommendation, translations: dict[str, str], kind: str) -> list[FieldChange]:
    """Other languages of the text, each ranked like the text itself."""
    current = rec.import_state["translations"]
    changes = []
    for language, text in translations.items():
        text = (text or "").strip()
        if language == rec.language or not text or current.get(language) == text:
            continue
        key = f"translation:{language}"
        held = rec.field_sources.get(key)
        take = language not in current or wins("text", kind, held)
        changes.append(
            FieldChange(key, current.get(language), text, held, kind, take, _shown(current.get(language)), _shown(text))
        )
        if take:
            Translation.objects.update_or_create(recommendation=rec, language=language, defaults={"text": text})
            current[language] = text
            rec.field_sources[key] = kind
    return changes


def merge_tags(rec: Recommendation, wanted: dict[int, tuple[str, list]], kind: str, source: str) -> list[FieldChange]:
    """The tags of each taxonomy the source gives (``wanted``: taxonomy id -> (slug, terms)).

    The source claims the terms it gives (a machine suggestion it confirms becomes an
    imported tag) and takes back its claim on those it no longer gives; a tag goes only
    when nobody else (another source, a person, a confirmation) holds it. Taxonomies the
    source does not give are not touched.
    """
    existing = rec.import_state["tags"]  # term id -> [tag id, origin, confirmed, sources, taxonomy id, label]
    changes = []
    for taxonomy_id, (slug, terms) in wanted.items():
        before = _data_labels(existing, taxonomy_id)
        wanted_ids = {t.pk: t for t in terms}
        for term_id, term in wanted_ids.items():
            tag = existing.get(term_id)
            if tag is None:
                created = TagAssignment.objects.create(
                    recommendation=rec, term=term, origin=TagOrigin.IMPORTED, source=source[:200], sources=[kind]
                )
                existing[term_id] = [created.pk, TagOrigin.IMPORTED, False, [kind], taxonomy_id, term.label]
            elif tag[1] == TagOrigin.AUTOMATIC and not tag[2]:
                # A source now states what a classifier only guessed: it is data from here on.
                TagAssignment.objects.filter(pk=tag[0]).update(
                    origin=TagOrigin.IMPORTED, confidence=None, source=source[:200], sources=[kind]
                )
                tag[1], tag[3] = TagOrigin.IMPORTED, [kind]
            elif kind not in tag[3]:
                tag[3] = [*tag[3], kind]
                TagAssignment.objects.filter(pk=tag[0]).update(sources=tag[3])
        for term_id, tag in list(existing.items()):
            if tag[4] != taxonomy_id or term_id in wanted_ids or kind not in tag[3]:
                continue
            tag[3] = [s for s in tag[3] if s != kind]
            if not tag[3] and tag[1] == TagOrigin.IMPORTED and not tag[2]:
                TagAssignment.objects.filter(pk=tag[0]).delete()
                del existing[term_id]
            else:
                TagAssignment.objects.filter(pk=tag[0]).update(sources=tag[3])
        after = _data_labels(existing, taxonomy_id)
        if before != after:
            changes.append(FieldChange(slug, before, after, None, kind, True, _shown(before), _shown(after)))
    return changes


def _data_labels(existing: dict, taxonomy_id: int) -> list[str]:
    """The tags that are data (not an unconfirmed machine suggestion), by label."""
    return sorted(
        t[5] for t in existing.values() if t[4] == taxonomy_id and not (t[1] == TagOrigin.AUTOMATIC and not t[2])
    )
