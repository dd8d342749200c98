"""Casualty counts and the shares the Landmine Monitor publishes (calculator and its result).

:func:`summarise_casualty_counts` takes counts as a return or a table gives them (one row per
year, country or department: killed, injured, outcome unknown, and where disaggregated the
civilian / military / deminer / unknown-status split and the children / adults / unknown-age
split) and gives a :class:`CasualtySummary`:

* ``total = killed + injured + unknown_outcome`` (the Monitor's identity);
* ``civilian_share`` over casualties of **known** status only, with ``unknown_status`` beside
  it, and ``child_share`` over casualties of known age (by default among civilians, as the
  Monitor does), with ``unknown_age`` beside it; both Wilson intervals;
* a reported total that differs from killed + injured + unknown, status or age counts that do
  not add up: **findings**, never a silent fix. Real returns do break these identities.

:func:`~dpssec.mines.casualties.casualty_summary` builds the same result from casualty records.

For example (Landmine Monitor totals for 2018 and 2017):

>>> from dpssec.mines.casualty_counts import summarise_casualty_counts
>>> s = summarise_casualty_counts([3059, 2793], [3837, 4431], [1, 15],
...                               reported_total=[6897, 7239], labels=["2018", "2017"])
>>> s.total
array([6897., 7239.])
>>> s.findings
()
>>> bad = summarise_casualty_counts(3059, 3837, 1, reported_total=6900)
>>> print(bad.findings[0])
WARNING [row 0]: killed 3,059 + injured 3,837 + unknown 1 = 6,897, but the reported total is 6,900 (difference 3); the total is not corrected (Landmine Monitor 2019, ...)
"""

from __future__ import annotations

import warnings
from typing import Any, ClassVar

import attrs
import numpy as np

from dpssec.boundary import (
    Choice,
    Confidence,
    Count,
    Names,
    calculator,
    example_by,
    not_above,
)
from dpssec.boundary import is_lazy as _is_lazy
from dpssec.errors import DataQualityWarning, InputError
from dpssec.findings import Finding, Severity
from dpssec.mines.casualty_sources import (
    LANDMINE_MONITOR_CASUALTIES,
    LANDMINE_MONITOR_CHILDREN,
    ChildAgeRule,
)
from dpssec.references import Reference
from dpssec.rendering import ResultMixin, format_value
from dpssec.stats import Estimate, proportion

__all__ = ["CHILD_BASES", "CasualtySummary", "share_over_known", "summarise_casualty_counts"]

CHILD_BASES = ("civilian", "all")
"""Over whom the child share is taken: civilian casualties of known age (the Monitor's
practice) or all casualties of known age."""

_COUNT_FIELDS = (
    "killed",
    "injured",
    "unknown_outcome",
    "reported_total",
    "civilian",
    "military",
    "deminer",
    "unknown_status",
    "children",
    "adults",
    "unknown_age",
)


def _is_series(value: Any) -> bool:
    return type(value).__module__.startswith("pandas") and getattr(value, "ndim", 0) == 1


def _plain(value: Any) -> Any:
    return value.to_numpy(dtype=float) if _is_series(value) else value


def wilson_share(count: Any, known: Any, confidence: float) -> Estimate:
    """Kernel of :func:`share_over_known`: ``count / known`` with Wilson limits, NaN where
    ``known`` is 0 (no warning: callers report it as a finding)."""
    index = count.index if _is_series(count) else None
    x, n = _plain(count), _plain(known)
    defined = n > 0
    estimate = proportion(
        np.where(defined, x, 0.0), np.where(defined, n, 1.0), confidence=confidence
    )
    fields = {
        name: np.where(defined, getattr(estimate, name), np.nan)
        for name in ("value", "lower", "upper")
    }
    if index is not None:
        import pandas as pd

        fields = {k: pd.Series(np.asarray(v), index=index) for k, v in fields.items()}
    return Estimate(  # 0-d fields become floats (scalar in, scalar out)
        confidence=confidence,
        method="wilson",
        numerator=x,
        denominator=n,
        multiplier=1,
        **fields,
    )


