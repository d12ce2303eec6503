"""Readers for the public human-scored data sets in ../shared/data (SemEval-2013 Task 7, SAF).

Each returns questions with their reference answers and labelled student answers. Only the
benchmark and training scripts use these; the product never reads them.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, replace
from pathlib import Path

from rapidfuzz import fuzz, process

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"


@dataclass(frozen=True)
class Answer:
    id: str
    text: str
    label: float  # SemEval 2-way: 1.0 correct / 0.0 incorrect; SAF: points in [0, 1]


@dataclass(frozen=True)
class Question:
    id: str
    text: str
    references: tuple[str, ...]
    answers: tuple[Answer, ...]


def semeval(corpus: str, split: str) -> list[Question]:
    """corpus: 'sciEntsBank' or 'beetle'; split: 'training' or e.g. 'test-unseen-domains'."""
    folder = (SHARED / "semeval2013" / "training" / "2way" / corpus if split == "training"
              else SHARED / "semeval2013" / "test" / "2way" / corpus / split)
    questions = []
    for path in sorted(folder.glob("*.xml")):
        root = ET.parse(path).getroot()
        refs = tuple(r.text.strip() for r in root.iter("referenceAnswer") if r.text and r.text.strip())
        answers = tuple(Answer(a.get("id", ""), (a.text or "").strip(), 1.0 if a.get("accuracy") == "correct" else 0.0)
                        for a in root.iter("studentAnswer"))
        questions.append(Question(root.get("id", path.stem), (root.findtext("questionText") or "").strip(),
                                  refs, answers))
    return questions


def saf(split: str, version: str = "v1") -> list[Question]:
    """split: 'training', 'unseen_answers' or 'unseen_questions'."""
    questions = []
    for path in sorted((SHARED / "saf" / version / split).glob("*.xml")):
        root = ET.parse(path).getroot()
        refs = tuple(r.text.strip() for r in root.iter("referenceAnswer") if r.text and r.text.strip())
        answers = tuple(Answer(a.get("id", ""), (a.findtext("response") or "").strip(), float(a.findtext("score") or 0))
                        for a in root.iter("studentAnswer"))
        questions.append(Question(f"{path.stem}", (root.findtext("questionText") or "").strip(), refs, answers))
    return questions


def saf_new_in_v2() -> list[Question]:
    """The questions of SAF v2's training folder that no v1 folder asks (none of their answers is in
    v1 either): nothing here was tuned on them, so they check drafting on questions it has never met.
    Their marks run to 0.5-3.5; each is scaled by the question's top mark (the files give no maximum)."""
    known = [q.text for split in ("training", "unseen_answers", "unseen_questions") for q in saf(split)]
    fresh = [q for q in saf("training", "v2")
             if process.extractOne(q.text, known, scorer=fuzz.ratio)[1] < 90]  # reworded v1 questions score 98+
    return [replace(q, answers=tuple(replace(a, label=a.label / top) for a in q.answers))
            for q in fresh for top in [max(a.label for a in q.answers)]]


def available() -> bool:
    return SHARED.is_dir()
