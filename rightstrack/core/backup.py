"""Backup and restore of a whole installation: database, evidence files and secret key.

A backup is one gzip-compressed tar file (``.tar.gz``): one compressed stream, so the
database and the media compress together; the standard library writes and reads it as a
stream (no size limit, nothing held in memory); ``tar`` opens it on Linux, macOS and
Windows 10+. Members, in this order::

    database/rightstrack.sqlite3   SQLite: a snapshot made by SQLite's backup API
    database/rightstrack.sql       PostgreSQL: pg_dump (plain SQL, no owners or grants)
    secret_key                     the key file of the data directory, if the key is kept there
    media/...                      evidence files and pending import uploads, as stored
    manifest.json                  last: versions, engine, migrations, row counts, every
                                   file's size and sha256 (so a truncated file has none)

Trained classifiers are rows of the database (``tagging.Classifier``), so they are in it;
the manifest records the library versions their pickles need. Static files are not saved:
``rightstrack init`` collects them again.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import io
import json
import os
import re
import shutil
import tarfile
import tempfile
import zlib
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.conf import settings
from django.db import connections
from django.utils.translation import gettext as _

from rightstrack import __version__
from rightstrack.core.backup_db import ENGINE_NAMES, BackupError, NotEmptyError, database_for

FORMAT = "rightstrack-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
KEY = "secret_key"
MEDIA = "media"
NAME_PATTERN = re.compile(r"^rightstrack-backup-\d{8}-\d{6}\.tar\.gz$")
LIBRARIES = ("django", "numpy", "scipy", "scikit-learn")  # the classifiers' pickles need the same ones
# Tables whose rows make a restore target "not empty" (reference data and the SDG
# classifiers that `rightstrack init` loads by itself do not count).
HOLDINGS = ("recommendations.recommendation", "core.auditevent", "progress.progressreport", "planning.plan")


# --- backup -----------------------------------------------------------------------------


@dataclass
class BackupResult:
    path: Path
    size: int
    manifest: dict
    removed: list[Path] = field(default_factory=list)

    def lines(self) -> list[str]:
        database = self.manifest["database"]
        media = [f for f in self.manifest["files"] if f["name"].startswith(MEDIA + "/")]
        db_file = next(f for f in self.manifest["files"] if f["name"] == database["file"])
        lines = [
            _("wrote %(path)s (%(size)s)") % {"path": self.path, "size": _size(self.size)},
            _("  database: %(engine)s, %(size)s, %(tables)d tables")
            % {
                "engine": ENGINE_NAMES[database["engine"]],
                "size": _size(db_file["size"]),
                "tables": len(database["tables"]),
            },
            _("  media: %(count)d files, %(size)s")
            % {"count": len(media), "size": _size(sum(f["size"] for f in media))},
            _("  secret key: %(where)s")
            % {
                "where": {
                    "file": _("included"),
                    "environment": _("not included (it is set by RIGHTSTRACK_SECRET_KEY: keep that value)"),
                }[self.manifest["secret_key"]]
            },
            _("  records: %(counts)s") % {"counts": describe_records(self.manifest["records"])},
        ]
        lines += [_("removed old backup %(path)s") % {"path": path} for path in self.removed]
        return lines


def create_backup(
    destination,
    *,
    keep: int | None = None,
    database: dict | None = None,
    home: Path | None = None,
    media_root: Path | None = None,
) -> BackupResult:
    """Write a backup of the database, media and secret key to ``destination``.

    Safe while the server writes: the database is copied as of one moment (SQLite's
    backup API, or one PostgreSQL snapshot for pg_dump and the counts). ``destination``
    is a ``.tar.gz`` file or an existing folder, which gets a dated file; with a folder,
    ``keep`` removes all but the ``keep`` newest dated backups in it. The file is written
    under a temporary name and renamed when complete, readable by its owner only.
    ``database``, ``home`` and ``media_root`` default to the configured ones.
    """
    db = database_for(database)
    home = Path(home or settings.HOME)
    media_root = Path(media_root or settings.MEDIA_ROOT)
    path, folder = _destination(Path(destination), keep)
    if media_root.resolve() in path.resolve().parents:
        raise BackupError(_("%(path)s is inside the media folder: write backups elsewhere") % {"path": path})
    key_file = home / KEY
    files: list[dict] = []
    fd, partial = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".partial", dir=path.parent)
    try:
        with tempfile.TemporaryDirectory(prefix=".rightstrack-backup-", dir=path.parent) as work:
            dump = Path(work) / Path(db.member).name
            facts = db.snapshot(dump)
            with os.fdopen(fd, "wb") as raw:
                with tarfile.open(fileobj=raw, mode="w:gz", compresslevel=6) as tar:
                    files.append(_add(tar, dump, db.member, mode=0o600))
                    dump.unlink()
                    if key_file.is_file() and not os.environ.get("RIGHTSTRACK_SECRET_KEY"):
                        files.append(_add(tar, key_file, KEY, mode=0o600))
                    # After the snapshot: a committed evidence row's file was saved before its
                    # row, so every file the snapshot refers to is on disk by now.
                    for file in sorted(media_root.rglob("*")) if media_root.is_dir() else []:
                        if file.is_file():
                            files.append(_add(tar, file, f"{MEDIA}/{file.relative_to(media_root).as_posix()}"))
                    files = [f for f in files if f]
                    manifest = _manifest(
                        db.engine,
                        db.member,
                        facts,
                        files,
                        "file" if any(f["name"] == KEY for f in files) else "environment",
                    )
                    data = json.dumps(manifest, indent=1, ensure_ascii=False).encode()
                    info = tarfile.TarInfo(MANIFEST)
                    info.size, info.mtime, info.mode = len(data), int(dt.datetime.now().timestamp()), 0o600
                    tar.addfile(info, io.BytesIO(data))
                raw.flush()
                os.fsync(raw.fileno())
        os.chmod(partial, 0o600)
        os.replace(partial, path)
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise
    removed = _prune(path.parent, keep) if folder and keep else []
    return BackupResult(path, path.stat().st_size, manifest, removed)


def _destination(destination: Path, keep: int | None) -> tuple[Path, bool]:
    if destination.is_dir():
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        return destination / f"rightstrack-backup-{stamp}.tar.gz", True
    if keep is not None:
        raise BackupError(_("--keep needs a folder, not a file name: %(path)s") % {"path": destination})
    if not destination.name.endswith((".tar.gz", ".tgz")):
        raise BackupError(
            _("%(path)s: a backup is a .tar.gz file (gzip-compressed tar), name it so") % {"path": destination}
        )
    if not destination.parent.is_dir():
        raise BackupError(_("no folder %(path)s") % {"path": destination.parent})
    return destination, False


def _prune(folder: Path, keep: int) -> list[Path]:
    dated = sorted((p for p in folder.iterdir() if NAME_PATTERN.match(p.name)), reverse=True)
    for path in dated[keep:]:
        path.unlink()
    return dated[keep:]


class _Hashing:
    """A file read through sha256, for tarfile."""

    def __init__(self, handle):
        self.handle, self.sha256 = handle, hashlib.sha256()

    def read(self, size=-1):
        chunk = self.handle.read(size)
        self.sha256.update(chunk)
        return chunk


def _add(tar: tarfile.TarFile, path: Path, name: str, mode: int = 0o644) -> dict | None:
    try:
        handle = path.open("rb")
    except FileNotFoundError:
        return None  # deleted since the folder was listed
    with handle:
        stat = os.fstat(handle.fileno())
        info = tarfile.TarInfo(name)
        info.size, info.mtime, info.mode = stat.st_size, int(stat.st_mtime), mode
        reader = _Hashing(handle)
        try:
            tar.addfile(info, reader)
        except OSError as exc:
            raise BackupError(
                _("%(path)s changed while it was being saved; run the backup again") % {"path": path}
            ) from exc
    return {"name": name, "size": info.size, "sha256": reader.sha256.hexdigest()}


def _manifest(engine: str, member: str, facts: dict, files: list[dict], key: str) -> dict:
    libraries = {}
    for name in LIBRARIES:
        try:
            libraries[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            pass
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "rightstrack_version": __version__,
        "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "database": {"engine": engine, "file": member, **facts},
        "records": _records(facts["tables"]),
        "libraries": libraries,
        "secret_key": key,
        "files": files,
    }


def _records(tables: dict[str, int]) -> dict[str, int]:
    """Rows by model ("app.model"), for people; ``tables`` is what restores are checked on."""
    return {
        model._meta.label_lower: tables[model._meta.db_table]
        for model in apps.get_models()
        if not model._meta.proxy and model._meta.db_table in tables
    }


def describe_records(records: dict[str, int]) -> str:
    """'664 recommendations, 12 changes, …' for the models with rows."""
    parts = []
    for label, count in records.items():
        try:
            model = apps.get_model(label)
        except (LookupError, ValueError):
            continue
        if count:
            parts.append(f"{count} {model._meta.verbose_name_plural}")
    return ", ".join(parts) or _("none")


def _size(n: int) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1024


# --- restore ----------------------------------------------------------------------------


@dataclass
class RestoreResult:
    manifest: dict
    replaced: str = ""
    migrated: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        m = self.manifest
        media = [f for f in m["files"] if f["name"].startswith(MEDIA + "/")]
        lines = [
            _("restored the backup of %(created)s (rightstrack %(version)s, %(engine)s)")
            % {
                "created": m["created_at"],
                "version": m["rightstrack_version"],
                "engine": ENGINE_NAMES[m["database"]["engine"]],
            }
        ]
        if self.replaced:
            lines.append(_("  replaced: %(what)s") % {"what": self.replaced})
        lines.append(
            _("  database: %(tables)d tables, row counts checked against the manifest")
            % {"tables": len(m["database"]["tables"])}
        )
        lines.append(_("  records: %(counts)s") % {"counts": describe_records(m["records"])})
        lines.append(_("  media: %(count)d files, checksums verified") % {"count": len(media)})
        lines.append(
            _("  secret key: %(what)s")
            % {
                "what": _("restored")
                if m["secret_key"] == "file"
                else _("not in the backup (set RIGHTSTRACK_SECRET_KEY as on the old machine)")
            }
        )
        if self.migrated:
            lines.append(_("  database upgraded to this version: %(n)d migrations applied") % {"n": len(self.migrated)})
        return lines + self.notes


def restore_backup(
    archive, *, confirm=None, database: dict | None = None, home: Path | None = None, media_root: Path | None = None
) -> RestoreResult:
    """Restore a backup into the configured database and data directory.

    The archive is extracted to a temporary folder and checked first (its manifest, every
    file's size and sha256, no names outside the archive, the version: a backup made by a
    newer rightstrack is refused, an older one is migrated after the restore). A target
    holding data is replaced only if ``confirm(description)`` returns True (None: refuse).
    The media folder is swapped by renames and the database replaced in one transaction;
    if the database fails, the old media folder is put back. Stop the server first.
    """
    archive = Path(archive)
    if not archive.is_file():
        raise BackupError(_("no such file: %(path)s") % {"path": archive})
    configured = database is None
    db = database_for(database)
    home = Path(home or settings.HOME)
    media_root = Path(media_root or settings.MEDIA_ROOT)
    media_root.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".rightstrack-restore-", dir=media_root.parent))
    try:
        manifest = _extract(archive, staging)
        pending, notes = _compatibility(manifest, db)
        expected = {str(k): int(v) for k, v in manifest["database"]["tables"].items()}
        staged_db = staging / manifest["database"]["file"]
        db.check(staged_db, expected)
        holdings = _holdings(db, media_root)
        if holdings and not (confirm and confirm(holdings)):
            raise NotEmptyError(
                _(
                    "the target already holds data (%(what)s); nothing was changed. Add --yes to "
                    "replace it with the backup"
                )
                % {"what": holdings}
            )
        new_media, old_media = staging / MEDIA, staging / "media-replaced"
        new_media.mkdir(exist_ok=True)
        if media_root.exists():
            os.replace(media_root, old_media)
        try:
            os.replace(new_media, media_root)
            if configured:
                connections.close_all()
            db.replace(staged_db, expected)
        except BaseException:
            if not new_media.exists() and media_root.exists():
                os.replace(media_root, new_media)
            if old_media.exists():
                os.replace(old_media, media_root)
            raise
        if (staging / KEY).is_file():
            os.chmod(staging / KEY, 0o600)
            os.replace(staging / KEY, home / KEY)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    result = RestoreResult(manifest, replaced=holdings, notes=notes)
    if configured:
        from django.contrib.contenttypes.models import ContentType
        from django.core.management import call_command

        ContentType.objects.clear_cache()  # ids are the backup's now
        if pending:
            call_command("migrate", interactive=False, verbosity=0)
            result.migrated = pending
    return result


def _extract(archive: Path, staging: Path) -> dict:
    """Extract the archive's files into ``staging`` and return its checked manifest."""
    found: dict[str, tuple[int, str]] = {}
    manifest = None
    with archive.open("rb") as handle:
        if handle.read(2) != b"\x1f\x8b":  # gzip's magic number
            raise _not_a_backup(archive)
    try:
        tar = tarfile.open(archive, "r:gz")
    except (tarfile.TarError, EOFError, zlib.error, gzip.BadGzipFile) as exc:
        raise _not_a_backup(archive) from exc  # gzip, but not a tar
    try:
        with tar:
            for index, member in enumerate(tar):
                name = _safe_name(member.name)
                if index == 0 and not name.startswith("database/"):
                    raise _not_a_backup(archive)
                if member.isdir():
                    continue
                if not member.isfile():
                    raise BackupError(
                        _("%(archive)s: %(name)s is a link or a device; a backup holds only files")
                        % {"archive": archive, "name": member.name}
                    )
                if manifest is not None:
                    raise _damaged(archive, _("files after the manifest"))
                source = tar.extractfile(member)
                if name == MANIFEST:
                    manifest = _load_manifest(archive, source.read())
                    continue
                target = staging / name
                target.parent.mkdir(parents=True, exist_ok=True)
                digest = hashlib.sha256()
                with target.open("wb") as out:
                    while chunk := source.read(1 << 20):
                        digest.update(chunk)
                        out.write(chunk)
                found[name] = (member.size, digest.hexdigest())
            while tar.fileobj.read(1 << 20):  # to the end, so gzip checks its CRC and length
                pass
    except (tarfile.TarError, EOFError, zlib.error, gzip.BadGzipFile) as exc:
        raise _damaged(archive, str(exc)) from exc
    if manifest is None:
        raise _damaged(archive, _("no manifest at its end (truncated?)"))
    listed = {f["name"]: (f["size"], f["sha256"]) for f in manifest["files"]}
    wrong = sorted(n for n in listed.keys() | found.keys() if listed.get(n) != found.get(n))
    if wrong:
        raise _damaged(archive, _("%(files)s do not match the manifest") % {"files": ", ".join(wrong[:5])})
    if manifest["database"]["file"] not in found:
        raise _damaged(archive, _("no database file"))
    return manifest


