from __future__ import annotations

import json
import shutil
import subprocess
import sys

import numpy as np
import pytest

from rapallo_grader import Grader, Rubric
from rapallo_grader.matching import FEATURES
from rapallo_grader.model import DEFAULT_MODEL, MatchModel, ModelError

from .conftest import ROOT

MODELS = ROOT / "models"


def test_bundled_model_loads_verified_and_matches_the_features():
    model = MatchModel.load()
    meta = json.loads((MODELS / DEFAULT_MODEL.replace(".json", ".meta.json")).read_text())
    assert model.features == FEATURES == tuple(meta["features"])
    assert model.sha256 == meta["sha256"] and 0 < model.threshold < 1


def test_tampered_model_is_refused(tmp_path):
    copy = tmp_path / DEFAULT_MODEL
    shutil.copy(MODELS / DEFAULT_MODEL, copy)
    shutil.copy(MODELS / DEFAULT_MODEL.replace(".json", ".meta.json"), tmp_path)
    assert MatchModel.load(copy).sha256
    data = json.loads(copy.read_text())
    data["threshold"] = 0.01  # a lower bar would award far more points
    copy.write_text(json.dumps(data))
    with pytest.raises(ModelError, match="checksum"):
        MatchModel.load(copy)


def test_missing_model_is_an_error_not_a_silent_fallback(tmp_path):
    with pytest.raises(ModelError, match="missing or unreadable"):
        MatchModel.load(tmp_path / DEFAULT_MODEL)


def test_learned_matcher_judges_points_without_terms_and_is_recorded():
    rubric = Rubric.from_reference("Why did the water disappear?", ["The water evaporated and left the salt behind."])
    grader = Grader(rubric)
    assert grader.matcher.learned.all()
    good, bad = grader.grade_many(["The water evaporated, so only the salt was left.", "The salt melted in the sun."])
    assert good.points[0].awarded and not bad.points[0].awarded
    assert good.pipeline["matcher"] == DEFAULT_MODEL and good.pipeline["matcher_sha256"]


def test_teacher_terms_stay_in_charge(rubric):
    assert not Grader(rubric).matcher.learned.any()


def test_probability_rises_with_overlap():
    """A claim that says the point word for word (and so does its window) is a match; one that
    shares nothing is not."""
    model = MatchModel.load()
    low, high = np.zeros(len(FEATURES)), np.zeros(len(FEATURES))
    for name in ("term_coverage", "anchored", "wording_set_ratio", "wording_sort_ratio", "char_tfidf_cosine",
                 "lemma_recall", "lemma_precision", "window_lemma_recall", "window_char_cosine", "statement"):
        high[FEATURES.index(name)] = 1.0
    low[FEATURES.index("statement")] = 1.0
    assert model.predict(high[None, :])[0] > model.threshold > model.predict(low[None, :])[0]


def test_learned_points_weigh_fragments_rather_than_refuse_them():
    """A short answer is often a fragment; the learned matcher judges it (statement is one of its
    features) where the rules would refuse it. A negated claim is still refused."""
    rubric = Rubric.from_reference("Why did Greta and Andre measure the whiteboard differently with their hands?",
                                   ["Greta and Andre have different sized hands."])
    fragment, denial, unrelated = Grader(rubric).grade_many(
        ["Different sized hands.", "Their hands are not different sizes.", "The whiteboard."])
    assert fragment.points[0].awarded and fragment.points[0].evidence[0].refused == ""
    assert not denial.points[0].awarded and not unrelated.points[0].awarded
    assert denial.points[0].near_misses[0].refused == "negated"


def test_misconceptions_and_teacher_terms_still_refuse_fragments_and_negated_claims(tmp_path):
    path = tmp_path / "rubric.yaml"
    path.write_text("question: Why did the puddle disappear?\n"
                    "points:\n  - id: P1\n    marks: 1\n    text: The water evaporated into the air.\n"
                    "  - id: P2\n    marks: 1\n    text: The sun heated the water.\n    terms: [[sun], [heat]]\n"
                    "misconceptions:\n  - id: M1\n    penalty: 1\n    text: The water soaked into the ground.\n")
    grader = Grader(Rubric.load(path))
    denial = grader.grade("The water did not soak into the ground. The sun did not heat it.")
    assert not denial.misconceptions[0].detected
    assert not any(p.awarded for p in denial.points)
    assert any(m.refused == "negated" for m in denial.points[1].near_misses)
    notes = grader.grade("Water into the ground. Sun heat.")
    assert not notes.misconceptions[0].detected and not notes.points[1].awarded
    assert any(m.refused == "not a statement" for m in notes.points[1].near_misses)


