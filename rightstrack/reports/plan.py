"""The national action plan as a document: what it holds (``build``) and its blocks (``document``).

The layout is the one the OHCHR *Handbook on National Human Rights Plans of Action*
(2002) suggests ("Suggestions for the structure of a national action plan"):
``Goal | Objective | Activity | Relevant agency | Completion``, with the targets and
benchmarks of its chapter 9.5 as indicators. rightstrack's data fills it so:

- **Goal**: a cluster of the plan, in the clusters' position order. Actions of the plan
  with no cluster (each is then on one recommendation) stand under a last goal, "Other
  measures". An archived cluster is left out; its actions on one recommendation move to
  "Other measures" (they are still live work), its cluster-wide actions go with it.
- **Objective**: the recommendation the activity implements: ``121.1 Ratify … (France)``
  (its text in the document's language when a translation is stored, shortened to
  about ``OBJECTIVE_LENGTH`` characters) and the symbol of its document. For a
  cluster-wide action: "All recommendations of this goal (N)" and the cluster's
  description. A reader who may not see the recommendation (the public, for an
  unpublished one) reads that it is not published yet.
- **Activity**: the action's title and description; **Relevant agency**: the action's
  responsible entity (the recommendation's supporting entities are the matrix's
  business, not the plan's); **Completion**: the due date and the start, as long dates
  of the language (``matrix.long_date``), and the action's status.
- Then what the Handbook asks of a plan besides: the indicators (baseline → target,
  unit, data source, SDG indicator, and the latest value reported), the budget and its
  funding source (the UN funds by name), the affected groups and the gender note.

In the document (``document``) each goal opens with a :class:`~.document.Band` row of
the main table rather than repeating itself in a Goal column, so the table keeps its
width for the long cells. Archived actions and indicators are left out; indicator
values are those of validated or published progress reports (published only, for the
public), as in the matrix.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Prefetch
from django.utils import formats, translation
from django.utils.translation import gettext as _

from rightstrack.core.errors import InvalidValueError
from rightstrack.reference.translated import state_name
from rightstrack.reports.document import Band, Cover, Document, Heading, Paragraph, Table
from rightstrack.reports.matrix import TEXT_LANGUAGE, _sdg, long_date

OBJECTIVE_LENGTH = 300  # characters of a recommendation's text in the Objective cell
# The funds of the United Nations an NMRF may ask to finance an activity (FundingSource values).
UN_FUNDS = frozenset({"upr_vf", "vf_tc", "hrmtf"})
KIND_ORDER = ("structure", "process", "outcome")  # OHCHR's indicator framework, in its order


class PlanNotFound(InvalidValueError):
    """No plan of that number that the person may see; ``field`` is "plan"."""

    def __init__(self, plan_id, message: str = ""):
        self.field = "plan"
        self.message = message or f"no implementation plan {plan_id!r} that you may see"
        super().__init__(f"{self.field}: {self.message}")


@dataclass
class IndicatorLine:
    """An indicator of an activity, its labels in the plan's language."""

    kind: str  # "Process"
    name: str
    baseline: str
    target: str
    unit: str
    data_source: str
    sdg_indicator: str  # "16.3.1", or ""
    latest_value: str  # the last value a settled report gave, or ""
    latest_date: dt.date | None
    text: str  # the whole line, as the document prints it


@dataclass
class Activity:
    """One action of the plan with every field the plan prints."""

    id: int
    goal: str
    objective: str  # the Objective cell: recommendation (shortened) and document, or the goal's recommendations
    objective_paragraph: str  # "121.1", or "All recommendations of this goal (2)"
    objective_document: str  # "A/HRC/43/15", or ""
    objective_text: str  # the recommendation's whole text with its States, or the cluster's description
    title: str
    description: str
    entity: str
    start: dt.date | None
    due: dt.date | None
    completion: str  # the due date as a long date, or ""
    status: str  # label
    status_code: str
    indicators: list[IndicatorLine]
    budget: Decimal | None
    currency: str
    budget_text: str  # "12,000.00 EUR", in the language's number format
    funding_source: str  # label, or ""
    un_fund: bool  # financed (or to be) by a UN fund
    technical_assistance: str
    affected_groups: list[str]
    gender_note: str

    @property
    def funding(self) -> str:
        """ "12,000.00 EUR — State budget"."""
        return " — ".join(part for part in (self.budget_text, self.funding_source) if part)


