import json

from rightstrack.core.errors import RightstrackError
from rightstrack.core.permissions import OPERATOR
from rightstrack.recommendations.exporters import export_record
from rightstrack.recommendations.models import Recommendation
from rightstrack.search import selectors
from rightstrack.site.management.base import RightstrackCommand


class Command(RightstrackCommand):
    help = "List the recommendations closest in meaning to one: its repeats in other cycles and mechanisms."
    example = "rightstrack similar 1234\nrightstrack similar 1234 --any-state --json"

    def add_arguments(self, parser):
        parser.add_argument("id", type=int, help="the recommendation's id (shown by search and export)")
        parser.add_argument("--any-state", action="store_true", help="look among the recommendations to every State")
        parser.add_argument("--limit", type=int, default=10, metavar="N")
        parser.add_argument("--json", action="store_true", help="one JSON object per line: score, repeat, record")

    def run(self, *args, id, any_state, limit, json: bool, **options):
        try:
            found = selectors.similar_to(OPERATOR, id, limit=limit, same_state=not any_state)
        except Recommendation.DoesNotExist:
            raise RightstrackError(f"no recommendation with id {id}") from None
        if json:
            payload = [
                {"score": round(s.score, 4), "repeat": s.repeat, **export_record(s.recommendation)} for s in found
            ]
            self.stdout.write(_json_dumps(payload))
            return
        if not found:
            self.stdout.write("no similar recommendation")
        for s in found:
            rec = s.recommendation
            where = f"{rec.document.symbol} ¶{rec.paragraph}" if rec.document_id else ""
            mark = "repeat " if s.repeat else "similar"
            self.stdout.write(
                f"{s.score:.2f} {mark} {rec.pk:>7}  {rec.state.iso3 if rec.state_id else '—'}  "
                f"{rec.mechanism.code:<5} {where}\n        {rec.text[:160]}"
            )


def _json_dumps(payload) -> str:
    return json.dumps(payload, ensure_ascii=False, indent=1)
