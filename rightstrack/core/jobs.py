"""Long work in the background: a queue kept in the database, a worker, a page per job.

Each app registers the kinds of job it runs (``register``) from its ``AppConfig.ready``,
so this foundation module never imports a domain app. ``start`` records a ``Job`` and
queues it with Django's tasks API (the ``django_tasks_db`` backend: the queue is a table,
no broker to install); ``rightstrack worker`` (started by ``rightstrack serve``) runs it.

While a job runs it reports progress through ``Progress``, which writes to a file cache
rather than to the database: an import holds SQLite's single write lock for its whole
transaction, so the job's own row could not be updated until the end.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.core.cache import caches
from django.db import close_old_connections, connection, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from rightstrack.core.errors import RightstrackError
from rightstrack.core.models import Job, JobState
from rightstrack.core.permissions import can, require

log = logging.getLogger(__name__)

# After this long without a worker taking a queued job, its page says the worker is missing.
WORKER_WAIT_SECONDS = 20
# A failed job keeps this many of its errors (an import may have one per row).
ERRORS_KEPT = 500


@dataclass(frozen=True)
class Kind:
    """A kind of job: ``run(job, progress)`` does the work and returns the job's result
    (a JSON-friendly dict); ``label`` names it for people; ``startable`` kinds get a
    button on the jobs page (they need no parameters). A finished job's page includes
    ``template`` with ``context(job)``, when the kind gives them."""

    name: str
    label: object
    run: Callable
    startable: bool = False
    description: object = ""
    template: str = ""
    context: Callable | None = None
    failed_note: object = ""  # what a failure means for the data ("nothing was imported")


KINDS: dict[str, Kind] = {}


def register(
    name: str,
    run: Callable,
    label,
    *,
    startable: bool = False,
    description="",
    template: str = "",
    context: Callable | None = None,
    failed_note="",
) -> None:
    KINDS[name] = Kind(name, label, run, startable, description, template, context, failed_note)


class Progress:
    """What a running job tells its page: a stage, counts, lines. Throttled so that a
    callback per record costs nothing; ``say`` lines are kept in the job at the end."""

    def __init__(self, job: Job, every: float = 0.5):
        self.job, self.every = job, every
        self.stage, self.done, self.total = "", 0, None
        self.lines: list[str] = []
        self._last = 0.0

    def begin(self, stage: str, total: int | None = None) -> None:
        self.stage, self.done, self.total = stage, 0, total
        self._flush()

    def advance(self, n: int = 1) -> None:
        self.done += n
        if time.monotonic() - self._last >= self.every:
            self._flush()

    def say(self, line: str) -> None:
        self.lines.append(line)
        self._flush()

    def _flush(self) -> None:
        self._last = time.monotonic()
        caches["jobs"].set(
            _key(self.job.pk), {"stage": self.stage, "done": self.done, "total": self.total, "lines": self.lines[-50:]}
        )


def _key(pk: int) -> str:
    return f"job-{pk}"


def start(kind: str, user, *, title: str = "", params: dict | None = None) -> Job:
    """Record a job and queue it; returns at once (the worker runs it)."""
    if kind not in KINDS:
        raise RightstrackError(f"unknown kind of job: {kind!r}")
    if user is not None:
        require(user, "core.start_jobs", refused=_("background work is started by NMRF staff"))
    job = Job.objects.create(
        kind=kind,
        title=title or str(KINDS[kind].label),
        user=user,
        params=params or {},
        language=translation.get_language() or "",
    )
    run_job.enqueue(job.pk)
    return job


def execute(job: Job) -> Job:
    """Run one job now, in this process (the worker calls this; so can tests)."""
    kind = KINDS.get(job.kind)
    job.state, job.started_at = JobState.RUNNING, timezone.now()
    job.save(update_fields=["state", "started_at"])
    progress = Progress(job)
    try:
        if kind is None:
            raise RightstrackError(f"unknown kind of job: {job.kind!r}")
        with translation.override(job.language or None):
            job.result = kind.run(job, progress) or {}
        job.state = JobState.DONE
    except RightstrackError as exc:
        job.state, job.errors = JobState.FAILED, _kept(getattr(exc, "errors", None) or [str(exc)])
    except Exception as exc:  # the page must say it failed, whatever happened
        log.exception("job %s (%s) failed", job.pk, job.kind)
        job.state, job.errors = JobState.FAILED, [_("Unexpected error: %(error)s") % {"error": exc}]
    job.messages = progress.lines
    job.finished_at = timezone.now()
    if not connection.in_atomic_block:  # (a test's transaction: the connection must stay)
        close_old_connections()  # a failed job may leave a broken connection behind
    job.save(update_fields=["state", "result", "errors", "messages", "finished_at"])
    caches["jobs"].delete(_key(job.pk))
    return job


def _kept(errors: list[str]) -> list[str]:
    if len(errors) <= ERRORS_KEPT:
        return list(errors)
    return [*errors[:ERRORS_KEPT], _("… and %(n)d more errors") % {"n": len(errors) - ERRORS_KEPT}]


@task()
def run_job(job_id: int) -> None:
    """The queued task: run the job if nobody has (a retried task finds it done)."""
    job = Job.objects.filter(pk=job_id, state=JobState.QUEUED).first()
    if job is not None:
        execute(job)


def fail_interrupted() -> int:
    """Jobs left running by a worker that was stopped or killed: failed, saying so (an
    import rolled back with it). Called when the one worker starts."""
    return Job.objects.filter(state=JobState.RUNNING).update(
        state=JobState.FAILED,
        finished_at=timezone.now(),
        errors=[_("Interrupted: the server or its worker stopped while this ran. Start it again.")],
    )


def status(job: Job) -> dict:
    """The job as its page shows it: state, stage, counts, lines, and whether the worker
    seems to be missing."""
    live = caches["jobs"].get(_key(job.pk)) if job.state == JobState.RUNNING else None
    live = live or {}
    waiting = (timezone.now() - job.created_at).total_seconds()
    return {
        "stage": live.get("stage", ""),
        "done": live.get("done", 0),
        "total": live.get("total"),
        "lines": live.get("lines") if live else job.messages,
        "no_worker": job.state == JobState.QUEUED and waiting > WORKER_WAIT_SECONDS,
    }


def visible_to(user):
    """The jobs this person may follow: NMRF staff see all, others their own."""
    jobs = Job.objects.select_related("user")
    return jobs if can(user, "core.follow_all_jobs") else jobs.filter(user=user)


def worker(*, once: bool = False, interval: float = 1.0):
    """The library's database worker over every queue; ``once`` runs what is queued and
    returns (tests, ``rightstrack worker --once``)."""
    from django.utils.crypto import get_random_string
    from django_tasks_db.management.commands.db_worker import Worker

    return Worker(
        queue_names=["*"],
        interval=interval,
        batch=once,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=get_random_string(32),
        excluded_queue_names=[],
    )


def run_queued() -> int:
    """Run every queued job in this process, oldest first, then return how many ran
    (tests). Unlike the worker's loop it never closes the database connection, so it
    also runs inside a test's transaction."""
    from django_tasks_db.models import DBTaskResult

    runner, ran = worker(once=True, interval=0), 0
    while True:
        with transaction.atomic():
            result = DBTaskResult.objects.ready().filter(backend_name="default").get_locked()
            if result is None:
                return ran
            result.claim(runner.worker_id)
        runner.run_task(result)
        ran += 1
