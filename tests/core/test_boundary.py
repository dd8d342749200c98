"""The input vocabulary (dpssec.boundary): specs, the calculator decorator, choices, quantities."""

from __future__ import annotations

import datetime as dt
import enum
import warnings
from typing import Any

import attrs
import numpy as np
import pytest

from dpssec.boundary import (
    Amount,
    Area,
    Choice,
    Choices,
    Confidence,
    Count,
    Date,
    Duration,
    Flag,
    Flags,
    Indicator,
    Labels,
    Mass,
    Names,
    Number,
    Population,
    Scale,
    Share,
    Size,
    Text,
    Year,
    calculator,
    calculator_info,
    column_labels,
    example,
    example_of,
    missing_rows,
    not_above,
    parse_choice,
    parse_quantity,
    register_aliases,
)
from dpssec.errors import DataQualityWarning, InputError, UnitError
from dpssec.units import Q_

pd = pytest.importorskip("pandas")


@calculator(
    population=Count(whole=False),
    capacity=Population(),
    example={"population": [90, 120], "capacity": [100, 100]},
)
def occupancy(population: Any, capacity: Any, *, nan_policy: str = "raise") -> Any:
    return population * 100.0 / capacity


@calculator(count=Count(), total=Count(positive=True), relations=[not_above("count", "total")])
def share(count: Any, total: Any) -> Any:
    return count / total


@calculator(neq=Mass(), returns="m")
def double_neq_as_metres(neq: Any) -> Any:
    return 2.0 * neq


@calculator(values=Number(), elementwise=False)
def total(values: Any, *, nan_policy: str = "raise") -> Any:
    return np.sum(values)


# -- scalars, arrays, Series, dask ----------------------------------------------------------


def test_scalar_in_scalar_out_and_array_in_array_out() -> None:
    assert occupancy(1210, 1000) == 121.0 and type(occupancy(1210, 1000)) is float
    out = occupancy([90, 120], [100, 100])
    assert isinstance(out, np.ndarray)
    np.testing.assert_array_equal(out, [90.0, 120.0])
    assert occupancy.kernel(90.0, 100.0) == 90.0  # type: ignore[attr-defined]


def test_series_in_series_out_keeps_index_and_names_the_calculator() -> None:
    pop = pd.Series([90, 120], index=["BLZ", "HTI"])
    out = occupancy(pop, pd.Series([100, 100], index=["BLZ", "HTI"]))
    assert isinstance(out, pd.Series)
    assert list(out.index) == ["BLZ", "HTI"] and out.name == "occupancy"
    assert occupancy(pop, 100)["HTI"] == 120.0


def test_dataframe_column_works_and_a_whole_frame_is_refused() -> None:
    frame = pd.DataFrame({"held": [90, 120], "places": [100, 100]}, index=["BLZ", "HTI"])
    assert occupancy(frame["held"], frame["places"])["BLZ"] == 90.0
    with pytest.raises(InputError, match=r"takes one column; got a DataFrame with 2 columns"):
        occupancy(frame, 100)


def test_misaligned_indexes_are_refused_with_the_labels() -> None:
    a = pd.Series([1, 2], index=["ARG", "BRA"])
    b = pd.Series([3, 4], index=["ARG", "CHL"])
    with pytest.raises(InputError, match=r"labels only in 'population': \['BRA'\].*'CHL'"):
        occupancy(a, b)
    with pytest.raises(InputError, match="different order"):
        occupancy(a, a.iloc[::-1])


def test_errors_name_the_label_as_well_as_the_position() -> None:
    pop = pd.Series([90, -1], index=["BLZ", "HTI"])
    with pytest.raises(InputError, match=r"first at index 1, label 'HTI': -1"):
        occupancy(pop, 100)


