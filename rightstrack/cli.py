"""The ``rightstrack`` console script: a thin front over Django's management commands.

``rightstrack --help`` lists the product's own commands; every Django command
(``migrate``, ``shell``, ``check``…) stays reachable: ``rightstrack help --commands``.
"""

from __future__ import annotations

import os
import sys

from rightstrack import __version__, datadir

# Shown by `rightstrack --help`, in this order.
COMMANDS = [
    "init",
    "serve",
    "demo",
    "import",
    "export",
    "report",
    "createuser",
    "unlock",
    "taxonomy",
    "token",
    "search",
    "similar",
    "dedupe",
    "reindex",
    "train",
    "tag",
    "evaluate",
    "classify",
    "remind",
    "worker",
    "backup",
    "restore",
]


def usage() -> str:
    from django.core.management import load_command_class

    lines = [
        f"rightstrack {__version__} — follow up UN human-rights recommendations",
        "",
        "usage: rightstrack COMMAND [options]     (rightstrack COMMAND --help for details and an example)",
        "",
        "commands:",
    ]
    for name in COMMANDS:
        lines.append(f"  {name:12} {load_command_class('rightstrack.site', name).help}")
    lines += [
        "",
        "Django's own commands (migrate, shell, check, …): rightstrack help --commands",
        "Data directory: $RIGHTSTRACK_HOME (default ./rightstrack-data); PostgreSQL: $DATABASE_URL",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rightstrack.settings")
    args = sys.argv[1:] if argv is None else argv
    if args in ([], ["-h"], ["--help"], ["help"]):
        import django

        django.setup()
        try:
            print(usage())
        except BrokenPipeError:  # `rightstrack --help | head -1`
            _quiet_stdout()
        return
    if args == ["--version"]:
        print(__version__)
        return
    from django.core.management import execute_from_command_line
    from django.db import DatabaseError

    if args[0] != "help" and not {"-h", "--help"} & set(args):
        datadir.prepare()  # help creates no data directory
    try:
        execute_from_command_line(["rightstrack", *args])
    except DatabaseError:
        _explain_uninitialised()
        raise
    except BrokenPipeError:
        # The reader went away (`rightstrack export | head`): stop quietly.
        _quiet_stdout()
        sys.exit(1)


def _quiet_stdout() -> None:
    # Python flushes stdout at exit and would report the broken pipe a second time.
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def _explain_uninitialised() -> None:
    """A command run on a data directory never initialised (or not upgraded) fails on a
    missing table: say what to do instead of a traceback. Other database errors go on."""
    from django.conf import settings

    from rightstrack.core.services import pending_migrations

    try:
        pending = pending_migrations()
    except Exception:  # the database cannot even be read: let the first error speak
        return
    if pending:
        where = (
            settings.DATABASES["default"]["NAME"]
            if "sqlite" in settings.DATABASES["default"]["ENGINE"]
            else "the database"
        )
        sys.stderr.write(
            f"Error: {where} is not initialised or is out of date (data directory {settings.HOME}): "
            "run `rightstrack init`\n"
        )
        sys.exit(1)
