"""The select boxes, check boxes and radio buttons written in Python are the ones Django's
templates write, byte for byte."""

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe

from rightstrack.core.forms_renderer import QuickSelects

CHOICES = [
    ("", "---------"),
    ("SVN", "Slovenia"),
    ("x\"<&>'", 'Tom & "Jerry" <b>'),
    (3, mark_safe("<i>safe</i>")),
    ("Group & co", [("a", "A"), ("b", "B")]),
    ("ar", "العربية"),
    ("zh", "中文"),
]


class Every(forms.Form):
    one = forms.ChoiceField(choices=CHOICES, required=False)
    several = forms.MultipleChoiceField(
        choices=CHOICES,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 5, "data-x": 'a"b', "off": False, "on": True}),
    )
    maybe = forms.NullBooleanField(required=False)
    typed = forms.TypedChoiceField(choices=[(1, "one"), (2, "two")], coerce=int, required=False)
    boxes = forms.MultipleChoiceField(
        choices=CHOICES, required=False, widget=forms.CheckboxSelectMultiple(attrs={"class": "a&b"})
    )
    radio = forms.ChoiceField(choices=CHOICES, required=False, widget=forms.RadioSelect)
    boxes_without_id = forms.MultipleChoiceField(
        choices=CHOICES[1:3], required=False, widget=forms.CheckboxSelectMultiple
    )


@pytest.mark.parametrize(
    "data",
    [
        {},
        {
            "one": "SVN",
            "several": ["a", "x\"<&>'", "3"],
            "maybe": "true",
            "typed": "2",
            "boxes": ["SVN", "b"],
            "radio": "ar",
        },
        {"one": "nope", "several": ["zh"]},
    ],
)
@pytest.mark.parametrize("auto_id", ["id_%s", False])
def test_the_same_html_as_django_s_templates(data, auto_id):
    for name in Every.base_fields:
        django = Every(data or None, renderer=DjangoTemplates(), auto_id=auto_id)[name].as_widget()
        quick = Every(data or None, renderer=QuickSelects(), auto_id=auto_id)[name].as_widget()
        assert quick == django, name


def test_other_widgets_still_use_their_templates():
    class Other(forms.Form):
        text = forms.CharField()
        date = forms.SplitDateTimeField()

    for name in ("text", "date"):
        assert Other(renderer=QuickSelects())[name].as_widget() == Other(renderer=DjangoTemplates())[name].as_widget()