def test_dask_stays_lazy_and_errors_give_the_global_index(raise_if_dask_computes: Any) -> None:
    da = pytest.importorskip("dask.array")
    x = da.from_array(np.array([1.0, 2.0, -3.0, 4.0]), chunks=2)
    with raise_if_dask_computes:
        lazy = occupancy(x, 10)
    with pytest.raises(InputError, match=r"first at global index 2: -3.0"):
        lazy.compute(scheduler="synchronous")
    good = occupancy(da.from_array(np.array([1.0, 2.0]), chunks=1), 10)
    np.testing.assert_allclose(good.compute(scheduler="synchronous"), [10.0, 20.0])


def test_dask_errors_count_within_the_block_and_place_it(synchronous_dask: Any) -> None:
    da = pytest.importorskip("dask.array")
    values = np.ones(20_000)
    values[12_345] = -1.0
    lazy = occupancy(da.from_array(values, chunks=5_000), 10)
    # the count is the block's (the other blocks are checked as they are computed)
    with pytest.raises(
        InputError,
        match=r"1 of the 5000 values of dask block 2 \(\.blocks\[2\]\) are negative "
        r"\(first at global index 12345: -1.0\)",
    ):
        lazy.compute()


def test_dask_dataframe_columns_give_the_partition_row_and_label(synchronous_dask: Any) -> None:
    da = pytest.importorskip("dask.array")
    dd = pytest.importorskip("dask.dataframe")
    frame = pd.DataFrame({"p": np.arange(100.0), "c": np.full(100, 200.0)})
    frame.loc[70, "p"] = -3.0
    parted = dd.from_pandas(frame, npartitions=4)
    with pytest.raises(
        InputError,
        match=r"1 of the 25 values of dask partition 2 \(\.partitions\[2\]\) are negative "
        r"\(first at row 20 of the partition, label 70: -3.0\)",
    ):
        occupancy(parted.p, parted.c).compute()
    labelled = dd.from_pandas(frame.set_axis([f"r{i:03d}" for i in range(100)]), npartitions=4)
    with pytest.raises(InputError, match=r"label 'r070': -3.0"):
        occupancy(labelled.p, labelled.c).compute()
    # the column's values as a dask array: lengths unknown, so the row within the block
    with pytest.raises(
        InputError,
        match=r"dask block 2 .* \(first at row 20 of the block \(its global position is unknown",
    ):
        occupancy(parted.p.values, parted.c.values).compute()
    # a relation between two columns: the block and its row (the global index where known)
    bad = pd.DataFrame({"count": [1.0, 2, 3, 9], "total": [5.0, 5, 5, 5]})
    with pytest.raises(InputError, match=r"dask block 1 .* \(first at row 1 of the block"):
        share(
            dd.from_pandas(bad, npartitions=2)["count"], dd.from_pandas(bad, npartitions=2).total
        ).compute()
    with pytest.raises(InputError, match=r"dask block 1 .* \(first at global index 3: 9.0\)"):
        share(da.from_array(bad["count"].to_numpy(), chunks=2), 5).compute()


def test_dask_dataframe_columns_of_unknown_length_are_aligned(synchronous_dask: Any) -> None:
    """Two columns of a dask DataFrame, or one and a single value (dask cannot broadcast
    arrays of unknown lengths): the same values as pandas."""
    dd = pytest.importorskip("dask.dataframe")
    from dpssec.stats import proportion

    frame = pd.DataFrame({"c": np.arange(20.0), "t": np.full(20, 30.0)})
    parted = dd.from_pandas(frame, npartitions=4)
    eager = proportion(frame.c, frame.t)
    for total in (parted.t, 30):
        lazy = proportion(parted.c, total)
        np.testing.assert_allclose(lazy.value.compute(), eager.value.to_numpy())
        np.testing.assert_allclose(lazy.denominator.compute(), frame.t.to_numpy())


