"""Django's form renderer, with the select boxes and check boxes written directly in Python.

Django draws a select box through three templates, and one template include per option.
The filter forms hold about 900 options (States twice, sessions, themes, SDG targets,
affected persons), so drawing them was most of the recommendation list's 100 ms (with 20
people at once on a two-core server, the queue grew from there). The HTML written here is
what those templates write; any other widget, or a select with a template of its own,
goes through the templates as before (``core/tests/test_forms_renderer.py`` compares the
two, byte for byte).
"""

from __future__ import annotations

from django.forms.renderers import DjangoTemplates
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

SELECT = "django/forms/widgets/select.html"
OPTION = "django/forms/widgets/select_option.html"
# Check boxes and radio buttons: the list's template, and the one each option must have.
CHOICE_LISTS = {
    "django/forms/widgets/checkbox_select.html": "django/forms/widgets/checkbox_option.html",
    "django/forms/widgets/radio.html": "django/forms/widgets/radio_option.html",
}


def _attrs(attrs: dict) -> str:
    # django/forms/widgets/attrs.html: False leaves the attribute out, True writes its name.
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        parts.append(
            f" {conditional_escape(name)}"
            if value is True
            else f' {conditional_escape(name)}="{conditional_escape(str(value))}"'
        )
    return "".join(parts)


def select_html(widget: dict) -> str:
    """The HTML of a select widget's context (Select, SelectMultiple, NullBooleanSelect)."""
    out = [f'<select name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            out.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
        for option in options:
            out.append(
                f'\n  <option value="{conditional_escape(str(option["value"]))}"{_attrs(option["attrs"])}>'
                f"{conditional_escape(option['label'])}</option>\n"
            )
        if group_name:
            out.append("\n  </optgroup>")
    out.append("\n</select>")
    return "".join(out)


def _input_option(option: dict) -> str:
    # checkbox_option.html / radio_option.html -> input_option.html -> input.html
    value = "" if option["value"] is None else f' value="{conditional_escape(str(option["value"]))}"'
    field = (
        f'<input type="{conditional_escape(option["type"])}" name="{conditional_escape(option["name"])}"'
        f"{value}{_attrs(option['attrs'])}>\n"
    )
    if not option["wrap_label"]:
        return field + "\n\n"
    target = option["attrs"].get("id")
    label_for = f' for="{conditional_escape(target)}"' if target else ""
    return f"<label{label_for}>{field} {conditional_escape(option['label'])}</label>\n\n"


def choice_list_html(widget: dict) -> str:
    """The HTML of a CheckboxSelectMultiple or RadioSelect widget's context."""
    attrs = widget["attrs"]
    out = ["<div"]
    if attrs.get("id"):
        out.append(f' id="{conditional_escape(attrs["id"])}"')
    if attrs.get("class"):
        out.append(f' class="{conditional_escape(attrs["class"])}"')
    out.append(">")
    for group, options, _index in widget["optgroups"]:
        if group:
            out.append(f"\n  <div><label>{conditional_escape(group)}</label>")
        for option in options:
            out.append(f"<div>\n    {_input_option(option)}</div>")
        if group:
            out.append("\n  </div>")
    out.append("\n</div>")  # the renderer strips what the templates end with
    return "".join(out)


def _options(widget: dict):
    return (option for _group, options, _index in widget["optgroups"] for option in options)


class QuickSelects(DjangoTemplates):
    """The default renderer, except for plain select boxes (``select_html``), check boxes
    and radio buttons (``choice_list_html``)."""

    def render(self, template_name, context, request=None):
        widget = context.get("widget") if isinstance(context, dict) else None
        if widget is not None and "optgroups" in widget:
            if template_name == SELECT and all(o.get("template_name") == OPTION for o in _options(widget)):
                return mark_safe(select_html(widget))
            option_template = CHOICE_LISTS.get(template_name)
            if option_template and all(o.get("template_name") == option_template for o in _options(widget)):
                return mark_safe(choice_list_html(widget))
        return super().render(template_name, context, request)
