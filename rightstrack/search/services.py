"""Writes of the search app: the keyword index, the vectors, the repeat groups.

``index_recommendations`` and ``bump`` run inside the writer's transaction (signals),
so the index always matches the database; ``embed_missing`` computes the vectors the
semantic search needs (slow: about 600 texts a second) and is run after an import and
by ``rightstrack reindex``.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np
from django.db import transaction
from django.db.models.functions import Length
from django.utils import timezone
from django.utils.translation import gettext as _

from rightstrack.core.errors import RightstrackError
from rightstrack.recommendations.models import Recommendation, Translation
from rightstrack.search import analysis, embedding, repeats, snapshot
from rightstrack.search.choices import GroupStatus
from rightstrack.search.models import Embedding, IndexState, NotRepeat, RepeatGroup, RepeatMember, SearchEntry

CHUNK = 2000

logger = logging.getLogger(__name__)


def bump(vectors: bool = False) -> None:
    """Tell every process that what search shows has changed (see IndexState).

    The new version is random, not the old one plus one: a rolled-back transaction
    would otherwise let a later write reach the same number with other data.
    """
    changes = {"version": secrets.randbits(62)}
    if vectors:
        changes["vectors_version"] = secrets.randbits(62)
    if not IndexState.objects.filter(pk=1).update(**changes):
        IndexState.objects.create(pk=1, vectors_version=secrets.randbits(62), **changes)


def _entry_body(text: str, language: str, subject: str, translations: list[tuple[str, str]]) -> str:
    terms = analysis.index_terms(text, language)
    for lang, translated in translations:
        terms += analysis.index_terms(translated, lang)
    terms += analysis.index_terms(subject, language)
    return " ".join(terms)


def _fingerprint(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()


def _chunks(ids: list[int], size: int = CHUNK) -> Iterable[list[int]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def index_recommendations(ids: Iterable[int], progress: Callable[[int], None] | None = None) -> int:
    """Bring the keyword index of these recommendations up to date; returns how many
    entries were (re)written. Unchanged texts are skipped, deleted ones dropped."""
    written = 0
    for chunk in _chunks(sorted(set(ids))):
        written += _index_chunk(chunk)
        if progress:
            progress(len(chunk))
    return written


def _index_chunk(ids: list[int]) -> int:
    rows = Recommendation.objects.filter(pk__in=ids).values_list("pk", "text", "language", "subject")
    translations: dict[int, list[tuple[str, str]]] = {}
    for rec_id, lang, text in (
        Translation.objects.filter(recommendation_id__in=ids)
        .values_list("recommendation_id", "language", "text")
        .order_by("recommendation_id", "language")
    ):
        translations.setdefault(rec_id, []).append((lang, text))
    known = dict(SearchEntry.objects.filter(pk__in=ids).values_list("pk", "text_key"))
    fresh, stale = [], []
    for pk, text, language, subject in rows:
        extra = translations.get(pk, [])
        key = _fingerprint(text, language, subject, *(f"{lang}:{t}" for lang, t in extra))
        if known.get(pk) == key:
            continue
        if pk in known:
            stale.append(pk)
        fresh.append(SearchEntry(recommendation_id=pk, body=_entry_body(text, language, subject, extra), text_key=key))
    # Delete then insert: the FTS triggers see plain row events.
    SearchEntry.objects.filter(pk__in=stale).delete()
    SearchEntry.objects.bulk_create(fresh, batch_size=500)
    return len(fresh)


def reindex_all(progress: Callable[[int], None] | None = None) -> int:
    """Rebuild the keyword index of every recommendation (``rightstrack reindex``)."""
    ids = list(Recommendation.objects.values_list("pk", flat=True))
    with transaction.atomic():
        SearchEntry.objects.exclude(pk__in=Recommendation.objects.values("pk")).delete()
        written = index_recommendations(ids, progress)
        bump()
    return written


def missing_embeddings(ids: list[int] | None = None) -> list[int]:
    """Recommendations (all, or these ``ids``) whose vector is absent, stale or from
    another model, shortest text first (batches of similar lengths embed fastest, see
    ``embedding.embed``)."""
    if ids is None:
        missing = _missing(Embedding.objects.all(), Recommendation.objects.all())
    else:  # in chunks: a database takes only so many parameters in one query
        missing = [
            row
            for chunk in _chunks(list(ids), 10_000)
            for row in _missing(Embedding.objects.filter(pk__in=chunk), Recommendation.objects.filter(pk__in=chunk))
        ]
    return [pk for _size, pk in sorted(missing)]


def _missing(vectors, recs) -> list[tuple[int, int]]:
    current = {
        pk: key
        for pk, key in vectors.filter(model=embedding.MODEL_NAME)
        .values_list("pk", "text_key")
        .iterator(chunk_size=10_000)
    }
    rows = recs.annotate(size=Length("text")).values_list("pk", "text_key", "size")
    return [(size, pk) for pk, key, size in rows.iterator(chunk_size=10_000) if current.get(pk) != key]


class Embedded(int):
    """What a vector run did: how many vectors it stored (it *is* that number, as the
    callers that only count expect) and ``skipped``, the ids of the recommendations
    whose text the encoder failed on, in order (they keep no vector and are tried again next run)."""

    skipped: tuple[int, ...]

    def __new__(cls, computed: int = 0, skipped: Iterable[int] = ()) -> Embedded:
        run = super().__new__(cls, computed)
        run.skipped = tuple(sorted(skipped))
        return run


def embed_recommendations(ids: Iterable[int], progress: Callable[[int], None] | None = None) -> Embedded:
    """Compute and store the vectors of these recommendations, a chunk per transaction
    (an interrupted run keeps what it finished and resumes with ``embed_missing``).
    Searches see the new vectors when the run ends (or every 40 chunks): each change
    makes every process reload them. A text the encoder fails on is skipped, logged
    with its id and listed in the result's ``skipped``; the others are stored."""
    done, skipped = 0, []
    try:
        for number, chunk in enumerate(_chunks(list(dict.fromkeys(ids)), 512), start=1):
            done += _embed_chunk(chunk, skipped)
            if progress:
                progress(len(chunk))
            if number % 40 == 0:
                bump(vectors=True)
    finally:
        if done:
            bump(vectors=True)
    return Embedded(done, skipped)


