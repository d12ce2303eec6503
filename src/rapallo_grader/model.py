"""The learned matcher: a logistic regression over claim/criterion features, stored as plain JSON.

No pickle: the model is a list of numbers (feature means and scales, coefficients, intercept)
and a decision threshold, so loading it cannot run code. Its sidecar ``*.meta.json`` records how
it was trained and the file's sha256, which is checked on every load: a changed or missing
model file is an error, never a silent fallback.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np

DEFAULT_MODEL = "matcher-v2.json"
SEMANTIC_MODEL = "matcher-semantic-v2.json"


class ModelError(RuntimeError):
    """The learned matcher's file is missing, altered or unreadable."""


@dataclass(frozen=True)
class MatchModel:
    features: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float
    threshold: float
    name: str = DEFAULT_MODEL
    sha256: str = ""

    def predict(self, features: np.ndarray) -> np.ndarray:
        """Match probability for each row of features (columns in ``self.features`` order)."""
        z = ((features - self.mean) / self.scale) @ self.coef + self.intercept
        return 1.0 / (1.0 + np.exp(-z))

    def to_json(self) -> str:
        return json.dumps({"features": list(self.features), "mean": self.mean.tolist(),
                           "scale": self.scale.tolist(), "coef": self.coef.tolist(),
                           "intercept": self.intercept, "threshold": self.threshold}, indent=1) + "\n"

    @classmethod
    def load(cls, path: str | Path | None = None, bundled: str = DEFAULT_MODEL) -> MatchModel:
        """Load and verify a model: the file at ``path``, else the bundled one named ``bundled``."""
        if path is None:
            source = resources.files("rapallo_grader.models") / bundled
            meta_source = resources.files("rapallo_grader.models") / bundled.replace(".json", ".meta.json")
        else:
            source = Path(path)
            meta_source = source.with_name(source.name.replace(".json", ".meta.json"))
        try:
            raw = source.read_bytes()
            meta = json.loads(meta_source.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise ModelError(f"learned matcher {source} or its sidecar {meta_source} is missing or unreadable "
                             f"({exc}); reinstall rapallo-grader or rebuild it with scripts/train_matcher.py") from exc
        digest = hashlib.sha256(raw).hexdigest()
        if digest != meta.get("sha256"):
            raise ModelError(f"learned matcher {source} does not match its recorded checksum "
                             f"(sha256 {digest[:12]}..., expected {str(meta.get('sha256'))[:12]}...): it was "
                             "altered; reinstall rapallo-grader or rebuild it with scripts/train_matcher.py")
        try:
            data = json.loads(raw)
            return cls(features=tuple(data["features"]), mean=np.asarray(data["mean"], dtype=float),
                       scale=np.asarray(data["scale"], dtype=float), coef=np.asarray(data["coef"], dtype=float),
                       intercept=float(data["intercept"]), threshold=float(data["threshold"]),
                       name=Path(str(source)).name, sha256=digest)
        except (KeyError, TypeError, ValueError) as exc:
            raise ModelError(f"learned matcher {source} is malformed ({exc})") from exc
