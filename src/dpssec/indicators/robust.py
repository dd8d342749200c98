"""The arithmetic the checks rest on: rounding, truncation and robust z-scores.

* :func:`rounding_agrees`: a value published with ``decimals`` decimals lies within half a
  unit of its last decimal of the exact value;
* :func:`truncation_agrees`: the published value is the exact value cut at its decimals (the
  Venezuelan 167.66 for 43,992 / 26,238 x 100 = 167.665...);
* :func:`modified_z_scores`: ``0.6745 (x - median) / MAD`` (Iglewicz and Hoaglin), robust to
  the outliers it looks for.

For example:

>>> from dpssec.indicators import rounding_agrees, truncation_agrees
>>> exact = 43_992 / 26_238 * 100
>>> rounding_agrees(167.66, exact, decimals=2), truncation_agrees(167.66, exact, decimals=2)
(False, True)
>>> rounding_agrees(167.67, exact, decimals=2)
True
"""

from __future__ import annotations

from typing import Any

import numpy as np

from dpssec.boundary import Count, Number, calculator
from dpssec.errors import InputError

__all__ = ["modified_z_scores", "rounding_agrees", "truncation_agrees"]

_RELATIVE = 1e-9
"""Float noise allowed on top of the rounding (relative to the value, at least 1e-9)."""


@calculator(
    published=Number(),
    exact=Number(),
    decimals=Count(upper=15),
    example={
        "published": [167.66, 454.4, 249.0],
        "exact": [167.6652, 462.8959, 249.2],
        "decimals": [2, 1, 0],
    },
)
def rounding_agrees(published: Any, exact: Any, *, decimals: Any, nan_policy: str = "raise") -> Any:
    """Whether published values equal exact values rounded to their decimals.

    Parameters
    ----------
    published : array-like
        The values as published.
    exact : array-like
        The exact values (computed from the counts).
    decimals : int or array-like
        Decimals written in the published values (0 for a whole number), >= 0.
    nan_policy : {"raise", "propagate"}
        Missing values refused (default) or given NaN (False once cast).

    Returns
    -------
    bool, ndarray of bool or Series
        ``|published - exact| <= 0.5 x 10^-decimals`` (plus float noise of 1e-9 relative).

    Notes
    -----
    Either rounding rule (half up, half to even) lands within half a unit of the last decimal
    kept, so both agree; a truncated value can be off by up to a whole unit.

    Examples
    --------
    >>> from dpssec.indicators import rounding_agrees
    >>> rounding_agrees([454.4, 462.9], 11_253 / 2_431 * 100, decimals=1)
    array([False,  True])
    """
    return np.abs(published - exact) <= 0.5 * 10.0 ** (-decimals) + _RELATIVE * np.maximum(
        np.abs(exact), 1.0
    )


@calculator(
    published=Number(),
    exact=Number(),
    decimals=Count(upper=15),
    example={"published": [167.66, 454.4], "exact": [167.6652, 462.8959], "decimals": [2, 1]},
)
def truncation_agrees(
    published: Any, exact: Any, *, decimals: Any, nan_policy: str = "raise"
) -> Any:
    """Whether published values equal exact values truncated (cut, not rounded) at their decimals.

    Parameters
    ----------
    published, exact : array-like
        As in :func:`rounding_agrees`.
    decimals : int or array-like
        Decimals written in the published values, >= 0.
    nan_policy : {"raise", "propagate"}
        Missing values refused (default) or propagated.

    Returns
    -------
    bool, ndarray of bool or Series
        ``published == trunc(exact x 10^decimals) / 10^decimals`` (to float noise).

    Examples
    --------
    >>> from dpssec.indicators import truncation_agrees
    >>> truncation_agrees(167.66, 43_992 / 26_238 * 100, decimals=2)
    True
    """
    factor = 10.0**decimals
    # A tiny nudge so that 0.29 x 100 = 28.999999999999996 truncates to 29, as written.
    nudge = _RELATIVE * np.maximum(np.abs(exact) * factor, 1.0)
    cut = np.trunc(exact * factor + np.sign(exact) * nudge) / factor
    return np.abs(published - cut) <= _RELATIVE * np.maximum(np.abs(exact), 1.0)


@calculator(
    values=Number(),
    elementwise=False,
    example={"values": [0.02, -0.05, 0.04, 0.01, -0.03, 0.44, 0.0]},
)
def modified_z_scores(values: Any, *, nan_policy: str = "raise") -> Any:
    """Modified z-scores ``0.6745 (x - median) / MAD`` of a set of values.

    Parameters
    ----------
    values : array-like
        At least 3 values (year-on-year log changes, for the validation).
    nan_policy : {"raise", "omit"}
        Missing values refused (default) or left out.

    Returns
    -------
    ndarray
        One score per value; ``|score| > 3.5`` marks a potential outlier.

    Raises
    ------
    InputError
        Fewer than 3 values, or a median absolute deviation of 0 (more than half the values
        equal), where the score is undefined.

    Notes
    -----
    MAD is the median of ``|x - median(x)|``; 0.6745 is the 0.75 quantile of the standard
    normal distribution, so the score is on the scale of a z-score for normal data. Iglewicz
    and Hoaglin (1993) recommend 3.5 as the cut-off (as quoted by the NIST/SEMATECH
    e-Handbook, section 1.3.5.17).

    References
    ----------
    Iglewicz, B. and Hoaglin, D. (1993). How to Detect and Handle Outliers. ASQC Basic
    References in Quality Control 16.

    Examples
    --------
    >>> from dpssec.indicators import modified_z_scores
    >>> modified_z_scores([0.02, -0.05, 0.04, 0.01, -0.03, 0.44, 0.0]).round(2)
    array([ 0.22, -1.35,  0.67,  0.  , -0.9 ,  9.67, -0.22])
    """
    data = np.asarray(values, dtype=float)  # a median needs every value (dask computes here)
    if data.size < 3:
        raise InputError(f"parameter 'values': {data.size} value(s); at least 3 are needed")
    centre = np.median(data)
    mad = np.median(np.abs(data - centre))
    if mad == 0:
        raise InputError(
            "parameter 'values': the median absolute deviation is 0 (more than half the values "
            "are equal), so the modified z-score is undefined"
        )
    return 0.6745 * (data - centre) / mad
