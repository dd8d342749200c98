"""Quantity-distance functions (the D-codes) as piecewise data with vectorised kernels.

A D-code maps the net explosive quantity Q [kg] to a distance [m]. Each is stored as data --
an ordered tuple of :class:`Branch` (form, coefficients, upper NEQ bound) plus an optional
scale factor and a step floor -- so that the same code evaluates it, inverts it and explains
it. The coefficients below are the ones both AASTP-1 Ed.1 Ch.2 (2006) Annex I-A and IATG
02.20:2021 Annexes E, H and L print (they agree for every code); what the two sets do
differently (the IATG Q^2/3 branches below 2,500 kg, the small-NEQ floors, rounding) lives in
:mod:`~dpssec.arms.storage.criteria_iatg` and :mod:`~dpssec.arms.storage.criteria_aastp1`.

Two choices make every function non-decreasing in Q, so that the inverse
(:func:`inverse_kernel`, "largest NEQ that fits a distance") is unique:

* where a branch starts below the value the previous branch reached at its upper bound (D13:
  1.5·2500^2/3 = 276.3 m, then 5.5·2500^1/2 = 275.0 m; 5.5·4500^1/2 = 369.0 m, then
  22.2·4500^1/3 = 366.5 m), the previous end value holds until the new branch catches up.
  The difference is at most 2.5 m over about 90 kg and vanishes with table rounding;
* the HD 1.2 log-polynomials are evaluated on their increasing side only (D1's parabola in
  ln Q has its minimum at 2.1 kg, below its 30 m floor).

For example:

>>> from dpssec.arms.storage.qd_functions import HD11_FUNCTIONS, evaluate_kernel
>>> round(float(evaluate_kernel(HD11_FUNCTIONS["D12"], 10_000.0)), 1)
478.3
"""

from __future__ import annotations

import math
from typing import Any, Literal

import attrs
import numpy as np

from dpssec.references import Reference

__all__ = [
    "Branch",
    "DistanceFunction",
    "HD11_FUNCTIONS",
    "HD12_FUNCTIONS",
    "HD13_FUNCTIONS",
    "apply_floor",
    "branch_index",
    "branch_value",
    "evaluate_kernel",
    "inverse_kernel",
]

Form = Literal["cube_root", "square_root", "two_thirds", "log_quadratic"]

_FORM_TEXT = {
    "cube_root": "{0:g}·Q^1/3",
    "square_root": "{0:g}·Q^1/2",
    "two_thirds": "{0:g}·Q^2/3",
    "log_quadratic": "{0:g} {1:+g}·ln Q {2:+g}·(ln Q)²",
}


@attrs.frozen
class Branch:
    """One branch of a D-code: a formula valid up to an upper NEQ bound.

    Parameters
    ----------
    form : str
        ``"cube_root"`` (k·Q^1/3), ``"square_root"`` (k·Q^1/2), ``"two_thirds"`` (k·Q^2/3) or
        ``"log_quadratic"`` (a + b·ln Q + c·(ln Q)², natural log).
    coefficients : tuple of float
        ``(k,)`` or ``(a, b, c)``.
    upper : float
        Upper NEQ bound of the branch [kg] (``inf`` for the last branch).
    upper_inclusive : bool
        Whether Q equal to ``upper`` still belongs to this branch (IATG 02.20:2021 prints the
        2,500 kg row with the Q^2/3 branch; AASTP-1 2006 starts the cube root "for Q ≥ 4 500").
    """

    form: Form
    coefficients: tuple[float, ...]
    upper: float = math.inf
    upper_inclusive: bool = False

    @property
    def formula(self) -> str:
        """The branch as printed, e.g. ``"22.2·Q^1/3"``."""
        return _FORM_TEXT[self.form].format(*self.coefficients)


