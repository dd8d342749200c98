"""Standard populations: published values, normalisation, band matching, custom standards."""

from __future__ import annotations

import numpy as np
import pytest

from dpssec.errors import InputError
from dpssec.prevention import (
    STANDARD_POPULATIONS,
    StandardPopulation,
    normalise_band_label,
    resolve_standard,
)
from tests.prevention.conftest import load_rows


@pytest.mark.parametrize("name", ["esp2013", "who2000"])
def test_published_values(name: str) -> None:
    """prevention.md §6: ESP 2013 (19 bands, 100,000) and WHO 2000-2025 (21 bands, 100,035)."""
    rows = [r for r in load_rows("standard_populations.csv") if r["standard"] == name]
    std = STANDARD_POPULATIONS[name]
    assert list(std.bands) == [r["band"] for r in rows]
    assert list(std.counts) == [r["population"] for r in rows]
    assert std.reference.verified is (rows[0]["tag"] == "verified")


def test_totals_and_normalised_weights() -> None:
    assert STANDARD_POPULATIONS["esp2013"].total == 100_000
    assert STANDARD_POPULATIONS["who2000"].total == 100_035
    assert STANDARD_POPULATIONS["esp1976"].total == 100_000
    for std in STANDARD_POPULATIONS.values():
        assert std.weights.sum() == pytest.approx(1.0, abs=1e-12)
    who = STANDARD_POPULATIONS["who2000"]
    assert who.weights[0] == pytest.approx(8860 / 100_035)


def test_who_collapsed_to_85_plus() -> None:
    """prevention.md §6: the WHO standard with 85+ collapsed has 635 in the open band."""
    collapsed = STANDARD_POPULATIONS["who2000"].collapse_from("85-89")
    assert collapsed.bands[-1] == "85+"
    assert collapsed.counts[-1] == 635
    assert len(collapsed.bands) == 18
    with pytest.raises(InputError, match="no age band '84-88'"):
        STANDARD_POPULATIONS["who2000"].collapse_from("84-88")


def test_unverified_presets_say_so() -> None:
    assert not STANDARD_POPULATIONS["who2000"].reference.verified
    assert not STANDARD_POPULATIONS["esp1976"].reference.verified
    assert "[unverified]" in str(STANDARD_POPULATIONS["who2000"].reference)


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("0-4", "0-4"),
        ("00-04", "0-4"),
        (" 5–9 ", "5-9"),
        ("90 and over", "90+"),
        ("90+", "90+"),
        ("85plus", "85+"),
        ("100+", "100+"),
        ("10-14", "10-14"),
    ],
)
def test_band_labels(label: str, expected: str) -> None:
    assert normalise_band_label(label) == expected


def test_order_of_reorders_and_reports_mismatches() -> None:
    esp = STANDARD_POPULATIONS["esp2013"]
    shuffled = list(reversed(esp.bands))
    order = esp.order_of(shuffled)
    assert [shuffled[i] for i in order] == list(esp.bands)
    with pytest.raises(
        InputError, match=r"missing from the data: 85-89, 90\+; not in the standard: 85\+"
    ):
        esp.order_of([*esp.bands[:-2], "85+"])
    with pytest.raises(InputError, match="duplicated: 0-4"):
        esp.order_of([*esp.bands, "0-4"])


def test_resolve_standard_kinds() -> None:
    assert resolve_standard("ESP2013") is STANDARD_POPULATIONS["esp2013"]
    custom = resolve_standard({"0-14": 2, "15+": 6})
    assert custom.weights.tolist() == [0.25, 0.75]
    assert not custom.reference.verified
    weights = resolve_standard([1, 1, 2])
    assert weights.bands == ("band 1", "band 2", "band 3")
    std = StandardPopulation("mine", ["a", "b"], [1, 3], STANDARD_POPULATIONS["esp2013"].reference)
    assert resolve_standard(std) is std
    with pytest.raises(InputError, match="is not one of"):
        resolve_standard("segi")


@pytest.mark.parametrize(
    ("bands", "counts", "message"),
    [
        (["a", "b"], [1], "'bands' and 'counts' differ in length .2 band labels but 1 band"),
        (["a", "b"], [1, -1], "parameter 'counts': 1 of 2 values are negative"),
        (["a", "b"], [0, 0], "parameter 'counts' .* positive sum"),
        (["0-4", "00-04"], [1, 1], "parameter 'bands' repeats age bands"),
        ([], [], "parameter 'bands' holds no age band"),
        ("0-4", [1], "parameter 'bands' must be a list of age-band labels"),
        (["a", None], [1, 1], "parameter 'bands': every name must be a non-empty text"),
        (["a", "b"], [1, 10**400], "parameter 'counts': .* too large for a 64-bit float"),
    ],
)
def test_bad_custom_standard(bands: list[str], counts: list[float], message: str) -> None:
    ref = STANDARD_POPULATIONS["esp2013"].reference
    with pytest.raises(InputError, match=message):
        StandardPopulation("bad", bands, counts, ref)


def test_weights_sequence_must_be_1d() -> None:
    with pytest.raises(InputError, match="one-dimensional"):
        resolve_standard(np.ones((2, 2)))
