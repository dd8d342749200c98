"""The boundary contract: every public calculator, enumerated from ``__all__``, on every array type.

Each public function of the domain packages is declared with ``@calculator`` (its specs and a
baseline ``example``), or listed in :data:`NOT_CALCULATORS` with the reason. For each declared
calculator this test runs the example as a list, an ndarray, a pandas Series with a labelled
index, a dask array and (element-wise calculators) scalars, and checks:

* identical numbers across array types and across unit-equivalent inputs (kg vs lb, m vs ft,
  days vs weeks);
* Series in → Series out with the same index (element-wise calculators);
* dask input stays lazy until computed (element-wise calculators);
* the same refusal for text, booleans, negative counts and a wrong dimension.

New calculators are covered by declaration, not by editing this file.
"""

from __future__ import annotations

import datetime as dt
import enum
import importlib
import inspect
from collections.abc import Iterator
from typing import Any

import attrs
import numpy as np
import pytest

from dpssec.boundary import (
    Amount,
    ArraySpec,
    CalculatorInfo,
    Count,
    Date,
    Indicator,
    Labels,
    Population,
    TextLabels,
    calculator_info,
    example_of,
)
from dpssec.errors import InputError

pd = pytest.importorskip("pandas")

PACKAGES = (
    "dpssec.stats",
    "dpssec.arms",
    "dpssec.arms.storage",
    "dpssec.arms.firearms",
    "dpssec.mines",
    "dpssec.justice",
    "dpssec.prevention",
    "dpssec.evaluation",
    "dpssec.indicators",
)

NOT_CALCULATORS: dict[str, str] = {
    # "package.name": "why it is not a calculator (e.g. a reader of files, a look-up)",
    "dpssec.justice.read_release_cohorts": "a reader of CSV files (a path, no array input)",
    "dpssec.justice.read_text_file": "a reader of text files (a path, no array input)",
    "dpssec.justice.read_caseflow": "a reader: a CSV file or DataFrame into models",
    "dpssec.justice.cohorts_from_table": "a builder: a read Table into release cohorts",
    "dpssec.evaluation.read_series": "a reader: a table of periods and counts into arrays",
    "dpssec.mines.read_areas": "a reader: a table or JSON file into HazardousArea models",
    "dpssec.mines.criteria_table": "takes HazardousArea models (checked when built), no array",
    "dpssec.mines.summarise_release": "takes LandReleaseRecord models (checked when built)",
    "dpssec.mines.compare_priorities": "takes Prioritisation results, no array",
    "dpssec.arms.read_register": "reads a file; the register's column checks are its boundary",
    "dpssec.arms.read_register_csv": "reads a file; the register's column checks are its boundary",
    "dpssec.arms.read_register_json": "reads a file; each record's field specs are its boundary",
    "dpssec.arms.write_register_csv": "writes a validated FirearmRegister to a file",
    "dpssec.indicators.catalogue_markdown": "renders the catalogue as a docs page (no input)",
    "dpssec.indicators.homicide_submission": "a converter of a bundled CSV file (a path)",
    "dpssec.indicators.prisons_submission": "a converter of a bundled CSV file (a path)",
    "dpssec.indicators.read_submission": "a reader of a table (path, bytes or DataFrame)",
    "dpssec.indicators.validate_submission": "checks a table (path, bytes, DataFrame, Table)",
    "dpssec.prevention.normalise_band_label": "formats one age-band label (any object, as text)",
    "dpssec.prevention.aligned_to_design": "a decorator of the survey calculators (no input)",
    "dpssec.prevention.check_aligned": "a check of pandas indexes against a SurveyDesign's rows",
    "dpssec.prevention.refuse_misaligned": "raises the message for two differing pandas indexes",
    "dpssec.prevention.resolve_standard": (
        "a look-up: a standard population by name, or built from a mapping or weights, which "
        "StandardPopulation validates"
    ),
    "dpssec.prevention.section_of": "a look-up of one ICCS code (text) in the classification",
}
"""Public functions that take no array input, each with the reason."""

ALTERNATIVE_UNITS = {
    "[mass]": "lb",
    "[length]": "ft",
    "[length] ** 2": "acre",
    "[time]": "week",
}


def _public_functions() -> Iterator[tuple[str, Any]]:
    seen: set[int] = set()
    for package in PACKAGES:
        try:
            module = importlib.import_module(package)
        except ModuleNotFoundError:
            continue
        for name in getattr(module, "__all__", ()):
            obj = getattr(module, name)
            if inspect.isclass(obj) or not callable(obj) or id(obj) in seen:
                continue
            if isinstance(obj, enum.Enum) or not (
                inspect.isfunction(obj) or hasattr(obj, "__wrapped__")
            ):
                continue
            seen.add(id(obj))
            yield f"{package}.{name}", obj