@attrs.frozen
class DistanceFunction:
    """A quantity-distance function (a D-code) of one table.

    Parameters
    ----------
    code : str
        The code as printed (``"D13"``).
    branches : tuple of Branch
        Ordered by NEQ; the last has ``upper = inf``.
    reference : Reference
        Table and column the function comes from.
    scale : float
        Factor applied to the branches (HD 1.2: D3 = 0.36·D1, D5 = 0.67·D1).
    floors : tuple of (float, float)
        Step floor as ``(upper NEQ [kg], minimum distance [m])`` pairs, the last with
        ``upper = inf``: the distance is never less than the floor of the step containing Q.
        Empty for no floor.
    description : str
        What the function protects.
    neq_minimum : float
        The formula is evaluated at no less than this NEQ [kg] (IATG 02.20:2021 Table E.1
        repeats the 500 kg values of D1-D10 in its rows down to 50 kg).
    """

    code: str
    branches: tuple[Branch, ...]
    reference: Reference
    scale: float = 1.0
    floors: tuple[tuple[float, float], ...] = ()
    description: str = ""
    neq_minimum: float = 0.0

    def __attrs_post_init__(self) -> None:
        if not self.branches or self.branches[-1].upper != math.inf:
            raise ValueError(f"{self.code}: the last branch must extend to infinity")
        if self.floors and self.floors[-1][0] != math.inf:
            raise ValueError(f"{self.code}: the last floor step must extend to infinity")
        values = [value for _, value in self.floors]
        if values != sorted(values):
            raise ValueError(f"{self.code}: floor steps must not decrease with NEQ")

    @property
    def formula(self) -> str:
        """All branches as text, e.g. ``"5.5·Q^1/2 (Q < 4500); 22.2·Q^1/3"``."""
        parts = []
        for branch in self.branches:
            text = branch.formula
            if self.scale != 1.0:
                text = f"{self.scale:g}·({text})"
            if branch.upper != math.inf:
                text += f" (Q {'≤' if branch.upper_inclusive else '<'} {branch.upper:g})"
            parts.append(text)
        return "; ".join(parts)

    def floor_at(self, neq: float) -> float:
        """The step floor that applies at ``neq`` [kg] (0 without floor)."""
        for upper, floor in self.floors:
            if neq <= upper:
                return floor
        return 0.0

    def with_floors(
        self, floors: tuple[tuple[float, float], ...], reference: Reference
    ) -> DistanceFunction:
        """A copy with other floors (the set-specific table minima)."""
        copy: DistanceFunction = attrs.evolve(self, floors=floors, reference=reference)
        return copy


def _scaled(root: Any, k: float) -> Any:
    """``k * root``, in place when ``root`` is a fresh numpy array (one pass, no new array)."""
    if type(root) is np.ndarray:
        root *= k
        return root
    return k * root


def branch_value(branch: Branch, q: Any, factor: float = 1.0) -> Any:
    """The branch formula on magnitudes, times ``factor`` (no floor, no hold)."""
    c = branch.coefficients
    if branch.form == "cube_root":
        return _scaled(np.cbrt(q), c[0] * factor)
    if branch.form == "square_root":
        return _scaled(np.sqrt(q), c[0] * factor)
    if branch.form == "two_thirds":
        root = np.cbrt(q)
        return _scaled(root * root, c[0] * factor)
    if factor != 1.0:
        return factor * branch_value(branch, q)
    # log-quadratic, on its increasing side only (see the module notes)
    with np.errstate(divide="ignore"):
        x = np.log(q)
    vertex = -c[1] / (2.0 * c[2])
    x = np.maximum(x, vertex) if c[2] > 0 else np.minimum(x, vertex)
    # HD 1.2 D2 is negative below about 12 kg: a distance is never negative
    return np.maximum(c[0] + c[1] * x + c[2] * x * x, 0.0)


def _raw_scalar(branch: Branch, q: float) -> float:
    return float(branch_value(branch, np.float64(q)))


def _holds(function: DistanceFunction) -> list[float]:
    """Value each branch may not fall below: the running maximum of previous branch ends."""
    holds = [-math.inf]
    for previous in function.branches[:-1]:
        holds.append(max(holds[-1], _raw_scalar(previous, previous.upper)))
    return holds


def _in_branch(branch: Branch, q: Any) -> Any:
    return q <= branch.upper if branch.upper_inclusive else q < branch.upper


def branch_index(function: DistanceFunction, q: Any) -> Any:
    """Index of the branch that applies to each NEQ (0-based), as an integer array."""
    index = np.full(np.shape(q), len(function.branches) - 1, dtype=np.intp)
    for i in range(len(function.branches) - 2, -1, -1):
        index = np.where(_in_branch(function.branches[i], q), i, index)
    return index


def evaluate_kernel(
    function: DistanceFunction, q: Any, minimum: float = 0.0, factor: float = 1.0
) -> Any:
    """Distance [m] for NEQ ``q`` [kg] (magnitudes; numpy or dask arrays; no validation).

    Branches are selected with ``np.where``; each later branch is held at the previous
    branch's end value until it catches up; then the scale and the step floor apply.
    ``minimum`` [m] is a lower bound the caller applies afterwards: holds and floor steps
    below it are skipped (they cannot change the result), which saves array passes.
    ``factor`` multiplies the result (the "2 x D12" of a cell), folded into the coefficient
    of a single-branch function without floor, so that it costs no extra pass.
    """
    branches = function.branches
    if (
        len(branches) == 1
        and not function.floors
        and not function.neq_minimum
        and branches[0].form != "log_quadratic"
    ):
        return branch_value(branches[0], q, factor * function.scale)
    holds = [h if h * function.scale > minimum else -math.inf for h in _holds(function)]
    x = np.maximum(q, function.neq_minimum) if function.neq_minimum else q
    result = branch_value(branches[-1], x)
    if holds[-1] > -math.inf:
        result = np.maximum(result, holds[-1])
    for i in range(len(branches) - 2, -1, -1):
        value = branch_value(branches[i], x)
        if holds[i] > -math.inf:
            value = np.maximum(value, holds[i])
        result = np.where(_in_branch(branches[i], x), value, result)
    if function.scale != 1.0:
        result = function.scale * result
    if not (function.floors and function.floors[-1][1] <= minimum):
        result = apply_floor(function.floors, q, result)
    return result if factor == 1.0 else factor * result


