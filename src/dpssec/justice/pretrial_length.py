"""Length of pre-trial detention, with those still held counted, and the share beyond a legal limit.

:func:`pretrial_detention_length` takes the admission date of each unsentenced detainee and
the date the pre-trial detention ended (release, or a first-instance sentence that makes the
person "sentenced"), empty while the person is still held unsentenced. Those still held on the
reference date are censored there (Kaplan-Meier), so the long detentions still running are not
left out. It gives, overall and by facility or state:

* the median length of pre-trial detention with its interval;
* the share of admissions held beyond the legal limit, ``S(limit)`` with its interval;
* on the reference date, the number still held unsentenced and how many of them are already
  beyond the limit.

The legal limit is a parameter: no country's limit is built in (limits differ by country, by
offence and by stage of proceedings; cite the law you apply). The number held on the reference
date is the numerator of SDG 16.3.2: :meth:`PretrialLength.unsentenced_share` divides it by
the total held, through :func:`~dpssec.justice.unsentenced_share`.

For example:

>>> import datetime as dt
>>> from dpssec.justice import pretrial_detention_length
>>> admitted = ["2023-01-05", "2023-02-10", "2023-03-01", "2023-06-01", "2023-09-15"]
>>> ended = ["2023-03-01", None, "2023-12-20", "2023-07-01", None]
>>> r = pretrial_detention_length(admitted, ended, reference_date=dt.date(2023, 12, 31),
...                               legal_limit_days=180)
>>> r.held_now.tolist(), r.beyond_limit_now.tolist(), r.median_days.tolist()
([2], [1], [294.0])
"""

from __future__ import annotations

import datetime as dt
import warnings
from collections.abc import Iterable
from typing import Any

import attrs
import numpy as np

from dpssec.boundary import (
    Choice,
    Confidence,
    Date,
    Duration,
    OpenDate,
    TextLabels,
    calculator,
    example_by,
)
from dpssec.errors import DataQualityWarning, InputError
from dpssec.justice.case_durations import KM_INTERVALS, shown_not_reached
from dpssec.justice.caseflow_kernels import group_codes, spell_durations
from dpssec.justice.sources import KAPLAN_MEIER, SDG_16_3_2
from dpssec.references import Reference
from dpssec.rendering import ResultMixin
from dpssec.stats import Estimate, SurvivalCurve, kaplan_meier

__all__ = ["PretrialLength", "pretrial_detention_length"]


def _to_tuple(values: Iterable[Any]) -> tuple[Any, ...]:
    return tuple(values)


def _readonly(value: Any) -> np.ndarray:
    arr = np.array(value)
    arr.setflags(write=False)
    return arr


_EQ = attrs.cmp_using(eq=lambda a, b: np.array_equal(a, b, equal_nan=True))


