"""The OHCHR matrix of recommendations with its implementation column: what it holds.

``build`` gathers, for the recommendations a user may see, every value the documents
print (``matrix_docx``, ``matrix_xlsx``): one :class:`Row` per recommendation, grouped
by its first theme in OHCHR's order. Only data enters it: tags that are imported,
entered or confirmed (never a classifier's suggestion), and progress that the NMRF
validated (published progress only, for the public).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q
from django.utils import formats, translation
from django.utils.translation import gettext as _


@dataclass
class Update:
    """A validated (or published) progress report, as the assessment column cites it."""

    date: dt.date
    entity: str
    text: str
    evidence: list[str] = field(default_factory=list)  # file names and links


@dataclass
class Row:
    """One recommendation as the matrix prints it (names and labels in its language)."""

    id: int  # the Recommendation's primary key: the return trip finds the row by it
    paragraph: str
    document: str  # symbol of the document it comes from ("" when unknown)
    mechanism: str  # code: "UPR", "CCPR", …
    country: str  # the State under review, named in the matrix's language
    text: str  # in the matrix's language when a translation is stored
    states: list[str]  # recommending States
    position: str  # label ("Supported", "Noted") or ""
    position_source: str  # e.g. A/HRC/43/15/Add.1
    themes: list[str]
    sdgs: list[str]  # "16 - Peace, justice and strong institutions"
    affected: list[str]
    status: str  # implementation status label
    lead: list[str]
    supporting: list[str]
    actions: list[str]
    indicators: list[str]
    updates: list[Update]
    last_update: dt.date | None
    assessment: str  # the text of the fourth column, as written by rightstrack
    theme: str  # the group it stands under: its first theme ("" when it has none)


@dataclass
class ReturnedCell:
    """An assessment cell as a returned matrix holds it (the readers of
    ``matrix_docx`` and ``matrix_xlsx`` give them; ``matrix_return`` drafts from them)."""

    location: str  # "row 12", for errors
    id: int | None  # the recommendation's id as the file recorded it (None: not recorded)
    paragraph: str  # as the row shows it, to find the row without an id and check the id
    document: str
    text: str  # the cell now
    written: str | None  # the cell as rightstrack wrote it (None: unknown)


@dataclass
class Matrix:
    """A matrix ready to write: its rows and what was asked for."""

    title: str
    language: str  # en, fr, es, ar, ru, zh-hans
    as_of: dt.date
    public: bool  # built for a reader who sees published data only
    filters: dict  # country (ISO3), cycle, mechanism: as asked
    rows: list[Row]

    @property
    def rtl(self) -> bool:
        return self.language == "ar"

    @property
    def several_states(self) -> bool:
        """Whether the rows are of more than one State: each then names its own."""
        return len({row.country for row in self.rows}) > 1

    def groups(self) -> list[tuple[str, list[Row]]]:
        """Rows by theme, in the order of the rows (unthemed rows first, under no heading)."""
        groups: dict[str, list[Row]] = {}
        for row in sorted(self.rows, key=lambda row: row.theme != ""):
            groups.setdefault(row.theme, []).append(row)
        return list(groups.items())


# The taxonomies the themes cell prints, by slug.
THEMES, SDG_GOALS, SDG_TARGETS, AFFECTED = "uhri-themes", "sdg-goals", "sdg-targets", "affected-persons"
# Languages of the matrix (Django's codes) -> languages of stored texts (recommendations.choices.UN_LANGUAGES).
TEXT_LANGUAGE = {"zh-hans": "zh"}
CHUNK = 2000  # recommendations loaded at once


def long_date(value: dt.date) -> str:
    """ "7 December 2026" in English, the language's long date format otherwise
    ("7 décembre 2026", "2026年12月7日"); Django's English one is "Dec. 7, 2026"."""
    if (translation.get_language() or "en").startswith("en"):
        return formats.date_format(value, "j F Y")
    return formats.date_format(value, "DATE_FORMAT")


