"""``{% grade g levels %}``: a Committee's grade as a badge, with its label in the page's
language and its meaning on hover."""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext

register = template.Library()


@register.simple_tag
def grade(code: str, levels: dict, with_label: bool = True):
    level = (levels or {}).get(code)
    label = gettext(level.label) if level else ""
    meaning = gettext(level.meaning) if level and level.meaning else label
    badge = format_html('<span class="grade g-{}" title="{}">{}</span>', (code or "").lower(), meaning, code)
    return format_html("{} {}", badge, label) if with_label and label else badge
