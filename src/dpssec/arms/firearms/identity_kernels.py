"""Kernels on arrays of strings: normalise identities, hash them, group equal ones (the kernel layer
of the firearms part: numpy only, no checks, no models).

Everything here works on numpy unicode arrays (``dtype('<U…')``) viewed as their UCS-4 code
points, so a million serial numbers are normalised and hashed with a few whole-array
operations instead of a million Python calls. These kernels are numpy-only (they index and view
memory); the public functions convert their inputs once at the boundary.

Hashing is FNV-1a over the code points of one array (so equal strings of one array hash
equally), with integer codes of other columns folded in. A hash is never trusted blindly: after
grouping, the rows of each group are compared column by column and, should two different
identities ever share a 64-bit hash, the grouping falls back to exact sorting of the strings.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from typing import Any

import numpy as np

from dpssec.arms.firearms.records import SEPARATORS

__all__ = [
    "as_text",
    "confusable_fold",
    "factorise",
    "group_rows",
    "hash_columns",
    "hash_groups",
    "hash_text",
    "joint_codes",
    "mix",
    "normalise_text",
    "rank_within",
]

_FNV_OFFSET = np.uint64(0xCBF29CE484222325)
_FNV_PRIME = np.uint64(0x100000001B3)
_COLUMN_BREAK = np.uint64(0x1F)
_DROP_TABLE = str.maketrans("", "", SEPARATORS)
_CONFUSABLE = {ord("O"): ord("0"), ord("I"): ord("1")}


def _text(value: Any) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ""  # None and NaN (pandas' missing value) mean "not recorded"
    if isinstance(value, enum.Enum):
        return str(value.value)
    return str(value)


def as_text(values: Any) -> np.ndarray:
    """A 1-d numpy unicode array (``None`` and NaN become ``""``)."""
    arr = np.asarray(values)
    if arr.dtype.kind != "U":
        arr = np.array([_text(v) for v in arr.tolist()], dtype=str)
    if arr.dtype.itemsize == 0:
        arr = arr.astype("U1")
    return arr.reshape(-1)


def _codes(arr: np.ndarray) -> np.ndarray:
    width = arr.dtype.itemsize // 4
    return np.ascontiguousarray(arr).view(np.uint32).reshape(arr.shape[0], width)


def _from_codes(codes: np.ndarray) -> np.ndarray:
    width = codes.shape[1]
    return np.ascontiguousarray(codes).view(f"<U{width}").reshape(codes.shape[0])


def normalise_text(values: Any) -> np.ndarray:
    """Upper case, without spaces or separators (``SEPARATORS``): the matching form.

    >>> normalise_text(["ab-12 3", "Smith & Wesson", ""]).tolist()
    ['AB123', 'SMITH&WESSON', '']
    """
    arr = as_text(values)
    # One C-level pass over the whole column joined by newlines (upper-casing and deleting
    # separators shift characters within a string, which whole-array code-point arithmetic
    # cannot do cheaply); newlines are whitespace, so they are dropped anyway.
    text = "\n".join(arr.tolist()).upper().translate(_DROP_TABLE)
    parts = text.split("\n")
    if len(parts) != arr.shape[0]:  # a value contained a newline: go value by value
        parts = [v.upper().translate(_DROP_TABLE).replace("\n", "") for v in arr.tolist()]
    out = np.array(parts, dtype=str)
    if out.dtype.itemsize == 0:
        out = out.astype("U1")
    return out.reshape(arr.shape[0])


def confusable_fold(normalised: np.ndarray) -> np.ndarray:
    """Map the letters O and I to the digits 0 and 1 (the commonest misreadings of serials).

    >>> confusable_fold(normalise_text(["AB0I23", "abo123"])).tolist()
    ['AB0123', 'AB0123']
    """
    codes = _codes(as_text(normalised)).copy()
    for letter, digit in _CONFUSABLE.items():
        codes = np.where(codes == letter, digit, codes).astype(np.uint32)
    return _from_codes(codes)


def hash_text(values: np.ndarray) -> np.ndarray:
    """64-bit FNV-1a hash of each string of one unicode array (its padding included, so
    compare hashes only within one array).
    """
    arr = as_text(values)
    codes = _codes(arr)
    h = np.full(arr.shape[0], _FNV_OFFSET, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for j in range(codes.shape[1]):
            h = (h ^ codes[:, j].astype(np.uint64)) * _FNV_PRIME
    return h


def mix(h: np.ndarray, values: np.ndarray) -> np.ndarray:
    """Fold integer codes into running hashes (one FNV step after a column break)."""
    with np.errstate(over="ignore"):
        h = (h ^ _COLUMN_BREAK) * _FNV_PRIME
        return (h ^ np.asarray(values).astype(np.uint64)) * _FNV_PRIME


def _sort_hashes(h: np.ndarray) -> np.ndarray:
    """A permutation that puts equal hashes next to each other (rows of one hash in row order).

    ``numpy.sort`` of plain integers is several times faster than ``argsort``, so the row
    index is packed into the low bits of the hash and the packed keys are sorted. Rows whose
    hashes agree only in the high bits land in one block; such blocks (rare) are re-sorted by
    the full hash.
    """
    n = h.shape[0]
    bits = max(1, (n - 1).bit_length())
    if bits > 40:  # too few hash bits would be left: sort the hashes directly
        return np.argsort(h, kind="stable")
    low = np.uint64((1 << bits) - 1)
    keys = (h & ~low) | np.arange(n, dtype=np.uint64)
    keys.sort()
    order = (keys & low).astype(np.int64)
    ordered = h[order]
    same_block = (keys[1:] >> np.uint64(bits)) == (keys[:-1] >> np.uint64(bits))
    clash = same_block & (ordered[1:] != ordered[:-1])
    if clash.any():
        block = np.concatenate([[0], np.cumsum(~same_block)])
        positions = np.flatnonzero(np.isin(block, block[1:][clash]))
        local = np.lexsort((order[positions], ordered[positions], block[positions]))
        order[positions] = order[positions][local]
    return order


def hash_groups(h: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(group id of each row, the sorting order, where each group starts in that order).

    Rows with equal hashes share an id; compare the rows of a group before trusting it.
    """
    order = _sort_hashes(h)
    ordered = h[order]
    new_group = np.empty(ordered.shape[0], dtype=bool)
    new_group[:1] = True
    new_group[1:] = ordered[1:] != ordered[:-1]
    ids_sorted = np.cumsum(new_group) - 1
    ids = np.empty_like(ids_sorted)
    ids[order] = ids_sorted
    return ids, order, new_group


