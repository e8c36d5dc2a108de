from rightstrack.core.errors import RightstrackError
from rightstrack.core.management.base import RightstrackCommand
from rightstrack.tagging import services
from rightstrack.tagging.choices import TAXONOMIES


class Command(RightstrackCommand):
    help = ("Train the tagging classifiers from the labelled recommendations in this database "
            "(imported, entered and accepted tags; rejected suggestions count as negatives).")
    example = "rightstrack train\nrightstrack train --taxonomy action-category"

    def add_arguments(self, parser):
        parser.add_argument("--taxonomy", action="append", choices=TAXONOMIES, metavar="NAME",
                            help=f"only this taxonomy (repeatable): {', '.join(TAXONOMIES)}")

    def run(self, *args, taxonomy=None, **options):
        results = services.train(taxonomy, progress=lambda slug: self.stderr.write(f"training {slug}…"))
        for r in results:
            if r.error:
                self.stdout.write(f"{r.taxonomy}: not trained: {r.error} ({r.n} labelled examples)")
                continue
            f = r.figures
            held = (f"held-out: accuracy {f['accuracy']:.1%}, micro-F1 {f['micro_f1']:.1%}, "
                    f"macro-F1 {f['macro_f1']:.1%} on {f['n']}") if f else "no held-out figures (too few examples)"
            self.stdout.write(f"{r.taxonomy}: trained on {r.n} examples; {held}")
        if taxonomy and all(r.error for r in results):
            raise RightstrackError("nothing was trained")
