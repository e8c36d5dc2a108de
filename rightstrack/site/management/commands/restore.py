import sys

from django.utils.translation import gettext as _

from rightstrack.core import backup
from rightstrack.site.management.base import RightstrackCommand


class Command(RightstrackCommand):
    help = "Restore a backup into an empty data directory and database (stop the server first)."
    example = (
        "rightstrack restore rightstrack-2026-05-01.tar.gz\n"
        "RIGHTSTRACK_HOME=/srv/rightstrack rightstrack restore backup.tar.gz --yes   (replaces what is there)"
    )

    def add_arguments(self, parser):
        parser.add_argument("file", metavar="FILE", help="a .tar.gz written by `rightstrack backup`")
        parser.add_argument(
            "--yes",
            action="store_true",
            help="replace the database and media files if they already hold data, without asking",
        )

    def run(self, *args, file, yes=False, **options):
        if yes:
            confirm = self._yes
        elif sys.stdin.isatty():
            confirm = self._ask
        else:
            confirm = None  # refused with a message naming --yes
        result = backup.restore_backup(file, confirm=confirm)
        for line in result.lines():
            self.stdout.write(line)

    @staticmethod
    def _yes(holdings: str) -> bool:
        return True

    def _ask(self, holdings: str) -> bool:
        self.stdout.write(_("The target already holds data: %(what)s.") % {"what": holdings})
        answer = input(_("Replace all of it with the backup? [y/N] "))
        return answer.strip().lower() in {"y", "yes"}
