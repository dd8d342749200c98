"""Completion forecasts: when will the remaining contamination be released, and in time?

States Parties to the Anti-Personnel Mine Ban Convention must clear mined areas within ten
years of becoming party, or by the date of an extension granted under Article 5 (Colombia:
31 Dec 2025; Peru: 31 Dec 2024, then end of 2029). Treaty meetings ask whether that date will
be met. :func:`completion_forecast` projects the completion year from the history of annual
release in two transparent ways, shown side by side because they often disagree:

* **mean of recent years**: release continues at the mean of the last ``recent`` recorded
  years: ``t = remaining / mean``;
* **linear trend**: release follows the least-squares line through the whole history
  (release = a + b·year), never below zero; the area is released in the first year in which
  the cumulative projected release reaches the remaining area (interpolated within that
  year). A falling trend may never finish, which the result says (``None``).

With a deadline it says whether each projection meets it and which constant annual release
would: ``required = remaining / years left``. Projections start at the end of the last year of
the history. Years without work must be given as zeros: a missing year is not read as zero.

For example (Ecuador, remaining area at end 2017 and deadline 31 Dec 2022 from the Landmine
Monitor; annual release derived from the remaining-area figures, see the docs):

>>> from dpssec.mines.forecast import completion_forecast
>>> f = completion_forecast(97_469, {2014: 90_845, 2015: 37_576.5, 2016: 37_576.5,
...                                  2017: 35_507}, deadline="2022-12-31")
>>> f.mean_completion_year, f.meets_deadline_mean
(2020, True)
>>> f.trend_completion_year is None, f.meets_deadline_trend
(True, False)
"""

from __future__ import annotations

import datetime as dt
import math
import re
import warnings
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np

from dpssec.boundary import Area, Date, Size, Year, calculator, example_by
from dpssec.errors import DataQualityWarning, InputError
from dpssec.mines.plots import plot_burndown
from dpssec.references import Reference
from dpssec.rendering import ResultMixin
from dpssec.units import Quantity, with_units

if TYPE_CHECKING:  # pint's Quantity is generic for type checkers; cattrs needs the plain class
    Rate = Quantity[Any]
else:
    Rate = Quantity

__all__ = ["ARTICLE_5", "MAX_AREA", "Forecast", "completion_forecast"]

ARTICLE_5 = Reference(
    "Convention on the Prohibition of the Use, Stockpiling, Production and Transfer of "
    "Anti-Personnel Mines and on their Destruction",
    "1997",
    "Article 5 (destroy AP mines in mined areas within 10 years of entry into force; "
    "extension requests)",
)
"""The treaty clause that sets the deadlines forecasts are compared with."""

MAX_AREA = 1e15
"""Largest area accepted by a forecast [m²], about twice the surface of the Earth: larger
numbers are typing errors, and this bound keeps every sum and trend finite."""

_RELEASE = Area(upper=MAX_AREA)
_YEARS = Year()
_DEADLINE_DATE = Date()
_DEADLINE_YEAR = Year()
_YEAR_TEXT = re.compile(r"^\s*\d{4}(\.0*)?\s*$")


def _deadline(value: Any) -> dt.date | None:
    """A date, ISO text, or a year (its 31 December: "by 2025" means by the end of 2025), the
    year given as a number or as text (``"2025"`` on the command line)."""
    if value is None:
        return None
    if isinstance(value, str) and _YEAR_TEXT.match(value):
        value = float(value)
    if isinstance(value, int | float | np.integer | np.floating) and not isinstance(value, bool):
        return dt.date(_DEADLINE_YEAR.scalar(value, "deadline"), 12, 31)
    day: dt.date = _DEADLINE_DATE.scalar(value, "deadline")
    return day


