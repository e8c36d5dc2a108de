"""The progress panel of an action's page: ``{% action_reports action %}`` (planning's
page knows nothing of reports: progress comes after planning)."""

from django import template

from rightstrack.core.permissions import can
from rightstrack.progress.selectors import reports

register = template.Library()


@register.inclusion_tag("progress/_action_reports.html", takes_context=True)
def action_reports(context, action):
    """The action's progress reports the person may see, and the link to write one."""
    user = context.get("user")
    return {
        "request": context.get("request"),
        "action": action,
        "reports": reports(user).filter(action=action),
        "can_report": can(user, "progress.report", action),
    }
