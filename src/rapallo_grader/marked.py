"""Teacher-marked samples: the essays, and the marks a teacher gave them, read from CSV or JSONL.

A marked file has one essay per row/line with an id, the text and the teacher's score; it may
also say which points the teacher awarded, either as a ``points`` list (JSONL), a ``points``
cell of ids separated by ``;`` (CSV), or one column per point id holding the marks or 1/0; and,
for a levels-of-response rubric, the ``level`` the teacher placed it in.
"""

from __future__ import annotations

import csv
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .errors import EssayError
from .inputs import csv_rows, jsonl_objects


def is_mark(score: float, max_score: float) -> bool:
    """A teacher's mark: a finite number from 0 to the rubric's ``max_score``."""
    return math.isfinite(score) and 0 <= score <= max_score


@dataclass(frozen=True)
class MarkedEssay:
    id: str
    text: str
    score: float
    points: frozenset[str] | None = None
    level: str | None = None


def read_marked(path: str | Path, point_ids: Sequence[str] = (), id_col: str = "id",
                text_col: str = "text", score_col: str = "score",
                max_score: float | None = None) -> list[MarkedEssay]:
    """Read a marked sample; raises ``EssayError`` naming the file and line of a bad record. With
    ``max_score`` (the rubric's), a score outside 0..max_score is such a record: a typo there
    would silently skew every figure fitted or measured on the sample."""
    path = Path(path)
    try:
        raw = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise EssayError(f"{path}: cannot read the marked sample ({exc})") from exc
    rows: list[tuple[int, dict[str, object]]] = []
    if path.suffix.lower() == ".jsonl":
        for n, record in jsonl_objects(raw):
            if isinstance(record, str):
                raise EssayError(f"{path}:{n}: {record}; write one " '{"id": ..., "text": ..., "score": ...} per line')
            rows.append((n, record))
    else:
        reader, start = csv_rows(raw), 2
        try:
            for record in reader:  # numbered by the line each record starts on (an essay may span several)
                rows.append((start, dict(record)))
                start = reader.line_num + 1
        except csv.Error as exc:
            raise EssayError(f"{path}:{start}: not readable as CSV ({exc})") from exc
    return [_record(path, n, row, point_ids, id_col, text_col, score_col, max_score) for n, row in rows]


def _record(path: Path, n: int, row: dict[str, object], point_ids: Sequence[str], id_col: str,
            text_col: str, score_col: str, max_score: float | None) -> MarkedEssay:
    for col in (text_col, score_col):
        if row.get(col) in (None, ""):
            raise EssayError(f"{path}:{n}: missing '{col}' (columns found: {', '.join(map(str, row))})")
    try:
        score = float(row[score_col])  # type: ignore[arg-type]
    except (TypeError, ValueError) as exc:
        raise EssayError(f"{path}:{n}: score {row[score_col]!r} is not a number") from exc
    if not is_mark(score, math.inf if max_score is None else max_score):
        limit = f"0..{max_score:g}, the rubric's marks" if max_score is not None else "a mark of 0 or more"
        raise EssayError(f"{path}:{n}: score {row[score_col]!r} is not {limit}")
    level = row.get("level")
    return MarkedEssay(id=str(row.get(id_col) or n), text=str(row[text_col]), score=score,
                       points=_points(path, n, row, point_ids),
                       level=str(level) if level not in (None, "") else None)


#: What a teacher's spreadsheet may put in a point's column besides the marks given.
_AWARDED = {"yes": True, "y": True, "true": True, "x": True, "✓": True, "no": False, "n": False, "false": False}


def _points(path: Path, n: int, row: dict[str, object], point_ids: Sequence[str]) -> frozenset[str] | None:
    listed = row.get("points")
    if isinstance(listed, list):
        return frozenset(map(str, listed))
    if isinstance(listed, str) and listed.strip():
        return frozenset(p.strip() for p in listed.split(";") if p.strip())
    columns = [pid for pid in point_ids if pid in row and row[pid] not in (None, "")]
    if columns:
        return frozenset(pid for pid in columns if _awarded(path, n, pid, row[pid]))
    return None


def _awarded(path: Path, n: int, point: str, cell: object) -> bool:
    text = str(cell).strip().lower()
    if text in _AWARDED:
        return _AWARDED[text]
    try:
        return float(text) > 0
    except ValueError:
        raise EssayError(f"{path}:{n}: column {point} holds {cell!r}; give the marks awarded for point {point} "
                         "(0 if missed) or yes/no") from None