@calculator(
    count=Count(),
    known=Count(),
    confidence=Confidence(),
    relations=[not_above("count", "known")],
    integers=True,
    example={"count": [40, 3900], "known": [56, 5500]},
)
def share_over_known(
    count: Any, known: Any, *, confidence: float = 0.95, nan_policy: str = "raise"
) -> Estimate:
    """Share over records of known status only, with a Wilson interval.

    Parameters
    ----------
    count : array-like
        Records with the attribute (civilians, children, victims assisted) [persons].
    known : array-like
        Records whose status is known [persons], >= count. Records of unknown status are
        left out of it, not counted as "no".
    confidence : float
        0.95 or 95.
    nan_policy : {"raise", "propagate"}

    Returns
    -------
    Estimate
        ``count / known`` in [0, 1]; NaN where ``known`` is 0, with a
        :class:`~dpssec.errors.DataQualityWarning` naming the first such row.

    Raises
    ------
    InputError
        Negative or fractional counts, ``count > known``, lengths that differ.

    Notes
    -----
    Wilson score interval (:func:`dpssec.stats.proportion`). Report the unknown count beside
    the share: a share over known status says nothing about the records of unknown status.

    References
    ----------
    Landmine Monitor 2019, Casualties ("where the status was known").

    Examples
    --------
    >>> from dpssec.mines.casualty_counts import share_over_known
    >>> s = share_over_known(40, 56)
    >>> round(s.value, 4), round(s.lower, 4), round(s.upper, 4)
    (0.7143, 0.5852, 0.8158)
    """
    n = _plain(known)
    if not _is_lazy(n):
        empty = np.asarray(n) == 0
        if empty.any():
            first = int(np.argmax(np.ravel(empty)))
            warnings.warn(
                f"share_over_known: {int(empty.sum())} row(s) have no record of known status "
                f"(first at index {first}); their share is undefined (NaN)",
                DataQualityWarning,
                stacklevel=3,
            )
    return wilson_share(count, known, confidence)


def _number(value: Any) -> str:
    number = float(value)
    return f"{number:,.0f}" if number.is_integer() else f"{number:,.6g}"


