"""Search, similar-to-one, dedupe and memory figures on a 250,000-recommendation database.

Usage (from the repository root):
    .venv/bin/python benchmarks/search_bench.py [--records 250000] [--rebuild]
        [--database-url postgres://postgres@127.0.0.1:5432/rightstrack_search_bench] [--skip-dedupe]

The database is built once per (engine, size) under --cache (default
/tmp/rightstrack-search-bench) and reused: benchmarks/varied_uhri_export.py writes a
UHRI-layout export of N records from the real data in ../shared/data (texts varied so that
few are exact copies of another), ``rightstrack init``, ``rightstrack import`` of it (the
import's own vector step switched off so that the two costs are timed apart) and
``rightstrack reindex --vectors-only``. Build times are kept in build.json and printed again
on reuse. --rebuild starts over (on PostgreSQL: drops and recreates the database).

Then, in this process: the first-use loads (snapshot, vectors, embedding model, reported
apart and left out of the percentiles), keyword search with facets over a fixed list of
user-like queries, the bare FTS engine as a baseline, hybrid search, similar-to-one for
random recommendations, the full dedupe with a bare blocked-matmul baseline, and memory.
Each figure has its baseline next to it, so our own overhead is visible.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import shlex
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlparse, urlunparse

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
CACHE = Path(tempfile.gettempdir()) / "rightstrack-search-bench"
SEED = 1234

# Targets from the search app's brief.
TARGETS = {"keyword_p95_ms": 50, "hybrid_p95_ms": 150, "similar_p95_ms": 100, "dedupe_min": 30, "rss_mb": 1536}

# What users type: single words, a few words, phrases, prefixes, OR / NOT, French and
# Spanish, some with a State or mechanism filter. (params, label)
WORDS = [
    "torture",
    "trafficking",
    "corruption",
    "refugees",
    "migrants",
    "journalists",
    "disability",
    "education",
    "roma",
    "impunity",
    "detention",
    "asylum",
    "poverty",
    "housing",
    "water",
    "sanitation",
    "LGBTI",
    "ombudsman",
    "juvenile",
    "prisons",
    "elections",
    "indigenous",
    "minorities",
    "statelessness",
    "HIV",
    "femicide",
    "censorship",
    "landmines",
    "apartheid",
    "xenophobia",
]
PHRASES = [
    "domestic violence",
    "death penalty",
    "birth registration",
    "freedom of expression",
    "child marriage",
    "human rights defenders",
    "national human rights institution",
    "Paris Principles",
    "female genital mutilation",
    "persons with disabilities",
    "enforced disappearance",
    "Optional Protocol to the Convention against Torture",
    "standing invitation",
    "hate speech",
    "gender equality",
    "juvenile justice",
    "corporal punishment",
    "sexual orientation",
    "rule of law",
    "access to justice",
]
FEW_WORDS = [
    "violence against women",
    "ratify convention",
    "prison conditions",
    "police brutality",
    "trafficking women children",
    "education girls rural",
    "health care access",
    "freedom of assembly",
    "independence judiciary",
    "child labour",
    "migrant workers rights",
    "disability inclusive education",
    "minimum age marriage",
    "domestic workers",
    "climate change",
    "anti-corruption commission",
    "torture investigation prosecution",
    "press freedom journalists",
    "land rights indigenous",
    "refugee children",
]
BOOLEAN = [
    "roma OR sinti",
    "torture NOT police",
    "(child OR children) AND marriage",
    "migrants OR refugees",
    "death penalty NOT moratorium",
    "women -violence",
    'journalists OR "human rights defenders"',
    "trafficking NOT labour",
    "prison OR detention",
    'LGBTI OR "sexual orientation"',
]
PREFIX = [
    "discrimin*",
    "ratif*",
    "traffick*",
    "journalis*",
    "disab*",
    "educat*",
    "indigen*",
    "migra*",
    "tortur*",
    "vulnerab*",
]
FOREIGN = [
    "violence domestique",
    "droits de l'enfant",
    "peine de mort",
    "liberté d'expression",
    "traite des personnes",
    "violencia de género",
    "pueblos indígenas",
    "trata de personas",
    "personas con discapacidad",
    "derechos humanos",
]
FILTERED = [
    ("torture", {"country": "NGA"}),
    ("education", {"country": "IND"}),
    ('"death penalty"', {"country": "USA"}),
    ("women", {"country": "FRA"}),
    ("migrants", {"country": "ITA"}),
    ("children", {"mechanism": "CRC"}),
    ("torture", {"mechanism": "CAT"}),
    ("discrimin*", {"mechanism": "CERD"}),
    ("violence", {"mechanism": "UPR"}),
    ("housing", {"mechanism": "CESCR"}),
    ("ratify", {"country": "BRA", "mechanism": "UPR"}),
    ('"domestic violence"', {"country": "ESP"}),
    ("roma", {"country": "SVN"}),
    ("indigenous", {"country": "CAN"}),
    ("journalists", {"country": "MEX"}),
]


def query_list() -> list[tuple[dict, str]]:
    queries = [({"q": w}, "word") for w in WORDS]
    queries += [({"q": f'"{p}"'}, "phrase") for p in PHRASES]
    queries += [({"q": w}, "words") for w in FEW_WORDS]
    queries += [({"q": b}, "boolean") for b in BOOLEAN]
    queries += [({"q": p}, "prefix") for p in PREFIX]
    queries += [({"q": f}, "fr/es") for f in FOREIGN]
    queries += [({"q": text, **{k: [v] for k, v in filters.items()}}, "filtered") for text, filters in FILTERED]
    return queries


# --- small helpers ------------------------------------------------------------------


def rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def pct(values, q) -> float:
    return float(np.percentile(np.asarray(values, dtype=float), q)) if len(values) else float("nan")


def stats_ms(seconds: list[float]) -> dict:
    ms = [s * 1000 for s in seconds]
    return {"n": len(ms), "p50": pct(ms, 50), "p95": pct(ms, 95), "max": max(ms) if ms else float("nan")}


def fmt(s: dict) -> str:
    return f"p50 {s['p50']:7.1f} ms  p95 {s['p95']:7.1f} ms  max {s['max']:7.1f} ms  (n={s['n']})"


def timed(fn, *args, **kwargs):
    start = time.perf_counter()
    value = fn(*args, **kwargs)
    return time.perf_counter() - start, value


def machine_info() -> list[str]:
    cpu = "?"
    try:
        with open("/proc/cpuinfo") as info:
            cpu = next(line.split(":", 1)[1].strip() for line in info if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return [
        f"machine: nproc {os.cpu_count()} (affinity {len(os.sched_getaffinity(0))}), CPU {cpu}, RAM {mem:.1f} GB",
        f"python {platform.python_version()}, numpy {np.__version__}, SQLite {sqlite3.sqlite_version}, "
        f"{platform.platform()}",
        "load average now (1/5/15 min): {:.1f} {:.1f} {:.1f} — other processes share these cores".format(
            *os.getloadavg()
        ),
    ]


# --- building the database ----------------------------------------------------------

_IMPORT_WITHOUT_VECTORS = """
import os, sys
from rightstrack.cli import main
# The same `rightstrack import`, minus its closing vector step (timed apart by reindex).
main(["import", "--no-vectors", *sys.argv[1:]])
"""

_COPY_VECTORS = """
import os, sqlite3, sys, django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rightstrack.settings"); django.setup()
from rightstrack.recommendations.models import Recommendation
from rightstrack.search import services
from rightstrack.search.models import Embedding
# The vectors of the same export computed in another bench database (same texts, same
# UHRI ids): embedding 250,000 texts twice would only measure the embedder again.
source = sqlite3.connect(sys.argv[1])
by_uhri = dict(source.execute("SELECT r.uhri_id, e.vector FROM search_embedding e "
                              "JOIN recommendations_recommendation r ON r.id = e.recommendation_id"))
