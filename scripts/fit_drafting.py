"""Fit the short-answer drafting settings (models/drafting-v19.json) on SAF v1 training only.

    python scripts/fit_drafting.py [--check]

A short-answer model answer usually lists more than a student must write ("name two tasks", "one of
the following"), so a rubric drafted with one point per claim and full marks for all of them
under-marks. Where the question says how many things it asks for ("state at least 4 of the
differences"), that many points earn full marks. For every SAF training question the rubric is
drafted from its reference; each answer's best match probability per point is computed once; then a
grid of (share of points for full marks, match threshold) is searched for the best Pearson r with
the teacher's points, for each way of giving part marks: none; quarters of the threshold reached,
in an answer that makes a point; the share of the threshold reached, in an answer whose best match
reaches a third setting (``partial_from``), short of a point made or not. The way is chosen on
questions the fit did not see (the grid refitted without each training question in turn, scored on
that question; all three figures are recorded): on the questions it was fitted on, a way with more
freedom always looks better. The file also records the mean score the chosen drafts give to answers
written for other questions (which should be near 0). No test or unseen split is read. ``--check``
refits and exits 1 if the result differs from the committed file.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from datasets import saf  # noqa: E402

from rapallo_grader import Grader, Rubric  # noqa: E402
from rapallo_grader.agreement import pearson_r  # noqa: E402
from rapallo_grader.authoring import DRAFTING, ShortAnswerDrafting, items_asked  # noqa: E402
from rapallo_grader.model import DEFAULT_MODEL  # noqa: E402
from rapallo_grader.pipeline import Pipeline  # noqa: E402
from rapallo_grader.rubric import counted_total  # noqa: E402
from rapallo_grader.scoring import point_shares, share_matrix  # noqa: E402

SHARES = [round(0.05 * i, 2) for i in range(1, 21)]
THRESHOLDS = [round(0.02 * i, 2) for i in range(1, 40)]
STARTS = [round(0.02 * i, 2) for i in range(26)]
#: The ways of giving part marks, as the fitted file names them.
WAYS = ("none", "quarters", "in proportion")


#: Answers to other questions marked against each training question's draft (a trust check, not
#: fitted on): drawn from questions of other chapters of the course, with a fixed seed.
OTHER_ANSWERS = 40


@dataclass
class Matches:
    """Per answer: its points' best match probabilities, and how many things its question asks
    for (``items_asked``; 0 where it does not say)."""

    sims: list[np.ndarray] = field(default_factory=list)
    asked: list[int] = field(default_factory=list)

    def add(self, sims: np.ndarray, asked: int | None) -> None:
        self.sims.append(sims)
        self.asked.append(asked or 0)


def similarities() -> tuple[Matches, np.ndarray, np.ndarray, Matches]:
    """Per training answer: its matches, the teacher's points (0-1) and the question; and the
    matches of answers to other questions."""
    pipeline = Pipeline()
    training = saf("training")
    matches, labels, questions, others = Matches(), [], [], Matches()
    draw = random.Random(0)
    for question in training:
        grader = Grader(Rubric.from_reference(question.text, list(question.references)), pipeline)
        asked = items_asked(question.text)
        for answer, report in zip(question.answers, grader.grade_iter(a.text for a in question.answers)):
            matches.add(np.array([p.similarity for p in report.points]), asked)
            labels.append(answer.label)
            questions.append(question.id)
        chapter = question.id.split(".")[0]
        elsewhere = [a.text for q in training if q.id.split(".")[0] != chapter for a in q.answers]
        for report in grader.grade_iter(draw.sample(elsewhere, OTHER_ANSWERS)):
            others.add(np.array([p.similarity for p in report.points]), asked)
    return matches, np.array(labels), np.array(questions), others


def grid() -> dict[str, list[ShortAnswerDrafting]]:
    none = [ShortAnswerDrafting(share, t) for share in SHARES for t in THRESHOLDS]
    return {"none": none,
            "quarters": [replace(s, partial_credit=True) for s in none],
            "in proportion": [replace(s, partial_credit=True, partial_from=start)
                              for s in none for start in STARTS if start < s.learned_threshold]}


def score(matches: Matches, settings: ShortAnswerDrafting) -> np.ndarray:
    """The score a short-answer draft gives (as the grader marks it): the best ``points_needed``
    points' shares of their marks over the points needed, capped at 1."""
    def total(s: np.ndarray, asked: int) -> float:
        shares = point_shares(list(s), [settings.learned_threshold] * len(s), settings.partial_credit,
                              settings.partial_from)
        needed = settings.points_needed(len(s), asked)
        return min(1.0, counted_total(shares, needed) / needed)

    return np.array([total(s, asked) for s, asked in zip(matches.sims, matches.asked)])


