"""Agreement with the teacher on the Rapallo dev essays.

Prints QWK (whole marks), Pearson r and per-point precision/recall/F1 of the bundled rubric
against the teacher's marks in ../shared/data/rapallo/dev_essays.jsonl, and the disagreements.

    python benchmarks/agreement.py [--essays PATH] [--rubric PATH] [--verbose]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from rapallo_grader import Grader, Rubric
from rapallo_grader.agreement import agreement

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
    return 0


if __name__ == "__main__":
    sys.exit(main())
