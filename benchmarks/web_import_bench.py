"""A large web import: how long the requests take, and how the job in the background
reports its progress, beside a bare baseline of the same run.

The file is the UPR Info export of sessions 1-17 (32,076 recommendations, from the shared
data). In a fresh SQLite data directory, with the defaults a new install has (meaning
vectors and tag suggestions after the import; the SDG classifiers `init` trains), it:

1. uploads the file through the import page (Django's test client, in this process) and
   times the request: it only stores the file and queues the check;
2. follows the check job's page every 2 s while `rightstrack worker` (a child process,
   as `rightstrack serve` starts it) reads the file, and prints what the page shows;
3. confirms, times that request, and follows the import job to its end.

Baseline: the same file through `rightstrack import` (same defaults) in another fresh
data directory — the whole work one request used to hold before imports became jobs.

    .venv/bin/python benchmarks/web_import_bench.py [--file PATH]
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("RIGHTSTRACK_SHARED_DATA", ROOT.parent / "shared" / "data"))
CLI = [sys.executable, "-m", "rightstrack"]


def _init(home: Path) -> dict:
    env = {**{k: v for k, v in os.environ.items() if k != "DATABASE_URL"}, "RIGHTSTRACK_HOME": str(home)}
    subprocess.run([*CLI, "init", "--no-static"], env=env, check=True, capture_output=True)
    return env


def _follow(client, url: str, started: float) -> str:
    """Print what the job page says every 2 s until the job is finished; returns the page."""
    last = ""
    while True:
        page = client.get(url).content.decode()
        state = re.search(r'class="job-state (\w+)"', page).group(1)
        stage = re.search(r"<p>([^<]*?(?:records?|of \d+)[^<]*)</p>", page)
        line = f"  {time.monotonic() - started:7.1f} s  {state:8} {stage.group(1).strip() if stage else ''}"
        if line.split("s  ", 1)[1] != last:
            print(line, flush=True)
            last = line.split("s  ", 1)[1]
        if state in ("done", "failed"):
            return page
        time.sleep(2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--file", type=Path, default=SHARED / "upr-info" / "upr-info-sessions-1-17.utf8.csv")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="rightstrack-webimport-"))

    # Baseline: the whole import in one command (what one request used to hold).
    env = _init(work / "baseline")
    started = time.monotonic()
    run = subprocess.run([*CLI, "import", str(args.file)], env=env, capture_output=True, text=True)
    baseline = time.monotonic() - started
    print(f"baseline: rightstrack import {args.file.name}: {baseline:.1f} s")
    print("  " + "\n  ".join(line for line in (run.stderr + run.stdout).splitlines() if line.strip()))

    # The web import, with the worker in a child process.
    env = _init(work / "web")
    os.environ.update(RIGHTSTRACK_HOME=env["RIGHTSTRACK_HOME"], DJANGO_SETTINGS_MODULE="rightstrack.settings")
    os.environ.pop("DATABASE_URL", None)
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import Client

    client = Client(HTTP_HOST="localhost")
    client.force_login(get_user_model().objects.create_user("nmrf", is_staff=True))
    worker = subprocess.Popen([*CLI, "worker"], env=env, stderr=subprocess.DEVNULL)
    try:
        data = {"format": "auto", "file": SimpleUploadedFile(args.file.name, args.file.read_bytes())}
        started = time.monotonic()
        response = client.post("/import/", data)
        upload = time.monotonic() - started
        print(f"web: upload request {upload * 1000:.0f} ms -> {response.url}")
        page = _follow(client, response.url, started)
        checked = time.monotonic() - started
        confirm = page.split('<form method="post" action="')[1].split('"')[0]
        started = time.monotonic()
        response = client.post(confirm)
        confirm_ms = (time.monotonic() - started) * 1000
        print(f"web: check finished after {checked:.1f} s; confirm request {confirm_ms:.0f} ms -> {response.url}")
        page = _follow(client, response.url, started)
        total = time.monotonic() - started
        lines = re.findall(r"<li>([^<]*)</li>", page.split('class="job-lines"')[1].split("</ul>")[0])
        print(f"web: import job finished after {total:.1f} s:")
        print("  " + "\n  ".join(lines))
    finally:
        worker.terminate()
        worker.wait(timeout=60)
    print(
        f"\nrequests: upload {upload * 1000:.0f} ms, confirm {confirm_ms:.0f} ms "
        f"(baseline: the same work held {baseline:.0f} s); background: check {checked:.0f} s + import {total:.0f} s"
    )


if __name__ == "__main__":
    main()
