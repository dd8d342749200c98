"""Occupancy, overcrowding and the prison population rate.

* :func:`occupancy_rate`: persons held x 100 / official capacity, the OAS observatory's
  indicator 6.5.1 and the World Prison Brief "occupancy level";
* :func:`classify_occupancy` with named threshold presets (:data:`OVERCROWDING_STANDARDS`):
  only "above 100 % = over official capacity" is verified; the 120 % "critical" and 105 %
  "severe" labels are shipped flagged unverified;
* :func:`system_overcrowding`: the facility-level accounting of Tournier (2013), which shows
  when a system under 100 % still holds people above capacity in some prisons;
* :func:`prison_population_rate`: persons held per 100,000 inhabitants.

For example:

>>> from dpssec.justice import occupancy_rate, system_overcrowding
>>> occupancy_rate(1210, 1000)
121.0
>>> result = system_overcrowding([80, 180], [100, 150])
>>> result.occupancy, result.surplus, result.free_places
(104.0, 30.0, 20.0)
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from typing import Any, ClassVar

import attrs
import numpy as np

from dpssec.boundary import (
    Count,
    Number,
    Population,
    Ratio,
    Scale,
    calculator,
    example_by,
    not_above,
)
from dpssec.boundary.arrays import is_lazy
from dpssec.errors import InputError
from dpssec.justice.boundary_rules import VALUES_EQ, Preset, refuse_empty
from dpssec.justice.sources import (
    SPACE_DENSITY,
    TOURNIER_2013,
    UNODC_CRIME_CONGRESS_120,
    WPB_OCCUPANCY,
)
from dpssec.references import Reference
from dpssec.rendering import ResultMixin

__all__ = [
    "CRITICAL_120",
    "OVERCROWDING_STANDARDS",
    "OVER_CAPACITY",
    "OccupancyClassification",
    "OvercrowdingStandard",
    "SEVERE_105",
    "SystemOvercrowding",
    "classify_occupancy",
    "occupancy_rate",
    "prison_population_rate",
    "system_overcrowding",
]


# -- kernels (magnitudes only, duck-array safe) -----------------------------------------------


def _occupancy_kernel(population: Any, capacity: Any) -> Any:
    return population * 100.0 / capacity


def _rate_kernel(count: Any, population: Any, multiplier: float) -> Any:
    return count * multiplier / population


# -- occupancy --------------------------------------------------------------------------------


@calculator(
    population=Count(whole=False),
    capacity=Population(),
    integers=True,
    divisors=("capacity",),
    overlap=True,
    fused=Ratio("population", "capacity", 100.0),
    example={"population": [1358, 90], "capacity": [1000, 100]},
)
def occupancy_rate(population: Any, capacity: Any, *, nan_policy: str = "raise") -> Any:
    """Occupancy of a prison or system in percent of its official capacity.

    Parameters
    ----------
    population : array-like
        Persons held on the reference date [persons], >= 0 (an average daily population
        need not be whole).
    capacity : array-like
        Official capacity [places], > 0: the places available without overcrowding
        (UN-CTS wording), not an emergency or operational capacity.
    nan_policy : {"raise", "propagate"}
        A missing population or capacity is refused (default) or gives NaN in its row, with
        a :class:`~dpssec.errors.DataQualityWarning` counting them.

    Returns
    -------
    float, ndarray or Series
        ``population x 100 / capacity`` [%]; a float for scalar input, a Series with the
        input's index for Series input.

    Raises
    ------
    InputError
        Zero or negative capacity, negative population, NaN, text or booleans, different
        lengths or pandas indexes, empty input (as :func:`system_overcrowding`).

    Notes
    -----
    The OAS observatory gives the formula literally as ``(prison population x 100) / official
    capacity`` (indicator 6.5.1); the World Prison Brief publishes the same "occupancy level".
    SPACE I's "prison density" (inmates per 100 places) is the same number. Above 100 % the
    prison holds more people than its official capacity.

    References
    ----------
    OAS Inter-American Observatory on Security, indicator 6.5.1; World Prison Brief.

    Examples
    --------
    >>> from dpssec.justice import occupancy_rate
    >>> occupancy_rate(1358, 1000)
    135.8
    >>> occupancy_rate([90, 120], [100, 100])
    array([ 90., 120.])
    >>> occupancy_rate(50, 0)
    Traceback (most recent call last):
    ...
    dpssec.errors.InputError: parameter 'capacity': 1 of 1 values are zero or negative (must be > 0) (first at index 0: ...)
    """
    refuse_empty("occupancy_rate", population=population, capacity=capacity)
    return _occupancy_kernel(population, capacity)


@calculator(
    population=Count(whole=False),
    national_population=Population(),
    multiplier=Scale(),
    relations=[
        # More persons held than inhabitants is a swapped or mis-scaled column (thousands).
        not_above("population", "national_population")
    ],
    integers=True,
    divisors=("national_population",),
    overlap=True,
    example={"population": [1_500, 80], "national_population": [600_000, 100_000]},
)
def prison_population_rate(
    population: Any,
    national_population: Any,
    *,
    multiplier: float = 100_000,
    nan_policy: str = "raise",
) -> Any:
    """Persons held per 100,000 inhabitants (the prison population rate).

    Parameters
    ----------
    population : array-like
        Persons held on the reference date [persons], >= 0.
    national_population : array-like
        Inhabitants on (about) the same date [persons], > 0.
    multiplier : float
        Rate base, 100,000 by default.
    nan_policy : {"raise", "propagate"}
        Missing values refused (default) or carried to NaN rows with a warning.

    Returns
    -------
    float, ndarray or Series
        ``population / national_population x multiplier``.

    Raises
    ------
    InputError
        Negative population, non-positive national population, a population above the
        national population (named by row), different lengths, empty input, a bad multiplier.

    Notes
    -----
    OAS indicator 5.1.1.x and the World Prison Brief publish this rate per 100,000 of the
    national population, also for states with fewer than 100,000 inhabitants. Use a
    population of the same date as the count (the OAS uses UN World Population Prospects).
    The count is a census on one day, so no sampling interval is attached.

    References
    ----------
    OAS Inter-American Observatory on Security, indicator 5.1.1.x.

    Examples
    --------
    >>> from dpssec.justice import prison_population_rate
    >>> prison_population_rate(1_500, 600_000)
    250.0
    >>> prison_population_rate([1_500, 80], [600_000, 100_000])
    array([250.,  80.])
    """
    refuse_empty(
        "prison_population_rate", population=population, national_population=national_population
    )
    return _rate_kernel(population, national_population, multiplier)


# -- overcrowding thresholds ------------------------------------------------------------------


def _increasing(
    instance: object, attribute: attrs.Attribute[Any], value: tuple[float, ...]
) -> None:
    if len(value) == 0 or any(b <= a for a, b in itertools.pairwise(value)):
        raise InputError(f"{attribute.name} must be a non-empty increasing tuple; got {value!r}")


def _float_tuple(values: Iterable[float]) -> tuple[float, ...]:
    return tuple(float(v) for v in values)


def _str_tuple(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(str(v) for v in values)


@example_by(lambda: OVERCROWDING_STANDARDS["critical-120"])
@attrs.frozen
class OvercrowdingStandard:
    """A named set of occupancy thresholds and the labels of the bands between them.

    A value strictly above ``thresholds[i]`` (and not above the next one) gets
    ``labels[i + 1]``; at or below the first threshold it gets ``labels[0]``.

    Attributes
    ----------
    key : str
        Preset name (``"over-capacity"``, ``"critical-120"``, ``"severe-105"``).
    thresholds : tuple of float
        Increasing occupancy thresholds [%].
    labels : tuple of str
        One more label than thresholds.
    reference : Reference
        Where the thresholds come from; ``verified=False`` for unconfirmed presets.
    """

    key: str
    thresholds: tuple[float, ...] = attrs.field(converter=_float_tuple, validator=_increasing)
    labels: tuple[str, ...] = attrs.field(converter=_str_tuple)
    reference: Reference

    def __attrs_post_init__(self) -> None:
        if len(self.labels) != len(self.thresholds) + 1:
            raise InputError(
                f"OvercrowdingStandard {self.key!r}: {len(self.thresholds)} thresholds need "
                f"{len(self.thresholds) + 1} labels; got {len(self.labels)}"
            )

    @property
    def verified(self) -> bool:
        return self.reference.verified


OVER_CAPACITY = OvercrowdingStandard(
    "over-capacity",
    (100.0,),
    ("within official capacity", "over official capacity"),
    WPB_OCCUPANCY,
)
"""Above 100 % of official capacity (World Prison Brief and UNODC usage; verified). Default."""

CRITICAL_120 = OvercrowdingStandard(
    "critical-120",
    (100.0, 120.0),
    ("within official capacity", "over official capacity", "critical overcrowding"),
    UNODC_CRIME_CONGRESS_120,
)
"""The 120 % "critical overcrowding" label attributed to the CPT / SPACE: UNVERIFIED."""

SEVERE_105 = OvercrowdingStandard(
    "severe-105",
    (100.0, 105.0),
    ("within official capacity", "over official capacity", "severe overcrowding"),
    SPACE_DENSITY.at(
        "'severe overcrowding' above 105 per 100 places (no source known)", verified=False
    ),
)
"""SPACE "severe overcrowding above 105 per 100 places": UNVERIFIED (no source known)."""

OVERCROWDING_STANDARDS: dict[str, OvercrowdingStandard] = {
    s.key: s for s in (OVER_CAPACITY, CRITICAL_120, SEVERE_105)
}
"""The shipped threshold presets by key."""


OVERCROWDING_STANDARD = Preset(OVERCROWDING_STANDARDS)
"""The ``standard`` parameter: a key of :data:`OVERCROWDING_STANDARDS` or an own standard."""


@example_by("classify_occupancy")
@attrs.frozen(eq=False)
class OccupancyClassification(ResultMixin):
    """Occupancy values and their band under one threshold preset.

    Attributes
    ----------
    occupancy : float or ndarray
        Occupancy [%].
    level : int or ndarray
        Band index (0 = at or below the first threshold).
    label : str or ndarray of str
        Band label (NaN where the occupancy is missing under ``nan_policy="propagate"``).
    standard : str
        Preset key.
    reference : Reference
        Source of the thresholds.
    verified : bool
        False when the thresholds are unconfirmed: do not present the label as normative.
    """

    occupancy: Any = attrs.field(eq=VALUES_EQ)
    level: Any = attrs.field(eq=VALUES_EQ)
    label: Any = attrs.field(eq=VALUES_EQ)
    standard: str
    reference: Reference
    verified: bool

    PER_ELEMENT_FIELDS: ClassVar[tuple[str, ...]] = ("occupancy", "level", "label")
    """Fields holding one value per element (Series for Series input)."""

    def plot(self, ax: Any = None, **kwargs: Any) -> Any:
        """Occupancy bars with 100 % and the preset's thresholds drawn; return the Axes.

        Keywords (``labels``, ``standard``, ``sort``, ``title``) are those of
        :func:`dpssec.justice.plots.plot_occupancy`; others go to matplotlib for the bars.

        Examples
        --------
        >>> import matplotlib
        >>> matplotlib.use("Agg")
        >>> from dpssec.justice import classify_occupancy
        >>> ax = classify_occupancy([95, 130], standard="critical-120").plot(labels=["A", "B"])
        >>> [line.get_xdata()[0] for line in ax.lines]
        [100.0, 120.0]
        """
        from dpssec.justice.plots import plot_occupancy

        return plot_occupancy(self, ax, **kwargs)

    def compute(self) -> OccupancyClassification:
        """Materialise dask fields (``label`` becomes a tuple); eager results are returned as is.

        Examples
        --------
        >>> from dpssec.justice import classify_occupancy
        >>> c = classify_occupancy(90.0)
        >>> c.compute() is c
        True
        """
        names = [n for n in ("occupancy", "level", "label") if is_lazy(getattr(self, n))]
        if not names:
            return self
        from dask.base import compute

        values = dict(zip(names, compute(*(getattr(self, n) for n in names)), strict=True))  # type: ignore[no-untyped-call]
        return attrs.evolve(self, **values)


@calculator(
    occupancy=Number(lower=0.0),
    standard=OVERCROWDING_STANDARD,
    example={"occupancy": [95.0, 110.0, 135.8], "standard": "critical-120"},
)
def classify_occupancy(
    occupancy: Any,
    *,
    standard: str | OvercrowdingStandard = "over-capacity",
    nan_policy: str = "raise",
) -> OccupancyClassification:
    """Label occupancy values with the bands of a threshold preset.

    Parameters
    ----------
    occupancy : array-like
        Occupancy [%] (see :func:`occupancy_rate`), >= 0.
    standard : str or OvercrowdingStandard
        ``"over-capacity"`` (default; verified), ``"critical-120"`` or ``"severe-105"``
        (both unverified), or an own :class:`OvercrowdingStandard`.
    nan_policy : {"raise", "propagate"}
        A missing occupancy is refused (default) or gets a NaN level and label, with a
        :class:`~dpssec.errors.DataQualityWarning`.

    Returns
    -------
    OccupancyClassification
        ``occupancy``, ``level`` and ``label`` per element: scalars for one value, arrays
        for several, Series with the input's index for Series input (a lazy array of str
        for dask input).

    Notes
    -----
    "Above 100 %" means strictly above: a prison at exactly its official capacity is not over
    it. The 120 % "critical" threshold is often attributed to the CPT or SPACE, but no Council
    of Europe text defining it is known; results under it say ``verified=False``.

    Examples
    --------
    >>> from dpssec.justice import classify_occupancy
    >>> classify_occupancy(100.0).label
    'within official capacity'
    >>> c = classify_occupancy([95, 110, 135.8], standard="critical-120")
    >>> list(c.label), c.verified
    (['within official capacity', 'over official capacity', 'critical overcrowding'], False)
    """
    chosen: OvercrowdingStandard = OVERCROWDING_STANDARD.convert(standard, "standard")
    # The band is the number of thresholds strictly below the value (element-wise, lazy-safe).
    level = sum((occupancy > t).astype(np.int64) for t in chosen.thresholds)
    names = np.asarray(chosen.labels, dtype=object)
    if is_lazy(level):
        label: Any = level.map_blocks(lambda block: names[block], dtype=object)
    elif np.ndim(level) == 0:
        label = str(names[int(level)])
    else:
        label = names[level]
    return OccupancyClassification(
        occupancy, level, label, chosen.key, chosen.reference, chosen.verified
    )


# -- system-level accounting (Tournier) -------------------------------------------------------


@example_by("system_overcrowding")
@attrs.frozen(eq=False)
class SystemOvercrowding(ResultMixin):
    """Occupancy of a prison system with its facility-level surplus and free places.

    Attributes
    ----------
    population, capacity : float
        Sums over the facilities [persons], [places].
    occupancy : float
        System occupancy [%] = Σ population x 100 / Σ capacity.
    surplus : float
        Persons held above capacity, Σ max(0, population − capacity) [persons].
    free_places : float
        Unused places, Σ max(0, capacity − population) [places].
    apparent_overpopulation : float
        Σ population − Σ capacity (negative when the system has room overall).
    facilities : int
        Number of facilities.
    facilities_over_capacity : int
        Facilities holding more people than their capacity.
    hidden_overcrowding : bool
        True when the system as a whole is at or under 100 % yet some facility is over
        capacity: the system ratio hides overcrowding.
    statement : str
        A sentence saying so (or that it does not happen).
    reference : Reference
    """

    population: float
    capacity: float
    occupancy: float
    surplus: float
    free_places: float
    apparent_overpopulation: float
    facilities: int
    facilities_over_capacity: int
    hidden_overcrowding: bool
    statement: str
    reference: Reference = TOURNIER_2013

    def plot(self, ax: Any = None, **kwargs: Any) -> Any:
        """Places and persons held as stacked bars (surplus, free places); return the Axes.

        See :func:`dpssec.justice.plots.plot_system_overcrowding` (``title``; other keywords
        go to matplotlib for the bar segments).

        Examples
        --------
        >>> import matplotlib
        >>> matplotlib.use("Agg")
        >>> from dpssec.justice import system_overcrowding
        >>> ax = system_overcrowding([110, 120], [100, 150]).plot()
        >>> [t.get_text() for t in ax.get_legend().get_texts()]
        ['occupied places', 'free places', 'held within capacity', 'held above capacity (surplus)']
        """
        from dpssec.justice.plots import plot_system_overcrowding

        return plot_system_overcrowding(self, ax, **kwargs)


@calculator(
    populations=Count(whole=False),
    capacities=Population(),
    elementwise=False,
    integers=True,
    example={"populations": [120, 180, 110], "capacities": [100, 150, 150]},
)
def system_overcrowding(
    populations: Any, capacities: Any, *, nan_policy: str = "raise"
) -> SystemOvercrowding:
    """Occupancy of a system of prisons, with surplus detainees and free places.

    Parameters
    ----------
    populations : array-like
        Persons held in each facility [persons], >= 0.
    capacities : array-like
        Official capacity of each facility [places], > 0.
    nan_policy : {"raise", "omit"}
        A facility with a missing population or capacity is refused (default) or left out
        of the sums, with a :class:`~dpssec.errors.DataQualityWarning` counting them.

    Returns
    -------
    SystemOvercrowding

    Raises
    ------
    InputError
        Zero or negative capacity, negative population, different lengths, no facility.

    Notes
    -----
    With facilities i (Tournier 2013, p. 44):

    * surplus detainees ``= Σ max(0, pop_i − cap_i)``;
    * free places ``= Σ max(0, cap_i − pop_i)``;
    * apparent over-population ``= Σ pop − Σ cap``;
    * identity: ``surplus − free places = apparent over-population``.

    A system ratio at or below 100 % can hide facilities over capacity, because free places
    in one prison do not relieve another; the result says so in ``statement``. Large tables
    are reduced with sums (the occupancy is Σ pop / Σ cap, never a mean of ratios).

    References
    ----------
    Tournier, *International Journal on Criminology* 1(1), 2013, p. 44.

    Examples
    --------
    >>> from dpssec.justice import system_overcrowding
    >>> r = system_overcrowding([120, 180], [100, 150])   # Tournier's case 1
    >>> r.apparent_overpopulation, r.surplus, r.free_places
    (50.0, 50.0, 0.0)
    >>> r = system_overcrowding([110, 120], [100, 150])   # case 4: 92 % yet 10 above capacity
    >>> r.occupancy, r.hidden_overcrowding
    (92.0, True)
    """
    pop, cap = np.broadcast_arrays(
        np.atleast_1d(np.asarray(populations, dtype=float)),
        np.atleast_1d(np.asarray(capacities, dtype=float)),
    )
    n = pop.size
    if n == 0:
        raise InputError(
            "system_overcrowding needs at least one facility ('populations', 'capacities'); "
            "got none"
        )
    excess = pop - cap
    total_pop, total_cap = float(pop.sum()), float(cap.sum())
    surplus = float(np.maximum(excess, 0.0).sum())
    free = float(np.maximum(-excess, 0.0).sum())
    over = int(np.count_nonzero(excess > 0))
    occupancy = total_pop * 100.0 / total_cap
    hidden = occupancy <= 100.0 and over > 0
    if hidden:
        statement = (
            f"The system is at {occupancy:.1f} % of official capacity overall, yet {over} of "
            f"{n} facilities hold {surplus:g} persons above their capacity: the system ratio "
            f"hides overcrowding ({free:g} free places elsewhere do not relieve them)."
        )
    elif over:
        statement = (
            f"The system is at {occupancy:.1f} % of official capacity; {over} of {n} facilities "
            f"hold {surplus:g} persons above their capacity."
        )
    else:
        statement = (
            f"The system is at {occupancy:.1f} % of official capacity and no facility is over "
            "its capacity."
        )
    return SystemOvercrowding(
        total_pop,
        total_cap,
        occupancy,
        surplus,
        free,
        total_pop - total_cap,
        n,
        over,
        hidden,
        statement,
    )
