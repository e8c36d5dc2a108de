"""Load: many people at once, writers among them, and attacks alongside.

In a fresh data directory with the demo dataset (``rightstrack demo``), ``rightstrack
serve`` (its defaults: two processes of three threads on two cores; ``--processes`` and
``--threads`` change them), behind a "proxy" at 127.0.0.1 so that each simulated person
has an address of their own, as behind a real reverse proxy) is driven by:

- **readers**: the pages and API calls people make — the recommendation list, search
  (keyword and filters), a recommendation, the dashboard, plans, the API's list, search
  and detail — half signed in (a session), half anonymous, each waiting 0-0.5 s between
  requests;
- **writers** (5): NMRF staff with API tokens writing progress reports and editing them
  (create, then edit with the version read);
- **attacks** (last phase): one address flooding the anonymous API (it should be held
  to its rate: 429s, not counted as errors); searches at the length and word limits;
  texts of 50,000 characters to classify; JSON bodies nested 100,000 deep; 600 nested
  brackets in a search; a sign-in with wrong passwords; requests over the size limit.

Phases: one reader alone (the baseline), then 20 readers and 5 writers, then the same
with the attacks. Each prints requests per second, errors (a 5xx, a refused connection
or a timeout; a 4xx an attack asked for is not an error) and p50/p95 of the readers'
and writers' requests.

    .venv/bin/python benchmarks/load_bench.py [--seconds 120] [--readers 20] [--writers 5]
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
CLI = [sys.executable, "-m", "rightstrack"]
HOST = "127.0.0.1"
WORDS = [
    "torture",
    "children",
    "education",
    "women",
    "violence",
    "disability",
    "roma",
    "prison",
    "health",
    "migrants",
    "discrimination",
    "trafficking",
    "police",
    "freedom of expression",
    "indigenous",
]


@dataclass
class Tally:
    """Latencies and failures of one kind of client in one phase."""

    times: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, seconds: float, status: int | None, error: str = ""):
        with self.lock:
            self.times.append(seconds)
            if status is not None:
                self.statuses[status] = self.statuses.get(status, 0) + 1
            if error:
                self.errors.append(error)


class Client:
    """One person: a keep-alive connection, an address, maybe a session or a token."""

    def __init__(self, port: int, address: str, headers: dict | None = None):
        self.port, self.address, self.headers = port, address, dict(headers or {})
        self.connection = None
        self.cookies: list[str] = []  # the Set-Cookie values of the last response

    def request(
        self, method: str, path: str, body: bytes | None = None, headers: dict | None = None, timeout: float = 60
    ) -> tuple[int, bytes]:
        sent = {"X-Forwarded-For": self.address, **self.headers, **(headers or {})}
        for attempt in (1, 2):
            if self.connection is None:
                self.connection = http.client.HTTPConnection(HOST, self.port, timeout=timeout)
            try:
                self.connection.request(method, path, body=body, headers=sent)
                response = self.connection.getresponse()
                content = response.read()
                self.cookies = [value.split(";", 1)[0] for value in response.msg.get_all("Set-Cookie") or []]
                if response.getheader("Connection", "").lower() == "close":
                    self.connection.close()
                    self.connection = None
                return response.status, content
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
                self.connection.close()
                self.connection = None
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")


def sign_in(port: int, username: str, password: str, address: str) -> Client:
    """A client signed in through the sign-in page (its session and CSRF cookies)."""
    client = Client(port, address)
    status, page = client.request("GET", "/accounts/login/")
    csrf = client.cookies
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1).decode()
    body = urlencode({"username": username, "password": password, "csrfmiddlewaretoken": token}).encode()
    client.headers["Cookie"] = "; ".join(csrf)
    status, _ = client.request(
        "POST",
        "/accounts/login/",
        body,
        {"Content-Type": "application/x-www-form-urlencoded", "Referer": f"http://{HOST}:{port}/accounts/login/"},
    )
    assert status == 302, f"sign-in failed: {status}"
    client.headers["Cookie"] = "; ".join(csrf + client.cookies)
    return client


def reader_paths(rng: random.Random, ids: list[int], plans: list[int]) -> str:
    word = rng.choice(WORDS)
    rec = rng.choice(ids)
    return rng.choice(
        [
            "/recommendations/",
            f"/recommendations/?q={word.replace(' ', '+')}&page=2",
            f"/search/?q={word.replace(' ', '+')}",
            f"/search/?q={word.replace(' ', '+')}&position=supported",
            f"/recommendations/{rec}/",
            "/dashboard/",
            f"/plans/{rng.choice(plans)}/" if plans else "/plans/",
            "/api/recommendations?limit=50",
            f"/api/search?q={word.replace(' ', '+')}",
            f"/api/recommendations/{rec}",
        ]
    )


def run_readers(port, count, stop, tally, ids, plans, session_cookie, seed):
    def one(n):
        rng = random.Random(seed + n)
        headers = {"Cookie": session_cookie} if n % 2 == 0 and session_cookie else {}
        client = Client(port, f"10.1.{n // 250}.{n % 250 + 1}", headers)
        while not stop.is_set():
            path = reader_paths(rng, ids, plans)
            started = time.monotonic()
            try:
                status, _ = client.request("GET", path)
                tally.add(
                    time.monotonic() - started,
                    status,
                    f"{status} {path}" if status >= 500 or status in (404, 429) else "",
                )
            except Exception as exc:  # a refused or timed-out connection is an error, not a crash
                tally.add(time.monotonic() - started, None, f"{type(exc).__name__} {path}")
                client.connection = None
            time.sleep(rng.uniform(0, 0.5))

    return [threading.Thread(target=one, args=(n,), daemon=True) for n in range(count)]


def run_writers(port, count, stop, tally, ids, tokens, seed):
    def one(n):
        rng = random.Random(seed + 1000 + n)
        client = Client(
            port,
            f"10.2.0.{n + 1}",
            {"Authorization": f"Bearer {tokens[n % len(tokens)]}", "Content-Type": "application/json"},
        )
        while not stop.is_set():
            started = time.monotonic()
            try:
                body = {"recommendation": rng.choice(ids), "text": f"Load test report {rng.random():.6f}"}
                status, content = client.request("POST", "/api/reports", json.dumps(body).encode())
                ok = status == 201
                tally.add(time.monotonic() - started, status, "" if ok else f"{status} POST /api/reports")
                if ok:
                    report = json.loads(content)
                    started = time.monotonic()
                    edit = {"version": report["version"], "text": report["text"] + " (edited)"}
                    status, _ = client.request("POST", f"/api/reports/{report['id']}", json.dumps(edit).encode())
                    tally.add(time.monotonic() - started, status, "" if status == 200 else f"{status} edit")
            except Exception as exc:
                tally.add(time.monotonic() - started, None, f"{type(exc).__name__} writer")
                client.connection = None
            time.sleep(rng.uniform(0.5, 1.5))

    return [threading.Thread(target=one, args=(n,), daemon=True) for n in range(count)]


ATTACKS = {
    # name: (method, path, body, headers, the statuses it is expected to get)
    "anonymous API flood, one address": ("GET", "/api/recommendations?limit=100", None, {}, {200, 429}),
    "search at the limits (1,000 characters, 40 words)": (
        "GET",
        "/api/search?" + urlencode({"q": " ".join(["discrimination"] * 40)[:1000]}),
        None,
        {},
        {200, 429},
    ),
    "search past the limits (2,000 words)": (
        "GET",
        "/api/actions?" + urlencode({"q": "torture " * 2000}),
        None,
        {},
        {400, 414, 429},
    ),
    "600 nested brackets": (
        "GET",
        "/api/search?" + urlencode({"q": "(" * 600 + "torture" + ")" * 600}),
        None,
        {},
        {400, 429},
    ),
    "50,000 characters to classify": (
        "POST",
        "/api/classify",
        json.dumps({"taxonomy": "sdg-goals", "texts": ["torture " * 6250]}).encode(),
        {"Content-Type": "application/json", "TOKEN": "1"},
        {200, 429},
    ),
    "JSON nested 100,000 deep": (
        "POST",
        "/api/comments",
        b"[" * 100_000 + b"]" * 100_000,
        {"Content-Type": "application/json", "TOKEN": "1"},
        {400},
    ),
    "wrong passwords": (
        "POST",
        "/accounts/login/",
        b"username=demo&password=wrong",
        {"Content-Type": "application/x-www-form-urlencoded"},
        {200, 403, 429},
    ),
    "a body over the size limit": (
        "POST",
        "/accounts/login/",
        b"x" * (1024**2 + 10),
        {"Content-Type": "application/x-www-form-urlencoded"},
        {413},
    ),
}


def run_attacks(port, stop, tallies, token):
    def one(name, n):
        method, path, body, headers, expected = ATTACKS[name]
        headers = dict(headers)
        if headers.pop("TOKEN", None):
            headers["Authorization"] = f"Bearer {token}"
        client = Client(port, f"10.66.0.{n + 1}" if "flood" not in name else "10.66.1.1", headers)
        tally = tallies[name]
        while not stop.is_set():
            started = time.monotonic()
            try:
                status, _ = client.request(method, path, body, timeout=120)
                tally.add(time.monotonic() - started, status, "" if status in expected else f"{status}")
            except Exception as exc:
                tally.add(time.monotonic() - started, None, type(exc).__name__)
                client.connection = None
            if "flood" not in name:
                time.sleep(0.2)

    threads = []
    for name in ATTACKS:
        for n in range(2 if "flood" in name else 1):
            threads.append(threading.Thread(target=one, args=(name, n), daemon=True))
    return threads


def percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def line(name: str, tally: Tally, seconds: float) -> str:
    times = tally.times
    return (
        f"  {name:<52} {len(times):>6} req {len(times) / seconds:7.1f}/s  errors {len(tally.errors):>4}  "
        f"p50 {1000 * statistics.median(times) if times else float('nan'):7.0f} ms  "
        f"p95 {1000 * percentile(times, 0.95):7.0f} ms  statuses {dict(sorted(tally.statuses.items()))}"
    )


def phase(title, port, seconds, readers, writers, attacks, ids, plans, cookie, tokens, assigned=()):
    stop = threading.Event()
    reading, writing = Tally(), Tally()
    attacked = {name: Tally() for name in ATTACKS}
    threads = run_readers(port, readers, stop, reading, ids, plans, cookie, seed=readers)
    threads += run_writers(port, writers, stop, writing, list(assigned) or ids, tokens, seed=writers)
    if attacks:
        threads += run_attacks(port, stop, attacked, tokens[0])
    started = time.monotonic()
    for thread in threads:
        thread.start()
    time.sleep(seconds)
    stop.set()
    for thread in threads:
        thread.join(timeout=130)
    elapsed = time.monotonic() - started
    print(f"\n{title} ({elapsed:.0f} s)")
    print(line(f"readers ({readers})", reading, elapsed))
    if writers:
        print(line(f"writers ({writers})", writing, elapsed))
    if attacks:
        for name, tally in attacked.items():
            print(line(f"attack: {name}", tally, elapsed))
    for kind, tally in (("readers", reading), ("writers", writing)):
        if tally.errors:
            print(f"  {kind}' errors (first 10): {tally.errors[:10]}")
    return reading


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=int, default=120)
    parser.add_argument("--baseline-seconds", type=int, default=40)
    parser.add_argument("--readers", type=int, default=20)
    parser.add_argument("--writers", type=int, default=5)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--threads", type=int, help="the server's threads per process (default: rightstrack serve's)")
    parser.add_argument("--processes", type=int, help="the server's processes (default: rightstrack serve's)")
    parser.add_argument(
        "--leave-out",
        action="append",
        default=[],
        metavar="WORD",
        help="leave out the attacks whose name holds WORD (to see what one costs)",
    )
    parser.add_argument("--home", type=Path, help="a data directory with the demo loaded (default: a new one)")
    args = parser.parse_args()
    for word in args.leave_out:
        for name in [name for name in ATTACKS if word in name]:
            del ATTACKS[name]

    home = args.home or Path(tempfile.mkdtemp(prefix="rightstrack-load-"))
    env = {
        **{k: v for k, v in os.environ.items() if k != "DATABASE_URL"},
        "RIGHTSTRACK_HOME": str(home),
        "RIGHTSTRACK_TRUSTED_PROXY": HOST,
    }
    if os.environ.get("DATABASE_URL"):
        env["DATABASE_URL"] = os.environ["DATABASE_URL"]
    if not args.home:
        print(f"loading the demo into {home} …", flush=True)
        subprocess.run([*CLI, "demo"], env=env, check=True, capture_output=True)
    password = "load-test-passphrase-1"
    subprocess.run(
        [
            *CLI,
            "shell",
            "--no-imports",
            "-c",
            (
                "from django.contrib.auth import get_user_model as g; u = g().objects.get(username='demo'); "
                f"u.set_password('{password}'); u.save()"
            ),
        ],
        env=env,
        check=True,
    )
    subprocess.run([*CLI, "unlock", "demo"], env=env, check=True, capture_output=True)
    tokens = []
    for n in range(args.writers):
        out = subprocess.run(
            [*CLI, "token", "create", "demo", "--name", f"load writer {n}"],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        tokens.append(re.search(r"(rt_\S+)", out).group(1))
    ids = json.loads(
        subprocess.run(
            [
                *CLI,
                "shell",
                "--no-imports",
                "-c",
                (
                    "import json; from rightstrack.recommendations.models import Recommendation as R; "
                    "print(json.dumps(list(R.objects.filter(is_published=True).values_list('pk', flat=True))))"
                ),
            ],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout.splitlines()[-1]
    )
    assigned = json.loads(
        subprocess.run(
            [
                *CLI,
                "shell",
                "--no-imports",
                "-c",
                (
                    "import json; from rightstrack.planning.models import Responsibility; "
                    "print(json.dumps(sorted(set(Responsibility.objects.values_list('recommendation_id', flat=True)))))"
                ),
            ],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout.splitlines()[-1]
    )
    plans = json.loads(
        subprocess.run(
            [
                *CLI,
                "shell",
                "--no-imports",
                "-c",
                (
                    "import json; from rightstrack.planning.models import Plan; "
                    "print(json.dumps(list(Plan.objects.values_list('pk', flat=True))))"
                ),
            ],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout.splitlines()[-1]
    )

    # The server's log goes to a file: a pipe nobody reads fills up under load (waitress
    # warns of its queue depth) and then blocks the server's main thread, which stalled
    # every request in an early run of this benchmark.
    log = tempfile.TemporaryFile()
    sizes = [
        *(["--threads", str(args.threads)] if args.threads else []),
        *(["--processes", str(args.processes)] if args.processes else []),
    ]
    server = subprocess.Popen(
        [*CLI, "serve", "--port", str(args.port), "--no-worker", *sizes], env=env, stdout=subprocess.DEVNULL, stderr=log
    )
    try:
        for _ in range(100):
            try:
                Client(args.port, "10.0.0.1").request("GET", "/")
                break
            except OSError:
                time.sleep(0.2)
        cookie = sign_in(args.port, "demo", password, "10.0.0.9").headers["Cookie"]
        print(
            f"{len(ids)} published recommendations ({len(assigned)} with a responsible entity), {len(plans)} plans; "
            f"server: rightstrack serve {' '.join(sizes) or '(its defaults)'} on {os.cpu_count()} cores; "
            f"{args.readers} readers, {args.writers} writers"
        )
        # Warm the caches (the search snapshot, templates) so the baseline is not the first request.
        phase("warm-up", args.port, 5, 2, 0, False, ids, plans, cookie, tokens)
        alone = phase(
            "baseline: one reader alone", args.port, args.baseline_seconds, 1, 0, False, ids, plans, cookie, tokens
        )
        loaded = phase(
            f"{args.readers} readers and {args.writers} writers",
            args.port,
            args.seconds,
            args.readers,
            args.writers,
            False,
            ids,
            plans,
            cookie,
            tokens,
            assigned,
        )
        attacked = phase(
            f"{args.readers} readers and {args.writers} writers, with the attacks",
            args.port,
            args.seconds,
            args.readers,
            args.writers,
            True,
            ids,
            plans,
            cookie,
            tokens,
            assigned,
        )
        base = percentile(alone.times, 0.95)
        print(
            f"\nreaders' p95: alone {1000 * base:.0f} ms; under load {1000 * percentile(loaded.times, 0.95):.0f} ms"
            f" ({percentile(loaded.times, 0.95) / base:.1f}x); with the attacks "
            f"{1000 * percentile(attacked.times, 0.95):.0f} ms ({percentile(attacked.times, 0.95) / base:.1f}x)"
            f" — goal: at most 10x"
        )
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.seek(0)
        errors = log.read().decode(errors="replace")
        tracebacks = errors.count("Traceback")
        print(f"server log: {tracebacks} traceback(s)")
        # The first three, each with the log line before it (the request) and its last lines.
        parts = errors.split("Traceback")
        for before, block in list(zip(parts, parts[1:], strict=False))[:3]:
            request = (before.rstrip().splitlines() or [""])[-1]
            lines = ("Traceback" + block).rstrip().splitlines()
            print("\n".join("  " + line for line in [request, *lines[:1], "  …", *lines[-30:]]))


if __name__ == "__main__":
    main()
