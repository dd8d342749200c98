"""An Article 7-style annual summary per country: land released, casualties, EORE, victim assistance.

States Parties to the Mine Ban Convention report each year (Article 7, transparency measures)
on mined areas and their clearance (Article 5), and the Monitor and donors ask in the same
breath for casualties, people reached by risk education and victims assisted (Article 6.3).
:func:`article7_summary` assembles these from the models, for one country and year:

* land released: cancelled, reduced and cleared area (numbers, Quantities, or the result of
  :func:`~dpssec.mines.land_release.release_summary`, which is read, not recomputed);
* casualties: :func:`~dpssec.mines.casualties.casualty_summary` of the year's records;
* risk education: :func:`~dpssec.mines.eore.people_reached` of the year's sessions;
* victim assistance: :func:`~dpssec.mines.victim_assistance.assistance_coverage` of the known
  victims at the end of the year.

The result is a table (``to_frame()``, one row per indicator, with its unit and basis), text and
HTML; sections with no data say "not reported" rather than 0.

For example:

>>> from dpssec.mines.article7 import article7_summary
>>> from dpssec.mines.casualty_models import Accident, Casualty
>>> a = Accident("A-1", "2017-06-02", "improvised mine", country="COL")
>>> report = article7_summary("COL", 2017, cancelled=240_000, reduced=350_000,
...                           cleared=380_000,
...                           casualties=[Casualty(a, "injured", "civilian", age=30),
...                                       Casualty(a, "killed", "military", age=21)])
>>> report.value("released")
970000.0
>>> report.value("casualties, total"), report.value("civilian share")
(2.0, 50.0)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

import attrs
import numpy as np

from dpssec.boundary import Area, Model, Preset, Records, Year, calculator, example, example_by
from dpssec.errors import InputError
from dpssec.mines.casualties import casualty_summary, resolve_accidents
from dpssec.mines.casualty_counts import CasualtySummary
from dpssec.mines.casualty_models import (
    Accident,
    Casualty,
    DeviceType,
    MemberStateCode,
    Outcome,
    Status,
)
from dpssec.mines.casualty_sources import (
    CHILD_AGE_RULES,
    CHILD_UNDER_18,
    MINE_BAN_CONVENTION_ARTICLE_7,
    REACH_COUNTING_RULES,
    REACH_RULE_ALIASES,
    UNIQUE_PERSONS_WHERE_KNOWN,
    ChildAgeRule,
    ReachCountingRule,
)
from dpssec.mines.eore import EOREReach, people_reached
from dpssec.mines.eore_models import EORESession
from dpssec.mines.victim_assistance import AssistanceCoverage, assistance_coverage
from dpssec.mines.victim_models import Victim
from dpssec.references import Reference
from dpssec.rendering import ResultMixin

__all__ = ["Article7Row", "Article7Summary", "article7_summary"]


@example("Land release", "cleared", 380000.0, "m²", "sum of the tasks of the year")
@attrs.frozen
class Article7Row:
    """One line of the summary: section, indicator, value (None if not reported), unit, basis."""

    section: str
    indicator: str
    value: float | None
    unit: str
    basis: str = ""


@example_by("article7_summary")
@attrs.frozen(eq=False)
class Article7Summary(ResultMixin):
    """An Article 7-style summary for one country and year.

    Attributes
    ----------
    country : str
        ISO alpha-3.
    year : int
    rows : tuple of Article7Row
        The indicators, section by section.
    casualties : CasualtySummary or None
    eore : EOREReach or None
    victim_assistance : AssistanceCoverage or None
    notes : tuple of str
        Records left out (other years or countries) and other caveats.
    verified : bool
        False when a section used an unverified preset (child age, EORE counting rule).
    reference : Reference

    Examples
    --------
    >>> from dpssec.mines.article7 import article7_summary
    >>> r = article7_summary("PER", 2017, cancelled=10_738, reduced=7_171, cleared=9_246)
    >>> r.value("released"), r.value("casualties, total") is None
    (27155.0, True)
    """

    country: str
    year: int
    rows: tuple[Article7Row, ...]
    casualties: CasualtySummary | None = None
    eore: EOREReach | None = None
    victim_assistance: AssistanceCoverage | None = None
    notes: tuple[str, ...] = ()
    verified: bool = True
    reference: Reference = MINE_BAN_CONVENTION_ARTICLE_7

    def value(self, indicator: str) -> float | None:
        """The value of one indicator (by its name in the table)."""
        for row in self.rows:
            if row.indicator == indicator:
                return row.value
        raise KeyError(f"no indicator {indicator!r} in the summary")

    def _columns(self) -> dict[str, Any]:
        return {
            "section": [r.section for r in self.rows],
            "indicator": [r.indicator for r in self.rows],
            "value": [r.value for r in self.rows],
            "unit": [r.unit for r in self.rows],
            "basis": [r.basis for r in self.rows],
        }

    def __str__(self) -> str:
        flag = "" if self.verified else " [uses unverified presets]"
        lines = [f"Article 7-style summary: {self.country} {self.year}{flag}"]
        section = None
        for row in self.rows:
            if row.section != section:
                section = row.section
                lines.append(f"  {section}")
            shown = "not reported" if row.value is None else _format(row.value, row.unit)
            basis = f"  ({row.basis})" if row.basis else ""
            lines.append(f"    {row.indicator:<34} {shown}{basis}")
        lines += [f"  note: {n}" for n in self.notes]
        lines.append(f"  source: {self.reference}")
        return "\n".join(lines)

    def to_dict(self) -> Any:
        """JSON-compatible data: country, year, rows, notes, verified."""
        return {
            "country": self.country,
            "year": self.year,
            "rows": [attrs.asdict(r) for r in self.rows],
            "notes": list(self.notes),
            "verified": self.verified,
            "reference": str(self.reference),
        }


def _format(value: float, unit: str) -> str:
    if np.isnan(value):
        return "undefined"
    if unit == "%":
        return f"{value:.1f} %"
    text = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.4g}"
    return f"{text} {unit}".rstrip()


def _in_scope(country: str, record_country: str | None) -> bool:
    return record_country is None or record_country == country


def _release_rows(cancelled: Any, reduced: Any, cleared: Any) -> list[Article7Row]:
    section = "Land release (Article 5)"
    parts = {"cancelled": cancelled, "reduced": reduced, "cleared": cleared}
    rows = [
        Article7Row(section, name, None if value is None else float(value), "m²", basis)
        for (name, value), basis in zip(
            parts.items(),
            ("non-technical survey", "technical survey", "clearance"),
            strict=True,
        )
    ]
    given = [float(v) for v in parts.values() if v is not None]
    total = float(sum(given)) if len(given) == 3 else None
    rows.append(Article7Row(section, "released", total, "m²", "cancelled + reduced + cleared"))
    return rows


def _casualty_rows(summary: CasualtySummary | None) -> list[Article7Row]:
    section = "Casualties"
    if summary is None:
        return [Article7Row(section, "casualties, total", None, "persons")]
    share = summary.civilian_share
    child = summary.child_share
    rows = [
        Article7Row(section, "casualties, total", _one(summary.total), "persons"),
        Article7Row(section, "killed", _one(summary.killed), "persons"),
        Article7Row(section, "injured", _one(summary.injured), "persons"),
        Article7Row(section, "outcome unknown", _one(summary.unknown_outcome), "persons"),
    ]
    if share is not None:
        rows.append(
            Article7Row(
                section,
                "civilian share",
                100 * _one(share.value),
                "%",
                f"of {_count(summary.known_status)} of known status; "
                f"{summary.confidence:.0%} CI "
                f"{100 * _one(share.lower):.1f}-{100 * _one(share.upper):.1f} %"
                if np.isfinite(_one(share.value))
                else "no casualty of known status",
            )
        )
        unknown = summary.unknown_status
        rows.append(
            Article7Row(
                section,
                "status unknown",
                None if unknown is None else _one(unknown),
                "persons",
            )
        )
    if child is not None:
        rows.append(
            Article7Row(
                section,
                "child share",
                100 * _one(child.value),
                "%",
                f"of {_count(summary.known_age)} {summary.child_base} casualties of known age"
                if np.isfinite(_one(child.value))
                else "no casualty of known age",
            )
        )
        unknown_age = summary.unknown_age
        rows.append(
            Article7Row(
                section,
                "age unknown",
                None if unknown_age is None else _one(unknown_age),
                "persons",
            )
        )
    return rows


def _one(value: Any) -> float:
    return float(np.asarray(value, dtype=float).reshape(-1)[0])


def _count(value: Any) -> str:
    return f"{_one(value):,.0f}"


def _eore_rows(reach: EOREReach | None) -> list[Article7Row]:
    section = "Risk education (EORE)"
    if reach is None:
        return [Article7Row(section, "people reached", None, "persons")]
    return [
        Article7Row(section, "sessions", float(reach.sessions[0]), ""),
        Article7Row(section, "people reached", float(reach.reached[0]), "persons", reach.basis[0]),
        Article7Row(section, "attendances", float(reach.attendances[0]), "attendances"),
        *(
            Article7Row(section, f"reached: {name}", float(reach.reached_by_group[0, j]), "persons")
            for j, name in enumerate(("girls", "boys", "women", "men", "unknown"))
        ),
    ]


def _assistance_rows(coverage: AssistanceCoverage | None) -> list[Article7Row]:
    section = "Victim assistance"
    if coverage is None:
        return [Article7Row(section, "victims known", None, "persons")]
    rows = [Article7Row(section, "victims known", float(coverage.victims[0]), "persons")]
    for i, kind in enumerate(coverage.kind):
        value = float(coverage.coverage.value[i])
        rows.append(
            Article7Row(
                section,
                f"received {kind.replace('_', ' ')}",
                100 * value,
                "%",
                f"{int(coverage.received[i])} of {int(coverage.victims[i])} victims",
            )
        )
    return rows


_EXAMPLE_ACCIDENT = Accident("A-1", dt.date(2017, 6, 2), DeviceType.IMPROVISED_MINE, country="COL")
_EXAMPLE_CASUALTIES = [
    Casualty(_EXAMPLE_ACCIDENT, Outcome.INJURED, Status.CIVILIAN, age=30),
    Casualty(_EXAMPLE_ACCIDENT, Outcome.KILLED, Status.MILITARY, age=21),
]


@calculator(
    country=MemberStateCode(),
    year=Year(aligned=False, ndim=(0,)),
    cancelled=Area(optional=True, aligned=False, ndim=(0,)),
    reduced=Area(optional=True, aligned=False, ndim=(0,)),
    cleared=Area(optional=True, aligned=False, ndim=(0,)),
    casualties=Records(Casualty),
    accidents=Records(Accident, optional=True),
    casualty_counts=Model(CasualtySummary, optional=True),
    sessions=Records(EORESession),
    victims=Records(Victim),
    child_rule=Preset(CHILD_AGE_RULES, ChildAgeRule),
    reach_rule=Preset(REACH_COUNTING_RULES, ReachCountingRule, aliases=REACH_RULE_ALIASES),
    elementwise=False,
    example={
        "country": "COL",
        "year": 2017,
        "cancelled": 240_000.0,
        "reduced": 350_000.0,
        "cleared": 380_000.0,
        "casualties": _EXAMPLE_CASUALTIES,
    },
)
def article7_summary(
    country: Any,
    year: Any,
    *,
    cancelled: Any = None,
    reduced: Any = None,
    cleared: Any = None,
    release: Any = None,
    casualties: Sequence[Casualty] = (),
    accidents: Iterable[Accident] | None = None,
    casualty_counts: CasualtySummary | None = None,
    sessions: Sequence[EORESession] = (),
    victims: Sequence[Victim] = (),
    child_rule: ChildAgeRule = CHILD_UNDER_18,
    reach_rule: ReachCountingRule = UNIQUE_PERSONS_WHERE_KNOWN,
) -> Article7Summary:
    """Assemble an Article 7-style annual summary for one country from the models.

    Parameters
    ----------
    country : str
        ISO code of the member state.
    year : int
        The reporting year (calendar year).
    cancelled, reduced, cleared : float or Quantity, optional
        Area released by each route in the year [m²] (ha and km² Quantities or text converted).
    release : object, optional
        Instead of the three areas: a result with ``cancelled``, ``reduced`` and ``cleared``
        Quantities (e.g. of :func:`~dpssec.mines.land_release.release_summary` for one year).
    casualties : sequence of Casualty
        Casualty records; those of accidents in the year (and in the country, where recorded)
        are summarised.
    accidents : iterable of Accident, optional
        Accidents of casualties that name theirs by id.
    casualty_counts : CasualtySummary, optional
        Instead of records: the year's published counts, e.g. from
        :func:`~dpssec.mines.casualty_counts.summarise_casualty_counts` (one row).
    sessions : sequence of EORESession
        Risk-education sessions; those of the year are counted.
    victims : sequence of Victim
        Known victims (accident on or before 31 December of the year); assistance counted up
        to that date.
    child_rule : ChildAgeRule or str
        By object or by name (:data:`~dpssec.mines.casualty_sources.CHILD_AGE_RULES`).
    reach_rule : ReachCountingRule or str
        By object or by name (:data:`~dpssec.mines.casualty_sources.REACH_COUNTING_RULES`).

    Returns
    -------
    Article7Summary

    Raises
    ------
    InputError
        ``release`` together with the three areas; ``casualty_counts`` together with records
        or with several rows; a casualty whose accident is unknown (its year cannot be told);
        bad areas, country or year.

    Notes
    -----
    Records of other years are left out and counted in ``notes``; records of other countries
    likewise, while records with no country are taken as the country's own. Victim-assistance
    coverage is over known victims. Sections without records are "not reported", never 0.

    References
    ----------
    Convention on the Prohibition of Anti-Personnel Mines (1997), Articles 5, 6.3 and 7.

    Examples
    --------
    >>> from dpssec.mines.article7 import article7_summary
    >>> r = article7_summary("ECU", 2017, cancelled="1.0919 ha", reduced=7_332, cleared=15_476)
    >>> r.value("released")
    33727.0
    """
    if release is not None:
        if any(v is not None for v in (cancelled, reduced, cleared)):
            raise InputError("article7_summary: give release or the three areas, not both")
        try:
            cancelled, reduced, cleared = (
                Area().convert(getattr(release, name), name)
                for name in ("cancelled", "reduced", "cleared")
            )
        except AttributeError:
            raise InputError(
                "article7_summary: release must have cancelled, reduced and cleared areas "
                f"(a release_summary result); got {type(release).__name__}"
            ) from None
    year = int(year)
    end = dt.date(year, 12, 31)
    notes: list[str] = []
    verified = True

    records = list(casualties)
    resolved = resolve_accidents(records, accidents)
    kept = []
    other = 0
    for i, (record, accident) in enumerate(zip(records, resolved, strict=True)):
        if accident is None:
            raise InputError(
                f"article7_summary: casualty {i} names accident {record.accident_id!r}, which is "
                "not among the accidents given; its year cannot be told"
            )
        if accident.year == year and _in_scope(country, accident.country):
            kept.append(record)
        else:
            other += 1
    summary = None
    if casualty_counts is not None:
        if records:
            raise InputError("article7_summary: give casualties or casualty_counts, not both")
        if np.size(casualty_counts.killed) != 1:
            raise InputError("article7_summary: casualty_counts must hold one row (the year)")
        summary = casualty_counts
    elif kept:
        summary = casualty_summary(kept, child_rule=child_rule)
    if summary is not None:
        verified = verified and summary.verified
    if other:
        notes.append(f"{other} casualty record(s) of other years or countries left out")

    in_year = [s for s in sessions if s.date.year == year and _in_scope(country, s.country)]
    if len(in_year) < len(sessions):
        notes.append(
            f"{len(sessions) - len(in_year)} EORE session(s) of other years or countries left out"
        )
    reach = people_reached(in_year, rule=reach_rule) if in_year else None
    if reach is not None:
        verified = verified and reach.verified

    known = [
        v
        for v in victims
        if _in_scope(country, v.country)
        and (v.date_of_accident is None or v.date_of_accident <= end)
    ]
    if len(known) < len(victims):
        notes.append(
            f"{len(victims) - len(known)} victim(s) of other countries or later accidents left out"
        )
    coverage = assistance_coverage(known, until=end) if known else None

    rows = (
        _release_rows(cancelled, reduced, cleared)
        + _casualty_rows(summary)
        + _eore_rows(reach)
        + _assistance_rows(coverage)
    )
    return Article7Summary(
        country=country,
        year=year,
        rows=tuple(rows),
        casualties=summary,
        eore=reach,
        victim_assistance=coverage,
        notes=tuple(notes),
        verified=verified,
    )
