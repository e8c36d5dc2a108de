"""What follows an import, the same from the command line and from the browser.

The steps belong to the apps that build on recommendations (the meaning vectors to
``search``, the tag suggestions to ``tagging``), which register them here from their
``AppConfig.ready``: the importer never imports them, and ``rightstrack import`` and the
web import's job run the same list through ``after_import``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings


@dataclass(frozen=True)
class Step:
    """``run(ids, progress)`` returns the lines a person reads (maybe none). ``needs``
    names the steps it cannot do without (tag suggestions need the vectors)."""

    name: str
    order: int
    run: Callable
    enabled: Callable[[], bool]
    needs: tuple[str, ...] = ()
    skipped_hint: object = ""  # said when a step it needs was left out


STEPS: dict[str, Step] = {}


def register(
    name: str,
    run: Callable,
    *,
    order: int,
    enabled: Callable[[], bool] = lambda: True,
    needs: tuple[str, ...] = (),
    skipped_hint="",
) -> None:
    STEPS[name] = Step(name, order, run, enabled, needs, skipped_hint)


def after_import(
    ids: list[int], *, skip: set[str] | frozenset = frozenset(), say: Callable[[str], None] = print, progress=None
) -> list[str]:
    """Run the registered steps for the recommendations an import created or changed.

    ``skip`` names steps left out (``--no-vectors`` skips ``vectors``, and so every step
    that needs them); ``say`` receives each line; ``progress`` (a ``core.jobs.Progress``
    or None) follows the long ones. Returns the steps that ran."""
    if not ids:
        return []
    skipped = set(skip) | {s.name for s in STEPS.values() if not s.enabled()}
    ran = []
    for step in sorted(STEPS.values(), key=lambda s: s.order):
        missing = [n for n in step.needs if n in skipped]
        if step.name in skipped or missing:
            if missing and step.name not in skipped and step.skipped_hint:
                say(str(step.skipped_hint))
            skipped.add(step.name)
            continue
        for line in step.run(ids, progress) or []:
            say(line)
        ran.append(step.name)
    return ran


def vectors_on_import() -> bool:
    return settings.VECTORS_ON_IMPORT


def tags_on_import() -> bool:
    return settings.TAG_ON_IMPORT
