from __future__ import annotations

import json

import numpy as np
import pytest

from rapallo_grader.agreement import agreement, pearson_r, quadratic_weighted_kappa
from rapallo_grader.marked import read_marked

from .conftest import WRITTEN


def test_qwk_matches_a_hand_computed_value():
    # 3 categories, confusion [[1,1,0],[0,1,0],[0,0,1]]; weights (i-j)^2/4.
    # observed weighted disagreement = 0.25/4 ; expected from marginals (1/4,2/4,1/4) x (1/4,1/4,... )
    teacher, grader = [0, 0, 1, 2], [0, 1, 1, 2]
    observed = sum(((t - g) ** 2) / 4 for t, g in zip(teacher, grader)) / 4
    rows, cols = [2, 1, 1], [1, 2, 1]
    expected = sum(rows[i] * cols[j] * ((i - j) ** 2) / 4 for i in range(3) for j in range(3)) / 16
    assert quadratic_weighted_kappa(teacher, grader) == pytest.approx(1 - observed / expected)


def test_qwk_rounds_half_marks_up():
    assert quadratic_weighted_kappa([0.5, 1.5, 2.5], [1, 2, 3]) == pytest.approx(1.0)


def test_pearson_and_per_point_figures():
    assert pearson_r([1, 2, 3], [2, 4, 6]) == pytest.approx(1.0)
    result = agreement([1, 2], [1, 2], [{"A"}, {"A", "B"}], [{"A", "B"}, {"A"}], ["A", "B"])
    a, b = result.points
    assert (a.precision, a.recall, a.f1) == (1.0, 1.0, 1.0)
    assert (b.precision, b.recall, b.f1, b.support) == (0.0, 0.0, 0.0, 1)


def test_a_point_nobody_made_has_no_figures_rather_than_zeros():
    result = agreement([1, 2], [1, 2], [{"A"}, {"A"}], [{"A"}, {"A", "C"}], ["A", "B", "C"])
    _, b, c = result.points
    assert np.isnan([b.precision, b.recall, b.f1]).all() and b.support == 0  # neither side awarded B
    assert c.precision == 0.0 and np.isnan(c.recall) and c.f1 == 0.0  # the grader awarded C; the teacher never did
    assert result.micro_f1 == pytest.approx(0.8)
    assert "  B           -      -      -    0" in result.to_text()
    assert result.to_dict()["points"][1]["precision"] is None


def test_grader_agrees_with_the_teacher_on_dev_essays(grader, shared_data):
    rows = [json.loads(line) for line in (shared_data / "rapallo" / "dev_essays.jsonl").read_text().splitlines()
            if line.strip()]
    reports = grader.grade_many([r["text"] for r in rows])
    ids = [p.id for p in grader.rubric.points]
    result = agreement([r["score"] for r in rows], [rep.score for rep in reports],
                       [set(r["points"]) for r in rows], [{p.id for p in rep.points if p.awarded} for rep in reports],
                       ids)
    assert result.qwk >= 0.90  # the targets
    assert result.micro_f1 >= 0.90


def test_the_model_answer_the_scheme_comes_from_earns_every_key_point(grader, shared_data):
    # A student who copies the model answer makes every point of a scheme derived from it.
    report = grader.grade((shared_data / "rapallo" / "model_answer.txt").read_text(encoding="utf-8"))
    assert {p.id for p in report.points if p.awarded} == {p.id for p in grader.rubric.points}
    assert report.score == grader.rubric.max_score and not any(m.detected for m in report.misconceptions)


def test_a_drafted_rubric_calibrated_on_half_the_essays_agrees_on_the_other_half(grader, shared_data):
    """A teacher's route without writing terms: draft from the model answer, mark some essays,
    calibrate. As drafted, the learned matcher's own threshold (set for whole short answers) gives
    these essays about 0.6 of the teacher's 3.85 marks; calibrated, the threshold suits the essays."""
    import random

    from rapallo_grader import Grader, Rubric

    rows = [json.loads(line) for line in (shared_data / "rapallo" / "dev_essays.jsonl").read_text().splitlines()
            if line.strip()]
    model_answer = (shared_data / "rapallo" / "model_answer.txt").read_text(encoding="utf-8")
    rubric = Rubric.from_reference(grader.rubric.question, [model_answer], grader.rubric.max_score)
    texts, teacher = [r["text"] for r in rows], [r["score"] for r in rows]
    drafted = agreement(teacher, [rep.score for rep in Grader(rubric, grader.pipeline).grade_many(texts)])
    order = list(range(len(rows)))
    random.Random(0).shuffle(order)
    halves = [order[::2], order[1::2]]
    held = [0.0] * len(rows)
    for fit, test in (halves, halves[::-1]):
        fitted = Grader(rubric, grader.pipeline)
        fitted.calibrate([texts[i] for i in fit], [teacher[i] for i in fit])
        for i, rep in zip(test, fitted.grade_many([texts[i] for i in test])):
            held[i] = rep.score
    calibrated = agreement(teacher, held)
    assert calibrated.qwk >= 0.75 and calibrated.pearson_r >= 0.75
    assert calibrated.qwk > drafted.qwk + 0.3


def test_a_drafted_rubric_calibrated_on_the_dev_essays_agrees_better_on_essays_it_never_saw(grader, shared_data):
    """The same route judged on more essays: calibrated on the 17 dev essays, marked on the whole of the
    bundled marked sample, written apart from them."""
    from rapallo_grader import Grader, Rubric

    dev = [json.loads(line) for line in (shared_data / "rapallo" / "dev_essays.jsonl").read_text().splitlines()
           if line.strip()]
    written = read_marked(WRITTEN, [p.id for p in grader.rubric.points], max_score=grader.rubric.max_score)
    model_answer = (shared_data / "rapallo" / "model_answer.txt").read_text(encoding="utf-8")
    drafted = Grader(Rubric.from_reference(grader.rubric.question, [model_answer], grader.rubric.max_score),
                     grader.pipeline)
    before = drafted.evaluate(written)
    drafted.calibrate([r["text"] for r in dev], [r["score"] for r in dev])
    after = drafted.evaluate(written)
    assert after.qwk > before.qwk + 0.3 and after.pearson_r > before.pearson_r + 0.15


def test_evaluate_figures_match_an_independent_computation(grader):
    from rapallo_grader.marked import MarkedEssay

    texts = ["Both countries were outcasts, so they recognised each other.",
             "Germany wanted Russian oil and grain for its industry.",
             "Rapallo is a town in Italy.",
             "Moscow wanted German engineers to rebuild Soviet factories. Germany wanted Russian oil."]
    teacher = [1.5, 0.0, 1.0, 2.0]
    marked = [MarkedEssay(str(i), t, s) for i, (t, s) in enumerate(zip(texts, teacher))]
    result = grader.evaluate(marked)
    graded = [r.score for r in grader.grade_many(texts)]
    t, g = np.array(teacher), np.array(graded)
    assert result.rmse == pytest.approx(np.sqrt(((t - g) ** 2).mean()))
    assert result.pearson_r == pytest.approx(np.corrcoef(t, g)[0, 1])
    rt, rg = np.floor(t + 0.5), np.floor(g + 0.5)
    assert result.exact == pytest.approx((rt == rg).mean())
    assert result.adjacent == pytest.approx((abs(rt - rg) <= 1).mean())
    pooled = np.sqrt((t.var(ddof=1) + g.var(ddof=1)) / 2)
    assert result.smd == pytest.approx((g.mean() - t.mean()) / pooled)
    assert result.points == ()
