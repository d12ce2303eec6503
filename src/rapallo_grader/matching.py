"""Claims x rubric criteria -> similarity, with the reason behind every number.

Two signals decide whether a claim makes a point:

* **key-term coverage**: how many of the criterion's synonym groups the claim uses (spelling
  slips forgiven, ``stem*`` matching any ending, multi-word terms matched as adjacent words).
  The claim itself must use the first group, the anchor; the rest may come from neighbouring
  sentences of the same paragraph, because students spread one point over two sentences.
  Without explicit terms, each content word of the criterion's text is a group, and any of
  them can anchor.
* **wording similarity**: rapidfuzz ratios between the claim's content lemmas and the
  criterion's text and alternatives, with negation that must agree.

A claim that is negated ("it was not about trade"), a bare fragment with no predicate
("Versailles - reparations"), or about something the criterion excludes scores 0, and the
refusal is recorded so the report can say why.

Everything about the rubric is compiled once in ``Matcher.__init__``; per essay the work is a
handful of ``rapidfuzz.process.cdist`` calls and matrix products.
"""

from __future__ import annotations

import math
import re
import warnings
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import IntEnum
from typing import TYPE_CHECKING

import numpy as np
from rapidfuzz import fuzz, process

from .errors import StaleThresholdWarning
from .model import MatchModel, stale_threshold
from .pipeline import DENIAL_WORDS, NEGATING_WORDS, Claim, ParsedEssay, Pipeline
from .rubric import Criterion, Misconception, Point, Rubric
from .semantic import Embedder
from .wordvectors import RelatedWords

if TYPE_CHECKING:
    from scipy.sparse import csr_matrix

# Spelling slips are forgiven only in words long enough for an edit not to make another word
# ("gain" is not a slip for "grain"); word pairs need more letters still ("and the" vs "end the").
_MIN_FUZZY_LENGTH = 6
_MIN_FUZZY_PAIR_LENGTH = 10
#: A misspelt word pair must be close word by word too: "split and" is 86% like "split poland" as
#: a whole, but "and" is no slip for "poland" (67%); "frist world" for "first world" is (80%).
_MIN_PAIR_WORD_SIMILARITY = 75
_MIN_SUFFIX = 3  # letters added to a whole word that make another word
#: Word forms whose term hits are remembered between essays (about 1 KB each for a large rubric).
CACHE_FORMS = 200_000


class Refusal(IntEnum):
    NONE = 0
    NEGATED = 1
    FRAGMENT = 2
    EXCLUDED = 3
    LIST = 4
    REPORTED = 5
    OTHERS_MOTIVE = 6

    @property
    def reason(self) -> str:
        return {0: "", 1: "negated", 2: "not a statement", 3: "about something else", 4: "a list of keywords",
                5: "reported, not stated", 6: "someone else's motive"}[int(self)]


#: What the learned matcher sees of a claim/criterion pair, in this order.
FEATURES = ("term_coverage", "anchored", "wording_set_ratio", "wording_sort_ratio", "char_tfidf_cosine",
            "lemma_recall", "lemma_precision", "window_lemma_recall", "window_related_recall", "window_char_cosine",
            "claim_negated", "negation_mismatch", "statement", "log_claim_words", "log_criterion_words")
#: With the optional [semantic] extra: cosine of sentence embeddings, best wording.
SEMANTIC_FEATURES = (*FEATURES, "semantic_cosine")


@dataclass(frozen=True)
class MatchTable:
    """Claims x criteria matrices for one essay; columns follow ``Matcher.criteria``.

    ``similarity`` decides: the rule score (term coverage and wording) for criteria with
    teacher-written terms, the learned match probability for the others (when a model is loaded).
    """

    similarity: np.ndarray
    raw: np.ndarray
    terms: np.ndarray
    fuzzy: np.ndarray
    refusal: np.ndarray
    features: np.ndarray
    #: How squarely each claim states each criterion in its own words, which orders the evidence a
    #: criterion was awarded on: the learned matcher judges a claim with its window, so in a
    #: paragraph that makes a point once its neighbours can score higher than the claim that makes it.
    #: None: by similarity.
    evidence_order: np.ndarray | None = None
    #: For a point said of each side in turn, the claim on the other side whose words said "both"
    #: for each claim (claims x criteria, -1 where none). None: no such point.
    paired: np.ndarray | None = None


def _forgiving(word: str) -> bool:
    return len(word) >= (_MIN_FUZZY_PAIR_LENGTH if " " in word else _MIN_FUZZY_LENGTH)


