"""The unsentenced share under the UN-CTS and WPB definitions."""

from __future__ import annotations

import numpy as np
import pytest

from dpssec.errors import InputError
from dpssec.justice import UnsentencedShare, unsentenced_share
from dpssec.stats import Estimate, proportion
from tests.conftest import compute


def test_share_is_a_percentage_estimate_with_its_definition() -> None:
    # Chile, February 2024: 19,812 held in pre-trial detention of 54,766 (Chilean
    # Gendarmerie via InSight Crime 2024, /work/shared/data/prisons_long.csv).
    share = unsentenced_share(19_812, 54_766)
    assert isinstance(share, Estimate) and isinstance(share, UnsentencedShare)
    assert share.value == pytest.approx(36.1757, abs=1e-4)
    assert share.definition == "un-cts"
    assert share.multiplier == 100
    reference = proportion(19_812, 54_766, multiplier=100)
    assert (share.lower, share.upper) == (reference.lower, reference.upper)
    assert "16.3.2" in str(share.reference)


def test_definitions_differ_only_by_those_awaiting_appeal() -> None:
    un = unsentenced_share(400, 1000, awaiting_appeal=50)
    wpb = unsentenced_share(400, 1000, awaiting_appeal=50, definition="wpb-remand")
    assert un.value == pytest.approx(40.0)
    assert wpb.value == pytest.approx(45.0)
    assert wpb.definition == "wpb-remand" and "Imprisonment Worldwide" in str(wpb.reference)
    same = unsentenced_share(400, 1000, definition="wpb-remand")
    assert same.value == un.value


def test_share_on_every_array_type(array_type) -> None:
    share = unsentenced_share(array_type([200, 50]), array_type([500, 1000]), multiplier=1)
    np.testing.assert_allclose(np.asarray(compute(share.value)), [0.4, 0.05])


def test_share_renders_its_definition() -> None:
    assert "definition" in str(unsentenced_share(10, 100))
    assert unsentenced_share(10, 100).to_dict()["definition"] == "un-cts"


@pytest.mark.parametrize(
    ("args", "kwargs", "message"),
    [
        ((600, 500), {}, "parameter 'unsentenced': 1 of 1 values are greater than 'total'"),
        (
            (400, 500),
            {"awaiting_appeal": 200},
            "'unsentenced \\+ awaiting_appeal': 1 of 1 values are greater than 'total'",
        ),
        ((10, 0), {}, "parameter 'total'"),
        ((-1, 10), {}, "parameter 'unsentenced'"),
        ((1.5, 10), {}, "not whole numbers"),
        ((1, 10), {"definition": "sdg"}, "'definition': 'sdg' is not one of"),
        (([1, 2], [10]), {}, "lengths differ"),
    ],
)
def test_share_refuses_bad_input(args, kwargs, message) -> None:
    with pytest.raises(InputError, match=message):
        unsentenced_share(*args, **kwargs)


def test_share_stays_lazy_on_dask(raise_if_dask_computes) -> None:
    da = pytest.importorskip("dask.array")
    unsentenced = da.from_array(np.array([200.0, 50.0, 7.0]), chunks=2)
    total = da.from_array(np.array([500.0, 1000.0, 10.0]), chunks=2)
    with raise_if_dask_computes:
        share = unsentenced_share(unsentenced, total, multiplier=1)
    np.testing.assert_allclose(compute(share.value), [0.4, 0.05, 0.7])
    bad = da.from_array(np.array([200.0, 5000.0]), chunks=1)
    lazy = unsentenced_share(bad, da.from_array(np.array([500.0, 1000.0]), chunks=1))
    with pytest.raises(
        InputError, match=r"dask block 1 .* greater than 'total' .first at global index 1: 5000"
    ):
        compute(lazy.value)
