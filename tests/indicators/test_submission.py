"""Reading submissions: four languages, NA and NAP, decimals, lines, errors with their place."""

from __future__ import annotations

import pytest

from dpssec.errors import InputError, SchemaError
from dpssec.indicators import SUBMISSION_SCHEMA, Cell, Submission, read_submission
from dpssec.indicators.disaggregations import (
    age_band,
    age_bands_complete,
    parse_disaggregation,
    split_disaggregation,
)
from dpssec.io import read_table


def test_headers_in_four_languages_and_a_decimal_comma() -> None:
    for header in (
        "state;year;indicator;disaggregation;value;source",
        "país;año;indicador;desagregación;valor;fuente",
        "país;ano;indicador;desagregação;valor;fonte",
        "pays;année;indicateur;ventilation;valeur;source",
    ):
        text = f"{header}\nHaití;2024;ocupación;total;454,4;WPB\nHTI;2024;prison_population;Sexo: mujeres;1.234;WPB\n"
        cells = read_submission(text.encode("utf-8")).cells
        assert cells[0] == Cell("HTI", 2024, "occupancy", "total", 454.4, "present", 1, "WPB", 2)
        assert cells[1].indicator == "prison_population"
        assert cells[1].disaggregation == "sex:female"
        assert cells[1].value == 1234.0 and cells[1].decimals == 0


def test_na_and_nap_are_kept_distinct() -> None:
    text = (
        "state,year,indicator,value\n"
        "JAM,2020,occupancy,NA\n"
        "JAM,2021,occupancy,n/d\n"
        "JAM,2022,occupancy,\n"
        "JAM,2023,occupancy,NAP\n"
        "JAM,2019,occupancy,No aplica\n"
        "JAM,2018,occupancy,sans objet\n"
    )
    statuses = [(c.year, c.status, c.value) for c in read_submission(text.encode())]
    assert statuses == [
        (2020, "NA", None),
        (2021, "NA", None),
        (2022, "NA", None),
        (2023, "NAP", None),
        (2019, "NAP", None),
        (2018, "NAP", None),
    ]


def test_decimals_as_written() -> None:
    text = "state,year,indicator,value\nVEN,2019,occupancy,167.66\nVEN,2018,occupancy,121\nVEN,2017,occupancy,121.0\n"
    assert [c.decimals for c in read_submission(text.encode())] == [2, 0, 1]


def test_every_bad_cell_is_reported_with_its_line() -> None:
    text = (
        "state,year,indicator,value\n"
        "Atlantis,2020,occupancy,90\n"
        "JAM,20x0,occupancy,90\n"
        "JAM,2020,occupancy,ninety\n"
        "JAM,2020,occupancy,true\n"
    )
    with pytest.raises(SchemaError) as raised:
        read_submission(text.encode(), name="jam.csv")
    message = str(raised.value)
    assert "line 2, column 'state': 'Atlantis' is not the ISO 3166 code" in message
    assert "line 3, column 'year'" in message
    assert "line 4, column 'value': 'ninety' is not a number, NA or NAP" in message
    assert "line 5" in message
    assert len(raised.value.errors) == 4


def test_missing_column_named() -> None:
    with pytest.raises(InputError, match="missing column"):
        read_submission(b"state,year,value\nJAM,2020,3\n")


def test_dataframe_table_and_submission_inputs() -> None:
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame(
        {
            "State": ["ven", "Venezuela"],
            "Year": [2019, 2019.0],
            "Indicator": ["occupancy", "Occupancy_pct"],
            "value": [167.66, float("nan")],
        },
        index=[36, 37],
    )
    submission = read_submission(frame, name="prisons.csv")
    assert submission.source == "prisons.csv"
    assert [(c.state, c.value, c.status, c.line, c.decimals) for c in submission] == [
        ("VEN", 167.66, "present", 36, 2),
        ("VEN", None, "NA", 37, None),
    ]
    table = read_table(frame, SUBMISSION_SCHEMA)
    assert read_submission(table).cells == submission.cells
    assert read_submission(submission) is submission
    assert len(submission) == 2 and isinstance(submission, Submission)
    assert list(submission.to_frame()["state"]) == ["VEN", "VEN"]


def test_a_boolean_value_column_is_refused_not_read_as_one() -> None:
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame(
        {"state": ["JAM"], "year": [2020], "indicator": ["prison_population"], "value": [True]}
    )
    with pytest.raises(SchemaError, match=r"row 0, column 'value': True is a boolean"):
        read_submission(frame)


def test_a_table_of_another_schema_is_refused() -> None:
    from dpssec.boundary import Count
    from dpssec.io import Column, Schema

    other = read_table(b"capacity\n3\n", Schema("x", (Column("capacity", Count()),)))
    with pytest.raises(InputError, match="SUBMISSION_SCHEMA"):
        read_submission(other)


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        (None, "total"),
        ("", "total"),
        ("Todos", "total"),
        ("sexe=femmes", "sex:female"),
        ("Hombres", "sex:male"),
        ("gender: not stated", "sex:unknown"),
        ("situación jurídica: condenados", "status:sentenced"),
        ("prisión preventiva", "status:remand"),
        ("resultado: muertos", "outcome:killed"),
        ("blessés", "outcome:injured"),
        ("0 - 17", "age:0-17"),
        ("idade: 65 e mais", "age:65+"),
        ("age: desconocida", "age:unknown"),
        ("sex:female; age:0-17", "age:0-17;sex:female"),
        ("region: Norte", "region:norte"),
    ],
)
def test_disaggregations(text: str | None, canonical: str) -> None:
    assert parse_disaggregation(text) == canonical


def test_age_bands() -> None:
    assert age_band("15-24") == (15, 24)
    assert age_band("80+") == (80, None)
    assert age_band("24-15") is None
    assert age_bands_complete(["0-14", "15-64", "65+", "unknown"])
    assert not age_bands_complete(["0-14", "65+"])
    assert not age_bands_complete(["0-14", "15-64"])
    assert not age_bands_complete(["0-14", "10-64", "65+"])
    assert split_disaggregation("age:0-17;sex:female") is None
