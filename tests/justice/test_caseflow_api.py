"""The second-wave names of ../shared/design/API.md for the administration of justice.

``clearance_rate(resolved, incoming)``, ``case_turnover_ratio(resolved, pending_end)``,
``disposition_time(pending_end, resolved, *, period_days=365)`` and ``caseflow_table(...)``:
names, order and keywords are a contract.
"""

from __future__ import annotations

import inspect

import numpy as np
import pytest

import dpssec.justice as justice
from dpssec.boundary import calculator_info, example_of
from dpssec.errors import DataQualityWarning, InputError

CONTRACT = {
    "clearance_rate": (["resolved", "incoming"], {}),
    "case_turnover_ratio": (["resolved", "pending_end"], {}),
    "disposition_time": (["pending_end", "resolved"], {"period_days": 365}),
    "caseflow_table": ([], {}),
}


@pytest.mark.parametrize("name", sorted(CONTRACT))
def test_names_and_keywords(name: str) -> None:
    function = getattr(justice, name)
    positional, keywords = CONTRACT[name]
    parameters = inspect.signature(function).parameters
    assert list(parameters)[: len(positional)] == positional
    for key, default in keywords.items():
        assert parameters[key].default == default
        assert parameters[key].kind is inspect.Parameter.KEYWORD_ONLY


@pytest.mark.parametrize(
    "name",
    [
        "clearance_rate",
        "case_turnover_ratio",
        "disposition_time",
        "backlog_change",
        "stock_identity_gap",
        "efficiency_rate",
        "days_in_period",
        "caseflow_table",
        "time_to_disposition",
        "pending_age_profile",
        "flow_to_measured_ratio",
        "lower_median",
        "project_backlog",
        "capacity_needed",
        "pretrial_detention_length",
    ],
)
def test_declared_with_calculator_and_policies(name: str) -> None:
    info = calculator_info(getattr(justice, name))
    assert info is not None and example_of(getattr(justice, name)) is not None
    expected = ("raise", "propagate") if info.elementwise else ("raise", "omit")
    assert info.policies == expected


def test_infinite_answers_are_declared() -> None:
    # infinite where the denominator is 0 (warned); an overflow elsewhere is refused
    for name, denominator in (
        ("clearance_rate", "incoming"),
        ("case_turnover_ratio", "pending_end"),
        ("disposition_time", "resolved"),
    ):
        info = calculator_info(getattr(justice, name))
        assert info is not None and info.zero_denominators == (denominator,)
    with pytest.warns(DataQualityWarning):
        assert justice.clearance_rate([5, 1], [0, 2]).tolist() == [np.inf, 50.0]
    with pytest.raises(InputError, match="'resolved' holds values too large"):
        justice.clearance_rate([1e308, 1], [3, 2])


def test_import_stays_light() -> None:
    import subprocess
    import sys

    code = (
        "import sys, dpssec.justice; "
        "print(any(m in sys.modules for m in ('pandas', 'scipy.stats', 'statsmodels', 'matplotlib')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
