"""Did the policy work? Evaluation designs for public-security programmes.

Shared methods (beside :mod:`dpssec.stats`; domains may use them, they use no domain):

* :func:`interrupted_time_series`: segmented regression of a series around an intervention
  (level and slope change as rate ratios, counterfactual, diagnostics, ``plot()``);
"""

from __future__ import annotations

from dpssec.evaluation.adjusted import AdjustedComparison, adjusted_comparison
from dpssec.evaluation.did import DiDResult, difference_in_differences
from dpssec.evaluation.hazards import CoxResult, proportional_hazards
from dpssec.evaluation.its import ITSResult, interrupted_time_series
from dpssec.evaluation.joinpoint_trend import (
    JoinpointResult,
    JoinpointResults,
    Segment,
    joinpoint,
)
from dpssec.evaluation.kirkpatrick import KirkpatrickEvaluation
from dpssec.evaluation.results import CoefficientEstimate
from dpssec.evaluation.schemas import SERIES_SCHEMA, read_series
from dpssec.evaluation.training import TrainingGain, training_gain
from dpssec.evaluation.training_rates import (
    PassFailChange,
    attendance_rate,
    completion_rate,
    pass_fail_change,
)
from dpssec.evaluation.weighting import (
    BalanceTable,
    PropensityScores,
    Weights,
    balance_table,
    inverse_probability_weights,
    propensity_scores,
)

__all__ = [
    "SERIES_SCHEMA",
    "read_series",
    "AdjustedComparison",
    "BalanceTable",
    "CoefficientEstimate",
    "CoxResult",
    "DiDResult",
    "ITSResult",
    "JoinpointResult",
    "JoinpointResults",
    "KirkpatrickEvaluation",
    "PassFailChange",
    "PropensityScores",
    "Segment",
    "TrainingGain",
    "Weights",
    "adjusted_comparison",
    "attendance_rate",
    "balance_table",
    "completion_rate",
    "difference_in_differences",
    "interrupted_time_series",
    "inverse_probability_weights",
    "joinpoint",
    "pass_fail_change",
    "proportional_hazards",
    "propensity_scores",
    "training_gain",
]
