"""The data directory (``RIGHTSTRACK_HOME``) and the secret key kept in it.

A laptop install keeps everything in one folder the user can back up: the SQLite
database, uploaded files, collected static files and the secret key. The key is made
on first run rather than shipped, so no two installs share one.
"""
from __future__ import annotations

import os
import secrets
from pathlib import Path


def data_dir() -> Path:
    """Return the data directory, creating it if needed."""
    path = Path(os.environ.get("RIGHTSTRACK_HOME", "rightstrack-data")).expanduser().resolve()
    path.mkdir(parents=True, exist_ok=True)
    return path


def secret_key(home: Path) -> str:
    """Return ``$RIGHTSTRACK_SECRET_KEY`` or the key stored in the data directory.

    The key file is created on first use, readable by its owner only.
    """
    from_env = os.environ.get("RIGHTSTRACK_SECRET_KEY")
    if from_env:
        return from_env
    key_file = home / "secret_key"
    if not key_file.exists():
        # O_EXCL: two processes starting at once must not write two different keys.
        try:
            fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(fd, "w") as handle:
                handle.write(secrets.token_urlsafe(64))
    return key_file.read_text().strip()
