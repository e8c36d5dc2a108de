"""The base of rightstrack's commands: an example in ``--help``, errors as one line."""

from __future__ import annotations

import argparse

from django.core.management.base import BaseCommand, CommandError, DjangoHelpFormatter

from rightstrack.core.errors import RightstrackError


class Error(CommandError):
    """Shown as "Error: <message>" with exit status 1."""


class _HelpFormatter(DjangoHelpFormatter, argparse.RawDescriptionHelpFormatter):
    pass


class RightstrackCommand(BaseCommand):
    """Subclasses set ``help`` and ``example`` and implement ``run``."""

    example = ""

    def create_parser(self, prog_name, subcommand, **kwargs):
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.formatter_class = _HelpFormatter
        if self.example:
            parser.epilog = "example:\n" + "\n".join(f"  {line}" for line in self.example.strip().splitlines())
        return parser

    def handle(self, *args, **options):
        try:
            return self.run(*args, **options)
        except RightstrackError as exc:
            raise Error(str(exc)) from exc

    def run(self, *args, **options):  # pragma: no cover - abstract
        raise NotImplementedError
