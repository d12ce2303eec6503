from __future__ import annotations

import json
import warnings
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rapallo_grader import EssayError, Grader, Rubric, StaleThresholdWarning, __version__
from rapallo_grader.matching import _Vocabulary
from rapallo_grader.model import DEFAULT_MODEL, SEMANTIC_MODEL
from rapallo_grader.rubric import MatchingSettings

from .conftest import awarded, detected

TRADE = "Germany wanted access to Russian raw materials such as oil and grain, and new markets for its goods."


def test_paraphrased_point_earns_its_marks(grader):
    report = grader.grade(TRADE)
    assert "K5" in awarded(report)
    k5 = next(p for p in report.points if p.id == "K5")
    assert k5.marks == 1.0 and k5.max_marks == 1.0
    assert report.score == 1.0


@pytest.mark.parametrize("text, expected", [
    ("Britain refused to recognise the new state.", True),
    ("Britain was refusing to recognize the new state.", True),  # other endings, other spelling
    ("Britain refused the offer, and recognition came much later.", False),  # not side by side
])
def test_a_stem_inside_a_word_pair_takes_any_ending(tmp_path, text, expected):
    path = tmp_path / "stems.yaml"
    path.write_text("question: Why was the state isolated?\npoints:\n  - id: P1\n    marks: 1\n"
                    "    text: Other countries would not recognise it.\n    terms:\n      - [refus* to recogni*]\n",
                    encoding="utf-8")
    assert ("P1" in awarded(Grader(Rubric.load(path)).grade(text))) is expected


@pytest.mark.parametrize("denial", [
    "Economic reasons were not important, and Germany did not want Russian raw materials or markets.",
    "Some say Germany wanted Russian oil and grain, but this is wrong.",
    "It was not about Germany getting Russian raw materials, because trade between them stayed small.",
    "Neither Germany nor Russia wanted raw materials or markets from the treaty.",
    "Germany was not isolated at all. Nor was the treaty about trade or Russian raw materials.",
])
def test_negated_claim_does_not_earn_point(grader, denial):
    report = grader.grade(denial)
    assert "K5" not in awarded(report)
    k5 = next(p for p in report.points if p.id == "K5")
    assert k5.near_misses and k5.near_misses[0].refused == "negated"


def test_the_reason_for_a_negated_event_earns_its_point(grader):
    report = grader.grade("Germany could not escape its problems because reparations after Versailles "
                          "had crippled its economy.")
    assert "K3" in awarded(report)


def test_negation_inside_a_relative_clause_does_not_deny_the_claim(grader):
    report = grader.grade("The Treaty of Versailles crippled Germany with reparations it could not pay, "
                          "and its economy collapsed into inflation.")
    assert "K3" in awarded(report)


def test_keyword_list_earns_nothing_and_is_flagged(grader):
    report = grader.grade("Rapallo 1922. Isolation, pariahs. Versailles - reparations - inflation. "
                          "Communism, fear. Raw materials / markets. German technology / engineers. "
                          "Secret training - tanks - Lipetsk. Counterweight - Britain, France.")
    assert report.score == 0.0
    assert not awarded(report)
    assert "keyword_list" in report.flags


def test_a_sentence_listing_keywords_earns_nothing_and_says_why(grader):
    report = grader.grade("Rapallo was about isolation, recognition, Versailles, reparations, communism and trade.")
    assert not awarded(report)
    k2 = next(p for p in report.points if p.id == "K2")
    assert k2.near_misses and k2.near_misses[0].refused == "a list of keywords"


@pytest.mark.parametrize("term, text, expected", [
    ("split poland", "They agreed to split Polland between them.", True),  # a slip in one word of the pair
    ("split poland", "The capitalists would be split and weakened.", False),  # "split and" is 86% alike
    ("pay reparation*", "Germany had to pay reperations.", True),  # the same for a pair ending in a stem
    ("pay reparation*", "They renounced claims to war reparations.", False),  # "war reparation" is 86% alike
    ("together", "Russia was left out of the talks altogether.", False),  # letters before a word make another
    ("popular", "The treaty was unpopular in Britain.", False),
    ("together", "They worked togehter.", True),
    # A short word of a pair slips only at its end: "land" for "loan" is another word.
    ("german loan*", "The treaty took German land.", False),
    ("german loan*", "Russia wanted German loans.", True),
    ("lost value", "The mark lose value every day.", True),
    # A teacher's whole word with an ending added is another word ("industrial*" would take it).
    ("industrial", "German industrialists saw a market there.", False),
    ("industrial", "Russia needed industrail help.", True),
    ("outsider", "Both were outsiders.", True),
])
def test_a_slip_in_a_word_pair_is_a_slip_in_its_words_and_no_word_with_a_prefix_is_a_slip(tmp_path, term, text, expected):
    assert ("P1" in awarded(_one_term_grader(tmp_path, term).grade(text))) is expected


