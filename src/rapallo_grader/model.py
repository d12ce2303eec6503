"""The learned matcher: an additive logistic model over claim/criterion features, stored as JSON.

Each feature passes through its own smooth curve (quadratic B-splines on a few knots: "how much
does this much overlap count?") and the curves are summed into a match probability. Scikit-learn
fits it (``SplineTransformer`` then ``LogisticRegression``, ``scripts/train_matcher.py``); the
grader evaluates it with numpy alone.

No pickle: the model is a list of numbers (knots, coefficients, intercept) and a decision
threshold, so loading it cannot run code. Its sidecar ``*.meta.json`` records how it was trained
and the file's sha256, which is checked on every load: a changed or missing model file is an
error, never a silent fallback.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

DEFAULT_MODEL = "matcher-v20.json"
SEMANTIC_MODEL = "matcher-semantic-v20.json"
#: One release's two matchers, trained together on the same rows (thresholds 0.44 and 0.43): a
#: threshold fitted for one suits the other (the drafting settings, fitted for the default one,
#: moved SAF unseen-questions r by 0.004 under the semantic one), so neither warns about the other.
RELEASED = frozenset({DEFAULT_MODEL, SEMANTIC_MODEL})


def stale_threshold(learned_for: str | None, model: str) -> str | None:
    """Why a rubric's learned_threshold, fitted for ``learned_for``, may not suit ``model``; None
    when it was fitted for it or its sibling in this release, or when nobody recorded what it was
    fitted for (set by hand)."""
    if learned_for is None or learned_for == model or {learned_for, model} <= RELEASED:
        return None
    return (f"matching.learned_threshold was fitted for the learned matcher {learned_for}, but {model} is "
            "grading: its probabilities sit elsewhere, so points may be awarded more or less readily than "
            "when it was fitted. Run `grade calibrate` again on your marked essays (or delete "
            "learned_threshold and learned_for to use the model's own threshold)")


class ModelError(RuntimeError):
    """The learned matcher's file is missing, altered or unreadable."""


@dataclass(frozen=True)
class MatchModel:
    features: tuple[str, ...]
    knots: np.ndarray  # features x knots: each feature's B-spline knot vector
    degree: int
    coef: np.ndarray  # features x splines, flattened feature by feature
    intercept: float
    threshold: float
    name: str = DEFAULT_MODEL
    sha256: str = ""

    def predict(self, features: np.ndarray) -> np.ndarray:
        """Match probability for each row of features (columns in ``self.features`` order).
        Outside the range seen in training a curve stays at its end value."""
        k = self.degree
        x = np.clip(features, self.knots[:, k], self.knots[:, -k - 1])
        z = _bspline_basis(x, self.knots, k).reshape(len(x), -1) @ self.coef + self.intercept
        return 1.0 / (1.0 + np.exp(-z))

    def to_json(self) -> str:
        return json.dumps({"features": list(self.features), "degree": self.degree, "knots": self.knots.tolist(),
                           "coef": self.coef.tolist(), "intercept": self.intercept, "threshold": self.threshold},
                          indent=1) + "\n"

    @classmethod
    def from_fitted(cls, features: tuple[str, ...], splines: Any, regression: Any, threshold: float) -> MatchModel:
        """From a fitted scikit-learn ``SplineTransformer`` and binary ``LogisticRegression`` (default
        constant extrapolation, all splines kept); coefficients rounded to 8 places for a stable file."""
        knots = np.array([spline.t for spline in splines.bsplines_])
        return cls(features=features, knots=knots, degree=int(splines.degree), coef=regression.coef_[0].round(8),
                   intercept=float(np.round(regression.intercept_[0], 8)), threshold=threshold)

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
        digest = verify(raw, meta.get("sha256"), f"learned matcher {source}", "scripts/train_matcher.py")
        try:
            data = json.loads(raw)
            model = cls(features=tuple(data["features"]), knots=np.asarray(data["knots"], dtype=float),
                        degree=int(data["degree"]), coef=np.asarray(data["coef"], dtype=float),
                        intercept=float(data["intercept"]), threshold=float(data["threshold"]),
                        name=Path(str(source)).name, sha256=digest)
            if model.knots.shape[0] != len(model.features) or model.coef.size != model.knots.size - len(
                    model.features) * (model.degree + 1):
                raise ValueError("knots, coefficients and features do not fit together")
            return model
        except (KeyError, TypeError, ValueError) as exc:
            raise ModelError(f"learned matcher {source} is malformed ({exc})") from exc


def verify(raw: bytes, expected: object, what: str, script: str) -> str:
    """The sha256 of a shipped artefact, which must be the one its sidecar records."""
    digest = hashlib.sha256(raw).hexdigest()
    if digest != expected:
        raise ModelError(f"{what} does not match its recorded checksum (sha256 {digest[:12]}..., expected "
                         f"{str(expected)[:12]}...): it was altered; reinstall rapallo-grader or rebuild it "
                         f"with {script}")
    return digest


def _bspline_basis(x: np.ndarray, knots: np.ndarray, degree: int) -> np.ndarray:
    """rows x features x splines: each feature's B-spline basis at x (Cox-de Boor recursion).
    ``x`` must lie within the knots' inner range, as ``predict`` ensures."""
    x = x[:, :, None]
    t = knots[None, :, :]
    basis = ((t[..., :-1] <= x) & (x < t[..., 1:])).astype(float)
    for d in range(1, degree + 1):
        left = (x - t[..., :-d - 1]) / (t[..., d:-1] - t[..., :-d - 1]) * basis[..., :-1]
        right = (t[..., d + 1:] - x) / (t[..., d + 1:] - t[..., 1:-d]) * basis[..., 1:]
        basis = left + right
    return basis