rows = [Embedding(recommendation_id=pk, model="use-multilingual-v3", text_key=key, vector=by_uhri[uhri])
        for pk, uhri, key in Recommendation.objects.values_list("pk", "uhri_id", "text_key") if uhri in by_uhri]
Embedding.objects.bulk_create(rows, batch_size=2000)
services.bump(vectors=True)
print(len(rows))
"""


def _run(args: list[str], env: dict, label: str) -> float:
    print(f"  {label} …", flush=True)
    start = time.perf_counter()
    result = subprocess.run(args, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"failed ({label}): {' '.join(args)}\n{result.stdout[-2000:]}\n{result.stderr[-3000:]}")
    last = (result.stdout.strip().splitlines() or [""])[-1]
    print(f"    {elapsed:.1f} s  {last}", flush=True)
    return elapsed


def _pg_admin(url: str, sql: str) -> None:
    import psycopg

    parts = urlparse(url)
    admin = urlunparse(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(sql)


def _pg_exists(url: str) -> bool:
    import psycopg

    parts = urlparse(url)
    admin = urlunparse(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        return (
            conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [parts.path.lstrip("/")]).fetchone()
            is not None
        )


def build(args, home: Path, env: dict) -> dict:
    """Build (or reuse) the database; returns the build figures."""
    marker = home / "build.json"
    usable = marker.exists() and (not args.database_url or _pg_exists(args.database_url))
    if usable and not args.rebuild:
        figures = json.loads(marker.read_text())
        figures["reused"] = True
        return figures
    if (home / "import.json").exists() and not args.rebuild:  # imported, vectors unfinished
        print(f"resuming the vectors of {home}", flush=True)
        figures = json.loads((home / "import.json").read_text())
        return vectors_step(args, home, env, figures)
    print(f"building the {args.records}-record database in {home}", flush=True)
    if home.exists():
        for name in (
            "rightstrack.sqlite3",
            "rightstrack.sqlite3-wal",
            "rightstrack.sqlite3-shm",
            "build.json",
            "import.json",
        ):
            (home / name).unlink(missing_ok=True)
    home.mkdir(parents=True, exist_ok=True)
    if args.database_url:
        name = urlparse(args.database_url).path.lstrip("/")
        _pg_admin(args.database_url, f'DROP DATABASE IF EXISTS "{name}"')
        _pg_admin(args.database_url, f'CREATE DATABASE "{name}"')
    import varied_uhri_export

    export_dir = args.cache / f"export-{args.records}"
    export = export_dir / "export-full-en.json"
    info_file = export_dir / "export.json"
    if export.exists() and info_file.exists() and not args.rebuild:
        info = json.loads(info_file.read_text())
        print(f"  export reused: {export}", flush=True)
    else:
        print("  generating the varied UHRI-layout export …", flush=True)
        info = varied_uhri_export.write(args.records, export_dir, args.shared)
        info = {k: (str(v) if isinstance(v, Path) else v) for k, v in info.items()}
        info_file.write_text(json.dumps(info))
        print(f"    {info['seconds']:.1f} s", flush=True)
    figures = {"records": args.records, "export": info, "reused": False}
    cli = [sys.executable, "-m", "rightstrack"]
    figures["init_s"] = _run([*cli, "init", "--no-static"], env, "rightstrack init")
    figures["import_s"] = _run(
        [sys.executable, "-c", _IMPORT_WITHOUT_VECTORS, str(export)],
        env,
        f"rightstrack import {export} (its vector step off)",
    )
    (home / "import.json").write_text(json.dumps(figures))
    return vectors_step(args, home, env, figures)


def _embedded_count(env: dict) -> int:
    code = (
        "import os, django; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'rightstrack.settings'); django.setup()\n"
        "from rightstrack.search.models import Embedding; print(Embedding.objects.count())"
    )
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    return int(result.stdout.strip().splitlines()[-1])


def vectors_step(args, home: Path, env: dict, figures: dict) -> dict:
    """``rightstrack reindex --vectors-only``, stopped after --vectors-budget seconds if
    given (each chunk of 512 is its own transaction, so what finished is kept); or, with
    --vectors-from, the vectors copied from another bench database of the same export."""
    if args.vectors_from:
        copied_s = _run(
            [sys.executable, "-c", _COPY_VECTORS, str(args.vectors_from)],
            env,
            f"copy the vectors of {args.vectors_from}",
        )
        figures.update(vectors_copied_from=str(args.vectors_from), vectors_copy_s=copied_s)
    before = _embedded_count(env)
    args_ = [sys.executable, "-m", "rightstrack", "reindex", "--vectors-only"]
    print(
        f"  rightstrack reindex --vectors-only ({before} vectors already there"
        + (f", budget {args.vectors_budget:.0f} s" if args.vectors_budget else "")
        + ") …",
        flush=True,
    )
    start = time.perf_counter()
    child = subprocess.Popen(args_, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        out, err = child.communicate(timeout=args.vectors_budget or None)
        stopped = False
        if child.returncode != 0:
            sys.exit(f"failed: reindex --vectors-only\n{out[-2000:]}\n{err[-3000:]}")
    except subprocess.TimeoutExpired:
        child.terminate()
        child.communicate()
        stopped = True
    elapsed = time.perf_counter() - start
    after = _embedded_count(env)
    figures.update(
        vectors_s=elapsed,
        vectors_computed=after - before,
        vectors_real=after,
        vectors_rate=(after - before) / elapsed if elapsed else 0.0,
        vectors_stopped=stopped,
    )
    print(
        f"    {elapsed:.1f} s, {after - before} vectors computed ({figures['vectors_rate']:.0f} texts/s)"
        + (", stopped at the budget" if stopped else ""),
        flush=True,
    )
    if after == 0:
        sys.exit("no vector was computed within --vectors-budget: run again with a larger budget (it resumes)")
    figures["build_peak_child_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    figures["needs_fill"] = stopped or after < args.records
    if not args.database_url:
        figures["db_size_mb"] = sum(f.stat().st_size for f in home.glob("rightstrack.sqlite3*")) / 1e6
    (home / "build.json").write_text(json.dumps(figures))
    return figures


def fill_missing_vectors(seed: int = SEED) -> tuple[int, float]:
    """BENCHMARK ONLY: give every recommendation still without a vector a synthetic one
    made of real vectors, when the real embedding of all of them does not fit the time
    budget. A text that begins like an embedded one (after a lead-in such as "Continue
    its efforts to") gets that one's vector plus half of another real vector (as "A and
    B" relates to "A"); any other gets the normalised sum of two random real vectors.
    Only the cost of search, similar and dedupe is measured on these, not their quality."""
    import varied_uhri_export
    from django.db import transaction

    from rightstrack.recommendations.models import Recommendation
    from rightstrack.search import embedding, services
    from rightstrack.search.models import Embedding

    start = time.perf_counter()
    missing = set(services.missing_embeddings())
    if not missing:
        return 0, 0.0
    real = {
        pk: np.frombuffer(bytes(blob), dtype=np.float16).astype(np.float32)
        for pk, blob in Embedding.objects.filter(model=embedding.MODEL_NAME)
        .values_list("pk", "vector")
        .iterator(chunk_size=5000)
        if pk not in missing
    }
    if not real:
        sys.exit("no real vector to build synthetic ones from: give --vectors-budget more time")

    def key(text: str) -> str:
        match = varied_uhri_export.LEAD_RE.match(text)
        if match:
            text = text[match.end(1) :]
        return " ".join(text.lower().split()[:8])

    rows = list(Recommendation.objects.values_list("pk", "text", "text_key").iterator(chunk_size=10_000))
    by_key = {}
    for pk, text, _k in rows:
        if pk in real:
            by_key.setdefault(key(text), pk)
    rng = np.random.default_rng(seed)
    pool = np.array(sorted(real), dtype=np.int64)
    made, batch = 0, []
    stale = sorted(set(Embedding.objects.values_list("pk", flat=True)) & missing)  # another model or text
    with transaction.atomic():
        for first in range(0, len(stale), 900):
            Embedding.objects.filter(pk__in=stale[first : first + 900]).delete()
        for pk, text, text_key in rows:
            if pk not in missing:
                continue
            base = by_key.get(key(text))
            other = real[int(rng.choice(pool))]
            vector = real[base] + 0.5 * other if base is not None else real[int(rng.choice(pool))] + other
            vector = vector + rng.normal(0, 0.01, size=vector.shape)
            vector /= np.linalg.norm(vector)
            batch.append(
                Embedding(
                    recommendation_id=pk,
                    model=embedding.MODEL_NAME,
                    text_key=text_key,
                    vector=embedding.to_bytes(vector),
                )
            )
            if len(batch) == 2000:
                Embedding.objects.bulk_create(batch, batch_size=500)
                made, batch = made + len(batch), []
        Embedding.objects.bulk_create(batch, batch_size=500)
        made += len(batch)
        services.bump(vectors=True)
    return made, time.perf_counter() - start


# --- measurements -------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=250_000)
    parser.add_argument("--cache", type=Path, default=CACHE)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--database-url", help="PostgreSQL: postgres://user@host:port/<bench database to create/drop>")
    parser.add_argument("--rebuild", action="store_true", help="build the database again")
    parser.add_argument("--build-only", action="store_true")
    parser.add_argument(
        "--vectors-budget",
        type=float,
        default=0,
        help="stop `reindex --vectors-only` after this many seconds and give the rest synthetic "
        "vectors made of real ones (benchmark only; 0: compute them all)",
    )
    parser.add_argument(
        "--vectors-from",
        type=Path,
        metavar="SQLITE",
        help="copy the vectors of a SQLite bench database built from the same export",
    )
    parser.add_argument("--similar", type=int, default=200, help="random recommendations for similar-to-one")
    parser.add_argument("--skip-dedupe", action="store_true")
    parser.add_argument("--drop", action="store_true", help="PostgreSQL: drop the bench database at the end")
    args = parser.parse_args()
    command = " ".join(shlex.quote(a) for a in [sys.executable, *sys.argv])
    engine_name = "postgresql" if args.database_url else "sqlite"
    home = args.cache / f"{engine_name}-{args.records}"
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"} | {"RIGHTSTRACK_HOME": str(home)}
    if args.database_url:
        env["DATABASE_URL"] = args.database_url
    print(f"rightstrack search benchmark — {engine_name}, {args.records} recommendations")
    for line in machine_info():
        print(line)
    build_figures = build(args, home, env)
    export = build_figures["export"]
    print(
        f"build ({'reused from ' + str(home / 'build.json') if build_figures['reused'] else 'this run'}): "
        f"export {export['seconds']:.1f} s, init {build_figures['init_s']:.1f} s, "
        f"import {build_figures['import_s']:.1f} s ({args.records / build_figures['import_s']:.0f} rec/s), "
        f"reindex --vectors-only {build_figures['vectors_s']:.1f} s "
        f"for {build_figures.get('vectors_computed', args.records)}"
        f" vectors ({build_figures.get('vectors_rate', args.records / build_figures['vectors_s']):.0f} texts/s"
        f"{', stopped at the --vectors-budget' if build_figures.get('vectors_stopped') else ''})"
        + (f", database {build_figures['db_size_mb']:.0f} MB" if "db_size_mb" in build_figures else "")
    )
    print(
        f"texts: pools of {export['pool_upr']} UPR + {export['pool_other']} treaty-body texts; records whose text "
        f"is an exact duplicate of another's: {export['duplicate_share']:.2%} "
        f"(make_uhri_export.py without variation: {export['original_duplicate_share']:.2%})"
    )
    if build_figures.get("vectors_copied_from"):
        print(
            f"vectors: copied from {build_figures['vectors_copied_from']} in {build_figures['vectors_copy_s']:.1f} s "
            "(the same export, embedded there)"
        )
    if args.build_only:
        return

    os.environ.update({k: v for k, v in env.items() if k in ("RIGHTSTRACK_HOME", "DATABASE_URL")})
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rightstrack.settings")
    import django

    django.setup()
    from django.db import connection

    from rightstrack.core.permissions import OPERATOR
    from rightstrack.recommendations.models import Recommendation
    from rightstrack.search import embedding, engine, selectors, services, snapshot
    from rightstrack.search import query as q
    from rightstrack.search.repeats import REPEAT_THRESHOLD

    table: list[tuple[str, str, str, str]] = []  # (measure, figure, baseline, target)
    if build_figures.get("needs_fill"):
        made, fill_s = fill_missing_vectors()
        build_figures.update(needs_fill=False, vectors_synthetic=made, fill_s=fill_s)
        (home / "build.json").write_text(json.dumps({k: v for k, v in build_figures.items() if k != "reused"}))
        print(f"synthetic vectors (benchmark only, see fill_missing_vectors): {made} written in {fill_s:.1f} s")
    if build_figures.get("vectors_synthetic"):
        print(
            f"VECTORS: {build_figures['vectors_real']} real (rightstrack reindex --vectors-only, "
            f"{build_figures['vectors_rate']:.0f} texts/s here), {build_figures['vectors_synthetic']} synthetic "
            f"made of real ones because embedding all would take "
            f"{args.records / max(build_figures['vectors_rate'], 1e-9) / 60:.0f} min at that rate; "
            f"costs are measured on the full 512-dim matrix, semantic quality is not"
        )
    total = Recommendation.objects.count()
    rec_table = Recommendation._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT COALESCE(SUM(c), 0), COUNT(*) FROM (SELECT COUNT(*) AS c FROM {rec_table} "
            f"GROUP BY text HAVING COUNT(*) > 1) AS d"
        )
        dup_records, dup_texts = cursor.fetchone()
    if engine_name == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            print(f"PostgreSQL {cursor.fetchone()[0]}")
    print(
        f"database: {total} recommendations; in the database, {dup_records} ({dup_records / max(total, 1):.2%}) "
        f"have a text that another has exactly ({dup_texts} such texts)"
    )

    # -- first use: the per-process caches, reported apart ---------------------------
    rss0 = rss_mb()
    snap_s, snap = timed(snapshot.current)
    rss1 = rss_mb()
    vec_s, vectors = timed(snapshot.current_vectors)
    rss2 = rss_mb()
    peak_after_load = peak_mb()
    model_s, _ = timed(embedding.embed_query, "warm up")
    rss3 = rss_mb()
    first_s, _ = timed(selectors.search, OPERATOR, {"q": "education"}, mode="keyword", limit=20)
    print(
        f"first use: snapshot {snap_s:.2f} s (+{rss1 - rss0:.0f} MB), vectors {vec_s:.2f} s "
        f"({len(vectors.ids)} × {vectors.matrix.shape[1]}, +{rss2 - rss1:.0f} MB), embedding model {model_s:.2f} s "
        f"(+{rss3 - rss2:.0f} MB), first keyword query after them {first_s * 1000:.0f} ms; "
        f"RSS {rss0:.0f} → {rss2:.0f} MB, peak during the loads {peak_after_load:.0f} MB"
    )
    table.append(("first use: snapshot + vectors load", f"{snap_s + vec_s:.1f} s", f"model load {model_s:.1f} s", ""))
    table.append(("RSS growth snapshot + vectors", f"{rss2 - rss0:.0f} MB", f"peak {peak_after_load:.0f} MB", ""))

    # -- keyword search with facets ---------------------------------------------------
    queries = query_list()
    rng = random.Random(SEED)
    order = list(range(len(queries)))
    rng.shuffle(order)
    kw_times, kw_totals, match_times, raw_times = [], [], [], []
    slowest = []
    if engine_name == "postgresql":
        raw_sql = (
            "SELECT recommendation_id FROM search_searchentry, CAST(%s AS tsquery) AS query "
            "WHERE tsv @@ query ORDER BY ts_rank(tsv, query) DESC LIMIT 20"
        )
    else:
        raw_sql = "SELECT rowid FROM search_fts WHERE search_fts MATCH %s ORDER BY rank LIMIT 20"
    for i in order:
        params, _kind = queries[i]
        elapsed, result = timed(selectors.search, OPERATOR, params, mode="keyword", limit=20)
        kw_times.append(elapsed)
        kw_totals.append(result.total)
        slowest.append((elapsed, params, result.total))
        compiled = engine.compile_query(q.parse(params["q"]))
        with connection.cursor() as cursor:
            start = time.perf_counter()
            cursor.execute(raw_sql, [compiled])
            cursor.fetchall()
            raw_times.append(time.perf_counter() - start)
        match_times.append(timed(engine.match, q.parse(params["q"]))[0])
    kw, raw, allm = stats_ms(kw_times), stats_ms(raw_times), stats_ms(match_times)
    print(f"\nkeyword + facets, {len(queries)} queries (selectors.search, limit 20):")
    print(f"  search()                       {fmt(kw)}")
    print(f"  baseline: bare FTS top 20      {fmt(raw)}")
    print(f"  engine.match (all hits+score)  {fmt(allm)}")
    totals = np.asarray(kw_totals)
    buckets = [(0, 0), (1, 100), (101, 1000), (1001, 10_000), (10_001, 100_000), (100_001, 10**9)]
    spread = ", ".join(
        f"{lo}-{hi if hi < 10**9 else '…'}: {int(((totals >= lo) & (totals <= hi)).sum())}" for lo, hi in buckets
    )
    print(
        f"  matches per query: min {totals.min()}, p50 {pct(totals, 50):.0f}, p90 {pct(totals, 90):.0f}, "
        f"max {totals.max()}; queries by matches: {spread}"
    )
    print(
        "  slowest: "
        + "; ".join(f"{p!r} {t * 1000:.0f} ms ({n} matches)" for t, p, n in sorted(slowest, key=lambda x: -x[0])[:5])
    )
    table.append(
        (
            "keyword + facets (p50 / p95 / max)",
            f"{kw['p50']:.1f} / {kw['p95']:.1f} / {kw['max']:.1f} ms",
            f"bare FTS {raw['p50']:.1f} / {raw['p95']:.1f} ms",
            f"p95 ≤ {TARGETS['keyword_p95_ms']} ms",
        )
    )

    # -- hybrid --------------------------------------------------------------------
    hy_times, base_times, embed_times = [], [], []
    for i in order:
        params, _kind = queries[i]
        hy_times.append(timed(selectors.search, OPERATOR, params, mode="hybrid", limit=20)[0])
        start = time.perf_counter()
        vector = embedding.embed_query(params["q"])
        middle = time.perf_counter()
        _scores = vectors.matrix @ vector
        base_times.append(time.perf_counter() - start)
        embed_times.append(middle - start)
    hy, hb, he = stats_ms(hy_times), stats_ms(base_times), stats_ms(embed_times)
    matmul = stats_ms([b - e for b, e in zip(base_times, embed_times, strict=False)])
    print(f"\nhybrid, {len(queries)} queries (selectors.search mode=hybrid, with the query embedding):")
    print(f"  search()                       {fmt(hy)}")
    print(f"  baseline: embed + matrix @ v   {fmt(hb)}")
    print(f"    of which embed_query         {fmt(he)}")
    print(f"    of which matrix @ v          {fmt(matmul)}")
    table.append(
        (
            "hybrid (p50 / p95)",
            f"{hy['p50']:.1f} / {hy['p95']:.1f} ms",
            f"embed+matmul {hb['p50']:.1f} / {hb['p95']:.1f} ms",
            f"p95 ≤ {TARGETS['hybrid_p95_ms']} ms",
        )
    )

    # -- similar to one ------------------------------------------------------------
    picks = [
        int(pk) for pk in random.Random(SEED).sample(list(vectors.ids.tolist()), min(args.similar, len(vectors.ids)))
    ]
    sim = {}
    for same_state in (True, False):
        times = []
        for pk in picks:
            times.append(timed(selectors.similar_to, OPERATOR, pk, same_state=same_state)[0])
        sim[same_state] = stats_ms(times)
    country = snap.facets["country"]
    state_rows = {}  # snapshot row indexes of each State, then vector rows
    for code_index in range(len(country.codes)):
        state_rows[code_index] = country.rows[country.cols == code_index]
    row_of_pk = {int(pk): i for i, pk in enumerate(snap.ids.tolist())}
    col_of_row = np.full(len(snap.ids), -1, dtype=np.int64)
    col_of_row[country.rows] = country.cols
    vec_rows = np.searchsorted(vectors.ids, snap.ids)
    full_times, state_times = [], []
    for pk in picks:
        where = int(np.searchsorted(vectors.ids, pk))
        start = time.perf_counter()
        _s = vectors.matrix @ vectors.matrix[where]
        full_times.append(time.perf_counter() - start)
        rows = vec_rows[state_rows.get(int(col_of_row[row_of_pk[pk]]), np.zeros(0, dtype=np.int64))]
        start = time.perf_counter()
        _s = vectors.matrix[rows] @ vectors.matrix[where]
        state_times.append(time.perf_counter() - start)
    full, st = stats_ms(full_times), stats_ms(state_times)
    print(f"\nsimilar_to, {len(picks)} random recommendations (limit 10):")
    print(f"  same_state=True                {fmt(sim[True])}")
    print(f"  same_state=False               {fmt(sim[False])}")
    print(f"  baseline: matrix @ v (all)     {fmt(full)}")
    print(f"  baseline: State rows @ v       {fmt(st)}")
    table.append(
        (
            "similar_to same_state=True",
            f"{sim[True]['p50']:.1f} / {sim[True]['p95']:.1f} ms",
            f"State rows @ v {st['p50']:.2f} / {st['p95']:.2f} ms",
            f"p95 ≤ {TARGETS['similar_p95_ms']} ms",
        )
    )
    table.append(
        (
            "similar_to same_state=False",
            f"{sim[False]['p50']:.1f} / {sim[False]['p95']:.1f} ms",
            f"matrix @ v {full['p50']:.1f} / {full['p95']:.1f} ms",
            f"p95 ≤ {TARGETS['similar_p95_ms']} ms",
        )
    )

    # -- dedupe ----------------------------------------------------------------------
    if not args.skip_dedupe:
        start = time.perf_counter()
        pairs = 0
        for rows in state_rows.values():
            matrix = vectors.matrix[vec_rows[rows]]
            for first in range(0, len(matrix), 2048):
                pairs += int(np.count_nonzero(matrix[first : first + 2048] @ matrix.T >= REPEAT_THRESHOLD))
        base_s = time.perf_counter() - start
        pairs = (pairs - len(vec_rows)) // 2  # without each row with itself, each pair once
        print(f"\ndedupe of all {total} recommendations, {len(state_rows)} States, threshold {REPEAT_THRESHOLD}:")
        print(
            f"  baseline: blocked matrix @ matrix.T per State, no grouping/writes: {base_s:.1f} s, "
            f"{pairs} pairs ≥ threshold",
            flush=True,
        )
        dedupe_s, summary = timed(services.dedupe)
        print(
            f"  services.dedupe()              {dedupe_s:.1f} s ({dedupe_s / 60:.1f} min): {summary.groups} groups, "
            f"{summary.grouped} recommendations grouped, {summary.not_embedded} without a vector"
        )
        table.append(
            (
                "dedupe, all States",
                f"{dedupe_s / 60:.1f} min ({summary.groups} groups)",
                f"bare matmul {base_s:.1f} s",
                f"≤ {TARGETS['dedupe_min']} min",
            )
        )

    peak = peak_mb()
    print(
        f"\nmemory: peak RSS of this process {peak:.0f} MB (ru_maxrss), RSS now {rss_mb():.0f} MB; "
        f"growth from loading snapshot + vectors {rss2 - rss0:.0f} MB"
    )
    table.append(
        ("peak RSS, whole run", f"{peak:.0f} MB", f"after loads {peak_after_load:.0f} MB", f"≤ {TARGETS['rss_mb']} MB")
    )

    widths = [max(len(row[i]) for row in table + [("measure", "figure", "baseline", "target")]) for i in range(4)]
    print(f"\n== summary ({engine_name}, {total} recommendations) ==")
    for row in [("measure", "figure", "baseline", "target"), *table]:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=False)).rstrip())
    print("load average at the end (1/5/15 min): {:.1f} {:.1f} {:.1f}".format(*os.getloadavg()))
    print(f"\ncommand: {command}")
    if args.drop and args.database_url:
        connection.close()
        name = urlparse(args.database_url).path.lstrip("/")
        _pg_admin(args.database_url, f'DROP DATABASE IF EXISTS "{name}"')
        (home / "build.json").unlink(missing_ok=True)
        print(f"dropped database {name}")


if __name__ == "__main__":
    main()