class _Vocabulary:
    """Term words and stems of the whole rubric, matched against an essay's words in one go."""

    def __init__(self, spelling: float, whole_words: bool = False) -> None:
        self.spelling = spelling
        # A teacher who writes a word without "*" means that word (_pair_words_close). Drafted
        # rubrics, whose words no teacher chose, and the learned matcher's training rows made
        # from them, still take its derivatives.
        self.whole_words = whole_words
        self.words: list[str] = []
        self._index: dict[str, int] = {}

    def add(self, word: str) -> int:
        if word not in self._index:
            self._index[word] = len(self.words)
            self.words.append(word)
        return self._index[word]

    def freeze(self) -> None:
        self._cache: dict[str, int] = {}  # form -> its row of answers in table
        self.table = np.zeros((1024, len(self.words)), dtype=bool)
        # A word pair with a stem before its end ("refus* to") is matched word by word (and may
        # have a slip in a word, _pair_match); a single stem, or a pair whose only stem ends it
        # ("to recogni*"), is a prefix of the whole form. A form is compared only with the pairs
        # whose words open with its words' letters (a slip keeps the first), or that have a bare
        # "*", which any word fills.
        self._pairs = [i for i, w in enumerate(self.words) if "*" in w[:-1]]
        self._pairs_by_initials: dict[tuple[str, ...], list[int]] = {}
        self._open_pairs = [i for i in self._pairs if "*" in self.words[i].split(" ")]
        for i in self._pairs:
            if i not in self._open_pairs:
                self._pairs_by_initials.setdefault(_initials(self.words[i]), []).append(i)
        self._exact = [i for i, w in enumerate(self.words) if not w.endswith("*") and i not in self._pairs]
        self._stems = [i for i, w in enumerate(self.words) if w.endswith("*") and i not in self._pairs]
        self._exact_text = [self.words[i] for i in self._exact]
        self._exact_long = np.array([_forgiving(self.words[i]) for i in self._exact], dtype=bool)
        by_length: dict[int, list[int]] = {}
        for i in self._stems:
            by_length.setdefault(len(self.words[i]) - 1, []).append(i)
        self._stems_by_length = sorted(by_length.items())

    def rows(self, forms: list[str]) -> np.ndarray:
        """Each form's row in ``table`` (forms x vocabulary: does this essay word or lemma use
        this term word?).

        A class writes with much the same words, so each form's answer is remembered (up to
        ``CACHE_FORMS`` forms); only forms not seen before go through rapidfuzz. When the cache
        is full it starts again, with this call's forms.
        """
        unique = list(dict.fromkeys(forms))
        new = [f for f in unique if f not in self._cache]
        if new and len(self._cache) + len(new) > CACHE_FORMS:
            self._cache.clear()
            new = unique
        if new:
            used = len(self._cache)
            if used + len(new) > len(self.table):
                grown = np.zeros((max(2 * len(self.table), used + len(new)), len(self.words)), dtype=bool)
                grown[:used] = self.table[:used]
                self.table = grown
            self.table[used:used + len(new)] = self._compute(new)
            self._cache.update(zip(new, range(used, used + len(new))))
        return np.array([self._cache[f] for f in forms], dtype=np.intp)

    def _compute(self, forms: list[str]) -> np.ndarray:
        out = np.zeros((len(forms), len(self.words)), dtype=bool)
        if self._exact:
            score = process.cdist(forms, self._exact_text, scorer=fuzz.ratio, dtype=np.uint8, workers=1)
            slips = (score < 100) & (score >= self.spelling) & self._exact_long
            for row, column in zip(*np.nonzero(slips)):
                slips[row, column] = _pair_words_close(forms[row], self._exact_text[column], self.whole_words)
            out[:, self._exact] = (score == 100) | slips
        for length, columns in self._stems_by_length:
            stems = [self.words[i][:-1] for i in columns]
            score = _head_scores(forms, stems, length)
            if length > _MIN_FUZZY_LENGTH:
                # A slip that adds a letter inside a stem pushes the stem's end one letter on:
                # "reparashions" is "reparation*" misspelt, though its first ten letters are not.
                # Not in shorter stems, where it makes other words ("present" from "resent*").
                score = np.maximum(score, _head_scores(forms, stems, length + 1))
            long_enough = np.array([len(f) >= length for f in forms])[:, None]
            fuzzy_ok = np.array([_forgiving(s) for s in stems], dtype=bool)[None, :]
            slips = (score < 100) & (score >= self.spelling) & fuzzy_ok
            for row, column in zip(*np.nonzero(slips)):
                if " " in stems[column]:  # "war reparation" is no slip for "pay reparation*"
                    slips[row, column] = _pair_words_close(forms[row][:length], stems[column])
            out[:, columns] = long_enough & ((score == 100) | slips)
        for row, form in enumerate(forms):
            for i in (*self._pairs_by_initials.get(_initials(form), ()), *self._open_pairs):
                out[row, i] = _pair_match(form, self.words[i], self.spelling)
        return out


def _head_scores(forms: list[str], stems: list[str], cut: int) -> np.ndarray:
    """forms x stems, 0-100: each form cut to ``cut`` letters against each stem. A one-word stem
    is compared with one word only: cut from a word pair, "outside the" is "outside " and would
    slip to "outsider*"."""
    heads = [f[:cut] for f in forms]
    score = process.cdist(heads, stems, scorer=fuzz.ratio, dtype=np.uint8, workers=1)
    spaced = np.array([" " in h for h in heads])[:, None]
    one_word = np.array([" " not in s for s in stems])[None, :]
    return np.where(spaced & one_word, 0, score)


def _pair_words_close(form: str, term: str, whole_words: bool = False) -> bool:
    """A slip for a word pair is a slip in each word; and no word (of one or two) is the term's word
    with letters only added or dropped at its front, which makes another word, not a slip:
    "altogether" for "together", "popular" for "unpopular", "invisible" for "visible". With
    ``whole_words`` (a teacher's word written without "*"), nor with three letters or more added at
    its end: "industrialist" for "industrial"."""
    words, term_words = form.split(" "), term.split(" ")
    return len(words) == len(term_words) and all(
        a == b or (fuzz.ratio(a, b) >= _MIN_PAIR_WORD_SIMILARITY and not (a.endswith(b) or b.endswith(a))
                   # In a run of three words, a slip only in a word long enough to slip on its
                   # own: "cheated by the" is no slip for "hated by the".
                   and (len(words) < 3 or len(b) >= _MIN_FUZZY_LENGTH)
                   # A short word slips only at its end ("lose value" for "lost value"): "land"
                   # for "loan" is another word.
                   and (len(b) >= _MIN_FUZZY_LENGTH or _shared_start(a, b) >= min(len(a), len(b)) - 1)
                   and not (whole_words and a.startswith(b) and len(a) - len(b) >= _MIN_SUFFIX))
        for a, b in zip(words, term_words))


def _shared_start(a: str, b: str) -> int:
    return next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))


def _initials(text: str) -> tuple[str, ...]:
    return tuple(w[:1] for w in text.split(" "))


def _pair_match(form: str, pair: str, spelling: float) -> bool:
    """A word pair with a stem inside ("isolat* because"), word by word: each word is the term's
    (a stem's, with any ending), or a slip for it long enough to be one: "isolatd becuase"
    ("becuase" for "because"; a stem's head, cut to the stem's length, for the stem)."""
    words, terms = form.split(" "), pair.split(" ")
    if len(words) != len(terms):
        return False
    for word, term in zip(words, terms):
        if term.endswith("*"):
            stem = term[:-1]
            if not (word.startswith(stem) or (len(stem) >= _MIN_FUZZY_LENGTH and len(word) >= len(stem)
                                               and fuzz.ratio(word[:len(stem)], stem) >= spelling)):
                return False
        elif word != term and not (len(term) >= _MIN_FUZZY_LENGTH and fuzz.ratio(word, term) >= spelling
                                   and not (word.endswith(term) or term.endswith(word))):
            return False
    return True


