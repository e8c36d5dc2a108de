"""The shapes of the people API."""

from __future__ import annotations

from typing import Literal

from ninja import Field, Schema

from rightstrack.accounts.choices import Role

RoleName = Literal[tuple(Role.values)]


class PersonOut(Schema):
    username: str
    role: str
    entity_id: int | None = Field(description="the entity a focal point acts for")


class RoleIn(Schema):
    role: RoleName
    entity: int | None = Field(None, description="id of the entity a focal point acts for (required for one)")
