"""Casualty totals and shares over known status: the Landmine Monitor vectors reproduced from
records built to match them, identities as findings, Wilson limits against statsmodels, and the
properties of shares over known status (hypothesis)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dpssec.errors import DataQualityWarning, InputError
from dpssec.mines import (
    Accident,
    Casualty,
    casualty_summary,
    share_over_known,
    summarise_casualty_counts,
)
from dpssec.mines.casualty_sources import ChildAgeRule
from dpssec.references import Reference
from dpssec.stats import Estimate
from tests.mines.conftest import read_vectors

TOTALS = read_vectors("casualties_lm_totals.csv")
SHARES = read_vectors("casualties_lm_shares.csv")


def _records(period: str, killed: int, injured: int, unknown: int) -> list[Casualty]:
    year = int(period[:4])
    accident = Accident(f"LM-{period}", f"{year}-06-30")
    # one frozen record per kind, repeated: the summary counts records, not objects
    return (
        [Casualty(accident, "killed", "unknown")] * killed
        + [Casualty(accident, "injured", "unknown")] * injured
        + [Casualty(accident, "unknown", "unknown")] * unknown
    )


# -- Landmine Monitor totals ------------------------------------------------------------------


@pytest.mark.parametrize("row", TOTALS, ids=[f"{r['period']}-ed{r['edition']}" for r in TOTALS])
def test_monitor_totals_from_records(row: dict[str, str]) -> None:
    k, i, u = (int(row[c]) for c in ("killed", "injured", "unknown"))
    summary = casualty_summary(_records(row["period"], k, i, u))
    assert (summary.total, summary.killed, summary.injured, summary.unknown_outcome) == (
        int(row["total"]),
        k,
        i,
        u,
    )


def test_monitor_totals_by_year_from_one_set_of_records() -> None:
    latest = [r for r in TOTALS if r["period"] in ("2018", "2017", "2013", "2014")]
    records = [
        c
        for r in latest
        for c in _records(r["period"], int(r["killed"]), int(r["injured"]), int(r["unknown"]))
    ]
    summary = casualty_summary(records, by="year")
    assert summary.groups == (2013, 2014, 2017, 2018)
    assert summary.total.tolist() == [3308, 3678, 7239, 6897]


def test_monitor_identity_holds_in_every_published_row() -> None:
    s = summarise_casualty_counts(
        [int(r["killed"]) for r in TOTALS],
        [int(r["injured"]) for r in TOTALS],
        [int(r["unknown"]) for r in TOTALS],
        reported_total=[int(r["total"]) for r in TOTALS],
        labels=[f"{r['period']} (LM {r['edition']})" for r in TOTALS],
    )
    assert s.findings == ()
    np.testing.assert_array_equal(s.total, [int(r["total"]) for r in TOTALS])


# -- Landmine Monitor shares over known status -------------------------------------------------


def _share_records(row: dict[str, str]) -> list[Casualty]:
    year = int(row["year"])
    accident = Accident(f"LM-{year}", f"{year}-06-30")
    out: list[Casualty] = []
    if row["children"]:
        out += [Casualty(accident, "injured", "civilian", age=10)] * int(row["children"])
        out += [Casualty(accident, "injured", "civilian", age=30)] * int(row["adults"])
        out += [Casualty(accident, "injured", "civilian")] * int(row["unknown_age"])
    else:
        out += [Casualty(accident, "injured", "civilian")] * int(row["civilian"])
    for status in ("military", "deminer", "unknown_status"):
        name = "unknown" if status == "unknown_status" else status
        out += [Casualty(accident, "injured", name)] * int(row[status])
    return out


@pytest.mark.parametrize("row", SHARES, ids=[r["year"] for r in SHARES])
def test_monitor_shares_over_known_status(row: dict[str, str]) -> None:
    summary = casualty_summary(_share_records(row))
    assert summary.total == int(row["total"])
    assert summary.unknown_status == int(row["unknown_status"])
    assert round(100 * summary.civilian_share.value) == int(row["published_civilian_pct"])
    assert summary.civilian_share.denominator == summary.total - summary.unknown_status
    if row["published_child_pct"]:
        assert round(100 * summary.child_share.value) == int(row["published_child_pct"])
        assert summary.unknown_age == int(row["unknown_age"])


def test_shares_over_all_casualties_would_be_wrong() -> None:
    row = next(r for r in SHARES if r["year"] == "2018")
    naive = int(row["civilian"]) / int(row["total"])
    assert round(100 * naive) != int(row["published_civilian_pct"])


# -- identities as findings, not fixes -------------------------------------------------------


def test_the_2016_revision_is_two_consistent_rows() -> None:
    rows = [r for r in TOTALS if r["period"] == "2016"]
    s = summarise_casualty_counts(
        [int(r["killed"]) for r in rows],
        [int(r["injured"]) for r in rows],
        [int(r["unknown"]) for r in rows],
        reported_total=[int(r["total"]) for r in rows],
    )
    assert s.findings == () and sorted(s.total.tolist()) == [8605, 9437]


def test_a_reported_total_that_does_not_add_up_is_a_finding() -> None:
    s = summarise_casualty_counts(
        [3059, 2793], [3837, 4431], [1, 15], reported_total=[6900, 7239], labels=["2018", "2017"]
    )
    (finding,) = s.findings
    assert finding.code == "casualty-identity" and finding.subject == "2018"
    assert "difference 3" in finding.message and "not corrected" in finding.message
    assert s.reported_total[0] == 6900 and s.total[0] == 6897  # both kept


def test_status_and_age_identities() -> None:
    s = summarise_casualty_counts(
        10, 5, civilian=9, military=3, unknown_status=1, children=2, adults=4, unknown_age=1
    )
    codes = [f.code for f in s.findings]
    assert codes == ["status-identity", "age-identity"]


def test_nothing_known_is_said_not_hidden() -> None:
    s = summarise_casualty_counts(3, 2, civilian=0, military=0, unknown_status=5)
    assert np.isnan(s.civilian_share.value)
    assert [f.code for f in s.findings] == ["civilian-share-undefined"]


def test_missing_counts_propagate_with_a_warning() -> None:
    with pytest.warns(DataQualityWarning, match="missing value"):
        s = summarise_casualty_counts([1, np.nan], [2, 3], nan_policy="propagate")
    assert np.isnan(s.total[1]) and s.total[0] == 3 and s.findings == ()


def test_series_in_gives_labelled_rows() -> None:
    pd = pytest.importorskip("pandas")
    index = ["COL", "PER"]
    s = summarise_casualty_counts(
        pd.Series([7, 2], index=index),
        pd.Series([49, 5], index=index),
        civilian=pd.Series([40, 7], index=index),
        military=pd.Series([16, 0], index=index),
        reported_total=pd.Series([56, 8], index=index),
    )
    assert list(s.killed.index) == index
    assert [f.subject for f in s.findings] == ["PER"]
    frame = s.to_frame()
    assert list(frame.index) == index and "civilian_share_lower" in frame


# -- Wilson limits against statsmodels -----------------------------------------------------


@pytest.mark.parametrize(("count", "known"), [(40, 56), (1234, 1278), (0, 7), (7, 7)])
def test_wilson_limits_match_statsmodels(count: int, known: int) -> None:
    from statsmodels.stats.proportion import proportion_confint

    estimate = share_over_known(count, known)
    lower, upper = proportion_confint(count, known, method="wilson")
    assert estimate.lower == pytest.approx(lower, abs=1e-12)
    assert estimate.upper == pytest.approx(upper, abs=1e-12)


def test_share_over_known_warns_on_empty_rows() -> None:
    with pytest.warns(DataQualityWarning, match="no record of known status"):
        e = share_over_known([1, 0], [2, 0])
    assert np.isnan(e.value[1]) and e.value[0] == 0.5
    with pytest.raises(InputError, match="greater than 'known'"):
        share_over_known(3, 2)


# -- records: grouping and refusals ----------------------------------------------------------


def test_grouping_by_several_keys_and_accidents_by_id() -> None:
    a = Accident("A", "2018-01-01", "ERW", department="Meta")
    b = Accident("B", "2019-01-01", "AP", department="Meta")
    records = [
        Casualty("A", "injured", "civilian"),
        Casualty("B", "killed", "military"),
        Casualty("B", "injured", "civilian"),
    ]
    s = casualty_summary(records, by=["department", "device_type"], accidents=[a, b])
    assert s.groups == (("Meta", "ap_mine"), ("Meta", "erw"))
    assert s.total.tolist() == [2, 1]
    with pytest.raises(InputError, match="names accident 'B', which is not among"):
        casualty_summary(records, by="year", accidents=[a])
    assert casualty_summary(records).total == 3  # no grouping needs no accident


def test_refusals_name_the_record() -> None:
    a = Accident("A", "2018-01-01")
    # consistent under the 18-year cut (so accepted), not under a national rule of 16
    national = ChildAgeRule("under 16", 16, Reference("national rule", "2020"))
    with pytest.raises(InputError, match=r"casualty 1 .*age 17 and age group 'child' disagree"):
        casualty_summary(
            [
                Casualty(a, "injured", "civilian"),
                Casualty(a, "injured", "civilian", age=17, age_group="child", id="C-2"),
            ],
            child_rule=national,
        )
    with pytest.raises(InputError, match=r"item 0 is .* \(str\), not a Casualty"):
        casualty_summary(["not a casualty"])  # type: ignore[list-item]
    with pytest.raises(InputError, match="'by': 'colour' is not one of"):
        casualty_summary([Casualty(a, "injured", "civilian")], by="colour")
    with pytest.raises(InputError, match="two different accidents have the id 'A'"):
        casualty_summary(
            [Casualty(a, "injured", "civilian")], accidents=[Accident("A", "2019-01-01")]
        )


def test_child_share_base_and_rule_are_stated() -> None:
    a = Accident("A", "2018-01-01")
    records = [
        Casualty(a, "injured", "civilian", age=10),
        Casualty(a, "injured", "military", age=17),
        Casualty(a, "injured", "civilian", age=40),
    ]
    civilian = casualty_summary(records)
    everyone = casualty_summary(records, child_base="all")
    assert civilian.child_share.value == 0.5 and everyone.child_share.value == pytest.approx(2 / 3)
    assert civilian.verified is False and "under 18" in str(civilian.child_rule)


# -- properties -------------------------------------------------------------------------------

_outcomes = st.sampled_from(["killed", "injured", "unknown"])
_status = st.sampled_from(["civilian", "military", "deminer", "unknown"])
_ages = st.none() | st.integers(0, 90)
_people = st.lists(st.tuples(_outcomes, _status, _ages), min_size=1, max_size=60)


def _build(people: list[tuple[str, str, int | None]]) -> list[Casualty]:
    a = Accident("A", "2020-01-01")
    return [Casualty(a, o, s, age=age) for o, s, age in people]


def _same(a: Estimate, b: Estimate) -> bool:
    return all(
        (np.isnan(x) and np.isnan(y)) or x == y
        for x, y in ((a.value, b.value), (a.lower, b.lower), (a.upper, b.upper))
    )


@settings(max_examples=60, deadline=None)
@given(_people, st.integers(1, 20), _outcomes)
def test_unknown_status_changes_no_share_and_only_the_unknown_count(
    people: list[tuple[str, str, int | None]], extra: int, outcome: str
) -> None:
    before = casualty_summary(_build(people))
    after = casualty_summary(_build(people + [(outcome, "unknown", None)] * extra))
    assert after.unknown_status == before.unknown_status + extra
    assert (after.civilian, after.military, after.deminer) == (
        before.civilian,
        before.military,
        before.deminer,
    )
    assert _same(after.civilian_share, before.civilian_share)
    assert _same(after.child_share, before.child_share)
    assert after.total == before.total + extra


@settings(max_examples=60, deadline=None)
@given(_people)
def test_totals_shares_and_groups_are_consistent(people: list[tuple[str, str, int | None]]) -> None:
    records = _build(people)
    s = casualty_summary(records)
    assert s.killed + s.injured + s.unknown_outcome == s.total == len(records)
    assert s.civilian + s.military + s.deminer + s.unknown_status == s.total
    for share in (s.civilian_share, s.child_share):
        if not np.isnan(share.value):
            assert 0 <= share.lower <= share.value <= share.upper <= 1
    grouped = casualty_summary(records, by="status")
    assert int(grouped.total.sum()) == s.total
