"""Load and validate rubric files.

A rubric is YAML written by a teacher, so every mistake in it must come back as one clear
sentence naming the file, the line and the fix, never as a traceback from deep inside the
grader. The file is read with ``yaml.SafeLoader`` only: a rubric can hold data, never code.
"""

from __future__ import annotations

import difflib
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import RubricError

TermGroup = tuple[str, ...]


@dataclass(frozen=True, kw_only=True)
class Criterion:
    """What a claim must say to match: the wording, other wordings and key-term groups.

    ``terms`` is a tuple of synonym groups; a claim covers a group when it uses any term of
    it (a trailing ``*`` matches any ending, spelling slips are forgiven). ``min_terms`` groups
    must be covered. ``exclude`` terms mark a claim as being about something else.
    ``wanted_by`` terms name whose motive (or fear) the point is: a claim in which someone else,
    named, wants or fears what the first term group names does not make it ("Russia wanted German
    oil" is not Germany's wish for oil; "most Germans hated communism" is not the West's fear).
    """

    id: str
    text: str
    alternatives: tuple[str, ...] = ()
    terms: tuple[TermGroup, ...] = ()
    min_terms: int | None = None
    exclude: tuple[str, ...] = ()
    wanted_by: tuple[str, ...] = ()

    @property
    def wordings(self) -> tuple[str, ...]:
        return (self.text, *self.alternatives)


#: How far a point is taken, in order: stated, linked to an outcome, linked and supported.
DEPTHS = ("identified", "explained", "developed")


@dataclass(frozen=True, kw_only=True)
class Point(Criterion):
    marks: float
    feedback_hit: str = ""
    feedback_miss: str = ""
    #: Marks by depth, e.g. (("identified", 0.5), ("explained", 1.0), ("developed", 1.5));
    #: empty: the point is worth ``marks`` once made.
    depth: tuple[tuple[str, float], ...] = ()
    #: The point's term groups other than the first may come from anywhere in the essay, not only
    #: the claim's sentence and its neighbours: a context point's year may be in the introduction
    #: and its war in the body. The first group must still be in the claim.
    anywhere: bool = False
    #: Term groups naming each side the point is about (Germany, Russia): a claim that makes the
    #: point's other groups of one side, beside a claim making them of the other (in the same
    #: sentence window), covers the group ``each_side_group`` (0-based) that says "both". "Germany
    #: was a pariah ..., and Soviet Russia was a pariah ..." says both were outcasts. Empty: off.
    each_side: tuple[TermGroup, ...] = ()
    each_side_group: int = 0

    def marks_at(self, reached: str) -> float:
        """Marks for a point made to depth ``reached`` (the deepest configured depth not beyond it)."""
        if not self.depth:
            return self.marks
        rank = DEPTHS.index(reached)
        eligible = [m for d, m in self.depth if DEPTHS.index(d) <= rank]
        return max(eligible) if eligible else 0.0


@dataclass(frozen=True)
class Level:
    """A level of response: a mark range, what it looks like, and the rule that reaches it."""

    name: str
    low: float
    high: float
    descriptor: str = ""
    #: All must hold: at least ``count`` points made to at least ``depth``.
    rule: tuple[tuple[str, int], ...] = ()


@dataclass(frozen=True, kw_only=True)
class Misconception(Criterion):
    penalty: float
    feedback: str = ""


def counted_total(marks: list[float], count_best: int | None) -> float:
    """The points' marks that count (``Rubric.count_best``): all of them, or the largest few."""
    if count_best is None:
        return float(sum(marks))
    return float(sum(sorted(marks, reverse=True)[:count_best]))


@dataclass(frozen=True)
class Band:
    name: str
    min: float