def _safe_name(name: str) -> str:
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts or "\\" in name or re.match(r"^[A-Za-z]:", name):
        raise BackupError(
            _("refused: the archive has an entry %(name)s that points outside it (absolute or ..); nothing was changed")
            % {"name": repr(name)}
        )
    clean = "/".join(p for p in path.parts if p != ".")
    if not (clean in (MANIFEST, KEY, "database", MEDIA) or clean.startswith(("database/", MEDIA + "/"))):
        raise BackupError(_("not a rightstrack backup: unexpected entry %(name)s") % {"name": repr(name)})
    return clean


def _load_manifest(archive: Path, data: bytes) -> dict:
    try:
        manifest = json.loads(data)
    except ValueError as exc:
        raise _not_a_backup(archive) from exc
    database = manifest.get("database") if isinstance(manifest, dict) else None
    if (
        not isinstance(database, dict)
        or manifest.get("format") != FORMAT
        or not isinstance(manifest.get("files"), list)
        or not all(isinstance(f, dict) and {"name", "size", "sha256"} <= f.keys() for f in manifest["files"])
        or not {"engine", "file", "tables", "migrations"} <= database.keys()
    ):
        raise _not_a_backup(archive)
    if not isinstance(manifest.get("format_version"), int) or manifest["format_version"] > FORMAT_VERSION:
        raise BackupError(
            _(
                "%(archive)s was made by a newer rightstrack (backup format %(found)s, this one reads "
                "%(known)s): upgrade rightstrack first"
            )
            % {"archive": archive, "found": manifest.get("format_version"), "known": FORMAT_VERSION}
        )
    return manifest


