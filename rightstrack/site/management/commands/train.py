from pathlib import Path

from rightstrack.core.errors import RightstrackError
from rightstrack.ingest.formats.table import parse_mapping
from rightstrack.ingest.registry import NAMES, ImportOptions
from rightstrack.site.management.base import RightstrackCommand
from rightstrack.tagging import learn, services
from rightstrack.tagging.choices import TAXONOMIES
from rightstrack.tagging.evaluation import read_test_file


class Command(RightstrackCommand):
    help = (
        "Train the tagging classifiers from the labelled recommendations in this database "
        "(imported, entered and accepted tags; rejected suggestions count as negatives)."
    )
    example = (
        "rightstrack train\nrightstrack train --taxonomy action-category\n"
        "rightstrack train --taxonomy sdg-goals --examples sentences.csv --format table "
        "--columns text=Text,sdg_goals=SDG"
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--taxonomy",
            action="append",
            choices=TAXONOMIES,
            metavar="NAME",
            help=f"only this taxonomy (repeatable): {', '.join(TAXONOMIES)}",
        )
        parser.add_argument(
            "--examples",
            metavar="FILE",
            help="more labelled texts, read like an import but not added to the database (needs one --taxonomy)",
        )
        parser.add_argument("--format", default="auto", choices=NAMES, help="format of --examples")
        parser.add_argument("--columns", metavar="MAPPING", help="for --format table: field=Column,...")

    def run(self, *args, taxonomy=None, examples=None, **options):
        extra = self._examples(examples, taxonomy, options) if examples else []
        results = services.train(taxonomy, progress=lambda slug: self.stderr.write(f"training {slug}…"), extra=extra)
        for r in results:
            if r.error:
                self.stdout.write(f"{r.taxonomy}: not trained: {r.error} ({r.n} labelled examples)")
                continue
            f = r.figures
            held = (
                (
                    f"held-out: accuracy {f['accuracy']:.1%}, micro-F1 {f['micro_f1']:.1%}, "
                    f"macro-F1 {f['macro_f1']:.1%} on {f['n']}"
                )
                if f
                else "no held-out figures (too few examples)"
            )
            self.stdout.write(f"{r.taxonomy}: trained on {r.n} examples; {held}")
        if taxonomy and all(r.error for r in results):
            raise RightstrackError("nothing was trained")

    def _examples(self, path, taxonomy, options) -> list[learn.Example]:
        from rightstrack.search import embedding

        if not taxonomy or len(taxonomy) != 1:
            raise RightstrackError("--examples needs exactly one --taxonomy")
        mapping = parse_mapping(options["columns"]) if options["columns"] else {}
        found = read_test_file(Path(path), taxonomy[0], options["format"], ImportOptions(mapping=mapping))
        self.stderr.write(f"{path}: {len(found.texts)} labelled texts")
        vectors = embedding.embed(found.texts)
        return [learn.Example(t, labels, v) for t, labels, v in zip(found.texts, found.labels, vectors, strict=False)]
