"""Marking checks: are the marks found on a weapon what a profile asks for?

:func:`check_marking` takes one :class:`~dpssec.arms.firearms.FirearmRecord` (with the marks
found on the weapon) and one :class:`~dpssec.arms.firearms.MarkingProfile` and returns one
:class:`~dpssec.findings.Finding` per problem, each citing the clause that asks for the mark.
For every rule of the profile the marks of the accepted kinds are looked at:

* none at all: ``mark-missing`` (VIOLATION for a required mark, WARNING for a recommended one,
  INFO for an encouraged one);
* present, but only on other parts than the rule names: ``mark-misplaced`` (same severity);
* present but unreadable (empty, not a country, not a year): ``mark-malformed`` (same severity);
* readable but contradicting the record (another serial, country or year): ``mark-mismatch``,
  always a VIOLATION, because the record or the weapon is then wrong (reported even when
  another mark satisfies the rule);
* a country written other than as the ISO alpha-2 code where ISACS 05.30 recommends it:
  ``mark-format`` (WARNING);
* a country code withdrawn from ISO 3166-1 (ISO 3166-3: ``SU``, ``YU``, ``CS``, ``DD``...):
  ``mark-former-code`` (INFO) when the mark was made before the change (the year of
  manufacture, or of import for an import mark), naming the successor states, so that a
  1978 rifle marked ``SU`` is no violation; ``mark-outdated-code`` (WARNING) when the mark
  postdates the change, suggesting the current code of the successor state(s);
* an alternative unique mark standing in for the name, country and serial: one
  ``mark-alternative`` INFO finding.

A record whose marks were not recorded (``marks=None``, the default, and every record of a
CSV register) is not checked: it gets one ``marks-not-recorded`` INFO finding, so that "marks
not recorded" is never reported as "weapon unmarked". ``marks=()`` means the weapon was
inspected and carries no mark, and every rule is then checked (``mark-missing``).

An empty list means the marks satisfy the profile. Findings from profiles whose text has not
been read in the primary source say so through their reference (``verified=False``).

For example:

>>> from dpssec.arms.firearms import FirearmRecord, Mark, MarkKind, check_marking
>>> r = FirearmRecord("AB12345", "Taurus", "PT92", country_of_manufacture="BRA", marks=[
...     Mark(MarkKind.MANUFACTURER, "TAURUS"), Mark(MarkKind.COUNTRY_OF_MANUFACTURE, "BR"),
...     Mark(MarkKind.SERIAL_NUMBER, "AB 12345")])
>>> [f.code for f in check_marking(r, "ITI")]
['mark-missing', 'mark-missing', 'mark-missing']
>>> [f.code for f in check_marking(r, "ITI") if f.severity.value == "violation"]
[]
>>> print(check_marking(r, "EU")[0])
VIOLATION [AB12345]: year of manufacture, unless it is part of the serial number: no mark found ...
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence

from dpssec.arms.firearms.profiles import MARKING_PROFILE, MarkingProfile, MarkingRule
from dpssec.arms.firearms.records import (
    EARLIEST_YEAR,
    FirearmRecord,
    Mark,
    MarkKind,
    matching_form,
)
from dpssec.boundary import Model, Records, calculator
from dpssec.countries import (
    COUNTRIES,
    FormerCountry,
    country,
    former_countries,
    is_country,
)
from dpssec.findings import ComplianceReport, Finding, Severity

__all__ = ["check_marking", "marking_report"]

_YEAR = re.compile(r"^\d{2}$|^\d{4}$")


def _year_problem(text: str, expected: int | None) -> tuple[str, str] | None:
    """None when the year mark is fine, else (code, reason)."""
    year = text.strip()
    if not _YEAR.match(year):
        return "mark-malformed", f"{text!r} is not a two- or four-digit year"
    value = int(year)
    if len(year) == 4 and not EARLIEST_YEAR <= value <= dt.date.today().year:
        return "mark-malformed", f"{value} is not a plausible year"
    if expected is not None:
        same = value == expected if len(year) == 4 else value == expected % 100
        if not same:
            return "mark-mismatch", f"the mark reads {year} but the record says {expected}"
    return None


def _former_of(code: str | None) -> FormerCountry | None:
    """The former country a record's alpha-3 code names (``"SUN"``), if it is one."""
    if code is None or code in COUNTRIES:
        return None
    found = former_countries(code)
    return found[0] if len(found) == 1 else None


def _same_country(alpha2: str, alpha3: str, expected: str | None) -> bool:
    """Whether a current country agrees with the record's (current, or former by succession)."""
    if expected is None or expected == alpha3:
        return True
    former = _former_of(expected)
    return former is not None and alpha2 in former.successors


