"""Models whose fields are built from dpssec.boundary specs round-trip through JSON.

A spec field's converter is an ``attrs.Converter`` that takes the field (so messages name it);
reading JSON must call it the same way ``__init__`` does, and report a bad value at its path.
"""

from __future__ import annotations

import datetime as dt
import enum

import attrs
import pytest

from dpssec.boundary import Choice, Count, Date, Number, Text
from dpssec.errors import SchemaError
from dpssec.serialization import from_json, to_json


class Kind(enum.Enum):
    A = "a"
    B = "b"


@attrs.frozen
class Record:
    name: str = Text().field()
    count: int = Count().field()
    day: dt.date = Date().field()
    kind: Kind = Choice(Kind).field(default="a")
    age: float | None = Number(lower=0, upper=120, optional=True).field()


def test_spec_fields_round_trip() -> None:
    record = Record("x", 3, "2020-01-31", age=5)
    assert from_json(to_json(record), Record) == record
    assert from_json(to_json(Record("y", 0, dt.date(2021, 1, 1))), Record).age is None


def test_spec_field_refusal_is_reported_at_its_path() -> None:
    text = to_json(Record("x", 3, "2020-01-31", age=5)).replace("5.0", "130")
    with pytest.raises(SchemaError, match=r"above 120.*@ \$\.age"):
        from_json(text, Record)