def build(
    user,
    *,
    country: str | None = None,
    cycle: int | None = None,
    mechanism: str | None = None,
    language: str = "en",
    today: dt.date | None = None,
) -> Matrix:
    """The matrix of the recommendations ``user`` may see (published ones only for an
    anonymous reader), of State ``country`` (ISO3), UPR ``cycle`` and ``mechanism``
    (code) when given, with names and labels in ``language``.

    Tags are data tags only; updates are validated or published progress reports (the
    public: published ones) on the recommendation or on an action of it (its own, or its
    cluster's). State names and taxonomy labels are the stored ones: rightstrack holds
    no translated reference data yet. Queries: a fixed number, and five more for every
    ``CHUNK`` recommendations.
    """
    today = today or dt.date.today()
    public = not (user is not None and user.is_authenticated)
    recommendations = selection(user, country=country, cycle=cycle, mechanism=mechanism)
    with translation.override(language):
        rows = _rows(user, recommendations, TEXT_LANGUAGE.get(language, language), public)
        filters = {
            "country": country.strip().upper() if country else None,
            "cycle": cycle,
            "mechanism": mechanism.strip().upper() if mechanism else None,
        }
        return Matrix(
            title=_title(rows, filters, today),
            language=language,
            as_of=today,
            public=public,
            filters=filters,
            rows=rows,
        )


def selection(user, *, country: str | None = None, cycle: int | None = None, mechanism: str | None = None):
    """The recommendations a matrix of these filters holds for ``user`` (a query)."""
    from rightstrack.recommendations.selectors import visible_recommendations

    recommendations = visible_recommendations(user)
    if country:
        recommendations = recommendations.filter(state__iso3=country.strip().upper())
    if cycle:
        recommendations = recommendations.filter(cycle=int(cycle))
    if mechanism:
        recommendations = recommendations.filter(mechanism__code__iexact=mechanism.strip())
    return recommendations


def _rows(user, recommendations, text_language: str, public: bool) -> list[Row]:
    """Every row, in the matrix's order (see ``_order``)."""
    from rightstrack.planning.models import Responsibility
    from rightstrack.recommendations.models import TagAssignment, Translation
    from rightstrack.recommendations.selectors import data_tags

    tags = data_tags(
        TagAssignment.objects.filter(
            term__taxonomy__slug__in=[THEMES, SDG_GOALS, SDG_TARGETS, AFFECTED]
        ).select_related("term__taxonomy")
    ).order_by("term__position", "term__code")
    loaded = recommendations.select_related("document", "mechanism", "state", "tracking").prefetch_related(
        "recommending_states",
        Prefetch("translations", queryset=Translation.objects.filter(language=text_language)),
        Prefetch("tags", queryset=tags),
        Prefetch(
            "responsibilities",
            queryset=Responsibility.objects.select_related("entity").order_by("-lead", "entity__name"),
        ),
    )
    plan = _planning(user, recommendations, public)
    rows: list[Row] = []
    order: dict[int, tuple] = {}
    # In chunks: only a chunk's model instances live at once (a 32,076-row matrix grew
    # by 608 MB when they were all loaded, 148 MB so), and SQLite's limit on the ids of
    # one prefetch query is never reached.
    for rec in loaded.iterator(chunk_size=CHUNK):
        rows.append(_row(rec, text_language, plan))
        order[rec.pk] = _order(rec)
    return sorted(rows, key=lambda row: order[row.id])


def _order(rec) -> tuple:
    """Rows sort by their group (unthemed first, then themes in OHCHR's order), then by
    document and paragraph."""
    from rightstrack.recommendations.models import paragraph_sort_key

    themes = [tag.term for tag in rec.tags.all() if tag.term.taxonomy.slug == THEMES]
    first = (0, -1, "") if not themes else (1, themes[0].position, themes[0].code)
    return (
        *first,
        rec.document.symbol if rec.document_id else "",
        rec.paragraph_key or paragraph_sort_key(rec.paragraph),
        rec.pk,
    )


@dataclass
class _Planning:
    """What planning and progress say of the rows, by recommendation id."""

    actions: dict[int, list[str]]
    indicators: dict[int, list[str]]
    updates: dict[int, list[Update]]
    grades: dict[tuple[int, str], object] = field(default_factory=dict)  # (mechanism id, code) -> GradeLevel


