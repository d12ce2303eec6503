"""What a teacher should look at first: copies, near-duplicates between students, off-topic
answers and marks that were close calls.

Flags never change a mark; they are listed in the report, the gradebook and the class overview.
Comparisons go through rapidfuzz's ``process.cdist`` and, between students, a sparse product
of word trigrams that leaves only likely pairs for ``fuzz.ratio``; never Python loops over all
pairs of essays.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
from rapidfuzz import fuzz, process, utils

from .authoring import claims_of

#: Ratio (0-100) from which a sentence counts as copied, and the share of the source's sentences
#: that must be copied for the essay to be flagged.
COPIED_SENTENCE = 90
COPIED_SHARE = 0.3
#: Ratio (0-100) from which two students' essays count as near-duplicates.
NEAR_DUPLICATE = 90
#: A point whose best similarity is this close to its threshold (either side) was a close call.
LOW_CONFIDENCE_MARGIN = 0.05
_MIN_DUPLICATE_CHARS = 200


class CopyCheck:
    """Which sources (named lists of sentences: the rubric's wordings, a model answer) an essay
    copies: at least ``COPIED_SHARE`` of a source's sentences appear in it near-verbatim.
    The sources are normalised once; each essay is split into sentences once for all of them."""

    def __init__(self, sources: Mapping[str, Sequence[str]]) -> None:
        self._sources = {name: [utils.default_process(s) for s in sentences]
                         for name, sentences in sources.items() if sentences}

    def __call__(self, text: str) -> list[str]:
        if not self._sources:
            return []
        sentences = [utils.default_process(s) for s in claims_of(text)]
        if not sentences:
            return []
        return [name for name, source in self._sources.items()
                if _copied_share(sentences, source) >= COPIED_SHARE]


def _copied_share(sentences: Sequence[str], source: Sequence[str]) -> float:
    ratio = process.cdist(source, sentences, scorer=fuzz.ratio, workers=1)
    return float((ratio.max(axis=1) >= COPIED_SENTENCE).mean())


#: Above this many essays the all-pairs comparison is skipped (it grows with the square).
MAX_DUPLICATE_BATCH = 5000


def near_duplicates(texts: Sequence[str | object], labels: Sequence[str]) -> dict[int, list[str]]:
    """For each essay (by position), the labels of the other essays it nearly duplicates.

    Symmetric and independent of input order. Essays under 200 characters are not compared.
    Returns {} for batches over ``MAX_DUPLICATE_BATCH``.
    """
    normal = [utils.default_process(t) if isinstance(t, str) else "" for t in texts]
    candidates = [i for i, t in enumerate(normal) if len(t) >= _MIN_DUPLICATE_CHARS]
    if len(candidates) < 2 or len(texts) > MAX_DUPLICATE_BATCH:
        return {}
    pool = [normal[i] for i in candidates]
    found: dict[int, list[str]] = {}
    pairs = _candidate_pairs(pool)
    if not pairs:
        return {}
    ratios = process.cpdist([pool[a] for a, _ in pairs], [pool[b] for _, b in pairs], scorer=fuzz.ratio,
                            score_cutoff=NEAR_DUPLICATE, workers=1)
    for (a, b), ratio in zip(pairs, ratios):
        if ratio:
            found.setdefault(candidates[a], []).append(labels[candidates[b]])
            found.setdefault(candidates[b], []).append(labels[candidates[a]])
    return {k: sorted(v, key=labels.index) for k, v in found.items()}


def _candidate_pairs(texts: list[str]) -> list[tuple[int, int]]:
    """Pairs sharing at least 40% of the smaller essay's word trigrams, from one sparse product.

    Two texts within a 10% edit of each other share most of their trigrams, so no near-duplicate
    is missed, and only these few pairs need the full character comparison."""
    from scipy.sparse import csr_matrix

    index: dict[str, int] = {}
    rows: list[int] = []
    columns: list[int] = []
    for row, text in enumerate(texts):
        words = text.split()
        for trigram in {" ".join(words[i:i + 3]) for i in range(len(words) - 2)}:
            rows.append(row)
            columns.append(index.setdefault(trigram, len(index)))
    if not index:  # no essay has three words
        return []
    shingles = csr_matrix((np.ones(len(rows), dtype=np.int32), (rows, columns)), shape=(len(texts), len(index)))
    sizes = np.maximum(1, np.asarray(shingles.sum(axis=1)).ravel())
    shared = (shingles @ shingles.T).tocoo()
    keep = (shared.row < shared.col) & (shared.data >= 0.4 * np.minimum(sizes[shared.row], sizes[shared.col]))
    return sorted(zip(shared.row[keep].tolist(), shared.col[keep].tolist()))


def close_calls(best: np.ndarray, thresholds: np.ndarray, ids: Sequence[str]) -> list[str]:
    """Criteria whose best similarity sits within the margin of their threshold."""
    near = np.abs(best - thresholds) < LOW_CONFIDENCE_MARGIN
    return [ids[i] for i in np.flatnonzero(near).tolist()]