def test_negation_agreement_is_judged_against_the_points_own_wording():
    """A point that contrasts ("a trade deal, not a military alliance") says its point outright:
    a claim that says it too agrees in polarity, a denial of it does not. (The denied phrase once
    made every plain claim count as disagreeing.)"""
    rubric = Rubric.from_reference("What kind of treaty was Rapallo?", ["It was a trade deal, not a military alliance."])
    grader = Grader(rubric)
    column = FEATURES.index("negation_mismatch")
    said, denied = (grader.matcher.match(grader.pipeline.parse(text)).features[0, 0, column]
                    for text in ("It was a trade deal.", "It was not a trade deal."))
    assert (said, denied) == (0.0, 1.0)


def test_a_teacher_term_holding_a_negation_is_made_by_the_claim_it_negates():
    """'could not pay' as a term is a point said with a "not": the claim that says it is negated
    by that same "not", and still makes the point; a second negation or a denial word in the
    sentence, or a negation outside the term, still refuses it."""
    rubric = Rubric.from_yaml("question: Why did the firm close?\npoints:\n"
                              "  - id: P1\n    marks: 1\n    text: The firm went bankrupt as it owed more than it had.\n"
                              "    terms: [[debt*, pay, money], [could not pay, unable to pay, bankrupt]]\n")
    grader = Grader(rubric)
    said, doubled, denied, other = grader.grade_many([
        "The firm could not pay the money it owed.", "It is not true that the firm could not pay.",
        "The firm could not pay its debts, but that is wrong.", "The firm did not owe money."])
    assert said.points[0].awarded
    assert not any(r.points[0].awarded for r in (doubled, denied, other))


def test_model_rebuilds_identically_from_its_script(shared_data):
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "train_matcher.py"), "--check"],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_matchers_features_do_not_depend_on_whether_a_model_is_loaded(grader):
    # The training rows are made without a model; the learned matcher meets the same points with
    # one. Rules for points with terms (a neighbour that makes its own point lends no words) must
    # not reach term-less points in either case.
    from rapallo_grader.matching import Matcher

    rubric = Rubric.from_yaml("question: Why did Germany and Russia sign the treaty?\npoints:\n"
                              "  - {id: A, marks: 1, text: Germany wanted Russian raw materials such as oil}\n"
                              "  - {id: B, marks: 1, text: The Soviets wanted German technology and engineers}\n")
    essay = grader.pipeline.parse("Germany wanted Russian raw materials such as oil. The Soviets wanted it too. "
                                  "They wanted German technology and engineers.")
    without = Matcher(rubric, grader.pipeline, model=None).match(essay).features
    loaded = Matcher(rubric, grader.pipeline, model=MatchModel.load()).match(essay).features
    assert np.array_equal(without, loaded)