@dataclass
class Goal:
    """A cluster of the plan (``number`` None: "Other measures") and its activities."""

    number: int | None
    title: str
    description: str
    recommendations: int  # the cluster's recommendations the reader may see
    activities: list[Activity] = field(default_factory=list)

    @property
    def heading(self) -> str:
        if self.number is None:
            return self.title
        return _("Goal %(number)s: %(title)s") % {"number": self.number, "title": self.title}


@dataclass
class PlanData:
    """A plan ready to write, in one language."""

    id: int
    title: str
    description: str
    start: dt.date | None
    end: dt.date | None
    period: str  # "1 January 2025 – 31 December 2028", or ""
    language: str
    as_of: dt.date
    public: bool  # built for a reader who sees published data only
    goals: list[Goal]

    @property
    def rtl(self) -> bool:
        return self.language == "ar"

    @property
    def activities(self) -> list[Activity]:
        return [activity for goal in self.goals for activity in goal.activities]

    @property
    def entities(self) -> list[str]:
        """The responsible entities of the activities, each once, by name."""
        return sorted({activity.entity for activity in self.activities})


def build(user, plan_id: int, *, language: str = "en", today: dt.date | None = None) -> PlanData:
    """Plan ``plan_id`` as ``user`` may see it (the public: a published plan, published
    recommendations and published progress), labels and dates in ``language``.
    PlanNotFound (field "plan") when there is no such plan for ``user``. A fixed number
    of queries, whatever the size of the plan."""
    from rightstrack.planning import selectors

    today = today or dt.date.today()
    public = not (user is not None and user.is_authenticated)
    try:
        number = int(plan_id)
    except (TypeError, ValueError):
        raise PlanNotFound(plan_id) from None
    plan = selectors.plans(user).filter(pk=number).first()
    if plan is None:
        raise PlanNotFound(plan_id)
    with translation.override(language):
        goals = _goals(user, plan, TEXT_LANGUAGE.get(language, language), public)
        return PlanData(
            id=plan.pk,
            title=plan.title,
            description=plan.description.strip(),
            start=plan.start,
            end=plan.end,
            period=_period(plan.start, plan.end),
            language=language,
            as_of=today,
            public=public,
            goals=goals,
        )


def _period(start: dt.date | None, end: dt.date | None) -> str:
    if start and end:
        return f"{long_date(start)} – {long_date(end)}"
    if start:
        return _("From %(date)s") % {"date": long_date(start)}
    if end:
        return _("Until %(date)s") % {"date": long_date(end)}
    return ""


