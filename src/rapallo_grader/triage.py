"""What a teacher should look at first: copies, near-duplicates between students, off-topic
answers and marks that were close calls.

Flags never change a mark; they are listed in the report, the gradebook and the class overview.
Comparisons go through rapidfuzz's C loops (``process.extractOne``, ``process.cdist``), never
Python loops over pairs of essays.
"""

from __future__ import annotations

from collections.abc import Sequence

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


def copied_share(text: str, source_sentences: Sequence[str]) -> float:
    """Share of ``source_sentences`` that appear (near-)verbatim in ``text``."""
    sentences = claims_of(text)
    if not sentences or not source_sentences:
        return 0.0
    ratio = process.cdist(source_sentences, sentences, scorer=fuzz.ratio, processor=utils.default_process,
                          workers=1)
    return float((ratio.max(axis=1) >= COPIED_SENTENCE).mean())


#: Above this many essays the all-pairs comparison is skipped (it grows with the square).
MAX_DUPLICATE_BATCH = 5000
_BLOCK = 500


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
    for block in range(0, len(pool), _BLOCK):
        scores = process.cdist(pool[block:block + _BLOCK], pool, scorer=fuzz.ratio, processor=None,
                               score_cutoff=NEAR_DUPLICATE, dtype=np.uint8, workers=1)
        for row, col in zip(*np.nonzero(scores)):
            a, b = candidates[block + row], candidates[col]
            if a != b:
                found.setdefault(a, []).append(labels[b])
    return found


def close_calls(best: np.ndarray, thresholds: np.ndarray, ids: Sequence[str]) -> list[str]:
    """Criteria whose best similarity sits within the margin of their threshold."""
    near = np.abs(best - thresholds) < LOW_CONFIDENCE_MARGIN
    return [ids[i] for i in np.nonzero(near)[0]]
