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
* :mod:`dpssec.justice.cohort_io`: release cohorts from tables and to JSON;
* :mod:`dpssec.justice.schemas`: the tables a ministry sends (facilities, cells, release
  cohorts, cases, pre-trial spells) and :mod:`dpssec.justice.published_schemas` the member
  states' published prison figures, with their column names in English, Spanish, Portuguese and
  French, for :func:`dpssec.io.read_table`;
* :mod:`dpssec.justice.programmes`: programme against comparison group (risk difference and
  ratio, log-rank and fixed-time tests);
* :mod:`dpssec.justice.boundary_rules`: presets as parameters and the rules the input
  vocabulary of :mod:`dpssec.boundary` cannot state on one parameter;
* :mod:`dpssec.justice.sources`: the documents cited.

Administration of justice (court caseflow, CEPEJ and NCSC CourTools measures):

* :mod:`dpssec.justice.caseflow`: clearance rate, case turnover ratio, disposition time,
  backlog change, stock-identity gap, efficiency rate, days in a period (element-wise);
* :mod:`dpssec.justice.caseflow_models`: ``CaseflowPeriod`` and ``CaseflowReturn`` with the
  CEPEJ codes NA (not available) and NAP (not applicable);
* :mod:`dpssec.justice.caseflow_readers`: ``read_caseflow`` (CSV or DataFrame);
* :mod:`dpssec.justice.caseflow_table`: ``caseflow_table``, indicators per court, category and
  year from group totals; :mod:`dpssec.justice.caseflow_checks` its findings (stock-identity
  breaks, overlaps, carry-over breaks); :mod:`dpssec.justice.caseflow_return_table` the table
  of a return with NA and NAP rows counted;
* :mod:`dpssec.justice.case_durations`: time to disposition (Kaplan-Meier, pending cases
  censored); :mod:`dpssec.justice.pending_ages`: the age of the pending caseload;
  :mod:`dpssec.justice.flow_comparison`: both set against the disposition time;
* :mod:`dpssec.justice.caseflow_kernels`: the numpy kernels of all of these;
* :mod:`dpssec.justice.backlog`: backlog projection and the capacity needed for a target;
* :mod:`dpssec.justice.pretrial_length`: length of pre-trial detention and the share held
  beyond a legal limit;
* :mod:`dpssec.justice.caseflow_sources`: the CEPEJ and CourTools documents cited;
* :mod:`dpssec.justice.plots` and :mod:`dpssec.justice.duration_plots`: the ``plot()`` of the
  caseflow, duration, pending-age, backlog and pre-trial results (their geometry in
  :mod:`dpssec.justice.plot_geometry`).

The public names of all of them are available directly from ``dpssec.justice``.
"""

from __future__ import annotations

from dpssec.justice import backlog as _backlog
from dpssec.justice import case_durations as _case_durations
from dpssec.justice import caseflow as _caseflow
from dpssec.justice import caseflow_models as _caseflow_models
from dpssec.justice import caseflow_readers as _caseflow_readers
from dpssec.justice import caseflow_table as _caseflow_table
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
from dpssec.justice import flow_comparison as _flow_comparison
from dpssec.justice import pending_ages as _pending_ages
from dpssec.justice import pretrial_length as _pretrial_length
from dpssec.justice import published_schemas as _published_schemas
from dpssec.justice import recidivism as _recidivism
from dpssec.justice import schemas as _schemas
from dpssec.justice.backlog import *  # noqa: F403
from dpssec.justice.case_durations import *  # noqa: F403
from dpssec.justice.caseflow import *  # noqa: F403
from dpssec.justice.caseflow_models import *  # noqa: F403
from dpssec.justice.caseflow_readers import *  # noqa: F403
from dpssec.justice.caseflow_table import *  # noqa: F403
from dpssec.justice.cell_checks import *  # noqa: F403
from dpssec.justice.cell_space import *  # noqa: F403
from dpssec.justice.cohort import *  # noqa: F403
from dpssec.justice.cohort_io import *  # noqa: F403
from dpssec.justice.facility import *  # noqa: F403
from dpssec.justice.flow_comparison import *  # noqa: F403
from dpssec.justice.occupancy import *  # noqa: F403
from dpssec.justice.pending_ages import *  # noqa: F403
from dpssec.justice.pretrial import *  # noqa: F403
from dpssec.justice.pretrial_length import *  # noqa: F403
from dpssec.justice.programmes import *  # noqa: F403
from dpssec.justice.projection import *  # noqa: F403
from dpssec.justice.published_schemas import *  # noqa: F403
from dpssec.justice.recidivism import *  # noqa: F403
from dpssec.justice.schemas import *  # noqa: F403

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
    *_caseflow.__all__,
    *_caseflow_models.__all__,
    *_caseflow_readers.__all__,
    *_caseflow_table.__all__,
    *_case_durations.__all__,
    *_pending_ages.__all__,
    *_flow_comparison.__all__,
    *_backlog.__all__,
    *_pretrial_length.__all__,
    *_schemas.__all__,
    *_published_schemas.__all__,
]
