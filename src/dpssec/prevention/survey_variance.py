"""Design-based variance kernels (pure numpy): Taylor linearisation and replicate weights.

These are the kernels behind :func:`~dpssec.prevention.survey_proportion`,
:func:`~dpssec.prevention.survey_mean`, :func:`~dpssec.prevention.survey_total` and
:func:`~dpssec.prevention.survey_ratio`. Every estimator there is a ratio of two weighted
totals per group, ``theta_g = T_y,g / T_x,g`` (``x = 1`` for means and proportions; no
denominator for totals), so one pass computes all groups:

* :func:`group_totals`: weighted totals per group by ``np.bincount``;
* :func:`taylor_variance`: the linearisation variance of every group at once, from per-row
  linearised values, by sums over (group x PSU) and (group x stratum) cells, never a Python
  loop over groups or rows;
* :func:`replicate_variance`: the replicate-weight variance of every group at once;
* :func:`group_degrees_of_freedom`: per group, PSUs - strata among the rows of the group (R's
  ``degf`` of a domain).

Groups are given as one integer code per row in ``0 .. n_groups - 1``, and ``-1`` for rows that
belong to no group (outside the domain, or with a missing answer excluded): such rows stay in
the design (their PSU counts in ``n_h``) but contribute zero, which is how domain estimation
keeps the design (R's ``svyby`` / ``subset``).

For example:

>>> import numpy as np
>>> from dpssec.prevention import SurveyDesign
>>> from dpssec.prevention.survey_variance import taylor_variance
>>> design = SurveyDesign(np.ones(4))
>>> u = np.array([1.0, -1.0, 2.0, -2.0])  # linearised values
>>> taylor_variance(design.layout, u, np.zeros(4, dtype=np.intp), 1).round(6).tolist()
[13.333333]
"""

from __future__ import annotations

from typing import Any

import numpy as np

from dpssec.prevention.survey_design import DesignLayout

__all__ = [
    "DENSE_CELLS",
    "group_degrees_of_freedom",
    "group_totals",
    "replicate_variance",
    "taylor_variance",
]

DENSE_CELLS = 50_000_000
"""Largest (groups x PSUs) table summed with a dense ``np.bincount``; beyond, ``np.unique``."""