def scores(matches: Matches, settings: list[ShortAnswerDrafting]) -> np.ndarray:
    """``score`` for many settings at once (one row each): the grader's own part-mark rule
    (``share_matrix``) on a matrix of each answer's probabilities, best first (padded with -1), as
    the per-answer loop would take minutes for the grid."""
    sims, asked = matches.sims, np.array(matches.asked)
    width = max(len(s) for s in sims)
    best = np.full((len(sims), width), -1.0)
    for i, s in enumerate(sims):
        best[i, :len(s)] = np.sort(s)[::-1]
    n_points = np.array([len(s) for s in sims])
    rows = np.arange(len(sims))
    out = np.empty((len(settings), len(sims)), dtype=np.float32)
    for j, setting in enumerate(settings):
        shares = share_matrix(best, setting.learned_threshold, setting.partial_credit, setting.partial_from)
        needed = np.where(asked > 0, np.minimum(asked, n_points),
                          np.maximum(1, np.ceil(n_points * setting.full_marks_share - 1e-9))).astype(int)
        out[j] = np.minimum(1.0, np.cumsum(shares, axis=1)[rows, needed - 1] / needed)
    return out


def correlations(labels: np.ndarray, scores: np.ndarray) -> np.ndarray:
    """Pearson r of each row of ``scores`` with ``labels``; NaN for a constant row."""
    x = scores - scores.mean(axis=1, keepdims=True)
    y = labels - labels.mean()
    spread = np.linalg.norm(x, axis=1) * np.linalg.norm(y)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(spread > 0, x @ y / spread, np.nan)


def best(r: np.ndarray) -> int:
    """The first of the highest r (the smaller share, the lower threshold, the lower start); a
    constant score (r undefined) never wins."""
    return int(np.argmax(np.nan_to_num(r, nan=-1.0)))


def left_out_r(scores: np.ndarray, labels: np.ndarray, questions: np.ndarray) -> float:
    """r on each training question of the grid's best fit without it, pooled."""
    pooled = np.zeros(len(labels))
    for question in np.unique(questions):
        out = questions == question
        pooled[out] = scores[best(correlations(labels[~out], scores[:, ~out]))][out]
    return pearson_r(labels, pooled)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="refit and compare with the committed file")
    args = parser.parse_args()
    matches, labels, questions, others = similarities()
    grids = grid()
    fitted = {way: scores(matches, settings) for way, settings in grids.items()}
    fits = {way: correlations(labels, s) for way, s in fitted.items()}
    unseen = {way: left_out_r(fitted[way], labels, questions) for way in WAYS}
    way = max(WAYS, key=lambda w: unseen[w])
    fitted_best = {w: grids[w][best(fits[w])] for w in WAYS}
    chosen = fitted_best[way]
    text = json.dumps({
        "full_marks_share": chosen.full_marks_share, "learned_threshold": chosen.learned_threshold,
        "partial_credit": chosen.partial_credit, "partial_from": chosen.partial_from, "matcher": DEFAULT_MODEL,
        "fitted_on": "saf/v1/training", "answers": len(labels),
        "pearson_r_training": round(float(fits[way].max()), 4),
        "pearson_r_left_out_question": {f"part marks: {w}": round(unseen[w], 4) for w in WAYS},
        "mean_score_of_answers_to_other_questions": {
            f"part marks: {w}{' (chosen)' if w == way else ''}": round(float(score(others, fitted_best[w]).mean()), 4)
            for w in WAYS},
        "grid": (f"full_marks_share {SHARES[0]}..{SHARES[-1]} by 0.05, learned_threshold {THRESHOLDS[0]}.."
                 f"{THRESHOLDS[-1]} by 0.02, part marks none / quarters / in proportion (partial_from "
                 f"{STARTS[0]}..{STARTS[-1]} by 0.02, below the threshold)"),
        "rebuild": "python scripts/fit_drafting.py",
    }, indent=2) + "\n"
    path = ROOT / "models" / DRAFTING
    if args.check:
        same = path.read_text(encoding="utf-8") == text
        print("drafting settings refit identically" if same else "drafting settings differ from the committed ones")
        return 0 if same else 1
    path.write_text(text, encoding="utf-8")
    print(text, end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
