"""Related words: how close a student's word is to a word of the rubric when it is not the same.

Lemma overlap misses a point made in other words: "the least drops" for "fewer drops", "one of their
hands is bigger" for "they have different sized hands". The learned matcher therefore also sees how
much of a wording is covered by *related* words. Relatedness comes from a small table shipped in
``models/`` (``words-v1``: about 21,700 common English words, 64 numbers each, built by
``scripts/build_word_vectors.py`` from the all-MiniLM-L6-v2 encoder), read with numpy alone, so the
default install needs no PyTorch; and from a shared stem, for the subject words the table lacks
("vibrate" and "vibration").
"""

from __future__ import annotations

import functools
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from importlib.abc import Traversable
from pathlib import Path

import numpy as np

from .model import ModelError, verify

TABLE = "words-v1"
#: Below this cosine two words count as unrelated. Weak relations are everywhere in a subject
#: ("packet" and "router"); counting them credited answers written for other questions of the
#: same course (SAF training: their mean score rose from 0.33 to 0.58 with no floor, 0.34 with
#: this one), while "least" for "fewer" (0.56) and "sized" for "size" still count.
RELATED = 0.5
#: Two words of at least four letters that share their first five (or, if one has four, all four)
#: count as related at least this much when the table lacks one of them: morphology it cannot know
#: ("vibrate" and "vibration"). When it has both, its cosine decides: a shared stem also joins
#: "treat" and "treaty", "secret" and "secretary" (cosines 0.02 and 0.09), while the table relates
#: true kin on its own ("isolate" and "isolation" 0.81).
STEM_SIMILARITY = 0.8
_STEM, _MIN_STEM_WORD = 5, 4
#: Words whose similarities are remembered between essays (4 bytes per word of the rubric each:
#: at most 40 MB for a rubric of 500 words).
CACHE_WORDS = 20_000


@dataclass(frozen=True)
class WordVectors:
    """Integer vectors, so that a cosine is computed exactly the same whatever else is computed
    with it: a word's similarities never depend on the batch it was first seen in."""

    index: dict[str, int]
    vectors: np.ndarray  # words x dimensions, int64 (stored as int8)

    def lookup(self, words: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """words x dimensions and each vector's length; a word not in the table gets zeros
        (related to nothing by meaning) and length 1."""
        out = np.zeros((len(words), self.vectors.shape[1]), dtype=np.int64)
        for row, word in enumerate(words):
            if (i := self.index.get(word)) is not None:
                out[row] = self.vectors[i]
        lengths = np.sqrt((out * out).sum(axis=1).astype(np.float64))
        return out, np.where(lengths > 0, lengths, 1.0)

    def cosines(self, words: Sequence[str], others: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
        """words x others: exact integer dot products over float lengths."""
        vectors, lengths = self.lookup(words)
        return (vectors @ others[0].T) / lengths[:, None] / others[1][None, :]


@functools.cache
def load(folder: Path | Traversable | None = None) -> WordVectors:
    """The table in ``folder`` (default: the bundled one), verified against the checksums its
    sidecar records."""
    folder = folder or resources.files("rapallo_grader.models")
    try:
        meta = json.loads((folder / f"{TABLE}.meta.json").read_text(encoding="utf-8"))
        words_raw = (folder / f"{TABLE}.txt").read_bytes()
        vectors_raw = (folder / f"{TABLE}.npy").read_bytes()
    except (OSError, json.JSONDecodeError) as exc:
        raise ModelError(f"the related-words table {TABLE} or its sidecar is missing or unreadable ({exc}); "
                         "reinstall rapallo-grader") from exc
    for name, raw in ((f"{TABLE}.txt", words_raw), (f"{TABLE}.npy", vectors_raw)):
        verify(raw, meta.get("sha256", {}).get(name), f"related-words table {name}", "scripts/build_word_vectors.py")
    words = words_raw.decode("utf-8").splitlines()
    vectors = np.load(io.BytesIO(vectors_raw), allow_pickle=False).astype(np.int64)
    if vectors.shape[0] != len(words):
        raise ModelError(f"related-words table {TABLE}: {len(words)} words but {vectors.shape[0]} vectors")
    return WordVectors({w: i for i, w in enumerate(words)}, vectors)


class RelatedWords:
    """How related any word is to each of a fixed list of target words, in [0, 1]: 1 for the word
    itself, else the cosine of their vectors if at least ``RELATED`` (0 below, or if either word is
    unknown), raised to ``STEM_SIMILARITY`` for words of one stem when the table lacks either."""

    def __init__(self, targets: Sequence[str], table: WordVectors | None = None) -> None:
        self._table = table or load()
        self._targets = {w: i for i, w in enumerate(targets)}
        self._vectors = self._table.lookup(list(targets))
        self._lengths = np.array([len(w) for w in targets])
        self._stems = np.array([w[:_STEM] for w in targets], dtype=object)
        self._short_stems = np.array([w[:_MIN_STEM_WORD] for w in targets], dtype=object)
        self._untabled = np.array([w not in self._table.index for w in targets], dtype=bool)
        self._cache: dict[str, np.ndarray] = {}

    def rows(self, words: Sequence[str]) -> np.ndarray:
        """words x targets."""
        new = [w for w in dict.fromkeys(words) if w not in self._cache]
        if new:
            if len(self._cache) + len(new) > CACHE_WORDS:
                self._cache.clear()
            similarity = self._table.cosines(new, self._vectors)
            similarity = np.where(similarity >= RELATED, np.minimum(similarity, 1.0), 0.0).astype(np.float32)
            for word, row in zip(new, similarity):
                self._raise_stems(word, row)
                if (i := self._targets.get(word)) is not None:
                    row[i] = 1.0
                self._cache[word] = row
        if not words:
            return np.zeros((0, len(self._targets)), dtype=np.float32)
        return np.array([self._cache[w] for w in words], dtype=np.float32)

    def _raise_stems(self, word: str, row: np.ndarray) -> None:
        if len(word) < _MIN_STEM_WORD:
            return
        shortest = np.minimum(self._lengths, len(word))
        same = np.where(shortest >= _STEM, self._stems == word[:_STEM], self._short_stems == word[:_MIN_STEM_WORD])
        same &= self._lengths >= _MIN_STEM_WORD
        if word in self._table.index:
            same &= self._untabled
        row[same] = np.maximum(row[same], STEM_SIMILARITY)
