"""Bundled data: example tables and the population denominators of the 35 OAS member states.

:func:`data_file` gives a bundled example table (the OAS member states' prison, homicide and
mine-action figures with their sources, and SYNTHETIC examples labelled as such), ready for
:func:`dpssec.io.read_table`; :func:`data_files` lists them.

:func:`population` gives the UN World Population Prospects 2022 population of member states,
for years 1990-2030 (estimates to 2021, the medium-variant projection from 2022), in total or
for an age range made of five-year groups; :func:`population_by_age` gives the 21 five-year
groups. Rates use them as denominators instead of populations back-computed from published
rates.

The figures are the UN's file POP/F02-1 (both sexes, thousands), bundled unchanged for the
member states by ``scripts/build_population_wpp2022.py``, and are returned in persons. The UN
rounds each age group to whole thousands, so a total (the sum of 21 groups) can be off by a
few thousand: under 1 % for states above 100,000 inhabitants, up to a few percent for the
smallest (Saint Kitts and Nevis: 47,000 in 2021), and a single age group of a small state can
read 0. A :class:`~dpssec.errors.DataQualityWarning` says so whenever a returned value is below
100,000 persons.

Source: United Nations, Department of Economic and Social Affairs, Population Division (2022).
World Population Prospects 2022, Online Edition (POP/DB/WPP/Rev.2022/POP/F02-1). Licence:
CC BY 3.0 IGO.

For example:

>>> from dpssec.data import population
>>> population("JAM", 2021)
2827000.0
>>> population(["ARG", "BRA"], 2022, age="15-24") / 1e6
array([ 6.968, 32.508])
"""

from __future__ import annotations

import functools
import re
import warnings
from typing import Any

import numpy as np

from dpssec._data import data_file, data_files
from dpssec.boundary import example, short_repr
from dpssec.boundary.arrays import is_pandas
from dpssec.errors import DataQualityWarning, InputError

__all__ = [
    "AGE_GROUPS",
    "POPULATION_SOURCE",
    "POPULATION_YEARS",
    "data_file",
    "data_files",
    "population",
    "population_by_age",
]

AGE_GROUPS: tuple[str, ...] = (*(f"{a}-{a + 4}" for a in range(0, 100, 5)), "100+")
"""The 21 five-year age groups of WPP 2022, in order."""

POPULATION_YEARS = (1990, 2030)
"""First and last year bundled (estimates to 2021, medium variant from 2022)."""

POPULATION_SOURCE = (
    "United Nations, Department of Economic and Social Affairs, Population Division (2022). "
    "World Population Prospects 2022, Online Edition, file POP/F02-1 (CC BY 3.0 IGO)."
)
"""The citation of the bundled population figures."""

_SMALL = 100_000.0
_SMALL_GROUP = 10_000.0
_RANGE = re.compile(r"^\s*(\d+)\s*(?:-\s*(\d+)|(\+))\s*$")


@functools.lru_cache(maxsize=1)
def _table() -> tuple[dict[str, int], np.ndarray]:
    lines = data_file("population_wpp2022.csv").read_text(encoding="utf-8").splitlines()
    rows = [line.split(",") for line in lines[2:] if line]
    codes = sorted({r[0] for r in rows})
    first, last = POPULATION_YEARS
    span = last - first + 1
    values = np.zeros((len(codes) * span, len(AGE_GROUPS)))
    index = {code: i for i, code in enumerate(codes)}
    for r in rows:
        values[index[r[0]] * span + int(r[1]) - first] = [float(v) * 1000.0 for v in r[3:]]
    values.setflags(write=False)
    return index, values


def _columns(age: Any) -> slice | np.ndarray:
    if age is None:
        return slice(None)
    if isinstance(age, tuple) and len(age) == 2:
        low, high = age
        text = f"{low}-{high}" if high is not None else f"{low}+"
    elif isinstance(age, str):
        text = age
    else:
        raise InputError(
            f"parameter 'age' must be a range such as '15-24', '65+' or (15, 24); got {short_repr(age)}"
        )
    match = _RANGE.match(text)
    starts = [int(g.split("-")[0].rstrip("+")) for g in AGE_GROUPS]
    if match is None:
        raise InputError(f"parameter 'age': {text!r} is not a range such as '15-24' or '65+'")
    low = int(match.group(1))
    high = int(match.group(2)) if match.group(2) is not None else 10_000
    if low not in starts or (high != 10_000 and (high + 1) not in [*starts[1:], 101]) or high < low:
        raise InputError(
            f"parameter 'age': {text!r} does not follow the five-year groups of WPP 2022 "
            "(ranges start at a multiple of 5 and end one year before one, e.g. '15-24', "
            "'0-17' is not possible; '100+' is the last group)"
        )
    selected = np.array([low <= s and (s <= high) for s in starts])
    return selected


