"""dpssec: typed calculators and data models for public-security work in the Americas.

Subpackages, loaded on first use so that ``import dpssec`` stays light:

* :mod:`dpssec.arms`: ammunition storage (hazard divisions, compatibility, quantity-distances,
  depot checks) and firearms (marking, record keeping, inventory reconciliation);
* :mod:`dpssec.mines`: hazardous-area prioritisation, land release, QC sampling, forecasts;
* :mod:`dpssec.justice`: prison occupancy, cell space, pre-trial detention, projections,
  recidivism and reintegration;
* :mod:`dpssec.prevention`: crime and violence rates, standardisation, trends, SDG 16;
* :mod:`dpssec.stats`: the shared statistics (rates, proportions, survival curves, tests);
* :mod:`dpssec.evaluation`: did a policy work? Interrupted time series, difference in
  differences, joinpoint trends, adjusted programme comparisons, training evaluation.
* :mod:`dpssec.indicators`: the catalogue of every indicator (four languages) and the
  validation of countries' submissions.

Core modules: :mod:`dpssec.units`, :mod:`dpssec.errors`, :mod:`dpssec.references`,
:mod:`dpssec.serialization`, :mod:`dpssec.countries`, :mod:`dpssec.findings`,
:mod:`dpssec.rendering`.

For example:

>>> import dpssec
>>> dpssec.countries.member_state("JAM").name_es
'Jamaica'
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from dpssec._version import __version__

if TYPE_CHECKING:
    from dpssec import (
        arms,
        countries,
        errors,
        evaluation,
        findings,
        indicators,
        justice,
        mines,
        prevention,
        references,
        rendering,
        serialization,
        stats,
        units,
    )

__all__ = [
    "__version__",
    "arms",
    "countries",
    "errors",
    "evaluation",
    "findings",
    "indicators",
    "justice",
    "mines",
    "prevention",
    "references",
    "rendering",
    "serialization",
    "stats",
    "units",
]

_LAZY = frozenset(__all__) - {"__version__"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        module = importlib.import_module(f"dpssec.{name}")
        globals()[name] = module
        return module
    raise AttributeError(f"module 'dpssec' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | _LAZY)
