"""Row specs (Labels, OpenDate), dates under nan_policy, scalar reductions, spec fields in JSON."""

from __future__ import annotations

import datetime as dt
import enum
import warnings
from typing import Any

import attrs
import numpy as np
import pytest

from dpssec.boundary import Count, Date, Number, OpenDate, Text, TextLabels, calculator
from dpssec.errors import DataQualityWarning, InputError, SchemaError
from dpssec.serialization import from_json, to_json


def test_labels() -> None:
    assert TextLabels().convert(["Norte", " Sur ", 101, 7.0], "court").tolist() == [
        "Norte",
        "Sur",
        "101",
        "7",
    ]
    assert TextLabels().convert("Norte", "court").item() == "Norte"
    with pytest.raises(InputError, match=r"1 of 2 rows have no label \(first at index 0\)"):
        TextLabels().convert([None, "a"], "court")
    with pytest.raises(InputError, match="must be labels"):
        TextLabels().convert(["a", True], "court")
    with pytest.raises(InputError, match="an empty label"):
        TextLabels().convert(["a", "  "], "court")


def test_labels_of_a_choice_read_from_a_table_are_its_values() -> None:
    class Kind(enum.Enum):
        MANUFACTURE = "manufacture"
        IMPORT = 2

    assert TextLabels().convert([Kind.MANUFACTURE, Kind.IMPORT], "kinds").tolist() == [
        "manufacture",
        "IMPORT",
    ]
    assert TextLabels().convert(Kind.MANUFACTURE, "kinds").item() == "manufacture"


def test_labels_align_and_are_dropped_with_their_row() -> None:
    @calculator(values=Number(), group=TextLabels(), elementwise=False)
    def total(values: Any, group: Any, *, nan_policy: str = "raise") -> Any:
        return {g: float(values[group == g].sum()) for g in sorted(set(group.tolist()))}

    with pytest.warns(DataQualityWarning, match="omitted 1 of 3"):
        out = total([1.0, np.nan, 3.0], ["a", "b", "a"], nan_policy="omit")
    assert out == {"a": 4.0}
    with pytest.raises(InputError, match="lengths differ"):
        total([1.0, 2.0], ["a", "b", "c"])
    pd = pytest.importorskip("pandas")
    with pytest.raises(InputError, match="indexes"):
        total(pd.Series([1.0, 2.0], index=["x", "y"]), pd.Series(["a", "b"], index=["x", "z"]))


def test_open_date_keeps_empty_as_open_not_missing() -> None:
    @calculator(start=Date(), end=OpenDate(), elementwise=False)
    def still_open(start: Any, end: Any, *, nan_policy: str = "raise") -> int:
        return int(np.isnat(end).sum())

    assert still_open(["2023-01-01"] * 3, ["2023-02-01", None, ""]) == 2
    with pytest.raises(InputError, match="not a date"):
        still_open(["2023-01-01"], ["soon"])
    with pytest.raises(InputError, match="missing"):
        still_open([None], [None])


def test_dates_under_propagate() -> None:
    @calculator(day=Date())
    def month(day: Any, *, nan_policy: str = "raise") -> Any:
        return day.astype("datetime64[M]").astype(int) % 12 + 1

    with pytest.warns(DataQualityWarning, match="1 of 2 rows"):
        out = month(["2023-05-01", None], nan_policy="propagate")
    assert out[0] == 5 and np.isnan(out[1])


def test_a_reduction_to_one_number_is_a_python_scalar() -> None:
    @calculator(values=Number(), elementwise=False)
    def total(values: Any, *, nan_policy: str = "raise") -> Any:
        return values.sum()

    out = total([1.0, 2.5])
    assert out == 3.5 and type(out) is float


@attrs.frozen
class Court:
    name: str = Text().field()
    opened: dt.date = Date().field()
    judges: int = Count().field(default=1)


def test_models_built_from_specs_read_back_from_json() -> None:
    court = Court("Penal 1", "2001-03-05", judges=4)
    assert from_json(to_json(court), Court) == court
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(SchemaError, match=r"negative .*@ \$\.judges"):
            from_json('{"name": "x", "opened": "2001-03-05", "judges": -2}', Court)
        with pytest.raises(SchemaError, match=r"\$\.name"):
            from_json('{"name": "  ", "opened": "2001-03-05"}', Court)