def apply_floor(floors: tuple[tuple[float, float], ...], q: Any, result: Any) -> Any:
    """``max(result, floor of the step containing q)`` for step floors ``((upper, m), ...)``."""
    if not floors:
        return result
    if len(floors) == 1:
        return np.maximum(result, floors[0][1])
    floor = np.full(np.shape(q), floors[-1][1]) if np.ndim(q) else floors[-1][1]
    for upper, value in reversed(floors[:-1]):
        floor = np.where(q <= upper, value, floor)
    return np.maximum(result, floor)


def _raw_inverse(branch: Branch, y: Any) -> Any:
    """The NEQ at which the branch formula reaches ``y`` (increasing side)."""
    c = branch.coefficients
    with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
        if branch.form == "cube_root":
            return (np.maximum(y, 0.0) / c[0]) ** 3
        if branch.form == "square_root":
            return (np.maximum(y, 0.0) / c[0]) ** 2
        if branch.form == "two_thirds":
            return (np.maximum(y, 0.0) / c[0]) ** 1.5
        a, b, cc = c
        vertex = -b / (2.0 * cc)
        disc = b * b - 4.0 * cc * (a - y)
        x = vertex + np.sqrt(np.maximum(disc, 0.0)) / (2.0 * cc)
        vertex_value = a + b * vertex + cc * vertex * vertex
        if cc > 0:
            # below the minimum nothing fits; at or above it the root lies on the right side
            return np.where(y < vertex_value, 0.0, np.exp(x))
        return np.where(y >= vertex_value, math.inf, np.exp(x))


def inverse_kernel(function: DistanceFunction, distance: Any) -> Any:
    """Largest NEQ [kg] whose distance does not exceed ``distance`` [m] (exact, unrounded).

    The function is non-decreasing, so the admissible NEQs form an interval starting at 0:
    its end is the smaller of the end set by the formula branches and the end set by the
    step floor. A floor above the distance gives 0 kg.
    """
    y = distance / function.scale if function.scale != 1.0 else distance
    holds = _holds(function)
    lower = 0.0
    best: Any = np.zeros(np.shape(distance)) if np.ndim(distance) else 0.0
    for branch, hold in zip(function.branches, holds, strict=True):
        start = max(_raw_scalar(branch, lower), hold) if lower > 0 else hold
        candidate = np.minimum(_raw_inverse(branch, y), branch.upper)
        candidate = np.maximum(candidate, lower)
        best = np.where(y >= start, np.maximum(best, candidate), best)
        lower = branch.upper
    if function.neq_minimum:
        start = float(evaluate_kernel(attrs.evolve(function, floors=()), function.neq_minimum))
        best = np.where(distance >= start, best, 0.0)
    return _floor_inverse(function.floors, distance, best)


def _floor_inverse(floors: tuple[tuple[float, float], ...], distance: Any, q: Any) -> Any:
    if not floors:
        return q
    # steps are non-decreasing, so the steps whose floor fits form a prefix: the admissible
    # NEQs end at the upper bound of the last of them (0 kg when even the first is too high)
    limit: Any = 0.0
    for upper, value in floors:
        limit = np.where(distance >= value, upper, limit)
    return np.minimum(q, limit)


# --- the shared D-codes -------------------------------------------------------------------

_AASTP_T1 = Reference("AASTP-1", "Ed.1 Ch.2 (2006)", "Annex I-A Table 1")
_AASTP_T2 = Reference("AASTP-1", "Ed.1 Ch.2 (2006)", "Annex I-A Table 2")
_AASTP_T3 = Reference("AASTP-1", "Ed.1 Ch.2 (2006)", "Annex I-A Tables 3A/3B")


def _cube(code: str, k: float, description: str, floor: float = 0.0) -> DistanceFunction:
    return DistanceFunction(
        code,
        (Branch("cube_root", (k,)),),
        _AASTP_T1.at(f"Annex I-A Table 1, {code}"),
        floors=((math.inf, floor),) if floor else (),
        description=description,
    )


