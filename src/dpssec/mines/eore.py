"""Explosive ordnance risk education (EORE): reach, coverage, reach against casualties (calculators).

* :func:`people_reached`: people reached by sessions, overall or by group, as unique persons
  where every session of the group reports them and as attendances otherwise, labelled; the
  two are never added together (counting rule: a named preset, unverified);
* :func:`eore_coverage`: people reached over the at-risk population of affected communities;
* :func:`check_beneficiary_totals`: published beneficiary tables whose groups do not add up to
  their totals, as findings (a single session that does not add up is refused when built);
* :func:`casualty_groups`: casualties as girls, boys, women and men;
* :func:`reach_by_group`: do women, girls, boys and men receive risk education in proportion
  to their share of casualties (and of the population)? Shares, ratios and chi-square tests;
* :func:`casualty_rate_change`: did casualty rates fall after risk education reached the
  communities? A before/after rate ratio with an exact conditional test; a screening tool, not
  an evaluation (see the Notes).

For example:

>>> from dpssec.mines.eore import people_reached
>>> from dpssec.mines.eore_models import EORESession
>>> sessions = [
...     EORESession("RE-1", "2019-04-02", {"girls": 30, "boys": 25},
...                 unique_persons={"girls": 30, "boys": 25}, department="Meta"),
...     EORESession("RE-2", "2019-04-09", {"girls": 28, "boys": 27},
...                 unique_persons={"girls": 4, "boys": 6}, department="Meta")]
>>> reach = people_reached(sessions)
>>> reach.reached.tolist(), reach.attendances.tolist(), reach.basis
([65], [110], ('unique persons',))
"""

from __future__ import annotations

import datetime as dt
import warnings
from collections.abc import Sequence
from typing import Any

import attrs
import numpy as np

from dpssec.boundary import (
    Choice,
    Confidence,
    Count,
    Names,
    Population,
    Preset,
    Records,
    calculator,
    example_by,
    not_above,
    parse_choice,
)
from dpssec.errors import DataQualityWarning, InputError
from dpssec.findings import ComplianceReport, Finding, Severity
from dpssec.mines.casualty_counts import wilson_share
from dpssec.mines.casualty_models import Casualty, Outcome, Sex, Status
from dpssec.mines.casualty_sources import (
    CHILD_AGE_RULES,
    CHILD_UNDER_18,
    EORE_BENEFICIARY_GROUPS,
    IMAS_12_10,
    REACH_COUNTING_RULES,
    REACH_RULE_ALIASES,
    UNIQUE_PERSONS_WHERE_KNOWN,
    ChildAgeRule,
    ReachCountingRule,
)
from dpssec.mines.eore_models import GROUP_FIELDS, Beneficiaries, EORESession
from dpssec.references import Reference
from dpssec.rendering import ResultMixin, format_value
from dpssec.stats import Estimate, TestResult, poisson_rate, proportion

__all__ = [
    "SESSION_GROUPINGS",
    "EOREReach",
    "RateChange",
    "ReachProfile",
    "casualty_groups",
    "casualty_rate_change",
    "check_beneficiary_totals",
    "eore_coverage",
    "people_reached",
    "reach_by_group",
]

SESSION_GROUPINGS = (
    "year",
    "country",
    "department",
    "municipality",
    "place",
    "organisation",
    "delivery_method",
    "audience",
)
"""What :func:`people_reached` can group sessions by."""

_ARRAY_EQ = attrs.cmp_using(eq=np.array_equal)
_BENEFICIARY_FIELDS = (*GROUP_FIELDS, "unknown")


def _show(group: Any) -> str:
    if isinstance(group, tuple):
        return " / ".join(_show(g) for g in group)
    return "(not recorded)" if group is None else format_value(group)


