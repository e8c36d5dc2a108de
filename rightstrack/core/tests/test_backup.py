"""`rightstrack backup` and `rightstrack restore`: round trip, writes during the backup,
refusals. They run on the suite's database (SQLite or PostgreSQL); backups read
committed data through their own connections, hence ``transaction=True``."""

import hashlib
import io
import json
import os
import re
import sqlite3
import subprocess
import sys
import tarfile
import threading

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder

from rightstrack.core import backup, backup_db
from rightstrack.core.models import AuditEvent

PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
committed = pytest.mark.django_db(transaction=True)


@pytest.fixture
def home(tmp_path, settings):
    """A data directory of the test's own: secret key and media (the database is the suite's)."""
    settings.HOME = tmp_path / "home"
    settings.MEDIA_ROOT = settings.HOME / "media"
    settings.HOME.mkdir()
    (settings.HOME / "secret_key").write_text("the-old-key")
    return settings.HOME


def _state() -> dict:
    """Everything the round trip must keep: every table's rows, the records and their
    history in full, the evidence files' bytes."""
    from rightstrack.progress.models import Evidence
    from rightstrack.recommendations.models import Recommendation

    return {
        "counts": {m._meta.label: m.objects.count() for m in apps.get_models()},
        "recommendations": list(Recommendation.objects.order_by("pk").values()),
        "history": list(AuditEvent.objects.order_by("pk").values()),
        "evidence": [(e.file.name, e.file.open("rb").read()) for e in Evidence.objects.order_by("pk") if e.file],
    }


@committed
def test_round_trip_of_the_demo_keeps_records_history_and_evidence(home, tmp_path):
    from rightstrack.progress import services as progress
    from rightstrack.progress.models import ProgressReport
    from rightstrack.recommendations.models import Recommendation
    from rightstrack.site import demo

    demo.load_demo_data()
    demo.ensure_demo_user("demo")
    demo.load_demo_plan()
    report = ProgressReport.objects.get(stage="returned")
    progress.add_evidence(
        get_user_model().objects.get(username="focal"),
        report,
        file=SimpleUploadedFile("schools.pdf", PDF),
        description="list of schools",
    )
    before = _state()
    assert before["counts"]["recommendations.Recommendation"] == 664 and len(before["history"]) > 100
    assert before["evidence"] and before["evidence"][0][1] == PDF

    out = io.StringIO()
    call_command("backup", str(tmp_path / "demo.tar.gz"), stdout=out)
    assert "wrote " in out.getvalue() and "664 recommendations" in out.getvalue()
    assert oct((tmp_path / "demo.tar.gz").stat().st_mode & 0o777) == "0o600"

    # Everything changes after the backup: records, history, files, key, a new user.
    Recommendation.objects.filter(pk__in=list(Recommendation.objects.values_list("pk", flat=True)[:10])).update(
        text="changed"
    )
    AuditEvent.objects.all().delete()
    get_user_model().objects.create(username="intruder")
    (home / "media" / before["evidence"][0][0]).write_bytes(b"other bytes")
    (home / "media" / "stray.txt").write_text("made after the backup")
    (home / "secret_key").write_text("a-new-key")

    out = io.StringIO()
    call_command("restore", str(tmp_path / "demo.tar.gz"), "--yes", stdout=out)
    assert "restored the backup" in out.getvalue() and "replaced: " in out.getvalue()
    assert _state() == before
    assert not (home / "media" / "stray.txt").exists()
    assert (home / "secret_key").read_text() == "the-old-key"
    assert not list(home.glob(".rightstrack-*"))  # no staging folder left


# --- while the server writes ------------------------------------------------------------


