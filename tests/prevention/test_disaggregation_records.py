"""Disaggregation (age bands, breakdowns with suppression), trafficking records, SDG microdata."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from dpssec.errors import DataQualityWarning, InputError
from dpssec.prevention import (
    AGE_BAND_PRESETS,
    ALL,
    SDG_5_2_1,
    AgeBandPreset,
    SurveyDesign,
    TraffickingRecords,
    count_breakdown,
    feeling_safe_share_survey,
    partner_violence_prevalence,
    partner_violence_prevalence_survey,
    survey_breakdown,
    survey_proportion,
    survey_total,
    violence_prevalence,
    violence_prevalence_survey,
)


def test_age_band_presets() -> None:
    youth = AGE_BAND_PRESETS["un_youth"]
    assert youth.label([0, 14.9, 15, 24.99, 25]).tolist() == [
        "children (0-14)",
        "children (0-14)",
        "youth (15-24)",
        "youth (15-24)",
        "adults (25+)",
    ]
    assert AGE_BAND_PRESETS["five_year"].label(87) == "85+"
    assert not youth.reference.verified
    with pytest.raises(InputError, match="negative"):
        youth.label([-1])
    with pytest.raises(InputError, match="not one of"):
        AgeBandPreset.named("oas_youth")
    with pytest.raises(InputError, match=r"'ages': 1 of 2 values are above 120 \(first at index 1"):
        youth.label([30, 130])  # not 'adults (25+)'


def test_breakdowns_take_an_age_band_preset_by_name() -> None:
    design = SurveyDesign([1.0] * 6)
    ages = [12, 16, 30, 19, 70, np.nan]
    with pytest.warns(DataQualityWarning, match="no design degrees of freedom"):  # one per band
        table = survey_breakdown([1, 0, 1, 1, 0, 0], design, by={"age": ages}, age_bands="un_youth")
    assert table.keys["age_band"] == (
        "adults (25+)", "children (0-14)", "unknown", "youth (15-24)", "(all)"
    )  # fmt: skip
    assert table.cell(age_band="youth (15-24)")["value"] == pytest.approx(0.5)
    counts = count_breakdown(
        [3, 40, 12], [9000, 80000, 20000], by={"age": [10, 30, 20]}, age_bands="crc_children"
    )
    assert counts.cell(age_band="adults (18+)")["count"] == 52
    with pytest.raises(InputError, match=r"above 120"):
        count_breakdown([3, 4], [90, 80], by={"age": [10, 130]}, age_bands="crc_children")
    with pytest.raises(InputError, match=r"labels the ages of by\['age'\]"):
        count_breakdown([3, 4], [90, 80], by={"sex": ["f", "m"]}, age_bands="crc_children")
    with pytest.raises(InputError, match=r"'age_bands': 'oas' is not one of"):
        count_breakdown([3, 4], [90, 80], by={"age": [3, 40]}, age_bands="oas")


def _survey() -> tuple[SurveyDesign, np.ndarray, dict[str, np.ndarray]]:
    rng = np.random.default_rng(5)
    n = 400
    strata = np.repeat(np.arange(8), 50)
    psu = strata * 10 + rng.integers(0, 5, n)
    design = SurveyDesign(rng.uniform(50, 150, n), strata=strata, clusters=psu)
    by = {
        "sex": rng.choice(["female", "male"], n),
        "migrant": rng.choice(["migrant", "national"], n, p=[0.2, 0.8]),
    }
    answers = (rng.random(n) < 0.3).astype(float)
    return design, answers, by


def test_survey_breakdown_cells_margins_and_total() -> None:
    design, answers, by = _survey()
    table = survey_breakdown(answers, design, by=by)
    assert len(table) == 4 + 2 + 2 + 1
    direct = survey_proportion(answers, design, by=by)
    cell = table.cell(sex="female", migrant="migrant")
    assert cell["value"] == pytest.approx(direct.row(sex="female", migrant="migrant").value)
    assert table.cell()["value"] == pytest.approx(survey_proportion(answers, design).value)
    # weighted totals are additive: cells sum to margins and to the total
    totals = survey_breakdown(np.ones(answers.size), design, by=by, statistic="total")
    cells = [
        totals.cell(sex=s, migrant=m)["value"]
        for s in ("female", "male")
        for m in ("migrant", "national")
    ]
    assert sum(cells) == pytest.approx(totals.cell()["value"], rel=1e-12)


def test_survey_breakdown_suppresses_small_and_noisy_cells() -> None:
    design, answers, by = _survey()
    table = survey_breakdown(answers, design, by=by, min_respondents=60, max_relative_se=0.5)
    few = table.count < 60
    assert table.suppressed[few].all() and np.isnan(table.value[few]).all()
    assert any(r.startswith("primary: fewer than 60") for r in table.reason)
    assert not table.suppressed[-1]  # the total is published


def test_count_breakdown_complementary_suppression_keeps_totals() -> None:
    counts = [3, 40, 12, 8]
    population = [9000, 80000, 20000, 15000]
    by = {"sex": ["f", "m", "f", "m"], "age": ["child", "child", "adult", "adult"]}
    table = count_breakdown(counts, population, by=by, min_count=5)
    assert table.cell(sex="f", age="child")["reason"] == "primary: count below 5"
    # the same margin lines hold a second, complementary suppression
    complementary = [i for i, r in enumerate(table.reason) if r == "complementary"]
    assert complementary
    assert table.cell()["count"] == 63 and table.cell(sex="f")["count"] == 15
    assert table.cell(sex="f")["value"] == pytest.approx(15 / 29000 * 1e5)
    # the Poisson standard error of each published rate (NaN only where suppressed)
    assert table.cell(sex="f")["standard_error"] == pytest.approx(np.sqrt(15) / 29000 * 1e5)
    assert np.isfinite(table.standard_error[~table.suppressed]).all()
    assert np.isnan(table.standard_error[table.suppressed]).all()


def _records() -> TraffickingRecords:
    return TraffickingRecords.from_columns(
        {
            "date": ["2023-01-10", "2023-02-11", "2023-03-12", "2023-04-13", "2023-05-14"],
            "offence": ["trafficking", "trafficking", "trafficking", "smuggling", "tip"],
            "sex": ["female", "F", "male", "male", "female"],
            "age": [16, 16, np.nan, 30, 22],
            "exploitation": ["sexual", "sexual", "forced_labour", "not_applicable", "labour"],
            "person_id": ["a", "a", "b", "c", "d"],
            "source": ["police", "ngo", "police", "police", "shelter"],
            "migrant": ["migrant", "migrant", "national", "migrant", "migrant"],
        }
    )


def test_trafficking_records() -> None:
    records = _records()
    assert len(records) == 5
    assert records.iccs.tolist() == ["02041", "02041", "02042", "", "02042"]
    assert records.detected_victims().as_dict() == {ALL: 3}
    assert records.detected_victims("age_band").as_dict() == {
        ALL: 3,
        "adults (18+)": 1,
        "children (0-17)": 1,
        "unknown": 1,
    }
    by_two = records.detected_victims(("sex", "migrant"))
    assert by_two[("female", "migrant")] == 2 and by_two[ALL] == by_two.total == 3
    frame = by_two.to_frame()
    assert frame.loc[("female", "migrant"), "victims"] == 2 and frame["victims"].sum() == 3
    histories, lists, periods = records.capture_histories()
    assert lists == ("ngo", "police", "shelter")
    assert histories.tolist() == [[1, 1, 0], [0, 1, 0], [0, 0, 1]]
    assert periods["police"] == ("2023-01-10", "2023-03-12")
    with pytest.raises(InputError, match="'sex'"):
        TraffickingRecords(["2023-01-01"], ["tip"], ["x"], [3])
    with pytest.raises(InputError, match="age"):
        TraffickingRecords(["2023-01-01"], ["tip"], ["f"], [-3])
    with pytest.raises(InputError, match="no column"):
        TraffickingRecords.from_columns({"date": ["2023-01-01"]})


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"age": [20, 130]}, r"'age': 1 of 2 values are above 120 \(first at index 1"),
        ({"iccs": ["0204", "99999"]}, r"'iccs': row 1: ICCS code '99999' is not valid"),
        ({"iccs": ["020", ""]}, r"'iccs': row 0: .* 2, 4, 5 or 6 digits"),
        ({"country_of_origin": ["VEN", "XXX"]}, r"'country_of_origin': row 1: 'XXX' is not"),
        ({"migrant": [True, "yes"]}, r"'migrant': a column of True/False with other values"),
    ],
)
def test_trafficking_records_refuse_impossible_values(
    options: dict[str, Any], message: str
) -> None:
    columns: dict[str, Any] = {"age": [20, 30], **options}
    with pytest.raises(InputError, match=message):
        TraffickingRecords(["2023-01-01"] * 2, ["tip"] * 2, ["f", "m"], **columns)


def test_trafficking_records_store_codes_and_flags() -> None:
    records = TraffickingRecords(
        ["2023-01-01"] * 3,
        ["tip"] * 3,
        ["f", "m", "f"],
        [20, 30, np.nan],
        migrant=[True, False, None],
        country_of_origin=["Venezuela", "col", ""],
        iccs=["02041", " 0204", ""],
    )
    assert records.migrant.tolist() == ["migrant", "non-migrant", "unknown"]
    assert records.country_of_origin.tolist() == ["VEN", "COL", ""]
    assert records.iccs.tolist() == ["02041", "0204", "0204"]


def test_sdg_indicators_from_microdata() -> None:
    design, answers, by = _survey()
    result = violence_prevalence_survey(answers, design, form="sexual", by={"sex": by["sex"]})
    assert result.indicator.endswith("(sexual)")
    assert result.value == pytest.approx(
        survey_proportion(answers, design, by={"sex": by["sex"]}).value
    )
    partnered = (np.arange(answers.size) % 3 != 0).astype(float)
    with pytest.raises(InputError, match=r"report intimate-partner violence but are not ever-"):
        partner_violence_prevalence_survey(answers, partnered, design)  # victims outside
    partner_answers = np.where(partnered > 0, answers, 0.0)
    ipv = partner_violence_prevalence_survey(partner_answers, partnered, design)
    expected = survey_proportion(partner_answers, design, domain=partnered).value
    assert ipv.value == pytest.approx(expected)
    assert ipv.reference is SDG_5_2_1 and ipv.indicator.startswith("SDG 5.2.1")
    safe = answers.copy()
    safe[:10] = np.nan
    with pytest.raises(InputError, match="dont_know"):
        feeling_safe_share_survey(safe, design)  # type: ignore[call-arg]
    excluded = feeling_safe_share_survey(safe, design, dont_know="exclude")
    assert excluded.reference is not None and not excluded.reference.verified
    # the estimated number of victims is a total, not a rate of detected victims
    victims = survey_total(answers, design)
    assert victims.value == pytest.approx(float(np.sum(design.weights * answers)))


def test_partner_violence_hand_typed_path() -> None:
    a = partner_violence_prevalence(65, 100, design_effect=2)
    b = violence_prevalence(65, 100, design_effect=2)
    assert (a.value, a.lower, a.upper) == (b.value, b.lower, b.upper)
    assert a.indicator.startswith("SDG 5.2.1") and a.reference is SDG_5_2_1


def test_detected_victims_round_trip_as_json() -> None:
    from dpssec.prevention import DetectedVictims
    from dpssec.serialization import from_json, to_json

    result = _records().detected_victims(("sex", "migrant"))
    back = from_json(to_json(result), DetectedVictims)
    assert back == result and back[("female", "migrant")] == 2
