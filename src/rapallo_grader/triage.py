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


class DuplicateFinder:
    """Remembers the essays of a batch; each new one is compared with all earlier ones."""

    def __init__(self) -> None:
        self._texts: list[str] = []
        self._sources: list[str] = []

    def check(self, text: str, source: str) -> str | None:
        """The source of an earlier essay this one nearly duplicates, if any; then remember it."""
        normal = utils.default_process(text)
        match = None
        if len(normal) >= _MIN_DUPLICATE_CHARS and self._texts:
            found = process.extractOne(normal, self._texts, scorer=fuzz.ratio, processor=None,
                                       score_cutoff=NEAR_DUPLICATE)
            if found is not None:
                match = self._sources[found[2]]
        if len(normal) >= _MIN_DUPLICATE_CHARS:
            self._texts.append(normal)
            self._sources.append(source)
        return match


def close_calls(best: np.ndarray, thresholds: np.ndarray, ids: Sequence[str]) -> list[str]:
    """Criteria whose best similarity sits within the margin of their threshold."""
    near = np.abs(best - thresholds) < LOW_CONFIDENCE_MARGIN
    return [ids[i] for i in np.nonzero(near)[0]]
