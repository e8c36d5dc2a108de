"""Entity and Profile now belong to accounts (see accounts 0001): planning's foreign
keys point there, and the models leave planning's migration state. No table changes."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("planning", "0001_initial"),
        ("accounts", "0001_initial"),
        ("progress", "0005_entity_in_accounts"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="action",
                    name="entity",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="actions",
                        to="accounts.entity",
                        verbose_name="responsible entity",
                    ),
                ),
                migrations.AlterField(
                    model_name="responsibility",
                    name="entity",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="responsibilities",
                        to="accounts.entity",
                    ),
                ),
                migrations.DeleteModel(name="Profile"),
                migrations.DeleteModel(name="Entity"),
            ],
            database_operations=[],
        ),
    ]