# -- refusals ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("population", "capacity", "message"),
    [
        ("120", 100, r"'population' must be numbers .*got text '120'"),
        (True, 1, r"'population' must be numbers .*got the boolean True"),
        ([1, "x"], [1, 1], r"got text 'x' at index 1"),
        ([1, 2], [1, 2, 3], r"lengths differ: population has 2 values, capacity has 3 values"),
        (-1, 2, r"'population': 1 of 1 values are negative"),
        (float("inf"), 2, r"are infinite"),
        (10**400, 1, r"too large for a 64-bit float"),
        ([10**400, 1], [1, 1], r"too large for a 64-bit float"),
        (1, 0, r"'capacity': 1 of 1 values are zero or negative"),
        ([1, float("nan")], [1, 1], r"missing \(NaN\)"),
        (None, 1, r"'population' is required"),
        ({"a": 1}, 1, r"must be numbers"),
        (np.array(["2020-01-01"], dtype="datetime64[D]"), 1, r"got dates"),
        (Q_(3, "kg"), 1, r"'population' is a count or a number of persons"),
    ],
)
def test_bad_input_is_refused_by_name(population: Any, capacity: Any, message: str) -> None:
    with pytest.raises(InputError, match=message):
        occupancy(population, capacity)


def test_finite_input_that_overflows_is_refused_not_inf() -> None:
    with pytest.raises(InputError, match=r"results are not finite .*too large or too small"):
        occupancy(1e308, 1e-10)


def test_relation_not_above_names_both_values() -> None:
    with pytest.raises(
        InputError, match=r"'count': 1 of 2 values are greater than 'total'.*5.0 > 4.0"
    ):
        share([1, 5], [2, 4])


def test_whole_counts_accept_integral_floats_and_refuse_fractions() -> None:
    assert share(2.0, 4) == 0.5
    with pytest.raises(InputError, match="not whole numbers"):
        share(2.5, 4)


def test_person_quantities_are_counts() -> None:
    assert occupancy(Q_(90, "person"), Q_(100, "person")) == 90.0


# -- nan_policy ----------------------------------------------------------------------------


def test_propagate_returns_nan_exactly_where_missing_and_warns_with_the_count() -> None:
    pop = pd.Series([90.0, np.nan, 120.0], index=["BLZ", "GUY", "HTI"])
    with pytest.warns(DataQualityWarning, match=r"1 of 3 rows have a missing value.*label 'GUY'"):
        out = occupancy(pop, [100, 0.5, 100], nan_policy="propagate")
    assert np.isnan(out["GUY"]) and out["BLZ"] == 90.0 and out["HTI"] == 120.0


def test_missing_is_not_invalid_under_any_policy() -> None:
    with pytest.raises(InputError, match="negative"):
        occupancy([np.nan, -1.0], [1, 1], nan_policy="propagate")


def test_nullable_pandas_columns_are_missing_values() -> None:
    pop = pd.Series([90, None, 120], dtype="Int64")
    with pytest.warns(DataQualityWarning):
        out = occupancy(pop, 100, nan_policy="propagate")
    assert np.isnan(out[1])


def test_omit_is_offered_by_reductions_and_says_how_many() -> None:
    with pytest.warns(DataQualityWarning, match=r"omitted 1 of 3 rows"):
        assert total([1.0, np.nan, 2.0], nan_policy="omit") == 3.0
    with pytest.raises(InputError, match=r"nan_policy.*'omit' is not one of 'raise', 'propagate'"):
        occupancy([1.0], [1.0], nan_policy="omit")
    with pytest.raises(InputError, match=r"not one of 'raise', 'omit'"):
        total([1.0], nan_policy="propagate")


# -- units ---------------------------------------------------------------------------------


def test_amounts_convert_quantities_and_read_text_with_units() -> None:
    assert double_neq_as_metres(Q_(1000, "lb")).to("m").magnitude == pytest.approx(907.18474)
    assert double_neq_as_metres("500 kg").magnitude == 1000.0
    with pytest.raises(UnitError, match="expects a mass in kg"):
        double_neq_as_metres(Q_(3, "m"))


def test_quantity_output_with_series_input_is_a_series_with_its_unit() -> None:
    out = double_neq_as_metres(pd.Series([1.0, 2.0], index=["a", "b"]))
    assert isinstance(out, pd.Series) and out.attrs["units"] == "m" and out["b"] == 4.0


