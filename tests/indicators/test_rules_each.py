"""Each rule broken once, every other rule passing.

The baseline (:mod:`tests.indicators.submissions`) passes every default rule; each test
changes one thing and asserts that exactly the rule it breaks fires, once, on the cells
changed, with the rule's severity and source.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest

from dpssec.findings import Severity
from dpssec.indicators import (
    DEFAULT_RULES,
    RequiredCellsRule,
    ValidationReport,
    validate_submission,
)

from .submissions import STATES, YEARS, Row, baseline_rows, find, frame

pytest.importorskip("pandas")


@pytest.fixture(scope="module")
def baseline() -> list[Row]:
    return baseline_rows()


def _validate(rows: list[Row], **kwargs: Any) -> ValidationReport:
    return validate_submission(frame(rows), **kwargs)


def test_baseline_passes_every_rule(baseline: list[Row]) -> None:
    rules = DEFAULT_RULES.adding(
        RequiredCellsRule(
            name="required-cells",
            description="occupancy every year",
            indicators=("occupancy",),
            years=YEARS,
        )
    )
    report = _validate(baseline, previous=frame(baseline), rules=rules)
    assert report.findings == ()
    assert report.clean and report.revised == report.added == report.withdrawn == 0


def _unsentenced_sum(rows: list[Row]) -> None:
    find(rows, "JAM", 2018, "prison_population", "status:sentenced")["value"] += 7


def _sex(rows: list[Row]) -> None:
    find(rows, "TTO", 2016, "prison_population", "sex:female")["value"] += 5


def _age(rows: list[Row]) -> None:
    find(rows, "BHS", 2019, "prison_population", "age:0-17")["value"] += 3


def _outcome(rows: list[Row]) -> None:
    find(rows, "DOM", 2021, "mine_casualties", "outcome:killed")["value"] += 2


def _occupancy(rows: list[Row]) -> None:
    row = find(rows, "JAM", 2017, "occupancy")
    row["value"] = f"{float(row['value']) + 2.0:.1f}"


def _rate(rows: list[Row]) -> None:
    row = find(rows, "TTO", 2020, "prison_population_rate")
    row["value"] = f"{float(row['value']) * 1.06:.2f}"


def _unknown(rows: list[Row]) -> None:
    rows.append({**find(rows, "JAM", 2015, "occupancy"), "indicator": "occupancy_ratee"})


def _duplicate(rows: list[Row]) -> None:
    rows.append({**find(rows, "DOM", 2015, "official_capacity"), "value": 1})


def _negative(rows: list[Row]) -> None:
    find(rows, "JAM", 2014, "remand_share")["value"] = "145.5"


def _implausible(rows: list[Row]) -> None:
    find(rows, "JAM", 2014, "trafficking_victim_rate")["value"] = "75"


def _population(rows: list[Row]) -> None:
    find(rows, "JAM", 2014, "respondents")["value"] = 3_000_000


def _break(rows: list[Row]) -> None:
    find(rows, "BHS", 2022, "trafficking_victims_detected")["source"] = "press report"


def _jump(rows: list[Row]) -> None:
    find(rows, "TTO", 2022, "trafficking_victims_detected")["value"] *= 4


def _future_year(rows: list[Row]) -> None:
    rows.append({**find(rows, "JAM", 2014, "respondents"), "year": 2300})


def _unknown_dimension(rows: list[Row]) -> None:
    rows.append({**find(rows, "JAM", 2018, "prison_population"), "disaggregation": "region:north"})
    find(rows, "JAM", 2018, "prison_population", "region:north")["value"] = 5


def _part_above_total(rows: list[Row]) -> None:
    total = find(rows, "JAM", 2018, "prison_population")
    rows.append({**total, "disaggregation": "status:remand", "value": total["value"] + 10})


def _overlapping_ages(rows: list[Row]) -> None:
    rows.append(
        {**find(rows, "BHS", 2019, "prison_population", "age:0-17"), "disaggregation": "age:10-29"}
    )


def _rate_twice(rows: list[Row]) -> None:
    # a state with one year only (no series to judge): a rate of 50 sent with twice the
    # victims it implies with the WPP population
    from dpssec.data import population

    victims = round(2 * 50 * float(population("BRB", 2019)) / 1e5)
    source = find(rows, "DOM", 2019, "homicide_rate")["source"]
    for indicator, value in (("homicide_victims", victims), ("homicide_rate", "50.00")):
        rows.append(
            {"state": "BRB", "year": 2019, "indicator": indicator, "disaggregation": "total",
             "value": value, "source": source}
        )  # fmt: skip


CASES: dict[str, tuple[Callable[[list[Row]], None], str, Severity, tuple[str, int, str]]] = {
    "year-range": (_future_year, "year-range", Severity.VIOLATION, ("JAM", 2300, "respondents")),
    "known-disaggregation": (
        _unknown_dimension,
        "known-disaggregation",
        Severity.WARNING,
        ("JAM", 2018, "prison_population"),
    ),
    "part-within-total": (
        _part_above_total,
        "part-within-total",
        Severity.VIOLATION,
        ("JAM", 2018, "prison_population"),
    ),
    "age-bands-overlap": (
        _overlapping_ages,
        "age-adds-up",
        Severity.VIOLATION,
        ("BHS", 2019, "prison_population"),
    ),
    "rate-far-from-its-count": (
        _rate_twice,
        "ratio-consistency",
        Severity.VIOLATION,
        ("BRB", 2019, "homicide_rate"),
    ),
    "sentencing-status-adds-up": (
        _unsentenced_sum,
        "sentencing-status-adds-up",
        Severity.VIOLATION,
        ("JAM", 2018, "prison_population"),
    ),
    "sex-adds-up": (_sex, "sex-adds-up", Severity.VIOLATION, ("TTO", 2016, "prison_population")),
    "age-adds-up": (_age, "age-adds-up", Severity.VIOLATION, ("BHS", 2019, "prison_population")),
    "casualty-outcome-adds-up": (
        _outcome,
        "casualty-outcome-adds-up",
        Severity.VIOLATION,
        ("DOM", 2021, "mine_casualties"),
    ),
    "occupancy-disagrees": (
        _occupancy,
        "ratio-consistency",
        Severity.VIOLATION,
        ("JAM", 2017, "occupancy"),
    ),
    "rate-disagrees-with-wpp": (
        _rate,
        "ratio-consistency",
        Severity.WARNING,
        ("TTO", 2020, "prison_population_rate"),
    ),
    "known-indicator": (
        _unknown,
        "known-indicator",
        Severity.VIOLATION,
        ("JAM", 2015, "occupancy_ratee"),
    ),
    "duplicates": (
        _duplicate,
        "duplicates",
        Severity.VIOLATION,
        ("DOM", 2015, "official_capacity"),
    ),
    "definition-bounds": (
        _negative,
        "definition-bounds",
        Severity.VIOLATION,
        ("JAM", 2014, "remand_share"),
    ),
    "plausible-range": (
        _implausible,
        "plausible-range",
        Severity.WARNING,
        ("JAM", 2014, "trafficking_victim_rate"),
    ),
    "count-within-population": (
        _population,
        "count-within-population",
        Severity.VIOLATION,
        ("JAM", 2014, "respondents"),
    ),
    "series-break": (
        _break,
        "series-break",
        Severity.WARNING,
        ("BHS", 2021, "trafficking_victims_detected"),
    ),
    "year-on-year": (
        _jump,
        "year-on-year",
        Severity.WARNING,
        ("TTO", 2021, "trafficking_victims_detected"),
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_each_rule_broken_once(baseline: list[Row], case: str) -> None:
    change, rule, severity, (state, year, indicator) = CASES[case]
    rows = copy.deepcopy(baseline)
    change(rows)
    report = _validate(rows)
    assert [f.rule for f in report.findings] == [rule], str(report)
    found = report.findings[0]
    assert found.severity is severity
    assert found.reference is not None
    first = found.cells[0]
    assert (first.state, first.year, first.indicator) == (state, year, indicator)
    assert all(c.line is not None for c in found.cells)
    assert report.by_rule(rule) == [found]
    assert not report.clean


def test_revision_found_once(baseline: list[Row]) -> None:
    previous = copy.deepcopy(baseline)
    find(previous, "DOM", 2016, "homicide_victims")["value"] -= 4
    report = _validate(baseline, previous=frame(previous))
    assert [f.rule for f in report.findings] == ["revisions"]
    found = report.findings[0]
    assert found.severity is Severity.INFO
    assert found.details["change"] == 4
    assert (report.revised, report.added, report.withdrawn) == (1, 0, 0)
    before, after = found.cells
    assert after.value is not None and before.value is not None
    assert after.value - before.value == 4


def test_withdrawn_and_added_cells_are_counted(baseline: list[Row]) -> None:
    previous = copy.deepcopy(baseline)
    previous.append({**find(baseline, "DOM", 2016, "homicide_victims"), "year": 2012})
    current = [r for r in baseline if r["indicator"] != "respondents"]
    report = _validate(current, previous=frame(previous))
    assert (report.revised, report.added, report.withdrawn) == (0, 0, 2)
    (found,) = report.findings
    assert found.rule == "revisions"
    assert {(c.indicator, c.year) for c in found.cells} == {
        ("homicide_victims", 2012),
        ("respondents", 2014),
    }


def test_required_cells_missing_and_na(baseline: list[Row]) -> None:
    rows = copy.deepcopy(baseline)
    find(rows, "DOM", 2019, "occupancy")["value"] = "NA"
    rows.remove(find(rows, "BHS", 2020, "occupancy"))
    required = RequiredCellsRule(
        name="required-cells",
        description="occupancy every year",
        indicators=("occupancy",),
        years=YEARS,
        states=STATES,
    )
    report = _validate(rows, rules=DEFAULT_RULES.adding(required))
    assert [f.rule for f in report.findings] == ["required-cells"]
    found = report.findings[0]
    assert found.details == {"expected": 32, "missing": 1, "na": 1}
    assert {(c.state, c.year, c.status) for c in found.cells} == {
        ("DOM", 2019, "NA"),
        ("BHS", 2020, "missing"),
    }


def test_nap_is_an_answer_na_is_not(baseline: list[Row]) -> None:
    rows = copy.deepcopy(baseline)
    find(rows, "DOM", 2019, "occupancy")["value"] = "NAP"
    report = _validate(
        rows,
        rules=DEFAULT_RULES.adding(
            RequiredCellsRule(
                name="required-cells", description="x", indicators=("occupancy",), years=YEARS
            )
        ),
    )
    assert report.clean
    matrix = report.completeness(states=["DOM"], indicators=["occupancy"], years=[2018, 2019])
    assert matrix.status("DOM", "occupancy", 2019) == "NAP"
    assert matrix.status("DOM", "occupancy", 2018) == "present"


def test_truncated_occupancy_is_a_warning_rounded_passes(baseline: list[Row]) -> None:
    rows = copy.deepcopy(baseline)
    held = find(rows, "JAM", 2016, "prison_population")
    capacity = find(rows, "JAM", 2016, "official_capacity")
    held["value"], capacity["value"] = 43_992, 26_238
    occupancy = find(rows, "JAM", 2016, "occupancy")
    for part in ("status:sentenced", "sex:male", "age:18+"):
        find(rows, "JAM", 2016, "prison_population", part)["value"] += 43_992 - 7_000
    occupancy["value"] = "167.67"
    rounded = _validate(rows, rules=["ratio-consistency"])
    # (the rate and share of JAM 2016 no longer match the new count: only occupancy matters)
    assert all(f.subject != "JAM 2016 occupancy" for f in rounded.findings)
    occupancy["value"] = "167.66"
    truncated = _validate(rows, rules=["ratio-consistency"])
    found = [f for f in truncated.findings if f.subject == "JAM 2016 occupancy"]
    assert len(found) == 1 and found[0].severity is Severity.WARNING
    assert found[0].details["truncated"] is True and found[0].details["rounded"] == 167.67


def test_a_rule_can_be_relaxed_by_name(baseline: list[Row]) -> None:
    rows = copy.deepcopy(baseline)
    _implausible(rows)
    relaxed = DEFAULT_RULES.with_range("trafficking_victim_rate", 0, 100)
    assert _validate(rows, rules=relaxed).clean
    assert relaxed["plausible-range"].ranges["trafficking_victim_rate"].reference.verified is False
    assert _validate(rows, rules=DEFAULT_RULES.without("plausible-range")).clean


def test_the_catalogue_drives_the_checks_of_court_caseflow() -> None:
    # CEPEJ worked example (justice reference, recomputed): 1,200 in, 1,100 resolved, 1,000 left
    text = (
        "state,year,indicator,value\n"
        "CRI,2023,cases_incoming,1200\n"
        "CRI,2023,cases_resolved,1100\n"
        "CRI,2023,cases_pending_end,1000\n"
        "CRI,2023,clearance_rate,91.67\n"
        "CRI,2023,case_turnover_ratio,1.1000\n"
        "CRI,2023,disposition_time,331.8\n"
    )
    assert validate_submission(text.encode()).clean
    inverted = text.replace("91.67", "109.09")  # incoming / resolved: the inverse formula
    report = validate_submission(inverted.encode())
    assert [(f.rule, f.subject) for f in report.findings] == [
        ("ratio-consistency", "CRI 2023 clearance_rate")
    ]
    assert "CEPEJ" in str(report.findings[0].reference)


def test_the_reviewers_cases_each_give_a_finding() -> None:
    """Unrecognised parts above the total, overlapping bands, years and the named share."""
    pd = pytest.importorskip("pandas")

    def rows(*parts: tuple[str, float]) -> Any:
        base = {"state": "JAM", "year": 2020, "indicator": "prison_population"}
        return pd.DataFrame(
            [{**base, "disaggregation": "total", "value": 100}]
            + [{**base, "disaggregation": p, "value": v} for p, v in parts]
        )

    for part, rule, severity in [
        ("sex:alien", "known-disaggregation", Severity.VIOLATION),
        ("colour:blue", "known-disaggregation", Severity.WARNING),
        ("blah", "known-disaggregation", Severity.VIOLATION),
    ]:
        report = validate_submission(rows((part, 500)))
        assert [(f.rule, f.severity) for f in report.findings] == [
            (rule, severity),
            ("part-within-total", Severity.VIOLATION),
        ], part
    overlap = validate_submission(rows(("age:0-14", 20), ("age:10-29", 50), ("age:30+", 30)))
    assert [f.rule for f in overlap.findings] == ["age-adds-up"]
    assert "0-14 and 10-29 overlap" in overlap.findings[0].message
    years = validate_submission(
        pd.DataFrame(
            [
                {"state": "JAM", "year": y, "indicator": "prison_population", "value": 100}
                for y in (1800, 2300)
            ]
        )
    )
    assert [(f.subject, f.severity) for f in years.findings] == [
        ("year 1800", Severity.WARNING),
        ("year 2300", Severity.VIOLATION),
    ]
    share = validate_submission(
        pd.concat(
            [
                rows(("status:unsentenced", 30), ("status:sentenced", 70)),
                pd.DataFrame(
                    [{"state": "JAM", "year": 2020, "indicator": "unsentenced_share", "value": 50}]
                ),
            ]
        )
    )
    (found,) = share.findings
    assert "prison_population[status:unsentenced] / prison_population x 100 = 30 / 100" in (
        found.message
    )
