"""The related-words table and the learned matcher's related-words feature."""

from __future__ import annotations

import shutil
import subprocess
import sys

import numpy as np
import pytest

from rapallo_grader import Grader, Rubric
from rapallo_grader.matching import FEATURES
from rapallo_grader.model import ModelError
from rapallo_grader.wordvectors import RELATED, STEM_SIMILARITY, TABLE, RelatedWords, load

from .conftest import ROOT

MODELS = ROOT / "models"


def _copy_table(folder):
    for suffix in (".txt", ".npy", ".meta.json"):
        shutil.copy(MODELS / f"{TABLE}{suffix}", folder)


def test_bundled_table_loads_verified():
    table = load()
    assert len(table.index) == table.vectors.shape[0] > 20_000
    assert table.vectors.dtype.kind == "i" and np.abs(table.vectors).max() <= 127
    assert table.cosines(["size"], table.lookup(["size"]))[0, 0] == pytest.approx(1.0)


def test_altered_table_is_refused(tmp_path):
    _copy_table(tmp_path)
    assert load(tmp_path).vectors.shape
    vectors = tmp_path / f"{TABLE}.npy"
    raw = bytearray(vectors.read_bytes())
    raw[-1] ^= 0xFF
    vectors.write_bytes(bytes(raw))
    load.cache_clear()
    with pytest.raises(ModelError, match="checksum"):
        load(tmp_path)


def test_missing_table_is_an_error(tmp_path):
    with pytest.raises(ModelError, match="missing or unreadable"):
        load(tmp_path)


def test_relatedness_of_words():
    targets = ["size", "vibrate", "packet", "qwzx"]
    rows = dict(zip(["sized", "vibration", "banana", "qwzx", "size"],
                    RelatedWords(targets).rows(["sized", "vibration", "banana", "qwzx", "size"])))
    assert RELATED <= rows["sized"][0] < 1  # related by meaning (both words are in the table)
    assert rows["vibration"][1] >= STEM_SIMILARITY  # one stem; "vibrate" is not in the table
    assert not rows["banana"].any()  # weak relations count for nothing
    assert rows["qwzx"].tolist() == [0, 0, 0, 1]  # an unknown word is related to itself only
    assert rows["size"][0] == 1


def test_a_shared_stem_does_not_join_words_the_table_tells_apart():
    targets = ["treaty", "secret", "isolation", "vibrate"]
    rows = dict(zip(["treat", "secretary", "isolate", "vibration"],
                    RelatedWords(targets).rows(["treat", "secretary", "isolate", "vibration"])))
    assert rows["treat"][0] == 0 and rows["secretary"][1] == 0  # same first five letters, unrelated
    assert rows["isolate"][2] >= RELATED  # kin by the table's own cosine
    assert rows["vibration"][3] >= STEM_SIMILARITY  # the table lacks "vibrate": the stem still counts


def test_a_words_row_does_not_depend_on_what_came_before_it():
    words = ["sized", "bigger", "hand", "drop"]
    alone = RelatedWords(["size", "hand", "few"]).rows(words)
    related = RelatedWords(["size", "hand", "few"])
    related.rows(["ocean", "bigger", *(f"word{i}" for i in range(50))])  # first seen in another batch
    assert np.array_equal(related.rows(words), alone)


def test_a_point_made_in_related_words_is_seen_by_the_feature():
    rubric = Rubric.from_reference("Why did Greta and Andre get different measurements?",
                                   ["Greta and Andre have different sized hands."])
    grader = Grader(rubric)
    column = FEATURES.index("window_related_recall")
    exact = FEATURES.index("window_lemma_recall")

    def features(text: str) -> np.ndarray:
        table = grader.matcher.match(grader.pipeline.parse(text))
        return table.features[:, 0].max(axis=0)

    paraphrase, unrelated = features("One of them has bigger hands."), features("They used a ruler wrongly.")
    assert paraphrase[column] > paraphrase[exact] > 0  # "bigger" is related to "size"
    assert unrelated[column] == 0


def test_word_table_rebuilds_from_its_script():
    from rapallo_grader import semantic

    if not semantic.available():
        pytest.skip("rebuilding the table needs the [semantic] extra (pip install -e '.[semantic]')")
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_word_vectors.py"), "--check"],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