@pytest.mark.parametrize(
    ("text", "unit", "expected"),
    [
        ("1.2 ha", "m**2", 12_000.0),
        ("2.4 km2", "m**2", 2_400_000.0),
        ("5 km^2", "m**2", 5_000_000.0),
        ("9 m²", "m**2", 9.0),
        ("1100 lb", "kg", 498.951607),
        ("3", "m", 3.0),
    ],
)
def test_one_rule_for_quantities_written_as_text(text: str, unit: str, expected: float) -> None:
    assert parse_quantity(text, unit, "x") == pytest.approx(expected)


def test_durations_accept_timedeltas() -> None:
    days = Duration().convert(np.array([1, 2], dtype="timedelta64[D]"), "durations")
    np.testing.assert_array_equal(days, [1.0, 2.0])


# -- options -------------------------------------------------------------------------------


class Colour(enum.Enum):
    DARK_RED = "dark-red"
    BLUE = "blue"


register_aliases(Colour, {"navy": Colour.BLUE})


@pytest.mark.parametrize("given", ["dark-red", "DARK_RED", "Dark Red", "dark_red", Colour.DARK_RED])
def test_choice_accepts_value_name_case_and_separators(given: Any) -> None:
    assert parse_choice(given, Colour, "colour") is Colour.DARK_RED


def test_choice_aliases_and_suggestions() -> None:
    assert parse_choice("Navy", Colour, "colour") is Colour.BLUE
    with pytest.raises(
        InputError, match=r"'blu' is not one of 'dark-red', 'blue'; did you mean 'blue'"
    ):
        parse_choice("blu", Colour, "colour")
    with pytest.raises(InputError, match=r"must be one of .*got array"):
        parse_choice(np.array([]), Colour, "colour")
    assert Choice(("wilson",), aliases={"score": "wilson"}).convert("SCORE", "method") == "wilson"


@pytest.mark.parametrize("bad", ["false", 0, None, 1.0, np.array([True])])
def test_flags_accept_only_booleans(bad: Any) -> None:
    with pytest.raises(InputError, match="must be True or False"):
        Flag().convert(bad, "descending")
    assert Flag().convert(np.True_, "x") is True


def test_sizes_are_bounded_whole_numbers() -> None:
    assert Size(lower=1, upper=100).convert(5.0, "periods") == 5
    for bad in (2**63 - 1, 0, 2.5, True, "3"):
        with pytest.raises(InputError, match="periods"):
            Size(lower=1, upper=100).convert(bad, "periods")


def test_names_take_one_name_or_a_list_never_letters() -> None:
    assert Names().convert("area", "by") == ("area",)
    assert Names().convert(["a", "b"], "by") == ("a", "b")
    with pytest.raises(InputError):
        Names().convert([1], "by")


def test_scales_and_confidence_levels() -> None:
    assert Scale().convert(100_000, "multiplier") == 100_000.0
    for bad in (2**64 * 10**10, float("inf"), 0, "1e5", True):
        with pytest.raises(InputError, match="multiplier"):
            Scale().convert(bad, "multiplier")
    assert Confidence().convert(95, "confidence") == 0.95
    with pytest.raises(InputError):
        Confidence().convert(1.96, "confidence")


def test_text_refuses_empty_and_non_strings() -> None:
    assert Text().convert("  B1 ", "name") == "B1"
    for bad in ("", "  ", 3, None):
        with pytest.raises(InputError):
            Text().convert(bad, "name")


def test_dates_from_text_dates_and_numpy() -> None:
    arr = Date().convert(["2024-01-31", dt.date(2024, 2, 1), None], "admitted") if False else None
    assert arr is None
    days = Date().prepare(["2024-01-31", dt.date(2024, 2, 1)], "admitted")
    assert days is not None and days.values.dtype == np.dtype("datetime64[D]")
    assert Date().scalar("2024-01-31", "admitted") == dt.date(2024, 1, 31)
    with pytest.raises(InputError, match="has a time of day"):
        Date().scalar(dt.datetime(2024, 1, 31, 12), "admitted")
    with pytest.raises(InputError, match="is not a date"):
        Date().scalar("31/01/2024", "admitted")