def _goals(user, plan, text_language: str, public: bool) -> list[Goal]:
    """The goals in order, each with its activities in order (see ``_order``)."""
    from rightstrack.planning import selectors
    from rightstrack.planning.models import Cluster, Indicator
    from rightstrack.recommendations.models import Translation
    from rightstrack.recommendations.selectors import visible_recommendations
    from rightstrack.reference.models import Term

    clusters = list(selectors.clusters(user, plan).order_by("position", "title", "pk"))
    visible = visible_recommendations(user)
    counts = dict(
        Cluster.recommendations.through.objects.filter(
            cluster_id__in=[cluster.pk for cluster in clusters], recommendation_id__in=visible.values("pk")
        )
        .values("cluster_id")
        .annotate(count=Count("pk"))
        .values_list("cluster_id", "count")
    )
    goals = {
        cluster.pk: Goal(number, cluster.title, cluster.description.strip(), counts.get(cluster.pk, 0))
        for number, cluster in enumerate(clusters, start=1)
    }
    other = Goal(None, _("Other measures"), "", 0)

    # The recommendation through a prefetch of the visible ones: one the reader may not
    # see comes back as None, and the rule of who sees what stays in its selector.
    recommendations = visible.select_related("document").prefetch_related(
        "recommending_states", Prefetch("translations", queryset=Translation.objects.filter(language=text_language))
    )
    of_plan = selectors.actions(user).filter(plan=plan)
    found = of_plan.prefetch_related(
        Prefetch("recommendation", queryset=recommendations),
        Prefetch("affected_groups", queryset=Term.objects.order_by("position", "code")),
        Prefetch(
            "indicators",
            queryset=Indicator.objects.filter(archived=False).select_related("sdg_indicator").order_by("pk"),
        ),
    )
    latest = _latest_values(user, of_plan, public)
    placed: dict[int | None, list] = {}  # cluster id (None: "Other measures") -> actions
    for action in found:
        key = action.cluster_id if action.cluster_id in goals else None
        if key is None and action.recommendation_id is None:
            continue  # a cluster-wide action of an archived cluster goes with it
        placed.setdefault(key, []).append(action)
    for key, goal in [*goals.items(), (None, other)]:
        for action in sorted(placed.get(key, []), key=_order):
            goal.activities.append(_activity(action, goal, text_language, latest))
    return [*goals.values(), *([other] if other.activities else [])]


def _latest_values(user, actions, public: bool) -> dict[int, tuple[str, dt.date]]:
    """Indicator id -> (value, date): the last value a settled progress report gave."""
    from rightstrack.progress.choices import ReportStage
    from rightstrack.progress.models import IndicatorValue
    from rightstrack.progress.selectors import reports

    states = [ReportStage.PUBLISHED] if public else [ReportStage.VALIDATED, ReportStage.PUBLISHED]
    settled = reports(user).filter(stage__in=states).values("pk")
    latest: dict[int, tuple[str, dt.date]] = {}
    for indicator_id, value, date in (
        IndicatorValue.objects.filter(
            indicator__action__in=actions.values("pk"), indicator__archived=False, report__in=settled
        )
        .order_by("date", "pk")
        .values_list("indicator_id", "value", "date")
    ):
        latest[indicator_id] = (value, date)
    return latest


def _order(action) -> tuple:
    """Cluster-wide activities first, then by recommendation (document, paragraph), then
    by due date (undated last), title and id: an objective's activities stand together."""
    rec = action.recommendation
    place = (
        (0, "", "")
        if action.recommendation_id is None
        else (2, "", "")
        if rec is None
        else (1, rec.document.symbol if rec.document_id else "", rec.paragraph_key)
    )
    return (*place, action.due is None, action.due or dt.date.min, action.title, action.pk)


def _activity(action, goal: Goal, text_language: str, latest: dict) -> Activity:
    from rightstrack.planning.choices import FundingSource, IndicatorKind, Status

    paragraph, document, text, objective = _objective(action, goal, text_language)
    budget_text = ""
    if action.budget is not None:
        amount = formats.number_format(action.budget, decimal_pos=2, use_l10n=True, force_grouping=True)
        budget_text = f"{amount} {action.currency}".strip()
    indicators = []
    for indicator in sorted(action.indicators.all(), key=lambda item: (_kind_rank(item.kind), item.pk)):
        value, date = latest.get(indicator.pk, ("", None))
        sdg = _sdg(indicator.sdg_indicator) if indicator.sdg_indicator_id else ""
        indicators.append(
            IndicatorLine(
                kind=str(IndicatorKind(indicator.kind).label),
                name=indicator.name,
                baseline=indicator.baseline,
                target=indicator.target,
                unit=indicator.unit,
                data_source=indicator.data_source,
                sdg_indicator=sdg,
                latest_value=value,
                latest_date=date,
                text=_indicator_text(indicator, sdg, value, date),
            )
        )
    return Activity(
        id=action.pk,
        goal=goal.title,
        objective=objective,
        objective_paragraph=paragraph,
        objective_document=document,
        objective_text=text,
        title=action.title,
        description=action.description.strip(),
        entity=action.entity.name,
        start=action.start,
        due=action.due,
        completion=long_date(action.due) if action.due else "",
        status=str(Status(action.status).label),
        status_code=action.status,
        indicators=indicators,
        budget=action.budget,
        currency=action.currency,
        budget_text=budget_text,
        funding_source=str(FundingSource(action.funding_source).label) if action.funding_source else "",
        un_fund=action.funding_source in UN_FUNDS,
        technical_assistance=action.technical_assistance.strip(),
        affected_groups=[term.label for term in action.affected_groups.all()],
        gender_note=action.gender_note.strip(),
    )