#: HD 1.1 D-codes with their AASTP-1 (2006) coefficients, which IATG 02.20:2021 Annex E
#: prints unchanged. D11 and D13 here are the AASTP-1 two-branch forms; the criteria sets
#: attach their own table floors (and IATG its Q^2/3 branch).
HD11_FUNCTIONS: dict[str, DistanceFunction] = {
    "D1": _cube("D1", 0.35, "barricaded unboxed-bomb stacks, Q ≤ 30,000 kg"),
    "D2": _cube("D2", 0.44, "barricaded unboxed-bomb stacks, 30,000-120,000 kg"),
    "D3": _cube("D3", 0.5, "inter-magazine distance, igloo side/rear to igloo side/rear"),
    "D4": _cube("D4", 0.8, "inter-magazine distance"),
    "D5": _cube("D5", 1.1, "inter-magazine distance"),
    "D6": _cube("D6", 1.8, "inter-magazine distance"),
    "D7": _cube("D7", 2.4, "inter-magazine distance, barricaded stacks"),
    "D8": _cube("D8", 3.6, "inter-magazine distance"),
    "D9": _cube("D9", 4.8, "inter-magazine distance, unbarricaded stacks"),
    "D10": _cube("D10", 8.0, "explosives workshop (process building) distance"),
    "D11": DistanceFunction(
        "D11",
        (Branch("square_root", (3.6,), 4500.0), Branch("cube_root", (14.8,))),
        _AASTP_T1.at("Annex I-A Table 1, D11"),
        description="public traffic route distance (2/3 of IBD)",
    ),
    "D12": _cube("D12", 22.2, "blast inhabited building distance, no projection floor"),
    "D13": DistanceFunction(
        "D13",
        (Branch("square_root", (5.5,), 4500.0), Branch("cube_root", (22.2,))),
        _AASTP_T1.at("Annex I-A Table 1, D13"),
        description="inhabited building distance",
    ),
    "D14": _cube("D14", 14.0, "IBD from the rear of an earth-covered magazine"),
    "D15": _cube("D15", 18.0, "IBD from the side of an earth-covered magazine"),
    "D16": _cube("D16", 9.3, "PTRD from the rear of an earth-covered magazine"),
    "D17": _cube("D17", 12.0, "PTRD from the side of an earth-covered magazine"),
}

_D1_12 = Branch("log_quadratic", (28.127, -2.364, 1.577))
_D2_12 = Branch("log_quadratic", (-167.648, 70.345, -1.303))


def _hd12(code: str, branch: Branch, scale: float, floor: float, text: str) -> DistanceFunction:
    return DistanceFunction(
        code,
        (branch,),
        _AASTP_T2.at(f"Annex I-A Table 2, {code}"),
        scale=scale,
        floors=((math.inf, floor),),
        description=text,
    )


#: HD 1.2 D-codes (AASTP-1 2006 Table 2 = IATG 02.20:2021 Table H.1): D1/D2 inhabited
#: building distance for HD 1.2.2 / 1.2.1; D3/D4 = 36 % (workshops); D5/D6 = 67 % (PTR).
HD12_FUNCTIONS: dict[str, DistanceFunction] = {
    "D1": _hd12("D1", _D1_12, 1.0, 30.0, "IBD, HD 1.2.2"),
    "D2": _hd12("D2", _D2_12, 1.0, 60.0, "IBD, HD 1.2.1"),
    "D3": _hd12("D3", _D1_12, 0.36, 20.0, "explosives workshop distance, HD 1.2.2"),
    "D4": _hd12("D4", _D2_12, 0.36, 20.0, "explosives workshop distance, HD 1.2.1"),
    "D5": _hd12("D5", _D1_12, 0.67, 30.0, "public traffic route distance, HD 1.2.2"),
    "D6": _hd12("D6", _D2_12, 0.67, 60.0, "public traffic route distance, HD 1.2.1"),
}


def _hd13(code: str, branch: Branch, floor: float, text: str) -> DistanceFunction:
    return DistanceFunction(
        code,
        (branch,),
        _AASTP_T3.at(f"Annex I-A Tables 3A/3B, {code}"),
        floors=((math.inf, floor),),
        description=text,
    )


#: HD 1.3 D-codes. D1 is 0.22·Q^1/2: AASTP-1 (2006) prints "0.22 Q^1/3" but every printed
#: value follows the square root (14,000 kg -> 27 m, 100,000 kg -> 70 m), and IATG
#: 02.20:2021 Table L.1 prints the square root.
HD13_FUNCTIONS: dict[str, DistanceFunction] = {
    "D1": _hd13("D1", Branch("square_root", (0.22,)), 25.0, "inter-magazine distance"),
    "D2": _hd13("D2", Branch("cube_root", (3.2,)), 60.0, "explosives workshop distance"),
    "D3": _hd13("D3", Branch("cube_root", (4.3,)), 60.0, "PTRD, light traffic"),
    "D4": _hd13("D4", Branch("cube_root", (6.4,)), 60.0, "inhabited building distance"),
}