@example_by("people_reached")
@attrs.frozen(eq=False)
class EOREReach(ResultMixin):
    """People reached by risk education, one row per group, on a stated basis.

    Attributes
    ----------
    group : tuple
    sessions, sessions_with_unique : ndarray of int
        Sessions in the group, and those that report unique persons.
    attendances : ndarray of int
        People present, summed over sessions (a person at two sessions counts twice).
    unique_persons : ndarray
        First-time attendees summed over sessions; NaN where some session does not report them.
    reached : ndarray of int
        People reached by the rule: unique persons where complete, else attendances.
    reached_by_group : ndarray of int, shape (groups, 5)
        ``reached`` split into girls, boys, women, men, unknown.
    basis : tuple of str
        ``"unique persons"`` or ``"attendances"`` (with how many sessions lacked unique counts).
    rule : ReachCountingRule
    by : tuple of str

    Examples
    --------
    >>> from dpssec.mines.casualty_sources import ATTENDANCES_ONLY
    >>> from dpssec.mines.eore import people_reached
    >>> from dpssec.mines.eore_models import EORESession
    >>> r = people_reached([EORESession("RE-1", "2019-04-02", {"women": 12, "men": 8})],
    ...                    rule=ATTENDANCES_ONLY)
    >>> r.basis, r.reached.tolist(), r.verified
    (('attendances',), [20], False)
    """

    group: tuple[Any, ...]
    sessions: np.ndarray = attrs.field(eq=_ARRAY_EQ)
    sessions_with_unique: np.ndarray = attrs.field(eq=_ARRAY_EQ)
    attendances: np.ndarray = attrs.field(eq=_ARRAY_EQ)
    unique_persons: np.ndarray = attrs.field(eq=_ARRAY_EQ)
    reached: np.ndarray = attrs.field(eq=_ARRAY_EQ)
    reached_by_group: np.ndarray = attrs.field(eq=_ARRAY_EQ)
    basis: tuple[str, ...]
    rule: ReachCountingRule
    by: tuple[str, ...] = ()

    @property
    def verified(self) -> bool:
        return self.rule.verified

    def _columns(self) -> dict[str, Any]:
        columns: dict[str, Any] = {"group": [_show(g) for g in self.group]}
        columns["sessions"] = self.sessions
        columns["attendances"] = self.attendances
        columns["unique_persons"] = self.unique_persons
        columns["reached"] = self.reached
        for j, name in enumerate(_BENEFICIARY_FIELDS):
            columns[name] = self.reached_by_group[:, j]
        columns["basis"] = list(self.basis)
        return columns


def _session_key(session: EORESession, keys: tuple[str, ...]) -> Any:
    values = [session.year if k == "year" else getattr(session, k) for k in keys]
    return tuple(values) if len(values) > 1 else values[0]


def _split(counts: Beneficiaries) -> list[int]:
    return [getattr(counts, name) for name in _BENEFICIARY_FIELDS]


_EXAMPLE_SESSIONS = [
    EORESession(
        "RE-1",
        dt.date(2019, 4, 2),
        Beneficiaries(girls=30, boys=25, women=20, men=10),
        unique_persons=Beneficiaries(girls=30, boys=25, women=20, men=10),
        department="Meta",
    ),
    EORESession(
        "RE-2",
        dt.date(2019, 4, 9),
        Beneficiaries(girls=28, boys=27),
        unique_persons=Beneficiaries(girls=28, boys=27),
        department="Cauca",
    ),
]


