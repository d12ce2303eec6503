"""A whole class through the `grade` command: every input kind, bad files, outputs, resume."""

from __future__ import annotations

import csv
import io
import json

import pytest

from rapallo_grader.cli import EXIT_SOME_FAILED, main

from .builders import docx_bytes, pdf_bytes
from .conftest import ROOT, RUBRIC

ESSAYS = {
    "anna": "Both countries were outcasts after the war, so they recognised each other and opened embassies.",
    "ben": "Germany wanted Russian raw materials such as oil and grain. The Soviets wanted German machines "
           "and engineers to rebuild their industry.",
    "cara": "The German army secretly trained in Russia to get around the Versailles limits on its forces.",
}


@pytest.fixture
def class_folder(tmp_path):
    folder = tmp_path / "class"
    folder.mkdir()
    (folder / "anna.txt").write_text(ESSAYS["anna"], encoding="utf-8")
    (folder / "ben.docx").write_bytes(docx_bytes(ESSAYS["ben"].split(". ")))
    (folder / "cara.pdf").write_bytes(pdf_bytes([ESSAYS["cara"]]))
    (folder / "dev.txt").write_text(ESSAYS["anna"].replace("outcasts", "pariahs"), encoding="cp1252")
    (folder / "eve.txt").write_text("Les deux pays étaient isolés – Rapallo, 1922.", encoding="cp1252")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "blob.txt").write_bytes(bytes(range(256)) * 4)
    (folder / "scan.pdf").write_bytes(pdf_bytes([]))
    return folder


def run(capsys, *args) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def test_class_folder_every_essay_has_a_row_and_bad_ones_their_error(class_folder, tmp_path, capsys):
    out = tmp_path / "out" / "marks.jsonl"
    code, _, err = run(capsys, RUBRIC, class_folder, "--output", out, "--quiet")
    records = {json.loads(line)["source"].split("/")[-1]: json.loads(line) for line in out.read_text().splitlines()}
    assert code == EXIT_SOME_FAILED and "2 of 8" in err
    assert len(records) == len(list(class_folder.iterdir())) == 8
    assert records["anna.txt"]["score"] == 1.5 and records["dev.txt"]["score"] == 1.5
    assert records["ben.docx"]["score"] == 2.0
    assert records["cara.pdf"]["score"] == 1.5
    assert records["eve.txt"]["error"] is None
    assert records["empty.txt"]["score"] == 0 and "empty" in records["empty.txt"]["flags"]
    assert "binary" in records["blob.txt"]["error"] and "no text layer" in records["scan.pdf"]["error"]


def test_gradebook_round_trips_through_pandas(class_folder, tmp_path, capsys, rubric):
    pd = pytest.importorskip("pandas")
    book = tmp_path / "gradebook.csv"
    run(capsys, RUBRIC, class_folder, "--output", tmp_path / "m.jsonl", "--gradebook", book, "--quiet")
    frame = pd.read_csv(book)
    assert list(frame.columns) == ["student", "source", "score", "max_score", "band",
                                   *(p.id for p in rubric.points), *(m.id for m in rubric.misconceptions),
                                   "flags", "error"]
    assert len(frame) == 8
    row = frame.set_index("student").loc["ben"]
    assert row["score"] == 2.0 and row["K5"] == 1.0 and row["K6"] == 1.0 and row["K1"] == 0.0
    assert frame.set_index("student").loc["blob"]["error"].startswith("binary")


def test_reports_to_dataframe_matches_the_gradebook(grader, rubric):
    pytest.importorskip("pandas")
    from rapallo_grader.gradebook import reports_to_dataframe

    reports = grader.grade_many(list(ESSAYS.values()), [f"{k}.txt" for k in ESSAYS])
    frame = reports_to_dataframe(reports, rubric)
    assert list(frame["student"]) == list(ESSAYS) and list(frame["score"]) == [1.5, 2.0, 1.5]


def test_grade_many_refuses_a_list_of_sources_that_does_not_pair_with_the_essays(grader):
    with pytest.raises(ValueError, match="2 essays but 1 sources"):
        grader.grade_many(["Germany wanted Russian oil.", "Russia wanted German machines."], ["ann.txt"])


@pytest.mark.parametrize("n_process", [1, 2])
@pytest.mark.parametrize(("sources", "message"), [(["ann.txt"], "fewer sources"),
                                                  (["ann.txt", "bob.txt", "cy.txt"], "more sources")])
def test_grade_iter_refuses_a_stream_of_sources_that_does_not_pair_with_the_essays(grader, sources, message,
                                                                                   n_process):
    # A stream cannot count first: the names are checked where one of the two runs out.
    essays = iter(["Germany wanted Russian oil.", "Russia wanted German machines."])
    with pytest.raises(ValueError, match=message):
        list(grader.grade_iter(essays, iter(sources), n_process=n_process))


