"""Reads of progress reporting and of the treaty bodies' follow-up procedures, filtered
by what the person may see."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import F, OuterRef, Prefetch, Q, QuerySet, Subquery

from rightstrack.accounts import roles
from rightstrack.core.permissions import can
from rightstrack.progress.choices import ReportStage
from rightstrack.progress.models import (
    CommitteeAssessment,
    FollowUp,
    FollowUpParagraph,
    FollowUpPart,
    PartGrade,
    ProgressReport,
)
from rightstrack.reference.models import GradeLevel


def reports(user) -> QuerySet[ProgressReport]:
    """The public sees published reports; NMRF staff see all; a focal point sees its
    entities' reports in every state and the others' once validated; contributors and
    viewers see validated and published ones."""
    found = ProgressReport.objects.filter(archived=False).select_related("entity", "author")
    if not can(user, "core.see_unpublished"):
        # Published, and about something public: an action of a published plan, or a
        # published recommendation.
        public_subject = Q(action__plan__is_published=True, action__plan__archived=False, action__archived=False) | Q(
            action__isnull=True, recommendation__is_published=True
        )
        return found.filter(public_subject, stage=ReportStage.PUBLISHED)
    if can(user, "progress.review"):
        return found
    settled = Q(stage__in=[ReportStage.VALIDATED, ReportStage.PUBLISHED])
    if can(user, "progress.follow_entity"):
        return found.filter(settled | Q(entity_id__in=roles.entity_ids(user)))
    return found.filter(settled)


def todo(user, today=None) -> dict:
    """What waits for the person: for NMRF staff the reports to validate or publish and
    the overdue actions; for a focal point its entities' overdue actions and its drafts
    and returned reports. Empty for other roles."""
    from rightstrack.planning.selectors import overdue

    if can(user, "progress.review"):
        return {
            "to_validate": reports(user).filter(stage=ReportStage.SUBMITTED).count(),
            "to_publish": reports(user).filter(stage=ReportStage.VALIDATED).count(),
            "overdue": overdue(user, today).count(),
        }
    if can(user, "progress.follow_entity"):
        mine = reports(user).filter(entity_id__in=roles.entity_ids(user))
        return {
            "overdue": overdue(user, today, mine=True).count(),
            "returned": mine.filter(stage=ReportStage.RETURNED).count(),
            "drafts": mine.filter(stage=ReportStage.DRAFT).count(),
        }
    return {}


# --- Treaty-body follow-up --------------------------------------------------------------

# The latest assessment first: by session, then year; one without them counts as the
# oldest, on every database (SQLite and PostgreSQL sort NULLs differently), as in the
# rounds' order (CommitteeAssessment.Meta.ordering).
LATEST_FIRST = (F("session").desc(nulls_last=True), F("year").desc(nulls_last=True), "-id")


@dataclass
class Round:
    """A Committee's assessment with its number in the procedure (1 = the first)."""

    number: int
    assessment: CommitteeAssessment
    grades: list[PartGrade] = field(default_factory=list)


@dataclass
class ParagraphView:
    """A follow-up paragraph as pages, the API and the follow-up report show it: its
    parts (with the latest grade of each), its grades by round, the State's measures."""

    paragraph: FollowUpParagraph
    parts: list[tuple[FollowUpPart, PartGrade | None]]
    rounds: list[Round]
    latest: list[PartGrade]
    levels: dict[str, GradeLevel]

    @property
    def recommendation(self):
        return self.paragraph.recommendation


@dataclass
class FollowUpView:
    follow_up: FollowUp
    rounds: list[Round]
    paragraphs: list[ParagraphView]
    levels: dict[str, GradeLevel]


def followups(user) -> QuerySet[FollowUp]:
    """The follow-up procedures the person may see: all when signed in; for the public,
    those with a published recommendation (the Committee's grades are public, the NMRF
    decides when its record of a document is)."""
    found = FollowUp.objects.select_related("document", "document__mechanism").prefetch_related("document__states")
    if not can(user, "core.see_unpublished"):
        found = found.filter(paragraphs__recommendation__is_published=True).distinct()
    return found


def followup(user, pk: int) -> FollowUpView | None:
    """One procedure with its paragraphs, parts and grades by round (None: not visible)."""
    follow_up = followups(user).filter(pk=pk).first()
    return None if follow_up is None else _view(follow_up)


def followup_of(user, symbol: str) -> FollowUpView | None:
    """The procedure on the document ``symbol`` (case and spaces ignored), if visible."""
    follow_up = followups(user).filter(document__symbol__iexact=" ".join((symbol or "").split())).first()
    return None if follow_up is None else _view(follow_up)