class _CharGrams:
    """Character n-gram TF-IDF of claims against the rubric's wordings: scikit-learn's
    ``TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True)``, reproduced to
    the last bit (the tests compare the two) without importing scikit-learn, which costs a
    second of every start-up.

    ``char_wb`` n-grams never cross a space, so a text's counts are the sum of its words' counts:
    each word is analysed once per grader (up to ``CACHE_FORMS`` words) instead of once per claim.
    """

    def __init__(self, wordings: list[str]) -> None:
        first_seen: dict[str, int] = {}
        documents: list[dict[str, int]] = []
        for text in wordings:
            counts: dict[str, int] = {}
            for word in text.lower().split():
                for gram in _char_wb(word):
                    first_seen.setdefault(gram, len(first_seen))
                    counts[gram] = counts.get(gram, 0) + 1
            documents.append(counts)
        self._columns = {gram: i for i, gram in enumerate(sorted(first_seen))}
        df = np.bincount([self._columns[g] for counts in documents for g in counts],
                         minlength=len(self._columns)).astype(np.float64) + 1.0
        self._idf = np.full_like(df, len(wordings) + 1)
        self._idf /= df
        np.log(self._idf, out=self._idf)
        self._idf += 1.0  # smoothed idf, as TfidfTransformer
        self._wordings = np.zeros((len(self._columns), len(wordings)))  # n-grams x wordings
        for j, counts in enumerate(documents):
            # scikit-learn keeps a fitted row's n-grams in order of first appearance; the l2 norm
            # is summed in that order.
            grams = sorted(counts, key=first_seen.__getitem__)
            columns = np.array([self._columns[g] for g in grams], dtype=np.intp)
            weights = np.log(np.array([counts[g] for g in grams], dtype=np.float64)) + 1.0
            weights *= self._idf[columns]
            self._wordings[columns, j] = weights / _sequential_norms(weights, np.zeros(len(weights), dtype=np.intp), 1)
        self._words: dict[str, list[int]] = {}

    def counts(self, texts: list[str]) -> csr_matrix:
        """texts x n-grams: each text's n-gram counts (n-grams outside the wordings are dropped)."""
        from scipy.sparse import csr_matrix  # imported here: scipy costs a fifth of a second to load

        if len(self._words) > CACHE_FORMS:
            self._words.clear()
        indices: list[int] = []
        indptr = [0]
        for text in texts:
            for word in text.split():
                grams = self._words.get(word)
                if grams is None:
                    grams = self._words[word] = [self._columns[g] for g in _char_wb(word.lower()) if g in self._columns]
                indices += grams
            indptr.append(len(indices))
        counts = csr_matrix((np.ones(len(indices)), indices, indptr), shape=(len(texts), len(self._columns)))
        counts.sum_duplicates()  # each row's n-grams in column order
        return counts

    def cosine(self, counts: csr_matrix) -> np.ndarray:
        """rows of ``counts`` x wordings."""
        tfidf = counts.copy()
        tfidf.sum_duplicates()  # a product of counts (a window's) may come with its n-grams unsorted
        np.log(tfidf.data, tfidf.data)
        tfidf.data += 1.0
        tfidf.data *= self._idf[tfidf.indices]
        n_rows = tfidf.shape[0]
        rows = np.repeat(np.arange(n_rows), np.diff(tfidf.indptr))
        tfidf.data /= _sequential_norms(tfidf.data, rows, n_rows)[rows]
        return np.asarray(tfidf @ self._wordings)


def _char_wb(word: str) -> list[str]:
    """The 3- to 5-character n-grams of one word padded with spaces, as scikit-learn's ``char_wb``
    analyser makes them (a word shorter than n gives itself once)."""
    padded = f" {word} "
    grams = []
    for n in range(3, 6):
        grams += [padded[i:i + n] for i in range(max(1, len(padded) - n + 1))]
        if len(padded) <= n:
            break
    return grams


def _sequential_norms(values: np.ndarray, rows: np.ndarray, n_rows: int) -> np.ndarray:
    """l2 norm per row, summed one value after another in order (``bincount`` is a plain loop),
    as scikit-learn's ``inplace_csr_row_normalize_l2`` sums them; 1 for an empty row."""
    norms = np.sqrt(np.bincount(rows, weights=values * values, minlength=n_rows))
    norms[norms == 0] = 1.0
    return norms


class _TokenSetRatios:
    """``fuzz.token_set_ratio`` of texts against the rubric's wordings, computed in two passes.

    Where two texts share no word, the token-set ratio is the plain ratio of their sorted word
    sets, which rapidfuzz compares many at a time; only pairs that share a word (a third or so)
    go through the token-set scorer itself.
    """

    def __init__(self, wordings: list[str]) -> None:
        self._wordings = wordings
        word_sets = [sorted(set(w.split())) for w in wordings]
        self._joined = [" ".join(words) for words in word_sets]
        self._empty = np.array([not words for words in word_sets])
        self._index = _word_index(word_sets)
        self._words = _incidence(word_sets, self._index)

    def ratios(self, texts: list[str]) -> np.ndarray:
        """texts x wordings, 0-100 (float32)."""
        word_sets = [sorted(set(text.split())) for text in texts]
        joined = [" ".join(words) for words in word_sets]
        uses = _incidence(word_sets, self._index)
        ratio = process.cdist(joined, self._joined, scorer=fuzz.ratio, dtype=np.float32, workers=1)
        rows, columns = np.nonzero(uses @ self._words.T)
        if len(rows):
            ratio[rows, columns] = process.cpdist([texts[r] for r in rows], [self._wordings[c] for c in columns],
                                                  scorer=fuzz.token_set_ratio, dtype=np.float32, workers=1)
        empty = np.array([not j for j in joined])[:, None] | self._empty[None, :]
        ratio[empty] = 0.0  # the token-set ratio of an empty text is 0, its plain ratio may be 100
        return ratio


