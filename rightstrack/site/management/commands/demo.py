from django.core.management import call_command

from rightstrack.site import demo
from rightstrack.site.management.base import RightstrackCommand


class Command(RightstrackCommand):
    help = "Initialise the database, load the demo dataset (public UN documents) and create a demo login."
    example = "rightstrack demo\nrightstrack demo && rightstrack serve"

    def add_arguments(self, parser):
        parser.add_argument("--username", default="demo", help="the demo login's user name (default demo)")

    def run(self, *args, username, **options):
        call_command("init", stdout=self.stdout)
        summary = demo.load_demo_data()
        self.stdout.write(f"demo dataset: {summary.line()}")
        from rightstrack.search import services

        services.embed_missing()
        self._suggest_tags()
        self.stdout.write(demo.ATTRIBUTION)
        password = demo.ensure_demo_user(username)
        others = demo.load_demo_plan()
        self.stdout.write("an illustrative implementation plan (invented, on the real recommendations) is at /plans/")
        self.stdout.write(
            self.style.SUCCESS(f"demo login: user {username!r}, password {password!r} (NMRF administrator)")
        )
        self.stdout.write(
            f"  also: user 'focal', password {others['focal']!r} (focal point of the education ministry); "
            f"user 'nhri', password {others['nhri']!r} (NHRI contributor)"
        )

    def _suggest_tags(self):
        """Classifiers learnt from the demo's own labels (the OHCHR lists' themes, affected
        persons and SDGs), then suggestions for what is untagged (the treaty-body paragraphs)."""
        from rightstrack.tagging import services

        trained = [r.taxonomy for r in services.train() if not r.error]
        summary = services.tag(only_untagged=True)
        self.stdout.write(
            f"classifiers trained: {', '.join(trained) or 'none'}; "
            f"{summary.added} tag suggestions to review at /tagging/suggestions/"
        )
