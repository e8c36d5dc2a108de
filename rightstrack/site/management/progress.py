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


def embed_missing_vectors() -> int:
    """Compute the meaning vectors that are missing or stale, with a progress bar; returns
    how many (the commands that need vectors before they work call this). The number is
    a ``search.services.Embedded``: its ``skipped`` lists the recommendations whose text
    the encoder failed on (see ``vectors_summary``); one such text never stops the run."""
    from rightstrack.search import services

    missing = services.missing_embeddings()
    if not missing:
        return services.Embedded(0)
    with progress_bar("meaning vectors", len(missing)) as update:
        return services.embed_recommendations(missing, update)