def test_short_answer_drafting_settings_refit_identically_from_their_script(shared_data):
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "fit_drafting.py"), "--check"],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_drafting_fit_scores_its_grid_as_the_grader_marks(monkeypatch):
    """The fit scores thousands of settings on a matrix; each must give what the grader's own
    arithmetic (``scoring.point_shares`` over the points needed) gives, or the fit would choose
    settings for marks the grader never gives."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("fit_drafting", ROOT / "scripts" / "fit_drafting.py")
    assert spec is not None and spec.loader is not None
    fit = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "fit_drafting", fit)  # its dataclass looks itself up there
    spec.loader.exec_module(fit)
    draw = np.random.default_rng(0)
    sims = [draw.random(int(n)) ** 2 for n in draw.integers(1, 9, size=60)] + [np.zeros(3), np.ones(2)]
    matches = fit.Matches(sims, [int(n) for n in draw.choice([0, 0, 1, 2, 5], size=len(sims))])
    grids = fit.grid()
    assert set(grids) == set(fit.WAYS)
    for way, settings in grids.items():
        sample = [settings[int(i)] for i in draw.choice(len(settings), size=40, replace=False)]
        assert all((s.partial_from is not None) == (way == "in proportion") for s in sample)
        np.testing.assert_allclose(fit.scores(matches, sample), [fit.score(matches, s) for s in sample], atol=1e-6)
    # And the grader itself: a short-answer draft marks as the fit's score says (marks are rounded
    # up to 4 decimals, so within that).
    reference = ["The controller computes forwarding tables.", "It monitors traffic statistics.",
                 "It discovers the topology.", "It keeps an inventory of devices."]
    settings = fit.ShortAnswerDrafting.load()
    answers = ["It discovers the network topology and monitors traffic.", "It watches the traffic a bit.",
               "Bananas are yellow.", "The controller computes forwarding tables and keeps a device inventory."]
    for question, asked in [("Name two tasks of the controller.", 2), ("What does the controller do?", 0)]:
        reports = Grader(Rubric.from_reference(question, reference, short_answer=True)).grade_many(answers)
        sims = [np.array([p.similarity for p in r.points]) for r in reports]
        expected = fit.score(fit.Matches(sims, [asked] * len(sims)), settings)
        assert [r.score for r in reports] == pytest.approx(list(expected), abs=1e-3)
        assert min(expected) == 0.0 and any(0 < e < 1 for e in expected)  # part and no marks too
    r = fit.correlations(np.array([0.0, 1.0, 0.5]), np.array([[0.1, 0.9, 0.4], [1.0, 1.0, 1.0]]))
    assert r[0] == pytest.approx(np.corrcoef([0.0, 1.0, 0.5], [0.1, 0.9, 0.4])[0, 1]) and np.isnan(r[1])


def test_semantic_extra_adds_its_feature_and_model():
    from rapallo_grader import semantic
    from rapallo_grader.matching import SEMANTIC_FEATURES
    from rapallo_grader.model import SEMANTIC_MODEL

    if not semantic.available():
        pytest.skip("the [semantic] extra is not installed (pip install -e '.[semantic]')")
    rubric = Rubric.from_reference("Why did the water disappear?", ["The water evaporated and left the salt behind."])
    grader = Grader(rubric, semantic=True)
    assert grader.matcher.feature_names == SEMANTIC_FEATURES
    assert grader.matcher.model.name == SEMANTIC_MODEL
    paraphrase, unrelated = (grader.pipeline.parse(t) for t in ("Once the water had evaporated, only salt remained.", "Plants need sunlight to grow."))
    cosine = SEMANTIC_FEATURES.index("semantic_cosine")
    assert grader.matcher.match(paraphrase).features[0, 0, cosine] > grader.matcher.match(unrelated).features[0, 0, cosine]
    assert grader.grade("The water turned into vapour.").pipeline["semantic"]


def test_the_semantic_extra_marks_the_bundled_rubric_as_the_default_install_does(rubric):
    # Every point of the bundled rubric has terms, so the rules decide and the marks are the same;
    # the whole-essay context point runs through the semantic path too.
    from rapallo_grader import semantic

    if not semantic.available():
        pytest.skip("the [semantic] extra is not installed (pip install -e '.[semantic]')")
    essay = ("The treaty was signed in 1922.\n\nAfter the First World War Germany paid huge reparations. "
             "Russia wanted German machines, and Germany wanted Russian oil.")
    plain, rich = Grader(rubric).grade(essay), Grader(rubric, semantic=True).grade(essay)
    assert [(p.id, p.marks) for p in rich.points] == [(p.id, p.marks) for p in plain.points]
    assert {p.id for p in plain.points if p.awarded} >= {"K1", "K3", "K5", "K6"}


def test_spline_model_predicts_what_scikit_learn_predicts():
    """The grader evaluates the curves with numpy; scikit-learn fitted them. Both must agree,
    inside the training range and beyond it (where each curve stays at its end value)."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import SplineTransformer

    rng = np.random.default_rng(0)
    X = rng.random((400, 3))
    y = (X[:, 0] + np.sin(4 * X[:, 1]) + rng.normal(0, 0.3, 400) > 1).astype(float)
    splines = SplineTransformer(n_knots=4, degree=2).fit(X)
    regression = LogisticRegression(C=0.1).fit(splines.transform(X), y)
    model = MatchModel.from_fitted(("a", "b", "c"), splines, regression, threshold=0.5)
    rows = np.vstack([X, rng.uniform(-1, 2, (200, 3)), X.min(axis=0), X.max(axis=0)])
    expected = regression.predict_proba(splines.transform(rows))[:, 1]
    assert np.allclose(model.predict(rows), expected, rtol=0, atol=1e-7)  # coefficients kept to 8 places
    assert len(np.unique(model.predict(X).round(3))) > 50  # curves, not a constant


def test_model_whose_parts_do_not_fit_together_is_refused(tmp_path):
    import hashlib

    copy = tmp_path / DEFAULT_MODEL
    data = json.loads((MODELS / DEFAULT_MODEL).read_text())
    data["coef"] = data["coef"][:-1]
    text = json.dumps(data)
    copy.write_text(text)
    meta = json.loads((MODELS / DEFAULT_MODEL.replace(".json", ".meta.json")).read_text())
    meta["sha256"] = hashlib.sha256(text.encode()).hexdigest()
    (tmp_path / DEFAULT_MODEL.replace(".json", ".meta.json")).write_text(json.dumps(meta))
    with pytest.raises(ModelError, match="do not fit together"):
        MatchModel.load(copy)


def test_matcher_threshold_is_the_middle_of_equally_good_ones():
    """Every threshold from 0.40 to 0.50 separates these answers perfectly: the training script
    takes the middle of that stretch, where the argmax would take its first (and wander with it)."""
    code = ("import sys, numpy as np; sys.path.insert(0, sys.argv[1]); from train_matcher import best_threshold\n"
            "y = np.r_[np.zeros(105), np.ones(105)]\n"
            "p = np.r_[np.full(100, 0.1), np.full(5, 0.395), np.full(5, 0.505), np.full(100, 0.9)]\n"
            "print(best_threshold(y, p))")
    result = subprocess.run([sys.executable, "-c", code, str(ROOT / "scripts")], capture_output=True, text=True,
                            check=False)
    assert result.returncode == 0, result.stderr
    assert float(result.stdout) == 0.45
