"""dpssec.io: reading tables as ministries send them."""

from __future__ import annotations

import datetime as dt
import enum
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from dpssec.boundary import Area, Choice, Count, Date, Flag, Number, Text, Year
from dpssec.errors import InputError, SchemaError
from dpssec.io import Column, Schema, Table, read_table


class Status(enum.Enum):
    OPEN = "open"
    CLOSED = "closed"


SCHEMA = Schema(
    "facilities",
    (
        Column("name", Text(), es="nombre", pt="nome", fr="nom"),
        Column("country", Text(), es="país", pt="país", fr="pays"),
        Column("capacity", Count(), es="capacidad", pt="capacidade", fr="capacité"),
        Column("population", Count(), es="población", pt="população", fr="population"),
        Column("opened", Year(), es="año de apertura", required=False),
        Column("area", Area(), es="superficie", required=False),
        Column("status", Choice(Status), es="estado", required=False),
        Column("surveyed", Date(), es="fecha", required=False),
        Column("public", Flag(), es="público", required=False),
        Column("rate", Number(), es="tasa", required=False),
    ),
)

ROWS = [
    (
        "Centro Norte",
        "Perú",
        "1200",
        "1358",
        "2001.0",
        "1.2 ha",
        "open",
        "2024-01-31",
        "sí",
        "12.5",
    ),
    ("Técnica", "México", "850", "900", "1999", "9000", "Closed", "2023-12-31", "no", "7.25"),
]
HEADERS_ES = (
    "nombre",
    "país",
    "capacidad",
    "población",
    "año de apertura",
    "superficie",
    "estado",
    "fecha",
    "público",
    "tasa",
)


def _csv(delimiter: str = ",", decimal: str = ".", headers: tuple[str, ...] = HEADERS_ES) -> str:
    lines = [delimiter.join(headers)]
    for row in ROWS:
        cells = list(row)
        if decimal == ",":
            for k in (4, 5, 9):  # the numeric cells written with a decimal point
                cells[k] = cells[k].replace(".", ",")
        lines.append(delimiter.join(cells))
    return "\n".join(lines) + "\n"


def _check(table: Table) -> None:
    assert list(table["name"]) == ["Centro Norte", "Técnica"]
    assert list(table["country"]) == ["Perú", "México"]
    np.testing.assert_array_equal(table["capacity"], [1200, 850])
    np.testing.assert_array_equal(table["opened"], [2001, 1999])
    np.testing.assert_allclose(table["area"], [12_000.0, 9000.0])
    assert list(table["status"]) == [Status.OPEN, Status.CLOSED]
    assert table["surveyed"][0] == np.datetime64("2024-01-31")
    assert list(table["public"]) == [True, False]
    np.testing.assert_allclose(table["rate"], [12.5, 7.25])


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("cp1252", b""), ("latin-1", b"")],
)
def test_encodings_are_detected(tmp_path: Path, encoding: str, bom: bytes) -> None:
    path = tmp_path / "facilities.csv"
    path.write_bytes(bom + _csv().encode(encoding))
    table = read_table(path, SCHEMA)
    _check(table)
    assert table.encoding in ({"utf-8": "utf-8-sig"}[encoding] if bom else encoding, "cp1252")


def test_semicolons_and_decimal_commas(tmp_path: Path) -> None:
    path = tmp_path / "facilities.csv"
    path.write_text(_csv(";", ","), encoding="utf-8")
    table = read_table(path, SCHEMA)
    assert (table.delimiter, table.decimal) == (";", ",")
    _check(table)


@pytest.mark.parametrize(
    "headers",
    [
        (
            "Nome",
            "País",
            "Capacidade",
            "População",
            "ano",
            "area",
            "status",
            "surveyed",
            "public",
            "rate",
        ),
        (
            "Nom",
            "Pays",
            "Capacité",
            "Population",
            "opened",
            "AREA",
            "Status",
            "Surveyed",
            "PUBLIC",
            "Rate",
        ),
    ],
)
def test_headers_in_four_languages(headers: tuple[str, ...]) -> None:
    text = _csv(headers=headers)
    table = read_table(text.encode(), SCHEMA, columns={"ano": "opened"})
    _check(table)


def test_user_mapping_and_its_errors() -> None:
    text = "Nombre,País,Cupo,Presos\nA,Perú,10,12\n"
    table = read_table(text.encode(), SCHEMA, columns={"Cupo": "capacity", "Presos": "population"})
    assert table["capacity"][0] == 10 and table.header["Cupo"] == "capacity"
    with pytest.raises(InputError, match="has no field 'cupo'"):
        read_table(text.encode(), SCHEMA, columns={"Cupo": "cupo"})


def test_missing_columns_list_the_expected_ones_and_suggest() -> None:
    with pytest.raises(
        InputError,
        match=r"missing column\(s\) capacity.*'capacity' may be the column 'capacty'.*Expected columns: name, country, capacity",
    ):
        read_table(b"name,country,capacty,population\nA,PER,1,1\n", SCHEMA)


def test_unknown_columns_are_refused_with_a_suggestion_but_sources_are_ignored() -> None:
    with pytest.raises(InputError, match=r"unknown column\(s\) 'populaton_x'"):
        read_table(b"name,country,capacity,population,populaton_x\nA,PER,1,1,3\n", SCHEMA)
    table = read_table(
        b"name,country,capacity,population,source,notes\nA,PER,1,1,UNODC,x\n", SCHEMA
    )
    assert len(table) == 1


