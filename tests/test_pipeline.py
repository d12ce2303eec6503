from __future__ import annotations

import pytest

from .conftest import ROOT


@pytest.fixture(scope="module")
def pipeline(grader):
    return grader.pipeline


def test_pipeline_is_the_small_english_model(pipeline):
    assert not pipeline.info.fallback
    assert "core_web_sm" in pipeline.info.name and pipeline.info.version.startswith("3.8")


def test_claims_keep_offsets_into_the_original_text(pipeline):
    text = "  Germany was weak.\n\n  Russia, which was communist, was feared; both wanted friends. "
    essay = pipeline.parse(text)
    assert essay.claims
    for claim in essay.claims:
        assert text[claim.start:claim.end] == claim.text


def test_sentence_with_two_subjects_splits_into_two_claims(pipeline):
    essay = pipeline.parse("Germany needed raw materials, and the Soviets wanted German machines.")
    assert [c.text for c in essay.claims] == ["Germany needed raw materials", "the Soviets wanted German machines"]


def test_negation_is_scoped_to_its_clause(pipeline):
    essay = pipeline.parse("Germany did not need oil, but Russia wanted machines.")
    assert [(c.text, c.negated) for c in essay.claims] == [("Germany did not need oil", True),
                                                          ("Russia wanted machines", False)]


@pytest.mark.parametrize("text", ["Germany didnt need oil.", "Russia wasnt invited.", "They dont trust Lenin.",
                                  "Britain and France wouldnt talk with them."])
def test_a_not_written_without_its_apostrophe_still_negates(pipeline, text):
    (claim,) = pipeline.parse(text).claims
    assert claim.negated and "n't" in claim.words


def test_a_leading_and_is_dropped_but_a_leading_neither_is_kept(pipeline):
    assert pipeline.parse("And Germany signed.").claims[0].text == "Germany signed"
    claim = pipeline.parse("Neither Germany nor Soviet Russia was trusted by the others, so they looked to each other.").claims[0]
    assert claim.text.startswith("Neither Germany") and "neither" in claim.content.split()


@pytest.mark.parametrize("text, negated", [
    ("Neither Germany nor Russia wanted trade.", True),
    ("Germany wanted neither war nor trade.", True),
    ("Neither country had allies.", False),  # a statement of isolation, not a denial
])
def test_neither_nor_denies_what_it_says_of_both(pipeline, text, negated):
    assert pipeline.parse(text).claims[0].negated is negated


@pytest.mark.parametrize("text, negated", [
    ("Nor was the treaty about trade.", [True]),
    ("Nor did the Soviets want German technology.", [True]),
    ("Germany did not want raw materials, nor did it need markets.", [True, True]),
    ("Germany wanted raw materials, nor was that all.", [False]),  # not a clause of its own
])
def test_nor_denies_the_clause_it_opens(pipeline, text, negated):
    assert [c.negated for c in pipeline.parse(text).claims] == negated


@pytest.mark.parametrize("text, claims", [
    ("They agreed not to attack each other and to split Poland.",
     [("They agreed not to attack each other", True), ("to split Poland", False)]),
    ("Germany agreed not to attack and not to split Poland.",
     [("Germany agreed not to attack", True), ("not to split Poland", True)]),
    # a "not" on the main verb still denies both infinitives
    ("Germany did not want to trade and to buy oil.", [("Germany did not want to trade and to buy oil", True)]),
    # the parser hangs "and not to attack" on "split": after its "and", the "not" is its own
    ("They agreed to split Poland between them and not to attack each other.",
     [("They agreed to split Poland between them", False), ("not to attack each other", True)]),
    ("Germany wanted not to trade with Russia.", [("Germany wanted not to trade with Russia", True)]),
])
def test_a_second_infinitive_is_outside_the_firsts_not(pipeline, text, claims):
    assert [(c.text, c.negated) for c in pipeline.parse(text).claims] == claims


@pytest.mark.parametrize("text, reason_negated", [
    # the reason given for a denial is part of it ...
    ("It was not about raw materials, because trade between them stayed small.", True),
    ("Economic reasons were not important, since trade stayed small.", True),
    # ... but the reason for something that did not happen is asserted
    ("Germany could not escape its problems because reparations had crippled its economy.", False),
    ("Russia did not trust the West because the capitalist powers feared communism.", False),
])
def test_a_reason_clause_is_denied_only_with_a_denial(pipeline, text, reason_negated):
    main, reason = pipeline.parse(text).claims
    assert main.negated
    assert reason.text.startswith(("because", "since")) and reason.negated is reason_negated


