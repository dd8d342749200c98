"""The second-wave names and keywords of ../shared/design/API.md for dpssec.evaluation."""

from __future__ import annotations

import inspect
from typing import Any

import attrs
import pytest

import dpssec.evaluation as evaluation

_NO_DEFAULT = inspect.Parameter.empty

CONTRACT: dict[str, dict[str, Any]] = {
    "interrupted_time_series": {
        "counts": _NO_DEFAULT,
        "time": _NO_DEFAULT,
        "intervention": _NO_DEFAULT,
        "population": None,
        "seasonality": None,
        "period": 12,
        "family": "quasipoisson",
        "slope_change": True,
        "autocorrelation": None,
        "control": None,
        "confidence": 0.95,
    },
    "joinpoint": {
        "years": _NO_DEFAULT,
        "values": _NO_DEFAULT,
        "max_joinpoints": 3,
        "n_joinpoints": None,
        "model": "loglinear",
        "population": None,
        "standard_errors": None,
        "selection": "permutation",
    },
    "proportional_hazards": {
        "durations": _NO_DEFAULT,
        "events": _NO_DEFAULT,
        "covariates": _NO_DEFAULT,
        "ties": "efron",
        "confidence": 0.95,
    },
    "training_gain": {"pre": _NO_DEFAULT, "post": _NO_DEFAULT, "maximum": 100, "confidence": 0.95},
    "difference_in_differences": {},
}


@pytest.mark.parametrize("name", sorted(CONTRACT))
def test_names_and_keywords(name: str) -> None:
    parameters = inspect.signature(getattr(evaluation, name)).parameters
    for keyword, default in CONTRACT[name].items():
        assert keyword in parameters, f"{name} lost the keyword {keyword!r}"
        assert parameters[keyword].default == default, f"{name}({keyword}=...) default changed"
    keyword_only = [p for p in parameters.values() if p.kind is inspect.Parameter.KEYWORD_ONLY]
    assert keyword_only, f"{name}: options must be keyword-only"


def test_result_attributes() -> None:
    its = {f.name for f in attrs.fields(evaluation.ITSResult)}
    assert {"level_change", "slope_change", "counterfactual", "fitted"} <= its
    assert callable(evaluation.ITSResult.plot)
    jp = {f.name for f in attrs.fields(evaluation.JoinpointResult)}
    assert {"joinpoints", "segments"} <= jp
    assert callable(evaluation.JoinpointResult.aapc) and callable(evaluation.JoinpointResult.plot)
    cox = {f.name for f in attrs.fields(evaluation.CoxResult)}
    assert {"coefficients", "hazard_ratios", "likelihood_ratio_test"} <= cox
    gain = {f.name for f in attrs.fields(evaluation.TrainingGain)}
    assert {"mean_change", "hedges_g", "gains", "class_gain"} <= gain
