"""The matcher's shortcuts give exactly what the plain library calls give.

Speed work replaced direct calls (rapidfuzz ``token_set_ratio`` over every pair, sklearn's
``TfidfVectorizer.transform`` per essay) with cheaper routes; these tests compare the two on
ordinary and awkward texts, so a shortcut that drifts from its definition fails here.
"""

from __future__ import annotations

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz, process
from sklearn.feature_extraction.text import TfidfVectorizer

from .conftest import ROOT

_WORDS = ["germany", "soviet", "trade", "isolate", "treaty", "army", "secret", "not", "versailles",
          "genoa", "café", "ŀl", "x", "aa", "1922", "-", "trade-off"]
contents = st.lists(st.lists(st.sampled_from(_WORDS), max_size=12).map(" ".join), min_size=1, max_size=20)


def _direct_token_set(matcher, texts: list[str]) -> np.ndarray:
    return process.cdist(texts, matcher._wording_content, scorer=fuzz.token_set_ratio, dtype=np.float32, workers=1)


def test_token_set_ratios_equal_rapidfuzz_on_the_rubrics_own_words(grader):
    matcher = grader.matcher
    texts = [*matcher._wording_content, "", "germany", "germany germany soviet", "unrelated words entirely"]
    assert np.array_equal(matcher._token_sets.ratios(texts), _direct_token_set(matcher, texts))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts=contents)
def test_token_set_ratios_equal_rapidfuzz_on_any_claims(grader, texts):
    matcher = grader.matcher
    assert np.array_equal(matcher._token_sets.ratios(texts), _direct_token_set(matcher, texts))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts=contents)
def test_char_ngram_cosine_equals_sklearn_to_the_last_bit(grader, texts):
    matcher = grader.matcher
    wordings = [c or "-" for c in matcher._wording_content]
    vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True)
    fitted = vectorizer.fit_transform(wordings)
    expected = (vectorizer.transform([t or "-" for t in texts]) @ fitted.T).toarray()
    assert np.array_equal(matcher._char_grams.cosine(matcher._char_grams.counts([t or "-" for t in texts])), expected)


def test_window_char_cosine_is_sklearns_cosine_of_the_window_text(grader):
    """A claim's window (its sentence and the next and previous in the same paragraph) is compared
    as one text: summing its claims' n-gram counts must give what analysing the joined text gives."""
    matcher = grader.matcher
    text = ("Germany was isolated after Versailles. The Soviets wanted trade, and both were outcasts. "
            "Russia did not trust Britain.\n\nThe army trained in secret. Genoa failed.")
    essay = grader.pipeline.parse(text)
    table = matcher.match(essay)
    column = matcher.feature_names.index("window_char_cosine")
    wordings = [c or "-" for c in matcher._wording_content]
    vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True)
    fitted = vectorizer.fit_transform(wordings)
    reach = matcher.settings.context_sentences
    windows = [" ".join(c.content for c in essay.claims if abs(c.sentence - claim.sentence) <= reach
                        and c.paragraph == claim.paragraph) for claim in essay.claims]
    assert len(set(windows)) > 2 and windows[-1] != windows[-2] + " " + windows[-1]  # paragraphs kept apart
    cosine = (vectorizer.transform(windows) @ fitted.T).toarray()
    expected = np.maximum.reduceat(cosine, matcher._wording_starts, axis=1)
    assert np.array_equal(table.features[:, :, column], expected)


@given(word=st.text(st.characters(blacklist_categories=["Zs", "Cc", "Zl", "Zp"]), min_size=1, max_size=9))
def test_char_ngrams_of_a_word_are_sklearns(word):
    from sklearn.feature_extraction.text import CountVectorizer

    from rapallo_grader.matching import _char_wb

    analyse = CountVectorizer(analyzer="char_wb", ngram_range=(3, 5)).build_analyzer()
    assert _char_wb(word.lower()) == analyse(word)


def test_a_wording_of_function_words_only_scores_zero_not_a_perfect_match(tmp_path):
    from rapallo_grader import Grader, Rubric

    path = tmp_path / "thin.yaml"
    path.write_text("question: Why?\npoints:\n  - id: P1\n    marks: 1\n    text: It is.\n"
                    "  - id: P2\n    marks: 1\n    text: Germany wanted trade.\n", encoding="utf-8")
    matcher = Grader(Rubric.load(path)).matcher
    assert "" in matcher._wording_content
    texts = ["", "germany want trade", "it"]
    assert np.array_equal(matcher._token_sets.ratios(texts), _direct_token_set(matcher, texts))


def test_a_full_word_cache_is_emptied_without_changing_any_mark(rubric, monkeypatch):
    from rapallo_grader import Grader
    from rapallo_grader import matching

    essays = [(ROOT / "examples" / name).read_text(encoding="utf-8")
              for name in ("strong.txt", "medium.txt", "negation.txt")] * 2
    expected = [r.to_json() for r in Grader(rubric).grade_many(essays)]
    monkeypatch.setattr(matching, "CACHE_FORMS", 40)  # far fewer than one essay's word forms
    reports = Grader(rubric).grade_many(essays)
    assert [r.error for r in reports] == [None] * len(essays)
    assert [r.to_json() for r in reports] == expected
