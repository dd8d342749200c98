"""The stats demo sections and ``dpssec stats rate``."""

from __future__ import annotations

import json

import pytest

from dpssec.cli import main
from dpssec.stats._cli import demo_sections


def test_demo_sections_use_bundled_data() -> None:
    rates, proportions, survival = demo_sections()
    assert "BLZ 2022" in rates.text and "byar" in rates.text
    belize = next(r for r in rates.data["rates"] if r["iso3"] == "BLZ")
    # the denominator is the UN WPP 2022 population of Belize in 2022, not a back-computed one
    assert belize["population"] == 406_000.0
    assert belize["rate"] == pytest.approx(113 * 1e5 / 406_000)
    assert belize["lower"] < belize["rate"] < belize["upper"]
    assert belize["published_rate"] == 25.6
    assert survival.data["Maintained"]["median"] == 31.0
    assert survival.data["Nonmaintained"]["median"] == 23.0
    # Every stats calculator appears: proportion, risk difference/ratio, Nelson-Aalen, log-rank.
    assert "wilson CI 10.3 to 36.8" in proportions.text  # reference vector, Wilson 7/34
    assert proportions.data["risk_difference"]["method"] == "newcombe"
    assert proportions.data["risk_ratio"]["value"] == pytest.approx(7.0)
    assert "Nelson-Aalen H(26)" in survival.text
    assert survival.data["logrank"]["statistic"] == pytest.approx(3.396389, abs=1e-6)


def test_rate_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stats", "rate", "20", "100", "--multiplier", "100", "--json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["method"] == "byar"
    assert payload["lower"] == pytest.approx(12.211428834875937, rel=1e-9)
    assert main(["stats", "rate", "3", "1000"]) == 0
    assert "exact" in capsys.readouterr().out


def test_rate_command_refuses_bad_input(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stats", "rate", "3", "-5"]) == 2
    assert "population" in capsys.readouterr().err
