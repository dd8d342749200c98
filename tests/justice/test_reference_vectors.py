"""The Kaplan-Meier reference table (R survival's aml data) through the justice API."""

from __future__ import annotations

import numpy as np
import pytest

from dpssec.errors import DataQualityWarning
from dpssec.justice import compare_programmes, recidivism_rate, reintegration_rate
from tests.justice.conftest import load_rows

AML = load_rows("aml.csv")
TABLE = load_rows("aml_survfit.csv")


def _group(name):
    rows = [r for r in AML if r["group"] == name]
    return np.array([r["time"] for r in rows]), np.array([r["status"] for r in rows])


@pytest.mark.parametrize(
    ("ci", "lower", "upper", "atol"),
    [
        ("log", "log_lower", "log_upper", 6e-4),  # R prints the upper limit with 3 dp
        ("log-log", "loglog_lower", "loglog_upper", 6e-5),
        ("plain", "plain_lower", "plain_upper", 6e-5),
    ],
)
def test_survfit_table(ci, lower, upper, atol) -> None:
    for name in ("Maintained", "Nonmaintained"):
        rows = [r for r in TABLE if r["group"] == name]
        times = np.array([r["time"] for r in rows])
        durations, events = _group(name)
        s = reintegration_rate(durations, events, follow_up=times, ci=ci)
        np.testing.assert_allclose(s.value, [r["survival"] for r in rows], atol=6e-5)
        np.testing.assert_allclose(s.lower, [r[lower] for r in rows], atol=atol)
        np.testing.assert_allclose(s.upper, [r[upper] for r in rows], atol=atol)
        f = recidivism_rate(durations, events, follow_up=times, ci=ci)
        np.testing.assert_allclose(f.value, 1 - s.value, atol=1e-15)
        np.testing.assert_allclose(f.lower, 1 - s.upper, atol=1e-15)


def test_logrank_of_the_whole_curves() -> None:
    with pytest.warns(DataQualityWarning):  # aml has censoring before day 161
        comparison = compare_programmes(
            _group("Maintained"), _group("Nonmaintained"), follow_up=161
        )
    assert comparison.logrank.statistic == pytest.approx(3.396389, abs=5e-7)
    assert comparison.logrank.p_value == pytest.approx(0.065339, abs=5e-7)
