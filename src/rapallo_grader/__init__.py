"""rapallo-grader: marks essays against a teacher's rubric and explains every mark.

Importing the package is cheap: spaCy and the language model load when the first
``Grader`` is built, so ``grade --help`` and marking scripts start fast.
"""

from pathlib import Path

from .errors import EssayError, RubricError, StaleThresholdWarning
from .rubric import Band, MatchingSettings, Misconception, Point, Rubric

__version__ = "0.1.0"

__all__ = ["Band", "EssayError", "Grader", "MatchingSettings", "Misconception", "Point",
           "Report", "Rubric", "RubricError", "StaleThresholdWarning", "__version__"]


def __getattr__(name: str) -> object:
    if name == "Grader":
        from .grader import Grader
        return Grader
    if name == "Report":
        from .report import Report
        return Report
    raise AttributeError(f"module 'rapallo_grader' has no attribute {name!r}")


def schemas_dir() -> Path:
    """Where the published JSON Schemas (rubric, report) live inside the installed package."""
    return Path(__file__).with_name("schemas")
