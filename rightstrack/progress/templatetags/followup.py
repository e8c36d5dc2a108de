"""``{% followup_panel rec %}``: a recommendation's follow-up on its page: who is
responsible, its status (and treaty-body grade), its clusters and actions, and the
progress reports on it, with the links the person's role allows."""

from django import template

from rightstrack.core.permissions import can
from rightstrack.planning.selectors import in_plan
from rightstrack.progress import selectors
from rightstrack.progress.models import Tracking

register = template.Library()


@register.inclusion_tag("progress/_followup.html", takes_context=True)
def followup_panel(context, rec):
    user = context.get("user")
    tracking = Tracking.objects.filter(recommendation=rec).first()
    return {
        "user": user,
        "request": context.get("request"),
        "csrf_token": context.get("csrf_token"),
        "rec": rec,
        "tracking": tracking,
        **in_plan(user, rec),
        "reports": selectors.reports(user).filter(recommendation=rec),
        # The Committee's follow-up of this paragraph: its parts and grades by round.
        "committee": [selectors.paragraph_view(p) for p in rec.follow_up_paragraphs.select_related("follow_up")],
        "can_plan": can(user, "progress.review"),
        "can_report": can(user, "progress.report", rec),
    }


@register.inclusion_tag("progress/_todo.html", takes_context=True)
def todo_panel(context):
    """The home page's "waiting for you" card."""
    user = context.get("user")
    return {"todo": selectors.todo(user), "planner": can(user, "progress.review")}
