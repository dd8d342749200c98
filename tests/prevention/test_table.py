"""indicator_table: every indicator from a long table equals the per-group calculators."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from dpssec.errors import InputError
from dpssec.prevention import (
    STANDARD_POPULATIONS,
    annual_percent_change,
    crime_rate,
    directly_standardised_rate,
    feeling_safe_share,
    indicator_table,
    indirectly_standardised_ratio,
)


def _long_dsr_table(phe_multiarea: dict[str, Any]) -> dict[str, Any]:
    bands = phe_multiarea["bands"]
    rows: dict[str, list[Any]] = {
        "area": [],
        "sex": [],
        "age_band": [],
        "count": [],
        "population": [],
    }
    for area in ("big", "small"):
        for sex, share in (("female", 0.4), ("male", 0.6)):
            rows["area"] += [area] * 19
            rows["sex"] += [sex] * 19
            rows["age_band"] += list(bands)
            rows["count"] += list(phe_multiarea[area] * share)
            rows["population"] += list(phe_multiarea["population"] * share)
    return rows


def test_rate_table_sums_before_dividing() -> None:
    data = {
        "area": ["A", "A", "B", "B", "B"],
        "sex": ["f", "m", "f", "m", "m"],
        "count": [3, 12, 40, 7, 1],
        "population": [10_000, 11_000, 90_000, 80_000, 5_000],
    }
    by_area = indicator_table(data, by=["area"])
    assert by_area.keys["area"].tolist() == ["A", "B"]
    expected = crime_rate([15, 48], [21_000, 175_000])
    np.testing.assert_allclose(by_area.value, expected.value)
    np.testing.assert_allclose(by_area.lower, expected.lower)
    assert by_area.method.tolist() == ["byar", "byar"]
    both = indicator_table(data, min_count=5)
    assert list(both.keys) == ["area", "sex"]
    assert len(both) == 4
    assert both.suppressed.tolist() == [True, False, False, False]
    assert both.note[0] == "count < 5"
    assert np.isnan(both.value[0])
    assert both.method[0] == "exact"


def test_dsr_table_matches_direct_call(phe_multiarea: dict[str, Any]) -> None:
    data = _long_dsr_table(phe_multiarea)
    table = indicator_table(data, "dsr", by=["area"])
    direct = directly_standardised_rate(
        np.vstack([phe_multiarea["big"], phe_multiarea["small"]]),
        np.vstack([phe_multiarea["population"]] * 2),
        "esp2013",
    )
    np.testing.assert_allclose(table.value, direct.value, rtol=1e-12)
    np.testing.assert_allclose(table.upper, direct.upper, rtol=1e-12)
    assert table.method.tolist() == ["dobson", "dobson"]
    by_sex = indicator_table(data, "dsr", by=["area", "sex"], method="fay-feuer")
    assert len(by_sex) == 4
    assert set(by_sex.method) == {"fay-feuer"}


def test_dsr_table_suppresses_and_names_missing_bands(phe_multiarea: dict[str, Any]) -> None:
    data = _long_dsr_table(phe_multiarea)
    data["count"] = [c / 100 for c in data["count"]]  # O < 10 everywhere
    table = indicator_table(data, "dsr", by=["area"])
    assert table.suppressed.all() and np.isnan(table.value).all()
    assert table.note[0] == "count < 10"
    short = {k: v[:-1] for k, v in _long_dsr_table(phe_multiarea).items()}
    with pytest.raises(InputError, match=r"area=small, sex=male is missing age bands 90\+"):
        indicator_table(short, "dsr")
    bad = _long_dsr_table(phe_multiarea)
    bad["age_band"] = ["85 and over" if b == "90+" else b for b in bad["age_band"]]
    with pytest.raises(InputError, match=r"age bands not in standard 'esp2013': 85\+"):
        indicator_table(bad, "dsr", by=["area"])


def test_isr_table_uses_whole_table_as_default_reference(
    phe_multiarea: dict[str, Any], phe_reference: dict[str, Any]
) -> None:
    data = _long_dsr_table(phe_multiarea)
    table = indicator_table(data, "ratio", by=["area"])
    counts = np.vstack([phe_multiarea["big"], phe_multiarea["small"]])
    pops = np.vstack([phe_multiarea["population"]] * 2)
    expected = indirectly_standardised_ratio(counts, pops, counts.sum(axis=0), pops.sum(axis=0))
    np.testing.assert_allclose(table.value, expected.value, rtol=1e-12)
    given_ref = indicator_table(
        data,
        "isr",
        by=["area"],
        reference_counts=phe_reference["counts"],
        reference_populations=phe_reference["populations"],
    )
    assert given_ref.multiplier == 100_000
    assert np.all(given_ref.lower < given_ref.value)


def test_proportion_table() -> None:
    data = {"group": ["youth", "youth", "adult"], "count": [30, 35, 10], "total": [50, 50, 200]}
    table = indicator_table(data, "proportion", multiplier=100)
    assert table.keys["group"].tolist() == ["adult", "youth"]
    np.testing.assert_allclose(table.value, [5.0, 65.0])
    assert table.upper[1] == pytest.approx(73.63575175690247)


def test_apc_table_per_group_with_gaps() -> None:
    years = list(range(2010, 2016))
    a_rates = [10 * 1.1**i for i in range(6)]
    data: dict[str, list[Any]] = {"area": [], "year": [], "count": [], "population": []}
    for i, year in enumerate(years):
        data["area"].append("A")
        data["year"].append(year)
        data["count"].append(a_rates[i] * 1000)
        data["population"].append(1e7)
        if i % 2 == 0:  # B only every other year
            data["area"].append("B")
            data["year"].append(year)
            data["count"].append(50 + 5 * i)
            data["population"].append(1e6)
    data["area"].append("C")
    data["year"].append(2010)
    data["count"].append(5)
    data["population"].append(1e6)
    table = indicator_table(data, "apc", by=["area"])
    assert table.value[0] == pytest.approx(10.0, rel=1e-10)
    b = annual_percent_change([2010, 2012, 2014], [50 / 1e6, 60 / 1e6, 70 / 1e6])
    assert table.value[1] == pytest.approx(b.value, rel=1e-10)
    assert table.upper[1] == pytest.approx(b.upper, rel=1e-10)
    assert table.suppressed.tolist() == [False, False, True]
    assert table.note[2] == "fewer than 3 years"


def test_dataframe_input_and_outputs(phe_multiarea: dict[str, Any]) -> None:
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame(_long_dsr_table(phe_multiarea))
    table = indicator_table(frame, "dsr", by=["area"])
    out = table.to_frame()
    assert list(out.columns[:4]) == ["area", "value", "lower", "upper"]
    assert out["area"].tolist() == ["big", "small"]
    records = table.to_dict()["rows"]
    assert records[0]["area"] == "big"
    assert records[0]["suppressed"] is False
    assert "big" in str(table)


def test_custom_standard_in_table() -> None:
    data = {
        "age_band": ["young", "old", "young", "old"],
        "area": ["A", "A", "B", "B"],
        "count": [10, 20, 30, 5],
        "population": [100, 100, 200, 50],
    }
    table = indicator_table(
        data, "dsr", standard={"young": 1, "old": 1}, min_count=0, multiplier=100
    )
    np.testing.assert_allclose(table.value, [15.0, 12.5])
    assert STANDARD_POPULATIONS["esp2013"].name == "esp2013"


@pytest.mark.parametrize(
    ("data", "kwargs", "message"),
    [
        (
            {"area": ["A"], "count": [1]},
            {},
            r"column 'population' \(population\) is not in the data",
        ),
        (
            {"area": ["A"], "count": [1], "population": [0]},
            {},
            "'population': 1 of 1 values are zero",
        ),
        (
            {"area": ["A"], "count": [-1], "population": [5]},
            {},
            "'count': 1 of 1 values are negative",
        ),
        ({"area": ["A", "B"], "count": [1], "population": [5]}, {}, "different lengths"),
        (
            {"count": [1], "population": [5]},
            {"indicator": "median"},
            "'indicator': 'median' is not",
        ),
        ({"count": [1], "population": [5]}, {"by": ["area"]}, "column 'area' .*grouping"),
        ({"area": ["A", None], "count": [1, 1], "population": [5, 5]}, {}, "labels are missing"),
    ],
)
def test_bad_input(data: Any, kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(InputError, match=message):
        indicator_table(data, **kwargs)


def test_not_a_table() -> None:
    with pytest.raises(InputError, match="DataFrame or a mapping"):
        indicator_table([1, 2, 3])


def test_sdg_names_attach_the_indicator_citation() -> None:
    data = {"country": ["BLZ", "HND"], "count": [113, 7172], "population": [441_406, 7_933_628]}
    table = indicator_table(data, "homicide_rate")
    plain = indicator_table(data, "rate")
    np.testing.assert_allclose(table.value, plain.value)
    assert table.indicator == "homicide_rate"
    assert table.reference is not None and "16.1.1" in table.reference.clause
    survey = {"group": ["women", "men"], "count": [120, 80], "total": [1000, 900]}
    prevalence = indicator_table(survey, "violence_prevalence")
    assert prevalence.reference is not None and "16.1.3" in prevalence.reference.clause
    traffic = indicator_table(data, "trafficking_victim_rate")
    assert traffic.reference is not None and not traffic.reference.verified


@pytest.mark.parametrize("rows", [10, 150_000])
def test_grouping_small_and_large_tables_agree(rows: int) -> None:
    """Small tables are grouped with numpy sorting, large ones with pandas hashing."""
    rng = np.random.default_rng(7)
    area = rng.choice(np.array(["b", "a", "c"], dtype=object), size=rows)
    count = rng.integers(0, 5, size=rows).astype(float)
    data = {"area": area, "count": count, "population": np.full(rows, 100.0)}
    table = indicator_table(data)
    assert table.keys["area"].tolist() == sorted(set(area.tolist()))
    for label, numerator in zip(table.keys["area"], table.numerator, strict=True):
        assert numerator == count[area == label].sum()
    area[rows // 2] = None
    with pytest.raises(InputError, match=f"1 of {rows} labels are missing"):
        indicator_table(data)
    mixed = area.copy()
    mixed[rows // 2] = 3
    mixed_table = indicator_table({**data, "area": mixed})
    assert "3" in mixed_table.keys["area"].tolist()


_SURVEY = {
    "region": ["N", "N", "S", "S"],
    "sex": ["f", "m", "f", "m"],
    "safe": [300, 250, 400, 0],
    "unsafe": [150, 200, 80, 0],
    "unknown": [50, 50, 20, 7],
}


@pytest.mark.parametrize("dont_know", ["exclude", "include_in_denominator"])
def test_feeling_safe_share_table_equals_the_calculator(dont_know: str) -> None:
    # safe, unsafe and unknown are value columns: the default grouping is region and sex
    table = indicator_table(_SURVEY, "feeling_safe_share", dont_know="include_in_denominator")
    assert list(table.keys) == ["region", "sex"]
    by_region = indicator_table(
        _SURVEY,
        "feeling_safe_share",
        by=["region"],
        dont_know=dont_know,
        confidence=90,
        multiplier=100,
    )
    expected = feeling_safe_share(
        [550, 400], [350, 80], [100, 27], dont_know=dont_know, confidence=0.9, multiplier=100
    )
    np.testing.assert_allclose(by_region.value, expected.value, rtol=1e-12)
    np.testing.assert_allclose(by_region.lower, expected.lower, rtol=1e-12)
    np.testing.assert_allclose(by_region.upper, expected.upper, rtol=1e-12)
    np.testing.assert_allclose(by_region.numerator, [550, 400])
    np.testing.assert_allclose(by_region.denominator, expected.denominator)
    assert by_region.indicator == "feeling_safe_share"
    assert by_region.reference is not None and "16.1.4" in by_region.reference.clause
    assert f"don't know: {dont_know}" in by_region.reference.clause
    assert not by_region.reference.verified


def test_feeling_safe_share_table_requires_the_dont_know_choice() -> None:
    with pytest.raises(InputError, match="needs dont_know"):
        indicator_table(_SURVEY, "feeling_safe_share", by=["region"])
    with pytest.raises(InputError, match="'dont_know': 'drop' is not one of"):
        indicator_table(_SURVEY, "feeling_safe_share", dont_know="drop")
    with pytest.raises(InputError, match="dont_know applies to indicator 'feeling_safe_share'"):
        indicator_table({"count": [1], "population": [5]}, dont_know="exclude")


def test_feeling_safe_share_table_names_bad_groups_and_columns() -> None:
    # S/m has only "don't know" answers: nothing to share once they are excluded
    with pytest.raises(InputError, match=r"1 of 4 groups have no answers .*first: region=S, sex=m"):
        indicator_table(_SURVEY, "feeling_safe_share", dont_know="exclude")
    kept = indicator_table(_SURVEY, "feeling_safe_share", dont_know="include_in_denominator")
    assert kept.value[-1] == 0
    negative = {**_SURVEY, "unsafe": [150, -1, 80, 0]}
    with pytest.raises(InputError, match="'unsafe': 1 of 4 values are negative"):
        indicator_table(negative, "feeling_safe_share", dont_know="exclude")
    with pytest.raises(InputError, match=r"column 'unknown' \(don't-know answers\) is not in"):
        indicator_table(
            {k: v for k, v in _SURVEY.items() if k != "unknown"},
            "feeling_safe_share",
            dont_know="exclude",
        )


def test_proportion_table_names_the_group_whose_count_exceeds_its_total() -> None:
    data = {"group": ["youth", "youth", "adult"], "count": [30, 80, 10], "total": [50, 50, 200]}
    with pytest.raises(
        InputError, match="1 of 2 groups have a count above their total; first: group=youth"
    ):
        indicator_table(data, "proportion")


def test_dsr_table_note_says_why_a_zero_count_is_suppressed() -> None:
    data = {
        "area": ["A", "A", "B", "B"],
        "age_band": ["young", "old"] * 2,
        "count": [0, 0, 3, 4],
        "population": [100, 100, 100, 100],
    }
    table = indicator_table(
        data, "dsr", standard={"young": 1, "old": 1}, min_count=0, min_population=250
    )
    assert table.suppressed.tolist() == [True, True]
    assert (
        table.note.tolist()
        == ["total count is 0 (Dobson interval undefined) or population < 250"] * 2
    )
