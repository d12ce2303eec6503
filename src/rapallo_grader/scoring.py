"""Match table -> marks: which points are awarded, which misconceptions cost marks, the total."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from .matching import MatchTable, Refusal
from .pipeline import Claim, ParsedEssay
from .rubric import DEPTHS, Misconception, Point, Rubric, counted_total
from .triage import close_calls

_EVIDENCE_SHOWN = 3
_KEYWORD_LIST_SHARE = 0.5
_KEYWORD_LIST_MIN_CLAIMS = 4


@dataclass(frozen=True)
class Evidence:
    """A claim as it bears on one criterion: where it is, and the numbers that decided."""

    text: str
    start: int
    end: int
    similarity: float
    term_coverage: float
    wording_similarity: float
    refused: str = ""
    #: Who the claim's opening "they" or "it", or an "it" it gives something to, was read as (the
    #: party named in the sentence before), as its words count towards the point; "" if none was.
    referent: str = ""
    #: For a point said of each side in turn, the claim that says it of the other side, which
    #: stands for the point's "both"; "" if none did.
    paired_with: str = ""

    @property
    def reading(self) -> str:
        """How the claim was read, for a report to show beside it ("" when read as written)."""
        notes = [f'its pronoun read as "{self.referent}"'] if self.referent else []
        if self.paired_with:
            notes.append(f'with "{self.paired_with}" for the other side')
        return "; ".join(notes)


@dataclass(frozen=True)
class PointResult:
    id: str
    awarded: bool
    marks: float
    max_marks: float
    similarity: float
    evidence: tuple[Evidence, ...]
    near_misses: tuple[Evidence, ...]
    feedback: str
    #: For levels-of-response rubrics: how far the point was taken, and what showed it.
    depth: str | None = None
    depth_reason: str = ""

    @property
    def partly(self) -> bool:
        """Part marks: some of the point's marks, short of the point made (``partial_credit``)."""
        return self.marks > 0 and not self.awarded

    @property
    def decided_by(self) -> Evidence | None:
        """The listed claim whose similarity decided, when another is listed first (a learned
        point lists first the claim that says most of it in its own words)."""
        if not self.evidence or self.evidence[0].similarity >= self.similarity:
            return None
        return max(self.evidence, key=lambda ev: ev.similarity)


@dataclass(frozen=True)
class MisconceptionResult:
    id: str
    detected: bool
    penalty: float
    similarity: float
    evidence: tuple[Evidence, ...]
    feedback: str


@dataclass(frozen=True)
class Marking:
    score: float
    points: tuple[PointResult, ...]
    misconceptions: tuple[MisconceptionResult, ...]
    band: str | None
    flags: tuple[str, ...]
    level: str | None = None
    level_reason: str = ""


def mark(rubric: Rubric, thresholds: np.ndarray, essay: ParsedEssay, table: MatchTable,
         generic_words: frozenset[str] = frozenset()) -> Marking:
    """``thresholds``: the decision threshold per criterion (points, then misconceptions);
    ``generic_words``: names too general to count as specific detail (``generic_words(rubric)``,
    computed once per rubric)."""
    settings = rubric.matching
    n_points = len(rubric.points)
    bests = [_best(table, i) for i in range(n_points)]
    shares = point_shares(bests, [float(t) for t in thresholds[:n_points]], rubric.partial_credit, rubric.partial_from)
    points = tuple(_point(p, essay.claims, table, i, bests[i], float(thresholds[i]), settings.near_miss, shares[i])
                   for i, p in enumerate(rubric.points))
    if rubric.levels or any(p.depth for p in rubric.points):
        points = tuple(_deepen(point, spec, essay.claims, generic_words) for point, spec in zip(points, rubric.points))
    miscs = tuple(_misconception(m, essay.claims, table, n_points + i, float(thresholds[n_points + i]))
                  for i, m in enumerate(rubric.misconceptions))
    total = counted_total([p.marks for p in points], rubric.count_best)
    level, level_reason = _level(rubric, points, total) if rubric.levels else (None, "")
    if rubric.levels:
        placed = next((lv for lv in rubric.levels if lv.name == level), None)
        total = min(max(total, placed.low), placed.high) if placed else 0.0
    earned = total - sum(m.penalty for m in miscs if m.detected)
    score = round(min(max(earned, 0.0), rubric.max_score), 4)
    band = next((b.name for b in rubric.bands if score >= b.min), None)
    best = np.array([p.similarity for p in points])
    flags = (*_flags(essay, settings.min_words),
             *(["off_topic"] if essay.n_words >= settings.min_words and _off_topic(table, settings.near_miss) else []),
             *(f"low_confidence:{pid}" for pid in close_calls(best, thresholds[:n_points], [p.id for p in points])))
    return Marking(score, points, miscs, band, flags, level, level_reason)


