"""Fused interval kernels: every step of a formula applied to one cache-sized block at a time.

Written as whole-array numpy expressions, the Wilson and Byar limits make a dozen passes over
memory, each writing a temporary array of the full length. Here each block of
:data:`BLOCK` rows goes through all the steps while it sits in the processor cache, into
preallocated scratch buffers, and integer input is converted to float once per block. The
numbers are those of the plain expressions (to round-off, 1e-15 relative; the tests compare
them); the kernels of :mod:`dpssec.stats.intervals` call these for numpy arrays of at least
:data:`FUSED_FROM` rows and use the plain expressions for scalars, short arrays and dask.

For example:

>>> import numpy as np
>>> from dpssec.stats.fused import fused_wilson
>>> lower, upper, share = fused_wilson(np.array([65, 0]), np.array([100, 10]), 1.959963984540054)
>>> lower.round(6), upper.round(6), share
(array([0.552544, 0.      ]), array([0.736358, 0.277533]), array([0.65, 0.  ]))
"""

from __future__ import annotations

import numpy as np

__all__ = ["BLOCK", "FUSED_FROM", "fused_byar", "fused_wilson", "to_float"]

BLOCK = 1 << 14
"""Rows per block: 16,384 doubles (128 kB) per buffer, so a block's buffers stay in cache."""

FUSED_FROM = 1 << 15
"""Arrays shorter than this use the plain expressions (the block loop would not pay)."""


def to_float(values: np.ndarray) -> np.ndarray:
    """``values`` as float64 (no copy when it already is)."""
    return values if values.dtype == np.float64 else values.astype(np.float64)


def fused_wilson(
    count: np.ndarray, total: np.ndarray, z: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Wilson limits and the share ``count / total`` of 1-D arrays of equal length.

    (x + z²/2 ∓ sqrt(z²·x(1 − p) + z⁴/4)) / (n + z²), the form of
    :func:`~dpssec.stats.intervals.wilson_limits` with z brought under the root, bounded by
    [0, p] and [p, 1] against round-off.
    """
    size = count.shape[0]
    lower, upper, share = np.empty(size), np.empty(size), np.empty(size)
    z2 = z * z
    block = min(BLOCK, size)
    x_buf, n_buf, root, centre = (np.empty(block) for _ in range(4))
    x_float = count.dtype == np.float64
    for start in range(0, size, BLOCK):
        stop = min(start + BLOCK, size)
        k = stop - start
        r, c, n = root[:k], centre[:k], n_buf[:k]
        if x_float:
            x = count[start:stop]
        else:
            x = x_buf[:k]
            np.copyto(x, count[start:stop], casting="unsafe")
        p, lo, up = share[start:stop], lower[start:stop], upper[start:stop]
        np.divide(x, total[start:stop], out=p)
        np.subtract(1.0, p, out=r)
        np.multiply(r, x, out=r)
        np.multiply(r, z2, out=r)
        np.add(r, z2 * z2 / 4, out=r)
        np.sqrt(r, out=r)
        np.add(x, z2 / 2, out=c)
        np.add(total[start:stop], z2, out=n)
        np.subtract(c, r, out=lo)
        np.divide(lo, n, out=lo)
        np.add(c, r, out=up)
        np.divide(up, n, out=up)
        np.clip(lo, 0.0, p, out=lo)
        np.clip(up, p, 1.0, out=up)
    return lower, upper, share


def fused_byar(count: np.ndarray, z: float) -> tuple[np.ndarray, np.ndarray]:
    """Byar's limits of a 1-D array of counts (PHE form, lower floored at 0, 0 at x = 0).

    lower = x·(1 − (1/9 + (z/3)·√x)/x)³ and upper = x₁·(1 + ((z/3)·√x₁ − 1/9)/x₁)³ with
    x₁ = x + 1: the terms of :func:`~dpssec.stats.intervals.byar_count_interval` over a
    common denominator.
    """
    with np.errstate(divide="ignore", invalid="ignore"):
        return _byar_blocks(count, z)


def _byar_blocks(count: np.ndarray, z: float) -> tuple[np.ndarray, np.ndarray]:
    size = count.shape[0]
    lower, upper = np.empty(size), np.empty(size)
    third = z / 3
    block = min(BLOCK, size)
    x_buf, t_buf, u_buf = (np.empty(block) for _ in range(3))
    for start in range(0, size, BLOCK):
        stop = min(start + BLOCK, size)
        k = stop - start
        x, t, u = x_buf[:k], t_buf[:k], u_buf[:k]
        lo, up = lower[start:stop], upper[start:stop]
        np.copyto(x, count[start:stop], casting="unsafe")
        np.sqrt(x, out=t)
        np.multiply(t, third, out=t)
        np.add(t, 1 / 9, out=t)
        np.divide(t, x, out=t)  # inf or NaN at x = 0: the floor below makes it 0
        np.subtract(1.0, t, out=t)
        np.multiply(t, t, out=u)
        np.multiply(u, t, out=u)
        np.multiply(u, x, out=lo)
        np.fmax(lo, 0.0, out=lo)
        np.add(x, 1.0, out=x)
        np.sqrt(x, out=t)
        np.multiply(t, third, out=t)
        np.subtract(t, 1 / 9, out=t)
        np.divide(t, x, out=t)
        np.add(t, 1.0, out=t)
        np.multiply(t, t, out=u)
        np.multiply(u, t, out=u)
        np.multiply(u, x, out=up)
    return lower, upper
