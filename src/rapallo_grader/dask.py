"""Grading on a Dask cluster: ``pip install 'rapallo-grader[dask]'``.

The same ``Grader`` runs on every worker, built once per worker process (and per rubric), not
per partition or per essay, and returns the same records as ``grade --format jsonl``::

    import dask.bag as db
    from rapallo_grader import Rubric
    from rapallo_grader.dask import grade_bag

    essays = db.read_text("s3://exam-board/scripts/*.jsonl").map(json.loads)  # {"source", "text"}
    records = grade_bag(essays, Rubric.load("rubrics/rapallo.yaml"))
    records.map(json.dumps).to_textfiles("s3://exam-board/marks/*.jsonl")

Partitions are graded independently, so near-duplicate flags (which compare essays across the
whole batch) are not computed here.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from typing import Any

from .rubric import Rubric

#: Graders built in this process, by rubric checksum: one per worker, reused by every partition.
_GRADERS: dict[str, Any] = {}
_LOCK = threading.Lock()
BUILDS = 0  # how many graders this process has built (read by the tests)


def worker_grader(rubric: Rubric) -> Any:
    """The grader for ``rubric`` in this worker process, built on first use."""
    global BUILDS
    key = rubric.sha256 or rubric.to_yaml()
    with _LOCK:
        if key not in _GRADERS:
            from .grader import Grader

            _GRADERS[key] = Grader(rubric)
            BUILDS += 1
        return _GRADERS[key]


def grade_records(items: Iterable[dict[str, Any]], rubric: Rubric, text_key: str = "text",
                  source_key: str = "source") -> list[dict[str, Any]]:
    """Grade one partition of ``{source, text}`` dicts into CLI-JSONL records, in order."""
    from .errors import EssayError

    items = list(items)
    grader = worker_grader(rubric)
    # An item that is not a dict is that item's error, not the partition's end.
    texts = [i.get(text_key) if isinstance(i, dict) else
             EssayError(f"expected a dict with the essay under '{text_key}', got {type(i).__name__}") for i in items]
    sources = [i.get(source_key) if isinstance(i, dict) else None for i in items]
    with _LOCK:  # one spaCy pipeline per process: threads of a worker take turns
        return [r.to_dict() for r in grader.grade_iter(texts, sources)]


def grade_bag(bag: Any, rubric: Rubric, text_key: str = "text", source_key: str = "source") -> Any:
    """A ``dask.bag`` of ``{source, text}`` dicts -> a bag of report records (dicts)."""
    return bag.map_partitions(grade_records, rubric, text_key, source_key)


def grade_dataframe(frame: Any, rubric: Rubric, text_col: str = "text", id_col: str = "id") -> Any:
    """A ``dask.dataframe`` with an id and a text column -> one row per essay: ``source``,
    ``score``, ``max_score``, ``band``, ``flags``, ``error`` and ``record`` (the JSONL line)."""
    import pandas as pd

    columns = {"source": "object", "score": "float64", "max_score": "float64", "band": "object",
               "flags": "object", "error": "object", "record": "object"}

    def partition(part: pd.DataFrame) -> pd.DataFrame:
        import json

        # A missing id stays missing (the row keeps its index), not the text "nan" or "<NA>".
        items = [{"source": None if pd.isna(s) else str(s), "text": t} for s, t in zip(part[id_col], part[text_col])]
        records = grade_records(items, rubric)
        return pd.DataFrame({
            "source": [r["source"] for r in records], "score": [r["score"] for r in records],
            "max_score": [r["max_score"] for r in records], "band": [r["band"] for r in records],
            "flags": [";".join(r["flags"]) for r in records], "error": [r["error"] for r in records],
            "record": [json.dumps(r, ensure_ascii=False) for r in records]}, index=part.index).astype(columns)

    return frame.map_partitions(partition, meta=pd.DataFrame({k: pd.Series(dtype=v) for k, v in columns.items()}))
