"""``rightstrack remind``: the reminder emails of ``progress.reminders``, or what they would say."""

import argparse
import datetime as dt
import os

from rightstrack.accounts.choices import Role
from rightstrack.progress import reminders
from rightstrack.site.management.base import RightstrackCommand

ENVIRONMENT = """\
email server (environment variables, read when rightstrack starts):
  RIGHTSTRACK_EMAIL_HOST      SMTP server; unset: emails are printed on the console, not sent
  RIGHTSTRACK_EMAIL_PORT      its port (default 587; 465 with RIGHTSTRACK_EMAIL_TLS=ssl)
  RIGHTSTRACK_EMAIL_USER      user name, if the server asks for one
  RIGHTSTRACK_EMAIL_PASSWORD  its password
  RIGHTSTRACK_EMAIL_TLS       1 STARTTLS (default), ssl for implicit TLS, 0 none
  RIGHTSTRACK_EMAIL_FROM      sender address (default rightstrack@localhost)
  RIGHTSTRACK_SITE_URL        the site's address, to put links in the emails (or --site-url)
"""


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}") from None


def _days(value: str) -> int:
    if not value.isdigit():
        raise argparse.ArgumentTypeError(f"not a number of days: {value!r}")
    return int(value)


class Command(RightstrackCommand):
    help = (
        "Email each focal point its entity's overdue and upcoming actions and unfinished progress reports, "
        "and NMRF staff the reports waiting for validation (SMTP: RIGHTSTRACK_EMAIL_*, see remind --help)."
    )
    example = "rightstrack remind --dry-run\nrightstrack remind --days 7 --site-url https://nmrf.example.org"

    def create_parser(self, prog_name, subcommand, **kwargs):
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.epilog = ENVIRONMENT + "\n" + (parser.epilog or "")
        return parser

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=_days,
            default=reminders.DEFAULT_DAYS,
            metavar="N",
            help=f"remind of actions due within N days (default {reminders.DEFAULT_DAYS})",
        )
        parser.add_argument("--dry-run", action="store_true", help="print the emails instead of sending them")
        parser.add_argument("--today", type=_date, metavar="YYYY-MM-DD", help="count days from this date (tests)")
        parser.add_argument(
            "--site-url",
            default=os.environ.get("RIGHTSTRACK_SITE_URL", ""),
            metavar="URL",
            help="the site's address, for links in the emails (default $RIGHTSTRACK_SITE_URL)",
        )

    def run(self, *args, days=reminders.DEFAULT_DAYS, dry_run=False, today=None, site_url="", **options):
        found = reminders.reminders(today or dt.date.today(), days, site_url)
        for reminder in found:
            self.stdout.write(self._summary(reminder))
            if dry_run:
                self.stdout.write(f"  Subject: {reminder.subject}\n\n" + _indent(reminder.body) + "\n")
        focal = sum(reminder.kind == Role.FOCAL_POINT for reminder in found)
        split = f"{focal} to focal points, {len(found) - focal} to NMRF staff"
        if dry_run:
            self.stdout.write(f"dry run: {_n(len(found), 'email')} would be sent ({split}); none sent")
            return
        sent = reminders.send(found)
        self.stdout.write(f"sent {_n(sent, 'email')} ({split})")

    @staticmethod
    def _summary(reminder: reminders.Reminder) -> str:
        items = reminder.items
        if reminder.kind == Role.FOCAL_POINT:
            what = (
                f"{_n(items['actions'], 'action')} ({items['overdue']} overdue), "
                f"{_n(items['reports'], 'report')} to complete"
            )
            return f"focal point {reminder.email}: {what}"
        return (
            f"NMRF staff {reminder.email}: {_n(items['reports'], 'report')} to validate, "
            f"{_n(items['overdue'], 'overdue action')}"
        )


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _indent(text: str) -> str:
    return "\n".join(f"  {line}" if line else "" for line in text.splitlines())
