"""dpssec.stats as a package: light import, public names, JSON round trips of every result."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

import dpssec.stats
from dpssec.serialization import from_json, to_json
from dpssec.stats import (
    CumulativeHazardCurve,
    SurvivalCurve,
    TestResult,
    kaplan_meier,
    multigroup_logrank_test,
    nelson_aalen,
)


def test_import_is_light() -> None:
    code = (
        "import sys, dpssec.stats; "
        "print([m for m in ('scipy.stats', 'pandas', 'pint', 'matplotlib') if m in sys.modules])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_public_names() -> None:
    for name in dpssec.stats.__all__:
        assert getattr(dpssec.stats, name) is not None
    assert {"Estimate", "poisson_rate", "proportion", "kaplan_meier", "logrank_test"} <= set(
        dpssec.stats.__all__
    )


records = st.integers(2, 30).flatmap(
    lambda n: st.tuples(
        st.lists(st.floats(0, 100, allow_nan=False), min_size=n, max_size=n),
        st.lists(st.integers(0, 1), min_size=n, max_size=n),
        st.sampled_from(["log-log", "log", "plain"]),
    )
)


@settings(max_examples=30)
@given(records)
def test_curves_and_tests_round_trip(data: tuple[list[float], list[int], str]) -> None:
    durations, events, ci = data
    curve = kaplan_meier(durations, events, ci=ci)
    assert from_json(to_json(curve), SurvivalCurve) == curve
    hazard = nelson_aalen(durations, events, ties="fleming-harrington")
    assert from_json(to_json(hazard), CumulativeHazardCurve) == hazard
    if sum(events):
        groups = np.arange(len(durations)) % 2
        result = multigroup_logrank_test(durations, events, groups)
        assert from_json(to_json(result), TestResult) == result
