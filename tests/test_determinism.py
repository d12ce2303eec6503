"""Same rubric, essays and version: byte-identical records, whatever the order or run."""

from __future__ import annotations

import json
import random

from rapallo_grader.cli import main

from .conftest import ROOT, RUBRIC


def records(tmp_path, name, *paths) -> dict[str, str]:
    out = tmp_path / name
    main([str(RUBRIC), *map(str, paths), "--output", str(out), "--quiet"])
    return {json.loads(line)["source"]: line for line in out.read_text().splitlines()}


def test_records_keyed_by_source_do_not_depend_on_input_order_or_run(tmp_path):
    files = sorted((ROOT / "examples").glob("*.txt"))
    duplicate = tmp_path / "copy.txt"
    duplicate.write_text(files[3].read_text() + " Indeed.", encoding="utf-8")  # a near-duplicate pair
    files.append(duplicate)
    first = records(tmp_path, "a.jsonl", *files)
    shuffled = files[:]
    random.Random(7).shuffle(shuffled)
    second = records(tmp_path, "b.jsonl", *shuffled)
    again = records(tmp_path, "c.jsonl", *files)
    assert first == second == again
    assert any("near_duplicate" in line for line in first.values())
