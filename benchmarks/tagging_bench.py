"""Speed of automatic tagging on an existing rightstrack database with trained classifiers.

Usage (from the repository root), after `rightstrack import …` and `rightstrack train`:
    RIGHTSTRACK_HOME=/path/to/data .venv/bin/python benchmarks/tagging_bench.py [--single 200] [--retag]

Prints, for the active classifiers:
- one recommendation tagged from its text alone (sentence vector computed, every
  classifier applied): median and p95 milliseconds;
- classification throughput with stored vectors on one core (BLAS limited to one
  thread), texts per second per taxonomy and for all of them together;
- with --retag: `rightstrack tag` over the whole database (reads, predictions and
  writes, one transaction per chunk), recommendations per second, and the time that
  rate gives for 250,000.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

# One core: the target is per core, and BLAS would otherwise use every core.
for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(name, "1")

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rightstrack.settings")

import django  # noqa: E402

django.setup()

import numpy as np  # noqa: E402

from rightstrack.recommendations.models import Recommendation  # noqa: E402
from rightstrack.search import embedding  # noqa: E402
from rightstrack.tagging import selectors, services  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--single", type=int, default=200, help="texts tagged one at a time")
    parser.add_argument("--batch", type=int, default=5000, help="texts for the throughput figure")
    parser.add_argument("--retag", action="store_true", help="also time `tag` over the whole database")
    args = parser.parse_args()

    models = {c.taxonomy: selectors.active_model(c.taxonomy) for c in selectors.classifiers()}
    if not models:
        sys.exit("no trained classifier in this database: run `rightstrack train` first")
    total = Recommendation.objects.count()
    print(f"database: {total} recommendations; classifiers: {', '.join(models)}")
    ids = list(Recommendation.objects.order_by("?").values_list("pk", flat=True)[: max(args.single, args.batch)])
    texts, vectors = selectors.texts_and_vectors(ids)
    order = [pk for pk in ids if pk in texts]

    embedding.embed(["warm-up"])
    times = []
    for pk in order[: args.single]:
        start = time.perf_counter()
        vector = embedding.embed([texts[pk]])
        for model in models.values():
            model.predict([texts[pk]], vector)
        times.append((time.perf_counter() - start) * 1000)
    print(
        f"one recommendation from its text (vector + {len(models)} classifiers): "
        f"median {np.median(times):.1f} ms, p95 {np.percentile(times, 95):.1f} ms (n={len(times)})"
    )

    batch = order[: args.batch]
    matrix = np.stack([vectors[pk] for pk in batch])
    batch_texts = [texts[pk] for pk in batch]
    together = 0.0
    for slug, model in models.items():
        start = time.perf_counter()
        for i in range(0, len(batch), 2000):
            model.predict(batch_texts[i : i + 2000], matrix[i : i + 2000])
        spent = time.perf_counter() - start
        together += spent
        print(f"  {slug:<18} {len(batch) / spent:8.0f} texts/s on one core (stored vectors)")
    print(f"  {'all together':<18} {len(batch) / together:8.0f} recommendations/s on one core")

    if args.retag:
        start = time.perf_counter()
        summary = services.tag()
        spent = time.perf_counter() - start
        rate = summary.recommendations / spent
        print(
            f"retag all: {summary.recommendations} recommendations in {spent:.0f} s = {rate:.0f}/s "
            f"({summary.added} added, {summary.updated} updated, {summary.removed} withdrawn); "
            f"250,000 at this rate: {250_000 / rate / 60:.1f} min"
        )


if __name__ == "__main__":
    main()
