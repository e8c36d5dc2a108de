"""Reads of API tokens."""

from __future__ import annotations

from django.db.models import QuerySet

from rightstrack.api.models import APIToken
from rightstrack.api.services import hash_key


def active_token(key: str) -> APIToken | None:
    """The unrevoked token of an active user whose key is ``key``, or None."""
    return (
        APIToken.objects.select_related("user")
        .filter(key_hash=hash_key(key), revoked=False, user__is_active=True)
        .first()
    )


def all_tokens() -> QuerySet[APIToken]:
    """Every token, newest first, with its user."""
    return APIToken.objects.select_related("user").order_by("-created_at", "-id")
