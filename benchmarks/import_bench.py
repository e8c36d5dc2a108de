"""Import throughput and peak memory, printed as figures.

Usage (from the repository root, after `make install`):
    .venv/bin/python benchmarks/import_bench.py [--shared ../shared/data] [--uhri-records 250000] [--skip-uhri]

Each measurement runs `rightstrack import` in a fresh data directory (SQLite) as a child
process and reports wall time, records per second and the child's peak resident memory.
Next to each import it times the parser alone (no database) in the same run, so the
cost of our database layer is visible. The UHRI-layout file is generated from the real
data by benchmarks/make_uhri_export.py (cached in /tmp/rightstrack-bench).
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = Path(tempfile.gettempdir()) / "rightstrack-bench"


def _child(args: list[str], env: dict) -> tuple[float, str]:
    start = time.perf_counter()
    result = subprocess.run(args, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"failed: {' '.join(args)}\n{result.stderr[-2000:]}")
    return elapsed, result.stdout.strip()


def _peak_mb() -> float:
    # ru_maxrss of children: the largest child so far (kilobytes on Linux).
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def measure_import(label: str, paths: list[Path], records: int, extra: list[str] = ()) -> None:
    home = tempfile.mkdtemp(prefix="rt-bench-")
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"} | {"RIGHTSTRACK_HOME": home}
    cli = [sys.executable, "-m", "rightstrack"]
    _child([*cli, "init", "--no-static"], env)
    parse_s, _ = _child([sys.executable, "-c", _PARSE_ONLY, *map(str, paths)], env)
    first_s, first = _child([*cli, "import", *map(str, paths), *extra], env)
    again_s, again = _child([*cli, "import", *map(str, paths), *extra], env)
    print(f"{label}: {records} records")
    print(f"  parser alone (no database)  {parse_s:7.1f} s  {records / parse_s:8.0f} records/s")
    print(f"  first import                {first_s:7.1f} s  {records / first_s:8.0f} records/s   -> {first}")
    print(f"  same file again             {again_s:7.1f} s  {records / again_s:8.0f} records/s   -> {again}")
    print(f"  peak memory of any child so far: {_peak_mb():.0f} MB")


_PARSE_ONLY = """
import os, sys, django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rightstrack.settings"); django.setup()
from pathlib import Path
from rightstrack.ingest.registry import ImportOptions, read_file
for name in sys.argv[1:]:
    _fmt, parsed = read_file(Path(name), "auto", ImportOptions())
    sum(1 for _ in parsed.records)
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--uhri-records", type=int, default=250_000)
    parser.add_argument("--skip-uhri", action="store_true")
    args = parser.parse_args()
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, SQLite")
    measure_import(
        "UPR Info CSV (UTF-8, sessions 1-17, grouped)",
        [args.shared / "upr-info" / "upr-info-sessions-1-17.utf8.csv"],
        32076,
    )
    measure_import(
        "UPR Info CSV (raw Mac Roman/CR, 4 files)",
        [args.shared / "upr-info" / f for f in ("1-5.csv", "6-9.csv", "10-13.csv", "14-17.csv")],
        32076,
    )
    if args.skip_uhri:
        return
    CACHE.mkdir(exist_ok=True)
    files = {suffix: CACHE / f"uhri-{args.uhri_records}.{suffix}" for suffix in ("json", "xlsx")}
    if not all(f.exists() for f in files.values()):
        out = CACHE / "new"
        subprocess.run(
            [
                sys.executable,
                str(ROOT / "benchmarks" / "make_uhri_export.py"),
                "--records",
                str(args.uhri_records),
                "--formats",
                "json,xlsx",
                "--out",
                str(out),
                "--shared",
                str(args.shared),
            ],
            check=True,
        )
        for suffix, target in files.items():
            (out / f"export-full-en.{suffix}").replace(target)
    for suffix, path in files.items():
        measure_import(f"UHRI-layout export ({suffix})", [path], args.uhri_records)


if __name__ == "__main__":
    main()
