"""Writes of API tokens: create one (its key is shown once), revoke one, note its use."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.contrib.auth import get_user_model
from django.utils import timezone

from rightstrack.api.models import APIToken
from rightstrack.core.errors import RightstrackError

KEY_PREFIX = "rt_"
# "rt_" and 8 random characters: enough to tell tokens apart, useless for guessing.
VISIBLE_CHARS = len(KEY_PREFIX) + 8
# Noting every use would write on every request (and contend with imports for SQLite's
# single writer); a resolution of minutes is enough to see which tokens are still used.
LAST_USED_RESOLUTION = dt.timedelta(minutes=5)


def hash_key(key: str) -> str:
    """The SHA-256 hex digest under which a key is stored."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def create_token(username: str, name: str = "") -> tuple[APIToken, str]:
    """Create a token for the user ``username``; return it with its key.

    The key is returned only here: the database keeps its hash and prefix.
    Raises RightstrackError for an unknown or inactive user.
    """
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise RightstrackError(f"no user named {username!r}")
    if not user.is_active:
        raise RightstrackError(f"user {username!r} is inactive")
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    token = APIToken.objects.create(user=user, name=name, prefix=key[:VISIBLE_CHARS], key_hash=hash_key(key))
    return token, key


def revoke_token(prefix: str) -> APIToken:
    """Revoke the one token whose key starts with ``prefix``.

    Raises RightstrackError when no token, or more than one, matches.
    """
    prefix = prefix.strip().rstrip("…").rstrip(".")
    if len(prefix) < VISIBLE_CHARS:
        raise RightstrackError(f"give the token's whole prefix ({VISIBLE_CHARS} characters, as `token list` shows it)")
    matches = list(APIToken.objects.filter(prefix=prefix[:VISIBLE_CHARS]))
    if not matches:
        raise RightstrackError(f"no token with prefix {prefix!r}")
    if len(matches) > 1:
        raise RightstrackError(f"{len(matches)} tokens have the prefix {prefix!r}; revoke them in the admin")
    token = matches[0]
    if not token.revoked:
        token.revoked = True
        token.save(update_fields=["revoked"])
    return token


def note_use(token: APIToken) -> None:
    """Record that ``token`` was just used (at most once per LAST_USED_RESOLUTION)."""
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        APIToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
