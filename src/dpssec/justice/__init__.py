"""Criminal justice: prison occupancy, cell space, pre-trial detention, projections, recidivism.

Will hold ``PrisonFacility``, ``occupancy_rate``, ``system_overcrowding``,
``prison_population_rate``, ``unsentenced_share``, the cell-space checks, population
projections and the release-cohort analyses of recidivism and reintegration.
"""

from __future__ import annotations

__all__: list[str] = []