@calculator(
    sessions=Records(EORESession, empty=False, noun="session"),
    by=Names(optional=True),
    rule=Preset(REACH_COUNTING_RULES, ReachCountingRule, aliases=REACH_RULE_ALIASES),
    elementwise=False,
    example={"sessions": _EXAMPLE_SESSIONS, "by": "department"},
)
def people_reached(
    sessions: Sequence[EORESession],
    *,
    by: Any = None,
    rule: ReachCountingRule = UNIQUE_PERSONS_WHERE_KNOWN,
) -> EOREReach:
    """People reached by risk education, never mixing unique persons and attendances.

    Parameters
    ----------
    sessions : sequence of EORESession
    by : str or list of str, optional
        Group by one or more of :data:`SESSION_GROUPINGS`.
    rule : ReachCountingRule or str
        :data:`~dpssec.mines.casualty_sources.UNIQUE_PERSONS_WHERE_KNOWN` (default,
        ``"unique_persons_where_known"``) or
        :data:`~dpssec.mines.casualty_sources.ATTENDANCES_ONLY` (``"attendances"``), by
        object or by name (:data:`~dpssec.mines.casualty_sources.REACH_COUNTING_RULES`); both
        unverified (TNMA 05.10/01 not read), so the result says ``verified=False``.

    Returns
    -------
    EOREReach
        Per group: sessions, attendances, unique persons, people reached with the split by
        sex and age, and the basis of the count.

    Raises
    ------
    InputError
        Records that are not sessions; an unknown grouping; no sessions.

    Warns
    -----
    DataQualityWarning
        A group whose reach falls back to attendances because some session does not report
        unique persons.

    Notes
    -----
    Under the default rule a group's people reached are the sum of its sessions' unique
    persons when every session reports them; otherwise its attendances, labelled as such
    (adding unique persons of some sessions to attendances of others would count an unknown
    number of people twice). Across operators a person reached by two organisations is
    counted by both: no register removes that without personal identifiers.

    References
    ----------
    IMAS 12.10 (EORE); TNMA 05.10/01 (beneficiaries; not read).

    Examples
    --------
    >>> from dpssec.mines.casualty_sources import ATTENDANCES_ONLY
    >>> from dpssec.mines.eore import people_reached
    >>> from dpssec.mines.eore_models import EORESession
    >>> s = [EORESession("RE-1", "2019-04-02", {"girls": 30}, unique_persons={"girls": 20})]
    >>> people_reached(s, rule=ATTENDANCES_ONLY).reached.tolist()
    [30]
    """
    records = list(sessions)
    names = (by,) if isinstance(by, str) else (by or ())
    keys = tuple(parse_choice(k, SESSION_GROUPINGS, "by") for k in names)
    labels = [_session_key(s, keys) if keys else "all sessions" for s in records]
    groups = tuple(sorted(set(labels), key=lambda g: (g is None, str(g))))
    n = len(groups)
    sessions_n = np.zeros(n, dtype=int)
    with_unique = np.zeros(n, dtype=int)
    attend = np.zeros((n, 5), dtype=int)
    unique = np.zeros((n, 5), dtype=int)
    position = {g: i for i, g in enumerate(groups)}
    for record, label in zip(records, labels, strict=True):
        i = position[label]
        sessions_n[i] += 1
        attend[i] += _split(record.attendances)
        if record.unique_persons is not None:
            with_unique[i] += 1
            unique[i] += _split(record.unique_persons)
    complete = with_unique == sessions_n
    use_unique = complete & (rule.basis == "unique_persons")
    reached = np.where(use_unique[:, None], unique, attend)
    basis = []
    for i, group in enumerate(groups):
        if use_unique[i]:
            basis.append("unique persons")
            continue
        missing = int(sessions_n[i] - with_unique[i])
        if rule.basis == "attendances":
            basis.append("attendances")
            continue
        basis.append(
            f"attendances ({missing} of {sessions_n[i]} sessions report no unique persons)"
        )
        warnings.warn(
            f"people_reached: in {_show(group)}, {missing} of {sessions_n[i]} sessions report no "
            "unique persons; its reach is given as attendances (not mixed with unique persons)",
            DataQualityWarning,
            stacklevel=3,
        )
    return EOREReach(
        group=groups,
        sessions=sessions_n,
        sessions_with_unique=with_unique,
        attendances=attend.sum(axis=1),
        unique_persons=np.where(complete, unique.sum(axis=1), np.nan),
        reached=reached.sum(axis=1),
        reached_by_group=reached,
        basis=tuple(basis),
        rule=rule,
        by=keys,
    )


