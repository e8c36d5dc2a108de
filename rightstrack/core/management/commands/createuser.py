import getpass
import sys

from rightstrack.core.errors import RightstrackError
from rightstrack.core.management.base import RightstrackCommand
from rightstrack.core.services import create_user, generate_password


class Command(RightstrackCommand):
    help = "Create a user who can sign in (asks for the password, or generates and prints one)."
    example = (
        "rightstrack createuser amina --email amina@example.org --admin\n"
        "echo 'a long passphrase' | rightstrack createuser focal.point --password-stdin"
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--email", default="")
        parser.add_argument("--admin", action="store_true", help="full administrator (admin site, all data)")
        parser.add_argument("--password-stdin", action="store_true", help="read the password from standard input")

    def _password(self, from_stdin: bool) -> tuple[str, bool]:
        if from_stdin:
            return sys.stdin.readline().rstrip("\n"), False
        if sys.stdin.isatty():
            first = getpass.getpass("Password: ")
            if first != getpass.getpass("Password (again): "):
                raise RightstrackError("the two passwords differ")
            return first, False
        return generate_password(), True

    def run(self, *args, username, email, admin, password_stdin, **options):
        password, generated = self._password(password_stdin)
        create_user(username, password, email=email, admin=admin)
        self.stdout.write(f"created user {username!r}" + (" (administrator)" if admin else ""))
        if generated:
            self.stdout.write(f"password: {password}")
