"""Reminder emails: what each focal point has to do, and what waits for the NMRF.

A focal point gets one email listing its entities' actions that are overdue or due
within a few days, and its entities' progress reports still in draft or returned with a
comment. NMRF administrators and staff get one summary: the reports waiting for
validation and how many actions are overdue. Nobody gets an email with nothing in it.

Emails are plain text in the site's language (``LANGUAGE_CODE``): a reminder goes out
from a scheduled job, where no visitor's language applies. Who counts as a focal point
or as NMRF staff follows ``accounts.roles.role_of`` (``accounts.selectors``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import formats, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from rightstrack.accounts import roles
from rightstrack.accounts import selectors as accounts
from rightstrack.accounts.choices import Role
from rightstrack.planning import selectors as planning
from rightstrack.progress import selectors as progress
from rightstrack.progress.choices import ReportStage

DEFAULT_DAYS = 14
TO_COMPLETE = [ReportStage.DRAFT, ReportStage.RETURNED]


@dataclass
class Reminder:
    """One email to one person; ``items`` counts what it lists, for the command's summary."""

    user: object
    kind: str  # Role.FOCAL_POINT or Role.NMRF_STAFF
    subject: str
    body: str
    items: dict[str, int] = field(default_factory=dict)

    @property
    def email(self) -> str:
        return self.user.email

    def message(self, connection=None) -> mail.EmailMessage:
        return mail.EmailMessage(
            self.subject, self.body, settings.DEFAULT_FROM_EMAIL, [self.email], connection=connection
        )


def _date(value: dt.date) -> str:
    return formats.date_format(value, "DATE_FORMAT")


def _line(text: str, *details: str) -> str:
    return "\n".join([f"- {text}", *[f"  {detail}" for detail in details if detail]])


def _when(due: dt.date, today: dt.date) -> str:
    days = (due - today).days
    values = {"date": _date(due), "n": abs(days)}
    if days < 0:
        return ngettext("due %(date)s, %(n)d day late", "due %(date)s, %(n)d days late", -days) % values
    if days == 0:
        return _("due today, %(date)s") % values
    return ngettext("due %(date)s, in %(n)d day", "due %(date)s, in %(n)d days", days) % values


def _action_lines(actions, today: dt.date, site_url: str) -> list[str]:
    lines = []
    for action in actions:
        status = _("status: %(status)s") % {"status": action.get_status_display()}
        where = f"{action.plan} · {action.entity} · {_when(action.due, today)} · {status}"
        lines.append(_line(action.title, where, _action_link(site_url, action.pk)))
    return lines


def _report_lines(reports, site_url: str) -> list[str]:
    lines = []
    for report in reports:
        about = report.action.title if report.action_id else str(report.recommendation)
        state = _("%(state)s, %(date)s") % {"state": report.get_stage_display(), "date": _date(report.date)}
        comment = _("NMRF comment: %(comment)s") % {"comment": report.review_comment} if report.review_comment else ""
        link = _action_link(site_url, report.action_id) if report.action_id else ""
        lines.append(_line(about, f"{report.entity} · {state}", comment, link))
    return lines


def _action_link(site_url: str, pk: int) -> str:
    """The action's page on the site, when the command was told the site's address."""
    if not site_url:
        return ""
    return site_url.rstrip("/") + reverse("planning:action_detail", args=[pk])


def _greeting(user) -> str:
    return _("Hello %(name)s,") % {"name": user.get_full_name() or user.get_username()}