@pytest.mark.parametrize("text, claims", [
    # what a negated verb of saying says is not said, down to its own clauses ...
    ("Rapallo did not say that Germany and Russia would fight together.",
     [("Rapallo did not say", True), ("that Germany and Russia would fight together", True)]),
    ("The treaty did not say what would happen if one was attacked.",
     [("The treaty did not say", True), ("what would happen", True), ("if one was attacked", True)]),
    ("The treaty did not say anything about Poland being divided.",
     [("The treaty did not say", True), ("anything about Poland being divided", True)]),
    # ... but a clause beside it is, as is what an unnegated one says
    ("The treaty did not say this, and Germany got Russian oil anyway.",
     [("The treaty did not say this", True), ("Germany got Russian oil anyway", False)]),
    ("Lenin did not say it openly, but he wanted Germany as a shield against Britain and France.",
     [("Lenin did not say it openly", True), ("he wanted Germany as a shield against Britain and France", False)]),
    ("The treaty said that Germany and Russia would trade.",
     [("The treaty said", False), ("that Germany and Russia would trade", False)]),
    # so is what a negated verb or adjective of believing or fearing holds, the writer's own too
    ("Russia did not fear that the capitalist countries would gang up on it.",
     [("Russia did not fear", True), ("that the capitalist countries would gang up on it", True)]),
    ("The West was not afraid that Germany and Russia would unite.",
     [("The West was not afraid", True), ("that Germany and Russia would unite", True)]),
    ("I don't think it will light.", [("I don't think", True), ("it will light", True)]),
    ("Britain feared that communism would spread.",
     [("Britain feared", False), ("that communism would spread", False)]),
])
def test_what_a_negated_verb_of_saying_says_is_not_said(pipeline, text, claims):
    assert [(c.text, c.negated) for c in pipeline.parse(text).claims] == claims


@pytest.mark.parametrize("text, attitude_denied", [
    ("The Soviets did not want to split the capitalist powers.", True),
    ("The Soviets were not worried about the imperialist powers dividing them.", True),
    ("The Soviets were also not trying to use Germany against Britain and France.", True),
    ("The West did not trust the communist government.", False),  # distrust, said
    ("The capitalist countries could not unite against Russia.", False),
    ("The Soviets wanted to split the capitalist powers.", False),
])
def test_a_not_on_a_verb_of_wanting_or_fearing_denies_the_motive(pipeline, text, attitude_denied):
    (claim,) = pipeline.parse(text).claims
    assert claim.attitude_denied is attitude_denied


@pytest.mark.parametrize("text, attitude_denied", [
    ("Russia did not fear that the capitalist countries would gang up on it.", True),
    ("The treaty did not say that Germany and Russia would fight together.", True),
    ("Russia feared that the capitalist countries would gang up on it.", False),
])
def test_what_a_denied_fear_or_saying_holds_is_no_negative_wording(pipeline, text, attitude_denied):
    _, content = pipeline.parse(text).claims
    assert content.attitude_denied is attitude_denied


def test_not_only_is_not_a_denial(pipeline):
    assert not pipeline.parse("It was not only about trade.").claims[0].negated


@pytest.mark.parametrize("text, claims", [
    ("It was a trade deal, not a military alliance.", [("It was a trade deal", False), ("not a military alliance", True)]),
    ("It was signed by the Weimar Republic, not by Hitler.",
     [("It was signed by the Weimar Republic", False), ("not by Hitler", True)]),
    ("The treaty was signed in 1922, not 1939.", [("The treaty was signed in 1922", False), ("not 1939", True)]),
    ("It was about trade and not about war.", [("It was about trade", False), ("not about war", True)]),
    ("It was about trade but not about war.", [("It was about trade", False), ("not about war", True)]),
    ("It was about recognition and trade rather than a military alliance.",
     [("It was about recognition and trade", False), ("rather than a military alliance", True)]),
    ("They chose trade instead of war.", [("They chose trade", False), ("instead of war", True)]),
    ("Rather than an alliance, it was a trade deal.", [("Rather than an alliance", True), ("it was a trade deal", False)]),
    # The clause goes on round a phrase contrasted in its middle, and keeps the words after it.
    ("Germany, not Russia, wanted revenge.", [("Germany, not Russia, wanted revenge", False), ("not Russia", True)]),
    # "not only" is no denial, and a "not" on a verb denies its clause as before.
    ("Rapallo was about trade, not only about recognition.", [("Rapallo was about trade, not only about recognition", False)]),
    ("Rapallo was not an alliance.", [("Rapallo was not an alliance", True)]),
])
def test_a_phrase_contrasted_with_not_is_denied_on_its_own(pipeline, text, claims):
    assert [(c.text, c.negated) for c in pipeline.parse(text).claims] == claims


@pytest.mark.parametrize("text, negated", [
    ("Soviet industry could not recover without German machinery.", False),  # it needed the machinery
    ("Germany could not rebuild its army without Russian help.", False),
    ("Soviet industry could not recover.", True),
    ("Germany did not get help, without which it could not recover.", True),
])
def test_not_without_is_a_double_negative_not_a_denial(pipeline, text, negated):
    assert pipeline.parse(text).claims[0].negated is negated


