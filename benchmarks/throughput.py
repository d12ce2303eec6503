"""Throughput of the grader beside spaCy alone (same pipeline, same texts, same batch size).

Essays are made from the bundled examples and the Rapallo rubric's wordings by shuffling and
mixing sentences into paragraphs of 150-600 words. Prints essays/s, words/s, peak RSS, the
ratio grader / spaCy-alone, and the same with 2 processes. ``--cli N`` instead times the ``grade``
command end to end (process start, model load, reading files, writing JSONL) on N essay files of
about 400 words.

    python benchmarks/throughput.py [--n 600] [--repeats 3] [--jobs 1 2] [--cli 300]
"""

from __future__ import annotations

import argparse
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from rapallo_grader import Grader, Rubric

ROOT = Path(__file__).resolve().parents[1]


def essays(n: int, seed: int = 0, words: tuple[int, int] = (150, 600)) -> list[str]:
    """Realistic-looking essays: shuffled sentences of the examples and rubric wordings, in paragraphs."""
    rubric = Rubric.load(ROOT / "rubrics" / "rapallo.yaml")
    sentences = [s for p in sorted((ROOT / "examples").glob("*.txt"))
                 for s in re.split(r"(?<=[.!?])\s+", p.read_text(encoding="utf-8")) if len(s.split()) > 3]
    sentences += [w if w.endswith(".") else w + "." for c in rubric.points for w in c.wordings]
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        target, text, paragraph = rng.randint(*words), [], []
        while sum(len(s.split()) for s in text) + sum(len(s.split()) for s in paragraph) < target:
            paragraph.append(rng.choice(sentences))
            if len(paragraph) >= rng.randint(3, 6):
                text.append(" ".join(paragraph))
                paragraph = []
        out.append("\n\n".join([*(" ".join(p.split()) for p in text), " ".join(paragraph)]).strip())
    return out


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def end_to_end(n: int, repeats: int, jobs_options: list[int]) -> None:
    """Wall time of the ``grade`` command on a folder of essay files, as a teacher would run it."""
    folder = Path(tempfile.mkdtemp(prefix="rapallo-bench-"))
    try:
        texts = essays(n, seed=1, words=(300, 500))
        for i, text in enumerate(texts):
            (folder / f"student{i:04d}.txt").write_text(text, encoding="utf-8")
        words = sum(len(t.split()) for t in texts) / n
        script = Path(sys.executable).with_name("grade")  # the installed command, as a teacher runs it
        command = [str(script)] if script.exists() else [sys.executable, "-m", "rapallo_grader.cli"]
        grade = [*command, str(ROOT / "rubrics" / "rapallo.yaml"), str(folder),
                 "--format", "jsonl", "--output", str(folder / "out.jsonl"), "--quiet"]
        print(f"`grade` end to end on {n} essay files of {words:.0f} words on average; median of {repeats} runs")
        for jobs in jobs_options:
            times = []
            for _ in range(repeats):
                start = time.perf_counter()
                subprocess.run([*grade, "--jobs", str(jobs)], check=True)
                times.append(time.perf_counter() - start)
            print(f"--jobs {jobs}: {statistics.median(times):.1f} s ({', '.join(f'{t:.1f}' for t in times)})")
    finally:
        shutil.rmtree(folder)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=600)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--cli", type=int, metavar="N", help="time the grade command on N essay files instead")
    args = parser.parse_args()
    if args.cli:
        end_to_end(args.cli, args.repeats, args.jobs)
        return
    start = time.perf_counter()
    grader = Grader(Rubric.load(ROOT / "rubrics" / "rapallo.yaml"))
    build = time.perf_counter() - start
    texts = essays(args.n)
    words = sum(len(t.split()) for t in texts)
    print(f"grader built in {build:.2f} s; {args.n} essays, {words / args.n:.0f} words on average; "
          f"median of {args.repeats} runs")
    base = None
    for jobs in args.jobs:
        graded, parsed = [], []
        for _ in range(args.repeats):
            start = time.perf_counter()
            for _report in grader.grade_iter(texts, n_process=jobs):
                pass
            graded.append(time.perf_counter() - start)
            start = time.perf_counter()
            for _doc in grader.pipeline.nlp.pipe(texts, batch_size=64, n_process=jobs):
                pass
            parsed.append(time.perf_counter() - start)
        g, s = statistics.median(graded), statistics.median(parsed)
        base = base or g
        print(f"--jobs {jobs}: grader {args.n / g:6.1f} essays/s {words / g:7.0f} words/s | spaCy alone "
              f"{args.n / s:6.1f} essays/s | grader/spaCy {s / g:.2f} | speed-up vs 1 job {base / g:.2f}x")
    print(f"peak RSS {peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
