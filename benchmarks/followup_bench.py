"""Speed of the follow-up pages' reads on a large, synthetic follow-up.

Usage (from the repository root), on a fresh data directory:
    export RIGHTSTRACK_HOME=$(mktemp -d); .venv/bin/rightstrack init
    .venv/bin/python benchmarks/followup_bench.py [--n 250000] [--scope 0.5] [--runs 5]
(with DATABASE_URL set, the same on PostgreSQL; the database must be empty of
recommendations the first time, which the script fills.)

Builds, once, ``--n`` synthetic recommendations (mechanisms, States, cycles, two themes
and an SDG goal each) written in bulk, then a follow-up of a ``--scope`` share of them:
20 entities, one plan with 40 clusters, a lead entity for each, statuses for two in three,
400 actions (a quarter overdue). The texts are synthetic: only the shape and the
numbers matter here. Then prints, median and max of ``--runs`` runs, milliseconds for:
the dashboard's reads signed in and anonymous, the overdue list's first page, the
recommendation list's first page filtered by status and entity, the action list's first
page, and the whole dashboard page through the test client.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rightstrack.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth.models import AnonymousUser  # noqa: E402
from django.db import connection, transaction  # noqa: E402

from rightstrack.accounts.choices import Role  # noqa: E402
from rightstrack.accounts.models import Entity, Profile  # noqa: E402
from rightstrack.planning.choices import Status  # noqa: E402
from rightstrack.planning.models import Action, Cluster, Plan, Responsibility  # noqa: E402
from rightstrack.progress.models import Tracking  # noqa: E402
from rightstrack.recommendations.models import Recommendation, TagAssignment  # noqa: E402
from rightstrack.reference.models import Mechanism, State, Term, UPRSession  # noqa: E402

BATCH = 5000


def build(n: int, scope: float, seed: int = 7) -> None:
    """The synthetic recommendations and their follow-up (see the module docstring)."""
    rng = random.Random(seed)
    mechanisms = list(Mechanism.objects.filter(code__in=["UPR", "CCPR", "CESCR", "CEDAW", "CRC", "CAT"]))
    states = list(State.objects.all()[:150])
    sessions = list(UPRSession.objects.all())
    themes = list(Term.objects.filter(taxonomy__slug="uhri-themes")[:60])
    goals = list(Term.objects.filter(taxonomy__slug="sdg-goals"))
    started = time.perf_counter()
    with transaction.atomic():
        for start in range(0, n, BATCH):
            rows = []
            for i in range(start, min(n, start + BATCH)):
                mechanism = rng.choice(mechanisms)
                session = rng.choice(sessions) if mechanism.code == "UPR" else None
                rows.append(
                    Recommendation(
                        mechanism=mechanism,
                        state=rng.choice(states),
                        upr_session=session,
                        cycle=session.cycle if session else None,
                        paragraph=str(i),
                        is_published=rng.random() < 0.9,
                        text=f"Synthetic recommendation {i} on {rng.choice(themes).label}",
                        text_key=f"s{i}",
                    )
                )
            made = Recommendation.objects.bulk_create(rows)
            TagAssignment.objects.bulk_create(
                [
                    TagAssignment(recommendation=r, term=t, origin="imported")
                    for r in made
                    for t in {rng.choice(themes), rng.choice(themes), rng.choice(goals)}
                ],
                ignore_conflicts=True,
            )
        _follow_up(rng, scope)
    print(f"built {n:,} recommendations and their follow-up in {time.perf_counter() - started:.0f} s")


def _follow_up(rng: random.Random, scope: float) -> None:
    ids = list(Recommendation.objects.values_list("pk", flat=True))
    chosen = rng.sample(ids, int(len(ids) * scope))
    entities = [Entity.objects.create(name=f"Ministry {k}") for k in range(20)]
    plan = Plan.objects.create(title="Benchmark plan", is_published=True)
    clusters = [Cluster.objects.create(plan=plan, title=f"Cluster {k}") for k in range(40)]
    through = Cluster.recommendations.through
    for start in range(0, len(chosen), BATCH):
        part = chosen[start : start + BATCH]
        through.objects.bulk_create([through(cluster=rng.choice(clusters), recommendation_id=pk) for pk in part])
        Responsibility.objects.bulk_create(
            [Responsibility(recommendation_id=pk, entity=rng.choice(entities), lead=True) for pk in part]
        )
        Tracking.objects.bulk_create(
            [Tracking(recommendation_id=pk, status=rng.choice(list(Status))) for pk in part if rng.random() < 2 / 3]
        )
    today = dt.date.today()
    Action.objects.bulk_create(
        [
            Action(
                plan=plan,
                cluster=rng.choice(clusters),
                entity=rng.choice(entities),
                title=f"Action {k}",
                due=today + dt.timedelta(days=rng.randint(-200, 600)),
            )
            for k in range(400)
        ]
    )


def timed(label: str, run, runs: int) -> None:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        run()
        times.append((time.perf_counter() - started) * 1000)
    print(f"{label:<58} median {statistics.median(times):7.0f} ms   max {max(times):7.0f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=250_000, help="recommendations to build (first run only)")
    parser.add_argument("--scope", type=float, default=0.5, help="share of them followed up")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    if not Recommendation.objects.exists():
        build(args.n, args.scope)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
    _measure(args.runs)


def _measure(runs: int) -> None:
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client

    from rightstrack.dashboard.selectors import dashboard
    from rightstrack.planning.selectors import overdue
    from rightstrack.recommendations.filtersets import list_filterset

    settings.ALLOWED_HOSTS = ["*"]
    staff, _made = get_user_model().objects.get_or_create(username="bench-staff")
    Profile.objects.get_or_create(user=staff, defaults={"role": Role.NMRF_STAFF})
    entity = Entity.objects.order_by("pk").first()
    total = Recommendation.objects.count()
    followed = Responsibility.objects.count()
    print(f"{connection.vendor}: {total:,} recommendations, {followed:,} followed up, {Action.objects.count()} actions")
    anonymous = AnonymousUser()
    timed("dashboard reads, NMRF staff", lambda: dashboard(staff), runs)
    timed("dashboard reads, anonymous", lambda: dashboard(anonymous), runs)
    timed("overdue list, first page (50)", lambda: list(overdue(staff)[:50]), runs)
    params = {"status": ["not_started", "in_progress"], "entity": str(entity.pk)}
    timed(
        "recommendations by status and entity: count + first 25",
        lambda: _page(list_filterset().for_user(params, staff).qs),
        runs,
    )
    client = Client()
    client.force_login(staff)
    timed("dashboard page (test client, NMRF staff)", lambda: client.get("/dashboard/"), runs)
    timed("action list page (test client)", lambda: client.get("/plans/actions/"), runs)


def _page(queryset) -> None:
    queryset.count()
    list(queryset.order_by("pk")[:25])


if __name__ == "__main__":
    main()
