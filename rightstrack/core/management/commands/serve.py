from rightstrack.core.management.base import RightstrackCommand
from rightstrack.core.services import pending_migrations
from rightstrack.core.errors import RightstrackError


class Command(RightstrackCommand):
    help = "Serve rightstrack with a production WSGI server (waitress)."
    example = "rightstrack serve\nrightstrack serve --host 0.0.0.0 --port 8080 --threads 8"

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
        parser.add_argument("--port", type=int, default=8000, help="port (default 8000)")
        parser.add_argument("--threads", type=int, default=6, help="worker threads (default 6)")

    def run(self, *args, host, port, threads, **options):
        if pending_migrations():
            raise RightstrackError("the database is not initialised or is out of date: run `rightstrack init` first")
        from waitress import serve

        from rightstrack.wsgi import application

        self.stdout.write(f"rightstrack is running on http://{host}:{port}/ (press Ctrl+C to stop)")
        serve(application, host=host, port=port, threads=threads, ident="rightstrack")
