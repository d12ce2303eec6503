"""Rubric files that try to run code, exhaust memory or hang: each is refused with a RubricError
naming the file, the place and the fix; nothing is executed or expanded."""

from __future__ import annotations

import os

import pytest

from rapallo_grader import Rubric, RubricError

from .test_hostile import no_hang

BASE = "question: q\npoints:\n  - {id: A, marks: 1, text: Germany wanted oil}\n"


def refused(tmp_path, text: str) -> str:
    path = tmp_path / "r.yaml"
    path.write_text(text, encoding="utf-8")
    with no_hang(30), pytest.raises(RubricError) as caught:
        Rubric.load(path)
    message = str(caught.value)
    assert message.startswith(str(path)) and "Fix:" in message
    return message


@pytest.mark.parametrize("tag", ["!!python/object/apply:os.system ['touch {m}']",
                                 "!!python/object/new:subprocess.Popen [['touch', '{m}']]",
                                 "!!python/name:os.system", "!!binary aGVsbG8="])
def test_tags_that_build_objects_are_refused_and_not_run(tmp_path, tag):
    marker = tmp_path / "ran"
    refused(tmp_path, BASE + "title: " + tag.format(m=marker) + "\n")
    assert not marker.exists()


def test_billion_laughs_is_refused_without_expansion(tmp_path):
    laughs = "a: &a ['lol','lol','lol','lol','lol','lol','lol','lol','lol']\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8))
    assert "anchors and aliases" in refused(tmp_path, laughs)


def test_deep_nesting_is_refused(tmp_path):
    assert "nested more than" in refused(tmp_path, BASE + "title: " + "[" * 3000 + "]" * 3000 + "\n")


def test_huge_rubric_is_refused(tmp_path):
    assert "over the limit" in refused(tmp_path, BASE + "# filler\n" * 200_000)


def test_a_device_or_fifo_is_not_read(tmp_path):
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    with no_hang(10), pytest.raises(RubricError, match="not a regular file"):
        Rubric.load(fifo)


@pytest.mark.parametrize("text, place", [
    (BASE.replace("text: Germany wanted oil", "text: ''"), "points[0].text"),
    (BASE.replace("marks: 1", "marks: '1; rm -rf /'"), "points[0].marks"),
    (BASE.replace("marks: 1", "marks: .nan"), "points[0].marks"),
    (BASE.replace("marks: 1", "marks: .inf"), "points[0].marks"),
    (BASE + "  - {id: A, marks: 1, text: again}\n", "points[1].id"),
    (BASE + "matching: {max_chars: 1.5}\n", "matching.max_chars"),
    (BASE + "points_extra: 1\n", "points_extra"),
])
def test_bad_values_are_located(tmp_path, text, place):
    assert place in refused(tmp_path, text)


def test_rubric_never_names_files_to_read(rubric):
    """Nothing in the format is a path: a rubric can make the grader read or write no file."""
    import json

    from rapallo_grader import schemas_dir

    schema = (schemas_dir() / "rubric.schema.json").read_text()
    assert not any(word in json.loads(schema)["properties"] for word in ("file", "path", "include", "output"))
