import json
import sys
from pathlib import Path

from rightstrack.core.errors import RightstrackError
from rightstrack.site.management.base import RightstrackCommand
from rightstrack.tagging import reading, selectors
from rightstrack.tagging.choices import TAXONOMIES


class Command(RightstrackCommand):
    help = (
        "Tag any text with a trained classifier: a civil-society draft, a national plan. "
        "Reads one text per line, or a CSV/XLSX file with a 'text' column."
    )
    example = (
        "rightstrack classify --taxonomy sdg-goals plan.xlsx\n"
        "echo 'Ratify the Convention against Torture' | rightstrack classify --taxonomy action-category --json -"
    )

    def add_arguments(self, parser):
        parser.add_argument("file", metavar="FILE|-", help="a text, CSV or XLSX file; - reads standard input")
        parser.add_argument("--taxonomy", required=True, choices=TAXONOMIES, metavar="NAME", help=", ".join(TAXONOMIES))
        parser.add_argument(
            "--json", action="store_true", help='one JSON object per line: {"text", "labels": [{"label", "score"}]}'
        )

    def run(self, *args, file, taxonomy, json: bool, **options):
        from rightstrack.search import embedding

        model = selectors.active_model(taxonomy)
        if model is None:
            raise RightstrackError(
                f"no trained classifier for {taxonomy}: run `rightstrack train --taxonomy {taxonomy}`"
            )
        texts = reading.read_texts(sys.stdin if file == "-" else Path(file))
        for start in range(0, len(texts), 256):
            part = texts[start : start + 256]
            for text, labels in zip(part, model.predict(part, embedding.embed(part)), strict=False):
                if json:
                    self.stdout.write(_dumps({"text": text, "labels": [{"label": lb, "score": s} for lb, s in labels]}))
                else:
                    shown = ", ".join(f"{lb} ({s:.2f})" for lb, s in labels) or "—"
                    self.stdout.write(f"{shown}\t{text[:100]}")


def _dumps(payload) -> str:
    return json.dumps(payload, ensure_ascii=False)