def _unpack(annual_release: Any, years: Any) -> tuple[Any, Any]:
    """Release values and their years from any of the accepted forms."""
    if hasattr(annual_release, "index") and hasattr(annual_release, "to_numpy"):
        if years is not None:
            raise InputError(
                "give years either in the table (the Series index or a 'year' column) or as "
                "years=, not both"
            )
        if hasattr(annual_release, "columns"):
            missing = [c for c in ("year", "area") if c not in annual_release.columns]
            if missing:
                raise InputError(
                    "annual_release: a table needs 'year' and 'area' columns; missing "
                    + ", ".join(repr(c) for c in missing)
                )
            return annual_release["area"].to_numpy(), annual_release["year"].to_numpy()
        index = annual_release.index
        if type(index).__name__ == "RangeIndex" and index.start == 0:
            raise InputError(
                "annual_release: the Series index is row numbers 0, 1, ...; index it by "
                "calendar year (pd.Series(areas, index=[2020, 2021, ...])) or pass years="
            )
        return annual_release.to_numpy(), np.asarray(index)
    if isinstance(annual_release, Mapping):
        if years is not None:
            raise InputError(
                "give years either as the keys of annual_release or as years=, not both"
            )
        items = list(annual_release.items())
        values = [
            _RELEASE.convert(v, f"annual_release[{k!r}]") if hasattr(v, "units") else v
            for k, v in items
        ]
        return values, [k for k, _ in items]
    if years is None:
        raise InputError(
            "annual_release needs its calendar years: pass years=[...] or a mapping {year: area}"
        )
    return annual_release, years


def _history(annual_release: Any, years: Any, nan_policy: str) -> tuple[np.ndarray, np.ndarray]:
    raw_release, raw_years = _unpack(annual_release, years)
    # the years of a mapping (or a Series) are its keys: name them as such in messages
    year_name = "years" if years is not None else "annual_release (years)"
    year_spec = _YEARS.prepare(raw_years, year_name)
    assert year_spec is not None
    year_values = np.atleast_1d(year_spec.values)
    prepared = _RELEASE.prepare(
        raw_release, "annual_release", missing_ok=nan_policy == "omit", index=year_values
    )
    assert prepared is not None
    release = np.atleast_1d(prepared.values)
    if release.ndim != 1 or year_values.shape != release.shape:
        raise InputError(
            f"lengths differ: annual_release has {release.size} values, years has {year_values.size}"
        )
    if prepared.missing is not None:
        missing = np.atleast_1d(prepared.missing)
        warnings.warn(
            f"completion_forecast: omitted {int(missing.sum())} of {missing.size} years with a "
            f"missing release (first {int(year_values[np.argmax(missing)])}) "
            "(nan_policy='omit'); the remaining years must still be consecutive",
            DataQualityWarning,
            stacklevel=4,
        )
        year_values, release = year_values[~missing], release[~missing]
    if release.size < 2:
        raise InputError("annual_release: at least two years are needed to fit a trend")
    order = np.argsort(year_values, kind="stable")
    year_values, release = year_values[order], release[order]
    if np.any(np.diff(year_values) == 0):
        repeated = int(year_values[np.argmax(np.diff(year_values) == 0)])
        raise InputError(f"years: {repeated} appears more than once")
    gaps = np.diff(year_values) > 1
    if gaps.any():
        k = int(np.argmax(gaps))
        after, before = int(year_values[k]), int(year_values[k + 1])
        missing_years = f"{after + 1}" if before - after == 2 else f"{after + 1}-{before - 1}"
        raise InputError(
            f"years: the history has {int(gaps.sum())} gap(s), first {missing_years} (between "
            f"{after} and {before}); give every year, with 0 for a year without release: a "
            "missing year is not read as zero, and a mean or trend over the gap would be wrong"
        )
    return year_values.astype(int), release


def _days_in(year: int) -> int:
    return (dt.date(year + 1, 1, 1) - dt.date(year, 1, 1)).days


def _position(day: dt.date) -> float:
    """Calendar position in years: 31 Dec 2017 -> 2018.0 (the end of 2017)."""
    return day.year + day.timetuple().tm_yday / _days_in(day.year)


def _date_at(position: float) -> dt.date:
    """Inverse of :func:`_position` to the nearest day (2020.5 -> about 1 July 2020)."""
    year = int(np.floor(position))
    day = round((position - year) * _days_in(year))
    if day == 0:
        return dt.date(year - 1, 12, 31)
    return dt.date(year, 1, 1) + dt.timedelta(days=day - 1)


