"""Hostile and odd essays: each gives a report or a clear per-essay error, quickly, never a crash.

The corpus is tests/data/bad_inputs/ (see make_corpus.py there); the two large cases are made here.
A SIGALRM guard turns a hang into a failure; it is a hang detector, not a speed test.
"""

from __future__ import annotations

import json
import signal
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rapallo_grader import EssayError
from rapallo_grader.gradebook import row
from rapallo_grader.inputs import MAX_FILE_BYTES, read_file
from rapallo_grader.pages import student_page

CORPUS = Path(__file__).parent / "data" / "bad_inputs"
FILES = sorted(p for p in CORPUS.iterdir() if p.name != "make_corpus.py")
HANG = 120


@contextmanager
def no_hang(seconds: int = HANG):
    def fail(*_):
        raise TimeoutError(f"no answer within {seconds} s")
    previous = signal.signal(signal.SIGALRM, fail)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def check_report(report, text, rubric):
    json.loads(report.to_json())
    row(report, rubric)
    if report.error is not None:
        assert report.score is None and report.error.strip()
        return
    assert 0.0 <= report.score <= report.max_score
    for item in (*report.points, *report.misconceptions):
        for ev in (*item.evidence, *getattr(item, "near_misses", ())):
            assert 0 <= ev.start <= ev.end <= len(text)
            assert text[ev.start:ev.end] == ev.text
    assert "<script>" not in student_page(report, text, rubric)


def test_corpus_has_at_least_forty_cases():
    assert len(FILES) >= 40


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_hostile_file_gives_a_report_or_a_clear_error(grader, rubric, path):
    with no_hang():
        text = read_file(path)
        (report,) = grader.grade_many([text], [path.name])
    if isinstance(text, EssayError):
        assert report.error == str(text)
    else:
        check_report(report, text, rubric)


@pytest.mark.parametrize("name, text", [
    ("five_megabytes", "Germany wanted Russian oil and grain. " * 140_000),
    ("one_megabyte_line_no_spaces", "x" * 1_000_000),
])
def test_oversized_essays_are_refused_not_parsed(grader, tmp_path, name, text):
    path = tmp_path / f"{name}.txt"
    path.write_text(text, encoding="utf-8")
    with no_hang(30):
        (report,) = grader.grade_many([read_file(path)], [name])
    assert report.error and "over the limit" in report.error and "max_chars" in report.error


def test_files_beyond_the_read_limit_are_not_read(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as f:
        f.truncate(MAX_FILE_BYTES + 1)  # sparse: nothing is really written
    assert "over 20 MB" in str(read_file(path))


def test_a_bad_essay_never_stops_the_batch(grader, rubric):
    texts = [read_file(p) for p in FILES]
    with no_hang(600):
        reports = grader.grade_many(texts, [p.name for p in FILES])
    assert [r.source for r in reports] == [p.name for p in FILES]
    valid = next(r for r in reports if r.source == "valid.docx")
    assert valid.score > 0


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=400))
def test_any_string_gives_a_valid_report(grader, rubric, text):
    try:
        report = grader.grade(text)
    except EssayError as exc:
        assert str(exc)
        return
    check_report(report, text, rubric)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from([
    "Both countries were outcasts, so they recognised each other.", "It was not about trade.",
    "Germany wanted Russian oil.", "Hitler signed it in 1939.", "Versailles - reparations - economy.",
    "\n\n", " ", "<b>", "\u202e", "\U0001F91D", "1922", "because", "not", "The Soviets wanted German machines"]),
    max_size=12).map(" ".join))
def test_essays_of_rubric_words_give_valid_reports(grader, rubric, text):
    check_report(grader.grade(text), text, rubric)


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_device_given_as_an_essay_is_not_read_forever(grader, device):
    if not Path(device).exists():
        pytest.skip(f"{device} not present")
    with no_hang(10):
        text = read_file(Path(device))
    assert isinstance(text, EssayError) and "not a regular file" in str(text)