def test_a_pandas_timestamp_is_one_date() -> None:
    pd = pytest.importorskip("pandas")
    day = Date().prepare(pd.Timestamp("2024-01-31"), "admitted")
    assert day is not None and day.scalar and day.values == np.datetime64("2024-01-31")
    with pytest.raises(InputError, match="has a time of day"):
        Date().prepare(pd.Timestamp("2024-01-31 12:00"), "admitted")


def test_years_accept_integral_floats_and_text_from_tables() -> None:
    assert Year().scalar(2001.0, "import_year") == 2001
    assert Year().scalar("2001.0", "import_year") == 2001
    with pytest.raises(InputError):
        Year().scalar(2001.5, "import_year")


def test_indicators_accept_booleans_and_zero_one() -> None:
    np.testing.assert_array_equal(Indicator().convert([True, False, 1], "events"), [1, 0, 1])
    with pytest.raises(InputError, match="are above 1"):
        Indicator().convert([2], "events")


def test_share_bounds() -> None:
    with pytest.raises(InputError, match="are above 1"):
        Share().convert([0.5, 1.5], "share")


# -- models built from the same specs -----------------------------------------------------


@attrs.frozen
class Facility:
    population: int = Count().field()
    area: Any = Area().field(default=0.0)
    kind: Colour = Choice(Colour).field(default="blue")
    opened: dt.date | None = Date(optional=True).field()
    name: str = Text().field(default="x")


def test_model_fields_accept_what_calculators_accept() -> None:
    f = Facility(population=120.0, area="1.2 ha", kind="Dark Red", opened="2020-05-01")
    assert f.population == 120 and type(f.population) is int
    assert f.area == Q_(12_000.0, "m**2")
    assert f.kind is Colour.DARK_RED and f.opened == dt.date(2020, 5, 1)
    assert Facility(3).kind is Colour.BLUE
    with pytest.raises(InputError, match=r"'population': 1 of 1 values are not whole numbers"):
        Facility(population=2.5)
    with pytest.raises(InputError, match=r"'population' must be numbers"):
        Facility(population="12")
    with pytest.raises(InputError, match="takes one value"):
        Facility(population=[1, 2])


def test_amount_field_metadata_carries_the_unit_for_serialization() -> None:
    from dpssec.boundary.fields import UNIT_METADATA_KEY

    assert attrs.fields(Facility).area.metadata[UNIT_METADATA_KEY] == "m**2"
    assert Amount("m").describe() == "an amount >= 0 [m]"


# -- declarations --------------------------------------------------------------------------


def test_declarations_are_readable_for_the_api_tests() -> None:
    info = calculator_info(occupancy)
    assert (
        info is not None
        and info.elementwise
        and info.array_parameters
        == (
            "population",
            "capacity",
        )
    )
    assert info.policies == ("raise", "propagate")
    declared = example_of(occupancy)
    assert declared is not None
    np.testing.assert_array_equal(declared.call(occupancy), [90.0, 120.0])
    assert calculator_info(share) is not None and calculator_info(share).policies == ("raise",)  # type: ignore[union-attr]


def test_example_decorator_on_classes() -> None:
    @example(3)
    @attrs.frozen
    class Thing:
        n: int

    assert example_of(Thing).call(Thing) == Thing(3)  # type: ignore[union-attr]


def test_unknown_parameter_in_a_declaration_fails_at_import() -> None:
    with pytest.raises(TypeError, match="has no parameter"):

        @calculator(nope=Count())
        def f(x: Any) -> Any:
            return x


def test_wrong_call_signature_is_an_input_error() -> None:
    with pytest.raises(InputError, match="occupancy: missing a required argument"):
        occupancy(1)  # type: ignore[call-arg]


def test_no_runtime_warning_leaks_from_the_kernel() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(InputError):
            occupancy(1e308, 1e-300)


def test_mass_spec_is_positional() -> None:
    assert Mass("lb").unit == "lb" and Amount("m**2").unit == "m**2"


