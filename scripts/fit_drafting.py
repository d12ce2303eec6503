"""Fit the short-answer drafting settings (models/drafting-v2.json) on SAF v1 training only.

    python scripts/fit_drafting.py [--check]

A short-answer model answer usually lists more than a student must write ("name two tasks", "one
of the following"), so a rubric drafted with one point per claim and full marks for all of them
under-marks. For every SAF training question the rubric is drafted from its reference; each
answer's best match probability per point is computed once; then a grid of (share of points for
full marks, match threshold) is searched for the best Pearson r with the teacher's points. No
test or unseen split is read. ``--check`` refits and exits 1 if the result differs from the
committed file.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from datasets import saf  # noqa: E402

from rapallo_grader import Grader, Rubric  # noqa: E402
from rapallo_grader.agreement import pearson_r  # noqa: E402
from rapallo_grader.authoring import DRAFTING, ShortAnswerDrafting  # noqa: E402
from rapallo_grader.pipeline import Pipeline  # noqa: E402

SHARES = [round(0.05 * i, 2) for i in range(1, 21)]
THRESHOLDS = [round(0.02 * i, 2) for i in range(1, 40)]


def similarities() -> tuple[list[np.ndarray], np.ndarray]:
    """Per training answer: its points' best match probabilities; and the teacher's points (0-1)."""
    pipeline = Pipeline()
    sims, labels = [], []
    for question in saf("training"):
        grader = Grader(Rubric.from_reference(question.text, list(question.references)), pipeline)
        for answer, report in zip(question.answers, grader.grade_iter(a.text for a in question.answers)):
            sims.append(np.array([p.similarity for p in report.points]))
            labels.append(answer.label)
    return sims, np.array(labels)


def score(sims: list[np.ndarray], settings: ShortAnswerDrafting) -> np.ndarray:
    """The score a short-answer draft gives: points matched over points needed, capped at 1."""
    return np.array([min(1.0, float((s >= settings.learned_threshold).sum()) / settings.points_needed(len(s)))
                     for s in sims])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="refit and compare with the committed file")
    args = parser.parse_args()
    sims, labels = similarities()
    grid = [(pearson_r(labels, score(sims, ShortAnswerDrafting(share, threshold))), share, threshold)
            for share in SHARES for threshold in THRESHOLDS]
    # First of equals (the smaller share); a constant score (r undefined) never wins.
    r, share, threshold = max(grid, key=lambda row: -1.0 if math.isnan(row[0]) else row[0])
    text = json.dumps({
        "full_marks_share": share, "learned_threshold": threshold,
        "fitted_on": "saf/v1/training", "answers": len(labels), "pearson_r_training": round(r, 4),
        "grid": f"full_marks_share {SHARES[0]}..{SHARES[-1]} by 0.05, learned_threshold {THRESHOLDS[0]}..{THRESHOLDS[-1]} by 0.02",
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
