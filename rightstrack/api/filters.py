"""Query parameters derived from a FilterSet, so that the API takes exactly its filters.

The FilterSet stays the one place filters are defined: a filter added to it becomes an
API parameter (documented in the OpenAPI schema, with its label as description) with
no change here. The derived schema only types the parameters; the FilterSet parses
them and does the filtering, so the API, the HTML list and the exports agree.
"""

from __future__ import annotations

from typing import Any, Literal

import django_filters
from django.conf import settings
from django.db import models
from django.utils import translation
from django_filters.utils import get_model_field
from ninja import Field, Schema
from pydantic import create_model


def _choices(filter_: django_filters.Filter) -> list[str] | None:
    # Fixed choices (positions, types) become an enum; choices read from the database
    # (States, terms, cycles) can change at any time and are left to the FilterSet.
    choices = filter_.extra.get("choices")
    if isinstance(choices, (list, tuple)) and choices:
        return [str(value) for value, _label in choices]
    return None


def _scalar(filter_: django_filters.Filter, model) -> Any:
    if isinstance(filter_, django_filters.BooleanFilter):
        return bool
    if isinstance(filter_, django_filters.NumberFilter):
        field = get_model_field(model, filter_.field_name)
        return int if isinstance(field, (models.IntegerField, models.AutoField)) else float
    choices = _choices(filter_)
    return Literal[tuple(choices)] if choices else str


def _annotation(filter_: django_filters.Filter, model) -> Any:
    if isinstance(filter_, django_filters.MultipleChoiceFilter):
        return list[_scalar(filter_, model)] | None
    return _scalar(filter_, model) | None


def _description(filter_: django_filters.Filter) -> str:
    text = str(filter_.label or filter_.field_name)
    if isinstance(filter_, django_filters.MultipleChoiceFilter):
        text += " — repeatable; any of the values matches"
    return text


class FilterQuery(Schema):
    """The base of derived schemas."""

    def filterset_params(self) -> dict:
        """The given parameters, as the FilterSet takes them (absent and empty ones left out)."""
        return {key: value for key, value in self.model_dump().items() if value not in (None, [])}


def filter_query_schema(filterset_class: type[django_filters.FilterSet], name: str) -> type[FilterQuery]:
    """A schema with one optional query parameter per filter of ``filterset_class``."""
    model = filterset_class._meta.model
    # The schema is built once per process, maybe while a request in another language
    # is served: its descriptions are always in the default language.
    with translation.override(settings.LANGUAGE_CODE):
        fields = {
            filter_name: (_annotation(filter_, model), Field(None, description=_description(filter_)))
            for filter_name, filter_ in filterset_class.base_filters.items()
        }
    return create_model(name, __base__=FilterQuery, **fields)
