"""``ProgressReport.state`` (a step of the workflow, beside ``Recommendation.state``, a
country) is now ``stage``. The reports' audit events say "stage" for the field too, so a
report's history reads one name from its first event to its last; values are unchanged."""

from django.db import migrations


def _rename_in_history(apps, schema_editor, old: str, new: str) -> None:
    ContentType = apps.get_model("contenttypes", "ContentType")
    AuditEvent = apps.get_model("core", "AuditEvent")
    db = schema_editor.connection.alias
    report_type = ContentType.objects.using(db).filter(app_label="progress", model="progressreport").first()
    if report_type is None:  # a new database: no history yet
        return
    for event in AuditEvent.objects.using(db).filter(content_type=report_type).iterator():
        if isinstance(event.changes, dict) and old in event.changes:
            event.changes = {(new if key == old else key): value for key, value in event.changes.items()}
            event.save(update_fields=["changes"])


def forwards(apps, schema_editor):
    _rename_in_history(apps, schema_editor, "state", "stage")


def backwards(apps, schema_editor):
    _rename_in_history(apps, schema_editor, "stage", "state")


class Migration(migrations.Migration):
    dependencies = [
        ("progress", "0005_entity_in_accounts"),
        ("core", "0004_background_jobs"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RenameField(model_name="progressreport", old_name="state", new_name="stage"),
        migrations.RunPython(forwards, backwards),
    ]
