"""The two ways grading can refuse: a bad rubric stops everything, a bad essay stops only itself."""


class RubricError(ValueError):
    """The rubric file cannot be used. The message names the file, the place and the fix."""


class EssayError(ValueError):
    """One essay cannot be graded. The message says why; other essays in a batch still are."""
