"""The Article 7-style summary: sections from the models, years and countries filtered, sections
without data "not reported", areas in any unit, and published counts instead of records."""

from __future__ import annotations

import pytest

from dpssec.errors import InputError
from dpssec.mines import (
    Accident,
    Assistance,
    Casualty,
    EORESession,
    Victim,
    article7_summary,
    release_summary,
    summarise_casualty_counts,
)
from dpssec.units import Q_


def _records() -> list[Casualty]:
    a = Accident("A", "2017-06-02", "improvised mine", country="COL")
    b = Accident("B", "2016-12-30", "AP", country="COL")
    c = Accident("C", "2017-02-01", "ERW", country="PER")
    return [
        Casualty(a, "injured", "civilian", age=12),
        Casualty(a, "killed", "military", age=25),
        Casualty(a, "injured", "unknown"),
        Casualty(b, "injured", "civilian"),
        Casualty(c, "injured", "civilian"),
    ]


def test_sections_from_the_models() -> None:
    sessions = [
        EORESession(
            "S1", "2017-04-01", {"girls": 10, "women": 5}, unique_persons={"girls": 10, "women": 5}
        ),
        EORESession("S2", "2018-01-05", {"men": 9}, unique_persons={"men": 9}),
    ]
    victims = [
        Victim(
            "V1",
            "survivor",
            accident_date="2017-06-02",
            country="COL",
            assistance=[Assistance("medical", "2017-06-02"), Assistance("referral", "2018-02-01")],
        ),
        Victim("V2", "family_member", accident_date="2017-06-02"),
        Victim("V3", "survivor", accident_date="2018-03-01"),
    ]
    r = article7_summary(
        "co",
        2017,
        cancelled=240_000,
        reduced=350_000,
        cleared=380_000,
        casualties=_records(),
        sessions=sessions,
        victims=victims,
    )
    assert r.country == "COL" and r.value("released") == 970_000
    assert r.value("casualties, total") == 3 and r.value("status unknown") == 1
    assert r.value("civilian share") == 50.0
    assert r.value("people reached") == 15 and r.value("reached: girls") == 10
    assert r.value("victims known") == 2
    assert r.value("received medical") == 50.0
    assert r.value("received referral") == 0.0  # received after the end of the year
    assert r.verified is False  # child age cut and EORE rule are unverified presets
    assert any("2 casualty record(s)" in n for n in r.notes)
    frame = r.to_frame()
    assert list(frame.columns) == ["section", "indicator", "value", "unit", "basis"]
    assert "Article 7-style summary: COL 2017" in str(r) and "<table>" in r._repr_html_()


def test_empty_sections_read_not_reported() -> None:
    r = article7_summary("PER", 2017)
    assert r.value("released") is None and r.value("casualties, total") is None
    assert "not reported" in str(r)
    partial = article7_summary("PER", 2017, cleared=9_246)
    assert partial.value("cleared") == 9_246 and partial.value("released") is None


def test_areas_in_any_unit_and_from_a_release_summary() -> None:
    in_m2 = article7_summary("ECU", 2017, cancelled=10_919, reduced=7_332, cleared=15_476)
    in_ha = article7_summary(
        "ECU", 2017, cancelled=Q_(1.0919, "ha"), reduced="0.7332 ha", cleared=Q_(0.015476, "km**2")
    )
    assert in_ha.value("released") == pytest.approx(in_m2.value("released"))
    from_result = article7_summary("ECU", 2017, release=release_summary(10_919, 7_332, 15_476))
    assert from_result.value("released") == pytest.approx(33_727)
    with pytest.raises(InputError, match="not both"):
        article7_summary("ECU", 2017, cleared=1.0, release=release_summary(1, 1, 1))
    with pytest.raises(InputError, match="release must have cancelled"):
        article7_summary("ECU", 2017, release=object())
    with pytest.raises(InputError, match="'cleared'"):
        article7_summary("ECU", 2017, cleared=Q_(3, "kg"))


def test_published_counts_instead_of_records() -> None:
    counts = summarise_casualty_counts(7, 49, reported_total=56, civilian=40, military=16)
    r = article7_summary("COL", 2017, casualty_counts=counts)
    assert r.value("casualties, total") == 56 and r.value("civilian share") == pytest.approx(
        71.43, abs=0.01
    )
    with pytest.raises(InputError, match="not both"):
        article7_summary("COL", 2017, casualty_counts=counts, casualties=_records())
    with pytest.raises(InputError, match="one row"):
        article7_summary("COL", 2017, casualty_counts=summarise_casualty_counts([1, 2], [3, 4]))


def test_unknown_accidents_are_refused() -> None:
    with pytest.raises(InputError, match="its year cannot be told"):
        article7_summary("COL", 2017, casualties=[Casualty("X", "injured", "civilian")])
