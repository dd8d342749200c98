from __future__ import annotations

import attrs
import numpy as np
import pytest

from dpssec.findings import ComplianceReport, Finding, Severity
from dpssec.references import Reference
from dpssec.rendering import ResultMixin
from dpssec.units import Q_


@attrs.frozen
class Rate(ResultMixin):
    value: object
    lower: object
    method: str
    distance: object = None


def test_scalar_result_renders_one_value_per_line() -> None:
    text = str(Rate(12.3456789, 10.0, "byar"))
    assert text.splitlines()[0] == "Rate"
    assert "12.3457" in text and "byar" in text
    html = Rate(1.0, 0.5, "exact")._repr_html_()
    assert html.startswith("<table>") and "<th style='text-align:left'>method</th>" in html


def test_vector_result_renders_a_row_per_element() -> None:
    r = Rate(np.array([1.0, 2.0, 3.0]), np.array([0.5, 1.5, 2.5]), "byar")
    lines = str(r).splitlines()
    assert lines[0] == "Rate (3 rows)" and len(lines) == 5
    assert r._repr_html_().count("<tr>") == 4


def test_long_results_are_truncated_in_text() -> None:
    r = Rate(np.arange(100.0), np.arange(100.0), "x")
    assert "..." in str(r) and len(str(r).splitlines()) == 23
    assert "80 more rows" in r._repr_html_()


def test_to_frame_and_to_dict() -> None:
    pd = pytest.importorskip("pandas")
    frame = Rate(np.array([1.0, 2.0]), np.array([0.5, 1.5]), "byar").to_frame()
    assert isinstance(frame, pd.DataFrame) and list(frame.columns) == [
        "value",
        "lower",
        "method",
        "distance",
    ]
    assert frame["method"].tolist() == ["byar", "byar"]
    assert Rate(1.0, 0.5, "x", Q_(3, "m")).to_frame().shape == (1, 4)
    assert Rate(1.0, 0.5, "x").to_dict() == {
        "value": 1.0,
        "lower": 0.5,
        "method": "x",
        "distance": None,
    }


def test_quantities_render_with_units() -> None:
    assert "3 m" in str(Rate(1.0, 0.5, "x", Q_(3, "m")))


def test_compliance_report_views() -> None:
    ref = Reference("CPT", "2015", "§9", verified=False)
    report = ComplianceReport(
        [
            Finding("space", Severity.VIOLATION, "too small", subject="A-1", reference=ref),
            Finding("space", Severity.WARNING, "tight", subject="A-2"),
            Finding("space", Severity.INFO, "fine", subject="A-3"),
        ],
        title="Cells",
    )
    assert not report.ok and len(report.violations) == 1 and len(report.warnings) == 1
    assert "1 violation(s), 1 warning(s), 3 finding(s)" in str(report)
    assert "VIOLATION [A-1]: too small [1]" in str(report)
    assert str(report).endswith("References:\n  [1] CPT 2015, §9 [unverified]")
    assert str(report.findings[0]) == "VIOLATION [A-1]: too small (CPT 2015, §9 [unverified])"
    assert not report.findings[0].verified and not report.findings[1].verified
    pytest.importorskip("pandas")
    assert report.to_frame()["subject"].tolist() == ["A-1", "A-2", "A-3"]


def test_empty_results_render() -> None:
    r = Rate(np.array([]), np.array([]), "byar")
    assert str(r).splitlines() == ["Rate (0 rows)", "value  lower  method  distance"]
    assert "(0 rows)" in r._repr_html_()
