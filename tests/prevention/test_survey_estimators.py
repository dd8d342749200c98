"""Design-based survey estimators against R ``survey`` 4.1-1 (to 1e-8) and its published outputs.

Reference values: ``tests/data/prevention/r_survey_reference.csv``, written by
``make_r_survey_reference.R`` (the R calls are there), e.g. for the stratified design::

    dstrat <- svydesign(id=~1, strata=~stype, weights=~pw, data=apistrat, fpc=~fpc)
    svymean(~api00, dstrat, deff=TRUE); svyby(~api00, ~stype, dstrat, svymean, deff=TRUE)
    svyciprop(~yes, dstrat, method="beta")
"""

from __future__ import annotations

import math
import warnings
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dpssec.errors import DataQualityWarning, InputError
from dpssec.prevention import (
    SurveyDesign,
    survey_mean,
    survey_proportion,
    survey_ratio,
    survey_total,
)

pd = pytest.importorskip("pandas")

DATA = Path(__file__).resolve().parents[1] / "data" / "prevention"


@pytest.fixture(scope="module")
def strat() -> Any:
    return pd.read_csv(DATA / "api_strat.csv")


@pytest.fixture(scope="module")
def clus() -> Any:
    return pd.read_csv(DATA / "api_clus1.csv")


def _reference() -> Any:
    ref = pd.read_csv(DATA / "r_survey_reference.csv", keep_default_na=False)
    for column in ("estimate", "se", "deff", "lower", "upper"):
        ref[column] = pd.to_numeric(ref[column].astype(str).str.strip(), errors="coerce")
    return ref


REFERENCE = _reference()
DESIGNS = {
    "strat": ("strat", {"strata": "stype", "fpc": "fpc"}),
    "strat_wr": ("strat", {"strata": "stype"}),
    "clus1": ("clus", {"clusters": "dnum", "fpc": "fpc"}),
    "clus1_wr": ("clus", {"clusters": "dnum"}),
    "stratclus_wr": ("strat", {"strata": "stype", "clusters": "dnum", "nest": True}),
}
CASES = [(row.design, i) for i, row in REFERENCE.iterrows() if row.design in DESIGNS]


def _design(name: str, strat: Any, clus: Any) -> tuple[Any, SurveyDesign]:
    table_name, columns = DESIGNS[name]
    table = strat if table_name == "strat" else clus
    design = SurveyDesign.from_columns(table, weights="pw", **columns)
    return table, design


@pytest.mark.parametrize(("design_name", "index"), CASES)
def test_equals_r_survey(design_name: str, index: int, strat: Any, clus: Any) -> None:
    row = REFERENCE.loc[index]
    table, design = _design(design_name, strat, clus)
    yes = (table["sch.wide"] == "Yes").astype(float)
    by = table["stype"] if row.group in ("E", "H", "M") else None
    domain = (table["comp.imp"] == "Yes").astype(float) if row.group.startswith("domain") else None
    if row.statistic == "mean":
        result = survey_mean(table[row.variable], design, by=by, domain=domain)
    elif row.statistic == "total":
        result = survey_total(table[row.variable], design, by=by)
    elif row.statistic == "ratio":
        result = survey_ratio(table["api00"], table["api99"], design, by=by)
    elif row.statistic == "proportion":
        result = survey_proportion(yes, design, by=by)
    else:
        result = survey_proportion(yes, design, by=by, method=row.method)
    if by is not None:
        result = result.row(stype=row.group)
    # R's logit point estimate comes from svyglm's IRLS (converged to ~1e-9); compare the
    # design-based mean there to 1e-8 relative as everywhere else.
    assert result.value == pytest.approx(row.estimate, rel=1e-8)
    assert result.standard_error == pytest.approx(row.se, rel=1e-8)
    if not math.isnan(row.deff):
        assert result.design_effect == pytest.approx(row.deff, rel=1e-8)
    if not math.isnan(row.lower):
        assert result.lower == pytest.approx(row.lower, rel=1e-8)
        assert result.upper == pytest.approx(row.upper, rel=1e-8)