def _keys(iso3: Any, year: Any) -> tuple[np.ndarray, Any, bool]:
    """Row numbers of the table, the pandas index to keep, and whether the input was scalar."""
    from dpssec.countries import member_state

    index = None
    for value in (iso3, year):
        if is_pandas(value) and getattr(value, "ndim", 1) == 1 and index is None:
            # a Series keeps its index; a pandas Index (a level of a MultiIndex) is the values
            index = getattr(value, "index", None)
    codes = np.asarray(iso3.to_numpy() if is_pandas(iso3) else iso3, dtype=object)
    years_in = year.to_numpy() if is_pandas(year) else year
    if isinstance(years_in, bool | str | bytes) or (
        isinstance(years_in, list | tuple) and any(isinstance(y, bool | str) for y in years_in)
    ):
        raise InputError(f"parameter 'year' must be whole years; got {short_repr(years_in)}")
    try:
        years = np.asarray(years_in, dtype=float)
    except (TypeError, ValueError, OverflowError):
        raise InputError(
            f"parameter 'year' must be whole years; got {short_repr(years_in)}"
        ) from None
    scalar = codes.ndim == 0 and years.ndim == 0 and index is None
    try:
        codes, years = np.broadcast_arrays(codes, years)
    except ValueError:
        raise InputError(
            f"lengths differ: iso3 has {np.size(codes)} values, year has {np.size(years)}"
        ) from None
    table_index, _ = _table()
    first, last = POPULATION_YEARS
    flat_codes = codes.ravel()
    states = np.empty(flat_codes.shape, dtype=int)
    cache: dict[Any, int] = {}
    for i, code in enumerate(flat_codes):
        if not isinstance(code, str) or code not in cache:
            if not isinstance(code, str):
                raise InputError(
                    f"parameter 'iso3' must be country codes such as 'JAM'; got "
                    f"{short_repr(code)} at index {i}"
                )
            try:
                cache[code] = table_index[member_state(code).alpha3]
            except InputError as exc:
                raise InputError(f"parameter 'iso3' (index {i}): {exc}") from None
        states[i] = cache[code]
    flat_years = years.ravel()
    bad = ~np.isfinite(flat_years) | (flat_years != np.round(flat_years))
    bad |= (flat_years < first) | (flat_years > last)
    if bad.any():
        at = int(np.argmax(bad))
        raise InputError(
            f"parameter 'year': {int(bad.sum())} of {bad.size} values are not years from {first} "
            f"to {last}, the range bundled from WPP 2022 (first at index {at}: "
            f"{flat_years[at]!r})"
        )
    rows = states * (last - first + 1) + (flat_years.astype(int) - first)
    return rows.reshape(codes.shape), index, scalar


@example("JAM", 2020)
def population(iso3: Any, year: Any, *, age: Any = None) -> Any:
    """Population of member states in a year [persons] (UN WPP 2022).

    Parameters
    ----------
    iso3 : str or array-like of str
        Member-state codes, ISO 3166 alpha-3 or alpha-2, any case (``"JAM"``, ``"jm"``).
    year : int or array-like
        Years from 1990 to 2030, aligned with ``iso3`` (a single value applies to all).
    age : str or tuple, optional
        An age range made of whole five-year groups: ``"15-24"``, ``"65+"``, ``(0, 14)``;
        None (default) for all ages.

    Returns
    -------
    float, ndarray or Series
        Persons: a float for scalar input, a Series with the input's index when ``iso3`` or
        ``year`` is a Series, an ndarray otherwise.

    Raises
    ------
    InputError
        A code that is not a member state, a year outside 1990-2030, an age range that does
        not follow the five-year groups, different lengths.

    Warns
    -----
    DataQualityWarning
        A value below 100,000 persons, where the UN's rounding to thousands per age group
        matters (:func:`population_by_age`: a group below 10,000).

    Notes
    -----
    Estimates up to 2021 and the medium-variant projection from 2022, as the UN published
    them on 11 July 2022; mid-year (1 July) populations. The total is the sum of the 21
    published age groups.

    References
    ----------
    United Nations, DESA, Population Division (2022). World Population Prospects 2022.

    Examples
    --------
    >>> from dpssec.data import population
    >>> population("BLZ", 2022)
    406000.0
    >>> import pandas as pd
    >>> population(pd.Series(["HTI", "DOM"], index=["Haiti", "Dominican Rep."]), 2020)
    Haiti             11308000.0
    Dominican Rep.    10999000.0
    Name: population, dtype: float64
    """
    rows, index, scalar = _keys(iso3, year)
    _, values = _table()
    columns = _columns(age)
    out = values[rows.ravel()][:, columns].sum(axis=1).reshape(rows.shape)
    _warn_small(out)
    if scalar:
        return float(out)
    if index is not None and out.ndim == 1 and len(out) == len(index):
        import pandas as pd

        return pd.Series(out, index=index, name="population")
    return out


@example("JAM", 2020)
def population_by_age(iso3: Any, year: Any) -> Any:
    """Population by the 21 five-year groups of :data:`AGE_GROUPS` [persons].

    Returns
    -------
    ndarray
        Shape ``(21,)`` for one state and year, ``(n, 21)`` for n of them; with pandas input,
        a DataFrame whose columns are the age groups.

    Examples
    --------
    >>> from dpssec.data import population_by_age
    >>> population_by_age("USA", 2021)[-3:]
    array([1839000.,  492000.,   90000.])
    """
    rows, index, _ = _keys(iso3, year)
    _, values = _table()
    out = values[rows.ravel()].reshape((*rows.shape, len(AGE_GROUPS)))
    _warn_small(out, _SMALL_GROUP)
    if index is not None and out.ndim == 2:
        import pandas as pd

        return pd.DataFrame(out, index=index, columns=list(AGE_GROUPS))
    return out.copy()


def _warn_small(values: np.ndarray, threshold: float = _SMALL) -> None:
    small = values < threshold
    if np.any(small):
        warnings.warn(
            f"{int(np.count_nonzero(small))} population value(s) below {threshold:,.0f} persons: "
            "WPP 2022 "
            "publishes each age group rounded to whole thousands, so these carry a rounding "
            "error of up to a few percent (smallest value "
            f"{float(np.min(values)):,.0f})",
            DataQualityWarning,
            stacklevel=3,
        )
