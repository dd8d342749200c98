"""Humanitarian mine action: prioritisation, land release, QC sampling, completion forecasts.

* :mod:`dpssec.mines.codes`: area classes, statuses, device categories, blocked resources,
  clearance methods, with their synonyms;
* :mod:`dpssec.mines.criteria`: the criterion columns of an area and the rule of each;
* :mod:`dpssec.mines.areas`: ``HazardousArea`` and ``LandReleaseRecord`` models;
* :mod:`dpssec.mines.scoring`: IMSMA-style impact scoring schemes and presets;
* :mod:`dpssec.mines.mcda`: multi-criteria methods (AHP, TOPSIS, weighted sum, entropy, rank);
* :mod:`dpssec.mines.prioritisation`: ``prioritise``, an explained ranking of hazardous areas;
* :mod:`dpssec.mines.land_release`: release accounting, productivity and cost;
* :mod:`dpssec.mines.sampling`: post-clearance quality-control sampling;
* :mod:`dpssec.mines.forecast`: completion forecasts against treaty deadlines;
* casualties, victims and risk education: :mod:`~dpssec.mines.casualty_models`,
  :mod:`~dpssec.mines.casualty_counts`, :mod:`~dpssec.mines.casualties`,
  :mod:`~dpssec.mines.casualty_rates`, :mod:`~dpssec.mines.victim_models`,
  :mod:`~dpssec.mines.victim_assistance`, :mod:`~dpssec.mines.eore_models`,
  :mod:`~dpssec.mines.eore`, :mod:`~dpssec.mines.article7` (sources and presets in
  :mod:`~dpssec.mines.casualty_sources`);
* :mod:`dpssec.mines.schemas`: the tables a national authority sends (hazardous areas, the
  member states' published mine-action figures) with their column names in English, Spanish,
  Portuguese and French, and :func:`~dpssec.mines.schemas.read_areas`.

The public names of all of them are available directly from ``dpssec.mines``.
"""

from __future__ import annotations

from dpssec.mines import (
    areas,
    codes,
    criteria,
    forecast,
    land_release,
    mcda,
    prioritisation,
    sampling,
    scoring,
)
from dpssec.mines.areas import *  # noqa: F403
from dpssec.mines.codes import *  # noqa: F403
from dpssec.mines.criteria import *  # noqa: F403
from dpssec.mines.forecast import *  # noqa: F403
from dpssec.mines.land_release import *  # noqa: F403
from dpssec.mines.mcda import *  # noqa: F403
from dpssec.mines.prioritisation import *  # noqa: F403
from dpssec.mines.sampling import *  # noqa: F403
from dpssec.mines.scoring import *  # noqa: F403

# isort: split
# casualties, victims, risk education and Article 7 reporting
from dpssec.mines import (
    article7,
    casualties,
    casualty_counts,
    casualty_models,
    casualty_rates,
    casualty_sources,
    eore,
    eore_models,
    victim_assistance,
    victim_models,
)
from dpssec.mines.article7 import *  # noqa: F403
from dpssec.mines.casualties import *  # noqa: F403
from dpssec.mines.casualty_counts import *  # noqa: F403
from dpssec.mines.casualty_models import *  # noqa: F403
from dpssec.mines.casualty_rates import *  # noqa: F403
from dpssec.mines.casualty_sources import *  # noqa: F403
from dpssec.mines.eore import *  # noqa: F403
from dpssec.mines.eore_models import *  # noqa: F403
from dpssec.mines.victim_assistance import *  # noqa: F403
from dpssec.mines.victim_models import *  # noqa: F403

# isort: split
from dpssec.mines import schemas
from dpssec.mines.schemas import *  # noqa: F403

__all__ = [
    *codes.__all__,
    *criteria.__all__,
    *areas.__all__,
    *scoring.__all__,
    *mcda.__all__,
    *prioritisation.__all__,
    *land_release.__all__,
    *sampling.__all__,
    *forecast.__all__,
    *casualty_sources.__all__,
    *casualty_models.__all__,
    *casualty_counts.__all__,
    *casualties.__all__,
    *casualty_rates.__all__,
    *victim_models.__all__,
    *victim_assistance.__all__,
    *eore_models.__all__,
    *eore.__all__,
    *article7.__all__,
    *schemas.__all__,
]