def test_published_api_outputs(strat: Any, clus: Any) -> None:
    """R survey tests/api.Rout.save, printed to 5 significant digits."""
    dstrat = SurveyDesign(strat.pw, strata=strat.stype, fpc=strat.fpc)
    dclus1 = SurveyDesign(clus.pw, clusters=clus.dnum, fpc=clus.fpc)
    mean = survey_mean(strat.api00, dstrat)
    assert (round(mean.value, 2), round(mean.standard_error, 4)) == (662.29, 9.4089)
    total = survey_total(strat.enroll, dstrat)
    assert (round(total.value), round(total.standard_error)) == (3687178, 114642)
    mean = survey_mean(clus.api00, dclus1)
    assert (round(mean.value, 2), round(mean.standard_error, 3)) == (644.17, 23.542)
    total = survey_total(clus.enroll, dclus1)
    assert (round(total.value), round(total.standard_error)) == (3404940, 932235)


def test_published_lonely_psu_rules(clus: Any) -> None:
    """R survey tests/lonely.psu.Rout.save: strata = districts, district 413 has one school."""
    with pytest.raises(InputError, match="stratum 413 has a single PSU"):
        SurveyDesign(clus.pw, strata=clus.dnum)
    certainty = SurveyDesign(clus.pw, strata=clus.dnum, lonely_psu="certainty")
    adjust = SurveyDesign(clus.pw, strata=clus.dnum, lonely_psu="adjust")
    assert round(survey_mean(clus.api00, certainty).standard_error, 4) == 5.8058
    assert round(survey_mean(clus.api00, adjust).standard_error, 4) == 5.8281
    census = SurveyDesign(clus.pw, strata=clus.dnum, fpc=np.where(clus.dnum == 413, 1, 1000))
    assert round(survey_mean(clus.api00, census).standard_error, 4) == 5.7344


def test_replicate_weights_jk1(clus: Any) -> None:
    weights = pd.read_csv(DATA / "api_clus1_jk1_weights.csv").to_numpy()
    scale = (14 / 15) * (1 - 15 / 757)  # R's as.svrepdesign JK1 scale with the fpc
    design = SurveyDesign(clus.pw, replicate_weights=weights, replicate_scale=scale)
    ref = REFERENCE[REFERENCE.design == "clus1_jk1"].set_index("statistic")
    mean = survey_mean(clus.api00, design)
    assert mean.standard_error == pytest.approx(ref.loc["mean", "se"], rel=1e-10)
    assert round(mean.standard_error, 3) == 26.329  # published, api.Rout.save
    total = survey_total(clus.enroll, design)
    assert total.standard_error == pytest.approx(ref.loc["total", "se"], rel=1e-10)
    assert design.degrees_of_freedom == 14


def test_samplics_agrees_on_a_stratified_cluster_domain(strat: Any) -> None:
    samplics = pytest.importorskip("samplics")
    import warnings

    yes = (strat["sch.wide"] == "Yes").astype(float).to_numpy()
    design = SurveyDesign(strat.pw, strata=strat.stype, clusters=strat.dnum, nest=True)
    ours = survey_proportion(yes, design, by=strat.stype.to_numpy())
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        estimator = samplics.TaylorEstimator(samplics.PopParam.mean)
        estimator.estimate(
            y=yes,
            samp_weight=strat.pw.to_numpy(),
            stratum=strat.stype.to_numpy(),
            psu=strat.dnum.to_numpy(),
            domain=strat.stype.to_numpy(),
        )
    for label, value in estimator.point_est.items():
        assert ours.row(group=label).value == pytest.approx(value, rel=1e-10)
        assert ours.row(group=label).standard_error == pytest.approx(
            estimator.stderror[label], rel=1e-10
        )


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from([0, 1]), min_size=3, max_size=60))
def test_simple_random_sampling_reduces_to_the_srs_variance(answers: list[int]) -> None:
    """All weights 1, no strata or clusters: p = x/n and v = p(1 - p)/(n - 1).

    The design-based variance is n/(n-1) times the plug-in binomial p(1-p)/n: the unbiased
    with-replacement variance estimator of a mean (R gives the same).
    """
    y = np.asarray(answers, dtype=float)
    n = y.size
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DataQualityWarning)  # constant answers: deff undefined
        result = survey_proportion(y, SurveyDesign(np.ones(n)))
    p = y.mean()
    assert result.value == pytest.approx(p, abs=1e-15)
    assert result.standard_error**2 == pytest.approx(p * (1 - p) / (n - 1), abs=1e-14)
    assert result.degrees_of_freedom == n - 1
    if 0 < p < 1:
        assert result.lower <= result.value <= result.upper
        # weights summing to n are not expansion weights: no fpc factor, deff = 1
        assert result.design_effect == pytest.approx(1.0, rel=1e-12)