def test_every_bad_cell_is_reported_with_line_column_and_value() -> None:
    text = (
        "name,country,capacity,population,opened\n# comment\nA,PER,1x,2,2001\n\nB,PER,3,-4,2001.5\n"
    )
    with pytest.raises(SchemaError) as info:
        read_table(text.encode(), SCHEMA)
    message = str(info.value)
    assert "3 problem(s)" in message
    assert "line 3, column 'capacity': '1x' is not a number" in message
    assert "line 5, column 'population': '-4' is negative" in message
    assert "line 5, column 'opened': '2001.5' is not a whole number" in message
    assert len(info.value.errors) == 3


def test_extra_cells_beyond_the_header_are_not_dropped_silently() -> None:
    with pytest.raises(SchemaError, match=r"line 2.*'9' is an extra cell"):
        read_table(b"name,country,capacity,population\nA,PER,1,2,9\n", SCHEMA)


def test_missing_markers_read_as_nan() -> None:
    table = read_table(b"name,country,capacity,population\nA,PER,,2\nB,PER,n/a,3\n", SCHEMA)
    assert np.isnan(table["capacity"]).all()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the file is empty"),
        (b"   \n\n", "the file is empty"),
        (b"# only a comment\n", "no header row"),
        (b"\x00\x01\x02\xff\xfe\x00binary", "binary file|encoding"),
    ],
)
def test_unreadable_files_are_input_errors(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "x.csv"
    path.write_bytes(content)
    with pytest.raises(InputError, match=message):
        read_table(path, SCHEMA)


def test_missing_file_directory_and_unknown_format(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_table(tmp_path / "nope.csv", SCHEMA)
    with pytest.raises(InputError, match="is a directory"):
        read_table(tmp_path, SCHEMA)
    odd = tmp_path / "x.ods"
    odd.write_bytes(b"x")
    with pytest.raises(InputError, match="cannot tell the format"):
        read_table(odd, SCHEMA)
    with pytest.raises(InputError, match="must be a file path"):
        read_table(3, SCHEMA)


def test_excel(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["# facilities of the ministry"])
    sheet.append(list(HEADERS_ES))
    for row in ROWS:
        cells: list[Any] = list(row)
        cells[2], cells[3], cells[4] = int(row[2]), float(row[3]), float(row[4])
        cells[7] = dt.datetime.fromisoformat(row[7])
        cells[9] = float(row[9])
        sheet.append(cells)
    path = tmp_path / "facilities.xlsx"
    book.save(path)
    table = read_table(path, SCHEMA)
    _check(table)
    assert list(table.lines) == [3, 4]
    with pytest.raises(InputError, match="no sheet 'x'"):
        read_table(path, SCHEMA, sheet="x")


def test_parquet_and_dataframe(tmp_path: Path) -> None:
    pd = pytest.importorskip("pandas")
    pytest.importorskip("pyarrow")
    frame = pd.DataFrame([list(r) for r in ROWS], columns=list(HEADERS_ES))
    frame["capacidad"] = frame["capacidad"].astype(int)
    frame["año de apertura"] = frame["año de apertura"].astype(float)
    frame["tasa"] = frame["tasa"].astype(float)
    _check(read_table(frame, SCHEMA))
    path = tmp_path / "facilities.parquet"
    frame.to_parquet(path)
    _check(read_table(path, SCHEMA))
    frame.loc[1, "capacidad"] = -3
    with pytest.raises(SchemaError, match=r"row 1, column 'capacidad': -3.0 is negative"):
        read_table(frame, SCHEMA)


def test_builder_returns_the_domain_object() -> None:
    schema = Schema("counts", (Column("n", Count()),), build=lambda t: int(t["n"].sum()))
    assert read_table(b"n\n1\n2\n", schema) == 3


def test_table_frame_rows_and_equality() -> None:
    pytest.importorskip("pandas")
    table = read_table(_csv().encode(), SCHEMA)
    assert table == read_table(_csv().encode(), SCHEMA)
    assert list(table.to_frame().columns)[:2] == ["name", "country"]
    assert next(table.rows())["capacity"] == 1200.0
    with pytest.raises(KeyError, match="has no column 'nope'"):
        table["nope"]


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("estado,Condición\nherido,Civil\n", "cp1252"),
        ("país;São Paulo;Québec;naïve;€\n", "cp1252"),
        ("Привет мир, это тест кодировки\n", "cp1251"),
    ],
)
def test_short_legacy_files_decode_as_written(text: str, encoding: str) -> None:
    from dpssec.io import decode

    assert decode(text.encode(encoding)) == (text, encoding)


def test_a_refused_choice_shows_the_cell_once() -> None:
    with pytest.raises(SchemaError) as info:
        read_table(b"name,country,capacity,population,status\nA,PER,1,1,wounded\n", SCHEMA)
    assert "'wounded' is not one of" in str(info.value)
    assert "'wounded' 'wounded'" not in str(info.value)


def test_boolean_dataframe_columns_reach_the_spec_as_booleans() -> None:
    """A bool column is not turned into 1.0 / 0.0 before its spec sees it: a number column
    refuses it, a flag column takes it."""
    pd = pytest.importorskip("pandas")
    schema = Schema("flags", (Column("count", Count()), Column("open", Flag())))
    table = read_table(pd.DataFrame({"count": [3, 4], "open": [True, False]}), schema)
    assert table["open"].tolist() == [True, False]
    with pytest.raises(SchemaError, match="count"):
        read_table(pd.DataFrame({"count": [True, False], "open": [True, False]}), schema)
