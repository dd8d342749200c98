"""Checks across editions and against a questionnaire: revisions and required cells.

:func:`check_revisions` compares two editions of a submission cell by cell: each changed value
is a note with the previous and current values and the change; the cells the new edition no
longer has are one note. :func:`revision_counts` gives how many cells were revised, added and
withdrawn. :func:`check_required_cells` lists the cells a questionnaire requires that are
missing or reported NA (NAP, not applicable, is an answer).
"""

from __future__ import annotations

from collections import defaultdict

from dpssec.indicators.context import ValidationContext, finding
from dpssec.indicators.report import ValidationFinding
from dpssec.indicators.rules import RequiredCellsRule, RevisionRule
from dpssec.indicators.submission import Cell, Submission

__all__ = ["check_required_cells", "check_revisions", "revision_counts"]

Key = tuple[str, int, str, str]


def _first(submission: Submission) -> dict[Key, Cell]:
    out: dict[Key, Cell] = {}
    for cell in submission:
        out.setdefault(cell.key, cell)
    return out


def _changed(before: Cell, after: Cell, tolerance: float) -> bool:
    if before.status != after.status:
        return True
    if before.value is None or after.value is None:
        return False
    scale = max(abs(before.value), abs(after.value), 1e-300)
    return abs(after.value - before.value) > tolerance * scale


def revision_counts(
    current: Submission, previous: Submission, tolerance: float = 1e-9
) -> tuple[int, int, int]:
    """Cells ``(revised, added, withdrawn)`` between a previous and a current edition."""
    now, then = _first(current), _first(previous)
    revised = sum(1 for k in now.keys() & then.keys() if _changed(then[k], now[k], tolerance))
    return revised, len(now.keys() - then.keys()), len(then.keys() - now.keys())


def _show(cell: Cell) -> str:
    return cell.describe().rsplit(" = ", 1)[1]


def check_revisions(rule: RevisionRule, context: ValidationContext) -> list[ValidationFinding]:
    """One note per revised cell and one for the cells withdrawn."""
    if context.previous is None:
        return []
    now, then = _first(context.submission), _first(context.previous)
    out = []
    for key in sorted(now.keys() & then.keys()):
        before, after = then[key], now[key]
        if not _changed(before, after, rule.tolerance):
            continue
        details: dict[str, object] = {
            "previous": before.value,
            "current": after.value,
            "previous_status": before.status,
            "current_status": after.status,
        }
        if before.value is not None and after.value is not None:
            change = after.value - before.value
            details["change"] = change
            relative = change / before.value if before.value else None
            details["relative_change"] = relative
            how = f" ({change:+,.6g}" + (f", {relative:+.1%})" if relative is not None else ")")
        else:
            how = ""
        out.append(
            finding(
                rule,
                f"revised from {_show(before)} to {_show(after)}{how}",
                [before, after],
                details=details,
            )
        )
    gone = [then[k] for k in sorted(then.keys() - now.keys())]
    if gone:
        indicators = sorted({c.indicator for c in gone})
        out.append(
            finding(
                rule,
                f"{len(gone)} cell(s) of the previous edition are not in this one "
                f"({', '.join(indicators)})",
                gone,
                subject=f"withdrawn since {context.previous.source or 'the previous edition'}",
                details={"withdrawn": len(gone)},
            )
        )
    return out


def check_required_cells(
    rule: RequiredCellsRule, context: ValidationContext
) -> list[ValidationFinding]:
    """One finding per required indicator with cells missing or NA."""
    submitted = list(context.first.values())
    states = rule.states or tuple(sorted({c.state for c in submitted}))
    indicators = rule.indicators or tuple(sorted({c.indicator for c in submitted}))
    years: tuple[int, ...] = rule.years
    if not years and submitted:
        first, last = min(c.year for c in submitted), max(c.year for c in submitted)
        years = tuple(range(first, last + 1))
    status: dict[tuple[str, str, int], Cell] = {}
    for cell in submitted:
        key = (cell.state, cell.indicator, cell.year)
        best = status.get(key)
        if best is None or (best.status != "present" and cell.status == "present"):
            status[key] = cell
    gaps: dict[str, list[Cell]] = defaultdict(list)
    for indicator in indicators:
        code = context.catalogue.resolve(indicator) or indicator
        for state in states:
            for year in years:
                given = status.get((state, code, year))
                if given is None:
                    gaps[code].append(Cell(state, year, code, status="missing"))
                elif given.status == "NA":
                    gaps[code].append(given)
    out = []
    for code, cells in gaps.items():
        missing = sum(1 for c in cells if c.status == "missing")
        expected = len(states) * len(years)
        out.append(
            finding(
                rule,
                f"{len(cells)} of {expected} required state-years have no value "
                f"({missing} missing, {len(cells) - missing} reported NA)",
                cells,
                subject=code,
                details={"expected": expected, "missing": missing, "na": len(cells) - missing},
            )
        )
    return out
