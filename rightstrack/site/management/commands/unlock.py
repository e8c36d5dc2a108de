from rightstrack.core.errors import RightstrackError
from rightstrack.site.management.base import RightstrackCommand


class Command(RightstrackCommand):
    help = (
        "Let an account, or an address, sign in again before its pause ends (after too many wrong "
        "passwords): the failed attempts recorded for it are forgotten."
    )
    example = "rightstrack unlock amina\nrightstrack unlock --address 192.0.2.10"

    def add_arguments(self, parser):
        parser.add_argument("username", nargs="?", default="", help="the account's user name")
        parser.add_argument("--address", default="", help="an IP address instead")

    def run(self, *args, username="", address="", **options):
        from axes.utils import reset

        if not username and not address:
            raise RightstrackError("give a user name or --address")
        count = reset(username=username or None, ip=address or None)
        who = f"'{username}'" if username else address
        self.stdout.write(
            f"unlocked {who}: {count} record(s) of failed sign-ins cleared"
            if count
            else f"{who} was not paused: no failed sign-in recorded"
        )