def _trend_completion(
    remaining: float, last_year: int, slope: float, intercept: float, horizon: int
) -> float | None:
    """Years after the end of ``last_year`` until the cumulative trend reaches ``remaining``."""
    if remaining == 0:
        return 0.0
    ahead = np.arange(1, horizon + 1)
    projected = np.maximum(intercept + slope * (last_year + ahead), 0.0)
    cumulative = np.cumsum(projected)
    reached = cumulative >= remaining
    if not reached.any():
        return None
    k = int(np.argmax(reached))  # index of the year in which the area runs out
    before = cumulative[k - 1] if k else 0.0
    return float(k + (remaining - before) / projected[k])


@example_by("completion_forecast")
@attrs.frozen(kw_only=True, eq=False)
class Forecast(ResultMixin):
    """A completion forecast by recent mean and by linear trend, against a deadline.

    Attributes
    ----------
    remaining_area : Quantity
        Area left at the end of ``last_year`` [m²].
    last_year : int
        Last year of the release history; projections start at its end.
    history_years : tuple of int
    recent_years : tuple of int
        Years averaged for the mean projection.
    mean_release : Quantity
        Mean annual release of ``recent_years`` [m² per year].
    mean_years_needed : float or None
        Years after ``last_year`` to finish at that rate (None if the rate is zero).
    mean_completion : datetime.date or None
    mean_completion_year : int or None
    trend_slope : Quantity
        Change of annual release per year [m² per year²].
    trend_next_release : Quantity
        Trend value for the year after ``last_year`` (never below zero) [m² per year].
    trend_years_needed, trend_completion, trend_completion_year : float, date, int or None
        As for the mean; None when the projected release never reaches the remaining area
        within ``horizon`` years.
    deadline : datetime.date or None
    meets_deadline_mean, meets_deadline_trend : bool or None
    required_release : Quantity or None
        Constant annual release that would finish by the deadline [m² per year].
    reference : Reference

    Examples
    --------
    >>> from dpssec.mines.forecast import completion_forecast
    >>> f = completion_forecast(300_000, {2022: 100_000, 2023: 100_000}, deadline=2025)
    >>> f.mean_release, f.mean_completion_year, f.meets_deadline_mean
    (<Quantity(100000.0, 'meter ** 2 / year')>, 2026, False)
    >>> f.required_release.magnitude
    150000.0
    """

    remaining_area: Rate
    last_year: int
    history_years: tuple[int, ...]
    recent_years: tuple[int, ...]
    mean_release: Rate
    mean_years_needed: float | None
    mean_completion: dt.date | None
    mean_completion_year: int | None
    trend_slope: Rate
    trend_next_release: Rate
    trend_years_needed: float | None
    trend_completion: dt.date | None
    trend_completion_year: int | None
    deadline: dt.date | None = None
    meets_deadline_mean: bool | None = None
    meets_deadline_trend: bool | None = None
    required_release: Rate | None = None
    reference: Reference = ARTICLE_5

    def plot(self, ax: Any = None, **kwargs: Any) -> Any:
        """Burn-down of the remaining area with the forecast band and the deadline; the Axes.

        Keywords (``annual_release`` and ``years`` to draw the history, ``area_unit``,
        ``title``) are those of :func:`dpssec.mines.plots.plot_burndown`; others go to
        matplotlib for the recent-mean projection line.

        Examples
        --------
        >>> import matplotlib
        >>> matplotlib.use("Agg")
        >>> from dpssec.mines.forecast import completion_forecast
        >>> history = {2022: 100_000, 2023: 100_000}
        >>> ax = completion_forecast(300_000, history, deadline=2025).plot(annual_release=history)
        >>> ax.lines[0].get_ydata().tolist()
        [500000.0, 400000.0, 300000.0]
        """

        return plot_burndown(self, ax, **kwargs)

    def _columns(self) -> dict[str, Any]:
        first, last = self.history_years[0], self.history_years[-1]
        recent = f"{self.recent_years[0]}-{self.recent_years[-1]}"
        return {
            "projection": [f"mean of {recent}", f"linear trend {first}-{last}"],
            "annual_release_m2": [
                float(self.mean_release.magnitude),
                float(self.trend_next_release.magnitude),
            ],
            "completion_year": [self.mean_completion_year, self.trend_completion_year],
            "meets_deadline": [self.meets_deadline_mean, self.meets_deadline_trend],
        }

    def __str__(self) -> str:
        lines = [
            f"Forecast: {self.remaining_area.magnitude:,.0f} m² remaining at the end of "
            f"{self.last_year}"
        ]
        recent = f"{self.recent_years[0]}-{self.recent_years[-1]}"
        lines.append(
            f"  mean of {recent}: {self.mean_release.magnitude:,.0f} m²/year -> "
            + (
                f"done in {self.mean_completion_year} ({self.mean_completion})"
                if self.mean_completion is not None
                else "never at this rate"
                if self.mean_years_needed is None
                else f"not within the horizon ({self.mean_years_needed:.3g} years needed)"
            )
        )
        lines.append(
            f"  linear trend {self.history_years[0]}-{self.history_years[-1]}: "
            f"{self.trend_slope.magnitude:+,.0f} m²/year each year, "
            f"{self.trend_next_release.magnitude:,.0f} m² in {self.last_year + 1} -> "
            + (
                f"done in {self.trend_completion_year} ({self.trend_completion})"
                if self.trend_completion is not None
                else "not finished: the trend falls to zero first"
            )
        )
        if self.deadline is not None and self.required_release is not None:
            verdict = {True: "met", False: "NOT met", None: "n/a"}
            lines.append(
                f"  deadline {self.deadline}: mean {verdict[self.meets_deadline_mean]}, "
                f"trend {verdict[self.meets_deadline_trend]}; needs "
                f"{self.required_release.magnitude:,.0f} m²/year"
            )
        lines.append(f"  {self.reference.clause}")
        return "\n".join(lines)


