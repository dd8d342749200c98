"""What the justice calculators add to the input vocabulary of :mod:`dpssec.boundary`.

* :class:`Preset`: a named preset (a threshold or space standard) given by its key, parsed by
  :func:`~dpssec.boundary.parse_choice` (any case, ``-``/``_``/space alike, the closest key
  suggested), or given as an own standard object;
* :func:`refuse_empty` and :func:`refuse_above`: the two rules a spec cannot state on one
  parameter (an empty table, and a derived sum such as ``unsentenced + awaiting_appeal``
  above its total); both stay lazy on dask;
* :func:`same_values` / :data:`VALUES_EQ`: element-wise equality of result fields (NaN equal
  to NaN), so results holding arrays compare with ``==``.

For example:

>>> from dpssec.justice import CELL_SPACE_STANDARDS
>>> from dpssec.justice.boundary_rules import Preset
>>> Preset(CELL_SPACE_STANDARDS).convert("CPT Minimum", "standard").key
'cpt-minimum'
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

import attrs
import numpy as np

from dpssec.boundary import OptionSpec, parse_choice
from dpssec.boundary.arrays import block_place, is_lazy, raise_bad
from dpssec.errors import InputError

__all__ = ["VALUES_EQ", "Preset", "refuse_above", "refuse_empty", "same_values"]


@attrs.frozen
class Preset(OptionSpec):
    """A named preset: its key (parsed as a choice) or an object of the presets' own class.

    Parameters
    ----------
    presets : mapping of str to object
        The shipped presets by key; own objects of the same class are accepted as they are.
    """

    presets: Mapping[str, Any]
    optional: bool = attrs.field(default=False, kw_only=True)
    kind: ClassVar[str] = "a preset"

    def describe(self) -> str:
        return "one of " + ", ".join(map(repr, self.presets))

    def convert(self, value: Any, name: str) -> Any:
        if value is None and self.optional:
            return None
        own = type(next(iter(self.presets.values())))
        if isinstance(value, own):
            return value
        key = parse_choice(value, tuple(self.presets), name)
        return self.presets[key]


def refuse_empty(function: str, **arrays: Any) -> None:
    """Refuse an empty array (an empty table is a mistake, not a result of zero rows)."""
    for name, value in arrays.items():
        if value is not None and 0 in np.shape(value):
            raise InputError(f"{function}: parameter {name!r} is empty; give at least one value")


def refuse_above(small: Any, large: Any, name: str, reason: str) -> Any:
    """Refuse rows where ``small > large``, naming the first; return ``small``.

    For derived quantities that a declared relation (:func:`~dpssec.boundary.not_above`)
    cannot name. Dask input stays lazy: the check runs block by block when computed.
    """
    if is_lazy(small) or is_lazy(large):
        import dask.array as da

        def check(block: np.ndarray, limit: np.ndarray, block_info: Any = None) -> np.ndarray:
            bad = block > limit
            place = block_place(block_info)
            raise_bad(np.broadcast_to(block, np.shape(bad)), name, bad, reason, place, lazy=True)
            return block

        return da.map_blocks(check, small, large, dtype=float)  # type: ignore[no-untyped-call]
    with np.errstate(invalid="ignore"):
        bad = np.asarray(small > large)
    if bad.any():
        shown = np.broadcast_to(np.asarray(small, dtype=float), bad.shape)
        raise_bad(shown, name, bad, reason, None)
    return small


def same_values(a: Any, b: Any) -> bool:
    """Whether two result fields hold the same values (arrays element-wise, NaN equal to NaN).

    Examples
    --------
    >>> import numpy as np
    >>> from dpssec.justice.boundary_rules import same_values
    >>> same_values(np.array([1.0, np.nan]), np.array([1.0, np.nan])), same_values(1.0, 2.0)
    (True, False)
    """
    if a is None or b is None or is_lazy(a) or is_lazy(b):
        return a is b
    if isinstance(a, str | tuple) or isinstance(b, str | tuple):
        return bool(a == b)
    left, right = np.asarray(a), np.asarray(b)
    if left.shape != right.shape:
        return False
    if left.dtype.kind in "biuf" and right.dtype.kind in "biuf":
        return bool(np.array_equal(left.astype(float), right.astype(float), equal_nan=True))
    return bool(np.array_equal(left, right))


VALUES_EQ = attrs.cmp_using(eq=same_values, require_same_type=False)
"""An attrs ``eq`` for fields that may hold arrays (``attrs.field(eq=VALUES_EQ)``)."""
