"""Victim assistance: time to first assistance against lifelines, censoring at the reference
date, coverage and unmet needs counted by hand, and the refusals of impossible dates."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from dpssec.errors import DataQualityWarning, InputError
from dpssec.mines import (
    Assistance,
    Victim,
    assistance_coverage,
    time_to_assistance,
    time_to_first_assistance,
    unmet_needs,
)

ACCIDENTS = ["2017-01-10", "2017-02-01", "2017-03-15", "2017-05-01", "2017-06-20", "2017-11-30"]
FIRST = ["2017-01-10", "2017-03-01", None, "2017-05-31", "2018-02-01", None]
REFERENCE = "2017-12-31"


def test_curve_matches_lifelines_with_censoring_at_the_reference_date() -> None:
    lifelines = pytest.importorskip("lifelines")
    with pytest.warns(DataQualityWarning, match=r"1 of 6 first assistances are dated after"):
        delay = time_to_first_assistance(ACCIDENTS, FIRST, REFERENCE)
    end = dt.date(2017, 12, 31)
    durations, events = [], []
    for accident, first in zip(ACCIDENTS, FIRST, strict=True):
        start = dt.date.fromisoformat(accident)
        day = dt.date.fromisoformat(first) if first else None
        assisted = day is not None and day <= end  # an assistance after the date is not known
        durations.append(((day if assisted else end) - start).days)
        events.append(int(assisted))
    fitter = lifelines.KaplanMeierFitter().fit(durations, events)
    expected = fitter.survival_function_.iloc[:, 0]
    for time, value in zip(delay.curve.time, delay.curve.survival, strict=True):
        assert value == pytest.approx(expected.loc[time], abs=1e-12)
    assert (delay.assisted, delay.not_yet_assisted) == (3, 3)
    assert delay.curve.censored.sum() == 3


def test_impossible_dates_are_refused_with_the_row() -> None:
    with pytest.raises(InputError, match="row 1: first assistance 2017-01-31 is before"):
        time_to_first_assistance(
            ["2017-01-10", "2017-02-01"], ["2017-01-10", "2017-01-31"], REFERENCE
        )
    with pytest.raises(InputError, match="row 0: accident 2018-01-10 is after the reference"):
        time_to_first_assistance(["2018-01-10"], [None], REFERENCE)
    with pytest.raises(InputError, match="is not a date"):
        time_to_first_assistance(["2017-13-10"], [None], REFERENCE)


def test_missing_accident_dates_follow_nan_policy() -> None:
    with pytest.raises(InputError, match="missing"):
        time_to_first_assistance(["2017-01-10", None], ["2017-01-12", None], REFERENCE)
    with pytest.warns(Warning, match="omitted 1 of 2 rows"):
        delay = time_to_first_assistance(
            ["2017-01-10", None], ["2017-01-12", None], REFERENCE, nan_policy="omit"
        )
    assert delay.assisted == 1 and delay.not_yet_assisted == 0


def _victims() -> list[Victim]:
    return [
        Victim(
            "V-1",
            "survivor",
            accident_date="2017-01-10",
            department="Meta",
            needs=["medical", "physical rehabilitation"],
            assistance=[
                Assistance("medical", "2017-01-10"),
                Assistance("physical_rehabilitation", "2018-03-01"),
            ],
        ),
        Victim(
            "V-2",
            "survivor",
            accident_date="2017-02-01",
            department="Meta",
            needs=["medical", "referral"],
            assistance=[Assistance("referral", "2017-03-01")],
        ),
        Victim(
            "V-3",
            "family_member",
            accident_date="2017-03-15",
            department="Cauca",
            needs=["psychological_support"],
        ),
    ]


def test_records_give_the_same_curve_as_dates() -> None:
    by_records = time_to_assistance(_victims(), reference_date=REFERENCE)
    by_dates = time_to_first_assistance(
        ["2017-01-10", "2017-02-01", "2017-03-15"], ["2017-01-10", "2017-03-01", None], REFERENCE
    )
    assert by_records.curve == by_dates.curve
    rehab = time_to_assistance(
        _victims(), reference_date="2018-12-31", kind="physical rehabilitation"
    )
    assert rehab.assisted == 1 and rehab.curve.time[0] == 415


def test_coverage_counts_and_denominators() -> None:
    every = assistance_coverage(_victims(), kinds=["medical", "referral"])
    assert every.received.tolist() == [1, 1] and every.victims.tolist() == [3, 3]
    need = assistance_coverage(_victims(), kinds=["medical"], among="in_need")
    assert need.received.tolist() == [1] and need.victims.tolist() == [2]
    by = assistance_coverage(_victims(), kinds="physical_rehabilitation", by="department")
    assert by.group == ("Cauca", "Meta") and by.received.tolist() == [0, 1]
    until = assistance_coverage(_victims(), kinds="physical_rehabilitation", until="2017-12-31")
    assert until.received.tolist() == [0]
    from statsmodels.stats.proportion import proportion_confint

    lower, upper = proportion_confint(1, 3, method="wilson")
    assert every.coverage.lower[0] == pytest.approx(lower) and every.coverage.upper[
        0
    ] == pytest.approx(upper)


def test_unmet_needs_by_department() -> None:
    needs = unmet_needs(_victims())
    table = dict(zip(zip(needs.group, needs.kind, strict=True), needs.unmet.tolist(), strict=True))
    assert table == {
        ("Cauca", "psychological_support"): 1,
        ("Meta", "medical"): 1,
        ("Meta", "physical_rehabilitation"): 0,
        ("Meta", "referral"): 0,
    }
    assert np.all((needs.met + needs.unmet) == needs.in_need)
    assert unmet_needs(_victims(), by=None).group[0] == "all victims"


def test_records_that_are_not_victims_are_refused() -> None:
    with pytest.raises(InputError, match=r"item 0 is .* \(dict\), not a Victim"):
        assistance_coverage([{"id": "V"}])  # type: ignore[list-item]
    with pytest.raises(InputError, match="victim 'V' has no accident date"):
        time_to_assistance([Victim("V", "survivor")], reference_date=REFERENCE)
