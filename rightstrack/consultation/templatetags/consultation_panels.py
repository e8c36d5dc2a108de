"""``{% comment_panel recommendation=rec %}`` / ``{% comment_panel report=report %}``:
the NHRI's and civil society's comments with the form to add one, and
``{% assessment_panel rec %}``: their independent assessments, apart from the State's status."""

from django import template

from rightstrack.consultation import selectors
from rightstrack.consultation.forms import CommentForm
from rightstrack.core.permissions import can

register = template.Library()


def _page(context) -> dict:
    return {"user": context.get("user"), "request": context.get("request"), "csrf_token": context.get("csrf_token")}


@register.inclusion_tag("consultation/_comments.html", takes_context=True)
def comment_panel(context, recommendation=None, report=None):
    user = context.get("user")
    speaker = can(user, "consultation.speak")
    return {
        **_page(context),
        "comments": selectors.comments(user, recommendation=recommendation, report=report),
        "form": CommentForm() if speaker else None,
        "recommendation": recommendation,
        "report": report,
    }


@register.inclusion_tag("consultation/_assessments.html", takes_context=True)
def assessment_panel(context, recommendation):
    user = context.get("user")
    return {
        **_page(context),
        "assessments": selectors.assessments(user, recommendation),
        "recommendation": recommendation,
        "can_assess": can(user, "consultation.assess"),
    }
