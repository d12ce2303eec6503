"""Throughput of the grader beside spaCy alone, on the same texts, in the same run.

Essays are made by shuffling sentences of the bundled examples (~250 words each).

    python benchmarks/throughput.py [--n 300] [--repeats 3]
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import time
from pathlib import Path

from rapallo_grader import Grader, Rubric

ROOT = Path(__file__).resolve().parents[1]


def essays(n: int, seed: int = 0) -> list[str]:
    sentences = [s for p in sorted((ROOT / "examples").glob("*.txt"))
                 for s in re.split(r"(?<=[.!?])\s+", p.read_text(encoding="utf-8")) if s.strip()]
    rng = random.Random(seed)
    return [" ".join(rng.sample(sentences, min(18, len(sentences)))) for _ in range(n)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=300)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    start = time.perf_counter()
    grader = Grader(Rubric.load(ROOT / "rubrics" / "rapallo.yaml"))
    build = time.perf_counter() - start
    texts = essays(args.n)
    words = sum(len(t.split()) for t in texts)
    graded, parsed = [], []
    for _ in range(args.repeats):
        start = time.perf_counter()
        grader.grade_many(texts)
        graded.append(time.perf_counter() - start)
        start = time.perf_counter()
        for _doc in grader.pipeline.nlp.pipe(texts, batch_size=64):
            pass
        parsed.append(time.perf_counter() - start)
    g, s = statistics.median(graded), statistics.median(parsed)
    print(f"grader built in {build:.2f} s; {args.n} essays, {words / args.n:.0f} words each; median of {args.repeats}")
    print(f"grader:      {args.n / g:7.1f} essays/s  {words / g:8.0f} words/s")
    print(f"spaCy alone: {args.n / s:7.1f} essays/s  {words / s:8.0f} words/s")
    print(f"grader / spaCy-alone throughput: {s / g:.2f}")


if __name__ == "__main__":
    main()
