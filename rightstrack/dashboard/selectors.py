"""Reads of the implementation dashboard: how many recommendations and actions stand in
each status, grouped several ways, and which actions are overdue.

Each table comes from one GROUP BY query over (group, status), pivoted in Python (the
totals, mechanisms and cycles share one, the themes and SDG goals another), so the
dashboard costs the same eight queries on ten recommendations or on 250,000. What a
person sees follows ``planning.selectors`` and ``visible_recommendations``: anonymous
visitors get published plans and published recommendations only.

A recommendation is *in scope* when the NMRF has started following it up: it is in a
cluster of a plan, the target of an action, has a responsible entity, or has a status
row. For anonymous visitors only the first two count, and only for published plans:
assignments and statuses outside a published plan are the NMRF's work in progress.
Recommendations without a status row count as "not started".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import CharField, Count, F, Q, QuerySet, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from rightstrack.core.permissions import can
from rightstrack.planning import selectors as planning
from rightstrack.planning.choices import Status
from rightstrack.planning.models import Action, Cluster, Plan, Responsibility
from rightstrack.progress.models import Tracking
from rightstrack.progress.selectors import grade_counts
from rightstrack.recommendations.models import Recommendation, TagAssignment
from rightstrack.recommendations.selectors import DATA_TAGS, visible_recommendations
from rightstrack.reference.choices import SDG_GOALS, UHRI_THEMES
from rightstrack.reference.models import GradeLevel, Term

DASHBOARD_OVERDUE = 10  # overdue actions shown on the dashboard itself
STATUSES = list(Status)


@dataclass
class CountRow:
    """One row of a table: a group and how many items it has in each status."""

    key: object
    label: str
    detail: str = ""
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def implemented_percent(self) -> float:
        return 100 * self.counts.get(Status.IMPLEMENTED, 0) / self.total if self.total else 0.0

    @property
    def cells(self) -> list[int]:
        """The counts in the order of ``STATUSES`` (the table's columns)."""
        return [self.counts.get(status, 0) for status in STATUSES]

    @property
    def counts_by_status(self) -> list[tuple[Status, int]]:
        return list(zip(STATUSES, self.cells, strict=False))

    @property
    def segments(self) -> list[dict]:
        """The stacked bar's pieces; the width is a CSS length with a dot whatever the
        language (a template would write "12,5" in French)."""
        total = self.total
        return [
            {"status": status.value, "label": status.label, "count": n, "width": f"{100 * n / total:.2f}%"}
            for status, n in zip(STATUSES, self.cells, strict=False)
            if n
        ]


@dataclass
class Grouping:
    """A table of the dashboard."""

    slug: str
    title: str  # the table's heading
    column: str  # the heading of its first column
    rows: list[CountRow]


@dataclass
class LateAction:
    action: Action
    days_late: int
    url: str = ""  # the action's page, set by the view


@dataclass
class Dashboard:
    total: CountRow
    recommendations: list[Grouping]
    actions: list[Grouping]
    overdue: list[LateAction]
    overdue_count: int
    grades: list[dict] = field(
        default_factory=list
    )  # the Committees' follow-up grades (progress.selectors.grade_counts)
    grade_codes: list[str] = field(default_factory=list)  # their columns, best first


def recommendation_status(prefix: str = "") -> Coalesce:
    """The status of a recommendation (reached through ``prefix``), "not started" when it
    has no status row."""
    return Coalesce(F(f"{prefix}tracking__status"), Value(Status.NOT_STARTED), output_field=CharField())


def recommendation_scope(user, *, state: str = "", plan: Plan | None = None) -> QuerySet[Recommendation]:
    """The recommendations the dashboard counts (see the module docstring); ``state`` is
    an ISO3 code, ``plan`` keeps those in its clusters or targeted by its actions."""
    found = visible_recommendations(user)
    if state:
        found = found.filter(state__iso3=state.upper())
    in_clusters = Cluster.recommendations.through.objects.filter(cluster__in=planning.clusters(user, plan))
    targeted = planning.actions(user).filter(recommendation__isnull=False)
    if plan is not None:
        targeted = targeted.filter(plan=plan)
    # IN (subquery) rather than joins: a recommendation in three clusters still counts once.
    followed = Q(pk__in=in_clusters.values("recommendation_id")) | Q(pk__in=targeted.values("recommendation_id"))
    if plan is None and can(user, "core.see_unpublished"):
        followed |= Q(pk__in=Responsibility.objects.values("recommendation_id"))
        followed |= Q(pk__in=Tracking.objects.values("recommendation_id"))
    return found.filter(followed)


def _tally(queryset: QuerySet, status, **columns) -> list[dict]:
    """One GROUP BY query over the ``columns`` (expressions; their names must not be
    the model's fields') and the status; each item also has its count ``n``."""
    return list(queryset.values(**columns, row_status=status).annotate(n=Count("pk")).order_by())


def _pivot(items: list[dict], *, key: str, label: str, detail: str = "", sort: tuple[str, ...] = ()) -> list[CountRow]:
    """Rows of counts by status from ``_tally`` items; the arguments name the items'
    columns. Without ``sort`` the largest groups come first. An empty label falls back
    to the detail (an entity without a short name)."""
    rows: dict[object, CountRow] = {}
    order: dict[object, tuple] = {}
    for item in items:
        row = rows.get(item[key])
        if row is None:
            more = str(item[detail] or "") if detail else ""
            row = rows[item[key]] = CountRow(item[key], str(item[label] or more), more)
            order[item[key]] = tuple(item[name] for name in sort)
        row.counts[item["row_status"]] = row.counts.get(item["row_status"], 0) + item["n"]
    if not sort:
        return sorted(rows.values(), key=lambda row: (-row.total, row.label))
    return sorted(rows.values(), key=lambda row: (order[row.key], row.label))


def _within(queryset: QuerySet, scope: QuerySet[Recommendation]) -> QuerySet:
    """Rows (tags, cluster links, responsibilities) of the recommendations in scope.

    ``recommendation_id + 0`` keeps SQLite from looking up every in-scope
    recommendation once per term or cluster through the (recommendation, term) index:
    without statistics it does so, and counting by theme took 11 s instead of 1 s on
    250,000 recommendations. PostgreSQL plans the same hash semi-join either way.
    """
    return queryset.alias(scoped_id=F("recommendation_id") + 0).filter(scoped_id__in=scope.values("pk"))


def _total(items: list[dict]) -> CountRow:
    row = CountRow(0, "")
    for item in items:
        row.counts[item["row_status"]] = row.counts.get(item["row_status"], 0) + item["n"]
    return row


def by_mechanism_and_cycle(scope: QuerySet[Recommendation]) -> tuple[CountRow, list[CountRow], list[CountRow]]:
    """All recommendations in scope, by mechanism, and by UPR cycle: one query."""
    items = _tally(
        scope,
        recommendation_status(),
        g_mechanism=F("mechanism_id"),
        g_code=F("mechanism__code"),
        g_name=F("mechanism__name"),
        g_cycle=F("cycle"),
    )
    mechanisms = _pivot(items, key="g_mechanism", label="g_code", detail="g_name", sort=("g_code",))
    cycles = _pivot(
        [item for item in items if item["g_cycle"] is not None], key="g_cycle", label="g_cycle", sort=("g_cycle",)
    )
    for row in cycles:
        row.label = _("Cycle %(number)s") % {"number": row.key}
    return _total(items), mechanisms, cycles


def by_cluster(scope: QuerySet[Recommendation], user, plan: Plan | None = None) -> list[CountRow]:
    links = _within(Cluster.recommendations.through.objects.filter(cluster__in=planning.clusters(user, plan)), scope)
    items = _tally(
        links,
        recommendation_status("recommendation__"),
        g_cluster=F("cluster_id"),
        g_title=F("cluster__title"),
        g_plan=F("cluster__plan_id"),
        g_plan_title=F("cluster__plan__title"),
        g_position=F("cluster__position"),
    )
    return _pivot(
        items, key="g_cluster", label="g_title", detail="g_plan_title", sort=("g_plan_title", "g_plan", "g_position")
    )


def by_terms(scope: QuerySet[Recommendation], taxonomies: dict[str, bool]) -> dict[str, list[CountRow]]:
    """By term, for each taxonomy (slug: keep the taxonomy's order, as for SDG goals,
    rather than the largest first): one query. Classifier suggestions nobody
    confirmed do not count."""
    # The tags of the in-scope recommendations, found through the recommendation index;
    # ``term_id + 0`` keeps SQLite from walking the term index instead (every tag of
    # every recommendation of a theme, then the scope): 0.9 s instead of 0.07 s for
    # 2,500 followed recommendations among 250,000, 3.9 s instead of 1.7 s for 125,000.
    terms = Term.objects.filter(taxonomy__slug__in=list(taxonomies)).values("pk")
    tags = (
        TagAssignment.objects.filter(recommendation_id__in=scope.values("pk"))
        .alias(term_plain=F("term_id") + 0)
        .filter(term_plain__in=terms)
        .filter(DATA_TAGS)
    )
    items = _tally(
        tags,
        recommendation_status("recommendation__"),
        g_term=F("term_id"),
        g_label=F("term__label"),
        g_taxonomy=F("term__taxonomy__slug"),
        g_position=F("term__position"),
        g_code=F("term__code"),
    )
    return {
        slug: _pivot(
            [item for item in items if item["g_taxonomy"] == slug],
            key="g_term",
            label="g_label",
            sort=("g_position", "g_code") if in_order else (),
        )
        for slug, in_order in taxonomies.items()
    }


def by_entity(scope: QuerySet[Recommendation]) -> list[CountRow]:
    """By lead entity (a recommendation has at most one)."""
    leads = _within(Responsibility.objects.filter(lead=True), scope)
    items = _tally(
        leads,
        recommendation_status("recommendation__"),
        g_entity=F("entity_id"),
        g_short=F("entity__short_name"),
        g_name=F("entity__name"),
    )
    return _pivot(items, key="g_entity", label="g_short", detail="g_name", sort=("g_name",))


def plan_actions(user, plan: Plan | None = None) -> QuerySet[Action]:
    found = planning.actions(user)
    return found.filter(plan=plan) if plan is not None else found


def actions_by_entity(actions: QuerySet[Action]) -> list[CountRow]:
    items = _tally(
        actions, F("status"), g_entity=F("entity_id"), g_short=F("entity__short_name"), g_name=F("entity__name")
    )
    return _pivot(items, key="g_entity", label="g_short", detail="g_name", sort=("g_name",))


def actions_by_plan(actions: QuerySet[Action]) -> list[CountRow]:
    items = _tally(actions, F("status"), g_plan=F("plan_id"), g_title=F("plan__title"))
    return _pivot(items, key="g_plan", label="g_title", sort=("g_title",))


def overdue_actions(user, today: dt.date, *, mine: bool = False, plan: Plan | None = None) -> QuerySet[Action]:
    """Overdue actions (``planning.selectors.overdue``), of one plan if given."""
    found = planning.overdue(user, today, mine=mine)
    return found.filter(plan=plan) if plan is not None else found


def late(actions, today: dt.date) -> list[LateAction]:
    """The actions with how many days they are late."""
    return [LateAction(action, (today - action.due).days) for action in actions]


def dashboard(user, *, state: str = "", plan: Plan | None = None, today: dt.date | None = None) -> Dashboard:
    """Everything the dashboard page shows, in a fixed number of queries."""
    today = today or dt.date.today()
    scope = recommendation_scope(user, state=state, plan=plan)
    total, mechanisms, cycles = by_mechanism_and_cycle(scope)
    terms = by_terms(scope, {UHRI_THEMES: False, SDG_GOALS: True})
    recommendations = [
        Grouping("cluster", _("Recommendations by cluster"), _("Cluster"), by_cluster(scope, user, plan)),
        Grouping("theme", _("Recommendations by theme"), _("Theme"), terms[UHRI_THEMES]),
        Grouping("sdg", _("Recommendations by Sustainable Development Goal"), _("Goal"), terms[SDG_GOALS]),
        Grouping("entity", _("Recommendations by lead entity"), _("Lead entity"), by_entity(scope)),
        Grouping("mechanism", _("Recommendations by mechanism"), _("Mechanism"), mechanisms),
        Grouping("cycle", _("Recommendations by UPR cycle"), _("Cycle"), cycles),
    ]
    actions = plan_actions(user, plan)
    action_groupings = [
        Grouping(
            "action-entity", _("Actions by responsible entity"), _("Responsible entity"), actions_by_entity(actions)
        ),
        Grouping("action-plan", _("Actions by plan"), _("Plan"), actions_by_plan(actions)),
    ]
    overdue = overdue_actions(user, today, plan=plan)
    grades, codes = committee_grades(user, state)
    return Dashboard(
        total=total,
        recommendations=recommendations,
        actions=action_groupings,
        overdue=late(overdue[:DASHBOARD_OVERDUE], today),
        overdue_count=overdue.count(),
        grades=grades,
        grade_codes=codes,
    )


def committee_grades(user, state: str = "") -> tuple[list[dict], list[str]]:
    """The treaty bodies' grades in their latest follow-up assessments, by committee and
    State (one State's when ``state`` names it), and the grade codes found, best first."""
    rows = [row for row in grade_counts(user) if not state or row["iso3"] == state.upper()]
    found = {code for row in rows for code in row["grades"]}
    rank = {(level.code): (level.rank, level.code) for level in GradeLevel.objects.filter(code__in=found)}
    codes = sorted(found, key=lambda code: rank.get(code, (99, code)))
    for row in rows:
        row["cells"] = [row["grades"].get(code, 0) for code in codes]
    return rows, codes
