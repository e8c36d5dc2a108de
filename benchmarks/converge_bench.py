"""What keeping every source's values costs an import: the current code beside a
baseline commit, in the same run, on the same files.

Three imports into one fresh SQLite database per code version:

1. a UHRI-layout export of N records (generated from the real data by
   benchmarks/make_uhri_export.py, cached in /tmp/rightstrack-bench);
2. the same file again (nothing changes);
3. a "newer export" of the same records where 1 in 100 has lost a theme and 1 in 100
   has another position (changes the precedence and the history must record).

Each import runs `rightstrack import --no-vectors` as a child process with tag
suggestions off, so the figures are the import's own; the peak memory is the child's.
The baseline is another commit checked out with `git worktree` and put first on the
Python path; the default is the last commit before sources were recorded.

    .venv/bin/python benchmarks/converge_bench.py [--records 250000] [--baseline d7698db]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = Path(tempfile.gettempdir()) / "rightstrack-bench"


def _export(records: int, shared: Path) -> Path:
    path = CACHE / f"uhri-{records}.json"
    if not path.exists():
        CACHE.mkdir(exist_ok=True)
        out = CACHE / "new"
        subprocess.run(
            [
                sys.executable,
                str(ROOT / "benchmarks" / "make_uhri_export.py"),
                "--records",
                str(records),
                "--formats",
                "json",
                "--out",
                str(out),
                "--shared",
                str(shared),
            ],
            check=True,
        )
        (out / "export-full-en.json").replace(path)
    return path


def _newer(path: Path) -> Path:
    """The same export with 1% of records losing a theme and 1% changing position."""
    newer = path.with_name(path.stem + "-newer.json")
    if newer.exists():
        return newer
    import ijson

    with open(path, "rb") as source, open(newer, "w", encoding="utf-8") as out:
        out.write("[")
        for number, item in enumerate(ijson.items(source, "item", use_float=True)):
            if number % 100 == 0 and item.get("Themes"):
                item["Themes"] = "\n".join(str(item["Themes"]).split("\n")[:-1])
            if number % 100 == 50 and item.get("UPR Position"):
                item["UPR Position"] = "Noted" if "Supported" in str(item["UPR Position"]) else "Supported"
            out.write(("\n" if number == 0 else ",\n") + json.dumps(item, ensure_ascii=False))
        out.write("\n]\n")
    return newer


# Runs a command and prints the peak resident memory of it and its children (KB), so
# each import's peak is its own, not the largest of the whole benchmark.
_WRAP = (
    "import resource, subprocess, sys; done = subprocess.run(sys.argv[1:]); "
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr); sys.exit(done.returncode)"
)


def _run(args: list[str], env: dict) -> tuple[float, str, float]:
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", _WRAP, *args], env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"failed: {' '.join(args)}\n{done.stderr[-2000:]}")
    peak_mb = int(done.stderr.strip().splitlines()[-1]) / 1024
    return elapsed, done.stdout.strip().splitlines()[-1], peak_mb


def measure(label: str, code: Path, files: list[tuple[str, Path]]) -> list[tuple[str, float, str]]:
    home = tempfile.mkdtemp(prefix="rt-converge-")
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env |= {"RIGHTSTRACK_HOME": home, "PYTHONPATH": str(code), "RIGHTSTRACK_TAG_ON_IMPORT": "0"}
    cli = [sys.executable, "-m", "rightstrack"]
    _run([*cli, "init", "--no-static"], env)
    rows = []
    for name, path in files:
        seconds, line, peak = _run([*cli, "import", "--no-vectors", str(path)], env)
        rows.append((name, seconds, peak))
        print(f"  {label:9} {name:26} {seconds:7.1f} s {peak:6.0f} MB   {line}", flush=True)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--records", type=int, default=250_000)
    parser.add_argument("--baseline", default="d7698db", help="commit to compare with (default: before sources)")
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "data")
    args = parser.parse_args()
    export = _export(args.records, args.shared)
    files = [("first import", export), ("same file again", export), ("newer export (2% changed)", _newer(export))]
    worktree = Path(tempfile.mkdtemp(prefix="rt-baseline-")) / "code"
    subprocess.run(
        ["git", "-C", str(ROOT), "worktree", "add", "-f", "--detach", str(worktree), args.baseline],
        check=True,
        capture_output=True,
    )
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, SQLite, {args.records} records")
    try:
        base = measure("baseline", worktree, files)
        ours = measure("current", ROOT, files)
    finally:
        subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(worktree)], capture_output=True)
    print(f"\n{'import':26} {'baseline ' + args.baseline:>18} {'current':>10} {'ratio':>7}   peak memory")
    for (name, b, b_mb), (_, c, c_mb) in zip(base, ours, strict=False):
        print(f"{name:26} {b:16.1f} s {c:8.1f} s {c / b:7.2f}   {b_mb:5.0f} MB -> {c_mb:5.0f} MB")


if __name__ == "__main__":
    main()
