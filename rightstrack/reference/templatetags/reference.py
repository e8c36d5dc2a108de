"""Reference data in the page's language: ``{{ state|state_name }}`` names a State as
ISO 3166 does in the reader's language (``reference.translated``; ``state_names`` for
several), ``{{ name|gettext }}``
a shipped name listed for translation (``reference.labels``)."""

from django import template
from django.utils.translation import get_language, gettext

from rightstrack.reference.translated import state_name as translated_name

register = template.Library()


@register.filter
def state_name(state) -> str:
    return translated_name(state.iso3, state.name, get_language()) if state else ""


@register.filter
def state_names(states) -> str:
    """Several States, each in the reader's language, separated by commas."""
    return ", ".join(state_name(state) for state in states)


@register.filter(name="gettext")
def gettext_filter(text: str) -> str:
    return gettext(text) if text else ""
