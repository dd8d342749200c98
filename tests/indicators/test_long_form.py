"""The bundled prison and homicide tables in long form: what the conversion decides."""

from __future__ import annotations

from pathlib import Path

import pytest

from dpssec._data import data_file
from dpssec.errors import InputError
from dpssec.indicators import homicide_submission, prisons_submission, read_submission


def _cells(table: object) -> list[tuple[object, ...]]:
    return [
        (c.state, c.year, c.indicator, c.value, c.source, c.line) for c in read_submission(table)
    ]


def test_each_prison_field_keeps_its_own_year_and_line() -> None:
    cells = [c for c in _cells(prisons_submission()) if c[0] == "CHL"]
    assert [(c[1], c[2], c[3]) for c in cells] == [
        (2021, "prison_population", 41465.0),
        (2022, "prison_population_rate", 230.49),
        (2021, "official_capacity", 41762.0),
        (2023, "occupancy", 123.0),
    ]
    assert {c[5] for c in cells} == {10}
    assert all(c[4] for c in cells)


def test_undated_figures_are_left_out() -> None:
    table = prisons_submission()
    # Paraguay's occupancy (undated list) and the undated World Prison Brief shares
    assert not any(
        s == "PRY" and i == "occupancy"
        for s, i in zip(table["state"], table["indicator"], strict=True)
    )
    assert sum(1 for i in table["indicator"] if i in ("remand_share", "unsentenced_share")) == 10


def test_pretrial_share_definition_follows_its_source() -> None:
    shares = {
        s: i
        for s, i in zip(
            prisons_submission()["state"], prisons_submission()["indicator"], strict=True
        )
        if i in ("remand_share", "unsentenced_share")
    }
    assert shares["HTI"] == "remand_share"  # World Prison Brief figures
    assert shares["BRB"] == "remand_share"  # Walmsley's World Pre-trial/Remand List
    assert shares["MEX"] == "unsentenced_share"  # INEGI, national


def test_homicide_series_choice() -> None:
    current = {(c[0], c[1], c[2]): c for c in _cells(homicide_submission())}
    assert (
        current[("BLZ", 2022, "homicide_rate")][4] == "UNODC_OWID"
    )  # kept before the official 25.6
    assert current[("BLZ", 2022, "homicide_victims")][3] == 113.0
    assert current[("HND", 2012, "homicide_rate")][3] == 82.294174
    assert ("HND", 2012, "homicide_victims") not in current  # the 2013 edition is superseded
    assert current[("ARG", 2024, "homicide_rate")][4] == "MinSeg_AR"
    previous = homicide_submission(series="UNODC_GSH2013")
    assert previous.source == "prevention_homicide.csv (series UNODC_GSH2013)"
    assert {c[0] for c in _cells(previous)} == {"HND"}
    both = homicide_submission(series=["UNODC_GSH2013", "UNODC_OWID"])
    assert {c[4] for c in _cells(both) if c[:3] == ("HND", 2012, "homicide_rate")} == {"UNODC_OWID"}


def test_a_copy_given_by_path(tmp_path: Path) -> None:
    copy = tmp_path / "prisons.csv"
    copy.write_text(data_file("justice_prisons.csv").read_text(encoding="utf-8"), encoding="utf-8")
    table = prisons_submission(copy)
    assert table.source == "prisons.csv"
    assert list(table["value"]) == list(prisons_submission()["value"])
    with pytest.raises(InputError, match="no such file"):
        homicide_submission(tmp_path / "nope.csv")
    with pytest.raises(InputError, match="file path"):
        prisons_submission(42)  # type: ignore[arg-type]
