"""Readers for the public human-scored data sets in ../shared/data (SemEval-2013 Task 7, SAF).

Each returns questions with their reference answers and labelled student answers. Only the
benchmark and training scripts use these; the product never reads them.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

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


def available() -> bool:
    return SHARED.is_dir()