@pytest.mark.parametrize("denial", ["but that is not true", "but this is not the case", "but that isn't correct"])
def test_saying_it_is_not_true_denies_the_sentence(pipeline, denial):
    essay = pipeline.parse(f"Some say Germany wanted Russian oil, {denial}. Germany was weak.")
    assert [c.negated for c in essay.claims if c.sentence == 0] == [True] * 3
    assert not any(c.negated for c in essay.claims if c.sentence == 1)


@pytest.mark.parametrize("denial", ["This is not true.", "That is wrong: it could buy oil anywhere.",
                                    "This is a myth, because the West feared communism."])
def test_a_denial_opening_a_sentence_denies_the_sentence_before(pipeline, denial):
    essay = pipeline.parse(f"Germany was weak. Some say Germany wanted Russian oil. {denial}")
    assert [c.denied for c in essay.claims if c.sentence == 1] == [True, True]
    assert not any(c.denied for c in essay.claims if c.sentence != 1)  # its reason is the writer's own


@pytest.mark.parametrize("text", [
    "Germany wanted Russian oil. This is not the case for Russia.",  # says of whom it holds
    "Germany wanted Russian oil.\n\nThis is not true.",  # another paragraph
    "Germany wanted Russian oil. It is not true that the West feared communism.",  # its own "that" clause
])
def test_a_denial_that_names_its_own_subject_leaves_the_sentence_before(pipeline, text):
    assert not pipeline.parse(text).claims[0].denied


@pytest.mark.parametrize("dissent", ["but I do not agree", "but I don't agree", "but I disagree"])
def test_the_writers_dissent_denies_the_view_reported_before_it(pipeline, dissent):
    essay = pipeline.parse(f"It is often said that the West feared communism, {dissent}. Germany was weak.")
    view = [c for c in essay.claims if c.sentence == 0 and "feared" in c.text]
    assert view and all(c.denied for c in view)
    assert not any(c.negated for c in essay.claims if c.sentence == 1)


@pytest.mark.parametrize("text", [
    "I disagree because evaporation happens everywhere.",  # the writer's own reason
    "I disagree Evaporation happens when it is cold and hot.",  # a run-on: the claim follows
    "No, I do not agree, because water can evaporate when it is cold.",  # nothing before but "No"
    "Russia did not agree to pay the debts, so the West feared communism.",  # not the writer's
])
def test_what_follows_a_dissent_or_another_partys_refusal_is_not_denied(pipeline, text):
    assert not any(c.denied for c in pipeline.parse(text).claims)


@pytest.mark.parametrize("text, listing", [
    ("Reasons: isolation, recognition, reparations, weak Germany, fear, markets, overturn the settlement.", True),
    ("Rapallo was about isolation, recognition, Versailles, reparations, communism and trade.", True),
    ("Germany was hit by reparations, inflation, unemployment, strikes and murders.", False),
    ("It was cold, wet, dark, and the talks went on for weeks.", False),
    ("Germany weak: reparations (Versailles), inflation, unstable govts.", False),
    ("Rapallo was about isolation and recognition and reparations and communism and trade.", True),
    ("Germany wanted oil and grain and timber and coal from Russia.", False),
    # an adjective closing the frame says something before the list does; a list after it does not
    ("Germany's democracy was weak, with riots, strikes and assassinations.", False),
    ("Rapallo was important for isolation, recognition, reparations, Versailles, trade.", True),
    ("Rapallo was important: isolation, recognition, reparations, Versailles, trade, army.", True),
])
def test_a_list_of_keywords_is_a_listing(pipeline, text, listing):
    claim = pipeline.parse(text).claims[0]
    assert claim.listing is listing
    assert claim.statement  # each has a verb: fragments are another matter


@pytest.mark.parametrize("text, negated", [
    ("We have nothing to lose but our isolation.", [False]),
    ("There was nothing but air in the sponge!", [False]),
    # A "but" after a comma opens another clause; "nothing" alone still denies.
    ("It had nothing to do with the army, but with trade.", [True]),
    ("Germany got nothing from it.", [True]),
])
def test_nothing_but_says_all_there_is(pipeline, text, negated):
    assert [c.negated for c in pipeline.parse(text).claims] == negated


def test_not_long_after_dates_a_claim_and_denies_nothing(pipeline):
    assert not any(c.negated for c in pipeline.parse("It was signed in 1922, not long after the civil war ended.").claims)
    assert pipeline.parse("The treaty did not last long.").claims[0].negated


@pytest.mark.parametrize("text, denied", [
    ("The treaty had nothing to do with fear of communism.", True),
    ("The West wanted nothing to do with the Bolsheviks.", False),
    ("Germany and Russia were not really isolated in 1922.", True),  # contested, not a negative
    ("Germany and Russia were not isolated by choice.", False),
])
def test_having_nothing_to_do_with_something_or_not_really_denies_it(pipeline, text, denied):
    claim = pipeline.parse(text).claims[0]
    assert claim.negated and claim.denied is denied


