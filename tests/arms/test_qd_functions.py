"""Kernel-level tests of the D-code functions: branches, holds, minima, exact inverses."""

from __future__ import annotations

import math

import attrs
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dpssec.arms.storage import AASTP1_2006, IATG_02_20_2021
from dpssec.arms.storage.qd_functions import (
    HD11_FUNCTIONS,
    HD12_FUNCTIONS,
    HD13_FUNCTIONS,
    Branch,
    DistanceFunction,
    branch_index,
    evaluate_kernel,
    inverse_kernel,
)
from dpssec.references import Reference

ALL = [
    *(
        IATG_02_20_2021.function(g, c)
        for g in ("1.1", "1.2", "1.3")
        for c in IATG_02_20_2021.functions[g]
    ),
    *(AASTP1_2006.function(g, c) for g in ("1.1", "1.2", "1.3") for c in AASTP1_2006.functions[g]),
]


def test_coefficients_shared() -> None:
    """The D-code coefficients are the same objects' data in both sets (written once)."""
    for code in ("D1", "D3", "D7", "D10", "D12", "D14", "D17"):
        iatg = IATG_02_20_2021.function("1.1", code).branches
        aastp = AASTP1_2006.function("1.1", code).branches
        assert iatg == aastp == HD11_FUNCTIONS[code].branches
    assert IATG_02_20_2021.function("1.2", "D2").branches == HD12_FUNCTIONS["D2"].branches
    assert HD13_FUNCTIONS["D1"].branches[0].form == "square_root"  # not Q^1/3 as printed


def test_iatg_branch_boundaries() -> None:
    d13 = IATG_02_20_2021.function("1.1", "D13")
    q = np.array([2_499.0, 2_500.0, 2_501.0, 4_500.0, 4_501.0])
    assert branch_index(d13, q).tolist() == [0, 0, 1, 1, 2]
    aastp = AASTP1_2006.function("1.1", "D13")
    assert branch_index(aastp, np.array([4_499.0, 4_500.0])).tolist() == [0, 1]


def test_values() -> None:
    d13 = attrs.evolve(IATG_02_20_2021.function("1.1", "D13"), floors=())
    assert evaluate_kernel(d13, 1_000.0) == pytest.approx(150.0)
    assert evaluate_kernel(d13, 3_000.0) == pytest.approx(5.5 * 3_000**0.5)
    assert evaluate_kernel(d13, 8_000.0) == pytest.approx(22.2 * 20)
    # held: the Q^1/2 branch starts below the Q^2/3 end value
    assert evaluate_kernel(d13, 2_501.0) == pytest.approx(1.5 * 2_500 ** (2 / 3))
    d2 = HD12_FUNCTIONS["D2"]
    assert evaluate_kernel(d2, 1.0) == 60.0  # minimum
    assert evaluate_kernel(attrs.evolve(d2, floors=()), 1.0) == 0.0  # never negative
    d1 = attrs.evolve(HD12_FUNCTIONS["D1"], floors=())
    # D1's parabola in ln Q has its minimum at 2.1 kg: evaluated on its increasing side
    assert evaluate_kernel(d1, 0.01) == pytest.approx(evaluate_kernel(d1, 2.0), rel=0.02)


def test_step_minima_and_neq_minimum() -> None:
    d14 = IATG_02_20_2021.function("1.1", "D14")
    got = evaluate_kernel(d14, np.array([40.0, 50.0, 60.0, 100.0, 150.0, 300.0]))
    assert got.tolist() == [220.0, 220.0, 258.0, 294.0, 376.0, 400.0]
    d10 = IATG_02_20_2021.function("1.1", "D10")
    assert evaluate_kernel(d10, 50.0) == pytest.approx(8.0 * 500 ** (1 / 3))
    assert inverse_kernel(d10, 60.0) == 0.0
    assert inverse_kernel(d10, 80.0) == pytest.approx(1_000.0)


def test_function_validation() -> None:
    ref = Reference("x", "1")
    with pytest.raises(ValueError, match="infinity"):
        DistanceFunction("X", (Branch("cube_root", (1.0,), 10.0),), ref)
    with pytest.raises(ValueError, match="not decrease"):
        DistanceFunction("X", (Branch("cube_root", (1.0,)),), ref, floors=((10, 5), (math.inf, 4)))
    assert HD11_FUNCTIONS["D13"].formula == "5.5·Q^1/2 (Q < 4500); 22.2·Q^1/3"
    assert HD12_FUNCTIONS["D5"].formula.startswith("0.67·(28.127")


@settings(max_examples=40)
@given(index=st.integers(0, len(ALL) - 1), q=st.floats(0.0, 1e6))
def test_inverse_is_exact(index: int, q: float) -> None:
    function = ALL[index]
    d = evaluate_kernel(function, q)
    back = inverse_kernel(function, d)
    # the largest NEQ with the same distance: at least q, and no larger distance
    assert back >= q * (1 - 1e-9) - 1e-9
    assert evaluate_kernel(function, back) <= d * (1 + 1e-9) + 1e-9