def _kind_rank(kind: str) -> int:
    return KIND_ORDER.index(kind) if kind in KIND_ORDER else len(KIND_ORDER)


def _objective(action, goal: Goal, text_language: str) -> tuple[str, str, str, str]:
    """(paragraph, document, whole text, the Objective cell) of an activity."""
    if action.recommendation_id is None:
        paragraph = _("All recommendations of this goal (%(count)s)") % {"count": goal.recommendations}
        cell = "\n".join(part for part in (paragraph, _short(goal.description)) if part)
        return paragraph, "", goal.description, cell
    rec = action.recommendation
    if rec is None:
        unpublished = _("A recommendation not published yet")
        return "", "", unpublished, unpublished
    translated = [item.text for item in rec.translations.all()]
    text = " ".join((rec.text if rec.language == text_language or not translated else translated[0]).split())
    states = " ".join(
        f"({state_name(state.iso3, state.name, translation.get_language())})" for state in rec.recommending_states.all()
    )
    document = rec.document.symbol if rec.document_id else ""
    whole = f"{text} {states}".strip()
    cell = " ".join(part for part in (rec.paragraph, _short(text), states) if part)
    return rec.paragraph, document, whole, "\n".join(part for part in (cell, document) if part)


def _short(text: str) -> str:
    return textwrap.shorten(text, OBJECTIVE_LENGTH, placeholder=" …") if text else ""


def _indicator_text(indicator, sdg: str, value: str, date: dt.date | None) -> str:
    """ "Cases decided: baseline 31 → target 60 (cases); source: court statistics; SDG
    indicator 16.3.1; latest value 45 (15 September 2026)"."""
    steps = []
    if indicator.baseline:
        steps.append(_("baseline %(value)s") % {"value": indicator.baseline})
    if indicator.target:
        steps.append(_("target %(value)s") % {"value": indicator.target})
    measure = " → ".join(steps)
    if measure and indicator.unit:
        measure = f"{measure} ({indicator.unit})"
    parts = [f"{indicator.name}: {measure}" if measure else indicator.name]
    if indicator.data_source:
        parts.append(_("source: %(source)s") % {"source": indicator.data_source})
    if sdg:
        parts.append(_("SDG indicator %(code)s") % {"code": sdg})
    if value:
        parts.append(_("latest value %(value)s (%(date)s)") % {"value": value, "date": long_date(date)})
    return "; ".join(parts)


# --- the document ---------------------------------------------------------------------

MAIN_WIDTHS = (0.18, 0.17, 0.10, 0.10, 0.19, 0.12, 0.14)
TA_WIDTHS = (0.22, 0.16, 0.14, 0.30, 0.18)