# -- additions for tables, flags and multiple choices (mines) ------------------------------


class Device(enum.Enum):
    MINE = "mine"
    UXO = "uxo"
    CLUSTER = "cluster"


register_aliases(Device, {"unexploded ordnance": Device.UXO})


def test_choices_read_sequences_and_separated_text_in_choice_order() -> None:
    spec = Choices(Device)
    assert spec.convert("UXO; mine", "devices") == (Device.MINE, Device.UXO)
    assert spec.convert(["unexploded ordnance", "mine", "MINE"], "devices") == (
        Device.MINE,
        Device.UXO,
    )
    assert spec.convert(Device.CLUSTER, "devices") == (Device.CLUSTER,)
    assert spec.convert("", "devices") == ()
    with pytest.raises(InputError, match="'devices': 'moon' is not one of"):
        spec.convert(["mine", "moon"], "devices")
    for bad in ({"mine": 1}, 3, [["mine"]]):
        with pytest.raises(InputError, match="'devices' must be a list of"):
            spec.convert(bad, "devices")


def test_flags_take_booleans_only_one_or_one_per_item() -> None:
    spec = Flags(hint="Write [t == 1 for t in types].")
    assert spec.convert(True, "benefit") is True
    np.testing.assert_array_equal(spec.convert([True, np.bool_(False)], "benefit"), [True, False])
    with pytest.raises(InputError, match=r"item 1 is -1\. Write \[t == 1"):
        spec.convert([True, -1], "benefit")
    for bad in ("true", None, 1, [[True]]):
        with pytest.raises(InputError, match="'benefit' must"):
            spec.convert(bad, "benefit")


def test_text_may_be_allowed_empty() -> None:
    assert Text(empty=True).convert("  ", "location") == ""
    with pytest.raises(InputError, match="must be a text"):
        Text(empty=True).convert(3, "location")


def test_a_table_spec_refuses_one_value_and_locates_row_and_column() -> None:
    spec = Number(ndim=(2,), aligned=False)
    with pytest.raises(InputError, match="takes a 2-D table"):
        spec.convert(5, "matrix")
    frame = pd.DataFrame({"a": [1.0, 2.0], "b": [3.0, np.nan]}, index=["HA-1", "HA-2"])
    with pytest.raises(InputError, match=r"first at row 1, label 'HA-2', column 1: nan"):
        spec.convert(frame, "matrix")


def test_prepare_names_rows_by_given_labels_as_plain_text() -> None:
    ids = np.array(["A", "B"])  # numpy text: shown as 'B', not np.str_('B')
    with pytest.raises(InputError, match=r"index 1, label 'B': -1"):
        Count().prepare([1, -1], "recent_victims", index=ids)
    series = pd.Series([1, -1], index=pd.Index([2020, 2021]))
    with pytest.raises(InputError, match=r"label 2021: -1"):
        Count().prepare(series, "count")


@calculator(count=Count(), total=Count(positive=True), example={"count": [1, 2], "total": [4, 4]})
def _checked_share(count: Any, total: Any, *, nan_policy: str = "raise") -> Any:
    # a rule a declaration cannot express, leaving out the rows that will be NaN
    bad = count == total
    mask = missing_rows()
    if mask is not None:
        bad = bad & ~mask
    if np.any(bad):
        raise InputError("count equals total")
    return count / total


def test_missing_rows_lets_a_body_skip_the_rows_that_become_nan() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DataQualityWarning)
        # the missing count is filled with a stand-in; the body's rule does not see it
        result = _checked_share([np.nan, 1.0], [1, 4], nan_policy="propagate")
    assert np.isnan(result[0]) and result[1] == 0.25
    assert missing_rows() is None  # only inside a body
    with pytest.raises(InputError, match="count equals total"):
        _checked_share([4, 1], [4, 4])


@calculator(table=Number(ndim=(2,), aligned=False), example={"table": [[1.0, 2.0]]})
def _column_names(table: Any) -> Any:
    return column_labels("table")


