"""The grader on public human-scored short-answer data, beside two floors computed in the same run.

For every question a rubric is drafted by ``Rubric.from_reference`` from its reference answers (no
hand-written rubric): SemEval references are alternative complete answers (``alternatives=True``);
SAF's single long reference is split into one point per claim, marks split evenly to 1.0.

Floors: TF-IDF cosine (word unigrams+bigrams, fitted per question) between the answer and its
closest reference, and rapidfuzz token_set_ratio to the closest reference. Decision thresholds
for the floors are chosen on the matching training split (best macro-F1); the grader uses its
own (the learned matcher's, fixed at training). ``--only saf`` also measures the SAF v2 questions
that v1 lacks (``datasets.saf_new_in_v2``), on which nothing was tuned. AUC and r carry a 95%
interval from resampling the split's questions: how far a figure could move on another draw of
questions like these.

    python benchmarks/reference_answers.py [--only semeval|saf|rapallo] [--semantic]
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import numpy as np
from rapidfuzz import fuzz, process
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import accuracy_score, f1_score, roc_auc_score

from datasets import SHARED, Question, available, saf, saf_new_in_v2, semeval

from rapallo_grader import Grader, Rubric
from rapallo_grader.agreement import pearson_r
from rapallo_grader.marked import read_marked
from rapallo_grader.pipeline import Pipeline
from rapallo_grader.semantic import Embedder

ROOT = Path(__file__).resolve().parents[1]


def grader_scores(questions: list[Question], pipeline: Pipeline, alternatives: bool,
                  semantic: Embedder | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Per answer: the grader's score as a fraction of the maximum, and its best match probability.
    A single long reference (SAF) is drafted as a short answer: full marks for a share of its points."""
    scores, best = [], []
    for q in questions:
        rubric = Rubric.from_reference(q.text, list(q.references), 1.0, alternatives=alternatives,
                                       short_answer=not alternatives)
        grader = Grader(rubric, pipeline, semantic=semantic or False)
        for report in grader.grade_iter(a.text for a in q.answers):
            scores.append((report.score or 0.0) / report.max_score)
            best.append(max((p.similarity for p in report.points), default=0.0))
    return np.array(scores), np.array(best)


def floors(questions: list[Question]) -> dict[str, np.ndarray]:
    tfidf, token_set = [], []
    for q in questions:
        answers = [a.text for a in q.answers]
        vectorizer = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True).fit([*q.references, *answers])
        cos = (vectorizer.transform(answers) @ vectorizer.transform(q.references).T).toarray()
        tfidf += list(cos.max(axis=1))
        ratio = process.cdist(answers, list(q.references), scorer=fuzz.token_set_ratio, processor=str.lower)
        token_set += list(ratio.max(axis=1) / 100)
    return {"tfidf cosine": np.array(tfidf), "token_set_ratio": np.array(token_set)}


def labels(questions: list[Question]) -> np.ndarray:
    return np.array([a.label for q in questions for a in q.answers])


def best_threshold(y: np.ndarray, score: np.ndarray) -> float:
    candidates = np.unique(np.round(score, 3))
    return float(max(candidates, key=lambda t: f1_score(y, score >= t, average="macro")))


#: Resamplings for the intervals: questions drawn with replacement, each with all its answers, since
#: answers to one question are not independent (a question's reference decides many of them at once).
RESAMPLES = 1000


def interval(metric: Callable[[np.ndarray, np.ndarray], float], y: np.ndarray, score: np.ndarray,
             sizes: list[int]) -> str:
    """95% percentile interval of ``metric`` over questions resampled with replacement (fixed seed)."""
    runs = np.split(np.arange(len(y)), np.cumsum(sizes)[:-1])
    draw = np.random.default_rng(0)
    values = []
    for _ in range(RESAMPLES):
        rows = np.concatenate([runs[i] for i in draw.integers(len(runs), size=len(runs))])
        if len(np.unique(y[rows])) > 1:
            values.append(metric(y[rows], score[rows]))
    low, high = np.percentile(values, [2.5, 97.5])
    return f"({low:.3f}-{high:.3f})"


