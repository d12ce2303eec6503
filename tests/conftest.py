from __future__ import annotations

from pathlib import Path

import pytest

from rapallo_grader import Grader, Rubric

ROOT = Path(__file__).resolve().parents[1]
RUBRIC = ROOT / "rubrics" / "rapallo.yaml"
#: The bundled marked sample: essays written for the tests, marked by the scheme before grading.
WRITTEN = ROOT / "examples" / "marked" / "rapallo_written.jsonl"
SHARED = ROOT.parent / "shared" / "data"


@pytest.fixture(scope="session")
def rubric() -> Rubric:
    return Rubric.load(RUBRIC)


@pytest.fixture(scope="session")
def grader(rubric: Rubric) -> Grader:
    return Grader(rubric)


@pytest.fixture(scope="session")
def shared_data() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"shared data not found at {SHARED} (it sits beside the project in development and CI)")
    return SHARED


def awarded(report) -> set[str]:
    return {p.id for p in report.points if p.awarded}


def detected(report) -> set[str]:
    return {m.id for m in report.misconceptions if m.detected}
