"""Agreement with the teacher on the Rapallo dev essays.

Prints QWK (whole marks), Pearson r and per-point precision/recall/F1 of the bundled rubric
against the teacher's marks in ../shared/data/rapallo/dev_essays.jsonl, and the disagreements;
then the same whole-mark figures for a rubric drafted from the model answer alone
(``Rubric.from_reference``, no teacher terms), as drafted and after ``calibrate`` on half the
essays (scored on the other half, both ways round, pooled).

    python benchmarks/agreement.py [--essays PATH] [--rubric PATH] [--verbose]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

from rapallo_grader import Grader, Rubric
from rapallo_grader.agreement import Agreement, agreement
from rapallo_grader.pipeline import Pipeline

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--essays", type=Path, default=ROOT.parent / "shared/data/rapallo/dev_essays.jsonl")
    parser.add_argument("--rubric", type=Path, default=ROOT / "rubrics/rapallo.yaml")
    parser.add_argument("--verbose", action="store_true", help="show each disagreement's evidence")
    args = parser.parse_args()
    if not args.essays.exists():
        print(f"skipped: {args.essays} not found (the shared data sits beside the project)")
        return 0
    rows = [json.loads(line) for line in args.essays.read_text(encoding="utf-8").splitlines() if line.strip()]
    rubric = Rubric.load(args.rubric)
    reports = Grader(rubric).grade_many([r["text"] for r in rows], [r["id"] for r in rows])

    point_ids = [p.id for p in rubric.points]
    misc_ids = [m.id for m in rubric.misconceptions]
    got_points = [{p.id for p in rep.points if p.awarded} for rep in reports]
    got_miscs = [{m.id for m in rep.misconceptions if m.detected} for rep in reports]
    result = agreement([r["score"] for r in rows], [rep.score or 0.0 for rep in reports],
                       [set(r["points"]) for r in rows], got_points, point_ids)
    misc_result = agreement([0] * len(rows), [0] * len(rows), [set(r["misconceptions"]) for r in rows],
                            got_miscs, misc_ids)

    print(f"essays: {result.n}   rubric: {args.rubric.name}")
    print(f"QWK (whole marks): {result.qwk:.3f}")
    print(f"Pearson r:         {result.pearson_r:.3f}")
    print(f"point micro-F1:    {result.micro_f1:.3f}   misconception micro-F1: {misc_result.micro_f1:.3f}")
    print(f"{'id':4} {'prec':>6} {'recall':>6} {'F1':>6} {'n':>3}")
    for pa in (*result.points, *misc_result.points):
        print(f"{pa.id:4} {pa.precision:6.2f} {pa.recall:6.2f} {pa.f1:6.2f} {pa.support:3d}")
    print("\nessay  teacher grader  missed / extra")
    for row, rep, pts, mis in zip(rows, reports, got_points, got_miscs):
        want = set(row["points"]) | set(row["misconceptions"])
        got = pts | mis
        diff = f"-{sorted(want - got)} +{sorted(got - want)}" if want != got else ""
        print(f"{row['id']:6} {row['score']:7.1f} {rep.score or 0:6.1f}  {diff}")
        if args.verbose and diff:
            for p in (*rep.points, *rep.misconceptions):
                if p.id in (got - want):
                    ev = p.evidence[0]
                    print(f"    +{p.id} {ev.similarity:.2f} t={ev.term_coverage:.2f} f={ev.wording_similarity:.2f}: {ev.text}")
                if p.id in (want - got) and isinstance(getattr(p, 'near_misses', None), tuple):
                    for ev in p.near_misses[:2]:
                        print(f"    -{p.id} {ev.similarity:.2f} t={ev.term_coverage:.2f} f={ev.wording_similarity:.2f} {ev.refused}: {ev.text}")
    model_answer = args.essays.with_name("model_answer.txt")
    if model_answer.exists():
        drafted(rubric.question, model_answer.read_text(encoding="utf-8"), rubric.max_score, rows)
    return 0


def drafted(question: str, model_answer: str, max_score: float, rows: list[dict]) -> None:
    """How far a teacher gets from the model answer alone, and with half the essays marked."""
    pipeline = Pipeline()
    rubric = Rubric.from_reference(question, [model_answer], max_score)
    texts, teacher = [r["text"] for r in rows], [float(r["score"]) for r in rows]

    def line(label: str, result: Agreement, scores: list[float]) -> None:
        print(f"{label:42} QWK {result.qwk:.3f}  r {result.pearson_r:.3f}  mean {sum(scores) / len(scores):.2f} "
              f"(teacher {sum(teacher) / len(teacher):.2f})")

    print(f"\nrubric drafted from {len(rubric.points)} claims of the model answer (no teacher terms)")
    grader = Grader(rubric, pipeline)
    scores = [rep.score or 0.0 for rep in grader.grade_many(texts)]
    line(f"as drafted (threshold {grader.matcher.thresholds[0]:g})", agreement(teacher, scores), scores)
    order = list(range(len(rows)))
    random.Random(0).shuffle(order)
    halves = [order[::2], order[1::2]]
    held = [0.0] * len(rows)
    fitted = []
    for fit, test in (halves, halves[::-1]):
        grader = Grader(rubric, pipeline)
        fitted.append(grader.calibrate([texts[i] for i in fit], [teacher[i] for i in fit]).learned_threshold)
        for i, rep in zip(test, grader.grade_many([texts[i] for i in test])):
            held[i] = rep.score or 0.0
    line(f"calibrated on the other half ({', '.join(f'{t:g}' for t in fitted)})", agreement(teacher, held), held)


if __name__ == "__main__":
    sys.exit(main())