def _not_a_backup(archive: Path) -> BackupError:
    return BackupError(
        _("%(archive)s is not a rightstrack backup (a .tar.gz written by `rightstrack backup`)") % {"archive": archive}
    )


def _damaged(archive: Path, why: str) -> BackupError:
    return BackupError(
        _("%(archive)s is damaged or truncated (%(why)s); nothing was changed") % {"archive": archive, "why": why}
    )


def _version(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", str(text))[:3])


def _compatibility(manifest: dict, db) -> tuple[list[str], list[str]]:
    """Refuse a backup this code cannot restore; return the migrations it lacks and notes."""
    from django.db.migrations.loader import MigrationLoader

    engine = manifest["database"]["engine"]
    if engine != db.engine:
        raise BackupError(
            _(
                "this backup holds a %(backup)s database and the configured database is %(target)s: "
                "restore it with the same engine (DATABASE_URL %(hint)s)"
            )
            % {
                "backup": ENGINE_NAMES.get(engine, engine),
                "target": ENGINE_NAMES[db.engine],
                "hint": _("unset") if engine == "sqlite" else _("set to a PostgreSQL database"),
            }
        )
    loader = MigrationLoader(None, ignore_no_migrations=True)
    known = set(loader.disk_migrations) | {r for m in loader.disk_migrations.values() for r in (m.replaces or [])}
    applied = {tuple(m) for m in manifest["database"]["migrations"]}
    unknown = sorted(applied - known)
    if _version(manifest["rightstrack_version"]) > _version(__version__) or unknown:
        raise BackupError(
            _(
                "this backup was made by rightstrack %(backup)s, newer than this one (%(this)s)%(which)s: "
                "upgrade rightstrack, then restore"
            )
            % {
                "backup": manifest["rightstrack_version"],
                "this": __version__,
                "which": _(", with migrations it does not know: %(names)s")
                % {"names": ", ".join(f"{a}.{n}" for a, n in unknown[:3])}
                if unknown
                else "",
            }
        )
    pending = []
    for key in loader.graph.nodes:
        replaced = set(getattr(loader.disk_migrations.get(key), "replaces", None) or [])
        if key not in applied and not (replaced and replaced <= applied):  # a squash of applied ones is not new
            pending.append(f"{key[0]}.{key[1]}")
    notes = []
    for name, version in manifest.get("libraries", {}).items():
        try:
            here = metadata.version(name)
        except metadata.PackageNotFoundError:
            here = None
        if name == "scikit-learn" and here != version:
            notes.append(
                _(
                    "note: the classifiers were trained with scikit-learn %(then)s and this install has "
                    "%(now)s; if tagging fails, run `rightstrack train`"
                )
                % {"then": version, "now": here}
            )
    return pending, notes


def _holdings(db, media_root: Path) -> str:
    """What the target holds that a restore would replace ('' if nothing)."""
    models = {}
    for label in (settings.AUTH_USER_MODEL.lower(), *HOLDINGS):
        try:
            model = apps.get_model(label)
        except (LookupError, ValueError):
            continue
        models[model._meta.db_table] = model
    counts = db.counts(list(models))
    parts = [f"{n} {models[t]._meta.verbose_name_plural}" for t, n in counts.items() if n]
    media = sum(1 for p in media_root.rglob("*") if p.is_file()) if media_root.is_dir() else 0
    if media:
        parts.append(_("%(n)d files in %(path)s") % {"n": media, "path": media_root})
    return ", ".join(parts)
