"""Record content: does a firearm record hold what ISACS 05.30 asks a register to keep?

ISACS 05.30 (now MOSAIC 05.30) lists what the record of each weapon should hold: country and
name of manufacturer, serial number, year of manufacture, type or model, calibre and the
location of the markings, among others (``arms.md`` §9 of the project reference, from a
secondary training deck: every finding carries ``verified=False``).
:func:`check_record_content` reports each item the record leaves empty as a WARNING
``record-incomplete``. Manufacturer and serial number cannot be empty in a
:class:`~dpssec.arms.firearms.FirearmRecord`, so they are never reported.

For example:

>>> from dpssec.arms.firearms import FirearmRecord, check_record_content
>>> [f.details["field"] for f in check_record_content(FirearmRecord("A-1", "CZ", "75"))]
['country_of_manufacture', 'year_of_manufacture', 'calibre', 'marks']
"""

from __future__ import annotations

from dpssec.arms.firearms.records import FirearmRecord
from dpssec.boundary import Model, calculator
from dpssec.findings import Finding, Severity
from dpssec.references import Reference

__all__ = ["RECORD_CONTENT_REFERENCE", "check_record_content"]

RECORD_CONTENT_REFERENCE = Reference(
    "ISACS 05.30 Marking and recordkeeping",
    "edition not checked (now MOSAIC 05.30)",
    "records of each weapon",
    verified=False,
)
"""The clause listing what a weapon's record holds [secondary, verified=False]."""

_ITEMS = (
    ("country_of_manufacture", "country of manufacture"),
    ("year_of_manufacture", "year of manufacture"),
    ("model", "type or model"),
    ("calibre", "calibre"),
    ("marks", "location of the markings (no marks recorded)"),
)


@calculator(record=Model(FirearmRecord), example={"record": FirearmRecord("A-1", "CZ", "75")})
def check_record_content(record: FirearmRecord) -> list[Finding]:
    """Report the items of ISACS 05.30's weapon record that a record leaves empty.

    Parameters
    ----------
    record : FirearmRecord

    Returns
    -------
    list of Finding
        One ``record-incomplete`` WARNING per missing item, citing ISACS 05.30 (unverified).

    Raises
    ------
    InputError
        If ``record`` is not a FirearmRecord.

    Examples
    --------
    >>> from dpssec.arms.firearms import FirearmRecord, check_record_content
    >>> r = FirearmRecord("A-1", "CZ", "", country_of_manufacture="CZ", calibre="9x19",
    ...                   year_of_manufacture=2001)
    >>> print(check_record_content(r)[0])
    WARNING [A-1]: the record does not give the type or model (ISACS 05.30 ... [unverified])
    """
    findings = []
    for field, label in _ITEMS:
        if getattr(record, field) in (None, "", ()):
            findings.append(
                Finding(
                    "record-incomplete",
                    Severity.WARNING,
                    f"the record does not give the {label}",
                    subject=record.serial_number,
                    reference=RECORD_CONTENT_REFERENCE,
                    details={"field": field},
                )
            )
    return findings
