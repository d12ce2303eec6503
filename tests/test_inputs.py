from __future__ import annotations

import json

from rapallo_grader.errors import EssayError
from rapallo_grader.inputs import docx_text, iter_inputs, pdf_text

from .builders import docx_bytes, pdf_bytes


def test_word_document_text_by_paragraph():
    assert docx_text(docx_bytes(["Both countries were outcasts.", "Germany wanted oil."])) == \
        "Both countries were outcasts.\n\nGermany wanted oil."


def test_pdf_text_layer():
    text = pdf_text(pdf_bytes(["Both countries were outcasts (pariahs).", "Germany wanted oil."]))
    assert "Both countries were outcasts (pariahs)." in text and "Germany wanted oil." in text


def test_damaged_documents_give_reasons_not_exceptions():
    assert "not a Word" in str(docx_text(b"PK\x03\x04 not really a zip"))
    assert "cannot read PDF" in str(pdf_text(b"%PDF-1.4 garbage"))
    assert isinstance(pdf_text(pdf_bytes([])), EssayError)


def test_folder_with_every_kind_of_file(tmp_path):
    (tmp_path / "a.txt").write_text("plain text", encoding="utf-8")
    (tmp_path / "b.md").write_text("# heading\nmarkdown", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.docx").write_bytes(docx_bytes(["word text"]))
    (tmp_path / "sub" / "d.pdf").write_bytes(pdf_bytes(["pdf text"]))
    (tmp_path / "notes.xlsx").write_bytes(b"ignored: not an essay format")
    found = list(iter_inputs([str(tmp_path)]))
    assert [i.id for i in found] == ["a", "b", "c", "d"]
    assert [i.text.strip() for i in found] == ["plain text", "# heading\nmarkdown", "word text", "pdf text"]
    assert [i.id for i in iter_inputs([str(tmp_path)], pattern="*.docx")] == ["c"]


def test_csv_and_jsonl_tables_with_named_columns(tmp_path):
    table = tmp_path / "class.csv"
    table.write_text("student,essay\ns1,first essay\ns2,\"second, with a comma\"\n", encoding="utf-8")
    rows = list(iter_inputs([str(table)], id_col="student", text_col="essay"))
    assert [(r.source, r.id, r.text) for r in rows] == [(f"{table}#s1", "s1", "first essay"),
                                                        (f"{table}#s2", "s2", "second, with a comma")]
    lines = tmp_path / "class.jsonl"
    lines.write_text(json.dumps({"id": "j1", "text": "an essay"}) + "\nnot json\n" +
                     json.dumps({"id": "j3"}) + "\n", encoding="utf-8")
    rows = list(iter_inputs([str(lines)]))
    assert rows[0].text == "an essay"
    assert "not a JSON object" in str(rows[1].text) and "no 'text'" in str(rows[2].text)


def test_table_without_the_text_column_says_which_columns_it_has(tmp_path):
    table = tmp_path / "class.csv"
    table.write_text("id,answer\n1,x\n", encoding="utf-8")
    (row,) = iter_inputs([str(table)])
    assert isinstance(row.text, EssayError) and "columns: id, answer" in str(row.text)


def test_an_essay_longer_than_the_csv_modules_field_limit_does_not_stop_the_table(tmp_path):
    import csv

    table = tmp_path / "class.csv"
    with table.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows([["id", "text"], ["s1", "word " * 40_000], ["s2", "Para one.\n\nPara two."]])
    rows = list(iter_inputs([str(table)]))
    assert [r.id for r in rows] == ["s1", "s2"]
    assert len(rows[0].text) == 200_000 and rows[1].text == "Para one.\n\nPara two."


def test_a_jsonl_line_may_hold_unicode_line_separators_in_its_text(tmp_path):
    lines = tmp_path / "class.jsonl"
    lines.write_text(json.dumps({"id": "j1", "text": "One.\u2028Two."}, ensure_ascii=False) + "\r\n", encoding="utf-8")
    assert [r.text for r in iter_inputs([str(lines)])] == ["One.\u2028Two."]


def test_a_file_reached_twice_is_read_once(tmp_path):
    (tmp_path / "ann.txt").write_text("Germany wanted Russian oil.", encoding="utf-8")
    (tmp_path / "ben.txt").write_text("Russia wanted German machines.", encoding="utf-8")
    found = list(iter_inputs([str(tmp_path / "ann.txt"), str(tmp_path), str(tmp_path / "." / "ann.txt")]))
    assert [i.id for i in found] == ["ann", "ben"]


def test_rows_under_one_id_get_sources_of_their_own(tmp_path):
    table = tmp_path / "class.csv"
    table.write_text("id,text\ns1,first\ns2,second\ns1,third\n", encoding="utf-8")
    rows = list(iter_inputs([str(table)]))
    assert [r.id for r in rows] == ["s1", "s2", "s1"]
    assert [r.source for r in rows] == [f"{table}#s1", f"{table}#s2", f"{table}#s1#row4"]


def test_a_damaged_pdf_is_its_error_alone_with_nothing_logged_by_pypdf(caplog):
    """pypdf's own warnings would reach stderr mid-batch (Python's last-resort log handler)."""
    result = pdf_text(pdf_bytes(["Germany wanted oil."])[:100])  # cut short: no EOF marker
    assert isinstance(result, EssayError) and "cannot read PDF" in str(result)
    assert not [r for r in caplog.records if r.name.startswith("pypdf")]
