"""Writes to the reference data: loading the shipped facts and user vocabularies."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from importlib import resources
from pathlib import Path

from django.db import models, transaction

from rightstrack.reference import choices
from rightstrack.reference.directory import read_data_csv, split_aliases
from rightstrack.reference.models import (
    GradeLevel,
    Instrument,
    Mechanism,
    SpecialProcedureMandate,
    State,
    StateAlias,
    Taxonomy,
    Term,
    UPRSession,
)
from rightstrack.reference.names import normalize_name

# Built-in taxonomies: slug -> (name, description, source, open, multiple).
# The UPR Info issue list is not shipped (UPR Info's data is not ours to redistribute):
# its terms arrive with a UPR Info import or with `rightstrack taxonomy load`.
BUILTIN_TAXONOMIES = {
    choices.UHRI_THEMES: ("UHRI themes", "Themes of OHCHR's Universal Human Rights Index.", True, True),
    choices.AFFECTED_PERSONS: (
        "Affected persons",
        "Groups of persons of OHCHR's Universal Human Rights Index.",
        True,
        True,
    ),
    choices.SDG_GOALS: ("SDG goals", "The 17 Sustainable Development Goals.", False, True),
    choices.SDG_TARGETS: ("SDG targets", "The 169 SDG targets, under their goals.", False, True),
    choices.SDG_INDICATORS: ("SDG indicators", "The global SDG indicators, under their targets.", False, True),
    choices.UPR_INFO_ISSUES: ("UPR Info issues", "Issues of the UPR Info database of recommendations.", True, True),
    choices.ACTION_CATEGORY: (
        "UPR Info action category",
        "How specific the action asked for is, 1 (minimal) to 5 (specific).",
        False,
        False,
    ),
}
ACTION_CATEGORIES = [
    (
        "1",
        "Minimal action",
        "Recommendation directed at non-UN States or calling upon the State under review to request or share "
        "financial or technical assistance, or to share information.",
    ),
    ("2", "Continuing action", "Recommendation emphasising the continuity of an action or effort already under way."),
    ("3", "Considering action", 'Recommendation to consider change ("consider", "explore", "reflect upon").'),
    ("4", "General action", 'Recommendation of action that contains a general element ("take measures", "ensure").'),
    ("5", "Specific action", 'Recommendation of a specific, tangible action ("ratify", "adopt a law").'),
]
TAXONOMY_SOURCES = {
    choices.SDG_GOALS: "sdg.json",
    choices.ACTION_CATEGORY: "UPR Info, database methodology (action categories 1-5).",
}


def _date(value: str) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _int(value: str) -> int | None:
    return int(value) if value else None


def _upsert(model: type[models.Model], key: str, rows: Iterable[dict], using: str) -> dict:
    """Create or update ``model`` rows by their ``key`` field; return key -> instance."""
    rows = list(rows)
    existing = {
        getattr(obj, key): obj for obj in model.objects.using(using).filter(**{f"{key}__in": [r[key] for r in rows]})
    }
    new, changed = [], []
    for row in rows:
        obj = existing.get(row[key])
        if obj is None:
            new.append(model(**row))
            continue
        if any(getattr(obj, field) != value for field, value in row.items()):
            for field, value in row.items():
                setattr(obj, field, value)
            changed.append(obj)
    model.objects.using(using).bulk_create(new)
    if changed:
        model.objects.using(using).bulk_update(changed, [f for f in rows[0] if f != key])
    return {
        getattr(obj, key): obj for obj in model.objects.using(using).filter(**{f"{key}__in": [r[key] for r in rows]})
    }


def _sync_states(using: str) -> dict[str, State]:
    rows = list(read_data_csv("states.csv"))
    states = _upsert(
        State,
        "iso3",
        (
            {
                "iso3": r["iso3"],
                "name": r["name"],
                "official_name": r["official_name"],
                "regional_group": r["group"],
                "status": r["status"],
            }
            for r in rows
        ),
        using,
    )
    taken = dict(StateAlias.objects.using(using).values_list("normalized", "state_id"))
    aliases = []
    for r in rows:
        for name in [r["official_name"], *split_aliases(r["aliases"])]:
            key = normalize_name(name)
            if key and key not in taken:
                taken[key] = states[r["iso3"]].pk
                aliases.append(StateAlias(state=states[r["iso3"]], name=name, normalized=key, builtin=True))
    StateAlias.objects.using(using).bulk_create(aliases)
    return states


def _sync_mechanisms(using: str, states: dict[str, State]) -> None:
    mechanisms = _upsert(
        Mechanism,
        "code",
        (
            {"code": r["code"], "name": r["name"], "kind": r["kind"], "established": _int(r["established"])}
            for r in read_data_csv("mechanisms.csv")
        ),
        using,
    )
    _sync_followup(using, mechanisms)
    _upsert(
        Instrument,
        "code",
        (
            {
                "code": r["code"],
                "name": r["name"],
                "short_name": r["short_name"],
                "mechanism": mechanisms[r["mechanism"]],
                "kind": r["kind"],
                "adopted": _date(r["adopted"]),
                "entry_into_force": _date(r["entry_into_force"]),
            }
            for r in read_data_csv("instruments.csv")
        ),
        using,
    )
    _upsert(
        SpecialProcedureMandate,
        "name",
        (
            {
                "name": r["name"],
                "kind": r["kind"],
                "state": states.get(r["country"]) if r["country"] else None,
                "established": _int(r["established"]),
            }
            for r in read_data_csv("special_procedures.csv")
        ),
        using,
    )
    _upsert(
        UPRSession,
        "number",
        (
            {
                "number": int(r["session"]),
                "cycle": int(r["cycle"]),
                "start_date": _date(r["start_date"]),
                "end_date": _date(r["end_date"]),
            }
            for r in read_data_csv("upr_sessions.csv")
        ),
        using,
    )


def _sync_taxonomies(using: str) -> dict[str, Taxonomy]:
    sdg_source = json.loads(resources.files("rightstrack.reference").joinpath("data", "sdg.json").read_text("utf-8"))[
        "source"
    ]
    sources = {
        choices.UHRI_THEMES: "OHCHR, Universal Human Rights Index (uhri.ohchr.org): themes.",
        choices.AFFECTED_PERSONS: "OHCHR, Universal Human Rights Index (uhri.ohchr.org): affected persons.",
        choices.SDG_GOALS: sdg_source,
        choices.SDG_TARGETS: sdg_source,
        choices.SDG_INDICATORS: sdg_source,
        choices.UPR_INFO_ISSUES: "UPR Info database (upr-info-database.uwazi.io); terms come with imports.",
        choices.ACTION_CATEGORY: TAXONOMY_SOURCES[choices.ACTION_CATEGORY],
    }
    return _upsert(
        Taxonomy,
        "slug",
        (
            {
                "slug": slug,
                "name": name,
                "description": description,
                "source": sources[slug],
                "builtin": True,
                "open": is_open,
                "multiple": multiple,
            }
            for slug, (name, description, is_open, multiple) in BUILTIN_TAXONOMIES.items()
        ),
        using,
    )


def sync_terms(taxonomy: Taxonomy, rows: list[dict], using: str = "default") -> int:
    """Create or update a taxonomy's terms from rows (``code``, ``label``, optional
    ``description``, ``aliases`` and ``parent``); return the number of rows.

    ``parent`` is a Term (of any taxonomy) or the code of a term of this taxonomy, in any
    order: parents are linked in a second pass once every row exists.
    """
    existing = {t.code: t for t in Term.objects.using(using).filter(taxonomy=taxonomy)}
    new, changed = [], []
    for position, row in enumerate(rows):
        values = {
            "label": row["label"],
            "description": row.get("description", ""),
            "aliases": row.get("aliases", []),
            "position": position,
        }
        term = existing.get(row["code"])
        if term is None:
            term = Term(taxonomy=taxonomy, code=row["code"], **values)
            new.append(term)
        elif any(getattr(term, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(term, k, v)
            changed.append(term)
        existing[row["code"]] = term
    Term.objects.using(using).bulk_create(new)
    Term.objects.using(using).bulk_update(changed, ["label", "description", "aliases", "position"])
    _link_parents(existing, rows, using)
    return len(rows)


def _link_parents(terms: dict[str, Term], rows: list[dict], using: str) -> None:
    relinked = []
    for row in rows:
        parent = row.get("parent") or None
        if isinstance(parent, str):
            if parent not in terms:
                raise ValueError(f"term {row['code']!r}: unknown parent {parent!r}")
            parent = terms[parent]
        term = terms[row["code"]]
        if term.parent_id != (parent.pk if parent else None):
            term.parent = parent
            relinked.append(term)
    Term.objects.using(using).bulk_update(relinked, ["parent"])


def _csv_terms(name: str) -> list[dict]:
    return [
        {"code": r["code"], "label": r["label"], "parent": r["parent"], "aliases": split_aliases(r["aliases"])}
        for r in read_data_csv(f"taxonomies/{name}")
    ]


def _sync_sdg_terms(taxonomies: dict[str, Taxonomy], using: str) -> None:
    data = json.loads(resources.files("rightstrack.reference").joinpath("data", "sdg.json").read_text("utf-8"))
    goals = [
        {
            "code": g["code"],
            "label": f"{g['code']} - {g['title']}",
            "description": g["description"],
            "aliases": [g["title"], g["description"]],
        }
        for g in data["goals"]
    ]
    sync_terms(taxonomies[choices.SDG_GOALS], goals, using)
    goal_terms = {t.code: t for t in Term.objects.using(using).filter(taxonomy=taxonomies[choices.SDG_GOALS])}
    targets, indicators = [], []
    for goal in data["goals"]:
        for target in goal["targets"]:
            targets.append(
                {
                    "code": target["code"],
                    "label": target["code"],
                    "description": target["description"],
                    "parent": goal_terms[goal["code"]],
                }
            )
            indicators.extend(
                {
                    "code": i["code"],
                    "label": i["code"],
                    "description": i["description"],
                    "aliases": [i["unsd_code"]] if i["unsd_code"] else [],
                    "parent": target["code"],
                }
                for i in target["indicators"]
            )
    sync_terms(taxonomies[choices.SDG_TARGETS], targets, using)
    target_terms = {t.code: t for t in Term.objects.using(using).filter(taxonomy=taxonomies[choices.SDG_TARGETS])}
    for row in indicators:
        row["parent"] = target_terms[row["parent"]]
    sync_terms(taxonomies[choices.SDG_INDICATORS], indicators, using)


def _sync_followup(using: str, mechanisms: dict[str, Mechanism]) -> None:
    """The follow-up procedures' reply periods and grade scales: shipped values fill what
    is empty or missing and never replace what an administrator set."""
    for row in read_data_csv("mechanisms.csv"):
        years = _int(row["followup_years"])
        mechanism = mechanisms[row["code"]]
        if years and mechanism.followup_years is None:
            Mechanism.objects.using(using).filter(pk=mechanism.pk).update(followup_years=years)
    existing = set(GradeLevel.objects.using(using).values_list("mechanism__code", "code"))
    GradeLevel.objects.using(using).bulk_create(
        [
            GradeLevel(
                mechanism=mechanisms[r["mechanism"]],
                code=r["code"],
                label=r["label"],
                meaning=r["meaning"],
                rank=int(r["rank"]),
                legacy=bool(r["legacy"]),
            )
            for r in read_data_csv("followup_grades.csv")
            if (r["mechanism"], r["code"]) not in existing
        ]
    )


@transaction.atomic
def sync_reference_data(using: str = "default") -> None:
    """Bring the shipped reference data up to date in the database; safe to repeat.

    Adds and updates shipped States, name variants, mechanisms, instruments, mandates,
    UPR sessions, taxonomies and their terms. Never deletes: rows users added (aliases,
    taxonomies, terms) are left as they are.
    """
    states = _sync_states(using)
    _sync_mechanisms(using, states)
    taxonomies = _sync_taxonomies(using)
    sync_terms(taxonomies[choices.UHRI_THEMES], _csv_terms("uhri-themes.csv"), using)
    sync_terms(taxonomies[choices.AFFECTED_PERSONS], _csv_terms("affected-persons.csv"), using)
    sync_terms(
        taxonomies[choices.ACTION_CATEGORY],
        [{"code": c, "label": label, "description": d} for c, label, d in ACTION_CATEGORIES],
        using,
    )
    _sync_sdg_terms(taxonomies, using)


def read_vocabulary(path: Path) -> list[dict]:
    """Read a user's vocabulary file: CSV with ``code,label[,parent]`` or one term per line."""
    text = path.read_text(encoding="utf-8-sig")
    lines = [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]
    if path.suffix.lower() == ".csv":
        import csv

        reader = csv.DictReader(lines)
        missing = {"code", "label"} - set(reader.fieldnames or [])
        if missing:
            raise ValueError(f"{path}: missing column(s) {', '.join(sorted(missing))}")
        return [
            {"code": r["code"].strip(), "label": r["label"].strip(), "parent": (r.get("parent") or "").strip()}
            for r in reader
        ]
    # One term per line; "nan" is what a pandas dump writes for an empty cell.
    return [{"code": line, "label": line, "parent": ""} for line in lines if line.lower() != "nan"]


@transaction.atomic
def load_vocabulary(slug: str, path: Path, name: str | None = None) -> tuple[Taxonomy, int]:
    """Create (or extend) taxonomy ``slug`` with the terms of a vocabulary file."""
    rows = read_vocabulary(path)
    codes = [r["code"] for r in rows]
    duplicates = sorted({c for c in codes if codes.count(c) > 1})
    if duplicates:
        raise ValueError(f"{path}: duplicate term code(s): {', '.join(duplicates)}")
    taxonomy, _created = Taxonomy.objects.get_or_create(
        slug=slug, defaults={"name": name or slug, "source": str(path.name)}
    )
    existing = list(Term.objects.filter(taxonomy=taxonomy).values("code", "label", "parent__code"))
    kept = [
        {"code": t["code"], "label": t["label"], "parent": t["parent__code"] or ""}
        for t in existing
        if t["code"] not in codes
    ]
    sync_terms(taxonomy, kept + rows)
    return taxonomy, len(rows)
