"""Arms control: ammunition and explosives storage, and firearms.

* :mod:`dpssec.arms.storage`: hazard divisions and compatibility groups, mixing and
  aggregation rules, quantity-distances (IATG 02.20:2021, AASTP-1 2006), depot checks;
* :mod:`dpssec.arms.firearms`: firearm records, marking checks (ITI, UN Firearms Protocol,
  CIFTA, ISACS 05.30), record retention and inventory reconciliation.

The public names of both are available directly from ``dpssec.arms``.
"""

from __future__ import annotations

from dpssec.arms.firearms import *  # noqa: F403
from dpssec.arms.firearms import __all__ as _firearms_all
from dpssec.arms.storage import *  # noqa: F403
from dpssec.arms.storage import __all__ as _storage_all

__all__ = [*_storage_all, *_firearms_all]
