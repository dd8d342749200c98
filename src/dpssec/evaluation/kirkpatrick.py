"""A training programme's results at Kirkpatrick's four levels, reported together.

Kirkpatrick's levels: 1 reaction (did participants find it useful?), 2 learning (did they
gain knowledge or skills?), 3 behaviour (do they use it at work?), 4 results (did the
organisation's outcomes change?). :class:`KirkpatrickEvaluation` holds whatever evidence a
programme has at each level — an :class:`~dpssec.stats.Estimate`, a
:class:`~dpssec.evaluation.TrainingGain`, a :class:`~dpssec.evaluation.PassFailChange`, or a
design's result (:class:`~dpssec.evaluation.DiDResult`, :class:`~dpssec.evaluation.ITSResult`)
— and renders them as one table, saying which levels are missing.

For example:

>>> from dpssec.evaluation import KirkpatrickEvaluation, training_gain
>>> from dpssec.stats import proportion
>>> report = KirkpatrickEvaluation(
...     programme="Crime-scene management course, 2024",
...     reaction=proportion(41, 46),
...     learning=training_gain([55, 60, 48, 70, 62, 51, 66, 58], [68, 71, 60, 78, 70, 65, 72, 69]),
... )
>>> report.missing
('behaviour', 'results')
>>> [round(float(v), 3) for v in report.to_frame()["value"]]
[0.891, 10.375, nan, nan]
"""

from __future__ import annotations

from typing import Any

import attrs

from dpssec.boundary import Text, example_by
from dpssec.rendering import ResultMixin

__all__ = ["KIRKPATRICK_LEVELS", "KirkpatrickEvaluation", "level_summary"]

KIRKPATRICK_LEVELS = {
    "reaction": "1. reaction",
    "learning": "2. learning",
    "behaviour": "3. behaviour",
    "results": "4. results",
}
"""The four levels, in order, with their labels."""

_QUESTIONS = {
    "reaction": "did participants find the course relevant and useful?",
    "learning": "did knowledge or skills improve (pre/post tests)?",
    "behaviour": "do participants apply it at work (follow-up observation, supervisors)?",
    "results": "did the unit's outcomes change (clearance, complaints, incidents)?",
}


def level_summary(evidence: Any) -> tuple[Any, Any, Any, str]:
    """(value, lower, upper, description) of one level's evidence, whatever its type."""
    if evidence is None:
        return None, None, None, "no evidence"
    for attribute, label in (
        ("mean_change", "mean score change"),
        ("effect", "effect"),
        ("level_change", "level change"),
        ("difference", "change in pass rate"),
    ):
        estimate = getattr(evidence, attribute, None)
        if estimate is not None:
            return estimate.value, estimate.lower, estimate.upper, f"{label}: {estimate.method}"
    if hasattr(evidence, "value") and hasattr(evidence, "lower"):
        return evidence.value, evidence.lower, evidence.upper, str(evidence.method)
    return None, None, None, type(evidence).__name__


@example_by(lambda: _example_evaluation())
@attrs.frozen(kw_only=True, eq=False)
class KirkpatrickEvaluation(ResultMixin):
    """Evidence on a training programme at Kirkpatrick's four levels.

    Attributes
    ----------
    programme : str
        The course or programme evaluated.
    reaction, learning, behaviour, results : result or None
        The evidence at each level: an Estimate (a share satisfied, a share applying the
        skills), a TrainingGain, a PassFailChange, a DiDResult or an ITSResult.
    notes : str
        How each level was measured (instruments, follow-up times).

    References
    ----------
    Kirkpatrick DL, Kirkpatrick JD. *Evaluating Training Programs: The Four Levels*, 3rd ed.
    Berrett-Koehler, 2006.
    """

    programme: str = Text().field()
    reaction: Any = None
    learning: Any = None
    behaviour: Any = None
    results: Any = None
    notes: str = ""

    @property
    def missing(self) -> tuple[str, ...]:
        """Levels without evidence."""
        return tuple(level for level in KIRKPATRICK_LEVELS if getattr(self, level) is None)

    @property
    def statement(self) -> str:
        """The levels evidenced and missing, in words."""
        have = [KIRKPATRICK_LEVELS[k] for k in KIRKPATRICK_LEVELS if k not in self.missing]
        text = f"{self.programme}: evidence at {', '.join(have) if have else 'no level'}."
        if self.missing:
            text += (
                " Missing: "
                + "; ".join(f"{KIRKPATRICK_LEVELS[k]} ({_QUESTIONS[k]})" for k in self.missing)
                + ". Reaction and learning do not show that work practice or outcomes changed."
            )
        return text

    def _columns(self) -> dict[str, Any]:
        rows = [
            (KIRKPATRICK_LEVELS[k], *level_summary(getattr(self, k))) for k in KIRKPATRICK_LEVELS
        ]
        return {
            "level": [r[0] for r in rows],
            "value": [r[1] for r in rows],
            "lower": [r[2] for r in rows],
            "upper": [r[3] for r in rows],
            "measure": [r[4] for r in rows],
        }


def _example_evaluation() -> KirkpatrickEvaluation:
    """The declared example: evidence at the first two levels."""
    from dpssec.evaluation.training import training_gain
    from dpssec.stats import proportion

    return KirkpatrickEvaluation(
        programme="Crime-scene management course, 2024",
        reaction=proportion(41, 46),
        learning=training_gain([55, 60, 48, 70], [68, 71, 60, 78]),
        notes="reaction: end-of-course survey; learning: pre/post test",
    )
