from rightstrack.core.permissions import OPERATOR
from rightstrack.search import repeats, selectors, services
from rightstrack.site.management.base import RightstrackCommand
from rightstrack.site.management.progress import embed_missing_vectors, progress_bar


class Command(RightstrackCommand):
    help = "Find groups of repeated recommendations (same demand, other words, cycles or mechanisms), State by State."
    example = "rightstrack dedupe --country SVN\nrightstrack dedupe"

    def add_arguments(self, parser):
        parser.add_argument("--country", metavar="ISO3", help="only the recommendations to this State")
        parser.add_argument(
            "--threshold",
            type=float,
            default=repeats.REPEAT_THRESHOLD,
            help=f"similarity (0-1) from which two recommendations repeat (default {repeats.REPEAT_THRESHOLD})",
        )
        parser.add_argument("--show", type=int, default=20, metavar="N", help="groups to print (default 20)")

    def run(self, *args, country=None, threshold, show, **options):
        embed_missing_vectors()
        with progress_bar("dedupe", None, unit=" States") as update:
            summary = services.dedupe(country, threshold, update)
        self.stdout.write(
            f"{summary.groups} groups of repeated recommendations ({summary.grouped} recommendations) "
            f"among {summary.recommendations} recommendations to {summary.states} States"
        )
        for group in selectors.repeat_groups(OPERATOR, country)[:show]:
            members = list(group.members.all())
            self.stdout.write(
                f"\ngroup {group.pk} · {group.state} · {len(members)} recommendations · "
                f"{group.get_status_display()} · lowest similarity {group.score:.2f}"
            )
            for member in members:
                rec = member.recommendation
                where = f"{rec.document.symbol} ¶{rec.paragraph}" if rec.document_id else f"#{rec.pk}"
                self.stdout.write(f"  {rec.pk:>7}  {where:<28} {rec.text[:90]}")
