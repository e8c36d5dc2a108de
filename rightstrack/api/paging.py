"""Cursor paging for every list endpoint: keyset on the primary key.

A page is the next ``limit`` rows whose id is greater than the cursor's, in id order,
so pages stay stable while records are added or removed, and a late page costs what
the first does (no OFFSET). The cursor is opaque to clients: it may change form.

``count`` (all rows that match) is given on the first page only, the request without
a cursor; later pages say null. Counting a large filtered set costs a query as long as
the page itself, and a client walking 5,000 pages needs the total once.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from ninja import Field, Schema
from pydantic import create_model

from rightstrack.api.errors import BadParameter

DEFAULT_LIMIT = 50
MAX_LIMIT = 500
_CURSOR_TAG = "id:"
PARAMETERS = {"cursor", "limit"}


class PageParams(Schema):
    cursor: str | None = Field(None, description="The `next` value of the previous page; omit for the first page.")
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description=f"Records per page (1-{MAX_LIMIT}).")


def page_schema(item: type[Schema], name: str) -> type[Schema]:
    """The response schema of a list of ``item``: ``{"results", "next", "count"}``."""
    return create_model(
        name,
        __base__=Schema,
        results=(list[item], ...),
        next=(str | None, Field(None, description="Cursor of the next page; null on the last page.")),
        count=(int | None, Field(None, description="Rows matching, on the first page only (null on later pages).")),
    )


def encode_cursor(pk: int) -> str:
    return base64.urlsafe_b64encode(f"{_CURSOR_TAG}{pk}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> int:
    """The id a cursor stands for; BadParameter("cursor") if it is not one of ours."""
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode("ascii")
        if not text.startswith(_CURSOR_TAG):
            raise ValueError(text)
        pk = int(text.removeprefix(_CURSOR_TAG))
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise BadParameter("cursor", _("not a cursor given by this API")) from None
    if pk < 1:
        raise BadParameter("cursor", _("not a cursor given by this API"))
    return pk


def paginate(queryset: QuerySet, params: PageParams, serialize: Callable[[Any], Any] = lambda row: row) -> dict:
    """One page of ``queryset`` (see the module docstring), rows passed through ``serialize``."""
    after = decode_cursor(params.cursor) if params.cursor is not None else None
    count = queryset.count() if after is None else None
    if after is not None:
        queryset = queryset.filter(pk__gt=after)
    # One row more than asked says whether another page follows.
    rows = list(queryset.order_by("pk")[: params.limit + 1])
    more = len(rows) > params.limit
    rows = rows[: params.limit]
    return {
        "results": [serialize(row) for row in rows],
        "next": encode_cursor(rows[-1].pk) if more else None,
        "count": count,
    }
