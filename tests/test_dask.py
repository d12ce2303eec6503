"""The grader on a real Dask cluster (LocalCluster, 2 worker processes on loopback)."""

from __future__ import annotations

import json

import pytest

pytest.importorskip("distributed")

from .conftest import ROOT


@pytest.fixture(scope="module")
def client():
    from distributed import Client, LocalCluster

    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                           dashboard_address=None, silence_logs=40)
    with Client(cluster) as c:
        yield c
    cluster.close()


@pytest.fixture(scope="module")
def essays():
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples").glob("*.txt"))]
    return [{"source": f"s{i:03d}", "text": texts[i % len(texts)] + f" Student {i}."} for i in range(40)]


def test_bag_gives_the_same_records_as_the_cli(client, essays, grader, rubric):
    import dask.bag as db

    from rapallo_grader.dask import grade_bag

    records = grade_bag(db.from_sequence(essays, npartitions=8), rubric).compute()
    expected = [r.to_json() for r in grader.grade_iter([e["text"] for e in essays], [e["source"] for e in essays])]
    assert [json.dumps(r, ensure_ascii=False) for r in records] == expected


def test_one_grader_per_worker_not_per_partition(client, essays, rubric):
    import dask.bag as db

    from rapallo_grader import dask as rg_dask

    grade = rg_dask.grade_bag(db.from_sequence(essays, npartitions=10), rubric)
    grade.compute()
    grade.compute()
    builds = client.run(lambda: __import__("rapallo_grader.dask", fromlist=["BUILDS"]).BUILDS)
    assert len(builds) == 2 and all(n <= 1 for n in builds.values()) and sum(builds.values()) >= 1


def test_dataframe_rows_carry_the_jsonl_record(client, essays, grader, rubric):
    import dask.dataframe as dd
    import pandas as pd

    from rapallo_grader.dask import grade_dataframe

    frame = dd.from_pandas(pd.DataFrame({"id": [e["source"] for e in essays], "text": [e["text"] for e in essays]}),
                           npartitions=4)
    result = grade_dataframe(frame, rubric).compute()
    expected = grader.grade_iter([e["text"] for e in essays], [e["source"] for e in essays])
    assert list(result["record"]) == [r.to_json() for r in expected]
    assert list(result["source"]) == [e["source"] for e in essays]


def test_a_bad_item_in_a_bag_is_its_own_error_not_the_partitions(client, essays, rubric):
    import dask.bag as db

    from rapallo_grader.dask import grade_bag

    items = [essays[0], "not a dict", {"source": "blank"}, essays[1]]
    records = grade_bag(db.from_sequence(items, npartitions=1), rubric).compute()
    assert [r["source"] for r in records] == [essays[0]["source"], None, "blank", essays[1]["source"]]
    assert records[0]["error"] is None and records[3]["error"] is None
    assert "expected a dict with the essay under 'text', got str" in records[1]["error"]
    assert "expected the essay as text" in records[2]["error"]


def test_a_dataframe_row_without_an_id_or_text_keeps_its_place(client, essays, rubric):
    import dask.dataframe as dd
    import pandas as pd

    from rapallo_grader.dask import grade_dataframe

    frame = pd.DataFrame({"id": ["a", None, "c"], "text": [essays[0]["text"], essays[1]["text"], None]})
    result = grade_dataframe(dd.from_pandas(frame, npartitions=1), rubric).compute()
    assert list(result.index) == [0, 1, 2] and result["source"].isna().tolist() == [False, True, False]
    assert result["source"][0] == "a" and result["source"][2] == "c"  # a missing id is missing, not "<NA>"
    assert result["error"].isna().tolist() == [True, True, False]
    assert "expected the essay as text" in result["error"][2]
