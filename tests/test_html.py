"""The HTML reports in a real browser: headless Chromium renders them, the highlights sit where the
evidence offsets say, and markup in an essay is shown as text, never run.

Needs Chromium (Debian package 'chromium'; .ci/run installs it). Skips with a message without it.
"""

from __future__ import annotations

import shutil
import subprocess
from html.parser import HTMLParser

import pytest

from rapallo_grader.pages import write_site

BROWSERS = ("chromium", "chromium-browser", "google-chrome")
HOSTILE = ("Both countries were outcasts, so they recognised each other. "
           "<script>document.title='PWNED'</script> <img src=x onerror=\"document.title='PWNED'\"> "
           "Germany wanted Russian oil & grain for its industry.\n\n"
           "The Treaty of Rapallo was signed by Hitler in 1939.")


def browser() -> str:
    for name in BROWSERS:
        if path := shutil.which(name):
            return path
    pytest.skip("no Chromium found (install the Debian package 'chromium'; .ci/run does)")


def render(path, tmp_path) -> str:
    """The DOM after Chromium has parsed the page and run whatever it would run."""
    result = subprocess.run([browser(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                             "--disable-background-networking", "--disable-component-update", "--disable-sync",
                             f"--user-data-dir={tmp_path / 'profile'}", "--dump-dom", path.as_uri()],
                            capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0 and "<html" in result.stdout, result.stderr[-2000:]
    return result.stdout


class Marks(HTMLParser):
    """Collects <mark> elements (attributes and text without the <sup> label), scripts, title."""

    def __init__(self) -> None:
        super().__init__()
        self.marks: list[tuple[dict[str, str | None], str]] = []
        self.tags: list[str] = []
        self.title = ""
        self._stack: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self._stack.append(tag)
        if tag == "mark":
            self.marks.append((dict(attrs), ""))

    def handle_endtag(self, tag):
        while self._stack and self._stack.pop() != tag:
            pass

    def handle_data(self, data):
        if "title" in self._stack:
            self.title += data
        if "mark" in self._stack and "sup" not in self._stack:
            attrs, text = self.marks[-1]
            self.marks[-1] = (attrs, text + data)


def test_student_page_renders_with_highlights_at_the_evidence_offsets(grader, rubric, tmp_path):
    report = grader.grade(HOSTILE, source="s001.txt")
    index = write_site(tmp_path / "site", [report], [HOSTILE], rubric)
    page = Marks()
    page.feed(render(tmp_path / "site" / "0001-s001.html", tmp_path))

    awarded = {p.id: p.evidence[0] for p in report.points if p.awarded}
    awarded.update({m.id: m.evidence[0] for m in report.misconceptions if m.detected})
    assert {"K2", "K5", "M1"} <= set(awarded)
    assert page.marks, "no highlights rendered"
    for attrs, text in page.marks:
        start, end = int(attrs["data-start"]), int(attrs["data-end"])
        assert text == HOSTILE[start:end]
        for pid in attrs["data-ids"].split():
            assert (awarded[pid].start, awarded[pid].end) == (start, end)
    assert {pid for attrs, _ in page.marks for pid in attrs["data-ids"].split()} == set(awarded)

    overview = Marks()
    overview.feed(render(index, tmp_path))
    assert "svg" in overview.tags and "s001" in render(index, tmp_path)


def test_markup_in_an_essay_is_shown_as_text_not_run(grader, rubric, tmp_path):
    report = grader.grade(HOSTILE, source="<script>alert(1)</script>.txt")
    write_site(tmp_path / "site", [report], [HOSTILE], rubric)
    (page_file,) = [p for p in (tmp_path / "site").iterdir() if p.name != "index.html"]
    dom = render(page_file, tmp_path)
    page = Marks()
    page.feed(dom)
    assert "PWNED" not in page.title
    assert "script" not in page.tags and "img" not in page.tags
    assert "&lt;script&gt;document.title='PWNED'&lt;/script&gt;" in dom
    assert page_file.resolve().parent == (tmp_path / "site").resolve()


def test_a_point_row_gives_the_listed_claims_own_similarity_and_the_one_that_decided():
    from rapallo_grader import Grader, Rubric
    from rapallo_grader.pages import report_fragment

    rubric = Rubric.from_reference("Why did the Weimar Republic face hyperinflation in 1923?",
                                   ["The government printed money to pay striking workers in the Ruhr."])
    text = ("In 1923 the French occupied the Ruhr. The workers went on strike. The government printed huge amounts "
            "of money to pay them. Prices rose every hour.")
    report = Grader(rubric).grade(text)
    first, top = report.points[0].evidence[0], max(report.points[0].evidence, key=lambda e: e.similarity)
    assert first is not top
    html = report_fragment(report, text)
    assert (f"(similarity {first.similarity:.2f}; {top.similarity:.2f} for &ldquo;{top.text}&rdquo; "
            "with the sentences around it)") in html


def test_a_point_row_says_who_an_opening_pronoun_was_read_as(grader):
    from rapallo_grader.pages import report_fragment

    text = "Germany was ruined by reparations. They needed raw materials such as oil."
    report = grader.grade(text)
    k5 = next(p for p in report.points if p.id == "K5")
    assert k5.awarded and k5.evidence[0].referent == "germany"
    row = next(r for r in report_fragment(report, text).split("<tr>") if r.startswith("<td>K5</td>"))
    assert "its pronoun read as &quot;germany&quot;" in row
