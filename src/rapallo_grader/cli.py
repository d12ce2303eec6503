"""`grade`: the command line over the public API, with no marking logic of its own.

    grade RUBRIC PATH...                 mark essays
    grade evaluate RUBRIC MARKED         agreement with a teacher-marked sample (CSV or JSONL)
    grade rubric draft MODEL_ANSWER...   draft a rubric (YAML) from model answers
    grade rubric check RUBRIC            validate a rubric and point out weak spots
    grade calibrate RUBRIC MARKED        fit the rubric's thresholds to a teacher's marks

Exit codes:
  0  every essay was graded
  1  some essays could not be graded (each has its ``error`` in the output; the rest were graded)
  2  usage error: bad arguments, or no essays found at the paths given
  3  the rubric is invalid (the message names the file, the place and the fix)
  4  the output could not be written
  5  `grade rubric check` found weak spots (the rubric is valid; see the warnings)
130 interrupted (Ctrl-C or SIGTERM): every essay written so far is complete; rerun with --resume
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import time
import warnings
from collections.abc import Iterable, Iterator
from contextlib import nullcontext
from itertools import chain, islice, tee
from pathlib import Path
from typing import IO, TYPE_CHECKING

from . import __version__
from .errors import EssayError, RubricError, StaleThresholdWarning
from .inputs import ESSAY_SUFFIXES, EssayInput, iter_inputs, read_file
from .marked import MarkedEssay, read_marked
from .rubric import Rubric
from .triage import MAX_DUPLICATE_BATCH, near_duplicates

if TYPE_CHECKING:  # the report, gradebook and page modules load on use: `grade --help` stays quick
    from .report import Report

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE, EXIT_RUBRIC, EXIT_OUTPUT, EXIT_LINT = 0, 1, 2, 3, 4, 5
EXIT_INTERRUPTED = 130
SUBCOMMANDS = ("evaluate", "rubric")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="grade", description="Mark essays against a rubric and explain every mark.",
        epilog="Other commands: 'grade evaluate RUBRIC MARKED', 'grade calibrate RUBRIC MARKED', "
               "'grade rubric draft MODEL_ANSWER', 'grade rubric check RUBRIC' (each with --help). "
               "Exit codes: 0 all graded; 1 some essays not graded (see their 'error'); "
               "2 usage error; 3 invalid rubric; 4 output not writable.")
    parser.add_argument("rubric", type=Path, help="rubric file (YAML)")
    parser.add_argument("paths", nargs="+", help="essay files (.txt .md .docx .pdf), folders (searched "
                        "recursively), CSV/JSONL files with one essay per row, or - for standard input")
    parser.add_argument("--format", choices=["text", "json", "jsonl", "csv"], default=None,
                        help="text (default for one essay), jsonl (default for several), json or csv")
    parser.add_argument("--output", "-o", type=Path, help="write here instead of standard output")
    parser.add_argument("--glob", default="*", help="in folders, only files whose name matches (e.g. '*.docx')")
    parser.add_argument("--id-col", default="id", help="student id column of a CSV/JSONL (default: id)")
    parser.add_argument("--text-col", default="text", help="essay text column of a CSV/JSONL (default: text)")
    parser.add_argument("--gradebook", type=Path, help="also write a gradebook CSV: one row per student")
    parser.add_argument("--html", type=Path, metavar="DIR",
                        help="also write HTML reports: a page per student and DIR/index.html for the class")
    parser.add_argument("--model-answer", type=Path, action="append", default=[],
                        help="flag essays that copy this model answer (repeatable)")
    parser.add_argument("--jobs", "-j", type=int, default=1, help="processes for parsing (default 1)")
    parser.add_argument("--resume", action="store_true", help="with --output FILE.jsonl: skip essays already "
                        "graded in FILE and append the rest")
    parser.add_argument("--quiet", "-q", action="store_true", help="no progress bar or summary")
    parser.add_argument("--semantic", action="store_true", help="add sentence-embedding similarity "
                        "(needs the [semantic] extra)")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    return parser


def main(argv: list[str] | None = None) -> int:
    with warnings.catch_warnings():  # restores the caller's warning display (tests call main in-process)
        warnings.showwarning = _show_warning
        try:
            return _main(sys.argv[1:] if argv is None else argv)
        except BrokenPipeError:
            # The reader stopped early (`grade ... | head`): it had what it wanted, so no message; point
            # stdout at nothing so that Python's last flush does not complain either.
            try:
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            except (OSError, ValueError):
                pass
            return EXIT_OUTPUT


def _show_warning(message: Warning | str, category: type[Warning], filename: str, lineno: int,
                  file: IO[str] | None = None, line: str | None = None) -> None:
    """Our own warnings read like the CLI's other messages; anyone else's keep their origin."""
    text = (f"grade: warning: {message}\n" if issubclass(category, StaleThresholdWarning)
            else warnings.formatwarning(message, category, filename, lineno, line))
    (file or sys.stderr).write(text)


def _main(argv: list[str]) -> int:
    if argv and argv[0] == "evaluate":
        return evaluate_main(argv[1:])
    if argv and argv[0] == "rubric":
        return rubric_main(argv[1:])
    if argv and argv[0] == "calibrate":
        return calibrate_main(argv[1:])
    parser = build_parser()
    args = parser.parse_args(argv)
    # SIGTERM (a laptop shutting down, a scheduler's kill) ends the run like Ctrl-C: files are
    # closed after the last complete essay.
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        return _grade(parser, args)
    except KeyboardInterrupt:
        where = f" {args.output}" if args.output else ""
        print(f"grade: interrupted; every essay written to{where or ' the output'} so far is complete"
              + ("; run the same command with --resume to finish" if args.output else ""), file=sys.stderr)
        return EXIT_INTERRUPTED
    finally:
        signal.signal(signal.SIGTERM, previous)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _need_semantic(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """``--semantic`` without the extra is a usage error, said before any essay is read."""
    from .semantic import available

    if args.semantic and not available():
        parser.error("--semantic needs the [semantic] extra: pip install 'rapallo-grader[semantic]'")


def _grade(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    _need_semantic(parser, args)
    if args.jobs < 1:
        parser.error("--jobs must be at least 1")
    if args.resume and (args.output is None or (args.format or "jsonl") != "jsonl"):
        parser.error("--resume needs --output FILE with --format jsonl")
    # Up to a class-sized batch is held in memory (near-duplicates, HTML); beyond that the essays
    # stream through one batch at a time and memory stays flat however many there are.
    stream = iter_inputs(args.paths, args.glob, args.id_col, args.text_col)
    head = list(islice(stream, MAX_DUPLICATE_BATCH + 1))
    if not head:
        print(f"grade: no essays found in {' '.join(args.paths)} (looked for {', '.join(ESSAY_SUFFIXES)} "
              f"files matching {args.glob!r})", file=sys.stderr)
        return EXIT_USAGE
    whole_class = len(head) <= MAX_DUPLICATE_BATCH
    if args.html and not whole_class:
        parser.error(f"--html is for a class: at most {MAX_DUPLICATE_BATCH:,} essays in one run")
    rubric = _load_rubric(args.rubric)
    if rubric is None:
        return EXIT_RUBRIC
    model_answers = _read_all(args.model_answer, "grade: --model-answer")
    if model_answers is None:
        return EXIT_USAGE

    from .gradebook import GradebookWriter
    from .grader import Grader
    from .pages import write_site

    done = resume_jsonl(args.output) if args.resume and args.output.exists() else set()
    fmt = args.format or ("text" if len(head) == 1 else "jsonl")
    started = time.monotonic()
    grader = Grader(rubric, model_answers=model_answers, semantic=args.semantic)
    todo: Iterable[EssayInput] = (i for i in chain(head, stream) if i.source not in done)
    duplicates: dict[int, list[str]] = {}
    if whole_class:
        # Near-duplicates are compared across the whole class, this run and any earlier one alike.
        todo = list(todo)
        twins = near_duplicates([i.text for i in head], [i.source for i in head])
        position = {i.source: n for n, i in enumerate(head)}
        duplicates = {k: twins[position[i.source]] for k, i in enumerate(todo) if position[i.source] in twins}
    texts, sources = tee(todo)
    reports = grader.grade_iter((i.text for i in texts), (i.source for i in sources), n_process=args.jobs,
                                duplicates=duplicates)
    progress = Progress(len(todo) if isinstance(todo, list) else None, enabled=not args.quiet)
    try:
        for target in (args.output, args.gradebook):
            if target is not None:
                target.parent.mkdir(parents=True, exist_ok=True)
        book = args.gradebook.open("w", encoding="utf-8", newline="") if args.gradebook else nullcontext(None)
        sink = (args.output.open("a" if args.resume else "w", encoding="utf-8", newline="") if args.output
                else nullcontext(sys.stdout))
    except OSError as exc:
        print(f"grade: cannot write {exc.filename}: {exc.strerror}", file=sys.stderr)
        return EXIT_OUTPUT
    tally = Tally()
    kept: list[Report] = []
    try:
        with book as book_out:
            gradebook = GradebookWriter(book_out, rubric) if book_out else None
            for report in read_reports(args.output) if done else ():
                tally.add(report, earlier=True)
                if gradebook:
                    gradebook.write(report)
                if args.html:
                    kept.append(report)
            with sink as out:
                for report in _write(out, fmt, reports, rubric):
                    tally.add(report)
                    if gradebook:
                        gradebook.write(report)
                    if args.html:
                        kept.append(report)
                    progress.step()
        if args.html:
            by_source = {i.source: i.text for i in head}
            write_site(args.html, kept, [t if isinstance(t := by_source.get(r.source or ""), str) else None
                                         for r in kept], rubric)
    except BrokenPipeError:
        raise
    except OSError as exc:
        print(f"grade: writing output failed: {exc}", file=sys.stderr)
        return EXIT_OUTPUT
    finally:
        progress.close()
    if not args.quiet:
        resumed = f", {tally.earlier} from the earlier run" if tally.earlier else ""
        print(f"grade: {tally.graded} graded, {tally.failed} failed, {tally.flagged} flagged for review{resumed}; "
              f"{time.monotonic() - started:.1f} s", file=sys.stderr)
    if tally.failed:
        print(f"grade: {tally.failed} of {tally.graded + tally.failed} essays could not be graded; see their 'error'",
              file=sys.stderr)
        return EXIT_SOME_FAILED
    return EXIT_OK


class Tally:
    """Running counts for the summary line; nothing per essay is kept."""

    def __init__(self) -> None:
        self.graded = self.failed = self.flagged = self.earlier = 0

    def add(self, report: Report, earlier: bool = False) -> None:
        self.earlier += earlier
        if report.error is not None:
            self.failed += 1
        else:
            self.graded += 1
            self.flagged += bool(report.flags)


def resume_jsonl(path: Path) -> set[str]:
    """Sources already graded in a JSONL output; a torn last line (an interrupted write) is cut off."""
    from .report import Report

    keep, sources = 0, set()
    with path.open("rb") as f:
        for line in f:
            try:
                if not line.endswith(b"\n"):
                    raise ValueError("torn line")
                record = json.loads(line)
                Report.from_dict(record)
            except (ValueError, KeyError, TypeError):
                break
            sources.add(record["source"])
            keep += len(line)
    with path.open("r+b") as f:
        f.truncate(keep)
    return sources


def read_reports(path: Path) -> Iterator[Report]:
    from .report import Report

    with path.open(encoding="utf-8") as f:
        for line in f:
            yield Report.from_dict(json.loads(line))


class Progress:
    """A one-line progress bar on a terminal (a count when the total is unknown); silent when
    piped or --quiet."""

    def __init__(self, total: int | None, enabled: bool) -> None:
        self.total, self.done = total, 0
        self.enabled = enabled and sys.stderr.isatty() and (total is None or total > 1)
        self._last = 0.0

    def step(self) -> None:
        self.done += 1
        if self.enabled and (time.monotonic() - self._last > 0.1 or self.done == self.total):
            self._last = time.monotonic()
            if self.total is None:
                sys.stderr.write(f"\r{self.done} essays")
            else:
                filled = int(30 * self.done / self.total)
                sys.stderr.write(f"\r[{'#' * filled}{'.' * (30 - filled)}] {self.done}/{self.total}")
            sys.stderr.flush()

    def close(self) -> None:
        if self.enabled:
            sys.stderr.write("\n")


def _read_all(paths: list[Path], prefix: str) -> list[str] | None:
    """The text of every file named, or None (after saying which file and why) if one is unreadable."""
    texts = []
    for path in paths:
        text = read_file(path)
        if isinstance(text, EssayError):
            print(f"{prefix} {path}: {text}", file=sys.stderr)
            return None
        texts.append(text)
    return texts


def _load_rubric(path: Path) -> Rubric | None:
    try:
        return Rubric.load(path)
    except RubricError as exc:
        print(f"grade: invalid rubric: {exc}", file=sys.stderr)
        return None


def _marked_parser(prog: str, description: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=prog, description=description)
    parser.add_argument("rubric", type=Path)
    parser.add_argument("marked", type=Path, help="CSV or JSONL with id, text, score (and optionally "
                        "points, or one column per point id)")
    parser.add_argument("--id-col", default="id")
    parser.add_argument("--text-col", default="text")
    parser.add_argument("--score-col", default="score")
    parser.add_argument("--semantic", action="store_true", help="grade as `grade --semantic` does: add "
                        "sentence-embedding similarity (needs the [semantic] extra)")
    return parser


def _load_marked(args: argparse.Namespace, prog: str) -> tuple[Rubric, list[MarkedEssay]] | int:
    rubric = _load_rubric(args.rubric)
    if rubric is None:
        return EXIT_RUBRIC
    try:
        marked = read_marked(args.marked, [p.id for p in rubric.points], args.id_col, args.text_col,
                             args.score_col, rubric.max_score)
    except EssayError as exc:
        print(f"{prog}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if not marked:
        print(f"{prog}: {args.marked}: no marked essays (one per row or line, with {args.id_col}, {args.text_col} "
              f"and {args.score_col})", file=sys.stderr)
        return EXIT_USAGE
    return rubric, marked


def evaluate_main(argv: list[str]) -> int:
    parser = _marked_parser("grade evaluate", "Grade a teacher-marked sample and report agreement with the "
                            "teacher: QWK, Pearson r, RMSE, exact/adjacent agreement, standardised mean "
                            "difference, and per-point precision/recall when the sample says which points "
                            "the teacher awarded.")
    parser.add_argument("--format", choices=["text", "json"], default="text")
    args = parser.parse_args(argv)
    _need_semantic(parser, args)
    loaded = _load_marked(args, "grade evaluate")
    if isinstance(loaded, int):
        return loaded
    from .grader import Grader

    try:
        result = Grader(loaded[0], semantic=args.semantic).evaluate(loaded[1])
    except ValueError as exc:
        print(f"grade evaluate: {args.marked}: {exc}", file=sys.stderr)
        return EXIT_SOME_FAILED
    print(json.dumps(result.to_dict(), indent=2) if args.format == "json" else result.to_text())
    return EXIT_SOME_FAILED if result.not_graded else EXIT_OK


def calibrate_main(argv: list[str]) -> int:
    parser = _marked_parser("grade calibrate", "Fit the rubric's decision thresholds to a teacher-marked "
                            "sample and write a calibrated copy of the rubric beside it.")
    parser.add_argument("--output", "-o", type=Path,
                        help="where to write the calibrated rubric (default: RUBRIC with .calibrated.yaml)")
    args = parser.parse_args(argv)
    _need_semantic(parser, args)
    loaded = _load_marked(args, "grade calibrate")
    if isinstance(loaded, int):
        return loaded
    from .grader import Grader

    rubric, marked = loaded
    labelled = all(m.points is not None for m in marked)
    with warnings.catch_warnings():  # a threshold fitted for another matcher is what this run refits
        warnings.simplefilter("ignore", StaleThresholdWarning)
        grader = Grader(rubric, semantic=args.semantic)
    try:
        result = grader.calibrate([m.text for m in marked], [m.score for m in marked],
                                  [set(m.points or ()) for m in marked] if labelled else None, [m.id for m in marked])
    except ValueError as exc:
        print(f"grade calibrate: {args.marked}: {exc}", file=sys.stderr)
        return EXIT_SOME_FAILED
    output = args.output or args.rubric.with_name(args.rubric.stem + ".calibrated.yaml")
    header = (f"# Calibrated by `grade calibrate` from {args.rubric.name} on {len(marked)} essays of "
              f"{args.marked.name}.\n# {result.to_text().splitlines()[1]}\n")
    model = grader.matcher.model
    if model is not None and grader.matcher.learned.any():
        # The learned threshold is a probability of this model; another model's may sit elsewhere.
        header += (f"# Learned matcher: {model.name} (sha256 {model.sha256[:12]}), recorded as "
                   "matching.learned_for: grading with another warns.\n")
    try:
        output.write_text(header + result.rubric.to_yaml(), encoding="utf-8")
    except OSError as exc:
        print(f"grade calibrate: cannot write {output}: {exc.strerror}", file=sys.stderr)
        return EXIT_OUTPUT
    print(result.to_text())
    print(f"calibrated rubric written to {output}")
    return EXIT_SOME_FAILED if result.not_graded else EXIT_OK


def rubric_main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="grade rubric", description="Write and check rubrics.")
    sub = parser.add_subparsers(dest="action", required=True)
    draft = sub.add_parser("draft", help="draft a rubric from model answers; edit it before use")
    draft.add_argument("answers", type=Path, nargs="+", help="model answer text files")
    draft.add_argument("--question", help="the question (default: the first line of the first answer "
                       "if it ends with '?' or reads as a question, else a placeholder)")
    draft.add_argument("--max-score", type=float, default=None, help="total marks (default: one per point)")
    draft.add_argument("--short-answer", action="store_true",
                       help="the model answer lists more than a student must write: full marks for as many of its "
                            "points as the question asks for ('name two'), else a share of them, and part marks for "
                            "a point partly made (fitted on teacher-marked short answers)")
    draft.add_argument("--output", "-o", type=Path)
    check = sub.add_parser("check", help="validate a rubric and point out weak spots")
    check.add_argument("rubric", type=Path)
    args = parser.parse_args(argv)
    if args.action == "check":
        rubric = _load_rubric(args.rubric)
        if rubric is None:
            return EXIT_RUBRIC
        from .authoring import lint

        findings = lint(rubric)
        for finding in findings:
            print(f"{args.rubric}: warning: {finding}")
        print(f"{args.rubric}: valid; {len(rubric.points)} points, {len(rubric.misconceptions)} "
              f"misconceptions, max score {rubric.max_score:g}; {len(findings)} warnings")
        return EXIT_LINT if findings else EXIT_OK
    texts = _read_all(args.answers, "grade rubric draft:")
    if texts is None:
        return EXIT_USAGE
    question = args.question
    if question is None:
        first, _, rest = texts[0].strip().partition("\n")
        if first.rstrip().endswith("?") or first.split(" ", 1)[0].lower() in {
                "explain", "describe", "why", "how", "what", "discuss", "outline", "name", "list", "state", "give",
                "identify"}:
            question, texts[0] = first.strip(), rest
        else:
            question = "TODO: the question"
    try:
        rubric = Rubric.from_reference(question, texts, 1.0 if args.max_score is None else args.max_score,
                                       short_answer=args.short_answer)
    except ValueError as exc:
        print(f"grade rubric draft: {', '.join(map(str, args.answers))}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if args.max_score is None and not args.short_answer:  # one mark per point
        rubric = Rubric.from_reference(question, texts, float(len(rubric.points)))
    from .authoring import items_asked

    asked = items_asked(question)
    if not args.short_answer and asked and asked < len(rubric.points):
        print(f"grade rubric draft: the question asks for {asked} of the {len(rubric.points)} points drafted; "
              "this draft needs them all for full marks (add --short-answer for the best "
              f"{asked}, with part marks)", file=sys.stderr)
    yaml_text = ("# Drafted by `grade rubric draft`: check every point, add key terms, misconceptions and\n"
                 "# feedback, then run `grade rubric check`; `grade calibrate` on 30 or more marked essays\n"
                 "# fits the match threshold to your marking.\n" + _count_note(rubric) + rubric.to_yaml())
    if args.output:
        try:
            args.output.write_text(yaml_text, encoding="utf-8")
        except OSError as exc:
            print(f"grade rubric draft: cannot write {args.output}: {exc.strerror}", file=sys.stderr)
            return EXIT_OUTPUT
    else:
        sys.stdout.write(yaml_text)
    return EXIT_OK


def _count_note(rubric: Rubric) -> str:
    """Why a short-answer draft counts the points it does: the number a teacher most often edits."""
    if rubric.count_best is None:
        return ""
    from .authoring import count_outgrown, items_asked

    asked = items_asked(rubric.question)
    why = f"the question asks for {asked}" if asked else "no number in the question: a share fitted on short answers"
    outgrown = count_outgrown(rubric)
    return (f"# count_best: the best {rubric.count_best} of the {len(rubric.points)} points earn full marks ({why});\n"
            "# change it if the question wants more or fewer.\n" + (f"# {outgrown}\n" if outgrown else ""))


def _write(out: IO[str], fmt: str, reports: Iterator[Report], rubric: Rubric) -> Iterator[Report]:
    """Write reports as they come (jsonl and text stream; json and csv are whole documents)."""
    if fmt == "csv":
        from .gradebook import GradebookWriter

        writer = GradebookWriter(out, rubric)
        for report in reports:
            writer.write(report)
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


if __name__ == "__main__":
    sys.exit(main())
