"""``{{ mapping|dictget:key }}``: a dictionary value by a variable key (None if absent)."""

from django import template

register = template.Library()


@register.filter
def dictget(mapping, key):
    return mapping.get(key) if hasattr(mapping, "get") else None
