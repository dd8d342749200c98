"""Record retention: ITI para 12 (30/20 years) and UN Firearms Protocol Art. 7 (10 years)."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dpssec.arms.firearms import (
    RETENTION_PROFILES,
    RecordKind,
    RetentionProfile,
    records_to_keep,
    retention_until,
)
from dpssec.arms.firearms.retention import add_years
from dpssec.errors import InputError
from dpssec.references import Reference

D = dt.date


@pytest.mark.parametrize(
    ("kind", "profile", "created", "until"),
    [
        ("manufacture", "ITI", D(2000, 1, 1), D(2030, 1, 1)),
        ("import", "ITI", D(2000, 1, 1), D(2020, 1, 1)),
        ("export", "ITI", D(2011, 12, 31), D(2031, 12, 31)),
        ("transfer", "ITI", D(2011, 7, 15), D(2031, 7, 15)),
        ("manufacture", "UN Firearms Protocol", D(2000, 1, 1), D(2010, 1, 1)),
        ("import", "protocol", D(2000, 1, 1), D(2010, 1, 1)),
        # 29 February: to 1 March in a common year, kept on 29 February in a leap year
        ("manufacture", "ITI", D(2000, 2, 29), D(2030, 3, 1)),
        ("import", "ITI", D(2004, 2, 29), D(2024, 2, 29)),
        ("import", "protocol", D(2004, 2, 29), D(2014, 3, 1)),
        ("other", "protocol", D(2012, 2, 29), D(2022, 3, 1)),
        ("holding", "ITI", D(1996, 2, 29), D(2016, 2, 29)),
        ("manufacture", "ITI", D(2000, 2, 28), D(2030, 2, 28)),
        ("manufacture", "ITI", D(2000, 3, 1), D(2030, 3, 1)),
    ],
)
def test_retention_until(kind: str, profile: str, created: D, until: D) -> None:
    result = retention_until(kind, created, profile=profile)
    assert isinstance(result, D)
    assert result == until


def test_array_in_array_out_and_string_dates() -> None:
    out = retention_until(RecordKind.EXPORT, ["2000-02-29", "2001-01-31"])
    assert isinstance(out, np.ndarray)
    assert out.tolist() == [D(2020, 2, 29), D(2021, 1, 31)]
    assert retention_until("export", "2001-01-31") == D(2021, 1, 31)


@given(st.dates(D(1900, 1, 1), D(2100, 12, 31)), st.integers(0, 60))
def test_add_years_matches_calendar_arithmetic(created: D, years: int) -> None:
    expected = (
        D(created.year + years, 3, 1)
        if (created.month, created.day) == (2, 29) and not _leap(created.year + years)
        else created.replace(year=created.year + years)
    )
    got = add_years(np.array([created], dtype="M8[D]"), years)[0].astype(D)
    assert got == expected
    assert (got - created).days >= 365 * years  # never shorter than the full period


def _leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def test_bad_input() -> None:
    with pytest.raises(InputError, match="'record_kind': 'sale' is not one of 'manufacture'"):
        retention_until("sale", D(2000, 1, 1))
    with pytest.raises(InputError, match="CIFTA asks for records 'for a reasonable time'"):
        retention_until("import", D(2000, 1, 1), profile="CIFTA")
    with pytest.raises(InputError, match="'profile': 'ATT' is not one of 'ITI'"):
        retention_until("import", D(2000, 1, 1), profile="ATT")
    with pytest.raises(InputError, match="'yesterday' is not a date"):
        retention_until("import", "yesterday")
    with pytest.raises(InputError, match=r"'2001-02-30' at index 1 is not a date"):
        retention_until("import", ["2001-01-01", "2001-02-30", "soon"])
    with pytest.raises(InputError, match="has a time of day"):
        retention_until("import", dt.datetime(2000, 1, 1, 12))
    # issue 12: a number is not a date (it used to end in a TypeError)
    with pytest.raises(InputError, match=r"'created' must be a date .* got 0.5"):
        retention_until("export", 0.5)
    with pytest.raises(InputError, match=r"missing \(NaT\)"):
        retention_until("export", ["2001-01-01", None])


def test_series_of_dates_keep_their_index() -> None:
    pd = pytest.importorskip("pandas")
    created = pd.Series(pd.to_datetime(["2010-06-30", "2000-02-29"]), index=["R-7", "R-9"])
    until = retention_until("manufacture", created)
    assert list(until.index) == ["R-7", "R-9"]
    assert [d.date() for d in until] == [D(2040, 6, 30), D(2030, 3, 1)]


def test_presets_are_unverified_and_custom_profiles_work() -> None:
    assert all(not p.verified for p in RETENTION_PROFILES.values())
    ref = Reference("National firearms act", "2015", "Art. 40")
    national = RetentionProfile(
        "national", dict.fromkeys(RecordKind, 50), dict.fromkeys(RecordKind, ref)
    )
    assert national.verified
    assert retention_until("import", D(2000, 1, 1), profile=national) == D(2050, 1, 1)
    with pytest.raises(InputError, match="parameter 'years' has no entry for"):
        RetentionProfile("partial", {RecordKind.IMPORT: 5}, {RecordKind.IMPORT: ref})


def test_records_to_keep_boundaries() -> None:
    # ITI import records: 20 years. Created 2005-03-01 -> keep up to and including 2025-03-01.
    ids = ["on-boundary", "day-before", "day-after", "manufacture", "leap"]
    kinds = ["import", "import", "import", "manufacture", "export"]
    created = ["2005-03-01", "2005-02-28", "2005-03-02", "1995-03-02", "2004-02-29"]
    check = records_to_keep(ids, kinds, created, D(2025, 3, 1))
    assert check.record_ids == ("on-boundary", "day-after", "manufacture")
    assert check.keep_until == (D(2025, 3, 1), D(2025, 3, 2), D(2025, 3, 2))
    assert check.may_destroy == 2 and check.checked == 5
    assert check.verified is False
    later = records_to_keep(ids, kinds, created, D(2025, 3, 2))
    assert later.record_ids == ("day-after", "manufacture")
    protocol = records_to_keep(ids, kinds, created, D(2015, 3, 1), profile="protocol")
    assert protocol.record_ids == ("on-boundary", "day-after")
    assert "keep_until" in str(check)
    with pytest.raises(InputError, match="lengths differ"):
        records_to_keep(["a"], ["import", "import"], ["2000-01-01"], D(2020, 1, 1))
