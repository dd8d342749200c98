"""The catalogue against the code: functions exist, units agree, ratios compute as declared."""

from __future__ import annotations

import inspect
import json

import attrs
import pytest

from dpssec.boundary import Amount, Count, Indicator, Population, calculator_info
from dpssec.errors import InputError
from dpssec.indicators import (
    CATALOGUE,
    Catalogue,
    CatalogueEntry,
    Term,
    Texts,
    catalogue_markdown,
)
from dpssec.indicators.catalogue_entry import COUNT_UNITS, LANGUAGES
from dpssec.references import Reference
from dpssec.units import ureg

ENTRIES = {e.identifier: e for e in CATALOGUE}


def _agrees(unit: str, spec: object) -> bool:
    if unit in COUNT_UNITS:
        return isinstance(spec, Count | Population | Indicator)
    if not isinstance(spec, Amount) or spec.unit is None:
        return False
    return bool(ureg.Unit(spec.unit).dimensionality == ureg.Unit(unit).dimensionality)


@pytest.mark.parametrize("identifier", sorted(ENTRIES))
def test_function_exists_and_takes_the_terms(identifier: str) -> None:
    entry = ENTRIES[identifier]
    function = entry.load_function()
    assert callable(function)
    parameters = inspect.signature(function).parameters
    for term in (entry.numerator, entry.denominator):
        if term.parameter is not None:
            assert term.parameter in parameters, f"{entry.function} has no {term.parameter!r}"
    for option in entry.options:
        assert option in parameters, f"{entry.function} has no option {option!r}"


@pytest.mark.parametrize("identifier", sorted(ENTRIES))
def test_units_agree_with_the_declaration(identifier: str) -> None:
    entry = ENTRIES[identifier]
    info = calculator_info(entry.load_function())
    if info is None:
        pytest.skip(f"{entry.function} is not declared with @calculator yet")
    for term in (entry.numerator, entry.denominator):
        if term.parameter is None:
            continue
        spec = info.specs.get(term.parameter)
        assert spec is not None, f"{entry.function} declares no spec for {term.parameter!r}"
        assert _agrees(term.unit, spec), (
            f"{identifier}: {term.parameter!r} is {term.unit!r} in the catalogue but "
            f"{type(spec).__name__}({getattr(spec, 'unit', None)!r}) in {entry.function}"
        )
    if info.returns is not None:
        assert entry.returns is not None, f"{identifier}: the function returns {info.returns}"
        assert ureg.Unit(info.returns).dimensionality == ureg.Unit(entry.returns).dimensionality


@pytest.mark.parametrize("identifier", sorted(e.identifier for e in CATALOGUE if e.is_ratio))
def test_a_ratio_is_numerator_over_denominator_times_scale(identifier: str) -> None:
    entry = ENTRIES[identifier]
    assert entry.scale is not None
    assert entry.compute(37, 1000) == pytest.approx(37 / 1000 * entry.scale, rel=1e-12)
    assert entry.compute(5, 8) == pytest.approx(5 / 8 * entry.scale, rel=1e-12)


def test_the_known_catalogue() -> None:
    assert {
        "prison_population_rate",
        "occupancy",
        "unsentenced_share",
        "remand_share",
        "homicide_rate",
        "trafficking_victim_rate",
        "violence_prevalence",
        "feeling_safe_share",
        "age_standardised_rate",
        "recidivism_rate",
        "clearance_rate",
        "case_turnover_ratio",
        "disposition_time",
        "casualty_civilian_share",
        "casualty_child_share",
        "survey_proportion",
        # what the library computes beside them (one record each)
        "partner_violence_prevalence",
        "partner_violence_prevalence_survey",
        "violence_prevalence_survey",
        "feeling_safe_share_survey",
        "trafficking_victims_estimated",
        "annual_percent_change",
        "casualty_rate",
        "casualty_trend",
        "eore_coverage",
        "eore_people_reached",
        "assistance_coverage",
        "efficiency_rate",
        "backlog_change",
        "time_to_disposition",
        "pretrial_detention_length",
    } <= set(ENTRIES)
    assert ENTRIES["partner_violence_prevalence"].sdg == "5.2.1"
    assert "estimate of all victims" in ENTRIES["trafficking_victims_estimated"].variant
    assert {e.sdg for e in CATALOGUE} >= {"5.2.1", "16.1.1", "16.1.3", "16.1.4", "16.2.2", "16.3.2"}
    variants = {ENTRIES["unsentenced_share"].variant, ENTRIES["remand_share"].variant}
    assert any("UN-CTS" in v for v in variants) and any("World Prison Brief" in v for v in variants)
    assert "detected" in ENTRIES["trafficking_victim_rate"].variant
    assert ENTRIES["trafficking_victim_rate"].verified is False