def test_only_a_teachers_word_refuses_its_derivatives():
    # A drafted rubric's words (and the learned matcher's training rows) were chosen by no one.
    for whole_words, expected in ((True, False), (False, True)):
        vocabulary = _Vocabulary(MatchingSettings().spelling, whole_words=whole_words)
        column = vocabulary.add("industrial")
        vocabulary.freeze()
        assert vocabulary.table[vocabulary.rows(["industrialist"])[0], column] == expected


@pytest.mark.parametrize("term, text, expected", [
    ("would never join* britain", "Russia would never join Britian.", True),  # a slip in a pair with a stem inside
    ("would never join* britain", "Russia would never join Britons.", False),
    ("isolat* because", "Russia was isolated because it was communist.", True),  # the parser splits at "because"
    ("isolat* because", "Russia was isolatd becuase it was comunist.", True),  # and there ends a sentence
    ("isolat* because", "Russia was isolated, because it was communist.", False),  # not across a comma
    ("isolat* because", "Russia was isolated.\nBecause it was communist, nobody came.", False),  # nor a line
])
def test_a_term_pair_is_found_across_a_clause_split_and_with_a_slip_in_a_word(tmp_path, term, text, expected):
    assert ("P1" in awarded(_one_term_grader(tmp_path, term).grade(text))) is expected


@pytest.mark.parametrize("term, text, expected", [
    ("reparation*", "Germany was crushed by reparashions.", True),  # "reparashio" is no slip, "reparashion" is
    ("reparation*", "Germany was crushed by reparations.", True),
    ("resent*", "The treaty was presented at Genoa.", False),  # in a short stem it makes another word
    ("outsider*", "The Red Army was beaten outside the city.", False),  # "outside " is cut from a word pair
    ("outsider*", "Both were outsidors.", True),
])
def test_a_slip_that_adds_a_letter_inside_a_long_stem_is_forgiven(tmp_path, term, text, expected):
    assert ("P1" in awarded(_one_term_grader(tmp_path, term).grade(text))) is expected


def test_a_close_wording_makes_up_for_no_missing_group_of_terms(tmp_path):
    path = tmp_path / "groups.yaml"
    path.write_text("question: Why?\npoints:\n  - id: P1\n    marks: 1\n    text: Germany wanted to overturn Versailles.\n"
                    "    terms:\n      - [versailles]\n      - [overturn]\n      - [both]\n", encoding="utf-8")
    grader = Grader(Rubric.load(path))
    report = grader.grade("Germany wanted to overturn Versailles.")  # the wording itself, two groups of three
    assert "P1" not in awarded(report)
    near = report.points[0].near_misses[0]
    assert near.term_coverage == pytest.approx(2 / 3, abs=1e-3) and near.similarity <= near.term_coverage
    assert "P1" in awarded(grader.grade("Both wanted to overturn Versailles."))


def _one_term_grader(tmp_path, term: str) -> Grader:
    path = tmp_path / "term.yaml"
    path.write_text("question: What did the treaty do?\npoints:\n  - id: P1\n    marks: 1\n"
                    f"    text: It did that.\n    terms:\n      - [{term}]\n", encoding="utf-8")
    return Grader(Rubric.load(path))


@pytest.mark.parametrize("text, expected", [
    ("Russia wanted German oil and grain from the treaty.", set()),
    ("Soviet Russia sought recognition and foreign trade.", set()),
    ("In return for trade, the Soviets could get German machinery for their factories.", {"K6"}),
    ("Germany wanted Russian oil and grain, and Russia wanted German machinery.", {"K5", "K6"}),
    ("Russia needed German machines, and Germany needed Russian grain.", {"K5", "K6"}),
    ("They wanted Russian oil and grain from the treaty with Germany.", {"K5"}),  # no wanter named
    ("Germany was isolated and nobody wanted to trade with it.", set()),  # nobody's motive is not Germany's
    ("Russia signed the treaty because it needed trade with Germany.", set()),  # "it" is Russia
    # "They" opening a sentence is the one party the sentence before was about.
    ("Russia was poor after its civil war. They needed trade with Germany.", set()),
    ("Germany was ruined by reparations. They needed raw materials such as oil.", {"K5"}),
    # ... or whose thing it was about: Germany's economy.
    ("Germany's economy was ruined. They had to find new markets, and Russia was a huge one.", {"K5"}),
    ("Russia's economy was ruined. They needed trade with Germany.", set()),
])
def test_a_motive_point_is_not_made_by_someone_else_wanting_its_thing(grader, text, expected):
    report = grader.grade(text)
    assert awarded(report) & {"K5", "K6"} == expected
    if "K5" not in expected:
        k5 = next(p for p in report.points if p.id == "K5")
        assert k5.near_misses and k5.near_misses[0].refused == "someone else's motive"


