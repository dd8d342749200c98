"""The segmented-regression design of an interrupted time series (the parametrisation).

For change points T_1 < ... < T_m on the time axis t, the columns are::

    intercept, time, level_1, slope_1, ..., level_m, slope_m, sin_1, cos_1, ..., sin_K, cos_K

with ``level_j = X_jt = 1(t ≥ T_j)`` and ``slope_j = (t − T_j)·X_jt`` (the *centred* slope
term, zero at T_j), so that ``exp(b_level_j)`` is the rate ratio at T_j itself. Writing the
slope term as ``t·X_jt`` instead would make ``b_level_j`` the change extrapolated to t = 0
(the "centred-slope trap" of the statistics reference, §9). Seasonality is K Fourier pairs
``sin(2πk·s/P)``, ``cos(2πk·s/P)`` of the seasonal position s (calendar month for monthly
dates) and period P.

A controlled series adds a group indicator G (1 = the series that received the intervention)
and its products with every time and intervention term; the intervention effects are then
the ``group:level_j`` and ``group:slope_j`` coefficients (changes relative to the control).

For example:

>>> import numpy as np
>>> from dpssec.evaluation.its_design import segmented_design
>>> d = segmented_design(np.arange(1.0, 7.0), np.arange(1.0, 7.0), np.array([4.0]))
>>> d.names
('intercept', 'time', 'level_1', 'slope_1')
>>> d.matrix[:, 3].tolist()
[0.0, 0.0, 0.0, 0.0, 1.0, 2.0]
"""

from __future__ import annotations

import attrs
import numpy as np

__all__ = ["SegmentedDesign", "segmented_design"]


@attrs.frozen(eq=False)
class SegmentedDesign:
    """A design matrix with the names and roles of its columns.

    Attributes
    ----------
    matrix : ndarray
        The design (rows = time points; for a controlled series, the intervention series'
        rows first, then the control's).
    names : tuple of str
    level, slope : tuple of str
        Names of the level- and slope-change columns, one per change point (the
        ``group:`` interactions for a controlled series).
    trend : tuple of str
        The coefficients whose sum is the pre-intervention trend of the intervention series.
    counterfactual : ndarray
        The design with the intervention effects switched off.
    """

    matrix: np.ndarray
    names: tuple[str, ...]
    level: tuple[str, ...]
    slope: tuple[str, ...]
    trend: tuple[str, ...]
    counterfactual: np.ndarray


def _fourier(season: np.ndarray, pairs: int, period: float) -> tuple[list[np.ndarray], list[str]]:
    columns, names = [], []
    for k in range(1, pairs + 1):
        angle = 2.0 * np.pi * k * season / period
        columns += [np.sin(angle), np.cos(angle)]
        names += [f"sin_{k}", f"cos_{k}"]
    return columns, names


def segmented_design(
    t: np.ndarray,
    season: np.ndarray,
    changes: np.ndarray,
    *,
    slope_change: bool = True,
    seasonality: int = 0,
    period: float = 12.0,
    controlled: bool = False,
) -> SegmentedDesign:
    """The segmented-regression design for change points ``changes`` on axis ``t``."""
    base: list[np.ndarray] = [np.ones_like(t), t]
    names = ["intercept", "time"]
    level_names, slope_names = [], []
    for j, change in enumerate(changes, start=1):
        on = (t >= change).astype(float)
        base.append(on)
        names.append(f"level_{j}")
        level_names.append(f"level_{j}")
        if slope_change:
            base.append((t - change) * on)
            names.append(f"slope_{j}")
            slope_names.append(f"slope_{j}")
    seasonal, seasonal_names = _fourier(season, seasonality, period)
    effects = set(level_names) | set(slope_names)
    if not controlled:
        design = np.column_stack(base + seasonal)
        all_names = tuple(names + seasonal_names)
        off = np.array([name in effects for name in all_names])
        counterfactual = design.copy()
        counterfactual[:, off] = 0.0
        return SegmentedDesign(
            design, all_names, tuple(level_names), tuple(slope_names), ("time",), counterfactual
        )
    n = t.size
    top = np.column_stack(base + base + seasonal)  # treated rows: main terms and group terms
    bottom = np.column_stack(base + [np.zeros(n)] * len(base) + seasonal)
    design = np.vstack([top, bottom])
    all_names = tuple(names + [f"group:{name}" for name in names] + seasonal_names)
    all_names = tuple("group" if name == "group:intercept" else name for name in all_names)
    treated_effects = {f"group:{name}" for name in effects}
    off = np.array([name in treated_effects for name in all_names])
    counterfactual = top.copy()
    counterfactual[:, off] = 0.0
    return SegmentedDesign(
        design,
        all_names,
        tuple(f"group:{name}" for name in level_names),
        tuple(f"group:{name}" for name in slope_names),
        ("time", "group:time"),
        counterfactual,
    )