@pytest.mark.parametrize("text, listing", [
    (("Rapallo 1922 Germany Soviet Union Versailles reparations isolation recognition raw materials "
      "technology secret military training Reichswehr Red Army Genoa Conference France Britain."), True),
    ("Lenin Rathenau Chicherin treaty reasons pariahs counterweight outcasts economy trade industry weapons.", True),
    (("The reasons for Rapallo were isolation recognition reparations Versailles communism fear raw materials "
      "markets technology engineers secret army and the Genoa conference in 1922."), True),
    # Note form with a verb of its own says something.
    ("Germany wanted Russian raw materials oil grain timber coal new markets.", False),
    ("Economics: German industry needed Russian raw materials.", False),
])
def test_keywords_typed_one_after_another_are_a_listing(pipeline, text, listing):
    assert pipeline.parse(text).claims[0].listing is listing


def test_each_line_of_a_list_is_its_own_sentence(pipeline):
    essay = pipeline.parse("- Germany was weak\n- Russia was isolated")
    assert [c.sentence for c in essay.claims] == [0, 1]


@pytest.mark.parametrize("text, reported", [
    ("Although some describe Rapallo as an alliance, it contained no military clauses.", [True, False]),
    ("Many people think that Rapallo was an alliance.", [True, True]),
    ("It is often said that the treaty divided Poland.", [True, True]),
    ("I think Rapallo was an alliance.", [False, False]),
    ("Rapallo was an alliance.", [False]),
    # What a party the writer names believed or feared is that party's view, not the writer's.
    ("Britain feared that Rapallo was an alliance.", [False, True]),
    ("The Allies were afraid that Rapallo was an alliance.", [False, True]),
    ("We believe Rapallo was an alliance.", [False, False]),
])
def test_a_view_reported_from_others_is_marked_as_reported(pipeline, text, reported):
    assert [c.reported for c in pipeline.parse(text).claims] == reported


@pytest.mark.parametrize("text, wants", [
    ("Russia wanted German oil.", [(("russia",), "oil")]),
    ("The Soviets hoped to get German machines.", [(("soviets",), "machines")]),  # shared subject
    ("Germany needed grain and Russia needed machines.", [(("germany",), "grain"), (("russia",), "machines")]),
    # The parser hangs "Russia" on "oil", leaving the second "needed" without a subject of its own.
    ("Germany needed raw materials such as grain and Russia needed German machines.",
     [(("germany",), "grain"), (("russia",), "machines")]),
    ("Soviet Russia was able to buy tractors.", [(("soviet", "russia"), "tractors")]),
    ("They wanted oil.", []),  # the wanter is not named
    ("Russia signed the treaty because it needed machines.", [(("russia",), "machines")]),  # "it" is Russia
    ("Germany helped Russia because it needed machines.", []),  # "it" could be either
    # "they" could be the "them" of the clause it hangs on: Germany wants only its own things.
    ("Germany could get oil from them, and they could get machines from Germany.", [(("germany",), "oil")]),
    ("Both countries needed trade.", []),  # read, but not named: see the test below
    # The lemmatizer reads "hoped" as "hop".
    ("Germany hoped to sell machines.", [(("germany",), "machines")]),
    # "look for" wants; "look at" and "looked weak" do not.
    ("Germany was looking for a market for its industrial goods.", [(("germany",), "market")]),
    ("Germany looked at Russian oil.", []),
    ("For German exporters, the Soviet Union looked like a land of opportunity.", []),
    # Verbs of fear, hatred or trust: whose feeling it is (and "hated", which it reads as "hat").
    ("In fact most Germans hated communism.", [(("most", "germans"), "communism")]),
    ("Lenin distrusted the capitalist West.", [(("lenin",), "west")]),
    # Who is feared, not who fears (the parser strands "Soviet Russia" before the passive verb).
    ("Germany was blamed for the war and Soviet Russia was feared because of its communism.", []),
])
def test_who_wants_what_is_read_from_the_parse(pipeline, text, wants):
    found = [want for claim in pipeline.parse(text).claims for want in claim.wants if want.named]
    assert [w.wanter for w in found] == [wanter for wanter, _ in wants]
    for want, (_, thing) in zip(found, wants):
        assert thing in want.wanted and not set(want.wanter) & set(want.wanted)
    if len(found) == 2:  # each wanter wants only its own thing
        assert "machines" not in found[0].wanted and "grain" not in found[1].wanted


def test_a_wanter_not_named_is_read_but_marked_so(pipeline):
    # "The capitalist countries" name no one party; their want can keep a point for its own
    # wanter, never take one away. The parser hangs them on "capitalism", leaving the second
    # "hated" without a subject: a noun stranded so is that verb's subject, as a name is.
    (claim,) = pipeline.parse("The Russians hated capitalism and the capitalist countries hated communism.").claims
    assert [(w.wanter, w.named) for w in claim.wants] == [(("russians",), True), (("capitalist", "countries"), False)]
    assert "communism" in claim.wants[1].wanted and "communism" not in claim.wants[0].wanted
    (claim,) = pipeline.parse("Both countries needed trade.").claims
    assert [(w.wanter, w.named) for w in claim.wants] == [(("countries",), False)]