@calculator(
    reached=Count(),
    at_risk_population=Population(),
    confidence=Confidence(),
    relations=[
        not_above(
            "reached",
            "at_risk_population",
            "exceed the at-risk population (attendances rather than unique persons?)",
        )
    ],
    integers=True,
    example={"reached": [450, 1200], "at_risk_population": [2_000, 1_500]},
)
def eore_coverage(
    reached: Any, at_risk_population: Any, *, confidence: float = 0.95, nan_policy: str = "raise"
) -> Estimate:
    """Share of the at-risk population of affected communities reached by risk education.

    Parameters
    ----------
    reached : array-like
        Unique persons reached [persons] (attendances overstate coverage and may exceed the
        population, which is refused).
    at_risk_population : array-like
        People living in or using the affected communities [persons], > 0.
    confidence : float
    nan_policy : {"raise", "propagate"}

    Returns
    -------
    Estimate
        ``reached / at_risk_population`` with Wilson limits.

    Raises
    ------
    InputError
        More people reached than live there (named by row), non-positive populations, bad
        counts.

    Notes
    -----
    The Wilson interval treats the people reached as a binomial count; where the reach is a
    complete register of the community the interval expresses the uncertainty of the
    population figure poorly; report it as a share of a stated population.

    Examples
    --------
    >>> from dpssec.mines.eore import eore_coverage
    >>> c = eore_coverage(450, 2_000)
    >>> round(c.value, 3), round(c.lower, 3), round(c.upper, 3)
    (0.225, 0.207, 0.244)
    """
    estimate: Estimate = proportion(reached, at_risk_population, confidence=confidence)
    return estimate


@calculator(
    reported_total=Count(),
    girls=Count(),
    boys=Count(),
    women=Count(),
    men=Count(),
    unknown=Count(),
    labels=Names(optional=True),
    elementwise=False,
    example={
        "reported_total": [1_204, 815],
        "girls": [300, 210],
        "boys": [280, 190],
        "women": [320, 215],
        "men": [304, 200],
    },
)
def check_beneficiary_totals(
    reported_total: Any,
    girls: Any,
    boys: Any,
    women: Any,
    men: Any,
    unknown: Any = 0,
    *,
    labels: Any = None,
) -> ComplianceReport:
    """Rows of a published beneficiary table whose groups do not add up to the total.

    Parameters
    ----------
    reported_total : array-like
        Beneficiaries as reported in total [persons].
    girls, boys, women, men, unknown : array-like
        The same by sex and age group [persons] (``unknown``: not disaggregated).
    labels : list of str, optional
        A name per row (an operator, a month).

    Returns
    -------
    ComplianceReport
        One warning per row where girls + boys + women + men + unknown differs from the total;
        the table is not corrected.

    Raises
    ------
    InputError
        Negative or fractional counts, lengths that differ, labels of another length.

    Examples
    --------
    >>> from dpssec.mines.eore import check_beneficiary_totals
    >>> report = check_beneficiary_totals([30, 31], [10, 10], [12, 12], [5, 5], [3, 3],
    ...                                   labels=["January", "February"])
    >>> print(report.findings[0].message)
    girls 10 + boys 12 + women 5 + men 3 + unknown 0 = 30, but the reported total is 31 (difference 1); the table is not corrected
    """
    columns = np.broadcast_arrays(
        *(np.atleast_1d(np.asarray(v, dtype=float)) for v in (girls, boys, women, men, unknown))
    )
    total = np.broadcast_to(
        np.atleast_1d(np.asarray(reported_total, dtype=float)), columns[0].shape
    )
    names = list(labels) if labels is not None else [f"row {i}" for i in range(total.size)]
    if len(names) != total.size:
        raise InputError(f"check_beneficiary_totals: {len(names)} labels for {total.size} rows")
    found = []
    for i, label in enumerate(names):
        parts = [float(c[i]) for c in columns]
        if sum(parts) == total[i]:
            continue
        shown = " + ".join(
            f"{name} {value:,.0f}" for name, value in zip(_BENEFICIARY_FIELDS, parts, strict=True)
        )
        found.append(
            Finding(
                "beneficiary-identity",
                Severity.WARNING,
                f"{shown} = {sum(parts):,.0f}, but the reported total is {total[i]:,.0f} "
                f"(difference {total[i] - sum(parts):,.0f}); the table is not corrected",
                subject=label,
                reference=IMAS_12_10,
            )
        )
    return ComplianceReport(tuple(found), title="Beneficiaries by sex and age against totals")


