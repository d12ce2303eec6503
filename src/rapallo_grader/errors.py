"""The two ways grading can refuse (a bad rubric stops everything, a bad essay stops only itself),
and the one thing it grades on but warns about."""


class RubricError(ValueError):
    """The rubric file cannot be used. The message names the file, the place and the fix."""


class EssayError(ValueError):
    """One essay cannot be graded. The message says why; other essays in a batch still are."""


class StaleThresholdWarning(UserWarning):
    """The rubric's ``learned_threshold`` was fitted for another learned matcher than the one grading:
    marks still come, but from a threshold on another model's probabilities. Calibrate again."""
