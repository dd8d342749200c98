"""The prevention tables an observatory exchanges, as :func:`dpssec.io.read_table` reads them.

* :data:`HOMICIDE_SCHEMA`: victims of intentional homicide by member state and year, with the
  published rate (and population when given), the series, source and note of each figure
  (``homicide.csv``, SDG 16.1.1); a :class:`~dpssec.io.Table`. Rates are recomputed with the
  bundled UN WPP 2022 populations (:func:`dpssec.data.population`) where none is published.

Long tables whose columns the user names (``dpssec prevention rates --count deaths``, survey
microdata, list overlaps) are read with :func:`dpssec.io.numeric_schema`. Headers are read in
English, Spanish, Portuguese and French.

For example:

>>> import numpy as np
>>> from dpssec.data import data_file, population
>>> from dpssec.io import read_table
>>> from dpssec.prevention import HOMICIDE_SCHEMA, homicide_rate
>>> table = read_table(data_file("prevention_homicide.csv"), HOMICIDE_SCHEMA)
>>> jam = (table["iso3"] == "JAM") & (table["year"] == 2015) & ~np.isnan(table["victims"])
>>> rate = homicide_rate(table["victims"][jam], population("JAM", 2015))
>>> table["victims"][jam], rate.value.round(1)
(array([1207.]), array([43.2]))
"""

from __future__ import annotations

import attrs

from dpssec.stats.schemas import EVENT_COUNTS_SCHEMA

__all__ = ["HOMICIDE_SCHEMA"]

HOMICIDE_SCHEMA = attrs.evolve(EVENT_COUNTS_SCHEMA, name="homicide victims by state and year")
"""Homicide victims by state and year with the published rate (``homicide.csv``)."""
