"""Firearms: records, marking checks, record retention and inventory reconciliation.

Will hold ``FirearmRecord``, ``check_marking`` (ITI, UN Firearms Protocol, CIFTA, ISACS 05.30,
EU profiles), ``retention_until`` and ``reconcile_inventory``.
"""

from __future__ import annotations

__all__: list[str] = []