def test_domain_keeps_the_design_and_by_equals_separate_domains(strat: Any) -> None:
    design = SurveyDesign(strat.pw, strata=strat.stype, clusters=strat.dnum, nest=True)
    young = (strat.api00 < 650).astype(float)
    grouped = survey_mean(strat.enroll, design, by=strat.stype, domain=young)
    for label in ("E", "H", "M"):
        alone = survey_mean(
            strat.enroll, design, domain=(young * (strat.stype == label)).astype(float)
        )
        row = grouped.row(stype=label)
        assert row.value == pytest.approx(alone.value, rel=1e-12)
        assert row.standard_error == pytest.approx(alone.standard_error, rel=1e-12)
    # dropping the rows instead changes the design (fewer PSUs per stratum): not the same SE
    keep = (young == 1).to_numpy()
    dropped = SurveyDesign(
        strat.pw[keep], strata=strat.stype[keep], clusters=strat.dnum[keep], nest=True
    )
    naive = survey_mean(strat.enroll[keep], dropped)
    proper = survey_mean(strat.enroll, design, domain=young)
    assert naive.value == pytest.approx(proper.value, rel=1e-12)
    assert naive.standard_error != pytest.approx(proper.standard_error, rel=1e-3)


def test_crossed_groups_in_one_call(strat: Any) -> None:
    design = SurveyDesign(strat.pw, strata=strat.stype, fpc=strat.fpc)
    result = survey_total(
        np.ones(len(strat)), design, by={"stype": strat.stype, "awards": strat.awards}
    )
    assert len(result) == 6
    assert float(np.sum(result.value)) == pytest.approx(float(strat.pw.sum()), rel=1e-12)
    frame = result.to_frame()
    assert list(frame.columns[:2]) == ["stype", "awards"]


def test_dont_know_treatment_is_explicit() -> None:
    design = SurveyDesign([1.0] * 5)
    answers = [1, 1, 0, np.nan, 1]
    with pytest.raises(InputError, match="dont_know="):
        survey_proportion(answers, design)
    excluded = survey_proportion(answers, design, dont_know="exclude")
    kept = survey_proportion(answers, design, dont_know="include_in_denominator")
    assert (excluded.value, kept.value) == (0.75, 0.6)
    assert excluded.sample_size == 4 and kept.sample_size == 5
    assert "excluded" in excluded.missing and "kept" in kept.missing


def test_nan_policy_omit_is_a_domain(strat: Any) -> None:
    design = SurveyDesign(strat.pw, strata=strat.stype, fpc=strat.fpc)
    values = strat.api00.astype(float).to_numpy().copy()
    values[:5] = np.nan
    with pytest.raises(InputError, match="nan_policy='omit'"):
        survey_mean(values, design)
    with pytest.warns(DataQualityWarning, match="5 of 200"):
        omitted = survey_mean(values, design, nan_policy="omit")
    domain = np.r_[np.zeros(5), np.ones(195)]
    assert (
        omitted.standard_error
        == survey_mean(np.nan_to_num(values), design, domain=domain).standard_error
    )


