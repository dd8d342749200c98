"""Quantity-distance kernels on magnitudes: matrix-cell segments, alternatives, rounding.

Plain numpy (``np.where``, no per-row Python, no units) so that the same code runs on numpy,
pandas and dask arrays; :mod:`dpssec.arms.storage.distances` checks the inputs and attaches
the units. A segment is ``factor · max(D-code(Q), minima)`` (or a fixed distance); an
alternative is a sequence of segments by NEQ; rounding applies to the formula, never to the
printed minima.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable
from typing import Any

import attrs
import numpy as np

from dpssec.arms.storage.classification import TABLE_GROUPS
from dpssec.arms.storage.criteria import Alternative, CriteriaSet, Segment
from dpssec.arms.storage.qd_functions import (
    DistanceFunction,
    apply_floor,
    evaluate_kernel,
    inverse_kernel,
)

__all__ = [
    "Rounder",
    "alternative_distance",
    "alternative_neq",
    "function_group",
    "identity",
    "make_rounder",
    "round_distance",
    "rounding_group",
    "segment_distance",
    "segment_function",
    "segment_neq",
    "zero_at_zero",
]


Rounder = Callable[[Any], Any]


def identity(value: Any) -> Any:
    """No rounding."""
    return value


def function_group(group: str) -> str:
    """The D-code family of a matrix group (``"1.2.1"`` -> ``"1.2"``, ``"1.3B"`` -> ``"1.3"``).

    Read from :data:`~dpssec.arms.storage.classification.TABLE_GROUPS`.
    """
    return TABLE_GROUPS[group].functions


def rounding_group(group: str) -> str:
    """The rounding steps that apply to a matrix group (HD 1.6 is rounded as HD 1.1)."""
    return TABLE_GROUPS[group].rounding


def segment_function(
    criteria: CriteriaSet, group: str, segment: Segment, floors: bool
) -> DistanceFunction:
    """The segment's D-code, without its table minima when they do not apply."""
    function = criteria.function(function_group(group), segment.code)
    if not (floors and segment.function_floors) and function.floors:
        function = attrs.evolve(function, floors=())
    return function


def segment_distance(
    criteria: CriteriaSet,
    group: str,
    segment: Segment,
    q: Any,
    floors: bool = True,
    rounder: Rounder = identity,
) -> Any:
    """``max(round(factor·D(Q)), factor·table minimum, factor·cell minimum)``.

    Rounding applies to the formula only: the printed minima (147 m, 258 m, 400 m) are
    exact numbers, not rounded values. Fixed distances are not rounded either.
    """
    if segment.code == "fixed":
        fixed = float(segment.fixed or 0.0)
        return np.full(np.shape(q), fixed) if np.ndim(q) else fixed
    function = criteria.function(function_group(group), segment.code)
    if function.scale != 1.0 and rounder is not identity:
        # both printed HD 1.2 tables take a scaled column (D5 = 0.67·D1) as the scale times
        # the base rounded up to 1 m, then round that: 0.67 x 141 = 94.5 -> 95 m (AASTP-1
        # 2006 Table 2), 0.36 x 192 = 69.1 -> 70 m (IATG 02.20:2021 Table H.1, 300 kg)
        base = evaluate_kernel(attrs.evolve(function, floors=(), scale=1.0), q)
        value = rounder(function.scale * np.ceil(np.round(base, 6)))
    else:
        formula = attrs.evolve(function, floors=()) if function.floors else function
        # unrounded, a branch hold below the cell minimum cannot change the result
        minimum = segment.floor if floors and rounder is identity else 0.0
        value = evaluate_kernel(formula, q, minimum / segment.factor, segment.factor)
    if segment.factor != 1.0 and function.scale != 1.0 and rounder is not identity:
        value = segment.factor * value
    value = rounder(value)
    table_minimum = function.floors[-1][1] if function.floors else 0.0
    if floors and segment.function_floors and table_minimum > segment.floor:
        scaled = tuple((upper, segment.factor * floor) for upper, floor in function.floors)
        value = apply_floor(scaled, q, value)
    if floors and segment.floor:
        value = np.maximum(value, segment.factor * segment.floor)
    return value


def alternative_distance(
    criteria: CriteriaSet,
    group: str,
    alternative: Alternative,
    q: Any,
    floors: bool = True,
    rounder: Rounder = identity,
) -> Any:
    """Distance of an alternative: its segments selected by NEQ with ``np.where``."""
    segments = alternative.segments
    result = segment_distance(criteria, group, segments[-1], q, floors, rounder)
    for segment in reversed(segments[:-1]):
        value = segment_distance(criteria, group, segment, q, floors, rounder)
        result = np.where(q <= segment.upper, value, result)
    return result


def segment_neq(criteria: CriteriaSet, group: str, segment: Segment, d: Any) -> Any:
    """Largest NEQ whose segment distance fits ``d`` (``inf`` for a fixed distance that fits)."""
    if segment.code == "fixed":
        return np.where(d >= float(segment.fixed or 0.0), math.inf, 0.0)
    y = d / segment.factor if segment.factor != 1.0 else d
    q = inverse_kernel(segment_function(criteria, group, segment, True), y)
    if segment.floor:
        q = np.where(y >= segment.floor, q, 0.0)
    return q


def alternative_neq(criteria: CriteriaSet, group: str, alternative: Alternative, d: Any) -> Any:
    """Largest NEQ whose distance fits ``d``: the distance is non-decreasing across segments
    (D14 up to 45,000 kg, then the larger D13), so the admissible NEQs form an interval."""
    lower = 0.0
    best: Any = None
    for segment in alternative.segments:
        candidate = np.minimum(segment_neq(criteria, group, segment, d), segment.upper)
        if best is None:
            best = candidate
        else:
            start = float(segment_distance(criteria, group, segment, np.float64(lower)))
            best = np.where(d >= start, np.maximum(best, np.maximum(candidate, lower)), best)
        lower = segment.upper
    return best


def zero_at_zero(criteria: CriteriaSet, group: str, alternative: Alternative) -> bool:
    """Whether the alternative already gives 0 m at 0 kg (a pure power law, no minimum)."""
    for segment in alternative.segments:
        if segment.code == "fixed" or segment.floor:
            return False
        function = criteria.function(function_group(group), segment.code)
        if function.floors or function.neq_minimum:
            return False
        if any(branch.form == "log_quadratic" for branch in function.branches):
            return False
    return True


def make_rounder(rounding: str, steps: tuple[tuple[float, float], ...]) -> Rounder:
    """A rounding function for ``"none"``, ``"ceil"`` or ``"table"`` (with the set's steps)."""
    if rounding == "none":
        return identity
    return functools.partial(round_distance, rounding=rounding, steps=steps)


def round_distance(value: Any, rounding: str, steps: tuple[tuple[float, float], ...]) -> Any:
    """Round distances up: to 1 m (``"ceil"``) or to the step of their size (``"table"``).

    >>> import numpy as np
    >>> steps = ((100.0, 1.0), (500.0, 5.0), (1000.0, 10.0), (float("inf"), 20.0))
    >>> round_distance(np.array([99.2, 221.99999999999997, 1205.3]), "table", steps)
    array([ 100.,  225., 1220.])
    """
    if rounding == "none":
        return value
    # round to 1e-6 m first so that 22.2·1000^1/3 = 221.99999999999997 stays 222 m
    if rounding == "ceil":
        return np.ceil(np.round(value, 6))
    step: Any = steps[-1][1]
    for upper, size in reversed(steps[:-1]):
        step = np.where(value < upper, size, step)
    return np.ceil(np.round(value / step, 6)) * step
