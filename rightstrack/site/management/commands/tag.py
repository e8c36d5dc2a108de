from rightstrack.core.errors import RightstrackError
from rightstrack.recommendations.models import Recommendation
from rightstrack.reference.selectors import resolve_state
from rightstrack.site.management.base import RightstrackCommand
from rightstrack.site.management.progress import progress_bar
from rightstrack.tagging import selectors, services
from rightstrack.tagging.services import TAGGED


class Command(RightstrackCommand):
    help = (
        "Suggest tags with the trained classifiers. Suggestions are stored with their confidence "
        "for a person to accept or reject; confirmed, imported and manual tags are never changed."
    )
    example = "rightstrack tag\nrightstrack tag --country SVN --only-untagged"

    def add_arguments(self, parser):
        parser.add_argument("--country", metavar="ISO3", help="only the recommendations to this State")
        parser.add_argument(
            "--only-untagged",
            action="store_true",
            help="per taxonomy, skip recommendations that already have a tag of it",
        )
        parser.add_argument(
            "--taxonomy", action="append", choices=TAGGED, metavar="NAME", help="only this taxonomy (repeatable)"
        )

    def run(self, *args, country=None, only_untagged=False, taxonomy=None, **options):
        ids = Recommendation.objects.order_by("pk")
        if country:
            ids = ids.filter(state=resolve_state(country))
        ids = list(ids.values_list("pk", flat=True))
        with progress_bar("tagging", len(ids)) as update:
            summary = services.tag(ids, taxonomies=taxonomy, only_untagged=only_untagged, progress=update)
        if len(summary.skipped_taxonomies) == len(taxonomy or TAGGED):
            raise RightstrackError("no trained classifier: run `rightstrack train` first")
        if summary.skipped_taxonomies:
            self.stderr.write(f"no classifier for: {', '.join(summary.skipped_taxonomies)}")
        if summary.weak_taxonomies:
            self.stderr.write(
                f"not suggested, held-out micro-F1 below {selectors.MIN_USEFUL_F1:.0%} "
                f"(train on labelled recommendations first): {', '.join(summary.weak_taxonomies)}"
            )
        self.stdout.write(
            f"{summary.recommendations} recommendations: {summary.added} suggestions added, "
            f"{summary.updated} updated, {summary.removed} withdrawn"
        )
