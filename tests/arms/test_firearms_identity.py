"""Kernels behind the reconciliation: normalisation, hashing and grouping."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dpssec.arms.firearms import identity_kernels as k


def test_normalise_text() -> None:
    values = ["ab-12 3", "a/b.c_d:e,f;g\\h|i", "  ", "Ñandú 9", "x\ny"]
    assert k.normalise_text(values).tolist() == ["AB123", "ABCDEFGHI", "", "ÑANDÚ9", "XY"]
    assert k.normalise_text(np.array([], dtype=str)).tolist() == []


def test_factorise_and_joint_codes() -> None:
    codes_a, labels_a = k.factorise(["Glock", "CZ", "glock"], normalise=True)
    codes_b, labels_b = k.factorise(["cz", "Ruger"], normalise=True)
    a, b, labels = k.joint_codes(codes_a, labels_a, codes_b, labels_b)
    assert labels[a].tolist() == ["GLOCK", "CZ", "GLOCK"]
    assert labels[b].tolist() == ["CZ", "RUGER"]


@given(
    st.lists(st.sampled_from(["A1", "B2", "C3", "a1", ""]), max_size=40),
    st.lists(st.integers(0, 3), max_size=40),
)
def test_group_rows_matches_exact_grouping(strings, ints) -> None:
    n = min(len(strings), len(ints))
    columns = [np.array(strings[:n], dtype="U2"), np.array(ints[:n], dtype=np.int64)]
    if n == 0:
        assert k.group_rows(columns).size == 0
        return
    ids = k.group_rows(columns)
    exact = k._exact_ids(columns)
    assert np.array_equal(ids[:, None] == ids[None, :], exact[:, None] == exact[None, :])


def test_sort_hashes_resolves_high_bit_clashes() -> None:
    # hashes that agree in their high bits but differ in the low ones land in one block
    h = np.array([5, 3, 5, 1, 3, 5], dtype=np.uint64)
    ids, order, _ = k.hash_groups(h)
    assert ids[0] == ids[2] == ids[5] and ids[1] == ids[4]
    assert len(set(ids.tolist())) == 3
    assert sorted(order.tolist()) == list(range(6))


def test_collisions_fall_back_to_exact(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(k, "hash_text", lambda v: np.zeros(len(v), dtype=np.uint64))
    ids = k.group_rows([np.array(["A", "B", "A"])], hashes=np.zeros(3, dtype=np.uint64))
    assert ids[0] == ids[2] != ids[1]
    codes, labels = k.factorise(["x", "y", "x"])
    assert labels[codes].tolist() == ["x", "y", "x"]


def test_rank_within_and_confusables() -> None:
    assert k.rank_within(np.array([2, 2, 1, 2])).tolist() == [0, 1, 0, 2]
    assert k.rank_within(np.array([3, 1, 2])).tolist() == [0, 0, 0]
    assert k.confusable_fold(np.array(["OIL0", "Q"])).tolist() == ["01L0", "Q"]


def test_factorise_short_and_empty_columns() -> None:
    codes, labels = k.factorise(np.array(["AUT", "", "BRA", "AUT", "ÖST"]))
    assert labels[codes].tolist() == ["AUT", "", "BRA", "AUT", "ÖST"]
    codes, labels = k.factorise(np.array(["", ""]))
    assert codes.tolist() == [0, 0] and labels.tolist() == [""]
    codes, labels = k.factorise(["cz", "CZ ", "x"], normalise=True)
    assert labels[codes].tolist() == ["CZ", "CZ", "X"]
