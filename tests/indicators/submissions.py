"""A synthetic submission that passes every rule, and the ways to break each rule once.

Four Caribbean states, 2015-2022, with prison counts and their breakdowns by sex, age and
sentencing status, official capacity, occupancy, the prison population rate and the homicide
rate computed by dpssec's own calculators with the UN WPP 2022 population, rounded as a
state would publish them, detected trafficking victims, mine casualties by outcome and a few
single cells. Every number is synthetic; only the populations are real (WPP 2022).
"""

from __future__ import annotations

import math
import warnings
from typing import Any

from dpssec.data import population
from dpssec.errors import DataQualityWarning
from dpssec.justice import occupancy_rate, prison_population_rate, unsentenced_share
from dpssec.prevention import homicide_rate

STATES = ("JAM", "TTO", "BHS", "DOM")
YEARS = tuple(range(2015, 2023))
SOURCE = "national statistics office"

Row = dict[str, Any]


def _wiggle(state: int, year: int) -> float:
    """A deterministic wiggle of a few percent, so that year-on-year changes vary."""
    return 1.0 + 0.03 * math.sin(1.7 * year + 2.3 * state)


def _row(state: str, year: int, indicator: str, value: Any, part: str = "total") -> Row:
    return {
        "state": state,
        "year": year,
        "indicator": indicator,
        "disaggregation": part,
        "value": value,
        "source": SOURCE,
    }


def _population(state: str, year: int) -> float:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DataQualityWarning)
        return float(population(state, year))


def baseline_rows() -> list[Row]:
    """The clean submission: every default rule passes."""
    rows: list[Row] = []
    for s, state in enumerate(STATES):
        people = _population(state, 2018)
        for year in YEARS:
            t = year - 2015
            held = round(people * 0.0025 * (1 + 0.02 * t) * _wiggle(s, year))
            unsentenced = round(held * 0.4)
            female = round(held * 0.07)
            minors = round(held * 0.03)
            capacity = round(people * 0.0027)
            victims = round(people * 0.0003 * (1 + 0.01 * t) * _wiggle(s + 7, year))
            inhabitants = _population(state, year)
            rows += [
                _row(state, year, "prison_population", held),
                _row(state, year, "prison_population", held - unsentenced, "status:sentenced"),
                _row(state, year, "prison_population", unsentenced, "status:unsentenced"),
                _row(state, year, "prison_population", female, "sex:female"),
                _row(state, year, "prison_population", held - female, "sex:male"),
                _row(state, year, "prison_population", minors, "age:0-17"),
                _row(state, year, "prison_population", held - minors, "age:18+"),
                _row(state, year, "official_capacity", capacity),
                _row(state, year, "occupancy", f"{occupancy_rate(held, capacity):.1f}"),
                _row(
                    state,
                    year,
                    "prison_population_rate",
                    f"{prison_population_rate(held, inhabitants):.2f}",
                ),
                _row(
                    state,
                    year,
                    "unsentenced_share",
                    f"{unsentenced_share(unsentenced, held).value:.1f}",
                ),
                _row(state, year, "homicide_victims", victims),
                _row(
                    state, year, "homicide_rate", f"{homicide_rate(victims, inhabitants).value:.2f}"
                ),
                _row(
                    state,
                    year,
                    "trafficking_victims_detected",
                    round(40 * _wiggle(s + 3, year) + 5 * s),
                ),
                _row(state, year, "mine_casualties", 12),
                _row(state, year, "mine_casualties", 3, "outcome:killed"),
                _row(state, year, "mine_casualties", 8, "outcome:injured"),
                _row(state, year, "mine_casualties", 1, "outcome:unknown"),
            ]
    rows += [
        # single cells of a year without other data
        _row("JAM", 2014, "respondents", 1200),
        _row("JAM", 2014, "remand_share", "45.5"),
        _row("JAM", 2014, "trafficking_victim_rate", "2.5"),
    ]
    return rows


def find(rows: list[Row], state: str, year: int, indicator: str, part: str = "total") -> Row:
    """The row of a cell (to break it)."""
    for row in rows:
        if (row["state"], row["year"], row["indicator"], row["disaggregation"]) == (
            state,
            year,
            indicator,
            part,
        ):
            return row
    raise KeyError((state, year, indicator, part))


def frame(rows: list[Row]) -> Any:
    """The rows as a pandas DataFrame (values as objects: numbers or published texts)."""
    import pandas as pd

    data = pd.DataFrame(rows)
    data["value"] = data["value"].astype(object)
    return data
