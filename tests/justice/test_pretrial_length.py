"""Pre-trial detention length: Kaplan-Meier with those still held censored, and the legal limit."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from dpssec.errors import DataQualityWarning, InputError
from dpssec.justice import pretrial_detention_length

REF = dt.date(2023, 12, 31)


def test_share_beyond_the_limit_matches_lifelines() -> None:
    lifelines = pytest.importorskip("lifelines")
    rng = np.random.default_rng(11)
    admitted = np.datetime64("2022-01-01") + rng.integers(0, 730, 400).astype("timedelta64[D]")
    ended = admitted + np.round(rng.lognormal(np.log(150), 0.8, 400)).astype("timedelta64[D]")
    ended = np.where(ended > np.datetime64(REF), np.datetime64("NaT"), ended)
    facility = np.where(rng.random(400) < 0.5, "Norte", "Sur")
    r = pretrial_detention_length(
        admitted, ended, reference_date=REF, legal_limit_days=240, group=facility
    )
    assert r.group == ("all", "Norte", "Sur")
    durations = np.where(np.isnat(ended), np.datetime64(REF) - admitted, ended - admitted).astype(
        float
    )
    events = ~np.isnat(ended)
    for row, mask in enumerate([np.ones(400, bool), facility == "Norte", facility == "Sur"]):
        kmf = lifelines.KaplanMeierFitter().fit(durations[mask], events[mask])
        assert r.beyond_limit[row] == pytest.approx(kmf.predict(240.0), abs=1e-12)
        assert r.median_days[row] == kmf.median_survival_time_
        held = mask & ~events
        assert r.held_now[row] == held.sum()
        assert r.beyond_limit_now[row] == (held & (durations > 240)).sum()
    assert r.admitted[1] + r.admitted[2] == r.admitted[0]
    assert "beyond 240 days" in r.statement


def test_held_exactly_the_limit_is_not_beyond_it() -> None:
    r = pretrial_detention_length(
        ["2023-01-01", "2023-01-01"],
        ["2023-01-11", "2023-01-12"],
        reference_date=REF,
        legal_limit_days=10,
    )
    assert r.beyond_limit[0] == pytest.approx(0.5)


def test_unsentenced_share_ties_to_sdg_16_3_2() -> None:
    with pytest.warns(DataQualityWarning, match="the median is not reached"):
        r = pretrial_detention_length(
            ["2023-05-01", "2023-11-01", "2023-02-01"],
            [None, None, "2023-03-01"],
            reference_date=REF,
            legal_limit_days=180,
        )
    share = r.unsentenced_share(10)
    assert share.value == pytest.approx(20.0) and share.definition == "un-cts"


def test_refusals_and_exclusions() -> None:
    with pytest.raises(InputError, match="end before they start"):
        pretrial_detention_length(
            ["2023-05-01"], ["2023-04-01"], reference_date=REF, legal_limit_days=90
        )
    with pytest.raises(InputError, match="zero or negative"):
        pretrial_detention_length(["2023-05-01"], [None], reference_date=REF, legal_limit_days=0)
    with (
        pytest.warns(DataQualityWarning, match="1 of 2 admissions are after"),
        pytest.warns(DataQualityWarning, match="the median is not reached"),
    ):
        r = pretrial_detention_length(
            ["2023-05-01", "2024-01-05"], [None, None], reference_date=REF, legal_limit_days=90
        )
    assert r.admitted.tolist() == [1]
    with pytest.raises(InputError, match="legal_limit_days"):
        pretrial_detention_length(["2023-05-01"], [None], reference_date=REF)  # type: ignore[call-arg]
