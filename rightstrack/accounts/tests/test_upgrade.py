"""Upgrading a data directory made before entities and profiles moved to accounts keeps
every entity, profile and audit event (audit rows point to content types)."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("accounts", None)]  # planning 0002 and progress 0005 depend on accounts 0001


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor


@pytest.mark.django_db(transaction=True)
def test_entities_profiles_and_their_history_move_with_the_models():
    latest = _migrate(BEFORE).loader.graph.leaf_nodes()
    executor = MigrationExecutor(connection)
    old = executor.loader.project_state(list(executor.recorder.applied_migrations())).apps
    assert "planning_entity" in connection.introspection.table_names()
    ContentType = old.get_model("contenttypes", "ContentType")
    User = old.get_model("auth", "User")
    entity_type, _ = ContentType.objects.get_or_create(app_label="planning", model="entity")
    profile_type, _ = ContentType.objects.get_or_create(app_label="planning", model="profile")
    ministry = old.get_model("planning", "Entity").objects.create(name="Ministry of Justice", short_name="MoJ")
    person = User.objects.create(username="amina")
    old.get_model("planning", "Profile").objects.create(user=person, role="focal_point", entity=ministry)
    Event = old.get_model("core", "AuditEvent")
    Event.objects.create(content_type=entity_type, object_id=str(ministry.pk), object_repr="MoJ", action="created")
    Event.objects.create(content_type=profile_type, object_id="1", object_repr="amina", action="changed")

    _migrate(latest)

    from django.contrib.contenttypes.models import ContentType as CurrentContentType

    from rightstrack.accounts.models import Entity, Profile
    from rightstrack.core.audit import history
    from rightstrack.core.models import AuditEvent

    CurrentContentType.objects.clear_cache()
    moved = Entity.objects.get(pk=ministry.pk)
    assert moved.name == "Ministry of Justice"
    assert Profile.objects.get(user_id=person.pk).entity == moved
    assert CurrentContentType.objects.get_for_model(Entity).pk == entity_type.pk
    assert CurrentContentType.objects.get_for_model(Profile).pk == profile_type.pk
    assert [event.action for event in history(moved)] == ["created"]
    assert AuditEvent.objects.filter(content_type__app_label="planning", content_type__model="entity").count() == 0
    tables = connection.introspection.table_names()
    assert "accounts_entity" in tables and "planning_entity" not in tables
