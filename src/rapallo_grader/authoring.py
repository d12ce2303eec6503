"""Helping a teacher write a rubric: draft one from model answers, and lint one for weak spots.

A draft is a starting point, never a finished rubric: one point per distinct claim of the
reference answers, marks split evenly, near-identical claims from different references merged
as alternative wordings. The teacher then adds key terms, misconceptions and feedback.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np
import yaml
from rapidfuzz import fuzz, process

from .model import DEFAULT_MODEL, SEMANTIC_MODEL, stale_threshold
from .rubric import Criterion, MatchingSettings, Point, Rubric, counted_total

_SPLIT = re.compile(r"(?<=[.!?;])\s+|\s*\n\s*(?:[-*\u2022\u25cf\u25cb]\s*)?|^\s*[-*\u2022\u25cf\u25cb]\s*")
_SAME_CLAIM = 80
_NEAR_DUPLICATE_POINTS = 85
_STOP = frozenset("""a an and are as at be because been but by can could did do does for from had has have
he her his how i if in into is it its may might more most must of on or our should so some such
than that the their them then there these they this those to was we were what when where which while
who why will with would you your""".split())


def claims_of(text: str) -> list[str]:
    """Sentences (and bullet items) of a reference answer, stripped of list markers."""
    parts = (p.strip(" \t-*\u2022\u25cf\u25cb") for p in _SPLIT.split(text))
    return [p for p in parts if len(re.findall(r"\w+", p)) >= 2]


_NUMBER_WORDS = {w: n for n, w in enumerate("one two three four five six seven eight nine ten".split(), 1)}
# A count: "2", "two"; not the start of a range ("1-3 sentences").
_NUMBER = rf"(\d{{1,2}}|{'|'.join(_NUMBER_WORDS)})\b(?!\s*[-\u2013]\s*\d)"
# "Name two tasks", "State at least 4 of the differences", "Name and describe two challenges",
# "What are two advantages"; not "Explain it in 1-3 sentences".
_ASKING = r"name|state|give|list|mention|identify|provide|describe|explain|outline|suggest"
_ASKING_MORE = rf"{_ASKING}|compare|discuss|justify"
_ITEMS_ASKED = re.compile(rf"\b(?:{_ASKING}|what\s+are|which\s+are)\b"
                          rf"(?:\s+(?:and|or)\s+\w+)?\s+(?:(?:at\s+least|the|any|only)\s+)*{_NUMBER}", re.IGNORECASE)
# What the same ask adds after its count: "2 reasons ... and 1 weakness" (its own number), or "1
# advantage and disadvantage" (a bare noun, as many again).
_AND_COUNTED = re.compile(rf"[^.?!;(]*?\band\s+{_NUMBER}", re.IGNORECASE)
_AND_BARE = re.compile(r"\s+[a-z-]+\s+and\s+([a-z-]+)\b", re.IGNORECASE)


# What a question asks for after its count: "... and explain how ...", "... one downside for each".
_ASKS_MORE = re.compile(rf"\b(?:and|also)\s+(?:then\s+)?(?:{_ASKING_MORE})\b|\bfor\s+each\b", re.IGNORECASE)


def _number(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBER_WORDS[word.lower()]


def items_asked(question: str) -> int | None:
    """How many things the question asks for ("Name two tasks": 2; "Give 2 reasons and 1
    weakness": 3; "give 1 advantage and disadvantage": 2), if it says."""
    found = _ITEMS_ASKED.search(question)
    if not found:
        return None
    asked = _number(found.group(1))
    rest = question[found.end():]
    counted, bare = _AND_COUNTED.match(rest), _AND_BARE.match(rest)
    if counted:
        asked += _number(counted.group(1))
    elif bare and not re.fullmatch(_ASKING_MORE, bare.group(1), re.IGNORECASE) and bare.group(1).lower() not in _STOP:
        asked *= 2
    return asked or None


#: Fitted settings for drafts of short answers (``short_answer=True``), bundled with the models.
DRAFTING = "drafting-v19.json"


@dataclass(frozen=True)
class ShortAnswerDrafting:
    """A short answer earns full marks for as many of the model answer's points as its question
    asks for, or else ``full_marks_share`` of them (its best ones count), each matched at
    ``learned_threshold`` or better; with ``partial_credit``, a point part-way to the threshold
    earns part of its marks (in proportion, in an answer whose best match reaches
    ``partial_from``; in quarters, beside a point made, when that is None). ``matcher``: the
    learned matcher the threshold was fitted with; drafts record it (``learned_for``)."""

    full_marks_share: float
    learned_threshold: float
    partial_credit: bool = False
    matcher: str = DEFAULT_MODEL
    partial_from: float | None = None

    def points_needed(self, n_points: int, asked: int | None = None) -> int:
        """How many of ``n_points`` earn full marks: as many as the question asks for
        (``items_asked``), or else the share, rounded up; at least one, at most all."""
        if asked:
            return min(asked, n_points)
        return max(1, math.ceil(n_points * self.full_marks_share - 1e-9))

    @classmethod
    def load(cls) -> ShortAnswerDrafting:
        import json
        from importlib import resources

        source = resources.files("rapallo_grader.models") / DRAFTING
        try:
            data = json.loads(source.read_text(encoding="utf-8"))
            start = data["partial_from"]
            settings = cls(float(data["full_marks_share"]), float(data["learned_threshold"]),
                           bool(data["partial_credit"]), str(data["matcher"]),
                           None if start is None else float(start))
        except (OSError, KeyError, TypeError, ValueError) as exc:
            raise RuntimeError(f"{source} is missing or malformed ({exc}); reinstall rapallo-grader or "
                               "rebuild it with scripts/fit_drafting.py") from exc
        if not (0 < settings.full_marks_share <= 1 and 0 < settings.learned_threshold < 1
                and (settings.partial_from is None
                     or settings.partial_credit and 0 <= settings.partial_from < settings.learned_threshold)):
            raise RuntimeError(f"{source}: settings out of range ({settings}); rebuild it with scripts/fit_drafting.py")
        return settings


def draft(question: str, references: Sequence[str], max_score: float = 1.0,
          alternatives: bool = False, short_answer: bool | ShortAnswerDrafting = False) -> Rubric:
    """``alternatives=True``: each reference is a complete answer on its own (as in short-answer
    banks with several model answers), so they become the wordings of a single point.
    ``short_answer``: True for the bundled fitted settings, or explicit ones (used when fitting)."""
    if not (math.isfinite(max_score) and max_score > 0):
        raise ValueError(f"max_score must be a positive number of marks, not {max_score!r}")
    claims = [c for ref in references for c in claims_of(ref)]
    if not alternatives:  # a model answer often repeats the question as its title: that is no point
        claims = [c for c in claims if fuzz.token_sort_ratio(c, question, processor=_normalise) < _SAME_CLAIM]
    if not claims:
        raise ValueError("the reference answers contain no claims (need at least one sentence of two words, "
                         "other than the question)")
    if alternatives:
        wordings = list(dict.fromkeys(" ".join(r.split()) for r in references if r.strip()))
        point = Point(id="P1", marks=float(max_score), text=wordings[0], alternatives=tuple(wordings[1:]))
        return Rubric(question=question.strip(), points=(point,), max_score=float(max_score),
                      source="<draft>", sha256="")
    similar = process.cdist(claims, claims, scorer=fuzz.token_sort_ratio, processor=_normalise, workers=1)
    cluster = [-1] * len(claims)
    groups: list[list[int]] = []
    for i in range(len(claims)):
        if cluster[i] >= 0:
            continue
        members = [j for j in range(i, len(claims)) if cluster[j] < 0 and similar[i, j] >= _SAME_CLAIM]
        for j in members:
            cluster[j] = len(groups)
        groups.append(members)
    needed, matching, partial, start, count_best = len(groups), MatchingSettings(), False, None, None
    if short_answer:
        settings = short_answer if isinstance(short_answer, ShortAnswerDrafting) else ShortAnswerDrafting.load()
        needed = count_best = settings.points_needed(len(groups), items_asked(question))
        matching = MatchingSettings(learned_threshold=settings.learned_threshold, learned_for=settings.matcher)
        partial, start = settings.partial_credit, settings.partial_from
    # Rounded up, so that the points needed always reach max_score (1/3 rounded down would leave
    # a complete answer at 0.9999); the score is capped at max_score.
    marks = math.ceil(max_score / needed * 10_000) / 10_000
    points = tuple(Point(id=f"P{n}", marks=marks, text=claims[members[0]],
                         alternatives=tuple(dict.fromkeys(claims[j] for j in members[1:] if claims[j] != claims[members[0]])))
                   for n, members in enumerate(groups, 1))
    return Rubric(question=question.strip(), points=points, max_score=float(max_score), matching=matching,
                  count_best=count_best, partial_credit=partial, partial_from=start, source="<draft>", sha256="")


def _normalise(text: str) -> str:
    return " ".join(w for w in re.findall(r"\w+", text.lower()) if w not in _STOP)


def to_yaml(rubric: Rubric) -> str:
    """The rubric as YAML in the documented format, loadable by ``Rubric.from_yaml``."""
    data: dict[str, Any] = {}
    if rubric.title:
        data["title"] = rubric.title
    data["question"] = rubric.question
    data["max_score"] = rubric.max_score
    if rubric.count_best is not None:
        data["count_best"] = rubric.count_best
    if rubric.partial_credit:
        data["partial_credit"] = True
    if rubric.partial_from is not None:
        data["partial_from"] = rubric.partial_from
    data["points"] = [_criterion(p, marks=p.marks, feedback=_feedback(p),
                                 **({"depth": dict(p.depth)} if p.depth else {}),
                                 **({"anywhere": True} if p.anywhere else {}),
                                 **({"each_side": {"group": p.each_side_group + 1,
                                                   "sides": [list(g) for g in p.each_side]}} if p.each_side else {}))
                      for p in rubric.points]
    if rubric.misconceptions:
        data["misconceptions"] = [_criterion(m, penalty=m.penalty, feedback=m.feedback or None)
                                  for m in rubric.misconceptions]
    if rubric.bands:
        data["bands"] = [{"name": b.name, "min": b.min} for b in rubric.bands]
    if rubric.levels:
        data["levels"] = [{"name": lv.name, "marks": [lv.low, lv.high],
                           **({"descriptor": lv.descriptor} if lv.descriptor else {}),
                           **({"rule": dict(lv.rule)} if lv.rule else {})} for lv in rubric.levels]
    defaults = MatchingSettings()
    changed = {k: v for k, v in asdict(rubric.matching).items() if getattr(defaults, k) != v}
    if changed:
        data["matching"] = changed
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


def _feedback(point: Point) -> dict[str, str] | None:
    feedback = {k: v for k, v in (("hit", point.feedback_hit), ("miss", point.feedback_miss)) if v}
    return feedback or None


def _criterion(c: Criterion, **extra: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"id": c.id}
    out.update({k: v for k, v in extra.items() if k not in {"feedback", "depth", "anywhere", "each_side"}})
    if extra.get("depth"):
        out["depth"] = extra["depth"]
    out["text"] = c.text
    if c.alternatives:
        out["alternatives"] = list(c.alternatives)
    if c.terms:
        out["terms"] = [list(g) for g in c.terms]
    if c.min_terms is not None:
        out["min_terms"] = c.min_terms
    if c.exclude:
        out["exclude"] = list(c.exclude)
    if c.wanted_by:
        out["wanted_by"] = list(c.wanted_by)
    if extra.get("anywhere"):
        out["anywhere"] = True
    if extra.get("each_side"):
        out["each_side"] = extra["each_side"]
    if extra.get("feedback"):
        out["feedback"] = extra["feedback"]
    return out


@dataclass(frozen=True)
class Finding:
    place: str
    message: str

    def __str__(self) -> str:
        return f"{self.place}: {self.message}"


def count_outgrown(rubric: Rubric) -> Finding | None:
    """A ``count_best`` that is the question's number, when the question asks for more after it
    ("Name the 2 phases ... and explain how ..."): the teacher can tell how many points that takes."""
    found = _ITEMS_ASKED.search(rubric.question) if rubric.count_best is not None else None
    more = _ASKS_MORE.search(rubric.question, found.end()) if found else None
    if not more or rubric.count_best != min(items_asked(rubric.question) or 0, len(rubric.points)):
        return None
    return Finding("count_best", f"{rubric.count_best} is the number the question names, but it asks for more "
                   f"after it ('{more.group(0)}'): if a full answer needs more of the points, raise count_best")


def lint(rubric: Rubric) -> list[Finding]:
    """Weak spots a teacher should look at; the rubric is valid either way."""
    findings: list[Finding] = []
    criteria: list[Criterion] = [*rubric.points, *rubric.misconceptions]
    texts = [" ".join(c.wordings) for c in criteria]
    similar = process.cdist(texts, texts, scorer=fuzz.token_sort_ratio, processor=_normalise, workers=1)
    for i, j in zip(*np.triu_indices(len(criteria), k=1)):
        if similar[i, j] >= _NEAR_DUPLICATE_POINTS:
            findings.append(Finding(criteria[j].id, f"nearly the same wording as {criteria[i].id} "
                                    f"({similar[i, j]:.0f}/100): one claim could earn both; merge them or "
                                    "make their key terms distinct"))
    vocab = [set(_normalise(t).split()) for t in texts]
    for ci, c in enumerate(criteria):
        others = set().union(*(v for k, v in enumerate(vocab) if k != ci)) if len(vocab) > 1 else set()
        if not c.terms and not (vocab[ci] - others):
            findings.append(Finding(c.id, "no distinctive words: every content word also appears in another "
                                    "point; add 'terms' so the grader can tell them apart"))
        if not c.terms and not c.alternatives:
            findings.append(Finding(c.id, "no alternatives or terms: the learned matcher compares answers with "
                                    "this one wording only; add other wordings students use"))
        for g, group in enumerate(c.terms):
            if g and set(group) & set(c.terms[0]):
                findings.append(Finding(f"{c.id}.terms[{g}]", "shares terms with the anchor group, so one word "
                                        "covers two groups; keep the groups distinct"))
    matching = rubric.matching
    if (matching.learned_threshold is not None and stale_threshold(matching.learned_for, DEFAULT_MODEL)
            and any(not c.terms for c in criteria)):
        findings.append(Finding("matching.learned_for", f"learned_threshold was fitted for {matching.learned_for}; "
                                f"this version's learned matcher is {DEFAULT_MODEL} ({SEMANTIC_MODEL} with the "
                                "[semantic] extra), whose probabilities sit elsewhere: run `grade calibrate` "
                                "again, or delete learned_threshold and learned_for"))
    outgrown = count_outgrown(rubric)
    if outgrown:
        findings.append(outgrown)
    total = counted_total([p.marks for p in rubric.points], rubric.count_best)
    if total < rubric.max_score:
        counted = f"the best {rubric.count_best} points" if rubric.count_best else "the points"
        findings.append(Finding("max_score", f"{counted} add up to {total:g}, less than max_score "
                                f"{rubric.max_score:g}: nobody can reach full marks"))
    return findings
