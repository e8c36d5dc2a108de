"""The keyword index again for the few texts with an underscore: words are now split
there (``analysis.WORD_RE``), as SQLite's engine always did and PostgreSQL's did not."""

from django.db import migrations


def reindex_underscored(apps, schema_editor):
    entries = apps.get_model("search", "SearchEntry").objects.using(schema_editor.connection.alias)
    ids = list(entries.filter(body__contains="_").values_list("recommendation_id", flat=True))
    if not ids:
        return
    from rightstrack.search import services

    entries.filter(recommendation_id__in=ids).delete()
    services.index_recommendations(ids)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]
    operations = [migrations.RunPython(reindex_underscored, migrations.RunPython.noop)]
