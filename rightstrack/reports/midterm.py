"""The UPR mid-term report: what it holds.

A State's voluntary report on its UPR recommendations about 2½ years after the review
(HRC resolution 16/21; UPR Info's guides: cover supported *and* noted recommendations,
explain the methodology and the consultation, present progress by theme, annex the
implementation of every recommendation, record changes of position).

``build`` gathers it from the data of one State and cycle: the OHCHR matrix of its UPR
recommendations (``matrix.build``: data tags, validated progress only — published only
for the public), the consultation rounds linked to this report, the plan's clusters as
thematic chapters with their measures and indicators, changes of position from the audit
trail, technical-assistance and funding needs from the actions. The NHRI / civil-society
variant (``organisation``) builds the same report from that organisation's own
assessments instead of the State's progress. ``midterm_document.document`` lays it out.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext as _

from rightstrack.reports import matrix as matrix_module
from rightstrack.reports.document import embedded
from rightstrack.reports.matrix import Matrix, Row, Update, long_date


@dataclass
class IndicatorLine:
    """An indicator of a chapter's actions, with its latest settled value."""

    name: str
    kind: str
    baseline: str
    target: str
    unit: str
    latest: str
    latest_date: dt.date | None
    source: str
    sdg: str


@dataclass
class Chapter:
    """A thematic chapter: a cluster of the plan (or, for recommendations in no cluster,
    their first theme) and what was done about it."""

    title: str
    description: str
    rows: list[Row]
    measures: list[Update]  # settled progress on its recommendations and actions, oldest first
    indicators: list[IndicatorLine]
    challenges: list[str]
    next_steps: list[str]


@dataclass
class PositionChange:
    """A recommendation whose position changed after the review, as the audit trail tells."""

    paragraph: str
    text: str
    before: str
    after: str
    date: dt.date
    source: str  # the note of the change: a file imported, or who changed it


@dataclass
class Need:
    """An action asking for technical assistance or for funding."""

    action: str
    entity: str
    paragraphs: list[str]
    assistance: str
    budget: str
    funding: str


@dataclass
class Midterm:
    """A mid-term report ready to lay out (names and labels in its language)."""

    language: str
    as_of: dt.date
    public: bool
    organisation: str  # "" for the State's report; an NHRI's or CSO's name for theirs
    iso3: str
    country: str
    cycle: int
    sessions: list[str]  # "34 (4–15 November 2019)"
    reports: list[str]  # Working Group report symbols
    addenda: list[str]  # sources of the positions
    period_start: dt.date | None
    matrix: Matrix
    statuses: list[str]  # status labels in their fixed order
    status_keys: dict[str, str] = field(default_factory=dict)  # label -> Status value, for the charts' colours
    rounds: list = field(default_factory=list)  # consultation.selectors.RoundSummary
    chapters: list[Chapter] = field(default_factory=list)
    changes: list[PositionChange] = field(default_factory=list)
    needs: list[Need] = field(default_factory=list)
    history: tuple[list[dt.date], list[tuple[str, list[int]]]] = ((), ())

    @property
    def rows(self) -> list[Row]:
        return self.matrix.rows

    @property
    def rtl(self) -> bool:
        return self.language == "ar"

    def by_position(self) -> Counter:
        return Counter(row.position or _("No position") for row in self.rows)

    def by_status(self) -> Counter:
        return Counter(row.status for row in self.rows)

    def status_by(self, key) -> dict[str, Counter]:
        """Status counts by what ``key(row)`` names (a list of names: a row counts under each)."""
        found: dict[str, Counter] = {}
        for row in self.rows:
            for name in key(row):
                found.setdefault(name, Counter())[row.status] += 1
        return found


UN_FUNDS = ("upr_vf", "vf_tc", "hrmtf")
SETTLED = ("implemented", "no_longer_relevant")