def document(data: PlanData) -> Document:
    """The plan as a :class:`~.document.Document` (landscape): a cover, an introduction
    (the plan's description), a summary of the activities by goal and status, the plan
    table (a band per goal, see the module docstring), then the technical assistance and
    funding needs (activities asking for assistance or financed by a UN fund)."""
    from rightstrack.planning.choices import Status

    with translation.override(data.language):
        activities = data.activities
        facts = [(_("Period"), data.period)] if data.period else []
        facts += [
            (_("As of"), long_date(data.as_of)),
            (_("Goals"), str(len(data.goals))),
            (_("Activities"), str(len(activities))),
            (_("Responsible entities"), str(len(data.entities))),
        ]
        doc = Document(
            title=data.title,
            language=data.language,
            as_of=data.as_of,
            landscape=True,
            cover=Cover(title=data.title, subtitle=_("National action plan"), facts=facts),
        )
        doc.add(Heading(_("Introduction")))
        doc.add(*(Paragraph(text.strip()) for text in data.description.split("\n\n") if text.strip()))
        doc.add(
            Paragraph(
                _(
                    "The plan follows the structure the OHCHR Handbook on National Human Rights Plans of "
                    "Action suggests: for each goal, the objectives (the recommendations the State "
                    "implements), the activities, the agency responsible and the date of completion, with "
                    "indicators, budget and funding."
                ),
                note=True,
            )
        )
        if data.public:
            doc.add(
                Paragraph(
                    _("Latest indicator values are those of progress reports published by the national mechanism."),
                    note=True,
                )
            )

        doc.add(Heading(_("Summary")))
        statuses = list(Status)
        rows = [
            [
                goal.heading,
                str(len(goal.activities)),
                *(str(sum(item.status_code == status for item in goal.activities)) for status in statuses),
            ]
            for goal in data.goals
        ]
        rows.append(
            [
                _("Total"),
                str(len(activities)),
                *(str(sum(item.status_code == status for item in activities)) for status in statuses),
            ]
        )
        doc.add(
            Table(
                columns=[_("Goal"), _("Activities"), *(str(status.label) for status in statuses)],
                rows=rows,
                widths=(0.28, 0.09, *([0.63 / len(statuses)] * len(statuses))),
            )
        )

        doc.add(Heading(_("Plan of action")))
        doc.add(
            Table(
                columns=[
                    _("Objective"),
                    _("Activity"),
                    _("Responsible agency"),
                    _("Completion"),
                    _("Indicators"),
                    _("Budget and funding"),
                    _("Affected groups and gender"),
                ],
                rows=_main_rows(data),
                widths=MAIN_WIDTHS,
                small=True,
            )
        )

        doc.add(Heading(_("Technical assistance and funding needs")))
        needs = [item for item in activities if item.technical_assistance or item.un_fund]
        if needs:
            doc.add(
                Table(
                    columns=[
                        _("Activity"),
                        _("Goal"),
                        _("Responsible agency"),
                        _("Technical assistance needed"),
                        _("Budget and funding"),
                    ],
                    rows=[
                        [item.title, item.goal, item.entity, item.technical_assistance, item.funding] for item in needs
                    ],
                    widths=TA_WIDTHS,
                    small=True,
                )
            )
        else:
            doc.add(Paragraph(_("No activity of the plan asks for technical assistance or for a United Nations fund.")))
        return doc


def _main_rows(data: PlanData) -> list:
    rows: list = []
    for goal in data.goals:
        rows.append(Band(goal.heading))
        if not goal.activities:
            rows.append([_("No activity planned yet."), "", "", "", "", "", ""])
        for item in goal.activities:
            activity = "\n".join(part for part in (item.title, item.description) if part)
            completion = [item.completion or _("No date set")]
            if item.start:
                completion.append(_("Start: %(date)s") % {"date": long_date(item.start)})
            completion.append(_("Status: %(status)s") % {"status": item.status})
            groups = []
            if item.affected_groups:
                groups.append(_("Affected groups: %(groups)s") % {"groups": "; ".join(item.affected_groups)})
            if item.gender_note:
                groups.append(_("Gender perspective: %(note)s") % {"note": item.gender_note})
            rows.append(
                [
                    item.objective,
                    activity,
                    item.entity,
                    "\n".join(completion),
                    "\n".join(indicator.text for indicator in item.indicators),
                    item.funding,
                    "\n".join(groups),
                ]
            )
    return rows
