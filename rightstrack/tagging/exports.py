"""The quality check's columns of an export (added after the contract's keys on request).

Not in the records the API serves: checking every text of every page would slow it for
columns few callers want.
"""

from __future__ import annotations

from rightstrack.tagging.quality import KEYS

QUALITY_FIELDS = ["quality_score", *(f"quality_{key}" for key in KEYS)]


def quality_record(rec) -> dict:
    """The quality columns of one recommendation (QUALITY_FIELDS): the score 0-5 and each
    verdict passed or not."""
    from rightstrack.tagging.selectors import quality_of

    report = quality_of(rec)
    return {"quality_score": report.score, **{f"quality_{v.key}": v.passed for v in report.verdicts}}
