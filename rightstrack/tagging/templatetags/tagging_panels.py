"""The tagging panels of a recommendation's page: ``{% tag_panel rec %}`` and
``{% quality_panel rec %}`` (the page's view needs to know nothing of them)."""

from django import template

from rightstrack.tagging import selectors

register = template.Library()


def _page(context) -> dict:
    # An inclusion tag renders in a fresh context: carry what the panels' forms need.
    return {"user": context.get("user"), "request": context.get("request"), "csrf_token": context.get("csrf_token")}


@register.inclusion_tag("tagging/_tags.html", takes_context=True)
def tag_panel(context, rec):
    """The recommendation's tags by taxonomy and, apart, the pending suggestions."""
    return {**_page(context), **selectors.tag_panel(rec)}


@register.inclusion_tag("tagging/_quality.html", takes_context=True)
def quality_panel(context, rec):
    """The quality check's five verdicts and the action category."""
    return {**_page(context), **selectors.quality_panel(rec)}