def _pick_former(
    formers: tuple[FormerCountry, ...], year: int | None, expected: str | None
) -> FormerCountry:
    """The entry meant: the one the record names, else the one in use that year."""
    for former in formers:
        if expected in (former.alpha3,) or (
            expected is not None
            and COUNTRIES.get(expected) is not None
            and COUNTRIES[expected].alpha2 in former.successors
        ):
            return former
    if year is not None:
        in_use = [f for f in formers if f.valid_in(year) is not False]
        if in_use:
            return in_use[0]
    return formers[0]


def _former_problem(
    text: str, formers: tuple[FormerCountry, ...], expected: str | None, year: int | None
) -> tuple[str, str]:
    former = _pick_former(formers, year, expected)
    code = text.strip().upper()
    what = (
        f"{code!r} is the former ISO 3166 code of {former.name} (withdrawn {former.withdrawn}, "
        f"ISO 3166-3 {former.alpha4})"
    )
    if len(formers) > 1:
        others = ", ".join(f"{f.name} until {f.withdrawn}" for f in formers if f is not former)
        what += f" (it also meant {others})"
    successors = f"successor state(s): {former.successor_text()}"
    if expected is not None and expected != former.alpha3:
        current = COUNTRIES.get(expected)
        if current is None or current.alpha2 not in former.successors:
            return (
                "mark-mismatch",
                f"the mark reads {former.name} ({code}) but the record says {expected}",
            )
    if year is None:
        return (
            "mark-former-code",
            f"{what}; the record gives no year, so whether the mark predates the change "
            f"cannot be told; {successors}",
        )
    valid = former.valid_in(year)
    if valid is False:
        codes = ", ".join(
            repr(c.alpha2 if len(code) == 2 else c.alpha3) for c in former.successor_countries
        )
        return (
            "mark-outdated-code",
            f"{what}, before the mark was made ({year}): use the current code of the "
            f"successor state ({codes}); {successors}",
        )
    when = "in the year of the change" if valid is None else "when the mark was made"
    return "mark-former-code", f"{what}; in use {when} ({year}); {successors}"


def _country_problem(
    text: str, expected: str | None, alpha2: bool, year: int | None
) -> tuple[str, str] | None:
    if not is_country(text):
        formers = former_countries(text)
        if formers:
            return _former_problem(text, formers, expected, year)
        return "mark-malformed", f"{text!r} is not an ISO 3166 country code or name"
    code = country(text)
    if not _same_country(code.alpha2, code.alpha3, expected):
        return "mark-mismatch", f"the mark reads {code} but the record says {expected}"
    if alpha2 and text.strip().upper() != code.alpha2:
        return "mark-format", f"{text!r} should be written as the alpha-2 code {code.alpha2!r}"
    return None


def _mark_problem(mark: Mark, record: FirearmRecord, rule: MarkingRule) -> tuple[str, str] | None:
    """None when the mark is readable and agrees with the record, else (code, reason)."""
    if not mark.text.strip():
        return "mark-malformed", "the mark is empty or illegible"
    kind = mark.kind
    if kind is MarkKind.SERIAL_NUMBER:
        if matching_form(mark.text) != record.normalised_serial:
            return (
                "mark-mismatch",
                f"the mark reads {mark.text!r} but the record's serial is {record.serial_number!r}",
            )
    elif kind is MarkKind.COUNTRY_OF_MANUFACTURE:
        return _country_problem(
            mark.text,
            record.country_of_manufacture,
            rule.alpha2_country,
            record.year_of_manufacture,
        )
    elif kind is MarkKind.IMPORT_COUNTRY:
        return _country_problem(
            mark.text, record.import_country, rule.alpha2_country, record.import_year
        )
    elif kind is MarkKind.YEAR_OF_MANUFACTURE:
        return _year_problem(mark.text, record.year_of_manufacture)
    elif kind is MarkKind.IMPORT_YEAR:
        return _year_problem(mark.text, record.import_year)
    return None


def _finding(
    code: str,
    severity: Severity,
    rule: MarkingRule,
    record: FirearmRecord,
    profile: MarkingProfile,
    reason: str,
) -> Finding:
    return Finding(
        code,
        severity,
        f"{rule.description}: {reason}",
        subject=record.serial_number,
        reference=rule.reference,
        details={
            "profile": profile.name,
            "rule": rule.code,
            "mark": rule.kind.value,
            "requirement": rule.requirement.value,
            "source_status": profile.source_status,
        },
    )


