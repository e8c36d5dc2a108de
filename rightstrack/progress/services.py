"""Progress reports and their validation, each step checked against the person's role,
versioned (no silent overwrite) and recorded in the audit trail.

Focal points write and submit reports on their entity's actions and recommendations;
the NMRF returns them with a comment, or validates them (the proposed status then
becomes the action's or recommendation's status) and publishes them.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from rightstrack.accounts import roles
from rightstrack.accounts.models import Entity
from rightstrack.core.audit import record, save_versioned, values
from rightstrack.core.errors import InvalidValueError
from rightstrack.core.models import AuditAction
from rightstrack.core.permissions import require
from rightstrack.planning.models import Action, Indicator, Responsibility
from rightstrack.progress import evidence as evidence_files
from rightstrack.progress.choices import TRANSITIONS, ReportStage
from rightstrack.progress.models import Evidence, IndicatorValue, ProgressReport, Tracking
from rightstrack.recommendations.models import Recommendation
from rightstrack.reference.choices import MechanismKind
from rightstrack.reference.models import GradeLevel

EDITABLE_STAGES = {ReportStage.DRAFT, ReportStage.RETURNED}


@transaction.atomic
def create_report(
    user,
    *,
    text: str,
    date: dt.date,
    action: Action | None = None,
    recommendation: Recommendation | None = None,
    proposed_status: str = "",
    indicator_values: list[tuple[Indicator, str]] = (),
    links: list[str] = (),
    entity: Entity | None = None,
) -> ProgressReport:
    """A draft report with its indicator values and evidence links. ``entity``: the one
    it speaks for, when the author says (NMRF staff: any; a focal point: one of its
    own); by default the action's, else the author's own or the lead's."""
    require(user, "progress.report", action or recommendation, refused=_("this item is assigned to another entity"))
    if entity is not None:
        require(user, "progress.report_for", entity, refused=_("you may report for your own entity only"))
    entity_id = entity.pk if entity is not None else _reporting_entity(user, action, recommendation)
    report = ProgressReport(
        action=action,
        recommendation=recommendation,
        entity_id=entity_id,
        author=user,
        date=date,
        text=text,
        proposed_status=proposed_status,
    )
    report.full_clean()
    report.save()
    for indicator, value in indicator_values:
        if action is None or indicator.action_id != action.pk:
            raise InvalidValueError(_("indicator %(name)s is not one of this action's") % {"name": indicator})
        IndicatorValue.objects.create(report=report, indicator=indicator, value=value, date=date)
    for link in links:
        Evidence.objects.create(report=report, link=link)
    record(user, report, AuditAction.CREATED, after=values(report, ["stage", "text", "proposed_status", "date"]))
    return report


def _reporting_entity(user, action, recommendation) -> int:
    """The entity the report speaks for: the action's, else the author's own among the
    responsible ones, else the lead's."""
    if action is not None:
        return action.entity_id
    responsible = Responsibility.objects.filter(recommendation=recommendation).order_by("-lead", "pk")
    mine = responsible.filter(entity_id__in=roles.entity_ids(user)).first()
    chosen = mine or responsible.first()
    if chosen is None:
        raise InvalidValueError(_("assign the recommendation to an entity before reporting on it"))
    return chosen.entity_id


def edit_report(user, report: ProgressReport, expected_version: int, **changes) -> ProgressReport:
    """Change a draft or returned report (its entity's focal points, or the NMRF)."""
    require(user, "progress.report", report, refused=_("this report is another entity's"))
    if report.stage not in EDITABLE_STAGES:
        raise InvalidValueError(_("a %(state)s report can no longer be edited") % {"state": report.get_stage_display()})
    return save_versioned(report, user, expected_version, changes)


def submit(user, report: ProgressReport, expected_version: int) -> ProgressReport:
    require(user, "progress.report", report, refused=_("this report is another entity's"))
    return _move(user, report, expected_version, ReportStage.SUBMITTED, review_comment="")


def return_report(user, report: ProgressReport, expected_version: int, comment: str) -> ProgressReport:
    """Send a submitted report back to its author with what to change."""
    require(user, "progress.review", refused=_("reports are returned by NMRF staff"))
    if not comment.strip():
        raise InvalidValueError(_("say what to change: a returned report needs a comment"))
    return _move(user, report, expected_version, ReportStage.RETURNED, review_comment=comment.strip())


@transaction.atomic
def validate(user, report: ProgressReport, expected_version: int) -> ProgressReport:
    """Accept a submitted report; its proposed status becomes the item's status."""
    require(user, "progress.review", refused=_("reports are validated by NMRF staff"))
    report = _move(user, report, expected_version, ReportStage.VALIDATED)
    if report.proposed_status:
        _apply_status(user, report)
    return report