@pytest.mark.parametrize("text, referents", [
    ("Germany was very poor. They needed raw materials.", [(), ("germany",)]),
    ("Germany was poor because of the Treaty of Versailles. It needed to sell its goods.", [(), ("germany",)]),
    ("Germany had been punished by the Treaty of Versailles. It lost land.", [(), ("germany",)]),
    # Carried on while each sentence opens with the pronoun.
    ("Germany was weak. It had no money. It needed oil.", [(), ("germany",), ("germany",)]),
    # Two parties named before: "They" could be either, or both.
    ("Germany signed a treaty with Russia. They needed oil.", [(), ()]),
    ("Germany and Russia were outcasts. They needed oil.", [(), ()]),
    ("Germany was weak, but Russia was strong. It needed oil.", [(), (), ()]),
    ("Russia was communist and the capitalist countries hated it. They were afraid.", [(), (), ()]),
    # Not the sentence's opening subject, or not after a sentence about a named party.
    ("Germany was very poor. Later they needed raw materials.", [(), ()]),
    ("The country was very poor. They needed raw materials.", [(), ()]),
    # A new paragraph starts afresh.
    ("Germany was very poor.\n\nThey needed raw materials.", [(), ()]),
    # A label before a colon is no party, whether parsed as the root or as a subject.
    ("Economics: Germany's economy was wrecked by reparations. It wanted to trade.", [(), ("germany",)]),
    (("Isolation: nobody trusted them.\n\nEconomics: Germany's economy was wrecked by reparations. It wanted"
      " to trade."), [(), (), ("germany",)]),
])
def test_a_pronoun_opening_a_sentence_stands_for_the_one_party_named_before(pipeline, text, referents):
    assert [c.referent for c in pipeline.parse(text).claims] == referents


@pytest.mark.parametrize("text, referents", [
    ("Germany was poor. Russia could sell it grain and oil.", [(), ("germany",)]),
    ("Germany was poor. The Soviets could give them raw materials.", [(), ("germany",)]),
    # The giver is the party: the "it" is someone else.
    ("Russia was poor. Russia could sell it oil.", [(), ()]),
    # An order names no giver; "it" as the thing bought is no party; a new paragraph starts afresh.
    ("Germany was poor. Feed them grain.", [(), ()]),
    ("Germany had grain. Russia bought it.", [(), ()]),
    ("Germany was poor.\n\nRussia could sell it oil.", [(), ()]),
])
def test_a_pronoun_given_something_stands_for_the_party_named_before(pipeline, text, referents):
    assert [c.referent for c in pipeline.parse(text).claims] == referents


@pytest.mark.parametrize("text, setting", [
    ("In 1922 neither Germany nor Russia belonged to the club of great powers.", ["in", "1922"]),
    ("After the war, the other countries did not want to work with Germany.", ["after", "the", "war"]),
    # The "not" reaches what comes after the subject, and a claim said outright needs no setting.
    ("It was not signed in 1922.", []),
    ("In 1922 Germany was poor.", []),
])
def test_a_negated_claim_keeps_the_time_it_is_set_in_before_its_subject(pipeline, text, setting):
    (claim,) = pipeline.parse(text).claims
    assert [claim.words[i] for i in claim.setting] == setting


@pytest.mark.parametrize("text, title", [
    ("Rapallo 1922 (Genoa conference)\n* Germany and Russia were both isolated", True),
    ("Rapallo 1922:\n\nGermany and Russia were both isolated.", True),
    # A first line that says something, runs on, or is all there is, is no title.
    ("Rapallo was signed in 1922.\nGermany and Russia were both isolated.", False),
    ("Rapallo 1922 (Genoa conference). Germany and Russia were both isolated.", False),
    ("Rapallo 1922 (Genoa conference)\n", False),
])
def test_a_first_line_standing_alone_above_the_rest_is_a_title(pipeline, text, title):
    assert pipeline.parse(text).claims[0].title is title


def test_a_pronoun_opening_a_sentence_is_its_party_when_it_wants(pipeline):
    claims = pipeline.parse("Russia was poor after the civil war. They needed German machines.").claims
    (want,) = claims[1].wants
    assert want.wanter == ("russia",) and "machines" in want.wanted and "they" not in want.wanted


def test_a_past_tense_verb_beside_a_verb_negated_with_did_not_is_said_outright(pipeline):
    essay = pipeline.parse("The generals did not accept this and looked for a way round Versailles.")
    assert [(c.text, c.negated) for c in essay.claims] == [("The generals did not accept this", True),
                                                          ("looked for a way round Versailles", False)]
    essay = pipeline.parse("Germany did not want to stay weak and looked for ways to rebuild its army.")
    assert [c.negated for c in essay.claims] == [True, False] and essay.claims[1].text.startswith("looked")
    # Both bare verbs after "did not" stay denied together.
    (claim,) = pipeline.parse("Germany did not want war or seek allies.").claims
    assert claim.negated