@example_by("summarise_casualty_counts")
@attrs.frozen(eq=False)
class CasualtySummary(ResultMixin):
    """Casualty totals and shares over known status, one element per group or row.

    Attributes
    ----------
    killed, injured, unknown_outcome : int, float, ndarray or Series
        Casualties by outcome [persons].
    reported_total : optional
        The total as published, where one was given; a difference from
        ``killed + injured + unknown_outcome`` is a finding, not corrected.
    civilian, military, deminer, unknown_status : optional
        Casualties by status (military = military and security forces).
    children, adults, unknown_age : optional
        Casualties by age among the child-share base (civilian casualties by default).
    confidence : float
    child_base : {"civilian", "all"}
    groups : tuple or None
        The group of each element (year, country, ...), from ``by=`` or ``labels=``.
    by : tuple of str
        What the records were grouped by.
    child_rule : ChildAgeRule or None
        The age cut used to classify ages (None when children were counted by the source).
    reference : Reference

    Examples
    --------
    >>> from dpssec.mines.casualty_counts import summarise_casualty_counts
    >>> s = summarise_casualty_counts(7, 49, civilian=40, military=16, unknown_status=0)
    >>> s.total, round(s.civilian_share.value, 4), s.unknown_status
    (56.0, 0.7143, 0.0)
    >>> [round(v, 4) for v in s.civilian_share.interval]
    [0.5852, 0.8158]
    """

    killed: Any
    injured: Any
    unknown_outcome: Any
    reported_total: Any = None
    civilian: Any = None
    military: Any = None
    deminer: Any = None
    unknown_status: Any = None
    children: Any = None
    adults: Any = None
    unknown_age: Any = None
    confidence: float = 0.95
    child_base: str = "civilian"
    groups: tuple[Any, ...] | None = None
    by: tuple[str, ...] = ()
    child_rule: ChildAgeRule | None = None
    reference: Reference = LANDMINE_MONITOR_CASUALTIES

    PER_ELEMENT_FIELDS: ClassVar[tuple[str, ...]] = _COUNT_FIELDS
    """Fields holding one value per row or group."""

    # -- derived counts and shares ----------------------------------------------------------

    @property
    def total(self) -> Any:
        """``killed + injured + unknown_outcome`` [persons]."""
        return self.killed + self.injured + self.unknown_outcome

    @property
    def known_status(self) -> Any:
        """Civilian + military + deminer casualties (None when status was not given)."""
        if self.civilian is None or self.military is None:
            return None
        return self.civilian + self.military + (0 if self.deminer is None else self.deminer)

    @property
    def known_age(self) -> Any:
        """Children + adults among the child-share base (None when age was not given)."""
        if self.children is None or self.adults is None:
            return None
        return self.children + self.adults

    @property
    def civilian_share(self) -> Estimate | None:
        """Civilians / casualties of known status, Wilson interval; NaN where none is known."""
        known = self.known_status
        if known is None:
            return None
        return wilson_share(self.civilian, known, self.confidence)

    @property
    def child_share(self) -> Estimate | None:
        """Children / casualties of known age among the base, Wilson interval."""
        known = self.known_age
        if known is None:
            return None
        return wilson_share(self.children, known, self.confidence)

    @property
    def verified(self) -> bool:
        """False when children were classified from ages with an unverified age cut."""
        return self.child_rule is None or self.child_rule.verified

    # -- findings ---------------------------------------------------------------------------

    def _labels(self) -> list[str]:
        size = int(np.size(_plain(self.killed)))
        if self.groups is not None:
            return [_label(g) for g in self.groups]
        if _is_series(self.killed):
            return [str(v) for v in self.killed.index]
        return [f"row {i}" for i in range(size)]

    @property
    def findings(self) -> tuple[Finding, ...]:
        """Identities that do not hold and shares that cannot be computed, one per row."""
        labels = self._labels()
        found: list[Finding] = []
        for i, label in enumerate(labels):
            row = {
                name: _element(getattr(self, name), i)
                for name in _COUNT_FIELDS
                if getattr(self, name) is not None
            }
            if any(np.isnan(v) for v in row.values()):
                continue  # a missing value: said by the warning of nan_policy="propagate"
            found.extend(self._row_findings(row, label))
        return tuple(found)

    def _row_findings(self, row: dict[str, float], label: str) -> list[Finding]:
        out: list[Finding] = []
        total = row["killed"] + row["injured"] + row["unknown_outcome"]
        reported = row.get("reported_total")
        if reported is not None and reported != total:
            out.append(
                Finding(
                    "casualty-identity",
                    Severity.WARNING,
                    f"killed {_number(row['killed'])} + injured {_number(row['injured'])} + "
                    f"unknown {_number(row['unknown_outcome'])} = {_number(total)}, but the "
                    f"reported total is {_number(reported)} (difference "
                    f"{_number(reported - total)}); the total is not corrected",
                    subject=label,
                    reference=self.reference,
                    details={"sum": total, "reported_total": reported},
                )
            )
        if "civilian" in row and "military" in row:
            known = row["civilian"] + row["military"] + row.get("deminer", 0.0)
            if "unknown_status" in row and known + row["unknown_status"] != total:
                out.append(
                    Finding(
                        "status-identity",
                        Severity.WARNING,
                        f"civilian + military + deminer + unknown status = "
                        f"{_number(known + row['unknown_status'])}, not the {_number(total)} "
                        "casualties by outcome",
                        subject=label,
                        reference=self.reference,
                    )
                )
            if known == 0:
                out.append(_undefined("civilian share", "status", label, self.reference))
            base = row.get("civilian") if self.child_base == "civilian" else total
        else:
            base = total if self.child_base == "all" else None
        if "children" in row and "adults" in row:
            by_age = row["children"] + row["adults"] + row.get("unknown_age", 0.0)
            if "unknown_age" in row and base is not None and by_age != base:
                what = "civilian casualties" if self.child_base == "civilian" else "casualties"
                out.append(
                    Finding(
                        "age-identity",
                        Severity.WARNING,
                        f"children + adults + unknown age = {_number(by_age)}, not the "
                        f"{_number(base)} {what} the child share is taken over",
                        subject=label,
                        reference=LANDMINE_MONITOR_CHILDREN,
                    )
                )
            if row["children"] + row["adults"] == 0:
                out.append(_undefined("child share", "age", label, LANDMINE_MONITOR_CHILDREN))
        return out

    # -- rendering --------------------------------------------------------------------------

    def _columns(self) -> dict[str, Any]:
        columns: dict[str, Any] = {}
        if self.groups is not None:
            columns["group"] = [_label(g) for g in self.groups]
        columns["total"] = self.total
        for name in ("reported_total", "killed", "injured", "unknown_outcome"):
            value = getattr(self, name)
            if value is not None:
                columns[name] = value
        for name, share, unknown in (
            ("civilian_share", self.civilian_share, self.unknown_status),
            ("child_share", self.child_share, self.unknown_age),
        ):
            if share is None:
                continue
            columns[name] = share.value
            columns[f"{name}_lower"] = share.lower
            columns[f"{name}_upper"] = share.upper
            columns[f"unknown_{'status' if name == 'civilian_share' else 'age'}"] = (
                "not given" if unknown is None else unknown
            )
        return columns

    def to_dict(self) -> Any:
        """JSON-compatible data: the counts, the shares with their limits, the findings."""
        data: dict[str, Any] = {"by": list(self.by)}
        for name, value in self._columns().items():
            data[name] = _jsonable(value)
        data["confidence"] = self.confidence
        data["child_base"] = self.child_base
        data["child_rule"] = str(self.child_rule) if self.child_rule is not None else None
        data["verified"] = self.verified
        data["findings"] = [str(f) for f in self.findings]
        return data


