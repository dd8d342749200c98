"""The fused block kernels give the numbers of the plain expressions (to round-off)."""

from __future__ import annotations

import numpy as np
import pytest

from dpssec.stats import poisson_count_interval, proportion, wilson_interval
from dpssec.stats.fused import BLOCK, FUSED_FROM, fused_byar, fused_wilson
from dpssec.stats.quantiles import normal_quantile


def _plain_wilson(x: np.ndarray, n: np.ndarray, z: float) -> tuple[np.ndarray, np.ndarray]:
    z2 = z * z
    p = x / n
    root = z * np.sqrt(z2 + 4 * x * (1 - p))
    lower = np.clip((2 * x + z2 - root) / (2 * (n + z2)), 0, p)
    upper = np.clip((2 * x + z2 + root) / (2 * (n + z2)), p, 1)
    return lower, upper


def _plain_byar(x: np.ndarray, z: float) -> tuple[np.ndarray, np.ndarray]:
    with np.errstate(divide="ignore", invalid="ignore"):
        lower = np.where(x > 0, x * (1 - 1 / (9 * x) - z / (3 * np.sqrt(x))) ** 3, 0.0)
    x1 = x + 1
    return np.maximum(lower, 0.0), x1 * (1 - 1 / (9 * x1) + z / (3 * np.sqrt(x1))) ** 3


@pytest.mark.parametrize("dtype", [np.int64, np.int32, np.float64])
@pytest.mark.parametrize("confidence", [0.8, 0.95, 0.999])
def test_fused_kernels_match_the_plain_expressions(dtype: type, confidence: float) -> None:
    rng = np.random.default_rng(4)
    size = 3 * BLOCK + 17  # several blocks and a short last one
    n = rng.integers(1, 3_000, size)
    x = np.floor(rng.random(size) * (n + 1)).astype(np.int64)
    x[:5], n[:5] = [0, 0, 1, 7, 2_999], [1, 10, 1, 7, 2_999]  # zero counts and x = n
    z = normal_quantile(confidence)
    lower, upper, share = fused_wilson(x.astype(dtype), n.astype(dtype), z)
    plain = _plain_wilson(x.astype(float), n.astype(float), z)
    np.testing.assert_allclose(lower, plain[0], rtol=1e-13, atol=1e-16)
    np.testing.assert_allclose(upper, plain[1], rtol=1e-13)
    np.testing.assert_array_equal(share, x / n)
    assert np.all((lower >= 0) & (lower <= share) & (share <= upper) & (upper <= 1))
    byar = fused_byar(x.astype(dtype), z)
    plain = _plain_byar(x.astype(float), z)
    np.testing.assert_allclose(byar[0], plain[0], rtol=1e-13, atol=1e-300)
    np.testing.assert_allclose(byar[1], plain[1], rtol=1e-13)


def test_calculators_give_the_same_numbers_above_and_below_the_fused_size() -> None:
    rng = np.random.default_rng(5)
    n = rng.integers(1, 500, FUSED_FROM + 3)
    x = np.floor(rng.random(n.size) * (n + 1))
    long_lower, long_upper = wilson_interval(x, n)
    short_lower, short_upper = wilson_interval(x[:100], n[:100])
    np.testing.assert_allclose(long_lower[:100], short_lower, rtol=1e-14, atol=1e-17)
    np.testing.assert_allclose(long_upper[:100], short_upper, rtol=1e-14)
    long_byar = poisson_count_interval(x, method="byar")
    short_byar = poisson_count_interval(x[:100], method="byar")
    np.testing.assert_allclose(long_byar[1][:100], short_byar[1], rtol=1e-14)
    share = proportion(x, n, multiplier=100)
    np.testing.assert_allclose(share.value, x / n * 100)
    np.testing.assert_allclose(share.lower, long_lower * 100)