def build(
    user, *, country: str, cycle: int, language: str = "en", today: dt.date | None = None, organisation: str = ""
) -> Midterm:
    """The mid-term report of State ``country`` (ISO3) on its UPR ``cycle`` for what
    ``user`` may see, in ``language``; ``organisation``: that NHRI's or CSO's view."""
    from rightstrack.planning.choices import Status
    from rightstrack.reference.models import State
    from rightstrack.reference.translated import state_name

    today = today or dt.date.today()
    matrix = matrix_module.build(user, country=country, cycle=cycle, mechanism="UPR", language=language, today=today)
    with translation.override(language):
        if organisation:
            _their_view(user, matrix, organisation)
        state = State.objects.get(iso3=country)
        recommendations = matrix_module.selection(user, country=country, cycle=cycle, mechanism="UPR")
        sessions, reports, addenda, start = _review(recommendations)
        data = Midterm(
            language=language,
            as_of=today,
            public=matrix.public,
            organisation=organisation,
            iso3=country,
            country=state_name(state.iso3, state.name, language),
            cycle=cycle,
            sessions=sessions,
            reports=reports,
            addenda=addenda,
            period_start=start,
            matrix=matrix,
            statuses=[str(status.label) for status in Status],
            status_keys={str(status.label): status.value for status in Status},
        )
        data.rounds = _rounds(user, country, cycle)
        served = _served(user, recommendations)
        data.chapters = _chapters(user, data, served, today)
        data.changes = _position_changes(recommendations)
        data.needs = _needs(recommendations, served)
        data.history = _history(recommendations, start, today) if not organisation else ((), ())
    return data


def _their_view(user, matrix: Matrix, organisation: str) -> None:
    """Statuses and measures of the rows from the organisation's own assessments (its
    latest one per recommendation gives the status; every one is cited)."""
    from rightstrack.consultation.selectors import assessments
    from rightstrack.planning.choices import Status

    found: dict[int, list] = {}
    for item in (
        assessments(user)
        .filter(organisation__iexact=organisation, recommendation_id__in=[row.id for row in matrix.rows])
        .order_by("date", "pk")
    ):
        found.setdefault(item.recommendation_id, []).append(item)
    for row in matrix.rows:
        theirs = found.get(row.id, [])
        row.status = str(Status(theirs[-1].status).label) if theirs else _("Not assessed")
        row.updates = [Update(date=item.date, entity=item.organisation, text=item.text.strip()) for item in theirs]
        row.last_update = theirs[-1].date if theirs else None


def _review(recommendations) -> tuple[list[str], list[str], list[str], dt.date | None]:
    """The Working Group sessions (with their dates), the reports' symbols, the addenda
    giving the positions, and when the period covered starts (the session's end, or the
    report's date)."""
    from rightstrack.reference.models import UPRSession

    numbers, reports, addenda, dates = set(), set(), set(), []
    for session, own, symbol, date, source in recommendations.values_list(
        "document__upr_session__number", "upr_session__number", "document__symbol", "document__date", "position_source"
    ).distinct():
        numbers.update(n for n in (session, own) if n)
        if symbol:
            reports.add(symbol)
        if source:
            addenda.add(source.split(" - ")[0].strip())
        if date:
            dates.append(date)
    sessions = []
    for session in UPRSession.objects.filter(number__in=numbers).order_by("number"):
        if session.start_date and session.end_date:
            sessions.append(
                _("%(number)s (%(start)s – %(end)s)")
                % {"number": session.number, "start": long_date(session.start_date), "end": long_date(session.end_date)}
            )
            dates.append(session.end_date)
        else:
            sessions.append(str(session.number))
    return sessions, sorted(reports), sorted(addenda), max(dates, default=None)


def _rounds(user, country: str, cycle: int) -> list:
    """The consultation rounds on this report that the reader may see, summarised."""
    from rightstrack.consultation.selectors import consultation_summary, rounds, rounds_about

    found = rounds_about(subject="midterm", country=country, cycle=cycle).filter(pk__in=rounds(user).values("pk"))
    return consultation_summary(found)


def _served(user, recommendations) -> tuple[list, dict[int, set[int]], dict[int, set[int]]]:
    """The actions serving the recommendations (their own and their clusters'), which
    recommendations each serves, and each visible cluster's recommendations."""
    from rightstrack.planning.models import Cluster
    from rightstrack.planning.selectors import actions, clusters

    ids = recommendations.values("pk")
    members: dict[int, set[int]] = {}
    for cluster_id, rec_id in Cluster.recommendations.through.objects.filter(
        recommendation_id__in=ids, cluster__in=clusters(user)
    ).values_list("cluster_id", "recommendation_id"):
        members.setdefault(cluster_id, set()).add(rec_id)
    found = list(
        actions(user)
        .filter(Q(recommendation_id__in=ids) | Q(cluster_id__in=list(members)))
        .select_related("entity")
        .order_by("due", "title", "pk")
    )
    served = {
        action.pk: ({action.recommendation_id} if action.recommendation_id else set())
        | members.get(action.cluster_id, set())
        for action in found
    }
    return found, served, members


