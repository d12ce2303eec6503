"""The class's marks as one table: a gradebook CSV for a spreadsheet or an LMS, or a DataFrame.

Cells that begin with ``=``, ``+``, ``-``, ``@`` (or a tab or carriage return) are prefixed with
an apostrophe: a student id or file name like ``=HYPERLINK(...)`` must not become a live formula
when the gradebook is opened in a spreadsheet.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import PurePath
from typing import IO, Any

from .report import Report
from .rubric import Rubric

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def student_id(source: str | None) -> str:
    """The student an essay belongs to: the id of a table row ('marks.csv#s042' -> 's042'), the file
    name without extension for a file, 'stdin' for standard input."""
    if not source or source == "-":
        return "stdin"
    if "#" in source:
        return source.rsplit("#", 1)[1]
    return PurePath(source).stem


def safe_cell(value: Any) -> Any:
    """Neutralise text a spreadsheet would run as a formula."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def columns(rubric: Rubric) -> list[str]:
    return ["student", "source", "score", "max_score", "band", *(p.id for p in rubric.points),
            *(m.id for m in rubric.misconceptions), "flags", "error"]


def row(report: Report, rubric: Rubric) -> dict[str, Any]:
    data = report.to_row([p.id for p in rubric.points], [m.id for m in rubric.misconceptions])
    return {"student": student_id(report.source), **data}


class GradebookWriter:
    """Writes gradebook rows as reports arrive, so an interrupted run keeps what it has."""

    def __init__(self, out: IO[str], rubric: Rubric) -> None:
        self._rubric = rubric
        self._writer = csv.DictWriter(out, fieldnames=columns(rubric), lineterminator="\n")
        self._writer.writeheader()
        self._out = out

    def write(self, report: Report) -> None:
        self._writer.writerow({k: safe_cell(v) for k, v in row(report, self._rubric).items()})
        self._out.flush()


def reports_to_dataframe(reports: Iterable[Report], rubric: Rubric) -> Any:
    """A pandas DataFrame with one row per essay and the gradebook's columns (needs pandas)."""
    try:
        import pandas as pd
    except ImportError as exc:
        raise ImportError("reports_to_dataframe needs pandas: pip install pandas") from exc
    return pd.DataFrame([row(r, rubric) for r in reports], columns=columns(rubric))
