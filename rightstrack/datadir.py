"""The data directory (``RIGHTSTRACK_HOME``) and the secret key kept in it.

A laptop install keeps everything in one folder the user can back up: the SQLite
database, uploaded files, collected static files and the secret key. The key is made
on first use rather than shipped, so no two installs share one.

Reading the settings creates nothing: the folder is made by the first thing that writes
in it (``rightstrack init``, the server, the key's first use), so `rightstrack --help`
or a mistyped command leaves no empty folder behind.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path


def data_dir() -> Path:
    """Return the data directory (not created here: see ``ensure``)."""
    return Path(os.environ.get("RIGHTSTRACK_HOME", "rightstrack-data")).expanduser().resolve()


def ensure(*paths: Path) -> None:
    """Create these folders (the data directory and those in it) if they are missing."""
    for path in paths:
        path.mkdir(parents=True, exist_ok=True)


def prepare() -> None:
    """Make the data directory and its static folder, before a command or the server
    opens the database (SQLite makes a file, not its folder) or whitenoise looks for
    collected files (it warns when the folder is missing)."""
    from django.conf import settings

    ensure(settings.HOME, settings.STATIC_ROOT)


def lazy_secret_key(home: Path):
    """The key as Django's settings hold it: read (or made) when first used, not when
    the settings are read."""
    from django.utils.functional import lazy

    return lazy(secret_key, str)(home)


def secret_key(home: Path) -> str:
    """Return ``$RIGHTSTRACK_SECRET_KEY`` or the key stored in the data directory.

    The key file is created on first use, readable by its owner only.
    """
    from_env = os.environ.get("RIGHTSTRACK_SECRET_KEY")
    if from_env:
        return from_env
    key_file = home / "secret_key"
    if not key_file.exists():
        ensure(home)
        # O_EXCL: two processes starting at once must not write two different keys.
        try:
            fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(fd, "w") as handle:
                handle.write(secrets.token_urlsafe(64))
    return key_file.read_text().strip()
