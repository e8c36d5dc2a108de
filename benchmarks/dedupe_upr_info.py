"""Repeat detection on the UPR Info exports (sessions 1–17): recall and precision.

UPR Info lists a recommendation once per recommending State, so the same text reaches the
same State several times (643 texts, 1,683 rows), and some demands come back with other
words. Each raw row is a record here (rightstrack's importer would merge identical rows);
rightstrack's grouping (``repeats.group_rows``, the vectors of ``search.embedding``) runs
State by State, as ``rightstrack dedupe`` does, at several thresholds:

- recall: of the pairs of rows to one State with the same text (case and punctuation
  folded), the share put in one group;
- precision: predicted pairs with the same text are right; for the others a person's
  judgments of a random sample (``--judged``) estimate the share that repeat a demand.
  ``--sample N`` writes such a sample to judge (texts are read from the data, never
  stored in the repository; judgments are kept as text hashes).

    .venv/bin/python benchmarks/dedupe_upr_info.py
    .venv/bin/python benchmarks/dedupe_upr_info.py --sample 300 --sample-out /tmp/pairs.jsonl
    .venv/bin/python benchmarks/dedupe_upr_info.py --judged benchmarks/results/upr_info_judged_pairs.jsonl
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import random
import re
import sys
import time
from collections import defaultdict
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DATA = ROOT.parent / "shared" / "data" / "upr-info" / "upr-info-sessions-1-17.utf8.csv"
CACHE = Path("/tmp/rightstrack-bench-cache")


def fold(text: str) -> str:
    return re.sub(r"\W+", " ", text.casefold()).strip()


def digest(text: str) -> str:
    return hashlib.sha1(fold(text).encode()).hexdigest()[:16]


def load_rows() -> list[dict]:
    with open(DATA, encoding="utf-8", newline="") as handle:
        return [row for row in csv.DictReader(handle) if row["Text"].strip()]


def vectors_for(texts: list[str]) -> np.ndarray:
    """Vectors of the distinct texts, cached between runs (embedding takes a minute)."""
    from rightstrack.search import embedding

    key = hashlib.sha1("\x1f".join(texts).encode()).hexdigest()[:12]
    path = CACHE / f"upr-info-vectors-{embedding.MODEL_NAME}-{key}.npy"
    if path.exists():
        return np.load(path)
    started = time.perf_counter()
    matrix = embedding.embed(texts)
    print(f"embedded {len(texts)} distinct texts in {time.perf_counter() - started:.1f} s")
    CACHE.mkdir(parents=True, exist_ok=True)
    np.save(path, matrix)
    return matrix


def predicted_pairs(rows, matrix, text_index, threshold) -> tuple[set[tuple[int, int]], float]:
    from rightstrack.search import repeats

    by_state = defaultdict(list)
    for i, row in enumerate(rows):
        by_state[row["To"]].append(i)
    pairs: set[tuple[int, int]] = set()
    started = time.perf_counter()
    for members in by_state.values():
        block = matrix[[text_index[i] for i in members]]
        for group in repeats.group_rows(block, threshold):
            ids = sorted(members[g] for g in group)
            pairs.update((a, b) for n, a in enumerate(ids) for b in ids[n + 1 :])
    return pairs, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--thresholds", default="0.55,0.70,0.85")
    parser.add_argument("--sample", type=int, default=0, help="write N predicted pairs with different texts to judge")
    parser.add_argument("--sample-threshold", type=float, default=0.55)
    parser.add_argument("--sample-out", default="/tmp/upr-info-pairs-to-judge.jsonl")
    parser.add_argument("--judged", help="JSON lines {a, b (text hashes), same} judged by a person")
    args = parser.parse_args()

    rows = load_rows()
    texts = sorted({row["Text"].strip() for row in rows})
    position = {t: i for i, t in enumerate(texts)}
    text_index = [position[row["Text"].strip()] for row in rows]
    matrix = vectors_for(texts)
    same_text = set()
    groups = defaultdict(list)
    for i, row in enumerate(rows):
        groups[(row["To"], fold(row["Text"]))].append(i)
    for members in groups.values():
        same_text.update((a, b) for n, a in enumerate(members) for b in members[n + 1 :])
    judged = {}
    if args.judged:
        for line in Path(args.judged).read_text().splitlines():
            item = json.loads(line)
            judged[tuple(sorted((item["a"], item["b"])))] = bool(item["same"])
    print(
        f"UPR Info rows: {len(rows)}, distinct texts: {len(texts)}, "
        f"same-text pairs to one State: {len(same_text)} ({sum(len(m) > 1 for m in groups.values())} texts)"
    )
    print(
        f"{'threshold':>9} {'pairs':>8} {'same text':>9} {'recall':>7} {'other':>7} {'judged':>7} "
        f"{'other ok':>8} {'precision':>9} {'time':>6}"
    )
    for threshold in [float(t) for t in args.thresholds.split(",")]:
        pairs, seconds = predicted_pairs(rows, matrix, text_index, threshold)
        exact = pairs & same_text
        other = [p for p in pairs if p not in same_text]
        # One verdict per judged pair of texts (the sample was drawn over pairs of rows,
        # and a text pair can stand for several row pairs).
        text_pairs = {tuple(sorted((digest(rows[a]["Text"]), digest(rows[b]["Text"])))) for a, b in other}
        verdicts = [judged[key] for key in text_pairs if key in judged]
        share = sum(verdicts) / len(verdicts) if verdicts else float("nan")
        precision = (len(exact) + share * len(other)) / len(pairs) if pairs and verdicts else float("nan")
        print(
            f"{threshold:>9.2f} {len(pairs):>8} {len(exact):>9} {len(exact) / len(same_text):>7.3f} "
            f"{len(other):>7} {len(verdicts):>7} {share:>8.3f} {precision:>9.3f} {seconds:>5.1f}s"
        )
        if args.sample and abs(threshold - args.sample_threshold) < 1e-9:
            write_sample(rows, other, args.sample, args.sample_out)


def write_sample(rows, other, n, out) -> None:
    chosen = random.Random(20261201).sample(other, min(n, len(other)))
    with open(out, "w", encoding="utf-8") as handle:
        for a, b in chosen:
            handle.write(
                json.dumps(
                    {
                        "a": digest(rows[a]["Text"]),
                        "b": digest(rows[b]["Text"]),
                        "state": rows[a]["To"],
                        "text_a": rows[a]["Text"],
                        "text_b": rows[b]["Text"],
                    },
                    ensure_ascii=False,
                )
                + "\n"
            )
    print(f"wrote {len(chosen)} pairs to judge to {out}")


if __name__ == "__main__":
    main()
