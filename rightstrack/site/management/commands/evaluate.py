import json
from pathlib import Path

from rightstrack.core.errors import RightstrackError
from rightstrack.ingest.formats.table import parse_mapping
from rightstrack.ingest.registry import NAMES, ImportOptions
from rightstrack.site.management.base import RightstrackCommand
from rightstrack.tagging import evaluation, selectors
from rightstrack.tagging.choices import SINGLE_LABEL, TAXONOMIES


class Command(RightstrackCommand):
    help = "Measure the active classifier of a taxonomy on a labelled file; the file's records are read, not imported."
    example = (
        "rightstrack evaluate --taxonomy action-category --test 14-17.csv --baseline\n"
        "rightstrack evaluate --taxonomy sdg-goals --test benchmark.csv --json\n"
        "rightstrack evaluate --taxonomy sdg-goals --test spain.csv --format table "
        "--columns text=text,sdg_goals=uhri_goals --mechanism UPR"
    )

    def add_arguments(self, parser):
        parser.add_argument("--taxonomy", required=True, choices=TAXONOMIES, metavar="NAME", help=", ".join(TAXONOMIES))
        parser.add_argument(
            "--test",
            required=True,
            metavar="FILE",
            help="any file `rightstrack import` reads, or a CSV with text, sdg, label columns",
        )
        parser.add_argument("--format", default="auto", choices=NAMES)
        parser.add_argument("--columns", metavar="MAPPING", help="for --format table: field=Column,...")
        parser.add_argument("--mechanism", metavar="CODE", help="for --format table: the mechanism of the rows")
        parser.add_argument(
            "--baseline",
            action="store_true",
            help="also train and measure the plain TF-IDF + linear SVM baseline on this database",
        )
        parser.add_argument("--json", action="store_true", help="one JSON object with the figures")

    def run(self, *args, taxonomy, test, json: bool, baseline: bool, **options):
        model = selectors.active_model(taxonomy)
        if model is None:
            raise RightstrackError(
                f"no trained classifier for {taxonomy}: run `rightstrack train --taxonomy {taxonomy}`"
            )
        path = Path(test)
        if evaluation.is_binary_file(path):
            result = evaluation.evaluate_binary(model, evaluation.read_binary_file(path))
            base = None
        else:
            opts = ImportOptions(
                mechanism=options["mechanism"], mapping=parse_mapping(options["columns"]) if options["columns"] else {}
            )
            test_set = evaluation.read_test_file(path, taxonomy, options["format"], opts)
            result = evaluation.evaluate(model, test_set)
            base = (
                evaluation.evaluate_baseline(
                    selectors.training_examples(taxonomy), test_set, taxonomy, multi=taxonomy not in SINGLE_LABEL
                )
                if baseline
                else None
            )
        if json:
            payload = result | ({"baseline": base} if base else {})
            self.stdout.write(_dumps(payload))
            return
        self._print(taxonomy, path, result, base)

    def _print(self, taxonomy, path, result, base):
        write = self.stdout.write
        write(f"{taxonomy} on {path.name}: {result['n']} {'rows' if result.get('binary') else 'records'}")
        keys = [
            ("accuracy", "accuracy" + (" (average over goals)" if result.get("binary") else "")),
            ("micro_f1", "micro-F1"),
            ("macro_f1", "macro-F1"),
            ("samples_f1", "samples-F1"),
        ]
        for key, name in keys:
            if result.get(key) is None:
                continue
            beside = f"   baseline {base[key]:.1%}" if base and base.get(key) is not None else ""
            write(f"  {name:<32} {result[key]:.1%}{beside}")
        if "quadratic_kappa" in result:
            beside = f"   baseline {base['quadratic_kappa']:.3f}" if base else ""
            write(f"  {'quadratic-weighted kappa':<32} {result['quadratic_kappa']:.3f}{beside}")
            write("  confusion (rows: true, columns: predicted): " + " ".join(result["labels"]))
            for label, row in zip(result["labels"], result["confusion"], strict=False):
                write(f"    {label:>4} " + " ".join(f"{n:>5}" for n in row))
        write(f"  {'label':<44} {'precision':>9} {'recall':>7} {'support':>8}")
        for label, v in result["per_label"].items():
            write(f"  {label[:44]:<44} {v['precision']:>9.1%} {v['recall']:>7.1%} {v['support']:>8}")


def _dumps(payload) -> str:
    return json.dumps(payload, ensure_ascii=False, indent=1)
