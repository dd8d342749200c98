"""Random consistency index tables for AHP, one named, cited data object per source.

The consistency ratio ``CR = CI / RI(n)`` divides by the mean consistency index of random
reciprocal matrices of size ``n``. The published tables differ (each was estimated by a
different simulation), and so do the libraries that embed them, so the same judgements can
pass the 0.10 threshold under one table and fail under another. dpssec therefore makes the
table an explicit, named parameter of :func:`~dpssec.mines.mcda.ahp`.

For example:

>>> from dpssec.mines.mcda import RANDOM_INDEX_TABLES
>>> RANDOM_INDEX_TABLES["donegan-dodd"].value(7)
1.2519
>>> sorted(RANDOM_INDEX_TABLES)
['donegan-dodd', 'saaty1980', 'saaty2005', 'tummala-ling']
"""

from __future__ import annotations

import attrs

from dpssec.boundary import example_by
from dpssec.errors import InputError
from dpssec.references import Reference

__all__ = [
    "DONEGAN_DODD_1991",
    "RANDOM_INDEX_TABLES",
    "RandomIndexTable",
    "SAATY_1980",
    "SAATY_2005",
    "TUMMALA_LING_1998",
]


def _check_values(instance: object, attribute: attrs.Attribute[object], value: object) -> None:
    if not isinstance(value, tuple) or not value:
        raise InputError("RandomIndexTable.values must be a non-empty tuple of floats")
    for n, ri in enumerate(value, start=1):
        if isinstance(ri, bool) or not isinstance(ri, int | float) or ri < 0 or ri != ri:
            raise InputError(f"RandomIndexTable.values: RI({n}) = {ri!r} is not a number >= 0")
        if n >= 3 and ri <= 0:
            raise InputError(f"RandomIndexTable.values: RI({n}) must be > 0 for n >= 3")


@example_by(lambda: SAATY_1980)
@attrs.frozen
class RandomIndexTable:
    """Random consistency indices RI(n) for n = 1, 2, ... with their source.

    Parameters
    ----------
    name : str
        Short name used as the ``random_index`` argument of ``ahp``.
    values : tuple of float
        ``values[n - 1]`` is RI(n); RI(1) = RI(2) = 0 (matrices of size 1 and 2 are always
        consistent).
    reference : Reference
        Where the numbers come from, with the verified flag.
    """

    name: str
    values: tuple[float, ...] = attrs.field(validator=_check_values)
    reference: Reference

    @property
    def max_size(self) -> int:
        """Largest matrix size the table covers."""
        return len(self.values)

    def value(self, n: int) -> float:
        """RI(n); InputError if the table does not cover size ``n``."""
        if not 1 <= n <= self.max_size:
            raise InputError(
                f"random index table {self.name!r} covers matrices of size 1 to "
                f"{self.max_size}; got size {n}. Pass a RandomIndexTable with RI({n}) from "
                f"a published source as random_index=..."
            )
        return float(self.values[n - 1])


SAATY_1980: RandomIndexTable = RandomIndexTable(
    "saaty1980",
    (0.0, 0.0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49),
    Reference(
        "Saaty, The Analytic Hierarchy Process",
        "McGraw-Hill 1980",
        "random index RI(n), n = 1-10 (as embedded in pyDecision)",
    ),
)
"""Saaty (1980), the most common table (n = 1..10)."""

SAATY_2005 = RandomIndexTable(
    "saaty2005",
    (0.0, 0.0, 0.52, 0.89, 1.11, 1.25, 1.35, 1.40, 1.45, 1.49),
    Reference(
        "Saaty, Theory and Applications of the Analytic Network Process",
        "RWS Publications 2005",
        "random index RI(n), n = 1-10 (as embedded in AHPy, 'saaty')",
    ),
)
"""Saaty (2005), ANP book (n = 1..10)."""

DONEGAN_DODD_1991 = RandomIndexTable(
    "donegan-dodd",
    (0.0, 0.0, 0.4914, 0.8286, 1.0591, 1.1797, 1.2519, 1.3171, 1.3733, 1.4055),
    Reference(
        "Donegan & Dodd, A note on Saaty's random indexes",
        "Mathematical and Computer Modelling 15(10), 1991",
        "random index RI(n), n = 1-10 (as embedded in AHPy, 'dd')",
    ),
)
"""Donegan & Dodd (1991), AHPy's default (n = 1..10)."""

TUMMALA_LING_1998 = RandomIndexTable(
    "tummala-ling",
    (0.0, 0.0, 0.5799, 0.8921, 1.1159, 1.2358, 1.3322, 1.3952, 1.4537, 1.4882),
    Reference(
        "Tummala & Ling, A note on the computation of the mean random consistency index of the AHP",
        "Theory and Decision 44(3), 1998",
        "random index RI(n), n = 1-10 (as embedded in pymcdm 1.4)",
    ),
)
"""Tummala & Ling (1998), pymcdm's table (n = 1..10)."""

RANDOM_INDEX_TABLES: dict[str, RandomIndexTable] = {
    table.name: table for table in (SAATY_1980, SAATY_2005, DONEGAN_DODD_1991, TUMMALA_LING_1998)
}
"""The built-in tables by name (the accepted string values of ``ahp(random_index=...)``)."""
