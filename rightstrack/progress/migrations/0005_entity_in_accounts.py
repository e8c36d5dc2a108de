"""The reporting entity is accounts' Entity now (moved from planning, same table)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("progress", "0004_followup"),
        ("accounts", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="progressreport",
                    name="entity",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="reports",
                        to="accounts.entity",
                        verbose_name="entity",
                    ),
                ),
            ],
            database_operations=[],
        ),
    ]
