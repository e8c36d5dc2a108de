"""How ``rightstrack serve`` serves: one waitress process, or several gunicorn ones.

One Python process runs Python on one core at a time, so on a server with two cores
waitress alone leaves one idle while twenty people wait in its queue
(``benchmarks/load_bench.py``, 40 seconds of each, all else equal: 26 pages a second and
a p95 of 0.76 s with one process, 46 and 0.37 s with two). gunicorn forks the
processes (Linux and macOS only; on Windows ``serve`` keeps one waitress process) and
restarts any that dies.

What waitress did for one process is done here for each: the reverse proxy's headers
are believed from ``RIGHTSTRACK_TRUSTED_PROXY`` only (waitress's own middleware, with the
same options, so both servers agree), and gunicorn's own trust of forwarded headers is
turned off. waitress refused a body larger than an import may send before reading it;
here the size check (``core.web.RequestSize``) reads the Content-Length, so a body sent
without one (chunked) is refused with 411. (gunicorn reads and drops the rest of a body
the size check refused, to keep the connection: time, not memory.)
"""

from __future__ import annotations

# gunicorn's largest request line (its own maximum): a search's words are limited to
# 1,000 characters, far below.
REQUEST_LINE = 8190
# A document may take 120 s to write (core.budget.DOCUMENT_SECONDS); a process silent for
# longer than this is taken as stuck and replaced.
SILENT_SECONDS = 300


def proxy_options() -> dict:
    """waitress's options for a reverse proxy at ``settings.TRUSTED_PROXY``: its
    X-Forwarded-Proto (https), -For and -Host are believed, so Django sees a secure
    request (no redirect loop, HSTS sent); without one, or from another peer, waitress
    drops those headers."""
    from django.conf import settings

    if not settings.TRUSTED_PROXY:
        return {}
    return {
        "trusted_proxy": settings.TRUSTED_PROXY,
        "trusted_proxy_count": 1,
        "trusted_proxy_headers": {"x-forwarded-proto", "x-forwarded-for", "x-forwarded-host"},
        "clear_untrusted_proxy_headers": True,
    }


def lengths_only(app):
    """The WSGI application ``app``, refusing request bodies without a Content-Length."""

    def application(environ, start_response):
        if "chunked" in environ.get("HTTP_TRANSFER_ENCODING", "").lower():
            start_response("411 Length Required", [("Content-Type", "text/plain; charset=utf-8")])
            return [b"Send the request body with a Content-Length header.\n"]
        return app(environ, start_response)

    return application


def wsgi_application():
    """rightstrack's WSGI application as each process serves it."""
    from waitress.proxy_headers import proxy_headers_middleware

    from rightstrack.wsgi import application

    options = proxy_options()
    return lengths_only(
        proxy_headers_middleware(
            application,
            trusted_proxy=options.get("trusted_proxy"),
            trusted_proxy_count=options.get("trusted_proxy_count", 1),
            trusted_proxy_headers=options.get("trusted_proxy_headers"),
            clear_untrusted=True,
        )
    )


def serve_processes(*, host: str, port: int, processes: int, threads: int) -> None:
    """Serve until stopped (SIGTERM or Ctrl+C end it with SystemExit)."""
    from gunicorn.app.base import BaseApplication

    settings = {
        "bind": [f"[{host}]:{port}" if ":" in host else f"{host}:{port}"],
        "workers": processes,
        "threads": threads,
        "worker_class": "gthread",
        # Each process listens on a socket of its own and the system shares the new
        # connections out among them: with one shared socket, the first to accept took
        # most of the (long-lived, keep-alive) connections, and twice the other's work.
        "reuse_port": True,
        "timeout": SILENT_SECONDS,
        "graceful_timeout": 30,
        "keepalive": 5,
        "limit_request_line": REQUEST_LINE,
        "proc_name": "rightstrack",
        "forwarded_allow_ips": "",
        "secure_scheme_headers": {},
        "loglevel": "warning",
        "errorlog": "-",
        "accesslog": None,
    }

    class Server(BaseApplication):
        def load_config(self):
            for name, value in settings.items():
                self.cfg.set(name, value)

        def load(self):
            return wsgi_application()

    Server().run()
