from pathlib import Path

from rightstrack.core.errors import RightstrackError
from rightstrack.reference.models import Taxonomy
from rightstrack.reference.services import load_vocabulary
from rightstrack.site.management.base import RightstrackCommand


class Command(RightstrackCommand):
    help = "List taxonomies, or load a vocabulary file into a taxonomy (created if new)."
    example = (
        "rightstrack taxonomy list\n"
        "rightstrack taxonomy load national-plan plan-goals.csv --name 'National human rights action plan'\n"
        "rightstrack taxonomy load upr-info-issues upr-info-issues.vocab"
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("list", help="list taxonomies with their term counts")
        load = sub.add_parser("load", help="load terms: a CSV with code,label[,parent] or one term per line")
        load.add_argument("slug")
        load.add_argument("file")
        load.add_argument("--name", help="the taxonomy's name, for a new taxonomy")

    def run(self, *args, action, **options):
        if action == "list":
            for taxonomy in Taxonomy.objects.order_by("slug"):
                self.stdout.write(f"{taxonomy.slug:20} {taxonomy.terms.count():5} terms  {taxonomy.name}")
            return
        path = Path(options["file"])
        if not path.is_file():
            raise RightstrackError(f"{path}: no such file")
        try:
            taxonomy, count = load_vocabulary(options["slug"], path, options.get("name"))
        except ValueError as exc:
            raise RightstrackError(str(exc)) from exc
        self.stdout.write(f"{taxonomy.slug}: loaded {count} terms ({taxonomy.terms.count()} in all)")