@dataclass(frozen=True)
class MatchingSettings:
    """Knobs of the matcher; the defaults are what the bundled rubric was checked with."""

    threshold: float = 0.7
    near_miss: float = 0.4
    fuzzy_weight: float = 0.3
    spelling: float = 85.0
    context_sentences: int = 1
    min_words: int = 15
    max_chars: int = 100_000
    #: Decision threshold on the learned match probability (criteria without terms); None: the model's own.
    learned_threshold: float | None = None
    #: The learned matcher ``learned_threshold`` was fitted for (its model file's name, as
    #: ``calibrate`` and drafting record it): another model's probabilities sit elsewhere.
    learned_for: str | None = None


@dataclass(frozen=True)
class Rubric:
    question: str
    points: tuple[Point, ...]
    misconceptions: tuple[Misconception, ...] = ()
    bands: tuple[Band, ...] = ()
    levels: tuple[Level, ...] = ()
    matching: MatchingSettings = field(default_factory=MatchingSettings)
    max_score: float = 0.0
    #: "Any N of these points": only the N best-marked points count towards the score.
    count_best: int | None = None
    #: A point short of its threshold earns quarter steps of its marks as its best match reaches
    #: 1/4, 1/2 or 3/4 of the threshold, in an answer that makes at least one point in full (meant
    #: for learned match probabilities: teachers of short answers give part marks for a point
    #: partly made). See ``scoring.point_shares``.
    partial_credit: bool = False
    #: With ``partial_credit``: a missed point earns the share of its threshold its match reaches
    #: (not quarters), in an answer whose best match reaches this, short of a point made or not.
    partial_from: float | None = None
    title: str = ""
    source: str = "<string>"
    sha256: str = ""

    @classmethod
    def load(cls, path: str | Path) -> Rubric:
        path = Path(path)
        try:
            if path.exists() and not path.is_file():
                raise RubricError(f"{path}: not a regular file. Fix: give the path of a rubric .yaml file.")
            if path.exists() and path.stat().st_size > MAX_RUBRIC_CHARS * 4:
                raise RubricError(f"{path}: {path.stat().st_size:,} bytes is far too large for a rubric. "
                                  "Fix: check it is the right file.")
            raw = path.read_bytes()
        except OSError as exc:
            raise RubricError(f"{path}: cannot read rubric file ({exc.strerror}). "
                              "Fix: check the path.") from exc
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise RubricError(f"{path}: rubric is not UTF-8 text (byte {exc.start}). "
                              "Fix: save the file as UTF-8.") from exc
        return cls.from_yaml(text, source=str(path), sha256=hashlib.sha256(raw).hexdigest())

    @classmethod
    def from_reference(cls, question: str, references: list[str], max_score: float = 1.0, *,
                       alternatives: bool = False, short_answer: bool = False) -> Rubric:
        """Draft a rubric from model answers: one point per distinct claim, marks split evenly.

        With ``alternatives=True`` each reference is a complete answer by itself, and they become
        the wordings of one point worth ``max_score``. With ``short_answer=True`` the model answer
        lists more than a student is expected to write (as in "name two tasks"): full marks come
        from the best of as many points as the question asks for, or else of a share of its
        points (``count_best``), at a match threshold, with or
        without part marks for a point partly made (``partial_credit``, ``partial_from``), all
        fitted on teacher-marked short answers (``models/drafting-v19.json``, rebuilt by
        ``scripts/fit_drafting.py``).
        """
        from .authoring import draft

        return draft(question, references, max_score, alternatives, short_answer)

    def to_yaml(self) -> str:
        from .authoring import to_yaml

        return to_yaml(self)

    @classmethod
    def from_yaml(cls, text: str, source: str = "<string>", sha256: str | None = None) -> Rubric:
        if sha256 is None:
            sha256 = hashlib.sha256(text.encode("utf-8")).hexdigest()
        data, lines = _parse_yaml(text, source)
        return _build(data, _Where(source, lines), sha256)


# --- parsing with line numbers ------------------------------------------------------------

Path_ = tuple[str | int, ...]


#: A rubric is a page or two of YAML; these bounds refuse hostile files before they are expanded.
MAX_RUBRIC_CHARS = 1_000_000
MAX_DEPTH = 12
MAX_EVENTS = 200_000


