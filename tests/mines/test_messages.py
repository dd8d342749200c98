"""User messages show numbers as numbers: no numpy reprs such as ``np.float64(3.0)``."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from dpssec.errors import InputError
from dpssec.mines.areas import HazardousArea
from dpssec.mines.mcda import ahp, topsis, weighted_sum
from dpssec.mines.sampling import acceptance_probability
from dpssec.mines.scoring import LM_PERFORMANCE_2015, impact_category

CALLS: list[tuple[Any, str]] = [
    (lambda: topsis(np.array([[1.0, np.nan], [2.0, 3.0]]), [0.5, 0.5], True), "column 1: nan"),
    (lambda: weighted_sum(np.array([[1.0, np.inf], [2.0, 3.0]]), [0.5, 0.5], True), ": inf"),
    (lambda: weighted_sum([[1.0, 2.0], [3.0, 4.0]], [0.5, 0.5], np.array([1, 2])), "is 1."),
    (lambda: ahp(np.array([[1.0, 3.0], [0.3, 1.0]])), "(1, 0) is 0.3"),
    (lambda: ahp(np.array([[1.0, 3.0], [0.3, 1.0]])), "(= 0.333333)"),
    (lambda: ahp(np.array([[1.0, -3.0], [-1 / 3, 1.0]])), "column 1: -3.0)"),
    (lambda: ahp(np.array([[2.0, 3.0], [1 / 3, 1.0]])), "(0, 0) is 2"),
    (lambda: HazardousArea("a", "SHA", 1, recent_victims=np.float64(2.5)), "index 0: 2.5)"),
    (lambda: HazardousArea("a", "SHA", 1, affected_population=np.int64(-4)), "index 0: -4.0)"),
    (lambda: impact_category(np.array([-1.0]), LM_PERFORMANCE_2015), "index 0: -1)"),
    (
        lambda: acceptance_probability(np.int64(10), 0, np.float64(0.0126), lot_size=400),
        "got 5.04",
    ),
]


@pytest.mark.parametrize(("call", "shown"), CALLS)
def test_messages_show_plain_numbers(call: Any, shown: str) -> None:
    with pytest.raises(InputError) as info:
        call()
    message = str(info.value)
    assert "np." not in message and "float64" not in message and "int64" not in message
    assert shown in message
