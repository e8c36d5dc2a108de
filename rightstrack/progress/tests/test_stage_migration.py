"""Upgrading renames the report's ``state`` to ``stage``, in the table and in its history."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return MigrationExecutor(connection)


@pytest.mark.django_db(transaction=True)
def test_a_reports_history_reads_stage_from_its_first_event_to_its_last():
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    executor = _migrate([("progress", "0005_entity_in_accounts")])
    old = executor.loader.project_state(list(executor.recorder.applied_migrations())).apps
    ContentType = old.get_model("contenttypes", "ContentType")
    report_type, _ = ContentType.objects.get_or_create(app_label="progress", model="progressreport")
    event = old.get_model("core", "AuditEvent").objects.create(
        content_type=report_type,
        object_id="7",
        object_repr="a report",
        action="changed",
        changes={"state": ["draft", "submitted"], "text": ["a", "b"]},
    )
    _migrate(latest)

    from rightstrack.core.models import AuditEvent

    assert AuditEvent.objects.get(pk=event.pk).changes == {"stage": ["draft", "submitted"], "text": ["a", "b"]}
    columns = {
        c.name for c in connection.introspection.get_table_description(connection.cursor(), "progress_progressreport")
    }
    assert "stage" in columns and "state" not in columns