@calculator(
    elementwise=False,
    remaining_area=Area(ndim=(0,), aligned=False, upper=MAX_AREA),
    recent=Size(lower=1, upper=1000),
    horizon=Size(lower=1, upper=1000),
    example={
        "remaining_area": 97_469,
        "annual_release": {2014: 90_845, 2015: 37_576.5, 2016: 37_576.5, 2017: 35_507},
        "deadline": "2022-12-31",
    },
)
def completion_forecast(
    remaining_area: Any,
    annual_release: Any,
    *,
    years: Any = None,
    deadline: Any = None,
    recent: int = 3,
    horizon: int = 100,
    nan_policy: str = "raise",
) -> Forecast:
    """Project the year the remaining area will be released; compare with a deadline.

    Parameters
    ----------
    remaining_area : Quantity, float or str
        Area still to release at the end of the last history year [m²] (ha, km² Quantities
        and text such as ``"5 km2"`` converted), at most :data:`MAX_AREA`.
    annual_release : array-like, mapping year -> area, pandas Series or DataFrame
        Area released in each year of the history [m² per year]; zeros for years without
        work. Quantities and text in ha or km² are converted. A Series is read with its index
        as the calendar years; a DataFrame needs ``year`` and ``area`` columns.
    years : array-like of int, optional
        Calendar years of ``annual_release`` (required unless it is a mapping, a Series
        indexed by year or a DataFrame). They must be consecutive once sorted.
    deadline : datetime.date, str or int, optional
        Deadline, e.g. an Article 5 date ``"2025-12-31"``; a bare year (1000-9999) means its
        31 December.
    recent : int
        Number of most recent history years averaged for the mean projection (default 3;
        all of them when the history is shorter), 1 to 1000.
    horizon : int
        Years looked ahead (default 100, at most 1000): a projection that needs longer has no
        completion date (``None``), though ``mean_years_needed`` still says how long it would
        take.
    nan_policy : {"raise", "omit"}
        A year with a missing release: refused (default), or dropped with a
        :class:`~dpssec.errors.DataQualityWarning`. The years left must still be consecutive,
        so "omit" only shortens a history at its ends; a gap inside it is refused either way.

    Returns
    -------
    Forecast

    Raises
    ------
    InputError
        Negative or too large areas, fewer than two history years, repeated years, a gap in
        the years (a missing year is not read as zero), lengths that differ, ``recent`` or
        ``horizon`` outside 1-1000, a year outside 1000-9999, a deadline before the end of
        the history.

    Notes
    -----
    Mean: ``r = mean(last recent years)``, ``t = A / r``. Trend: ordinary least squares
    ``release = a + b · year`` over the history, projected release ``max(a + b·y, 0)`` for
    ``y = last + 1, last + 2, ...``; ``t`` is where the cumulative projection reaches ``A``
    (linear within the final year). Dates are the end of the last history year plus ``t``
    years, each year counted in its own days. Required rate: ``A / T`` with ``T`` the years
    from the end of the history to the deadline (2 for 31 Dec 2023 -> 31 Dec 2025). These are projections, not standards: they assume the
    remaining-area estimate is right (estimates are often revised when surveyed).

    Examples
    --------
    >>> from dpssec.mines.forecast import completion_forecast
    >>> from dpssec.units import Q_
    >>> f = completion_forecast(Q_(30, "ha"), [50_000, 100_000, 150_000],
    ...                         years=[2021, 2022, 2023], deadline=2025, recent=2)
    >>> f.mean_completion_year, f.trend_completion_year, f.meets_deadline_trend
    (2026, 2025, True)
    >>> f.required_release.magnitude
    150000.0
    >>> import pandas as pd
    >>> history = pd.Series([50_000, 100_000, 150_000], index=[2021, 2022, 2023])
    >>> completion_forecast(Q_(30, "ha"), history, recent=2).mean_completion_year
    2026
    """
    remaining = float(remaining_area)
    year_values, release = _history(annual_release, years, nan_policy)
    last_year = int(year_values[-1])
    start = dt.date(last_year, 12, 31)
    end = _deadline(deadline)
    if end is not None and end <= start:
        raise InputError(
            f"deadline {end} is not after the end of the release history ({start}); "
            "a forecast from that history cannot meet it"
        )

    used = release[-recent:]
    mean_rate = float(np.mean(used))
    mean_t = remaining / mean_rate if mean_rate > 0 else (0.0 if remaining == 0 else None)
    if mean_t is not None and not math.isfinite(mean_t):  # a rate of 1e-300 m² a year
        mean_t = None

    x = year_values.astype(float)
    slope, intercept = (float(v) for v in np.polyfit(x - x.mean(), release, 1))
    intercept -= slope * x.mean()  # centred fit for accuracy, then back to calendar years
    trend_t = _trend_completion(remaining, last_year, slope, intercept, horizon)
    next_release = max(intercept + slope * (last_year + 1), 0.0)

    def completion(t: float | None) -> tuple[dt.date | None, int | None]:
        # Beyond the horizon or the calendar (year 9999): no date.
        if t is None or t > horizon or last_year + 1 + t >= 9999:
            return None, None
        when = _date_at(last_year + 1 + t)
        return when, when.year

    mean_date, mean_year = completion(mean_t)
    trend_date, trend_year = completion(trend_t)
    meets_mean = meets_trend = None
    required = None
    if end is not None:
        years_left = _position(end) - (last_year + 1)
        # Compare the continuous times, not the dates rounded to a day, so that "meets the
        # deadline" agrees exactly with "releases at least the required rate".
        meets_mean = mean_date is not None and mean_t is not None and mean_t <= years_left
        meets_trend = trend_date is not None and trend_t is not None and trend_t <= years_left
        required = with_units(remaining / years_left, "m**2 / year")

    return Forecast(
        remaining_area=with_units(remaining, "m**2"),
        last_year=last_year,
        history_years=tuple(int(y) for y in year_values),
        recent_years=tuple(int(y) for y in year_values[-recent:]),
        mean_release=with_units(mean_rate, "m**2 / year"),
        mean_years_needed=mean_t,
        mean_completion=mean_date,
        mean_completion_year=mean_year,
        trend_slope=with_units(slope, "m**2 / year**2"),
        trend_next_release=with_units(next_release, "m**2 / year"),
        trend_years_needed=trend_t,
        trend_completion=trend_date,
        trend_completion_year=trend_year,
        deadline=end,
        meets_deadline_mean=meets_mean,
        meets_deadline_trend=meets_trend,
        required_release=required,
    )
