"""Search quality and repeat detection on judged real data (public UN documents).

Loads the demo dataset (OHCHR lists for Slovenia, cycles 2 and 3; Human Rights
Committee follow-up paragraphs) into a throw-away database, then prints:
- recall@10 and nDCG@10 of keyword, semantic and hybrid search over the judged queries
  of rightstrack/search/tests/data/judged_queries.json (by query kind);
- precision / recall / F1 of "same demand" (cosine ≥ threshold) on the judged pairs of
  rightstrack/search/tests/data/slovenia_repeats.json: the threshold is chosen on one
  half of the pairs (calibrate) and reported on the other (test).

    .venv/bin/python benchmarks/search_eval.py
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DATA = ROOT / "rightstrack" / "search" / "tests" / "data"


def main() -> None:
    os.environ.setdefault("RIGHTSTRACK_HOME", tempfile.mkdtemp(prefix="rightstrack-eval-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rightstrack.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from rightstrack.search import evaluation, repeats, services
    from rightstrack.site.demo import load_demo_data

    call_command("migrate", verbosity=0)
    load_demo_data()
    services.embed_missing()
    queries = json.loads((DATA / "judged_queries.json").read_text())["queries"]
    print(f"judged queries: {len(queries)}")
    print(f"{'mode':<10}{'recall@10':>10}{'nDCG@10':>9}   by kind (n, recall@10, nDCG@10)")
    for mode in ("keyword", "semantic", "hybrid"):
        s = evaluation.evaluate_queries(queries, mode)
        kinds = "  ".join(f"{k}: {n}, {r:.3f}, {g:.3f}" for k, (n, r, g) in s.per_kind.items())
        print(f"{mode:<10}{s.recall_at_k:>10.3f}{s.ndcg_at_k:>9.3f}   {kinds}")
    pairs = json.loads((DATA / "slovenia_repeats.json").read_text())["pairs"]
    truth = evaluation.pair_truth(pairs)
    n = len(truth.keys)
    print(
        f"\njudged repeats: {n} recommendations, {n * (n - 1) // 2} pairs, "
        f"{int(truth.same.sum()) // 2} judged the same (every other pair: not the same)"
    )
    for grouped, label in ((False, "pairs (cosine >= threshold)"), (True, "dedupe groups (linked pairs)")):
        chosen = evaluation.best_threshold(truth, grouped)
        print(f"{label}: threshold chosen on the calibration half {chosen:.3f}")
        for name, t in (("chosen", chosen), ("shipped", repeats.REPEAT_THRESHOLD)):
            p, r, f = evaluation.precision_recall(truth, t, "test", grouped)
            print(f"  test half at {name} {t:.3f}: precision {p:.3f}  recall {r:.3f}  F1 {f:.3f}")


if __name__ == "__main__":
    main()
