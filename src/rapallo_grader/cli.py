"""`grade RUBRIC PATH...`: the command line over the public API, with no marking logic of its own.

Exit codes:
  0  every essay was graded
  1  some essays could not be graded (each has its ``error`` in the output; the rest were graded)
  2  usage error: bad arguments, or no essays found at the paths given
  3  the rubric is invalid (the message names the file, the place and the fix)
  4  the output could not be written
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Iterator
from contextlib import nullcontext
from pathlib import Path
from typing import IO

from . import __version__
from .errors import EssayError, RubricError
from .report import Report
from .rubric import Rubric

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE, EXIT_RUBRIC, EXIT_OUTPUT = 0, 1, 2, 3, 4
ESSAY_SUFFIXES = (".txt", ".md")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="grade", description="Mark essays against a rubric and explain every mark.",
        epilog="Exit codes: 0 all graded; 1 some essays not graded (see their 'error'); "
               "2 usage error; 3 invalid rubric; 4 output not writable.")
    parser.add_argument("rubric", type=Path, help="rubric file (YAML)")
    parser.add_argument("paths", nargs="+", help="essay files, directories (searched for .txt and .md), "
                                                 "or - for standard input")
    parser.add_argument("--format", choices=["text", "json", "jsonl", "csv"], default=None,
                        help="text (default for one essay), jsonl (default for several), json or csv")
    parser.add_argument("--output", "-o", type=Path, help="write here instead of standard output")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    sources = list(_essay_sources(args.paths))
    if not sources:
        print(f"grade: no essays found in {' '.join(args.paths)} (looked for {', '.join(ESSAY_SUFFIXES)} files)",
              file=sys.stderr)
        return EXIT_USAGE
    try:
        rubric = Rubric.load(args.rubric)
    except RubricError as exc:
        print(f"grade: invalid rubric: {exc}", file=sys.stderr)
        return EXIT_RUBRIC

    from .grader import Grader

    grader = Grader(rubric)
    fmt = args.format or ("text" if len(sources) == 1 else "jsonl")
    reports = grader.grade_iter((_read(s) for s in sources), sources)
    try:
        sink = args.output.open("w", encoding="utf-8", newline="") if args.output else nullcontext(sys.stdout)
    except OSError as exc:
        print(f"grade: cannot write {args.output}: {exc.strerror}", file=sys.stderr)
        return EXIT_OUTPUT
    failed = 0
    try:
        with sink as out:
            for report in _write(out, fmt, reports, rubric):
                failed += report.error is not None
    except OSError as exc:
        print(f"grade: writing output failed: {exc}", file=sys.stderr)
        return EXIT_OUTPUT
    if failed:
        print(f"grade: {failed} of {len(sources)} essays could not be graded; see their 'error'",
              file=sys.stderr)
        return EXIT_SOME_FAILED
    return EXIT_OK


def _write(out: IO[str], fmt: str, reports: Iterator[Report], rubric: Rubric) -> Iterator[Report]:
    """Write reports as they come (jsonl and text stream; json and csv are whole documents)."""
    if fmt == "csv":
        point_ids = [p.id for p in rubric.points]
        misc_ids = [m.id for m in rubric.misconceptions]
        writer = csv.DictWriter(out, fieldnames=["source", "score", "max_score", "band", "flags", "error",
                                                 *point_ids, *misc_ids], lineterminator="\n")
        writer.writeheader()
        for report in reports:
            writer.writerow(report.to_row(point_ids, misc_ids))
            yield report
    elif fmt == "json":
        collected = []
        for report in reports:
            collected.append(report.to_dict())
            yield report
        out.write(json.dumps(collected, ensure_ascii=False, indent=2) + "\n")
    else:
        for i, report in enumerate(reports):
            if fmt == "jsonl":
                out.write(report.to_json() + "\n")
            else:
                out.write(("\n" + "=" * 60 + "\n" if i else "") + report.to_text() + "\n")
            out.flush()
            yield report


def _essay_sources(paths: list[str]) -> Iterator[str]:
    for raw in paths:
        path = Path(raw)
        if raw != "-" and path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in ESSAY_SUFFIXES)
            yield from (str(p) for p in found)
        else:
            yield raw


def _read(source: str) -> str | EssayError:
    """An essay's text, or the reason it cannot be read (which becomes that essay's error)."""
    try:
        data = sys.stdin.buffer.read() if source == "-" else Path(source).read_bytes()
    except FileNotFoundError:
        return EssayError("file not found")
    except OSError as exc:
        return EssayError(f"cannot read file: {exc.strerror}")
    return decode(data)


def decode(data: bytes) -> str | EssayError:
    """UTF-8 (with or without BOM), UTF-16 with BOM, or Windows-1252; binary files are refused."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            return EssayError("file starts like UTF-16 text but is not valid UTF-16")
    if b"\x00" in data:
        return EssayError("binary file, not text (contains NUL bytes); save the essay as plain text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return EssayError("not readable as UTF-8 or Windows-1252 text; save the essay as UTF-8")


if __name__ == "__main__":
    sys.exit(main())
