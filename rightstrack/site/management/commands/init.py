from django.conf import settings
from django.core.management import call_command

from rightstrack.site.management.base import RightstrackCommand
from rightstrack.site.selectors import inventory


class Command(RightstrackCommand):
    help = "Create or upgrade the database and load the shipped reference data (safe to repeat)."
    example = "rightstrack init\nRIGHTSTRACK_HOME=/srv/rightstrack rightstrack init"

    def add_arguments(self, parser):
        parser.add_argument("--no-static", action="store_true", help="skip collecting static files")

    def run(self, *args, no_static=False, **options):
        # Reference data loads on migrate (post_migrate), so a test database gets it too.
        call_command("migrate", interactive=False, verbosity=0)
        self._index()
        self._sdg_classifiers()
        if not no_static:
            call_command("collectstatic", interactive=False, verbosity=0)
        db = settings.DATABASES["default"]
        self.stdout.write(f"data directory: {settings.HOME}")
        self.stdout.write(f"database: {db['ENGINE'].rsplit('.', 1)[-1]} {db['NAME']}")
        self.stdout.write(", ".join(f"{count} {label}" for label, count in inventory().items()))

    def _sdg_classifiers(self):
        """A fresh install tags SDGs from the start: classifiers learnt from the shipped
        framework's own words (A/RES/71/313), replaced by `rightstrack train`."""
        from rightstrack.tagging import services

        for result in services.train_reference():
            self.stdout.write(f"{result.taxonomy}: classifier built from the SDG framework texts")

    def _index(self):
        """A database from before the search index (or restored without it) gets its keyword
        index now; meaning vectors take longer and are left to `reindex --vectors-only`."""
        from rightstrack.recommendations.models import Recommendation
        from rightstrack.search import services
        from rightstrack.search.models import Embedding, SearchEntry

        total = Recommendation.objects.count()
        if SearchEntry.objects.count() < total:
            written = services.reindex_all()
            self.stdout.write(f"keyword index: {written} entries written")
        missing = total - Embedding.objects.count()
        if missing > 0:
            self.stdout.write(
                f"{missing} recommendations have no meaning vector yet: rightstrack reindex --vectors-only"
            )