def _chapters(user, data: Midterm, served_by: tuple, today: dt.date) -> list[Chapter]:
    """One chapter per cluster holding recommendations of the report, in the plans' order;
    then one per first theme for the recommendations in no cluster."""
    from rightstrack.planning.models import Cluster

    found, served, members = served_by
    indicators = _indicators(user, data, [action.pk for action in found])
    chapters = []
    for cluster in Cluster.objects.filter(pk__in=list(members)).order_by("plan__start", "plan_id", "position", "title"):
        rows = [row for row in data.rows if row.id in members[cluster.pk]]  # in the matrix's order
        mine = [action for action in found if served[action.pk] & members[cluster.pk]]
        chapters.append(_chapter(cluster.title, cluster.description, rows, mine, indicators, today, data.rtl))
    clustered = set().union(*members.values()) if members else set()
    for theme, rows in data.matrix.groups():
        rows = [row for row in rows if row.id not in clustered]
        if rows:
            ids = {row.id for row in rows}
            mine = [action for action in found if served[action.pk] & ids]
            chapters.append(
                _chapter(theme or _("Recommendations without a theme"), "", rows, mine, indicators, today, data.rtl)
            )
    return chapters


def _chapter(
    title: str, description: str, rows: list[Row], actions: list, indicators: dict, today, rtl: bool
) -> Chapter:
    measures, seen = [], set()
    for update in sorted((u for row in rows for u in row.updates), key=lambda u: u.date):
        key = (update.date, update.entity, update.text)
        if key not in seen:
            seen.add(key)
            measures.append(update)
    challenges = []
    late = [action for action in actions if action.due and action.due < today and action.status not in SETTLED]
    for action in late:
        challenges.append(
            _("%(action)s: due on %(due)s, not completed (%(status)s).")
            % {"action": _who(action, rtl), "due": long_date(action.due), "status": action.get_status_display()}
        )
    silent = [row.paragraph or str(row.id) for row in rows if not row.updates]
    if silent:
        challenges.append(
            _("No measure has been reported yet on %(count)d of the %(total)d recommendations: %(paragraphs)s.")
            % {"count": len(silent), "total": len(rows), "paragraphs": ", ".join(silent)}
        )
    next_steps = []
    for action in actions:
        if action.status in SETTLED or action in late:
            continue
        if action.due:
            next_steps.append(_("%(action)s, by %(due)s") % {"action": _who(action, rtl), "due": long_date(action.due)})
        else:
            next_steps.append(_who(action, rtl))
    lines = [line for action in actions for line in indicators.get(action.pk, [])]
    return Chapter(title, description, rows, measures, lines, challenges, next_steps)


def _who(action, rtl: bool) -> str:
    """ "Train judges (Ministry of Justice)", one piece in a right-to-left sentence (its
    brackets would stray if the title and the entity were embedded apart)."""
    return embedded(f"{action.title} ({action.entity.name})", rtl)


def _indicators(user, data: Midterm, action_ids: list[int]) -> dict[int, list[IndicatorLine]]:
    """Indicators of the actions with their latest settled value (validated or published
    report; published only for the public), by action id."""
    from rightstrack.planning.models import Indicator
    from rightstrack.progress.models import IndicatorValue

    stages = ["published"] if data.public else ["validated", "published"]
    latest: dict[int, IndicatorValue] = {}
    for value in IndicatorValue.objects.filter(
        indicator__action_id__in=action_ids, report__stage__in=stages, report__archived=False
    ).order_by("date", "pk"):
        latest[value.indicator_id] = value
    found: dict[int, list[IndicatorLine]] = {}
    for indicator in (
        Indicator.objects.filter(action_id__in=action_ids, archived=False)
        .select_related("sdg_indicator")
        .order_by("action_id", "kind", "pk")
    ):
        value = latest.get(indicator.pk)
        found.setdefault(indicator.action_id, []).append(
            IndicatorLine(
                name=indicator.name,
                kind=indicator.get_kind_display(),
                baseline=indicator.baseline,
                target=indicator.target,
                unit=indicator.unit,
                latest=value.value if value else "",
                latest_date=value.date if value else None,
                source=indicator.data_source,
                sdg=indicator.sdg_indicator.code if indicator.sdg_indicator_id else "",
            )
        )
    return found