def publish(user, report: ProgressReport, expected_version: int) -> ProgressReport:
    require(user, "progress.review", refused=_("reports are published by NMRF staff"))
    return _move(user, report, expected_version, ReportStage.PUBLISHED)


def _move(user, report: ProgressReport, expected_version: int, to: str, **extra) -> ProgressReport:
    if to not in TRANSITIONS[ReportStage(report.stage)]:
        raise InvalidValueError(
            _("a %(state)s report cannot become %(to)s")
            % {"state": report.get_stage_display().lower(), "to": ReportStage(to).label.lower()}
        )
    return save_versioned(report, user, expected_version, {"stage": to, **extra})


def _apply_status(user, report: ProgressReport) -> None:
    if report.action_id:
        action = Action.objects.get(pk=report.action_id)
        save_versioned(action, user, action.version, {"status": report.proposed_status})
    else:
        tracking, _created = Tracking.objects.get_or_create(recommendation_id=report.recommendation_id)
        save_versioned(tracking, user, tracking.version, {"status": report.proposed_status})


def tracking_for(recommendation: Recommendation) -> Tracking:
    """The recommendation's status row, made (not started) the first time it is asked for."""
    tracking, _created = Tracking.objects.get_or_create(recommendation=recommendation)
    return tracking


def set_status(user, recommendation: Recommendation, expected_version: int, **changes) -> Tracking:
    """Set a recommendation's status and/or a treaty body's follow-up grade (NMRF staff);
    ``changes`` takes ``status`` and ``grade``."""
    require(user, "progress.review", refused=_("statuses are set by NMRF staff"))
    unknown = set(changes) - {"status", "grade"}
    if unknown:
        raise InvalidValueError(_("unknown field: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    if changes.get("grade"):
        check_grade(recommendation, changes["grade"])
    return save_versioned(tracking_for(recommendation), user, expected_version, changes)


def grades_apply(recommendation: Recommendation) -> bool:
    """Follow-up grades are a treaty body's assessment of its follow-up procedure: they
    apply where the committee has a grade scale (reference.GradeLevel); the UPR, the
    special procedures and committees without a written procedure (CRC) do not grade."""
    return (
        recommendation.mechanism.kind == MechanismKind.TREATY_BODY
        and GradeLevel.objects.filter(mechanism_id=recommendation.mechanism_id).exists()
    )


def check_grade(recommendation: Recommendation, grade: str = "") -> None:
    """InvalidValueError unless the recommendation may have a follow-up grade, and
    ``grade`` (when given) is a code of its committee's scale."""
    if not grades_apply(recommendation):
        raise InvalidValueError(
            _(
                "%(item)s is a %(mechanism)s recommendation: follow-up grades (A to E) are given by treaty bodies "
                "only; leave the grade empty."
            )
            % {"item": recommendation, "mechanism": recommendation.mechanism.get_kind_display()}
        )
    scale = list(GradeLevel.objects.filter(mechanism_id=recommendation.mechanism_id).values_list("code", flat=True))
    if grade and grade not in scale:
        raise InvalidValueError(
            _("%(grade)r is not a grade of the %(mechanism)s (its grades: %(scale)s)")
            % {"grade": grade, "mechanism": recommendation.mechanism.code, "scale": ", ".join(scale)}
        )


@transaction.atomic
def add_evidence(user, report: ProgressReport, *, file=None, link: str = "", description: str = "") -> Evidence:
    """Attach a file or a link to a draft or returned report (its entity's focal points,
    or the NMRF). A file must be of an allowed type, as its bytes show, and at most
    ``core.limits.MAX_EVIDENCE_MB``; it is stored under a random name, its own kept for display."""
    require(user, "progress.report", report, refused=_("this report is another entity's"))
    if report.stage not in EDITABLE_STAGES:
        raise InvalidValueError(_("a %(state)s report can no longer be edited") % {"state": report.get_stage_display()})
    if not file and not link:
        raise InvalidValueError(_("evidence needs a file or a link"))
    evidence = Evidence(report=report, link=link, description=description)
    if file:
        evidence_files.check(file)  # its bytes, not only its name
        evidence.name = evidence_files.display_name(file.name)
        evidence.size = file.size
        evidence.file = file
    evidence.full_clean()
    evidence.save()
    record(user, report, AuditAction.CHANGED, {"evidence": None}, {"evidence": str(evidence)})
    return evidence
