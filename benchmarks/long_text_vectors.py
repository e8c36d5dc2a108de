"""What one very long text costs the meaning vectors: time and peak memory of
``embedding.embed`` on a 1 kB text, a 5 MB one (embedded in bounded pieces), and, to
show why pieces, a 64 kB text given whole to the encoder as before (a 5 MB one given
whole asks for gigabytes and fails).

Each case runs in its own child process, so its peak resident memory (ru_maxrss,
which includes the model's ~250 MB) is its own; "traced" is the peak of the
allocations made during the call (tracemalloc, numpy's included); the time excludes
loading the model.

    .venv/bin/python benchmarks/long_text_vectors.py
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PARAGRAPH = (
    "The State should ratify the Optional Protocol to the Convention against Torture and "
    "establish an independent national preventive mechanism for places of detention. "
)
CASES = {"1 kB, pieces": (1_000, False), "5 MB, pieces": (5_000_000, False), "64 kB, whole (before)": (64_000, True)}


def _text(size: int) -> str:
    return "\n\n".join([PARAGRAPH] * (size // (len(PARAGRAPH) + 2) + 1))[:size]


def _run(case: str) -> dict:
    sys.path.insert(0, str(ROOT))
    from rightstrack.search import embedding

    size, whole = CASES[case]
    text = _text(size)
    model = embedding._encoder()
    model.encode(["warm up"])
    tracemalloc.start()
    started = time.perf_counter()
    if whole:
        model.encode([text])
    else:
        embedding.embed([text])
    seconds = time.perf_counter() - started
    traced = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return {
        "case": case,
        "chars": size,
        "pieces": 1 if whole else len(embedding.pieces(text)),
        "seconds": seconds,
        "traced_mb": traced / 1e6,
        "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--case", choices=CASES, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.case:
        print(json.dumps(_run(args.case)))
        return
    print(f"{'case':24} {'chars':>9} {'pieces':>6} {'seconds':>8} {'traced MB':>10} {'max RSS MB':>11}")
    for case in CASES:
        done = subprocess.run([sys.executable, __file__, "--case", case], capture_output=True, text=True, check=True)
        row = json.loads(done.stdout.strip().splitlines()[-1])
        print(
            f"{case:24} {row['chars']:>9} {row['pieces']:>6} {row['seconds']:>8.2f} {row['traced_mb']:>10.1f} "
            f"{row['max_rss_mb']:>11.0f}"
        )


if __name__ == "__main__":
    main()
