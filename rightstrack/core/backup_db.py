"""The databases of ``rightstrack backup`` and ``restore`` (see core.backup): a copy of
one moment while others write, row counts, and a replacement in one transaction, for
SQLite (its backup API) and PostgreSQL (pg_dump and psql, the client programs)."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import tempfile
from pathlib import Path

from django.db import connections
from django.utils.translation import gettext as _

from rightstrack.core.errors import RightstrackError


class BackupError(RightstrackError):
    """A backup that cannot be written or restored; nothing was changed."""


class NotEmptyError(BackupError):
    """The restore target holds data and replacing it was not confirmed."""


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


class _SQLite:
    engine = "sqlite"
    member = "database/rightstrack.sqlite3"

    def __init__(self, settings_dict: dict):
        self.name = str(settings_dict["NAME"])

    def _connect(self, name: str | None = None) -> sqlite3.Connection:
        name = name or self.name
        return sqlite3.connect(name, uri=name.startswith("file:"), timeout=30, isolation_level=None)

    def exists(self) -> bool:
        return self.name.startswith("file:") or Path(self.name).exists()

    def snapshot(self, target: Path) -> dict:
        """Copy the database as of one commit into ``target``, while others keep writing."""
        if not self.exists():
            raise BackupError(_("no database at %(path)s: run `rightstrack init` first") % {"path": self.name})
        source, copy = self._connect(), sqlite3.connect(target, isolation_level=None)
        try:
            # pages=-1: every page in one step, inside one read transaction, so the copy is
            # the database as of one commit, including commits still in the -wal file.
            source.backup(copy, pages=-1)
            copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal
            return {**_sqlite_facts(copy), "server": sqlite3.sqlite_version}
        finally:
            copy.close()
            source.close()

    def counts(self, tables) -> dict[str, int]:
        if not self.exists():
            return {}
        with _closing(self._connect()) as conn:
            present = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            return {t: conn.execute(f"SELECT count(*) FROM {_quote(t)}").fetchone()[0] for t in tables if t in present}

    def check(self, staged: Path, expected: dict[str, int]) -> None:
        """The staged copy is a sound database with the rows the manifest counts."""
        try:
            with _closing(sqlite3.connect(f"file:{staged}?mode=ro", uri=True)) as conn:
                verdict = conn.execute("PRAGMA quick_check").fetchone()[0]
                found = _sqlite_facts(conn)["tables"]
        except sqlite3.DatabaseError as exc:
            raise BackupError(_("the database in the backup is damaged: %(error)s") % {"error": exc}) from exc
        if verdict != "ok" or found != expected:
            raise BackupError(_("the database in the backup is damaged: its tables do not match the manifest"))

    def replace(self, staged: Path, expected: dict[str, int]) -> None:
        if self.exists():
            # Through SQLite rather than over the file: one write transaction on the
            # target, which its own -wal file cannot contradict afterwards.
            with _closing(sqlite3.connect(staged)) as source, _closing(self._connect()) as target:
                source.backup(target, pages=-1)
            return
        path = Path(self.name)
        path.parent.mkdir(parents=True, exist_ok=True)
        for suffix in ("-wal", "-shm", "-journal"):  # left by a database that was deleted
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        shutil.copyfile(staged, f"{path}.restoring")
        os.replace(f"{path}.restoring", path)


def _sqlite_facts(conn: sqlite3.Connection) -> dict:
    tables = sorted(
        row[0]
        for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    )
    counts = {t: conn.execute(f"SELECT count(*) FROM {_quote(t)}").fetchone()[0] for t in tables}
    migrations = (
        conn.execute("SELECT app, name FROM django_migrations ORDER BY id").fetchall()
        if "django_migrations" in counts
        else []
    )
    return {"tables": counts, "migrations": [list(row) for row in migrations]}


class _closing:
    """``contextlib.closing`` for sqlite3 (its own context manager commits, not closes)."""

    def __init__(self, conn):
        self.conn = conn

    def __enter__(self):
        return self.conn

    def __exit__(self, *exc):
        self.conn.close()


class _Postgres:
    engine = "postgresql"
    member = "database/rightstrack.sql"
    LIBPQ_OPTIONS = ("sslmode", "sslrootcert", "sslcert", "sslkey", "connect_timeout", "options")

    def __init__(self, settings_dict: dict):
        self.db = settings_dict

    def _params(self) -> dict:
        params = {
            "dbname": self.db.get("NAME"),
            "user": self.db.get("USER"),
            "password": self.db.get("PASSWORD"),
            "host": self.db.get("HOST"),
            "port": str(self.db.get("PORT") or ""),
        }
        options = self.db.get("OPTIONS") or {}
        params.update({k: str(options[k]) for k in self.LIBPQ_OPTIONS if options.get(k)})
        return {k: v for k, v in params.items() if v}

    def _env(self) -> dict:
        # The password goes through the environment, never on a command line.
        names = {
            "dbname": "PGDATABASE",
            "user": "PGUSER",
            "password": "PGPASSWORD",
            "host": "PGHOST",
            "port": "PGPORT",
            "sslmode": "PGSSLMODE",
            "sslrootcert": "PGSSLROOTCERT",
            "sslcert": "PGSSLCERT",
            "sslkey": "PGSSLKEY",
            "connect_timeout": "PGCONNECT_TIMEOUT",
            "options": "PGOPTIONS",
        }
        return {**os.environ, **{names[k]: v for k, v in self._params().items()}}

    def _connect(self):
        import psycopg

        try:
            return psycopg.connect(**self._params(), autocommit=True)
        except psycopg.Error as exc:
            raise BackupError(_("cannot connect to PostgreSQL: %(error)s") % {"error": str(exc).strip()}) from exc

    def snapshot(self, target: Path) -> dict:
        """pg_dump and the counts, all of one exported snapshot (one moment of the database)."""
        pg_dump = _tool("pg_dump")
        with self._connect() as conn:
            conn.execute("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            snapshot = conn.execute("SELECT pg_export_snapshot()").fetchone()[0]
            _run(
                [
                    pg_dump,
                    "--format=plain",
                    "--no-owner",
                    "--no-privileges",
                    "--snapshot",
                    snapshot,
                    "--file",
                    str(target),
                ],
                self._env(),
            )
            facts = {
                "tables": self._counts(conn),
                "server": conn.execute("SHOW server_version").fetchone()[0],
                "pg_dump": _run([pg_dump, "--version"], self._env()).strip(),
            }
            facts["migrations"] = (
                [list(row) for row in conn.execute("SELECT app, name FROM django_migrations ORDER BY id")]
                if "django_migrations" in facts["tables"]
                else []
            )
            conn.execute("COMMIT")
        return facts

    @staticmethod
    def _counts(conn, only=None) -> dict[str, int]:
        tables = [
            row[0]
            for row in conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")
        ]
        return {
            t: conn.execute(f"SELECT count(*) FROM public.{_quote(t)}").fetchone()[0]
            for t in tables
            if only is None or t in only
        }

    def counts(self, tables) -> dict[str, int]:
        with self._connect() as conn:
            return self._counts(conn, set(tables))

    def check(self, staged: Path, expected: dict[str, int]) -> None:
        pass  # checked inside the restoring transaction (see replace)

    def replace(self, staged: Path, expected: dict[str, int]) -> None:
        """One psql transaction: drop what is there, run the dump, compare every table's
        rows with the manifest; any error rolls all of it back."""
        psql = _tool("psql")
        with tempfile.TemporaryFile() as errors:
            process = subprocess.Popen(
                [psql, "-X", "-q", "-v", "ON_ERROR_STOP=1", "--single-transaction", "-f", "-"],
                stdin=subprocess.PIPE,
                stdout=subprocess.DEVNULL,
                stderr=errors,
                env=self._env(),
            )
            try:
                process.stdin.write(CLEAN_PUBLIC_SCHEMA.encode())
                with staged.open("rb") as dump:
                    shutil.copyfileobj(dump, process.stdin, 1 << 20)
                process.stdin.write(_verify_sql(expected).encode())
                process.stdin.close()
            except BrokenPipeError:
                pass  # psql stopped at an error: its message says which
            if process.wait() != 0:
                errors.seek(0)
                message = errors.read().decode(errors="replace").strip().splitlines()
                raise BackupError(
                    _("PostgreSQL refused the restore, nothing was changed: %(error)s")
                    % {"error": " ".join(message[-3:]) or process.returncode}
                )


# Every table, view, sequence and function of the public schema.
CLEAN_PUBLIC_SCHEMA = """
DO $rightstrack$
DECLARE r record;
BEGIN
  FOR r IN SELECT c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
           WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
             -- not extensions' own, nor a column's sequence (it goes with its table)
             AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('e', 'i', 'a')) LOOP
    EXECUTE format('DROP %s IF EXISTS public.%I CASCADE',
                   CASE r.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'S' THEN 'SEQUENCE'
                                  WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END, r.relname);
  END LOOP;
  FOR r IN SELECT p.oid::regprocedure AS signature, p.prokind
           FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
           WHERE n.nspname = 'public'
             AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e') LOOP
    EXECUTE format('DROP %s IF EXISTS %s CASCADE',
                   CASE r.prokind WHEN 'p' THEN 'PROCEDURE' WHEN 'a' THEN 'AGGREGATE' ELSE 'FUNCTION' END, r.signature);
  END LOOP;