def group_rows(columns: Sequence[np.ndarray], hashes: np.ndarray | None = None) -> np.ndarray:
    """Integer group ids: rows with equal values in every column get the same id.

    ``columns`` are 1-d arrays (strings or integers) of one length. ``hashes`` may pass the
    rows' hashes when the caller already has them (:func:`hash_columns`). The grouping sorts
    the 64-bit hashes, then checks that the rows of every group agree column by column; should
    two different rows share a hash, it falls back to an exact lexicographic sort.

    >>> ids = group_rows([np.array(["A", "B", "A"]), np.array([1, 1, 1])])
    >>> bool(ids[0] == ids[2] != ids[1])
    True
    """
    n = columns[0].shape[0]
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    h = hash_columns(columns) if hashes is None else hashes
    ids, order, new_group = hash_groups(h)
    same_group = ~new_group[1:]
    for column in columns:
        ordered = np.asarray(column)[order]
        if np.any(same_group & (ordered[1:] != ordered[:-1])):
            return _exact_ids(columns)  # a 64-bit collision: group exactly
    return ids


def hash_columns(columns: Sequence[np.ndarray]) -> np.ndarray:
    """Hash of each row over string and integer columns."""
    h: np.ndarray | None = None
    for column in columns:
        arr = np.asarray(column)
        if arr.dtype.kind == "U":
            part = hash_text(arr)
            h = part if h is None else mix(h, part)
        else:
            start = np.full(arr.shape[0], _FNV_OFFSET, dtype=np.uint64) if h is None else h
            h = mix(start, arr)
    if h is None:
        raise ValueError("no columns to hash")
    return h