_EXAMPLE_CASUALTIES = [
    Casualty("A-1", Outcome.INJURED, Status.CIVILIAN, sex=Sex.MALE, age=12),
    Casualty("A-1", Outcome.KILLED, Status.CIVILIAN, sex=Sex.FEMALE, age=35),
    Casualty("A-2", Outcome.INJURED, Status.MILITARY, sex=Sex.MALE, age=22),
]


@calculator(
    casualties=Records(Casualty),
    child_rule=Preset(CHILD_AGE_RULES, ChildAgeRule),
    elementwise=False,
    example={"casualties": _EXAMPLE_CASUALTIES},
)
def casualty_groups(
    casualties: Sequence[Casualty], *, child_rule: ChildAgeRule = CHILD_UNDER_18
) -> np.ndarray:
    """Casualties as girls, boys, women, men and unknown (sex or age not recorded).

    Parameters
    ----------
    casualties : sequence of Casualty
    child_rule : ChildAgeRule or str
        Who is a child (:data:`~dpssec.mines.casualty_sources.CHILD_UNDER_18`, ``"under_18"``
        by name, unverified).

    Returns
    -------
    ndarray of int, shape (5,)
        Girls, boys, women, men, unknown: the groups of risk-education beneficiaries.

    Examples
    --------
    >>> from dpssec.mines.casualty_models import Casualty
    >>> from dpssec.mines.eore import casualty_groups
    >>> casualty_groups([Casualty("A", "injured", "civilian", sex="male", age=12),
    ...                  Casualty("A", "killed", "civilian", sex="female", age=35),
    ...                  Casualty("A", "injured", "civilian")]).tolist()
    [0, 1, 1, 0, 1]
    """
    out = np.zeros(5, dtype=int)
    for record in casualties:
        child = record.is_child(child_rule)
        sex = record.sex
        if child is None or sex in (None, Sex.UNKNOWN):
            out[4] += 1
            continue
        column = (0 if sex is Sex.FEMALE else 1) + (0 if child else 2)
        out[column] += 1
    return out


@example_by("reach_by_group")
@attrs.frozen(eq=False)
class ReachProfile(ResultMixin):
    """Who risk education reaches, against who the casualties are (and the population).

    Attributes
    ----------
    groups : tuple of str
    reached, casualties : ndarray
    population : ndarray or None
    reach_share, casualty_share : Estimate
        Each group's share of the people reached and of the casualties (Wilson limits).
    population_share : ndarray or None
    ratio_to_casualties : ndarray
        ``reach_share / casualty_share``: below 1, the group receives less risk education than
        its share of casualties (NaN for a group without casualties).
    ratio_to_population : ndarray or None
    test_casualties : TestResult
        Chi-square test that reach and casualties have the same distribution across groups.
    test_population : TestResult or None
        Chi-square goodness of fit of the reach to the population's structure.
    reference : Reference

    Examples
    --------
    >>> from dpssec.mines.eore import reach_by_group
    >>> p = reach_by_group([300, 250, 400, 150], [10, 45, 5, 40])
    >>> [round(float(r), 2) for r in p.ratio_to_casualties]
    [2.73, 0.51, 7.27, 0.34]
    """

    groups: tuple[str, ...]
    reached: np.ndarray = attrs.field(eq=_ARRAY_EQ)
    casualties: np.ndarray = attrs.field(eq=_ARRAY_EQ)
    population: np.ndarray | None = attrs.field(eq=_ARRAY_EQ)
    reach_share: Estimate
    casualty_share: Estimate
    population_share: np.ndarray | None = attrs.field(eq=_ARRAY_EQ)
    ratio_to_casualties: np.ndarray = attrs.field(eq=_ARRAY_EQ)
    ratio_to_population: np.ndarray | None = attrs.field(eq=_ARRAY_EQ)
    test_casualties: TestResult
    test_population: TestResult | None
    reference: Reference = IMAS_12_10

    def _columns(self) -> dict[str, Any]:
        columns: dict[str, Any] = {
            "group": list(self.groups),
            "reached": self.reached,
            "reach_share": self.reach_share.value,
            "casualties": self.casualties,
            "casualty_share": self.casualty_share.value,
            "ratio_to_casualties": self.ratio_to_casualties,
        }
        if self.population is not None:
            columns["population_share"] = self.population_share
            columns["ratio_to_population"] = self.ratio_to_population
        return columns


