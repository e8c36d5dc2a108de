"""Choosing an entity in tree order, and giving a person a role."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from rightstrack.accounts.choices import Role
from rightstrack.accounts.selectors import active_entities, entity_tree


def entity_choices(empty: str | None = None) -> list[tuple]:
    """Entities in tree order, indented by depth."""
    rows = [(e.pk, "\u2003" * depth + str(e.name)) for depth, e in entity_tree()]
    return ([("", empty)] if empty is not None else []) + rows


class TreeEntityField(forms.ModelChoiceField):
    """An entity, offered in tree order with indentation (``show_tree`` sets the widget's
    choices when a form is built); validation still goes through the queryset."""

    def __init__(self, **kwargs):
        super().__init__(queryset=active_entities(), **kwargs)


def show_tree(form: forms.BaseForm) -> None:
    for field in form.fields.values():
        if isinstance(field, TreeEntityField):
            field.widget.choices = entity_choices("---------")


class RoleForm(forms.Form):
    role = forms.ChoiceField(choices=Role.choices, label=_("Role"))
    entity = TreeEntityField(required=False, label=_("Entity (for a focal point)"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        show_tree(self)

    def clean(self):
        data = super().clean()
        if data.get("role") == Role.FOCAL_POINT and not data.get("entity"):
            self.add_error("entity", _("A focal point acts for an entity: choose one."))
        return data
