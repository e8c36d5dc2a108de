from rightstrack.api.selectors import all_tokens
from rightstrack.api.services import create_token, revoke_token
from rightstrack.site.management.base import RightstrackCommand


class Command(RightstrackCommand):
    help = "Create, list or revoke the tokens that scripts use to call the REST API."
    example = (
        "rightstrack token create amina --name 'reporting script'\n"
        "rightstrack token list\n"
        "rightstrack token revoke rt_Xk3v9QaB"
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="make a token acting for a user; its key is printed once")
        create.add_argument("username")
        create.add_argument("--name", default="", help="what or who uses it")
        sub.add_parser("list", help="list tokens: prefix, user, name, created, last used, revoked")
        revoke = sub.add_parser("revoke", help="revoke the token with this prefix (as `token list` shows it)")
        revoke.add_argument("prefix")

    def run(self, *args, action, **options):
        if action == "create":
            token, key = create_token(options["username"], options["name"])
            self.stdout.write(key)
            # The key on stdout alone, so that `KEY=$(rightstrack token create ...)` works.
            self.stderr.write(
                f"token {token.prefix} created for {token.user.username}; it is shown only now: keep it somewhere safe"
            )
        elif action == "list":
            for token in all_tokens():
                used = token.last_used_at.strftime("%Y-%m-%d %H:%M") if token.last_used_at else "never used"
                state = "  REVOKED" if token.revoked else ""
                self.stdout.write(
                    f"{token.prefix}  {token.user.username:15} {token.created_at:%Y-%m-%d}  "
                    f"{used:16}  {token.name}{state}"
                )
        else:
            token = revoke_token(options["prefix"])
            self.stdout.write(
                f"revoked {token.prefix} ({token.user.username}{', ' + token.name if token.name else ''})"
            )