def semeval_report(pipeline: Pipeline, semantic: Embedder | None) -> None:
    print("SemEval-2013 Task 7, 2-way (correct vs incorrect); accuracy / macro-F1 / AUC")
    for corpus, splits in [("sciEntsBank", ["test-unseen-answers", "test-unseen-questions", "test-unseen-domains"]),
                           ("beetle", ["test-unseen-answers", "test-unseen-questions"])]:
        train = semeval(corpus, "training")
        train_floor = floors(train)
        thresholds = {name: best_threshold(labels(train), s) for name, s in train_floor.items()}
        for split in splits:
            test = semeval(corpus, split)
            y = labels(test)
            decided, best = grader_scores(test, pipeline, alternatives=True)
            rows = [("grader", decided > 0, best)]
            if semantic is not None:
                decided, best = grader_scores(test, pipeline, alternatives=True, semantic=semantic)
                rows.append(("grader + semantic", decided > 0, best))
            rows += [(f"floor: {name}", s >= thresholds[name], s) for name, s in floors(test).items()]
            sizes = [len(q.answers) for q in test]
            print(f"  {corpus} {split} (n={len(y)}, {len(test)} questions)")
            for name, decision, score in rows:
                print(f"    {name:24} acc {accuracy_score(y, decision):.3f}  macro-F1 "
                      f"{f1_score(y, decision, average='macro'):.3f}  AUC {roc_auc_score(y, score):.4f} "
                      f"{interval(roc_auc_score, y, score, sizes)}")


def other_answers(questions: list[Question], per_question: int = 40) -> list[Question]:
    """Each question with answers written for the split's other questions (label 0), drawn with a
    fixed seed: what a draft gives them should be near 0."""
    draw = random.Random(0)
    return [replace(q, answers=tuple(draw.sample([a for o in questions if o.id != q.id for a in o.answers],
                                                 per_question))) for q in questions]


def saf_report(pipeline: Pipeline, semantic: Embedder | None) -> None:
    print("SAF v1 (points 0-1); Pearson r / RMSE; mean score given to answers to other questions")
    for split in ["unseen_answers", "unseen_questions"]:
        test = saf(split)
        y = labels(test)
        sizes = [len(q.answers) for q in test]
        print(f"  {split} (n={len(y)}, {len(test)} questions)")
        for name, embedder in [("grader", None), ("grader + semantic", semantic)][:2 if semantic else 1]:
            fraction, _ = grader_scores(test, pipeline, alternatives=False, semantic=embedder)
            elsewhere, _ = grader_scores(other_answers(test), pipeline, alternatives=False, semantic=embedder)
            print(f"    {name:24} {points_agreement(y, fraction, sizes)}  other questions' answers {elsewhere.mean():.3f}")
        for name, s in floors(test).items():
            print(f"    {'floor: ' + name:24} {points_agreement(y, s, sizes)}")


def points_agreement(y: np.ndarray, score: np.ndarray, sizes: list[int]) -> str:
    return (f"r {pearson_r(y, score):.4f} {interval(pearson_r, y, score, sizes)}  "
            f"RMSE {np.sqrt(np.mean((y - score) ** 2)):.3f}")


def saf_new_report(pipeline: Pipeline, semantic: Embedder | None) -> None:
    fresh = saf_new_in_v2()
    y = labels(fresh)
    sizes = np.cumsum([len(q.answers) for q in fresh])[:-1]
    print(f"SAF v2 questions v1 does not have ({len(fresh)} questions, n={len(y)}; marks scaled to 0-1; "
          "pooled r / RMSE; mean of the per-question r)")
    rows = [(name, grader_scores(fresh, pipeline, alternatives=False, semantic=embedder)[0])
            for name, embedder in [("grader", None), ("grader + semantic", semantic)][:2 if semantic else 1]]
    for name, s in [*rows, *((f"floor: {name}", s) for name, s in floors(fresh).items())]:
        per_question = [pearson_r(a, b) for a, b in zip(np.split(y, sizes), np.split(s, sizes))]
        print(f"    {name:24} r {pearson_r(y, s):.3f}  RMSE {np.sqrt(np.mean((y - s) ** 2)):.3f}"
              f"  per question {np.mean(per_question):.3f} ({' '.join(f'{r:.2f}' for r in per_question)})")


def rapallo_report(pipeline: Pipeline, semantic: Embedder | None) -> None:
    rubric = Rubric.load(ROOT / "rubrics" / "rapallo.yaml")
    marked = read_marked(SHARED / "rapallo" / "dev_essays.jsonl", [p.id for p in rubric.points])
    result = Grader(rubric, pipeline).evaluate(marked)
    print(f"Rapallo dev (n={result.n}, the bundled hand-written rubric; tuned on these essays)")
    print(f"    {'grader':24} QWK {result.qwk:.3f}  per-point micro-F1 {result.micro_f1:.3f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=["semeval", "saf", "rapallo"])
    parser.add_argument("--semantic", action="store_true", help="also measure the [semantic] extra")
    args = parser.parse_args()
    if not available():
        print(f"skipped: {SHARED} not found (the shared data sits beside the project)")
        return 0
    pipeline = Pipeline()
    semantic = Embedder() if args.semantic else None
    for name, report in [("semeval", semeval_report), ("saf", saf_report), ("saf", saf_new_report), ("rapallo", rapallo_report)]:
        if args.only in (None, name):
            report(pipeline, semantic)
    return 0


if __name__ == "__main__":
    sys.exit(main())