@pytest.mark.parametrize("text, expected", [
    # The fear is said outside what the Soviets want (the hostile front they want to split).
    (("Soviet Russia, shunned by capitalist powers terrified of Bolshevism, wanted German capital and a way to"
      " split the hostile Western front."), True),
    # Said only inside what they want, it is still their motive, not the capitalist powers' fear.
    ("Soviet Russia wanted a way to split the hostile capitalist front against communism.", False),
])
def test_a_motive_point_said_outside_someone_elses_want_is_made(grader, text, expected):
    report = grader.grade(text)
    assert ("K4" in awarded(report)) is expected
    if not expected:
        k4 = next(p for p in report.points if p.id == "K4")
        assert k4.near_misses and k4.near_misses[0].refused == "someone else's motive"


@pytest.mark.parametrize("each_side", [True, False])
def test_a_point_said_of_each_side_in_turn_says_both(tmp_path, each_side):
    sides = "    each_side:\n      group: 2\n      sides: [[germany, berlin], [russia, moscow]]\n" if each_side else ""
    path = tmp_path / "pair.yaml"
    path.write_text("question: Why?\npoints:\n  - id: P1\n    marks: 1\n    text: Both countries were outcasts.\n"
                    "    terms:\n      - [outcast*, alone]\n      - [both, the two]\n" + sides, encoding="utf-8")
    grader = Grader(Rubric.load(path))

    def made(essay: str) -> bool:
        return "P1" in awarded(grader.grade(essay))

    assert made("Germany was an outcast after the war. Russia was an outcast too.") is each_side
    assert made("Germany was alone, and Moscow was alone.") is each_side
    assert made("Both countries were outcasts.")  # the "both" said outright, either way
    # One side only, the other side not an outcast, or denied, or a paragraph away: no pair.
    assert not made("Germany was an outcast after the war. Germany was alone.")
    assert not made("Germany was an outcast after the war. Russia was rich.")
    assert not made("Germany was an outcast after the war. Russia was not an outcast.")
    assert not made("Germany was an outcast after the war.\n\nRussia was an outcast too.")
    # A claim naming both sides is said of neither in turn.
    assert not made("Germany was an outcast because of Russia.")
    # The evidence shows the claim on the other side that stands for "both".
    (p1,) = grader.grade("Germany was an outcast after the war. Russia was an outcast too.").points
    if each_side:
        assert [(e.text, e.paired_with) for e in p1.evidence][:1] in (
            [("Germany was an outcast after the war", "Russia was an outcast too")],
            [("Russia was an outcast too", "Germany was an outcast after the war")])
        assert "for the other side" in p1.evidence[0].reading
    else:
        assert not any(e.paired_with for e in p1.evidence + p1.near_misses)


@pytest.mark.parametrize("anywhere", [True, False])
def test_a_point_anywhere_takes_its_other_terms_from_the_whole_essay(tmp_path, anywhere):
    path = tmp_path / "context.yaml"
    path.write_text("question: When?\npoints:\n  - id: P1\n    marks: 1\n    text: It came in 1922, after the war.\n"
                    f"    terms:\n      - [first world war]\n      - ['1922']\n    anywhere: {str(anywhere).lower()}\n",
                    encoding="utf-8")
    grader = Grader(Rubric.load(path))
    essay = ("The treaty was signed in 1922.\n\nGermany was weak. Russia was poor. Both were alone.\n\n"
             "The First World War had ruined both of them.")
    assert ("P1" in awarded(grader.grade(essay))) is anywhere
    # The first group must still be in the claim, and a denied year lends nothing.
    assert "P1" not in awarded(grader.grade("The treaty was signed in 1922. Germany was weak."))
    assert "P1" not in awarded(grader.grade("It was not signed in 1922.\n\nThe First World War was over."))
    # A negated claim's setting is said: "In 1922" is not what "neither ... nor" denies.
    assert ("P1" in awarded(grader.grade("In 1922 neither Germany nor Russia had allies.\n\n"
                                         "The First World War was over."))) is anywhere
    # An essay's title says its date and setting; not at the head of a list of keywords.
    assert ("P1" in awarded(grader.grade("Rapallo 1922, after the First World War\n"
                                         "- Germany and Russia were both left alone"))) is anywhere
    assert "P1" not in awarded(grader.grade("Rapallo 1922, after the First World War\n"
                                            "isolation, recognition, reparations, trade, the army"))