def test_nouns_joined_by_and_beside_a_verb_are_no_list(pipeline):
    # The parser splits the sentence after "got", leaving a claim of nouns and "and"s with a verb.
    essay = pipeline.parse("Germany got oil and weet from Russia and Russia got machines and enjineers from Germany.")
    assert not any(c.listing for c in essay.claims)


@pytest.mark.parametrize("text, reading", [
    ("Neither Germany nor Russia accepted the borders.", "both germany and russia not accepted the borders"),
    ("Neither Germany nor Russia was welcome in Europe.", "both germany and russia was not welcome in europe"),
    ("Neither Germany nor Russia had allies.", "both germany and russia had no allies"),
    ("Neither Berlin nor Moscow had any love for Versailles.", "both berlin and moscow had no love for versailles"),
    ("Neither country had allies.", ""),  # a lone "neither" says it outright
    ("Germany wanted neither war nor peace.", ""),  # not a subject
])
def test_a_subject_neither_x_nor_y_reads_as_both_did_not(pipeline, text, reading):
    (claim,) = pipeline.parse(text).claims
    assert " ".join(claim.reading[0]) == reading


@pytest.mark.parametrize("text, readings", [
    ("Germany sold machines and Russia sold grain.", ["germany sold russia machines", "russia sold germany grain"]),
    ("Russia give oil, Germany give machine.", ["russia give germany oil", "germany give russia machine"]),
    # A receiver named, one giver, or a third party: as said.
    ("Germany sold machinery to Russia and Russia sold grain to Germany.", [""]),
    ("Germany sold machines and bought grain.", [""]),
    ("Germany sold machines and Russia sold grain to Britain.", ["", ""]),
])
def test_each_side_of_an_exchange_reads_as_giving_to_the_other(pipeline, text, readings):
    assert [" ".join(c.reading[0]) for c in pipeline.parse(text).claims] == readings


@pytest.mark.parametrize("text, readings", [
    ("Germany and Russia signed the treaty because they were isolated.", ["", "because both they were isolated"]),
    ("Germany and Russia signed because they hated Versailles.", ["", "because both they hated versailles"]),
    # A "them" the clause does something to: "both" after the claim, so no pair around it breaks.
    ("Germany and Russia signed because nobody wanted them.", ["", "because nobody wanted them both"]),
    ("Germany and Russia signed because nobody would talk to them.", ["", "because nobody would talk to them both"]),
    # One party, or a pair that may be the object's: as said.
    ("Germany signed because they were alone.", ["", ""]),
    ("Britain and France hated Russia and Germany because they feared them.", ["", ""]),
    ("Germany signed because nobody wanted them.", ["", ""]),
])
def test_a_they_after_two_parties_named_reads_as_both(pipeline, text, readings):
    assert [" ".join(c.reading[0]) for c in pipeline.parse(text).claims] == readings


@pytest.mark.parametrize("text, reading", [
    ("Nobody in Europe wanted to speak with the communists.", "nobody wanted to speak with the communists in europe"),
    ("No one in the West would trade with the Bolsheviks.", "no one would trade with the bolsheviks in the west"),
    ("Nobody in Europe like them.", "nobody like them in europe"),  # a learner's verbless "like"
    # Nothing between "nobody" and its verb, or no verb after the phrase: as said.
    ("Nobody liked the communists in Europe.", ""),
    ("Russia was hated by nobody in Europe.", ""),
])
def test_a_nobody_kept_from_its_verb_by_a_phrase_reads_next_to_it(pipeline, text, reading):
    (claim,) = pipeline.parse(text).claims
    assert " ".join(claim.reading[0]) == reading


@pytest.mark.parametrize("text, reading", [
    ("No Western government had accepted the Bolsheviks.", "no western government had not accepted the bolsheviks"),
    ("No great power recognised the Soviet government.", "no great power not recognised the soviet government"),
    # After the first auxiliary, so a teacher's "yet recogni*" still meets its verb.
    ("No Western state had yet recognised Russia.", "no western state had not yet recognised russia"),
    # "No one" (a teacher's terms spell it out), a verb "be", a learner's note: as said.
    ("No one would trade with Russia.", ""),
    ("No country was friendly to Russia.", ""),
    ("Russia: no friends, capitalist hate communism, want German machine.", ""),
])
def test_a_subject_with_no_reads_as_none_did(pipeline, text, reading):
    (claim,) = pipeline.parse(text).claims
    assert " ".join(claim.reading[0]) == reading


def test_a_bullet_is_one_sentence_unless_it_ends_one_itself(pipeline):
    # The parser would end a sentence after "wanted", leaving "German machines" a fragment.
    essay = pipeline.parse("- Russia: wanted German machines\n- trade")
    assert [(c.sentence, c.text) for c in essay.claims] == [(0, "Russia: wanted German machines"), (1, "trade")]
    essay = pipeline.parse("- Germany was weak. It had to pay reparations\n- trade")
    assert [c.sentence for c in essay.claims] == [0, 1, 2]