def _planning(user, recommendations, public: bool) -> _Planning:
    """Actions, indicators and settled progress reports of the recommendations, in a
    fixed number of queries (the recommendations are a subquery, never a list of ids)."""
    from rightstrack.planning.models import Cluster, Indicator
    from rightstrack.planning.selectors import actions as visible_actions
    from rightstrack.progress.choices import ReportStage
    from rightstrack.progress.models import Evidence
    from rightstrack.progress.selectors import reports

    ids = recommendations.values("pk")
    # A cluster's action serves every recommendation of the cluster.
    clustered: dict[int, set[int]] = {}
    for cluster_id, rec_id in Cluster.recommendations.through.objects.filter(
        recommendation_id__in=ids, cluster__archived=False
    ).values_list("cluster_id", "recommendation_id"):
        clustered.setdefault(cluster_id, set()).add(rec_id)
    found = list(
        visible_actions(user)
        .filter(Q(recommendation_id__in=ids) | Q(cluster_id__in=list(clustered)))
        .order_by("due", "title", "pk")
    )
    served: dict[int, set[int]] = {}  # action id -> recommendation ids
    for action in found:
        served[action.pk] = ({action.recommendation_id} if action.recommendation_id else set()) | clustered.get(
            action.cluster_id, set()
        )
    actions: dict[int, list[str]] = {}
    for action in found:
        for rec_id in served[action.pk]:
            actions.setdefault(rec_id, []).append(_action_text(action))
    indicators: dict[int, list[str]] = {}
    for indicator in Indicator.objects.filter(action_id__in=list(served), archived=False).order_by(
        "action_id", "kind", "pk"
    ):
        for rec_id in served[indicator.action_id]:
            indicators.setdefault(rec_id, []).append(_indicator_text(indicator))
    states = [ReportStage.PUBLISHED] if public else [ReportStage.VALIDATED, ReportStage.PUBLISHED]
    settled = (
        reports(user)
        .filter(Q(recommendation_id__in=ids) | Q(action_id__in=list(served)), stage__in=states)
        .prefetch_related(Prefetch("evidence", queryset=Evidence.objects.order_by("pk")))
        .order_by("date", "pk")
    )
    updates: dict[int, list[Update]] = {}
    for report in settled:
        update = Update(
            date=report.date,
            entity=report.entity.name,
            text=report.text.strip(),
            evidence=[item.display_name or item.link for item in report.evidence.all()],
        )
        for rec_id in ({report.recommendation_id} if report.recommendation_id else set()) | served.get(
            report.action_id, set()
        ):
            updates.setdefault(rec_id, []).append(update)
    from rightstrack.reference.models import GradeLevel

    grades = {(level.mechanism_id, level.code): level for level in GradeLevel.objects.all()}
    return _Planning(actions, indicators, updates, grades)


def _action_text(action) -> str:
    """ "Draft the bill (Ministry of Justice, due 30 June 2027)"."""
    if action.due:
        return _("%(title)s (%(entity)s, due %(due)s)") % {
            "title": action.title,
            "entity": action.entity.name,
            "due": long_date(action.due),
        }
    return _("%(title)s (%(entity)s)") % {"title": action.title, "entity": action.entity.name}


def _indicator_text(indicator) -> str:
    """ "Schools with an assistant (baseline 31, target 60 schools)"."""
    unit = f" {indicator.unit}" if indicator.unit else ""
    parts = []
    if indicator.baseline:
        parts.append(_("baseline %(value)s") % {"value": f"{indicator.baseline}{unit}"})
    if indicator.target:
        parts.append(_("target %(value)s") % {"value": f"{indicator.target}{unit}"})
    return f"{indicator.name} ({', '.join(parts)})" if parts else indicator.name


def _row(rec, text_language: str, plan: _Planning) -> Row:
    """One recommendation as the matrix prints it."""
    from rightstrack.planning.choices import Status
    from rightstrack.recommendations.choices import Position

    by_slug: dict[str, list] = {}
    for tag in rec.tags.all():
        by_slug.setdefault(tag.term.taxonomy.slug, []).append(tag.term)
    themes = [term.label for term in by_slug.get(THEMES, [])]
    sdgs = [_sdg(term) for term in by_slug.get(SDG_GOALS, []) + by_slug.get(SDG_TARGETS, [])]
    translated = [item.text for item in rec.translations.all()]
    text = rec.text if rec.language == text_language or not translated else translated[0]
    tracking = getattr(rec, "tracking", None) if _has_tracking(rec) else None
    status = tracking.get_status_display() if tracking else str(Status.NOT_STARTED.label)
    grade = ""
    if tracking and tracking.grade:  # the committee's label in the document's language, as the page shows it
        level = plan.grades.get((rec.mechanism_id, tracking.grade))
        grade = level.display() if level else tracking.grade
    lead = [item.entity.name for item in rec.responsibilities.all() if item.lead]
    supporting = [item.entity.name for item in rec.responsibilities.all() if not item.lead]
    updates = plan.updates.get(rec.pk, [])
    return Row(
        id=rec.pk,
        paragraph=rec.paragraph,
        document=rec.document.symbol if rec.document_id else "",
        mechanism=rec.mechanism.code,
        country=_state(rec.state) if rec.state_id else "",
        text=" ".join(text.split()),
        states=[_state(state) for state in rec.recommending_states.all()],
        position=str(Position(rec.position).label) if rec.position else "",
        position_source=rec.position_source,
        themes=themes,
        sdgs=sdgs,
        affected=[term.label for term in by_slug.get(AFFECTED, [])],
        status=status,
        lead=lead,
        supporting=supporting,
        actions=plan.actions.get(rec.pk, []),
        indicators=plan.indicators.get(rec.pk, []),
        updates=updates,
        last_update=max((update.date for update in updates), default=None),
        assessment=assessment(status, lead, supporting, updates, grade),
        theme=themes[0] if themes else "",
    )


