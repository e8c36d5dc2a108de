"""The ``rightstrack`` console script: a thin front over Django's management commands.

``rightstrack --help`` lists the product's own commands; every Django command
(``migrate``, ``shell``, ``check``…) stays reachable: ``rightstrack help --commands``.
"""
from __future__ import annotations

import os
import sys

from rightstrack import __version__

# Shown by `rightstrack --help`, in this order.
COMMANDS = ["init", "serve", "demo", "import", "export", "createuser", "taxonomy", "token", "search", "similar", "dedupe", "reindex",
            "train", "tag", "evaluate", "classify", "remind"]


def usage() -> str:
    from django.core.management import load_command_class

    lines = [f"rightstrack {__version__} — follow up UN human-rights recommendations", "",
             "usage: rightstrack COMMAND [options]     (rightstrack COMMAND --help for details and an example)", "",
             "commands:"]
    for name in COMMANDS:
        lines.append(f"  {name:12} {load_command_class('rightstrack.core', name).help}")
    lines += ["", "Django's own commands (migrate, shell, check, …): rightstrack help --commands",
              "Data directory: $RIGHTSTRACK_HOME (default ./rightstrack-data); PostgreSQL: $DATABASE_URL"]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rightstrack.settings")
    args = sys.argv[1:] if argv is None else argv
    if args in ([], ["-h"], ["--help"], ["help"]):
        import django

        django.setup()
        print(usage())
        return
    if args == ["--version"]:
        print(__version__)
        return
    from django.core.management import execute_from_command_line

    try:
        execute_from_command_line(["rightstrack", *args])
    except BrokenPipeError:
        # The reader went away (`rightstrack export | head`): stop quietly.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)