def test_a_denial_reaches_no_further_than_a_semicolon_after_it(pipeline):
    essay = pipeline.parse("It is not true that Britain welcomed the Bolsheviks; in fact they feared revolution.")
    assert [(c.text, c.negated) for c in essay.claims] == [("It is not true", True),
                                                          ("that Britain welcomed the Bolsheviks", True),
                                                          ("in fact they feared revolution", False)]
    assert [c.denied for c in essay.claims] == [True, True, False]
    # What comes before the denial stays denied, across a semicolon too.
    essay = pipeline.parse("The West feared communism; but that is wrong.")
    assert all(c.negated and c.denied for c in essay.claims)
    # A claim's own "not" negates it without denying it.
    (claim,) = pipeline.parse("The West did not trust the communists.").claims
    assert claim.negated and not claim.denied


def test_a_nothing_on_a_second_coordinated_verb_denies_that_verb_alone(pipeline):
    essay = pipeline.parse("It was signed in 1922 at the Genoa conference and had nothing to do with Hitler.")
    assert [(c.text, c.negated) for c in essay.claims] == [("It was signed in 1922 at the Genoa conference", False),
                                                          ("had nothing to do with Hitler", True)]


def test_a_not_on_a_second_coordinated_verb_denies_that_verb_alone(pipeline):
    essay = pipeline.parse("They could split Poland and not fight each other.")
    assert [(c.text, c.negated) for c in essay.claims] == [("They could split Poland", False),
                                                          ("not fight each other", True)]
    essay = pipeline.parse("Germany signed the treaty and did not tell the Allies.")
    assert [c.negated for c in essay.claims] == [False, True]
    # A "not" on the first verb still covers what it says; so does one on both.
    (claim,) = pipeline.parse("Germany could not pay and did not want to.").claims
    assert claim.negated


@pytest.mark.parametrize("text, statements", [
    ("Reasons:\n- secret training of German soldiers in Russia\n- trade", [False, True, False]),
    ("* isolation of both countries\n  \u2022 fear of communism in the West", [True, True]),
    ("Reasons:\n1. isolation of both countries\n2) huge reparations", [False, True, False]),
    ("The peace - harsh and unjust - angered both of them", [True]),
    ("Isolation of both countries", [False]),
    # The parser makes a list number a sentence of its own: the line after it is still its bullet.
    ("Why Rapallo?\n3. Both isolated\n4. Secret training of German troops in Russia", [False, True, True]),
    # A label and a colon open a note's line as a bullet does; a heading's colon ends its line.
    ("Soviets: German machines and loans\nBoth: hostile to the Versailles order", [True, True]),
    ("Economic (USSR): German machines and loans", [True]),
    ("Reasons:\nisolation and fear of the west", [False, False]),
    # A note's arrow stands for its verb.
    ("Germany -> secret rearmament in USSR\nboth -> outcasts", [True, False]),
    ("Germany \u2192 secret rearmament in USSR", [True]),
    ("Germany - > secret rearmament in USSR", [False]),  # a dash and a stray ">" are no arrow
])
def test_a_bullet_of_four_words_or_more_says_something_without_a_verb(pipeline, text, statements):
    assert [c.statement for c in pipeline.parse(text).claims] == statements


def test_a_semicolon_ends_what_is_wanted(pipeline):
    # The parser hangs the second clause under the first verb's object, as if Germany sought know-how.
    (claim,) = pipeline.parse("Germany sought raw materials; Soviet Russia, devastated by war, required know-how.").claims
    (want,) = claim.wants
    assert want.wanter == ("germany",) and "materials" in want.wanted and "know" not in want.wanted


def test_the_number_of_a_numbered_list_is_not_a_sentence(pipeline):
    essay = pipeline.parse("Reasons:\n1.\nGermany was weak\n2.\nRussia was isolated\nb)\nIt was 1922.\n1922.")
    assert [(c.sentence, c.text) for c in essay.claims] == [
        (0, "Reasons"), (1, "Germany was weak"), (2, "Russia was isolated"), (3, "It was 1922"), (4, "1922")]


def test_fragments_are_not_statements(pipeline):
    essay = pipeline.parse("Versailles - reparations - economy. Germany weak: reparations. Germany paid.")
    assert [c.statement for c in essay.claims] == [False, True, True]


@pytest.mark.parametrize("text, statement", [
    ("Germany - weak after WW1 - reparations, inflation.", True),  # the adjective is the root
    ("Bridge table initially empty.", True),
    ("Weak - reparations - inflation.", False),  # no subject: keywords
    ("Very weak economy.", False),
])
def test_a_note_with_its_verb_left_out_is_a_statement(pipeline, text, statement):
    assert [c.statement for c in pipeline.parse(text).claims] == [statement]


def test_a_word_the_tagger_calls_a_verb_but_the_parser_uses_as_a_noun_makes_no_statement(pipeline):
    claims = pipeline.parse("Rapallo Genoa 1922 isolation recognition reparations Versailles communism "
                            "raw materials technology secret army counterweight revision.").claims
    assert [c.statement for c in claims] == [False]
    assert [c.statement for c in pipeline.parse("Germany liked trading with Russia.").claims] == [True]


