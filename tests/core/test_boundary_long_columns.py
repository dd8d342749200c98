"""The block-by-block checks of long columns (more than four blocks of 65,536 rows).

Short inputs take the whole-array path, so these tests use columns long enough for the block
loops of :mod:`dpssec.boundary.arrays` and of relations, with the bad value in the last block.
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest

from dpssec.boundary import Count, Number, calculator, not_above
from dpssec.boundary.arrays import all_whole, min_max_whole, top_bits_whole
from dpssec.boundary.specs import tiny_values
from dpssec.errors import InputError

N = 5 * 65_536 + 17  # five full blocks and a short one

pytestmark = pytest.mark.usefixtures("scan")  # with the compiled scan and with numpy alone


def test_whole_numbers_are_found_in_the_last_short_block() -> None:
    values = np.arange(N, dtype=float)
    assert all_whole(values)
    low, high, whole = min_max_whole(values)
    assert (low, high, whole) == (0.0, float(N - 1), True)
    values[-1] = 2.5
    assert not all_whole(values)
    assert min_max_whole(values)[2] is False


def test_the_top_bit_pattern_and_wholeness_are_read_to_the_last_block() -> None:
    values = np.arange(N, dtype=float)
    top, whole = top_bits_whole(values)
    assert np.array(top, dtype=np.uint64).view(np.float64) == N - 1 and whole
    for bad, expect_whole in ((2.5, False), (-1.0, True), (np.nan, None), (np.inf, None)):
        changed = values.copy()
        changed[-1] = bad
        top, whole = top_bits_whole(changed)
        assert top >= np.uint64(0x7FF0000000000000) or expect_whole is False, bad
        if expect_whole is False:
            assert whole is False


@pytest.mark.parametrize(
    ("bad", "reason"),
    [(-3.0, "are negative"), (np.nan, "are missing"), (np.inf, "are infinite"), (0.5, "not whole")],
)
def test_a_float_count_names_each_kind_of_bad_value_in_the_last_block(
    bad: float, reason: str
) -> None:
    @calculator(count=Count())
    def same(count):  # type: ignore[no-untyped-def]
        return count * 1.0

    values = np.ones(N)
    values[N - 2] = bad
    with pytest.raises(InputError, match=rf"{reason}.*\(first at index {N - 2}"):
        same(values)


def test_a_float_count_refuses_a_fraction_far_down_the_column() -> None:
    @calculator(count=Count(whole=True))
    def double(count):  # type: ignore[no-untyped-def]
        return count * 2

    values = np.ones(N)
    assert np.all(double(values) == 2.0)
    values[N - 3] = 1.5
    with pytest.raises(
        InputError, match=rf"1 of {N} values are not whole numbers \(first at index {N - 3}"
    ):
        double(values)


def test_a_relation_is_refused_in_the_last_block_with_its_position() -> None:
    @calculator(part=Count(), total=Count(), relations=[not_above("part", "total")])
    def share(part, total):  # type: ignore[no-untyped-def]
        return part / total

    part, total = np.ones(N), np.full(N, 2.0)
    assert np.all(share(part, total) == 0.5)
    part[N - 1] = 3.0
    with pytest.raises(
        InputError, match=rf"1 of {N} values are greater than 'total' \(first at index {N - 1}"
    ):
        share(part, total)


def test_a_tiny_divisor_in_a_long_column_with_zeros_is_named_when_it_overflows() -> None:
    @calculator(numerator=Number(), divisor=Number(lower=0.0), zero_denominators=("divisor",))
    def ratio(numerator, divisor):  # type: ignore[no-untyped-def]
        return numerator / divisor

    numerator, divisor = np.full(N, 1e10), np.ones(N)
    divisor[0] = 0.0  # zeros allowed (an infinite answer), so tiny values are not looked for
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        out = ratio(numerator, divisor)
    assert np.isinf(out[0]) and np.all(out[1:] == 1e10)
    divisor[N - 1] = 1e-300
    assert tiny_values(divisor)
    with pytest.raises(
        InputError,
        match=r"1 of 327697 results are not finite \(index 327696.*parameter 'divisor' holds values too large",
    ):
        ratio(numerator, divisor)
