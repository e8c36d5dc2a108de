"""Writes that belong to the installation as a whole: users, database state."""

from __future__ import annotations

import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from rightstrack.core.errors import RightstrackError


def generate_password() -> str:
    """A random password that is easy to read out (no look-alike characters)."""
    alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "-".join("".join(secrets.choice(alphabet) for _ in range(4)) for _ in range(4))


def create_user(username: str, password: str, *, email: str = "", admin: bool = False):
    """Create a user; the password must pass the configured validators."""
    User = get_user_model()
    if User.objects.filter(username=username).exists():
        raise RightstrackError(f"a user named {username!r} already exists")
    user = User(username=username, email=email, is_staff=admin, is_superuser=admin)
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise RightstrackError("password refused: " + " ".join(exc.messages)) from exc
    user.set_password(password)
    user.save()
    return user


def pending_migrations() -> list:
    """Migrations not yet applied to the database (empty when it is up to date)."""
    executor = MigrationExecutor(connection)
    return executor.migration_plan(executor.loader.graph.leaf_nodes())
