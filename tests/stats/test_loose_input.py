"""Counts given as text or booleans are refused; non-integer (weighted) counts are allowed."""

from __future__ import annotations

import numpy as np
import pytest

from dpssec.errors import InputError
from dpssec.stats import (
    poisson_count_interval,
    poisson_rate,
    proportion,
    risk_difference,
    risk_ratio,
    wilson_interval,
)


@pytest.mark.parametrize(
    ("call", "name"),
    [
        (lambda bad: poisson_rate(bad, 100), "count"),
        (lambda bad: poisson_rate(5, bad), "population"),
        (lambda bad: proportion(bad, 10), "count"),
        (lambda bad: proportion(1, bad), "total"),
        (lambda bad: risk_difference(bad, 10, 1, 10), "count_a"),
        (lambda bad: risk_ratio(1, 10, 1, bad), "total_b"),
        (lambda bad: wilson_interval(bad, 10), "count"),
        (lambda bad: poisson_count_interval(bad), "count"),
    ],
)
@pytest.mark.parametrize(
    "bad", ["5", True, np.True_, ["5", "6"], np.array([True, False]), np.array(["5"])]
)
def test_text_and_booleans_are_refused(call, name, bad):
    with pytest.raises(InputError, match=f"parameter '{name}' must be numbers"):
        call(bad)


def test_text_inside_an_object_column_is_refused_with_its_index():
    pd = pytest.importorskip("pandas")
    with pytest.raises(
        InputError, match=r"parameter 'count' must be numbers; got text '7' at index 1"
    ):
        poisson_rate(pd.Series([5, "7"], dtype=object), pd.Series([100, 100]))


def test_non_integer_counts_are_allowed():
    assert poisson_rate(2.5, 100, multiplier=100).value == pytest.approx(2.5)
    assert proportion(2.5, 10).value == pytest.approx(0.25)
    assert poisson_rate(np.array([2.5, 3]), np.array([100, 100])).value.shape == (2,)
