"""Risk education: people reached never mixing unique persons and attendances, coverage, reach
against casualties (Pearson chi-square by hand), and the before/after rate ratio against
statsmodels and a root-finding of the exact limits."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dpssec.errors import DataQualityWarning, InputError
from dpssec.mines import (
    ATTENDANCES_ONLY,
    Beneficiaries,
    Casualty,
    EORESession,
    casualty_groups,
    casualty_rate_change,
    eore_coverage,
    people_reached,
    reach_by_group,
)


def _session(
    i: int, org: str, attend: dict[str, int], unique: dict[str, int] | None
) -> EORESession:
    return EORESession(f"S-{i}", "2020-03-01", attend, unique_persons=unique, organisation=org)


def test_unique_persons_where_every_session_reports_them() -> None:
    sessions = [
        _session(1, "A", {"girls": 20, "women": 10}, {"girls": 20, "women": 10}),
        _session(2, "A", {"girls": 18, "women": 12}, {"girls": 2, "women": 5}),
        _session(3, "C", {"boys": 15, "men": 15}, None),
    ]
    with pytest.warns(DataQualityWarning, match="in C, 1 of 1 sessions report no unique"):
        reach = people_reached(sessions, by="organisation")
    assert reach.group == ("A", "C")
    assert reach.reached.tolist() == [37, 30]
    assert reach.basis[0] == "unique persons" and reach.basis[1].startswith("attendances")
    assert reach.reached_by_group[0].tolist() == [22, 0, 15, 0, 0]
    assert np.isnan(reach.unique_persons[1]) and reach.attendances.tolist() == [60, 30]
    assert reach.verified is False


def test_a_group_mixing_tracked_and_untracked_sessions_is_reported_as_attendances() -> None:
    sessions = [
        _session(1, "A", {"girls": 20}, {"girls": 20}),
        _session(2, "A", {"girls": 18}, None),
    ]
    with pytest.warns(DataQualityWarning):
        reach = people_reached(sessions)
    # never 20 unique + 18 attendances = 38
    assert reach.reached.tolist() == [38] and reach.basis[0].startswith("attendances (1 of 2")
    assert people_reached(sessions, rule=ATTENDANCES_ONLY).basis == ("attendances",)


def test_counting_rules_and_child_rules_are_accepted_by_name() -> None:
    from dpssec.mines import article7_summary, casualty_summary
    from dpssec.mines.casualty_sources import CHILD_UNDER_18, UNIQUE_PERSONS_WHERE_KNOWN

    sessions = [
        _session(1, "A", {"girls": 20}, {"girls": 20}),
        _session(2, "A", {"girls": 18}, {"girls": 3}),
    ]
    by_name = people_reached(sessions, rule="attendances")
    assert by_name.rule is ATTENDANCES_ONLY and by_name.reached.tolist() == [38]
    unique = people_reached(sessions, rule="unique persons")
    assert unique.rule is UNIQUE_PERSONS_WHERE_KNOWN and unique.reached.tolist() == [23]
    with pytest.raises(
        InputError,
        match=r"parameter 'rule': 'atendances' is not one of .*did you mean 'attendances'",
    ):
        people_reached(sessions, rule="atendances")
    records = [Casualty("A", "injured", "civilian", sex="female", age=9)]
    assert (
        casualty_groups(records, child_rule="under_18").tolist()
        == casualty_groups(records).tolist()
    )
    assert casualty_summary(records, child_rule="under 18") == casualty_summary(
        records, child_rule=CHILD_UNDER_18
    )
    summary = article7_summary(
        "COL", 2020, sessions=sessions, reach_rule="attendances", child_rule="under_18"
    )
    assert summary.eore is not None and summary.eore.reached.tolist() == [38]


_groups = st.fixed_dictionaries(
    {k: st.integers(0, 40) for k in ("girls", "boys", "women", "men", "unknown")}
)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(_groups, st.floats(0, 1), st.booleans()), min_size=1, max_size=12))
def test_unique_persons_never_exceed_attendances(
    specs: list[tuple[dict[str, int], float, bool]],
) -> None:
    sessions = []
    for i, (attend, share, tracked) in enumerate(specs):
        unique = {k: int(v * share) for k, v in attend.items()} if tracked else None
        sessions.append(_session(i, "A", attend, unique))
        if tracked:
            assert sessions[-1].unique_persons.total <= sessions[-1].attendances.total
    if all(tracked for *_, tracked in specs):
        reach = people_reached(sessions)
    else:
        with pytest.warns(DataQualityWarning):
            reach = people_reached(sessions)
    assert reach.reached[0] <= reach.attendances[0]
    if not np.isnan(reach.unique_persons[0]):
        assert reach.unique_persons[0] <= reach.attendances[0]
    assert reach.reached_by_group.sum() == reach.reached[0]


@settings(max_examples=40, deadline=None)
@given(_groups, _groups)
def test_a_session_with_more_unique_persons_than_attendances_cannot_be_built(
    attend: dict[str, int], unique: dict[str, int]
) -> None:
    larger = any(unique[k] > attend[k] for k in attend)
    if larger:
        with pytest.raises(InputError, match="unique persons exceed attendances"):
            _session(0, "A", attend, unique)
    else:
        _session(0, "A", attend, unique)


def test_coverage_refuses_attendances_above_the_population() -> None:
    c = eore_coverage([450, 30], [2_000, 100])
    assert c.value.tolist() == [0.225, 0.3]
    with pytest.raises(InputError, match="attendances rather than unique persons"):
        eore_coverage(2_500, 2_000)


def test_casualty_groups_split_by_sex_and_child_rule() -> None:
    records = [
        Casualty("A", "injured", "civilian", sex="female", age=9),
        Casualty("A", "injured", "civilian", sex="male", age=9),
        Casualty("A", "injured", "civilian", sex="male", age_group="child"),
        Casualty("A", "killed", "military", sex="male", age=30),
        Casualty("A", "injured", "civilian", sex="unknown", age=30),
        Casualty("A", "injured", "civilian", sex="female"),
    ]
    assert casualty_groups(records).tolist() == [1, 2, 0, 1, 2]


def test_reach_by_group_statistics_by_hand() -> None:
    reached = np.array([300.0, 250.0, 400.0, 150.0])
    casualties = np.array([10.0, 45.0, 5.0, 40.0])
    population = np.array([2_000.0, 2_100.0, 2_500.0, 2_400.0])
    p = reach_by_group(reached, casualties, population=population)
    table = np.vstack([reached, casualties])
    expected = table.sum(axis=1, keepdims=True) * table.sum(axis=0) / table.sum()
    assert p.test_casualties.statistic == pytest.approx(((table - expected) ** 2 / expected).sum())
    assert p.test_casualties.df == 3
    share = reached / reached.sum()
    np.testing.assert_allclose(p.ratio_to_casualties, share / (casualties / casualties.sum()))
    fit = population / population.sum() * reached.sum()
    assert p.test_population.statistic == pytest.approx(((reached - fit) ** 2 / fit).sum())
    np.testing.assert_allclose(p.ratio_to_population, share / (population / population.sum()))


def test_reach_by_group_warns_for_groups_without_casualties() -> None:
    with pytest.warns(DataQualityWarning, match="no casualties among girls"):
        p = reach_by_group([30, 20, 10, 5], [0, 4, 1, 9])
    assert np.isnan(p.ratio_to_casualties[0])
    with pytest.raises(InputError, match="3 group names for 4 counts"):
        reach_by_group([1, 2, 3, 4], [1, 1, 1, 1], groups=["a", "b", "c"])


# -- before / after ------------------------------------------------------------------------


def test_rate_change_matches_statsmodels_and_the_exact_limits() -> None:
    from scipy import optimize, stats
    from statsmodels.stats.rates import test_poisson_2indep

    xb, tb, xa, ta = 30, 20_000.0, 13, 20_400.0
    change = casualty_rate_change(xb, tb, xa, ta)
    reference = test_poisson_2indep(xa, ta, xb, tb, method="exact-cond", alternative="smaller")
    assert change.test.p_value == pytest.approx(reference.pvalue, rel=1e-9)
    assert change.rate_ratio.value == pytest.approx(reference.ratio, rel=1e-12)
    n = xa + xb

    def pi(rr: float) -> float:
        return ta * rr / (ta * rr + tb)

    upper = optimize.brentq(lambda rr: stats.binom.cdf(xa, n, pi(rr)) - 0.025, 1e-6, 100)
    lower = optimize.brentq(lambda rr: stats.binom.sf(xa - 1, n, pi(rr)) - 0.025, 1e-6, 100)
    assert change.rate_ratio.upper == pytest.approx(upper, rel=1e-6)
    assert change.rate_ratio.lower == pytest.approx(lower, rel=1e-6)
    assert "comparison group" in change.note and "evaluation" in change.note


def test_rate_change_pools_communities_and_refuses_no_casualty_before() -> None:
    pooled = casualty_rate_change([12, 7], [9_000, 4_000], [4, 3], [9_200, 4_100])
    single = casualty_rate_change(19, 13_000, 7, 13_300)
    assert pooled.rate_ratio == single.rate_ratio
    with pytest.raises(InputError, match="no casualty before risk education"):
        casualty_rate_change([0, 0], [100, 100], [1, 0], [100, 100])
    zero = casualty_rate_change(5, 1_000, 0, 1_000)
    assert zero.rate_ratio.value == 0 and zero.rate_ratio.lower == 0


def test_beneficiaries_groups() -> None:
    b = Beneficiaries(girls=1, boys=2, women=3, men=4, unknown=5)
    assert (b.female, b.male, b.children, b.adults, b.total) == (4, 6, 3, 7, 15)


def test_published_beneficiary_tables_that_do_not_add_up_are_findings() -> None:
    from dpssec.mines import check_beneficiary_totals

    report = check_beneficiary_totals(
        [30, 31, 40],
        [10, 10, 10],
        [12, 12, 10],
        [5, 5, 10],
        [3, 3, 5],
        [0, 0, 5],
        labels=["Jan", "Feb", "Mar"],
    )
    assert [f.subject for f in report.findings] == ["Feb"]
    assert "difference 1" in report.findings[0].message and report.ok
    with pytest.raises(InputError, match="2 labels for 3 rows"):
        check_beneficiary_totals([1, 2, 3], 0, 0, 0, 0, [1, 2, 3], labels=["a", "b"])
