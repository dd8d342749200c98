"""SDG 16 helpers: definitions recorded in the result, Wilson vectors, design effects."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dpssec.errors import InputError
from dpssec.prevention import (
    crime_rate,
    feeling_safe_share,
    homicide_rate,
    trafficking_victim_rate,
    violence_prevalence,
)
from tests.conftest import compute


def test_homicide_rate_is_crime_rate_with_the_definition() -> None:
    r = homicide_rate([7172, 113], [7_933_628, 441_406])
    plain = crime_rate([7172, 113], [7_933_628, 441_406])
    np.testing.assert_allclose(r.value, plain.value)
    np.testing.assert_allclose(r.lower, plain.lower)
    assert "16.1.1" in r.indicator and "ICCS 0101" in r.indicator
    assert r.reference is not None and "16.1.1" in r.reference.clause


def test_trafficking_rate_is_labelled_detected_victims() -> None:
    r = trafficking_victim_rate(120, 3_000_000)
    assert r.value == pytest.approx(4.0)
    assert "detected_victims_rate" in r.indicator and "not all victims" in r.indicator
    assert r.reference is not None and not r.reference.verified


@pytest.mark.parametrize(
    ("x", "n", "lower", "upper"),
    [
        (65, 100, 0.5525444329688797, 0.7363575175690247),
        (1045, 5000, 0.19795549880013297, 0.22049130373189027),
        (7, 34, 0.103495269, 0.367983881),
    ],
)
def test_violence_prevalence_wilson_vectors(x: int, n: int, lower: float, upper: float) -> None:
    """statistics.md §8.1 (PHE testdata_B_W) and §8.5 (statsmodels 7/34)."""
    p = violence_prevalence(x, n)
    assert p.value == pytest.approx(x / n)
    assert p.lower == pytest.approx(lower, rel=1e-8)
    assert p.upper == pytest.approx(upper, rel=1e-8)
    assert p.method == "wilson"


def test_design_effect_equals_effective_sample_size() -> None:
    a = violence_prevalence(300, 1000, design_effect=2.5)
    b = violence_prevalence(300, 1000, effective_sample_size=400)
    srs = violence_prevalence(120, 400)
    assert a.value == b.value == pytest.approx(0.3)
    assert a.lower == pytest.approx(b.lower) == pytest.approx(srs.lower)
    assert a.upper == pytest.approx(srs.upper)
    plain = violence_prevalence(300, 1000)
    assert a.upper - a.lower > plain.upper - plain.lower
    with pytest.raises(InputError, match="not both"):
        violence_prevalence(3, 10, design_effect=2, effective_sample_size=5)


def test_violence_percent_and_form_label() -> None:
    p = violence_prevalence(65, 100, multiplier=100, form="physical")
    assert p.value == pytest.approx(65)
    assert p.upper == pytest.approx(73.63575175690247)
    assert p.indicator.endswith("(physical)")


def test_only_the_indicators_forms_of_violence_are_accepted() -> None:
    from dpssec.prevention import SurveyDesign, violence_prevalence_survey

    with pytest.raises(InputError, match=r"'form': 'verbal' is not one of 'physical', "):
        violence_prevalence(65, 100, form="verbal")
    design = SurveyDesign([1.0] * 6)
    with pytest.raises(InputError, match=r"'form': 'verbal' is not one of"):
        violence_prevalence_survey([1, 0, 0, 1, 0, 0], design, form="verbal")
    assert violence_prevalence(65, 100, form="Psychological").indicator.endswith("(psychological)")
    assert "(" not in violence_prevalence(65, 100).indicator  # no form: no label


def test_violence_prevalence_matches_statsmodels() -> None:
    smp = pytest.importorskip("statsmodels.stats.proportion")
    x, n = np.array([0, 3, 50, 99]), np.array([10, 40, 100, 100])
    low, high = smp.proportion_confint(x, n, alpha=0.1, method="wilson")
    p = violence_prevalence(x, n, confidence=0.9)
    np.testing.assert_allclose(p.lower, low, rtol=1e-10, atol=1e-14)
    np.testing.assert_allclose(p.upper, high, rtol=1e-10)


def test_feeling_safe_dont_know_choice_is_required_and_recorded() -> None:
    with pytest.raises(InputError, match="missing a required argument: 'dont_know'"):
        feeling_safe_share(600, 300, 100)  # type: ignore[call-arg]
    with pytest.raises(InputError, match="parameter 'dont_know': 'drop' is not one of"):
        feeling_safe_share(600, 300, 100, dont_know="drop")
    excluded = feeling_safe_share(600, 300, 100, dont_know="exclude")
    included = feeling_safe_share(600, 300, 100, dont_know="include_in_denominator")
    assert excluded.value == pytest.approx(600 / 900)
    assert included.value == pytest.approx(0.6)
    assert excluded.denominator == 900 and included.denominator == 1000
    assert "excluded" in excluded.indicator and "kept" in included.indicator
    assert excluded.reference is not None and not excluded.reference.verified
    assert "exclude" in excluded.reference.clause


def test_feeling_safe_arrays() -> None:
    s = feeling_safe_share(
        [60, 10], [30, 10], [10, 0], dont_know="include_in_denominator", multiplier=100
    )
    np.testing.assert_allclose(s.value, [60, 50])
    assert isinstance(s.value, np.ndarray)


@given(x=st.integers(0, 500), extra=st.integers(0, 500), deff=st.floats(0.5, 5))
def test_prevalence_interval_contains_value(x: int, extra: int, deff: float) -> None:
    n = x + extra
    if n == 0:
        return
    p = violence_prevalence(x, n, design_effect=deff)
    assert 0 <= p.lower <= p.value <= p.upper <= 1


def test_array_types(array_type: Any) -> None:
    x, n = [5, 50, 99], [10, 100, 100]
    p = violence_prevalence(array_type(x), array_type(n))
    expected = violence_prevalence(np.array(x), np.array(n))
    np.testing.assert_allclose(compute(p.lower), expected.lower)


@pytest.mark.parametrize(
    ("x", "n", "message"),
    [
        ([5, 11], [10, 10], "'victims': 1 of 2 values are greater than 'respondents'"),
        ([5, -1], [10, 10], "negative"),
        ([5, 1], [10, 0], "zero or negative"),
    ],
)
def test_bad_input(x: Any, n: Any, message: str) -> None:
    with pytest.raises(InputError, match=message):
        violence_prevalence(x, n)


@pytest.mark.parametrize("function", [homicide_rate, trafficking_victim_rate])
def test_sdg_rates_write_out_the_crime_rate_keywords(function: Any) -> None:
    import inspect

    ours = inspect.signature(function).parameters
    theirs = inspect.signature(crime_rate).parameters
    shared = ["multiplier", "confidence", "method", "min_count", "min_population", "by"]
    for name in [*shared, "keep_suppressed_values"]:
        assert ours[name].kind is inspect.Parameter.KEYWORD_ONLY
        assert ours[name].default == theirs[name].default
    assert not any(p.kind is inspect.Parameter.VAR_KEYWORD for p in ours.values())
    with pytest.raises(InputError, match=f"^{function.__name__}: .*unexpected keyword"):
        function(1, 100, multipler=10)
    r = function([1, 20], [100, 1000], by=["a", "b"], min_count=5, keep_suppressed_values=True)
    expected = crime_rate(
        [1, 20], [100, 1000], by=["a", "b"], min_count=5, keep_suppressed_values=True
    )
    np.testing.assert_allclose(r.value, expected.value)
    assert r.suppressed.tolist() == [True, False]


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: homicide_rate([-1, 2], [3, 4]), r"^parameter 'victims': 1 of 2 values"),
        (
            lambda: homicide_rate([1, 2], [3, 4, 5]),
            r"^homicide_rate: lengths differ: victims has 2 values",
        ),
        (
            lambda: trafficking_victim_rate([1, -2], [3, 4]),
            r"^parameter 'detected_victims': 1 of 2",
        ),
        (
            lambda: violence_prevalence(120, 100),
            r"^parameter 'victims': 1 of 1 values are greater than 'respondents' \(first at "
            r"index 0: 120.0 > 100.0\)",
        ),
        (lambda: violence_prevalence(-1, 100), r"^parameter 'victims': 1 of 1 values are neg"),
        (lambda: violence_prevalence(1, 0), r"^parameter 'respondents': 1 of 1 values are zero"),
        (
            lambda: feeling_safe_share([1, 0], [1, 0], [5, 10], dont_know="exclude"),
            r"^safe \+ unsafe is 0 in 1 of 2 rows \(first at index 1; dont_know='exclude'\)",
        ),
        (
            lambda: feeling_safe_share(0, 0, 0, dont_know="include_in_denominator"),
            r"^safe \+ unsafe \+ unknown is 0 in 1 of 1 rows",
        ),
    ],
)
def test_messages_use_the_public_parameter_names(call: Any, message: str) -> None:
    with pytest.raises(InputError, match=message) as caught:
        call()
    assert "'count'" not in str(caught.value) and "'total'" not in str(caught.value)
