"""The feedback report and its renderings: dict / JSON (versioned schema), text, CSV rows.

``SCHEMA_VERSION`` changes whenever a field is renamed or removed; new fields may be added
within a version. The schema is published as ``schemas/report.schema.json``.
"""

from __future__ import annotations

import json
import textwrap
from dataclasses import asdict, dataclass, field
from typing import Any

from .scoring import Evidence, Marking, MisconceptionResult, PointResult

SCHEMA_VERSION = "1"


@dataclass(frozen=True)
class Report:
    source: str | None
    score: float | None
    max_score: float
    band: str | None = None
    points: tuple[PointResult, ...] = ()
    misconceptions: tuple[MisconceptionResult, ...] = ()
    flags: tuple[str, ...] = ()
    error: str | None = None
    level: str | None = None
    level_reason: str = ""
    rubric: dict[str, str] = field(default_factory=dict)
    pipeline: dict[str, Any] = field(default_factory=dict)
    version: str = ""
    schema_version: str = SCHEMA_VERSION

    @classmethod
    def from_marking(cls, marking: Marking, max_score: float, source: str | None,
                     rubric: dict[str, str], pipeline: dict[str, Any], version: str) -> Report:
        return cls(source=source, score=marking.score, max_score=max_score, band=marking.band,
                   points=marking.points, misconceptions=marking.misconceptions, flags=marking.flags,
                   level=marking.level, level_reason=marking.level_reason,
                   rubric=rubric, pipeline=pipeline, version=version)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Report:
        """A report read back from ``to_dict`` / a JSONL line (e.g. to resume an interrupted run)."""
        if data.get("schema_version") != SCHEMA_VERSION:
            raise ValueError(f"report schema_version {data.get('schema_version')!r}, expected {SCHEMA_VERSION!r}")

        def evidence(items: list[dict[str, Any]]) -> tuple[Evidence, ...]:
            return tuple(Evidence(**e) for e in items)

        points = tuple(PointResult(**{**p, "evidence": evidence(p["evidence"]), "near_misses": evidence(p["near_misses"])})
                       for p in data["points"])
        miscs = tuple(MisconceptionResult(**{**m, "evidence": evidence(m["evidence"])}) for m in data["misconceptions"])
        return cls(**{**data, "points": points, "misconceptions": miscs, "flags": tuple(data["flags"])})

    def to_json(self, indent: int | None = None) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    def to_text(self, width: int = 88) -> str:
        """A report a teacher can read and hand back."""
        lines = [f"Essay: {self.source or '(text)'}"]
        if self.error is not None:
            return "\n".join([*lines, f"NOT GRADED: {self.error}"])
        band = f"  (band {self.band})" if self.band else ""
        lines.append(f"Score: {_num(self.score or 0)} / {_num(self.max_score)}{band}")
        if self.level_reason:
            lines.append(_wrap(f"Level: {self.level_reason}", width).strip())
        if self.flags:
            lines.append(f"Flags: {', '.join(self.flags)}")
        lines.append("")
        for p in self.points:
            mark = "+" if p.awarded else "~" if p.partly else "-"
            depth = f"  {p.depth} ({p.depth_reason})" if p.depth else ""
            lines.append(f"[{mark}] {p.id}  {_num(p.marks)}/{_num(p.max_marks)}  similarity {p.similarity:.2f}{depth}")
            top = p.decided_by
            for ev in p.evidence[:1]:
                own = f" ({ev.similarity:.2f})" if top else ""
                reading = f" ({ev.reading})" if ev.reading else ""
                lines.append(_wrap(f'evidence @{ev.start}-{ev.end}{own}: "{ev.text}"{reading}', width))
            if top:
                lines.append(_wrap(f'highest @{top.start}-{top.end} ({top.similarity:.2f}, with the sentences '
                                   f'around it): "{top.text}"', width))
            for ev in p.near_misses[:1]:
                why = f" ({ev.refused})" if ev.refused else ""
                lines.append(_wrap(f'nearest @{ev.start}-{ev.end}{why}: "{ev.text}"', width))
            lines.append(_wrap(p.feedback, width))
        detected = [m for m in self.misconceptions if m.detected]
        if detected:
            lines.append("")
            lines.append("Misconceptions:")
            for m in detected:
                lines.append(f"[!] {m.id}  -{_num(m.penalty)}")
                for ev in m.evidence[:1]:
                    lines.append(_wrap(f'evidence @{ev.start}-{ev.end}: "{ev.text}"', width))
                lines.append(_wrap(m.feedback, width))
        return "\n".join(lines)

    def to_row(self, point_ids: list[str], misconception_ids: list[str]) -> dict[str, Any]:
        """One flat row for a CSV: marks per point, 1/0 per misconception."""
        row: dict[str, Any] = {"source": self.source, "score": self.score, "max_score": self.max_score,
                               "band": self.band or self.level}
        earned = {p.id: p.marks for p in self.points}
        detected = {m.id: int(m.detected) for m in self.misconceptions}
        for pid in point_ids:
            row[pid] = earned.get(pid) if self.error is None else None
        for mid in misconception_ids:
            row[mid] = detected.get(mid) if self.error is None else None
        row["flags"] = ";".join(self.flags)
        row["error"] = self.error
        return row

    def _repr_html_(self) -> str:
        from .pages import report_fragment

        return report_fragment(self, None)


def _num(value: float) -> str:
    return f"{value:g}"


def _wrap(text: str, width: int) -> str:
    return textwrap.fill(text, width=width, initial_indent="      ", subsequent_indent="      ")
