import json
import re
import sys

from rightstrack.core.permissions import OPERATOR
from rightstrack.recommendations.exporters import export_record
from rightstrack.search import selectors
from rightstrack.search.choices import SearchMode
from rightstrack.site.management.base import RightstrackCommand

MARK = re.compile(r"</?mark>")


class Command(RightstrackCommand):
    help = "Search recommendations by words (stemmed, phrases, prefix*, AND/OR/NOT) or by meaning."
    example = (
        'rightstrack search "birth registration" --country SVN\n'
        'rightstrack search "protect children from violence" --semantic --limit 5\n'
        "rightstrack search '\"hate speech\" NOT online' --mechanism UPR --json"
    )

    def add_arguments(self, parser):
        parser.add_argument("query", metavar="QUERY")
        parser.add_argument(
            "--country", action="append", default=[], metavar="ISO3", help="State under review (repeatable)"
        )
        parser.add_argument(
            "--mechanism", action="append", default=[], metavar="CODE", help="UPR, CCPR, ... (repeatable)"
        )
        parser.add_argument(
            "--semantic",
            action="store_true",
            help="rank by meaning and words together (finds paraphrases and other languages)",
        )
        parser.add_argument("--mode", choices=SearchMode.values, help="keyword, semantic (meaning only) or hybrid")
        parser.add_argument("--limit", type=int, default=20, metavar="N")
        parser.add_argument("--json", action="store_true", help="a JSON object: total, results, facets")

    def run(self, *args, query, country, mechanism, semantic, mode, limit, json: bool, **options):
        mode = mode or (SearchMode.HYBRID if semantic else SearchMode.KEYWORD)
        params = {"q": query, "country": [c.upper() for c in country], "mechanism": [m.upper() for m in mechanism]}
        result = selectors.search(OPERATOR, params, mode=mode, limit=limit, facets=json, details=json)
        if result.not_embedded:
            self.stderr.write(
                f"note: {result.not_embedded} recommendations have no meaning vector yet "
                "(rightstrack reindex --vectors-only)"
            )
        if json:
            self.stdout.write(_as_json(result))
            return
        self.stdout.write(f"{result.total} recommendations match ({mode})")
        bold = sys.stdout.isatty()
        for hit in result.hits:
            rec = hit.recommendation
            where = f"{rec.document.symbol} ¶{rec.paragraph}" if rec.document_id else ""
            text = MARK.sub(
                lambda m: (
                    ("\033[1m" if m.group(0) == "<mark>" else "\033[0m")
                    if bold
                    else ("[" if m.group(0) == "<mark>" else "]")
                ),
                _unescape(str(hit.highlighted)),
            )
            self.stdout.write(
                f"\n{rec.pk:>7}  {rec.state.iso3 if rec.state_id else '—'}  {rec.mechanism.code:<5} "
                f"{where}  {rec.date or ''}  score {hit.score:.3f}\n         {text}"
            )


def _unescape(html: str) -> str:
    import html as html_module

    return html_module.unescape(html)


def _as_json(result) -> str:
    payload = {
        "total": result.total,
        "mode": result.mode,
        "results": [
            {"score": round(hit.score, 4), "highlighted": str(hit.highlighted), **export_record(hit.recommendation)}
            for hit in result.hits
        ],
        "facets": {
            name: [{"value": v.code, "label": v.label, "count": v.count} for v in values]
            for name, values in result.facets.items()
        },
    }
    return json.dumps(payload, ensure_ascii=False, indent=1)
