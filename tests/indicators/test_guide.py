"""The guide "Checking a country's submission" shows the reports the code gives today."""

from __future__ import annotations

from pathlib import Path

from dpssec.indicators import (
    DEFAULT_RULES,
    RequiredCellsRule,
    homicide_submission,
    prisons_submission,
    validate_submission,
)

GUIDE = (
    Path(__file__).resolve().parents[2] / "docs" / "guides" / "indicators-checking-a-submission.md"
)


def _block(text: object) -> str:
    return "```text\n" + str(text) + "\n```\n"


def test_the_guide_shows_the_current_reports() -> None:
    guide = GUIDE.read_text(encoding="utf-8")
    prisons = validate_submission(prisons_submission())
    homicide = validate_submission(
        homicide_submission(), previous=homicide_submission(series="UNODC_GSH2013")
    )
    matrix = homicide.completeness(
        states=["ARG", "HND", "MEX"], indicators=["homicide_rate"], years=range(2000, 2025)
    )
    for shown in (prisons, homicide, matrix):
        assert _block(shown) in guide, f"update the guide: {str(shown).splitlines()[0]}"


def test_the_rules_example_of_the_guide_builds() -> None:
    rules = (
        DEFAULT_RULES.with_range("homicide_rate", 0, 120)
        .replace("year-on-year", threshold=3.0)
        .without("revisions")
        .adding(
            RequiredCellsRule(
                name="required-cells",
                description="2020-2023 occupancy",
                indicators=("occupancy",),
                years=range(2020, 2024),
            )
        )
    )
    assert rules["required-cells"].years == (2020, 2021, 2022, 2023)
    report = validate_submission(prisons_submission(), rules=rules)
    assert report.by_rule("required-cells")
