from __future__ import annotations

import random
from dataclasses import replace

import pytest

from rapallo_grader import Grader
from rapallo_grader.agreement import agreement

from .test_rapallo_paraphrases import CASES


def marked_sample(rubric, n: int, seed: int) -> tuple[list[str], list[float]]:
    """Essays of 1-4 claims that each make a known point; the 'teacher' awards exactly those."""
    marks = {p.id: p.marks for p in rubric.points}
    claims = [(cid, text) for cid, expected, text in CASES if expected and cid in marks]
    rng = random.Random(seed)
    texts, scores = [], []
    for _ in range(n):
        chosen = rng.sample(claims, rng.randint(1, 4))
        texts.append(" ".join(text for _, text in chosen))
        scores.append(sum(marks[cid] for cid in {cid for cid, _ in chosen}))
    return texts, scores


def test_calibration_improves_agreement_on_held_out_essays(rubric):
    strict = replace(rubric, matching=replace(rubric.matching, threshold=0.95))
    grader = Grader(strict)
    fit_texts, fit_scores = marked_sample(rubric, 40, seed=1)
    held_texts, held_scores = marked_sample(rubric, 40, seed=2)
    before = agreement(held_scores, [r.score for r in grader.grade_many(held_texts)])

    result = grader.calibrate(fit_texts, fit_scores)
    after = agreement(held_scores, [r.score for r in grader.grade_many(held_texts)])

    assert result.threshold < 0.95 and grader.rubric.matching.threshold == result.threshold
    assert after.qwk > before.qwk + 0.2
    assert result.after.qwk >= result.before.qwk and result.warning is None


def test_small_sample_gets_a_warning(rubric):
    texts, scores = marked_sample(rubric, 8, seed=3)
    result = Grader(rubric).calibrate(texts, scores)
    assert result.warning and "only 8" in result.warning


def test_calibrated_rubric_saves_and_reloads(rubric, tmp_path):
    from rapallo_grader import Rubric

    texts, scores = marked_sample(rubric, 30, seed=4)
    grader = Grader(replace(rubric, matching=replace(rubric.matching, threshold=0.9)))
    result = grader.calibrate(texts, scores)
    path = tmp_path / "calibrated.yaml"
    path.write_text(result.rubric.to_yaml(), encoding="utf-8")
    assert Rubric.load(path).matching.threshold == result.threshold


def test_calibrate_refuses_mismatched_lengths(grader):
    with pytest.raises(ValueError, match="one teacher score"):
        grader.calibrate(["a", "b"], [1.0])


@pytest.mark.parametrize("score", [float("nan"), -1.0, 99.0])
def test_calibrate_refuses_a_score_outside_the_rubrics_marks(grader, score):
    with pytest.raises(ValueError, match=r"essay 1\) is not a mark from 0 to 10"):
        grader.calibrate(["Germany was isolated.", "Russia was isolated."], [2.0, score])


def test_the_summary_names_only_the_thresholds_that_mark_this_rubric(rubric):
    from rapallo_grader import Rubric

    texts, scores = marked_sample(rubric, 6, seed=6)
    rules_only = Grader(rubric).calibrate(texts, scores).to_text().splitlines()[1]
    drafted = Rubric.from_reference(rubric.question, ["Germany and Russia were both outcasts in Europe.",
                                                      "Germany wanted Russian raw materials."], max_score=10)
    learned_only = Grader(drafted).calibrate(texts, scores).to_text().splitlines()[1]
    assert "(rules)" in rules_only and "learned" not in rules_only
    assert "(learned matcher)" in learned_only and "rules" not in learned_only
