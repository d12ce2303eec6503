"""Killing a batch at any moment leaves output valid up to the last complete essay, and --resume
finishes it with every essay exactly once. Real subprocesses, real signals."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time

import pytest

from .conftest import ROOT, RUBRIC

N_ESSAYS = 240


@pytest.fixture(scope="module")
def big_class(tmp_path_factory):
    folder = tmp_path_factory.mktemp("class")
    examples = sorted((ROOT / "examples").glob("*.txt"))
    for i in range(N_ESSAYS):
        text = examples[i % len(examples)].read_text(encoding="utf-8")
        (folder / f"s{i:04d}.txt").write_text(f"Student {i}. {text}", encoding="utf-8")
    return folder


def grade(*args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "rapallo_grader.cli", str(RUBRIC), *args, "--quiet"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, preexec_fn=_as_in_a_terminal)


def _as_in_a_terminal() -> None:
    """Ctrl-C as a terminal delivers it. A test run started in the background by a shell without
    job control (``pytest &``, ``nohup ... &``) ignores SIGINT, and its children inherit that, so
    the run would go on to the end."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def complete_lines(path) -> list[dict]:
    data = path.read_bytes()
    lines = data.split(b"\n")
    records = [json.loads(line) for line in lines[:-1]]  # all but a possibly torn last line
    return records


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM, signal.SIGKILL], ids=["SIGINT", "SIGTERM", "SIGKILL"])
def test_killed_run_keeps_complete_essays_and_resume_finishes_exactly_once(big_class, tmp_path, sig):
    out = tmp_path / "marks.jsonl"
    proc = grade(str(big_class), "--output", str(out))
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and (not out.exists() or out.read_bytes().count(b"\n") < 3):
        time.sleep(0.05)
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=60)
    written = complete_lines(out)
    assert 3 <= len(written) < N_ESSAYS, f"the run was not caught mid-way (exit {proc.returncode}): {err[-1500:]}"
    if sig != signal.SIGKILL:
        assert proc.returncode == 130 and "--resume" in err
        assert out.read_bytes().endswith(b"\n")  # clean stop: no torn line

    resumed = grade(str(big_class), "--output", str(out), "--resume")
    _, err = resumed.communicate(timeout=600)
    assert resumed.returncode == 0, err
    records = [json.loads(line) for line in out.read_text().splitlines()]
    sources = [r["source"] for r in records]
    assert len(sources) == len(set(sources)) == N_ESSAYS
    assert sorted(sources) == sorted(str(p) for p in big_class.iterdir())
    assert all(r["error"] is None for r in records)


def test_workers_leave_stopping_to_the_parent(grader, monkeypatch):
    """The CLI turns SIGTERM into KeyboardInterrupt; forked workers must not inherit that, or the
    pool ending them at the close of a normal run prints a traceback (it did, now and then)."""
    from rapallo_grader import grader as grader_module

    def interrupt(signum, frame):
        raise KeyboardInterrupt

    monkeypatch.setattr(grader_module, "_grade_chunk", _dispositions)
    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        seen = set(grader._grade_forked(["a", "b", "c"], None, 1, 2, {}))
    finally:
        signal.signal(signal.SIGTERM, previous)
    assert seen == {(str(signal.SIG_DFL), str(signal.SIG_IGN))}


def _dispositions(chunk: list) -> list:
    """Stands in for a worker's grading: what it would do on SIGTERM and on Ctrl-C."""
    return [(str(signal.getsignal(signal.SIGTERM)), str(signal.getsignal(signal.SIGINT)))] * len(chunk)