def _undefined(what: str, kind: str, label: str, reference: Reference) -> Finding:
    return Finding(
        f"{what.replace(' ', '-')}-undefined",
        Severity.INFO,
        f"no casualty of known {kind}: the {what} is undefined (NaN)",
        subject=label,
        reference=reference,
    )


def _label(group: Any) -> str:
    if isinstance(group, tuple):
        return " / ".join(_label(g) for g in group)
    if group is None:
        return "(not recorded)"
    return format_value(group)


def _element(value: Any, i: int) -> float:
    arr = np.asarray(_plain(value), dtype=float)
    return float(arr) if arr.ndim == 0 else float(arr[i])


def _jsonable(value: Any) -> Any:
    if isinstance(value, str) or value is None:
        return value
    if _is_series(value):
        value = value.to_numpy()
    if _is_lazy(value):
        value = value.compute()
    arr = np.asarray(value)
    if arr.dtype.kind in "OU":
        return arr.tolist()
    arr = arr.astype(float)
    if arr.ndim == 0:
        number = float(arr)
        return None if np.isnan(number) else number
    return [None if np.isnan(v) else v for v in arr.tolist()]


@calculator(
    killed=Count(),
    injured=Count(),
    unknown_outcome=Count(),
    reported_total=Count(optional=True),
    civilian=Count(optional=True),
    military=Count(optional=True),
    deminer=Count(optional=True),
    unknown_status=Count(optional=True),
    children=Count(optional=True),
    adults=Count(optional=True),
    unknown_age=Count(optional=True),
    labels=Names(optional=True),
    child_base=Choice(CHILD_BASES),
    confidence=Confidence(),
    example={
        "killed": [3059, 7],
        "injured": [3837, 49],
        "unknown_outcome": [1, 0],
        "reported_total": [6897, 56],
        "civilian": [3900, 40],
        "military": [1600, 16],
        "unknown_status": [1397, 0],
    },
)
def summarise_casualty_counts(
    killed: Any,
    injured: Any,
    unknown_outcome: Any = 0,
    *,
    reported_total: Any = None,
    civilian: Any = None,
    military: Any = None,
    deminer: Any = None,
    unknown_status: Any = None,
    children: Any = None,
    adults: Any = None,
    unknown_age: Any = None,
    labels: Any = None,
    child_base: str = "civilian",
    confidence: float = 0.95,
    nan_policy: str = "raise",
) -> CasualtySummary:
    """Totals and shares over known status from casualty counts (one row per year, area...).

    Parameters
    ----------
    killed, injured : array-like
        Casualties killed and injured [persons], >= 0.
    unknown_outcome : array-like
        Casualties whose outcome is not known [persons] (0 by default).
    reported_total : array-like, optional
        The total as published; checked against ``killed + injured + unknown_outcome``.
    civilian, military, deminer, unknown_status : array-like, optional
        The status split (military = military and security forces). Give at least
        ``civilian`` and ``military`` for a civilian share; ``deminer`` may be left out where a
        source has no such category.
    children, adults, unknown_age : array-like, optional
        The age split of the child-share base (civilian casualties by default).
    labels : list of str, optional
        A name per row for the findings and tables (a pandas index serves as well).
    child_base : {"civilian", "all"}
        Over whom the counts of children are given.
    confidence : float
        0.95 or 95.
    nan_policy : {"raise", "propagate"}
        A missing count is refused (default) or gives NaN in its row, with a warning.

    Returns
    -------
    CasualtySummary
        Counts per row, ``.total``, ``.civilian_share`` and ``.child_share`` (Estimates, or
        None where the split was not given), ``.findings``.

    Raises
    ------
    InputError
        Negative, fractional or missing counts; text or booleans; lengths that differ;
        ``labels`` of another length.

    Notes
    -----
    total = killed + injured + unknown_outcome; civilian share = civilian / (civilian +
    military + deminer), over casualties of known status only, with the unknown count reported
    beside it; child share = children / (children + adults). Intervals: Wilson score.
    A share with nothing known (0 / 0) is NaN and a finding says so.

    References
    ----------
    Landmine Monitor 2019, Casualties (shares "where the status was known"); Landmine Monitor
    casualty FAQ (children among civilian casualties of known age).

    Examples
    --------
    >>> from dpssec.mines.casualty_counts import summarise_casualty_counts
    >>> nic = summarise_casualty_counts([87, 6], [1147, 38], civilian=[1234, 0],
    ...                                 military=[0, 0], deminer=[0, 44],
    ...                                 labels=["civilians", "deminers"])
    >>> nic.total
    array([1234.,   44.])
    >>> s = summarise_casualty_counts(87 + 6, 1147 + 38, civilian=1234, military=0, deminer=44)
    >>> round(s.civilian_share.value, 4)
    0.9656
    """
    if labels is not None and len(labels) != int(np.size(killed)):
        raise InputError(
            f"summarise_casualty_counts: {len(labels)} labels for {int(np.size(killed))} rows"
        )
    return CasualtySummary(
        killed=killed,
        injured=injured,
        unknown_outcome=unknown_outcome,
        reported_total=reported_total,
        civilian=civilian,
        military=military,
        deminer=deminer,
        unknown_status=unknown_status,
        children=children,
        adults=adults,
        unknown_age=unknown_age,
        confidence=confidence,
        child_base=child_base,
        groups=tuple(labels) if labels is not None else None,
    )