def _cell_sums(
    key: np.ndarray, values: np.ndarray | None, size: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(occupied cell ids, their sums of ``values``, their row counts) of integer ``key``."""
    if size <= DENSE_CELLS:
        counts = np.bincount(key, minlength=size)
        cells = np.flatnonzero(counts)
        sums = (
            np.bincount(key, weights=values, minlength=size)[cells]
            if values is not None
            else counts[cells].astype(float)
        )
        return cells, sums, counts[cells]
    cells, inverse, counts = np.unique(key, return_inverse=True, return_counts=True)
    inverse = inverse.reshape(-1)
    sums = np.bincount(inverse, weights=values) if values is not None else counts.astype(float)
    return cells, sums, counts


def group_totals(values: np.ndarray, group: np.ndarray, n_groups: int) -> np.ndarray:
    """Sum of ``values`` per group (rows with group -1 ignored).

    Examples
    --------
    >>> import numpy as np
    >>> from dpssec.prevention.survey_variance import group_totals
    >>> group_totals(np.array([1.0, 2.0, 4.0]), np.array([0, -1, 0]), 1).tolist()
    [5.0]
    """
    keep = group >= 0
    return np.bincount(group[keep], weights=values[keep], minlength=n_groups)


def taylor_variance(
    layout: DesignLayout, influence: np.ndarray, group: np.ndarray, n_groups: int
) -> np.ndarray:
    """Linearisation variance per group from per-row linearised values.

    Parameters
    ----------
    layout : DesignLayout
        The design's layout (:attr:`SurveyDesign.layout`).
    influence : ndarray
        Per row, the linearised value of the group's estimator, weight included (e.g.
        ``w_i (y_i - theta_g) / N_g`` for a mean); ignored where ``group`` is -1.
    group : ndarray of intp
        Group code of each row, -1 for none.
    n_groups : int

    Returns
    -------
    ndarray
        ``v_g = sum_h c_h [sum_i (z_ghi - zbar_gh)^2]`` with PSU totals ``z_ghi`` (0 for PSUs
        without rows of the group), ``zbar_gh`` their mean over the ``n_h`` PSUs of stratum
        ``h`` and ``c_h`` the layout's scale. A single-PSU stratum with a non-zero scale (rule
        ``"centre"``) contributes ``c_h (z_ghi - zbar_g)^2`` with ``zbar_g`` the average PSU
        total of the whole sample.

    Notes
    -----
    Computed exactly (two passes: stratum means, then squared deviations) over the occupied
    (group, PSU) cells, with ``(n_h - m_gh) zbar_gh^2`` for the ``n_h - m_gh`` PSUs of the
    stratum that hold no row of the group. Cost: a few ``bincount`` over the rows, whatever the
    number of groups.
    """
    keep = group >= 0
    g = group[keep].astype(np.int64)
    u = influence[keep]
    n_psus = layout.n_psus
    n_strata = layout.n_strata
    if layout.rows_are_psus:
        # each row is its own PSU: the (group, PSU) cells are the rows themselves
        cell_group = g
        cell_psu = layout.psu[keep]
        z = u
    else:
        key = g * n_psus + layout.psu[keep]
        size = n_groups * n_psus
        if size <= DENSE_CELLS:
            z_all = np.bincount(key, weights=u, minlength=size)
            # occupied cells: those with a row (a zero sum may still be an occupied cell)
            occupied = np.zeros(size, dtype=bool)
            occupied[key] = True
            cells = np.flatnonzero(occupied)
            z = z_all[cells]
        else:
            cells, z, _ = _cell_sums(key, u, size)
        cell_group = cells // n_psus
        cell_psu = cells % n_psus
    cell_stratum = layout.stratum_of_psu[cell_psu]
    gh_key = cell_group * n_strata + cell_stratum
    gh, gh_total, gh_cells = _cell_sums(gh_key, z, n_groups * n_strata)
    gh_group = gh // n_strata
    gh_stratum = gh % n_strata
    n_h = layout.psus_per_stratum[gh_stratum]
    mean = gh_total / n_h
    position = np.searchsorted(gh, gh_key)
    deviation = z - mean[position]
    squares = np.bincount(position, weights=deviation * deviation, minlength=gh.size)
    squares += (n_h - gh_cells) * mean * mean
    lonely = layout.lonely[gh_stratum]
    grand = np.zeros(n_groups)
    if lonely.any() or layout.lonely.any():
        # rule "centre": a single PSU deviates from the average PSU total of the whole sample
        grand = np.bincount(g, weights=u, minlength=n_groups) / n_psus
        squares = np.where(lonely, (gh_total - grand[gh_group]) ** 2, squares)
    contribution = layout.scale[gh_stratum] * squares
    variance = np.bincount(gh_group, weights=contribution, minlength=n_groups)
    lonely_strata = np.flatnonzero(layout.lonely & (layout.scale > 0))
    if n_groups and lonely_strata.size:
        # lonely strata holding no row of a group add (0 - zbar_g)^2 under "centre"
        present = np.zeros((n_groups, n_strata), dtype=bool)
        present[gh_group, gh_stratum] = True
        absent = ~present[:, lonely_strata]
        variance += (absent * layout.scale[lonely_strata]).sum(axis=1) * grand * grand
    return variance


def group_degrees_of_freedom(layout: DesignLayout, group: np.ndarray, n_groups: int) -> np.ndarray:
    """Per group, PSUs holding a row of the group minus strata holding one (R's ``degf``).

    Examples
    --------
    >>> import numpy as np
    >>> from dpssec.prevention import SurveyDesign
    >>> from dpssec.prevention.survey_variance import group_degrees_of_freedom
    >>> d = SurveyDesign(np.ones(4), strata=[1, 1, 2, 2], clusters=[1, 2, 3, 4])
    >>> group_degrees_of_freedom(d.layout, np.array([0, 0, 0, 1]), 2).tolist()
    [1, 0]
    """
    keep = group >= 0
    g = group[keep].astype(np.int64)
    psu = layout.psu[keep]
    n_psus, n_strata = layout.n_psus, layout.n_strata
    size = n_groups * n_psus
    if size <= DENSE_CELLS:
        occupied = np.zeros(size, dtype=bool)
        occupied[g * n_psus + psu] = True
        cells = np.flatnonzero(occupied)
    else:
        cells, _, _ = _cell_sums(g * n_psus + psu, None, size)
    psus = np.bincount(cells // n_psus, minlength=n_groups)
    strata_key = (cells // n_psus) * n_strata + layout.stratum_of_psu[cells % n_psus]
    strata_cells, _, _ = _cell_sums(strata_key, None, n_groups * n_strata)
    strata = np.bincount(strata_cells // n_strata, minlength=n_groups)
    return (psus - strata).astype(np.intp)


def replicate_variance(
    replicate_weights: np.ndarray,
    numerator: np.ndarray,
    denominator: np.ndarray | None,
    group: np.ndarray,
    n_groups: int,
    estimate: np.ndarray,
    *,
    scale: float,
    mse: bool,
) -> np.ndarray:
    """Replicate-weight variance per group of ``sum w y / sum w x`` (or ``sum w y``).

    Parameters
    ----------
    replicate_weights : ndarray, shape (rows, replicates)
    numerator, denominator : ndarray
        Per row ``y`` and ``x`` (``denominator`` None for a total).
    group : ndarray of intp
        Group code per row, -1 for none.
    n_groups : int
    estimate : ndarray
        Full-sample estimate per group (the centre when ``mse``).
    scale : float
        ``c`` in ``v = c sum_r (theta_r - centre)^2``.
    mse : bool
        Centre on the full-sample estimate (True) or the mean of the replicates (False).

    Returns
    -------
    ndarray
        Variance per group.

    Examples
    --------
    >>> import numpy as np
    >>> from dpssec.prevention.survey_variance import replicate_variance
    >>> rw = np.array([[0.0, 2.0], [2.0, 0.0]])
    >>> replicate_variance(rw, np.array([1.0, 3.0]), None, np.array([0, 0]), 1,
    ...                    np.array([4.0]), scale=0.5, mse=False).tolist()
    [4.0]
    """
    keep = group >= 0
    g = group[keep]
    order = np.argsort(g, kind="stable")
    g_sorted = g[order]
    starts = np.flatnonzero(np.r_[True, g_sorted[1:] != g_sorted[:-1]]) if g.size else g
    present = g_sorted[starts] if g.size else g
    weights = replicate_weights[keep][order]

    def totals(values: np.ndarray) -> np.ndarray:
        out = np.zeros((n_groups, weights.shape[1]))
        if g.size:
            out[present] = np.add.reduceat(weights * values[keep][order][:, None], starts, axis=0)
        return out

    theta = totals(numerator)
    if denominator is not None:
        with np.errstate(invalid="ignore", divide="ignore"):
            theta = theta / totals(denominator)
    centre: Any = estimate[:, None] if mse else theta.mean(axis=1, keepdims=True)
    variance: np.ndarray = scale * ((theta - centre) ** 2).sum(axis=1)
    return variance
