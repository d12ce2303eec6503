"""The Grader: a rubric compiled once, then any number of essays graded against it."""

from __future__ import annotations

import multiprocessing
import signal
from collections import deque
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from itertools import islice, repeat
from multiprocessing.pool import AsyncResult
from typing import Any, TypeVar, cast

import numpy as np

from . import __version__
from .agreement import Agreement, agreement
from .authoring import claims_of
from .calibration import Calibration
from .errors import EssayError
from .marked import MarkedEssay
from .matching import Matcher
from .model import DEFAULT_MODEL, SEMANTIC_MODEL, MatchModel
from .pipeline import ParsedEssay, Pipeline
from .report import Report
from .rubric import Rubric
from .scoring import generic_words, mark
from .semantic import Embedder
from .triage import CopyCheck, near_duplicates

T = TypeVar("T")

_FORKED: tuple[Grader, Mapping[int, Sequence[str]]] | None = None


def _grade_chunk(chunk: list[tuple[int, tuple[str | EssayError, str | None]]]) -> list[Report]:
    """Runs in a forked worker: grade one chunk with the grader the parent built."""
    from threadpoolctl import threadpool_limits

    assert _FORKED is not None
    grader, duplicates = _FORKED
    local = {k: duplicates[i] for k, (i, _) in enumerate(chunk) if i in duplicates}
    # One BLAS thread per worker: the workers are the parallelism; more threads only contend.
    with threadpool_limits(1):
        return list(grader.grade_iter([t for _, (t, _) in chunk], [s for _, (_, s) in chunk], len(chunk), 1, local))


def _paired(texts: Iterable[T], sources: Iterable[str | None] | None) -> Iterator[tuple[T, str | None]]:
    """Each essay with its source; a stream cannot count both lists first, so a list of names that
    does not pair with the essays (one left out puts every later mark against the wrong student) is
    found where it runs out, and raises there."""
    if sources is None:
        yield from zip(texts, repeat(None))
        return
    names, end = iter(sources), object()
    for text in texts:
        source = next(names, end)
        if source is end:
            raise ValueError("grade_iter got fewer sources than essays; give one source per essay")
        yield text, cast("str | None", source)
    if next(names, end) is not end:
        raise ValueError("grade_iter got more sources than essays; give one source per essay")


