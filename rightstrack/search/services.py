"""Writes of the search app: the keyword index, the vectors, the repeat groups.

``index_recommendations`` and ``bump`` run inside the writer's transaction (signals),
so the index always matches the database; ``embed_missing`` computes the vectors the
semantic search needs (slow: about 600 texts a second) and is run after an import and
by ``rightstrack reindex``.
"""
from __future__ import annotations

import hashlib
from typing import Callable, Iterable

from django.db import transaction
from django.db.models import F

from rightstrack.recommendations.models import Recommendation, Translation
from rightstrack.search import analysis, embedding
from rightstrack.search.models import Embedding, IndexState, SearchEntry

CHUNK = 2000


def bump(vectors: bool = False) -> None:
    """Tell every process that what search shows has changed (see IndexState)."""
    changes = {"version": F("version") + 1}
    if vectors:
        changes["vectors_version"] = F("vectors_version") + 1
    if not IndexState.objects.filter(pk=1).update(**changes):
        IndexState.objects.create(pk=1, version=1, vectors_version=1)


def current_version() -> int:
    return IndexState.objects.filter(pk=1).values_list("version", flat=True).first() or 0


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
        yield ids[start:start + size]


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
    for rec_id, lang, text in Translation.objects.filter(recommendation_id__in=ids).values_list(
            "recommendation_id", "language", "text").order_by("recommendation_id", "language"):
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


def missing_embeddings() -> list[int]:
    """Recommendations whose vector is absent, stale or from another model."""
    current = {pk: key for pk, key in Embedding.objects.filter(model=embedding.MODEL_NAME)
               .values_list("pk", "text_key").iterator(chunk_size=10_000)}
    return [pk for pk, key in Recommendation.objects.values_list("pk", "text_key").iterator(chunk_size=10_000)
            if current.get(pk) != key]


def embed_recommendations(ids: Iterable[int], progress: Callable[[int], None] | None = None) -> int:
    """Compute and store the vectors of these recommendations, a chunk per transaction
    (an interrupted run keeps what it finished and resumes with ``embed_missing``)."""
    done = 0
    for chunk in _chunks(sorted(set(ids)), 512):
        rows = list(Recommendation.objects.filter(pk__in=chunk).values_list("pk", "text", "text_key"))
        vectors = embedding.embed([text for _pk, text, _key in rows])
        with transaction.atomic():
            Embedding.objects.filter(pk__in=[pk for pk, _t, _k in rows]).delete()
            Embedding.objects.bulk_create(
                [Embedding(recommendation_id=pk, model=embedding.MODEL_NAME, text_key=key,
                           vector=embedding.to_bytes(vector)) for (pk, _t, key), vector in zip(rows, vectors)],
                batch_size=500)
            bump(vectors=True)
        done += len(rows)
        if progress:
            progress(len(chunk))
    return done


def embed_missing(progress: Callable[[int], None] | None = None) -> int:
    """Vectors for every recommendation that lacks an up-to-date one; returns how many."""
    return embed_recommendations(missing_embeddings(), progress)