def _check_rule(
    rule: MarkingRule, record: FirearmRecord, profile: MarkingProfile, alternative: bool
) -> list[Finding]:
    severity = rule.requirement.severity
    marks = record.marks or ()
    found = [m for m in marks if m.kind in rule.accepted_kinds]
    if rule.parts:
        placed = [m for m in found if m.part in rule.parts]
        if found and not placed:
            where = ", ".join(sorted({m.part.value for m in found}))
            wanted = ", ".join(p.value for p in rule.parts)
            return [
                _finding(
                    "mark-misplaced",
                    severity,
                    rule,
                    record,
                    profile,
                    f"found on {where}, not on {wanted}",
                )
            ]
        found = placed
    if not found:
        if rule.alternative_mark_ok and alternative:
            return []
        if rule.year_in_serial_ok and record.year_of_manufacture is not None:
            year = str(record.year_of_manufacture)
            if any(year in m.text for m in record.marks_of(MarkKind.SERIAL_NUMBER)):
                return []
        return [_finding("mark-missing", severity, rule, record, profile, "no mark found")]
    problems = [_mark_problem(m, record, rule) for m in found]
    reported = [p for p in problems if p is not None]
    if any(p is None for p in problems):
        # One good mark satisfies the rule, but a mark contradicting the record is still an
        # error in the record or on the weapon.
        reported = [p for p in reported if p[0] == "mark-mismatch"]
    findings = []
    for code, reason in dict.fromkeys(reported):
        if code == "mark-mismatch":
            sev = Severity.VIOLATION
        elif code in ("mark-format", "mark-outdated-code"):
            sev = Severity.WARNING if severity is not Severity.INFO else Severity.INFO
        elif code == "mark-former-code":
            sev = Severity.INFO  # the mark was right when it was made
        else:
            sev = severity
        findings.append(_finding(code, sev, rule, record, profile, reason))
    return findings


def _not_recorded(record: FirearmRecord, profile: MarkingProfile) -> Finding:
    return Finding(
        "marks-not-recorded",
        Severity.INFO,
        "marks not recorded (the record does not say what marks the weapon carries); "
        "nothing checked: inspect the weapon and record its marks",
        subject=record.serial_number,
        reference=profile.rules[0].reference if profile.rules else None,
        details={"profile": profile.name, "source_status": profile.source_status},
    )


_EXAMPLE_RECORD = FirearmRecord(
    "AK-1978-04",
    "Izhmash",
    "AKM",
    country_of_manufacture="SU",
    year_of_manufacture=1978,
    marks=[
        Mark(MarkKind.MANUFACTURER, "IZH"),
        Mark(MarkKind.COUNTRY_OF_MANUFACTURE, "SU"),
        Mark(MarkKind.SERIAL_NUMBER, "AK 1978 04"),
    ],
)