def _embed_chunk(chunk: list[int], skipped: list[int]) -> int:
    rows = list(Recommendation.objects.filter(pk__in=chunk).values_list("pk", "text", "text_key"))
    vectors, failed = embedding.embed_each([text for _pk, text, _key in rows])
    for row, exc in failed.items():
        logger.warning(
            "meaning vector of recommendation %s skipped: the encoder failed on its text (%s characters): %r",
            rows[row][0],
            len(rows[row][1] or ""),
            exc,
        )
        skipped.append(rows[row][0])
    stored = [
        (pk, key, vector)
        for row, ((pk, _t, key), vector) in enumerate(zip(rows, vectors, strict=False))
        if row not in failed
    ]
    with transaction.atomic():
        # A skipped record's old vector goes too: it describes a text it no longer has.
        Embedding.objects.filter(pk__in=[pk for pk, _t, _k in rows]).delete()
        Embedding.objects.bulk_create(
            [
                Embedding(
                    recommendation_id=pk, model=embedding.MODEL_NAME, text_key=key, vector=embedding.to_bytes(vector)
                )
                for pk, key, vector in stored
            ],
            batch_size=500,
        )
    return len(stored)


def embed_missing(progress: Callable[[int], None] | None = None) -> Embedded:
    """Vectors for every recommendation that lacks an up-to-date one; returns how many
    (with the ids skipped, see ``embed_recommendations``)."""
    return embed_recommendations(missing_embeddings(), progress)


# --- repeated recommendations -------------------------------------------------------


@dataclass
class DedupeSummary:
    states: int = 0
    recommendations: int = 0
    groups: int = 0
    grouped: int = 0
    not_embedded: int = 0


def _state_vectors(state_id: int | None) -> tuple[np.ndarray, np.ndarray]:
    """Ids and vectors of the recommendations to one State (those with a vector)."""
    vectors = snapshot.current_vectors()
    ids = np.fromiter(
        Recommendation.objects.filter(state_id=state_id).order_by("pk").values_list("pk", flat=True), dtype=np.int64
    )
    where = np.clip(np.searchsorted(vectors.ids, ids), 0, max(len(vectors.ids) - 1, 0))
    found = vectors.ids[where] == ids if len(vectors.ids) else np.zeros(len(ids), dtype=bool)
    return ids[found], vectors.matrix[where[found]]