FUNCTIONS = dict(_public_functions())
DECLARED = {
    name: fn
    for name, fn in FUNCTIONS.items()
    if calculator_info(fn) is not None and example_of(fn) is not None
}


@pytest.mark.parametrize("name", sorted(FUNCTIONS))
def test_every_public_function_is_declared(name: str) -> None:
    if name in NOT_CALCULATORS:
        return
    fn = FUNCTIONS[name]
    assert calculator_info(fn) is not None, (
        f"{name} is public but not declared with @calculator (or listed in NOT_CALCULATORS)"
    )
    assert example_of(fn) is not None, f"{name} declares no example (valid baseline arguments)"


# -- helpers -------------------------------------------------------------------------------


def _info(fn: Any) -> CalculatorInfo:
    info = calculator_info(fn)
    assert info is not None
    return info


def _baseline(fn: Any) -> dict[str, Any]:
    declared = example_of(fn)
    assert declared is not None
    bound = inspect.signature(fn).bind_partial(*declared.args, **dict(declared.kwargs))
    return dict(bound.arguments)


def _aligned(info: CalculatorInfo, arguments: dict[str, Any]) -> list[str]:
    return [
        n
        for n in info.array_parameters
        if n in arguments
        and getattr(info.specs[n], "aligned", False)
        and np.ndim(_plain(arguments[n])) == 1
    ]


def _plain(value: Any) -> Any:
    if hasattr(value, "magnitude") and hasattr(value, "units"):
        return value.magnitude
    return value