def test_column_labels_of_a_dataframe_reach_the_body() -> None:
    assert _column_names(pd.DataFrame({"x": [1.0], "y": [2.0]})) == ["x", "y"]
    assert _column_names([[1.0, 2.0]]) is None


@attrs.frozen
class _AreaResult:
    area: Any
    share: Any

    PER_ELEMENT_FIELDS = ("area", "share")


@calculator(area=Area(), example={"area": [1.0, 2.0]})
def _areas(area: Any, *, nan_policy: str = "raise") -> _AreaResult:
    return _AreaResult(Q_(area, "m**2"), area / 2)


def test_dimensional_fields_of_a_result_follow_the_input_type() -> None:
    one = _areas("1 ha")
    assert one.area == Q_(10_000.0, "m**2") and isinstance(one.area.magnitude, float)
    series = _areas(pd.Series([1.0, 2.0], index=["a", "b"]))
    assert list(series.area.index) == ["a", "b"] and series.area.attrs["units"] == "meter ** 2"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DataQualityWarning)
        gaps = _areas([1.0, np.nan], nan_policy="propagate")
    assert np.isnan(gaps.area.magnitude[1]) and np.isnan(gaps.share[1])


@calculator(matrix=Number(ndim=(2,), aligned=False), elementwise=False, example={"matrix": [[1.0]]})
def _column_sums(matrix: Any) -> Any:
    return matrix.sum(axis=0)


def test_a_table_that_overflows_is_refused_not_returned_as_inf() -> None:
    with pytest.raises(InputError, match=r"results are not finite \(index 0: inf\) although"):
        _column_sums([[1e308, 1.0], [1e308, 1.0]])


def test_values_equal_compares_arrays_lists_and_quantities() -> None:
    from dpssec.boundary.fields import VALUES_EQ, values_equal

    @attrs.frozen
    class Holder:
        values: Any = attrs.field(eq=VALUES_EQ)

    assert Holder(np.array([1.0, np.nan])) == Holder([1.0, np.nan])
    assert Holder(np.array([1.0])) != Holder(np.array([1.0, 2.0]))
    assert values_equal(Q_([1.0], "m"), Q_([1.0], "m")) and not values_equal(Q_(1, "m"), 1.0)


@attrs.frozen
class Stock:
    name: str = Text().field()
    count: int = Count().field(default=0)
    devices: tuple[Device, ...] = Choices(Device).field(default=())


def test_spec_fields_read_json_with_their_rules() -> None:
    from dpssec.errors import SchemaError
    from dpssec.serialization import from_dict, from_json, to_json

    stock = Stock("depot", 2.0, "mine; uxo")
    assert stock.count == 2 and from_json(to_json(stock), Stock) == stock
    with pytest.raises(SchemaError, match=r"'count': 1 of 1 values are negative.*@ \$\.count"):
        from_dict({"name": "depot", "count": -1}, Stock)


def test_canonical_units_skipped_at_declaration_are_units_pint_knows() -> None:
    from dpssec.boundary.specs import _CANONICAL_UNITS
    from dpssec.units import ureg

    for unit in _CANONICAL_UNITS:
        ureg.Unit(unit)
    with pytest.raises(Exception, match="kgg"):
        Amount("kgg")


# -- samples, labels, grouping, values omitted by the body ---------------------------------


@calculator(
    a=Number(sample="a"), b=Number(sample="b"), elementwise=False, example={"a": [1], "b": [2]}
)
def two_samples(a: Any, b: Any, *, nan_policy: str = "raise") -> Any:
    return float(np.sum(a)) - float(np.sum(b))


def test_samples_align_within_themselves_and_omit_their_own_rows() -> None:
    assert two_samples([1.0, 2.0, 3.0], [1.0]) == 5.0
    with pytest.warns(DataQualityWarning, match="omitted 1 of 3 rows"):
        assert two_samples([1.0, np.nan, 3.0], [1.0, 2.0], nan_policy="omit") == 1.0
    with pytest.raises(TypeError, match="element-wise but has two samples"):
        calculator(a=Number(sample="a"), b=Number(sample="b"))(lambda a, b: a)