@pytest.mark.parametrize("method", ["logit", "beta", "wilson", "mean"])
def test_interval_methods_contain_the_estimate(method: str, clus: Any) -> None:
    design = SurveyDesign(clus.pw, clusters=clus.dnum, fpc=clus.fpc)
    yes = (clus["sch.wide"] == "Yes").astype(float)
    result = survey_proportion(yes, design, by=clus.stype, method=method, multiplier=100)
    assert np.all(result.lower <= result.value) and np.all(result.value <= result.upper)
    assert np.all(result.value <= 100)


def test_zero_proportion_falls_back_to_clopper_pearson() -> None:
    design = SurveyDesign([2.0] * 6, strata=[1, 1, 1, 2, 2, 2])
    with pytest.warns(DataQualityWarning, match=r"the values do not vary in 1 of 1 estimate"):
        result = survey_proportion([0] * 6, design)
    assert result.value == 0 and result.lower == 0 and 0 < result.upper < 1
    assert np.isnan(result.design_effect) and np.isnan(result.effective_sample_size)


def test_an_undefined_design_effect_is_told_with_its_group() -> None:
    design = SurveyDesign([1.0] * 6)
    with pytest.warns(DataQualityWarning, match=r"1 of 2 estimate\(s\) \(first: group='a'\)"):
        result = survey_proportion([1, 1, 1, 0, 1, 0], design, by=list("aaabbb"))
    assert np.isnan(result.design_effect[0]) and np.isfinite(result.design_effect[1])
    with pytest.warns(DataQualityWarning, match=r"survey_mean: the values do not vary"):
        survey_mean([2.0, 2.0, 2.0], SurveyDesign([1.0] * 3))


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"weights": [1.0, -2.0]}, "'weights': 1 of 2 values are negative"),
        ({"weights": [1.0, 1.0], "clusters": ["a", None]}, "'clusters': 1 of 2 rows have no"),
        ({"weights": [1.0, 1.0], "strata": ["a", float("nan")]}, "'strata'"),
        (
            {"weights": [1.0] * 4, "strata": [1, 1, 2, 2], "fpc": [10, 11, 5, 5]},
            "varies within stratum 1",
        ),
        ({"weights": [1.0] * 2, "fpc": [0.5, 20]}, "varies within stratum"),
        ({"weights": [1.0] * 2, "strata": [1, 2], "fpc": [0.5, 20]}, "population of 0.5"),
        ({"weights": [1.0] * 3, "fpc": [2, 2, 2]}, "has 3 sampled PSUs but a population of 2"),
        ({"weights": [0.0, 0.0]}, "every weight is 0"),
        ({"weights": [1.0, 1.0], "strata": [1]}, "lengths differ"),
        (
            {"weights": [1.0] * 4, "strata": [1, 1, 2, 2], "clusters": ["a", "b", "a", "c"]},
            r"PSU 'a' appears in 2 strata \(1 \(row 0\), 2 \(row 2\)\).*pass nest=True",
        ),
    ],
)
def test_design_validation(kwargs: dict[str, Any], message: str) -> None:
    weights = kwargs.pop("weights")
    with pytest.raises(InputError, match=message):
        SurveyDesign(weights, **kwargs)


def test_psu_labels_restarting_in_each_stratum_need_nest() -> None:
    """R: svydesign(id=~psu, strata=~s) refuses reused PSU labels; nest=TRUE pairs them."""
    weights, strata, psus = [1.0] * 4, [1, 1, 2, 2], ["a", "b", "a", "b"]
    nested = SurveyDesign(weights, strata=strata, clusters=psus, nest=True)
    relabelled = SurveyDesign(weights, strata=strata, clusters=["a", "b", "c", "d"])
    assert nested.n_psus == relabelled.n_psus == 4
    values = [1.0, 3.0, 2.0, 8.0]
    assert survey_mean(values, nested) == survey_mean(values, relabelled)