@example_by("pretrial_detention_length")
@attrs.frozen(eq=False)
class PretrialLength(ResultMixin):
    """Pre-trial detention length per group (the first row is all detainees together).

    Attributes
    ----------
    group : tuple of str
        ``"all"``, then each facility or state.
    admitted : ndarray
        Admissions to pre-trial detention analysed.
    ended, held_now : ndarray
        Pre-trial detentions ended by the reference date, and still running on it.
    median_days, median_lower, median_upper : ndarray
        Median length [days] (Kaplan-Meier, those still held censored) and its interval;
        +inf when fewer than half are seen to end.
    beyond_limit : ndarray
        Estimated share of admissions held unsentenced longer than the limit, ``S(limit)``
        (fraction); ``beyond_lower``, ``beyond_upper`` its interval.
    beyond_limit_now : ndarray
        Persons held on the reference date whose detention already exceeds the limit.
    beyond_limit_now_share : ndarray
        Their share of those held on the reference date [%] (a census count: no interval).
    legal_limit_days : float
        The limit applied [days].
    reference_date : datetime.date
    curves : tuple of SurvivalCurve
        Share still held unsentenced ``t`` days after admission, one per group.
    references : tuple of Reference
    """

    group: tuple[str, ...] = attrs.field(converter=_to_tuple)
    admitted: np.ndarray = attrs.field(converter=_readonly, eq=_EQ)
    ended: np.ndarray = attrs.field(converter=_readonly, eq=_EQ)
    held_now: np.ndarray = attrs.field(converter=_readonly, eq=_EQ)
    median_days: np.ndarray = attrs.field(converter=_readonly, eq=_EQ)
    median_lower: np.ndarray = attrs.field(converter=_readonly, eq=_EQ)
    median_upper: np.ndarray = attrs.field(converter=_readonly, eq=_EQ)
    beyond_limit: np.ndarray = attrs.field(converter=_readonly, eq=_EQ)
    beyond_lower: np.ndarray = attrs.field(converter=_readonly, eq=_EQ)
    beyond_upper: np.ndarray = attrs.field(converter=_readonly, eq=_EQ)
    beyond_limit_now: np.ndarray = attrs.field(converter=_readonly, eq=_EQ)
    beyond_limit_now_share: np.ndarray = attrs.field(converter=_readonly, eq=_EQ)
    legal_limit_days: float
    reference_date: dt.date
    curves: tuple[SurvivalCurve, ...] = attrs.field(converter=_to_tuple, repr=False)
    references: tuple[Reference, ...] = attrs.field(converter=_to_tuple, repr=False)

    def _columns(self) -> dict[str, Any]:
        names = [f.name for f in attrs.fields(PretrialLength)]
        skip = {"curves", "references", "legal_limit_days", "reference_date"}
        return {name: getattr(self, name) for name in names if name not in skip}

    def plot(self, ax: Any = None, **kwargs: Any) -> Any:
        """Share still held unsentenced by days since admission, per group, the limit; the Axes.

        See :func:`dpssec.justice.duration_plots.plot_pretrial_length` (``title``; other
        keywords go to matplotlib for the curves).

        Examples
        --------
        >>> import datetime as dt
        >>> import matplotlib
        >>> matplotlib.use("Agg")
        >>> from dpssec.justice import pretrial_detention_length
        >>> p = pretrial_detention_length(["2023-01-01", "2023-03-01", "2023-06-01"],
        ...                               ["2023-05-01", None, "2023-07-01"],
        ...                               reference_date=dt.date(2023, 12, 31),
        ...                               legal_limit_days=180)
        >>> ax = p.plot()
        >>> ax.get_xlabel(), [t.get_text() for t in ax.get_legend().get_texts()]
        ('time since admission [days]', ['all', 'legal limit 180 days (as given)'])
        """
        from dpssec.justice.duration_plots import plot_pretrial_length

        return plot_pretrial_length(self, ax, **kwargs)

    def _display_columns(self) -> dict[str, Any]:
        names = ("median_days", "median_lower", "median_upper")
        return shown_not_reached(self._columns(), names)

    @property
    def statement(self) -> str:
        """One sentence for all detainees together."""
        median = self.median_days[0]
        shown = "not reached" if np.isinf(median) else f"{median:g} days"
        return (
            f"Of {int(self.admitted[0])} admissions to pre-trial detention, "
            f"{100 * self.beyond_limit[0]:.1f} % ({100 * self.beyond_lower[0]:.1f} to "
            f"{100 * self.beyond_upper[0]:.1f}) are estimated to be held unsentenced beyond "
            f"{self.legal_limit_days:g} days (median {shown}); on {self.reference_date}, "
            f"{int(self.beyond_limit_now[0])} of the {int(self.held_now[0])} still held are "
            "beyond it."
        )

    def unsentenced_share(self, total_held: float, **options: Any) -> Estimate:
        """SDG 16.3.2: those held unsentenced on the reference date over all persons held.

        Parameters
        ----------
        total_held : float
            All persons held on the reference date (sentenced and not) [persons].
        **options
            Passed to :func:`~dpssec.justice.unsentenced_share` (``definition``,
            ``confidence``...).

        Examples
        --------
        >>> import datetime as dt
        >>> import warnings
        >>> from dpssec.errors import DataQualityWarning
        >>> from dpssec.justice import pretrial_detention_length
        >>> warnings.simplefilter("ignore", DataQualityWarning)  # nobody released: no median
        >>> r = pretrial_detention_length(["2023-05-01", "2023-11-01"], [None, None],
        ...                               reference_date=dt.date(2023, 12, 31),
        ...                               legal_limit_days=180)
        >>> r.unsentenced_share(8).value
        25.0
        """
        from dpssec.justice.pretrial import unsentenced_share

        result: Estimate = unsentenced_share(int(self.held_now[0]), total_held, **options)
        return result