def test_without_a_model_the_grader_falls_back_to_rules_and_says_so(monkeypatch, rubric):
    from rapallo_grader import Grader, pipeline as pipeline_module

    monkeypatch.setattr(pipeline_module, "MODEL_PACKAGES", ("no_such_model_package",))
    grader = Grader(rubric, pipeline_module.Pipeline())
    report = grader.grade("Germany did not want Russian oil. Both countries were outcasts and recognised each other.")
    assert report.pipeline["fallback"] is True and report.pipeline["name"].startswith("blank:en")
    assert "fallback_pipeline" in report.flags
    assert {p.id for p in report.points if p.awarded} == {"K2"}


def test_a_full_string_cache_starts_again_without_changing_any_claim(pipeline, monkeypatch):
    from rapallo_grader import pipeline as pipeline_module

    texts = [(ROOT / "examples" / name).read_text(encoding="utf-8") for name in ("strong.txt", "negation.txt")] * 2
    expected = list(pipeline.parse_many(texts))
    remembered = len(pipeline._strings)
    monkeypatch.setattr(pipeline_module, "_STRINGS_REMEMBERED", 10)
    assert list(pipeline.parse_many(texts)) == expected
    assert len(pipeline._strings) < remembered  # only the last essay's strings are left


def test_an_essay_in_capitals_is_read_like_one_in_lower_case(pipeline):
    essay = "Germany did not want raw materials. BOTH COUNTRIES WERE OUTCASTS, SO THEY RECOGNISED EACH OTHER."
    shouted, quiet = pipeline.parse(essay.upper()), pipeline.parse(essay.lower())
    assert [(c.start, c.end, c.lemmas, c.negated, c.statement) for c in shouted.claims] == \
           [(c.start, c.end, c.lemmas, c.negated, c.statement) for c in quiet.claims]
    # the claims still show, and point into, the essay as written
    assert shouted.text == essay.upper() and all(c.text == essay.upper()[c.start:c.end] for c in shouted.claims)
    # a letter whose lower case is longer ("İ" -> "i̇") keeps offsets aligned
    turkish = pipeline.parse("İSTANBUL " + essay.upper())
    assert all(c.text == turkish.text[c.start:c.end] for c in turkish.claims)


def test_only_an_essay_mostly_in_capitals_is_lowered_for_the_parser():
    from rapallo_grader.pipeline import _readable

    essay = "The USSR and the Weimar Republic signed at Rapallo in 1922, during the Genoa Conference."
    assert _readable(essay) == essay  # acronyms and names keep their capitals
    assert _readable("NATO AND THE USSR") == "NATO AND THE USSR"  # too few letters to judge
    assert _readable(essay.upper()) == essay.upper().lower()


@pytest.mark.parametrize("text, statement", [
    ("Hitler signd the tready of Rapalo with Stalin.", True),  # a misspelt verb read as part of a name
    ("UDP transfers datagrams and TCP transfers segments.", True),  # a verb read as a plural noun
    ("Germany and Soviet Russia sign because both alone in Europe.", True),  # a learner's bare "sign"
    ("Third, Soviet Russia's need for German industrial equipment.", True),  # a list item written out
    ("Third, the army.", False),
    ("bulb a", False), ("Versailles - reparations - economy.", False), ("German technology / expertise.", False),
])
def test_a_verb_the_tagger_took_for_a_noun_still_makes_a_statement(pipeline, text, statement):
    assert pipeline.parse(text).claims[0].statement is statement


@pytest.mark.parametrize("text, statement", [
    ("England and France not like Russia.", True),  # a learner's "like", tagged a preposition
    ("Other country not like Russia because communism.", True),
    ("Like Germany, Russia.", False),  # a preposition, with no subject
    ("A country like Russia", False),
    # Hung on the clause's noun as its preposition, with nobody or a denial to say it is the verb.
    ("Nobody in Europe like them.", True),
    ("Both country not like Versailles treaty because it was unfair for them.", True),
    ("Countries like Britain and France.", False),
    ("Its not like a real alliance.", False),  # a pronoun and a denial: "it's not like"
])
def test_a_learners_like_with_a_subject_makes_a_statement(pipeline, text, statement):
    assert pipeline.parse(text).claims[0].statement is statement


@pytest.mark.parametrize("text, statement", [
    ("russia wantid german machins.", True),  # one letter from "wanted"
    ("In 1922 after the frist world war germany and russia signd the tready of rapallo.", True),
    ("the tready of rapallo", False),  # one letter from "treaty" and "tread": not from a past form
    ("Secret military training.", False),
    ("Rapallo (16 April 1922, Genoa conference)", False),
])
def test_a_misspelt_verb_the_tagger_cannot_see_still_makes_a_statement(pipeline, text, statement):
    assert pipeline.parse(text).claims[0].statement is statement
