"""A time budget for each web request: no page or API call holds a server thread and the
database for minutes.

The server has a few threads (six); a request that runs for a minute takes one of them
from everybody else for that minute, and six such requests stop the site (six anonymous
searches of 2,000 words once held every thread for 104 s). Each request therefore gets
``RIGHTSTRACK_REQUEST_SECONDS`` (15 s by default, far above the slowest normal page)
for its database work:

- SQLite: a progress handler, called every few thousand steps of the database engine,
  interrupts the running statement once the budget is spent;
- PostgreSQL: the session's ``statement_timeout`` is set to what is left of the budget
  at the request's first query, and reset when the request ends;
- before every query, a request past its budget stops.

Either way the request ends with ``RequestTooLong``: a 503 that says what happened and
what to do (narrow the search), never a 500, and the thread is free again. Work that is
long by nature (a Word or PDF report of thousands of recommendations) asks for more with
``allow(seconds)``; the command line, the background worker and imports have no budget.
Long computations outside the database (the search's ranking) call ``check()``.
"""

from __future__ import annotations

import threading
import time
from contextlib import contextmanager

from django.conf import settings
from django.db import connection
from django.db.utils import OperationalError
from django.http import HttpResponse
from django.utils.translation import gettext as _

from rightstrack.core.errors import RightstrackError
from rightstrack.core.web import refusal

# How many SQLite virtual-machine steps between two looks at the clock: about a
# millisecond of work, so the look costs nothing and the interruption comes on time.
_SQLITE_STEPS = 20_000
_state = threading.local()
_ENDINGS = ("ROLLBACK", "RELEASE")  # statements that close what another began


class RequestTooLong(RightstrackError):
    """The request used its time budget; the message says so in the reader's language."""

    def __init__(self):
        super().__init__(
            _(
                "This request took too long and was stopped (more than %(seconds)d seconds). "
                "Narrow it down (fewer words, a country, a cycle, a mechanism) and try again."
            )
            % {"seconds": round(seconds())}
        )


def seconds() -> float:
    """The budget of a web request, in seconds (``RIGHTSTRACK_REQUEST_SECONDS``)."""
    return float(getattr(settings, "RIGHTSTRACK_REQUEST_SECONDS", 15))


def _deadline() -> float | None:
    return getattr(_state, "deadline", None)


def remaining() -> float | None:
    """Seconds left to the running request (None outside a request: no budget)."""
    deadline = _deadline()
    return None if deadline is None else deadline - time.monotonic()


def check() -> None:
    """Raise ``RequestTooLong`` if the running request has spent its budget."""
    left = remaining()
    if left is not None and left <= 0:
        raise RequestTooLong


def allow(more: float) -> None:
    """Give the running request at least ``more`` seconds from now (long documents)."""
    deadline = _deadline()
    if deadline is not None:
        _state.deadline = max(deadline, time.monotonic() + more)
        _state.timeout_set = False  # PostgreSQL: set again at the next query


def _interrupt() -> int:
    # SQLite's progress handler: a true value aborts the statement ("interrupted").
    deadline = _deadline()
    return int(deadline is not None and time.monotonic() > deadline)


def _guard(execute, sql, params, many, context):
    """Django's execute wrapper: stop before a query once the budget is spent, and give
    the database what is left of it."""
    left = remaining()
    if left is None:
        return execute(sql, params, many, context)
    if sql.lstrip()[:8].upper().startswith(_ENDINGS):
        # Undoing what a stopped statement began must never be stopped itself.
        saved, _state.deadline = _state.deadline, None
        try:
            return execute(sql, params, many, context)
        finally:
            _state.deadline = saved
    if left <= 0:
        raise RequestTooLong
    db = context["connection"]
    if db.vendor == "postgresql" and not getattr(_state, "timeout_set", False):
        _state.timeout_set = True
        with db.connection.cursor() as cursor:
            cursor.execute(f"SET statement_timeout = {max(1, int(left * 1000))}")
    try:
        return execute(sql, params, many, context)
    except OperationalError as exc:
        if _stopped(exc):
            raise RequestTooLong from exc
        raise


def _stopped(exc: Exception) -> bool:
    """Whether a database error is the budget's doing: the statement was interrupted
    (SQLite) or cancelled (PostgreSQL) as the budget ran out."""
    cause = exc.__cause__ or exc
    cancelled = "interrupted" in str(cause) or type(cause).__name__ == "QueryCanceled"
    return cancelled and (remaining() or 0) <= 0.05


@contextmanager
def limit(budget: float):
    """Run the block with a time budget of ``budget`` seconds (what the middleware does
    for each request; tests use it directly)."""
    outer = (_deadline(), getattr(_state, "timeout_set", False))
    _state.deadline, _state.timeout_set = time.monotonic() + budget, False
    sqlite = connection.vendor == "sqlite"
    if sqlite:
        connection.ensure_connection()
        connection.connection.set_progress_handler(_interrupt, _SQLITE_STEPS)
    try:
        with connection.execute_wrapper(_guard):
            yield
    finally:
        was_set = getattr(_state, "timeout_set", False)
        _state.deadline, _state.timeout_set = outer
        if sqlite and connection.connection is not None:
            connection.connection.set_progress_handler(None, 0)
        elif was_set and connection.connection is not None:
            _reset_timeout()


def _reset_timeout() -> None:
    # Back to the session's own setting (none, or one a DATABASE_URL option gave).
    try:
        with connection.connection.cursor() as cursor:
            cursor.execute("RESET statement_timeout")
    except Exception:  # an aborted transaction or a closed connection: it goes with them
        connection.close_if_unusable_or_obsolete()


def answer(request) -> HttpResponse:
    """The 503 of a request past its budget: JSON for the API, a page for people (drawn
    without a budget: it reads the session and the user like any page)."""
    saved, _state.deadline = _deadline(), None
    try:
        response = refusal(request, str(RequestTooLong()), 503, "core/too_long.html")
    finally:
        _state.deadline = saved
    response["Retry-After"] = "10"
    return response


class RequestBudget:
    """Middleware: every request runs under ``limit(seconds())``; a view stopped by its
    budget (``RequestTooLong``, or a database error the budget caused while rows were
    being read) is answered by ``answer`` (a 503)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with limit(seconds()):
            return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, RequestTooLong) or (isinstance(exception, OperationalError) and _stopped(exception)):
            return answer(request)
        return None