@calculator(
    reached=Count(ndim=(1,)),
    casualties=Count(ndim=(1,)),
    population=Population(optional=True, ndim=(1,)),
    groups=Names(),
    confidence=Confidence(),
    elementwise=False,
    example={"reached": [300, 250, 400, 150], "casualties": [10, 45, 5, 40]},
)
def reach_by_group(
    reached: Any,
    casualties: Any,
    *,
    population: Any = None,
    groups: Any = EORE_BENEFICIARY_GROUPS.names,
    confidence: float = 0.95,
    nan_policy: str = "raise",
) -> ReachProfile:
    """Whether each sex and age group receives risk education in proportion to its casualties.

    Parameters
    ----------
    reached : array-like
        People reached per group [persons] (girls, boys, women, men by default).
    casualties : array-like
        Casualties per group [persons] (e.g. from :func:`casualty_groups`).
    population : array-like, optional
        Population of the affected communities per group [persons], > 0.
    groups : list of str
        The group names, one per element.
    confidence : float
    nan_policy : {"raise", "omit"}

    Returns
    -------
    ReachProfile
        Shares, ratios (reach share / casualty share; / population share) and chi-square tests.

    Raises
    ------
    InputError
        Fewer than 2 groups, names of another length, no one reached or no casualties at all.

    Warns
    -----
    DataQualityWarning
        A group without casualties (its ratio is undefined, NaN).

    Notes
    -----
    Casualties are a sample of the risk, so reach and casualties are compared with Pearson's
    chi-square test of homogeneity on the 2 × k table (no continuity correction); the
    population is taken as known, so reach is compared with its structure by a chi-square
    goodness-of-fit test. IMAS 12.10 asks that EORE target women, girls, boys and men
    according to their different vulnerabilities: a ratio well below 1 for boys and men, who
    are most casualties in the Monitor's data, says where reach falls short.

    References
    ----------
    IMAS 12.10 (secondary source).

    Examples
    --------
    >>> from dpssec.mines.eore import reach_by_group
    >>> p = reach_by_group([300, 250, 400, 150], [10, 45, 5, 40])
    >>> p.test_casualties.p_value < 0.001
    True
    """
    got = np.asarray(reached, dtype=float)
    cas = np.asarray(casualties, dtype=float)
    names = tuple(groups)
    if got.size < 2:
        raise InputError("parameter 'reached': give counts for at least 2 groups")
    if len(names) != got.size:
        raise InputError(
            f"parameter 'groups': {len(names)} group names for {got.size} counts in 'reached' "
            "and 'casualties'"
        )
    if got.sum() == 0 or cas.sum() == 0:
        raise InputError("reach_by_group: no one reached or no casualties; nothing to compare")
    from scipy import stats

    reach_share = wilson_share(got, np.full_like(got, got.sum()), confidence)
    casualty_share = wilson_share(cas, np.full_like(cas, cas.sum()), confidence)
    empty = cas == 0
    if empty.any():
        warnings.warn(
            f"reach_by_group: no casualties among {', '.join(np.array(names)[empty])}; their "
            "ratio to casualties is undefined (NaN)",
            DataQualityWarning,
            stacklevel=3,
        )
    ratio = np.where(empty, np.nan, reach_share.value / np.where(empty, 1.0, casualty_share.value))
    table = np.vstack([got, cas])
    used = table.sum(axis=0) > 0
    chi2, p, df, _ = stats.chi2_contingency(table[:, used], correction=False)
    test_cas = TestResult(
        chi2,
        p,
        df,
        "chi-square test of homogeneity (reach vs casualties)",
        observed=got,
        expected=cas / cas.sum() * got.sum(),
    )
    pop = pop_share = ratio_pop = test_pop = None
    if population is not None:
        pop = np.asarray(population, dtype=float)
        pop_share = pop / pop.sum()
        ratio_pop = reach_share.value / pop_share
        expected = pop_share * got.sum()
        chi2_pop, p_pop = stats.chisquare(got, expected)
        test_pop = TestResult(
            chi2_pop,
            p_pop,
            got.size - 1,
            "chi-square goodness of fit (reach vs population structure)",
            observed=got,
            expected=expected,
        )
    return ReachProfile(
        groups=names,
        reached=got,
        casualties=cas,
        population=pop,
        reach_share=reach_share,
        casualty_share=casualty_share,
        population_share=pop_share,
        ratio_to_casualties=ratio,
        ratio_to_population=ratio_pop,
        test_casualties=test_cas,
        test_population=test_pop,
    )


