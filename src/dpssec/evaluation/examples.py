"""Example series bundled with dpssec for the evaluation demo, docs and tests.

* :func:`sicily_series`: the monthly acute coronary events in Sicily, 2002-2006, around the
  smoking ban of January 2005 — the data of the interrupted-time-series tutorial of Lopez
  Bernal, Cummins and Gasparrini (Int J Epidemiol 2017), from the authors' public repository;
* :func:`rossi`: the Rossi recidivism data (432 men released from Maryland prisons, followed
  weekly for a year; financial aid randomised), as shipped with lifelines and R carData;
* :func:`homicide_rates`: one OAS member state's intentional homicide rate per 100,000 by
  year (UNODC via Our World in Data, from the project's sourced homicide table).

For example:

>>> from dpssec.evaluation.examples import homicide_rates, sicily_series
>>> s = sicily_series()
>>> len(s["aces"]), str(s["date"][36]), int(s["smokban"][36])
(59, '2005-01-01', 1)
>>> years, rates, source = homicide_rates("COL")
>>> int(years[0]), round(float(rates[0]), 1)
(1990, 75.0)
"""

from __future__ import annotations

import csv
import io

import numpy as np

from dpssec.data import data_file
from dpssec.errors import InputError

__all__ = ["ROSSI_SOURCE", "SICILY_SOURCE", "homicide_rates", "rossi", "sicily_series"]

SICILY_SOURCE = (
    "Lopez Bernal J, Cummins S, Gasparrini A. Interrupted time series regression for the "
    "evaluation of public health interventions: a tutorial. Int J Epidemiol 2017;46:348-355; "
    "data: sicily.csv, github.com/gasparrini/2017_lopezbernal_IJE_codedata"
)
"""Citation of the bundled Sicily series."""


ROSSI_SOURCE = (
    "Rossi PH, Berk RA, Lenihan KJ. Money, Work and Crime: Some Experimental Results. Academic "
    "Press, 1980 (dataset as shipped with lifelines and R carData)"
)
"""Citation of the bundled Rossi recidivism data."""


def _rows(name: str) -> list[dict[str, str]]:
    text = data_file(name).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(io.StringIO("\n".join(lines))))


def sicily_series() -> dict[str, np.ndarray]:
    """The Sicily series as columns.

    Returns
    -------
    dict of ndarray
        ``year``, ``month``, ``aces`` (monthly acute coronary events), ``time`` (1-59),
        ``smokban`` (0 before January 2005, 1 from it), ``pop``, ``stdpop`` (age-standardised
        population, the tutorial's offset) and ``date`` (first of each month).
    """
    rows = _rows("evaluation_sicily.csv")
    columns = {
        name: np.array([float(r[name]) for r in rows])
        for name in ("year", "month", "aces", "time", "smokban", "pop", "stdpop")
    }
    columns["date"] = np.array(
        [
            f"{int(y):04d}-{int(m):02d}-01"
            for y, m in zip(columns["year"], columns["month"], strict=True)
        ],
        dtype="datetime64[D]",
    )
    return columns


def rossi() -> dict[str, np.ndarray]:
    """The Rossi recidivism data as columns.

    Returns
    -------
    dict of ndarray
        ``week`` (week of first arrest, or 52), ``arrest`` (1 = arrested), ``fin``
        (financial aid, randomised), ``age``, ``race``, ``wexp`` (work experience), ``mar``
        (married), ``paro`` (released on parole), ``prio`` (prior convictions).
    """
    rows = _rows("evaluation_rossi.csv")
    return {name: np.array([float(r[name]) for r in rows]) for name in rows[0]}


def homicide_rates(iso3: str, series: str = "UNODC_OWID") -> tuple[np.ndarray, np.ndarray, str]:
    """Years and homicide rates per 100,000 of one member state, with their source.

    Raises
    ------
    InputError
        No rates for that state and series in the bundled table.
    """
    rows = [
        r
        for r in _rows("prevention_homicide.csv")
        if r["iso3"] == iso3.upper() and r["series"] == series and r["rate_per_100k"]
    ]
    if not rows:
        raise InputError(f"no {series} homicide rates for {iso3!r} in the bundled table")
    rows.sort(key=lambda r: int(r["year"]))
    years = np.array([int(r["year"]) for r in rows], dtype=float)
    rates = np.array([float(r["rate_per_100k"]) for r in rows])
    return years, rates, rows[0]["source"]
