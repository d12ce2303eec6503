"""Agreement between the grader and a teacher: the figures we judge ourselves by.

Follows ETS RSMTool's choices: QWK on whole marks, Pearson r, RMSE, exact and adjacent
agreement, and the standardised mean difference (grader mean minus teacher mean over the
pooled standard deviation), plus per-point precision/recall/F1 when the teacher marked points.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class PointAgreement:
    """NaN (null in JSON, "-" in text) where a figure has nothing to count: precision when the
    grader never awarded the point, recall when the teacher never did, F1 when neither did (a
    point nobody made is not a point the grader got wrong)."""

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
    rmse: float = float("nan")
    exact: float = float("nan")
    adjacent: float = float("nan")
    smd: float = float("nan")
    teacher_mean: float = float("nan")
    grader_mean: float = float("nan")
    #: Share of essays placed in the teacher's level (levels-of-response rubrics).
    level_exact: float = float("nan")
    #: (id, error) of marked essays the grader could not grade: left out of every figure above,
    #: as counting them as 0 would blame the grader for a file it never read.
    not_graded: tuple[tuple[str, str], ...] = ()

    def to_dict(self) -> dict[str, object]:
        """Plain data for JSON, with null where a figure is undefined (JSON has no NaN)."""
        from dataclasses import asdict

        result = _nulls(asdict(self))
        assert isinstance(result, dict)
        return result

    def to_text(self) -> str:
        lines = [f"essays: {self.n}",
                 f"QWK (whole marks):          {self.qwk:.3f}",
                 f"Pearson r:                  {self.pearson_r:.3f}",
                 f"RMSE:                       {self.rmse:.3f}",
                 f"exact / adjacent agreement: {self.exact:.3f} / {self.adjacent:.3f}",
                 f"standardised mean diff.:    {self.smd:+.3f}  "
                 f"(teacher mean {self.teacher_mean:.2f}, grader mean {self.grader_mean:.2f})"]
        if self.level_exact == self.level_exact:
            lines.append(f"same level as the teacher:  {self.level_exact:.3f}")
        if self.points:
            lines.append(f"per point (micro-F1 {self.micro_f1:.3f}):")
            lines.append(f"  {'id':6} {'prec':>6} {'recall':>6} {'F1':>6} {'n':>4}")
            lines += [f"  {p.id:6} {_cell(p.precision)} {_cell(p.recall)} {_cell(p.f1)} {p.support:4d}"
                      for p in self.points]
        lines += not_graded_lines(self.not_graded, "these figures")
        return "\n".join(lines)


def quadratic_weighted_kappa(teacher: Sequence[float] | np.ndarray, grader: Sequence[float] | np.ndarray) -> float:
    """QWK on whole marks (both sides rounded half up), as exam boards report it."""
    from sklearn.metrics import cohen_kappa_score

    a = np.floor(np.asarray(teacher, dtype=float) + 0.5).astype(int)
    b = np.floor(np.asarray(grader, dtype=float) + 0.5).astype(int)
    if len(set(a) | set(b)) < 2:
        return 1.0 if np.array_equal(a, b) else 0.0
    return float(cohen_kappa_score(a, b, weights="quadratic"))


def not_graded_lines(not_graded: Sequence[tuple[str, str]], left_out_of: str) -> list[str]:
    """The marked essays a measurement or fit left out, one per line with why (none: no lines)."""
    if not not_graded:
        return []
    return [f"not graded, left out of {left_out_of} ({len(not_graded)}):",
            *(f"  {essay}: {error}" for essay, error in not_graded)]


def _nulls(value: object) -> object:
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, dict):
        return {k: _nulls(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_nulls(v) for v in value]
    return value


def _cell(value: float) -> str:
    return f"{'-':>6}" if math.isnan(value) else f"{value:6.2f}"


def pearson_r(teacher: Sequence[float] | np.ndarray, grader: Sequence[float] | np.ndarray) -> float:
    a, b = np.asarray(teacher, dtype=float), np.asarray(grader, dtype=float)
    if a.std() == 0 or b.std() == 0:
        return float("nan")
    return float(np.corrcoef(a, b)[0, 1])


def agreement(teacher_scores: Sequence[float], grader_scores: Sequence[float],
              teacher_points: Sequence[set[str]] | None = None,
              grader_points: Sequence[set[str]] | None = None,
              point_ids: Sequence[str] = ()) -> Agreement:
    """Score-level (and, given point labels, per-point) agreement over the same essays in order."""
    from sklearn.metrics import precision_recall_fscore_support

    t = np.asarray(teacher_scores, dtype=float)
    g = np.asarray(grader_scores, dtype=float)
    whole_t, whole_g = np.floor(t + 0.5), np.floor(g + 0.5)
    pooled = np.sqrt((t.var(ddof=1) + g.var(ddof=1)) / 2) if len(t) > 1 else 0.0
    points: tuple[PointAgreement, ...] = ()
    micro = float("nan")
    if teacher_points is not None and grader_points is not None and point_ids:
        truth = np.array([[pid in s for pid in point_ids] for s in teacher_points], dtype=int)
        pred = np.array([[pid in s for pid in point_ids] for s in grader_points], dtype=int)
        p, r, f, support = precision_recall_fscore_support(truth, pred, average=None, zero_division=np.nan,
                                                           labels=list(range(len(point_ids))))
        micro = float(precision_recall_fscore_support(truth, pred, average="micro", zero_division=0.0)[2])
        points = tuple(PointAgreement(pid, float(p[i]), float(r[i]), float(f[i]), int(support[i]))
                       for i, pid in enumerate(point_ids))
    return Agreement(n=len(t), qwk=quadratic_weighted_kappa(t, g), pearson_r=pearson_r(t, g),
                     points=points, micro_f1=micro,
                     rmse=float(np.sqrt(np.mean((t - g) ** 2))) if len(t) else float("nan"),
                     exact=float(np.mean(whole_t == whole_g)) if len(t) else float("nan"),
                     adjacent=float(np.mean(np.abs(whole_t - whole_g) <= 1)) if len(t) else float("nan"),
                     smd=float((g.mean() - t.mean()) / pooled) if pooled > 0 else float("nan"),
                     teacher_mean=float(t.mean()) if len(t) else float("nan"),
                     grader_mean=float(g.mean()) if len(g) else float("nan"))
