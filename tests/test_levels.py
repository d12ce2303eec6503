"""Levels of response: marking explanation, not just mention."""

from __future__ import annotations

import pytest

from rapallo_grader import Grader, Rubric, RubricError
from rapallo_grader.marked import MarkedEssay

from .conftest import ROOT

BARE = ("Germany and Russia were both isolated after the war. Germany wanted Russian raw materials. "
        "The German army wanted secret training in Russia.")
EXPLAINED = ("Germany and Russia were both isolated after 1918, so they recognised each other at Rapallo in 1922. "
             "Germany wanted Russian oil and grain because its industry had lost the Ruhr's supplies in 1923. "
             "The German army trained secretly at Lipetsk to get round the Versailles limit of 100,000 men.")


@pytest.fixture(scope="module")
def levels_grader():
    return Grader(Rubric.load(ROOT / "rubrics" / "rapallo_levels.yaml"))


def points(report):
    return {p.id: p for p in report.points if p.awarded}


def test_same_reasons_bare_and_explained_land_in_different_levels(levels_grader):
    bare, explained = levels_grader.grade_many([BARE, EXPLAINED])
    assert {"K2", "K5", "K7"} <= set(points(bare)) and {"K2", "K5", "K7"} <= set(points(explained))
    assert {p.depth for p in points(bare).values()} == {"identified"}
    assert {points(explained)[k].depth for k in ("K2", "K5", "K7")} == {"developed"}
    assert bare.level == "Level 1" and explained.level == "Level 4"
    assert bare.score <= 3 < 9 <= explained.score
    assert explained.level_reason.startswith("Level 4 (9-10) needs 3 point(s) developed")


def test_a_list_is_capped_and_a_short_argued_answer_lifted(levels_grader):
    many_bare = BARE + " Germany was weakened by reparations. The Soviets wanted German technology. " \
                       "Both countries disliked the Versailles settlement."
    listed = levels_grader.grade(many_bare)
    argued = levels_grader.grade("The German army trained secretly at Lipetsk to get round the Versailles "
                                 "limit of 100,000 men.")
    assert sum(p.marks for p in listed.points) == 3.0 and listed.score == 3.0  # six reasons, Level 1 cap
    assert argued.level == "Level 2" and argued.score == 4.0  # one developed reason, lifted to the level's floor


def test_a_connective_without_a_real_link_is_not_explanation(levels_grader):
    report = levels_grader.grade("Germany wanted Russian raw materials because Germany.")
    k5 = points(report)["K5"]
    assert k5.depth == "identified" and k5.marks == 0.5


def test_an_explanation_of_a_wrong_point_earns_nothing(levels_grader):
    report = levels_grader.grade("The treaty divided Poland between Germany and Russia because both wanted "
                                 "more land, so in 1939 they split it along the Vistula.")
    assert not points(report) and report.level is None and report.score == 0.0
    assert any(m.detected for m in report.misconceptions)


def test_point_sum_rubrics_are_unchanged(grader):
    report = grader.grade(EXPLAINED)
    assert report.level is None and all(p.depth is None for p in report.points)
    assert report.score == sum(p.marks for p in report.points)


def test_evaluate_reports_level_agreement(levels_grader):
    marked = [MarkedEssay("a", BARE, 3.0, level="Level 1"), MarkedEssay("b", EXPLAINED, 9.0, level="Level 4"),
              MarkedEssay("c", EXPLAINED, 8.0, level="Level 3")]
    result = levels_grader.evaluate(marked)
    assert result.level_exact == pytest.approx(2 / 3)
    assert "same level as the teacher" in result.to_text()


@pytest.mark.parametrize("snippet, place", [
    ("    depth: {identified: 1, explained: 0.5}\n", "depth"),
    ("    depth: {shallow: 1}\n", "depth"),
])
def test_bad_depth_is_located(snippet, place):
    text = "question: q\npoints:\n  - id: A\n    text: Germany wanted oil\n" + snippet
    with pytest.raises(RubricError, match=place):
        Rubric.from_yaml(text)


def test_bad_level_is_located():
    text = ("question: q\npoints:\n  - {id: A, marks: 1, text: Germany wanted oil}\n"
            "levels:\n  - {name: L1, marks: [0, 5]}\n")
    with pytest.raises(RubricError, match=r"levels\[0\]\.marks"):
        Rubric.from_yaml(text)


def test_levels_rubric_keeps_the_point_rubrics_words():
    # Generated from rapallo.yaml: a vocabulary edit there must be carried over by the script.
    levels = Rubric.load(ROOT / "rubrics" / "rapallo_levels.yaml")
    points = Rubric.load(ROOT / "rubrics" / "rapallo.yaml")
    words = [(p.id, p.wordings, p.terms, p.min_terms, p.exclude, p.wanted_by, p.anywhere, p.each_side, p.each_side_group) for p in points.points]
    assert [(p.id, p.wordings, p.terms, p.min_terms, p.exclude, p.wanted_by, p.anywhere, p.each_side, p.each_side_group) for p in levels.points] == words
    assert levels.misconceptions == points.misconceptions


def test_levels_rubric_round_trips_through_yaml():
    rubric = Rubric.load(ROOT / "rubrics" / "rapallo_levels.yaml")
    again = Rubric.from_yaml(rubric.to_yaml())
    assert again.levels == rubric.levels and again.points == rubric.points
