"""The report: text, HTML, frame, JSON round trip, completeness; and the robust arithmetic."""

from __future__ import annotations

import json

import numpy as np
import pytest

from dpssec.errors import InputError
from dpssec.findings import Finding, Severity
from dpssec.indicators import (
    DEFAULT_RULES,
    CompletenessMatrix,
    ValidationFinding,
    ValidationReport,
    modified_z_scores,
    prisons_submission,
    rounding_agrees,
    truncation_agrees,
    validate_submission,
)
from dpssec.serialization import from_json, to_json

CSV = (
    b"state,year,indicator,disaggregation,value,source\n"
    b"HTI,2024,prison_population,total,11253,WPB\n"
    b"HTI,2024,official_capacity,total,2431,WPB\n"
    b"HTI,2024,occupancy,total,454.4,WPB\n"
    b"HTI,2023,occupancy,total,NA,WPB\n"
    b"HTI,2022,occupancy,total,NAP,WPB\n"
    b"HTI,2024,prison_population,sex:female,400,WPB\n"
    b"HTI,2024,prison_population,sex:male,10800,WPB\n"
)


@pytest.fixture(scope="module")
def report() -> ValidationReport:
    return validate_submission(CSV)


def test_findings_carry_rule_severity_cells_lines_and_source(report: ValidationReport) -> None:
    assert [f.rule for f in report.findings] == ["sex-adds-up", "ratio-consistency"]
    sex, occupancy = report.findings
    assert isinstance(sex, Finding) and isinstance(sex, ValidationFinding)
    assert sex.severity is Severity.VIOLATION and sex.details["difference"] == -53
    assert sex.lines == [7, 8, 2]
    assert occupancy.lines == [4, 2, 3]
    assert occupancy.reference is not None and occupancy.verified
    assert report.violations == [sex, occupancy] and report.warnings == []


def test_text_and_html(report: ValidationReport) -> None:
    text = str(report)
    assert text.splitlines()[0] == (
        "Validation of data: 7 values, 1 states, 3 indicators, 2022-2024"
    )
    assert "2 violation(s), 0 warning(s), 0 note(s)" in text
    assert "sex-adds-up: female + male (+ unknown) = total" in text
    assert "line 4: HTI 2024 occupancy = 454.4  (WPB)" in text
    assert "References:" in text and "[1]" in text
    page = report._repr_html_()
    assert page.count("<tr>") == 3 and "454.4" in page


def test_frame_has_one_row_per_cell(report: ValidationReport) -> None:
    pytest.importorskip("pandas")
    frame = report.to_frame()
    assert len(frame) == 6
    assert list(frame["finding"]) == [0, 0, 0, 1, 1, 1]
    assert set(frame["line"]) == {2, 3, 4, 7, 8}
    assert frame["verified"].all()


def test_json_round_trip(report: ValidationReport) -> None:
    text = report.to_json()
    assert ValidationReport.from_json(text) == report
    assert from_json(to_json(report), ValidationReport) == report
    data = json.loads(text)
    assert data["findings"][1]["cells"][0]["line"] == 4
    assert data["findings"][1]["severity"] == "violation"
    real = validate_submission(prisons_submission())
    assert ValidationReport.from_json(real.to_json()) == real


def test_completeness_matrix(report: ValidationReport) -> None:
    matrix = report.completeness()
    assert isinstance(matrix, CompletenessMatrix)
    assert matrix.years == (2022, 2023, 2024)
    assert matrix.status("HTI", "occupancy", 2022) == "NAP"
    assert matrix.status("HTI", "occupancy", 2023) == "NA"
    assert matrix.status("HTI", "occupancy", 2024) == "present"
    assert matrix.status("HTI", "official_capacity", 2023) == "missing"
    assert matrix.counts() == {"present": 3, "NA": 1, "NAP": 1, "missing": 4}
    assert "HTI occupancy" in str(matrix) and "n NAP" in str(matrix)
    pytest.importorskip("pandas")
    frame = matrix.to_frame()
    assert frame.loc[("HTI", "occupancy"), 2023] == "NA"
    assert frame.loc[("HTI", "occupancy"), 2022] == "NAP"


def test_a_clean_submission() -> None:
    clean = validate_submission(b"state,year,indicator,value\nJAM,2020,occupancy,95.5\n")
    assert clean.clean and clean.findings == ()
    assert "0 violation(s)" in str(clean)


def test_rules_by_name_and_refusals() -> None:
    only = validate_submission(CSV, rules=["ratio-consistency"])
    assert [f.rule for f in only.findings] == ["ratio-consistency"]
    assert only.rules == ("ratio-consistency",)
    with pytest.raises(InputError, match="no default rule"):
        validate_submission(CSV, rules=["no-such-rule"])
    with pytest.raises(InputError, match="unique"):
        DEFAULT_RULES.adding(DEFAULT_RULES["duplicates"])
    with pytest.raises(KeyError):
        DEFAULT_RULES.replace("no-such-rule", threshold=1)
    with pytest.raises(InputError, match="no indicator"):
        DEFAULT_RULES.with_range("nothing", 0, 1)
    assert "ratio-consistency" in str(DEFAULT_RULES)


# -- robust arithmetic --------------------------------------------------------------------


def test_rounding_and_truncation() -> None:
    exact = 43_992 / 26_238 * 100
    assert not rounding_agrees(167.66, exact, decimals=2)
    assert rounding_agrees(167.67, exact, decimals=2)
    assert truncation_agrees(167.66, exact, decimals=2)
    assert not truncation_agrees(167.67, exact, decimals=2)
    assert rounding_agrees(121, 120.6, decimals=0)
    assert not rounding_agrees(121, 120.4, decimals=0)
    # 0.29 x 100 is 28.999999999999996 in floats: truncated to 2 decimals it is still 0.29
    assert truncation_agrees(0.29, 0.29, decimals=2)
    assert truncation_agrees(-1.23, -1.239, decimals=2)
    np.testing.assert_array_equal(
        rounding_agrees([454.4, 462.9], 11_253 / 2_431 * 100, decimals=1), [False, True]
    )


def test_modified_z_scores_match_scipy() -> None:
    stats = pytest.importorskip("scipy.stats")
    values = np.array([0.02, -0.05, 0.04, 0.01, -0.03, 0.44, 0.0, 0.07, -0.01])
    expected = 0.6745 * (values - np.median(values)) / stats.median_abs_deviation(values)
    np.testing.assert_allclose(modified_z_scores(values), expected)
    with pytest.raises(InputError, match="median absolute deviation is 0"):
        modified_z_scores([1.0, 1.0, 1.0, 2.0])
    with pytest.raises(InputError, match="at least 3"):
        modified_z_scores([1.0, 2.0])
