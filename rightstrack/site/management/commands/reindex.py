from rightstrack.recommendations.models import Recommendation
from rightstrack.search import services
from rightstrack.site.management.base import RightstrackCommand
from rightstrack.site.management.progress import embed_missing_vectors, progress_bar


class Command(RightstrackCommand):
    help = "Rebuild the keyword index and compute missing meaning vectors (after an upgrade or a restore)."
    example = "rightstrack reindex\nrightstrack reindex --vectors-only"

    def add_arguments(self, parser):
        parser.add_argument("--vectors-only", action="store_true", help="only compute missing vectors")

    def run(self, *args, vectors_only=False, **options):
        if not vectors_only:
            with progress_bar("keyword index", Recommendation.objects.count()) as update:
                written = services.reindex_all(update)
            self.stdout.write(f"keyword index: {written} entries written")
        # A record the encoder fails on is reported, not fatal: the others are stored.
        self.stdout.write(services.vectors_summary(embed_missing_vectors()))
