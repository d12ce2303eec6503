"""Memory while streaming many essays: peak RSS at checkpoints must not grow with the count.

Essays are generated on the fly (nothing is held) and graded with ``Grader.grade_iter``, the
same path the CLI streams through beyond a class-sized batch.

    python benchmarks/streaming.py [--n 100000] [--jobs 2] [--words 60 120]
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Iterator

from throughput import ROOT, essays, peak_rss_mb

from rapallo_grader import Grader, Rubric


def total_rss_mb() -> float | None:
    """Current RSS of this process and its worker processes (needs psutil, which Dask brings)."""
    try:
        import psutil
    except ImportError:
        return None
    me = psutil.Process()
    return sum(p.memory_info().rss for p in (me, *me.children(recursive=True))) / 2**20


def endless(n: int, words: tuple[int, int]) -> Iterator[str]:
    pool = essays(500, seed=1, words=words)
    for i in range(n):
        yield pool[i % len(pool)] + f" Student {i}."


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--words", type=int, nargs=2, default=[60, 120])
    args = parser.parse_args()
    grader = Grader(Rubric.load(ROOT / "rubrics" / "rapallo.yaml"))
    checkpoints = {c for c in (1_000, 10_000, 100_000, 1_000_000) if c <= args.n} | {args.n}
    start = time.perf_counter()
    print(f"streaming {args.n:,} essays of {args.words[0]}-{args.words[1]} words with --jobs {args.jobs}; "
          f"peak RSS after building the grader {peak_rss_mb():.0f} MB", flush=True)
    for count, _report in enumerate(grader.grade_iter(endless(args.n, tuple(args.words)), n_process=args.jobs), 1):
        if count in checkpoints:
            elapsed = time.perf_counter() - start
            total = total_rss_mb()
            workers = f", {total:.0f} MB now with its workers" if total is not None else ""
            print(f"{count:>9,} essays: peak RSS {peak_rss_mb():.0f} MB (this process){workers}, "
                  f"{count / elapsed:.0f} essays/s", flush=True)


if __name__ == "__main__":
    main()