def test_grade_iter_passes_on_the_essays_own_error_not_a_pairing_one(grader):
    def essays():
        yield "Germany wanted Russian oil."
        raise ValueError("row 2 of the caller's table is broken")

    with pytest.raises(ValueError, match="row 2 of the caller's table is broken"):
        list(grader.grade_iter(essays(), iter(["ann.txt", "bob.txt"])))


def test_csv_cells_cannot_become_spreadsheet_formulas(tmp_path, capsys):
    table = tmp_path / "class.csv"
    table.write_text('id,text\n"=HYPERLINK(""http://x"")",Germany wanted Russian oil.\n+1,x\n-2,y\n@3,z\n',
                     encoding="utf-8")
    book = tmp_path / "book.csv"
    run(capsys, RUBRIC, table, "--gradebook", book, "--output", tmp_path / "m.jsonl", "--quiet")
    students = [row["student"] for row in csv.DictReader(io.StringIO(book.read_text()))]
    assert students == ["'=HYPERLINK(\"http://x\")", "'+1", "'-2", "'@3"]


def test_triage_flags_copies_duplicates_and_off_topic(tmp_path, capsys):
    folder = tmp_path / "class"
    folder.mkdir()
    model = tmp_path / "model.txt"
    model.write_text(" ".join([ESSAYS["anna"], ESSAYS["ben"], ESSAYS["cara"]]), encoding="utf-8")
    long_essay = " ".join([ESSAYS["anna"], ESSAYS["ben"]]) + " That is why they signed it in the end."
    (folder / "a1.txt").write_text(long_essay, encoding="utf-8")
    (folder / "a2.txt").write_text(long_essay.replace("That is why", "This is why"), encoding="utf-8")
    (folder / "b.txt").write_text("Rapallo is a pretty seaside town in Italy with a castle, a harbour and "
                                  "many cafes where tourists drink coffee in the summer sun.", encoding="utf-8")
    out = tmp_path / "m.jsonl"
    run(capsys, RUBRIC, folder, "--output", out, "--model-answer", model, "--quiet")
    flags = {json.loads(line)["source"].split("/")[-1]: json.loads(line)["flags"] for line in out.read_text().splitlines()}
    assert "copied_model_answer" in flags["a1.txt"]
    assert f"near_duplicate:{folder / 'a1.txt'}" in flags["a2.txt"]
    assert f"near_duplicate:{folder / 'a2.txt'}" in flags["a1.txt"]
    assert "off_topic" in flags["b.txt"] and not any(f.startswith("near_duplicate") for f in flags["b.txt"])


def test_resume_finishes_an_interrupted_run_without_duplicates(class_folder, tmp_path, capsys):
    out = tmp_path / "marks.jsonl"
    run(capsys, RUBRIC, class_folder, "--output", out, "--quiet")
    complete = out.read_text().splitlines(keepends=True)
    out.write_text("".join(complete[:3]) + complete[3][: len(complete[3]) // 2])  # killed mid-write
    code, _, _ = run(capsys, RUBRIC, class_folder, "--output", out, "--resume", "--quiet")
    resumed = out.read_text().splitlines(keepends=True)
    assert code == EXIT_SOME_FAILED
    assert sorted(resumed) == sorted(complete)
    assert len({json.loads(line)["source"] for line in resumed}) == len(resumed) == 8


def test_two_processes_give_the_same_output_as_one(class_folder, tmp_path, capsys):
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    run(capsys, RUBRIC, class_folder, ROOT / "examples", "--output", one, "--quiet")
    run(capsys, RUBRIC, class_folder, ROOT / "examples", "--output", two, "--jobs", "2", "--quiet")
    assert one.read_bytes() == two.read_bytes()


def test_summary_line_counts_graded_failed_and_flagged(class_folder, tmp_path, capsys):
    _, _, err = run(capsys, RUBRIC, class_folder, "--output", tmp_path / "m.jsonl")
    assert "6 graded, 2 failed" in err and "flagged for review" in err


def test_report_repr_html_for_notebooks(grader):
    html = grader.grade("Both countries were <i>outcasts</i> after the war, so they recognised each other.")._repr_html_()
    assert "K2" in html and "1.5 / 10" in html
    assert "&lt;i&gt;outcasts&lt;/i&gt;" in html and "<i>" not in html


def test_beyond_a_class_the_run_streams(class_folder, tmp_path, capsys, monkeypatch):
    from rapallo_grader import cli

    monkeypatch.setattr(cli, "MAX_DUPLICATE_BATCH", 3)
    out = tmp_path / "m.jsonl"
    code, _, err = run(capsys, RUBRIC, class_folder, "--output", out, "--gradebook", tmp_path / "b.csv")
    assert code == EXIT_SOME_FAILED and "6 graded, 2 failed" in err
    assert len(out.read_text().splitlines()) == 8 and len((tmp_path / "b.csv").read_text().splitlines()) == 9
    with pytest.raises(SystemExit):
        main([str(RUBRIC), str(class_folder), "--html", str(tmp_path / "html")])
    assert "--html is for a class" in capsys.readouterr().err