def test_estimator_validation() -> None:
    design = SurveyDesign([1.0, 1.0, 1.0])
    with pytest.raises(InputError, match="design has 3 rows"):
        survey_mean([1.0, 2.0], design)
    with pytest.raises(InputError, match="must be a SurveyDesign"):
        survey_mean([1.0, 2.0, 3.0], [1, 1, 1])  # type: ignore[arg-type]
    with pytest.raises(InputError, match="no respondent is left"):
        survey_mean([1.0, 2.0, 3.0], design, domain=[0, 0, 0])
    with pytest.raises(InputError, match="'by': 1 of 3 rows have no label"):
        survey_mean([1.0, 2.0, 3.0], design, by=["a", None, "b"])
    with pytest.raises(InputError, match="must be numbers"):
        survey_mean(["x", "y", "z"], design)
    with pytest.raises(InputError, match="above 1"):
        survey_proportion([1, 2, 0], design)


def test_no_degrees_of_freedom_warns() -> None:
    design = SurveyDesign([1.0] * 4, clusters=["a", "a", "b", "b"])
    with pytest.warns(DataQualityWarning, match="no design degrees of freedom"):
        result = survey_mean([1.0, 2.0, 3.0, 4.0], design, by=["x", "x", "y", "y"])
    assert np.isnan(result.lower).all()
    normal = survey_mean([1.0, 2.0, 3.0, 4.0], design, degrees_of_freedom=math.inf)
    assert normal.degrees_of_freedom == math.inf and np.isfinite(normal.lower)


def test_pandas_columns_are_matched_to_the_design_by_label_not_position() -> None:
    from dpssec.prevention import partner_violence_prevalence_survey

    weights = pd.Series([1.0, 2.0, 1.0, 1.0], index=list("abce"))
    design = SurveyDesign(weights)
    with pytest.raises(
        InputError,
        match=r"survey_mean: the pandas indexes of 'design' and 'values' differ: labels only in "
        r"'design': \['e'\]; labels only in 'values': \['d'\]",
    ):
        survey_mean(pd.Series([1.0, 2, 3, 4], index=list("abcd")), design)
    with pytest.raises(InputError, match=r"'design' and 'values' differ: the same labels in a"):
        survey_mean(pd.Series([1.0, 2, 3, 4], index=list("ecba")), design)
    with pytest.raises(InputError, match=r"'design' and 'domain' differ"):
        survey_total([1.0, 2, 3, 4], design, domain=pd.Series([1, 1, 0, 1], index=list("abcd")))
    with pytest.raises(InputError, match=r"'design' and \"by\['sex'\]\" differ"):
        survey_mean([1.0, 2, 3, 4], design, by={"sex": pd.Series(list("ffmm"), index=list("abcx"))})
    with pytest.raises(InputError, match=r"'design' and 'denominator' differ"):
        survey_ratio([1.0, 2, 3, 4], pd.Series([1.0, 2, 3, 4], index=list("wxyz")), design)
    with pytest.raises(InputError, match=r"'design' and 'ever_partnered' differ"):
        partner_violence_prevalence_survey(
            [1, 0, 1, 0], pd.Series([1, 1, 1, 1], index=list("abcd")), design
        )
    # the same labels, or plain lists (by position), are accepted and agree
    aligned = survey_mean(pd.Series([1.0, 2, 3, 4], index=list("abce")), design)
    assert aligned.value == survey_mean([1.0, 2, 3, 4], design).value == pytest.approx(2.4)
    # the design's own columns must share one index
    with pytest.raises(
        InputError, match=r"SurveyDesign: the pandas indexes of 'weights' and 'strata'"
    ):
        SurveyDesign(weights, strata=pd.Series(list("xxyy"), index=list("abcd")))


def test_a_partner_violence_victim_outside_the_ever_partnered_is_refused() -> None:
    from dpssec.prevention import partner_violence_prevalence_survey

    design = SurveyDesign([1.0] * 6)
    with pytest.raises(InputError, match=r"1 of 6 respondents .* \(first at index 2\)"):
        partner_violence_prevalence_survey([1, 0, 1, 1, 0, 0], [1, 1, 0, 1, 1, 1], design)
    # a missing answer outside the population is no contradiction
    result = partner_violence_prevalence_survey(
        [1, 0, np.nan, 1, 0, 0], [1, 1, 0, 1, 1, 1], design, dont_know="exclude"
    )
    assert result.value == pytest.approx(2 / 5)
