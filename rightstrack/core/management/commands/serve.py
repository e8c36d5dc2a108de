import os
import signal
import subprocess
import sys
import threading
import time

from rightstrack.core.errors import RightstrackError
from rightstrack.core.limits import MAX_IMPORT_UPLOAD_BYTES
from rightstrack.core.management.base import RightstrackCommand
from rightstrack.core.services import pending_migrations


class Command(RightstrackCommand):
    help = "Serve rightstrack with a production WSGI server (waitress) and run its background jobs."
    example = "rightstrack serve\nrightstrack serve --host 0.0.0.0 --port 8080 --threads 8\nrightstrack serve --no-worker"

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
        parser.add_argument("--port", type=int, default=8000, help="port (default 8000)")
        parser.add_argument("--threads", type=int, default=6, help="worker threads (default 6)")
        parser.add_argument("--no-worker", action="store_true",
                            help="do not start the background worker (run `rightstrack worker` elsewhere)")

    def run(self, *args, host, port, threads, no_worker=False, **options):
        if pending_migrations():
            raise RightstrackError("the database is not initialised or is out of date: run `rightstrack init` first")
        from waitress import serve

        from rightstrack.wsgi import application

        worker = None if no_worker else _Worker(self.stderr)
        # A service manager stops the server with SIGTERM: leave through ``finally`` so
        # the worker is stopped too (Python's default would end this process alone).
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
        self.stdout.write(f"rightstrack is running on http://{host}:{port}/ (press Ctrl+C to stop)")
        try:
            # waitress receives a whole body before Django sees it: no more than the
            # largest a request may send (an import's file).
            serve(application, host=host, port=port, threads=threads, ident="rightstrack",
                  max_request_body_size=MAX_IMPORT_UPLOAD_BYTES + 1024**2, **proxy_options())
        finally:
            if worker:
                worker.stop()


def proxy_options() -> dict:
    """waitress's options for a reverse proxy at ``settings.TRUSTED_PROXY``: its
    X-Forwarded-Proto (https), -For and -Host are believed, so Django sees a secure
    request (no redirect loop, HSTS sent); without one, or from another peer, waitress
    drops those headers."""
    from django.conf import settings

    if not settings.TRUSTED_PROXY:
        return {}
    return {"trusted_proxy": settings.TRUSTED_PROXY, "trusted_proxy_count": 1,
            "trusted_proxy_headers": {"x-forwarded-proto", "x-forwarded-for", "x-forwarded-host"},
            "clear_untrusted_proxy_headers": True}


class _Worker:
    """The background worker as a child process (a long import must not slow the pages,
    which a thread sharing the interpreter would), restarted if it ever dies."""

    def __init__(self, err):
        self.err, self.process, self.stopping = err, None, False
        threading.Thread(target=self._keep, daemon=True, name="rightstrack-worker").start()

    def _keep(self):
        failures = 0
        while not self.stopping:
            started = time.monotonic()
            self.process = subprocess.Popen([sys.executable, "-m", "rightstrack", "worker",
                                             "--parent", str(os.getpid())])
            code = self.process.wait()
            if self.stopping:
                return
            failures = failures + 1 if time.monotonic() - started < 60 else 0
            self.err.write(f"the background worker stopped (exit {code}); starting it again")
            time.sleep(min(60, 2 ** failures))

    def stop(self):
        self.stopping = True
        if self.process and self.process.poll() is None:
            self.process.terminate()  # it finishes the job it is running, then exits
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
