import contextlib
import sys

from rightstrack.core.errors import RightstrackError
from rightstrack.ingest.formats.table import parse_mapping
from rightstrack.ingest.registry import NAMES, ImportOptions
from rightstrack.ingest.services import ImportFailed, import_file
from rightstrack.recommendations.after_import import after_import
from rightstrack.site.management.base import RightstrackCommand
from rightstrack.site.management.progress import progress_bar


class Command(RightstrackCommand):
    help = "Import recommendations from UN and UPR Info files; re-importing never duplicates."
    example = (
        "rightstrack import export-full-en.xlsx --country SVN\n"
        "rightstrack import A_HRC_43_15.pdf UPR34_Slovenia_Thematic_list.docx\n"
        "rightstrack import CCPR_C_SVN_CO_4.pdf --dry-run\n"
        "rightstrack import plan.xlsx --format table --columns text=Recommendation,country=State,themes=Cluster\n"
        "rightstrack import filled-matrix.docx --user amina --entity 'Ministry of Justice'"
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH")
        parser.add_argument("--format", default="auto", choices=NAMES, help="default: detected from the content")
        parser.add_argument("--country", metavar="ISO3", help="fill in the State, or import only this State's records")
        parser.add_argument("--mechanism", metavar="CODE", help="fill in the mechanism, or import only its records")
        parser.add_argument("--document", metavar="SYMBOL", help="document symbol for records that lack one")
        parser.add_argument("--session", type=int, metavar="N", help="UPR session for records that lack one")
        parser.add_argument("--encoding", help="text encoding of a CSV file (default: detected)")
        parser.add_argument("--columns", metavar="MAPPING", help="for --format table: field=Column,...")
        parser.add_argument(
            "--entity",
            metavar="NAME",
            help="for a matrix written by `rightstrack report matrix` and filled in: the responsible "
            "entity its new assessments come from (name or short name)",
        )
        parser.add_argument(
            "--user",
            metavar="NAME",
            help="the account bringing the file in: the history, and the draft progress reports a "
            "filled-in matrix becomes, are attributed to it (default: the command line)",
        )
        parser.add_argument("--publish", action="store_true", help="make new recommendations public")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="read and check everything, write nothing, and list what would change",
        )
        parser.add_argument(
            "--changes",
            action="store_true",
            help="list each change to recommendations already here (always on with --dry-run)",
        )
        parser.add_argument(
            "--no-vectors",
            action="store_true",
            help="skip the meaning vectors (compute them later: rightstrack reindex --vectors-only)",
        )

    def run(self, *args, paths, dry_run, publish, no_vectors=False, changes=False, user=None, entity=None, **options):
        import_options = ImportOptions(
            country=options["country"],
            mechanism=options["mechanism"],
            document=options["document"],
            session=options["session"],
            encoding=options["encoding"],
            mapping=parse_mapping(options["columns"]) if options["columns"] else {},
            entity=entity,
        )
        self.user = _account(user) if user else None
        if entity:
            _entity(entity)
        totals = [0, 0, 0, 0]
        changed: list[int] = []
        failed = False
        for path in paths:
            try:
                fmt, summary, skipped = self._import_one(path, options["format"], import_options, dry_run, publish)
            except ImportFailed as exc:
                self.stderr.write(str(exc))
                totals[3] += len(exc.summary.errors)
                failed = True
                continue
            except RightstrackError as exc:
                self.stderr.write(f"Error: {exc}")
                totals[3] += 1
                failed = True
                continue
            note = f", {skipped} skipped by --country/--mechanism" if skipped else ""
            self.stderr.write(f"{path}: {fmt}{note}")
            if dry_run or changes:
                self._changes(summary)
            self._cautions(summary)
            for line in summary.also:
                self.stderr.write(f"{path}: {line}")
            for i, n in enumerate((summary.new, summary.updated, summary.unchanged)):
                totals[i] += n
            changed += summary.changed_ids
        if dry_run:
            self.stderr.write("dry run: nothing was written")
        elif changed:
            self._after(changed, no_vectors)
        self.stdout.write(f"imported {totals[0]} new, {totals[1]} updated, {totals[2]} unchanged, {totals[3]} errors")
        if failed:
            sys.exit(1)

    def _changes(self, summary):
        """Each change to a recommendation already here: from what to what, by which source."""
        for rec in summary.details:
            self.stdout.write(f"{rec.label}:")
            for c in rec.fields:
                if not c.applied:
                    verdict = f"kept ({c.held_label}); not taken: {c.shown_after}"
                elif c.removed:
                    verdict = f"REMOVES {', '.join(c.removed)}" + (f"; adds {', '.join(c.added)}" if c.added else "")
                elif c.added:
                    verdict = f"adds {', '.join(c.added)}"
                else:
                    verdict = f"{c.shown_before} -> {c.shown_after}"
                self.stdout.write(f"  {c.label}: {verdict[:300]}")
        if summary.unlisted:
            self.stdout.write(f"  … and {summary.unlisted} more recommendations (their history records them)")

    def _cautions(self, summary):
        if summary.removals:
            self.stderr.write(f"{summary.removals} recommendations lose a value or a tag this file no longer gives")
        if summary.disputed:
            self.stderr.write(
                f"{summary.disputed} recommendations keep a value this file contradicts "
                "(a stronger source's or a person's; the history keeps both)"
            )

    def _after(self, ids, no_vectors):
        """The steps every import is followed by (the web import runs the same ones):
        meaning vectors, then tag suggestions. Interrupting keeps what is done."""
        with _TerminalProgress() as progress:
            try:
                after_import(ids, skip={"vectors"} if no_vectors else set(), say=self.stderr.write, progress=progress)
            except KeyboardInterrupt:
                self.stderr.write("interrupted: finish with `rightstrack reindex --vectors-only` and `rightstrack tag`")
                raise SystemExit(130) from None

    def _import_one(self, path, fmt, options, dry_run, publish):
        with progress_bar(str(path)) as update:
            return import_file(path, fmt, options, dry_run=dry_run, publish=publish, progress=update, user=self.user)


def _account(name: str):
    """The active account of that user name (--user)."""
    from django.contrib.auth import get_user_model

    found = get_user_model().objects.filter(username=name, is_active=True).first()
    if found is None:
        raise RightstrackError(f"--user: no active account is named {name!r} (accounts: rightstrack createuser)")
    return found


def _entity(name: str) -> None:
    """Refuse at once an --entity that names no active responsible entity."""
    from rightstrack.accounts.selectors import entity_named

    if entity_named(name.strip()) is None:
        raise RightstrackError(f"--entity: no responsible entity is named {name!r}")


class _TerminalProgress(contextlib.ExitStack):
    """The after-import steps' progress as a bar per step on a terminal."""

    def begin(self, stage, total=None):
        self.close()
        self.advance = self.enter_context(progress_bar(stage, total))

    def advance(self, n=1):
        pass

    def say(self, line):
        pass