def _worker_signals() -> None:
    """A worker leaves stopping to the parent: it ignores Ctrl-C (the parent gets it too and stops
    the pool) and dies quietly when the pool ends it, instead of running a handler inherited from
    the parent (the CLI turns SIGTERM into KeyboardInterrupt, which printed a traceback)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


class Grader:
    """Grades essays against one rubric.

    Building a Grader loads the spaCy pipeline and compiles the rubric (term vocabulary,
    parsed wordings); do it once and reuse it for a whole class.
    """

    def __init__(self, rubric: Rubric, pipeline: Pipeline | None = None, model: MatchModel | None = None,
                 learned: bool = True, semantic: bool | Embedder = False,
                 model_answers: Sequence[str] = ()) -> None:
        """``model``: the learned matcher for criteria without key terms (default: the bundled one,
        verified against its checksum); ``learned=False`` marks every criterion by the rules alone;
        ``semantic=True`` adds sentence-embedding similarity (the [semantic] extra) and its model
        (pass an ``Embedder`` to share one loaded encoder between graders). ``model_answers``:
        texts to flag near-verbatim copies of (``copied_model_answer``)."""
        self.rubric = rubric
        self.pipeline = pipeline or Pipeline()
        embedder = semantic if isinstance(semantic, Embedder) else Embedder() if semantic else None
        if learned and model is None:
            model = MatchModel.load(bundled=SEMANTIC_MODEL if embedder else DEFAULT_MODEL)
        self.matcher = Matcher(rubric, self.pipeline, model if learned else None, embedder)
        info = self.pipeline.info
        self._pipeline_meta: dict[str, Any] = {"name": info.name, "version": info.version,
                                               "fallback": info.fallback,
                                               "semantic": self.matcher.embedder.name if self.matcher.embedder else None,
                                               "matcher": self.matcher.model.name if self.matcher.model else "rules",
                                               "matcher_sha256": self.matcher.model.sha256 if self.matcher.model else ""}
        self._rubric_meta = {"source": rubric.source, "sha256": rubric.sha256}
        self._generic_words = generic_words(rubric)
        self._copy_check = CopyCheck({
            "copied_rubric": [p.text for p in rubric.points],
            "copied_model_answer": [s for answer in model_answers for s in claims_of(answer)],
        })

    def grade(self, text: str, source: str | None = None) -> Report:
        """Grade one essay; raises ``EssayError`` if it cannot be graded."""
        report = next(self.grade_iter([text], [source]))
        if report.error is not None:
            raise EssayError(report.error)
        return report

    def grade_many(self, texts: Iterable[str | EssayError], sources: Iterable[str | None] | None = None,
                   batch_size: int = 64, n_process: int = 1) -> list[Report]:
        """Grade essays in order. An essay that cannot be graded gets a Report with ``error`` set.
        Near-duplicates between the essays are flagged on both sides."""
        texts = list(texts)
        sources = list(sources) if sources is not None else [None] * len(texts)
        if len(sources) != len(texts):  # a shifted list of names would put marks against the wrong students
            raise ValueError(f"grade_many got {len(texts)} essays but {len(sources)} sources; give one per essay")
        labels = [s if s is not None else f"essay {i + 1}" for i, s in enumerate(sources)]
        return list(self.grade_iter(texts, sources, batch_size, n_process, near_duplicates(texts, labels)))

    def grade_iter(self, texts: Iterable[str | EssayError], sources: Iterable[str | None] | None = None,
                   batch_size: int = 64, n_process: int = 1,
                   duplicates: Mapping[int, Sequence[str]] | None = None) -> Iterator[Report]:
        """Stream reports in input order as batches finish; nothing is held beyond one batch.

        An ``EssayError`` in place of a text (a file that could not be read, say) becomes that
        essay's error report, in its place. ``duplicates`` (from ``triage.near_duplicates``, by
        position) adds ``near_duplicate:`` flags; a stream cannot compute them itself.
        """
        if n_process > 1 and "fork" in multiprocessing.get_all_start_methods():
            yield from self._grade_forked(texts, sources, batch_size, n_process, duplicates or {})
            return
        refused: deque[tuple[int, Report]] = deque()
        duplicates = duplicates or {}

        def accepted() -> Iterator[tuple[str, tuple[int, str | None]]]:
            for index, (text, source) in enumerate(_paired(texts, sources)):
                problem = self._refuse(text)
                if problem is None:
                    assert isinstance(text, str)  # _refuse turns every EssayError into a problem
                    yield text, (index, source)
                else:
                    refused.append((index, self._error_report(source, problem)))

        for essay, (index, source) in self.pipeline.parse_pairs(accepted(), batch_size, n_process):
            while refused and refused[0][0] < index:
                yield refused.popleft()[1]
            yield self._report(essay, source, duplicates.get(index, ()))
        while refused:
            yield refused.popleft()[1]

    def _grade_forked(self, texts: Iterable[str | EssayError], sources: Iterable[str | None] | None,
                      batch_size: int, n_process: int, duplicates: Mapping[int, Sequence[str]]) -> Iterator[Report]:
        """Whole essays (parse, match, score) in forked workers that inherit this built grader;
        results come back in input order, with a bounded number of chunks in flight."""
        global _FORKED
        _FORKED = (self, duplicates)
        chunk_size = max(1, min(batch_size, 32))
        numbered = enumerate(_paired(texts, sources))
        pending: deque[AsyncResult[list[Report]]] = deque()
        with multiprocessing.get_context("fork").Pool(n_process, initializer=_worker_signals) as pool:
            while True:
                while len(pending) < 2 * n_process and (chunk := list(islice(numbered, chunk_size))):
                    pending.append(pool.apply_async(_grade_chunk, (chunk,)))
                if not pending:
                    break
                yield from pending.popleft().get()

    def evaluate(self, marked: Sequence[MarkedEssay]) -> Agreement:
        """Grade a teacher-marked sample and measure agreement with the teacher, on the essays the
        grader could grade (the others are listed in ``not_graded``)."""
        if not marked:
            raise ValueError("evaluate needs at least one marked essay")
        keep, failed = self._gradable([m.text for m in marked], [m.id for m in marked])
        marked = [marked[i] for i in keep]
        reports = self.grade_many([m.text for m in marked], [m.id for m in marked])
        labelled = all(m.points is not None for m in marked)
        result = agreement([m.score for m in marked], [r.score or 0.0 for r in reports],
                         [set(m.points or ()) for m in marked] if labelled else None,
                         [{p.id for p in r.points if p.awarded} for r in reports] if labelled else None,
                         [p.id for p in self.rubric.points])
        if self.rubric.levels and marked and all(m.level is not None for m in marked):
            same = sum(m.level == r.level for m, r in zip(marked, reports))
            result = replace(result, level_exact=same / len(marked))
        return replace(result, not_graded=failed)

    def calibrate(self, texts: Sequence[str], teacher_scores: Sequence[float],
                  teacher_points: Sequence[set[str]] | None = None, ids: Sequence[str] | None = None) -> Calibration:
        """Fit this rubric's decision thresholds to a teacher-marked sample, like ``fit``.

        The grader then marks with the fitted thresholds; ``Calibration.rubric`` is the rubric
        with them in its ``matching`` section, ready to save. Agreement before and after is on
        the sample itself, so it flatters: check on essays the calibration did not see. Essays
        the grader would not grade are left out and listed in ``not_graded`` (by ``ids``).
        """
        from .calibration import calibrate

        n = len(texts)
        if any(s is not None and len(s) != n for s in (teacher_scores, teacher_points, ids)):
            raise ValueError("calibrate needs one teacher score (and point set and id, if given) per essay")
        keep, failed = self._gradable(texts, ids if ids is not None else [f"essay {i + 1}" for i in range(n)])
        texts, teacher_scores = [texts[i] for i in keep], [teacher_scores[i] for i in keep]
        if teacher_points is not None:
            teacher_points = [teacher_points[i] for i in keep]
        essays = list(self.pipeline.parse_many(texts))
        tables = [self.matcher.match(e) for e in essays]
        model = self.matcher.model
        result = calibrate(self.rubric, self.matcher.learned, self.matcher.thresholds, essays, tables,
                           teacher_scores, teacher_points, self._generic_words, model.name if model else None)
        self.rubric = result.rubric
        self.matcher.thresholds = np.where(self.matcher.learned, result.learned_threshold, result.threshold)
        return replace(result, not_graded=failed)

    def _gradable(self, texts: Sequence[object], names: Sequence[str]) -> tuple[list[int], tuple[tuple[str, str], ...]]:
        """Positions of the marked essays the grader would grade, and (name, why not) for the rest:
        figures measured or fitted on a sample leave those out. None left is an error."""
        problems = [self._refuse(text) for text in texts]
        failed = tuple((names[i], p) for i, p in enumerate(problems) if p is not None)
        if texts and len(failed) == len(texts):
            raise ValueError(f"none of the {len(texts)} marked essays could be graded ({failed[0][0]}: {failed[0][1]})")
        return [i for i, p in enumerate(problems) if p is None], failed

    def _refuse(self, text: object) -> str | None:
        if isinstance(text, EssayError):
            return str(text)
        if not isinstance(text, str):
            return f"expected the essay as text (str), got {type(text).__name__}"
        limit = self.rubric.matching.max_chars
        if len(text) > limit:
            return (f"essay is {len(text):,} characters, over the limit of {limit:,}; "
                    "check it is really one essay, or raise matching.max_chars in the rubric")
        return None

    def _report(self, essay: ParsedEssay, source: str | None, twins: Sequence[str]) -> Report:
        try:
            marking = mark(self.rubric, self.matcher.thresholds, essay, self.matcher.match(essay),
                           self._generic_words)
            flags = self._copy_check(essay.text)
            flags += [f"near_duplicate:{twin}" for twin in twins]
        except Exception as exc:  # one essay's failure must not end a class's batch
            return self._error_report(source, f"internal error while marking: {exc!r}")
        if self.pipeline.info.fallback:
            flags.append("fallback_pipeline")
        marking = replace(marking, flags=(*marking.flags, *flags))
        return Report.from_marking(marking, self.rubric.max_score, source, self._rubric_meta,
                                   self._pipeline_meta, __version__)

    def _error_report(self, source: str | None, problem: str) -> Report:
        return Report(source=source, score=None, max_score=self.rubric.max_score, error=problem,
                      rubric=self._rubric_meta, pipeline=self._pipeline_meta, version=__version__)