def _exact_ids(columns: Sequence[np.ndarray]) -> np.ndarray:
    arrays = [np.asarray(c) for c in columns]
    order = np.lexsort(arrays[::-1])
    n = order.shape[0]
    new_group = np.zeros(n, dtype=bool)
    new_group[:1] = True
    for arr in arrays:
        ordered = arr[order]
        new_group[1:] |= ordered[1:] != ordered[:-1]
    ids = np.empty(n, dtype=np.int64)
    ids[order] = np.cumsum(new_group) - 1
    return ids


def factorise(values: Any, *, normalise: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """Dense integer codes of a column with few distinct values, and the distinct values.

    With ``normalise=True`` the values are first put in matching form (:func:`normalise_text`),
    each distinct raw value once, so ``"Glock"`` and ``"GLOCK "`` get one code.

    >>> codes, labels = factorise(["Glock", "glock ", "CZ", "Glock"], normalise=True)
    >>> labels[codes].tolist()
    ['GLOCK', 'GLOCK', 'CZ', 'GLOCK']
    """
    arr = as_text(values)
    if arr.shape[0] == 0:
        return np.zeros(0, dtype=np.int64), arr
    if not _codes(arr).any():  # an empty column (not recorded anywhere): one code, no sort
        return np.zeros(arr.shape[0], dtype=np.int64), np.array([""])
    if arr.dtype.itemsize <= 12:  # up to 3 characters (country codes): pack, no hashing
        points = _codes(arr).astype(np.int64)
        packed = np.zeros(arr.shape[0], dtype=np.int64)
        for j in range(points.shape[1]):
            packed = (packed << 21) | points[:, j]  # code points are below 2**21
        # the packed value is the string itself, so equal values mean equal strings
        ids, order, new_group = hash_groups(packed.astype(np.uint64))
        representatives = arr[order[new_group]]
    else:
        ids, order, new_group = hash_groups(hash_text(arr))
        representatives = arr[order[new_group]]
        if np.any(representatives[ids] != arr):  # a hash collision: sort the strings exactly
            representatives, ids = np.unique(arr, return_inverse=True)
    if normalise:
        representatives = normalise_text(representatives)
    labels, code_of_representative = np.unique(representatives, return_inverse=True)
    codes: np.ndarray = code_of_representative.reshape(-1)[ids]
    return codes.astype(np.int64), labels


def joint_codes(
    codes_a: np.ndarray, labels_a: np.ndarray, codes_b: np.ndarray, labels_b: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Re-code two factorised columns into one shared code space."""
    labels, inverse = np.unique(np.concatenate([labels_a, labels_b]), return_inverse=True)
    inverse = inverse.reshape(-1)
    k = labels_a.shape[0]
    return inverse[:k][codes_a], inverse[k:][codes_b], labels


def rank_within(groups: np.ndarray) -> np.ndarray:
    """0-based position of each row among the rows of its group, in row order.

    >>> rank_within(np.array([5, 3, 5, 5, 3])).tolist()
    [0, 0, 1, 2, 1]
    """
    n = groups.shape[0]
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    shifted = groups - groups.min()
    if int(np.bincount(shifted).max()) == 1:  # the usual case: every group has one row
        return np.zeros(n, dtype=np.int64)
    order = np.argsort(groups, kind="stable")
    ordered = groups[order]
    start = np.empty(n, dtype=bool)
    start[0] = True
    start[1:] = ordered[1:] != ordered[:-1]
    first = np.maximum.accumulate(np.where(start, np.arange(n), 0))
    ranks = np.empty(n, dtype=np.int64)
    ranks[order] = np.arange(n) - first
    return ranks
