"""Land-release accounting: how much land was cancelled, reduced and cleared, at what cost.

Land release (IMAS 07.11) frees land by three routes: *cancelled* by non-technical survey,
*reduced* by technical survey, and *cleared*. Reporting all three matters: over-estimated
suspected areas wasted clearance for years (Landmine Monitor, "Reporting Land Release"), and
the share of land released *without* clearance is the first sign of an evidence-based
programme. This module computes

* :func:`release_summary`: the three shares and the land-release efficiency
  ``(cancelled + reduced) / released`` (the share not physically cleared);
* :func:`productivity`: area per deminer-day, a Quantity in m² / (person · day);
* :func:`cost_per_area`: cost per m² (or per ha, km²), a Quantity in 1/m² (1/ha, 1/km²)
  whose magnitude is the currency amount per unit area;
* :func:`device_density`: devices found per hectare cleared, a Quantity in 1/ha (very low
  values flag clearance of land that was not contaminated, the Monitor's "targeted
  clearance" criterion);
* :func:`summarise_release`: all of them for a list of
  :class:`~dpssec.mines.areas.LandReleaseRecord`, from summed areas, days, costs and devices
  (never a mean of per-task rates).

Areas accept Quantities in m², ha or km², text such as ``"1.2 ha"`` or plain numbers (read
as m²); arrays are processed without Python loops, a pandas Series gives Series back with its
index, and ``nan_policy="propagate"`` carries a missing value to NaN in its row only.

For example (Colombia 2017, Landmine Monitor 2019 country profile):

>>> from dpssec.mines.land_release import release_summary
>>> from dpssec.units import Q_
>>> s = release_summary(Q_(0.24, "km**2"), Q_(0.35, "km**2"), Q_(0.38, "km**2"))
>>> round(s.share_cancelled, 3), round(s.share_reduced, 3), round(s.share_cleared, 3)
(0.247, 0.361, 0.392)
>>> round(s.efficiency, 3)
0.608
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar, Protocol, runtime_checkable

import attrs
import numpy as np

from dpssec.boundary import (
    Amount,
    Area,
    Choice,
    Count,
    Number,
    Ratio,
    calculator,
    example_by,
    is_lazy,
    missing_rows,
)
from dpssec.boundary.fields import VALUES_EQ
from dpssec.errors import InputError
from dpssec.references import Reference
from dpssec.rendering import ResultMixin
from dpssec.units import Q_, with_units

__all__ = [
    "AREA_UNITS",
    "LAND_RELEASE_REFERENCE",
    "LandReleaseSummary",
    "ReleaseRecordLike",
    "ReleaseSummary",
    "cost_per_area",
    "device_density",
    "productivity",
    "release_summary",
    "summarise_release",
]

LAND_RELEASE_REFERENCE = Reference(
    "IMAS 07.11 Land release; IMAS 04.10 Glossary (cancelled / reduced / cleared land)",
    "IMAS 04.10 Ed. 2 Amd 10 (2019)",
    "released = cancelled (NTS) + reduced (TS) + cleared; efficiency = share not cleared is "
    "a working definition, as the Landmine Monitor reports the three shares",
)
"""Source of the land-release routes (the efficiency share is a working definition)."""

AREA_UNITS: tuple[str, ...] = ("m**2", "ha", "km**2")
"""Area units a rate may be given per (``per`` of :func:`cost_per_area`, :func:`device_density`)."""

_PER = Choice(
    AREA_UNITS,
    aliases={"m2": "m**2", "m²": "m**2", "hectare": "ha", "km2": "km**2", "km²": "km**2"},
)


def _refuse_zero(total: Any, name: str, what: str) -> Any:
    """Refuse zero denominators (a ratio over nothing is undefined, not 0 or NaN)."""
    missing = missing_rows()

    def check(block: np.ndarray, skip: Any = None) -> np.ndarray:
        zero = np.asarray(block) == 0
        if skip is not None:
            zero = zero & ~np.asarray(skip)
        if np.any(zero):
            index = int(np.argmax(np.ravel(zero)))
            raise InputError(
                f"{name}: {int(zero.sum())} of {zero.size} values are zero, so {what} is "
                f"undefined (first at index {index}); pass zero_total='nan' for NaN there"
            )
        return block

    if is_lazy(total):
        if missing is not None:
            return total.map_blocks(check, missing, dtype=total.dtype)
        return total.map_blocks(check, dtype=total.dtype)
    return check(total, missing)


@example_by("release_summary")
@attrs.frozen(eq=False)
class ReleaseSummary(ResultMixin):
    """Areas released by each route and their shares (vectorised: fields may be arrays).

    Attributes
    ----------
    cancelled, reduced, cleared, released : Quantity or Series
        Areas [m²]; ``released`` is their sum. For Series input, Series of magnitudes in m²
        (the unit in ``series.attrs["units"]``).
    share_cancelled, share_reduced, share_cleared : float, ndarray or Series
        Each route's share of the released area (they sum to 1).
    efficiency : float, ndarray or Series
        ``(cancelled + reduced) / released``: the share released without clearance.
    reference : Reference

    Examples
    --------
    >>> from dpssec.mines.land_release import release_summary
    >>> s = release_summary(1_000, 3_000, 6_000)
    >>> s.released, s.share_cleared, s.efficiency
    (<Quantity(10000.0, 'meter ** 2')>, 0.6, 0.4)
    """

    cancelled: Any = attrs.field(eq=VALUES_EQ)
    reduced: Any = attrs.field(eq=VALUES_EQ)
    cleared: Any = attrs.field(eq=VALUES_EQ)
    released: Any = attrs.field(eq=VALUES_EQ)
    share_cancelled: Any = attrs.field(eq=VALUES_EQ)
    share_reduced: Any = attrs.field(eq=VALUES_EQ)
    share_cleared: Any = attrs.field(eq=VALUES_EQ)
    efficiency: Any = attrs.field(eq=VALUES_EQ)
    reference: Reference = LAND_RELEASE_REFERENCE

    PER_ELEMENT_FIELDS: ClassVar[tuple[str, ...]] = (
        "cancelled",
        "reduced",
        "cleared",
        "released",
        "share_cancelled",
        "share_reduced",
        "share_cleared",
        "efficiency",
    )
    """Fields holding one value per row: scalars for scalar input, Series for Series input."""

    def _columns(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.PER_ELEMENT_FIELDS}

    def total(self) -> ReleaseSummary:
        """The summary of the summed areas (shares of the total, not a mean of shares)."""

        def summed(value: Any) -> float:
            return float(np.sum(np.asarray(getattr(value, "magnitude", value), dtype=float)))

        return release_summary(summed(self.cancelled), summed(self.reduced), summed(self.cleared))


@calculator(
    cancelled=Area(),
    reduced=Area(),
    cleared=Area(),
    zero_total=Choice(("raise", "nan")),
    divisors=(),
    overlap=True,
    example={"cancelled": [10_738, 10_919], "reduced": [7_171, 7_332], "cleared": [9_246, 15_476]},
)
def release_summary(
    cancelled: Any,
    reduced: Any,
    cleared: Any,
    *,
    zero_total: str = "raise",
    nan_policy: str = "raise",
) -> ReleaseSummary:
    """Shares of land cancelled, reduced and cleared, and the land-release efficiency.

    Parameters
    ----------
    cancelled : Quantity, array-like or Series
        Area cancelled by non-technical survey [m²] (ha, km² Quantities and text such as
        ``"1.2 ha"`` are converted).
    reduced : Quantity, array-like or Series
        Area reduced by technical survey [m²].
    cleared : Quantity, array-like or Series
        Area cleared [m²].
    zero_total : {"raise", "nan"}
        What to do where nothing was released: refuse (default), or give NaN shares there
        (for tables of years that include years without work, e.g. Peru 2020).
    nan_policy : {"raise", "propagate"}
        A missing area: refused (default), or NaN in every field of its row, with a
        :class:`~dpssec.errors.DataQualityWarning` giving the count.

    Returns
    -------
    ReleaseSummary
        Scalar fields for scalar inputs, arrays for arrays, Series (same index) for Series.

    Raises
    ------
    InputError
        Negative or NaN areas, arrays of different lengths, a zero total (unless
        ``zero_total="nan"``).
    UnitError
        A Quantity that is not an area.

    Notes
    -----
    ``released = cancelled + reduced + cleared``; ``share_x = x / released``;
    ``efficiency = (cancelled + reduced) / released``. Global 2022 (Landmine Monitor 2023,
    "The Impact"): 156.92 km² cancelled, 121.11 reduced, 219.31 cleared -> 31.6 %, 24.4 %,
    44.1 % (efficiency 55.9 %).

    Examples
    --------
    >>> from dpssec.mines.land_release import release_summary
    >>> s = release_summary([10_738, 10_919], [7_171, 7_332], [9_246, 15_476])  # PER, ECU 2017
    >>> s.share_cleared.round(3)
    array([0.34 , 0.459])
    >>> s.released
    <Quantity([27155. 33727.], 'meter ** 2')>
    >>> import pandas as pd, warnings
    >>> from dpssec.errors import DataQualityWarning
    >>> warnings.simplefilter("ignore", DataQualityWarning)  # it says: 1 of 2 rows missing
    >>> cleared = pd.Series([9_246, None], index=["PER", "ECU"])
    >>> release_summary(0, 0, cleared, nan_policy="propagate").share_cleared
    PER    1.0
    ECU    NaN
    Name: share_cleared, dtype: float64
    """
    released = cancelled + reduced + cleared
    if zero_total == "raise":  # a zero total is refused, so the shares divide by it directly
        released = safe = _refuse_zero(released, "released area", "each route's share")
    else:
        safe = np.where(released == 0, np.nan, released)
    return ReleaseSummary(
        cancelled=with_units(cancelled, "m**2"),
        reduced=with_units(reduced, "m**2"),
        cleared=with_units(cleared, "m**2"),
        released=with_units(released, "m**2"),
        share_cancelled=cancelled / safe,
        share_reduced=reduced / safe,
        share_cleared=cleared / safe,
        efficiency=(cancelled + reduced) / safe,
    )


@calculator(
    area=Area(),
    deminer_days=Amount("person * day", positive=True),
    returns="m**2 / (person * day)",
    divisors=("deminer_days",),
    overlap=True,
    fused=Ratio("area", "deminer_days"),
    example={"area": [3_000, 12_000], "deminer_days": [100, 300]},
)
def productivity(area: Any, deminer_days: Any, *, nan_policy: str = "raise") -> Any:
    """Area processed per deminer-day.

    Parameters
    ----------
    area : Quantity or array-like
        Area processed (usually cleared) [m²].
    deminer_days : Quantity or array-like
        Deminer working days [person·day] (a plain number, or a Quantity such as
        ``Q_(120, "person * day")``).
    nan_policy : {"raise", "propagate"}
        A missing value: refused (default) or NaN in its row, with a warning.

    Returns
    -------
    Quantity or Series
        [m² / (person · day)], a float magnitude for scalar input, an ndarray otherwise; a
        Series of magnitudes for Series input.

    Raises
    ------
    InputError
        Negative areas, zero or negative deminer-days.

    Notes
    -----
    ``productivity = area / deminer_days`` (a working definition). Manual deminers typically
    clear 10-50 m² per day, depending on terrain (HALO Trust, "Manual demining").

    Examples
    --------
    >>> from dpssec.mines.land_release import productivity
    >>> from dpssec.units import Q_
    >>> productivity(Q_(0.3, "ha"), 100)
    <Quantity(30.0, 'meter ** 2 / person / day')>
    >>> productivity(Q_(0.3, "ha"), 100).magnitude  # m² per deminer-day
    30.0
    """
    return area / deminer_days


def _in_per_unit(area_m2: Any, per: str) -> Any:
    """The area expressed in ``per`` units. Rates are then ``x / area_in_per`` rather than
    ``x / area_m2 * m2_per_unit``: one rounding instead of two, so 3 devices on 5,000 m² give
    exactly 6 per ha (not 5.999999999999999)."""
    m2_per_unit = float(Q_(1, per).to("m**2").magnitude)
    return area_m2 if m2_per_unit == 1.0 else area_m2 / m2_per_unit


@calculator(
    cost=Number(lower=0),
    area=Area(positive=True),
    per=_PER,
    divisors=("area",),
    overlap=True,
    example={"cost": [5.9e6, 12_000], "area": [7.1e6, 30_000]},
)
def cost_per_area(cost: Any, area: Any, *, per: str = "m**2", nan_policy: str = "raise") -> Any:
    """Cost per unit of area released or cleared.

    Parameters
    ----------
    cost : array-like
        Cost [currency units, e.g. USD], >= 0.
    area : Quantity or array-like
        Area [m²] (ha, km² Quantities converted), > 0.
    per : {"m**2", "ha", "km**2"}
        Area unit of the result (``"m2"``, ``"hectare"``, ``"km2"`` accepted).
    nan_policy : {"raise", "propagate"}
        A missing value: refused (default) or NaN in its row, with a warning.

    Returns
    -------
    Quantity
        [1/``per``]: the magnitude is the currency amount per unit area (pint has no currency
        unit, so the currency is the caller's, as in ``cost``).

    Raises
    ------
    InputError
        Negative cost, zero or negative area.

    Notes
    -----
    ``cost / area``. Clearance often reaches US$10/m² (AgEcon record 98503); external
    post-clearance inspection in 2010 cost US$5.9 M for 7.1 million m², US$0.83/m² (GICHD
    2012).

    Examples
    --------
    >>> from dpssec.mines.land_release import cost_per_area
    >>> from dpssec.units import Q_
    >>> round(cost_per_area(5.9e6, 7.1e6).magnitude, 2)  # US$ per m²
    0.83
    >>> cost_per_area(12_000, Q_(3, "ha"), per="ha")
    <Quantity(4000.0, '1 / hectare')>
    """
    return with_units(cost / _in_per_unit(area, per), f"1 / {per}")


@calculator(
    devices=Count(),
    area=Area(positive=True),
    per=_PER,
    divisors=("area",),
    overlap=True,
    integers=True,
    example={"devices": [169_276, 3], "area": [219.31e6, 5_000]},
)
def device_density(devices: Any, area: Any, *, per: str = "ha", nan_policy: str = "raise") -> Any:
    """Devices found per unit of area cleared.

    Parameters
    ----------
    devices : array-like
        Devices found and destroyed (whole numbers >= 0).
    area : Quantity or array-like
        Area cleared [m²], > 0.
    per : {"ha", "m**2", "km**2"}
        Area unit of the result (default per hectare).
    nan_policy : {"raise", "propagate"}
        A missing value: refused (default) or NaN in its row, with a warning.

    Returns
    -------
    Quantity
        [devices / ``per``], in 1/``per`` (1/ha by default).

    Raises
    ------
    InputError
        Negative or fractional device counts, zero or negative area.

    Notes
    -----
    ``devices / area``. Global 2022: 169,276 AP mines on 219.31 km² cleared, 7.7 per ha
    (Landmine Monitor 2023); Nicaragua 1990-2005: 120,568 AP mines from 4,106,714 m², about
    294 per ha (Landmine Monitor 2005).

    Examples
    --------
    >>> from dpssec.mines.land_release import device_density
    >>> from dpssec.units import Q_
    >>> round(device_density(169_276, Q_(219.31, "km**2")).magnitude, 1)
    7.7
    >>> device_density(3, 5_000)
    <Quantity(6.0, '1 / hectare')>
    """
    return with_units(devices / _in_per_unit(area, per), f"1 / {per}")


@attrs.frozen(eq=False)
class LandReleaseSummary(ResultMixin):
    """Totals and rates of a set of land-release records.

    Attributes
    ----------
    records : int
    shares : ReleaseSummary
        Areas and shares of the summed areas.
    deminer_days : float
    devices_found : int
    cost : float
    currency : str
    productivity : float or None
        Cleared m² per deminer-day (None without deminer-days).
    cost_per_m2 : float or None
        Cost per m² released (None when no cost was recorded).
    devices_per_ha : float or None
        Devices per hectare cleared (None when nothing was cleared).
    """

    records: int
    shares: ReleaseSummary
    deminer_days: float
    devices_found: int
    cost: float
    currency: str
    productivity: float | None
    cost_per_m2: float | None
    devices_per_ha: float | None

    def _columns(self) -> dict[str, Any]:
        s = self.shares
        return {
            "records": self.records,
            "released": s.released,
            "share_cancelled": s.share_cancelled,
            "share_reduced": s.share_reduced,
            "share_cleared": s.share_cleared,
            "efficiency": s.efficiency,
            "productivity_m2_per_deminer_day": self.productivity,
            f"cost_per_m2_{self.currency}": self.cost_per_m2,
            "devices_per_ha_cleared": self.devices_per_ha,
        }


@runtime_checkable
class ReleaseRecordLike(Protocol):
    """What :func:`summarise_release` reads from a land-release record."""

    @property
    def cancelled(self) -> Any: ...
    @property
    def reduced(self) -> Any: ...
    @property
    def cleared(self) -> Any: ...
    @property
    def devices_found(self) -> int: ...
    @property
    def deminer_days(self) -> float: ...
    @property
    def cost(self) -> float: ...
    @property
    def currency(self) -> str: ...


def summarise_release(records: Sequence[ReleaseRecordLike]) -> LandReleaseSummary:
    """Totals, shares and rates of a list of land-release records.

    Rates are ratios of sums (Σ cleared / Σ deminer-days, Σ cost / Σ released, Σ devices /
    Σ cleared), never means of per-task rates.

    Parameters
    ----------
    records : sequence of LandReleaseRecord
        All in the same currency. Their fields were checked when they were built.

    Returns
    -------
    LandReleaseSummary

    Raises
    ------
    InputError
        No records, an item that is not a record, nothing released, or mixed currencies.

    Examples
    --------
    >>> from dpssec.mines.areas import LandReleaseRecord
    >>> from dpssec.mines.land_release import summarise_release
    >>> s = summarise_release([
    ...     LandReleaseRecord("T1", cleared=600, deminer_days=20, devices_found=3, cost=4200),
    ...     LandReleaseRecord("T2", cancelled="1 ha", reduced=2000, cleared=400,
    ...                       deminer_days=30, devices_found=1, cost=5800)])
    >>> s.productivity, s.devices_per_ha, round(s.shares.efficiency, 3)
    (20.0, 40.0, 0.923)
    """
    given: Any = records
    if isinstance(given, str | bytes) or not isinstance(given, Sequence) or not given:
        raise InputError("records: expected a non-empty list of LandReleaseRecord")
    for position, record in enumerate(given):
        if not isinstance(record, ReleaseRecordLike):
            raise InputError(
                "records: expected a non-empty list of LandReleaseRecord; item "
                f"{position} is {type(record).__name__}"
            )
    currencies = sorted({r.currency for r in records if r.cost > 0})
    if len(currencies) > 1:
        raise InputError(f"records: costs in several currencies ({', '.join(currencies)})")

    def total(name: str) -> float:
        return float(sum(getattr(r, name).magnitude for r in records))

    cancelled, reduced, cleared = total("cancelled"), total("reduced"), total("cleared")
    shares = release_summary(cancelled, reduced, cleared)
    days = float(sum(r.deminer_days for r in records))
    devices = sum(r.devices_found for r in records)
    cost = float(sum(r.cost for r in records))
    released = cancelled + reduced + cleared
    return LandReleaseSummary(
        records=len(records),
        shares=shares,
        deminer_days=days,
        devices_found=devices,
        cost=cost,
        currency=currencies[0] if currencies else records[0].currency,
        productivity=float(productivity(cleared, days).magnitude) if days > 0 else None,
        cost_per_m2=float(cost_per_area(cost, released).magnitude) if cost > 0 else None,
        devices_per_ha=float(device_density(devices, cleared).magnitude) if cleared > 0 else None,
    )
