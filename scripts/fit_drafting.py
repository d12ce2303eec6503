"""Fit the short-answer drafting settings (models/drafting-v3.json) on SAF v1 training only.

    python scripts/fit_drafting.py [--check]

A short-answer model answer usually lists more than a student must write ("name two tasks", "one
of the following"), so a rubric drafted with one point per claim and full marks for all of them
under-marks. For every SAF training question the rubric is drafted from its reference; each
answer's best match probability per point is computed once; then a grid of (share of points for
full marks, match threshold) is searched for the best Pearson r with the teacher's points, with
part marks and without. Part marks are kept only if they do better on questions the fit did not
see (the grid refitted without each training question in turn, scored on that question; both
figures are recorded): on the questions it was fitted on, a setting with more freedom always
looks better. The file also records the mean score the chosen drafts give to answers written
for other questions (which should be near 0). No test or unseen split is read. ``--check``
refits and exits 1 if the result differs from the committed file.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from datasets import saf  # noqa: E402

from rapallo_grader import Grader, Rubric  # noqa: E402
from rapallo_grader.agreement import pearson_r  # noqa: E402
from rapallo_grader.authoring import DRAFTING, ShortAnswerDrafting  # noqa: E402
from rapallo_grader.model import DEFAULT_MODEL  # noqa: E402
from rapallo_grader.pipeline import Pipeline  # noqa: E402
from rapallo_grader.rubric import counted_total  # noqa: E402
from rapallo_grader.scoring import point_shares  # noqa: E402

SHARES = [round(0.05 * i, 2) for i in range(1, 21)]
THRESHOLDS = [round(0.02 * i, 2) for i in range(1, 40)]


#: Answers to other questions marked against each training question's draft (a trust check, not
#: fitted on): drawn from questions of other chapters of the course, with a fixed seed.
OTHER_ANSWERS = 40


def similarities() -> tuple[list[np.ndarray], np.ndarray, np.ndarray, list[np.ndarray]]:
    """Per training answer: its points' best match probabilities, the teacher's points (0-1) and
    the question; and the same probabilities for answers to other questions."""
    pipeline = Pipeline()
    training = saf("training")
    sims, labels, questions, others = [], [], [], []
    draw = random.Random(0)
    for question in training:
        grader = Grader(Rubric.from_reference(question.text, list(question.references)), pipeline)
        for answer, report in zip(question.answers, grader.grade_iter(a.text for a in question.answers)):
            sims.append(np.array([p.similarity for p in report.points]))
            labels.append(answer.label)
            questions.append(question.id)
        chapter = question.id.split(".")[0]
        elsewhere = [a.text for q in training if q.id.split(".")[0] != chapter for a in q.answers]
        others += [np.array([p.similarity for p in report.points])
                   for report in grader.grade_iter(draw.sample(elsewhere, OTHER_ANSWERS))]
    return sims, np.array(labels), np.array(questions), others


def score(sims: list[np.ndarray], settings: ShortAnswerDrafting) -> np.ndarray:
    """The score a short-answer draft gives (as the grader marks it): the best ``points_needed``
    points' shares of their marks over the points needed, capped at 1."""
    def total(s: np.ndarray) -> float:
        shares = point_shares(list(s), [settings.learned_threshold] * len(s), settings.partial_credit)
        needed = settings.points_needed(len(s))
        return min(1.0, counted_total(shares, needed) / needed)

    return np.array([total(s) for s in sims])


def best(r: np.ndarray) -> int:
    """The first of the highest r (the smaller share, the lower threshold); a constant score (r
    undefined) never wins."""
    return int(np.argmax(np.nan_to_num(r, nan=-1.0)))


def left_out_r(scores: np.ndarray, labels: np.ndarray, questions: np.ndarray) -> float:
    """r on each training question of the grid's best fit without it, pooled."""
    pooled = np.zeros(len(labels))
    for question in np.unique(questions):
        out = questions == question
        fit = best(np.array([pearson_r(labels[~out], s[~out]) for s in scores]))
        pooled[out] = scores[fit][out]
    return pearson_r(labels, pooled)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="refit and compare with the committed file")
    args = parser.parse_args()
    sims, labels, questions, others = similarities()
    grids = {partial: [ShortAnswerDrafting(share, threshold, partial) for share in SHARES for threshold in THRESHOLDS]
             for partial in (False, True)}
    scores = {partial: np.array([score(sims, s) for s in grid]) for partial, grid in grids.items()}
    fits = {partial: np.array([pearson_r(labels, s) for s in scores[partial]]) for partial in grids}
    unseen = {p: left_out_r(scores[p], labels, questions) for p in grids}
    partial = bool(unseen[True] > unseen[False])
    chosen = grids[partial][best(fits[partial])]
    other = grids[not partial][best(fits[not partial])]
    text = json.dumps({
        "full_marks_share": chosen.full_marks_share, "learned_threshold": chosen.learned_threshold,
        "partial_credit": chosen.partial_credit, "matcher": DEFAULT_MODEL,
        "fitted_on": "saf/v1/training", "answers": len(labels),
        "pearson_r_training": round(float(fits[partial].max()), 4),
        "pearson_r_left_out_question": {("with" if p else "without") + " partial credit": round(unseen[p], 4)
                                        for p in grids},
        "mean_score_of_answers_to_other_questions": {
            "these settings": round(float(score(others, chosen).mean()), 4),
            f"best {'without' if partial else 'with'} partial credit ({other.full_marks_share}, "
            f"{other.learned_threshold})": round(float(score(others, other).mean()), 4)},
        "grid": (f"full_marks_share {SHARES[0]}..{SHARES[-1]} by 0.05, learned_threshold {THRESHOLDS[0]}.."
                 f"{THRESHOLDS[-1]} by 0.02, partial_credit false/true"),
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