@pytest.mark.parametrize("identifier", sorted(ENTRIES))
def test_every_text_in_four_languages(identifier: str) -> None:
    entry = ENTRIES[identifier]
    for texts in (entry.name, entry.definition):
        for language in LANGUAGES:
            assert texts.get(language).strip()
        assert len({texts.es, texts.pt, texts.fr}) == 3, f"{identifier}: copies, not translations"
    assert isinstance(entry.reference, Reference)


def test_variables_have_one_unit_and_names() -> None:
    variables = CATALOGUE.all_variables()
    assert len({v.identifier for v in variables}) == len(variables)
    for entry in CATALOGUE:
        for term in (entry.numerator, entry.denominator):
            variable = CATALOGUE.variable(term.variable)
            assert variable is not None and variable.unit == term.unit
    assert CATALOGUE.variable("national_population").population  # type: ignore[union-attr]
    assert CATALOGUE.variable("mine_casualties") is not None


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("occupancy", "occupancy"),
        ("OCUPACIÓN penitenciaria", "occupancy"),
        ("ocupacao prisional", "occupancy"),
        ("surpopulation carcérale", "occupancy"),
        ("homicidio", "homicide_rate"),
        ("homicídios", "homicide_rate"),
        ("homicides volontaires", "homicide_rate"),
        ("16.1.1", "homicide_rate"),
        ("0204", "trafficking_victim_rate"),
        ("trata personas", "trafficking_victim_rate"),
        ("détention provisoire", "remand_share"),
        ("sin sentencia", "unsentenced_share"),
    ],
)
def test_search_in_four_languages(query: str, expected: str) -> None:
    found = [e.identifier for e in CATALOGUE.search(query)]
    assert expected in found
    assert len(found) <= 3, found


def test_search_is_strict_about_every_word() -> None:
    assert len(CATALOGUE.search("homicidio inexistente")) == 0
    assert len(CATALOGUE.search("")) == len(CATALOGUE)


def test_resolve_codes_aliases_and_names() -> None:
    assert CATALOGUE.resolve("Occupancy_PCT") == "occupancy"
    assert CATALOGUE.resolve("Tasa de homicidios intencionales") == "homicide_rate"
    assert CATALOGUE.resolve("capacidad oficial") == "official_capacity"
    assert CATALOGUE.resolve("nothing") is None
    with pytest.raises(KeyError, match="closest"):
        CATALOGUE["occupancyy"]


def test_table_and_json() -> None:
    frame = CATALOGUE.to_frame(language="es")
    assert list(frame["identifier"]) == list(CATALOGUE.identifiers)
    assert (
        frame.set_index("identifier").loc["occupancy", "name"] == "Tasa de ocupación penitenciaria"
    )
    assert {"numerator_unit", "denominator_unit", "function", "variant", "sdg", "verified"} <= set(
        frame.columns
    )
    text = CATALOGUE.to_json()
    data = json.loads(text)
    assert [e["identifier"] for e in data["entries"]] == list(CATALOGUE.identifiers)
    assert data["entries"][0]["name"]["fr"]
    assert Catalogue.from_json(text) == CATALOGUE
    assert "occupancy" in str(CATALOGUE) and "<table>" in CATALOGUE._repr_html_()