def _convert(kind: str, value: Any) -> Any:
    unit = getattr(value, "units", None)
    raw = np.asarray(_plain(value))
    if kind == "list":
        out: Any = raw.tolist()
    elif kind == "ndarray":
        out = raw
    elif kind == "series":
        out = pd.Series(raw, index=[f"r{i}" for i in range(len(raw))])
    elif kind == "dask":
        da = pytest.importorskip("dask.array")
        out = da.from_array(raw, chunks=max(1, (len(raw) + 1) // 2))
    else:  # pragma: no cover
        raise ValueError(kind)
    if unit is not None and kind != "series":
        from dpssec.units import Q_

        return Q_(out, unit)
    return out


def _compute(value: Any) -> Any:
    if hasattr(value, "__dask_graph__") and value.__dask_graph__() is not None:
        import dask

        return dask.compute(value, scheduler="synchronous")[0]
    if attrs.has(type(value)) and hasattr(value, "compute"):
        return value.compute()
    return value


def assert_same(a: Any, b: Any, path: str = "result", *, labels: bool = True) -> None:
    """Numbers equal to 1e-9 (NaN equal to NaN); everything else equal.

    ``labels=False`` skips text fields, which may describe the data (``method`` says which
    interval "auto" chose, something a lazy or a one-element input cannot say the same way).
    """
    a, b = _compute(a), _compute(b)
    if isinstance(a, pd.Series) and "units" in a.attrs and hasattr(b, "units"):
        # Series in: magnitudes with their unit beside them, against the Quantity of arrays
        return assert_same(a.to_numpy(), b.to(a.attrs["units"]).magnitude, path, labels=labels)
    if hasattr(a, "magnitude") and hasattr(a, "units"):
        assert hasattr(b, "units") or isinstance(b, pd.Series), f"{path}: Quantity vs {type(b)}"
        base_a = a.to_base_units().magnitude
        base_b = b.to_base_units().magnitude if hasattr(b, "units") else b
        return assert_same(base_a, base_b, path, labels=labels)
    if isinstance(a, pd.Series) and hasattr(b, "magnitude") and hasattr(b, "units"):
        # A dimensional Series result holds magnitudes, its unit in .attrs["units"]
        return assert_same(a, b.to(a.attrs.get("units", b.units)).magnitude, path, labels=labels)
    if isinstance(a, pd.Series | pd.Index):
        a = a.to_numpy()
    if isinstance(b, pd.Series | pd.Index):
        b = b.to_numpy()
    a, b = _as_items(a), _as_items(b)
    if attrs.has(type(a)):
        assert type(a) is type(b), f"{path}: {type(a).__name__} vs {type(b).__name__}"
        for field in attrs.fields(type(a)):
            assert_same(
                getattr(a, field.name),
                getattr(b, field.name),
                f"{path}.{field.name}",
                labels=labels,
            )
        return
    if isinstance(a, dict):
        assert set(a) == set(b), f"{path}: keys differ"
        for key in a:
            assert_same(a[key], b[key], f"{path}[{key!r}]", labels=labels)
        return
    if isinstance(a, np.ndarray) and not _numeric(a):  # labels, e.g. score bands
        assert np.array_equal(a, np.asarray(b)), f"{path}: {a!r} != {b!r}"
        return
    if isinstance(a, list | tuple) and not _numeric(a):
        assert len(a) == len(b), f"{path}: lengths differ"
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            assert_same(x, y, f"{path}[{i}]", labels=labels)
        return
    if _numeric(a) and _numeric(b):
        np.testing.assert_allclose(
            np.asarray(a, dtype=float),
            np.asarray(b, dtype=float),
            rtol=1e-9,
            atol=1e-12,
            equal_nan=True,
            err_msg=path,
        )
        return
    if not labels and isinstance(a, str) and isinstance(b, str):
        return
    assert a == b, f"{path}: {a!r} != {b!r}"


def _as_items(value: Any) -> Any:
    """Arrays of dates, enum members or other objects, as lists of comparable items."""
    if isinstance(value, np.ndarray | np.datetime64) and value.dtype.kind == "M":
        return np.asarray(value).astype("M8[D]").tolist()
    if isinstance(value, np.ndarray) and value.dtype.kind in "OUS":
        return value.tolist()
    return value


def _numeric(value: Any) -> bool:
    if isinstance(value, bool | np.bool_):
        return True
    if isinstance(value, int | float | np.number):
        return True
    try:
        arr = np.asarray(value)
    except Exception:
        return False
    return arr.dtype.kind in "biuf"


def _call(fn: Any, arguments: dict[str, Any]) -> Any:
    args = dict(arguments)
    return fn(**args)


# -- array types ---------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["ndarray", "series", "dask"])
@pytest.mark.parametrize("name", sorted(DECLARED))
def test_same_numbers_on_every_array_type(name: str, kind: str) -> None:
    fn = DECLARED[name]
    info = _info(fn)
    baseline = _baseline(fn)
    aligned = _aligned(info, baseline)
    if not aligned:
        pytest.skip("no aligned array parameter in the example")
    expected = fn(**baseline)
    converted = dict(baseline)
    for key in aligned:
        converted[key] = _convert(kind, baseline[key])
    result = fn(**converted)
    assert_same(_compute(result), expected, labels=kind != "dask")
    if kind == "series" and info.elementwise:
        _assert_series_out(result, converted[aligned[0]].index)


def _assert_series_out(result: Any, index: Any) -> None:
    def check(value: Any, path: str) -> None:
        if isinstance(value, tuple):
            for i, item in enumerate(value):
                check(item, f"{path}[{i}]")
            return
        fields = getattr(type(value), "PER_ELEMENT_FIELDS", None)
        if fields is not None:
            for field in fields:
                item = getattr(value, field)
                if item is not None and np.ndim(item) == 1:
                    check(item, f"{path}.{field}")
            return
        if isinstance(value, np.ndarray) and value.ndim == 1:
            raise AssertionError(f"{path}: Series in gave an ndarray out (index lost)")
        if isinstance(value, pd.Series):
            assert value.index.equals(index), f"{path}: index changed"

    check(result, "result")


@pytest.mark.parametrize("name", sorted(DECLARED))
def test_scalar_in_scalar_out(name: str) -> None:
    fn = DECLARED[name]
    info = _info(fn)
    if not info.elementwise:
        pytest.skip("a reduction")
    baseline = _baseline(fn)
    aligned = _aligned(info, baseline)
    if not aligned:
        pytest.skip("no aligned array parameter")
    whole = fn(**baseline)
    first = dict(baseline)
    for key in aligned:
        value = baseline[key]
        unit = getattr(value, "units", None)
        item = np.asarray(_plain(value))[0].item()
        if unit is not None:
            from dpssec.units import Q_

            item = Q_(item, unit)
        first[key] = item
    result = fn(**first)

    def first_of(value: Any) -> Any:
        if isinstance(value, tuple):
            return tuple(first_of(v) for v in value)
        fields = getattr(type(value), "PER_ELEMENT_FIELDS", None)
        if fields is not None:
            changes = {
                f: first_of(getattr(value, f))
                for f in fields
                if getattr(value, f) is not None and np.ndim(getattr(value, f)) == 1
            }
            return attrs.evolve(value, **changes)
        if hasattr(value, "magnitude") and hasattr(value, "units"):
            return type(value)(first_of(value.magnitude), value.units)
        if np.ndim(value) == 1:
            first = np.asarray(value)[0]
            return first.item() if isinstance(first, np.generic) else first  # a label stays str
        return value

    assert_same(result, first_of(whole), labels=False)

    def assert_scalar(value: Any, path: str) -> None:
        if isinstance(value, tuple):
            for i, item in enumerate(value):
                assert_scalar(item, f"{path}[{i}]")
            return
        fields = getattr(type(value), "PER_ELEMENT_FIELDS", None)
        if fields is not None:
            for f in fields:
                assert_scalar(getattr(value, f), f"{path}.{f}")
            return
        if hasattr(value, "magnitude"):
            value = value.magnitude
        assert value is None or isinstance(value, float | int | bool | str | dt.date | enum.Enum), (
            f"{path}: scalar input gave {type(value).__name__}"
        )

    assert_scalar(result, "result")


@pytest.mark.parametrize("name", sorted(DECLARED))
def test_dask_stays_lazy(name: str, raise_if_dask_computes: Any) -> None:
    fn = DECLARED[name]
    info = _info(fn)
    if not info.elementwise:
        pytest.skip("reductions may compute (the scale-out path is documented separately)")
    baseline = _baseline(fn)
    aligned = _aligned(info, baseline)
    if not aligned:
        pytest.skip("no aligned array parameter")
    lazy = dict(baseline)
    for key in aligned:
        lazy[key] = _convert("dask", baseline[key])
    with raise_if_dask_computes:
        fn(**lazy)


@pytest.mark.parametrize("name", sorted(DECLARED))
def test_unit_equivalent_inputs_give_the_same_numbers(name: str) -> None:
    from dpssec.units import Q_, ureg

    fn = DECLARED[name]
    info = _info(fn)
    baseline = _baseline(fn)
    changed = dict(baseline)
    touched = False
    for key in info.array_parameters:
        spec = info.specs[key]
        if not isinstance(spec, Amount) or key not in baseline or baseline[key] is None:
            continue
        canonical = ureg.Unit(spec.unit)
        dimension = str(canonical.dimensionality)
        other = ALTERNATIVE_UNITS.get(dimension)
        if other is None:
            continue
        magnitude = np.asarray(_plain(baseline[key]), dtype=float)
        if hasattr(baseline[key], "units"):
            magnitude = Q_(magnitude, baseline[key].units).to(canonical).magnitude
        changed[key] = Q_(magnitude, canonical).to(other)
        touched = True
    if not touched:
        pytest.skip("no dimensional parameter")
    assert_same(fn(**changed), fn(**baseline))


# -- refusals ------------------------------------------------------------------------------


def _refusal_cases(
    info: CalculatorInfo, baseline: dict[str, Any]
) -> Iterator[tuple[str, Any, str]]:
    for key in info.array_parameters:
        spec = info.specs[key]
        if key not in baseline or baseline[key] is None or not isinstance(spec, ArraySpec):
            continue
        if isinstance(spec, Labels):
            continue  # group labels may be text, numbers or booleans
        if isinstance(spec, TextLabels):  # text is a label; a boolean is not
            yield key, True, "label"
            continue
        if isinstance(spec, Date):  # (a time axis takes numbers or dates: "5" is neither)
            yield key, "5", "is not a date|must be numbers"
            yield key, True, "must be a date|must be numbers"
            continue
        if isinstance(spec, Amount):
            # text with a unit ("1100 lb") is a quantity; text that is none is refused
            yield key, "five", "cannot read 'five'"
        else:
            yield key, "5", "must be numbers"
        if not isinstance(spec, Indicator):
            yield key, True, "must be numbers"
        if isinstance(spec, Count | Population):
            yield key, -1, "negative|zero or negative"
        if isinstance(spec, Amount):
            from dpssec.units import Q_

            wrong = "kg" if "[mass]" not in str(Q_(1, spec.unit).dimensionality) else "m"
            yield key, Q_(1.0, wrong), "expects|is a count"


@pytest.mark.parametrize("name", sorted(DECLARED))
def test_same_refusal_for_text_booleans_negatives_and_dimensions(name: str) -> None:
    fn = DECLARED[name]
    info = _info(fn)
    baseline = _baseline(fn)
    cases = list(_refusal_cases(info, baseline))
    if not cases:
        pytest.skip("no array parameter")
    for key, bad, message in cases:
        arguments = dict(baseline)
        value = baseline[key]
        if np.ndim(_plain(value)) >= 1 and not hasattr(bad, "units"):
            cells = np.array(_plain(value), dtype=object)
            cells.flat[0] = bad  # the first cell of a list or a table
            bad_value: Any = cells.tolist()
        else:
            bad_value = bad
        arguments[key] = bad_value
        with pytest.raises(InputError, match=message):
            fn(**arguments)
