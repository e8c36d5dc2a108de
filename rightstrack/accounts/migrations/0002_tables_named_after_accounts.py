"""The moved tables take accounts' names (planning_entity -> accounts_entity,
planning_profile -> accounts_profile); the foreign keys that point to them follow."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("planning", "0002_entity_and_profile_to_accounts"),
        ("progress", "0005_entity_in_accounts"),
    ]

    operations = [
        migrations.AlterModelTable(name="entity", table=None),
        migrations.AlterModelTable(name="profile", table=None),
    ]