def test_a_sentence_that_makes_its_own_point_lends_no_words_to_its_neighbours(grader):
    # Hatred (K4's sentence), Versailles (K3's) and "both" (K2's) side by side are not K9.
    report = grader.grade("Russia was hated because of its communism. Germany was ruined by the reparations of "
                          "Versailles. Both countries were outsiders with no friends.")
    assert {"K3", "K4", "K2"} <= awarded(report) and "K9" not in awarded(report)
    # A neighbour that makes no point of its own still completes one.
    assert "K9" in awarded(grader.grade("The Versailles settlement was imposed by the victors. "
                                        "Both wanted to overturn it."))


@pytest.mark.parametrize("correct, slipped", [
    ("The Treaty of Versailles forced Germany to pay huge reparations, so its economy collapsed.",
     "The Treaty of Versaile forced Germany to pay huge reparatons, so its economy colapsed."),
    ("The German army secretly trained soldiers in Russia to get around the Versailles restrictions.",
     "The Germen army secretely trained soldiers in Rusia to get around the Versaille restrictions."),
])
def test_spelling_slip_does_not_lose_a_point(grader, correct, slipped):
    assert awarded(grader.grade(correct)) == awarded(grader.grade(slipped)) != set()


def test_misconception_costs_a_mark(grader):
    text = TRADE + " The Treaty of Rapallo was signed by Hitler in 1939."
    report = grader.grade(text)
    assert detected(report) == {"M1"}
    assert report.score == 0.0  # 1 for K5, minus 1 for M1
    m1 = next(m for m in report.misconceptions if m.id == "M1")
    assert m1.penalty == 1.0 and "Hitler" in m1.evidence[0].text


def test_score_never_below_zero(grader):
    report = grader.grade("The Treaty of Rapallo was a military alliance in which each promised to defend the "
                          "other. It was signed by Hitler. The treaty divided Poland between them.")
    assert len(detected(report)) >= 2
    assert report.score == 0.0


def test_score_never_above_max(tmp_path):
    rubric = Rubric.from_yaml("question: q\nmax_score: 1\npoints:\n"
                              "  - {id: A, marks: 1, text: Germany wanted Russian raw materials}\n"
                              "  - {id: B, marks: 1, text: Russia wanted German technology}\n")
    report = Grader(rubric).grade("Germany wanted Russian raw materials. Russia wanted German technology.")
    assert awarded(report) == {"A", "B"}
    assert report.score == 1.0 == report.max_score


def test_rubric_without_terms_matches_on_its_wording():
    rubric = Rubric.from_yaml("question: q\npoints:\n"
                              "  - {id: A, marks: 1, text: Photosynthesis turns light energy into chemical energy}\n")
    grader = Grader(rubric)
    assert awarded(grader.grade("Plants use photosynthesis to turn light energy into chemical energy.")) == {"A"}
    assert awarded(grader.grade("Plants need water and soil to grow tall.")) == set()


def test_evidence_offsets_point_into_the_essay(grader):
    essay = ("Intro line.\n\nBoth countries were outcasts, so they recognised each other.\n\n"
             "Moscow wanted German engineers and machines to rebuild Soviet industry.")
    report = grader.grade(essay)
    assert {"K2", "K6"} <= awarded(report)
    for point in report.points:
        for ev in (*point.evidence, *point.near_misses):
            assert essay[ev.start:ev.end] == ev.text
            assert 0.0 <= ev.similarity <= 1.0


def test_same_input_same_output_byte_for_byte(grader, rubric):
    essay = TRADE + " Both countries were pariahs and recognised each other."
    first = grader.grade(essay, source="a.txt").to_json()
    again = Grader(rubric).grade_many(["x", essay], ["b", "a.txt"])[1].to_json()
    assert first == again