class Writer(threading.Thread):
    """Commits pairs of groups, one transaction each ("gN-a" and "gN-b"), until stopped."""

    def __init__(self, connect, placeholder):
        super().__init__(daemon=True)
        self.connect, self.placeholder = connect, placeholder
        self.committed = 0
        self.started_writing, self.stop = threading.Event(), threading.Event()
        self.error = None

    def run(self):
        conn = self.connect()
        try:
            insert = f"INSERT INTO auth_group (name) VALUES ({self.placeholder})"
            cursor = conn.cursor()
            while not self.stop.is_set():
                cursor.execute("BEGIN")  # one transaction: both rows or neither
                cursor.execute(insert, (f"g{self.committed}-a",))
                cursor.execute(insert, (f"g{self.committed}-b",))
                cursor.execute("COMMIT")
                self.committed += 1
                if self.committed == 50:
                    self.started_writing.set()
        except Exception as exc:  # reported by the test
            self.error = exc
            self.started_writing.set()
        finally:
            conn.close()


@committed
def test_backup_while_writes_go_on_is_one_consistent_moment(home, tmp_path):
    if connection.vendor == "sqlite":
        # A WAL database file (the suite's SQLite database is in memory), as served.
        live = tmp_path / "live.sqlite3"
        with sqlite3.connect(live) as copy:
            connection.ensure_connection()
            connection.connection.backup(copy)
        setup = sqlite3.connect(live)
        setup.execute("PRAGMA journal_mode=WAL")
        setup.close()
        database = {"ENGINE": "django.db.backends.sqlite3", "NAME": str(live)}
        writer = Writer(lambda: sqlite3.connect(live, timeout=30, isolation_level=None), "?")
    else:
        import psycopg

        database = None
        params = backup_db._Postgres(connection.settings_dict)._params()
        writer = Writer(lambda: psycopg.connect(**params, autocommit=True), "%s")
    writer.start()
    assert writer.started_writing.wait(60) and writer.error is None
    committed_before = writer.committed
    result = backup.create_backup(tmp_path / "live.tar.gz", database=database)
    committed_after = writer.committed
    writer.stop.set()
    writer.join(60)
    assert writer.error is None
    assert committed_after > committed_before  # the writer went on during the backup

    if database is None:
        backup.restore_backup(tmp_path / "live.tar.gz", confirm=lambda holdings: True)
        names = list(Group.objects.values_list("name", flat=True))
    else:
        restored = tmp_path / "restored.sqlite3"
        backup.restore_backup(
            tmp_path / "live.tar.gz",
            database={**database, "NAME": str(restored)},
            home=tmp_path / "home2",
            media_root=tmp_path / "home2" / "media",
        )
        names = [row[0] for row in sqlite3.connect(restored).execute("SELECT name FROM auth_group")]
    batches = {int(name[1:].split("-")[0]) for name in names}
    assert sorted(names) == sorted(f"g{n}-{half}" for n in batches for half in "ab")  # pairs only
    assert batches == set(range(len(batches)))  # a prefix of the commits, in order
    assert len(batches) >= committed_before  # every write committed before the backup began
    assert result.manifest["database"]["tables"]["auth_group"] == len(names)  # counts of the same moment


# --- refusals ---------------------------------------------------------------------------


@pytest.fixture
def small_backup(home, tmp_path):
    """A backup of a small database (one user, one group) with one media file."""
    get_user_model().objects.create(username="kept")
    Group.objects.create(name="in the backup")
    (home / "media").mkdir()
    (home / "media" / "note.txt").write_text("evidence")
    return backup.create_backup(tmp_path / "small.tar.gz").path


def _unchanged(home):
    assert list(Group.objects.values_list("name", flat=True)) == ["made after the backup"]
    assert get_user_model().objects.filter(username="kept").exists()
    assert (home / "media" / "note.txt").read_text() == "changed after the backup"
    assert (home / "secret_key").read_text() == "the-old-key"
    assert not list(home.glob(".rightstrack-*"))


def _diverge(home):
    Group.objects.all().update(name="made after the backup")
    (home / "media" / "note.txt").write_text("changed after the backup")


