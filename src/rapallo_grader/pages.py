"""HTML for teachers: a page per student and a class overview.

Pages are self-contained (inline CSS and SVG, no scripts, no network fetches) and print cleanly.
Every piece of essay text, file name and rubric text is escaped: an essay containing ``<script>``
is shown as those characters, never run.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from pathlib import Path

from .gradebook import student_id
from .report import Report
from .rubric import Rubric

_CSS = """
body{font:15px/1.5 system-ui,-apple-system,'Segoe UI',sans-serif;margin:2rem auto;max-width:60rem;color:#222;padding:0 1rem}
h1{font-size:1.5rem;margin-bottom:.2rem} h2{font-size:1.15rem;margin-top:1.6rem;border-bottom:1px solid #ccc}
.score{font-size:1.3rem;font-weight:600} .flag{display:inline-block;background:#fde68a;border-radius:.3rem;padding:0 .4rem;margin:0 .2rem;font-size:.85rem}
.essay{white-space:pre-wrap;border:1px solid #ddd;padding:1rem;border-radius:.4rem;background:#fcfcfc}
mark.point{background:#bbf7d0;border-bottom:2px solid #15803d} mark.partial{background:#fde68a;border-bottom:2px solid #b45309} mark.misconception{background:#fecaca;border-bottom:2px solid #b91c1c}
mark sup{font-size:.7rem;font-weight:600;color:#14532d;margin-left:.1rem} mark.misconception sup{color:#7f1d1d}
table{border-collapse:collapse;width:100%} th,td{text-align:left;vertical-align:top;padding:.3rem .5rem;border-bottom:1px solid #e5e5e5}
.yes{color:#15803d;font-weight:600} .no{color:#b91c1c;font-weight:600} .part{color:#b45309;font-weight:600} .muted{color:#666;font-size:.9rem}
.bar{background:#93c5fd;height:.8rem;display:inline-block} a{color:#1d4ed8}
@media print{body{margin:0;max-width:none} a{color:inherit;text-decoration:none} .essay{border:none;padding:0}
mark.point,mark.partial,mark.misconception{-webkit-print-color-adjust:exact;print-color-adjust:exact} h2{break-after:avoid} tr{break-inside:avoid}}
"""


@dataclass(frozen=True)
class Page:
    file: str
    report: Report


def _doc(title: str, body: str) -> str:
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{escape(title)}</title><style>{_CSS}</style></head>\n<body>\n{body}\n</body></html>\n")


def _fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:g}"


def highlighted_essay(text: str, report: Report) -> str:
    """The essay with each claim that earned a point (green), part marks (amber) or showed a
    misconception (red) wrapped in a <mark> carrying its ids and character offsets."""
    spans: dict[tuple[int, int], list[tuple[str, str]]] = {}
    for point in report.points:
        if point.marks > 0 and point.evidence:
            ev = point.evidence[0]
            spans.setdefault((ev.start, ev.end), []).append(("point" if point.awarded else "partial", point.id))
    for misc in report.misconceptions:
        if misc.detected and misc.evidence:
            ev = misc.evidence[0]
            spans.setdefault((ev.start, ev.end), []).append(("misconception", misc.id))
    marks: list[tuple[int, int, list[tuple[str, str]]]] = []
    for (start, end), owners in sorted(spans.items()):
        if end > len(text):
            continue  # a report for another text
        if marks and start < marks[-1][1]:
            # A claim that goes on round a contrasted phrase ("Germany, not Russia, wanted revenge")
            # contains that phrase's claim: one mark carries both.
            marks[-1][2].extend(owners)
        else:
            marks.append((start, end, list(owners)))
    out, cursor = [], 0
    for start, end, owners in marks:
        kinds = {k for k, _ in owners}
        kind = next(k for k in ("misconception", "point", "partial") if k in kinds)
        ids = " ".join(i for _, i in owners)
        out.append(escape(text[cursor:start]))
        out.append(f'<mark class="{kind}" data-ids="{escape(ids)}" data-start="{start}" data-end="{end}" '
                   f'title="{escape(ids)}">{escape(text[start:end])}<sup>{escape(ids)}</sup></mark>')
        cursor = end
    out.append(escape(text[cursor:]))
    return "".join(out)


def report_fragment(report: Report, text: str | None) -> str:
    """The body of a student's report: score, flags, essay (if given), points, misconceptions."""
    parts = [f'<p class="score">{_fmt(report.score)} / {_fmt(report.max_score)}'
             + (f" &middot; band {escape(report.band)}" if report.band else "") + "</p>"]
    if report.error:
        parts.append(f'<p class="no">Not graded: {escape(report.error)}</p>')
        return "\n".join(parts)
    if report.flags:
        parts.append("<p>Review: " + "".join(f'<span class="flag">{escape(f)}</span>' for f in report.flags) + "</p>")
    if text is not None:
        parts.append(f'<h2>Essay</h2>\n<div class="essay">{highlighted_essay(text, report)}</div>')
    rows = []
    for p in report.points:
        status = ('<span class="yes">&#10003;</span>' if p.awarded else '<span class="part">partly</span>' if p.partly
                  else '<span class="no">&#10007;</span>')
        if p.marks > 0 and p.evidence:
            first, top = p.evidence[0], p.decided_by
            decided = (f"; {top.similarity:.2f} for &ldquo;{escape(top.text)}&rdquo; with the sentences around it"
                       if top else "")
            reading = f"; {escape(first.reading)}" if first.reading else ""
            detail = (f"&ldquo;{escape(first.text)}&rdquo; "
                      f"<span class=\"muted\">(similarity {first.similarity:.2f}{reading}{decided})</span>")
        else:
            near = p.near_misses[0] if p.near_misses else None
            detail = escape(p.feedback)
            if near is not None:
                why = f", {escape(near.refused)}" if near.refused else ""
                detail += f'<br><span class="muted">closest: &ldquo;{escape(near.text)}&rdquo;{why}</span>'
        rows.append(f"<tr><td>{escape(p.id)}</td><td>{status}</td><td>{_fmt(p.marks)}/{_fmt(p.max_marks)}</td>"
                    f"<td>{detail}</td></tr>")
    parts.append("<h2>Points</h2>\n<table><tr><th>Point</th><th></th><th>Marks</th><th>Evidence or feedback</th></tr>"
                 + "".join(rows) + "</table>")
    detected = [m for m in report.misconceptions if m.detected]
    if detected:
        items = "".join(f"<li><b>{escape(m.id)}</b> (&minus;{_fmt(m.penalty)}): {escape(m.feedback)}"
                        + (f"<br><span class=\"muted\">&ldquo;{escape(m.evidence[0].text)}&rdquo;</span>" if m.evidence else "")
                        + "</li>" for m in detected)
        parts.append(f"<h2>Misconceptions</h2>\n<ul>{items}</ul>")
    return "\n".join(parts)


def student_page(report: Report, text: str | None, rubric: Rubric) -> str:
    who = student_id(report.source)
    body = (f'<p class="muted"><a href="index.html">&larr; class overview</a></p>'
            f"<h1>{escape(who)}</h1><p class=\"muted\">{escape(rubric.question)}</p>\n"
            + report_fragment(report, text))
    return _doc(f"{who} - {rubric.title or 'report'}", body)


def page_name(index: int, report: Report) -> str:
    """A file name that cannot leave the output folder, whatever the student id contains."""
    slug = re.sub(r"[^A-Za-z0-9_-]+", "_", student_id(report.source)).strip("_")[:60] or "essay"
    return f"{index:04d}-{slug}.html"


def _histogram(scores: Sequence[float], max_score: float) -> str:
    bins = Counter(min(int(s + 0.5), int(max_score + 0.5)) for s in scores)
    top = max(bins.values(), default=1)
    width, height, n = 520, 160, int(max_score + 0.5) + 1
    bar = width / n
    rects = []
    for mark in range(n):
        count = bins.get(mark, 0)
        h = 0 if not count else max(2, count / top * (height - 30))
        x = mark * bar
        rects.append(f'<rect x="{x + 2:.1f}" y="{height - 20 - h:.1f}" width="{bar - 4:.1f}" height="{h:.1f}" fill="#60a5fa"/>'
                     f'<text x="{x + bar / 2:.1f}" y="{height - 5}" font-size="11" text-anchor="middle">{mark}</text>'
                     + (f'<text x="{x + bar / 2:.1f}" y="{height - 24 - h:.1f}" font-size="11" text-anchor="middle">{count}</text>'
                        if count else ""))
    return (f'<svg role="img" aria-label="score distribution" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">{"".join(rects)}</svg>')


def class_overview(pages: Sequence[Page], rubric: Rubric) -> str:
    graded = [p.report for p in pages if p.report.error is None]
    failed = [p for p in pages if p.report.error is not None]
    scores = [r.score or 0.0 for r in graded]
    summary = (f"<p>{len(graded)} graded, {len(failed)} not graded"
               + (f"; mean {statistics.mean(scores):.2f}, median {statistics.median(scores):g} of "
                  f"{_fmt(rubric.max_score)}" if scores else "") + "</p>")
    parts = [f"<h1>{escape(rubric.title or 'Class overview')}</h1><p class=\"muted\">{escape(rubric.question)}</p>",
             summary, "<h2>Score distribution (whole marks)</h2>", _histogram(scores, rubric.max_score)]

    def frequency_table(title: str, counts: dict[str, int], labels: dict[str, str]) -> str:
        rows = "".join(
            f"<tr><td>{escape(i)}</td><td>{n} ({n / len(graded):.0%})</td>"
            f'<td><span class="bar" style="width:{100 * n / len(graded):.0f}px"></span></td>'
            f"<td class=\"muted\">{escape(labels[i])}</td></tr>" for i, n in counts.items())
        return f"<h2>{title}</h2><table><tr><th></th><th>essays</th><th></th><th></th></tr>{rows}</table>"

    if graded:
        points = {p.id: sum(1 for r in graded for q in r.points if q.id == p.id and q.awarded) for p in rubric.points}
        parts.append(frequency_table("How often each point was earned", points, {p.id: p.text for p in rubric.points}))
        if rubric.misconceptions:
            miscs = {m.id: sum(1 for r in graded for q in r.misconceptions if q.id == m.id and q.detected)
                     for m in rubric.misconceptions}
            parts.append(frequency_table("How often each misconception was made", miscs,
                                         {m.id: m.text for m in rubric.misconceptions}))
    flagged = [p for p in pages if p.report.error is None and p.report.flags]
    if flagged:
        items = "".join(f'<li><a href="{escape(p.file)}">{escape(student_id(p.report.source))}</a>: '
                        + "".join(f'<span class="flag">{escape(f)}</span>' for f in p.report.flags) + "</li>"
                        for p in flagged)
        parts.append(f"<h2>Review first ({len(flagged)})</h2><ul>{items}</ul>")
    if failed:
        items = "".join(f"<li>{escape(p.report.source or '')}: {escape(p.report.error or '')}</li>" for p in failed)
        parts.append(f"<h2>Not graded ({len(failed)})</h2><ul>{items}</ul>")
    rows = "".join(f'<tr><td><a href="{escape(p.file)}">{escape(student_id(p.report.source))}</a></td>'
                   f"<td>{_fmt(p.report.score)}</td><td>{escape(p.report.band or '')}</td>"
                   f"<td>{escape(', '.join(p.report.flags))}</td></tr>" for p in pages)
    parts.append(f"<h2>All students</h2><table><tr><th>Student</th><th>Score</th><th>Band</th><th>Flags</th></tr>{rows}</table>")
    return _doc(f"{rubric.title or 'Class'} - overview", "\n".join(parts))


def write_site(folder: Path, reports: Sequence[Report], texts: Sequence[str | None], rubric: Rubric) -> Path:
    """Write one page per student and index.html into ``folder``; returns the index path."""
    folder.mkdir(parents=True, exist_ok=True)
    pages = [Page(page_name(i, r), r) for i, r in enumerate(reports, 1)]
    for page, text in zip(pages, texts):
        (folder / page.file).write_text(student_page(page.report, text, rubric), encoding="utf-8")
    index = folder / "index.html"
    index.write_text(class_overview(pages, rubric), encoding="utf-8")
    return index