def _state(state) -> str:
    """A State's name in the matrix's language (the active one)."""
    from rightstrack.reference.translated import state_name

    return state_name(state.iso3, state.name, translation.get_language())


def _sdg(term) -> str:
    """ "16 - Peace, justice and strong institutions" (goal labels hold their number,
    target labels are their number: "16.2")."""
    if term.label == term.code or term.label.startswith(f"{term.code} "):
        return term.label
    return f"{term.code} - {term.label}"


def _has_tracking(rec) -> bool:
    # A missing one-to-one row raises RelatedObjectDoesNotExist, an AttributeError.
    return hasattr(rec, "tracking")


def assessment(status: str, lead: list[str], supporting: list[str], updates: list[Update], grade: str = "") -> str:
    """The text of the fourth column, one fact a line: the status (and a treaty body's
    follow-up grade), the lead and supporting entities, then each update (oldest first)
    with its evidence. Call it in the matrix's language."""
    lines = [_("Status: %(status)s") % {"status": status}]
    if grade:
        lines.append(_("Follow-up grade: %(grade)s") % {"grade": grade})
    if lead:
        lines.append(_("Lead: %(entities)s") % {"entities": "; ".join(lead)})
    if supporting:
        lines.append(_("Supporting: %(entities)s") % {"entities": "; ".join(supporting)})
    for update in updates:
        lines.append(
            _("%(date)s, %(entity)s: %(text)s")
            % {"date": long_date(update.date), "entity": update.entity, "text": " ".join(update.text.split())}
        )
        if update.evidence:
            lines.append(_("Evidence: %(items)s") % {"items": "; ".join(update.evidence)})
    return "\n".join(lines)


def _title(rows: list[Row], filters: dict, today: dt.date) -> str:
    """ "Universal Periodic Review of Slovenia – recommendations and their implementation,
    as of 7 December 2026", adapted to several States or mechanisms."""
    from rightstrack.reference.models import Mechanism, State

    as_of = long_date(today)
    countries = sorted({row.country for row in rows if row.country})
    if filters["country"] and not countries:
        countries = [_state(state) for state in State.objects.filter(iso3=filters["country"])]
    codes = sorted({row.mechanism for row in rows}) or ([filters["mechanism"]] if filters["mechanism"] else [])
    values = {"country": countries[0] if countries else "", "date": as_of}
    if codes == ["UPR"]:
        if len(countries) == 1:
            return (
                _("Universal Periodic Review of %(country)s – recommendations and their implementation, as of %(date)s")
                % values
            )
        return _("Universal Periodic Review – recommendations and their implementation, as of %(date)s") % values
    if len(codes) == 1:
        values["mechanism"] = (
            Mechanism.objects.filter(code__iexact=codes[0]).values_list("name", flat=True).first() or codes[0]
        )
        if len(countries) == 1:
            return _("%(mechanism)s – recommendations to %(country)s and their implementation, as of %(date)s") % values
        return _("%(mechanism)s – recommendations and their implementation, as of %(date)s") % values
    if len(countries) == 1:
        return (
            _("Recommendations of the human rights mechanisms to %(country)s and their implementation, as of %(date)s")
            % values
        )
    return _("Recommendations of the human rights mechanisms and their implementation, as of %(date)s") % values


def subtitle(matrix: Matrix) -> str:
    """The line under the title: the cycle asked for, and which progress the
    assessments cite (call it in the matrix's language)."""
    parts = []
    if matrix.filters.get("cycle"):
        parts.append(_("UPR cycle %(cycle)s") % {"cycle": matrix.filters["cycle"]})
    if matrix.public:
        parts.append(
            _(
                "Assessment: implementation status, responsible entities and progress reports published by "
                "the national mechanism"
            )
        )
    else:
        parts.append(
            _(
                "Assessment: implementation status, responsible entities and progress reports validated by "
                "the national mechanism"
            )
        )
    return ". ".join(parts) + "."
