from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

import pytest

from rapallo_grader import Grader, Rubric, RubricError

from .conftest import RUBRIC

VALID = """\
question: Why?
points:
  - id: P1
    marks: 2
    text: Germany wanted raw materials.
  - id: P2
    marks: 1
    text: Russia wanted technology.
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "rubric.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_max_score_defaults_to_sum_of_marks(tmp_path):
    rubric = Rubric.load(write(tmp_path, VALID))
    assert rubric.max_score == 3.0
    assert [p.id for p in rubric.points] == ["P1", "P2"]


def test_bundled_rubric_encodes_the_teachers_scheme(rubric, shared_data):
    scheme = (shared_data / "rapallo" / "marking_scheme.md").read_text(encoding="utf-8")
    marks = {m[0]: float(m[1]) for m in re.findall(r"^\| (K\d) \| ([\d.]+) \|", scheme, re.M)}
    misconceptions = re.findall(r"^\| (M\d) \|", scheme, re.M)
    assert {p.id: p.marks for p in rubric.points} == marks
    assert [m.id for m in rubric.misconceptions] == misconceptions
    assert all(m.penalty == 1.0 for m in rubric.misconceptions)
    assert rubric.max_score == 10.0


def test_bundled_rubric_does_not_paste_the_model_answer(rubric, shared_data):
    model = (shared_data / "rapallo" / "model_answer.txt").read_text(encoding="utf-8")
    answer = model.split("\n", 1)[1]  # the first line is the question itself, which the rubric must carry
    sentences = [s.strip() for s in re.split(r"(?<=[.!?])\s+", answer) if len(s.split()) > 6]
    assert sentences
    rubric_text = RUBRIC.read_text(encoding="utf-8")
    assert not [s for s in sentences if s in rubric_text]


def test_bundled_rubric_conforms_to_published_schema(rubric):
    jsonschema = pytest.importorskip("jsonschema")
    import yaml

    from rapallo_grader import schemas_dir

    schema = json.loads((schemas_dir() / "rubric.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(yaml.safe_load(RUBRIC.read_text(encoding="utf-8")), schema)


@pytest.mark.parametrize("text, place, fix", [
    ("question: Why?\npoints:\n  - id: P1\n    marks: [1\n", ":5: not valid YAML", "started on line 4"),
    ("question: Why?\npoints:\n  - id: P1\n    text: a claim\n", ":3: points[0]: missing 'marks'", "add 'marks:'"),
    ("question: Why?\npoints:\n  - id: P1\n    marks: -1\n    text: a\n", ":4: points[0].marks", "non-negative"),
    ("question: Why?\npoints:\n  - id: P1\n    marks: two\n    text: a\n", ":4: points[0].marks", "as a number"),
    ("question: Why?\npoints:\n  - id: P1\n    marks: 1\n    text: a\n  - id: P1\n    marks: 1\n    text: b\n",
     ":6: points[1].id", "own id"),
    ("question: Why?\npoints:\n  - id: P1\n    marks: 1\n    text: a\n    altrenatives: [b]\n",
     ":6: points[0].altrenatives", "did you mean 'alternatives'"),
    ("question: Why?\npoints:\n  - id: P1\n    marks: 1\n    text: '  '\n", ":5: points[0].text", "non-empty"),
    ("question: Why?\npoints: []\n", ":2: points", "at least one"),
    ("question: Why?\nquestion: Again?\npoints: []\n", ":2:", "keep one"),
    ("question: Why?\npoints:\n  - id: P1\n    marks: 1\n    text: a\n    terms: [[x]]\n    min_terms: 3\n",
     ":7: points[0].min_terms", "lower it"),
    ("question: Why?\npoints:\n  - id: P1\n    marks: 1\n    text: a\n    wanted_by: [germany]\n",
     ":6: points[0].wanted_by", "first group is the thing wanted"),
    ("question: Why?\npoints:\n  - id: P1\n    marks: 1\n    text: a\n    anywhere: true\n",
     ":6: points[0].anywhere", "add 'terms:'"),
    ("question: Why?\npoints:\n  - id: P1\n    marks: 1\n    text: a\n    terms: [[x]]\n    anywhere: 'yes'\n",
     ":7: points[0].anywhere", "'anywhere: true'"),
    ("question: Why?\npoints:\n  - id: P1\n    marks: 1\n    text: a\n    each_side:\n      group: 2\n",
     ":7: points[0].each_side", "add the term groups"),
    (("question: Why?\npoints:\n  - id: P1\n    marks: 1\n    text: a\n    terms: [[x], [y]]\n"
      "    each_side:\n      group: 3\n      sides: [[a], [b]]\n"), ":8: points[0].each_side.group", "count the point's"),
    (("question: Why?\npoints:\n  - id: P1\n    marks: 1\n    text: a\n    terms: [[x], [y]]\n"
      "    each_side:\n      group: 2\n      sides: [[a]]\n"), ":9: points[0].each_side.sides", "sides: [["),
    (("question: Why?\npoints:\n  - id: P1\n    marks: 1\n    text: a\n    terms: [[x], [y]]\n"
      "    each_side:\n      group: 2\n      side: [[a], [b]]\n"), ":9: points[0].each_side.side", "'sides'"),
    ("question: Why?\npoints:\n  - id: P1\n    marks: 1\n    text: a\nmatching:\n  threshold: 7\n",
     ":7: matching.threshold", "fraction"),
    ("question: Why?\ncount_best: 2\npoints:\n  - id: P1\n    marks: 1\n    text: a\n",
     ":2: count_best", "drop it to count every point"),
    ("question: Why?\ncount_best: 0.5\npoints:\n  - id: P1\n    marks: 1\n    text: a\n",
     ":2: count_best", "'count_best: 2'"),
    ("question: Why?\npartial_credit: 'yes'\npoints:\n  - id: P1\n    marks: 1\n    text: a\n",
     ":2: partial_credit", "'partial_credit: true'"),
    ("question: Why?\npartial_from: 0.1\npoints:\n  - id: P1\n    marks: 1\n    text: a\n",
     ":2: partial_from", "add 'partial_credit: true'"),
    ("question: Why?\npartial_credit: true\npartial_from: 1.5\npoints:\n  - id: P1\n    marks: 1\n    text: a\n",
     ":3: partial_from", "'partial_from: 0.2'"),
    ("question: Why?\npartial_credit: true\npartial_from: low\npoints:\n  - id: P1\n    marks: 1\n    text: a\n",
     ":3: partial_from", "'partial_from: 0.2'"),
    ("question: Why?\npartial_credit: true\npartial_from: .nan\npoints:\n  - id: P1\n    marks: 1\n    text: a\n",
     ":3: partial_from", "'partial_from: 0.2'"),
    ("question: Why?\npoints:\n  - id: P1\n    marks: 1\n    text: a\nmatching:\n  learned_for: ''\n",
     ":7: matching.learned_for", "plain text"),
])
def test_bad_rubric_names_file_place_and_fix(tmp_path, text, place, fix):
    path = write(tmp_path, text)
    with pytest.raises(RubricError) as caught:
        Rubric.load(path)
    message = str(caught.value)
    assert message.startswith(str(path))
    assert place in message
    assert "Fix:" in message and fix in message


def test_yaml_python_tags_are_refused_not_executed(tmp_path):
    marker = tmp_path / "pwned"
    text = VALID + f"title: !!python/object/apply:os.system ['touch {marker}']\n"
    with pytest.raises(RubricError, match="not valid YAML"):
        Rubric.load(write(tmp_path, text))
    assert not marker.exists()


def test_missing_rubric_file_is_a_rubric_error(tmp_path):
    with pytest.raises(RubricError, match="cannot read rubric file"):
        Rubric.load(tmp_path / "nope.yaml")


def test_sha256_identifies_the_rubric_bytes(tmp_path):
    import hashlib

    path = write(tmp_path, VALID)
    assert Rubric.load(path).sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


def test_from_reference_makes_one_point_per_distinct_claim():
    rubric = Rubric.from_reference("Why is the bulb off?", [
        "Terminal 1 and the positive terminal are separated by a gap.",
        "Terminal 1 is separated from the positive terminal by the gap.",
        "Terminal 1 and the positive terminal are not connected.",
    ], max_score=1.0)
    assert [p.text for p in rubric.points] == ["Terminal 1 and the positive terminal are separated by a gap.",
                                               "Terminal 1 and the positive terminal are not connected."]
    assert rubric.points[0].alternatives == ("Terminal 1 is separated from the positive terminal by the gap.",)
    assert [p.marks for p in rubric.points] == [0.5, 0.5] and rubric.max_score == 1.0


def test_a_model_answer_that_repeats_the_question_as_its_title_does_not_make_it_a_point():
    question = "Why did Germany sign the Treaty of Rapallo?"
    rubric = Rubric.from_reference(question, ["Why did Germany sign the Treaty of Rapallo?\n"
                                              "Germany wanted Russian raw materials. Both countries were outcasts."])
    assert [p.text for p in rubric.points] == ["Germany wanted Russian raw materials.", "Both countries were outcasts."]
    with pytest.raises(ValueError, match="other than the question"):
        Rubric.from_reference(question, ["Why did Germany sign the Treaty of Rapallo?"])


def test_thirds_are_rounded_up_so_a_complete_answer_reaches_full_marks():
    rubric = Rubric.from_reference("Why?", ["Germany was isolated.", "Russia needed trade.", "Both feared Poland."])
    assert len(rubric.points) == 3 and sum(p.marks for p in rubric.points) >= rubric.max_score


@pytest.mark.parametrize("question, asked", [
    ("Name two tasks of the controller.", 2), ("State at least 4 of the differences between UDP and TCP.", 4),
    ("NAME and DESCRIBE two challenges of mobile routing.", 2), ("Give 3 reasons for the treaty.", 3),
    ("List the seven layers.", 7), ("What are two advantages of SDN?", 2), ("What are the 3 planes?", 3),
    ("What are the objectives of IPv6? Please state at least 4 objectives.", 4),
    ("Explain the problem with DQDB in 1-3 sentences.", None), ("You flip a coin 6 times. Which is likelier?", None),
    ("What does the controller do?", None), ("Why did two countries sign the treaty?", None),
    # a second item of the same ask adds its own count, or as many again when it has none
    ("Give 2 reasons for your decision and 1 potential weakness of your recommendation.", 3),
    ("What is frame bursting? Also, give 1 advantage and disadvantage compared to carrier extension.", 2),
    ("Name the 2 phases of congestion control and explain how the window changes.", 2),
    ("Name two tasks and why they matter.", 2), ("Give two reasons. Answer in 2-4 sentences.", 2),
])
def test_items_asked_reads_how_many_things_a_question_asks_for(question, asked):
    from rapallo_grader.authoring import items_asked

    assert items_asked(question) == asked


def test_a_short_answer_draft_needs_as_many_points_as_the_question_asks_for():
    from rapallo_grader.authoring import ShortAnswerDrafting

    reference = ["The controller configures forwarding tables.", "It injects packets.", "It monitors traffic.",
                 "It discovers the topology.", "It keeps an inventory of devices.", "It talks to applications."]
    settings = ShortAnswerDrafting.load()
    for question, needed in [("Name two tasks of the controller.", 2), ("Name ten tasks of the controller.", 6),
                             ("What does the controller do?", settings.points_needed(6))]:
        rubric = Rubric.from_reference(question, reference, short_answer=True)
        assert rubric.count_best == needed and rubric.points[0].marks * needed >= 1.0 > rubric.points[0].marks * (needed - 1)
    assert settings.points_needed(6) != 2
    # Two tasks named earn full marks on "name two tasks", and part of them where three are needed.
    answer = "The controller configures the forwarding tables and it monitors traffic."
    two = Grader(Rubric.from_reference("Name two tasks of the controller.", reference, short_answer=True)).grade(answer)
    share = Grader(Rubric.from_reference("What does the controller do?", reference, short_answer=True)).grade(answer)
    assert two.score == 1.0 > share.score


@pytest.mark.parametrize("question, counted, warned", [
    ("Name the 2 phases of congestion control and explain how the window changes in each.", 2, "'and explain'"),
    ("Name two modes of control and one weakness for each.", 3, "'for each'"),  # 2 + 1, where a full answer has 4
    ("Name two phases of congestion control.", 2, None),
    ("What does congestion control do, and explain why.", 3, None),  # no count: the share, not the question's
])
def test_lint_warns_when_the_question_asks_for_more_than_its_count(question, counted, warned):
    from rapallo_grader.authoring import lint

    reference = ["Slow start doubles the window each round trip.", "Congestion avoidance adds one segment.",
                 "On a timeout the threshold halves.", "The window then restarts at one segment."]
    rubric = Rubric.from_reference(question, reference, short_answer=True)
    found = [str(f) for f in lint(rubric) if f.place == "count_best"]
    assert rubric.count_best == counted
    if warned is None:
        assert found == []
    else:
        assert len(found) == 1 and warned in found[0] and "raise count_best" in found[0]
    # A teacher who raised count_best has dealt with it.
    assert [f for f in lint(replace(rubric, count_best=4)) if f.place == "count_best"] == []


def test_a_short_answer_draft_gives_full_marks_for_a_share_of_the_points():
    from rapallo_grader.authoring import ShortAnswerDrafting, draft
    from rapallo_grader.model import DEFAULT_MODEL

    reference = ["The controller configures forwarding tables.", "It injects packets.", "It monitors traffic.",
                 "It discovers the topology.", "It keeps an inventory of devices.", "It talks to applications."]
    rubric = draft("What does the controller do?", reference, 1.0, short_answer=ShortAnswerDrafting(0.3, 0.2))
    assert len(rubric.points) == 6 and rubric.matching.learned_threshold == 0.2
    # ceil(6 x 0.3) = 2 points needed: each worth half, two of them reach full marks.
    assert all(p.marks == 0.5 for p in rubric.points)
    bundled = Rubric.from_reference("What does the controller do?", reference, short_answer=True)
    settings = ShortAnswerDrafting.load()
    assert bundled.matching.learned_threshold == settings.learned_threshold
    assert settings.points_needed(6) < 6 and bundled.points[0].marks * settings.points_needed(6) >= 1.0
    again = Rubric.from_yaml(bundled.to_yaml())
    assert again.matching == bundled.matching
    # "Any k of these points": the draft says so, and keeps it through YAML.
    assert bundled.count_best == settings.points_needed(6) == again.count_best
    assert bundled.partial_credit == settings.partial_credit == again.partial_credit
    assert bundled.partial_from == settings.partial_from == again.partial_from
    # The threshold is a probability of the matcher the settings were fitted with: the draft names it.
    assert bundled.matching.learned_for == settings.matcher == DEFAULT_MODEL == again.matching.learned_for
    assert rubric.count_best == 2 and not rubric.partial_credit and rubric.partial_from is None


def test_a_drafted_short_answer_rubric_conforms_to_published_schema():
    jsonschema = pytest.importorskip("jsonschema")
    import yaml

    from rapallo_grader.authoring import ShortAnswerDrafting

    from rapallo_grader import schemas_dir

    schema = json.loads((schemas_dir() / "rubric.schema.json").read_text(encoding="utf-8"))
    rubric = Rubric.from_reference("Name two tasks.", ["It routes packets.", "It monitors traffic.", "It injects packets."],
                                   short_answer=True)
    data = yaml.safe_load(rubric.to_yaml())
    assert "count_best" in data
    jsonschema.validate(data, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**data, "partial_credit": "yes"}, schema)
    assert data["partial_from"] == ShortAnswerDrafting.load().partial_from
    with pytest.raises(jsonschema.ValidationError):  # part marks from a match, but no part marks
        jsonschema.validate({**data, "partial_credit": False}, schema)


def test_to_yaml_round_trips(rubric):
    again = Rubric.from_yaml(rubric.to_yaml())
    assert again.points == rubric.points and again.misconceptions == rubric.misconceptions
    assert again.matching == rubric.matching and again.bands == rubric.bands
    assert again.max_score == rubric.max_score and again.question == rubric.question