class Matcher:
    def __init__(self, rubric: Rubric, pipeline: Pipeline, model: MatchModel | None = None,
                 embedder: Embedder | None = None) -> None:
        settings = rubric.matching
        self.embedder = embedder
        self.feature_names = SEMANTIC_FEATURES if embedder is not None else FEATURES
        if model is not None and model.features != self.feature_names:
            raise ValueError(f"learned matcher {model.name} expects features {model.features}, "
                             f"this matcher computes {self.feature_names}")
        self.settings = settings
        self.criteria: tuple[Criterion, ...] = (*rubric.points, *rubric.misconceptions)
        # A misconception costs marks, so it must be stated within one sentence; a point may be
        # assembled from neighbouring sentences.
        self._sentence_only = np.array([isinstance(c, Misconception) for c in self.criteria])

        # Each wording is compared whole, with the polarity of its main clause; each negated
        # side clause ("... so they could not unite against Russia") is also compared on its own,
        # so that a negated claim can match only what the criterion itself says negatively.
        parsed = iter(pipeline.parse_many([rubric.question, *(w for c in self.criteria for w in c.wordings)]))
        # Words the question already gives away say nothing about the answer ("question demoting").
        self._question_words = frozenset(" ".join(cl.content for cl in next(parsed).claims).split())
        contents: list[str] = []
        negations: list[bool] = []
        counts: list[int] = []
        self._text_content: list[str] = []
        for criterion in self.criteria:
            before = len(contents)
            for wi, _ in enumerate(criterion.wordings):
                claims = next(parsed).claims
                contents.append(" ".join(cl.content for cl in claims))
                negations.append(any(cl.negated for cl in claims if cl.main))
                if wi == 0:
                    self._text_content.append(contents[-1])
                for cl in claims:
                    # A denied side clause is a wording of its own; a phrase contrasted with the
                    # point ("..., not a military alliance") says what the point is not: as a
                    # wording it let any short denial near it make the point, and made every
                    # plain claim count as disagreeing with the point in polarity.
                    if cl.negated and not cl.main and cl.statement:
                        contents.append(cl.content)
                        negations.append(True)
            counts.append(len(contents) - before)
        self._wording_content = contents
        self._wording_negated = np.array(negations, dtype=bool)
        self._wording_starts = np.cumsum([0, *counts[:-1]])
        self._has_negated_wording = np.logical_or.reduceat(self._wording_negated, self._wording_starts)
        wording_lemmas = [self._demoted(c) for c in contents]
        self._lemma_index = _word_index(wording_lemmas)
        self._related = RelatedWords(list(self._lemma_index))
        self._wording_lemmas = _incidence(wording_lemmas, self._lemma_index)
        self._wording_sizes = np.maximum(1.0, self._wording_lemmas.sum(axis=1))
        self._char_grams = _CharGrams([c or "-" for c in contents])
        self._token_sets = _TokenSetRatios(contents)
        self._criterion_words = np.log1p([len(t.split()) for t in self._text_content])
        if embedder is not None:
            texts = []
            for criterion in self.criteria:  # same layout as the wording table: whole wordings, then clauses
                texts += list(criterion.wordings)
            self._wording_embeddings = embedder.encode(texts)
            counts_whole = [len(c.wordings) for c in self.criteria]
            self._embedding_starts = np.cumsum([0, *counts_whole[:-1]])

        # The learned matcher judges criteria without teacher-written terms; the teacher's terms
        # are rules and stay in charge where they exist.
        self.model = model
        self.learned = np.array([model is not None and not c.terms for c in self.criteria])
        # Points and misconceptions the teacher gave terms: what the window's lending rule is for.
        # (Not "not learned": without a model every point is ruled, and the training rows for
        # the learned matcher must be made as it meets points at grading time.)
        self._termed = np.array([bool(c.terms) for c in self.criteria])
        # A claim is read as it means ("neither ... nor": both did not) for a teacher's terms only:
        # drafted rubrics, and the learned matcher's training rows, read it as said.
        self._read_as_meant = bool(self._termed.any())
        self._rule_points = self._termed & ~self._sentence_only
        self._anywhere = np.array([isinstance(c, Point) and c.anywhere for c in self.criteria]) & self._rule_points
        learned_threshold = settings.learned_threshold
        if learned_threshold is None:
            learned_threshold = model.threshold if model is not None else settings.threshold
        self.thresholds = np.where(self.learned, learned_threshold, settings.threshold)
        stale = stale_threshold(settings.learned_for, model.name) if model is not None else None
        if stale and self.learned.any() and settings.learned_threshold is not None:
            warnings.warn(stale, StaleThresholdWarning, stacklevel=3)

        vocab = _Vocabulary(settings.spelling, whole_words=self._read_as_meant)
        phrases: list[list[int]] = []
        phrase_ids: dict[str, int] = {}

        def phrase(term: str) -> int:
            if term not in phrase_ids:
                phrase_ids[term] = len(phrases)
                phrases.append([vocab.add(w) for w in _term_ngrams(_term_words(term))])
            return phrase_ids[term]

        groups: list[list[int]] = []
        anchors: list[bool] = []
        self._group_owner: list[int] = []
        self.min_terms = np.zeros(len(self.criteria))
        self.terms: list[tuple[tuple[str, ...], ...]] = []
        exclude: list[list[int]] = []
        wanted_by: list[list[int]] = []
        own_denials: list[list[int]] = []
        first_groups: list[int] = []
        each_side: list[tuple[int, list[int], int, list[list[int]]]] = []
        for ci, criterion in enumerate(self.criteria):
            terms, needed = criterion.terms, criterion.min_terms
            derived = not terms
            if derived:
                lemmas = dict.fromkeys(self._text_content[ci].split())
                lemmas = {w: None for w in lemmas if w not in self._question_words} or lemmas
                terms = tuple((lemma,) for lemma in lemmas)
                needed = max(1, math.ceil(len(terms) / 2))
            self.terms.append(terms)
            self.min_terms[ci] = needed or len(terms)
            first_groups.append(len(groups))
            for gi, group in enumerate(terms):
                groups.append([phrase(t) for t in group])
                anchors.append(derived or gi == 0)
                self._group_owner.append(ci)
            exclude.append([phrase(t) for t in criterion.exclude])
            wanted_by.append([phrase(t) for t in criterion.wanted_by])
            # Only a teacher's terms: a point's own words, as derived, may hold a plain "not".
            own_denials.append([phrase(t) for group in criterion.terms for t in group
                                if NEGATING_WORDS & set(_term_words(t))])
            if isinstance(criterion, Point) and criterion.each_side:
                rest = [first_groups[ci] + g for g in range(len(terms)) if g != criterion.each_side_group]
                each_side.append((ci, rest, int(self.min_terms[ci]) - 1,
                                  [[phrase(t) for t in side] for side in criterion.each_side]))
        vocab.freeze()
        self._vocab = vocab
        # Word triples are looked up only for a rubric with a term of three words or more.
        self._triples = any(w.count(" ") == 2 for w in vocab.words)

        n_vocab, n_phrases = len(vocab.words), len(phrases)
        # Incidence matrices are float32 so that the per-essay products run through BLAS.
        # A phrase is found when all its words are: an AND over each phrase's run of columns. A
        # phrase with no words (a term of punctuation only) is always found, via an all-true column.
        runs = [words or [n_vocab] for words in phrases]
        self._phrase_columns = np.array([w for words in runs for w in words], dtype=np.intp)
        self._phrase_starts = np.cumsum([0, *(len(words) for words in runs[:-1])])
        self._group_phrases = np.zeros((len(groups), n_phrases), dtype=np.float32)
        for g, members in enumerate(groups):
            self._group_phrases[g, members] = 1
        self._criterion_groups = np.zeros((len(groups), len(self.criteria)), dtype=np.float32)
        self._criterion_groups[np.arange(len(groups)), self._group_owner] = 1
        self._criterion_anchors = self._criterion_groups * np.array(anchors, dtype=np.float32)[:, None]
        self._exclude_phrases = np.zeros((n_phrases, len(self.criteria)), dtype=np.float32)
        for ci, members in enumerate(exclude):
            self._exclude_phrases[members, ci] = 1
        self._own_denials = np.zeros((n_phrases, len(self.criteria)), dtype=np.float32)
        for ci, members in enumerate(own_denials):
            self._own_denials[members, ci] = 1
        # Points said of each side in turn: the point, the groups a claim must make besides the
        # "both" group, how many of them, and phrases x sides.
        self._each_side: list[tuple[int, list[int], int, np.ndarray]] = []
        for ci, rest, needed, sides in each_side:
            named = np.zeros((n_phrases, len(sides)), dtype=np.float32)
            for si, members in enumerate(sides):
                named[members, si] = 1
            self._each_side.append((ci, rest, needed, named))
        # Whose motive a point is: its wanters' phrases, and its first group (what is wanted).
        self._motives = np.array([bool(c.wanted_by) for c in self.criteria])
        self._wanter_phrases = np.zeros((n_phrases, len(self.criteria)), dtype=np.float32)
        self._wanted_groups = np.zeros((len(groups), len(self.criteria)), dtype=np.float32)
        for ci, members in enumerate(wanted_by):
            if members:
                self._wanter_phrases[members, ci] = 1
                self._wanted_groups[first_groups[ci], ci] = 1

    def match(self, essay: ParsedEssay) -> MatchTable:
        claims = essay.claims
        n_claims, n_criteria = len(claims), len(self.criteria)
        if n_claims == 0:
            empty = np.zeros((0, n_criteria))
            return MatchTable(empty, empty, empty, empty, np.zeros((0, n_criteria), dtype=np.int8),
                              np.zeros((0, n_criteria, len(self.feature_names))))

        claim_vocab = self._claim_vocabulary(essay)
        sentences = np.array([c.sentence for c in claims])
        paragraphs = np.array([c.paragraph for c in claims])
        # Claims come in sentence order, so per-sentence unions are reductions over runs of rows;
        # nothing here grows with (claims x sentences).
        starts = np.flatnonzero(np.r_[True, sentences[1:] != sentences[:-1]])
        sentence_of_run = np.cumsum(np.r_[0, sentences[1:] != sentences[:-1]])
        sentence_paragraph = paragraphs[starts]
        sentence_vocab = np.logical_or.reduceat(claim_vocab, starts, axis=0)
        # Phrases and groups are row-wise, so sentences' and windows' are computed once per
        # sentence and then spread to its claims.
        sentence_phrases = self._phrases(sentence_vocab)
        claim_phrases = self._phrases(claim_vocab)
        anchored = (self._groups(claim_phrases) @ self._criterion_anchors) > 0
        sentence_covered = self._groups(sentence_phrases) @ self._criterion_groups

        fuzzy, sort_ratio, cosine, window_cosine = self._wording_similarities(essay, sentence_of_run,
                                                                              sentence_paragraph)
        recall, precision, window_recall, window_related = self._lemma_overlap(essay, starts, sentence_of_run,
                                                                               sentence_paragraph)

        claim_negated = np.array([c.negated for c in claims])[:, None]
        statement = np.array([c.statement for c in claims])[:, None]
        listing = np.array([c.listing for c in claims])[:, None]
        refusal = np.zeros((n_claims, n_criteria), dtype=np.int8)
        excluded = (sentence_phrases.astype(np.float32) @ self._exclude_phrases)[sentence_of_run] > 0
        refusal[excluded] = Refusal.EXCLUDED
        # The rules refuse a fragment outright; the learned matcher weighs it (``statement`` is one
        # of its features), as "Different sized hands." answers a short question well enough.
        # Refusing fragments there cost 0.013 AUC in cross-validation on the training answers.
        # A misconception needs a statement either way.
        ruled = ~(self.learned & ~self._sentence_only)[None, :]
        refusal[~statement[:, 0, None] & ruled] = Refusal.FRAGMENT
        refusal[listing[:, 0, None] & ruled] = Refusal.LIST
        if self._anywhere.any() and (statement[:, 0] & ~listing[:, 0]).any():
            # An essay's title ("Rapallo 1922 (Genoa conference)") gives the whole essay its date
            # and setting, for a point that may be made anywhere; not above a list of keywords.
            title = np.array([c.title for c in claims])[:, None] & self._anywhere[None, :]
            refusal[title & (refusal == Refusal.FRAGMENT)] = Refusal.NONE
        # A misconception costs marks when stated as fact, not when reported as others' view.
        reported = np.array([c.reported for c in claims])[:, None]
        refusal[reported & self._sentence_only[None, :]] = Refusal.REPORTED
        if self._motives.any():
            refusal[self._others_motives(claims)] = Refusal.OTHERS_MOTIVE
        # A negated claim only makes a point that is itself worded negatively ("could not unite
        # against Russia"), and then only if it is close to such a wording. (Leaving negation to
        # the learned matcher too would gain another 0.01 AUC there, but it then credits "Their
        # hands are not different sizes" for "different sized hands".)
        # A claim denied by its sentence ("It is not true that the West feared communism") is no
        # negative wording of a point, however close its words; nor, for a teacher's terms, is a
        # denied motive or fear ("The Soviets did not want to split the capitalist powers" against
        # "... so the capitalist countries could not unite against it"), unless the denial is in
        # the teacher's own words ("did not want to work with Russia because of communism").
        denied = np.array([c.denied for c in claims])[:, None]
        holds_own = (claim_phrases.astype(np.float32) @ self._own_denials) > 0
        attitude = np.array([c.attitude_denied for c in claims])[:, None] & self._termed[None, :] & ~holds_own
        negated = claim_negated & ~(self._has_negated_wording[None, :] & (fuzzy >= self.settings.near_miss)
                                    & ~denied & ~attitude)
        if self._own_denials.any():
            negated &= ~self._says_own_denial(claims, holds_own)
        refusal[negated] = Refusal.NEGATED

        window_covered = self._groups(self._phrases(
            _window(sentence_vocab, sentence_paragraph, self.settings.context_sentences))) @ self._criterion_groups
        covered = np.where(self._sentence_only, sentence_covered, window_covered)[sentence_of_run]
        if self._rule_points.any():
            asserted = np.logical_or.reduceat(claim_vocab & ~claim_negated, starts, axis=0)
            lent_asserted, lent_all = self._lent_coverage(sentence_vocab, asserted, sentence_paragraph, starts,
                                                          sentence_of_run, anchored, sentence_covered, fuzzy, refusal)
            # A denied claim may still borrow a denied neighbour's words: only to show, as a near
            # miss, the point it denies.
            covered[:, self._rule_points] = np.where(claim_negated, lent_all[sentence_of_run],
                                                     lent_asserted[sentence_of_run])
            if self._anywhere.any():
                # A point "anywhere" gathers its groups from every claim of the essay that is not
                # denied (a denied claim, from all of them, for its near miss), whoever owns it,
                # and from the time or place a negated claim is set in ("In 1922 neither Germany
                # nor Russia belonged ...": the year is said).
                said = asserted.any(axis=0)
                settings = [(tuple(c.words[i] for i in c.setting), tuple(c.lemmas[i] for i in c.setting))
                            for c in claims if c.setting]
                if settings:
                    said = said | self._vocabulary(settings).any(axis=0)
                essay_vocab = np.vstack([said, sentence_vocab.any(axis=0)])
                whole = (self._groups(self._phrases(essay_vocab)) @ self._criterion_groups)[:, self._anywhere]
                covered[:, self._anywhere] = np.maximum(covered[:, self._anywhere],
                                                        np.where(claim_negated, whole[1], whole[0]))
        paired = None
        if self._each_side:
            paired = self._pair_sides(covered, claim_phrases, anchored, refusal, claim_negated[:, 0],
                                      sentence_of_run, sentence_paragraph)
        terms, raw = self._rule_score(covered, anchored, fuzzy)

        shape = (n_claims, n_criteria)
        claim_words = np.log1p([len(c.content.split()) for c in claims])[:, None]
        features = np.stack([
            terms, anchored.astype(float), fuzzy, sort_ratio, cosine, recall, precision, window_recall, window_related,
            window_cosine,
            np.broadcast_to(claim_negated, shape).astype(float),
            (claim_negated != self._has_negated_wording[None, :]).astype(float),
            np.broadcast_to(statement, shape).astype(float),
            np.broadcast_to(claim_words, shape), np.broadcast_to(self._criterion_words[None, :], shape),
            *([self._semantic(essay)] if self.embedder is not None else []),
        ], axis=-1)
        decisive = raw
        if self.model is not None and self.learned.any():
            decisive = raw.copy()
            width = len(self.feature_names)
            decisive[:, self.learned] = self.model.predict(features[:, self.learned].reshape(-1, width)
                                                           ).reshape(n_claims, -1)
        similarity = np.where(refusal == Refusal.NONE, decisive, 0.0)
        # Rule points need their anchor term in the claim itself, so similarity already orders them.
        own = np.where(self.learned[None, :], recall + fuzzy, similarity)
        return MatchTable(similarity, decisive, terms, fuzzy, refusal, features, own, paired)

    def _rule_score(self, covered: np.ndarray, anchored: np.ndarray, fuzzy: np.ndarray
                    ) -> tuple[np.ndarray, np.ndarray]:
        """Term coverage (groups covered of those needed, if anchored) and the rules' score from it."""
        terms = np.where(anchored, np.minimum(covered / self.min_terms, 1.0), 0.0)
        weight = self.settings.fuzzy_weight
        score = (1 - weight) * terms + weight * fuzzy
        # A wording close to the point's makes up for no group of a teacher's terms that the claim
        # lacks: "Germany wanted to overturn Versailles" is K9's wording without its "both".
        return terms, np.where(self._termed[None, :] & (terms < 1.0), np.minimum(score, terms), score)

    def _pair_sides(self, covered: np.ndarray, claim_phrases: np.ndarray, anchored: np.ndarray,
                    refusal: np.ndarray, negated: np.ndarray, sentence_of_run: np.ndarray,
                    sentence_paragraph: np.ndarray) -> np.ndarray:
        """A point said of each side in turn ("Germany was a pariah ..., and Soviet Russia was a
        pariah ..."): a claim that makes the point's other groups itself, naming one side only,
        covers all of them when a claim in its sentence's window does so of every other side.
        Claim by claim, so that a side goes with what is said of it. In place on ``covered``;
        returns, for each claim so paired, the nearest claim of another side (claims x criteria,
        -1 elsewhere), for its evidence to show."""
        groups = self._groups(claim_phrases)
        phrases = claim_phrases.astype(np.float32)
        partners = np.full(covered.shape, -1, dtype=np.intp)
        windows = _window_members(sentence_of_run, sentence_paragraph, self.settings.context_sentences)
        for ci, rest, needed, named in self._each_side:
            makes = (anchored[:, ci] & (refusal[:, ci] == Refusal.NONE) & ~negated
                     & (groups[:, rest].sum(axis=1) >= needed))
            sides = (phrases @ named) > 0
            own = makes & (sides.sum(axis=1) == 1)
            said = (windows @ (sides & own[:, None]).astype(np.float32)) > 0  # sentences x sides
            paired = own & said[sentence_of_run].all(axis=1)
            covered[paired, ci] = np.maximum(covered[paired, ci], self.min_terms[ci])
            side = sides.argmax(axis=1)
            for row in np.flatnonzero(paired):
                window = windows[sentence_of_run[row]].indices
                near = window[own[window] & (side[window] != side[row])]
                partners[row, ci] = near[np.argmin(np.abs(near - row))]
        return partners

    def _lent_coverage(self, sentence_vocab: np.ndarray, asserted: np.ndarray, sentence_paragraph: np.ndarray,
                       starts: np.ndarray, sentence_of_run: np.ndarray, anchored: np.ndarray,
                       sentence_covered: np.ndarray, fuzzy: np.ndarray, refusal: np.ndarray
                       ) -> tuple[np.ndarray, np.ndarray]:
        """Term groups each sentence's window covers for the points with terms, where a neighbouring
        sentence lends only the words of its claims that are not denied ("Germany did not sign for
        raw materials. Trade was a small part." makes no trade point), and only if it makes no
        point (or misconception) of its own: beside a sentence on reparations, "Russia was hated
        for its communism" has made its point and does not also supply the hostility of "both
        opposed Versailles". ``asserted``: each sentence's words outside denied claims. Sentences x
        rule points, lent as said and lent with the denied words too."""
        _, own = self._rule_score(sentence_covered[sentence_of_run], anchored, fuzzy)
        owns = (own >= self.thresholds) & (refusal == Refusal.NONE) & self._termed
        lender = ~np.logical_or.reduceat(owns.any(axis=1), starts)
        reach, groups = self.settings.context_sentences, self._criterion_groups[:, self._rule_points]

        def lent(words: np.ndarray) -> np.ndarray:
            window = sentence_vocab | _window(words & lender[:, None], sentence_paragraph, reach)
            return self._groups(self._phrases(window)) @ groups

        return lent(asserted), lent(sentence_vocab)

    def _semantic(self, essay: ParsedEssay) -> np.ndarray:
        assert self.embedder is not None
        cosine = self.embedder.encode([c.text for c in essay.claims]) @ self._wording_embeddings.T
        return np.maximum.reduceat(cosine, self._embedding_starts, axis=1).astype(float)

    def _demoted(self, content: str) -> dict[str, None]:
        """The content lemmas the question does not give away, once each, in text order (so that
        columns, and the order sums run in, do not depend on the process's string hashing)."""
        return dict.fromkeys(w for w in content.split() if w not in self._question_words)

    def _lemma_overlap(self, essay: ParsedEssay, starts: np.ndarray, sentence_of_run: np.ndarray,
                       sentence_paragraph: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Share of a wording's (question-demoted) lemmas the claim uses, of the claim's lemmas the
        wording uses, of the wording's lemmas the claim's window uses, and of the wording's lemmas
        the window uses or says in related words (each counted as much as its closest lemma there is
        related to it); best wording per criterion."""
        claim_lemmas = [self._demoted(claim.content) for claim in essay.claims]
        sizes = np.array([max(1, len(lemmas)) for lemmas in claim_lemmas], dtype=np.float32)
        uses = _incidence(claim_lemmas, self._lemma_index)
        overlap = uses @ self._wording_lemmas.T
        sentence_uses = np.logical_or.reduceat(uses > 0, starts, axis=0)
        window_uses = _window(sentence_uses, sentence_paragraph, self.settings.context_sentences)[sentence_of_run]
        window_overlap = window_uses.astype(np.float32) @ self._wording_lemmas.T
        # Each claim's closeness to each wording lemma: the best of its own lemmas' rows, looked up
        # once per essay and reduced over each claim's run of them.
        closeness = np.zeros(uses.shape, dtype=np.float32)
        said = [row for row, lemmas in enumerate(claim_lemmas) if lemmas]
        if said and self._lemma_index:
            runs = [list(claim_lemmas[row]) for row in said]
            closeness[said] = np.maximum.reduceat(self._related.rows([w for run in runs for w in run]),
                                                  np.cumsum([0, *map(len, runs[:-1])]), axis=0)
        sentence_close = np.maximum.reduceat(closeness, starts, axis=0)
        window_close = _window(sentence_close, sentence_paragraph, self.settings.context_sentences)[sentence_of_run]
        window_related = window_close @ self._wording_lemmas.T
        starts = self._wording_starts
        return (np.maximum.reduceat(overlap / self._wording_sizes[None, :], starts, axis=1).astype(float),
                np.maximum.reduceat(overlap / sizes[:, None], starts, axis=1).astype(float),
                np.maximum.reduceat(window_overlap / self._wording_sizes[None, :], starts, axis=1).astype(float),
                np.maximum.reduceat(window_related / self._wording_sizes[None, :], starts, axis=1).astype(float))

    def _says_own_denial(self, claims: tuple[Claim, ...], holds_own: np.ndarray) -> np.ndarray:
        """claims x criteria: the sentence's one negation is in a term of the criterion's own ("it
        could not pay" for "could not pay", "did not accept the settlement" for "not accept"), so
        the claim says the point rather than denying it. Not where others' view is reported
        ("Some say they did not accept it"), nor beside a second negation or a denial word that
        may deny it ("It is not true that ...", "..., but that is wrong"). ``holds_own``: claims x
        criteria, the claim holds one of the criterion's terms with a negation in it."""
        negations = np.array([sum(w in NEGATING_WORDS or w in DENIAL_WORDS for w in (c.reading[0] or c.words))
                              for c in claims])
        sentences = np.array([c.sentence for c in claims])
        single = (np.bincount(sentences, weights=negations)[sentences] == 1) & ~np.array([c.reported for c in claims])
        return holds_own & single[:, None]

    def _claim_vocabulary(self, essay: ParsedEssay) -> np.ndarray:
        """claims x vocabulary: the term words each claim uses (in its words, lemmas or their pairs),
        with the party its opening "they" stands for."""
        texts = []
        joins: list[list[str]] = []
        for k, claim in enumerate(essay.claims):
            meant = self._read_as_meant and claim.reading[0]
            words, lemmas = claim.reading if meant else (claim.words, claim.lemmas)
            texts.append((words + claim.referent, lemmas + claim.referent))
            joins.append(self._joins(essay, k) if self._read_as_meant else [])
        return self._vocabulary(texts, joins)

    def _joins(self, essay: ParsedEssay, k: int) -> list[str]:
        """A teacher's word pair across the split between a claim and the next, where the parser
        cut one run of words in two: "Russia was isolated | because it was communist" says K4's
        "isolat* because". The words either side of the cut, as said and as lemmas."""
        claims = essay.claims
        if k + 1 == len(claims):
            return []
        this, after = claims[k], claims[k + 1]
        # Only words with nothing but spaces between: not across a comma or a line, which part
        # what they say. (The parser may still have ended a sentence there, at a misspelt
        # "becuase".)
        if (not this.words or not after.words or after.start < this.end
                or essay.text[this.end:after.start].strip(" ")):
            return []
        joins = []
        for before, later in ((this.words, after.words), (this.lemmas, after.lemmas)):
            joins += _bigrams((*before[-1:], *later[:1]))
            if self._triples:
                joins += _trigrams((*before[-2:], *later[:1])) + _trigrams((*before[-1:], *later[:2]))
        return joins

    def _vocabulary(self, texts: list[tuple[tuple[str, ...], tuple[str, ...]]],
                    joins: list[list[str]] | None = None) -> np.ndarray:
        """texts x vocabulary for (words, lemmas) pairs, none of them empty (a claim has a word; a
        want, its verb and wanter); with any word runs that ``joins`` adds to each."""
        forms: list[str] = []
        starts: list[int] = []
        for (words, lemmas), extra in zip(texts, joins or [[]] * len(texts)):
            starts.append(len(forms))
            forms += (*words, *lemmas, *_bigrams(words), *_bigrams(lemmas), *extra)
            if self._triples:
                forms += (*_trigrams(words), *_trigrams(lemmas))
        rows = self._vocab.rows(forms)  # first: it may grow the table
        return np.logical_or.reduceat(self._vocab.table[rows], starts, axis=0)

    def _others_motives(self, claims: tuple[Claim, ...]) -> np.ndarray:
        """claims x criteria: a motive point's wanted thing is wanted in the claim only by someone
        else ("Russia wanted German oil" for Germany's wish for oil); where its own wanter wants it
        too ("Germany wanted oil and Russia wanted machines"), or the claim names it outside what
        is wanted, the claim keeps the point."""
        shape = (len(claims), len(self.criteria))
        wants = [(row, want) for row, claim in enumerate(claims) for want in claim.wants]
        if not wants:
            return np.zeros(shape, dtype=bool)
        wanters = self._phrases(self._vocabulary([(w.wanter, w.wanter_lemmas) for _, w in wants]))
        wanted = self._groups(self._phrases(self._vocabulary([(w.wanted, w.wanted_lemmas) for _, w in wants])))
        own = (wanters.astype(np.float32) @ self._wanter_phrases) > 0
        about = (wanted @ self._wanted_groups) > 0
        rows = np.array([row for row, _ in wants])
        # Someone else is a party the rubric names (as some point's wanter) or nobody: a name it
        # does not know is as often the point's own wanter misspelt or renamed ("Rusia", "the
        # Soveits", "the Reich") as a third party.
        known = own.any(axis=1) | np.array([w.nobody for _, w in wants])
        named = (np.array([w.named for _, w in wants]) & known)[:, None]
        theirs = np.zeros(shape, dtype=bool)
        mine = np.zeros(shape, dtype=bool)
        np.logical_or.at(theirs, rows, about & ~own & named)
        np.logical_or.at(mine, rows, about & own)
        # "Soviet Russia, shunned by capitalist powers terrified of Bolshevism, wanted ... to split
        # the hostile Western front": the fear is the powers', whatever "hostile" the Soviets want.
        wanting = sorted(set(rows))
        said = np.zeros(shape, dtype=bool)
        said[wanting] = (self._groups(self._phrases(self._vocabulary([_unwanted(claims[row]) for row in wanting])))
                         @ self._wanted_groups) > 0
        return theirs & ~mine & ~said & self._motives[None, :]

    def _phrases(self, vocab_hits: np.ndarray) -> np.ndarray:
        if not len(self._phrase_columns):
            return np.zeros((len(vocab_hits), 0), dtype=bool)
        padded = np.hstack([vocab_hits, np.ones((len(vocab_hits), 1), dtype=bool)])
        return np.logical_and.reduceat(padded[:, self._phrase_columns], self._phrase_starts, axis=1)

    def _groups(self, phrase_hits: np.ndarray) -> np.ndarray:
        return ((phrase_hits.astype(np.float32) @ self._group_phrases.T) > 0).astype(np.float32)

    def _wording_similarities(self, essay: ParsedEssay, sentence_of_run: np.ndarray, sentence_paragraph: np.ndarray
                              ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Best similarity per criterion over its wordings, 0..1: rapidfuzz token-set and
        token-sort ratios, and character n-gram TF-IDF cosine of the claim and of its window (a
        short answer often makes its point across two clauses). Wordings whose negation disagrees
        with the claim's are skipped by the ratios."""
        contents = [c.content for c in essay.claims]
        set_ratio = self._token_sets.ratios(contents) / 100.0
        sort_ratio = process.cdist(contents, self._wording_content, scorer=fuzz.token_sort_ratio,
                                   dtype=np.float32, workers=1) / 100.0
        claim_len = np.array([len(c.split()) for c in contents], dtype=np.float32)
        wording_len = np.array([len(w.split()) for w in self._wording_content], dtype=np.float32)
        # token_set_ratio is 100 when one side is a subset of the other; a two-word claim must not
        # "contain" a ten-word point, so short claims are scaled down.
        set_ratio *= np.minimum(1.0, claim_len[:, None] / np.maximum(1.0, np.minimum(4.0, wording_len))[None, :])
        negated = np.array([c.negated for c in essay.claims])
        disagree = negated[:, None] != self._wording_negated[None, :]
        set_ratio[disagree] = 0.0
        sort_ratio[disagree] = 0.0
        counts = self._char_grams.counts([c or "-" for c in contents])
        cosine = self._char_grams.cosine(counts)
        reach = self.settings.context_sentences
        window_cosine = self._char_grams.cosine(_window_members(sentence_of_run, sentence_paragraph, reach) @ counts)
        starts = self._wording_starts
        return (np.maximum.reduceat(set_ratio, starts, axis=1).astype(float),
                np.maximum.reduceat(sort_ratio, starts, axis=1).astype(float),
                np.maximum.reduceat(cosine, starts, axis=1).astype(float),
                np.maximum.reduceat(window_cosine, starts, axis=1)[sentence_of_run].astype(float))


def _unwanted(claim: Claim) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The claim's words and lemmas without those of what its wanters want (each wanted word
    taken out once, in order), or a placeholder where nothing is left."""
    def rest(words: tuple[str, ...], wanted: Iterable[str]) -> tuple[str, ...]:
        out = Counter(wanted)
        kept = []
        for word in words:
            if out[word] > 0:
                out[word] -= 1
            else:
                kept.append(word)
        return tuple(kept) or ("",)

    return (rest(claim.words, (w for want in claim.wants for w in want.wanted)),
            rest(claim.lemmas, (w for want in claim.wants for w in want.wanted_lemmas)))


def _word_index(rows: Iterable[Iterable[str]]) -> dict[str, int]:
    """Each word's column, in order of first appearance."""
    index: dict[str, int] = {}
    for words in rows:
        for word in words:
            index.setdefault(word, len(index))
    return index


def _incidence(rows: Sequence[Iterable[str]], index: dict[str, int]) -> np.ndarray:
    """rows x words (float32, for BLAS products): 1 where the row uses the word; words outside
    ``index`` are ignored. At least one column, so that products keep their shape."""
    out = np.zeros((len(rows), max(1, len(index))), dtype=np.float32)
    for row, words in enumerate(rows):
        out[row, [index[w] for w in words if w in index]] = 1
    return out


def _window(rows: np.ndarray, paragraph: np.ndarray, reach: int) -> np.ndarray:
    """Per sentence: the union (the maximum, for numbers) of its row with those of up to ``reach``
    sentences either side in the same paragraph (sentences x anything)."""
    out = rows.copy()
    for d in range(1, min(reach, len(rows) - 1) + 1):
        same = (paragraph[d:] == paragraph[:-d])[:, None]
        out[d:] = np.maximum(out[d:], rows[:-d] * same)
        out[:-d] = np.maximum(out[:-d], rows[d:] * same)
    return out


def _window_members(sentence_of_run: np.ndarray, paragraph: np.ndarray, reach: int) -> csr_matrix:
    """sentences x claims, sparse: 1 where the claim lies in the sentence's window (the sentence and
    up to ``reach`` sentences either side in the same paragraph, as ``_window``), so that a product
    with the claims' counts gives each window's counts."""
    from scipy.sparse import csr_matrix

    n_sentences, claims = len(paragraph), np.arange(len(sentence_of_run))
    rows, columns = [], []
    for d in range(-reach, reach + 1):
        target = sentence_of_run + d
        inside = (target >= 0) & (target < n_sentences)
        inside[inside] &= paragraph[target[inside]] == paragraph[sentence_of_run[inside]]
        rows.append(target[inside])
        columns.append(claims[inside])
    row, column = np.concatenate(rows), np.concatenate(columns)
    return csr_matrix((np.ones(len(row)), (row, column)), shape=(n_sentences, len(claims)))


#: spaCy splits "Russia's" and "couldn't" into two words, and "allies'" into a word and a mark a
#: claim's words leave out, so a term's words are split the same way.
_CLITIC = re.compile(r"(?<=\w)('s|n't)(?=\s|$)")
_PLURAL_POSSESSIVE = re.compile(r"(?<=s)'(?=\s|$)")


def _term_words(term: str) -> list[str]:
    """'russia's economy' -> russia, 's, economy: as an essay's words come from the parser."""
    spaced = _PLURAL_POSSESSIVE.sub("", term.replace("-", " "))
    return _CLITIC.sub(lambda m: " " + m.group(1), spaced).split()


def _bigrams(words: tuple[str, ...] | list[str]) -> list[str]:
    """Adjacent word pairs: a two-word term is matched as its pair, so word order and adjacency count."""
    if len(words) == 1:
        return list(words)
    return [f"{a} {b}" for a, b in zip(words, words[1:])]


def _trigrams(words: tuple[str, ...] | list[str]) -> list[str]:
    return [f"{a} {b} {c}" for a, b, c in zip(words, words[1:], words[2:])]


def _term_ngrams(words: list[str]) -> list[str]:
    """A longer term is matched as its runs of three words: as pairs, "end the war" was found in
    "end the isolation of two countries that the victors of the war had shunned"."""
    return _bigrams(words) if len(words) < 3 else _trigrams(words)
