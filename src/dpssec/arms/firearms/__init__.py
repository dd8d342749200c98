"""Firearms: records, marking checks, record retention and inventory reconciliation.

* :mod:`~dpssec.arms.firearms.records`: :class:`FirearmRecord` with the marks found on the
  weapon; countries come from :mod:`dpssec.countries` (every ISO 3166-1 country and the
  former codes of ISO 3166-3);
* :mod:`~dpssec.arms.firearms.profiles` and :mod:`~dpssec.arms.firearms.marking`: marking
  profiles (ITI, UN Firearms Protocol, CIFTA, ISACS 05.30, EU) and :func:`check_marking`;
* :mod:`~dpssec.arms.firearms.retention`: :func:`retention_until` and :func:`records_to_keep`;
  :mod:`~dpssec.arms.firearms.record_content`: :func:`check_record_content`;
* :mod:`~dpssec.arms.firearms.register`, :mod:`~dpssec.arms.firearms.readers` and
  :mod:`~dpssec.arms.firearms.reconcile`: registers as columns, CSV/JSON readers with
  row-numbered errors, and :func:`reconcile_inventory`; the column checks
  (:mod:`~dpssec.arms.firearms.register_checks`) and the string kernels
  (:mod:`~dpssec.arms.firearms.identity_kernels`) under them.

None of the instruments' texts has been read in the primary source by the project: every
profile and period is an overridable preset whose references say ``verified=False``.
"""

from __future__ import annotations

from dpssec.arms.firearms.marking import check_marking, marking_report
from dpssec.arms.firearms.profiles import (
    MARKING_PROFILES,
    MarkingProfile,
    MarkingRule,
    MarkRequirement,
    marking_profile,
)
from dpssec.arms.firearms.readers import (
    read_register,
    read_register_csv,
    read_register_json,
    write_register_csv,
)
from dpssec.arms.firearms.reconcile import (
    DuplicateSerial,
    InventoryReconciliation,
    NearMatch,
    StatusConflict,
    reconcile_inventory,
)
from dpssec.arms.firearms.record_content import check_record_content
from dpssec.arms.firearms.records import (
    FirearmPart,
    FirearmRecord,
    FirearmStatus,
    Mark,
    MarkKind,
    normalise_serial,
)
from dpssec.arms.firearms.register import FirearmRegister
from dpssec.arms.firearms.retention import (
    RETENTION_PROFILES,
    RecordKind,
    RetentionCheck,
    RetentionProfile,
    records_to_keep,
    retention_until,
)

__all__ = [
    "DuplicateSerial",
    "FirearmPart",
    "FirearmRecord",
    "FirearmRegister",
    "FirearmStatus",
    "InventoryReconciliation",
    "MARKING_PROFILES",
    "Mark",
    "MarkKind",
    "MarkingProfile",
    "MarkingRule",
    "NearMatch",
    "RETENTION_PROFILES",
    "RecordKind",
    "MarkRequirement",
    "RetentionCheck",
    "RetentionProfile",
    "StatusConflict",
    "check_marking",
    "check_record_content",
    "marking_profile",
    "marking_report",
    "normalise_serial",
    "read_register",
    "read_register_csv",
    "read_register_json",
    "reconcile_inventory",
    "records_to_keep",
    "retention_until",
    "write_register_csv",
]