def _check_shape(text: str, source: str) -> None:
    """Refuse what a rubric never needs, from the event stream alone (nothing is expanded):
    anchors and aliases (the 'billion laughs'), deep nesting, and sheer size."""
    if len(text) > MAX_RUBRIC_CHARS:
        raise RubricError(f"{source}: rubric is {len(text):,} characters, over the limit of {MAX_RUBRIC_CHARS:,}. "
                          "Fix: a rubric needs only its points and misconceptions; check it is the right file.")
    depth = 0
    for count, event in enumerate(yaml.parse(text, Loader=yaml.SafeLoader)):
        line = f":{event.start_mark.line + 1}" if event.start_mark else ""
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise RubricError(f"{source}{line}: YAML anchors and aliases (& and *) are not allowed in rubrics. "
                              "Fix: write the repeated text out in full.")
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                raise RubricError(f"{source}{line}: nested more than {MAX_DEPTH} levels deep. "
                                  "Fix: a rubric is points with lists of texts; flatten this part.")
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1
        if count > MAX_EVENTS:
            raise RubricError(f"{source}: rubric has too many items (over {MAX_EVENTS:,} YAML events). "
                              "Fix: check it is the right file.")


def _parse_yaml(text: str, source: str) -> tuple[Any, dict[Path_, int]]:
    try:
        _check_shape(text, source)
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.load(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = f":{mark.line + 1}" if mark else ""
        problem = exc.problem or exc.context
        if exc.context and exc.context_mark and exc.problem_mark and exc.context_mark.line != mark.line:
            problem = f"{problem}; {exc.context} started on line {exc.context_mark.line + 1}"
        raise RubricError(f"{source}{line}: not valid YAML ({problem}). "
                          "Fix: check indentation, colons, brackets and quotes around that line.") from exc
    except yaml.YAMLError as exc:
        raise RubricError(f"{source}: not valid YAML ({exc}). Fix: check the file's syntax.") from exc
    lines: dict[Path_, int] = {}
    if node is not None:
        _index_lines(node, (), lines, source)
    return data, lines


def _index_lines(node: yaml.Node, path: Path_, lines: dict[Path_, int], source: str) -> None:
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key, value in node.value:
            name = str(key.value)
            if name in seen:
                raise RubricError(f"{source}:{key.start_mark.line + 1}: key {name!r} appears twice "
                                  f"in the same block. Fix: keep one of them.")
            seen.add(name)
            _index_lines(value, (*path, name), lines, source)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _index_lines(item, (*path, i), lines, source)


@dataclass(frozen=True)
class _Where:
    source: str
    lines: dict[Path_, int]

    def fail(self, path: Path_, problem: str, fix: str) -> RubricError:
        probe = path
        while probe and probe not in self.lines:
            probe = probe[:-1]
        line = self.lines.get(probe)
        place = ".".join(f"[{p}]" if isinstance(p, int) else str(p) for p in path) or "top level"
        place = place.replace(".[", "[")
        at = f"{self.source}:{line}" if line else self.source
        return RubricError(f"{at}: {place}: {problem}. Fix: {fix}.")


# --- validation -------------------------------------------------------------------------

_TOP_KEYS = {"title", "question", "max_score", "count_best", "partial_credit", "partial_from", "points",
             "misconceptions", "bands", "levels", "matching"}
_CRITERION_KEYS = {"id", "text", "alternatives", "terms", "min_terms", "exclude", "wanted_by"}
_POINT_KEYS = _CRITERION_KEYS | {"marks", "feedback", "depth", "anywhere", "each_side"}
_EACH_SIDE_KEYS = {"group", "sides"}
_LEVEL_KEYS = {"name", "marks", "descriptor", "rule"}
_MISCONCEPTION_KEYS = _CRITERION_KEYS | {"penalty", "feedback"}
_FEEDBACK_KEYS = {"hit", "miss"}
_BAND_KEYS = {"name", "min"}
_MATCHING_KEYS = set(MatchingSettings.__dataclass_fields__)


def _check_keys(obj: dict[str, Any], allowed: set[str], path: Path_, where: _Where) -> None:
    for key in obj:
        if key not in allowed:
            close = difflib.get_close_matches(str(key), sorted(allowed), n=1)
            hint = f"did you mean {close[0]!r}?" if close else f"allowed keys are {', '.join(sorted(allowed))}"
            raise where.fail((*path, str(key)), f"unknown key {key!r}", f"remove it or rename it ({hint})")


def _mapping(obj: Any, path: Path_, where: _Where, what: str) -> dict[str, Any]:
    if not isinstance(obj, dict):
        raise where.fail(path, f"{what} must be a mapping of keys to values, got {_kind(obj)}",
                         "write it as 'key: value' lines")
    return obj


def _kind(obj: Any) -> str:
    return "nothing" if obj is None else type(obj).__name__


def _text(obj: dict[str, Any], key: str, path: Path_, where: _Where, required: bool = True) -> str:
    value = obj.get(key)
    if value is None:
        if required:
            raise where.fail((*path, key) if key in obj else path, f"missing {key!r}",
                             f"add a non-empty '{key}:'")
        return ""
    if not isinstance(value, (str, int, float)) or isinstance(value, bool) or not str(value).strip():
        raise where.fail((*path, key), f"{key!r} must be non-empty text, got {_kind(value)}",
                         f"write the {key} as plain text")
    return str(value).strip()


def _number(obj: dict[str, Any], key: str, path: Path_, where: _Where,
            default: float | None = None) -> float:
    value = obj.get(key, default)
    if value is None:
        raise where.fail(path, f"missing {key!r}", f"add '{key}:' with a number")
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise where.fail((*path, key), f"{key!r} must be a number, got {value!r}",
                         f"write {key} as a number such as 1 or 1.5")
    if value < 0 or value != value or value == float("inf"):
        raise where.fail((*path, key), f"{key!r} must be a finite number >= 0, got {value!r}",
                         f"use a non-negative {key}")
    return float(value)


def _strings(obj: dict[str, Any], key: str, path: Path_, where: _Where) -> tuple[str, ...]:
    value = obj.get(key, [])
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        value = [value]
    if not isinstance(value, list):
        raise where.fail((*path, key), f"{key!r} must be a list of texts, got {_kind(value)}",
                         "write one '- text' line per item")
    out = []
    for i, item in enumerate(value):
        if isinstance(item, bool) or not isinstance(item, (str, int, float)) or not str(item).strip():
            raise where.fail((*path, key, i), f"{key}[{i}] must be non-empty text, got {_kind(item)}",
                             "write it as plain text or remove it")
        out.append(str(item).strip())
    return tuple(out)


def _terms(obj: dict[str, Any], path: Path_, where: _Where, key: str = "terms") -> tuple[TermGroup, ...]:
    value = obj.get(key, [])
    if not isinstance(value, list):
        raise where.fail((*path, key), f"{key!r} must be a list of synonym groups, got {_kind(value)}",
                         f"write e.g. '{key}: [[isolat*, outcast*], [recogni*]]'")
    groups = []
    for i, group in enumerate(value):
        group_path = (*path, key, i)
        items = group if isinstance(group, list) else [group]
        if not items:
            raise where.fail(group_path, "empty synonym group", "put at least one term in it or remove it")
        terms = []
        for j, term in enumerate(items):
            if isinstance(term, bool) or not isinstance(term, (str, int, float)) or not str(term).strip("* "):
                raise where.fail((*group_path, j), f"term must be a word or phrase, got {term!r}",
                                 "write a word such as 'reparations' or a stem such as 'isolat*'")
            terms.append(str(term).strip().lower())
        groups.append(tuple(terms))
    return tuple(groups)


def _criterion_fields(obj: dict[str, Any], path: Path_, where: _Where) -> dict[str, Any]:
    ident = _text(obj, "id", path, where)
    terms = _terms(obj, path, where)
    min_terms = obj.get("min_terms")
    if min_terms is not None:
        if isinstance(min_terms, bool) or not isinstance(min_terms, int) or not 1 <= min_terms <= len(terms):
            raise where.fail((*path, "min_terms"),
                             f"'min_terms' must be a whole number from 1 to {len(terms)} "
                             f"(the number of term groups), got {min_terms!r}",
                             "lower it or add term groups")
    wanted_by = tuple(t.lower() for t in _strings(obj, "wanted_by", path, where))
    if wanted_by and not terms:
        raise where.fail((*path, "wanted_by"), "'wanted_by' needs 'terms': their first group names what is wanted",
                         "add 'terms:' whose first group is the thing wanted, or remove 'wanted_by'")
    return dict(id=ident, text=_text(obj, "text", path, where),
                alternatives=_strings(obj, "alternatives", path, where), terms=terms,
                min_terms=min_terms, exclude=tuple(t.lower() for t in _strings(obj, "exclude", path, where)),
                wanted_by=wanted_by)


def _unique_ids(items: list[Any], key: str, where: _Where, taken: dict[str, Path_]) -> None:
    for i, item in enumerate(items):
        if item.id in taken:
            raise where.fail((key, i, "id"), f"id {item.id!r} is used twice (first at {_place(taken[item.id])})",
                             "give every point and misconception its own id")
        taken[item.id] = (key, i)


def _place(path: Path_) -> str:
    return "".join(f"[{p}]" if isinstance(p, int) else str(p) for p in path)


def _build(data: Any, where: _Where, sha256: str) -> Rubric:
    top = _mapping(data, (), where, "the rubric")
    _check_keys(top, _TOP_KEYS, (), where)
    question = _text(top, "question", (), where)

    raw_points = top.get("points")
    if not isinstance(raw_points, list) or not raw_points:
        raise where.fail(("points",), "the rubric needs a non-empty list of 'points'",
                         "add 'points:' with at least one '- id: ... marks: ... text: ...'")
    points = []
    for i, raw in enumerate(raw_points):
        path: Path_ = ("points", i)
        obj = _mapping(raw, path, where, f"points[{i}]")
        _check_keys(obj, _POINT_KEYS, path, where)
        feedback = _mapping(obj.get("feedback", {}) or {}, (*path, "feedback"), where, "feedback")
        _check_keys(feedback, _FEEDBACK_KEYS, (*path, "feedback"), where)
        depth = _depth(obj, path, where)
        marks = _number(obj, "marks", path, where, default=max((m for _, m in depth), default=None))
        if depth and marks != max(m for _, m in depth):
            raise where.fail((*path, "marks"), f"marks {marks:g} differ from the deepest depth's "
                             f"{max(m for _, m in depth):g}", "drop 'marks' or make it the top depth mark")
        points.append(Point(**_criterion_fields(obj, path, where), marks=marks, depth=depth,
                            feedback_hit=_text(feedback, "hit", path, where, required=False),
                            feedback_miss=_text(feedback, "miss", path, where, required=False),
                            anywhere=_anywhere(obj, path, where), **_each_side(obj, path, where)))

    raw_miscs = top.get("misconceptions", []) or []
    if not isinstance(raw_miscs, list):
        raise where.fail(("misconceptions",), "'misconceptions' must be a list", "write one '- id: ...' per item")
    miscs = []
    for i, raw in enumerate(raw_miscs):
        path = ("misconceptions", i)
        obj = _mapping(raw, path, where, f"misconceptions[{i}]")
        _check_keys(obj, _MISCONCEPTION_KEYS, path, where)
        miscs.append(Misconception(**_criterion_fields(obj, path, where),
                                   penalty=_number(obj, "penalty", path, where, default=1.0),
                                   feedback=_text(obj, "feedback", path, where, required=False)))

    taken: dict[str, Path_] = {}
    _unique_ids(points, "points", where, taken)
    _unique_ids(miscs, "misconceptions", where, taken)

    total = sum(p.marks for p in points)
    max_score = _number(top, "max_score", (), where, default=total)
    if max_score == 0:
        raise where.fail(("max_score",), "the rubric is worth 0 marks", "give the points some marks")

    raw_bands = top.get("bands", []) or []
    if not isinstance(raw_bands, list):
        raise where.fail(("bands",), "'bands' must be a list", "write one '- name: ... min: ...' per band")
    bands = []
    for i, raw in enumerate(raw_bands):
        obj = _mapping(raw, ("bands", i), where, f"bands[{i}]")
        _check_keys(obj, _BAND_KEYS, ("bands", i), where)
        band = Band(_text(obj, "name", ("bands", i), where), _number(obj, "min", ("bands", i), where))
        if band.min > max_score:
            raise where.fail(("bands", i, "min"), f"band {band.name!r} starts at {band.min}, above the "
                             f"maximum score {max_score}", "lower its 'min'")
        bands.append(band)
    bands.sort(key=lambda b: -b.min)

    return Rubric(question=question, points=tuple(points), misconceptions=tuple(miscs),
                  bands=tuple(bands), levels=_levels(top, where, max_score), matching=_matching(top, where),
                  max_score=max_score, count_best=_count_best(top, len(points), where),
                  partial_credit=_flag(top, "partial_credit", where), partial_from=_partial_from(top, where),
                  title=_text(top, "title", (), where, required=False), source=where.source, sha256=sha256)


def _count_best(top: dict[str, Any], n_points: int, where: _Where) -> int | None:
    value = top.get("count_best")
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= n_points:
        raise where.fail(("count_best",), f"'count_best' must be a whole number from 1 to the number of points "
                         f"({n_points}), got {value!r}", "write e.g. 'count_best: 2', or drop it to count every point")
    return value


def _partial_from(top: dict[str, Any], where: _Where) -> float | None:
    value = top.get("partial_from")
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value < 1:
        raise where.fail(("partial_from",), f"'partial_from' must be a match probability from 0 to below 1, "
                         f"got {value!r}", "write e.g. 'partial_from: 0.2' (below the match threshold)")
    if top.get("partial_credit") is not True:
        raise where.fail(("partial_from",), "'partial_from' sets where part marks start, but the rubric gives none",
                         "add 'partial_credit: true', or drop 'partial_from'")
    return value


def _anywhere(obj: dict[str, Any], path: Path_, where: _Where) -> bool:
    anywhere = _flag(obj, "anywhere", where, path)
    if anywhere and not obj.get("terms"):
        raise where.fail((*path, "anywhere"), "'anywhere' needs 'terms': their first group must be in the claim, "
                         "the others may be anywhere in the essay", "add 'terms:', or remove 'anywhere'")
    return anywhere


def _each_side(obj: dict[str, Any], path: Path_, where: _Where) -> dict[str, Any]:
    """``each_side: {group: 2, sides: [[german*, germany], [soviet*, russia*]]}`` (group 1-based)."""
    if "each_side" not in obj:
        return {}
    here = (*path, "each_side")
    raw = _mapping(obj["each_side"], here, where, "each_side")
    _check_keys(raw, _EACH_SIDE_KEYS, here, where)
    n_groups = len(obj.get("terms") or [])
    if n_groups < 2:
        raise where.fail(here, "'each_side' needs 'terms' with at least two groups: the anchor, and one that says "
                         "'both'", "add the term groups, or remove 'each_side'")
    group = raw.get("group")
    if isinstance(group, bool) or not isinstance(group, int) or not 2 <= group <= n_groups:
        raise where.fail((*here, "group"), f"'group' must be the number of the term group that says 'both', "
                         f"from 2 to {n_groups}, got {group!r}",
                         "count the point's 'terms' groups from 1 (the first, its anchor, cannot be it)")
    sides = _terms(raw, here, where, key="sides")
    if len(sides) < 2:
        raise where.fail((*here, "sides"), f"'sides' needs a group of terms for each of at least two sides, "
                         f"got {len(sides)}", "write e.g. 'sides: [[german*, germany], [soviet*, russia*]]'")
    return {"each_side": sides, "each_side_group": group - 1}


def _flag(obj: dict[str, Any], key: str, where: _Where, path: Path_ = ()) -> bool:
    value = obj.get(key, False)
    if not isinstance(value, bool):
        raise where.fail((*path, key), f"{key!r} must be true or false, got {value!r}", f"write '{key}: true'")
    return value


def _depth(obj: dict[str, Any], path: Path_, where: _Where) -> tuple[tuple[str, float], ...]:
    raw = obj.get("depth")
    if raw is None:
        return ()
    raw = _mapping(raw, (*path, "depth"), where, "depth")
    unknown = [k for k in raw if k not in DEPTHS]
    if unknown or not raw:
        raise where.fail((*path, "depth"), f"depth keys must be among {', '.join(DEPTHS)}, got {unknown or 'none'}",
                         "write e.g. 'depth: {identified: 0.5, explained: 1, developed: 1.5}'")
    depth = tuple((d, _number(raw, d, (*path, "depth"), where)) for d in DEPTHS if d in raw)
    if any(a[1] > b[1] for a, b in zip(depth, depth[1:])):
        raise where.fail((*path, "depth"), "a deeper answer must not earn fewer marks", "order the marks upwards")
    return depth


def _levels(top: dict[str, Any], where: _Where, max_score: float) -> tuple[Level, ...]:
    raw = top.get("levels", []) or []
    if not isinstance(raw, list):
        raise where.fail(("levels",), "'levels' must be a list", "write one '- name: ... marks: [low, high]' per level")
    levels = []
    for i, item in enumerate(raw):
        path: Path_ = ("levels", i)
        obj = _mapping(item, path, where, f"levels[{i}]")
        _check_keys(obj, _LEVEL_KEYS, path, where)
        marks = obj.get("marks")
        if (not isinstance(marks, list) or len(marks) != 2 or any(isinstance(m, bool) or not isinstance(m, (int, float))
                                                                  for m in marks) or not 0 <= marks[0] <= marks[1] <= max_score):
            raise where.fail((*path, "marks"), f"'marks' must be [low, high] with 0 <= low <= high <= {max_score:g}, "
                             f"got {marks!r}", "write e.g. 'marks: [4, 6]'")
        rule_raw = _mapping(obj.get("rule", {}) or {}, (*path, "rule"), where, "rule")
        rule = []
        for depth, count in rule_raw.items():
            if depth not in DEPTHS or isinstance(count, bool) or not isinstance(count, int) or count < 0:
                raise where.fail((*path, "rule", str(depth)), f"rule entries are '<depth>: <number of points>' with "
                                 f"depth among {', '.join(DEPTHS)}, got {depth}: {count!r}",
                                 "write e.g. 'rule: {explained: 2}'")
            rule.append((str(depth), count))
        levels.append(Level(name=_text(obj, "name", path, where), low=float(marks[0]), high=float(marks[1]),
                            descriptor=_text(obj, "descriptor", path, where, required=False), rule=tuple(rule)))
    return tuple(sorted(levels, key=lambda level: level.low))


def _matching(top: dict[str, Any], where: _Where) -> MatchingSettings:
    raw = _mapping(top.get("matching", {}) or {}, ("matching",), where, "matching")
    _check_keys(raw, _MATCHING_KEYS, ("matching",), where)
    defaults = MatchingSettings()
    values: dict[str, Any] = {}
    for key, value in raw.items():
        if key == "learned_for":
            values[key] = _text(raw, key, ("matching",), where)
            continue
        number = _number(raw, key, ("matching",), where)
        default = getattr(defaults, key)
        if isinstance(default, int):
            if number != int(number):
                raise where.fail(("matching", key), f"{key!r} must be a whole number, got {value!r}",
                                 "drop the fraction")
            number = int(number)
        elif key in {"threshold", "near_miss", "fuzzy_weight", "learned_threshold"} and number > 1:
            raise where.fail(("matching", key), f"{key!r} must be between 0 and 1, got {value!r}",
                             "use a fraction such as 0.6")
        values[key] = number
    return MatchingSettings(**values)