def dedupe(
    country: str | None = None,
    threshold: float = repeats.REPEAT_THRESHOLD,
    progress: Callable[[int], None] | None = None,
) -> DedupeSummary:
    """Find groups of repeated recommendations, State by State, and store them as
    suggestions. Confirmed groups and their members are kept as they are; pairs a person
    split are never grouped again. Each State is written in its own transaction."""
    states = Recommendation.objects.exclude(state=None)
    if country:
        states = states.filter(state__iso3=country.upper())
    state_ids = sorted(set(states.values_list("state_id", flat=True)))
    summary = DedupeSummary(states=len(state_ids))
    for state_id in state_ids:
        _dedupe_state(state_id, threshold, summary)
        if progress:
            progress(1)
    return summary


def _dedupe_state(state_id: int, threshold: float, summary: DedupeSummary) -> None:
    ids, matrix = _state_vectors(state_id)
    summary.recommendations += len(ids)
    summary.not_embedded += Recommendation.objects.filter(state_id=state_id).count() - len(ids)
    locked = set(
        RepeatMember.objects.filter(group__status=GroupStatus.CONFIRMED, recommendation__state_id=state_id).values_list(
            "recommendation_id", flat=True
        )
    )
    free = np.array([pk not in locked for pk in ids.tolist()], dtype=bool)
    ids, matrix = ids[free], matrix[free]
    position = {pk: i for i, pk in enumerate(ids.tolist())}
    forbidden = {
        tuple(sorted((position[a], position[b])))
        for a, b in NotRepeat.objects.filter(first__state_id=state_id).values_list("first_id", "second_id")
        if a in position and b in position
    }
    groups = repeats.group_rows(matrix, threshold, forbidden)
    with transaction.atomic():
        RepeatGroup.objects.filter(state_id=state_id, status=GroupStatus.SUGGESTED).delete()
        for rows in groups:
            low, scores = repeats.cohesion(matrix, rows)
            group = RepeatGroup.objects.create(state_id=state_id, score=low)
            RepeatMember.objects.bulk_create(
                [
                    RepeatMember(group=group, recommendation_id=int(ids[r]), score=s)
                    for r, s in zip(rows, scores, strict=False)
                ]
            )
            summary.groups += 1
            summary.grouped += len(rows)


def confirm_group(group: RepeatGroup, user) -> RepeatGroup:
    """A person agrees these recommendations repeat one demand; dedupe keeps the group."""
    group.status, group.confirmed_by, group.confirmed_at = GroupStatus.CONFIRMED, user, timezone.now()
    group.save(update_fields=["status", "confirmed_by", "confirmed_at"])
    return group


@transaction.atomic
def split_group(group: RepeatGroup, recommendation_ids: list[int], user) -> RepeatGroup | None:
    """Take recommendations out of a group: they are recorded as not repeating the rest
    (so no later run regroups them) and the rest stays a group if two or more remain."""
    leaving = set(recommendation_ids)
    staying = [pk for pk in group.members.values_list("recommendation_id", flat=True) if pk not in leaving]
    for a in leaving:
        for b in staying:
            first, second = sorted((a, b))
            NotRepeat.objects.get_or_create(first_id=first, second_id=second)
    group.members.filter(recommendation_id__in=leaving).delete()
    if len(staying) < 2:
        group.delete()
        return None
    return confirm_group(group, user)


@transaction.atomic
def merge_groups(target: RepeatGroup, others: list[RepeatGroup], user) -> RepeatGroup:
    """Move the members of ``others`` into ``target`` and confirm it."""
    for other in others:
        if other.pk == target.pk:
            continue
        if other.state_id != target.state_id:
            raise RightstrackError("only groups of recommendations to the same State can be merged")
        other.members.update(group=target)
        other.delete()
    return confirm_group(target, user)


@transaction.atomic
def add_to_group(target: RepeatGroup, recommendation_id: int, user) -> RepeatGroup:
    """Put one more recommendation in a group (moving it out of any other)."""
    RepeatMember.objects.filter(recommendation_id=recommendation_id).delete()
    RepeatMember.objects.create(group=target, recommendation_id=recommendation_id)
    return confirm_group(target, user)


def vectors_summary(computed: int) -> str:
    """The line a command prints after ``embed_missing_vectors``: how many vectors were
    computed and, if any, how many records were skipped, with (the first 20 of) their ids."""
    skipped = getattr(computed, "skipped", ())
    if not skipped:
        return _("meaning vectors: %(computed)d computed") % {"computed": computed}
    ids = ", ".join(str(pk) for pk in skipped[:20]) + (", …" if len(skipped) > 20 else "")
    return _("meaning vectors: %(computed)d computed, %(skipped)d skipped (ids %(ids)s)") % {
        "computed": computed,
        "skipped": len(skipped),
        "ids": ids,
    }
