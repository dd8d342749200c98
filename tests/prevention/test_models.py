"""JSON round trips of the prevention models (standard populations, suppression rules)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dpssec.prevention import (
    STANDARD_POPULATIONS,
    StandardPopulation,
    SuppressionRule,
    crime_rate,
)
from dpssec.references import Reference
from dpssec.serialization import from_json, to_json

references = st.builds(
    Reference,
    document=st.text(min_size=1, max_size=20).filter(str.strip),
    edition=st.text(max_size=10),
    clause=st.text(max_size=20),
    verified=st.booleans(),
    url=st.none() | st.just("https://example.org/standard"),
)


@st.composite
def standard_populations(draw: st.DrawFn) -> StandardPopulation:
    size = draw(st.integers(1, 8))
    starts = sorted(draw(st.sets(st.integers(0, 120), min_size=size, max_size=size)))
    bands = [f"{a}-{a + 4}" for a in starts]
    counts = draw(st.lists(st.floats(0.5, 1e5), min_size=size, max_size=size))
    return StandardPopulation(
        draw(st.text(min_size=1, max_size=10).filter(str.strip)), bands, counts, draw(references)
    )


@given(standard_populations())
def test_standard_population_round_trip(std: StandardPopulation) -> None:
    assert from_json(to_json(std), StandardPopulation) == std


@given(
    st.builds(
        SuppressionRule,
        min_count=st.floats(0, 100),
        min_population=st.floats(0, 1000),
        reference=st.none() | references,
    )
)
def test_suppression_rule_round_trip(rule: SuppressionRule) -> None:
    assert from_json(to_json(rule), SuppressionRule) == rule


@pytest.mark.parametrize("name", sorted(STANDARD_POPULATIONS))
def test_presets_round_trip(name: str) -> None:
    std = STANDARD_POPULATIONS[name]
    assert from_json(to_json(std), StandardPopulation) == std


def test_esp2013_agrees_with_phstatsmethods() -> None:
    """A second transcription of ESP 2013 (PHStatsMethods.euro_standard_pop)."""
    ph = pytest.importorskip("PHStatsMethods")
    theirs = ph.euro_standard_pop()
    esp = STANDARD_POPULATIONS["esp2013"]
    assert theirs["esp_age_bands"].tolist() == list(esp.bands)
    np.testing.assert_array_equal(theirs["euro_standard_pops"], esp.counts)


def test_result_serialises() -> None:
    # suppressed rows hold NaN, which strict JSON refuses; IndicatorTable.to_records() writes
    # them as null
    text = to_json(
        crime_rate([1, 20], [100, 1000], by=["a", "b"], min_count=5, keep_suppressed_values=True)
    )
    assert '"suppressed": [true, false]' in text