@calculator(
    admitted=Date(),
    ended=OpenDate(),
    reference_date=Date(aligned=False, ndim=(0,)),
    legal_limit_days=Duration(positive=True, aligned=False, ndim=(0,)),
    group=TextLabels(optional=True),
    confidence=Confidence(),
    ci=Choice(KM_INTERVALS),
    elementwise=False,
    example={
        "admitted": np.array(
            ["2023-01-05", "2023-02-10", "2023-03-01", "2023-06-01", "2023-09-15"],
            dtype="datetime64[D]",
        ),
        "ended": np.array(
            ["2023-03-01", "NaT", "2023-12-20", "2023-07-01", "NaT"], dtype="datetime64[D]"
        ),
        "reference_date": np.datetime64("2023-12-31"),
        "legal_limit_days": 180,
    },
)
def pretrial_detention_length(
    admitted: Any,
    ended: Any,
    *,
    reference_date: Any,
    legal_limit_days: Any,
    group: Any = None,
    confidence: float = 0.95,
    ci: str = "log-log",
    nan_policy: str = "raise",
) -> PretrialLength:
    """Length of pre-trial detention (Kaplan-Meier) and the share held beyond a legal limit.

    Parameters
    ----------
    admitted : array-like of dates
        Day each person entered pre-trial (unsentenced) detention.
    ended : array-like of dates
        Day the pre-trial detention ended (release, or a first-instance decision), or empty
        while the person is still held unsentenced. An end after the reference date counts as
        still held on it.
    reference_date : date
        Day of measurement; admissions after it are left out with a
        :class:`~dpssec.errors.DataQualityWarning`.
    legal_limit_days : float or Quantity
        The maximum length of pre-trial detention the law allows [days], > 0. No default:
        limits differ between countries, offences and stages.
    group : array-like of str, optional
        Facility or state of each person, for a row per group after the total.
    confidence : float
        Level of the intervals (0.95 or 95).
    ci : {"log-log", "log", "plain"}
        Interval of the curves (see :func:`dpssec.stats.kaplan_meier`).
    nan_policy : {"raise", "omit"}
        A missing admission date is refused (default) or its person left out (warned); an
        empty end date is never missing, it means still held.

    Returns
    -------
    PretrialLength

    Raises
    ------
    InputError
        An end before the admission (with the position), no admission by the reference date,
        text that is not a date, a limit <= 0.

    Notes
    -----
    Durations: ``ended - admitted`` for detentions that ended, ``reference_date - admitted``
    (censored) for those still running. ``S(limit)``, the estimated share still held
    unsentenced after ``limit`` days, is the share held beyond the limit; dropping those still
    held (a mean over released persons only) would leave out exactly the long detentions. A
    person held exactly ``limit`` days is not beyond it.

    References
    ----------
    Kaplan & Meier, J. Am. Stat. Assoc. 53, 1958. SDG indicator 16.3.2 (unsentenced share).

    Examples
    --------
    >>> import datetime as dt
    >>> from dpssec.justice import pretrial_detention_length
    >>> r = pretrial_detention_length(["2023-01-05", "2023-02-10", "2023-06-01"],
    ...                               ["2023-03-01", None, "2023-07-01"],
    ...                               reference_date=dt.date(2023, 12, 31),
    ...                               legal_limit_days=180, group=["Norte", "Norte", "Sur"])
    >>> r.group, r.held_now.tolist()
    (('all', 'Norte', 'Sur'), [1, 1, 0])
    """
    reference = np.datetime64(np.asarray(reference_date).item(), "D")
    start = np.atleast_1d(np.asarray(admitted)).astype("datetime64[D]")
    # one date may stand for every case (the decorator checked the lengths)
    start, stop = np.broadcast_arrays(start, np.asarray(ended).astype("datetime64[D]"))
    late = start > reference
    if late.any():
        warnings.warn(
            f"pretrial_detention_length: {int(late.sum())} of {late.size} admissions are after "
            f"the reference date {reference} and are left out",
            DataQualityWarning,
            stacklevel=3,
        )
    reversed_ = ~np.isnat(stop) & (stop < start)
    if reversed_.any():
        i = int(np.argmax(reversed_))
        raise InputError(
            f"pretrial_detention_length: {int(reversed_.sum())} of {reversed_.size} detentions "
            f"end before they start ('ended' before 'admitted'; first at index {i}: {start[i]} "
            f"then {stop[i]})"
        )
    limit = float(np.asarray(legal_limit_days))
    durations, events = spell_durations(start, stop, reference)
    groups: list[tuple[str, np.ndarray]] = [("all", ~late)]
    if group is not None:
        labels = np.broadcast_to(np.asarray(group), start.shape)
        codes, (names,) = group_codes(labels)
        groups += [(str(name), (codes == k) & ~late) for k, name in enumerate(names)]
    if late.all():
        raise InputError(
            f"pretrial_detention_length: no admission on or before the reference date {reference}"
        )
    rows: dict[str, list[Any]] = {k: [] for k in _ROW_NAMES}
    curves = []
    for _, mask in groups:
        curve = kaplan_meier(durations[mask], events[mask], confidence=confidence, ci=ci)
        curves.append(curve)
        low, high = curve.median_interval()
        beyond = curve.estimate_at(limit)
        held = mask & (events == 0)
        held_beyond = int(np.count_nonzero(held & (durations > limit)))
        held_n = int(held.sum())
        values = (
            int(mask.sum()),
            int(np.count_nonzero(mask & (events == 1))),
            held_n,
            curve.median(),
            low,
            high,
            beyond.value,
            beyond.lower,
            beyond.upper,
            held_beyond,
            held_beyond * 100.0 / held_n if held_n else float("nan"),
        )
        for name, value in zip(_ROW_NAMES, values, strict=True):
            rows[name].append(value)
    _warn_undefined([name for name, _ in groups], rows, reference)
    return PretrialLength(
        group=[name for name, _ in groups],
        **rows,
        legal_limit_days=limit,
        reference_date=reference.astype(dt.date),
        curves=curves,
        references=(KAPLAN_MEIER, SDG_16_3_2),
    )


def _warn_undefined(names: list[str], rows: dict[str, list[Any]], reference: Any) -> None:
    """Say which groups have no median (fewer than half the detentions ended)."""
    missing = [n for n, v in zip(names, rows["median_days"], strict=True) if not np.isfinite(v)]
    if missing:
        warnings.warn(
            f"pretrial_detention_length: on {reference}, fewer than half the detentions "
            f"ended in {', '.join(map(repr, missing))}: the median is not reached (inf)",
            DataQualityWarning,
            stacklevel=4,
        )


_ROW_NAMES = (
    "admitted",
    "ended",
    "held_now",
    "median_days",
    "median_lower",
    "median_upper",
    "beyond_limit",
    "beyond_lower",
    "beyond_upper",
    "beyond_limit_now",
    "beyond_limit_now_share",
)
