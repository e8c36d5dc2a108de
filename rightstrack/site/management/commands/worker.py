import argparse
import os
import signal
import threading
import time

from rightstrack.core import jobs
from rightstrack.core.errors import RightstrackError
from rightstrack.core.services import pending_migrations
from rightstrack.site.management.base import RightstrackCommand


class Command(RightstrackCommand):
    help = (
        "Run the background jobs (web imports, tagging, training, vectors). "
        "`rightstrack serve` starts one; run it yourself beside another web server."
    )
    example = "rightstrack worker\nrightstrack worker --once"

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="run the jobs waiting now, then stop")
        parser.add_argument(
            "--interval",
            type=float,
            default=1.0,
            help="seconds between looks at the queue when it is empty (default 1)",
        )
        parser.add_argument("--parent", type=int, help=argparse.SUPPRESS)  # set by `rightstrack serve`

    def run(self, *args, once=False, interval=1.0, parent=None, **options):
        if pending_migrations():
            raise RightstrackError("the database is not initialised or is out of date: run `rightstrack init` first")
        worker = jobs.worker(once=once, interval=interval)
        if not once:
            if jobs.fail_interrupted():
                self.stderr.write("jobs interrupted by the last stop are marked failed")
            self.stderr.write("rightstrack worker: waiting for jobs (press Ctrl+C to stop)")
            worker.configure_signals()
        if parent:
            _stop_with(parent)
        worker.run()


def _stop_with(parent: int) -> None:
    """Stop (gracefully, as on Ctrl+C) when the server that started this worker is gone,
    however it ended: a killed server must not leave a worker behind."""

    def watch():
        while os.getppid() == parent:
            time.sleep(2)
        os.kill(os.getpid(), signal.SIGTERM)

    threading.Thread(target=watch, daemon=True, name="parent-watch").start()