# -- before / after ------------------------------------------------------------------------


@example_by("casualty_rate_change")
@attrs.frozen(eq=False)
class RateChange(ResultMixin):
    """Casualty rates before and after risk education reached the communities.

    Attributes
    ----------
    rate_before, rate_after : Estimate
        Casualties per ``multiplier`` person-years, exact Poisson limits.
    rate_ratio : Estimate
        After / before, exact conditional (binomial) limits.
    test : TestResult
        Exact conditional test of equal rates (binomial on the casualties after, given the
        total), with the alternative stated in its name.
    note : str
        What the comparison cannot tell.

    Examples
    --------
    >>> from dpssec.mines.eore import casualty_rate_change
    >>> c = casualty_rate_change(30, 100_000, 12, 100_000)
    >>> round(c.rate_ratio.value, 2), c.test.p_value < 0.01
    (0.4, True)
    """

    rate_before: Estimate
    rate_after: Estimate
    rate_ratio: Estimate
    test: TestResult
    note: str

    def __str__(self) -> str:
        rr = self.rate_ratio
        return (
            f"Casualty rate before {self.rate_before.value:.3g}, after "
            f"{self.rate_after.value:.3g} per {self.rate_before.multiplier:,.0f} person-years; "
            f"rate ratio {rr.value:.3g} ({rr.confidence:.0%} CI {rr.lower:.3g} to "
            f"{rr.upper:.3g}); {self.test.name}: p = {self.test.p_value:.3g}\n  {self.note}"
        )

    def _columns(self) -> dict[str, Any]:
        return {
            "rate_before": self.rate_before.value,
            "rate_after": self.rate_after.value,
            "rate_ratio": self.rate_ratio.value,
            "lower": self.rate_ratio.lower,
            "upper": self.rate_ratio.upper,
            "p_value": self.test.p_value,
        }


_NOTE = (
    "A before/after comparison without a comparison group: a fall may also come from "
    "clearance, from fewer people entering hazardous areas, from changes in the conflict or "
    "in reporting. For a proper design (interrupted time series, difference in differences) "
    "use the evaluation package."
)


_EXACT_LIMIT = 2.0**53
"""Largest total of casualties the exact test takes (whole numbers stay exact in floats)."""


