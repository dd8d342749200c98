"""Registers as columns and the CSV/JSON readers: row-numbered errors."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dpssec.arms.firearms import (
    FirearmRecord,
    FirearmRegister,
    FirearmStatus,
    read_register,
    read_register_csv,
    read_register_json,
    write_register_csv,
)
from dpssec.errors import InputError, SchemaError

DATA = Path(__file__).parents[1] / "data" / "arms"


def test_csv_bad_rows_are_all_reported_with_their_row() -> None:
    with pytest.raises(SchemaError) as info:
        read_register(DATA / "firearms_bad_rows.csv")
    errors = info.value.errors
    joined = "\n".join(errors)
    assert "row 2 (line 3), serial_number: empty serial number" in joined
    assert "row 3 (line 4), country_of_manufacture: 'XX' is not an ISO 3166-1" in joined
    assert "row 4 (line 5), year_of_manufacture: '19x5' is not a whole year" in joined
    assert "row 5 (line 6) repeats row 1 (line 2)" in joined
    assert "row 6 (line 7), import_year: 2010 is before the year of manufacture 2012" in joined
    assert "row 7 (line 8), parameter 'status': 'missing' is not one of 'in stock'" in joined
    assert len(errors) == 6
    assert str(info.value).startswith("firearms_bad_rows.csv: 6 problem(s): row 2 (line 3)")


def test_json_bad_rows_name_row_and_path() -> None:
    with pytest.raises(SchemaError) as info:
        read_register(DATA / "firearms_bad_rows.json")
    assert info.value.errors[0].startswith("row 2: ")
    assert info.value.errors[0].endswith("@ $[1].serial_number")
    assert info.value.errors[1].startswith("row 3: ")
    assert "@ $[2].import_country" in info.value.errors[1]


def test_register_iterates_over_records() -> None:
    csv_register = read_register(DATA / "firearms_register.csv")
    records = list(csv_register)
    assert len(records) == len(csv_register) > 0
    assert all(isinstance(r, FirearmRecord) for r in records)
    assert records[1] == csv_register.record(1)
    assert all(r.marks is None for r in records)  # a CSV register records no marks
    json_register = read_register(DATA / "firearms_register.json")
    assert [r.serial_number for r in json_register] == [
        json_register.record(i).serial_number for i in range(len(json_register))
    ]
    assert FirearmRegister.from_records(json_register).records == json_register.records


def test_json_register_keeps_marks() -> None:
    register = read_register(DATA / "firearms_register.json")
    assert len(register) == 3
    first = register.record(0)
    assert first.country_of_manufacture == "AUT"
    assert len(first.marks) == 5
    assert register.record(2).status is FirearmStatus.LOST_OR_STOLEN
    wrapped = io.StringIO('{"records": [{"serial_number": "A", "manufacturer": "B", "model": ""}]}')
    assert len(read_register_json(wrapped)) == 1
    with pytest.raises(SchemaError, match="not valid JSON"):
        read_register_json(io.StringIO("[{"))
    with pytest.raises(SchemaError, match="register has no records"):
        read_register_json(io.StringIO('{"records": []}'))
    with pytest.raises(SchemaError, match="expected a list of records"):
        read_register_json(io.StringIO('{"rows": []}'))


def csv(text: str) -> FirearmRegister:
    return read_register_csv(io.StringIO(text), source="sheet")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "the file is empty"),
        ("serial_number,manufacturer\n", "sheet: register has no records"),
        ("serial_number,manufacturer,model\r\n", "sheet: register has no records"),
        ("serial_number,model\nA,1\n", r"missing column\(s\) manufacturer\. Expected columns"),
        ("serial_number,manufacturer,serial_no\nA,B,C\n", r"unknown column\(s\) 'serial_no' \(did you mean 'serial_number'\?\)"),
        ("serial_number,manufacturer,model,model\nA,B,C,D\n", "columns 'model' and 'model' both give 'model'"),
        ("serial_number,manufacturer\nA,B,C\n", "line 2, column .* 'C' is an extra cell: the row has 3 cells, the header 2"),
        ("Número de serie;Fabricante\nA;B\nA;B\n", "row 2 (line 3) repeats row 1 (line 2)"),
        ("serial_number,manufacturer,year_of_manufacture\nA,B,1066\n", "row 1 (line 2), year_of_manufacture: 1066 is not a plausible"),
        (f"serial_number,manufacturer,import_year\nA,B,{dt.date.today().year + 1}\n", "not a plausible year"),
        ("serial_number,manufacturer,year_of_manufacture\nA,B,2001.5\n", "'2001.5' is not a whole year"),
        ("serial_number,manufacturer,import_country\nA,B,Narnia\n", "row 1 (line 2), import_country: 'Narnia'"),
        ("serial_number,manufacturer\nA, \n", "row 1 (line 2), manufacturer: empty manufacturer"),
        ("serial_number,manufacturer\nA,B\n--,B\n", "row 2 (line 3), serial_number: '--' has no letters or digits"),
        ("serial_number,manufacturer\n - ,B\n", "row 1 (line 2), serial_number: '-' has no letters or digits"),
        ("serial_number,manufacturer,model\nA,/,1\n", "row 1 (line 2), manufacturer: '/' has no letters or digits"),
        ("serial_number,manufacturer,model\nA,B,-\n", "row 1 (line 2), model: '-' has no letters or digits"),
    ],
)  # fmt: skip
def test_csv_errors(text: str, message: str) -> None:
    with pytest.raises(SchemaError, match=re.escape(message) if "(line" in message else message):
        csv(text)


def test_csv_errors_give_the_file_line_even_after_a_multiline_cell() -> None:
    # A quoted cell spanning two lines shifts the file line away from row + 1.
    text = 'serial_number,manufacturer,model\nA,B,"75\nB"\n,C,1\nA,B,"75\nB"\n'
    with pytest.raises(SchemaError) as info:
        csv(text)
    assert info.value.errors == [
        "row 2 (line 4), serial_number: empty serial number",
        "row 3 (line 5) repeats row 1 (line 2) (same values in every column)",
    ]
    with pytest.raises(SchemaError, match=r"line 4, column '\(beyond the header\)'"):
        csv('serial_number,manufacturer,model\nA,B,"75\nB"\nC,D,E,F\n')


def test_blank_lines_and_short_rows_are_read() -> None:
    # Spreadsheets leave blank lines and drop trailing empty cells: neither loses a record.
    register = csv("serial_number,manufacturer,model\nA,B\n\nC,D,E\n")
    assert len(register) == 2 and register.record(0).model == ""
    assert register.rows.tolist() == [1, 2]


def test_many_bad_rows_are_counted_not_all_listed() -> None:
    text = "serial_number,manufacturer\n" + "".join(f" ,G{i}\n" for i in range(50))
    with pytest.raises(SchemaError) as info:
        csv(text)
    assert str(info.value).startswith("sheet: 50 problem(s): row 1 (line 2), serial_number: empty")
    assert len(info.value.errors) == 21
    assert info.value.errors[-1] == "... and 30 more such row(s)"


def test_extra_columns_can_be_ignored_and_source_is_allowed() -> None:
    text = "serial_number,manufacturer,colour,source\nA,B,black,synthetic\n"
    register = read_register_csv(io.StringIO(text), ignore_extra_columns=True)
    assert register.record(0) == FirearmRecord("A", "B", "")


def test_empty_values_mean_not_recorded_and_names_are_accepted() -> None:
    register = csv(
        "serial_number,manufacturer,model,country_of_manufacture,year_of_manufacture,status\n"
        "A,B,,,,\nC,D,M,Estados Unidos,1999,Lost/Stolen\n"
    )
    assert register.record(0) == FirearmRecord("A", "B", "")
    second = register.record(1)
    assert (second.country_of_manufacture, second.year_of_manufacture) == ("USA", 1999)
    assert second.status is FirearmStatus.LOST_OR_STOLEN


def test_csv_round_trip(tmp_path: Path) -> None:
    register = read_register(DATA / "firearms_register.csv")
    path = tmp_path / "out.csv"
    write_register_csv(register, path)
    again = read_register(path)
    assert [again.record(i) for i in range(len(again))] == [
        register.record(i) for i in range(len(register))
    ]


def test_from_columns_and_take() -> None:
    register = FirearmRegister.from_columns(
        serial_number=np.array(["A1", "A2", "A3"]),
        manufacturer=["G", "G", "G"],
        year_of_manufacture=[2001, 0, 2003],
        rows=[10, 11, 12],
    )
    part = register.take([2, 0])
    assert part.rows.tolist() == [12, 10]
    assert part.record(0).year_of_manufacture == 2003
    assert register.record(1).year_of_manufacture is None
    assert "3 records" in repr(register)
    assert register.statuses() == [FirearmStatus.IN_STOCK] * 3
    with pytest.raises(InputError, match="2 values for 3 serial numbers"):
        FirearmRegister.from_columns(serial_number=["A", "B", "C"], manufacturer=["G", "G"])
    with pytest.raises(SchemaError, match="row 11, year_of_manufacture: 1200"):
        FirearmRegister.from_columns(
            serial_number=["A", "B"],
            manufacturer=["G", "G"],
            year_of_manufacture=[2000, 1200],
            rows=[10, 11],
        )
    with pytest.raises(InputError, match="expected a FirearmRecord"):
        FirearmRegister.from_records(["A1"])  # type: ignore[list-item]


def test_format_is_taken_from_the_extension() -> None:
    with pytest.raises(SchemaError, match="cannot tell the format"):
        read_register(DATA / "firearms_README.md")
    register = read_register(io.StringIO("serial_number,manufacturer\nA,B\n"), format="CSV")
    assert len(register) == 1


@settings(max_examples=60)
@given(st.text(alphabet=" \t-/._:,;\\|A0", max_size=5))
def test_separators_only_refused_exactly_when_the_matching_form_is_empty(serial: str) -> None:
    from dpssec.arms.firearms import normalise_serial

    refused = bool(serial.strip()) and not normalise_serial(serial)
    if refused:
        with pytest.raises(SchemaError, match=r"serial_number: .* has no letters or digits"):
            FirearmRegister.from_columns(serial_number=[serial], manufacturer=["CZ"])
    elif serial.strip():
        assert len(FirearmRegister.from_columns(serial_number=[serial], manufacturer=["CZ"])) == 1