END $rightstrack$;
"""


def _verify_sql(expected: dict[str, int]) -> str:
    checks = "".join(
        f"  IF (SELECT count(*) FROM public.{_quote(table)}) <> {int(rows)} THEN "
        f"RAISE EXCEPTION 'table % does not have the % rows of the backup', {_literal(table)}, {int(rows)}; END IF;\n"
        for table, rows in expected.items()
    )
    return f"\nDO $rightstrack$\nBEGIN\n{checks}  NULL;\nEND $rightstrack$;\n"


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _tool(name: str) -> str:
    found = shutil.which(name)
    if not found:
        raise BackupError(
            _(
                "%(tool)s is not installed: PostgreSQL backups need PostgreSQL's client programs "
                "(e.g. apt install postgresql-client)"
            )
            % {"tool": name}
        )
    return found


def _run(command: list[str], env: dict) -> str:
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(
            _("%(tool)s failed: %(error)s") % {"tool": Path(command[0]).name, "error": result.stderr.strip()}
        )
    return result.stdout


def database_for(settings_dict: dict | None):
    """The adapter of a database (Django settings dict; None: the configured one)."""
    settings_dict = settings_dict or connections["default"].settings_dict
    engine = settings_dict["ENGINE"]
    if "sqlite" in engine:
        return _SQLite(settings_dict)
    if "postgres" in engine:
        return _Postgres(settings_dict)
    raise BackupError(_("backups work with SQLite and PostgreSQL, not %(engine)s") % {"engine": engine})


ENGINE_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
