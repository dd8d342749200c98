"""The real shared tables give exactly the reviewed findings (tests/data/indicators)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from dpssec.findings import Severity
from dpssec.indicators import (
    ValidationReport,
    homicide_submission,
    prisons_submission,
    validate_submission,
)

DATA = Path(__file__).resolve().parents[1] / "data" / "indicators"


def _expected() -> list[dict[str, str]]:
    text = (DATA / "expected_findings.csv").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if not line.startswith("#")]
    return list(csv.DictReader(io.StringIO("\n".join(lines))))


@pytest.fixture(scope="module")
def reports() -> dict[str, ValidationReport]:
    return {
        "prisons": validate_submission(prisons_submission()),
        "homicide": validate_submission(
            homicide_submission(), previous=homicide_submission(series="UNODC_GSH2013")
        ),
    }


def test_the_report_reproduces_the_reviewed_findings_exactly(
    reports: dict[str, ValidationReport],
) -> None:
    expected = [
        (r["table"], r["rule"], r["severity"], r["subject"], r["lines"]) for r in _expected()
    ]
    found = [
        (table, f.rule, f.severity.value, f.subject, ";".join(map(str, f.lines)))
        for table, report in reports.items()
        for f in report.findings
    ]
    assert found == expected


def test_every_expected_finding_has_a_reason() -> None:
    for row in _expected():
        assert len(row["reason"]) > 40, row


def test_haiti_occupancy_disagrees_with_its_own_total_and_capacity(
    reports: dict[str, ValidationReport],
) -> None:
    (haiti,) = [f for f in reports["prisons"].findings if f.subject == "HTI 2024 occupancy"]
    assert haiti.severity is Severity.VIOLATION
    assert haiti.details["published"] == 454.4
    assert haiti.details["exact"] == pytest.approx(11_253 / 2_431 * 100)
    assert round(haiti.details["exact"], 1) == 462.9
    assert round(haiti.details["implied_numerator"]) == 11_046
    assert [c.indicator for c in haiti.cells] == [
        "occupancy",
        "prison_population",
        "official_capacity",
    ]
    assert haiti.reference is not None and "6.5.1" in str(haiti.reference)
    assert "462.8959" in haiti.message


def test_venezuela_occupancy_is_truncated_not_rounded(reports: dict[str, ValidationReport]) -> None:
    (venezuela,) = [f for f in reports["prisons"].findings if f.subject == "VEN 2019 occupancy"]
    assert venezuela.severity is Severity.WARNING
    assert venezuela.details["truncated"] is True
    assert venezuela.details["rounded"] == 167.67
    assert "truncated, not rounded" in venezuela.message


def test_argentina_break_where_the_source_changes(reports: dict[str, ValidationReport]) -> None:
    (argentina,) = reports["homicide"].by_rule("series-break")
    assert [(c.year, c.source) for c in argentina.cells] == [
        (2023, "UNODC_OWID"),
        (2024, "MinSeg_AR"),
    ]


def test_revision_counts_against_the_2013_edition(reports: dict[str, ValidationReport]) -> None:
    homicide = reports["homicide"]
    assert (homicide.revised, homicide.withdrawn) == (13, 13)
    last = next(f for f in homicide.by_rule("revisions") if f.subject == "HND 2012 homicide_rate")
    assert last.details["previous"] == 90.4
    assert last.details["current"] == pytest.approx(82.294174)


def test_completeness_of_the_prison_table(reports: dict[str, ValidationReport]) -> None:
    prisons = reports["prisons"]
    matrix = prisons.completeness(years=[2024])
    assert matrix.status("HTI", "occupancy", 2024) == "present"
    assert matrix.status("CUB", "occupancy", 2024) == "missing"
    counts = prisons.completeness().counts()
    assert counts["present"] == len({(c.state, c.indicator, c.year) for c in prisons.coverage})
    assert counts["NA"] == counts["NAP"] == 0