def focal_point_reminder(user, today: dt.date, days: int = DEFAULT_DAYS, site_url: str = "") -> Reminder | None:
    """The focal point's email, or None when nothing needs its attention."""
    actions = list(
        planning.actions(user, mine=True)
        .filter(due__isnull=False, due__lte=today + dt.timedelta(days=days))
        .exclude(status__in=planning.SETTLED)
        .order_by("due", "pk")
    )
    reports = list(
        progress.reports(user)
        .filter(entity_id__in=roles.entity_ids(user), stage__in=TO_COMPLETE)
        .select_related("action", "recommendation__document")
        .order_by("date", "pk")
    )
    if not actions and not reports:
        return None
    overdue = sum(action.due < today for action in actions)
    parts = [_greeting(user), ""]
    if actions:
        parts += [
            ngettext(
                "%(n)d action of your entity is overdue or due within %(days)d days (%(late)d overdue):",
                "%(n)d actions of your entity are overdue or due within %(days)d days (%(late)d overdue):",
                len(actions),
            )
            % {"n": len(actions), "days": days, "late": overdue},
            "",
            *_action_lines(actions, today, site_url),
            "",
        ]
    if reports:
        parts += [
            ngettext(
                "%(n)d progress report waits to be completed and submitted:",
                "%(n)d progress reports wait to be completed and submitted:",
                len(reports),
            )
            % {"n": len(reports)},
            "",
            *_report_lines(reports, site_url),
            "",
        ]
    parts.append(_("This reminder is sent by rightstrack to the focal points of each responsible entity."))
    what = [
        ngettext("%(n)d action", "%(n)d actions", len(actions)) % {"n": len(actions)} if actions else "",
        ngettext("%(n)d report to complete", "%(n)d reports to complete", len(reports)) % {"n": len(reports)}
        if reports
        else "",
    ]
    subject = _("rightstrack: %(what)s") % {"what": ", ".join(part for part in what if part)}
    return Reminder(
        user,
        Role.FOCAL_POINT,
        subject,
        "\n".join(parts),
        {"actions": len(actions), "overdue": overdue, "reports": len(reports)},
    )


def nmrf_summary(user, today: dt.date, site_url: str = "") -> Reminder | None:
    """The NMRF member's summary, or None when no report waits and nothing is overdue."""
    waiting = list(
        progress.reports(user)
        .filter(stage=ReportStage.SUBMITTED)
        .select_related("action", "recommendation__document")
        .order_by("date", "pk")
    )
    overdue = planning.overdue(user, today).count()
    if not waiting and not overdue:
        return None
    parts = [_greeting(user), ""]
    if waiting:
        parts += [
            ngettext(
                "%(n)d progress report waits for validation:",
                "%(n)d progress reports wait for validation:",
                len(waiting),
            )
            % {"n": len(waiting)},
            "",
            *_report_lines(waiting, site_url),
            "",
        ]
    parts.append(ngettext("%(n)d action is overdue.", "%(n)d actions are overdue.", overdue) % {"n": overdue})
    if site_url:
        parts.append(site_url.rstrip("/") + reverse("dashboard:overdue"))
    what = [
        ngettext("%(n)d report to validate", "%(n)d reports to validate", len(waiting)) % {"n": len(waiting)}
        if waiting
        else "",
        ngettext("%(n)d overdue action", "%(n)d overdue actions", overdue) % {"n": overdue} if overdue else "",
    ]
    subject = _("rightstrack: %(what)s") % {"what": ", ".join(part for part in what if part)}
    return Reminder(user, Role.NMRF_STAFF, subject, "\n".join(parts), {"reports": len(waiting), "overdue": overdue})


def reminders(today: dt.date | None = None, days: int = DEFAULT_DAYS, site_url: str = "") -> list[Reminder]:
    """Every email to send today, focal points first, in the site's language."""
    today = today or dt.date.today()
    with translation.override(settings.LANGUAGE_CODE):
        found = [focal_point_reminder(user, today, days, site_url) for user in accounts.focal_points_to_mail()]
        found += [nmrf_summary(user, today, site_url) for user in accounts.planners_to_mail()]
    return [reminder for reminder in found if reminder is not None]


def send(found: list[Reminder]) -> int:
    """Send the emails over one connection; returns how many went."""
    if not found:
        return 0
    with mail.get_connection() as connection:
        return connection.send_messages([reminder.message(connection) for reminder in found]) or 0
