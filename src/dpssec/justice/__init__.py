"""Criminal justice: prison occupancy, cell space, pre-trial detention, projections, recidivism.

* :mod:`dpssec.justice.facility`: the ``PrisonFacility`` and ``Cell`` models;
* :mod:`dpssec.justice.occupancy`: occupancy, overcrowding presets, system accounting and the
  prison population rate;
* :mod:`dpssec.justice.pretrial`: the unsentenced share (SDG 16.3.2 or WPB remand);
* :mod:`dpssec.justice.cell_space`: living space per prisoner, CPT, ECtHR and ICRC presets,
  capacity implied by floor area;
* :mod:`dpssec.justice.cell_checks`: ``check_cell_space``, findings for one cell;
* :mod:`dpssec.justice.projection`: stock-flow projection and years to capacity (analyst
  conventions);
* :mod:`dpssec.justice.recidivism`: Kaplan-Meier and crude (complete follow-up) recidivism
  from durations and events;
* :mod:`dpssec.justice.cohort`: ``ReleaseCohort``, durations and censoring from dates, and
  ``analyse_recidivism`` (Kaplan-Meier, crude and naive side by side); it uses
  :mod:`~dpssec.justice.recidivism`, never the other way round;
* :mod:`dpssec.justice.cohort_io`: release cohorts from CSV files and to JSON;
* :mod:`dpssec.justice.programmes`: programme against comparison group (risk difference and
  ratio, log-rank and fixed-time tests);
* :mod:`dpssec.justice.boundary_rules`: presets as parameters and the rules the input
  vocabulary of :mod:`dpssec.boundary` cannot state on one parameter;
* :mod:`dpssec.justice.sources`: the documents cited.

The public names of all of them are available directly from ``dpssec.justice``.
"""

from __future__ import annotations

from dpssec.justice import (
    cell_checks,
    cell_space,
    cohort,
    cohort_io,
    facility,
    occupancy,
    pretrial,
    programmes,
    projection,
)
from dpssec.justice import recidivism as _recidivism
from dpssec.justice.cell_checks import *  # noqa: F403
from dpssec.justice.cell_space import *  # noqa: F403
from dpssec.justice.cohort import *  # noqa: F403
from dpssec.justice.cohort_io import *  # noqa: F403
from dpssec.justice.facility import *  # noqa: F403
from dpssec.justice.occupancy import *  # noqa: F403
from dpssec.justice.pretrial import *  # noqa: F403
from dpssec.justice.programmes import *  # noqa: F403
from dpssec.justice.projection import *  # noqa: F403
from dpssec.justice.recidivism import *  # noqa: F403

__all__ = [
    *facility.__all__,
    *occupancy.__all__,
    *cell_space.__all__,
    *cell_checks.__all__,
    *pretrial.__all__,
    *projection.__all__,
    *cohort.__all__,
    *cohort_io.__all__,
    *_recidivism.__all__,
    *programmes.__all__,
]
