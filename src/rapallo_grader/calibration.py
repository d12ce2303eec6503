"""Fitting a rubric's decision thresholds to how one teacher marks.

Matching is done once per essay; only the thresholds that turn similarities into awards are
searched, on a grid, for the best agreement with the teacher (QWK on whole marks, plus per-point
micro-F1 when the teacher's point awards are known). Ties go to the setting closest to the
current one, so a sample that cannot tell settings apart changes nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from .agreement import Agreement, agreement, not_graded_lines
from .marked import is_mark
from .matching import MatchTable
from .pipeline import ParsedEssay
from .rubric import Rubric
from .scoring import mark

#: Fewer essays than this and the fitted thresholds are mostly noise.
MIN_RELIABLE_SAMPLE = 30
_RULE_GRID = np.round(np.arange(0.40, 0.951, 0.025), 3)
_LEARNED_GRID = np.round(np.arange(0.20, 0.851, 0.025), 3)


@dataclass(frozen=True)
class Calibration:
    rubric: Rubric
    threshold: float
    learned_threshold: float
    before: Agreement
    after: Agreement
    n: int
    warning: str | None
    #: Which thresholds mark some criterion of this rubric: (rules, learned matcher).
    used: tuple[bool, bool] = (True, True)
    #: (id, error) of marked essays the grader would not grade (over the length limit, say): left
    #: out of the fit, as thresholds should suit the essays the grader marks.
    not_graded: tuple[tuple[str, str], ...] = ()

    def to_text(self) -> str:
        thresholds = [f"{value:g} ({judge})" for value, judge, used in
                      zip((self.threshold, self.learned_threshold), ("rules", "learned matcher"), self.used) if used]
        lines = [f"calibrated on {self.n} marked essays",
                 f"thresholds: {', '.join(thresholds)}",
                 f"{'':28}{'before':>8}{'after':>8}",
                 f"{'QWK (whole marks)':28}{self.before.qwk:8.3f}{self.after.qwk:8.3f}",
                 f"{'Pearson r':28}{self.before.pearson_r:8.3f}{self.after.pearson_r:8.3f}",
                 f"{'RMSE':28}{self.before.rmse:8.3f}{self.after.rmse:8.3f}"]
        if self.before.points:
            lines.append(f"{'per-point micro-F1':28}{self.before.micro_f1:8.3f}{self.after.micro_f1:8.3f}")
        lines.append("(measured on the same essays: check on others before trusting the gain)")
        if self.warning:
            lines.append(f"WARNING: {self.warning}")
        lines += not_graded_lines(self.not_graded, "the fit")
        return "\n".join(lines)


def calibrate(rubric: Rubric, learned: np.ndarray, thresholds: np.ndarray, essays: Sequence[ParsedEssay],
              tables: Sequence[MatchTable], teacher_scores: Sequence[float],
              teacher_points: Sequence[set[str]] | None = None,
              generic: frozenset[str] = frozenset(), matcher: str | None = None) -> Calibration:
    """``learned`` marks the criteria the learned matcher judges; ``thresholds`` are today's;
    ``matcher`` names the learned model, recorded beside its fitted threshold."""
    if len(essays) != len(teacher_scores) or (teacher_points is not None and len(teacher_points) != len(essays)):
        raise ValueError("calibrate needs one teacher score (and point set, if given) per essay")
    if not essays:
        raise ValueError("calibrate needs at least one marked essay")
    bad = [i for i, s in enumerate(teacher_scores) if not is_mark(s, rubric.max_score)]
    if bad:
        raise ValueError(f"teacher score {teacher_scores[bad[0]]!r} (essay {bad[0]}) is not a mark from 0 to "
                         f"{rubric.max_score:g}, the rubric's marks")
    settings = rubric.matching
    current = (settings.threshold,
               float(thresholds[learned][0]) if learned.any() else settings.learned_threshold or 0.5)
    point_ids = [p.id for p in rubric.points]

    def measure(rule: float, learned_t: float) -> Agreement:
        thresholds = np.where(learned, learned_t, rule)
        marks = [mark(rubric, thresholds, e, t, generic) for e, t in zip(essays, tables)]
        awarded = [{p.id for p in m.points if p.awarded} for m in marks]
        return agreement(teacher_scores, [m.score for m in marks], teacher_points,
                         awarded if teacher_points is not None else None, point_ids)

    def objective(result: Agreement) -> float:
        return result.qwk + (result.micro_f1 if result.points else 0.0)

    learned_grid = _LEARNED_GRID if learned.any() else np.array([current[1]])
    rule_grid = _RULE_GRID if (~learned).any() else np.array([current[0]])
    before = measure(*current)
    best, best_key = current, (objective(before), 0.0)
    for rule in rule_grid:
        for learned_t in learned_grid:
            result = measure(float(rule), float(learned_t))
            key = (objective(result), -abs(rule - current[0]) - abs(learned_t - current[1]))
            if key > best_key:
                best, best_key = (float(rule), float(learned_t)), key
    after = measure(*best)
    matching = replace(settings, threshold=best[0])
    if learned.any():
        matching = replace(matching, learned_threshold=best[1], learned_for=matcher)
    warning = None
    if len(essays) < MIN_RELIABLE_SAMPLE:
        warning = (f"only {len(essays)} marked essays: thresholds fitted to so few are unreliable; "
                   f"mark at least {MIN_RELIABLE_SAMPLE}, ideally 50 or more, covering the range of marks")
    return Calibration(rubric=replace(rubric, matching=matching), threshold=best[0], learned_threshold=best[1],
                       before=before, after=after, n=len(essays), warning=warning,
                       used=(bool((~learned).any()), bool(learned.any())))
