from rightstrack.core import jobs
from rightstrack.core.errors import RightstrackError
from rightstrack.core.management.base import RightstrackCommand
from rightstrack.core.services import pending_migrations


class Command(RightstrackCommand):
    help = ("Run the background jobs (web imports, tagging, training, vectors). "
            "`rightstrack serve` starts one; run it yourself beside another web server.")
    example = "rightstrack worker\nrightstrack worker --once"

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="run the jobs waiting now, then stop")
        parser.add_argument("--interval", type=float, default=1.0,
                            help="seconds between looks at the queue when it is empty (default 1)")

    def run(self, *args, once=False, interval=1.0, **options):
        if pending_migrations():
            raise RightstrackError("the database is not initialised or is out of date: run `rightstrack init` first")
        worker = jobs.worker(once=once, interval=interval)
        if not once:
            if jobs.fail_interrupted():
                self.stderr.write("jobs interrupted by the last stop are marked failed")
            self.stderr.write("rightstrack worker: waiting for jobs (press Ctrl+C to stop)")
            worker.configure_signals()
        worker.run()