@calculator(
    casualties_before=Count(),
    exposure_before=Population(),
    casualties_after=Count(),
    exposure_after=Population(),
    confidence=Confidence(),
    alternative=Choice(("less", "two-sided", "greater")),
    elementwise=False,
    example={
        "casualties_before": [12, 7, 11],
        "exposure_before": [9_000, 4_000, 7_000],
        "casualties_after": [4, 3, 6],
        "exposure_after": [9_200, 4_100, 7_100],
    },
)
def casualty_rate_change(
    casualties_before: Any,
    exposure_before: Any,
    casualties_after: Any,
    exposure_after: Any,
    *,
    multiplier: float = 100_000,
    confidence: float = 0.95,
    alternative: str = "less",
    nan_policy: str = "raise",
) -> RateChange:
    """Did casualty rates fall after risk education reached the communities? (before/after)

    Parameters
    ----------
    casualties_before, casualties_after : array-like
        Casualties per community in the period before and after EORE reached it [persons].
    exposure_before, exposure_after : array-like
        Person-time at risk in each period [person-years], > 0 (population × years).
    multiplier : float
        Rates per this many person-years (100,000).
    confidence : float
    alternative : {"less", "two-sided", "greater"}
        ``"less"`` (default) tests whether the rate after is lower, the question asked.
    nan_policy : {"raise", "omit"}

    Returns
    -------
    RateChange
        Pooled rates before and after, the rate ratio with exact limits, the test, a note.

    Raises
    ------
    InputError
        No casualty before EORE (a fall cannot be measured), bad counts or exposures.

    Notes
    -----
    Counts and person-time are pooled over communities (sums, not a mean of rates). Given
    n = x_before + x_after, x_after ~ Binomial(n, π) with π = T_a·RR / (T_a·RR + T_b); the
    limits of RR are those of π (Clopper-Pearson) mapped by RR = π/(1 − π) · T_b/T_a, and the
    test is the exact binomial test of π = T_a/(T_a + T_b) (Poisson rate ratio, conditional
    method). A before/after design without a comparison group cannot attribute the change to
    EORE; see the note in the result.

    References
    ----------
    Breslow NE, Day NE. Statistical Methods in Cancer Research II, IARC 1987, §2.6.

    Examples
    --------
    >>> from dpssec.mines.eore import casualty_rate_change
    >>> c = casualty_rate_change([12, 7, 11], [9_000, 4_000, 7_000], [4, 3, 6],
    ...                          [9_200, 4_100, 7_100])
    >>> round(c.rate_ratio.value, 3), round(c.test.p_value, 4)
    (0.425, 0.0057)
    """
    from scipy import stats

    xb = float(np.sum(casualties_before))
    tb = float(np.sum(exposure_before))
    xa = float(np.sum(casualties_after))
    ta = float(np.sum(exposure_after))
    if xb == 0:
        raise InputError(
            "casualty_rate_change: no casualty before risk education ('casualties_before'); a fall "
            "cannot be measured"
        )
    if xb + xa > _EXACT_LIMIT:
        raise InputError(
            "casualty_rate_change: 'casualties_before' and 'casualties_after' add up to more "
            f"than {_EXACT_LIMIT:.3g}; the exact conditional test counts whole casualties"
        )
    n = int(xb + xa)
    before = poisson_rate(xb, tb, multiplier=multiplier, confidence=confidence, method="exact")
    after = poisson_rate(xa, ta, multiplier=multiplier, confidence=confidence, method="exact")
    share = proportion(xa, n, confidence=confidence, method="clopper-pearson")

    def ratio(pi: float) -> float:
        return pi / (1 - pi) * tb / ta if pi < 1 else float("inf")

    rate_ratio = Estimate(
        value=(xa / ta) / (xb / tb),
        lower=ratio(share.lower),
        upper=ratio(share.upper),
        confidence=confidence,
        method="exact conditional (binomial)",
        numerator=xa / ta,
        denominator=xb / tb,
    )
    pi0 = ta / (ta + tb)
    result = stats.binomtest(int(xa), n, pi0, alternative=alternative)
    test = TestResult(
        float(xa),
        result.pvalue,
        1,
        f"exact conditional test of equal rates (alternative: rate after {alternative} than before)"
        if alternative != "two-sided"
        else "exact conditional test of equal rates (two-sided)",
        observed=np.array([xb, xa]),
        expected=np.array([n * (1 - pi0), n * pi0]),
    )
    return RateChange(before, after, rate_ratio, test, _NOTE)