def test_labels_are_one_per_row_and_may_be_missing() -> None:
    from dpssec.boundary import Labels

    np.testing.assert_array_equal(Labels().convert([1, "1", 2], "by"), ["1", "1", "2"])
    with pytest.raises(InputError, match="one label per row"):
        Labels().convert("north", "by")
    with pytest.raises(InputError, match=r"1 of 2 labels are missing \(first at index 1"):
        Labels().convert(["a", None], "by")
    with pytest.raises(InputError, match="a label must be text"):
        Labels().convert(["a", ["b"]], "by")


@calculator(x=Number(), by=Labels(optional=True), group_by="by", example={"x": [1, 2]})
def grouped_sum(x: Any, *, by: Any = None, nan_policy: str = "raise") -> Any:
    if by is None:
        return x * 1.0
    return np.array([x[by == key].sum() for key in np.unique(by)])


def test_group_by_makes_the_call_a_reduction() -> None:
    series = pd.Series([1.0, 2.0, 4.0], index=["p", "q", "r"])
    assert isinstance(grouped_sum(series), pd.Series)
    out = grouped_sum(series, by=["a", "b", "a"])
    assert isinstance(out, np.ndarray) and out.tolist() == [5.0, 2.0]
    with pytest.raises(InputError, match="with by= the rows are summed"):
        grouped_sum([1.0, np.nan], by=["a", "b"], nan_policy="propagate")
    with pytest.warns(DataQualityWarning, match="omitted 1 of 3 rows"):
        assert grouped_sum([1.0, np.nan, 2.0], by=["a", "a", "b"], nan_policy="omit").tolist() == [
            1.0,
            2.0,
        ]


@calculator(values=Number(ndim=(1, 2), aligned=False), elementwise=False, omits="values")
def mean_of_present(values: Any, *, nan_policy: str = "raise") -> Any:
    return float(np.nanmean(values))


def test_omits_values_hands_missing_values_to_the_body() -> None:
    assert mean_of_present([[1.0, np.nan], [3.0, 5.0]], nan_policy="omit") == 3.0
    with pytest.raises(InputError, match=r"missing \(NaN\).*first at row 0, column 1"):
        mean_of_present([[1.0, np.nan], [3.0, 5.0]])


def test_arrays_only_refuse_a_scalar_and_nested_lists_are_inspected() -> None:
    with pytest.raises(
        InputError, match=r"takes a 1-D sequence or a 2-D table \(rows x columns\); got one value"
    ):
        mean_of_present(5.0)
    with pytest.raises(InputError, match="got the boolean True"):
        mean_of_present([[1.0, True], [3.0, 5.0]])


def test_min_max_reads_a_long_column_once_with_the_same_answer() -> None:
    from dpssec.boundary.arrays import min_max

    values = np.random.default_rng(1).normal(size=1_000_003)
    assert min_max(values) == (values.min(), values.max())
    values[700_000] = np.nan
    low, high = min_max(values)
    assert np.isnan(low) and np.isnan(high)


def test_results_that_blank_values_on_purpose_are_not_overflows() -> None:
    @attrs.frozen
    class Blanked:
        PER_ELEMENT_FIELDS = ("value", "flag")
        BLANKED_WHERE = "flag"
        value: Any
        flag: Any

    @calculator(x=Number())
    def blank_big(x: Any) -> Any:
        flag = x > 1e300
        return Blanked(np.where(flag, np.nan, x), flag)

    out = blank_big([1.0, 1e307])
    assert np.isnan(out.value[1]) and out.flag.tolist() == [False, True]


def test_ragged_rows_of_dates_are_refused_by_name() -> None:
    with pytest.raises(InputError, match=r"'created' takes .* rows of different lengths"):
        Date().convert(
            [[dt.date(2020, 1, 1), dt.date(2020, 1, 2)], [dt.date(2020, 1, 3)]], "created"
        )
