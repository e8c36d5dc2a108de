"""Entity and Profile move here from planning: their tables, rows and audit history stay.

The models are created in the migration state only (the tables are planning's, renamed
in 0002), and their content types are relabelled, so that audit events, permissions and
anything else that names "planning.entity" or "planning.profile" by content type now
names the moved models.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

MOVED = ["entity", "profile"]


def relabel_content_types(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    for model in MOVED:
        old = ContentType.objects.using(db).filter(app_label="planning", model=model).first()
        if old is None:  # a new database: the content types are made after migrating
            continue
        # A content type made for the new label meanwhile holds nothing yet: the old one,
        # which audit events point to, takes its place.
        ContentType.objects.using(db).filter(app_label="accounts", model=model).delete()
        old.app_label = "accounts"
        old.save(update_fields=["app_label"])


def restore_content_types(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    ContentType.objects.using(db).filter(app_label="accounts", model__in=MOVED).update(app_label="planning")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("planning", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Entity",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("name", models.CharField(max_length=300, verbose_name="name")),
                        ("short_name", models.CharField(blank=True, max_length=50, verbose_name="short name")),
                        (
                            "kind",
                            models.CharField(
                                choices=[
                                    ("ministry", "Ministry"),
                                    ("agency", "Agency or department"),
                                    ("parliament", "Parliament"),
                                    ("judiciary", "Judiciary"),
                                    ("subnational", "Subnational government"),
                                    ("nhri", "National human rights institution"),
                                    ("other", "Other"),
                                ],
                                default="ministry",
                                max_length=20,
                                verbose_name="kind",
                            ),
                        ),
                        ("archived", models.BooleanField(default=False, verbose_name="archived")),
                        ("version", models.PositiveIntegerField(default=1, editable=False)),
                        (
                            "parent",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="children",
                                to="accounts.entity",
                                verbose_name="part of",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "responsible entity",
                        "verbose_name_plural": "responsible entities",
                        "ordering": ["name"],
                        "db_table": "planning_entity",
                        "constraints": [models.UniqueConstraint(fields=("parent", "name"), name="entity_unique_name")],
                    },
                ),
                migrations.CreateModel(
                    name="Profile",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        (
                            "role",
                            models.CharField(
                                choices=[
                                    ("nmrf_admin", "NMRF administrator"),
                                    ("nmrf_staff", "NMRF staff"),
                                    ("focal_point", "Entity focal point"),
                                    ("contributor", "Consultation contributor (NHRI, civil society)"),
                                    ("viewer", "Read-only viewer"),
                                ],
                                default="viewer",
                                max_length=20,
                                verbose_name="role",
                            ),
                        ),
                        (
                            "entity",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="members",
                                to="accounts.entity",
                                verbose_name="entity",
                            ),
                        ),
                        (
                            "user",
                            models.OneToOneField(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="profile",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "profile",
                        "verbose_name_plural": "profiles",
                        "db_table": "planning_profile",
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(relabel_content_types, restore_content_types),
    ]
