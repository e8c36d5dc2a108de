import os
import signal
import subprocess
import sys
import threading
import time

from django.db import connections

from rightstrack.core.errors import RightstrackError
from rightstrack.core.limits import MAX_IMPORT_UPLOAD_BYTES
from rightstrack.core.services import pending_migrations
from rightstrack.site.management.base import RightstrackCommand
from rightstrack.site.serving import proxy_options, serve_processes


def default_processes() -> int:
    """Two processes where the system can fork them and there are two cores to run them
    (one Python process runs Python on one core at a time: with twenty people at once, a
    second process nearly doubled the pages served); one on Windows."""
    return 1 if os.name == "nt" else min(2, os.cpu_count() or 1)


class Command(RightstrackCommand):
    help = (
        "Serve rightstrack with a production WSGI server (waitress; gunicorn for several processes) and run "
        "its background jobs."
    )
    example = (
        "rightstrack serve\nrightstrack serve --host 0.0.0.0 --port 8080 --threads 8\n"
        "rightstrack serve --processes 1\nrightstrack serve --no-worker"
    )

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
        parser.add_argument("--port", type=int, default=8000, help="port (default 8000)")
        parser.add_argument(
            "--threads",
            type=int,
            default=None,
            help="threads per process (default: 6 with one process, 3 with several)",
        )
        parser.add_argument(
            "--processes",
            type=int,
            default=default_processes(),
            help="server processes (default: 2 on Linux and macOS with two cores or more, else 1); "
            "each keeps its own search index and sentence encoder in memory",
        )
        parser.add_argument(
            "--no-worker",
            action="store_true",
            help="do not start the background worker (run `rightstrack worker` elsewhere)",
        )

    def run(self, *args, host, port, threads, processes, no_worker=False, **options):
        if processes < 1 or (threads is not None and threads < 1):
            raise RightstrackError("--processes and --threads must be at least 1")
        if processes > 1 and os.name == "nt":
            raise RightstrackError("several processes need Linux or macOS; on Windows, serve with --processes 1")
        if pending_migrations():
            raise RightstrackError("the database is not initialised or is out of date: run `rightstrack init` first")
        threads = threads or (6 if processes == 1 else 3)
        # Forked processes must not share this process's database connection.
        connections.close_all()
        worker = None if no_worker else _Worker(self.stderr)
        # A service manager stops the server with SIGTERM: leave through ``finally`` so
        # the worker is stopped too (Python's default would end this process alone).
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
        self.stdout.write(f"rightstrack is running on http://{host}:{port}/ (press Ctrl+C to stop)")
        self.stdout.flush()
        try:
            if processes == 1:
                from waitress import serve

                from rightstrack.wsgi import application

                # waitress receives a whole body before Django sees it: no more than the
                # largest a request may send (an import's file).
                serve(
                    application,
                    host=host,
                    port=port,
                    threads=threads,
                    ident="rightstrack",
                    max_request_body_size=MAX_IMPORT_UPLOAD_BYTES + 1024**2,
                    **proxy_options(),
                )
            else:
                serve_processes(host=host, port=port, processes=processes, threads=threads)
        finally:
            if worker:
                worker.stop()


class _Worker:
    """The background worker as a child process (a long import must not slow the pages,
    which a thread sharing the interpreter would), restarted if it ever dies."""

    def __init__(self, err):
        self.err, self.process, self.stopping = err, None, False
        self.owner = os.getpid()
        threading.Thread(target=self._keep, daemon=True, name="rightstrack-worker").start()

    def _keep(self):
        failures = 0
        while not self.stopping:
            started = time.monotonic()
            self.process = subprocess.Popen(
                [sys.executable, "-m", "rightstrack", "worker", "--parent", str(os.getpid())]
            )
            code = self.process.wait()
            if self.stopping:
                return
            failures = failures + 1 if time.monotonic() - started < 60 else 0
            self.err.write(f"the background worker stopped (exit {code}); starting it again")
            time.sleep(min(60, 2**failures))

    def stop(self):
        # gunicorn's processes are forks of this one and leave through the same
        # ``finally``: only the process that started the worker stops it.
        if os.getpid() != self.owner:
            return
        self.stopping = True
        if self.process and self.process.poll() is None:
            self.process.terminate()  # it finishes the job it is running, then exits
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
