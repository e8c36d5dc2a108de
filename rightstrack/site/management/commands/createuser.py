import getpass
import sys

from rightstrack.core.errors import RightstrackError
from rightstrack.core.services import create_user, generate_password
from rightstrack.site.management.base import RightstrackCommand


class Command(RightstrackCommand):
    help = "Create a user who can sign in (asks for the password, or generates and prints one)."
    example = (
        "rightstrack createuser amina --email amina@example.org --admin\n"
        "echo 'a long passphrase' | rightstrack createuser focal.point --password-stdin "
        "--role focal_point --entity 'Ministry of Justice'"
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--email", default="")
        parser.add_argument("--admin", action="store_true", help="full administrator (admin site, all data)")
        parser.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
        parser.add_argument(
            "--role",
            default="",
            help="nmrf_admin, nmrf_staff, focal_point, contributor or viewer "
            "(default: viewer, or administrator with --admin)",
        )
        parser.add_argument("--entity", default="", help="the focal point's entity, by name or short name")

    def _password(self, from_stdin: bool) -> tuple[str, bool]:
        if from_stdin:
            return sys.stdin.readline().rstrip("\n"), False
        if sys.stdin.isatty():
            first = getpass.getpass("Password: ")
            if first != getpass.getpass("Password (again): "):
                raise RightstrackError("the two passwords differ")
            return first, False
        return generate_password(), True

    def run(self, *args, username, email, admin, password_stdin, role, entity, **options):
        from django.db import transaction

        from rightstrack.accounts.services import give_role_from_cli

        password, generated = self._password(password_stdin)
        with transaction.atomic():  # a user whose role was refused is not left behind
            user = create_user(username, password, email=email, admin=admin)
            if role or entity:
                give_role_from_cli(user, role or "focal_point", entity)
        self.stdout.write(
            f"created user {username!r}" + (" (administrator)" if admin else f" ({role})" if role else "")
        )
        if generated:
            self.stdout.write(f"password: {password}")