#: Steps of partial credit: a quarter of a point's marks for each quarter of the threshold reached.
PARTIAL_STEPS = 4


def point_shares(best: Sequence[float], thresholds: Sequence[float], partial_credit: bool,
                 partial_from: float | None = None) -> list[float]:
    """The share of each point's marks earned: 1 for a point made (best match at its threshold).

    With partial credit, a missed point earns the quarters of the threshold it reaches (1/4, 1/2
    or 3/4), but only in an answer that makes at least one point in full: part marks reward an
    answer on the right track, never an answer that is about something else (answers to other
    questions, "I don't know"), which the match probabilities alone would give a quarter.

    With ``partial_from`` as well, a missed point earns the share of the threshold it reaches, not
    rounded to quarters, in an answer whose best match reaches ``partial_from``, which may be
    short of any point made. Fitted on short answers (``models/drafting-v19.json``), this follows
    teachers more closely: they give part marks to an answer that makes no point in full, and
    nothing to one whose best match stays under about 0.18.
    """
    return [float(x) for x in share_matrix(np.array([best], dtype=float), np.array([thresholds], dtype=float),
                                           partial_credit, partial_from)[0]]


def share_matrix(best: np.ndarray, thresholds: np.ndarray | float, partial_credit: bool,
                 partial_from: float | None = None) -> np.ndarray:
    """``point_shares`` for many answers at once (a row each, a column per point), as the drafting
    fit scores thousands of settings over every training answer with it."""
    made = best >= thresholds
    if best.shape[1] == 0 or not partial_credit:
        return made.astype(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        reached = np.where(thresholds > 0, np.maximum(best, 0.0) / thresholds, 0.0)
    if partial_from is not None:
        on_track = best.max(axis=1, keepdims=True) >= partial_from
        return np.where(made, 1.0, np.where(on_track, np.minimum(reached, 1.0), 0.0))
    quarters = np.floor(reached * PARTIAL_STEPS) / PARTIAL_STEPS
    return np.where(made, 1.0, np.where(made.any(axis=1, keepdims=True), quarters, 0.0))


def generic_words(rubric: Rubric) -> frozenset[str]:
    """Names too general to be specific detail: those of the question, and those the rubric's
    criteria share (Germany, Russia, Versailles). A name only one point mentions (Lipetsk, 1922)
    is the kind of detail that develops an answer."""
    def words(text: str) -> set[str]:
        return {w.lower() for w in re.findall(r"[\w'-]+", text)}

    per_criterion = [set().union(*(words(w) for w in c.wordings)) for c in (*rubric.points, *rubric.misconceptions)]
    counts = Counter(w for ws in per_criterion for w in ws)
    return frozenset(words(rubric.question) | {w for w, n in counts.items() if n >= 2})


def _deepen(result: PointResult, point: Point, claims: tuple[Claim, ...], vocabulary: frozenset[str]) -> PointResult:
    """How far an awarded point goes: stated (identified), joined to an outcome by a causal or
    purposive link (explained), and supported by specific detail (developed)."""
    if not result.awarded:
        return result
    best = ("identified", "stated, with no causal link to an outcome")
    evidence = {ev.start for ev in result.evidence}
    for claim in (c for c in claims if c.start in evidence):
        if not claim.links:
            continue
        detail = [d for d in claim.details if d.lower() not in vocabulary]
        if detail:
            best = ("developed", f"linked ({claim.links[0]}) and supported by {', '.join(detail[:3])}")
            break
        best = max(best, ("explained", f"linked ({claim.links[0]}), no specific detail"), key=lambda b: DEPTHS.index(b[0]))
    return replace(result, marks=point.marks_at(best[0]), depth=best[0], depth_reason=best[1])


def _level(rubric: Rubric, points: tuple[PointResult, ...], total: float) -> tuple[str | None, str]:
    reached = {d: sum(1 for p in points if p.awarded and DEPTHS.index(p.depth or "identified") >= DEPTHS.index(d))
               for d in DEPTHS}
    met = [lv for lv in rubric.levels if all(reached[d] >= n for d, n in lv.rule)]
    if not met:
        return None, "no level's rule is met"
    level = met[-1]
    rule = ", ".join(f"{n} point(s) {d}" for d, n in level.rule) or "no requirement"
    made = ", ".join(f"{reached[d]} {d}" for d in DEPTHS)
    return level.name, (f"{level.name} ({level.low:g}-{level.high:g}) needs {rule}; the essay has {made}; "
                        f"point marks {total:g} placed within the level")


def _off_topic(table: MatchTable, near_miss: float) -> bool:
    """Nothing in the essay comes near any point of the rubric, even before refusals."""
    return not table.raw.size or float(table.raw.max()) < near_miss


def _evidence(claims: tuple[Claim, ...], table: MatchTable, row: int, column: int) -> Evidence:
    claim = claims[row]
    partner = -1 if table.paired is None else int(table.paired[row, column])
    return Evidence(text=claim.text, start=claim.start, end=claim.end,
                    similarity=_round(table.similarity[row, column]),
                    term_coverage=_round(table.terms[row, column]),
                    wording_similarity=_round(table.fuzzy[row, column]),
                    refused=Refusal(int(table.refusal[row, column])).reason, referent=" ".join(claim.referent),
                    paired_with=claims[partner].text if partner >= 0 else "")


def _ranked(claims: tuple[Claim, ...], table: MatchTable, column: int, scores: np.ndarray,
            floor: float, order_by: np.ndarray | None = None) -> tuple[Evidence, ...]:
    """Up to ``_EVIDENCE_SHOWN`` claims scoring at least ``floor``, in order of ``order_by``
    (default: the scores themselves)."""
    key = scores if order_by is None else np.where(scores >= floor, order_by, -np.inf)
    # Stable sort keeps the earlier claim first among equals: same input, same output.
    order = np.lexsort((-scores, -key))
    chosen = [int(r) for r in order[:_EVIDENCE_SHOWN] if scores[r] >= floor]
    decisive = int(np.argmax(scores)) if len(scores) else -1
    if chosen and decisive not in chosen:  # the claim whose score decided is always shown
        chosen[-1] = decisive
    return tuple(_evidence(claims, table, r, column) for r in chosen)


def _percent(share: float) -> str:
    return f"{share:.0%}" if share >= 0.005 else "under 1%"


def _best(table: MatchTable, column: int) -> float:
    return float(table.similarity[:, column].max()) if table.similarity.shape[0] else 0.0


def _point(point: Point, claims: tuple[Claim, ...], table: MatchTable, column: int, best: float,
           threshold: float, near_miss: float, share: float) -> PointResult:
    awarded = share == 1.0
    # Evidence: the claims that earned the marks, in full or in part (that share of the threshold;
    # a share in proportion is the best match's own, which rounding must not put out of reach).
    own = table.evidence_order[:, column] if table.evidence_order is not None else None
    earned_at = min(threshold * share, best)
    evidence = _ranked(claims, table, column, table.similarity[:, column], earned_at, own) if share else ()
    near: tuple[Evidence, ...] = ()
    if not awarded and claims:
        # Refused claims count as near misses on their raw score, so a denied point is explained.
        near = _ranked(claims, table, column, table.raw[:, column], near_miss)
    marks = point.marks if awarded else round(point.marks * share, 4)
    if awarded:
        feedback = point.feedback_hit or f"Credited: {point.text}"
    elif share:
        # The share the report's (rounded) marks show, so that the two never disagree.
        shown = marks / point.marks if point.marks else share
        feedback = point.feedback_miss or f"Partly made ({_percent(shown)} of its marks): {point.text}"
    else:
        feedback = point.feedback_miss or f"Not found: {point.text}"
    return PointResult(id=point.id, awarded=awarded, marks=marks,
                       max_marks=point.marks, similarity=_round(best), evidence=evidence,
                       near_misses=near, feedback=feedback)


def _misconception(misc: Misconception, claims: tuple[Claim, ...], table: MatchTable, column: int,
                   threshold: float) -> MisconceptionResult:
    best = _best(table, column)
    detected = best >= threshold
    evidence = _ranked(claims, table, column, table.similarity[:, column], threshold) if detected else ()
    feedback = (misc.feedback or f"Misconception: {misc.text}") if detected else ""
    return MisconceptionResult(id=misc.id, detected=detected, penalty=misc.penalty if detected else 0.0,
                               similarity=_round(best), evidence=evidence, feedback=feedback)


def _flags(essay: ParsedEssay, min_words: int) -> tuple[str, ...]:
    flags = []
    if essay.n_words == 0:
        flags.append("empty")
    elif essay.n_words < min_words:
        flags.append("too_short")
    claims = essay.claims
    fragments = sum(1 for c in claims if not c.statement or c.listing)
    if len(claims) >= _KEYWORD_LIST_MIN_CLAIMS and fragments / len(claims) >= _KEYWORD_LIST_SHARE:
        flags.append("keyword_list")
    return tuple(flags)


def _round(value: float) -> float:
    return round(float(value), 4)
