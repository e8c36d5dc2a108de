"""A progress bar on a terminal, nothing when the output is a file or a pipe."""
from __future__ import annotations

import contextlib
import sys


@contextlib.contextmanager
def progress_bar(description: str, total: int | None = None, unit: str = " records"):
    """Yields an ``update(n)`` callable; draws a tqdm bar on standard error if it is a terminal."""
    if not sys.stderr.isatty():
        yield lambda n: None
        return
    from tqdm import tqdm

    bar = tqdm(desc=description, total=total, unit=unit, file=sys.stderr, leave=False)
    try:
        yield bar.update
    finally:
        bar.close()