def _rewrite(archive, path, *, manifest=None, extra=()):
    """A copy of ``archive`` with another manifest and/or extra entries (name, bytes)."""
    with tarfile.open(archive, "r:gz") as source, tarfile.open(path, "w:gz") as target:
        for member in source:
            data = source.extractfile(member).read()
            if member.name == "manifest.json":
                for name, extra_data in extra:
                    _add(target, name, extra_data)
                if manifest:
                    data = json.dumps(manifest(json.loads(data))).encode()
            _add(target, member.name, data)
    return path


def _add(tar, name, data):
    info = tarfile.TarInfo(name)
    info.size = len(data)
    tar.addfile(info, io.BytesIO(data))


def _restore(*args):
    call_command("restore", *map(str, args), stdout=io.StringIO())


@committed
def test_a_target_holding_data_is_kept_without_yes(small_backup, home):
    _diverge(home)
    with pytest.raises(CommandError, match="the target already holds data .*1 users.*nothing was changed. Add --yes"):
        _restore(small_backup)
    _unchanged(home)
    _restore(small_backup, "--yes")
    assert list(Group.objects.values_list("name", flat=True)) == ["in the backup"]
    assert (home / "media" / "note.txt").read_text() == "evidence"


@committed
def test_a_damaged_or_truncated_archive_changes_nothing(small_backup, home, tmp_path):
    _diverge(home)
    data = small_backup.read_bytes()
    truncated = tmp_path / "truncated.tar.gz"
    truncated.write_bytes(data[: len(data) // 2])
    flipped = tmp_path / "flipped.tar.gz"
    middle = len(data) // 2
    flipped.write_bytes(data[:middle] + bytes([data[middle] ^ 0xFF]) + data[middle + 1 :])
    for archive in (truncated, flipped):
        with pytest.raises(CommandError, match="is damaged or truncated .*nothing was changed"):
            _restore(archive, "--yes")
        _unchanged(home)
    # Sound gzip and tar, but a file whose bytes are not those the manifest lists.
    forged = _rewrite(
        small_backup,
        tmp_path / "forged.tar.gz",
        manifest=lambda m: {
            **m,
            "files": [{**f, "sha256": "0" * 64} if f["name"].startswith("media/") else f for f in m["files"]],
        },
    )
    with pytest.raises(CommandError, match=r"damaged or truncated \(media/note.txt do not match the manifest\)"):
        _restore(forged, "--yes")
    _unchanged(home)


@committed
def test_files_that_are_not_backups_are_refused(small_backup, home, tmp_path):
    _diverge(home)
    text = tmp_path / "notes.tar.gz"
    text.write_text("not an archive")
    other = tmp_path / "other.tar.gz"
    with tarfile.open(other, "w:gz") as tar:
        _add(tar, "photo.jpg", b"\xff\xd8")
    no_manifest = tmp_path / "no-manifest.tar.gz"
    with tarfile.open(no_manifest, "w:gz") as tar:
        _add(tar, "database/rightstrack.sqlite3", b"x")
    for archive in (text, other):
        with pytest.raises(CommandError, match="is not a rightstrack backup|not a rightstrack backup: unexpected"):
            _restore(archive, "--yes")
    with pytest.raises(CommandError, match="no manifest"):
        _restore(no_manifest, "--yes")
    with pytest.raises(CommandError, match="no such file"):
        _restore(tmp_path / "missing.tar.gz")
    _unchanged(home)


@committed
def test_entries_pointing_outside_the_archive_are_refused(small_backup, home, tmp_path):
    _diverge(home)
    for name in ("media/../../evil.txt", "../evil.txt", "/tmp/evil-rightstrack-backup.txt", "media/..\\..\\evil.txt"):
        archive = _rewrite(small_backup, tmp_path / "evil.tar.gz", extra=[(name, b"evil")])
        with pytest.raises(CommandError, match=f"has an entry {re.escape(repr(name))} that points outside it"):
            _restore(archive, "--yes")
        _unchanged(home)
        assert not list(tmp_path.rglob("evil*.txt")) and not os.path.exists("/tmp/evil-rightstrack-backup.txt")


@committed
def test_a_backup_from_a_newer_rightstrack_or_another_engine_is_refused(small_backup, home, tmp_path):
    _diverge(home)
    newer = _rewrite(small_backup, tmp_path / "newer.tar.gz", manifest=lambda m: {**m, "rightstrack_version": "99.0"})
    with pytest.raises(CommandError, match="made by rightstrack 99.0, newer than this one"):
        _restore(newer, "--yes")
    unknown = _rewrite(
        small_backup,
        tmp_path / "unknown.tar.gz",
        manifest=lambda m: {
            **m,
            "database": {
                **m["database"],
                "migrations": m["database"]["migrations"] + [["core", "9999_from_the_future"]],
            },
        },
    )
    with pytest.raises(CommandError, match="migrations it does not know: core.9999_from_the_future"):
        _restore(unknown, "--yes")
    other = "postgresql" if connection.vendor == "sqlite" else "sqlite"
    crossed = _rewrite(
        small_backup,
        tmp_path / "crossed.tar.gz",
        manifest=lambda m: {**m, "database": {**m["database"], "engine": other}},
    )
    with pytest.raises(
        CommandError, match="holds a (SQLite|PostgreSQL) database and the configured database is (PostgreSQL|SQLite)"
    ):
        _restore(crossed, "--yes")
    _unchanged(home)


@committed
def test_an_older_backup_is_restored_then_migrated(home, tmp_path):
    Group.objects.create(name="in the backup")
    leaf = ("admin", "0003_logentry_add_action_flag_choices")
    call_command("migrate", "admin", "0002", verbosity=0)
    try:
        archive = backup.create_backup(tmp_path / "old.tar.gz").path
    finally:
        call_command("migrate", "admin", verbosity=0)
    result = backup.restore_backup(archive, confirm=lambda holdings: True)
    assert result.migrated == ["admin.0003_logentry_add_action_flag_choices"]
    assert leaf in MigrationRecorder(connection).applied_migrations()
    assert list(Group.objects.values_list("name", flat=True)) == ["in the backup"]


@committed
def test_backup_into_a_folder_keeps_the_newest(home, tmp_path):
    folder = tmp_path / "backups"
    folder.mkdir()
    for stamp in ("20200101-000000", "20210101-000000", "20220101-000000"):
        (folder / f"rightstrack-backup-{stamp}.tar.gz").write_bytes(b"old")
    (folder / "keep-me.tar.gz").write_bytes(b"not a dated backup")
    out = io.StringIO()
    call_command("backup", str(folder), "--keep", "2", stdout=out)
    left = sorted(p.name for p in folder.iterdir())
    assert len(left) == 3 and left[0] == "keep-me.tar.gz" and left[1] == "rightstrack-backup-20220101-000000.tar.gz"
    assert "removed old backup" in out.getvalue()
    manifest = json.loads(tarfile.open(folder / left[2]).extractfile("manifest.json").read())
    assert manifest["rightstrack_version"] and manifest["database"]["engine"] == backup_db.database_for(None).engine
    assert ["auth", "0001_initial"] in manifest["database"]["migrations"]
    with tarfile.open(folder / left[2]) as tar:
        for entry in manifest["files"]:
            assert hashlib.sha256(tar.extractfile(entry["name"]).read()).hexdigest() == entry["sha256"]
    with pytest.raises(CommandError, match="a backup is a .tar.gz file"):
        call_command("backup", str(tmp_path / "backup.zip"))


def test_the_console_script_reports_errors_on_one_line_with_exit_1(tmp_path):
    not_a_backup = tmp_path / "x.tar.gz"
    not_a_backup.write_text("hello")
    env = {**{k: v for k, v in os.environ.items() if k != "DATABASE_URL"}, "RIGHTSTRACK_HOME": str(tmp_path / "h")}
    result = subprocess.run(
        [sys.executable, "-m", "rightstrack", "restore", str(not_a_backup)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert (
        result.stderr.strip() == f"Error: {not_a_backup} is not a rightstrack backup (a .tar.gz written by "
        "`rightstrack backup`)"
    )
