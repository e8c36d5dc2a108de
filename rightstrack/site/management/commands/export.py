from rightstrack.core.permissions import OPERATOR
from rightstrack.dashboard.services import export
from rightstrack.recommendations import exporters
from rightstrack.recommendations.filtersets import filtered_recommendations
from rightstrack.site.management.base import RightstrackCommand


class Command(RightstrackCommand):
    help = (
        "Export recommendations, one record per recommendation, as JSON, CSV or XLSX. Tags are the imported, "
        "manual and confirmed ones; the classifiers' pending suggestions only with --include-suggestions."
    )
    example = (
        "rightstrack export --format xlsx --country SVN -o slovenia.xlsx\n"
        "rightstrack export --format json --mechanism CCPR > ccpr.json\n"
        "rightstrack export --format csv --entity 'Ministry of Justice' --status not_started -o todo.csv\n"
        "rightstrack export --format csv --include-suggestions -o to-review.csv"
    )

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=exporters.FORMATS, default="json")
        parser.add_argument(
            "--country", action="append", default=[], metavar="ISO3", help="State under review (repeatable)"
        )
        parser.add_argument(
            "--mechanism", action="append", default=[], metavar="CODE", help="UPR, CCPR, ... (repeatable)"
        )
        parser.add_argument(
            "--status",
            action="append",
            default=[],
            metavar="STATUS",
            help="implementation status: not_started, in_progress, partially_implemented, implemented, "
            "not_implemented, no_longer_relevant (repeatable)",
        )
        parser.add_argument(
            "--entity", metavar="NAME", help="responsible entity (lead or in support), by name or short name"
        )
        parser.add_argument("-o", "--output", metavar="FILE", help="file to write (default: standard output)")
        parser.add_argument(
            "--quality", action="store_true", help="add the quality check: a score and one column per verdict"
        )
        parser.add_argument(
            "--include-suggestions",
            action="store_true",
            help="add the classifiers' pending suggestions, marked as such and apart from the tags: "
            "a 'suggestions' key per JSON record, '<key> (suggested)' columns in CSV and XLSX",
        )

    def run(
        self,
        *args,
        format,
        country,
        mechanism,
        output,
        quality=False,
        status=(),
        entity=None,
        include_suggestions=False,
        **options,
    ):
        params = {
            "country": [c.upper() for c in country],
            "mechanism": [m.upper() for m in mechanism],
            "status": list(status),
        }
        if entity:
            params["entity"] = self._entity(entity)
        queryset = filtered_recommendations(OPERATOR, params)
        count = export(format, queryset, output, quality=quality, suggestions=include_suggestions)
        if output not in (None, "-"):
            self.stderr.write(f"wrote {count} recommendations to {output}")

    @staticmethod
    def _entity(name: str) -> int:
        from rightstrack.accounts.selectors import entity_named
        from rightstrack.core.errors import RightstrackError

        found = entity_named(name)
        if found is None:
            raise RightstrackError(f"--entity: no responsible entity is named {name!r}")
        return found.pk
