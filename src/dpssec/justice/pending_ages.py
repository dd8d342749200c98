"""Age of the active pending caseload on a reference date (NCSC CourTools Measure 4).

:func:`pending_age_profile` counts, for every case open on the reference date, the days from
filing to that date, by age band, with the median and the number already older than a time
standard. Only active cases belong in the measure (remove suspended ones first, and say so).
The median follows the rule of :func:`~dpssec.justice.lower_median`.

For example:

>>> import datetime as dt
>>> from dpssec.justice import pending_age_profile
>>> pending_age_profile(["2023-11-01", "2022-05-01"], [None, None],
...                     reference_date=dt.date(2023, 12, 31)).median_age
60.0
"""

from __future__ import annotations

import datetime as dt
import warnings
from collections.abc import Iterable
from typing import Any

import attrs
import numpy as np

from dpssec.boundary import Date, Duration, OpenDate, calculator, example_by
from dpssec.errors import DataQualityWarning, InputError
from dpssec.justice.caseflow_kernels import lower_median_kernel, reversed_spells
from dpssec.justice.caseflow_sources import COURTOOLS_AGE_PENDING
from dpssec.justice.flow_comparison import FlowComparison, compare_flow
from dpssec.references import Reference
from dpssec.rendering import ResultMixin

__all__ = ["DEFAULT_BANDS", "PendingAgeProfile", "pending_age_profile"]


def _to_tuple(values: Iterable[Any]) -> tuple[Any, ...]:
    return tuple(values)


@example_by("pending_age_profile")
@attrs.frozen(eq=False)
class PendingAgeProfile(ResultMixin):
    """Age of the active pending caseload on a reference date (CourTools Measure 4).

    Attributes
    ----------
    reference_date : datetime.date
    pending : int
        Cases open on the reference date.
    band_labels : tuple of str
        Age bands, e.g. ``"0-89"``, ``"90-179"``, ..., ``"730+"`` [days].
    counts : ndarray
        Pending cases per band.
    shares : ndarray
        Their share of the pending caseload [%].
    median_age, mean_age, oldest_age : float
        [days] (NaN with no pending case); the median by the rule in the module docs.
    standard_days : float
    beyond_standard : int
        Pending cases already older than the standard.
    beyond_standard_share : float
        Their share of the pending caseload [%].
    statement : str
    reference : Reference
    """

    reference_date: dt.date
    pending: int
    band_labels: tuple[str, ...] = attrs.field(converter=_to_tuple)
    counts: Any
    shares: Any
    median_age: float
    mean_age: float
    oldest_age: float
    standard_days: float
    beyond_standard: int
    beyond_standard_share: float
    statement: str
    reference: Reference = COURTOOLS_AGE_PENDING

    def _columns(self) -> dict[str, Any]:
        return {"band": self.band_labels, "pending": self.counts, "share_pct": self.shares}

    def plot(self, ax: Any = None, **kwargs: Any) -> Any:
        """The pending cases by age band, those past the standard marked; the Axes.

        See :func:`dpssec.justice.duration_plots.plot_pending_ages` (``title``; other
        keywords go to matplotlib for the bars).

        Examples
        --------
        >>> import datetime as dt
        >>> import matplotlib
        >>> matplotlib.use("Agg")
        >>> from dpssec.justice import pending_age_profile
        >>> p = pending_age_profile(["2023-11-01", "2023-05-01", "2021-12-01"], [None] * 3,
        ...                         reference_date=dt.date(2023, 12, 31))
        >>> [float(b.get_height()) for b in p.plot().patches]
        [1.0, 0.0, 1.0, 0.0, 1.0]
        """
        from dpssec.justice.duration_plots import plot_pending_ages

        return plot_pending_ages(self, ax, **kwargs)

    def compare_with_flow(self, disposition_time: float, *, factor: float = 2.0) -> FlowComparison:
        """Set a disposition time against the median age of the pending cases.

        The two answer different questions (how long the stock would take to clear at the
        current pace, and how old the open cases already are), but a disposition time far
        below the age of the cases waiting is a warning sign.
        """
        return compare_flow(
            disposition_time, self.median_age, "median age of the pending cases", factor
        )


DEFAULT_BANDS = (90.0, 180.0, 365.0, 730.0)
"""Default age-band edges [days]; CourTools suggests 30- or 60-day bands, choose your own."""