def paragraph_view(paragraph: FollowUpParagraph) -> ParagraphView:
    """One paragraph's view (a recommendation's page)."""
    return next(p for p in _view(paragraph.follow_up).paragraphs if p.paragraph.pk == paragraph.pk)


def measures(user, recommendation) -> dict:
    """The State's measures on a recommendation as ``user`` may see them: ``actions``
    (its own and its clusters', by due date) and ``progress``, the validated or published
    reports on it or on those actions (published only, for the public), by date."""
    from rightstrack.planning.selectors import actions as visible_actions

    if recommendation is None:
        return {"actions": [], "progress": []}
    actions = list(
        visible_actions(user)
        .filter(Q(recommendation=recommendation) | Q(cluster__recommendations=recommendation))
        .select_related("entity", "plan")
        .distinct()
        .order_by("due", "pk")
    )
    progress = (
        reports(user)
        .filter(
            Q(recommendation=recommendation) | Q(action__in=actions),
            stage__in=[ReportStage.VALIDATED, ReportStage.PUBLISHED],
        )
        .prefetch_related("indicator_values__indicator")
        .order_by("date", "pk")
    )
    return {"actions": actions, "progress": list(progress)}


def latest_grade_counts(follow_up: FollowUp) -> dict[str, int]:
    """The grades of the procedure's latest assessment, counted ({"A": 1, "C": 3}), from
    its prefetched ``assessments__grades`` (the list page and the API prefetch them)."""
    assessments = list(follow_up.assessments.all())
    counts = Counter(grade.grade for grade in assessments[-1].grades.all()) if assessments else Counter()
    return dict(sorted(counts.items()))


def grade_levels(mechanism_id: int) -> dict[str, GradeLevel]:
    return {level.code: level for level in GradeLevel.objects.filter(mechanism_id=mechanism_id)}


def _view(follow_up: FollowUp) -> FollowUpView:
    rounds = [Round(number, assessment) for number, assessment in enumerate(follow_up.assessments.all(), start=1)]
    by_assessment = {r.assessment.pk: r for r in rounds}
    paragraphs = list(
        follow_up.paragraphs.select_related("recommendation").prefetch_related(
            "parts", Prefetch("grades", PartGrade.objects.prefetch_related("parts").order_by("position"))
        )
    )
    views = []
    levels = grade_levels(follow_up.document.mechanism_id)
    for paragraph in paragraphs:
        mine = {r.number: Round(r.number, r.assessment) for r in rounds}
        for grade in paragraph.grades.all():
            mine[by_assessment[grade.assessment_id].number].grades.append(grade)
        graded = [r for r in mine.values() if r.grades]
        latest = graded[-1].grades if graded else []
        covering = {part.pk: grade for grade in latest for part in grade.parts.all()}
        whole = next((g for g in latest if not g.label), None)  # a grade of the whole paragraph
        parts = [(part, covering.get(part.pk, whole)) for part in paragraph.parts.all()]
        views.append(ParagraphView(paragraph, parts, graded, latest, levels))
    return FollowUpView(follow_up, rounds, views, levels)


def grade_counts(user) -> list[dict]:
    """Grades of each procedure's latest assessment, counted by committee and State:
    [{"mechanism", "state", "iso3", "grades": {code: n}, "total"}], by committee then State.
    One query, whatever the number of procedures."""
    latest = (
        CommitteeAssessment.objects.filter(follow_up=OuterRef("assessment__follow_up"))
        .order_by(*LATEST_FIRST)
        .values("pk")[:1]
    )
    grades = (
        PartGrade.objects.filter(assessment__follow_up__in=followups(user).values("pk"))
        .annotate(latest=Subquery(latest))
        .filter(assessment_id=F("latest"))
        .values(
            "grade",
            "assessment__follow_up__document__mechanism__code",
            "assessment__follow_up__document__states__iso3",
            "assessment__follow_up__document__states__name",
        )
    )
    rows: dict[tuple, dict] = {}
    for grade in grades:
        key = (
            grade["assessment__follow_up__document__mechanism__code"],
            grade["assessment__follow_up__document__states__name"] or "",
        )
        row = rows.setdefault(
            key,
            {
                "mechanism": key[0],
                "state": key[1],
                "total": 0,
                "grades": {},
                "iso3": grade["assessment__follow_up__document__states__iso3"] or "",
            },
        )
        row["grades"][grade["grade"]] = row["grades"].get(grade["grade"], 0) + 1
        row["total"] += 1
    return [rows[key] for key in sorted(rows)]
