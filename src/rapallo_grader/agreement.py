"""Agreement between the grader and a teacher: the figures we judge ourselves by."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class PointAgreement:
    id: str
    precision: float
    recall: float
    f1: float
    support: int


@dataclass(frozen=True)
class Agreement:
    n: int
    qwk: float
    pearson_r: float
    points: tuple[PointAgreement, ...]
    micro_f1: float


def quadratic_weighted_kappa(teacher: Sequence[float], grader: Sequence[float]) -> float:
    """QWK on whole marks (both sides rounded half up), as exam boards report it."""
    from sklearn.metrics import cohen_kappa_score

    a = np.floor(np.asarray(teacher, dtype=float) + 0.5).astype(int)
    b = np.floor(np.asarray(grader, dtype=float) + 0.5).astype(int)
    if len(set(a) | set(b)) < 2:
        return 1.0 if np.array_equal(a, b) else 0.0
    return float(cohen_kappa_score(a, b, weights="quadratic"))


def pearson_r(teacher: Sequence[float], grader: Sequence[float]) -> float:
    a, b = np.asarray(teacher, dtype=float), np.asarray(grader, dtype=float)
    if a.std() == 0 or b.std() == 0:
        return float("nan")
    return float(np.corrcoef(a, b)[0, 1])


def agreement(teacher_scores: Sequence[float], grader_scores: Sequence[float],
              teacher_points: Sequence[set[str]], grader_points: Sequence[set[str]],
              point_ids: Sequence[str]) -> Agreement:
    """Score-level and per-point agreement over the same essays in the same order."""
    from sklearn.metrics import precision_recall_fscore_support

    truth = np.array([[pid in s for pid in point_ids] for s in teacher_points], dtype=int)
    pred = np.array([[pid in s for pid in point_ids] for s in grader_points], dtype=int)
    p, r, f, support = precision_recall_fscore_support(truth, pred, average=None, zero_division=0.0,
                                                       labels=list(range(len(point_ids))))
    micro = precision_recall_fscore_support(truth, pred, average="micro", zero_division=0.0)[2]
    points = tuple(PointAgreement(pid, float(p[i]), float(r[i]), float(f[i]), int(support[i]))
                   for i, pid in enumerate(point_ids))
    return Agreement(n=len(teacher_scores), qwk=quadratic_weighted_kappa(teacher_scores, grader_scores),
                     pearson_r=pearson_r(teacher_scores, grader_scores), points=points,
                     micro_f1=float(micro))