def _position_changes(recommendations) -> list[PositionChange]:
    """Positions changed after they were first given (by a person, or by a later file),
    from the audit trail; a source that merely disagreed changed nothing."""
    from django.contrib.contenttypes.models import ContentType

    from rightstrack.core.models import AuditAction, AuditEvent
    from rightstrack.recommendations.choices import Position
    from rightstrack.recommendations.models import Recommendation

    labels = {value: str(label) for value, label in Position.choices}
    recs = {
        str(pk): (paragraph, text) for pk, paragraph, text in recommendations.values_list("pk", "paragraph", "text")
    }
    changes = []
    events = (
        AuditEvent.objects.filter(
            content_type=ContentType.objects.get_for_model(Recommendation),
            object_id__in=list(recs),
            action__in=[AuditAction.CHANGED, AuditAction.IMPORTED],
            changes__has_key="position",
        )
        .select_related("user")
        .order_by("at", "pk")
    )
    for event in events:
        before, after = (list(event.changes["position"]) + [None, None])[:2]
        if not before or before == after:
            continue
        paragraph, text = recs[event.object_id]
        changes.append(
            PositionChange(
                paragraph=paragraph,
                text=" ".join(text.split()),
                before=labels.get(before, str(before)),
                after=labels.get(after, str(after or "")),
                date=event.at.date(),
                source=event.note or (str(event.user) if event.user else ""),
            )
        )
    return changes


def _needs(recommendations, served_by: tuple) -> list[Need]:
    """Actions asking for technical assistance, or funded (to be funded) by a UN fund."""
    from rightstrack.recommendations.models import paragraph_sort_key

    found, served, _members = served_by
    paragraphs = dict(recommendations.values_list("pk", "paragraph"))
    needs = []
    for action in found:
        if not (action.technical_assistance.strip() or action.funding_source in UN_FUNDS):
            continue
        budget = ""
        if action.budget is not None:
            budget = f"{action.budget:,.2f} {action.currency}".strip()
        needs.append(
            Need(
                action=action.title,
                entity=action.entity.name,
                paragraphs=sorted((paragraphs.get(pk) or str(pk) for pk in served[action.pk]), key=paragraph_sort_key),
                assistance=action.technical_assistance.strip(),
                budget=budget,
                funding=action.get_funding_source_display() if action.funding_source else "",
            )
        )
    return needs


def _history(
    recommendations, start: dt.date | None, today: dt.date
) -> tuple[list[dt.date], list[tuple[str, list[int]]]]:
    """Recommendations by status at the end of each quarter from the review to today,
    replayed from the audit trail of their statuses (a status never changed through
    rightstrack counts as it is now, from the start)."""
    from django.contrib.contenttypes.models import ContentType

    from rightstrack.core.models import AuditEvent
    from rightstrack.planning.choices import Status
    from rightstrack.progress.models import Tracking

    trackings = {
        str(pk): (rec, status)
        for pk, rec, status in Tracking.objects.filter(recommendation__in=recommendations).values_list(
            "pk", "recommendation_id", "status"
        )
    }
    events: dict[str, list[tuple[dt.date, str]]] = {}
    for object_id, at, changes in (
        AuditEvent.objects.filter(
            content_type=ContentType.objects.get_for_model(Tracking),
            object_id__in=list(trackings),
            changes__has_key="status",
        )
        .order_by("at", "pk")
        .values_list("object_id", "at", "changes")
    ):
        before = (changes.get("status") or [None])[0]
        events.setdefault(object_id, []).append((at.date(), before or Status.NOT_STARTED))
    total = recommendations.count()
    start = start or min((e[0][0] for e in events.values()), default=today)
    dates = _quarter_ends(start, today)
    counts = {status: [0] * len(dates) for status in Status.values}
    for index, when in enumerate(dates):
        tracked = 0
        for object_id, (_rec, status) in trackings.items():
            # The status at ``when``: the "before" of the first change after it, else today's.
            later = [before for day, before in events.get(object_id, []) if day > when]
            counts[later[0] if later else status][index] += 1
            tracked += 1
        counts[Status.NOT_STARTED][index] += total - tracked
    labels = dict(Status.choices)
    series = [(str(labels[status]), values) for status, values in counts.items() if any(values)]
    return dates, series


def _quarter_ends(start: dt.date, today: dt.date) -> list[dt.date]:
    """The last day of each quarter from ``start``'s to the one before today's, then today."""
    dates, year, quarter = [], start.year, (start.month - 1) // 3 + 1
    while True:
        month = quarter * 3
        end = dt.date(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1)
        if end >= today:
            break
        dates.append(end)
        year, quarter = (year + 1, 1) if quarter == 4 else (year, quarter + 1)
    return [*dates, today]
