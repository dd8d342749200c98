"""The five shared tables read through the public layer, as sent and in the variants ministries
produce: Latin-1 (Windows-1252), UTF-8 with a byte-order mark (Excel's "CSV UTF-8"), semicolons
with decimal commas (Spanish, Portuguese and French spreadsheets), Excel, Parquet and a pandas
DataFrame. No glue: one call of :func:`dpssec.io.read_table` with the domain's schema.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import numpy as np
import pytest

from dpssec.io import Schema, Table, read_table
from dpssec.justice import CRIMINAL_JUSTICE_SCHEMA, PRISONS_LONG_SCHEMA, PRISONS_SCHEMA
from dpssec.mines import MINE_ACTION_SCHEMA
from dpssec.prevention import HOMICIDE_SCHEMA

DATA = Path(__file__).parents[1] / "data" / "exchange"

TABLES: dict[str, Schema] = {
    "prisons.csv": PRISONS_SCHEMA,
    "prisons_long.csv": PRISONS_LONG_SCHEMA,
    "homicide.csv": HOMICIDE_SCHEMA,
    "mine_action_americas.csv": MINE_ACTION_SCHEMA,
    "criminal_justice_extra.csv": CRIMINAL_JUSTICE_SCHEMA,
}

# A number column of each table, and the value of its first non-empty cell.
CHECKS = {
    "prisons.csv": ("prison_population_total", 241.0),
    "prisons_long.csv": ("value", 249.46),
    "homicide.csv": ("rate_per_100k", 1.5856279),
    "mine_action_americas.csv": ("number", 46_024_965.0),
    "criminal_justice_extra.csv": ("value", 3880.0),
}


def _rows(name: str) -> list[list[str]]:
    text = (DATA / name).read_text(encoding="utf-8")
    return list(csv.reader(io.StringIO(text, newline="")))


def _first_number(table: Table, column: str) -> float:
    values = table[column]
    return float(values[~np.isnan(values)][0])


def _semicolons(rows: list[list[str]]) -> str:
    """As a Spanish spreadsheet saves it: ';' between cells, ',' as the decimal mark."""

    def cell(text: str) -> str:
        try:
            float(text)
        except ValueError:
            return text
        return text.replace(".", ",")

    out = io.StringIO()
    csv.writer(out, delimiter=";", lineterminator="\r\n").writerows(
        [[cell(c) for c in row] for row in rows]
    )
    return out.getvalue()


@pytest.mark.parametrize("name", sorted(TABLES))
def test_the_shared_table_reads_as_sent(name: str) -> None:
    table = read_table(DATA / name, TABLES[name])
    rows = _rows(name)
    assert len(table) == len(rows) - 1
    column, first = CHECKS[name]
    assert _first_number(table, column) == pytest.approx(first)
    assert table.encoding == "utf-8" and table.delimiter == ","
    assert all(code is not None for code in table["iso3"])


@pytest.mark.parametrize("variant", ["latin-1", "utf-8-bom", "semicolon-decimal-comma"])
@pytest.mark.parametrize("name", sorted(TABLES))
def test_the_variants_ministries_send_read_the_same(
    name: str, variant: str, tmp_path: Path
) -> None:
    original = read_table(DATA / name, TABLES[name])
    text = (DATA / name).read_text(encoding="utf-8")
    path = tmp_path / name
    if variant == "latin-1":
        # Windows-1252: characters outside it (a typographic dash) are written as '?'
        path.write_bytes(text.encode("cp1252", errors="replace"))
    elif variant == "utf-8-bom":
        path.write_bytes(text.encode("utf-8-sig"))
    else:
        path.write_bytes(_semicolons(_rows(name)).encode("cp1252", errors="replace"))
    table = read_table(path, TABLES[name])
    assert len(table) == len(original)
    for field, values in original.columns.items():
        if values.dtype.kind == "f":
            np.testing.assert_allclose(table[field], values, rtol=1e-12, err_msg=field)
    assert list(table["iso3"]) == list(original["iso3"])
    if variant == "semicolon-decimal-comma":
        assert table.delimiter == ";"
        fractions = any(
            values.dtype.kind == "f" and np.any(np.nan_to_num(values) % 1 != 0)
            for values in original.columns.values()
        )
        assert table.decimal == ("," if fractions else ".")  # whole numbers give no evidence
    elif variant == "utf-8-bom":
        assert table.encoding == "utf-8-sig"
    else:  # pure ASCII is valid UTF-8 as well
        assert table.encoding == ("utf-8" if text.isascii() else "cp1252")


@pytest.mark.parametrize("name", sorted(TABLES))
def test_the_shared_table_reads_from_excel_parquet_and_a_dataframe(
    name: str, tmp_path: Path
) -> None:
    pd = pytest.importorskip("pandas")
    pytest.importorskip("openpyxl")
    pytest.importorskip("pyarrow")
    original = read_table(DATA / name, TABLES[name])
    frame = pd.read_csv(DATA / name, dtype=str, keep_default_na=False)
    excel = tmp_path / name.replace(".csv", ".xlsx")
    frame.to_excel(excel, index=False)
    parquet = tmp_path / name.replace(".csv", ".parquet")
    frame.to_parquet(parquet, index=False)
    numeric = pd.read_csv(DATA / name)  # as pandas reads it: floats, NaN, "2001.0" years
    for source in (excel, parquet, frame, numeric):
        table = read_table(source, TABLES[name])
        assert len(table) == len(original)
        column, first = CHECKS[name]
        assert _first_number(table, column) == pytest.approx(first)


def test_prisons_in_spanish_headers_read_as_in_english() -> None:
    rows = _rows("prisons.csv")
    spanish = {
        "iso3": "Código ISO3",
        "country": "País",
        "prison_population_total": "Población penitenciaria",
        "official_capacity": "Capacidad oficial",
        "occupancy_pct": "Porcentaje de ocupación",
        "note": "Nota",
        "source": "Fuente",
    }
    header = [spanish.get(h, h) for h in rows[0]]
    out = io.StringIO()
    csv.writer(out).writerows([header, *rows[1:]])
    table = read_table(out.getvalue().encode("cp1252", errors="replace"), PRISONS_SCHEMA)
    assert table.header["Capacidad oficial"] == "official_capacity"
    assert _first_number(table, "prison_population_total") == 241.0