@calculator(
    record=Model(FirearmRecord),
    profile=MARKING_PROFILE,
    example={"record": _EXAMPLE_RECORD, "profile": "ITI"},
)
def check_marking(record: FirearmRecord, profile: str | MarkingProfile = "ITI") -> list[Finding]:
    """Check the marks found on a weapon against a marking profile.

    Parameters
    ----------
    record : FirearmRecord
        The weapon, with the marks found on it (:attr:`FirearmRecord.marks`).
    profile : str or MarkingProfile
        ``"ITI"`` (default), ``"UN Firearms Protocol"``, ``"CIFTA"``, ``"ISACS 05.30"``,
        ``"EU"``, or a custom :class:`~dpssec.arms.firearms.MarkingProfile`.

    Returns
    -------
    list of Finding
        One per problem (codes ``mark-missing``, ``mark-misplaced``, ``mark-malformed``,
        ``mark-mismatch``, ``mark-format``, ``mark-alternative``, ``mark-former-code``,
        ``mark-outdated-code``); empty when the marks satisfy the profile. A record with ``marks=None`` (not recorded) gets only one INFO finding,
        ``marks-not-recorded``: nothing was checked. Each cites its clause; ``finding.verified`` is False for every built-in
        profile (see ``arms.md`` §9 and §17 of the project reference).

    Raises
    ------
    InputError
        If ``record`` is not a FirearmRecord or the profile is unknown.

    Notes
    -----
    Rules for import marks apply only when the record names an import country. A serial,
    country or year mark is compared with the record after normalisation (serials: case,
    spaces and separators; countries: any ISO 3166 code or name, a former code agreeing with
    the record's former country or with one of its successor states; years: four digits, or
    two digits compared with the year modulo 100). A former code is judged against the year
    the mark was made: the year of manufacture for a manufacture mark, the year of import for
    an import mark (a mark made in the year of the change is accepted).

    References
    ----------
    International Tracing Instrument (2005) para 8; UN Firearms Protocol (2001) Art. 8; CIFTA
    (1997) Art. VI; ISACS 05.30; Directive 91/477/EEC as amended by 2008/51/EC; ISO 3166-3
    (former country codes).

    Examples
    --------
    >>> from dpssec.arms.firearms import FirearmRecord, Mark, MarkKind, check_marking
    >>> r = FirearmRecord("X1", "Glock", "17", import_country="JM", marks=[
    ...     Mark(MarkKind.ALTERNATIVE_UNIQUE_MARK, "A-7-triangle")])
    >>> [(f.code, f.severity.value) for f in check_marking(r)][:2]
    [('mark-alternative', 'info'), ('mark-missing', 'info')]
    >>> [f.details["rule"] for f in check_marking(r) if f.severity.value == "violation"]
    ['iti-8b-import-country']

    Marks not recorded (``None``) are not marks missing (``()``):

    >>> [f.code for f in check_marking(FirearmRecord("X1", "Glock", "17"))]
    ['marks-not-recorded']
    >>> [f.code for f in check_marking(FirearmRecord("X1", "Glock", "17", marks=()))][:2]
    ['mark-missing', 'mark-missing']

    A rifle made in the Soviet Union in 1978 and marked ``SU`` is not in violation:

    >>> rifle = FirearmRecord("AK-1", "Izhmash", "AKM", year_of_manufacture=1978, marks=[
    ...     Mark(MarkKind.MANUFACTURER, "IZH"), Mark(MarkKind.COUNTRY_OF_MANUFACTURE, "SU"),
    ...     Mark(MarkKind.SERIAL_NUMBER, "AK1")])
    >>> [(f.code, f.severity.value) for f in check_marking(rifle)][0]
    ('mark-former-code', 'info')
    >>> print(check_marking(rifle)[0].message)  # doctest: +NORMALIZE_WHITESPACE
    country of manufacture, marked at manufacture: 'SU' is the former ISO 3166 code of USSR
    (withdrawn 1992-08-30, ISO 3166-3 SUHH); in use when the mark was made (1978); successor
    state(s): Armenia (AM), Azerbaijan (AZ), Belarus (BY), Estonia (EE), Georgia (GE),
    Kyrgyzstan (KG), Kazakhstan (KZ), Lithuania (LT), Latvia (LV), Moldova (MD), Russian
    Federation (RU), Tajikistan (TJ), Turkmenistan (TM), Ukraine (UA), Uzbekistan (UZ)
    """
    chosen: MarkingProfile = profile  # type: ignore[assignment]  # parsed by the spec
    if record.marks is None:
        return [_not_recorded(record, chosen)]
    alternative = any(m.text.strip() for m in record.marks_of(MarkKind.ALTERNATIVE_UNIQUE_MARK))
    findings: list[Finding] = []
    stood_in = False
    for rule in chosen.rules:
        if rule.imported_only and not record.imported:
            continue
        if (
            alternative
            and rule.alternative_mark_ok
            and not any(m.kind in rule.accepted_kinds for m in record.marks or ())
        ):
            stood_in = True
        findings.extend(_check_rule(rule, record, chosen, alternative))
    if stood_in:
        first = next(r for r in chosen.rules if r.alternative_mark_ok)
        findings.insert(
            0,
            Finding(
                "mark-alternative",
                Severity.INFO,
                "an alternative unique mark stands in for the manufacturer, country and serial "
                "marks; check that it lets every State identify the country of manufacture",
                subject=record.serial_number,
                reference=first.reference,
                details={"profile": chosen.name, "source_status": chosen.source_status},
            ),
        )
    return findings


@calculator(
    records=Records(FirearmRecord),
    profile=MARKING_PROFILE,
    example={"records": [_EXAMPLE_RECORD], "profile": "CIFTA"},
)
def marking_report(
    records: Iterable[FirearmRecord] | Sequence[FirearmRecord],
    profile: str | MarkingProfile = "ITI",
) -> ComplianceReport:
    """:func:`check_marking` over many records, as one :class:`ComplianceReport`.

    Examples
    --------
    >>> from dpssec.arms.firearms import FirearmRecord, marking_report
    >>> report = marking_report([FirearmRecord("A1", "CZ", "75", marks=())], "CIFTA")
    >>> report.ok, len(report.violations)
    (False, 3)
    """
    chosen: MarkingProfile = profile  # type: ignore[assignment]  # parsed by the spec
    findings = [f for record in records for f in check_marking.kernel(record, chosen)]  # type: ignore[attr-defined]
    status = "" if chosen.verified else f", {chosen.source_status}: not read in the primary text"
    return ComplianceReport(
        tuple(findings), title="Firearm marking", criteria=f"{chosen.name}{status}"
    )