@calculator(
    filed=Date(),
    disposed=OpenDate(),
    reference_date=Date(aligned=False, ndim=(0,)),
    bands=Duration(positive=True, aligned=False),
    standard_days=Duration(positive=True, aligned=False, ndim=(0,)),
    elementwise=False,
    example={
        "filed": np.array(
            ["2021-05-10", "2023-02-01", "2023-03-15", "2022-04-01", "2023-09-01"],
            dtype="datetime64[D]",
        ),
        "disposed": np.array(["NaT", "2023-06-15", "NaT", "NaT", "NaT"], dtype="datetime64[D]"),
        "reference_date": np.datetime64("2023-12-31"),
    },
)
def pending_age_profile(
    filed: Any,
    disposed: Any,
    *,
    reference_date: Any,
    bands: Any = DEFAULT_BANDS,
    standard_days: Any = 365,
    nan_policy: str = "raise",
) -> PendingAgeProfile:
    """Age of the cases still pending on the reference date, by band.

    Parameters
    ----------
    filed : array-like of dates
        Filing date of each case.
    disposed : array-like of dates
        Disposition date, or empty while pending. Cases disposed on or before the reference
        date, and cases filed after it, are not in the pending caseload.
    reference_date : date
        The day of measurement.
    bands : sequence of float
        Increasing band edges [days], > 0; default 90, 180, 365, 730.
    standard_days : float
        The time standard [days] against which "older than the standard" is counted.
    nan_policy : {"raise", "omit"}
        A missing filing date is refused (default) or left out (warned).

    Returns
    -------
    PendingAgeProfile

    Raises
    ------
    InputError
        A disposition before its filing, band edges not increasing, text that is not a date.

    Warns
    -----
    DataQualityWarning
        No case pending on the reference date: shares and ages are NaN (undefined).

    Notes
    -----
    Age = ``reference_date - filed`` in days (NCSC CourTools Measure 4: "the number of days
    from filing until the time of measurement"). Only active cases belong in the measure:
    remove suspended or inactive cases before calling, and say so.

    Examples
    --------
    >>> import datetime as dt
    >>> from dpssec.justice import pending_age_profile
    >>> p = pending_age_profile(["2023-11-01", "2023-05-01", "2021-12-01"], [None, None, None],
    ...                         reference_date=dt.date(2023, 12, 31))
    >>> p.band_labels, p.counts.tolist(), p.median_age
    (('0-89', '90-179', '180-364', '365-729', '730+'), [1, 0, 1, 0, 1], 244.0)
    """
    reference = np.datetime64(np.asarray(reference_date).item(), "D")
    edges = np.atleast_1d(np.asarray(bands, dtype=float))
    if edges.size == 0 or np.any(np.diff(edges) <= 0):
        raise InputError(f"pending_age_profile: bands must be increasing edges; got {edges}")
    start = np.atleast_1d(np.asarray(filed)).astype("datetime64[D]")
    # one date may stand for every case (the decorator checked the lengths)
    start, end = np.broadcast_arrays(start, np.asarray(disposed).astype("datetime64[D]"))
    bad = reversed_spells(start, end)
    if bad.any():
        i = int(np.argmax(bad))
        raise InputError(
            f"pending_age_profile: {int(bad.sum())} of {bad.size} cases are disposed before "
            f"they are filed (first at index {i}: {start[i]} then {end[i]})"
        )
    open_ = (start <= reference) & (np.isnat(end) | (end > reference))
    ages = (reference - start[open_]).astype("timedelta64[D]").astype(float)
    counts = np.bincount(np.searchsorted(edges, ages, side="right"), minlength=edges.size + 1)
    total = int(ages.size)
    with np.errstate(invalid="ignore", divide="ignore"):
        shares = counts * 100.0 / total if total else np.full(counts.shape, np.nan)
    labels: list[str] = []
    lower = 0.0
    for edge in edges:
        labels.append(f"{lower:g}-{edge - 1:g}")
        lower = edge
    labels.append(f"{lower:g}+")
    standard = float(np.asarray(standard_days))
    beyond = int(np.count_nonzero(ages > standard))
    beyond_share = beyond * 100.0 / total if total else float("nan")
    median = lower_median_kernel(ages)
    if total:
        statement = (
            f"{total} cases pending on {reference}: median age {median:g} days, oldest "
            f"{ages.max():g}; {beyond} ({beyond_share:.1f} %) older than the {standard:g}-day "
            "standard."
        )
    else:
        statement = (
            f"No case pending on {reference}: the shares and ages are undefined (NaN), not 0."
        )
        warnings.warn(
            f"pending_age_profile: no case pending on {reference}; the shares of the bands, "
            "the median, mean and oldest age are undefined (NaN)",
            DataQualityWarning,
            stacklevel=3,
        )
    return PendingAgeProfile(
        reference_date=reference.astype(dt.date),
        pending=total,
        band_labels=labels,
        counts=counts,
        shares=shares,
        median_age=median,
        mean_age=float(ages.mean()) if total else float("nan"),
        oldest_age=float(ages.max()) if total else float("nan"),
        standard_days=standard,
        beyond_standard=beyond,
        beyond_standard_share=beyond_share,
        statement=statement,
    )