def test_adding_an_entry_is_one_record() -> None:
    texts = Texts("Backlog ratio", "Razón de atraso", "Razão de atraso", "Ratio d'arriéré")
    entry = CatalogueEntry(
        identifier="test_backlog_ratio",
        name=texts,
        definition=texts,
        numerator=Term("cases_waiting", "cases", "count"),
        denominator=Term("cases_judged", "cases", "population"),
        unit="%",
        function="dpssec.stats.poisson_rate",
        variant="CEPEJ",
        reference=Reference("CEPEJ", "2017", verified=False),
        domain="justice",
        scale=100.0,
    )
    extended = attrs.evolve(CATALOGUE, entries=(*CATALOGUE.entries, entry))
    assert extended.resolve("Razón de atraso") == "test_backlog_ratio"
    assert extended.variable("cases_judged") is not None
    assert extended.search("arriéré").identifiers == ("test_backlog_ratio",)
    with pytest.raises(InputError, match="names both"):
        attrs.evolve(
            CATALOGUE, entries=(*CATALOGUE.entries, attrs.evolve(entry, identifier="occupancy"))
        )
    wrong_unit = attrs.evolve(entry, numerator=Term("prison_population", "cases", "count"))
    with pytest.raises(InputError, match="prison_population"):
        attrs.evolve(CATALOGUE, entries=(*CATALOGUE.entries, wrong_unit))
    missing = attrs.evolve(entry, function="dpssec.justice.no_such_function")
    with pytest.raises(InputError, match="not a dpssec function"):
        missing.load_function()


def test_the_docs_page_is_generated_from_the_catalogue() -> None:
    page = catalogue_markdown()
    for entry in CATALOGUE:
        assert f"(`{entry.identifier}`)" in page
        for name in entry.name:
            assert name in page
        assert entry.function in page
    assert "**unverified**" in page
    for variable in CATALOGUE.all_variables():
        assert f"`{variable.identifier}`" in page


def test_every_indicator_calculator_of_the_domains_is_catalogued_or_excused() -> None:
    """A public calculator of justice, prevention or mines that computes a published
    indicator has an entry; the others (tools, readers, models' helpers) are listed here."""
    import dpssec.justice
    import dpssec.mines
    import dpssec.prevention

    catalogued = {e.function for e in CATALOGUE}
    not_indicators = {
        # justice: classifications, projections, tables, readers and consistency helpers
        "classify_occupancy", "system_overcrowding", "capacity_from_floor_area",
        "meets_space_standard", "required_floor_area", "check_cell_space", "population_trend",
        "project_population", "time_served_table", "years_to_capacity", "analyse_recidivism",
        "follow_up_durations", "read_release_cohorts", "read_text_file", "compare_programmes",
        "days_in_period", "stock_identity_gap", "read_caseflow", "caseflow_table",
        "lower_median", "pending_age_profile", "flow_to_measured_ratio", "capacity_needed", "periods_until",
        "project_backlog", "cohorts_from_table",
        # prevention: helpers, generic estimators and tables of the catalogued indicators
        "describe_rule", "normalise_band_label", "resolve_standard", "section_of",
        "indicator_table", "check_aligned", "refuse_misaligned", "aligned_to_design",
        "survey_mean", "survey_ratio", "survey_total", "chapman_estimate", "count_breakdown",
        "survey_breakdown",
        # mines: prioritisation, sampling, forecasting, records and report tools
        "blocked_criterion", "check_criteria_table", "criteria_table", "impact_category",
        "impact_score", "programme_performance", "ahp", "entropy_weights",
        "normalize_criteria", "rank", "topsis", "topsis_details", "weighted_sum",
        "compare_priorities", "default_benefit", "prioritise", "cost_per_area",
        "summarise_release", "acceptance_probability", "area_acceptance_probability",
        "residual_risk", "zero_acceptance_sample_size", "zero_find_upper_bound",
        "completion_forecast", "share_over_known", "summarise_casualty_counts",
        "resolve_accidents", "revised_series", "time_to_assistance",
        "time_to_first_assistance", "unmet_needs", "casualty_groups", "casualty_rate_change",
        "check_beneficiary_totals", "reach_by_group", "article7_summary", "read_areas",
    }  # fmt: skip
    missing = []
    for module in (dpssec.justice, dpssec.prevention, dpssec.mines):
        for name in module.__all__:
            value = getattr(module, name)
            if not callable(value) or inspect.isclass(value) or name in not_indicators:
                continue
            if f"{module.__name__}.{name}" not in catalogued:
                missing.append(f"{module.__name__}.{name}")
    assert not missing, f"public functions neither catalogued nor excused: {missing}"
