from rightstrack.accounts import twofactor
from rightstrack.site.management.base import RightstrackCommand


class Command(RightstrackCommand):
    help = (
        "Turn two-step sign-in off for an account whose phone is lost: its password alone signs it in "
        "again, and the person sets up the new phone on their Two-step sign-in page."
    )
    example = "rightstrack twofactor off amina"

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["off"], help="off: remove the account's authenticator app")
        parser.add_argument("username", help="the account's user name")

    def run(self, *args, action, username, **options):
        count = twofactor.reset(username)
        self.stdout.write(
            f"two-step sign-in is off for '{username}' ({count} device(s) removed)"
            if count
            else f"'{username}' had no two-step sign-in: nothing to do"
        )
