"""Humanitarian mine action: prioritisation, land release, QC sampling, completion forecasts.

Will hold ``HazardousArea`` and ``LandReleaseRecord``, the IMSMA-style scoring engine, the
multi-criteria methods (AHP, TOPSIS, weighted sum, entropy weights), ``prioritise``, land
release accounting, quality-control sampling and ``completion_forecast``.
"""

from __future__ import annotations

__all__: list[str] = []