def test_grade_many_keeps_order_and_isolates_bad_essays(grader):
    too_long = "word " * (grader.rubric.matching.max_chars // 5 + 10)
    texts = [TRADE, b"bytes, not text", "", too_long, EssayError("file not found"), TRADE]
    reports = grader.grade_many(texts, [f"e{i}" for i in range(len(texts))])
    assert [r.source for r in reports] == [f"e{i}" for i in range(len(texts))]
    assert reports[0].score == reports[5].score == 1.0
    assert "got bytes" in reports[1].error and reports[1].score is None
    assert reports[2].error is None and reports[2].score == 0.0 and "empty" in reports[2].flags
    assert "over the limit" in reports[3].error
    assert reports[4].error == "file not found"


def test_grade_raises_essay_error_for_ungradable_input(grader):
    with pytest.raises(EssayError, match="expected the essay as text"):
        grader.grade(None)  # type: ignore[arg-type]


def test_report_records_rubric_pipeline_and_version(grader, rubric):
    report = grader.grade(TRADE).to_dict()
    assert report["rubric"]["sha256"] == rubric.sha256
    assert report["pipeline"]["name"] and report["pipeline"]["version"]
    assert report["version"] == __version__
    assert report["schema_version"] == "1"


def test_report_conforms_to_published_schema(grader):
    jsonschema = pytest.importorskip("jsonschema")
    from rapallo_grader import schemas_dir

    schema = json.loads((schemas_dir() / "report.schema.json").read_text(encoding="utf-8"))
    reports = grader.grade_many([TRADE + " It was signed by Hitler.", b"bad", "Isolation. Versailles."])
    for report in reports:
        jsonschema.validate(json.loads(report.to_json()), schema)


def test_text_report_shows_score_evidence_and_feedback(grader):
    text = grader.grade(TRADE, source="ann.txt").to_text()
    assert "Essay: ann.txt" in text and "Score: 1 / 10" in text
    assert "[+] K5" in text and "evidence @" in text
    assert "[-] K7" in text


CONTROLLER = """question: What does an SDN controller do?
{extra}
matching:
  learned_threshold: 0.6
points:
  - {{id: A, marks: 1, text: The controller computes the forwarding tables and installs them in the switches}}
  - {{id: B, marks: 1, text: The controller monitors traffic statistics collected from the network}}
  - {{id: C, marks: 1, text: The controller discovers the topology of the network}}
"""
ON_TARGET = ("The controller computes forwarding tables and installs them in switches. "
             "It also monitors the traffic statistics of the network.")


@pytest.mark.parametrize("learned_for, warned", [("matcher-v2.json", True), (DEFAULT_MODEL, False),
                                                (SEMANTIC_MODEL, False), (None, False)])
def test_a_learned_threshold_fitted_for_another_matcher_warns_and_is_still_used(learned_for, warned):
    setting = "learned_threshold: 0.6" + (f"\n  learned_for: {learned_for}" if learned_for else "")
    rubric = Rubric.from_yaml(CONTROLLER.format(extra="").replace("learned_threshold: 0.6", setting))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        grader = Grader(rubric)
    stale = [w for w in caught if issubclass(w.category, StaleThresholdWarning)]
    assert len(stale) == warned
    if warned:
        assert "matcher-v2.json" in str(stale[0].message) and DEFAULT_MODEL in str(stale[0].message)
        assert stale[0].filename == __file__  # points at the caller's Grader(...), not at the library
    assert grader.matcher.learned.all() and set(grader.matcher.thresholds) == {0.6}


def test_a_stale_learned_threshold_is_no_concern_where_every_point_has_terms(rubric):
    stale = replace(rubric.matching, learned_threshold=0.5, learned_for="matcher-v2.json")
    with warnings.catch_warnings():
        warnings.simplefilter("error", StaleThresholdWarning)
        grader = Grader(replace(rubric, matching=stale))
    assert not grader.matcher.learned.any()


@pytest.mark.parametrize("best, thresholds, partial, shares", [
    ([0.9, 0.2, 0.1], [0.6] * 3, False, [1.0, 0.0, 0.0]),
    ([0.9, 0.2, 0.1, 0.5, 0.0], [0.6] * 5, True, [1.0, 0.25, 0.0, 0.75, 0.0]),
    ([0.9, 0.35], [0.6, 0.4], True, [1.0, 0.75]),  # each point's own threshold
    ([0.5, 0.4], [0.6, 0.6], True, [0.0, 0.0]),  # no point made in full: no part marks
])
def test_point_shares_count_quarters_of_the_threshold_reached(best, thresholds, partial, shares):
    from rapallo_grader.scoring import point_shares

    assert point_shares(best, thresholds, partial) == shares


@pytest.mark.parametrize("best, thresholds, start, shares", [
    ([0.5, 0.22, 0.1, 0.0], [0.44] * 4, 0.18, [1.0, 0.5, 0.1 / 0.44, 0.0]),  # the share of the threshold
    ([0.33, 0.11], [0.44, 0.44], 0.18, [0.75, 0.25]),  # no point made in full, but on track: part marks
    ([0.17, 0.11], [0.44, 0.44], 0.18, [0.0, 0.0]),  # best match under partial_from: nothing
    ([0.3, 0.3], [0.4, 0.2], 0.25, [0.75, 1.0]),  # each point's own threshold
])
def test_point_shares_in_proportion_once_the_answer_reaches_partial_from(best, thresholds, start, shares):
    from rapallo_grader.scoring import point_shares

    assert point_shares(best, thresholds, True, start) == pytest.approx(shares)
    assert point_shares(best, thresholds, False, start) == [float(b >= t) for b, t in zip(best, thresholds)]


_unit = st.floats(0, 1, allow_nan=False)


@settings(max_examples=200, deadline=None)
@given(matches=st.lists(st.tuples(_unit, st.floats(0.01, 1)), min_size=1, max_size=8), start=st.none() | _unit)
def test_point_shares_stay_between_nothing_and_the_point_made(matches, start):
    from rapallo_grader.scoring import point_shares

    best, thresholds = [b for b, _ in matches], [t for _, t in matches]
    shares = point_shares(best, thresholds, True, start)
    made = [b >= t for b, t in matches]
    assert all(0.0 <= s <= 1.0 for s in shares)
    assert all((s == 1.0) == m for s, m in zip(shares, made))  # full marks only for a point made
    # A closer match never earns less: raising one point's match keeps or raises its share.
    for i, (b, t) in enumerate(matches):
        closer = point_shares([*best[:i], min(1.0, b + 0.05), *best[i + 1:]], thresholds, True, start)
        assert closer[i] >= shares[i]
    if start is not None and max(best) < start:
        assert shares == [float(m) for m in made]  # an answer that comes near nothing: points made only


def test_part_marks_from_partial_from_reach_an_answer_that_makes_no_point_in_full():
    rubric = Rubric.from_yaml(CONTROLLER.format(extra="partial_credit: true\npartial_from: 0.2"))
    report = Grader(rubric).grade("It knows the network layout and the traffic.")
    gated = Grader(Rubric.from_yaml(CONTROLLER.format(extra="partial_credit: true"))).grade(
        "It knows the network layout and the traffic.")
    assert not awarded(report) and gated.score == 0.0
    assert max(p.similarity for p in report.points) >= 0.2
    assert all(p.partly for p in report.points) and report.score == pytest.approx(sum(p.marks for p in report.points))
    for point in report.points:
        assert point.marks == pytest.approx(point.max_marks * point.similarity / 0.6, abs=1e-3)
        # The claim that came that near earned them, and the feedback says how much of the point.
        assert point.evidence and all(e.similarity >= point.similarity - 1e-3 for e in point.evidence)
        assert point.feedback.startswith(f"Partly made ({point.marks / point.max_marks:.0%} of its marks): ")
    # An answer that comes near no point (best match under partial_from) earns nothing.
    bananas = Grader(rubric).grade("Bananas are yellow and taste sweet.")
    assert max(p.similarity for p in bananas.points) < 0.2
    assert bananas.score == 0.0 and not any(p.partly or p.evidence for p in bananas.points)


def test_partial_credit_gives_part_marks_traced_to_the_claim_that_earned_them():
    from rapallo_grader.scoring import point_shares

    partial = Grader(Rubric.from_yaml(CONTROLLER.format(extra="partial_credit: true"))).grade(ON_TARGET)
    plain = Grader(Rubric.from_yaml(CONTROLLER.format(extra=""))).grade(ON_TARGET)
    assert awarded(partial) == awarded(plain) == {"A", "B"}
    shares = point_shares([p.similarity for p in partial.points], [0.6] * 3, True)
    part = [p for p in partial.points if not p.awarded and p.marks > 0]
    assert part, "the on-target answer should earn part marks for the point it comes near"
    for point, share in zip(partial.points, shares):
        assert point.marks == pytest.approx(point.max_marks * share)
    for point in part:
        assert 0 < point.marks < point.max_marks and point.feedback.startswith("Partly made")
        assert point.evidence and all(ON_TARGET[e.start:e.end] == e.text for e in point.evidence)
        assert all(e.similarity >= 0.6 * point.marks / point.max_marks for e in point.evidence)
        assert [q.marks for q in plain.points if q.id == point.id] == [0.0]
    assert partial.score == pytest.approx(sum(p.marks for p in partial.points))
    assert partial.score > plain.score == 2.0
    assert "[~] " + part[0].id in partial.to_text()


def test_the_essay_view_highlights_part_marks_apart_from_points_made():
    from rapallo_grader.pages import highlighted_essay

    without_b = "\n".join(line for line in CONTROLLER.splitlines() if "id: B," not in line)
    report = Grader(Rubric.from_yaml(without_b.format(extra="partial_credit: true"))).grade(ON_TARGET)
    made, part = report.points
    assert made.awarded and not part.awarded and part.marks > 0
    assert made.evidence[0].start != part.evidence[0].start
    page = highlighted_essay(ON_TARGET, report)
    for kind, point in (("point", made), ("partial", part)):
        ev = point.evidence[0]
        assert f'<mark class="{kind}" data-ids="{point.id}" data-start="{ev.start}" data-end="{ev.end}"' in page


def test_the_essay_view_puts_a_claim_inside_another_on_the_same_mark():
    """'Germany, not Russia, wanted revenge': the sentence's claim goes on round the contrasted
    phrase's, so their spans nest; one mark carries both ids, and no text is shown twice."""
    from dataclasses import replace

    from rapallo_grader.pages import highlighted_essay
    from rapallo_grader.scoring import Evidence

    text = "Germany, not Russia, wanted revenge."
    outer, inner = Evidence(text, 0, len(text) - 1, 0.9, 0.0, 0.9), Evidence("not Russia", 9, 19, 0.9, 0.0, 0.9)
    report = Grader(Rubric.from_yaml(CONTROLLER.format(extra=""))).grade(text)
    a, b, c = report.points
    report = replace(report, points=(replace(a, awarded=True, marks=1.0, evidence=(outer,)),
                                     replace(b, awarded=True, marks=1.0, evidence=(inner,)), c))
    page = highlighted_essay(text, report)
    assert f'<mark class="point" data-ids="A B" data-start="0" data-end="{len(text) - 1}"' in page
    assert page.count("<mark") == 1 and page.count("not Russia") == 1


@pytest.mark.parametrize("essay", ["Bananas are yellow and taste sweet.", "It knows the network layout and the traffic.",
                                   "I do not know."])
def test_partial_credit_gives_nothing_to_an_answer_that_makes_no_point(essay):
    report = Grader(Rubric.from_yaml(CONTROLLER.format(extra="partial_credit: true"))).grade(essay)
    assert not awarded(report)
    assert report.score == 0.0 and all(p.marks == 0.0 and not p.evidence for p in report.points)


def test_count_best_scores_only_the_best_points():
    report = Grader(Rubric.from_yaml(CONTROLLER.format(extra="count_best: 1"))).grade(ON_TARGET)
    every = Grader(Rubric.from_yaml(CONTROLLER.format(extra=""))).grade(ON_TARGET)
    assert awarded(report) == awarded(every) == {"A", "B"}
    assert report.score == 1.0 and every.score == 2.0 and report.max_score == every.max_score == 3.0


def test_a_learned_point_lists_first_the_claim_that_makes_it_not_its_neighbour():
    rubric = Rubric.from_reference("Why did the Weimar Republic face hyperinflation in 1923?",
                                   ["The government printed money to pay striking workers in the Ruhr.",
                                    "The war had been paid for with loans instead of taxes."])
    grader = Grader(rubric)
    essay = ("In 1923 the French occupied the Ruhr. The workers went on strike. The government printed huge "
             "amounts of money to pay them. Prices rose every hour.")
    point = grader.grade(essay).points[0]
    # The window lets "The workers went on strike" score highest (its neighbours carry the point's
    # words); the mark is the same, but the evidence a teacher reads first is the claim that says it.
    assert point.awarded and point.similarity == max(e.similarity for e in point.evidence)
    assert point.evidence[0].text == "The government printed huge amounts of money to pay them"
    assert point.evidence[0].similarity < point.similarity
    assert all(e.similarity >= grader.matcher.thresholds[0] for e in point.evidence)


def test_the_claim_whose_score_decided_a_point_is_always_among_its_evidence():
    from rapallo_grader.scoring import mark

    rubric = Rubric.from_reference("Why did the Weimar Republic face hyperinflation in 1923?",
                                   ["The government printed money to pay striking workers in the Ruhr."])
    grader = Grader(rubric)
    essay = grader.pipeline.parse("The French occupied the Ruhr in 1923. The workers in the Ruhr went on strike. "
                                  "The government printed money. It printed money to pay the workers. It paid "
                                  "the striking workers with printed money.")
    table = grader.matcher.match(essay)
    decisive = int(table.similarity[:, 0].argmax())
    assert (table.similarity[:, 0] >= grader.matcher.thresholds[0]).sum() > 3  # more pass than are listed
    # Say the deciding claim states the point least in its own words: it is still listed.
    order = table.evidence_order.copy()
    order[decisive] = -1.0
    point = mark(rubric, grader.matcher.thresholds, essay, replace(table, evidence_order=order)).points[0]
    assert len(point.evidence) == 3 and essay.claims[decisive].start in {e.start for e in point.evidence}
    assert point.similarity == max(e.similarity for e in point.evidence)


def test_the_text_report_names_the_claim_that_decided_when_it_is_not_listed_first():
    rubric = Rubric.from_reference("Why did the Weimar Republic face hyperinflation in 1923?",
                                   ["The government printed money to pay striking workers in the Ruhr."])
    report = Grader(rubric).grade("In 1923 the French occupied the Ruhr. The workers went on strike. The "
                                  "government printed huge amounts of money to pay them. Prices rose every hour.")
    first, top = report.points[0].evidence[0], max(report.points[0].evidence, key=lambda e: e.similarity)
    assert first.text.startswith("The government printed") and top.text == "The workers went on strike"
    text = report.to_text(width=200)
    assert f'evidence @{first.start}-{first.end} ({first.similarity:.2f}): "{first.text}"' in text
    assert f'highest @{top.start}-{top.end} ({top.similarity:.2f}, with the sentences around it): "{top.text}"' in text


def test_an_essay_in_capitals_earns_what_it_earns_in_lower_case(grader):
    essay = ("Germany and Russia were outcasts and had no friends, so they made friends with each other. "
             "Germany got new markets and raw materials. The Soviet Union got German technology and know-how.")
    shouted, written = grader.grade(essay.upper()), grader.grade(essay)
    assert awarded(shouted) == awarded(written) == {"K2", "K5", "K6"}
    evidence = next(p for p in shouted.points if p.id == "K5").evidence[0]
    assert essay.upper()[evidence.start:evidence.end] == evidence.text


def test_a_point_made_through_a_pronoun_given_something_is_the_party_named_before(grader):
    report = grader.grade("Germany had to pay reparations and its economy was ruined. Trade would help, "
                          "because Russia could sell it grain and oil.")
    k5 = next(p for p in report.points if p.id == "K5")
    assert k5.awarded and k5.evidence[0].text == "because Russia could sell it grain and oil"
    assert k5.evidence[0].referent == "germany"


def test_a_point_made_through_an_opening_pronoun_says_who_the_pronoun_was_read_as(grader):
    report = grader.grade("Germany was ruined by reparations. They needed raw materials such as oil.")
    k5 = next(p for p in report.points if p.id == "K5")
    assert k5.awarded and k5.evidence[0].text.startswith("They") and k5.evidence[0].referent == "germany"
    assert 'read as "germany"' in " ".join(report.to_text().split())
    assert next(p for p in report.points if p.id == "K3").evidence[0].referent == ""


def test_a_term_with_an_apostrophe_matches_the_words_the_parser_splits_it_into(tmp_path):
    # spaCy reads "couldn't" as "could" + "n't" and "Russia's" as "Russia" + "'s": such terms never
    # matched, so "russia's economy" excluded nothing.
    path = tmp_path / "clitic.yaml"
    path.write_text("question: Why?\npoints:\n  - id: P1\n    marks: 1\n    text: It could not pay.\n"
                    "    terms:\n      - [\"couldn't pay\"]\n    exclude: [\"russia's economy\", \"the allies' rules\"]\n",
                    encoding="utf-8")
    grader = Grader(Rubric.load(path))
    assert "P1" in awarded(grader.grade("Germany couldn't pay the reparations."))
    assert "P1" not in awarded(grader.grade("Because of Russia's economy, Germany couldn't pay."))
    assert "P1" not in awarded(grader.grade("Under the allies' rules Germany couldn't pay."))
