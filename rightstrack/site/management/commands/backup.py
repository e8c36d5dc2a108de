from django.utils.translation import gettext as _

from rightstrack.core import backup
from rightstrack.site.management.base import RightstrackCommand


class Command(RightstrackCommand):
    help = "Write the database, evidence files and secret key to one .tar.gz file (safe while the server runs)."
    example = (
        "rightstrack backup rightstrack-2026-05-01.tar.gz\n"
        "rightstrack backup /var/backups/rightstrack --keep 14     (a dated file in the folder; the 14 newest kept)"
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "file", metavar="FILE", help="the .tar.gz file to write, or a folder to write a dated one in"
        )
        parser.add_argument(
            "--keep", type=int, metavar="N", help="with a folder: then remove all but the N newest dated backups in it"
        )

    def run(self, *args, file, keep=None, **options):
        if keep is not None and keep < 1:
            raise backup.BackupError(_("--keep: give 1 or more"))
        result = backup.create_backup(file, keep=keep)
        for line in result.lines():
            self.stdout.write(line)
